"""Importing transactions from a CSV through a mapping file, or from a known format through a preset:
all-or-nothing, idempotent.

Every bad row is reported as `FILE:LINE: field: why` (the header is line 1 when no rows are skipped);
one bad row, or an oversell the file would cause, and nothing is written. Each row gets an
idempotency key (its content, plus its rank among identical rows of the same file), unique in the
store, so importing the same file again adds nothing while identical rows inside one file stay distinct.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from decimal import Decimal
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

from ...core.checks import InputRule, input_problems
from ...core.ledger import SECURITY_TYPES, SHARES_IN, SHARES_OUT, Ledger, Transaction, TxType, check_transaction
from ...core.money import RoundedMoney, decimal_text
from ..store import Book
from ..store import ledger_state as kept_state
from ..store import repository as repo
from .csv_reader import ImportProblem, ImportRejected, read_bytes, read_columns
from .fx_check import fx_findings
from .mapping import NUMBER_FIELDS, CsvMapping
from . import theme_pack
from .presets import PresetRead, read_with_preset
from .presets.common import BookSetup, Draft, Statement
from .reconcile import Reconciliation, reconcile


@dataclass
class ParsedRow:
    line: int
    tx: Transaction
    isin: str = ""
    name: str = ""
    draft: Draft | None = None  # the preset's draft it came from (with the broker's own figures, if any)


@dataclass
class ImportResult:
    source: str
    rows: int
    added: int
    skipped: int
    dry_run: bool
    transactions: list[Transaction] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)  # (line, why): rows read but not imported
    preset: str | None = None  # the preset that read the file
    accounts_created: list[str] = field(default_factory=list)  # a whole tracker's file: accounts it made
    securities: int = 0  # securities whose details it brought
    prices: int = 0  # closes it put in the price cache
    taxonomies: int = 0  # taxonomies it brought (with their themes and weights)
    notes: list[str] = field(default_factory=list)  # how the file was read
    reconciliation: Reconciliation | None = None  # the book against the file's own figures, if it has any


def parse_transactions(path: Path, mapping: CsvMapping, accounts: dict, account: str | None, *,
                       allow_future: bool = False) -> tuple[list[ParsedRow], list[ImportProblem]]:
    """Rows of a CSV as transactions, and every problem found (parsing and per-row checks), a row's problems
    in the order of its fields. Read a column at a time: each distinct text of a column is parsed once (a
    100k-row file has a few thousand days and repeats most quantities, fees and symbols)."""
    lines, columns, problems = read_columns(path, mapping)
    blank = [""] * len(lines)

    def column(name: str) -> list[str]:
        return columns.get(name, blank)

    bad: dict[int, list[tuple[str, str]]] = {}  # row index: its problems, in field order
    days = _read_column(column("date"), partial(_read_date, mapping.date_format), bad)
    kinds = _read_column(column("type"), partial(_read_type, mapping), bad)
    numbers = [_read_column(column(name), partial(_read_number, mapping, name), bad) for name in NUMBER_FIELDS]
    names = _read_column(column("account"), partial(_read_account, account or mapping.defaults.get("account", ""),
                                                    accounts), bad)
    currencies = [_currency(text, name, mapping, accounts) for text, name in zip(column("currency"), names)]
    for i, currency in enumerate(currencies):
        if not currency:
            bad.setdefault(i, []).append(("currency", "empty and no default currency"))
    symbols = [text or None for text in column("symbol")]
    rule = InputRule(allow_future=allow_future)
    rows: list[ParsedRow] = []
    for i, (line, day, kind, currency, name, symbol, note, isin, title, quantity, price, amount, fees, taxes, fx_rate,
            ratio) in enumerate(zip(lines, days, kinds, currencies, names, symbols, column("note"), column("isin"),
                                    column("name"), *numbers)):
        row_problems = bad.get(i)
        if row_problems is None:
            tx = Transaction(day, name, kind, currency, symbol, quantity, price, amount, fees, taxes, fx_rate, ratio,
                             note, None, line)
            row_problems = rule.problems(tx) + check_transaction(tx, accounts)
            if not row_problems:
                rows.append(ParsedRow(line, tx, isin, title))
                continue
        problems.extend(ImportProblem(str(path), line, f, why) for f, why in row_problems)
    return rows, problems


def _read_column(texts: list[str], read: Callable[[str], tuple[object, tuple[str, str] | None]],
                 bad: dict[int, list[tuple[str, str]]]) -> list:
    """Each cell's value, read once per distinct text; a cell that cannot be read adds its problem to its
    row's in `bad`."""
    seen = {text: read(text) for text in set(texts)}
    if any(problem for _, problem in seen.values()):
        for i, text in enumerate(texts):
            problem = seen[text][1]
            if problem:
                bad.setdefault(i, []).append(problem)
    return [seen[text][0] for text in texts]


