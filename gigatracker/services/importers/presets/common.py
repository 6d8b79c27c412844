"""What every preset reader shares: the draft rows they produce, and the checks they all make.

A preset reads one known export format into `Draft` rows (the file's own account name, if any, is kept
for the importer to resolve). Rows the format has but the ledger does not model (currency-conversion
helper lines, option trades, cash sweeps) are listed as *ignored* with the reason, never dropped
silently; anything malformed is a problem, and one problem refuses the whole file.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import overload

from ....core.checks import date_problem
from ....core.ledger import TxType
from ....core.money import MAX_MAGNITUDE, MINOR_UNIT_QUOTES, MoneyError, check_size, is_currency
from ..csv_reader import ImportProblem, trimmed

EARLIEST = date(1970, 1, 1)  # older dates in an export are typing errors, not history
EURO_BEGINS = date(1999, 1, 1)
_EXPONENT = re.compile(r"[+-]?[\d.,\s]*\d[eE][+-]?\d+")  # no exchange rate exists for EUR before it did


@dataclass
class Expected:
    """The broker's own figures for one row of its file, which the book must agree with once imported."""
    cash: Decimal | None = None  # the cash the row moved, signed, in its currency (IBKR netCash)
    cost: Decimal | None = None  # a buy's cost, fees included (IBKR cost)
    realized: Decimal | None = None  # a sale's realized P&L, FIFO (IBKR fifoPnlRealized)


@dataclass
class Statement:
    """What a file says its accounts hold (the broker's own balances), to check the book against after an
    import. Accounts are the file's names (None: the file does not name it). Amounts are exact."""
    since: date | None = None  # the day the statement starts (None: its first row)
    until: date | None = None  # the day the closing figures are at (None: the file's last row)
    positions: dict[tuple[str | None, str], Decimal] = field(default_factory=dict)  # (account, symbol) -> quantity
    costs: dict[tuple[str | None, str], Decimal] = field(default_factory=dict)  # (account, symbol) -> cost basis
    currencies: dict[tuple[str | None, str], str] = field(default_factory=dict)  # (account, symbol) -> its currency
    cash: dict[tuple[str | None, str], Decimal] = field(default_factory=dict)  # (account, currency) -> closing
    opening_cash: dict[tuple[str | None, str], Decimal] = field(default_factory=dict)  # before the first row
    opening_positions: list[tuple[int, str | None, str, str, Decimal, Decimal]] = field(default_factory=list)
    # ^ what was held before the first row, as the file states it: (line, account, symbol, currency, quantity, cost)
    not_imported: list[tuple[int, str | None, str, Decimal, str]] = field(default_factory=list)
    # ^ rows listed as ignored that moved cash: (line, account, currency, amount, what), to explain a gap
    faults: list[tuple[int, str, str, Decimal]] = field(default_factory=list)  # (line, currency, why, gap): the
    # file's own figures that do not follow from each other (a balance that is not the one before plus the
    # change, by `gap`)


@dataclass
class Draft:
    """One transaction as a preset read it; `account` is the file's account name (None: not given)."""
    line: int
    date: date
    type: TxType
    currency: str | None = None  # None: the account's currency
    symbol: str | None = None
    quantity: Decimal | None = None
    price: Decimal | None = None
    amount: Decimal | None = None
    fees: Decimal = Decimal(0)
    taxes: Decimal = Decimal(0)
    fx_rate: Decimal | None = None  # units of `fx_into` (the account's currency) per unit of `currency`
    ratio: Decimal | None = None
    note: str = ""
    account: str | None = None
    fx_into: str | None = None  # the currency the file's rate converts into, when it says (None: the account's)
    isin: str = ""
    name: str = ""
    expected: Expected | None = None  # the broker's own figures for this row, when the file gives them


@dataclass
class BookSetup:
    """What a whole tracker's file brings besides transactions: the accounts its rows go to (created in
    `portfolio` when the book lacks them), its securities' details, their price history and taxonomies
    (a theme pack, services/importers/theme_pack.py). Written in the same transaction as the rows."""
    portfolio: str
    accounts: list[tuple[str, str]] = field(default_factory=list)  # (name, currency)
    securities: dict[str, dict] = field(default_factory=dict)  # symbol -> name, isin, currency
    prices: list[dict] = field(default_factory=list)  # symbol, date, close, currency, source
    theme_pack: dict | None = None


@dataclass
class PresetRead:
    drafts: list[Draft] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # (line, why) for rows read but not imported
    unknown: list[tuple[int, str, str]] = field(default_factory=list)  # (line, field, why): rows of a kind the
    # preset does not know; they refuse the file unless the user asks to skip them (then they are listed)
    setup: BookSetup | None = None
    notes: list[str] = field(default_factory=list)  # how the file was read, for the user (e.g. generated rows)
    statement: Statement | None = None  # the broker's balances, when the file states them


def reversed_dividend(earlier, reversal: Draft) -> Draft | None:
    """The dividend a reversal cancels, among the drafts that came before it (`earlier`, in the order they
    happened): the same account, symbol, currency and amount, the latest (of equal quarterly dividends, the
    one just reversed, not the first; never one posted again after the reversal)."""
    key = (reversal.account, reversal.symbol, reversal.currency, reversal.amount)
    found = None
    for draft in earlier:
        if draft.type is TxType.DIVIDEND and (draft.account, draft.symbol, draft.currency, draft.amount) == key:
            found = draft
    return found


