"""The whole book as one documented JSON file (docs/formats.md), and back into a new book.

The file holds the book's meaning, not its tables: accounts, transactions in ledger order, prices, the
security master, themes (a theme pack), the thesis journal, fund holdings and rules. Money and quantities
are decimal strings. Importing builds the new book beside its target and renames it into place once the
ledger has accepted every transaction, so a refused file leaves nothing behind.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal, overload

import sqlalchemy.exc

from ... import __version__
from ...core.benchmark import BenchmarkError, parse_benchmark, spec_text
from ...core.exposure import FundHolding, FundHoldings
from ...core.ledger import COST_BASIS_METHODS, Transaction, TxType
from ...core.money import decimal_text
from ...core.rules import Rule
from ...core.themes import JournalEntry
from ..secrets.sealed import SealedFileError, is_sealed, read_sealed, seal
from ..importers import json_input, theme_pack
from ..store import Book
from ..store.book import create_whole
from ..store import repository as repo
from ..store import themes_repo
from ..store.outputs import write_bytes

FORMAT = "gigatracker-book"
VERSION = 1
TX_FIELDS = ("date", "account", "type", "symbol", "quantity", "price", "amount", "fees", "taxes", "currency",
             "fx_rate", "ratio", "note")
MASTER_FIELDS = ("name", "isin", "currency", "asset_class", "exchange", "sector", "industry", "country")


class BookFileError(ValueError):
    """A book file that cannot be imported: `where` is its JSON location (e.g. transactions[12].quantity)."""

    def __init__(self, path: Path, where: str, why: str):
        super().__init__(f"{path}: {where}: {why}")


def export_book(book: Book, path: Path, passphrase: str | None = None) -> dict:
    """The whole book as JSON at `path`; with a passphrase, sealed in an encrypted file (AES-GCM)."""
    with book.read() as conn:
        document = book_document(conn)
    text = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    write_bytes(path, seal(text, passphrase) if passphrase is not None else text, book=book.path)
    return document


def book_document(conn) -> dict:
    """The whole book, as the JSON file holds it (read in the caller's transaction)."""
    accounts = repo.load_accounts(conn)
    txs = repo.load_transactions(conn)
    prices = repo.load_prices(conn)
    master = themes_repo.load_master(conn)
    pack = theme_pack.build(themes_repo.load_taxonomies(conn), themes_repo.load_themes(conn),
                            themes_repo.load_theses(conn), [], themes_repo.load_assignments(conn))
    journal = themes_repo.load_journal(conn)
    funds = themes_repo.load_funds(conn)
    rules = themes_repo.load_rules(conn)
    return {
        "format": FORMAT, "version": VERSION, "app_version": __version__,
        "exported_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "base_currency": repo.meta_value(conn, "base_currency") or "EUR",
        "accounts": [{"portfolio": a.portfolio, "name": a.name, "currency": a.currency, "cost_basis": a.cost_basis,
                      "short_selling": a.short_selling} for a in accounts],
        "transactions": [_tx_json(tx) for tx in txs],
        "prices": [{"date": day.isoformat(), "symbol": symbol, "close": decimal_text(close), "currency": currency,
                    "source": source} for symbol, day, close, currency, source in prices],
        "securities": [{"symbol": s.symbol, **{f: getattr(s, f) for f in MASTER_FIELDS}}
                       for s in sorted(master.values(), key=lambda s: s.symbol)],
        "themes": pack,
        "journal": [{"taxonomy": e.taxonomy, "path": e.path, "written": e.written.isoformat(), "text": e.text,
                     "weight_bp": e.weight_bp, "prices": e.prices} for e in journal],
        "funds": [{"symbol": f.fund, "as_of": f.as_of.isoformat(), "source": f.source,
                   "holdings": [{**asdict(h), "weight": decimal_text(h.weight)} for h in f.holdings],
                   "sector_weights": [{"sector": s, "weight": decimal_text(w)} for s, w in f.sector_weights]}
                  for f in sorted(funds.values(), key=lambda f: f.fund)],
        "rules": [{"dimension": r.dimension, "taxonomy": r.taxonomy, "key": r.key, "max_bp": r.max_bp,
                   "min_bp": r.min_bp} for r in rules],
        "benchmarks": [{"portfolio": portfolio or None, "benchmark": spec}
                       for portfolio, spec in repo.saved_benchmarks(conn).items()],
    }


def _tx_json(tx: Transaction) -> dict:
    row = {name: getattr(tx, name) for name in TX_FIELDS}
    row["date"] = tx.date.isoformat()
    row["type"] = tx.type.value
    for name in ("quantity", "price", "amount", "fees", "taxes", "fx_rate", "ratio"):
        row[name] = decimal_text(row[name])
    return row


def import_book(source: Path, target: Path | str, passphrase: str | None = None) -> Book:
    """A new book at `target` (a file, or an empty database's URL) holding everything in the file (an
    encrypted one needs its passphrase); nothing is created if any part is refused."""
    document = _read(source, passphrase)

    def fill(book: Book) -> None:
        try:
            with book.write() as conn:
                _fill(conn, source, document)
        except sqlalchemy.exc.IntegrityError as error:  # a value the book's constraints refuse: said
            raise BookFileError(source, "file", f"a value the book cannot hold ({error.orig})") from None
    create_whole(target, _text(source, document, "base_currency"), fill)
    return Book.open(target)


def _read(path: Path, passphrase: str | None = None) -> dict:
    try:
        if is_sealed(path):
            if not passphrase:
                raise BookFileError(path, "file", "encrypted: its passphrase is needed")
            try:
                text = read_sealed(path, passphrase).decode("utf-8")
            except SealedFileError as error:
                raise BookFileError(path, "file", str(error).split(": ", 1)[-1]) from None
        else:
            text = path.read_text(encoding="utf-8")
        document = json_input.loads(text)
    except (OSError, UnicodeDecodeError) as error:
        raise BookFileError(path, "file", str(error)) from None
    except json.JSONDecodeError as error:
        raise BookFileError(path, f"line {error.lineno}", f"not valid JSON ({error.msg})") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BookFileError(path, "format", f'not a GigaTracker book file (expected "format": "{FORMAT}")')
    if not isinstance(document.get("version"), int) or document["version"] > VERSION:
        raise BookFileError(path, "version", f"version {document.get('version')!r} is not one this GigaTracker "
                                             f"reads (up to {VERSION}); update GigaTracker")
    return document


def _text(path: Path, obj: dict, key: str, where: str = "") -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BookFileError(path, f"{where}{key}", "missing or not text")
    return value


@overload
def _decimal(path: Path, value, where: str, *, required: Literal[True]) -> Decimal: ...


@overload
def _decimal(path: Path, value, where: str, *, required: bool = False) -> Decimal | None: ...


def _decimal(path: Path, value, where: str, *, required: bool = False) -> Decimal | None:
    if value is None and not required:
        return None
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise BookFileError(path, where, f"{value!r} is not a decimal string")
    return number


def _flag(path: Path, obj: dict, key: str, where: str) -> bool:
    value = obj.get(key, False)  # absent in files of earlier versions
    if not isinstance(value, bool):
        raise BookFileError(path, f"{where}{key}", "expected true or false")
    return value


def _list(path: Path, document: dict, key: str) -> list:
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise BookFileError(path, key, "expected a list of objects")
    return value


def _fill(conn, path: Path, document: dict) -> None:
    from ...core.ledger import Ledger  # replay here: the whole file is checked before anything commits
    for i, a in enumerate(_list(path, document, "accounts")):
        where = f"accounts[{i}]."
        cost_basis = a.get("cost_basis", "fifo")
        if cost_basis not in COST_BASIS_METHODS:
            raise BookFileError(path, where + "cost_basis", f"{cost_basis!r} is not one of "
                                                            f"{', '.join(COST_BASIS_METHODS)}")
        repo.add_account(conn, _text(path, a, "portfolio", where), _text(path, a, "name", where),
                         _text(path, a, "currency", where), cost_basis, _flag(path, a, "short_selling", where))
    txs = []
    for i, row in enumerate(_list(path, document, "transactions")):
        where = f"transactions[{i}]"
        try:
            kind = TxType(row.get("type"))
            day = date.fromisoformat(row.get("date"))
        except (ValueError, TypeError):
            raise BookFileError(path, where, f"bad type or date ({row.get('type')!r}, {row.get('date')!r})") from None
        numbers = {name: _decimal(path, row.get(name), f"{where}.{name}")
                   for name in ("quantity", "price", "amount", "fees", "taxes", "fx_rate", "ratio")}
        txs.append(Transaction(day, row.get("account") or "", kind, row.get("currency") or "", row.get("symbol"),
                               numbers["quantity"], numbers["price"], numbers["amount"],
                               numbers["fees"] or Decimal(0), numbers["taxes"] or Decimal(0), numbers["fx_rate"],
                               numbers["ratio"], row.get("note") or "", ref=where))
    accounts = repo.load_accounts(conn)
    try:
        Ledger(accounts).replay(txs)
    except ValueError as error:
        tx = getattr(error, "tx", None)
        raise BookFileError(path, f"{tx.ref if tx else 'transactions'}.{getattr(error, 'field', '')}",
                            str(error)) from None
    repo.insert_transactions(conn, txs)
    prices = []
    for i, p in enumerate(_list(path, document, "prices")):
        where = f"prices[{i}]."
        close = _decimal(path, p.get("close"), where + "close", required=True)
        prices.append({"symbol": _text(path, p, "symbol", where), "date": _text(path, p, "date", where),
                       "close": decimal_text(close), "currency": _text(path, p, "currency", where),
                       "source": p.get("source") or "manual"})
    repo.upsert_prices(conn, prices)
    for i, s in enumerate(_list(path, document, "securities")):
        themes_repo.set_security(conn, _text(path, s, "symbol", f"securities[{i}]."),
                                 {f: s.get(f) or "" for f in MASTER_FIELDS})
    if document.get("themes"):
        try:
            theme_pack.validate(document["themes"], str(path))
            theme_pack.apply(conn, document["themes"], "themes")
        except ValueError as error:
            raise BookFileError(path, "themes", str(error)) from None
    for i, e in enumerate(_list(path, document, "journal")):
        themes_repo.add_journal_entry(conn, JournalEntry(
            _text(path, e, "taxonomy", f"journal[{i}]."), _text(path, e, "path", f"journal[{i}]."),
            date.fromisoformat(_text(path, e, "written", f"journal[{i}].")), e.get("text") or "",
            e.get("weight_bp"), e.get("prices") or {}))
    for i, f in enumerate(_list(path, document, "funds")):
        where = f"funds[{i}]."
        holdings = tuple(FundHolding(h.get("symbol") or "", h.get("name") or "", h.get("isin") or "",
                                     _decimal(path, h.get("weight"), f"{where}holdings[{j}].weight", required=True),
                                     h.get("sector") or "", h.get("country") or "")
                         for j, h in enumerate(f.get("holdings") or []))
        sectors = tuple((w.get("sector") or "", _decimal(path, w.get("weight"), f"{where}sector_weights[{j}].weight",
                                                      required=True))
                        for j, w in enumerate(f.get("sector_weights") or []))
        themes_repo.replace_fund_holdings(conn, FundHoldings(
            _text(path, f, "symbol", where), date.fromisoformat(_text(path, f, "as_of", where)),
            f.get("source") or "import", holdings, sectors))
    for i, r in enumerate(_list(path, document, "rules")):
        try:
            rule = Rule(r.get("dimension"), r.get("key"), r.get("max_bp"), r.get("min_bp"), r.get("taxonomy") or "Thesis")
        except ValueError as error:
            raise BookFileError(path, f"rules[{i}]", str(error)) from None
        themes_repo.add_rule(conn, rule)
    for i, b in enumerate(_list(path, document, "benchmarks")):  # (files before 0.9 have none)
        try:
            parts = parse_benchmark([_text(path, b, "benchmark", f"benchmarks[{i}].")])
        except BenchmarkError as error:
            raise BookFileError(path, f"benchmarks[{i}].benchmark", str(error)) from None
        repo.save_benchmark(conn, b.get("portfolio") or "", spec_text(parts))
