"""Transactions -> positions, open lots (FIFO or average cost), realized P&L, cash and income.

Short sales only in accounts that allow them (`Account.short_selling`): a SELL beyond what is held opens
a short position (negative quantity, its proceeds as a negative cost), and BUYs cover it first, oldest
short first; elsewhere selling more than is held is refused (an oversell).

Pure and exact: every amount is a Decimal computed in MONEY_CONTEXT, nothing is rounded to a currency
here; what is left of a lot, or a sale's cost, is its exact share of the lot's cost, rounded once at 40
digits (never a running total reduced by rounded divisions), so a half-cent stays a half-cent.
`Ledger.apply` either applies a whole transaction or raises LedgerError and leaves the state as it was.
Conventions are documented in docs/conventions.md.
"""
from __future__ import annotations

import bisect
from collections import defaultdict, deque
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Context, Decimal, Inexact, localcontext
from enum import StrEnum
from fractions import Fraction
from typing import Callable, Collection, Iterable, Iterator, Literal, NamedTuple, cast, overload

from .money import CURRENCIES, MONEY_CONTEXT, QUANTITY_STEP

ZERO = Decimal(0)


class TxType(StrEnum):
    BUY = "BUY"
    SELL = "SELL"
    DIVIDEND = "DIVIDEND"
    INTEREST = "INTEREST"
    FEE = "FEE"
    TAX = "TAX"
    DEPOSIT = "DEPOSIT"
    WITHDRAWAL = "WITHDRAWAL"
    SPLIT = "SPLIT"
    TRANSFER_IN = "TRANSFER_IN"
    TRANSFER_OUT = "TRANSFER_OUT"
    TAX_REFUND = "TAX_REFUND"
    FEE_REFUND = "FEE_REFUND"
    DELIVERY_IN = "DELIVERY_IN"
    DELIVERY_OUT = "DELIVERY_OUT"
    INTEREST_CHARGE = "INTEREST_CHARGE"


COST_BASIS_METHODS = ("fifo", "average")
SECURITY_TYPES = {TxType.BUY, TxType.SELL, TxType.SPLIT, TxType.TRANSFER_IN, TxType.TRANSFER_OUT,
                  TxType.DELIVERY_IN, TxType.DELIVERY_OUT}
AMOUNT_TYPES = {TxType.DIVIDEND, TxType.INTEREST, TxType.FEE, TxType.TAX, TxType.DEPOSIT, TxType.WITHDRAWAL,
                TxType.TAX_REFUND, TxType.FEE_REFUND, TxType.INTEREST_CHARGE}
TRANSFER_TYPES = {TxType.TRANSFER_IN, TxType.TRANSFER_OUT}  # of a security (symbol, quantity) or of cash (amount)
# Cash sign of the `amount` of each cash-only type.
CASH_SIGN = {TxType.DIVIDEND: 1, TxType.INTEREST: 1, TxType.DEPOSIT: 1, TxType.TAX_REFUND: 1, TxType.FEE_REFUND: 1,
             TxType.FEE: -1, TxType.TAX: -1, TxType.WITHDRAWAL: -1, TxType.INTEREST_CHARGE: -1}
# Types that only move an amount: a quantity or a price on them is a mistake (the older cash types keep
# accepting what earlier files gave them).
WITHOUT_SHARES = {TxType.TAX_REFUND, TxType.FEE_REFUND, TxType.INTEREST_CHARGE}
PRICED_TYPES = {TxType.BUY, TxType.SELL, TxType.DELIVERY_IN, TxType.DELIVERY_OUT}  # need a price or an amount
SHARES_IN = {TxType.BUY, TxType.TRANSFER_IN, TxType.DELIVERY_IN}  # with a symbol: shares that arrive
SHARES_OUT = {TxType.SELL, TxType.TRANSFER_OUT, TxType.DELIVERY_OUT}  # with a symbol: shares that leave
# What a refund gives back: it lowers the fees or taxes paid (it is not a deposit).
REFUNDED = {TxType.TAX_REFUND: "taxes", TxType.FEE_REFUND: "fees"}


def is_cash_transfer(tx: "Transaction") -> bool:
    """A transfer of cash between the book's accounts: a TRANSFER_IN/OUT with an amount and no symbol."""
    return tx.type in TRANSFER_TYPES and not tx.symbol


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    portfolio: str
    currency: str
    cost_basis: str = "fifo"
    short_selling: bool = False  # a SELL beyond what is held opens a short position instead of being refused


class Transaction(NamedTuple):
    """One ledger entry. A NamedTuple: immutable, and about five times cheaper to build than a frozen
    dataclass, which matters when a 100k-transaction book is loaded and replayed."""
    date: date
    account: str
    type: TxType
    currency: str
    symbol: str | None = None
    quantity: Decimal | None = None
    price: Decimal | None = None
    amount: Decimal | None = None  # gross value; for BUY/SELL it wins over quantity x price
    fees: Decimal = ZERO
    taxes: Decimal = ZERO
    fx_rate: Decimal | None = None  # account currency per 1 unit of `currency`
    ratio: Decimal | None = None  # SPLIT: new shares per old share (2 for a 2-for-1, 0.1 for 1-for-10)
    note: str = ""
    id: int | None = None
    ref: object = None  # where it came from (e.g. a file line), for messages; not stored


