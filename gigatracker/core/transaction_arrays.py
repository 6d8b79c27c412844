"""A book's transactions as arrays, for bulk work: the store loads them straight from its rows (no
Transaction and no Decimal per row), and in-memory transactions give the same arrays.

Amounts and quantities are exact integers at a fixed scale (`Fixed`): money is stored rounded to its
currency's minor unit, so a column of it is whole cents (or yen, or mils) at the scale of its longest
figure. Quantities are counted in 1e-8 units, the ledger's grid. Prices, exchange rates and split ratios
are only multiplied into values (floats), so they load as floats; the few rows that need an exact rate or
ratio (a split, a foreign trade's own rate) keep it as a Decimal beside the arrays.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Hashable, Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .ledger import Account, Transaction, TxType
from .quotes import day_number

QUANTITY_PLACES = 8  # the ledger's grid: 1e-8 of a share
CODE = {kind: code for code, kind in enumerate(TxType)}
CODE_OF_TEXT = {kind.value: code for kind, code in CODE.items()}


@dataclass(frozen=True)
class Fixed:
    """Exact decimals as integers: each value is units / 10**places; an absent value is 0 (`present`
    says which are there). Units are int64, or Python ints for a column too large for int64."""
    units: npt.NDArray[np.int64] | npt.NDArray[np.object_]
    places: int
    present: npt.NDArray[np.bool_]

    def floats(self) -> npt.NDArray[np.float64]:
        """Each value as the nearest float (0.0 where absent): units and 10**places are exact floats up to
        2**53, and a division rounds once, so this is float() of the decimal itself."""
        return np.asarray(self.units / 10.0 ** self.places, dtype=np.float64)

    def decimal(self, row: int) -> Decimal | None:
        return Decimal(int(self.units[row])).scaleb(-self.places) if self.present[row] else None


def fixed_column(values: Sequence[Decimal | None], places: int | None = None) -> Fixed:
    """Values (None: absent) as a Fixed column at `places` decimals, or at the most any value has.
    Each distinct value is converted once (figures repeat). With `places` given, a value with more
    decimals is truncated towards zero to it (as `int()` truncates)."""
    return _fixed(values, {value: value for value in set(values) if value is not None}, places)


def fixed_texts(texts: Sequence[str | None], places: int | None = None) -> Fixed:
    """As `fixed_column`, from the store's exact decimal texts (each distinct text parsed once)."""
    return _fixed(texts, {text: Decimal(text) for text in set(texts) if text is not None}, places)


def _fixed(values: Sequence[Hashable], decimals: Mapping[Hashable, Decimal], places: int | None) -> Fixed:
    """`values` (None: absent), each standing for its Decimal in `decimals`, as a Fixed column."""
    if places is None:
        places = max((max(0, -int(value.as_tuple().exponent)) for value in decimals.values()), default=0)
    units: dict[Hashable, int] = {key: int(value.scaleb(places)) for key, value in decimals.items()}
    units[None] = 0
    count = len(values)
    present = np.asarray(values, dtype=object) != None  # noqa: E711 (numpy compares each element)
    if all(-2**63 < unit < 2**63 for unit in units.values()):
        return Fixed(np.fromiter(map(units.__getitem__, values), np.int64, count), places, present)
    return Fixed(np.array([units[value] for value in values], dtype=object), places, present)


def float_texts(texts: Sequence[str | None]) -> npt.NDArray[np.float64]:
    """Decimal texts as floats (NaN: absent); float() of a text is correctly rounded, as of its Decimal."""
    parsed = {text: np.nan if text is None else float(text) for text in set(texts)}
    return np.fromiter(map(parsed.__getitem__, texts), np.float64, len(texts))


