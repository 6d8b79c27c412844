"""IBKR corporate actions, read from each event's rows (an event has one row per security it touches,
sharing its time and its description up to the security's own name):

- a split ("SPLIT 1 FOR 25", a forward or reverse split): a SPLIT of the security, its old line (.OLD) aside;
- an exchange of one security for another (a tender "TENDERED TO", an ISIN or symbol change, a merger into
  shares): the book keeps the old security's name, and later rows of the new one go to it (with a SPLIT
  when the exchange is not one for one), so its cost and history carry on;
- a merger or tender for cash ("MERGED … FOR CAD 2.86 PER SHARE"): a SELL at those proceeds, its FIFO
  realized P&L checked against the broker's;
- a spin-off: the new shares delivered at no cost (the parent's price falls by what the child is worth, so
  the book's value does not jump);
- a delisting with nothing paid: a SELL at 0 (the loss is realized);
- anything else is listed as ignored, with any cash it moved.
"""
from __future__ import annotations

import re
from decimal import Decimal

from .....core.ledger import TxType
from ..common import Draft, Expected, PresetRead, Problems, Statement
from .records import common
from .statement import optional
from .symbols import Symbols, yahoo_symbol

SPLIT = re.compile(r"SPLIT\s+(\d+(?:\.\d+)?)\s+FOR\s+(\d+(?:\.\d+)?)", re.IGNORECASE)
EXCHANGE = re.compile(r"TENDERED TO|CUSIP/ISIN CHANGE|ISIN CHANGE|SYMBOL CHANGE|MERGED", re.IGNORECASE)
FOR_CASH = re.compile(r"FOR\s+[A-Z]{3}\s+[\d.]+\s+PER SHARE", re.IGNORECASE)


def event_key(attributes: dict) -> tuple[str, str]:
    """Rows of one event: the same time, and the same description up to the security each row names."""
    description = attributes.get("description", "")
    head = description.rsplit(" (", 1)[0] if " (" in description else description
    return attributes.get("dateTime") or attributes.get("reportDate") or "", " ".join(head.split())


def corporate_actions(rows: list[tuple[int, dict]], problems: Problems, read: PresetRead, statement: Statement,
                      symbols: Symbols) -> None:
    """Each event of the file, in order; exchanges teach `symbols` the book's name for the new security."""
    events: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for line, attributes in rows:
        events.setdefault(event_key(attributes), []).append((line, attributes))
    for legs in events.values():
        _event(legs, problems, read, statement, symbols)


def _event(legs: list[tuple[int, dict]], problems: Problems, read: PresetRead, statement: Statement,
           symbols: Symbols) -> None:
    line, first = legs[0]
    description = " ".join(first.get("description", "").split())
    quantities = [(line, attributes, optional(attributes, "quantity") or Decimal(0)) for line, attributes in legs]
    gone = [(n, a, -q) for n, a, q in quantities if q < 0 and not a.get("symbol", "").endswith(".OLD")]
    came = [(n, a, q) for n, a, q in quantities if q > 0]
    dated = common(line, first, "dateTime", problems)
    if dated is None:
        return
    day, currency, scale = dated  # a minor-unit currency (GBX): amounts in pence, the book's in pounds
    account = first.get("accountId") or None
    split = SPLIT.search(description)
    if split is not None:
        symbol = symbols.of(came[0][1] if came else first)
        read.drafts.append(Draft(line, day, TxType.SPLIT, currency, symbol=symbol,
                                 ratio=Decimal(split.group(1)) / Decimal(split.group(2)), account=account,
                                 note=description))
    elif EXCHANGE.search(description) and gone and came and (kept := symbols.of(gone[0][1])) is not None:
        # (a leg that names no security cannot be kept: entered by hand, below)
        (_, old, given), (_, new, received) = gone[0], came[0]
        symbols.alias(new, kept)
        if received != given:
            read.drafts.append(Draft(line, day, TxType.SPLIT, currency, symbol=kept, ratio=received / given,
                                     account=account, note=description))
        read.notes.append(f"line {line}: {description}: the book keeps {kept} for {yahoo_symbol(new)}")
    elif gone and (FOR_CASH.search(description) or "DELISTED" in description.upper()):
        leg_line, old, given = gone[0]
        proceeds = abs(optional(old, "proceeds") or Decimal(0)) / scale
        realized = optional(old, "fifoPnlRealized")
        realized = realized / scale if realized is not None else None
        read.drafts.append(Draft(leg_line, day, TxType.SELL, currency, symbol=symbols.of(old),
                                 quantity=given, price=proceeds / given, amount=proceeds, account=account,
                                 note=description, expected=Expected(cash=proceeds, realized=realized)))
    elif "SPINOFF" in description.upper() and came:
        leg_line, new, received = came[0]
        read.drafts.append(Draft(leg_line, day, TxType.DELIVERY_IN, currency,
                                 symbol=symbols.of(new, by_description=False),
                                 quantity=received, amount=Decimal(0), account=account, isin=new.get("isin", ""),
                                 note=f"{description} (at no cost: the parent's value falls by as much)"))
    else:
        amount = sum((optional(a, "amount") or Decimal(0) for _, a in legs), Decimal(0)) / scale
        read.ignored.append((line, f"corporate action not imported, enter it by hand: {description}"
                                   + (f" (its cash: {amount} {currency})" if amount else "")))
        if amount:
            statement.not_imported.append((line, account, currency, amount, "corporate action"))
