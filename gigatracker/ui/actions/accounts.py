"""The window's account actions (Book menu): new, edit, delete. The writes run on the store writer; a
refusal (a name taken, an account with transactions, short selling turned off with a short open) is
shown and nothing is written; each can be undone. A book without accounts asks for one before a
transaction or an import; what was asked for can follow once the account exists (the transaction dialog
does)."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ...app import operations as op
from ...core.ledger import Account
from ..dialogs.account import AccountDialog


class AccountActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.new_action = window.make_action(self.tr("New &Account…"), lambda: self.new_account())
        self.edit_action = window.make_action(self.tr("&Edit Account…"), lambda: self.edit_account())
        self.delete_action = window.make_action(self.tr("&Delete Account…"), lambda: self.delete_account())

    def actions(self):
        return [self.new_action, self.edit_action, self.delete_action]

    def needs_one(self, then: Callable[[Account], None] | None = None) -> bool:
        """True (and the new-account dialog opened) if the book has no account yet; `then` gets the account
        once it is written."""
        data = self.window.data
        if data is None or data.accounts:
            return False
        self._say(self.tr("Create an account first: every transaction belongs to one."))
        self.new_account(then)
        return True

    def new_account(self, then: Callable[[Account], None] | None = None) -> AccountDialog:
        """`then` gets the new account once it is written (nothing if it is refused or cancelled)."""
        window, data = self.window, self.window.data
        dialog = AccountDialog(data.portfolios if data else [], [a.name for a in data.accounts] if data else [],
                               data.snapshot.base_currency if data else window.app.base_currency, window)

        def create() -> None:
            portfolio, name, currency, cost_basis, short_selling = dialog.choice()
            account = Account(name, portfolio, currency, cost_basis, short_selling)
            said = self.tr("Account %1 added to %2.").replace("%1", name).replace("%2", portfolio)

            def done(_result) -> None:
                self._say(said)
                if then is not None:
                    then(account)
            window.writes.run(op.add_account(account), done)

        dialog.accepted.connect(create)
        dialog.open()
        return dialog

    def edit_account(self, name: str | None = None) -> AccountDialog | None:
        name = name or self._choose(self.tr("Edit account"))
        if name is None:
            return None
        window, data = self.window, self.window.data
        existing = next(a for a in data.accounts if a.name == name)
        dialog = AccountDialog(data.portfolios, [a.name for a in data.accounts], data.snapshot.base_currency, window,
                               existing=existing)

        def save() -> None:
            portfolio, new_name, _currency, cost_basis, short_selling = dialog.choice()
            done = self.tr("Account %1 saved.").replace("%1", new_name)
            window.writes.run(op.edit_account(name, new_name=new_name, portfolio=portfolio, cost_basis=cost_basis,
                                              short_selling=short_selling), lambda _new: self._say(done))

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    def delete_account(self, name: str | None = None, *, confirm: bool = True) -> None:
        name = name or self._choose(self.tr("Delete account"))
        if name is None or confirm and QMessageBox.question(
                self.window, self.tr("Delete account"), self.tr("Delete the account %1?").replace("%1", name)
        ) != QMessageBox.StandardButton.Yes:
            return
        done = self.tr("Account %1 deleted.").replace("%1", name)
        self.window.writes.run(op.delete_account(name), lambda _result: self._say(done))

    def _choose(self, title: str) -> str | None:
        data = self.window.data
        names = [a.name for a in data.accounts] if data else []
        if not names:
            self._say(self.tr("This book has no account yet."))
            return None
        name, ok = QInputDialog.getItem(self.window, title, self.tr("Account:"), names, 0, False)
        return name if ok else None

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)
