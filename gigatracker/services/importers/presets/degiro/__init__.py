"""DEGIRO account statement, `Account.csv` (Rekeningoverzicht, Kontoauszug, Relevé de compte…), in any of
the languages DEGIRO exports (NL, EN, DE, FR, ES, PT, IT; words.py).

Columns: date, time, value date, product, ISIN, description, FX, then the change as two cells (currency,
amount) and the balance as two cells, then the order id. DEGIRO wraps a long order id or description onto a
continuation row whose date and time are empty: it is joined to the row above. What each row is comes from
its description; booking.py says what becomes of each kind, balances.py reads the balance column for the
reconciliation.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime

from ..common import PresetRead, Problems, check_date
from .booking import Row, book, parse_amount
from .words import DATE_COLUMN, TIME_COLUMN

COLUMNS = 12
TEXT_COLUMNS = {3: " ", 4: "", 5: " ", 11: ""}  # what a continuation row may carry, and how it is joined


def sniff(header: list[str]) -> bool:
    names = [name.strip().lower() for name in header]
    return (len(names) >= COLUMNS and names[0] in DATE_COLUMN and names[1] in TIME_COLUMN
            and "isin" in names[4])


def read_csv(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        problems.add(1, "header", "no header row")
        return read
    if not sniff(header):
        problems.add(1, "header", "not a DEGIRO account statement (expected Datum,Tijd,Valutadatum,Product,"
                                  "ISIN,Omschrijving,FX,Mutatie,,Saldo,,Order Id or its form in another language)")
        return read
    records: list[tuple[int, list[str]]] = []
    joined, line = 0, 1
    try:
        for record in rows:
            line = rows.line_num
            cells = [cell.strip() for cell in record] + [""] * (COLUMNS - len(record))
            if not any(cells):
                continue
            if not cells[0] and not cells[1]:
                if _continue(records, cells, line, problems):
                    joined += 1
                continue
            if len(record) < COLUMNS:
                problems.add(line, "row", f"{len(record)} fields, a DEGIRO statement row has {COLUMNS}")
                continue
            records.append((line, cells))
    except csv.Error as error:
        problems.add(line + 1, "row", f"unreadable CSV ({error})")
    if joined:
        read.notes.append(f"{joined} continuation row(s) joined to the row above (DEGIRO wraps long order ids "
                          "and descriptions onto a row without a date)")
    decimal_sep = _decimal_separator(text)
    parsed = [row for row in (_row(cells, line, decimal_sep, problems) for line, cells in records) if row]
    if not read.problems:
        book(parsed, decimal_sep, problems, read)
    return read


def _continue(records: list[tuple[int, list[str]]], cells: list[str], line: int, problems: Problems) -> bool:
    """Join a row without a date to the row above, column by column; it may only carry text."""
    carried = [i for i, cell in enumerate(cells) if cell]
    if not records:
        problems.add(line, "date", "empty, and there is no row above for this row to continue")
        return False
    if any(i not in TEXT_COLUMNS for i in carried):
        problems.add(line, "date", "empty: a row without a date can only continue the text of the row above "
                                   "(product, ISIN, description, order id), and this one carries amounts")
        return False
    above = records[-1][1]
    for i in carried:
        above[i] = f"{above[i]}{TEXT_COLUMNS[i] if above[i] else ''}{cells[i]}"
    return True


def _decimal_separator(text: str) -> str:
    """DEGIRO writes amounts with the statement language's decimal comma or point; look at the amounts."""
    return "," if re.search(r'"-?[\d.]*\d,\d{2}"', text) else "."


def _row(cells: list[str], line: int, decimal_sep: str, problems: Problems) -> Row | None:
    try:
        when = datetime.strptime(f"{cells[0]} {cells[1] or '00:00'}", "%d-%m-%Y %H:%M")
    except ValueError:
        problems.add(line, "date", f"'{cells[0]} {cells[1]}' is not a date and time (dd-mm-yyyy hh:mm)")
        return None
    values = {}
    for index, name in ((8, "change"), (10, "balance")):
        if cells[index]:
            try:
                values[name] = parse_amount(cells[index], decimal_sep)
            except ValueError as error:
                problems.add(line, name, str(error))
                return None
    if why := check_date(when.date(), cells[7] or None):
        problems.add(line, "date", why)
        return None
    return Row(line, when, cells[3], cells[4], " ".join(cells[5].split()), cells[6], cells[7].upper(),
               values.get("change"), cells[11], cells[9].upper(), values.get("balance"))
