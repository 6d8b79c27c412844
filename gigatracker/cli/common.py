"""What every CLI module shares: argument types and the table/json/csv output."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from decimal import Decimal
from importlib import import_module
from typing import Any, Callable

from ..core.checks import visible
from ..core.ledger import TxType
from ..core.money import MoneyError, decimal_text, to_decimal


class CliError(Exception):
    """One or more user-facing problems; each becomes one line on stderr."""

    def __init__(self, *lines: str):
        super().__init__("\n".join(lines))
        self.lines = lines


def later(module: str, name: str) -> Callable[..., Any]:
    """A command's function `name` of `module` (relative to this package), imported only when the command
    runs: a command that pulls in numpy or pandas must not make every other one slower to start."""
    def run(*args: Any) -> Any:
        return getattr(import_module(module, __package__), name)(*args)
    return run


# -- argument types --------------------------------------------------------------------------------
def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def parse_decimal(text: str) -> Decimal:
    try:
        return to_decimal(text)
    except MoneyError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_currency(text: str) -> str:
    return text.strip().upper()


def parse_opening(text: str) -> tuple[str, tuple[Decimal, Decimal]]:
    """`SYMBOL=QUANTITY@TOTAL_COST` (an opening position) -> (symbol, (quantity, cost))."""
    symbol, _, rest = text.partition("=")
    quantity, _, cost = rest.partition("@")
    try:
        values = parse_decimal(quantity), parse_decimal(cost)
    except argparse.ArgumentTypeError:
        values = None
    if not symbol.strip() or values is None or values[0] <= 0 or values[1] < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not SYMBOL=QUANTITY@TOTAL_COST (e.g. IE00B3RBWM25=7@700.50)")
    return symbol.strip(), values


def parse_tx_type(text: str) -> TxType:
    try:
        return TxType(text.upper())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a transaction type ({', '.join(t.value for t in TxType)})") from None


# -- output ----------------------------------------------------------------------------------------
def emit(rows: list[dict] | dict, fmt: str, out=None) -> None:
    """Rows as JSON, CSV or a text table; a document (a dict) as indented JSON."""
    out = out or sys.stdout
    if fmt == "json":
        # In one write (json.dump writes each token apart: ~100k writes to a pipe for 100k realized rows,
        # 1.3 s); rows one per line, as `indent` would take the pure-Python encoder (5x slower than C's).
        if isinstance(rows, dict):
            out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
            return
        lines = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
        out.write(f"[\n{lines}\n]\n" if rows else "[]\n")
        return
    assert isinstance(rows, list)
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([["" if row[c] is None else row[c] for c in columns] for row in rows])
        return
    if not rows:
        out.write("(nothing)\n")
        return
    cells = [[("—" if row[c] is None else visible(str(row[c]))) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    numeric = [all(_looks_numeric(r[i]) for r in cells) for i in range(len(columns))]
    out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    for r in cells:
        out.write("  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(r, widths, numeric)).rstrip()
                  + "\n")


def _looks_numeric(text: str) -> bool:
    return text == "—" or text.replace(".", "", 1).replace("-", "", 1).isdigit()


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def unit_text(value: Decimal | None) -> str | None:
    """A per-unit amount (average cost): 6 decimals is finer than any quote and short enough to read."""
    return None if value is None else decimal_text(value.quantize(Decimal("1e-6")))
