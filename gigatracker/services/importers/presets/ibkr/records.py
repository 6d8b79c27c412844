"""IBKR Flex trades and cash transactions as drafts.

- executions are imported, the ORDER/SUMMARY/CLOSED_LOT rows that total them are not; a trade without a
  price takes its gross from its proceeds, else its net cash, else its cost (never a silent price of 0);
- options, futures and forex are not tracked: listed as ignored with the cash they moved (the
  reconciliation then explains the cash they account for);
- refunds and reversals keep their meaning: a positive withholding tax is a TAX_REFUND, a positive fee a
  FEE_REFUND, interest paid an INTEREST_CHARGE; a reversed dividend cancels the dividend it reverses when
  the file holds both (the re-posted one counts), and is listed with its cash when it does not;
- withholding tax is folded into the dividend of the same security and day.
"""
from __future__ import annotations

from decimal import Decimal

from .....core.ledger import TxType
from ..common import (Draft, PresetRead, Problems, Statement, check_date, currency_and_scale, number,
                      came_before, reversed_dividend, unsigned)
from .statement import TRACKED_ASSETS, expected, flex_date, optional
from .symbols import Symbols, yahoo_symbol

# type -> (what a positive amount is, what a negative one is)
CASH_TYPES = {
    "Dividends": (TxType.DIVIDEND, None), "Payment In Lieu Of Dividends": (TxType.DIVIDEND, None),
    "Withholding Tax": (TxType.TAX_REFUND, TxType.TAX),
    "Broker Interest Received": (TxType.INTEREST, TxType.INTEREST_CHARGE),
    "Bond Interest Received": (TxType.INTEREST, TxType.INTEREST_CHARGE),
    "Broker Interest Paid": (TxType.INTEREST, TxType.INTEREST_CHARGE),
    "Bond Interest Paid": (TxType.INTEREST, TxType.INTEREST_CHARGE),
    "Other Fees": (TxType.FEE_REFUND, TxType.FEE), "Commission Adjustments": (TxType.FEE_REFUND, TxType.FEE),
    "Advisor Fees": (TxType.FEE_REFUND, TxType.FEE),
    "Deposits/Withdrawals": (TxType.DEPOSIT, TxType.WITHDRAWAL),
    "Deposits & Withdrawals": (TxType.DEPOSIT, TxType.WITHDRAWAL),
}
DATES = ("dateTime", "reportDate", "settleDate", "settleDateTarget", "tradeDate", "date")


def common(line: int, attributes: dict, date_attribute: str, problems: Problems):
    """(date, currency, scale) of a record, or None after reporting why."""
    count = len(problems.read.problems)
    raw_date = next((attributes[name] for name in (date_attribute, *DATES) if attributes.get(name)), "")
    day = None
    try:
        day = flex_date(raw_date)
    except ValueError:
        problems.add(line, date_attribute, f"'{raw_date}' is not a date (IBKR writes yyyyMMdd)")
    try:
        currency, scale = currency_and_scale(attributes.get("currency", ""))
    except ValueError as error:
        currency, scale = None, 1
        problems.add(line, "currency", str(error))
    if day and (why := check_date(day, currency)):
        problems.add(line, date_attribute, why)
    return None if len(problems.read.problems) > count else (day, currency, scale)


def trade(line: int, attributes: dict, problems: Problems, read: PresetRead, statement: Statement) -> None:
    asset = attributes.get("assetCategory", "")
    if asset not in TRACKED_ASSETS:
        what = f"{asset} {' '.join(attributes.get('symbol', '').split())}"
        cash = optional(attributes, "netCash")
        moved = f" (its cash: {cash} {attributes.get('currency', '')})" if cash else ""
        read.ignored.append((line, f"{what}: options, futures and forex are not tracked{moved}"))
        if cash:
            statement.not_imported.append((line, attributes.get("accountId") or None, attributes.get("currency", ""),
                                           cash, what))
        return
    dated = common(line, attributes, "tradeDate", problems)
    side = attributes.get("buySell", "").upper()
    if side not in ("BUY", "SELL"):
        problems.add(line, "buySell", f"'{attributes.get('buySell')}' is neither BUY nor SELL")
        return
    values = {}
    for name in ("quantity", "tradePrice", "proceeds", "ibCommission", "taxes"):
        try:
            value = number(attributes.get(name) or "0")  # IBKR signs a sale's quantity, never a purchase's
            values[name] = unsigned(value, TxType(side), name, line, problems) if name == "quantity" else abs(value)
        except ValueError as error:
            problems.add(line, name, str(error))
    if dated is None or len(values) < 5:
        return
    day, currency, scale = dated
    if not values["quantity"]:
        read.ignored.append((line, "a trade of 0 shares"))
        return
    commission_currency = attributes.get("ibCommissionCurrency") or attributes.get("currency")
    own_commission = values["ibCommission"] if commission_currency == attributes.get("currency") else Decimal(0)
    gross = values["proceeds"] or _gross_from_totals(attributes, side, own_commission)
    if not values["tradePrice"] and not gross:
        problems.add(line, "tradePrice", "no tradePrice, proceeds, netCash or cost: the trade's value is unknown")
        return
    draft = Draft(line, day, TxType.BUY if side == "BUY" else TxType.SELL, currency, symbol=yahoo_symbol(attributes),
                  quantity=values["quantity"], price=(values["tradePrice"] or gross / values["quantity"]) / scale,
                  amount=gross / scale if gross else None, taxes=values["taxes"] / scale, fees=own_commission / scale,
                  account=attributes.get("accountId") or None, isin=attributes.get("isin", ""),
                  name=attributes.get("description", ""),
                  note=f"IBKR trade {attributes['tradeID']}" if attributes.get("tradeID") else "",
                  expected=expected(attributes, side, scale))
    if values["ibCommission"] and not own_commission:
        read.drafts.append(Draft(line, day, TxType.FEE, commission_currency, amount=values["ibCommission"],
                                 account=draft.account, note=f"commission on {draft.symbol}"))
    read.drafts.append(draft)


