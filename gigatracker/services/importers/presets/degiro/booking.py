"""What each row of a DEGIRO statement becomes. Choices of ours:

- a trade's costs (transaction fees, accrued interest bought with a bond, transaction taxes) are folded
  into that trade, joined by order id, or by product and time when DEGIRO left the id out; a cost with no
  trade to join stands alone as a FEE or TAX; a positive one is a refund (FEE_REFUND, TAX_REFUND);
- dividend tax is folded into the dividend of the same product and day; a positive one is a TAX_REFUND;
- a reversed dividend (a negative "Dividend") cancels the dividend it reverses (same product, currency and
  amount, the latest before it), and the tax given back with it goes too; when the file does not hold the
  dividend, the reversal is listed with its cash;
- negative interest is an INTEREST_CHARGE; a positive fee a FEE_REFUND; a courtesy or promotion credit
  from DEGIRO a FEE_REFUND;
- the currency-conversion helper rows are ignored and their rate given to the foreign-currency row they
  convert; cash sweeps to the flatex bank account are ignored (the cash is still the user's);
- DEGIRO's money-market cash fund ("Money Market fund conversion: Buy …") is cash to the user: its
  conversions are listed, with the cash they moved into or out of the fund;
- a corporate action ("ISIN CHANGE: Sell …" and "ISIN CHANGE: Buy …" at the same time): lines that give
  and get back the same security and quantity change nothing; an exchange of one security for another
  keeps the book's name for it (later rows of the new ISIN go to it) with a SPLIT when the quantity
  changes; shares that arrive alone (a stock dividend, a spin-off) come at no cost, or as a BUY when cash
  paid for them; shares that leave alone (a merger for cash, a delisting) are a SELL at what was paid;
- the symbol is the ISIN (DEGIRO gives no ticker), the product its name; prices in pence (GBX) are GBP.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from .....core.ledger import TxType
from ..common import (Draft, PresetRead, Problems, Statement, currency_and_scale, number, reversed_dividend,
                      through_aliases)
from .balances import balances
from .words import BUY_WORDS, CASH_FUND, CORPORATE_ACTION, TRADE, kind_of

ZERO = Decimal(0)
POSITIVE_NEGATIVE = {  # a cash row's kind (not a dividend) -> its type when the amount is positive, negative
    "deposit": (TxType.DEPOSIT, TxType.WITHDRAWAL),
    "withdrawal": (TxType.DEPOSIT, TxType.WITHDRAWAL), "interest": (TxType.INTEREST, TxType.INTEREST_CHARGE),
    "fee": (TxType.FEE_REFUND, TxType.FEE), "courtesy": (TxType.FEE_REFUND, TxType.FEE),
}


@dataclass
class Row:
    line: int
    when: datetime
    product: str
    isin: str
    description: str
    fx: str
    currency: str
    amount: Decimal | None
    order: str
    balance_currency: str = ""
    balance: Decimal | None = None  # the account's balance in that currency after the row, as DEGIRO states it


def parse_amount(text: str, decimal_sep: str) -> Decimal:
    return number(text, decimal_sep=decimal_sep, thousands="." if decimal_sep == "," else ",")


def book(rows: list[Row], decimal_sep: str, problems: Problems, read: PresetRead) -> None:
    """Drafts from the rows (oldest first in the result), and the statement of the file's own balances."""
    newest_first = len(rows) > 1 and min(rows, key=lambda r: r.line).when > max(rows, key=lambda r: r.line).when
    rows = sorted(rows, key=lambda r: (r.when, -r.line if newest_first else r.line))  # as things happened
    read.statement = statement = balances(rows)
    booking = _Booking(decimal_sep, problems, read, statement)
    for row in rows:
        booking.take(row)
    booking.finish()
    order = {row.line: rank for rank, row in enumerate(rows)}
    read.drafts.sort(key=lambda d: order.get(d.line, 0))
    read.ignored.sort(key=lambda item: item[0])


