"""What counts as money moving into or out of a scope (a flow), and what counts as its performance.

Portfolio Performance's definitions (its ClientIndex and client filters; docs/conventions.md):
- **book** (PP's client): deposits and withdrawals, deliveries in and out, and securities transferred in
  from outside the book are flows. Dividends, interest, fees, taxes and their refunds are performance, and
  so is what a conversion between two of the book's accounts gains or loses against the day's rate.
- **portfolio / account** (PP's portfolio-plus-account filter): the same, plus transfers to and from
  accounts outside the scope; a dividend, tax, fee or refund of a security the scope never held is a flow
  (the cash just passes through). Transfer legs inside the scope offset each other on their day.
- **security** (PP's security filter): buys and deliveries in (with their fees) flow in, sales and
  deliveries out (net of fees) flow out, dividends (after their fees) flow out, security fees flow in and
  fee refunds out; taxes and tax refunds are left out, so a security's return is before taxes.
Flows are valued in the base currency on their day; a security transfer at that day's close.
Inflows count at the start of their day, outflows at its end (core/returns.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt

from .columns import UNITS, codes
from .ledger import Account, TxType
from .timeline import Timeline
from .transaction_arrays import CODE

SECURITY_CASH = (TxType.DIVIDEND, TxType.INTEREST, TxType.TAX, TxType.TAX_REFUND, TxType.FEE, TxType.FEE_REFUND)


@dataclass(frozen=True)
class Scope:
    kind: str  # book, portfolio, account or security
    name: str | None = None
    within: "Scope | None" = None  # a security: only in this portfolio or account (None: the whole book)

    @property
    def label(self) -> str:
        own = "book" if self.kind == "book" else f"{self.kind} {self.name}"
        return own if self.within is None else f"{own} in {self.within.label}"


def account_mask(scope: Scope, accounts: list[Account]) -> npt.NDArray[np.bool_] | None:
    """Which accounts a scope holds (a security: the accounts it is followed in; None: every account)."""
    if scope.kind == "security":
        return None if scope.within is None else account_mask(scope.within, accounts)
    if scope.kind == "book":
        return np.ones(len(accounts), dtype=bool)
    if scope.kind == "portfolio":
        return np.asarray([account.portfolio == scope.name for account in accounts], dtype=bool)
    return np.asarray([account.name == scope.name for account in accounts], dtype=bool)


@dataclass
class Flows:
    inbound: npt.NDArray[np.float64]  # per day, base currency, counted at the start of the day
    outbound: npt.NDArray[np.float64]  # per day, counted at the end of the day


class FlowAmounts:
    """Each transaction's amounts in the base currency on its day, and its row in the timeline."""

    def __init__(self, timeline: Timeline):
        columns = timeline.columns
        self.timeline, self.columns = timeline, columns
        self.rows = timeline.row()
        self.in_period = (self.rows >= 1) & (self.rows < timeline.size)  # start-day flows are in its value
        conv = timeline.conv
        self.gross, self.fees, self.taxes = columns.gross * conv, columns.fees * conv, columns.taxes * conv
        moved = self.in_period & (columns.symbol >= 0) & (columns.units != 0)
        self.market = np.zeros(columns.n)
        self.market[moved] = (np.abs(columns.units[moved]) / UNITS
                              * timeline.price[self.rows[moved], columns.symbol[moved]])
        kind = columns.kind
        self.security_transfer = np.isin(kind, codes(TxType.TRANSFER_IN, TxType.TRANSFER_OUT)) & ~columns.cash_transfer
        self.internal_in: npt.NDArray[np.bool_] = (self.security_transfer & (kind == CODE[TxType.TRANSFER_IN])
                                                   & ~columns.external_in)
        self.external_in = self.security_transfer & columns.external_in

    def kind(self, *kinds: TxType) -> npt.NDArray[np.bool_]:
        return self.columns.is_kind(*kinds)


