"""Add or edit one transaction. Fields show and hide with the type; each is checked as the user types
(the ledger's own rules: `check_transaction` at once, then the whole book in a worker, so an oversell is
shown before anything is written). OK hands the transaction to `submit`, which writes it off the GUI
thread; a refusal comes back next to its field and the dialog stays open."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from ...app import App
from ...core.checks import input_problems
from ...core.ledger import (AMOUNT_TYPES, PRICED_TYPES, SECURITY_TYPES, TRANSFER_TYPES, Account, LedgerError,
                            Transaction, TxType, check_transaction)
from ...core.money import CURRENCIES
from ..appearance import ERROR_COLOUR
from ..format import format_decimal, parse_decimal_input
from ..models.transactions import type_label
from ..workers import run_in_background
from .parts import ok_cancel, problem_label

DECIMAL_FIELDS = ("quantity", "price", "amount", "fees", "taxes", "fx_rate", "ratio")
CHECK_DELAY_MS = 250

# Cash-only types that may name the security they concern (a dividend, a withholding tax and its refund…).
SYMBOL_OPTIONAL = {TxType.DIVIDEND, TxType.INTEREST, TxType.TAX, TxType.TAX_REFUND, TxType.FEE, TxType.FEE_REFUND}


class TransactionDialog(QDialog):
    def __init__(self, app: App, accounts: list[Account], symbols: list[str],
                 submit: Callable[[Transaction, Callable, Callable], None], parent: QWidget | None = None, *,
                 existing: Transaction | None = None, preset: dict | None = None):
        super().__init__(parent)
        self.app, self.submit, self.existing = app, submit, existing
        self._accounts = {a.name: a for a in accounts}
        self._generation = 0
        self.setWindowTitle(self.tr("Edit transaction") if existing else self.tr("Add transaction"))
        self.setMinimumWidth(420)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.account = self._add("account", self.tr("Account"), QComboBox())
        for account in accounts:
            self.account.addItem(f"{account.name} — {account.portfolio}", account.name)
        self.type = self._add("type", self.tr("Type"), QComboBox())
        for kind in TxType:
            self.type.addItem(type_label(kind.value), kind.value)
        self.date = self._add("date", self.tr("Date"), QDateEdit(QDate.currentDate()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.symbol = self._add("symbol", self.tr("Symbol"), QLineEdit())
        self.symbol.setCompleter(QCompleter(symbols, self.symbol))
        self.symbol.setPlaceholderText(self.tr("e.g. NVDA, ASML.AS"))
        labels = {"quantity": self.tr("Quantity"), "price": self.tr("Price"), "amount": self.tr("Amount"),
                  "fees": self.tr("Fees"), "taxes": self.tr("Taxes"), "fx_rate": self.tr("FX rate"),
                  "ratio": self.tr("Split ratio")}
        for name in DECIMAL_FIELDS:
            setattr(self, name, self._add(name, labels[name], QLineEdit()))
        self.ratio.setPlaceholderText(self.tr("new shares per old share (2 for a 2-for-1)"))
        self.fx_rate.setPlaceholderText(self.tr("account currency per unit (optional)"))
        self.currency = self._add("currency", self.tr("Currency"), QComboBox())
        self.currency.setEditable(True)
        self.currency.addItems(sorted(CURRENCIES))
        self.note = self._add("note", self.tr("Note"), QLineEdit())
        self.problem = problem_label(self)
        self.buttons = ok_cancel(self, self._submit)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._check_in_book)
        self._fill(existing, preset or {})
        for widget in self.fields.values():
            signal = getattr(widget, "textChanged", None) or getattr(widget, "currentIndexChanged", None) \
                or widget.dateChanged
            signal.connect(self._changed)
        self.account.currentIndexChanged.connect(self._account_changed)
        self.type.currentIndexChanged.connect(self._show_fields)
        self._show_fields()
        self._changed()

    def _add(self, name: str, label: str, widget: QWidget) -> QWidget:
        error = QLabel(self)
        error.setStyleSheet(f"color: {ERROR_COLOUR}")
        error.hide()
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        self.form.addRow(label, box)
        widget.setObjectName(name)
        self.fields[name], self.errors[name] = widget, error
        return widget

    def _fill(self, tx: Transaction | None, preset: dict) -> None:
        values = tx._asdict() if tx else {}
        values.update(preset)
        if values.get("account") in self._accounts:
            self.account.setCurrentIndex(self.account.findData(values["account"]))
        if values.get("type"):
            self.type.setCurrentIndex(self.type.findData(TxType(values["type"]).value))
        if values.get("date"):
            day = values["date"]
            self.date.setDate(QDate(day.year, day.month, day.day))
        self.symbol.setText(values.get("symbol") or "")
        for name in DECIMAL_FIELDS:
            value = values.get(name)
            if value is not None and not (name in ("fees", "taxes") and value == 0):
                getattr(self, name).setText(format_decimal(value, max(0, -value.normalize().as_tuple().exponent)))
        currency = values.get("currency") or self._account_currency()
        self.currency.setCurrentText(currency)
        self.note.setText(values.get("note") or "")

    def _account_currency(self) -> str:
        account = self._accounts.get(self.account.currentData())
        return account.currency if account else "EUR"

    def _account_changed(self) -> None:
        if not self.existing and not self.symbol.text():
            self.currency.setCurrentText(self._account_currency())

    def _show_fields(self) -> None:
        kind = TxType(self.type.currentData())
        visible = {"account", "type", "date", "currency", "note", "fees", "taxes", "fx_rate"}
        if kind in SECURITY_TYPES:
            visible |= {"symbol"} | ({"ratio"} if kind is TxType.SPLIT else {"quantity", "price"})
            if kind in PRICED_TYPES or kind in TRANSFER_TYPES:  # a transfer without a symbol moves cash
                visible.add("amount")
        if kind in AMOUNT_TYPES:
            visible |= {"amount"} | ({"symbol"} if kind in SYMBOL_OPTIONAL else set())
        if kind is TxType.SPLIT:
            visible -= {"fees", "taxes", "fx_rate"}
        for name in self.fields:
            self.form.setRowVisible(self._row_of(name), name in visible)

    def _row_of(self, name: str) -> int:
        return list(self.fields).index(name)  # one form row per field, in the order they were added

    # -- validation ---------------------------------------------------------------------------------
    def transaction(self) -> tuple[Transaction | None, dict[str, str]]:
        """The transaction the fields describe, or the fields' problems."""
        problems: dict[str, str] = {}
        numbers: dict[str, Decimal | None] = {}
        for name in DECIMAL_FIELDS:
            widget = getattr(self, name)
            try:
                numbers[name] = parse_decimal_input(widget.text()) if self.form.isRowVisible(self._row_of(name)) else None
            except ValueError:
                problems[name] = self.tr("'%1' is not a number").replace("%1", widget.text())
        currency = self.currency.currentText().strip().upper()
        if problems:
            return None, problems
        day = self.date.date()
        kind = TxType(self.type.currentData())
        tx = Transaction(
            date=date(day.year(), day.month(), day.day()), account=self.account.currentData() or "", type=kind,
            currency=currency,
            symbol=(self.symbol.text().strip().upper() or None) if self.form.isRowVisible(self._row_of("symbol")) else None,
            quantity=numbers["quantity"], price=numbers["price"], amount=numbers["amount"],
            fees=numbers["fees"] or Decimal(0), taxes=numbers["taxes"] or Decimal(0), fx_rate=numbers["fx_rate"],
            ratio=numbers["ratio"], note=self.note.text().strip(), id=self.existing.id if self.existing else None)
        allow_future = self.existing is not None and tx.date == self.existing.date  # already accepted once
        for name, why in input_problems(tx, allow_future=allow_future) + check_transaction(tx, self._accounts):
            problems.setdefault(name, why)
        return (None if problems else tx), problems

    def _changed(self) -> None:
        self._generation += 1
        tx, problems = self.transaction()
        self._show_problems(problems)
        if tx is not None:
            self._check_timer.start()

    def _check_in_book(self) -> None:
        tx, _ = self.transaction()
        if tx is None:
            return
        generation, app = self._generation, self.app
        replacing = self.existing.id if self.existing else None
        run_in_background(lambda: app.check_transaction(tx, replacing=replacing),
                          lambda error: self._book_checked(generation, error), lambda _error: None, context=self)

    def _book_checked(self, generation: int, error: LedgerError | None) -> None:
        if generation == self._generation and error is not None:
            self._show_problems({error.field: error.message})

    def _show_problems(self, problems: dict[str, str]) -> None:
        general = []
        for name, label in self.errors.items():
            why = problems.get(name)
            label.setText(why or "")
            label.setVisible(bool(why) and self.form.isRowVisible(self._row_of(name)))
            if why and not label.isVisible():
                general.append(why)
        general += [why for name, why in problems.items() if name not in self.errors]
        self.problem.setText("\n".join(general))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def _submit(self) -> None:
        tx, problems = self.transaction()
        if tx is None:
            self._show_problems(problems)
            return
        self.buttons.setEnabled(False)
        self.problem.setText(self.tr("Saving…"))
        self.submit(tx, self._saved, self._refused)

    def _saved(self, _result) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.problem.setText("")
        if isinstance(error, LedgerError):
            self._show_problems({error.field: error.message})
        else:
            self._show_problems({"": str(error)})
