"""Renaming a security's symbol everywhere the book uses it, e.g. an ISIN that a broker's file gave
(DEGIRO, Portfolio Performance) to the Yahoo listing that has quotes. If the new symbol is already in the
book, the two are merged: it is the same security under two names. Callers own the transaction, so a
rename the ledger refuses afterwards leaves nothing behind. `rename_image` and `put_back` undo one."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, or_, select, update

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


@dataclass(frozen=True)
class RenameImage:
    """Every row a rename of `old` to `new` may change, as it was before, and the transactions it moved."""
    old: str
    new: str
    moved: tuple[int, ...]  # ids of the transactions that were the old symbol's
    rows: dict[str, list[dict]]  # table name -> its rows naming either symbol


def _naming(old: str, new: str) -> dict[str, Any]:
    """The rows of each table a rename touches (see `rename_symbol`): those that name either symbol."""
    both = [old, new]
    return {
        "securities": securities.c.symbol.in_(both),
        "prices": prices.c.symbol.in_(both),
        "quote_status": quote_status.c.symbol.in_(both),
        "market_events": market_events.c.symbol.in_(both),
        "fund_holding_sets": fund_holding_sets.c.fund_symbol.in_(both),
        "fund_holdings": or_(fund_holdings.c.fund_symbol.in_(both), fund_holdings.c.symbol.in_(both)),
        "fund_sector_weights": fund_sector_weights.c.fund_symbol.in_(both),
        "rules": and_(rules.c.dimension == "position", rules.c.key.in_(both)),
        "assignments": assignments.c.security_id.in_(select(securities.c.id).where(securities.c.symbol.in_(both))),
    }


# Parents before children when inserting; the reverse when deleting (foreign keys).
_TABLES = {"securities": securities, "assignments": assignments, "prices": prices, "quote_status": quote_status,
           "market_events": market_events, "fund_holding_sets": fund_holding_sets, "fund_holdings": fund_holdings,
           "fund_sector_weights": fund_sector_weights, "rules": rules}


def rename_image(conn: Connection, old: str, new: str) -> RenameImage:
    """Taken inside the rename's transaction, just before `rename_symbol`."""
    where = _naming(old, new)
    rows = {name: [dict(row._mapping) for row in conn.execute(select(table).where(where[name]))]
            for name, table in _TABLES.items()}
    moved = tuple(conn.execute(select(transactions.c.id).where(transactions.c.symbol == old)).scalars())
    return RenameImage(old, new, moved, rows)


def put_back(conn: Connection, image: RenameImage) -> None:
    """The book as it was before the rename, for these rows: the moved transactions take the old symbol
    again, and every row naming either symbol is replaced by the image (so a merge comes apart)."""
    if image.moved:
        conn.execute(update(transactions).where(transactions.c.id.in_(image.moved)).values(symbol=image.old))
    where = _naming(image.old, image.new)
    for name in reversed(_TABLES):
        conn.execute(delete(_TABLES[name]).where(where[name]))
    for name, table in _TABLES.items():
        if image.rows[name]:
            conn.execute(table.insert(), image.rows[name])
