"""The window's transaction actions: add (Ctrl+T, the holdings' context menu), edit and delete (the
transactions view), and import a broker's file (the import wizard). Each write goes through the
window's write path: the dialog stays open with the ledger's refusal next to its field, and an
accepted edit can be undone.

A book without an account asks for one first, and the transaction dialog follows for it. A transaction
added from the transactions page leaves focus on its table, the new row selected once the table shows
it (not on the filter field, which would take the next Ctrl+Z)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtWidgets import QDialog, QMessageBox

from ...app import operations as op
from ...core.ledger import Account
from ..dialogs.transaction import TransactionDialog
from ..format import counted

SELECT_WITHIN_MS = 10_000  # the new row is selected if the table shows it within this time


class TransactionActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.add_action = window.make_action(self.tr("&Add Transaction…"), lambda: self.add(), "Ctrl+T")
        self.import_action = window.make_action(self.tr("&Import Transactions…"), lambda: self.import_file(), "Ctrl+I")
        self.import_summary: QMessageBox | None = None  # the last import's summary, while shown
        self._selecting: int | None = None  # the id of the transaction added, until its row is selected
        self._listening = False  # to the table's resets, for that row

    def _dialog(self, new_account: Account | None = None, **kwargs) -> TransactionDialog:
        window = self.window
        accounts = list(window.data.accounts) if window.data else window.app.accounts()
        if new_account is not None and new_account.name not in {a.name for a in accounts}:
            accounts.append(new_account)  # just written: the window's data has not read it back yet
        return TransactionDialog(window.app, accounts, window.model.symbols(), parent=window, **kwargs)

    def add(self, preset: dict | None = None) -> TransactionDialog | None:
        window = self.window
        if window.accounts.needs_one(then=lambda account: self._add(preset, account)):
            return None
        return self._add(preset)

    def _add(self, preset: dict | None, new_account: Account | None = None) -> TransactionDialog:
        """The add dialog (for `new_account`, just created, if given)."""
        window = self.window
        if new_account is not None:
            preset = {**(preset or {}), "account": new_account.name}

        def submit(tx, done, refused) -> None:
            def saved(stored) -> None:
                self._added(stored)
                done(stored)
            window.writes.run(op.add_transaction(tx), saved, refused)
        dialog = self._dialog(new_account, preset=preset, submit=submit)
        dialog.open()
        return dialog

    def _added(self, stored) -> None:
        """On the transactions page, focus goes to the table (once the dialog has closed) and the new row is
        selected when the table shows it: Ctrl+Z then undoes the addition, as the Edit menu says."""
        window = self.window
        if window.current_page() != "transactions" or getattr(stored, "id", None) is None:
            return
        view, tx_id = window.transactions, stored.id
        self._selecting = tx_id
        QTimer.singleShot(0, view.table, lambda: view.table.setFocus(Qt.FocusReason.OtherFocusReason))
        if not self._select_added() and not self._listening:
            self._listening = True
            view.model.modelReset.connect(self._select_added)  # when the reload brings it
        QTimer.singleShot(SELECT_WITHIN_MS, self, lambda: self._stop_selecting() if self._selecting == tx_id else None)

    def _select_added(self) -> bool:
        view, tx_id = self.window.transactions, self._selecting
        row = view.model.display_row(tx_id) if tx_id is not None else -1
        if row < 0:
            return False  # not shown yet (or hidden by the filter)
        index = view.model.index(row, 0)
        view.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        view.table.scrollTo(index)
        self._stop_selecting()
        return True

    def _stop_selecting(self) -> None:
        self._selecting = None
        if self._listening:
            self._listening = False
            self.window.transactions.model.modelReset.disconnect(self._select_added)

    def edit(self, old) -> TransactionDialog:
        window = self.window
        dialog = self._dialog(existing=old, submit=lambda tx, done, refused: window.writes.run(
            op.edit_transaction(old.id, tx, seen=old), done, refused))
        dialog.open()
        return dialog

    def delete(self, tx, *, confirm: bool = True) -> None:
        window = self.window
        if confirm and QMessageBox.question(
                window, self.tr("Delete transaction"),
                self.tr("Delete the %1 of %2 in %3? You can undo it.").replace("%1", tx.type.value).replace(
                    "%2", str(tx.date)).replace("%3", tx.account)) != QMessageBox.StandardButton.Yes:
            return
        window.writes.run(op.delete_transaction(tx), None,
                          lambda error: QMessageBox.warning(window, self.tr("Delete transaction"), str(error)))

    def import_file(self, new_account: Account | None = None) -> None:
        """The import wizard; in a book without an account, once the account it asks for is made (as for a
        transaction, the wizard follows for it)."""
        window = self.window
        if window.app is None or (new_account is None and
                                  window.accounts.needs_one(then=lambda account: self.import_file(account))):
            return  # (with the account just made: the window's data may not have read it back yet)
        from ..dialogs.import_wizard import ImportWizard  # the importers' presets: loaded when first used

        accounts = [(a.name, a.currency) for a in window.data.accounts] if window.data else []
        if new_account is not None and new_account.name not in {name for name, _ in accounts}:
            accounts.append((new_account.name, new_account.currency))  # not read back by the window yet
        wizard = ImportWizard(window.app, accounts, window)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return
        choice = wizard.choice()
        window.statusBar().showMessage(self.tr("Importing %1 …").replace("%1", choice.file))
        window.writes.run(op.plain("import", choice.file, lambda app: (choice.run(app), app.isin_named())),
                          self._imported, self._refused)

    def _imported(self, imported) -> None:
        self._importing_done()
        result, isins = imported
        text = self.tr("%1 rows read: %2 added, %3 skipped as already imported.").replace(
            "%1", str(result.rows)).replace("%2", str(result.added)).replace("%3", str(result.skipped))
        if result.ignored:
            text += " " + self.tr("%1 lines not imported (listed in the check).").replace(
                "%1", str(len(result.ignored)))
        reconciliation = result.reconciliation
        if reconciliation is not None and reconciliation.agrees:
            text += " " + self.tr("The book agrees with the file's own figures.")
        elif reconciliation is not None:
            text += " " + counted(len(reconciliation.differences),
                                  self.tr("%1 difference with the file's own figures (details below)."),
                                  self.tr("%1 differences with the file's own figures (details below)."))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import transactions"), text, parent=self.window)
        if reconciliation is not None and not reconciliation.agrees:
            box.setDetailedText("\n".join(str(difference) for difference in reconciliation.differences))
        box.addButton(QMessageBox.StandardButton.Ok)
        if isins:  # a broker's file named them by ISIN: Yahoo quotes them under their listing's symbol
            box.setInformativeText(self.tr("%1 securities are named by ISIN and get no quotes until they "
                                           "have their Yahoo symbol.").replace("%1", str(len(isins))))
            find = box.addButton(self.tr("Find Yahoo Symbols…"), QMessageBox.ButtonRole.ActionRole)
            find.clicked.connect(self.window.symbols.find_symbols)
        self.import_summary = box
        box.open()

    def _importing_done(self) -> None:
        """The "Importing …" line goes once the import has answered (it stayed for as long as nothing else
        replaced it)."""
        bar = self.window.statusBar()
        if bar.currentMessage().startswith(self.tr("Importing %1 …").split("%1")[0]):
            bar.clearMessage()

    def _refused(self, error: Exception) -> None:
        self._importing_done()
        lines = getattr(error, "problems", None) or [str(error)]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Import refused"),
                          counted(len(lines), self.tr("Nothing was imported. %1 problem:"),
                                  self.tr("Nothing was imported. %1 problems:")),
                          parent=self.window)
        box.setDetailedText("\n".join(map(str, lines)))
        box.setInformativeText("\n".join(map(str, lines[:10])))
        box.exec()
