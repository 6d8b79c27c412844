"""Manual price files: CSV `date,symbol,close,currency` (ISO dates, '.' decimals), all-or-nothing.

FX rates are prices of Yahoo-style pair symbols: `EURUSD=X` closes at the number of US dollars per euro.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from ...core.money import MoneyError, decimal_text, is_currency, to_decimal
from ..store import Book
from ..store import repository as repo
from .csv_reader import ImportProblem, ImportRejected, read_bytes, read_rows, read_text, trimmed

PRICE_COLUMNS = ("date", "symbol", "close", "currency")


@dataclass
class PriceImportResult:
    source: str
    rows: int
    symbols: int


def parse_prices(path: Path, source_label: str) -> tuple[list[dict], list[ImportProblem]]:
    source = str(path)
    header, records, problems = read_rows(io.StringIO(read_text(path, "utf-8"), newline=""), source)
    if header is None:
        return [], problems
    header = [name.lower() for name in header]
    missing = [name for name in PRICE_COLUMNS if name not in header]
    if missing:
        return [], [ImportProblem(source, 1, name, "column missing from the header (need date,symbol,close,currency)")
                    for name in missing]
    at = {name: header.index(name) for name in PRICE_COLUMNS}
    rows = []
    for line, record in records:
        cells = {name: trimmed(record[i]) for name, i in at.items()}
        row_problems = []
        try:
            day = date.fromisoformat(cells["date"])
        except ValueError:
            row_problems.append(("date", f"'{cells['date']}' is not a date (YYYY-MM-DD)"))
        if not cells["symbol"]:
            row_problems.append(("symbol", "empty"))
        try:
            close = to_decimal(cells["close"])
            if close <= 0:
                row_problems.append(("close", f"must be positive, got {cells['close']}"))
        except MoneyError as error:
            row_problems.append(("close", str(error)))
        currency = cells["currency"].upper()
        if not is_currency(currency):
            row_problems.append(("currency", f"unknown currency '{cells['currency']}'"))
        if row_problems:
            problems.extend(ImportProblem(source, line, f, why) for f, why in row_problems)
            continue
        rows.append({"symbol": cells["symbol"], "date": day.isoformat(), "close": decimal_text(close),
                     "currency": currency, "source": source_label})
    return rows, problems


def import_prices(book: Book, path: Path | str, *, source_label: str = "manual") -> PriceImportResult:
    path = Path(path)
    data = read_bytes(path)
    rows, problems = parse_prices(path, source_label)
    if problems:
        raise ImportRejected(problems)
    rows = list({(r["symbol"], r["date"]): r for r in rows}.values())  # a later line of the same day wins
    with book.write() as conn:
        repo.upsert_prices(conn, rows)
        repo.record_import(conn, "prices", path.name, hashlib.sha256(data).hexdigest(), len(rows),
                           datetime.now(timezone.utc).isoformat(timespec="seconds"))
    return PriceImportResult(str(path), len(rows), len({r["symbol"] for r in rows}))