class LedgerError(ValueError):
    """A transaction the ledger refuses. `field` names the offending field."""

    def __init__(self, field_name: str, message: str, tx: Transaction | None = None):
        super().__init__(message)
        self.field = field_name
        self.message = message
        self.tx = tx


@dataclass(frozen=True, slots=True)
class Position:
    account: str
    symbol: str
    currency: str
    quantity: Decimal
    cost_basis: Decimal
    method: str

    @property
    def average_cost(self) -> Decimal:
        with localcontext(MONEY_CONTEXT):
            return self.cost_basis / self.quantity


@dataclass(frozen=True, slots=True)
class OpenLot:
    account: str
    symbol: str
    currency: str
    acquired: date
    quantity: Decimal
    cost: Decimal


class Sale(NamedTuple):
    tx_id: int | None
    date: date
    account: str
    symbol: str
    currency: str
    quantity: Decimal
    proceeds: Decimal
    cost: Decimal

    @property
    def realized(self) -> Decimal:
        return self.proceeds - self.cost


# A wide context for the exact products (numerators) of pro-rata costs: two 40-digit factors never round;
# _EXACT raises rather than round.
_WIDE = Context(prec=100, rounding=ROUND_HALF_EVEN)
_EXACT = Context(prec=100, rounding=ROUND_HALF_EVEN, traps=[Inexact])


def _share(cost: Decimal, quantity: Decimal, of: Decimal) -> Decimal:
    """cost × quantity / of in one step: the product exact, one rounding at 40 digits (none when the
    true value is a decimal of 40 digits or fewer, so a cost that is exactly half a cent stays so)."""
    return MONEY_CONTEXT.divide(_WIDE.multiply(cost, quantity), of)


class _Lot:
    """Shares acquired together. A part of it keeps the lot's base (the quantity and cost it was
    acquired with), so any part's cost is base cost × quantity / base quantity, computed in one step:
    successive partial sales never accumulate rounding (a half-cent tie stays exact)."""

    __slots__ = ("acquired", "quantity", "base_quantity", "base_cost")

    def __init__(self, acquired: date, quantity: Decimal, cost: Decimal):
        self.acquired, self.quantity = acquired, quantity
        self.base_quantity, self.base_cost = quantity, cost

    @property
    def cost(self) -> Decimal:
        if self.quantity == self.base_quantity:
            return self.base_cost
        return _share(self.base_cost, self.quantity, self.base_quantity)

    def part(self, quantity: Decimal) -> "_Lot":
        """`quantity` of this lot (on the same base), not yet taken from it."""
        piece = _Lot(self.acquired, quantity, self.base_cost)
        piece.base_quantity = self.base_quantity
        return piece

    def rebase(self, quantity: Decimal, cost: Decimal) -> None:
        """A new base: shares added to an average-cost pool."""
        self.quantity = self.base_quantity = quantity
        self.base_cost = cost

    def resize(self, quantity: Decimal) -> None:
        """The same cost for a new quantity (a split), exactly: a part of a lot gets the base
        (base cost × old quantity, base quantity × new quantity), both exact products."""
        if self.quantity != self.base_quantity:
            self.base_cost = _WIDE.multiply(self.base_cost, self.quantity)
            self.base_quantity = _WIDE.multiply(self.base_quantity, quantity)
        else:
            self.base_quantity = quantity
        self.quantity = quantity

    def copy(self) -> "_Lot":
        return self.part(self.quantity)


def _total_cost(lots: Iterable[_Lot]) -> Decimal:
    """The exact total cost of lots, rounded once: whole lots add exactly; parts of lots (each base cost ×
    quantity / base quantity) are added as one fraction over the product of their base quantities — in
    Decimal while that is exact (a sale takes at most two parts: what was left of the oldest lot and a part
    of the next), else as Python fractions."""
    whole, parts = ZERO, []
    for lot in lots:
        if lot.quantity == lot.base_quantity:
            whole += lot.base_cost
        else:
            parts.append(lot)
    if not parts:
        return whole
    try:
        numerator, denominator = whole, Decimal(1)
        for lot in parts:
            numerator = _EXACT.add(_EXACT.multiply(numerator, lot.base_quantity),
                                   _EXACT.multiply(_EXACT.multiply(lot.base_cost, lot.quantity), denominator))
            denominator = _EXACT.multiply(denominator, lot.base_quantity)
    except Inexact:  # more digits than even the wide context holds: exact fractions
        exact = Fraction(whole) + sum((Fraction(lot.base_cost) * Fraction(lot.quantity) / Fraction(lot.base_quantity)
                                       for lot in parts), Fraction(0))
        numerator, denominator = Decimal(exact.numerator), Decimal(exact.denominator)
    return MONEY_CONTEXT.divide(numerator, denominator)


