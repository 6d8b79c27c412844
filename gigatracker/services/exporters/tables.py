"""Tables (holdings, transactions, exposure) to CSV or XLSX, chosen by the file's extension.

CSV: UTF-8 with a header row, decimal strings exactly as stored (`1234.5`), ISO dates — for other
programs. XLSX (openpyxl): real numbers and dates with number formats (money to the cent, quantities to 8
places, weights as percentages), a bold frozen header row, an autofilter and fitted column widths — for
people. Files are written beside their target and renamed into place.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

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


def write_table(table: Table, path: Path) -> Path:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"{path}: choose a .csv or .xlsx file name")
    tmp = path.with_name(path.name + ".tmp")
    try:
        (_write_csv if suffix == ".csv" else _write_xlsx)(table, tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_csv(table: Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([c.name for c in table.columns])
        writer.writerows([[_csv_cell(v) for v in row] for row in table.rows])


def _write_xlsx(table: Table, path: Path) -> None:
    from openpyxl import Workbook  # only when a spreadsheet is asked for
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = table.title[:31]  # Excel's limit
    sheet.append([c.name for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row)
    widths = [len(c.name) for c in table.columns]
    for index, column in enumerate(table.columns, start=1):
        number_format = FORMATS[column.kind]
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if number_format and cell.value is not None:
                cell.number_format = number_format
            widths[index - 1] = max(widths[index - 1], len(_csv_cell(cell.value)))
        sheet.column_dimensions[get_column_letter(index)].width = min(60, widths[index - 1] + 2)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