def _read_date(date_format: str, text: str) -> tuple[date | None, tuple[str, str] | None]:
    if not text:
        return None, ("date", "empty")
    try:
        return datetime.strptime(text, date_format).date(), None
    except ValueError:
        return None, ("date", f"'{text}' does not match the date format '{date_format}'")


def _read_type(mapping: CsvMapping, text: str) -> tuple[TxType | None, tuple[str, str] | None]:
    raw = text or mapping.defaults.get("type", "")
    kind = mapping.types.get(raw) or TxType.__members__.get(raw.upper())
    if kind is None:
        return None, ("type", f"unknown type '{raw}' (map it in [types])" if raw else "empty")
    return kind, None


def _read_number(mapping: CsvMapping, name: str, text: str) -> tuple[Decimal | None, tuple[str, str] | None]:
    if not text:
        return Transaction._field_defaults.get(name), None  # fees and taxes: 0; the others: none
    try:
        return mapping.parse_number(text), None
    except ValueError as error:
        return None, (name, str(error))


def _read_account(default: str, accounts: dict, text: str) -> tuple[str, tuple[str, str] | None]:
    name = text or default
    if not name:
        return name, ("account", "no account (give --account or map an account column)")
    if name not in accounts:
        return name, ("account", f"unknown account '{name}'")
    return name, None


def _currency(text: str, account: str, mapping: CsvMapping, accounts: dict) -> str:
    if text:
        return text.upper()
    default = mapping.defaults.get("currency") or (accounts[account].currency if account in accounts else "")
    return default.upper()


KEY_BYTES = 16  # half a SHA-256: no two rows of any book will ever share it by chance


def row_key(tx: Transaction, occurrence: int) -> bytes:
    """Idempotency key: what the row says, plus its rank among identical rows of its file."""
    return _key(_KeyTexts().content(tx), occurrence)


def import_keys(rows: list[ParsedRow]) -> list[bytes]:
    """Each row's key (as row_key), identical rows told apart by their rank."""
    texts, keys = _KeyTexts(), []
    seen: dict[str, int] = {}
    for row in rows:
        content = texts.content(row.tx)
        occurrence = seen[content] = seen.get(content, -1) + 1
        keys.append(_key(content, occurrence))
    return keys


class _KeyTexts:
    """What a key is made of: a row's fields as text, each distinct day and figure written once."""

    def __init__(self) -> None:
        self.numbers = _NumberTexts()
        self.days: dict[date, str] = {}

    def content(self, tx: Transaction) -> str:
        day = self.days.get(tx.date)
        if day is None:
            day = self.days[tx.date] = tx.date.isoformat()
        numbers = self.numbers
        return "\x1f".join((tx.account, day, _TYPE_TEXT[tx.type], tx.symbol or "", tx.currency, tx.note,
                            numbers[tx.quantity], numbers[tx.price], numbers[tx.amount], numbers[tx.fees],
                            numbers[tx.taxes], numbers[tx.fx_rate], numbers[tx.ratio]))  # NUMBER_FIELDS' order


class _NumberTexts(dict[Decimal | None, str]):
    def __missing__(self, value: Decimal | None) -> str:
        text = self[value] = decimal_text(value) or ""  # no value: an empty part
        return text


_TYPE_TEXT = {kind: kind.value for kind in TxType}  # an enum's .value is a property: slow per row


def _key(content: str, occurrence: int) -> bytes:
    return hashlib.sha256(f"{content}\x1f{occurrence}".encode()).digest()[:KEY_BYTES]


