"""A close typed by hand: for a security Yahoo does not quote (an unlisted fund, a bond) or a day it missed.
The symbol offers the book's securities (any other may be typed), the currency follows the one chosen."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QLineEdit, QVBoxLayout

from ...core.money import CURRENCIES
from ..format import date_format, parse_decimal_input
from .parts import ok_cancel, problem_label


class PriceDialog(QDialog):
    def __init__(self, currencies: dict[str, str], symbol: str | None = None, parent=None):
        """`currencies`: each security of the book and the currency it trades in."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a Price"))
        self.currencies = currencies
        self.symbol = QComboBox(self)
        self.symbol.setEditable(True)
        self.symbol.addItems(sorted(currencies))
        self.symbol.setCurrentText(symbol or "")
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat(date_format())
        self.close_field = QLineEdit(self)
        self.close_field.setPlaceholderText(self.tr("the closing price"))
        self.currency = QComboBox(self)
        self.currency.addItems(sorted(CURRENCIES))
        self.symbol.currentTextChanged.connect(self._follow_symbol)
        self._follow_symbol(self.symbol.currentText())
        form = QFormLayout()
        form.addRow(self.tr("Symbol"), self.symbol)
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Close"), self.close_field)
        form.addRow(self.tr("Currency"), self.currency)
        self.problem = problem_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, self._accept))

    def _follow_symbol(self, symbol: str) -> None:
        if symbol.strip() in self.currencies:
            self.currency.setCurrentText(self.currencies[symbol.strip()])

    def price(self) -> tuple[str, date, Decimal, str]:
        """(symbol, day, close, currency); ValueError says what is missing."""
        symbol = self.symbol.currentText().strip()
        if not symbol:
            raise ValueError(self.tr("Give the security's symbol."))
        try:
            close = parse_decimal_input(self.close_field.text())
        except ValueError:
            close = None
        if close is None or close <= 0:
            raise ValueError(self.tr("Give the close as a positive number."))
        return symbol, self.day.date().toPython(), close, self.currency.currentText()

    def _accept(self) -> None:
        try:
            self.price()
        except ValueError as error:
            self.problem.setText(str(error))
            return
        self.accept()
