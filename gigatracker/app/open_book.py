"""Composition root: one open book and the commands that read and change it.

The CLI and the desktop window both go through `App`, so every capability has one implementation.
After a write commits, subscribers receive a `Changed` event naming what changed (views refresh from it;
nothing polls the database).
"""
from __future__ import annotations

import heapq
import logging
import threading

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, AbstractSet, Callable

from .changes import ELSEWHERE, EVERYTHING, NOTHING, Changed
from ..core.checks import input_problems, symbol_problem
from ..core.ledger import (COST_BASIS_METHODS, TRANSFER_TYPES, Account, Ledger, LedgerError, Transaction,
                           check_transaction)
from ..core.money import is_currency
from ..core.valuation import Item, PriceBook, Valuation, value_positions
from ..services.store import Book, BookError, default_book_path, is_server_url
from ..services.store.book import set_meta
from ..services.store import repository as repo
from ..services.store import ledger_state as kept_state
from ..services.store.ledger_state import Last
from ..services.market.symbols import is_isin
from ..services.store.renames import RenameImage, put_back, rename_image, rename_symbol
from ..services.store.themes_repo import load_master

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from .exports import ExportCommands
    from .market import MarketCommands
    from .performance import PerformanceCommands
    from .team import TeamCommands
    from .themes import ThemeCommands
    from ..services.importers.mapping import CsvMapping
    from ..services.importers.prices import PriceImportResult
    from ..services.importers.transactions import ImportResult
    from .operations import Operation, Outcome


@dataclass(frozen=True)
class Snapshot:
    base_currency: str
    holdings: list[Valuation]
    items: list[Item]  # what exposure counts: valued positions and cash, in the base currency
    problems: list[str]  # what could not be valued (no price, no FX rate), so is left out of the total
    problem_portfolios: list[str] = field(default_factory=list)  # the portfolio of each problem

    def restrict(self, portfolio: str) -> "Snapshot":
        """The same valuation for one portfolio (a transfer between portfolios needs the whole book's
        ledger, so a portfolio's snapshot is a cut of the book's, never a replay of its own accounts)."""
        kept = [text for text, owner in zip(self.problems, self.problem_portfolios) if owner == portfolio]
        return Snapshot(self.base_currency, [v for v in self.holdings if v.portfolio == portfolio],
                        [item for item in self.items if item.portfolio == portfolio], kept, [portfolio] * len(kept))


class ChangedElsewhere(ValueError):
    """An edit or deletion of a row another desk changed since it was read: nothing is written."""


def _content(tx: Transaction) -> tuple:
    return tx._replace(id=None, ref=None)


class LedgerState:
    """The book's accounts and the ledger replayed from its transactions: kept between reads while no write
    changes accounts or transactions (`version`), and never changed once made (a write that adds
    transactions after every other checks itself on a copy, then becomes the next one). The transactions
    themselves are read when first asked for: a ledger read from the book's kept state needs none."""

    def __init__(self, version: int, accounts: list[Account], ledger: Ledger, last: Last,
                 transactions: list[Transaction] | None = None,
                 read: Callable[[], list[Transaction]] | None = None):
        self.version, self.accounts, self.ledger, self.last = version, accounts, ledger, last
        self._transactions, self._read = transactions, read
        self._lock = threading.Lock()

    @property
    def transactions(self) -> list[Transaction]:
        """In ledger order, as they read back from the store."""
        with self._lock:
            if self._transactions is None:
                assert self._read is not None
                self._transactions = self._read()
            return self._transactions

    def transactions_if_read(self) -> list[Transaction] | None:
        return self._transactions

    def again(self, version: int) -> "LedgerState":
        """The same state under another version."""
        return LedgerState(version, self.accounts, self.ledger, self.last, self._transactions, self._read)

    def appended(self, ledger: Ledger, added: list[Transaction]) -> "LedgerState":
        """This state with `added` (read back, with their ids) applied: `ledger`."""
        last = Last(added[-1].date, added[-1].id, self.last.count + len(added))
        txs = self._transactions + added if self._transactions is not None else None
        return LedgerState(self.version, self.accounts, ledger, last, txs, self._read)


@dataclass(frozen=True)
class LedgerCheck:
    transactions: int
    refused: list[str]  # transactions the ledger refuses (a book written by other means than the app)
    kept: str  # the state kept in the book against the replay: "same", "different" or "missing"

    @property
    def ok(self) -> bool:
        return not self.refused and self.kept != "different"


log = logging.getLogger(__name__)
RENAMED = Changed(transactions=True, prices=True, securities=True, themes=True, funds=True, rules=True, events=True)