class _Holding:
    """One security in one account. FIFO keeps lots in acquisition order; average keeps one lot, the pool
    (rebased whenever shares are added to it)."""

    __slots__ = ("currency", "method", "quantity", "lots", "since", "_cost")

    def __init__(self, currency: str, method: str, since: date):
        self.currency, self.method, self.since = currency, method, since
        self.quantity = ZERO
        self.lots: deque[_Lot] = deque()
        self._cost: Decimal | None = None  # the lots' total, kept until they change (`changed`)

    @property
    def cost(self) -> Decimal:
        if self._cost is None:
            self._cost = _total_cost(self.lots)
        return self._cost

    def changed(self) -> None:
        self._cost = None

    def copy(self) -> "_Holding":
        other = _Holding(self.currency, self.method, self.since)
        other.quantity, other.lots, other._cost = self.quantity, deque(lot.copy() for lot in self.lots), self._cost
        return other

    def add(self, lot: _Lot) -> None:
        self._cost = None
        self.quantity += lot.quantity
        if self.method == "average":
            if self.lots:
                pool = self.lots[0]
                pool.rebase(pool.quantity + lot.quantity, _total_cost([pool, lot]))
            else:
                self.lots.append(_Lot(self.since, lot.quantity, lot.cost))
        elif self.lots and lot.acquired < self.lots[-1].acquired:  # a transferred-in older lot
            keys = [held.acquired for held in self.lots]
            self.lots.insert(bisect.bisect_right(keys, lot.acquired), lot)
        else:
            self.lots.append(lot)

    def remove(self, quantity: Decimal) -> tuple[list[_Lot], Decimal]:
        """Take `quantity` out (caller checked it is held), oldest lot first; returns the lots taken (an
        average pool gives a part of itself) and their total cost."""
        taken = _take(self.lots, quantity)
        self.quantity -= quantity
        self._cost = None
        return taken, _total_cost(taken)


def _take(lots: deque[_Lot], quantity: Decimal) -> list[_Lot]:
    """Take `quantity` (at most what the lots hold) from the front of `lots`: whole lots, then a part of
    the next one."""
    taken: list[_Lot] = []
    remaining = quantity
    while remaining:
        lot = lots[0]
        if lot.quantity <= remaining:
            lots.popleft()
            taken.append(lot)
            remaining -= lot.quantity
        else:
            taken.append(lot.part(remaining))
            lot.quantity -= remaining
            remaining = ZERO
    return taken


class _Short:
    """A short position in one account: what was sold without being held, oldest first (always FIFO:
    a cover buys back the oldest short sale first)."""

    __slots__ = ("currency", "lots")

    def __init__(self, currency: str):
        self.currency = currency
        self.lots: deque[_Lot] = deque()  # quantity sold short, and the proceeds received for it

    def copy(self) -> "_Short":
        other = _Short(self.currency)
        other.lots = deque(lot.copy() for lot in self.lots)
        return other

    @property
    def quantity(self) -> Decimal:
        return sum((lot.quantity for lot in self.lots), ZERO)

    def cover(self, quantity: Decimal) -> Decimal:
        """Buy back `quantity` (at most what is short); returns the proceeds it had brought."""
        return _total_cost(_take(self.lots, quantity))


def _split_lots(lots: Iterable[_Lot], ratio: Decimal, symbol: str, tx: Transaction) -> deque[_Lot]:
    """Lots after a split: running totals are rounded (not each lot), so the total is the rounded exact
    total; a lot that rounds away to nothing hands its cost to the oldest lot left."""
    resized: list[tuple[_Lot, Decimal]] = []
    exact, rounded_before = ZERO, ZERO
    for lot in lots:
        exact += lot.quantity * ratio
        rounded = exact.quantize(QUANTITY_STEP)
        resized.append((lot, rounded - rounded_before))
        rounded_before = rounded
    kept = [lot for lot, quantity in resized if quantity]
    if not kept:
        raise LedgerError("ratio", f"split {ratio} would leave less than 1e-8 of {symbol}", tx)
    dust = [lot for lot, quantity in resized if not quantity]
    first_cost = sum((Fraction(lot.base_cost) * Fraction(lot.quantity) / Fraction(lot.base_quantity)
                      for lot in [kept[0], *dust]), Fraction(0))  # exact: the total cost stays what it was
    for lot, quantity in resized:
        lot.resize(quantity)
    if dust:
        kept[0].base_cost = Decimal(first_cost.numerator)  # cost = numerator × q / (denominator × q)
        kept[0].base_quantity = _WIDE.multiply(Decimal(first_cost.denominator), kept[0].quantity)
    return deque(kept)