def import_transactions(book: Book, path: Path | str, mapping: CsvMapping, *, account: str | None = None,
                        dry_run: bool = False, openings: dict | None = None, allow_future: bool = False
                        ) -> ImportResult:
    """A CSV read through a mapping; `account` is for rows without an account column. `openings`: what
    was held before the file's first row, {symbol: (quantity, total cost)} (the file starts mid-life)."""
    path = Path(path)
    return _import(book, path, lambda accounts: (*parse_transactions(path, mapping, accounts, account,
                                                                     allow_future=allow_future), []),
                   dry_run=dry_run, openings=openings)


def import_with_preset(book: Book, path: Path | str, preset: str, *, account: str | None = None,
                       dry_run: bool = False, portfolio: str | None = None, openings: dict | None = None,
                       skip_unknown: bool = False, allow_future: bool = False) -> ImportResult:
    """A file in a known format ('auto': recognised from its header); `account`, when given, receives
    every row, else each row goes to the account the file names, which must exist in the book. A whole
    tracker's file (Portfolio Performance's) brings its accounts, made in `portfolio` (default: the file's
    name), with its securities, prices and taxonomies, all in the same transaction. What was held before the
    file's first row comes from the file when it says (opening balances, open lots), else from
    `openings` {symbol: (quantity, total cost)}. A row of a kind the preset does not know refuses the file,
    unless `skip_unknown`: then the rest is imported and those rows are listed as skipped. Rows dated after
    today are refused unless `allow_future`."""
    path = Path(path)
    chosen, read = read_with_preset(path, preset)
    _unknown_rows(read, str(path), skip_unknown)
    if read.setup is not None:
        if portfolio:
            read.setup.portfolio = portfolio.strip()
        if account is not None:
            raise ImportRejected([ImportProblem(str(path), None, "account", f"a {chosen.label} names its own "
                                                "accounts: import it without choosing an account")])
    def parse(accounts):
        return *rows_from_drafts(read, str(path), accounts, account, allow_future=allow_future), read.ignored

    result = _import(book, path, parse, dry_run=dry_run, setup=read.setup, statement=read.statement,
                     account=account, openings=openings)
    result.preset = chosen.name
    result.notes = list(read.notes) + result.notes
    return result


def _unknown_rows(read: PresetRead, source: str, skip: bool) -> None:
    """Rows the preset does not know: problems, or (asked to skip them) listed as skipped."""
    if not read.unknown:
        return
    if skip:
        read.ignored.extend((line, f"skipped: {why}") for line, _field, why in read.unknown)
        lines = ", ".join(str(line) for line, _, _ in read.unknown[:10]) + (", …" if len(read.unknown) > 10 else "")
        read.notes.append(f"{len(read.unknown)} row(s) of a kind GigaTracker does not know were skipped, as asked "
                          f"(line{'s' if len(read.unknown) > 1 else ''} {lines})")
        read.ignored.sort(key=lambda item: item[0])
    else:
        read.problems.extend(ImportProblem(source, line, name, f"{why} (--skip-unknown imports the rest of the "
                                                                 "file and lists this row)")
                             for line, name, why in read.unknown)


def rows_from_drafts(read: PresetRead, source: str, accounts: dict, account: str | None, *,
                     allow_future: bool = False) -> tuple[list[ParsedRow], list[ImportProblem]]:
    """A preset's drafts as transactions of the book's accounts, with every problem found."""
    problems = list(read.problems)
    if account is not None and account not in accounts:
        return [], problems + [ImportProblem(source, None, "account", f"unknown account '{account}'")]
    unknown = sorted({d.account for d in read.drafts if account is None and d.account and d.account not in accounts})
    problems += [ImportProblem(source, None, "account", f"the file's account '{name}' is not in this book "
                               "(create it, or choose the account to import into)") for name in unknown]
    if account is None and any(d.account is None for d in read.drafts):
        problems.append(ImportProblem(source, None, "account", "the file does not say which account its rows "
                                                               "belong to: choose the account to import into"))
    rows: list[ParsedRow] = []
    if problems:
        return rows, problems
    for draft in read.drafts:
        target = accounts[account or draft.account]
        currency = draft.currency or target.currency
        tx = Transaction(draft.date, target.name, draft.type, currency, draft.symbol, draft.quantity, draft.price,
                         draft.amount, draft.fees, draft.taxes,
                         draft.fx_rate if currency != target.currency and draft.fx_into in (None, target.currency)
                         else None, draft.ratio, draft.note,
                         ref=draft.line)
        row_problems = input_problems(tx, allow_future=allow_future) + check_transaction(tx, accounts)
        problems += [ImportProblem(source, draft.line, f, why) for f, why in row_problems]
        if not row_problems:
            rows.append(ParsedRow(draft.line, tx, draft.isin, draft.name, draft))
    return rows, problems