def scope_flows(amounts: FlowAmounts, scope: Scope, accounts: npt.NDArray[np.bool_] | None,
                symbol: int | None = None) -> Flows:
    if scope.kind == "security":  # the caller gives a security's index as `symbol`
        inbound, outbound = security_flow_matrices(amounts, [cast(int, symbol)], accounts)
        return Flows(inbound[:, 0], outbound[:, 0])
    accounts = cast(npt.NDArray[np.bool_], accounts)  # account_mask gives None only for a security
    columns = amounts.columns
    chosen = amounts.in_period & accounts[columns.account]
    size = amounts.timeline.size
    inbound, outbound, transfers = np.zeros(size), np.zeros(size), np.zeros(size)
    g, f, t, kind = amounts.gross, amounts.fees, amounts.taxes, amounts.kind
    _add(inbound, amounts.rows, chosen & kind(TxType.DEPOSIT), g)
    _add(inbound, amounts.rows, chosen & kind(TxType.DELIVERY_IN), g + f + t)
    _add(inbound, amounts.rows, chosen & amounts.external_in, amounts.market)
    _add(outbound, amounts.rows, chosen & kind(TxType.WITHDRAWAL), g)
    _add(outbound, amounts.rows, chosen & kind(TxType.DELIVERY_OUT), g - f - t)
    # Transfer legs: offset within the scope on their day; what is left crossed its boundary. A cash leg
    # whose other leg is in the scope too moves money inside it (a conversion's difference is performance).
    paired = columns.partner >= 0
    inside = np.zeros(columns.n, dtype=bool)
    inside[paired] = accounts[columns.account[columns.partner[paired]]]
    cash_legs = columns.cash_transfer & ~inside
    leg_in = chosen & (amounts.internal_in | (cash_legs & kind(TxType.TRANSFER_IN)))
    leg_out = chosen & kind(TxType.TRANSFER_OUT) & (cash_legs | ~columns.cash_transfer)
    value = np.where(columns.cash_transfer, g, amounts.market)
    _add(transfers, amounts.rows, leg_in, value)
    _add(transfers, amounts.rows, leg_out, -value)
    if scope.kind != "book":  # income and costs of securities the scope never held pass through as flows
        unused = chosen & ~np.isin(columns.symbol, list(used_symbols(amounts, accounts))) & (columns.symbol >= 0)
        _add(inbound, amounts.rows, unused & kind(TxType.DIVIDEND, TxType.INTEREST, TxType.TAX_REFUND,
                                                  TxType.FEE_REFUND), g - f - t)
        _add(outbound, amounts.rows, unused & kind(TxType.TAX, TxType.FEE), g)
    transfers = np.round(transfers, 6)
    return Flows(inbound + np.clip(transfers, 0, None), outbound + np.clip(-transfers, 0, None))


def used_symbols(amounts: FlowAmounts, accounts: npt.NDArray[np.bool_]) -> set[int]:
    """Securities the accounts ever held (bought, sold, delivered, transferred or split there)."""
    columns = amounts.columns
    moved = accounts[columns.account] & (columns.symbol >= 0) & ~np.isin(columns.kind, codes(*SECURITY_CASH))
    return set(np.unique(columns.symbol[moved]).tolist())


def security_flow_matrices(amounts: FlowAmounts, symbols: list[int] | None = None,
                           accounts: npt.NDArray[np.bool_] | None = None
                           ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """days x securities: inflows and outflows of each security's own scope (taxes left out), in the
    accounts of the mask (None: every account; a transfer to an account outside it is then a flow)."""
    columns = amounts.columns
    symbols = list(range(len(columns.symbols))) if symbols is None else symbols
    column_of = np.full(len(columns.symbols) + 1, -1, dtype=np.int64)
    column_of[np.asarray(symbols, dtype=np.int64)] = np.arange(len(symbols))
    target = column_of[columns.symbol]  # symbol -1 (none) maps to the last slot, which is -1
    chosen = amounts.in_period & (target >= 0)
    if accounts is not None:
        chosen &= accounts[columns.account]
    size = amounts.timeline.size
    shape = (size, len(symbols))
    inbound, outbound, transfers = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    g, f, kind = amounts.gross, amounts.fees, amounts.kind

    def add(grid: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_], values: npt.NDArray[np.float64]) -> None:
        np.add.at(grid, (amounts.rows[mask], target[mask]), values[mask])

    add(inbound, chosen & kind(TxType.BUY, TxType.DELIVERY_IN), g + f)
    add(inbound, chosen & kind(TxType.FEE), g)
    add(inbound, chosen & amounts.external_in, amounts.market)
    add(outbound, chosen & kind(TxType.SELL, TxType.DELIVERY_OUT), g - f)
    add(outbound, chosen & kind(TxType.DIVIDEND, TxType.INTEREST), g - f)
    add(outbound, chosen & kind(TxType.FEE_REFUND), g)
    add(transfers, chosen & amounts.internal_in, amounts.market)
    add(transfers, chosen & amounts.security_transfer & kind(TxType.TRANSFER_OUT), -amounts.market)
    transfers = np.round(transfers, 6)
    return inbound + np.clip(transfers, 0, None), outbound + np.clip(-transfers, 0, None)


def _add(target: npt.NDArray[np.float64], rows: npt.NDArray[np.int64], mask: npt.NDArray[np.bool_],
         values: npt.NDArray[np.float64]) -> None:
    np.add.at(target, rows[mask], values[mask])
