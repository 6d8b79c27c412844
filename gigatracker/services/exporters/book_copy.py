"""Moving a book between a file and a shared database (team mode), either way: `gigatracker book copy FROM
TO`. All or nothing, and checked before it is kept:

- the source is read in one snapshot as the book's document (book_json: accounts, every transaction,
  prices, the security master, themes with their weights, journal, funds, rules, benchmarks);
- the target is a new book (store.book.create_whole: a file made beside its name and renamed into place,
  or a database that must be empty), filled in one transaction;
- inside that transaction the target is read back as a document and must equal the source's, and the
  ledger replayed on each side must give the same positions, lots' costs and cash; only then is it
  committed. A failure leaves no file, and a database as empty as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ...core.ledger import Ledger
from ..store import Book, BookError, is_server_url
from ..store.book import create_whole
from ..store import repository as repo
from .book_json import _fill, book_document

UNCOMPARED = ("exported_at", "app_version")  # when and by what the documents were read


@dataclass(frozen=True)
class CopyReport:
    target: str  # where it went (a URL without any password)
    accounts: int
    transactions: int
    prices: int
    positions: int


def copy_book(source: Book, target: Path | str) -> CopyReport:
    with source.read() as conn:  # one snapshot
        document = book_document(conn)
        ledger = Ledger(repo.load_accounts(conn))
        ledger.replay(repo.load_transactions(conn))
    label = Path(source.name)  # what a problem with the source's content is reported against
    report = create_whole(target, document["base_currency"], lambda book: _fill_checked(book, label, document, ledger))
    return report if is_server_url(target) else replace(report, target=str(target))  # (not the draft's name)


def _fill_checked(book: Book, label: Path, document: dict, ledger: Ledger) -> CopyReport:
    """Fill `book` from the source's document and check it in the same transaction (`ledger`: the
    source's, replayed)."""
    with book.write() as conn:
        _fill(conn, label, document)
        copied, original = _comparable(book_document(conn)), _comparable(document)
        different = sorted(key for key in original if copied.get(key) != original[key])
        if different:
            raise BookError(f"{book.location}: the copy differs from the book in {', '.join(different)}; "
                            "nothing was kept")
        accounts = repo.load_accounts(conn)
        replayed = Ledger(accounts)
        replayed.replay(repo.load_transactions(conn))
        if _observable(replayed) != _observable(ledger):
            raise BookError(f"{book.location}: the copy's positions or cash differ from the book's; nothing was kept")
        return CopyReport(book.location, len(accounts), len(document["transactions"]), len(document["prices"]),
                          len(replayed.positions()))


def _comparable(document: dict) -> dict:
    """The document without what says when and by what it was read (its time, the theme pack's)."""
    found = {key: value for key, value in document.items() if key not in UNCOMPARED}
    if isinstance(found.get("themes"), dict):
        found["themes"] = {key: value for key, value in found["themes"].items() if key != "provenance"}
    return found


def _observable(ledger: Ledger) -> tuple:
    """Positions, open lots, sales, cash and income: what the book shows. (A sale's transaction id is the
    copy's own: the copy numbers the transactions afresh, in ledger order.)"""
    return (ledger.positions(), ledger.open_lots(), [sale._replace(tx_id=None) for sale in ledger.sales],
            ledger.cash_balances(), ledger.income_totals())