def _gross_from_totals(attributes: dict, side: str, commission: Decimal) -> Decimal:
    """A trade's gross from its totals when it gives no price: netCash (less or plus its commission),
    else its cost (a buy's, commission included)."""
    net, cost = optional(attributes, "netCash"), optional(attributes, "cost")
    if net:
        return abs(net) - commission if side == "BUY" else abs(net) + commission
    if cost and side == "BUY":
        return abs(cost) - commission
    return Decimal(0)


def cash(line: int, attributes: dict, problems: Problems, read: PresetRead, statement: Statement,
         symbols: Symbols) -> tuple[Draft, bool] | None:
    """A cash transaction as a draft, and whether it takes a dividend back (not yet added: withholding and
    reversals are matched with their dividends first)."""
    description = attributes.get("description", "")
    kinds = CASH_TYPES.get(attributes.get("type", ""))
    if kinds is None:
        amount = optional(attributes, "amount")
        read.ignored.append((line, f"cash transaction '{attributes.get('type')}' ({description}) is not imported"
                                   + (f": its cash {amount} {attributes.get('currency', '')}" if amount else "")))
        if amount:
            statement.not_imported.append((line, attributes.get("accountId") or None, attributes.get("currency", ""),
                                           amount, attributes.get("type", "")))
        return None
    dated = common(line, attributes, "dateTime", problems)
    try:
        amount = number(attributes.get("amount") or "0")
    except ValueError as error:
        problems.add(line, "amount", str(error))
        return None
    if dated is None:
        return None
    day, currency, scale = dated
    amount /= scale  # a minor-unit currency (GBX): the book's amounts are in pounds
    positive, negative = kinds
    kind = positive if amount >= 0 else (negative or positive)
    account = attributes.get("accountId") if attributes.get("accountId") not in ("", "-") else None
    draft = Draft(line, day, kind, currency, symbol=symbols.of(attributes), amount=abs(amount), note=description,
                  account=account)
    return draft, amount < 0 and negative is None


def settle(drafts: list[tuple[Draft, bool]], read: PresetRead, statement: Statement) -> None:
    """Add the cash drafts: a reversed dividend cancels the one it reverses (both listed as ignored); a
    withholding tax joins its dividend; the rest stand alone."""
    reversals = [d for d, reverses in drafts if reverses]
    kept = [d for d, reverses in drafts if not reverses]
    for reversal in reversals:
        assert reversal.amount is not None and reversal.currency is not None  # cash() gives every draft both
        original = reversed_dividend(came_before(kept, reversal), reversal)
        if original is not None:
            kept.remove(original)
            read.ignored.append((original.line, f"dividend of {original.symbol} reversed at line {reversal.line}"))
            read.ignored.append((reversal.line, f"reversal of the dividend at line {original.line}"))
        else:
            read.ignored.append((reversal.line, f"reversal of a {reversal.symbol} dividend of {reversal.amount} "
                                                f"{reversal.currency} that is not in this file: delete that dividend "
                                                "in the book"))
            statement.not_imported.append((reversal.line, reversal.account, reversal.currency, -reversal.amount,
                                           "dividend reversal"))
    dividends = {(d.account, d.symbol, d.date, d.currency): d for d in kept if d.type is TxType.DIVIDEND}
    for draft in kept:
        if draft.type is TxType.TAX and draft.symbol:
            target = dividends.get((draft.account, draft.symbol, draft.date, draft.currency))
            if target is not None:
                assert draft.amount is not None  # cash() gives it
                target.taxes += draft.amount
                continue
        read.drafts.append(draft)
