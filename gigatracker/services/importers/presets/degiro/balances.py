"""DEGIRO's balance column: the broker's own figures, which the book is reconciled with after an import."""
from __future__ import annotations

from decimal import Decimal

from ..common import Statement


def balances(rows) -> Statement:
    """Per currency (rows oldest first): the balance before the first row, after the last, and every row
    where the balance is not the one before plus the change (the file's own figures disagreeing). A row
    with a balance and no change (a cash sweep's note) restates it."""
    statement = Statement(until=rows[-1].when.date() if rows else None)
    last: dict[str, Decimal] = {}
    for row in rows:
        if row.balance is None or not row.balance_currency:
            continue
        currency, change = row.balance_currency, row.amount if row.currency == row.balance_currency else None
        if currency not in last:
            statement.opening_cash[(None, currency)] = row.balance - (change or 0)
        elif change is not None and last[currency] + change != row.balance:
            statement.faults.append((row.line, currency, f"{last[currency]} + {change} is not {row.balance}",
                                     row.balance - last[currency] - change))
        last[currency] = row.balance
    statement.cash = {(None, currency): balance for currency, balance in last.items()}
    return statement
