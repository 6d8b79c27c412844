"""Add or edit one transaction. Fields show and hide with the type; each is checked as the user types
(the ledger's own rules: `check_transaction` at once, then the whole book in a worker, so an oversell is
shown before anything is written). OK hands the transaction to `submit`, which writes it off the GUI
thread; a refusal comes back next to its field and the dialog stays open.

A field's problem shows once, on the line under it, after the user has touched the field (changed it or
left it) or pressed OK; OK with problems shows them all and puts the cursor in the first bad field. Each
problem line keeps its room while empty, so no field moves under the pointer when one appears or goes.
The date is written the way the locale writes dates (as the tables do), with the year in full."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QApplication, QComboBox, QCompleter, QDateEdit, QDialog, QDialogButtonBox,
                               QFormLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget)

from ...app import App
from ...services.messages import translated, type_label
from ...core.checks import EARLIEST, IN_THE_FUTURE, input_problems
from ...core.ledger import (AMOUNT_TYPES, PRICED_TYPES, SECURITY_TYPES, TRANSFER_TYPES, Account, LedgerError,
                            Transaction, TxType, check_transaction)
from ...core.money import CURRENCIES
from ..appearance import ERROR_COLOUR
from ..format import date_format, format_decimal, parse_decimal_input
from ..workers import run_in_background
from .parts import ok_cancel, problem_label

DECIMAL_FIELDS = ("quantity", "price", "amount", "fees", "taxes", "fx_rate", "ratio")
CHECK_DELAY_MS = 250
MINIMUM_WIDTH = 520  # most of the ledger's messages fit on their field's line; longer ones are elided

# Cash-only types that may name the security they concern (a dividend, a withholding tax and its refund…).
SYMBOL_OPTIONAL = {TxType.DIVIDEND, TxType.INTEREST, TxType.TAX, TxType.TAX_REFUND, TxType.FEE, TxType.FEE_REFUND}

# Leaving a field for these does not count as leaving it: a calendar or completer popup, another window.
_NOT_LEFT = {Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason}


class FieldProblem(QLabel):
    """One field's problem, on one line under it. Its room is kept while it is hidden (fixed height,
    retained size), so showing or clearing it moves nothing; a message wider than the field is drawn
    elided, and `text()` and the tooltip hold it whole."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setStyleSheet(f"color: {ERROR_COLOUR}")
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setFixedHeight(self.fontMetrics().height())
        self.hide()

    def show_problem(self, why: str | None) -> None:
        self.setText(why or "")
        self.setToolTip(why or "")
        self.setVisible(bool(why))

    def paintEvent(self, _event) -> None:
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, rect, int(self.alignment()), self.palette(), self.isEnabled(), text,
                                  self.foregroundRole())
        painter.end()


