"""The ledger as columns, for whole-period maths.

One row per transaction, in ledger order (date, then as recorded), with what it does to its position
(a quantity change, exact on the 1e-8 grid, splits and shorts included), to its account's cash (in the
currency the cash moves in, as `Ledger` moves it) and whether a security transfer in came from outside the
book. Built from the transactions' arrays (core/transaction_arrays.py: loaded by the store without a
Decimal per row, or made of in-memory transactions), vectorised but for splits, cash transfers' partners
and security transfers, which follow each position in order; everything per day is then vectorised too
(core/timeline.py).
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Sequence, cast

import numpy as np
import numpy.typing as npt

from .ledger import Account, Transaction, TxType
from .money import MONEY_CONTEXT
from .quotes import from_day_number, implied_symbol
from .transaction_arrays import CODE, TransactionArrays

UNITS = 100_000_000  # quantities are counted in 1e-8 units (the ledger's grid): sums are exact integers
SECURITY_MOVES = {TxType.BUY: 1, TxType.SELL: -1, TxType.DELIVERY_IN: 1, TxType.DELIVERY_OUT: -1,
                  TxType.TRANSFER_IN: 1, TxType.TRANSFER_OUT: -1}


def codes(*kinds: TxType) -> npt.NDArray[np.int64]:
    return np.asarray([CODE[kind] for kind in kinds])


class LedgerColumns:
    """Columns of a book's transactions. `accounts` fixes the account order (index = position in it)."""

    def __init__(self, accounts: Sequence[Account], arrays: TransactionArrays):
        self.accounts = list(accounts)
        self.arrays = arrays
        self.n = arrays.n
        self.day, self.account, self.kind = arrays.day, arrays.account, arrays.kind
        self.symbols, self.symbol = arrays.symbols, arrays.symbol
        self.quantity = arrays.quantity.floats()
        amount, price = arrays.amount, arrays.price
        # The gross value: the amount when there is one, else quantity x price (0 without a price).
        priced = ~amount.present & arrays.quantity.present & ~np.isnan(price)
        self.gross = amount.floats()
        self.gross[priced] = self.quantity[priced] * price[priced]
        self.fees, self.taxes = arrays.fees.floats(), arrays.taxes.floats()
        # Cash moves in the account's currency at the transaction's own rate when one is given for a
        # foreign-currency transaction, else in the transaction's currency (as Ledger._move_cash).
        account_currency = [account.currency for account in self.accounts]
        self.currencies = sorted(set(account_currency) | set(arrays.currencies))
        currency_index = {c: i for i, c in enumerate(self.currencies)}
        own = np.asarray([currency_index[c] for c in account_currency], dtype=np.int64)[self.account]
        self.currency = np.asarray([currency_index[c] for c in arrays.currencies], dtype=np.int64)[arrays.currency]
        rate = arrays.fx_rate()
        converted = ~np.isnan(rate) & (self.currency != own)
        self.to_cash: npt.NDArray[np.float64] = np.where(converted, rate, 1.0)
        self.cash_currency = np.where(converted, own, self.currency)
        self.cash_transfer: npt.NDArray[np.bool_] = (
            self.is_kind(TxType.TRANSFER_IN, TxType.TRANSFER_OUT) & (self.symbol < 0))
        self.units = self._quantity_changes()
        self.cash = self._cash_changes()
        self.external_in = self._transfers_from_outside()
        self.partner = self._cash_partners()
        # Positions (account, symbol) and cash buckets (account, currency) as column indexes.
        self.keys, self.key = _pairs(self.account, self.symbol, self.symbol >= 0, len(self.symbols) + 1)
        self.key_account = np.asarray([a for a, _ in self.keys], dtype=np.int64)
        self.key_symbol = np.asarray([s for _, s in self.keys], dtype=np.int64)
        self.buckets, self.bucket = _pairs(self.account, self.cash_currency, self.cash != 0, len(self.currencies))
        self.bucket_account = np.asarray([a for a, _ in self.buckets], dtype=np.int64)
        self.bucket_currency = np.asarray([c for _, c in self.buckets], dtype=np.int64)

    @classmethod
    def of(cls, accounts: Sequence[Account], transactions: Sequence[Transaction]) -> "LedgerColumns":
        """The columns of in-memory transactions."""
        return cls(accounts, TransactionArrays.of(accounts, transactions))

    def is_kind(self, *kinds: TxType) -> npt.NDArray[np.bool_]:
        return np.isin(self.kind, codes(*kinds))

    # -- what each transaction does ---------------------------------------------------------------
    def _quantity_changes(self) -> npt.NDArray[np.int64]:
        """Change of the position's quantity, in 1e-8 units; a split's change is computed from the quantity
        held just before it (rounded half-even to the grid, as the ledger rounds)."""
        sign = np.zeros(len(TxType), dtype=np.int64)
        for kind, direction in SECURITY_MOVES.items():
            sign[CODE[kind]] = direction
        quantity = self.arrays.quantity
        units = np.where((self.symbol >= 0) & quantity.present, sign[self.kind] * quantity.units.astype(np.int64), 0)
        splits = np.flatnonzero(self.kind == CODE[TxType.SPLIT])
        if not len(splits):
            return units
        position = self.account * (len(self.symbols) + 1) + self.symbol  # (account, symbol) as one number
        rows = np.flatnonzero(np.isin(position, position[splits]))  # every move of a position that splits
        held: dict[int, int] = {}
        with localcontext(MONEY_CONTEXT):
            for i in rows.tolist():
                key = int(position[i])
                before = held.get(key, 0)
                if self.kind[i] == CODE[TxType.SPLIT]:
                    ratio = self.arrays.ratios[i]  # a split has one (check_transaction)
                    after = int((Decimal(before) * ratio).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
                    units[i] = after - before
                held[key] = before + int(units[i])
        return units

    def _cash_changes(self) -> npt.NDArray[np.float64]:
        """Change of the account's cash, in the currency it moves in (Ledger's rules, in floats)."""
        g, f, t, k = self.gross, self.fees, self.taxes, self.to_cash
        kind = self.kind
        cash = np.zeros(self.n)
        rules = [
            ((TxType.BUY,), -(g + f + t)),
            ((TxType.SELL,), g - f - t),
            ((TxType.DIVIDEND, TxType.INTEREST, TxType.DEPOSIT, TxType.TAX_REFUND, TxType.FEE_REFUND), g - f - t),
            ((TxType.FEE, TxType.TAX, TxType.INTEREST_CHARGE), -g),
            ((TxType.WITHDRAWAL,), -(g + f + t)),
        ]
        for kinds, change in rules:
            mask = np.isin(kind, codes(*kinds))
            cash[mask] = change[mask]
        transfers = self.is_kind(TxType.TRANSFER_IN, TxType.TRANSFER_OUT)
        securities = transfers & ~self.cash_transfer
        cash[securities] = -(f + t)[securities]
        inward = self.cash_transfer & (kind == CODE[TxType.TRANSFER_IN])
        outward = self.cash_transfer & (kind == CODE[TxType.TRANSFER_OUT])
        cash[inward] = (g - f - t)[inward]
        cash[outward] = (-g - f - t)[outward]
        return cash * k

    def _cash_partners(self) -> npt.NDArray[np.int64]:
        """The other leg of each cash transfer (-1: none): on the same day, the k-th TRANSFER_OUT goes with
        the k-th TRANSFER_IN of another account (a move or a currency conversion inside the book)."""
        partner = np.full(self.n, -1, dtype=np.int64)
        legs: dict[int, tuple[list[int], list[int]]] = {}
        for i in np.flatnonzero(self.cash_transfer):
            outs, ins = legs.setdefault(int(self.day[i]), ([], []))
            (outs if self.kind[i] == CODE[TxType.TRANSFER_OUT] else ins).append(int(i))
        for outs, ins in legs.values():
            waiting = list(ins)
            for out in outs:
                match = next((i for i in waiting if self.account[i] != self.account[out]), None)
                if match is not None:
                    waiting.remove(match)
                    partner[out], partner[match] = match, out
        return partner

    def implied_rates(self, base: str) -> list[tuple[str, str, str, str]]:
        """Exchange rates to `base` that the transactions themselves give, as price rows (`USD->EUR`, day,
        rate, base): a trade's own rate between its currency and its account's, and a cash transfer from an
        account in one currency to an account in the other (its two amounts)."""
        rows = []
        currency = [self.currencies[c] for c in self.currency.tolist()]
        with localcontext(MONEY_CONTEXT):
            for i, rate in sorted(self.arrays.fx_rates.items()):
                own = self.accounts[self.account[i]].currency
                if rate and currency[i] != own and base in (own, currency[i]):
                    foreign, to_base = (currency[i], rate) if own == base else (own, 1 / rate)
                    rows.append((implied_symbol(foreign, base), self._date(i), str(to_base), base))
            for out, into in ((int(i), int(p)) for i, p in enumerate(self.partner) if p > i):
                legs = {currency[i]: self.arrays.amount.decimal(i) for i in (out, into)}
                if len(legs) == 2 and base in legs and all(legs.values()):
                    foreign = next(c for c in legs if c != base)
                    # all(): both amounts are set
                    rows.append((implied_symbol(foreign, base), self._date(out),
                                 str(cast(Decimal, legs[base]) / cast(Decimal, legs[foreign])), base))
        return sorted(rows)

    def _date(self, row: int) -> str:
        return from_day_number(int(self.day[row])).isoformat()

    def _transfers_from_outside(self) -> npt.NDArray[np.bool_]:
        """A security TRANSFER_IN that no earlier TRANSFER_OUT sent (the ledger takes its price as the cost
        carried over from another broker): for returns it is a delivery into the book."""
        outside = np.zeros(self.n, dtype=bool)
        in_transit: dict[int, int] = {}
        moves = np.flatnonzero(self.is_kind(TxType.TRANSFER_IN, TxType.TRANSFER_OUT) & ~self.cash_transfer)
        for i in moves:
            symbol, quantity = int(self.symbol[i]), abs(int(self.units[i]))
            if self.kind[i] == CODE[TxType.TRANSFER_OUT]:
                in_transit[symbol] = in_transit.get(symbol, 0) + quantity
            elif in_transit.get(symbol, 0) >= quantity:
                in_transit[symbol] -= quantity
            else:
                outside[i] = True
        return outside


def _pairs(first: npt.NDArray[np.int64], second: npt.NDArray[np.int64], used: npt.NDArray[np.bool_], width: int
           ) -> tuple[list[tuple[int, int]], npt.NDArray[np.int64]]:
    """The distinct (first, second) pairs of the used rows, sorted, and each row's pair index (-1: none,
    or a pair no used row has)."""
    codes_ = first * width + second
    distinct = np.unique(codes_[used])
    index = np.searchsorted(distinct, codes_)
    found = (index < len(distinct)) & (distinct[np.minimum(index, max(len(distinct) - 1, 0))] == codes_) \
        if len(distinct) else np.zeros(len(codes_), dtype=bool)
    return [(int(c // width), int(c % width)) for c in distinct], np.where(found, index, -1)