Parse = Callable[[dict], tuple[list[ParsedRow], list[ImportProblem], list[tuple[int, str]]]]


def _import(book: Book, path: Path, parse: Parse, *, dry_run: bool, setup: BookSetup | None = None,
            statement: Statement | None = None, account: str | None = None, openings: dict | None = None
            ) -> ImportResult:
    source = str(path)
    data = read_bytes(path)
    with book.write() as conn:  # BEGIN IMMEDIATE: nobody changes the book between our check and our write
        created = _make_accounts(conn, setup, source) if setup is not None else []
        accounts = {a.name: a for a in repo.load_accounts(conn)}
        rows, problems, ignored = parse(accounts)
        read_rows = len(rows)
        opened: list[ParsedRow] = []
        fx_problems, fx_notes = fx_findings(conn, source, rows, accounts)
        problems += fx_problems
        if rows and not problems:
            opened, opening_problems = _opening_rows(conn, source, rows, statement, account, openings or {},
                                                     accounts)
            rows, problems = opened + rows, problems + opening_problems
        keys = import_keys(rows)
        already = repo.existing_import_keys(conn, keys)
        fresh = [(row, key) for row, key in zip(rows, keys) if key not in already]
        rounded = RoundedMoney()
        new_txs = [repo.stored_form(row.tx, rounded) for row, _ in fresh]

        check = _LedgerCheck(conn, list(accounts.values()), new_txs)
        errors = check.errors
        problems += [_replay_problem(source, error) for error in errors]
        if problems:
            needed = _openings_needed(rows, check.before(), errors)
            raise ImportRejected(sorted(problems, key=lambda p: (p.line or 0)), needed)
        result = ImportResult(source, read_rows, len(fresh), len(rows) - len(fresh), dry_run, new_txs, ignored,
                              accounts_created=created, notes=fx_notes)
        added_openings = [row.tx for row, _ in fresh if row.tx.note.endswith(OPENED)]
        if added_openings:
            result.notes.append(f"what was {OPENED}, added on {added_openings[0].date.isoformat()}: "
                                + "; ".join(_opening_text(tx) for tx in added_openings))
        states = statement is not None or any(row.draft is not None and row.draft.expected is not None
                                              for row, _ in fresh)  # else there is nothing to reconcile
        if states:
            drafts = [(tx, row.draft or Draft(row.line, tx.date, tx.type)) for tx, (row, _) in zip(new_txs, fresh)]
            result.reconciliation = reconcile(accounts, check.before(), drafts, statement,
                                              lambda name: account or name)
        if setup is not None:  # securities, prices and taxonomies: a re-import brings their changes
            _write_setup(conn, setup, source, result)
        if dry_run or not (fresh or setup is not None):
            conn.rollback()
            return result
        import_id = repo.record_import(conn, "transactions", path.name, hashlib.sha256(data).hexdigest(),
                                       len(fresh), datetime.now(timezone.utc).isoformat(timespec="seconds"))
        repo.insert_transactions(conn, new_txs, import_id=import_id, keys=[key for _, key in fresh])
        check.keep(conn)
        repo.upsert_securities(conn, {row.tx.symbol: {"name": row.name, "isin": row.isin,
                                                      "currency": row.tx.currency}
                                      for row, _ in fresh if row.tx.symbol and row.tx.type in SHARES_IN})
        return result


