"""Dividends and splits reported by Yahoo, turned into the ledger transactions they imply.

A dividend goes to every account that held the security at the end of the day before its ex-date
(quantity x amount per share); a split applies to every account holding it then.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import Connection, select, update

from ...core.ledger import Ledger, Transaction, TxType
from ..store.schema import market_events


@dataclass(frozen=True)
class MarketEvent:
    id: int
    symbol: str
    date: date
    kind: str
    value: Decimal
    currency: str
    status: str


def load_events(conn: Connection, *, include_done: bool = False) -> list[MarketEvent]:
    query = select(market_events).order_by(market_events.c.date, market_events.c.id)
    if not include_done:
        query = query.where(market_events.c.status == "pending")
    return [MarketEvent(r.id, r.symbol, date.fromisoformat(r.date), r.kind, Decimal(r.value), r.currency, r.status)
            for r in conn.execute(query)]


def set_status(conn: Connection, event_id: int, status: str) -> None:
    conn.execute(update(market_events).where(market_events.c.id == event_id).values(status=status))


def proposed_transactions(event: MarketEvent, accounts, transactions: list[Transaction]) -> list[Transaction]:
    eve = event.date - timedelta(days=1)
    ledger = Ledger(accounts)
    ledger.replay([tx for tx in transactions if tx.date <= eve])
    proposals = []
    for position in ledger.positions():
        if position.symbol != event.symbol:
            continue
        if event.kind == "dividend":
            proposals.append(Transaction(event.date, position.account, TxType.DIVIDEND, event.currency,
                                         event.symbol, amount=position.quantity * event.value,
                                         note=f"{event.value} per share, from Yahoo"))
        else:
            proposals.append(Transaction(event.date, position.account, TxType.SPLIT, position.currency,
                                         event.symbol, ratio=event.value, note="split, from Yahoo"))
    return proposals
