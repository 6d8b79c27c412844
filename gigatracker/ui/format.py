"""Numbers as the user's locale writes them (1 234,56 in French), from exact Decimals."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QLocale


def format_decimal(value: Decimal | None, places: int, locale: QLocale | None = None) -> str:
    if value is None:
        return "—"
    locale = locale or QLocale()
    text = format(value.quantize(Decimal(1).scaleb(-places)), f",.{places}f")
    group, point = locale.groupSeparator(), locale.decimalPoint()
    return text.replace(",", "\0").replace(".", point).replace("\0", group)