def check_transaction(tx: Transaction, accounts: dict[str, Account]) -> list[tuple[str, str]]:
    """Problems a transaction has on its own, before any ledger state: [(field, why), ...].
    Written for speed (it runs on every replayed transaction): the common case returns after a few tests."""
    problems: list[tuple[str, str]] = []
    if tx.account not in accounts:
        problems.append(("account", f"unknown account '{tx.account}'"))
    if tx.currency not in CURRENCIES:
        problems.append(("currency", f"unknown currency '{tx.currency}'"))
    kind = tx.type
    if kind in TRANSFER_TYPES and not tx.symbol and tx.quantity is None:
        if tx.amount is None:
            problems.append(("amount", f"a {kind} needs a symbol and a quantity (securities) or an amount (cash)"))
        elif tx.price is not None:
            problems.append(("price", f"a {kind} of cash has no price: its amount is what moves"))
    elif kind in SECURITY_TYPES:
        if not tx.symbol:
            problems.append(("symbol", f"a {kind} needs a symbol"))
        if kind is TxType.SPLIT:
            if tx.ratio is None:
                problems.append(("ratio", "a SPLIT needs a ratio (new shares per old share)"))
            elif tx.ratio <= 0:
                problems.append(("ratio", f"split ratio must be positive, got {tx.ratio}"))
        elif tx.quantity is None:
            problems.append(("quantity", f"a {kind} needs a quantity"))
        elif not tx.quantity.is_finite():  # NaN or infinity: only a Transaction built around to_decimal
            problems.append(("quantity", f"quantity must be a finite number, got {tx.quantity}"))
        elif tx.quantity <= 0:
            problems.append(("quantity", f"quantity must be positive, got {tx.quantity}"))
        elif cast(int, tx.quantity.as_tuple().exponent) < -8 and tx.quantity != tx.quantity.quantize(QUANTITY_STEP):
            problems.append(("quantity", f"quantity {tx.quantity} has more than 8 decimals"))
        if tx.price is None and tx.amount is None and kind in PRICED_TYPES:
            problems.append(("price", f"a {kind} needs a price or an amount"))
    elif tx.amount is None and kind in AMOUNT_TYPES:
        problems.append(("amount", f"a {kind} needs an amount"))
    if (tx.price is not None and tx.price < 0) or (tx.amount is not None and tx.amount < 0) \
            or tx.fees < 0 or tx.taxes < 0:
        for name in ("price", "amount", "fees", "taxes"):
            value = getattr(tx, name)
            if value is not None and value < 0:
                problems.append((name, f"{name} must not be negative (the type gives the direction), got {value}"))
    if tx.fx_rate is not None and tx.fx_rate <= 0:
        problems.append(("fx_rate", f"FX rate must be positive, got {tx.fx_rate}"))
    if kind in WITHOUT_SHARES and (tx.quantity is not None or tx.price is not None):
        problems.append(("quantity" if tx.quantity is not None else "price",
                         f"a {kind} has no quantity or price: give its amount"))
    elif kind in WITHOUT_SHARES and tx.amount is not None and not tx.amount:
        problems.append(("amount", f"a {kind} of 0 means nothing"))
    if kind is TxType.INTEREST_CHARGE and (tx.fees or tx.taxes):
        problems.append(("fees", "an INTEREST_CHARGE has no fees or taxes of its own: include them in its amount"))
    return problems


