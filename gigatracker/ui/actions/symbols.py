"""The window's symbol actions: change one security's symbol (Holdings → Change Symbol…), and find the
Yahoo listing of every security a broker's file named by ISIN (Quotes → Find Yahoo Symbols…). Yahoo is
searched in workers; the renames are one all-or-nothing write through the window's write path, undone
exactly (a merge into a symbol the book had comes apart)."""
from __future__ import annotations

from PySide6.QtCore import QObject

from ...app import operations as op
from ..dialogs.symbols import ChangeSymbolDialog, FindSymbolsDialog
from ..workers import run_in_background


class SymbolActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.find_action = window.make_action(self.tr("Find &Yahoo Symbols for ISINs…"), self.find_symbols)

    def change_symbol(self, symbol: str) -> ChangeSymbolDialog:
        window, app = self.window, self.window.app
        info = window.data.exposure.data.master.get(symbol) if window.data else None
        dialog = ChangeSymbolDialog(symbol, info.name if info else "", info.isin if info else "",
                                    app.market.search_listings, window)
        dialog.accepted.connect(lambda: self._rename({symbol: dialog.renamed_to()}))
        dialog.open()
        return dialog

    def find_symbols(self) -> FindSymbolsDialog:
        app = self.window.app
        dialog = FindSymbolsDialog(self.window)
        run_in_background(app.market.suggest_symbols, dialog.show_suggestions, dialog.show_failure, context=dialog)
        dialog.accepted.connect(lambda: self._rename(dialog.renames()))
        dialog.open()
        return dialog

    def _rename(self, renames: dict[str, str]) -> None:
        def done(moved: dict[str, int]) -> None:
            self.window.statusBar().showMessage(self.tr("%1 renamed (%2 transactions)").replace(
                "%1", ", ".join(f"{old} → {new}" for old, new in renames.items())).replace(
                "%2", str(sum(moved.values()))), 10_000)

        self.window.writes.run(op.rename_securities(renames), done)