def came_before(drafts, reversal: Draft) -> list[Draft]:
    """Drafts dated before a row of the same file, or on its day above it, in that order."""
    return sorted((d for d in drafts if (d.date, d.line) < (reversal.date, reversal.line)),
                  key=lambda d: (d.date, d.line))


@overload
def through_aliases(aliases: dict[str, str], name: str) -> str: ...


@overload
def through_aliases(aliases: dict[str, str], name: str | None) -> str | None: ...


def through_aliases(aliases: dict[str, str], name: str | None) -> str | None:
    """A name through the renames a file made (an ISIN change, a tender's new line), however many."""
    seen = set()
    while name in aliases and name not in seen:
        seen.add(name)
        name = aliases[name]
    return name


class Problems:
    """Collects `FILE:LINE: field: why` for one file."""

    def __init__(self, source: str, read: PresetRead):
        self.source, self.read = source, read

    def add(self, line: int | None, field_name: str, why: str) -> None:
        self.read.problems.append(ImportProblem(self.source, line, field_name, why))


def number(text: object, *, decimal_sep: str = ".", thousands: str = "") -> Decimal:
    """An exact number from a cell or a JSON value; ValueError with the reason."""
    if isinstance(text, bool) or text is None:
        raise ValueError(f"{text!r} is not a number")
    if isinstance(text, (int, float)):
        text = repr(text)  # shortest text that round-trips the float JSON gave us: 298.58, not 298.579999…
    elif isinstance(text, str) and _EXPONENT.fullmatch(text.strip()):  # brokers' cells say 0.0001, never 1E-4
        raise ValueError(f"'{text}' is not a number here (no exponent notation in this format's cells)")
    value = str(text).strip()
    if thousands:
        value = value.replace(thousands, "")
    if decimal_sep != ".":
        if "." in value:
            raise ValueError(f"'{text}' is not a number here (the decimal separator is '{decimal_sep}')")
        value = value.replace(decimal_sep, ".")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None
    if not result.is_finite() or abs(result) >= MAX_MAGNITUDE:
        raise ValueError(f"'{text}' is not a usable number")
    try:
        check_size(result, text)
    except MoneyError as error:
        raise ValueError(str(error)) from None
    return result


def currency_and_scale(code: str) -> tuple[str, int]:
    """('GBP', 100) for prices quoted in pence; ValueError for an unknown code."""
    minor = MINOR_UNIT_QUOTES.get(code)
    if minor is not None:
        return minor
    if not is_currency(code.upper()):
        raise ValueError(f"unknown currency '{code}'")
    return code.upper(), 1


def check_date(day: date, currency: str | None) -> str | None:
    """Why a date cannot be right, or None."""
    if why := date_problem(day, allow_future=True):
        return why
    if day < EARLIEST:
        return f"{day.isoformat()} is before {EARLIEST.isoformat()}"
    if currency == "EUR" and day < EURO_BEGINS:
        return f"{day.isoformat()} is in EUR, which did not exist before {EURO_BEGINS.isoformat()} (no exchange rate)"
    return None


def iso_date_and_currency(line: int, date_text: str, currency_text: str, problems: Problems, *,
                          currency_required: bool = True) -> tuple[date | None, str | None, int]:
    """(date, currency, minor-unit scale) of a row whose date is ISO (YYYY-MM-DD, a time may follow);
    every problem is reported. An empty currency, when allowed, is None: the account's."""
    try:
        day = date.fromisoformat(date_text[:10])
    except ValueError:
        day = None
        problems.add(line, "date", f"'{date_text}' is not a date (expected YYYY-MM-DD)")
    currency, scale = None, 1
    if currency_text or currency_required:
        try:
            currency, scale = currency_and_scale(currency_text)
        except ValueError as error:
            problems.add(line, "currency", str(error))
    if day and (why := check_date(day, currency)):
        problems.add(line, "date", why)
    return day, currency, scale


def unsigned(value: Decimal, kind: TxType | None, name: str, line: int, problems: Problems) -> Decimal:
    """A quantity of a format that signs it by direction (a sale's is negative): its size, unless the sign
    contradicts the type (a negative BUY is refused, never turned into a purchase)."""
    if value < 0 and kind in (TxType.BUY, TxType.TRANSFER_IN, TxType.DELIVERY_IN):
        problems.add(line, name, f"{kind} with a negative quantity ({value}): the sign says the opposite of the "
                                 "type")
    return abs(value)


def delimiter_of(text: str) -> str:
    """`;` or `,`, whichever the header line uses more."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


def read_table(text: str, delimiter: str, problems: Problems) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header (stripped) and every non-blank row with its line; a row whose field count differs from
    the header's, or CSV that cannot be read, is reported and left out. No header: ([], [])."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)  # an unclosed quote: error
    try:
        header = [name.strip() for name in next(rows)]
    except (StopIteration, csv.Error):
        problems.add(1, "header", "no header row")
        return [], []
    for name in dict.fromkeys(header):
        if name and header.count(name) > 1:
            problems.add(1, "header", f"column '{name}' appears {header.count(name)} times; rename one")
    records, line, end = [], 1, 1
    try:
        for record in rows:
            line, end = end + 1, rows.line_num  # a record starts on the line after the previous one's end
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.add(line, "row", f"{len(record)} fields, the header has {len(header)}")
                continue
            records.append((line, [trimmed(cell) for cell in record]))
    except csv.Error as error:  # e.g. a quote never closed: named on the line it opened
        problems.add(end + 1, "row", f"unreadable CSV ({error})")
    return header, records
