"""What an IBKR Flex statement says its account holds — its period, its open positions (and their lots),
its cash per currency — and each trade's own figures: for the reconciliation after the import, and the
positions and cash held before its first day."""
from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from .....core.ledger import TxType
from ..common import Draft, Expected, Problems, Statement, number
from .symbols import yahoo_symbol

TRACKED_ASSETS = {"STK", "ETF", "FUND", "BOND", ""}


def flex_date(text: str) -> date:
    """IBKR's dates: yyyyMMdd, yyyy-MM-dd, with a time after ';', ',' or a space."""
    digits = re.sub(r"[^0-9]", "", text.split(";")[0].split(",")[0].split(" ")[0])
    return datetime.strptime(digits[:8], "%Y%m%d").date()


def optional(attributes: dict, name: str) -> Decimal | None:
    """A figure the file may give (empty or unreadable: None; the reconciliation then does without it)."""
    try:
        return number(attributes[name]) if attributes.get(name, "").strip() not in ("", "--") else None
    except ValueError:
        return None


def expected(attributes: dict, side: str, scale: int = 1) -> Expected | None:
    """The broker's own figures for a trade: its cash (netCash), a buy's cost, a sale's FIFO realized P&L
    (in the currency's major unit: `scale` 100 for amounts in pence)."""
    cash = optional(attributes, "netCash")
    cost = optional(attributes, "cost") if side == "BUY" else None
    realized = optional(attributes, "fifoPnlRealized") if side == "SELL" else None
    if cash is None and cost is None and realized is None:
        return None
    return Expected(*(figure / scale if figure is not None else None for figure in (cash, cost, realized)))


def stated(line: int, tag: str, attributes: dict, statement: Statement, problems: Problems) -> None:
    """The statement's own figures: its period, its open positions, its cash per currency."""
    account = attributes.get("accountId") or None
    if tag == "FlexStatement":
        for name, field_name in (("fromDate", "since"), ("toDate", "until")):
            if attributes.get(name):
                try:
                    setattr(statement, field_name, flex_date(attributes[name]))
                except ValueError:
                    problems.add(line, name, f"'{attributes[name]}' is not a date (IBKR writes yyyyMMdd)")
    elif tag == "OpenPosition":
        _position(line, account, attributes, statement, problems)
    else:
        currency = attributes.get("currency", "")
        if currency == "BASE_SUMMARY" or not currency:
            return  # every currency converted to the base: the per-currency rows say the same
        ending, starting = optional(attributes, "endingCash"), optional(attributes, "startingCash")
        if ending is not None:
            statement.cash[(account, currency)] = ending
        if starting is not None:
            statement.opening_cash[(account, currency)] = starting


def _position(line: int, account: str | None, attributes: dict, statement: Statement, problems: Problems) -> None:
    if attributes.get("assetCategory", "") not in TRACKED_ASSETS:
        return  # a position GigaTracker does not track (its cash is in the cash report)
    detail = attributes.get("levelOfDetail", "SUMMARY")
    if detail == "LOT":
        _opening_lot(line, account, attributes, statement)
        return
    if detail not in ("SUMMARY", ""):
        return
    quantity, cost = optional(attributes, "position"), optional(attributes, "costBasisMoney")
    if quantity is None:
        problems.add(line, "position", f"'{attributes.get('position')}' is not a quantity")
        return
    key = (account, yahoo_symbol(attributes))
    statement.positions[key] = statement.positions.get(key, Decimal(0)) + quantity
    statement.currencies[key] = attributes.get("currency", "")
    if cost is not None:
        statement.costs[key] = statement.costs.get(key, Decimal(0)) + cost


def _opening_lot(line: int, account: str | None, attributes: dict, statement: Statement) -> None:
    """A lot of an open position bought before the statement's first day: held at its start."""
    quantity, cost = optional(attributes, "position"), optional(attributes, "costBasisMoney")
    try:
        opened = flex_date(attributes.get("openDateTime", ""))
    except ValueError:
        return
    if quantity and cost is not None and statement.since is not None and opened < statement.since:
        statement.opening_positions.append((line, account, yahoo_symbol(attributes), attributes.get("currency", ""),
                                            quantity, cost))


def derive_openings(statement: Statement, drafts: list[Draft]) -> None:
    """What was held before the first day. Lots the file lists as opened before it are still held, and
    the file's sales of those securities came out of them first (FIFO): each sold part cost its proceeds
    less the broker's realized P&L. Without lots: what the file holds at its end but did not buy in it,
    where it neither sells nor splits it (else its cost before is not known)."""
    lotted = {(account, symbol) for _, account, symbol, *_ in statement.opening_positions}
    for draft in drafts:
        if (draft.account, draft.symbol) in lotted and draft.type is TxType.SELL and draft.expected is not None \
                and draft.expected.realized is not None:
            assert draft.symbol is not None and draft.currency is not None  # lotted, and every trade's is stated
            quantity, gross = _quantity_and_gross(draft)
            proceeds = gross - draft.fees - draft.taxes
            statement.opening_positions.append((draft.line, draft.account, draft.symbol, draft.currency,
                                                quantity, proceeds - draft.expected.realized))
    for key, quantity in statement.positions.items():
        if key in lotted or key not in statement.costs:
            continue
        moves = [d for d in drafts if (d.account, d.symbol) == key
                 and d.type in (TxType.BUY, TxType.SELL, TxType.SPLIT)]
        if any(d.type is not TxType.BUY for d in moves):
            continue
        bought = sum((_quantity_and_gross(d)[0] for d in moves), Decimal(0))
        cost = sum((_quantity_and_gross(d)[1] + d.fees + d.taxes for d in moves), Decimal(0))
        if quantity > bought and statement.costs[key] > cost:
            statement.opening_positions.append((0, key[0], key[1], statement.currencies.get(key, ""),
                                                quantity - bought, statement.costs[key] - cost))


def _quantity_and_gross(trade: Draft) -> tuple[Decimal, Decimal]:
    """A trade's quantity and gross: its amount, else quantity × price (a row that gives its price but no
    proceeds, netCash or cost), as the ledger reads a trade without an amount."""
    assert trade.quantity is not None  # records.trade gives every trade one, and a price when no amount
    if trade.amount is not None:
        return trade.quantity, trade.amount
    assert trade.price is not None
    return trade.quantity, trade.quantity * trade.price
