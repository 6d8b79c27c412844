"""The window's one way to write: an app operation (app/operations.py) run on the store writer, off the
GUI thread and in the order asked; progress shown while it runs; a refusal shown (nothing was written);
an operation that can be undone goes on the undo stack. The views refresh from the change events the
write publishes, which name who started it.

Undo and redo run the operation's inverse on the same writer, so they never overtake the write they
undo, and may be pressed again before the last one is done. They are not offered while a new write is
under way: its command joins the stack when the write is done, and an Undo pressed before would undo the
step before it. If a step is refused (the book changed meanwhile), the user is told, the history, which
no longer matches the book, is cleared, and the steps asked for after it are skipped.

Their keys (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y where bound) reach the book's history wherever focus is in the
window, except in a text field with typing of its own to undo or redo: that typing goes first, and the
Edit menu says so (`UndoKeys`). An empty field, or one with nothing left to undo, no longer swallows them.
"""
from __future__ import annotations

from typing import Callable, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QMenu, QMenuBar, QMessageBox,
                               QPlainTextEdit, QTextEdit, QWidget)
from shiboken6 import isValid

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
            signal.connect(self.offer)
        self.keys = UndoKeys(self, window)
        self.offer()

    def offer(self) -> None:
        """Undo and Redo name their step, and are enabled only when no new write is under way. While the
        focused text field has typing of its own to undo (redo), the entry says its key does that."""
        stack, idle = self.undo_stack, self._pending == 0
        own_undo, own_redo = self.keys.own_history()
        for action, can, text, prefix, own, hint in (
                (self.undo_action, stack.canUndo(), stack.undoText(), self.tr("&Undo"), own_undo,
                 self.tr("%1 undoes typing in the field")),
                (self.redo_action, stack.canRedo(), stack.redoText(), self.tr("&Redo"), own_redo,
                 self.tr("%1 redoes typing in the field"))):
            action.setEnabled(can and idle)
            entry = f"{prefix} {text}" if can and text else prefix
            if can and own:
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText).replace("&", "&&")
                entry += f" ({hint.replace('%1', key)})"
            action.setText(entry)

    def _started(self) -> None:
        self._pending += 1
        self.window.set_busy(+1)
        self.offer()

    def _finished(self) -> None:
        self._pending -= 1
        self.window.set_busy(-1)
        self.offer()

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


def _text_field(widget: QWidget | None) -> QLineEdit | QPlainTextEdit | QTextEdit | None:
    """The editable text a focused widget types into (a spin box's or an editable combo box's line edit)."""
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit() if widget.isEditable() else None
    elif isinstance(widget, QAbstractSpinBox):
        widget = None if widget.isReadOnly() else widget.findChild(QLineEdit)
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
        return widget
    return None


def own_history(widget: QWidget | None) -> tuple[bool, bool]:
    """Whether a focused text field has typing of its own to undo, and to redo."""
    field = _text_field(widget)
    if isinstance(field, QLineEdit):
        return field.isUndoAvailable(), field.isRedoAvailable()
    if field is not None and field.isUndoRedoEnabled():
        document = field.document()
        return document.isUndoAvailable(), document.isRedoAvailable()
    return False, False


class UndoKeys(QObject):
    """Undo and redo keys for the book's history wherever focus is in the window. A text field accepts
    them for itself (Qt's shortcut override) even when it has nothing to undo, so the focused one is
    watched: its override is turned down unless it has typing of its own to undo (redo), and the Edit
    menu hears when that changes."""

    def __init__(self, writes: Writes, window: QWidget):
        super().__init__(writes)
        self.writes, self.window = writes, window
        self.field: QWidget | None = None  # the window's focused text field (or the spin/combo box holding it)
        self._signals: list = []  # the field's signals after which its own undo or redo may have changed
        cast(QApplication, QApplication.instance()).focusChanged.connect(self._focus_changed)

    def own_history(self) -> tuple[bool, bool]:
        return own_history(self.field) if self.field is not None and isValid(self.field) else (False, False)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if not isValid(self.window) or isinstance(now, (QMenuBar, QMenu)):
            return  # the Edit menu speaks of the field it was opened from
        field = now if now is not None and now.window() is self.window and _text_field(now) is not None else None
        if field is not self.field:
            self._watch(field)
        self.writes.offer()

    def _watch(self, field: QWidget | None) -> None:
        old, self.field = self.field, field
        if old is not None and isValid(old):
            old.removeEventFilter(self)
            for signal in self._signals:
                signal.disconnect(self.writes.offer)
        self._signals = _changes(field) if field is not None else []
        if field is not None:
            field.installEventFilter(self)
            for signal in self._signals:
                signal.connect(self.writes.offer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and watched is self.field:
            pressed = QKeySequence(cast(QKeyEvent, event).keyCombination())
            own_undo, own_redo = own_history(self.field)
            for action, own in ((self.writes.undo_action, own_undo), (self.writes.redo_action, own_redo)):
                if pressed in action.shortcuts() and not own:
                    return True  # turned down, not accepted: the key triggers the window's action
        return False


def _changes(widget: QWidget) -> list:
    """The signals after which the field's own undo or redo may have changed."""
    field = _text_field(widget)
    if isinstance(field, QLineEdit):
        return [field.textChanged]
    if field is not None:
        return [field.undoAvailable, field.redoAvailable]
    return []
