"""The window's one way to write: an app operation (app/operations.py) run on the store writer, off the
GUI thread and in the order asked; progress shown while it runs; a refusal shown (nothing was written);
an operation that can be undone goes on the undo stack. The views refresh from the change events the
write publishes, which name who started it.

Undo and redo run the operation's inverse on the same writer, so they never overtake the write they
undo, and may be pressed again before the last one is done. They are not offered while a new write is
under way: its command joins the stack when the write is done, and an Undo pressed before would undo the
step before it. If a step is refused (the book changed meanwhile), the user is told, the history, which
no longer matches the book, is cleared, and the steps asked for after it are skipped.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox

from ..app.operations import Operation, Outcome
from .failures import error_text
from .workers import run_write


def _templates() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {"add_transaction": translate("Undo", "Add %1"), "edit_transaction": translate("Undo", "Edit %1"),
            "delete_transaction": translate("Undo", "Delete %1"),
            "assign_themes": translate("Undo", "Themes of %1"),
            "add_account": translate("Undo", "New account %1"),
            "edit_account": translate("Undo", "Edit account %1"),
            "delete_account": translate("Undo", "Delete account %1"),
            "base_currency": translate("Undo", "Base currency %1"),
            "rename_symbol": translate("Undo", "Rename %1"),
            "add_theme": translate("Undo", "Add theme %1"), "edit_theme": translate("Undo", "Edit theme %1"),
            "rename_theme": translate("Undo", "Move theme %1"),
            "add_rule": translate("Undo", "Add rule %1"), "delete_rule": translate("Undo", "Delete rule %1")}


def label(operation: Operation) -> str:
    """What the Edit menu says after Undo / Redo, in the user's language (an & in a name stays one)."""
    return _templates().get(operation.kind, "%1").replace("%1", operation.subject.replace("&", "&&"))


class Writes(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.undo_stack = stack = QUndoStack(self)
        self._pending = 0  # new writes asked for and not yet done
        self._epoch = 0  # bumped when the history is cleared after a refused step
        self._halted = -1  # the epoch whose remaining steps are skipped (set on the writer thread)
        self.undo_action = QAction(self.tr("&Undo"), window)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo_stack.undo)
        self.redo_action = QAction(self.tr("&Redo"), window)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.undo_stack.redo)
        for signal in (stack.indexChanged, stack.canUndoChanged, stack.canRedoChanged, stack.undoTextChanged,
                       stack.redoTextChanged):
            signal.connect(self._offer)
        self._offer()

    def _offer(self) -> None:
        """Undo and Redo name their step, and are enabled only when no new write is under way."""
        stack, idle = self.undo_stack, self._pending == 0
        for action, can, text, prefix in ((self.undo_action, stack.canUndo(), stack.undoText(), self.tr("&Undo")),
                                          (self.redo_action, stack.canRedo(), stack.redoText(), self.tr("&Redo"))):
            action.setEnabled(can and idle)
            action.setText(f"{prefix} {text}" if can and text else prefix)

    def _started(self) -> None:
        self._pending += 1
        self.window.set_busy(+1)
        self._offer()

    def _finished(self) -> None:
        self._pending -= 1
        self.window.set_busy(-1)
        self._offer()

    def run(self, operation: Operation, on_done: Callable[[object], None] | None = None,
            on_refused: Callable[[Exception], None] | None = None, *, origin: str = "window") -> None:
        """`on_done` gets the operation's result; `on_refused` the error (default: a warning box)."""
        app = self.window.app
        self._started()

        def done(outcome: Outcome) -> None:
            if outcome.inverse is not None:
                self.undo_stack.push(_Undoable(self, outcome))
            self._finished()
            if on_done is not None:
                on_done(outcome.result)

        def refused(error: Exception) -> None:
            self._finished()
            (on_refused or self.show_refusal)(error)

        run_write(lambda: app.run(operation, origin=origin), done, refused, context=self.window)

    def show_refusal(self, error: Exception) -> None:
        QMessageBox.warning(self.window, "GigaTracker", error_text(error))

    def _step(self, command: "_Undoable", origin: str) -> None:
        app, window, epoch = self.window.app, self.window, self._epoch

        def job() -> Outcome | None:
            if self._halted == epoch:
                return None  # a step before it was refused: the history it belonged to is gone
            try:
                outcome = app.run(command.next, origin=origin)
            except Exception:
                self._halted = epoch
                raise
            command.next = outcome.inverse  # set on the writer thread, before the next step runs there
            return outcome

        def refused(error: Exception) -> None:
            window.set_busy(-1)
            self._epoch += 1
            self.undo_stack.clear()
            QMessageBox.warning(window, "GigaTracker", self.tr(
                "Could not undo or redo: %1\nThe undo history was cleared.").replace("%1", error_text(error)))

        window.set_busy(+1)
        run_write(job, lambda _outcome: window.set_busy(-1), refused, context=window)

    def clear(self) -> None:
        self.undo_stack.clear()


class _Undoable(QUndoCommand):
    """An operation already done (pushed after it succeeded, so the first `redo` does nothing)."""

    def __init__(self, writes: Writes, outcome: Outcome):
        super().__init__(label(outcome.operation))
        self.writes, self.next, self._pushed = writes, outcome.inverse, True

    def redo(self) -> None:
        if self._pushed:
            self._pushed = False
            return
        self.writes._step(self, "redo")

    def undo(self) -> None:
        self.writes._step(self, "undo")