class _LedgerCheck:
    """The ledger's verdict on the book with the file's new transactions (each of which passed
    check_transaction as it was read, or was refused). When the book keeps a current
    ledger state and they all come after its last transaction (a new month's statement), they are applied
    to a copy of it, numbered as the store will number them, and the result is kept with them; otherwise
    the whole book is replayed."""

    def __init__(self, conn, accounts: list, added: list[Transaction]):
        self._conn = conn
        self._before: list[Transaction] | None = None
        found = kept_state.load(conn, accounts) if added else None
        self.appended = found is not None and (found[1].date is None or min(tx.date for tx in added) >= found[1].date)
        if found is not None and self.appended:
            kept, self._last = found
            top = repo.max_transaction_id(conn)
            self.added = [tx._replace(id=top + i) for i, tx in enumerate(added, start=1)]
            self.sales_from = len(kept.sales)
            self.ledger = kept.copy({tx.account for tx in added})
            self.errors = self.ledger.replay(self.added, collect_errors=True, checked=True)
        else:
            self.ledger = Ledger(accounts)
            before = self.before()  # the book's own are checked again: an older version may have written them
            self.errors = self.ledger.replay(before + added, collect_errors=True, checked=not before)

    def before(self) -> list[Transaction]:
        """The book's transactions before the import (read only when needed)."""
        if self._before is None:
            self._before = repo.load_transactions(self._conn)
        return self._before

    def keep(self, conn) -> None:
        """After the insert: keep the ledger with the file's transactions as the book's state."""
        if not self.appended:
            return  # the next read replays the book and keeps it
        if repo.last_ids(conn, len(self.added)) != [tx.id for tx in self.added]:
            raise RuntimeError("the store numbered the imported transactions otherwise than expected")
        final = max(self.added, key=lambda tx: (tx.date, tx.id))  # the last in ledger order
        last = kept_state.Last(final.date, final.id, self._last.count + len(self.added))
        kept_state.save_appended(conn, self.ledger, last, at=kept_state.mark(conn), sales_from=self.sales_from,
                                 keys={(tx.account, tx.symbol) for tx in self.added if tx.symbol})


OPENED = "held before the file's first row"
ZERO = Decimal(0)


def _opening_rows(conn, source: str, rows: list[ParsedRow], statement: Statement | None, account: str | None,
                  given: dict, accounts: dict) -> tuple[list[ParsedRow], list[ImportProblem]]:
    """What the accounts held before the file's first row, dated that day and placed first: the cash and
    open lots the file states (only for an account with nothing in the book before: else the book's own
    history holds them), and the positions the user gives {symbol: (quantity, total cost)}."""
    first = statement.since if statement is not None and statement.since else min(row.tx.date for row in rows)
    opening: list[Transaction] = []
    fresh: dict[str, bool] = {}

    def starts_here(name: str) -> bool:
        if name not in fresh:
            fresh[name] = not repo.has_transactions_before(conn, name, first)
        return fresh[name]

    if statement is not None:
        for (holder, currency), amount in sorted(statement.opening_cash.items(), key=lambda i: str(i[0])):
            name = account or holder
            if amount and name and starts_here(name):
                opening.append(Transaction(first, name, TxType.DEPOSIT if amount > 0 else TxType.WITHDRAWAL,
                                           currency, amount=abs(amount), note=f"opening balance: {OPENED}"))
        for _, holder, symbol, currency, quantity, cost in statement.opening_positions:
            name = account or holder
            if name and starts_here(name) and symbol not in given:
                opening.append(Transaction(first, name, TxType.TRANSFER_IN, currency, symbol, quantity,
                                           amount=cost, note=f"opening position: {OPENED}"))
    problems = []
    for symbol, (quantity, cost) in given.items():
        trade = _first_trade(rows, symbol)
        if trade is None:
            problems.append(ImportProblem(source, None, "opening", f"{symbol} is not traded in the file"))
            continue
        opening.append(Transaction(first, trade.account, TxType.TRANSFER_IN, trade.currency, symbol,
                                   quantity, amount=cost, note=f"opening position given at the import: {OPENED}"))
    checked = []  # checked as the file's rows are (the ledger check trusts them)
    for tx in opening:
        found = check_transaction(tx, accounts)
        problems += [ImportProblem(source, 1, name, f"{OPENED}: {why}") for name, why in found]
        if not found:
            checked.append(ParsedRow(1, tx._replace(ref=1)))
    return checked, problems


