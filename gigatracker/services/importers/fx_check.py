"""A file's exchange rates against the market's, where the book's price cache has a rate for that week.

Every preset turns the file's rate into the book's direction (units of the account's currency per unit of
the transaction's: 0.92 EUR per USD), and each format says it its own way (docs/formats.md). A rate the
file gives the other way round (1.09 USD per EUR), or 100 times off (pence for pounds), would value every
such row wrongly without a word: it refuses the file, naming both figures. A rate merely far from the
market's (over 5 %) is imported with a note; a rate within 5 % is a broker's spread or the week's move. Near
parity (0.95 to 1.05) a rate the other way round cannot be told from the right one, and matters as little.
"""
from __future__ import annotations

from decimal import Decimal

from ...core.money import decimal_text
from ...core.quotes import FxRates, QuoteTable
from ..store import repository as repo
from .csv_reader import ImportProblem

RECENT_DAYS = 7  # a cached rate older than this says nothing about the day's
CLOSE = Decimal("0.05")  # within 5 %: the market's rate (a spread, the week's move), or it once inverted or scaled


def fx_findings(conn, source: str, rows, accounts: dict) -> tuple[list[ImportProblem], list[str]]:
    """(problems, notes) for the rows (ParsedRow) that carry an exchange rate."""
    rated = [row for row in rows if row.tx.fx_rate]
    if not rated:
        return [], []
    table = QuoteTable(repo.price_rows(conn, fx_only=True))
    rates: dict[str, FxRates] = {}
    problems, notes = [], []
    for row in rated:
        tx = row.tx
        base = accounts[tx.account].currency
        market = rates.setdefault(base, FxRates(table, base)).recent(tx.currency, tx.date, RECENT_DAYS)
        if not market:
            continue
        given = tx.fx_rate
        said = (f"the file's rate {decimal_text(given)} {base} per {tx.currency} on {tx.date.isoformat()}, where the "
                f"market's was {decimal_text(market.quantize(Decimal('1e-6')))}")
        if _close(given / market):
            continue
        if _close(1 / given / market):  # (not close as given: the inverse is)
            problems.append(ImportProblem(source, row.line, "fx_rate", f"{said}: it is the other way round "
                                          f"({tx.currency} per {base}); the preset or the file is wrong"))
        elif _close(given / market / 100) or _close(given * 100 / market):
            problems.append(ImportProblem(source, row.line, "fx_rate", f"{said}: 100 times off (pence or cents "
                                                                       "for the currency?)"))
        elif not Decimal("0.5") <= given / market <= 2:
            problems.append(ImportProblem(source, row.line, "fx_rate", f"{said}: it cannot be that day's rate"))
        else:
            notes.append(f"line {row.line}: {said} ({(given / market - 1) * 100:+.0f} %)")
    return problems, notes


def _close(ratio: Decimal) -> bool:
    return abs(ratio - 1) <= CLOSE
