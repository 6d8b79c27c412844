"""Tables (holdings, transactions, exposure) to CSV or XLSX, chosen by the file's extension.

CSV: UTF-8 with a header row, decimal strings exactly as stored (`1234.5`), ISO dates — for other
programs. XLSX (openpyxl): real numbers and dates with number formats (money to the cent, quantities to 8
places, weights as percentages), a bold frozen header row, an autofilter and fitted column widths — for
people. Files are written beside their target and renamed into place (0600: they hold book data).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..store.outputs import check_target, output_file

FORMATS = {
    "text": None, "date": "yyyy-mm-dd", "money": "#,##0.00", "quantity": "#,##0.########",
    "price": "#,##0.00######", "rate": "0.0000######", "percent": "0.00%", "integer": "0",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # a key of FORMATS; "percent" values are fractions (0.25 = 25 %)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list]


def write_table(table: Table, path: Path, *, book: Path | None = None) -> Path:
    """Write the table (never onto `book` or its files; see services/store/outputs.py)."""
    path = Path(path)
    check_target(path, book)  # the book's own files first: the clearest reason
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"{path}: choose a .csv or .xlsx file name")
    with output_file(path, book=book) as temporary:
        (_write_csv if suffix == ".csv" else _write_xlsx)(table, temporary)
    return path


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's CSV injection: what a spreadsheet may evaluate


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")  # a number we wrote: "-12.5" stays a number
    if isinstance(value, date):
        return value.isoformat()
    return neutralised(str(value))


def neutralised(text: str) -> str:
    """Text from a file or a user (a symbol, a note) that a spreadsheet would run as a formula gets a
    leading apostrophe, which spreadsheets show as text (OWASP)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _write_csv(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows([[_csv_cell(v) for v in row] for row in table.rows])


def _write_xlsx(table: Table, path: Path) -> None:
    # only when a spreadsheet is asked for; no stubs installed (types-openpyxl)
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]  # Excel's limit
    sheet.append([c.name for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.data_type == "f":  # openpyxl takes "=…" for a formula
                cell.data_type = "s"  # stored as text: Excel shows it, never runs it
    widths = [len(c.name) for c in table.columns]
    for index, column in enumerate(table.columns, start=1):
        number_format = FORMATS[column.kind]
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if number_format and cell.value is not None:
                cell.number_format = number_format
            widths[index - 1] = max(widths[index - 1], len(str(cell.value or "")))
        sheet.column_dimensions[get_column_letter(index)].width = min(60, widths[index - 1] + 2)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