class Ledger:
    """Replays transactions in date order into holdings, lots, sales, cash and income."""

    def __init__(self, accounts: Iterable[Account]):
        self.accounts: dict[str, Account] = {a.name: a for a in accounts}
        self._holdings: dict[tuple[str, str], _Holding] = {}
        self._shorts: dict[tuple[str, str], _Short] = {}
        self._in_transit: dict[str, list[tuple[str, _Lot]]] = defaultdict(list)
        self._sales: list[Sale] = []
        self._unread_sales: Callable[[], list[Sale]] | None = None
        self.cash: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
        self.income: dict[tuple[str, str, str], Decimal] = defaultdict(lambda: ZERO)
        self._handlers = {TxType.BUY: self._buy, TxType.SELL: self._sell, TxType.SPLIT: self._split,
                          TxType.TRANSFER_OUT: self._transfer_out, TxType.TRANSFER_IN: self._transfer_in,
                          TxType.DELIVERY_IN: self._deliver_in, TxType.DELIVERY_OUT: self._deliver_out,
                          **{kind: self._cash_only for kind in AMOUNT_TYPES}}

    @property
    def sales(self) -> list[Sale]:
        """Every sale, in ledger order. A ledger read from a book makes them when first asked: most reads
        (holdings, lots, the window) never need the tens of thousands a large book has."""
        if self._unread_sales is not None:
            self._sales, self._unread_sales = self._unread_sales(), None
        return self._sales

    @sales.setter
    def sales(self, sales: list[Sale]) -> None:
        self._sales, self._unread_sales = sales, None

    # -- replay -----------------------------------------------------------------------------------
    def replay(self, transactions: Iterable[Transaction], *, collect_errors: bool = False,
               checked: bool = False) -> list[LedgerError]:
        """Apply transactions in date order (stable within a day). With collect_errors, a refused
        transaction is recorded and skipped so every problem is reported at once. `checked`: the caller
        has had every one of them pass `check_transaction` against these accounts (an importer checks each
        row as it reads it), so it is not checked twice."""
        errors: list[LedgerError] = []
        handlers, accounts = self._handlers, self.accounts
        with localcontext(MONEY_CONTEXT), paused_gc():
            for tx in sorted(transactions, key=_by_date):
                try:
                    if checked:
                        handlers[tx.type](tx, accounts[tx.account])
                    else:
                        self._apply(tx)
                except LedgerError as error:
                    if not collect_errors:
                        raise
                    errors.append(error)
        return errors

    def apply(self, tx: Transaction) -> None:
        with localcontext(MONEY_CONTEXT):
            self._apply(tx)

    def copy(self, accounts: Collection[str]) -> "Ledger":
        """A copy to which transactions of `accounts` can be applied while this ledger stays as it is:
        those accounts' holdings and shorts, and the lots in transit, are copied; the rest is shared, as a
        transaction changes nothing of another account. Far cheaper than a replay (a write that adds
        transactions after every other is checked on it)."""
        other = Ledger(self.accounts.values())
        other._holdings = {key: (h.copy() if key[0] in accounts else h) for key, h in self._holdings.items()}
        other._shorts = {key: (s.copy() if key[0] in accounts else s) for key, s in self._shorts.items()}
        other._in_transit = defaultdict(list, {symbol: [(currency, lot.copy()) for currency, lot in lots]
                                               for symbol, lots in self._in_transit.items()})
        other.sales = list(self.sales)
        other.cash = defaultdict(lambda: ZERO, self.cash)
        other.income = defaultdict(lambda: ZERO, self.income)
        return other

    def merged(self, replayed: "Ledger", accounts: Collection[str], *, with_transit: bool) -> "Ledger":
        """This ledger with the state of `accounts` taken from `replayed` (a replay of those accounts'
        transactions alone): a change to some accounts re-derives only theirs, as a transaction changes
        nothing of another account. `with_transit`: `replayed` covers every account that moves securities
        between accounts, so the lots in transit are its own. Sales stay in ledger order."""
        other = Ledger(self.accounts.values())
        other._holdings = {key: h for key, h in self._holdings.items() if key[0] not in accounts}
        other._holdings.update((key, h) for key, h in replayed._holdings.items() if key[0] in accounts)
        other._shorts = {key: s for key, s in self._shorts.items() if key[0] not in accounts}
        other._shorts.update((key, s) for key, s in replayed._shorts.items() if key[0] in accounts)
        source = replayed if with_transit else self
        other._in_transit = defaultdict(list, {symbol: [(currency, lot.copy()) for currency, lot in lots]
                                               for symbol, lots in source._in_transit.items()})
        other.sales = sorted([sale for sale in self.sales if sale.account not in accounts]
                             + [sale for sale in replayed.sales if sale.account in accounts], key=_sale_order)
        other.cash = defaultdict(lambda: ZERO, {key: v for key, v in self.cash.items() if key[0] not in accounts})
        other.cash.update((key, v) for key, v in replayed.cash.items() if key[0] in accounts)
        other.income = defaultdict(lambda: ZERO, {key: v for key, v in self.income.items() if key[0] not in accounts})
        other.income.update((key, v) for key, v in replayed.income.items() if key[0] in accounts)
        return other

    def _apply(self, tx: Transaction) -> None:
        problems = check_transaction(tx, self.accounts)
        if problems:
            field_name, why = problems[0]
            raise LedgerError(field_name, "; ".join(p[1] for p in problems), tx)
        self._handlers[tx.type](tx, self.accounts[tx.account])

    # -- transaction kinds ------------------------------------------------------------------------
    # Each runs only on a transaction check_transaction accepted, so what its kind needs is there (a
    # security's symbol and quantity, a split's ratio, a cash transaction's amount): the asserts say so.
    def _gross(self, tx: Transaction) -> Decimal:
        # Without an amount, a priced trade has a quantity and a price.
        return tx.amount if tx.amount is not None else cast(Decimal, tx.quantity) * cast(Decimal, tx.price)

    @overload
    def _holding_for(self, tx: Transaction, account: Account, *, create: Literal[True]) -> _Holding: ...

    @overload
    def _holding_for(self, tx: Transaction, account: Account, *, create: bool) -> _Holding | None: ...

    def _holding_for(self, tx: Transaction, account: Account, *, create: bool) -> _Holding | None:
        assert tx.symbol is not None
        key = (tx.account, tx.symbol)
        holding = self._holdings.get(key)
        if holding is not None and holding.currency != tx.currency:
            raise LedgerError("currency", f"{tx.symbol} in '{tx.account}' is held in {holding.currency}, "
                                          f"this {tx.type} is in {tx.currency}", tx)
        if holding is None and create:
            holding = self._holdings[key] = _Holding(tx.currency, account.cost_basis, tx.date)
        return holding

    def _move_cash(self, tx: Transaction, account: Account, amount: Decimal) -> None:
        if tx.fx_rate is not None and tx.currency != account.currency:
            self.cash[(tx.account, account.currency)] += amount * tx.fx_rate
        else:
            self.cash[(tx.account, tx.currency)] += amount

    def _count_costs(self, tx: Transaction) -> None:
        if tx.fees:
            self.income[(tx.account, tx.currency, "fees")] += tx.fees
        if tx.taxes:
            self.income[(tx.account, tx.currency, "taxes")] += tx.taxes

    def _buy(self, tx: Transaction, account: Account) -> None:
        assert tx.symbol is not None and tx.quantity is not None
        cost = self._gross(tx) + tx.fees + tx.taxes
        short = self._short_for(tx)
        bought, bought_cost = tx.quantity, cost
        if short is not None:  # a buy covers the short position first
            covered = min(tx.quantity, short.quantity)
            cover_cost = cost if covered == tx.quantity else cost * covered / tx.quantity
            proceeds = short.cover(covered)
            if not short.lots:
                del self._shorts[(tx.account, tx.symbol)]
            self.sales.append(Sale(tx.id, tx.date, tx.account, tx.symbol, tx.currency, covered, proceeds,
                                   cover_cost))
            bought, bought_cost = tx.quantity - covered, cost - cover_cost
        if bought:
            self._holding_for(tx, account, create=True).add(_Lot(tx.date, bought, bought_cost))
        self._move_cash(tx, account, -cost)
        self._count_costs(tx)

    def _short_for(self, tx: Transaction) -> _Short | None:
        assert tx.symbol is not None
        short = self._shorts.get((tx.account, tx.symbol))
        if short is not None and short.currency != tx.currency:
            raise LedgerError("currency", f"{tx.symbol} in '{tx.account}' is short in {short.currency}, "
                                          f"this {tx.type} is in {tx.currency}", tx)
        return short

    def _held(self, tx: Transaction, account: Account) -> _Holding:
        assert tx.quantity is not None
        holding = self._holding_for(tx, account, create=False)
        no_short = "; the account does not allow short selling" if tx.type is TxType.SELL else ""
        if holding is None:
            raise LedgerError("quantity", f"{tx.type} of {tx.quantity} {tx.symbol} on {tx.date} in "
                                          f"'{tx.account}': none held (sell before buy?){no_short}", tx)
        if tx.quantity > holding.quantity:
            raise LedgerError("quantity", f"{tx.type} of {tx.quantity} {tx.symbol} on {tx.date} in "
                                          f"'{tx.account}' exceeds the {holding.quantity} held (oversell)"
                                          f"{no_short}", tx)
        return holding

    def _forget_if_closed(self, tx: Transaction, holding: _Holding) -> None:
        assert tx.symbol is not None
        if not holding.quantity:
            del self._holdings[(tx.account, tx.symbol)]

    def _sell(self, tx: Transaction, account: Account) -> None:
        assert tx.symbol is not None and tx.quantity is not None
        proceeds = self._gross(tx) - tx.fees - tx.taxes
        holding: _Holding | None
        if not account.short_selling:
            holding = self._held(tx, account)
            sold, shorted = tx.quantity, ZERO
        else:
            holding = self._holding_for(tx, account, create=False)
            sold = min(tx.quantity, holding.quantity) if holding is not None else ZERO
            shorted = tx.quantity - sold
        sold_proceeds = proceeds if not shorted else proceeds * sold / tx.quantity
        if sold:
            assert holding is not None  # nothing is sold from a position not held
            _, cost = holding.remove(sold)
            self._forget_if_closed(tx, holding)
            self.sales.append(Sale(tx.id, tx.date, tx.account, tx.symbol, tx.currency, sold, sold_proceeds, cost))
        if shorted:  # the rest is sold short; its gain or loss is realized when it is bought back
            short = self._short_for(tx) or self._shorts.setdefault((tx.account, tx.symbol), _Short(tx.currency))
            short.lots.append(_Lot(tx.date, shorted, proceeds - sold_proceeds))
        self._move_cash(tx, account, proceeds)
        self._count_costs(tx)

    def _split(self, tx: Transaction, _account: Account) -> None:
        # A split of a security not held in this account changes nothing (documented).
        assert tx.symbol is not None and tx.ratio is not None
        short = self._shorts.get((tx.account, tx.symbol))
        if short is not None:  # as many more shares owed, for the same proceeds
            short.lots = _split_lots(short.lots, tx.ratio, tx.symbol, tx)
        holding = self._holdings.get((tx.account, tx.symbol))
        if holding is None:
            return
        # Quantities stay on the 1e-8 grid and the cost is untouched, so a split never changes the cost
        # basis; a lot that rounds away to nothing hands its cost to the oldest lot left.
        ratio = tx.ratio
        if holding.method == "average":
            quantity = (holding.quantity * ratio).quantize(QUANTITY_STEP)
            if not quantity:
                raise LedgerError("ratio", f"split {ratio} would leave less than 1e-8 of {tx.symbol}", tx)
            holding.lots[0].resize(quantity)
            holding.quantity = quantity
            holding.changed()
            return
        holding.lots = _split_lots(holding.lots, ratio, tx.symbol, tx)
        holding.quantity = sum((lot.quantity for lot in holding.lots), ZERO)
        holding.changed()

    def _deliver_in(self, tx: Transaction, account: Account) -> None:
        """Securities that arrive from outside the book (a gift, an inheritance, a move from a broker the
        book does not follow): cost = their value + fees + taxes; no cash moves."""
        assert tx.symbol is not None and tx.quantity is not None
        if self._shorts.get((tx.account, tx.symbol)):
            raise LedgerError("type", f"a DELIVERY_IN of {tx.symbol} into '{tx.account}', which is short of it: "
                                      "cover the short with a BUY", tx)
        self._holding_for(tx, account, create=True).add(
            _Lot(tx.date, tx.quantity, self._gross(tx) + tx.fees + tx.taxes))
        self._count_costs(tx)

    def _deliver_out(self, tx: Transaction, account: Account) -> None:
        """Securities that leave the book: their lots go (oldest first) at their value less fees and taxes,
        which realizes a gain or loss as a sale would (as Portfolio Performance counts it); no cash moves."""
        assert tx.symbol is not None and tx.quantity is not None
        holding = self._held(tx, account)
        _, cost = holding.remove(tx.quantity)
        self._forget_if_closed(tx, holding)
        self.sales.append(Sale(tx.id, tx.date, tx.account, tx.symbol, tx.currency, tx.quantity,
                               self._gross(tx) - tx.fees - tx.taxes, cost))
        self._count_costs(tx)

    def _transfer_cash(self, tx: Transaction, account: Account) -> None:
        assert tx.amount is not None
        sign = 1 if tx.type is TxType.TRANSFER_IN else -1
        self._move_cash(tx, account, sign * tx.amount - tx.fees - tx.taxes)
        self._count_costs(tx)

    def _transfer_out(self, tx: Transaction, account: Account) -> None:
        if is_cash_transfer(tx):
            return self._transfer_cash(tx, account)
        assert tx.symbol is not None and tx.quantity is not None
        holding = self._held(tx, account)
        taken, _ = holding.remove(tx.quantity)
        self._forget_if_closed(tx, holding)
        self._in_transit[tx.symbol].extend((tx.currency, lot) for lot in taken)
        if tx.fees or tx.taxes:  # the sending broker's charge is paid from this account's cash
            self._move_cash(tx, account, -(tx.fees + tx.taxes))
            self._count_costs(tx)

    def _transfer_in(self, tx: Transaction, account: Account) -> None:
        if is_cash_transfer(tx):
            return self._transfer_cash(tx, account)
        assert tx.symbol is not None and tx.quantity is not None
        transit = self._in_transit.get(tx.symbol) or []
        available = sum((lot.quantity for _, lot in transit), ZERO)
        if available >= tx.quantity:
            currency = transit[0][0]
            if currency != tx.currency:
                raise LedgerError("currency", f"{tx.symbol} left its account in {currency}, "
                                              f"this TRANSFER_IN is in {tx.currency}", tx)
            holding = self._holding_for(tx, account, create=True)
            moving = deque(lot for _, lot in transit)
            for lot in _take(moving, tx.quantity):
                holding.add(lot)
            del transit[:len(transit) - len(moving)]  # the lots taken whole
        elif available:
            raise LedgerError("quantity", f"TRANSFER_IN of {tx.quantity} {tx.symbol}: only {available} "
                                          "were transferred out before it", tx)
        elif tx.price is not None or tx.amount is not None:
            # Coming from outside the book: the price is the cost basis carried over from the old broker.
            holding = self._holding_for(tx, account, create=True)
            holding.add(_Lot(tx.date, tx.quantity, self._gross(tx) + tx.fees + tx.taxes))
        else:
            raise LedgerError("price", f"TRANSFER_IN of {tx.symbol} on {tx.date}: no TRANSFER_OUT before it, "
                                       "so a price (cost per unit) is needed", tx)
        if tx.fees or tx.taxes:
            self._move_cash(tx, account, -(tx.fees + tx.taxes))
            self._count_costs(tx)

    def _cash_only(self, tx: Transaction, account: Account) -> None:
        assert tx.amount is not None
        amount = tx.amount * CASH_SIGN[tx.type]
        if tx.type in (TxType.DIVIDEND, TxType.INTEREST):
            self.income[(tx.account, tx.currency, "dividends" if tx.type is TxType.DIVIDEND else "interest")] \
                += tx.amount
            amount -= tx.fees + tx.taxes
            self._count_costs(tx)
        elif tx.type is TxType.FEE:
            self.income[(tx.account, tx.currency, "fees")] += tx.amount
        elif tx.type is TxType.TAX:
            self.income[(tx.account, tx.currency, "taxes")] += tx.amount
        elif tx.type is TxType.INTEREST_CHARGE:  # interest paid (a margin loan, a negative balance)
            self.income[(tx.account, tx.currency, "interest")] -= tx.amount
        else:
            if tx.type in REFUNDED:
                self.income[(tx.account, tx.currency, REFUNDED[tx.type])] -= tx.amount
            amount -= tx.fees + tx.taxes
            self._count_costs(tx)
        self._move_cash(tx, account, amount)

    # -- outputs ----------------------------------------------------------------------------------
    def positions(self) -> list[Position]:
        """Long positions, and short ones with a negative quantity and their proceeds as a negative cost."""
        longs = [Position(acc, sym, h.currency, h.quantity, h.cost, h.method)
                 for (acc, sym), h in self._holdings.items()]
        shorts = [Position(acc, sym, s.currency, -s.quantity, -_total_cost(s.lots), "fifo")
                  for (acc, sym), s in self._shorts.items()]
        return sorted(longs + shorts, key=lambda p: (p.account, p.symbol))

    def open_lots(self) -> list[OpenLot]:
        lots: list[OpenLot] = []
        for (acc, sym), h in sorted(self._holdings.items()):
            if h.method == "fifo":
                lots.extend(OpenLot(acc, sym, h.currency, lot.acquired, lot.quantity, lot.cost) for lot in h.lots)
            else:
                lots.append(OpenLot(acc, sym, h.currency, h.since, h.quantity, h.cost))
        for (acc, sym), short in sorted(self._shorts.items()):
            lots.extend(OpenLot(acc, sym, short.currency, lot.acquired, -lot.quantity, -lot.cost)
                        for lot in short.lots)
        return sorted(lots, key=lambda lot: (lot.account, lot.symbol))

    def cash_balances(self) -> dict[tuple[str, str], Decimal]:
        return {key: value for key, value in sorted(self.cash.items())}

    def income_totals(self) -> dict[tuple[str, str, str], Decimal]:
        return {key: value for key, value in sorted(self.income.items())}

    def snapshot(self) -> tuple[object, ...]:
        """Everything observable, for comparing states (tests, all-or-nothing checks)."""
        return (tuple(self.positions()), tuple(self.open_lots()), tuple(self.sales),
                tuple(self.cash_balances().items()), tuple(self.income_totals().items()),
                tuple((s, tuple((c, lot.acquired, lot.quantity, lot.cost) for c, lot in v))
                      for s, v in sorted(self._in_transit.items()) if v))


