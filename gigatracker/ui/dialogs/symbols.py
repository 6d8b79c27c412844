"""Giving securities the Yahoo symbol that has quotes: one security (Change Symbol, with Yahoo's search
to pick a listing), or every security a broker's file named by ISIN at once (Find Yahoo Symbols). Yahoo is
asked in a worker; the dialogs only say what to rename, the window writes it."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout)

from ...core.checks import symbol_problem
from ...services.market.symbols import QUOTABLE, Listing, Suggestion
from ..workers import run_in_background
from .parts import ok_cancel, problem_label
from ..format import counted

Search = Callable[[str], list[Listing]]


def _listing_text(listing: Listing) -> str:
    where = listing.exchange_name or listing.exchange
    return f"{listing.symbol} — {listing.name} · {where}" + (f" · {listing.currency}" if listing.currency else "")


class ChangeSymbolDialog(QDialog):
    """A new symbol for one security, typed or picked among the listings Yahoo finds."""

    def __init__(self, symbol: str, name: str, isin: str, search: Search, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change symbol of %1").replace("%1", symbol))
        self.setMinimumWidth(520)
        self.symbol, self._search = symbol, search
        self.new_symbol = QLineEdit(self)
        self.query = QLineEdit(isin or name or symbol, self)
        self.find_button = QPushButton(self.tr("Find on Yahoo"), self)
        self.find_button.clicked.connect(self.find)
        self.listings = QListWidget(self)
        self.listings.currentItemChanged.connect(
            lambda item, _old: item is not None and self.new_symbol.setText(item.data(Qt.ItemDataRole.UserRole)))
        self.status = QLabel(self.tr("Your transactions, themes, prices and rules follow the new symbol; if the "
                                     "book already has it, the two are merged."), self)
        self.status.setWordWrap(True)
        self.problem = problem_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Security"), QLabel(f"{symbol} — {name}" if name else symbol, self))
        search_row = QHBoxLayout()
        search_row.addWidget(self.query, 1)
        search_row.addWidget(self.find_button)
        form.addRow(self.tr("Search"), search_row)
        form.addRow(self.tr("New symbol"), self.new_symbol)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.listings)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, self._accept))

    def find(self) -> None:
        query = self.query.text().strip()
        if not query:
            return
        self.find_button.setEnabled(False)
        self.problem.clear()
        self.status.setText(self.tr("Searching Yahoo…"))
        run_in_background(lambda: self._search(query), self._show, self._failed, context=self)

    def _show(self, listings: list[Listing]) -> None:
        self.find_button.setEnabled(True)
        self.listings.clear()
        for listing in listings:
            item = QListWidgetItem(_listing_text(listing), self.listings)
            item.setData(Qt.ItemDataRole.UserRole, listing.symbol)
        self.status.setText(counted(len(listings), self.tr("%1 listing found: pick it if you trade it."),
                                            self.tr("%1 listings found: pick the one you trade."))
                            if listings else self.tr("Yahoo found nothing: type the symbol yourself."))

    def _failed(self, error: Exception) -> None:
        self.find_button.setEnabled(True)
        self.status.clear()
        self.problem.setText(str(error))

    def _accept(self) -> None:
        new = self.new_symbol.text().strip()
        if not new:
            self.problem.setText(self.tr("Type a symbol, or pick a listing."))
            return
        if symbol_problem(new):  # the importers' rule, which the rename applies too
            self.problem.setText(self.tr("%1 is not a symbol: letters, digits, spaces and . - = ^ & : / only.")
                                 .replace("%1", new))
            return
        if new == self.symbol:
            self.problem.setText(self.tr("That is already its symbol."))
            return
        self.accept()

    def renamed_to(self) -> str:
        return self.new_symbol.text().strip()


class FindSymbolsDialog(QDialog):
    """Every security named by an ISIN, with the listing to use chosen where one clearly is."""

    KEEP = ""  # the choice "keep the ISIN"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Find Yahoo symbols"))
        self.resize(860, 420)
        self.suggestions: list[Suggestion] = []
        self.intro = QLabel(self.tr("Searching Yahoo for the securities your broker named by ISIN…"), self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("ISIN"), self.tr("Name"), self.tr("Traded in"),
                                              self.tr("Yahoo symbol"), self.tr("Why")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.problem = problem_label(self)
        self.buttons = ok_cancel(self, self._accept)
        self.buttons.button(self.buttons.StandardButton.Ok).setText(self.tr("Rename"))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def show_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.suggestions = suggestions
        self.table.setRowCount(len(suggestions))
        for row, s in enumerate(suggestions):
            for column, text in enumerate((s.symbol, s.name, s.currency)):
                self.table.setItem(row, column, QTableWidgetItem(text))
            choice = QComboBox(self.table)
            choice.addItem(self.tr("Keep the ISIN"), self.KEEP)
            for listing in s.listings:
                choice.addItem(_listing_text(listing), listing.symbol)
            choice.setCurrentIndex(max(0, choice.findData(s.choice or self.KEEP)))
            self.table.setCellWidget(row, 3, choice)
            self.table.setItem(row, 4, QTableWidgetItem(self._why(s)))
        chosen = sum(1 for s in suggestions if s.choice)
        self.intro.setText(self.tr("%1 securities are named by ISIN; a Yahoo listing was chosen for %2 (the one "
                                   "in the currency you traded, on the home exchange). Check, change, then "
                                   "rename.").replace("%1", str(len(suggestions))).replace("%2", str(chosen))
                           if suggestions else self.tr("No security is named by an ISIN: nothing to do."))
        self.buttons.button(self.buttons.StandardButton.Ok).setEnabled(bool(suggestions))

    def _why(self, s: Suggestion) -> str:
        """The service's reason, in the interface's language."""
        chosen = next((listing for listing in s.listings if listing.symbol == s.choice), None)
        if chosen is not None:
            return self.tr("the %1 listing on %2").replace("%1", s.currency).replace(
                "%2", chosen.exchange_name or chosen.exchange)
        if any(listing.kind in QUOTABLE for listing in s.listings):
            return self.tr("no listing in %1: choose one").replace("%1", s.currency)
        return self.tr("Yahoo has no quoted listing for this ISIN")

    def show_failure(self, error: Exception) -> None:
        self.intro.clear()
        self.problem.setText(str(error))

    def renames(self) -> dict[str, str]:
        chosen = {}
        for row, s in enumerate(self.suggestions):
            symbol = self.table.cellWidget(row, 3).currentData()
            if symbol != self.KEEP:
                chosen[s.symbol] = symbol
        return chosen

    def _accept(self) -> None:
        if not self.renames():
            self.problem.setText(self.tr("Choose a Yahoo symbol for at least one security."))
            return
        self.accept()