@dataclass(frozen=True)
class TransactionArrays:
    """One row per transaction, in ledger order (date, then as recorded). Accounts are indexes into the
    accounts the arrays were made for; symbols and currencies into their sorted names."""
    day: npt.NDArray[np.int64]  # days since 1970-01-01
    account: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int64]  # CODE of the type
    symbols: list[str]
    symbol: npt.NDArray[np.int64]  # -1: none
    currencies: list[str]  # every transaction's currency
    currency: npt.NDArray[np.int64]
    quantity: Fixed  # at QUANTITY_PLACES
    price: npt.NDArray[np.float64]  # NaN: none
    amount: Fixed
    fees: Fixed
    taxes: Fixed
    fx_rates: Mapping[int, Decimal]  # row -> its own exchange rate (only rows that have one)
    ratios: Mapping[int, Decimal]  # row -> a split's ratio

    @property
    def n(self) -> int:
        return len(self.day)

    def fx_rate(self) -> npt.NDArray[np.float64]:
        """Each row's own exchange rate as a float (NaN: none)."""
        rates = np.full(self.n, np.nan)
        for row, rate in self.fx_rates.items():
            rates[row] = float(rate)
        return rates

    @classmethod
    def of(cls, accounts: Sequence[Account], transactions: Iterable[Transaction]) -> "TransactionArrays":
        """The arrays of in-memory transactions (sorted by date, stably: the ledger's order)."""
        txs = sorted(transactions, key=lambda tx: tx.date)
        account_index = {account.name: i for i, account in enumerate(accounts)}
        symbols = sorted({tx.symbol for tx in txs if tx.symbol})
        currencies = sorted({tx.currency for tx in txs})
        return cls._made(
            day=np.fromiter((day_number(tx.date) for tx in txs), np.int64, len(txs)),
            account=np.fromiter((account_index[tx.account] for tx in txs), np.int64, len(txs)),
            kind=np.fromiter((CODE[tx.type] for tx in txs), np.int64, len(txs)),
            symbols=symbols, symbol_names=[tx.symbol or None for tx in txs],
            currencies=currencies, currency_names=[tx.currency for tx in txs],
            quantity=fixed_column([tx.quantity for tx in txs], QUANTITY_PLACES),
            price=np.asarray([np.nan if tx.price is None else float(tx.price) for tx in txs], dtype=np.float64),
            amount=fixed_column([tx.amount for tx in txs]), fees=fixed_column([tx.fees for tx in txs]),
            taxes=fixed_column([tx.taxes for tx in txs]),
            fx_rates={i: tx.fx_rate for i, tx in enumerate(txs) if tx.fx_rate is not None},
            ratios={i: tx.ratio for i, tx in enumerate(txs) if tx.ratio is not None})

    @classmethod
    def _made(cls, *, symbols: list[str], symbol_names: Sequence[str | None], currencies: list[str],
              currency_names: Sequence[str], **columns: Any) -> "TransactionArrays":
        symbol_index: dict[str | None, int] = {symbol: i for i, symbol in enumerate(symbols)}
        symbol_index[None] = -1
        currency_index = {currency: i for i, currency in enumerate(currencies)}
        count = len(currency_names)
        return cls(symbols=symbols, symbol=np.fromiter(map(symbol_index.__getitem__, symbol_names), np.int64, count),
                   currencies=currencies,
                   currency=np.fromiter(map(currency_index.__getitem__, currency_names), np.int64, count), **columns)

    @classmethod
    def of_rows(cls, account_index: Mapping[str, int], days: npt.NDArray[np.int64], account_names: Sequence[str],
                types: Sequence[str], currency_names: Sequence[str], symbol_names: Sequence[str | None],
                quantities: Sequence[str | None], prices: Sequence[str | None], amounts: Sequence[str | None],
                fees: Sequence[str | None], taxes: Sequence[str | None], fx_rates: Sequence[str | None],
                ratios: Sequence[str | None]) -> "TransactionArrays":
        """The arrays of stored rows, already in ledger order: each field a column of the store's texts."""
        count = len(days)
        names = [name or None for name in symbol_names]
        return cls._made(
            day=days, account=np.fromiter(map(account_index.__getitem__, account_names), np.int64, count),
            kind=np.fromiter(map(CODE_OF_TEXT.__getitem__, types), np.int64, count),
            symbols=sorted({name for name in names if name}), symbol_names=names,
            currencies=sorted(set(currency_names)), currency_names=currency_names,
            quantity=fixed_texts(quantities, QUANTITY_PLACES), price=float_texts(prices),
            amount=fixed_texts(amounts), fees=fixed_texts(fees), taxes=fixed_texts(taxes),
            fx_rates=_sparse(fx_rates), ratios=_sparse(ratios))


def _sparse(texts: Sequence[str | None]) -> dict[int, Decimal]:
    return {row: Decimal(text) for row, text in enumerate(texts) if text is not None}

