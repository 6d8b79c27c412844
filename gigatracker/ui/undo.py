"""Undoable edits: transactions, a security's theme weights, an account's settings. Each step runs on the store writer (off the GUI thread, in order);
the views refresh from the change events the writes publish.

A command is pushed after its first run succeeded (the dialog waits for the write to validate), so its
first `redo` does nothing. If an undo or redo is refused later (the book changed meanwhile), `on_failed`
tells the user and the window clears the history, which no longer matches the book.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..app import App
from ..core.ledger import Account, Transaction
from .workers import run_write


class WriteCommand(QUndoCommand):
    def __init__(self, text: str, forward: Callable[[], object], backward: Callable[[], object],
                 on_failed: Callable[[Exception], None]):
        super().__init__(text)
        self._forward, self._backward, self._on_failed = forward, backward, on_failed
        self._done = True

    def redo(self) -> None:
        if self._done:  # the first run happened before the push
            self._done = False
            return
        run_write(self._forward, lambda _result: None, self._on_failed)

    def undo(self) -> None:
        run_write(self._backward, lambda _result: None, self._on_failed)


def _label(tx: Transaction) -> str:
    return f"{tx.type.value} {tx.symbol or ''} {tx.date}".replace("  ", " ")


def _delete_and_restore(app: App, tx_id: int, row: dict | None):
    """Deleting a transaction and putting it back, remembering its row (and its id, which a restore may
    change) between the two."""
    state = {"id": tx_id, "row": row}

    def delete():
        state["row"] = app.delete_transaction(state["id"])

    def restore():
        state["id"] = app.restore_transaction(state["row"])

    return delete, restore


def added(app: App, tx: Transaction, on_failed) -> WriteCommand:
    """`tx` as stored, with its id."""
    delete, restore = _delete_and_restore(app, tx.id, None)
    return WriteCommand(QCoreApplication.translate("Undo", "Add %1").replace("%1", _label(tx)), restore, delete,
                        on_failed)


def edited(app: App, tx_id: int, old: Transaction, new: Transaction, on_failed) -> WriteCommand:
    return WriteCommand(QCoreApplication.translate("Undo", "Edit %1").replace("%1", _label(new)),
                        lambda: app.update_transaction(tx_id, new, allow_future=True),  # both accepted once
                        lambda: app.update_transaction(tx_id, old, allow_future=True),
                        on_failed)


def deleted(app: App, tx: Transaction, row: dict, on_failed) -> WriteCommand:
    delete, restore = _delete_and_restore(app, tx.id, row)
    return WriteCommand(QCoreApplication.translate("Undo", "Delete %1").replace("%1", _label(tx)), delete, restore,
                        on_failed)


def themes_assigned(app: App, symbol: str, taxonomy: str, before: dict[str, int], after: dict[str, int],
                    on_failed) -> WriteCommand:
    """A security's weights in a taxonomy, and back to what they were (none: no theme)."""
    def specs(weights: dict[str, int]) -> list[str]:
        return [f"{path}={bp}" for path, bp in weights.items()]
    return WriteCommand(QCoreApplication.translate("Undo", "Themes of %1").replace("%1", symbol),
                        lambda: app.themes.assign(symbol, specs(after), taxonomy=taxonomy),
                        lambda: app.themes.assign(symbol, specs(before), taxonomy=taxonomy), on_failed)


def account_edited(app: App, old: Account, new: Account, on_failed) -> WriteCommand:
    """An account's name, portfolio, cost basis and short selling, and back."""
    def change(source: Account, target: Account):
        return lambda: app.update_account(source.name, new_name=target.name, portfolio=target.portfolio,
                                          cost_basis=target.cost_basis, short_selling=target.short_selling)
    return WriteCommand(QCoreApplication.translate("Undo", "Edit account %1").replace("%1", new.name),
                        change(old, new), change(new, old), on_failed)
