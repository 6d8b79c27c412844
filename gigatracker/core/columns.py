"""The ledger as columns, for whole-period maths.

One row per transaction, in ledger order (date, then as recorded), with what it does to its position
(a quantity change, exact on the 1e-8 grid, splits and shorts included), to its account's cash (in the
currency the cash moves in, as `Ledger` moves it) and whether a security transfer in came from outside the
book. Built in one pass; everything per day is then vectorised (core/timeline.py).
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from typing import Iterable, Sequence, cast

import numpy as np
import numpy.typing as npt

from .ledger import Account, Transaction, TxType
from .money import MONEY_CONTEXT
from .quotes import day_number, implied_symbol

UNITS = 100_000_000  # quantities are counted in 1e-8 units (the ledger's grid): sums are exact integers
CODE = {kind: code for code, kind in enumerate(TxType)}
SECURITY_MOVES = {TxType.BUY: 1, TxType.SELL: -1, TxType.DELIVERY_IN: 1, TxType.DELIVERY_OUT: -1,
                  TxType.TRANSFER_IN: 1, TxType.TRANSFER_OUT: -1}


def codes(*kinds: TxType) -> npt.NDArray[np.int64]:
    return np.asarray([CODE[kind] for kind in kinds])


class LedgerColumns:
    """Columns of a book's transactions. `accounts` fixes the account order (index = position in it)."""

    def __init__(self, accounts: Sequence[Account], transactions: Sequence[Transaction]):
        self.accounts = list(accounts)
        self.transactions = sorted(transactions, key=lambda tx: tx.date)  # stable: the ledger's order
        txs = self.transactions
        self.n = len(txs)
        account_index = self._account_index = {account.name: i for i, account in enumerate(self.accounts)}
        account_currency = [account.currency for account in self.accounts]
        numbers = {day: day_number(day) for day in {tx.date for tx in txs}}
        self.day = np.fromiter((numbers[tx.date] for tx in txs), np.int64, self.n)
        self.account = np.fromiter((account_index[tx.account] for tx in txs), np.int64, self.n)
        self.kind = np.fromiter((CODE[tx.type] for tx in txs), np.int64, self.n)
        self.symbols = sorted({tx.symbol for tx in txs if tx.symbol})
        symbol_index = {symbol: i for i, symbol in enumerate(self.symbols)}
        self.symbol = np.fromiter((symbol_index[tx.symbol] if tx.symbol else -1 for tx in txs), np.int64, self.n)
        self.quantity = _floats(tx.quantity for tx in txs)
        self.gross = _floats(tx.amount if tx.amount is not None else
                             tx.quantity * tx.price if tx.quantity is not None and tx.price is not None else None
                             for tx in txs)
        self.fees = _floats(tx.fees for tx in txs)
        self.taxes = _floats(tx.taxes for tx in txs)
        # Cash moves in the account's currency at the transaction's own rate when one is given for a
        # foreign-currency transaction, else in the transaction's currency (as Ledger._move_cash).
        converted = [tx.fx_rate is not None and tx.currency != account_currency[account_index[tx.account]]
                     for tx in txs]
        self.to_cash: npt.NDArray[np.float64] = np.asarray(  # a `moved` transaction has a rate (converted)
            [float(cast(Decimal, tx.fx_rate)) if moved else 1.0 for tx, moved in zip(txs, converted)])
        cash_currency = [account_currency[account_index[tx.account]] if moved else tx.currency
                         for tx, moved in zip(txs, converted)]
        self.currencies = sorted(set(cash_currency) | set(account_currency) | {tx.currency for tx in txs})
        currency_index = {c: i for i, c in enumerate(self.currencies)}
        self.cash_currency = np.fromiter((currency_index[c] for c in cash_currency), np.int64, self.n)
        self.cash_transfer: npt.NDArray[np.bool_] = np.fromiter(
            (tx.type in (TxType.TRANSFER_IN, TxType.TRANSFER_OUT) and not tx.symbol for tx in txs), bool, self.n)
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

    def is_kind(self, *kinds: TxType) -> npt.NDArray[np.bool_]:
        return np.isin(self.kind, codes(*kinds))

    # -- what each transaction does ---------------------------------------------------------------
    def _quantity_changes(self) -> npt.NDArray[np.int64]:
        """Change of the position's quantity, in 1e-8 units; a split's change is computed from the quantity
        held just before it (rounded half-even to the grid, as the ledger rounds)."""
        units = np.zeros(self.n, dtype=np.int64)
        split_keys: set[tuple[str, str | None]] = set()
        for i, tx in enumerate(self.transactions):
            sign = SECURITY_MOVES.get(tx.type)
            if sign is not None and tx.symbol and tx.quantity is not None:
                units[i] = sign * int(tx.quantity.scaleb(8))
            elif tx.type is TxType.SPLIT:
                split_keys.add((tx.account, tx.symbol))
        if split_keys:
            held: dict[tuple[str, str | None], int] = {}
            with localcontext(MONEY_CONTEXT):
                for i, tx in enumerate(self.transactions):
                    key = (tx.account, tx.symbol)
                    if key not in split_keys:
                        continue
                    before = held.get(key, 0)
                    if tx.type is TxType.SPLIT:
                        ratio = cast(Decimal, tx.ratio)  # a split has one (check_transaction)
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
        with localcontext(MONEY_CONTEXT):
            for tx in self.transactions:
                own = self.accounts[self._account_index[tx.account]].currency
                if tx.fx_rate and tx.currency != own and base in (own, tx.currency):
                    foreign, rate = (tx.currency, tx.fx_rate) if own == base else (own, 1 / tx.fx_rate)
                    rows.append((implied_symbol(foreign, base), tx.date.isoformat(), str(rate), base))
            for out, into in ((int(i), int(p)) for i, p in enumerate(self.partner) if p > i):
                legs = {self.transactions[i].currency: self.transactions[i].amount for i in (out, into)}
                if len(legs) == 2 and base in legs and all(legs.values()):
                    foreign = next(c for c in legs if c != base)
                    # all(): both amounts are set
                    rows.append((implied_symbol(foreign, base), self.transactions[out].date.isoformat(),
                                 str(cast(Decimal, legs[base]) / cast(Decimal, legs[foreign])), base))
        return sorted(rows)

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


def _floats(values: Iterable[Decimal | None]) -> npt.NDArray[np.float64]:
    return np.asarray([0.0 if value is None else float(value) for value in values], dtype=np.float64)
