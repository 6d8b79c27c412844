"""The one rule for what a person or a file may write into a transaction, applied alike by every importer,
`tx add`/`tx edit` and the transaction dialog: symbols, dates and notes. (Numbers: `money.check_size`; what a
transaction means: `ledger.check_transaction`.)

- A symbol is printable ASCII of Yahoo's shape: no control, bidirectional or zero-width character can make
  `AIR.PA` and `AIR.PA` + U+200B two securities, or reach a terminal as an escape sequence.
- A date is from 1900 on, and not after today unless the caller allows planned transactions
  (`--allow-future`): a year typed 2062 for 2026 is caught at the door.
- A note may hold any text but control characters (tab and line breaks aside) and bidirectional overrides,
  which rewrite how a line reads on screen and in a terminal.
"""
from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:  # for the annotation only: nothing of the ledger is needed at run time
    from .ledger import Transaction

EARLIEST = date(1900, 1, 1)
IN_THE_FUTURE = "is in the future"
_SYMBOL = re.compile(r"[A-Za-z0-9^][A-Za-z0-9.\-=^&:/ ]{0,39}")
_INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def symbol_problem(symbol: str) -> str | None:
    if not _SYMBOL.fullmatch(symbol):
        return f"{shown(symbol)} is not a symbol (letters, digits, spaces and . - = ^ & : / only)"
    return None


def date_problem(day: date, *, allow_future: bool = False, today: date | None = None) -> str | None:
    if day < EARLIEST:
        return f"{day.isoformat()} is before {EARLIEST.year}"
    today = today or date.today()
    if day > today and not allow_future:
        return f"{day.isoformat()} {IN_THE_FUTURE} (today is {today.isoformat()})"
    return None


def text_problem(text: str) -> str | None:
    found = _UNSAFE_TEXT.search(text)
    if found:
        return f"holds the control or direction character U+{ord(found.group()):04X} at position {found.start() + 1}"
    return None


def input_problems(tx: Transaction, *, allow_future: bool = False, today: date | None = None) -> list[tuple[str, str]]:
    """[(field, why)] for a `Transaction` as typed or read, before the ledger judges what it means."""
    problems: list[tuple[str, str]] = []
    if tx.symbol and (why := symbol_problem(tx.symbol)):
        problems.append(("symbol", why))
    if why := date_problem(tx.date, allow_future=allow_future, today=today):
        problems.append(("date", why))
    if tx.note and (why := text_problem(tx.note)):
        problems.append(("note", why))
    return problems


class InputRule:
    """`input_problems` for many transactions (a file's rows): each distinct symbol, date and note is judged
    once, against one today."""

    def __init__(self, *, allow_future: bool = False, today: date | None = None):
        today = today or date.today()
        self._symbols = _Judged(symbol_problem)
        self._dates = _Judged(lambda day: date_problem(day, allow_future=allow_future, today=today))
        self._notes = _Judged(text_problem)

    def problems(self, tx: Transaction) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        if tx.symbol and (why := self._symbols[tx.symbol]):
            found.append(("symbol", why))
        if why := self._dates[tx.date]:
            found.append(("date", why))
        if tx.note and (why := self._notes[tx.note]):
            found.append(("note", why))
        return found


class _Judged(dict[Any, "str | None"]):
    """A judge's verdict on each distinct value, asked once."""

    def __init__(self, judge: Callable[[Any], str | None]):
        super().__init__()
        self._judge = judge

    def __missing__(self, value: Any) -> str | None:
        why = self[value] = self._judge(value)
        return why


def shown(text: str) -> str:
    """A value quoted for a message, with anything invisible or unsafe written as an escape (never raw)."""
    return f"'{visible(text)}'"


def visible(text: str) -> str:
    """`text` for a terminal: control, direction and zero-width characters written as escapes, so that no
    stored value (one from an older version included) can move the cursor, recolour or reorder a line."""
    return "".join(c if c.isprintable() and c not in _INVISIBLE else f"\\u{ord(c):04x}" for c in text)
