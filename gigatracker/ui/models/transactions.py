"""The book's transactions as a table, newest first; filtering (text, account, type) and sorting are done
here over pre-formatted rows, so a 100k-transaction book filters without a proxy model. A reload brings
its rows already formatted and arranged from the worker (`arrange` is pure), as the view last asked."""
from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QT_TRANSLATE_NOOP

from ...core.ledger import Transaction
from ...core.money import minor_places, price_places
from ...services.messages import type_label
from ..format import format_decimal, format_quantity, marks, short_dates

COLUMNS = (
    QT_TRANSLATE_NOOP("TransactionsModel", "Date"), QT_TRANSLATE_NOOP("TransactionsModel", "Account"),
    QT_TRANSLATE_NOOP("TransactionsModel", "Type"), QT_TRANSLATE_NOOP("TransactionsModel", "Symbol"),
    QT_TRANSLATE_NOOP("TransactionsModel", "Quantity"), QT_TRANSLATE_NOOP("TransactionsModel", "Price"),
    QT_TRANSLATE_NOOP("TransactionsModel", "Amount"), QT_TRANSLATE_NOOP("TransactionsModel", "Fees"),
    QT_TRANSLATE_NOOP("TransactionsModel", "Taxes"), QT_TRANSLATE_NOOP("TransactionsModel", "Currency"),
    QT_TRANSLATE_NOOP("TransactionsModel", "Note"),
)
DATE, ACCOUNT, TYPE, SYMBOL, QUANTITY, PRICE, AMOUNT, FEES, TAXES, CURRENCY, NOTE = range(len(COLUMNS))
NUMERIC = (QUANTITY, PRICE, AMOUNT, FEES, TAXES)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Arrangement(NamedTuple):
    """What the table shows and in which order: a text filter (lower case), an account, a symbol, and the
    sort column and direction."""
    text: str = ""
    account: str = ""
    symbol: str = ""
    column: int = DATE
    descending: bool = True


def _arranger(txs: list[Transaction], cells: list[list[str]], how: Arrangement):
    """Which rows `how` shows, and its sort key."""
    def shown(row: int, tx: Transaction) -> bool:
        if how.account and tx.account != how.account:
            return False
        if how.symbol and tx.symbol != how.symbol:
            return False
        return not how.text or any(how.text in str(cell).lower() for cell in cells[row])

    column = how.column

    def key(row: int):
        tx = txs[row]
        if column == DATE:
            return tx.date, tx.id or 0
        field = COLUMNS[column].lower()
        value = getattr(tx, field, None) if column in NUMERIC else cells[row][column]
        return (value is None, value or 0) if column in NUMERIC else (str(value).lower(), tx.date)

    return shown, key


def arrange(txs: list[Transaction], cells: list[list[str]], how: Arrangement) -> list[int]:
    """The rows of `txs` to show, in order (display row -> index in txs). Pure: runs in workers."""
    shown, key = _arranger(txs, cells, how)
    return sorted((r for r, tx in enumerate(txs) if shown(r, tx)), key=key, reverse=how.descending)


def arrange_appended(txs: list[Transaction], cells: list[list[str]], how: Arrangement, order: list[int],
                     start: int) -> list[int]:
    """`order` (the arrangement of txs[:start]) with the rows from `start` on, which come after every other
    in ledger order: sorted by date, they go first (or last) without sorting the whole list again."""
    if how.column != DATE:
        return arrange(txs, cells, how)
    shown, key = _arranger(txs, cells, how)
    new = sorted((r for r in range(start, len(txs)) if shown(r, txs[r])), key=key, reverse=how.descending)
    return new + order if how.descending else order + new


class TransactionsModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._txs: list[Transaction] = []
        self._text: list[list[str]] = []
        self._order: list[int] = []  # display row -> row of _txs
        self._how = Arrangement()

    def arrangement(self) -> Arrangement:
        return self._how

    def set_transactions(self, txs: list[Transaction], rows: list[list[str]] | None = None,
                         order: list[int] | None = None, arranged_by: Arrangement | None = None) -> None:
        """`rows` (from `format_transactions`) and `order` (from `arrange`): made beforehand in a worker for
        big books; the order is used if the view still shows what it was arranged for."""
        self.beginResetModel()
        self._txs = list(txs)
        self._text = rows if rows is not None else format_transactions(self._txs)
        self._order = order if order is not None and arranged_by == self._how else \
            arrange(self._txs, self._text, self._how)
        self.endResetModel()

    def transaction(self, display_row: int) -> Transaction:
        return self._txs[self._order[display_row]]

    def display_row(self, tx_id: int) -> int:
        for display, row in enumerate(self._order):
            if self._txs[row].id == tx_id:
                return display
        return -1

    def set_filter(self, text: str = "", account: str = "", symbol: str = "") -> None:
        self._how = self._how._replace(text=text.strip().lower(), account=account, symbol=symbol)
        self.beginResetModel()
        self._order = arrange(self._txs, self._text, self._how)
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self._how = self._how._replace(column=column, descending=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self._order = arrange(self._txs, self._text, self._how)
        self.layoutChanged.emit()

    # -- Qt interface -------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text[self._order[index.row()]][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("TransactionsModel", COLUMNS[section])
        return None


def format_transactions(txs: list[Transaction]) -> list[list[str]]:
    """Each transaction's cells, as the user's locale writes them. A text met before (a day, a type, a fee
    of 1, a quantity of 10) is formatted once: 10,000 transactions are a worker's few hundred ms otherwise.
    The locale is read from Qt once, not per cell (format.py: Qt calls in a loop starve the GUI thread)."""
    where, write_day = marks(), short_dates()
    days: dict = {}
    labels: dict = {}
    quantities: dict = {}
    numbers: dict = {}
    prices: dict = {}

    def day(value) -> str:
        text = days.get(value)
        if text is None:
            text = days[value] = write_day(value)
        return text

    def label(kind: str) -> str:
        text = labels.get(kind)
        if text is None:
            text = labels[kind] = type_label(kind)
        return text

    def quantity(value: Decimal) -> str:
        if not value.is_finite():
            return format_quantity(value, where)
        key = (value, value.is_signed())  # equal Decimals write the same but for the sign of a zero
        text = quantities.get(key)
        if text is None:
            text = quantities[key] = format_quantity(value, where)
        return text

    def number(value: Decimal, places: int) -> str:
        if not value.is_finite():
            return format_decimal(value, places, where)
        key = (value, places, value.is_signed())
        text = numbers.get(key)
        if text is None:
            text = numbers[key] = format_decimal(value, places, where)
        return text

    def price(value: Decimal, currency: str) -> str:
        """As it was given, less its trailing zeros: 742.1000 -> 742.10, 0.1234 kept, 12 JPY -> 12 (equal
        Decimals show the same decimals: what they show depends on their value only)."""
        if not value.is_finite():
            return format_decimal(value, 2, where)
        key = (value, currency, value.is_signed())
        text = prices.get(key)
        if text is None:
            text = prices[key] = format_decimal(value, price_places(value, currency, exact=True), where)
        return text

    return [[day(tx.date), tx.account, label(tx.type.value), tx.symbol or "",
             quantity(tx.quantity) if tx.quantity is not None else
             (f"× {quantity(tx.ratio)}" if tx.ratio is not None else ""),
             "" if tx.price is None else price(tx.price, tx.currency),
             "" if tx.amount is None else number(tx.amount, minor_places(tx.currency)),  # in its minor unit
             number(tx.fees, minor_places(tx.currency)) if tx.fees else "",
             number(tx.taxes, minor_places(tx.currency)) if tx.taxes else "",
             tx.currency, tx.note] for tx in txs]
