"""Importing transactions from a CSV through a mapping file: all-or-nothing, idempotent.

Every bad row is reported as `FILE:LINE: field: why` (the header is line 1 when no rows are skipped);
one bad row, or an oversell the file would cause, and nothing is written. Each row gets an
idempotency key (its content, plus its rank among identical rows of the same file), unique in the
store, so importing the same file again adds nothing while identical rows inside one file stay distinct.
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ...core.ledger import Ledger, Transaction, TxType, check_transaction
from ...core.money import decimal_text
from ..store import Book
from ..store import repository as repo
from .mapping import NUMBER_FIELDS, CsvMapping


@dataclass
class ImportProblem:
    source: str
    line: int | None
    field: str
    why: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.field}: {self.why}"


class ImportRejected(ValueError):
    """The file was refused; `problems` lists every reason. Nothing was written."""

    def __init__(self, problems: list[ImportProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ParsedRow:
    line: int
    tx: Transaction
    isin: str = ""
    name: str = ""


@dataclass
class ImportResult:
    source: str
    rows: int
    added: int
    skipped: int
    dry_run: bool
    transactions: list[Transaction] = field(default_factory=list)


def read_text(path: Path, encoding: str) -> str:
    raw = path.read_bytes()
    if encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        encoding = "utf-8-sig"  # tolerate the BOM Excel writes
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ImportRejected([ImportProblem(str(path), line, "encoding",
                                            f"not valid {encoding} (byte 0x{raw[error.start]:02x}); "
                                            "set [csv] encoding in the mapping")]) from None


def parse_transactions(path: Path, mapping: CsvMapping, accounts: dict, account: str | None
                       ) -> tuple[list[ParsedRow], list[ImportProblem]]:
    """Rows of a CSV as transactions, and every problem found (parsing and per-row checks)."""
    source = str(path)
    text = read_text(path, mapping.encoding)
    lines = io.StringIO(text, newline="")
    for _ in range(mapping.skip_rows):
        lines.readline()
    reader = csv.reader(lines, delimiter=mapping.delimiter)
    first_line = mapping.skip_rows + 1
    try:
        header = next(reader)
    except StopIteration:
        return [], [ImportProblem(source, first_line, "header", "the file has no header row")]
    except csv.Error as error:
        return [], [ImportProblem(source, first_line, "header", f"unreadable CSV ({error})")]
    header = [name.strip() for name in header]
    problems = [ImportProblem(source, first_line, f"columns.{ours}", f"no column '{theirs}' in the header")
                for ours, theirs in mapping.columns.items() if theirs not in header]
    if problems:
        return [], problems
    index = {ours: header.index(theirs) for ours, theirs in mapping.columns.items()}

    rows: list[ParsedRow] = []
    previous_end = reader.line_num + mapping.skip_rows
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(ImportProblem(source, previous_end + 1, "row", f"unreadable CSV ({error})"))
            break
        line = previous_end + 1
        previous_end = reader.line_num + mapping.skip_rows
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(ImportProblem(source, line, "row",
                                          f"{len(record)} fields, the header has {len(header)}"))
            continue
        row_problems: list[tuple[str, str]] = []
        parsed = _parse_row(record, index, mapping, account, accounts, row_problems)
        if parsed is not None and not row_problems:
            tx, isin, name = parsed
            tx = tx._replace(ref=line)
            row_problems.extend(check_transaction(tx, accounts))
            if not row_problems:
                rows.append(ParsedRow(line, tx, isin, name))
        problems.extend(ImportProblem(source, line, f, why) for f, why in row_problems)
    return rows, problems


def _parse_row(record, index, mapping: CsvMapping, account, accounts, problems):
    def cell(name: str) -> str:
        return record[index[name]].strip() if name in index else ""

    values: dict = {}
    raw_date = cell("date")
    if not raw_date:
        problems.append(("date", "empty"))
    else:
        try:
            values["date"] = datetime.strptime(raw_date, mapping.date_format).date()
        except ValueError:
            problems.append(("date", f"'{raw_date}' does not match the date format '{mapping.date_format}'"))

    raw_type = cell("type") or mapping.defaults.get("type", "")
    kind = mapping.types.get(raw_type) or TxType.__members__.get(raw_type.upper())
    if kind is None:
        problems.append(("type", f"unknown type '{raw_type}' (map it in [types])" if raw_type else "empty"))
    values["type"] = kind

    for name in NUMBER_FIELDS:
        raw = cell(name)
        if not raw:
            continue
        try:
            values[name] = mapping.parse_number(raw)
        except ValueError as error:
            problems.append((name, str(error)))

    values["account"] = cell("account") or account or mapping.defaults.get("account", "")
    if not values["account"]:
        problems.append(("account", "no account (give --account or map an account column)"))
    elif values["account"] not in accounts:
        problems.append(("account", f"unknown account '{values['account']}'"))
    default_currency = mapping.defaults.get("currency") or (
        accounts[values["account"]].currency if values["account"] in accounts else "")
    values["currency"] = (cell("currency") or default_currency).upper()
    if not values["currency"]:
        problems.append(("currency", "empty and no default currency"))
    values["symbol"] = cell("symbol") or None
    values["note"] = cell("note")
    if problems:
        return None
    for name in ("fees", "taxes"):
        values.setdefault(name, Transaction._field_defaults[name])
    return Transaction(**values), cell("isin"), cell("name")


def row_key(tx: Transaction, occurrence: int) -> str:
    """Idempotency key: what the row says, plus its rank among identical rows of its file."""
    parts = [tx.account, tx.date.isoformat(), tx.type.value, tx.symbol or "", tx.currency, tx.note]
    parts += [decimal_text(getattr(tx, name)) or "" for name in NUMBER_FIELDS]
    parts.append(str(occurrence))
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def import_transactions(book: Book, path: Path | str, mapping: CsvMapping, *, account: str | None = None,
                        dry_run: bool = False) -> ImportResult:
    path = Path(path)
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportRejected([ImportProblem(source, None, "file", error.strerror or str(error))]) from None
    with book.write() as conn:  # BEGIN IMMEDIATE: nobody changes the book between our check and our write
        accounts = {a.name: a for a in repo.load_accounts(conn)}
        rows, problems = parse_transactions(path, mapping, accounts, account)
        seen: dict[str, int] = {}
        keys = []
        for row in rows:
            content = row_key(row.tx, 0)
            seen[content] = seen.get(content, 0) + 1
            keys.append(row_key(row.tx, seen[content] - 1))
        already = repo.existing_import_keys(conn, keys)
        fresh = [(row, key) for row, key in zip(rows, keys) if key not in already]
        new_txs = [repo.stored_form(row.tx) for row, _ in fresh]

        ledger = Ledger(accounts.values())
        errors = ledger.replay(repo.load_transactions(conn) + new_txs, collect_errors=True)
        problems += [_replay_problem(source, error) for error in errors]
        if problems:
            raise ImportRejected(sorted(problems, key=lambda p: (p.line or 0)))
        result = ImportResult(source, len(rows), len(fresh), len(rows) - len(fresh), dry_run, new_txs)
        if dry_run or not fresh:
            conn.rollback()
            return result
        import_id = repo.record_import(conn, "transactions", path.name, hashlib.sha256(data).hexdigest(),
                                       len(fresh), datetime.now(timezone.utc).isoformat(timespec="seconds"))
        repo.insert_transactions(conn, new_txs, import_id=import_id, keys=[key for _, key in fresh])
        repo.upsert_securities(conn, {row.tx.symbol: {"name": row.name, "isin": row.isin,
                                                      "currency": row.tx.currency}
                                      for row, _ in fresh if row.tx.symbol and row.tx.type in
                                      (TxType.BUY, TxType.TRANSFER_IN)})
        return result


def _replay_problem(source: str, error) -> ImportProblem:
    tx = error.tx
    if tx is not None and tx.ref is not None:
        return ImportProblem(source, tx.ref, error.field, error.message)
    return ImportProblem(source, None, error.field,
                         f"with this file, the existing transaction #{tx.id if tx else '?'} fails: {error.message}")
