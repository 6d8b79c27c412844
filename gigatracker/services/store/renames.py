"""Renaming a security's symbol everywhere the book uses it, e.g. an ISIN that a broker's file gave
(DEGIRO, Portfolio Performance) to the Yahoo listing that has quotes. If the new symbol is already in the
book, the two are merged: it is the same security under two names. Callers own the transaction, so a
rename the ledger refuses afterwards leaves nothing behind."""
from __future__ import annotations

from sqlalchemy import Connection, and_, delete, exists, select, update

from .schema import (assignments, fund_holding_sets, fund_holdings, fund_sector_weights, market_events, prices,
                     quote_status, rules, securities, themes, transactions)
from .themes_repo import MASTER_FIELDS


def rename_symbol(conn: Connection, old: str, new: str) -> int:
    """Returns how many transactions moved to the new symbol."""
    moved = conn.execute(update(transactions).where(transactions.c.symbol == old).values(symbol=new)).rowcount
    _rename_security(conn, old, new)
    _rename_prices(conn, old, new)
    conn.execute(delete(quote_status).where(quote_status.c.symbol == old))  # the old name's failures
    conn.execute(update(market_events).where(market_events.c.symbol == old).values(symbol=new))
    _rename_fund(conn, old, new)
    conn.execute(update(fund_holdings).where(fund_holdings.c.symbol == old).values(symbol=new))
    conn.execute(update(rules).where(rules.c.dimension == "position", rules.c.key == old).values(key=new))
    return moved


def _rename_security(conn: Connection, old: str, new: str) -> None:
    """The master row and its theme weights: kept as they are if the new symbol has none of its own;
    when both exist, the new one's fields and weights win and the old one fills only what it lacks."""
    rows = {row.symbol: row for row in conn.execute(select(securities).where(securities.c.symbol.in_([old, new])))}
    if old not in rows:
        return
    if new not in rows:
        conn.execute(update(securities).where(securities.c.symbol == old).values(symbol=new))
        return
    kept, gone = rows[new], rows[old]
    filled = {name: getattr(gone, name) for name in MASTER_FIELDS if not getattr(kept, name) and getattr(gone, name)}
    if filled:
        conn.execute(update(securities).where(securities.c.id == kept.id).values(**filled))
    own_taxonomies = select(themes.c.taxonomy_id).join(assignments, assignments.c.theme_id == themes.c.id).where(
        assignments.c.security_id == kept.id)
    movable = select(themes.c.id).where(themes.c.taxonomy_id.not_in(own_taxonomies))
    conn.execute(update(assignments).where(assignments.c.security_id == gone.id,
                                           assignments.c.theme_id.in_(movable)).values(security_id=kept.id))
    conn.execute(delete(assignments).where(assignments.c.security_id == gone.id))
    conn.execute(delete(securities).where(securities.c.id == gone.id))


def _rename_prices(conn: Connection, old: str, new: str) -> None:
    """Closes of the old name move over on the days the new one has none (e.g. prices entered by hand)."""
    newer = prices.alias("newer")
    taken = exists().where(and_(newer.c.symbol == new, newer.c.date == prices.c.date))
    conn.execute(update(prices).where(prices.c.symbol == old, ~taken).values(symbol=new))
    conn.execute(delete(prices).where(prices.c.symbol == old))


def _rename_fund(conn: Connection, old: str, new: str) -> None:
    """A fund's look-through data follows it, unless the new symbol has its own."""
    sets = {row.fund_symbol: row for row in conn.execute(
        select(fund_holding_sets).where(fund_holding_sets.c.fund_symbol.in_([old, new])))}
    if old not in sets:
        return
    if new not in sets:
        conn.execute(fund_holding_sets.insert().values(fund_symbol=new, as_of=sets[old].as_of, source=sets[old].source))
        for table in (fund_holdings, fund_sector_weights):
            conn.execute(update(table).where(table.c.fund_symbol == old).values(fund_symbol=new))
    else:
        for table in (fund_holdings, fund_sector_weights):
            conn.execute(delete(table).where(table.c.fund_symbol == old))
    conn.execute(delete(fund_holding_sets).where(fund_holding_sets.c.fund_symbol == old))