class App:
    def __init__(self, book: Book):
        self.book = book
        self._listeners: list[Callable[[Changed], None]] = []
        self._acting = threading.local()  # the operation running on this thread: its origin, its changes
        self._state: LedgerState | None = None
        self._state_version = 0  # bumped by every write to accounts or transactions
        self._state_lock = threading.Lock()

    # The command groups are imported when first used: a command that only reads holdings needs none of
    # numpy, the importers, the exporters or the market data (a CLI call's start-up time is mostly imports).
    @cached_property
    def themes(self) -> "ThemeCommands":
        from .themes import ThemeCommands
        return ThemeCommands(self)

    @cached_property
    def market(self) -> "MarketCommands":
        from .market import MarketCommands
        return MarketCommands(self)

    @cached_property
    def exports(self) -> "ExportCommands":
        from .exports import ExportCommands
        return ExportCommands(self)

    @cached_property
    def performance(self) -> "PerformanceCommands":
        from .performance import PerformanceCommands
        return PerformanceCommands(self)

    @cached_property
    def team(self) -> "TeamCommands":
        from .team import TeamCommands
        return TeamCommands(self)

    # -- opening ----------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str | None = None, passphrase: str | None = None) -> "App":
        """Open a book; with no path, the default book (made from the embedded demo on first use). An
        encrypted book needs its passphrase."""
        if path is None:
            path = default_book_path()
            if not path.exists():
                from .demo import build_demo_book
                return cls(build_demo_book(path))
        return cls(Book.open(path, passphrase))

    @classmethod
    def import_book(cls, source: Path | str, target: Path | str, passphrase: str | None = None) -> "App":
        """A new book at `target` from a book JSON file (all of it, or nothing is created); an encrypted
        file needs its passphrase."""
        from ..services.exporters.book_json import import_book
        return cls(import_book(Path(source), target if is_server_url(target) else Path(target), passphrase))

    @classmethod
    def create(cls, path: Path | str, base_currency: str, passphrase: str | None = None) -> "App":
        """A new book; with a passphrase, encrypted."""
        if not is_currency(base_currency):
            raise ValueError(f"unknown currency '{base_currency}'")
        return cls(Book.create(path, base_currency, passphrase))

    def close(self) -> None:
        self.book.close()

    def __enter__(self) -> "App":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- change events ----------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Changed], None]) -> None:
        """`listener(change)` after each write; for a shared book, after other desks' writes too (from then
        on, heard on a thread of its own; their changes name `ELSEWHERE` as their origin)."""
        self._listeners.append(listener)
        if self.book.shared:
            self.book.follow(self._changed_elsewhere)

    def _changed_elsewhere(self, parts: tuple[str, ...] | None) -> None:
        change = EVERYTHING if parts is None else Changed.of(parts)
        if not change:
            return
        if change.transactions or change.accounts:
            with self._state_lock:
                self._state_version += 1
                self._state = None
        change = change.by(ELSEWHERE)
        for listener in list(self._listeners):
            listener(change)

    def unsubscribe(self, listener: Callable[[Changed], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _publish(self, change: Changed, *, state: LedgerState | None = None) -> None:
        """After a commit: the kept ledger is forgotten if the write touched accounts or transactions
        (or replaced by `state`, the one the write checked itself on), then every listener is told."""
        if change.transactions or change.accounts:
            with self._state_lock:
                self._state_version += 1
                self._state = state.again(self._state_version) if state is not None else None
        acting = self._acting
        if getattr(acting, "origin", None) is not None:  # inside `run`: said by whoever started it
            change = change.by(acting.origin)
            acting.changes = acting.changes | change
        for listener in list(self._listeners):
            listener(change)
        if self.book.shared and change:
            self.book.announce(change.parts())

    def run(self, operation: "Operation", *, origin: str) -> "Outcome":
        """Run one write operation (app/operations.py) for `origin` (the window, an undo, the quote
        refresh…): returns its result, the change it made (every event it published, merged, each
        naming `origin`) and the operation that undoes it, if it can be undone."""
        from .operations import Outcome
        acting = self._acting
        acting.origin, acting.changes = origin, NOTHING
        try:
            step = operation.apply(self)
            return Outcome(operation, step.result, acting.changes, step.inverse)
        finally:
            acting.origin, acting.changes = None, NOTHING

    # -- reads ------------------------------------------------------------------------------------
    @property
    def base_currency(self) -> str:
        return self.book.base_currency

    def accounts(self) -> list[Account]:
        with self.book.read() as conn:
            return repo.load_accounts(conn)

    def portfolios(self) -> list[str]:
        return sorted({a.portfolio for a in self.accounts()})

    def transactions(self, as_of: date | None = None) -> list[Transaction]:
        if as_of is None:
            return list(self.ledger_state().transactions)
        with self.book.read() as conn:
            return repo.load_transactions(conn, as_of=as_of)

    def ledger(self, as_of: date | None = None) -> Ledger:
        """The replayed ledger (today's is the kept one: read it, never apply to it)."""
        if as_of is None:
            return self.ledger_state().ledger
        with self.book.read() as conn:
            accounts = repo.load_accounts(conn)
            txs = repo.load_transactions(conn, as_of=as_of)
        ledger = Ledger(accounts)
        ledger.replay(txs)
        return ledger

    def ledger_state(self) -> LedgerState:
        """Accounts and the replayed ledger: the one kept in memory while no write changed accounts or
        transactions, else the one kept in the book if it is current, else a replay (which the book then
        keeps). A window reload after an edit of themes or prices, or after a transaction added after every
        other, replays nothing; neither does a CLI command on a book whose state is current."""
        state = self._state
        if state is not None and state.version == self._state_version and not self.book.shared:
            return state
        version = self._state_version
        with self.book.read() as conn:
            accounts = repo.load_accounts(conn)
            found = kept_state.load(conn, accounts)
            if found is None:
                txs = repo.load_transactions(conn)
                at = kept_state.mark(conn)
        if found is not None:
            state = LedgerState(version, accounts, *found, read=self._read_transactions)
        else:
            ledger = Ledger(accounts)
            ledger.replay(txs)
            last = Last(txs[-1].date if txs else None, txs[-1].id if txs else None, len(txs))
            state = LedgerState(version, accounts, ledger, last, txs)
            self._keep_in_book(ledger, last, at)
        with self._state_lock:
            if version == self._state_version:  # no write landed while this was read
                self._state = state
        return state

    def check_ledger(self) -> "LedgerCheck":
        """The verification path: the whole book replayed from its transactions, every refusal collected,
        and compared with the state kept in the book (which is then made current if it was not)."""
        with self.book.read() as conn:
            accounts = repo.load_accounts(conn)
            txs = repo.load_transactions(conn)
            at = kept_state.mark(conn)
            found = kept_state.load(conn, accounts)
        ledger = Ledger(accounts)
        errors = ledger.replay(txs, collect_errors=True)
        last = Last(txs[-1].date if txs else None, txs[-1].id if txs else None, len(txs))
        differs = found is not None and (found[0].snapshot() != ledger.snapshot() or found[1] != last)
        if not errors and (found is None or differs):
            self._keep_in_book(ledger, last, at)
        return LedgerCheck(len(txs), [f"#{e.tx.id if e.tx else '?'} {e.field}: {e.message}" for e in errors],
                           "missing" if found is None else "different" if differs else "same")

    def _read_transactions(self) -> list[Transaction]:
        with self.book.read() as conn:
            return repo.load_transactions(conn)

    def _keep_in_book(self, ledger: Ledger, last: Last, at: kept_state.Mark) -> None:
        """Store a replayed ledger as the book's state, unless the book changed since it was read (its
        mark moved). It only saves work: if the book cannot be written at once, the next read replays."""
        try:
            with self.book.write(wait=False) as conn:  # a write under way will keep its own
                if kept_state.mark(conn) == at:
                    kept_state.save(conn, ledger, last, at=at)
        except Exception as error:  # noqa: BLE001 - the state is an optimisation; the replay stands
            log.info("the ledger's state was not kept in the book (%s): the next read replays", error)

    def _kept_state(self, conn: Connection) -> LedgerState | None:
        """The kept ledger if it is the book's as it stands (called inside a write: nothing changes it):
        the one in memory, else the one kept in the book if it is current. A shared book has other writers:
        only the book's own is current for sure (every write keeps it)."""
        state = self._state
        if state is not None and state.version == self._state_version and not self.book.shared:
            return state
        accounts = repo.load_accounts(conn)
        found = kept_state.load(conn, accounts)
        return LedgerState(self._state_version, accounts, *found, read=self._read_transactions) if found else None

    def holdings(self, portfolio: str | None = None, as_of: date | None = None) -> list[Valuation]:
        return self.snapshot(portfolio, as_of).holdings

    def snapshot(self, portfolio: str | None = None, as_of: date | None = None) -> "Snapshot":
        """Valued positions and cash of the book (or one portfolio), in the base currency."""
        if as_of is None:
            state = self.ledger_state()
            accounts, ledger = {a.name: a for a in state.accounts}, state.ledger
            with self.book.read() as conn:
                prices = PriceBook(repo.load_prices(conn, latest=2))  # the last close and the one before
        else:
            with self.book.read() as conn:
                accounts = {a.name: a for a in repo.load_accounts(conn)}
                txs = repo.load_transactions(conn, as_of=as_of)
                prices = PriceBook(repo.load_prices(conn, as_of=as_of, latest=2))
            ledger = Ledger(accounts.values())
            ledger.replay(txs)  # the whole book: a transfer between portfolios needs both sides
        if portfolio is not None and portfolio not in {a.portfolio for a in accounts.values()}:
            raise ValueError(f"unknown portfolio '{portfolio}'")
        base = self.base_currency
        valued = sorted(value_positions(ledger.positions(), accounts, prices, base, as_of),
                        key=lambda v: (v.portfolio, v.account, v.symbol))
        items, problems, owners = [], [], []
        for v in valued:
            if v.market_value_base is None:
                problems.append(f"{v.account} {v.symbol}: {v.problem}")
                owners.append(v.portfolio)
            else:
                items.append(Item(v.portfolio, v.account, v.symbol, v.currency, v.market_value_base))
        for (account, currency), balance in ledger.cash_balances().items():
            if not balance:
                continue
            rate = prices.fx(currency, base, as_of)
            if rate is None:
                problems.append(f"{account} cash in {currency}: no FX rate {currency}->{base}")
                owners.append(accounts[account].portfolio)
            else:
                items.append(Item(accounts[account].portfolio, account, None, currency, balance * rate.rate))
        whole = Snapshot(base, valued, items, problems, owners)
        return whole if portfolio is None else whole.restrict(portfolio)

    def security_names(self) -> dict[str, str]:
        with self.book.read() as conn:
            return repo.security_names(conn)

    # -- writes -----------------------------------------------------------------------------------
    def add_account(self, portfolio: str, name: str, currency: str, cost_basis: str = "fifo", *,
                    short_selling: bool = False) -> None:
        if not is_currency(currency):
            raise ValueError(f"currency: unknown currency '{currency}'")
        if cost_basis not in COST_BASIS_METHODS:
            raise ValueError(f"cost_basis: must be one of {', '.join(COST_BASIS_METHODS)}")
        if not name.strip() or not portfolio.strip():
            raise ValueError("name: account and portfolio names must not be empty")
        with self.book.write() as conn:
            repo.add_account(conn, portfolio.strip(), name.strip(), currency, cost_basis, short_selling)
        self._publish(Changed(accounts=True))

    def update_account(self, name: str, *, new_name: str | None = None, portfolio: str | None = None,
                       cost_basis: str | None = None, short_selling: bool | None = None) -> Account:
        """Change an account (its currency stays: its cash and trades are in it). Refused, nothing written,
        if the ledger would not accept the book so (e.g. short selling turned off with a short open)."""
        with self.book.write() as conn:
            accounts = repo.load_accounts(conn)
            old = next((a for a in accounts if a.name == name), None)
            if old is None:
                raise ValueError(f"account: no account named '{name}'")
            new = replace(old, name=(new_name if new_name is not None else old.name).strip(),
                          portfolio=(portfolio if portfolio is not None else old.portfolio).strip(),
                          cost_basis=cost_basis or old.cost_basis,
                          short_selling=old.short_selling if short_selling is None else short_selling)
            if not new.name or not new.portfolio:
                raise ValueError("name: account and portfolio names must not be empty")
            if new.cost_basis not in COST_BASIS_METHODS:
                raise ValueError(f"cost_basis: must be one of {', '.join(COST_BASIS_METHODS)}")
            if new.name != old.name and repo.transaction_count(conn, old.name, imported_only=True):
                raise ValueError(f"name: '{name}' has imported transactions, recognised at a re-import by the "
                                 "account they were imported into: renaming it would import them again")
            repo.update_account(conn, name, new)
            fresh = self._rederived(conn, None, [], {})  # the whole book replayed and kept; a refusal rolls back
        self._publish(Changed(accounts=True, transactions=True), state=fresh)
        return new

    def delete_account(self, name: str) -> None:
        """Delete an account that has no transactions (delete those first: nothing is lost silently)."""
        with self.book.write() as conn:
            if name not in {a.name for a in repo.load_accounts(conn)}:
                raise ValueError(f"account: no account named '{name}'")
            count = repo.transaction_count(conn, name)
            if count:
                raise ValueError(f"account: '{name}' has {count} transaction(s); delete or move them first")
            repo.delete_account(conn, name)
        self._publish(Changed(accounts=True))

    def set_base_currency(self, currency: str) -> None:
        """Values are shown in this currency from now on (FX pairs to it are fetched by the next refresh)."""
        currency = currency.strip().upper()
        if not is_currency(currency):
            raise ValueError(f"unknown currency '{currency}'")
        with self.book.write() as conn:
            set_meta(conn, "base_currency", currency)
        self._publish(Changed(settings=True))

    def add_transaction(self, tx: Transaction, *, allow_future: bool = False) -> Transaction:
        return self.add_transactions([tx], allow_future=allow_future)[0]

    def add_transactions(self, txs: list[Transaction], *, then=None, allow_future: bool = False,
                         change: Changed = Changed(transactions=True)) -> list[Transaction]:
        """Validate each against the input rule (core/checks.py: symbol, date — after today only if
        `allow_future` —, note) and all against the whole ledger (an oversell is refused before anything is
        written), then store them all in one transaction. `then(conn)` runs inside it (e.g. to mark an event
        booked)."""
        with self.book.write() as conn:
            kept = self._kept_state(conn)
            appending = kept is not None and _after_all(kept, txs)
            accounts = kept.accounts if kept else repo.load_accounts(conn)
            stored = [_input_checked(tx, accounts, allow_future) for tx in txs]
            repo.insert_transactions(conn, stored)
            ids = repo.last_ids(conn, len(stored))
            stored = [tx._replace(id=i) for tx, i in zip(stored, ids)]
            if kept is not None and appending:  # today's trade: checked on a copy, no replay
                fresh = _appended(kept, repo.load_transactions(conn, ids=ids), stored)  # a refusal rolls back
                kept_state.save_appended(conn, fresh.ledger, fresh.last, at=kept_state.mark(conn),
                                         keys={(tx.account, tx.symbol) for tx in stored if tx.symbol},
                                         sales_from=len(kept.ledger.sales))
            else:
                fresh = self._rederived(conn, kept, stored, {tx.id: tx._replace(id=None) for tx in stored})
            repo.upsert_securities(conn, {tx.symbol: {"currency": tx.currency} for tx in stored if tx.symbol})
            if then is not None:
                then(conn)
        self._publish(change, state=fresh)
        return stored

    def _rederived(self, conn: Connection, kept: LedgerState | None, touched: list[Transaction],
                   changed: dict[int | None, Transaction]) -> LedgerState:
        """The ledger after a change written in this (uncommitted) write to the `touched` transactions
        (each as it was and as it is): only their accounts are replayed — with every account that moves
        securities to or from them —, the rest of the kept ledger stays; without a kept ledger, all is
        replayed (as after a rename or an account's new settings). The result is kept in the book with the
        change. A refusal raises LedgerError (the write
        rolls back), naming the changed transaction as it was asked for (`changed`, by id) or the later
        transaction the change would break."""
        accounts = repo.load_accounts(conn)
        moving = any(tx.type in TRANSFER_TYPES and tx.symbol for tx in touched)
        transfers = repo.security_transfer_accounts(conn)
        scope = {tx.account for tx in touched}
        linked = moving or bool(scope & transfers)
        scope |= transfers if linked else set()
        full = kept is None or scope >= {a.name for a in accounts}
        txs = repo.load_transactions(conn, of_accounts=None if full else scope)
        replayed = Ledger(accounts)
        try:
            replayed.replay(txs)
        except LedgerError as error:
            raise _refusal(error, changed) from None
        transactions: list[Transaction] | None = txs
        if full or kept is None:
            ledger = replayed
        else:
            ledger = kept.ledger.merged(replayed, scope, with_transit=linked)
            before = kept.transactions_if_read()  # the others' as they were, with the replayed accounts' now
            transactions = None if before is None else list(heapq.merge(
                [tx for tx in before if tx.account not in scope], txs, key=_ledger_order))
        last = Last(*repo.last_transaction(conn))
        kept_state.save(conn, ledger, last, at=kept_state.mark(conn))
        return LedgerState(self._state_version, accounts, ledger, last, transactions, read=self._read_transactions)

    def check_transaction(self, tx: Transaction, *, replacing: int | None = None) -> LedgerError | None:
        """Why the book would refuse this transaction (or this edit of transaction `replacing`); None if
        it would be accepted. Writes nothing: dialogs call it to validate before the user commits."""
        kept = self.ledger_state()
        try:
            if replacing is None and _after_all(kept, [tx]):
                stored = _input_checked(tx, kept.accounts, False)
                kept.ledger.copy({tx.account}).replay([stored])
            else:  # only the accounts the change touches (and those they move securities with) are replayed
                current = kept.transactions
                touched = [tx] + [t for t in current if t.id == replacing]
                scope = {t.account for t in touched}
                transfers = {t.account for t in current if t.type in TRANSFER_TYPES and t.symbol}
                if scope & transfers or any(t.type in TRANSFER_TYPES and t.symbol for t in touched):
                    scope |= transfers
                _checked(kept.accounts, [t for t in current if t.account in scope], [tx._replace(id=replacing)],
                         removed={replacing})
        except LedgerError as error:
            return error
        return None

    def written(self, tx_id: int) -> tuple[str | None, str | None]:
        """Who last wrote transaction `tx_id`, and when (UTC, ISO); None for a row from before 0.9."""
        with self.book.read() as conn:
            return repo.last_written(conn, tx_id)

    def transaction(self, tx_id: int) -> Transaction:
        found = [tx for tx in self.transactions() if tx.id == tx_id]
        if not found:
            raise ValueError(f"no transaction #{tx_id}")
        return found[0]

    def update_transaction(self, tx_id: int, tx: Transaction, *, allow_future: bool = False,
                           seen: Transaction | None = None, stamp: tuple[str | None, str | None] | None = None
                           ) -> Transaction:
        """Replace transaction `tx_id` (it keeps its id and so its place in the day); returns the old one. A
        date after today needs `allow_future`, unless the transaction already had it. `seen`: the row as
        the editor read it; if it has changed since (another desk of a shared book), nothing is written.
        `stamp`: who wrote it and when, if not this write (an undo puts the row back as it was)."""
        with self.book.write() as conn:
            old = self._stored_transaction(conn, tx_id, seen)
            if stamp is not None:
                conn.info["author"] = stamp
            kept = self._kept_state(conn)
            stored = _input_checked(tx._replace(id=tx_id), kept.accounts if kept else repo.load_accounts(conn),
                                    allow_future or tx.date == old.date)
            repo.update_transaction(conn, tx_id, stored)
            fresh = self._rederived(conn, kept, [old, stored], {tx_id: stored})
            repo.upsert_securities(conn, {tx.symbol: {"currency": tx.currency}} if tx.symbol else {})
        self._publish(Changed(transactions=True), state=fresh)
        return old

    def delete_transaction(self, tx_id: int, *, seen: Transaction | None = None) -> dict:
        """Delete a transaction unless a later one needs it (e.g. the buy behind a sale). Returns its
        stored row, which `restore_transaction` puts back exactly (same id, same import key). `seen`: as
        for update_transaction."""
        with self.book.write() as conn:
            old = self._stored_transaction(conn, tx_id, seen)
            kept = self._kept_state(conn)
            row = repo.delete_transaction(conn, tx_id)
            fresh = self._rederived(conn, kept, [old], {})
        self._publish(Changed(transactions=True), state=fresh)
        return row

    def restore_transaction(self, row: dict) -> int:
        """Put back a row that `delete_transaction` returned; refused (nothing written) if the book has
        since changed so that it no longer fits, e.g. the position was sold meanwhile. Returns its id."""
        with self.book.write() as conn:
            kept = self._kept_state(conn)
            tx_id = repo.restore_row(conn, row)  # checked below, in the same transaction: a refusal rolls back
            fresh = self._rederived(conn, kept, [self._stored_transaction(conn, tx_id)], {})
        self._publish(Changed(transactions=True), state=fresh)
        return tx_id

    @staticmethod
    def _stored_transaction(conn: Connection, tx_id: int, seen: Transaction | None = None) -> Transaction:
        """Transaction `tx_id` as stored; refused (ChangedElsewhere) if it is no longer what `seen` says."""
        found = repo.load_transactions(conn, ids=[tx_id])
        if not found:
            if seen is not None:
                raise ChangedElsewhere(f"transaction #{tx_id} was deleted since it was read: reload")
            raise ValueError(f"no transaction #{tx_id}")
        if seen is not None and _content(found[0]) != _content(seen):
            who, when = repo.last_written(conn, tx_id)
            by = f" by {who}" if who else ""
            at = f" at {when[:16].replace('T', ' ')} UTC" if when else ""
            raise ChangedElsewhere(f"transaction #{tx_id} was changed{by}{at} since it was read: reload, then "
                                   "edit it again")
        return found[0]

    def isin_named(self) -> list[str]:
        """Securities the book names by ISIN (as brokers' files do): Yahoo has no quotes for them until
        they are renamed to a listing (`market.suggest_symbols`)."""
        with self.book.read() as conn:
            return sorted(symbol for symbol in repo.transaction_symbols(conn) if is_isin(symbol))

    def rename_security(self, old: str, new: str) -> int:
        """Give a security another symbol everywhere in the book (transactions, security master, theme
        weights, prices, look-through data, position rules), merging it into `new` if the book already
        has that one. Returns how many transactions moved."""
        return self.rename_securities({old: new})[old.strip()]

    def rename_securities(self, renames: dict[str, str]) -> dict[str, int]:
        """Several renames, all or nothing: any bad one (or a ledger the merge would break) writes none."""
        return self.rename_securities_keeping(renames)[0]

    def rename_securities_keeping(self, renames: dict[str, str]) -> tuple[dict[str, int], list[RenameImage]]:
        """`rename_securities`, and the rows each rename changed as they were before, which
        `put_back_renames` restores (a merge is undone exactly: the two securities apart again)."""
        renames = {old.strip(): new.strip() for old, new in renames.items()}
        for old, new in renames.items():
            if why := symbol_problem(new):  # the rule every importer applies
                raise ValueError(f"symbol: {why}")
            if new == old:
                raise ValueError(f"symbol: the security is already called {old}")
        moved, images = {}, []
        if self.book.restricted:  # it would rename in the clients this login sees, and not in the others
            raise BookError(f"{self.book.location}: a security is renamed in every client's transactions: the "
                            "firm's admin does it")
        with self.book.write() as conn:
            known = repo.transaction_symbols(conn) | set(load_master(conn))
            for old, new in renames.items():
                if old not in known:
                    raise ValueError(f"symbol: no security '{old}' in the book")
                images.append(rename_image(conn, old, new))
                moved[old] = rename_symbol(conn, old, new)
                known.add(new)
            fresh = self._rederived(conn, None, [], {})  # the whole book replayed and kept; a refusal rolls back
        for old, new in renames.items():
            log.info("security %s renamed to %s (%d transactions)", old, new, moved[old])
        self._publish(RENAMED, state=fresh)
        return moved, images

    def put_back_renames(self, images: list[RenameImage]) -> None:
        """Undo renames: every row they changed as it was before, the last rename first."""
        with self.book.write() as conn:
            for image in reversed(images):
                put_back(conn, image)
            fresh = self._rederived(conn, None, [], {})
        log.info("renames undone: %s", ", ".join(f"{i.new} back to {i.old}" for i in images))
        self._publish(RENAMED, state=fresh)

    def import_transactions(self, path: Path | str, mapping_path: "Path | str | CsvMapping", *,
                            account: str | None = None, dry_run: bool = False, openings: dict | None = None,
                            allow_future: bool = False) -> "ImportResult":
        """`openings`: what was held before the file's first row, {symbol: (quantity, total cost)}."""
        from ..services.importers.mapping import CsvMapping, load_mapping
        from ..services.importers.transactions import import_transactions
        mapping = mapping_path if isinstance(mapping_path, CsvMapping) else load_mapping(mapping_path)
        result = import_transactions(self.book, path, mapping, account=account, dry_run=dry_run, openings=openings,
                                     allow_future=allow_future)
        log.info("import %s%s: %d rows, %d added, %d already there", path, " (dry run)" if dry_run else "",
                 result.rows, result.added, result.skipped)
        if result.added and not dry_run:
            self._publish(Changed(transactions=True))
        return result

    def import_with_preset(self, path: Path | str, preset: str = "auto", *, account: str | None = None,
                           dry_run: bool = False, portfolio: str | None = None, openings: dict | None = None,
                           skip_unknown: bool = False, allow_future: bool = False) -> "ImportResult":
        """`portfolio`: for a file that brings its own accounts (Portfolio Performance's), the portfolio
        they are made in (default: the file's name). `openings`: what was held before the file's first
        row, {symbol: (quantity, total cost)}, when the file does not say. `skip_unknown`: rows of a kind
        the preset does not know are listed and the rest imported (else they refuse the file)."""
        from ..services.importers.transactions import import_with_preset
        result = import_with_preset(self.book, path, preset, account=account, dry_run=dry_run, portfolio=portfolio,
                                    openings=openings, skip_unknown=skip_unknown, allow_future=allow_future)
        log.info("import %s as %s%s: %d rows, %d added, %d already there, %d ignored", path, result.preset,
                 " (dry run)" if dry_run else "", result.rows, result.added, result.skipped, len(result.ignored))
        if (result.added or result.accounts_created or result.prices) and not dry_run:
            self._publish(Changed(transactions=True, accounts=bool(result.accounts_created),
                                  prices=bool(result.prices), themes=bool(result.taxonomies),
                                  securities=bool(result.securities)))
        return result

    def import_prices(self, path: Path | str, *, source_label: str = "manual") -> "PriceImportResult":
        from ..services.importers.prices import import_prices
        result = import_prices(self.book, path, source_label=source_label)
        self._publish(Changed(prices=True))
        return result

    def backup(self, out: Path | str, passphrase: str | None = None) -> Path:
        """A consistent copy of the book; with a passphrase, sealed in an encrypted file (AES-GCM)."""
        if passphrase is None:
            return self.book.backup(out)
        from ..services.secrets.sealed import seal
        from ..services.store.outputs import PARTIAL, OutputError, check_target, write_bytes
        out = Path(out)
        try:
            check_target(out, self.book.path)
            if out.exists():
                raise OutputError(f"{out}: already exists; choose another backup file name")
            if not self.book.encrypted:  # copied in memory: no readable copy on disk, even for a moment
                return write_bytes(out, seal(self.book.image(), passphrase), book=self.book.path, replace=False)
            copy = self.book.backup(out.with_name(f".{out.name}.copy{PARTIAL}"))  # under the book's own key
            try:
                return write_bytes(out, seal(copy.read_bytes(), passphrase), book=self.book.path, replace=False)
            finally:
                copy.unlink(missing_ok=True)
        except OutputError as error:
            raise BookError(str(error)) from None


def _input_checked(tx: Transaction, accounts: list[Account], allow_future: bool) -> Transaction:
    """`tx` in its stored form if it meets the input rule and the ledger's own check; else the LedgerError."""
    problems = input_problems(tx, allow_future=allow_future) + check_transaction(tx, {a.name: a for a in accounts})
    if problems:
        raise LedgerError(problems[0][0], "; ".join(why for _, why in problems), tx)
    return repo.stored_form(tx)


def _after_all(state: LedgerState, added: list[Transaction]) -> bool:
    """Whether these come after every transaction of the book (the ledger orders by date, then id, and a
    new transaction gets the next id), so the kept ledger can take them without a replay."""
    last = state.last.date
    return last is None or all(tx.date >= last for tx in added)


def _appended(state: LedgerState, read_back: list[Transaction], asked: list[Transaction]) -> LedgerState:
    """The kept state with these transactions (as they read back, with their ids) applied to a copy of its
    ledger; a refusal names the transaction as it was asked for."""
    ledger = state.ledger.copy({tx.account for tx in read_back})
    try:
        ledger.replay(read_back)
    except LedgerError as error:
        asked_by_id = {tx.id: tx for tx in asked}
        raise LedgerError(error.field, error.message, asked_by_id.get(error.tx.id if error.tx else None, error.tx)) \
            from None
    return state.appended(ledger, read_back)


def _refusal(error: LedgerError, changed: dict[int | None, Transaction]) -> LedgerError:
    """A refusal found replaying the book with a change: naming the changed transaction as it was asked
    for, or the later one the change would break."""
    tx = error.tx
    if tx is not None and tx.id in changed:
        return LedgerError(error.field, error.message, changed[tx.id])
    if tx is not None and tx.id is not None:
        return LedgerError(error.field, f"the {tx.type} of {tx.date} in {tx.account} (#{tx.id}) would fail: "
                                        f"{error.message}", tx)
    return error


def _checked(accounts: list[Account], current: list[Transaction], added: list[Transaction], *,
             removed: AbstractSet[int | None] = frozenset(), allow_future: bool = False) -> list[Transaction]:
    """`added` in their stored form, if they meet the input rule and the ledger accepts the book with them
    added and `removed` taken out; otherwise the LedgerError, naming the change or the later transaction it
    would break."""
    stored = [_input_checked(tx, accounts, allow_future) for tx in added]
    kept = [tx for tx in current if tx.id not in removed]
    try:
        Ledger(accounts).replay(sorted(kept + stored, key=_ledger_order))
    except LedgerError as error:
        if error.tx is not None and error.tx.id is not None and error.tx.id not in removed:
            other = error.tx
            raise LedgerError(error.field, f"the {other.type} of {other.date} in {other.account} "
                                           f"(#{other.id}) would fail: {error.message}", other) from None
        raise
    return stored


def _ledger_order(tx: Transaction) -> tuple[date, bool, int]:
    """Date, then id; a transaction not stored yet comes last in its day."""
    return tx.date, tx.id is None, tx.id or 0