def gross_of(tx: Transaction) -> Decimal:
    """A trade's gross value (its amount, else quantity x price), or a cash transaction's amount; 0 if none."""
    if tx.amount is not None:
        return tx.amount
    return tx.quantity * tx.price if tx.quantity is not None and tx.price is not None else ZERO


def cash_effect(tx: Transaction) -> Decimal:
    """What a transaction does to its account's cash, in its own currency (before any `fx_rate`), as the
    ledger moves it."""
    kind, gross, fees, taxes = tx.type, gross_of(tx), tx.fees, tx.taxes
    if kind is TxType.BUY or kind is TxType.WITHDRAWAL:
        return -(gross + fees + taxes)
    if kind in (TxType.SELL, TxType.DIVIDEND, TxType.INTEREST, TxType.DEPOSIT, TxType.TAX_REFUND,
                TxType.FEE_REFUND):
        return gross - fees - taxes
    if kind in (TxType.FEE, TxType.TAX, TxType.INTEREST_CHARGE):
        return -gross
    if is_cash_transfer(tx):
        return (gross if kind is TxType.TRANSFER_IN else -gross) - fees - taxes
    if kind in TRANSFER_TYPES:  # of shares: only the sending or receiving broker's charges move cash
        return -(fees + taxes)
    return ZERO