def _first_trade(rows: list[ParsedRow], symbol: str) -> Transaction | None:
    """The file's first trade of a symbol: its account and currency are the opening position's (never a
    dividend's, which may sit on a cash account in another currency)."""
    return next((row.tx for row in rows if row.tx.symbol == symbol and row.tx.type in SECURITY_TYPES), None)


def _openings_needed(rows: list[ParsedRow], before: list[Transaction], errors) -> dict[str, Decimal]:
    """Per symbol the file sells more of than it and the book hold, in the account an opening goes to: the
    shortfall at its deepest, which is what must have been held before the file's first row."""
    short = {error.tx.symbol for error in errors if error.tx is not None and error.tx.ref is not None
             and error.field == "quantity" and error.tx.symbol and error.tx.type in SHARES_OUT}
    needed: dict[str, Decimal] = {}
    for symbol in sorted(short):
        trade = _first_trade(rows, symbol)
        assert trade is not None  # the file's rows hold the sale that fell short (the book's have no ref)
        account = trade.account
        held = lowest = ZERO
        txs = [tx for tx in before + [row.tx for row in rows] if tx.symbol == symbol and tx.account == account]
        for tx in sorted(txs, key=lambda tx: tx.date):  # by day, then as listed
            if tx.type is TxType.SPLIT and tx.ratio:
                held, lowest = held * tx.ratio, lowest * tx.ratio
            elif tx.type in SHARES_IN:
                held += tx.quantity or ZERO
            elif tx.type in SHARES_OUT:
                held -= tx.quantity or ZERO
                lowest = min(lowest, held)
        if lowest < 0:
            needed[symbol] = -lowest
    return needed


def _opening_text(tx: Transaction) -> str:
    if tx.symbol:
        return f"{tx.account} {decimal_text(tx.quantity)} {tx.symbol} costing {decimal_text(tx.amount)} {tx.currency}"
    sign = "" if tx.type is TxType.DEPOSIT else "-"
    return f"{tx.account} cash {sign}{decimal_text(tx.amount)} {tx.currency}"


def _make_accounts(conn, setup: BookSetup, source: str) -> list[str]:
    """The accounts a whole tracker's file names, created where the book lacks them (same name: the same
    currency, else refused)."""
    existing = {a.name: a for a in repo.load_accounts(conn)}
    problems, created = [], []
    for name, currency in setup.accounts:
        account = existing.get(name)
        if account is None:
            repo.add_account(conn, setup.portfolio or "Portfolio Performance", name, currency, "fifo")
            created.append(name)
        elif account.currency != currency:
            problems.append(ImportProblem(source, None, "account", f"the book's account '{name}' is in "
                                          f"{account.currency}, the file's in {currency}: rename one of them"))
    if problems:
        raise ImportRejected(problems)
    return created


def _write_setup(conn, setup: BookSetup, source: str, result: ImportResult) -> None:
    repo.upsert_securities(conn, {symbol: {k: v for k, v in fields.items() if v}
                                  for symbol, fields in setup.securities.items()})
    repo.upsert_prices(conn, setup.prices)
    result.securities, result.prices = len(setup.securities), len(setup.prices)
    if setup.theme_pack is not None:
        try:
            theme_pack.validate(setup.theme_pack, source)
            summary = theme_pack.apply(conn, setup.theme_pack, source)
        except theme_pack.PackError as error:
            raise ImportRejected([ImportProblem(source, None, "taxonomies", str(error))]) from None
        result.taxonomies = summary.taxonomies


def _replay_problem(source: str, error) -> ImportProblem:
    tx = error.tx
    if tx is not None and tx.ref is not None:
        message = error.message
        if error.field == "quantity" and tx.type in SHARES_OUT:
            message += (f" — if the file starts after they were bought, give what was {OPENED}: "
                        f"--opening {tx.symbol}=QUANTITY@TOTAL_COST (or import the earlier statement first)")
        return ImportProblem(source, tx.ref, error.field, message)
    return ImportProblem(source, None, error.field,
                         f"with this file, the existing transaction #{tx.id if tx else '?'} fails: {error.message}")