class TransactionDialog(QDialog):
    def __init__(self, app: App, accounts: list[Account], symbols: list[str],
                 submit: Callable[[Transaction, Callable, Callable], None], parent: QWidget | None = None, *,
                 existing: Transaction | None = None, preset: dict | None = None):
        super().__init__(parent)
        self.app, self.submit, self.existing = app, submit, existing
        self._accounts = {a.name: a for a in accounts}
        self._generation = 0
        self._problems: dict[str, str] = {}  # the fields' problems now, shown or not
        self._book_problems: dict[str, str] = {}  # the book's (or the writer's) verdict on the current fields
        self._touched: set[str] = set()  # fields the user changed or left: their problems show
        self._submitted = False  # OK was pressed: every problem shows
        self._quiet = False  # the dialog itself is changing a field: that is not the user touching it
        self.setWindowTitle(self.tr("Edit transaction") if existing else self.tr("Add transaction"))
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, FieldProblem] = {}
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)  # before the rows: the fields come first in the tab order, then the buttons
        self.account = self._add("account", self.tr("Account"), QComboBox())
        for account in accounts:
            self.account.addItem(f"{account.name} — {account.portfolio}", account.name)
        self.type = self._add("type", self.tr("Type"), QComboBox())
        for kind in TxType:
            self.type.addItem(type_label(kind.value), kind.value)
        self.date = self._add("date", self.tr("Date"), QDateEdit(QDate.currentDate()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_format())
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
        self.problem = problem_label(self)  # "Saving…", and a refusal that names no field on screen
        self.problem.setMinimumHeight(self.problem.fontMetrics().height())  # its line is kept, too
        self.buttons = ok_cancel(self, self._submit)
        layout.addWidget(self.problem)
        layout.addStretch(1)  # a taller dialog keeps its fields where they are
        layout.addWidget(self.buttons)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self._check_in_book)
        self._fill(existing, preset or {})
        self.type.currentIndexChanged.connect(self._show_fields)  # first: the checks read which rows show
        for widget in self.fields.values():
            if isinstance(widget, QLineEdit):
                signal = widget.textChanged
            elif isinstance(widget, QComboBox):  # an editable one (the currency) changes as it is typed in
                signal = widget.currentTextChanged if widget.isEditable() else widget.currentIndexChanged
            else:
                signal = widget.dateChanged
            signal.connect(self._edited)
            for part in [widget, *widget.findChildren(QLineEdit)]:  # a combo's or date's own line edit too
                part.installEventFilter(self)
        self.account.currentIndexChanged.connect(self._account_changed)
        self._show_fields()
        self._changed()

    def _add(self, name: str, label: str, widget: QWidget) -> QWidget:
        error = FieldProblem(self)
        error.setObjectName(f"{name}_problem")
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
            self._quiet = True  # the account's currency follows it; the user has not touched the currency
            try:
                self.currency.setCurrentText(self._account_currency())
            finally:
                self._quiet = False

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
        self._show_problems()  # showing a row shows its problem line: put each back as it should be

    def _row_of(self, name: str) -> int:
        return list(self.fields).index(name)  # one form row per field, in the order they were added

    def _on_screen(self, name: str) -> bool:
        return name in self.fields and self.form.isRowVisible(self._row_of(name))

    # -- validation ---------------------------------------------------------------------------------
    def transaction(self) -> tuple[Transaction | None, dict[str, str]]:
        """The transaction the fields describe, or the fields' problems."""
        problems: dict[str, str] = {}
        numbers: dict[str, Decimal | None] = {}
        for name in DECIMAL_FIELDS:
            widget = getattr(self, name)
            try:
                numbers[name] = parse_decimal_input(widget.text()) if self._on_screen(name) else None
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
            symbol=(self.symbol.text().strip().upper() or None) if self._on_screen("symbol") else None,
            quantity=numbers["quantity"], price=numbers["price"], amount=numbers["amount"],
            fees=numbers["fees"] or Decimal(0), taxes=numbers["taxes"] or Decimal(0), fx_rate=numbers["fx_rate"],
            ratio=numbers["ratio"], note=self.note.text().strip(), id=self.existing.id if self.existing else None)
        allow_future = self.existing is not None and tx.date == self.existing.date  # already accepted once
        for name, why in input_problems(tx, allow_future=allow_future) + check_transaction(tx, self._accounts):
            problems.setdefault(name, why)
        if "date" in problems:
            problems["date"] = self._date_problem(tx.date, problems["date"])
        return (None if problems else tx), problems

    def _date_problem(self, day: date, why: str) -> str:
        """The input rule's verdict on the date, with the dates written as the date field writes them."""
        locale, pattern = QLocale(), self.date.displayFormat()

        def shown(value: date) -> str:
            return locale.toString(QDate(value.year, value.month, value.day), pattern)
        if day < EARLIEST:
            return self.tr("%1 is before %2").replace("%1", shown(day)).replace("%2", str(EARLIEST.year))
        if IN_THE_FUTURE in why:
            return self.tr("%1 is in the future (today is %2)").replace("%1", shown(day)).replace(
                "%2", shown(date.today()))
        return why

    def _edited(self, *_value) -> None:
        field = self.sender()
        if field is not None and not self._quiet:
            self._touched.add(field.objectName())  # the field's name (see _add)
        self._changed()

    def _changed(self) -> None:
        self._generation += 1
        self._book_problems = {}
        tx, self._problems = self.transaction()
        self._show_problems()
        if tx is not None:
            self._check_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and event.reason() not in _NOT_LEFT \
                and QApplication.focusWidget() is not self.buttons.button(QDialogButtonBox.StandardButton.Cancel):
            # (leaving for Cancel is leaving the dialog: no problem flashes up as it closes)
            name = next((name for name, widget in self.fields.items()
                         if watched is widget or widget.isAncestorOf(watched)), None)
            if name is not None and name not in self._touched:
                self._touched.add(name)  # left it: its problem shows, as when it is changed
                self._show_problems()
        return super().eventFilter(watched, event)

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
            self._book_problems = self._ledger_problems(error)
            self._show_problems()

    def _ledger_problems(self, error: LedgerError) -> dict[str, str]:
        """A refusal as {field: why}. The ledger joins a transaction's own problems into one message on the
        first field ("a BUY needs a symbol; a BUY needs a quantity"): each goes back to its own field."""
        own = check_transaction(error.tx, self._accounts) if error.tx is not None else []
        if own and "; ".join(why for _name, why in own) == error.message:
            problems: dict[str, str] = {}
            for name, why in own:
                problems[name] = f"{problems[name]}; {why}" if name in problems else why
            return problems
        return {error.field: error.message}

    def _all_problems(self) -> dict[str, str]:
        return {**self._problems, **{name: why for name, why in self._book_problems.items()
                                     if name not in self._problems}}

    def _show_problems(self) -> dict[str, str]:
        """Each problem once: on its field's line once the field was touched (or OK pressed); one whose
        field is not on screen on the dialog's own line, after OK. Returns the problems shown."""
        problems, shown = self._all_problems(), {}
        for name, label in self.errors.items():
            why = problems.get(name) if self._on_screen(name) else None
            if why and (self._submitted or name in self._touched):
                shown[name] = why
            label.show_problem(translated(shown[name]) if name in shown else None)
        if self.buttons.isEnabled():  # while saving, the line says so
            general = {name: why for name, why in problems.items() if not self._on_screen(name)} \
                if self._submitted else {}
            self.problem.setText("\n".join(translated(why) for why in general.values()))
            shown.update(general)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not shown)
        return shown

    def _show_all_problems(self) -> None:
        """After OK: every problem shows, and the cursor goes to the first field that has one."""
        self._submitted = True
        shown = self._show_problems()
        first = next((name for name in self.fields if name in shown), None)
        if first is not None:
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(self.fields[first], QLineEdit):
                self.fields[first].selectAll()

    def _submit(self) -> None:
        tx, self._problems = self.transaction()
        if tx is None or self._book_problems:
            self._show_all_problems()
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
        self._book_problems = self._ledger_problems(error) if isinstance(error, LedgerError) else {"": str(error)}
        self._show_all_problems()
