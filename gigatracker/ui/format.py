"""Numbers and dates as the user's locale writes them (1 234,56 in French), from exact Decimals.

A worker formatting thousands of cells (a 100k-transaction table) reads the locale from Qt once (`Marks`,
`short_dates`) and then makes no Qt call per cell: every PySide6 call lets go of the GIL and takes it back
at once, which resets the waiting GUI thread's claim to it, so a loop of them starved the window for as
long as the loop ran (0.3–0.6 s stalls on a portfolio switch).
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Callable, NamedTuple

from PySide6.QtCore import QDate, QLocale

from ..core.money import price_places


class Marks(NamedTuple):
    """A locale's digit-group separator and decimal point, read once for many numbers."""
    group: str
    point: str


def marks(locale: QLocale | None = None) -> Marks:
    locale = locale or QLocale()
    return Marks(locale.groupSeparator(), locale.decimalPoint())


Where = QLocale | Marks | None  # the locale to write in (None: the default), or its marks read beforehand


def format_decimal(value: Decimal | None, places: int, locale: Where = None) -> str:
    if value is None:
        return "—"
    return _localized(format(value.quantize(Decimal(1).scaleb(-places)), f",.{places}f"), locale)


def format_decimal_float(value: float | None, places: int, locale: Where = None) -> str:
    """A float figure (a return, a value on a chart) as the locale writes it; "—" when it has none."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return "—"
    text = format(value, f",.{places}f")
    return _localized("0" + text[2:] if text.startswith("-0") and not text.strip("-0.,") else text, locale)


def _marks_of(locale: Where) -> Marks:
    return locale if isinstance(locale, Marks) else marks(locale)


def _localized(text: str, locale: Where) -> str:
    """`1,234.56` (Python's) in the locale's separators."""
    group, point = _marks_of(locale)
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


def format_quantity(value: Decimal | None, locale: Where = None) -> str:
    """Up to 8 decimals, without trailing zeros: 12, 0,5, 1 234,125."""
    if value is None:
        return "—"
    where = _marks_of(locale)
    text = format_decimal(value, 8, where)
    return text.rstrip("0").removesuffix(where.point) if where.point in text else text


def format_money(value: Decimal | None, currency: str, places: int = 2, locale: Where = None) -> str:
    return "—" if value is None else f"{format_decimal(value, places, locale)} {currency}"


def format_price(value: Decimal | None, currency: str, locale: Where = None) -> str:
    """A price at its quote's own precision, with its currency: 742.10 EUR, 0.1234 EUR, 12 JPY (1 234,56 EUR in
    French); "—" when there is none."""
    if value is None:
        return "—"
    return f"{format_decimal(value, price_places(value, currency), locale)} {currency}"


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date format with the year in full: dd/MM/yyyy in French and British English,
    M/d/yyyy in American English (whose short format has a two-digit year)."""
    pattern = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    parts = pattern.split("'")  # odd parts are quoted literal text
    return "'".join(re.sub("y+", "yyyy", part) if i % 2 == 0 else part for i, part in enumerate(parts))


def counted(n: int, one: str, many: str) -> str:
    """`one` ("%1 position") or `many` ("%1 positions") as the interface's language counts `n`: French says
    0 and 1 in the singular, English 1 only. (Qt's own plural forms would need an English translation file.)"""
    singular = n == 1 or (n == 0 and QLocale().language() == QLocale.Language.French)
    return (one if singular else many).replace("%1", str(n))


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return "—"
    return (locale or QLocale()).toString(QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat)


_DAY_FIELDS = {"d": lambda day: str(day.day), "dd": lambda day: f"{day.day:02d}", "M": lambda day: str(day.month),
               "MM": lambda day: f"{day.month:02d}", "yy": lambda day: f"{day.year % 100:02d}",
               "yyyy": lambda day: f"{day.year:04d}"}


def short_dates(locale: QLocale | None = None) -> Callable[[date], str]:
    """`format_date` for many days: the locale's short pattern read once and written in Python when it is
    made of day, month and year numbers (every common locale's is: dd/MM/yyyy, M/d/yy, yyyy-MM-dd…); else
    Qt writes each day."""
    locale = locale or QLocale()
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if locale.zeroDigit() != "0":  # the locale's own digits (Arabic, Persian…): Qt's
        return lambda day: format_date(day, locale)
    parts: list[str | Callable[[date], str]] = []
    for piece in re.finditer(r"'[^']*'|([a-zA-Z])\1*|[^a-zA-Z']+", pattern):
        text = piece.group(0)
        if piece.group(1) is None:  # literal text, quoted or not ('' is a quote)
            parts.append(text[1:-1] or "'" if text.startswith("'") else text)
        elif text in _DAY_FIELDS:
            parts.append(_DAY_FIELDS[text])
        else:  # a day or month name, an era…: Qt's own
            return lambda day: format_date(day, locale)
    return lambda day: "".join(part if isinstance(part, str) else part(day) for part in parts)


def row_ranges(rows: list[int]):
    """[1, 2, 3, 7, 8] -> (1, 3), (7, 8)"""
    start = previous = None
    for row in rows:
        if start is None:
            start = previous = row
        elif row == previous + 1:
            previous = row
        else:
            yield start, previous
            start = previous = row
    if start is not None:
        yield start, previous


def _english_commas(text: str) -> str:
    """Commas in a number typed where the point is the decimal mark: thousands when every group after one
    has 3 digits (1,234,567.5), else a decimal comma as much of Europe writes it (3 900,50 or 1.234,56 is
    3900.50 and 1234.56, never 390050)."""
    if "," not in text:
        return text
    whole, _, decimals = text.rpartition(".")
    if "." in text and "," not in decimals:  # 1,234.56
        groups = whole.split(",")
        return text.replace(",", "") if all(len(g) == 3 for g in groups[1:]) else text
    groups = text.replace(".", "").split(",") if "." in text else text.split(",")
    if "." not in text and all(len(g) == 3 for g in groups[1:]):
        return text.replace(",", "")  # 1,234
    if len(groups) == 2:  # 3900,50 or 1.234,56
        return f"{groups[0]}.{groups[1]}"
    return text  # 1,23,4: refused below


def parse_decimal_input(text: str) -> Decimal | None:
    """What a user typed in a number field: "1 234,56" or "1234.56" in French, "1,234.56" in English.
    Empty -> None; anything else that is not a number raises ValueError."""
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return None
    locale = QLocale()
    point, group = locale.decimalPoint(), locale.groupSeparator()
    if point == ",":
        text = text.replace(".", "") if "," in text else text  # 1.234,56 -> 1234,56; a lone "." is a point
        text = text.replace(",", ".")
    elif group == ",":
        text = _english_commas(text)
    try:
        value = Decimal(text)
    except ArithmeticError:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value