class _Booking:
    def __init__(self, decimal_sep: str, problems: Problems, read: PresetRead, statement: Statement):
        self.decimal_sep, self.problems, self.read, self.statement = decimal_sep, problems, read, statement
        self.trades: dict[object, Draft] = {}  # order id, and (isin, time) -> the trade's draft
        self.costs: list[tuple[Row, str]] = []  # fees and taxes, joined once every trade is read
        self.dividends: list[tuple[Row, Draft]] = []  # in the order they happened, as the rows come
        self.reversals: list[tuple[int, Row]] = []  # with how many dividends came before each
        self.conversions: dict[datetime, dict[str, Decimal]] = {}  # time -> currency -> amount converted
        self.conversion_rows: dict[datetime, list[Row]] = {}
        self.actions: dict[tuple[datetime, str], list[tuple[Row, re.Match[str]]]] = {}
        self.aliases: dict[str, str] = {}  # a new ISIN -> the book's name for the security it replaced
        self.cancelled: set[int] = set()  # id() of dividend drafts a reversal cancelled
        self.times: dict[int, datetime] = {}  # id(draft) -> when

    # -- one row at a time ----------------------------------------------------------------------------
    def take(self, row: Row) -> None:
        kind = kind_of(row.description)
        if kind is None:
            self.unknown(row)
        elif kind == "trade":
            self.trade(row)
        elif kind == "sweep":  # the transfer, and its note (no change, the balance restated)
            self.read.ignored.append((row.line, f"'{row.description}': cash moved to or from the flatex bank "
                                                "account (still yours, not a withdrawal)"))
        elif row.amount is None:
            self.read.ignored.append((row.line, f"'{row.description}': no amount"))
        elif kind in ("trade_fee", "trade_tax", "dividend_tax"):
            self.costs.append((row, kind))
        elif kind == "fx":
            self.conversions.setdefault(row.when, {})[row.currency] = row.amount
            self.conversion_rows.setdefault(row.when, []).append(row)
            self.read.ignored.append((row.line, f"'{row.description}': currency conversion, its rate is given "
                                                "to the row it converts"))
        elif kind == "dividend" and row.amount < 0:
            self.reversals.append((len(self.dividends), row))
        elif kind == "dividend":
            self.dividends.append((row, self.add(self.cash(row, TxType.DIVIDEND, abs(row.amount)), row)))
        else:
            positive, negative = POSITIVE_NEGATIVE[kind]
            self.add(self.cash(row, positive if row.amount >= 0 else negative, abs(row.amount)), row)

    def unknown(self, row: Row) -> None:
        self.read.unknown.append((row.line, "description",
                                  f"'{row.description}' is not a DEGIRO entry GigaTracker knows"))
        self.not_imported(row, "not known")

    def trade(self, row: Row) -> None:
        match = TRADE.match(row.description)
        assert match is not None  # kind_of found a trade in this very text
        action = (match["action"] or "").strip()
        if not action:
            draft = self.trade_draft(row, match)
            if draft is not None:
                self.add(draft, row)
                if row.order:
                    self.trades[row.order] = draft
                self.trades.setdefault((row.isin, row.when), draft)
        elif CASH_FUND.search(action):
            self.read.ignored.append((row.line, f"'{row.description}': DEGIRO's money-market cash fund, which "
                                                "the book keeps as cash"))
            self.not_imported(row, "cash fund")
        elif CORPORATE_ACTION.search(action):
            self.actions.setdefault((row.when, action.lower()), []).append((row, match))
        else:
            self.unknown(row)

    def add(self, draft: Draft, row: Row) -> Draft:
        self.read.drafts.append(draft)
        self.times[id(draft)] = row.when
        return draft

    def not_imported(self, row: Row, what: str) -> None:
        if row.amount:
            self.statement.not_imported.append((row.line, None, row.currency, row.amount, what))

    def cash(self, row: Row, kind: TxType, amount: Decimal) -> Draft:
        return Draft(row.line, row.when.date(), kind, row.currency, amount=amount, symbol=row.isin or None,
                     isin=row.isin, name=row.product, note=row.description)

    def trade_draft(self, row: Row, match: re.Match[str]) -> Draft | None:
        leg = self.leg(row, match)
        return None if leg is None else self.leg_draft(row, leg)

    def leg_draft(self, row: Row, leg: tuple[TxType, Decimal, Decimal, str, str]) -> Draft:
        side, quantity, price, currency, isin = leg
        # The change is the exact gross (a bond's price is a percent of par, so it is not quantity × price).
        return Draft(row.line, row.when.date(), side, currency, symbol=isin or row.product,
                     quantity=quantity, price=price, amount=abs(row.amount or ZERO), isin=isin, name=row.product,
                     note=f"DEGIRO order {row.order}" if row.order else "")

    def leg(self, row: Row, match: re.Match[str]) -> tuple[TxType, Decimal, Decimal, str, str] | None:
        """(side, quantity, price in its currency's major unit, currency, ISIN) of a trade's description."""
        try:
            quantity = parse_amount(match["quantity"], self.decimal_sep)
            price = parse_amount(match["price"], self.decimal_sep)
            currency, scale = currency_and_scale(match["currency"])
        except ValueError as error:
            self.problems.add(row.line, "description", f"'{row.description}': {error}")
            return None
        if row.currency and row.currency != currency:
            self.problems.add(row.line, "change", f"the trade is in {currency} but the change is in {row.currency}")
            return None
        side = TxType.BUY if match["side"].lower() in BUY_WORDS else TxType.SELL
        return side, quantity, price / scale, currency, row.isin or (match["isin"] or "")

    # -- once every row is read -----------------------------------------------------------------------
    def finish(self) -> None:
        for legs in self.actions.values():
            self.corporate_action(legs)
        self.fold_costs(self.reverse_dividends())
        self.give_rates()
        for draft in self.read.drafts:  # later rows of a replaced ISIN go to the book's name for it
            draft.symbol = self.symbol(draft.symbol) if draft.symbol else draft.symbol

    def symbol(self, isin: str) -> str:
        return through_aliases(self.aliases, isin)

    def corporate_action(self, legs: list[tuple[Row, re.Match[str]]]) -> None:
        every = [(row, self.leg(row, match)) for row, match in legs]  # each leg read, so each says its problem
        parsed = [(row, leg) for row, leg in every if leg is not None]
        if len(parsed) < len(every):
            return
        gone = [(row, leg) for row, leg in parsed if leg[0] is TxType.SELL]
        came = [(row, leg) for row, leg in parsed if leg[0] is TxType.BUY]
        for row, leg in list(came):  # the same security and quantity given and got back: nothing changes
            twin = next(((r, g) for r, g in gone if g[4] == leg[4] and g[1] == leg[1]), None)
            if twin is not None:
                gone.remove(twin)
                came.remove((row, leg))
                for line in (twin[0].line, row.line):
                    self.read.ignored.append((line, f"'{row.description}': the same {leg[1]} {leg[4]} given and "
                                                    "got back (a change of name or product): the holding carries on"))
                self.net_cash([twin[0], row])
        if len(gone) > 1:
            self.problems.add(gone[1][0].line, "description", f"'{gone[1][0].description}': a corporate action "
                                                              "that takes several securities away at once, which "
                                                              "GigaTracker cannot pair with what it gives")
            return
        if gone and came:
            (old_row, old), (new_row, new) = gone[0], came.pop(0)
            kept = self.symbol(old[4] or old_row.product)
            if new[4] and new[4] != old[4]:
                self.aliases[new[4]] = kept
            if new[1] != old[1]:
                self.add(Draft(new_row.line, new_row.when.date(), TxType.SPLIT, new[3], symbol=kept,
                               ratio=new[1] / old[1], note=new_row.description), new_row)
            if new[4] == old[4]:
                what = f"{old[1]} {kept} became {new[1]}: a split, booked as a SPLIT"
            else:
                what = (f"{old[1]} {old[4]} exchanged for {new[1]} {new[4]}; the book keeps the holding as {kept} "
                        f"(its cost and history carry on{', with a SPLIT' if new[1] != old[1] else ''})")
            for row in (old_row, new_row):
                self.read.ignored.append((row.line, f"'{row.description}': {what}"))
            self.net_cash([old_row, new_row])
            gone = []
        for row, leg in came:  # shares that arrive alone: bought if cash paid for them, else at no cost
            if row.amount:
                self.add(self.leg_draft(row, leg), row)
            else:
                side, quantity, _price, currency, isin = leg
                self.add(Draft(row.line, row.when.date(), TxType.DELIVERY_IN, currency, symbol=isin or row.product,
                               quantity=quantity, amount=ZERO, isin=isin, name=row.product,
                               note=f"{row.description} (at no cost)"), row)
        for row, leg in gone:  # shares that leave alone: sold for what was paid (nothing, when delisted)
            self.add(self.leg_draft(row, leg), row)

    def net_cash(self, rows: list[Row]) -> None:
        """Legs booked as no transaction: any cash they moved between them is listed."""
        net = sum((row.amount or ZERO for row in rows), ZERO)
        if net:
            self.statement.not_imported.append((rows[-1].line, None, rows[-1].currency, net, "corporate action"))

    def reverse_dividends(self) -> dict[tuple, tuple | None]:
        """Each reversed dividend cancels its dividend (common.reversed_dividend). Returns, per reversal's
        (ISIN, day, currency), the original's (ISIN, day, currency), or None when the file does not hold it."""
        reversed_at: dict[tuple, tuple | None] = {}
        rows = {id(draft): row for row, draft in self.dividends}
        for before, reversal in self.reversals:
            key = (reversal.isin, reversal.when.date(), reversal.currency)
            earlier = (draft for _, draft in self.dividends[:before] if id(draft) not in self.cancelled)
            draft = reversed_dividend(earlier, self.cash(reversal, TxType.DIVIDEND, -_amount(reversal)))
            if draft is None:
                reversed_at.setdefault(key, None)
                self.read.ignored.append((reversal.line, f"'{reversal.description}' of {reversal.amount} "
                                                         f"{reversal.currency}: a reversed dividend whose dividend "
                                                         "is not in this file (listed with its cash)"))
                self.not_imported(reversal, "reversed dividend")
                continue
            row = rows[id(draft)]
            reversed_at[key] = (row.isin, row.when.date(), row.currency)
            self.cancelled.add(id(draft))
            for when in (row.when, reversal.when):  # what converting them moved stays: rates differ by the day
                for conversion in self.conversion_rows.get(when, []):
                    if conversion.currency != row.currency:
                        self.not_imported(conversion, "conversion of a reversed dividend")
            self.read.ignored.append((row.line, f"'{row.description}' of {row.amount} {row.currency}: reversed "
                                                f"on line {reversal.line}, so neither counts"))
            self.read.ignored.append((reversal.line, f"'{reversal.description}': reverses the dividend of line "
                                                     f"{row.line}"))
        self.read.drafts = [draft for draft in self.read.drafts if id(draft) not in self.cancelled]
        return reversed_at

    def fold_costs(self, reversed_at: dict[tuple, tuple | None]) -> None:
        costs = list(self.costs)
        for row, kind in self.costs:  # tax given back with a reversal: it and the original's tax go
            key = (row.isin, row.when.date(), row.currency)
            if kind != "dividend_tax" or _amount(row) <= 0 or key not in reversed_at or (row, kind) not in costs:
                continue
            costs.remove((row, kind))
            original = reversed_at[key]
            withheld = next(((r, k) for r, k in costs if k == "dividend_tax" and r.amount == -_amount(row)
                             and (r.isin, r.when.date(), r.currency) == original), None)
            if withheld is not None:
                costs.remove(withheld)
                self.read.ignored.append((withheld[0].line, f"'{withheld[0].description}': the tax of a reversed "
                                                            "dividend, given back on line " f"{row.line}"))
            else:
                self.not_imported(row, "reversed dividend's tax")
            self.read.ignored.append((row.line, f"'{row.description}': the tax of a reversed dividend, given back "
                                                "with it"))
        dividends = {(row.isin, row.when.date(), row.currency): draft for row, draft in self.dividends
                     if id(draft) not in self.cancelled}
        for row, kind in costs:
            amount = _amount(row)
            if kind == "dividend_tax":
                target = dividends.get((row.isin, row.when.date(), row.currency))
            else:
                target = self.trades.get(row.order) if row.order else self.trades.get((row.isin, row.when))
            if amount < 0 and target is not None and target.currency == row.currency:
                if kind == "trade_fee":
                    target.fees += -amount
                else:
                    target.taxes += -amount
                continue
            if kind == "trade_fee":
                standalone = TxType.FEE if amount < 0 else TxType.FEE_REFUND
            else:
                standalone = TxType.TAX if amount < 0 else TxType.TAX_REFUND
            self.add(self.cash(row, standalone, abs(amount)), row)

    def give_rates(self) -> None:
        """The rate of a conversion made for a foreign-currency row at the same time, as the account's
        currency per unit of the row's (DEGIRO's FX column says it the other way round: foreign per EUR)."""
        for draft in self.read.drafts:
            moved = self.conversions.get(self.times[id(draft)], {})  # every draft came through add()
            if draft.currency in moved and len(moved) == 2 and moved[draft.currency]:
                into, other = next((currency, amount) for currency, amount in moved.items()
                                   if currency != draft.currency)
                draft.fx_rate, draft.fx_into = abs(other / moved[draft.currency]).quantize(Decimal("1e-10")), into


def _amount(row: Row) -> Decimal:
    """The change of a row kept for once every row is read (a cost, a reversal): take() sets aside rows
    without one."""
    assert row.amount is not None
    return row.amount