def _by_date(tx: Transaction) -> date:
    return tx.date


def _sale_order(sale: Sale) -> tuple[date, bool, int]:
    """Ledger order (date, then id; a transaction without an id yet comes last in its day): a transaction
    makes one sale at most."""
    return sale.date, sale.tx_id is None, sale.tx_id or 0


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that form no cycles: its repeated
    passes over a growing heap cost ~20% of a 100k-transaction load or replay."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class LedgerRows(NamedTuple):
    """A ledger's whole state as plain rows (what a book keeps so that it is not replayed at every read),
    every number exact. A lot row is (account or symbol, symbol or currency, …, acquired, quantity, base
    quantity, base cost): `Ledger.rows` and `Ledger.from_rows` say which."""
    holdings: list[tuple[str, str, str, str, date, Decimal]]  # account, symbol, currency, method, since, quantity
    lots: list[tuple[str, str, bool, int, date, Decimal, Decimal, Decimal]]  # account, symbol, short, order, …
    shorts: list[tuple[str, str, str]]  # account, symbol, currency
    transit: list[tuple[str, int, str, date, Decimal, Decimal, Decimal]]  # symbol, order, currency, …
    sales: list[Sale] | Callable[[], list[Sale]]  # or what makes them when they are first asked for
    cash: list[tuple[str, str, Decimal]]  # account, currency, balance
    income: list[tuple[str, str, str, Decimal]]  # account, currency, kind, total


