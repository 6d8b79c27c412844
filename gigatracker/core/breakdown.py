"""Where a scope's value went over a period, in exact Decimal: Portfolio Performance's performance snapshot
(ClientPerformanceSnapshot), so that

    final = initial + capital gains + realized gains + earnings - fees - taxes + currency gains + transfers

- initial / final value: positions at the period's first / last close (PP's price rules, core/quotes.py)
  and cash, in the base currency;
- capital gains: of what is held at the end, its value less what it was worth at the start or cost when
  bought in the period (FIFO, gross of fees and taxes); realized gains: sales and deliveries out in the
  period against those same values (FIFO, as PP, whatever the account's cost method);
- earnings: dividends and interest (gross), less interest charges; fees and taxes: every fee and tax of
  the period, less refunds; transfers: money and securities that entered less what left the scope;
- currency gains: what exchange rates added to cash held in other currencies.
Amounts are converted on their day (the transaction's own rate first, as the cash moved at it).

A book is cut into disjoint *sleeves* (the book; each portfolio or account; or each security with the
cash it pays out), computed in one pass over the ledger.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, localcontext
from typing import Sequence, cast

from .ledger import PRICED_TYPES, SHARES_IN, Account, Transaction, TxType, cash_effect, gross_of
from .money import MONEY_CONTEXT, minor_unit_exponent
from .quotes import FxRates

ZERO = Decimal(0)
ONE = Decimal(1)
CATEGORIES = ("initial_value", "capital_gains", "realized_gains", "earnings", "fees", "taxes", "currency_gains",
              "transfers", "final_value")
# What a cash-only transaction is, for the breakdown (sign on the category).
INCOME = {TxType.DIVIDEND: 1, TxType.INTEREST: 1, TxType.INTEREST_CHARGE: -1}
COSTS = {TxType.FEE: ("fees", 1), TxType.FEE_REFUND: ("fees", -1), TxType.TAX: ("taxes", 1),
         TxType.TAX_REFUND: ("taxes", -1)}
PASSING = {TxType.DIVIDEND, TxType.INTEREST, TxType.TAX, TxType.TAX_REFUND, TxType.FEE, TxType.FEE_REFUND}
# Types whose own fees and taxes fields are charged (as the ledger does): not a fee, a tax, an interest
# charge or a split, whose fields beside their amount move nothing.
CHARGED = set(TxType) - {TxType.FEE, TxType.TAX, TxType.INTEREST_CHARGE, TxType.SPLIT}


@dataclass
class Breakdown:
    initial_value: Decimal = ZERO
    capital_gains: Decimal = ZERO
    realized_gains: Decimal = ZERO
    earnings: Decimal = ZERO
    fees: Decimal = ZERO
    taxes: Decimal = ZERO
    currency_gains: Decimal = ZERO
    transfers: Decimal = ZERO
    final_value: Decimal = ZERO
    dividends: Decimal = ZERO  # gross, within earnings
    interest: Decimal = ZERO  # net of interest charges, within earnings
    purchases: Decimal = ZERO  # bought or delivered in during the period, fees and taxes included
    cost: Decimal = ZERO  # FIFO cost of what is held at the end (fees and taxes included; PP's purchase value)
    quantity: Decimal = ZERO  # a security's sleeve: shares held at the end

    @property
    def absolute_gain(self) -> Decimal:
        """What the period earned: capital and realized gains, earnings and currency gains, less fees and
        taxes (PP's delta; the final value less the initial value less transfers)."""
        return (self.capital_gains + self.realized_gains + self.earnings - self.fees - self.taxes
                + self.currency_gains)

    def unexplained(self) -> Decimal:
        """Final value less what the categories explain (0 up to Decimal's 40 digits)."""
        return self.final_value - self.initial_value - self.absolute_gain - self.transfers


class _Lot:
    __slots__ = ("quantity", "value", "cost")

    def __init__(self, quantity: Decimal, value: Decimal, cost: Decimal):
        self.quantity, self.value, self.cost = quantity, value, cost

    def part(self, quantity: Decimal) -> "_Lot":
        share = quantity / self.quantity
        return _Lot(quantity, self.value * share, self.cost * share)


@dataclass
class _Piece:
    """Shares on their way between two accounts (a TRANSFER_OUT waiting for its TRANSFER_IN)."""
    sleeve: int  # where they left from (-1: not followed, or before the period)
    lots: list[_Lot]  # with the values they had there
    market: Decimal  # their value on the day they left

    @property
    def quantity(self) -> Decimal:
        return sum((lot.quantity for lot in self.lots), ZERO)


@dataclass
class Partition:
    """Which sleeve each account (or each security) belongs to; -1 or absent: not followed."""
    by_account: dict[str, int] = field(default_factory=dict)
    by_symbol: dict[str, int] | None = None  # securities: each is a sleeve, its cash outside it
    count: int = 1
    accounts: set[str] | None = None  # securities: only in these accounts (None: every account)
    pass_through: bool = False  # accounts or portfolios: income of a security a sleeve never held is a transfer


def breakdowns(accounts: Sequence[Account], transactions: Sequence[Transaction], rates: FxRates,
               start: date, end: date, partition: Partition, external_in: set[int],
               partners: dict[int, int] | None = None) -> list[Breakdown]:
    """One Breakdown per sleeve. By index in date order (core/columns.py): `external_in`, the security
    TRANSFER_INs from outside the book; `partners`, the other leg of each cash transfer."""
    with localcontext(MONEY_CONTEXT):
        return _Pass(accounts, transactions, rates, start, end, partition, external_in, partners or {}).run()


class _Pass:
    """One pass over a book's transactions, for every sleeve at once. The transactions are the book's, which
    check_transaction accepted: a trade or a security transfer has a symbol and a quantity, a split a ratio."""

    def __init__(self, accounts: Sequence[Account], transactions: Sequence[Transaction], rates: FxRates,
                 start: date, end: date, partition: Partition, external_in: set[int],
                 partners: dict[int, int]) -> None:
        self.accounts = {account.name: account for account in accounts}
        self.txs = sorted(transactions, key=lambda tx: tx.date)
        self.table, self.rates = rates.table, rates
        self.start, self.end, self.partition, self.external_in = start, end, partition, external_in
        self.partners = partners
        self.results = [Breakdown() for _ in range(partition.count)]
        self.quantity: dict[tuple[str, str], Decimal] = {}
        self.cash: dict[tuple[str, str], Decimal] = {}
        self.lots: dict[tuple[str, str], deque[_Lot]] = {}
        self.transit: dict[str, deque[_Piece]] = {}
        self.cash_moves: dict[tuple[str, str], Decimal] = {}  # per bucket, in base currency, in the period
        self.cash_at_start: dict[tuple[str, str], Decimal] = {}
        self.used = self._used_symbols()
        self._fx: dict[tuple[str, date], Decimal] = {}
        self._trade_prices = self._trade_price_history()

    # -- sleeves ------------------------------------------------------------------------------------
    def _sleeve_of_key(self, account: str, symbol: str | None) -> int:
        if self.partition.by_symbol is not None:
            if not symbol or (self.partition.accounts is not None and account not in self.partition.accounts):
                return -1
            return self.partition.by_symbol.get(symbol, -1)
        return self.partition.by_account.get(account, -1)

    def _cash_sleeve(self, account: str) -> int:
        """The sleeve holding an account's cash (-1 when sleeves are securities: their cash is outside)."""
        return -1 if self.partition.by_symbol is not None else self.partition.by_account.get(account, -1)

    def _used_symbols(self) -> list[set[str]]:
        """Per sleeve, the securities it ever held: income of any other passes through as a transfer."""
        used: list[set[str]] = [set() for _ in self.results]
        for tx in self.txs:
            if tx.symbol and tx.type not in PASSING:
                sleeve = self._sleeve_of_key(tx.account, tx.symbol)
                if sleeve >= 0:
                    used[sleeve].add(tx.symbol)
        return used

    # -- valuation ----------------------------------------------------------------------------------
    def fx(self, currency: str, day: date) -> Decimal:
        key = (currency, day)
        rate = self._fx.get(key)
        if rate is None:
            rate = self.rates.exact(currency, day)
            if rate is None:
                raise ValueError(f"no exchange rate {currency}->{self.rates.base} in the price cache")
            self._fx[key] = rate
        return rate

    def price(self, symbol: str, day: date) -> Decimal:
        """A security's close on the day in the base currency (PP's rules; its trade prices if it has no
        close at all; 0 if it has neither)."""
        found = self.table.exact(symbol, day)
        if found is not None:  # a close, so the table has the security and its currency
            return found.value * self.fx(cast(str, self.table.currency(symbol)), day)
        history = self._trade_prices.get(symbol)
        if not history:
            return ZERO
        chosen = history[0]
        for entry in history:
            if entry[0] <= day:
                chosen = entry
        return chosen[1] * self.fx(chosen[2], day)

    def _trade_price_history(self) -> dict[str, list[tuple[date, Decimal, str]]]:
        prices: dict[str, list[tuple[date, Decimal, str]]] = {}
        for tx in self.txs:
            if tx.symbol and tx.quantity and tx.type in (TxType.BUY, TxType.SELL, TxType.DELIVERY_IN,
                                                         TxType.DELIVERY_OUT, TxType.TRANSFER_IN):
                gross = tx.amount if tx.amount is not None else tx.quantity * tx.price if tx.price else None
                if gross:
                    prices.setdefault(tx.symbol, []).append((tx.date, gross / tx.quantity, tx.currency))
        return prices

    def market(self, symbol: str, quantity: Decimal, day: date) -> Decimal:
        return quantity * self.price(symbol, day) if quantity else ZERO

    def cash_route(self, tx: Transaction) -> tuple[str, Decimal]:
        """(the currency the transaction's cash moves in, its rate to it): the transaction's own rate
        first, as the ledger moves the cash at it."""
        account = self.accounts[tx.account]
        if tx.fx_rate is not None and tx.currency != account.currency:
            return account.currency, tx.fx_rate
        return tx.currency, ONE

    # -- the pass -----------------------------------------------------------------------------------
    def run(self) -> list[Breakdown]:
        opened = False
        for index, tx in enumerate(self.txs):
            if tx.date > self.end:
                break
            if tx.date > self.start and not opened:
                self._open()
                opened = True
            self._apply(index, tx, in_period=tx.date > self.start)
        if not opened:
            self._open()
        self._close()
        return self.results

    def _open(self) -> None:
        """Values at the start: the initial value, and one lot per position at its start value."""
        for (account, symbol), quantity in self.quantity.items():
            sleeve = self._sleeve_of_key(account, symbol)
            if sleeve < 0 or not quantity:
                continue
            value = self.market(symbol, quantity, self.start)
            self.results[sleeve].initial_value += value
            self.lots[(account, symbol)] = deque([_Lot(quantity, value, value)])
        for bucket, balance in self.cash.items():
            sleeve = self._cash_sleeve(bucket[0])
            if sleeve >= 0 and balance:
                self.results[sleeve].initial_value += balance * self.fx(bucket[1], self.start)
        self.cash_at_start = dict(self.cash)
        for pieces in self.transit.values():  # shares in transit at the start come in from outside
            for piece in pieces:
                piece.sleeve = -1

    def _close(self) -> None:
        for account, symbol in set(self.quantity) | set(self.lots):
            quantity = self.quantity.get((account, symbol), ZERO)
            sleeve = self._sleeve_of_key(account, symbol)
            if sleeve < 0:
                continue
            result = self.results[sleeve]
            value = self.market(symbol, quantity, self.end)
            lots = self.lots.get((account, symbol), ())
            result.final_value += value
            result.capital_gains += value - sum((lot.value for lot in lots), ZERO)
            result.cost += sum((lot.cost for lot in lots), ZERO)
            result.quantity += quantity
        for bucket, balance in self.cash.items():
            sleeve = self._cash_sleeve(bucket[0])
            if sleeve < 0:
                continue
            result = self.results[sleeve]
            final = balance * self.fx(bucket[1], self.end) if balance else ZERO
            initial = self.cash_at_start.get(bucket, ZERO)
            initial = initial * self.fx(bucket[1], self.start) if initial else ZERO
            result.final_value += final
            result.currency_gains += final - initial - self.cash_moves.get(bucket, ZERO)
        for pieces in self.transit.values():  # still on their way at the end: they left their sleeve
            for piece in pieces:
                self._leave(piece.sleeve, piece.lots, piece.market)

    def _apply(self, index: int, tx: Transaction, *, in_period: bool) -> None:
        account, symbol, kind = tx.account, tx.symbol, tx.type
        cash_currency, to_cash = self.cash_route(tx)
        rate = to_cash * self.fx(cash_currency, tx.date) if in_period else ONE  # base per unit of its amounts
        gross = gross_of(tx)
        fees, taxes = tx.fees, tx.taxes
        cash = cash_effect(tx)
        sleeve = self._sleeve_of_key(account, symbol)
        result = self.results[sleeve] if in_period and sleeve >= 0 else None
        if kind is TxType.SPLIT:
            self._split(tx)
        elif symbol and kind in PRICED_TYPES:
            sign = 1 if kind in SHARES_IN else -1
            quantity = cast(Decimal, tx.quantity)
            self._trade(tx, sign * quantity, gross * rate, (gross + sign * (fees + taxes)) * rate, result)
            if result is not None and kind is TxType.DELIVERY_IN:
                result.transfers += (gross + fees + taxes) * rate
            elif result is not None and kind is TxType.DELIVERY_OUT:
                result.transfers -= (gross - fees - taxes) * rate
            if result is not None and sign > 0:
                result.purchases += (gross + fees + taxes) * rate
        elif symbol and kind is TxType.TRANSFER_OUT:
            self._send(tx, sleeve if in_period else -1)
        elif symbol and kind is TxType.TRANSFER_IN:
            self._receive(index, tx, sleeve if in_period else -1)
        elif result is not None and self._passes_through(tx, sleeve):
            result.transfers += cash * rate  # income or a cost of a security the sleeve never held
            result = None  # nothing else of it is the sleeve's
        elif result is not None and self._moved_within(index, sleeve):
            # money moved between two of the sleeve's accounts: what a conversion at its own rate differs
            # from the day's rate is a currency gain (its fees and taxes are charged below)
            result.currency_gains += (gross if kind is TxType.TRANSFER_IN else -gross) * rate
        elif result is not None:
            self._cash_only(tx, gross * rate, result)
        if result is not None and kind in CHARGED:
            result.fees += fees * rate
            result.taxes += taxes * rate
        if cash:
            changed = cash * to_cash
            bucket = (account, cash_currency)
            self.cash[bucket] = self.cash.get(bucket, ZERO) + changed
            if in_period:
                moved = changed * self.fx(bucket[1], tx.date)
                cash_sleeve = self._cash_sleeve(account)
                if cash_sleeve >= 0:
                    self.cash_moves[bucket] = self.cash_moves.get(bucket, ZERO) + moved
                elif result is not None:  # a security's sleeve: its cash is paid in from, or out to, outside
                    result.transfers -= moved

    def _moved_within(self, index: int, sleeve: int) -> bool:
        other = self.partners.get(index)
        return other is not None and self._cash_sleeve(self.txs[other].account) == sleeve

    def _passes_through(self, tx: Transaction, sleeve: int) -> bool:
        return (self.partition.pass_through and bool(tx.symbol) and tx.type in PASSING
                and tx.symbol not in self.used[sleeve])

    def _cash_only(self, tx: Transaction, gross: Decimal, result: Breakdown) -> None:
        """The category of a cash-only transaction's amount (its fees and taxes are charged by the caller)."""
        kind = tx.type
        if kind in INCOME:
            result.earnings += INCOME[kind] * gross
            if kind is TxType.DIVIDEND:
                result.dividends += gross
            else:
                result.interest += INCOME[kind] * gross
        elif kind in COSTS:
            name, sign = COSTS[kind]
            setattr(result, name, getattr(result, name) + sign * gross)
        elif kind in (TxType.DEPOSIT, TxType.TRANSFER_IN):  # money from outside, or from another account
            result.transfers += gross
        elif kind in (TxType.WITHDRAWAL, TxType.TRANSFER_OUT):
            result.transfers -= gross

    # -- positions ----------------------------------------------------------------------------------
    def _trade(self, tx: Transaction, quantity: Decimal, value: Decimal, cost: Decimal,
               result: Breakdown | None) -> None:
        """A buy (quantity > 0) or sale of `quantity` worth `value` (gross) and costing `cost`: closes lots
        of the other direction first (realizing their gain), opens a lot with the rest."""
        key = (tx.account, cast(str, tx.symbol))
        before = self.quantity.get(key, ZERO)
        self.quantity[key] = before + quantity
        if result is None:
            return
        lots = self.lots.setdefault(key, deque())
        remaining, size = abs(quantity), abs(quantity)
        opposite = -1 if quantity > 0 else 1
        while remaining and lots and (lots[0].quantity > 0) == (opposite > 0):
            lot = lots[0]
            take = min(remaining, abs(lot.quantity))
            part = lot.part(take.copy_sign(lot.quantity))
            traded = value * take / size  # a sale receives it, a buy covering a short pays it
            result.realized_gains += (traded if quantity < 0 else -traded) - part.value
            if take == abs(lot.quantity):
                lots.popleft()
            else:
                lot.quantity -= part.quantity
                lot.value -= part.value
                lot.cost -= part.cost
            remaining -= take
        if remaining:
            share = remaining / size
            direction = 1 if quantity > 0 else -1
            lots.append(_Lot(direction * remaining, direction * value * share, direction * cost * share))

    def _take(self, key: tuple[str, str], quantity: Decimal) -> list[_Lot]:
        lots = self.lots.get(key) or deque()
        taken, remaining = [], quantity
        while remaining and lots:
            lot = lots[0]
            if lot.quantity <= remaining:
                taken.append(lots.popleft())
                remaining -= lot.quantity
            else:
                part = lot.part(remaining)
                lot.quantity -= part.quantity
                lot.value -= part.value
                lot.cost -= part.cost
                taken.append(part)
                remaining = ZERO
        return taken

    def _send(self, tx: Transaction, sleeve: int) -> None:
        symbol, quantity = cast(str, tx.symbol), cast(Decimal, tx.quantity)
        key = (tx.account, symbol)
        self.quantity[key] = self.quantity.get(key, ZERO) - quantity
        lots = self._take(key, quantity) if sleeve >= 0 else [_Lot(quantity, ZERO, ZERO)]
        market = self.market(symbol, quantity, tx.date) if sleeve >= 0 else ZERO
        self.transit.setdefault(symbol, deque()).append(_Piece(sleeve, lots, market))

    def _receive(self, index: int, tx: Transaction, sleeve: int) -> None:
        symbol, quantity = cast(str, tx.symbol), cast(Decimal, tx.quantity)
        key = (tx.account, symbol)
        self.quantity[key] = self.quantity.get(key, ZERO) + quantity
        if index in self.external_in:  # from outside the book: as a delivery, at its value that day
            if sleeve >= 0:
                market = self.market(symbol, quantity, tx.date)
                self.lots.setdefault(key, deque()).append(_Lot(quantity, market, market))
                self.results[sleeve].transfers += market
            return
        pieces, remaining = self.transit.get(symbol, deque()), quantity
        while remaining and pieces:
            piece = pieces[0]
            held = piece.quantity
            if held <= remaining:
                pieces.popleft()
                moved, market = piece.lots, piece.market
                remaining -= held
            else:
                share = remaining / held
                moved, kept = [], []
                left = remaining
                for lot in piece.lots:
                    if left and lot.quantity <= left:
                        moved.append(lot)
                        left -= lot.quantity
                    elif left:
                        part = lot.part(left)
                        moved.append(part)
                        kept.append(_Lot(lot.quantity - part.quantity, lot.value - part.value, lot.cost - part.cost))
                        left = ZERO
                    else:
                        kept.append(lot)
                market = piece.market * share
                piece.lots, piece.market = kept, piece.market - market
                remaining = ZERO
            self._arrive(piece.sleeve, sleeve, key, moved, market, tx)

    def _arrive(self, source: int, target: int, key: tuple[str, str], lots: list[_Lot], market_out: Decimal,
                tx: Transaction) -> None:
        if source == target and source >= 0:
            self.lots.setdefault(key, deque()).extend(lots)
            return
        self._leave(source, lots, market_out)
        if target >= 0:
            quantity = sum((lot.quantity for lot in lots), ZERO)
            market = self.market(cast(str, tx.symbol), quantity, tx.date)
            self.lots.setdefault(key, deque()).append(_Lot(quantity, market, market))
            self.results[target].transfers += market

    def _leave(self, sleeve: int, lots: list[_Lot], market: Decimal) -> None:
        """Shares that left a followed sleeve for another one: sold to it, as it were, at their market value."""
        if sleeve < 0:
            return
        result = self.results[sleeve]
        result.realized_gains += market - sum((lot.value for lot in lots), ZERO)
        result.transfers -= market

    def _split(self, tx: Transaction) -> None:
        key = (tx.account, cast(str, tx.symbol))
        before = self.quantity.get(key, ZERO)
        after = (before * cast(Decimal, tx.ratio)).quantize(Decimal("1e-8"), rounding=ROUND_HALF_EVEN)
        self.quantity[key] = after
        lots = self.lots.get(key)
        if lots and before:
            for lot in lots:
                lot.quantity = lot.quantity * after / before


SIGNED = (("capital_gains", 1), ("realized_gains", 1), ("earnings", 1), ("fees", -1), ("taxes", -1),
          ("currency_gains", 1), ("transfers", 1))


def rounded(breakdown: Breakdown, currency: str) -> dict[str, Decimal]:
    """The categories rounded to the currency's minor unit so that, as shown, they still add up exactly
    from the initial to the final value (largest remainders take the missing units)."""
    quantum = minor_unit_exponent(currency)
    with localcontext(MONEY_CONTEXT):
        initial = breakdown.initial_value.quantize(quantum, rounding=ROUND_HALF_EVEN)
        final = breakdown.final_value.quantize(quantum, rounding=ROUND_HALF_EVEN)
        units = [sign * getattr(breakdown, name) / quantum for name, sign in SIGNED]
        floors = [value.to_integral_value(rounding=ROUND_FLOOR) for value in units]
        missing = int((final - initial) / quantum - sum(floors, ZERO))
        if abs(missing) > len(SIGNED) + 1:  # rounding misses at most a unit per line: more is a fault
            raise ValueError(f"the breakdown does not add up by {missing} minor units (please report this)")
        order = sorted(range(len(units)), key=lambda i: units[i] - floors[i], reverse=True)
        step = 1 if missing > 0 else -1
        if missing < 0:
            order.reverse()
        for k in range(abs(missing)):
            floors[order[k % len(order)]] += step
        result = {"initial_value": initial, "final_value": final}
        for (name, sign), value in zip(SIGNED, floors):
            result[name] = (sign * value * quantum).quantize(quantum)
    return result