def _lot_fields(lot: _Lot) -> tuple[date, Decimal, Decimal, Decimal]:
    return lot.acquired, lot.quantity, lot.base_quantity, lot.base_cost


def _lot_from(acquired: date, quantity: Decimal, base_quantity: Decimal, base_cost: Decimal) -> _Lot:
    lot = _Lot(acquired, quantity, base_cost)
    lot.base_quantity = base_quantity
    return lot


def ledger_rows(ledger: Ledger, keys: Collection[tuple[str, str]] | None = None) -> LedgerRows:
    """The ledger's state as rows; with `keys`, only the holdings, lots and shorts of those (account,
    symbol) pairs (a write that touched only them stores only them again)."""
    def wanted(key: tuple[str, str]) -> bool:
        return keys is None or key in keys

    holdings = [(acc, sym, h.currency, h.method, h.since, h.quantity)
                for (acc, sym), h in ledger._holdings.items() if wanted((acc, sym))]
    lots = [(acc, sym, False, order, *_lot_fields(lot))
            for (acc, sym), h in ledger._holdings.items() if wanted((acc, sym)) for order, lot in enumerate(h.lots)]
    lots += [(acc, sym, True, order, *_lot_fields(lot))
             for (acc, sym), s in ledger._shorts.items() if wanted((acc, sym)) for order, lot in enumerate(s.lots)]
    shorts = [(acc, sym, s.currency) for (acc, sym), s in ledger._shorts.items() if wanted((acc, sym))]
    transit = [(symbol, order, currency, *_lot_fields(lot))
               for symbol, moving in ledger._in_transit.items() for order, (currency, lot) in enumerate(moving)]
    return LedgerRows(holdings, lots, shorts, transit, list(ledger.sales),
                      [(acc, cur, value) for (acc, cur), value in ledger.cash.items()],
                      [(acc, cur, kind, value) for (acc, cur, kind), value in ledger.income.items()])


def ledger_from_rows(accounts: Iterable[Account], rows: LedgerRows) -> Ledger:
    """The ledger whose `ledger_rows` these are (rows of a holding's lots in any order)."""
    ledger = Ledger(accounts)
    for acc, sym, currency, method, since, quantity in rows.holdings:
        holding = ledger._holdings[(acc, sym)] = _Holding(currency, method, since)
        holding.quantity = quantity
    for acc, sym, currency in rows.shorts:
        ledger._shorts[(acc, sym)] = _Short(currency)
    for acc, sym, short, _order, acquired, quantity, base_quantity, base_cost in sorted(rows.lots,
                                                                                       key=lambda row: row[:4]):
        owner = ledger._shorts[(acc, sym)] if short else ledger._holdings[(acc, sym)]
        owner.lots.append(_lot_from(acquired, quantity, base_quantity, base_cost))
    for symbol, _order, currency, acquired, quantity, base_quantity, base_cost in sorted(rows.transit,
                                                                                         key=lambda row: row[:2]):
        ledger._in_transit[symbol].append((currency, _lot_from(acquired, quantity, base_quantity, base_cost)))
    if callable(rows.sales):
        ledger._unread_sales = rows.sales
    else:
        ledger.sales = list(rows.sales)
    ledger.cash.update({(acc, cur): value for acc, cur, value in rows.cash})
    ledger.income.update({(acc, cur, kind): value for acc, cur, kind, value in rows.income})
    return ledger
