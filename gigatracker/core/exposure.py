"""Exposure of a book by any dimension, with fund look-through, cross-tabs and concentration.

An *item* is something with a value in the base currency: a position in an account, or a cash balance.
A *view* (dimension, taxonomy, depth, look-through) turns every item into fractions of keys: a matrix
with one row per item and one column per key, each row summing to 1 (the `Unassigned` column takes what
no key covers). Exposure is then `values @ matrix`: building the matrix is the slow part and is done
once per view and kept on the BookData (until the app reads a new one); new prices only change `values`,
so a full price update is one product and an update after a few ticks touches only their rows. Rows are
rounded to the base currency's minor unit by largest remainder, so they always sum exactly to the total.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Iterator, cast

from .money import minor_unit_exponent
from .valuation import Item as Item  # what exposure counts (defined beside the valuation: no numpy there)
from .themes import DEFAULT_TAXONOMY, UNASSIGNED, roll_up

if TYPE_CHECKING:  # numpy is imported by the functions doing the maths: reads that never reach them (the
    import numpy as np  # CLI's holdings, lots, the book's master data) do not pay its 60 ms
    import numpy.typing as npt

DIMENSIONS = ("theme", "sector", "industry", "country", "currency", "asset-class", "account", "portfolio")
FUND_CLASSES = ("etf", "fund")
CASH = "cash"


@dataclass(frozen=True)
class SecurityInfo:
    symbol: str
    name: str = ""
    isin: str = ""
    currency: str = ""
    asset_class: str = ""
    exchange: str = ""
    sector: str = ""
    industry: str = ""
    country: str = ""


@dataclass(frozen=True)
class FundHolding:
    symbol: str
    name: str
    isin: str
    weight: Decimal  # share of the fund, 0..1
    sector: str = ""
    country: str = ""


@dataclass(frozen=True)
class FundHoldings:
    fund: str
    as_of: date
    source: str
    holdings: tuple[FundHolding, ...]
    # The whole fund's split by sector (Yahoo's sectorWeightings), 0..1 each: with look-through, the part
    # the listed holdings do not cover takes the sectors they leave over.
    sector_weights: tuple[tuple[str, Decimal], ...] = ()

    @cached_property  # read for every fund position of every view
    def covered(self) -> Decimal:
        return min(sum((h.weight for h in self.holdings), Decimal(0)), Decimal(1))


@dataclass(frozen=True)
class View:
    dimension: str
    taxonomy: str = DEFAULT_TAXONOMY
    depth: int | None = None
    look_through: bool = False

    def __post_init__(self) -> None:
        if self.dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension '{self.dimension}' (choose from {', '.join(DIMENSIONS)})")


ClassifiedBy = tuple[str | None, str, str, str]
KEPT_MATRICES = 32  # per BookData: the book's and each client's, in the views a window shows  # what an item's fractions in a view depend on (_classified_by)


@dataclass
class BookData:
    """Everything classification needs; built by the app from the store."""
    master: dict[str, SecurityInfo] = field(default_factory=dict)
    assignments: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # taxonomy -> sym -> path -> bp
    funds: dict[str, FundHoldings] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_isin = {info.isin: sym for sym, info in self.master.items() if info.isin}
        # Each item's key fractions per view, computed once: a BookData is never changed after it is made
        # (the app reads a new one when themes, the master or funds change), and classification is the
        # slow part of an exposure (values @ matrix is the cheap one). The matrices made too, per view and
        # what its items were classified by, the last KEPT_MATRICES (`classification`).
        self._fractions: dict[tuple[View, ClassifiedBy], dict[str, float]] = {}
        self._matrices: dict[tuple[View, tuple[ClassifiedBy, ...]], tuple[tuple[str, ...], npt.NDArray[np.float64]]] = {}

    @cached_property  # read for every position of every look-through view
    def fund_symbols(self) -> frozenset[str]:
        """Securities that are funds: with a holdings file, or classed as one in the master."""
        classed = (sym for sym, info in self.master.items() if info.asset_class in FUND_CLASSES)
        return frozenset(self.funds).union(classed)

    def match(self, holding: FundHolding) -> str | None:
        """A fund holding's symbol in the security master: by ISIN first, then by symbol."""
        if holding.isin and holding.isin in self._by_isin:
            return self._by_isin[holding.isin]
        if holding.symbol and holding.symbol in self.master:
            return holding.symbol
        return None


# -- classification ---------------------------------------------------------------------------------
def _security_fractions(symbol: str, view: View, data: BookData, item: Item,
                        fallback: FundHolding | None = None) -> dict[str, float]:
    """Key fractions (summing to 1) for one security, directly held or reached through a fund."""
    info = data.master.get(symbol) or SecurityInfo(symbol)
    dim = view.dimension
    if dim == "theme":
        weights = data.assignments.get(view.taxonomy, {}).get(symbol, {})
        fractions: dict[str, float] = {}
        for path, bp in weights.items():
            key = roll_up(path, view.depth)
            fractions[key] = fractions.get(key, 0.0) + bp / 10_000
        rest = 1.0 - sum(weights.values()) / 10_000
        if rest > 1e-12:
            fractions[UNASSIGNED] = fractions.get(UNASSIGNED, 0.0) + rest
        return fractions
    if dim == "account":
        return {item.account: 1.0}
    if dim == "portfolio":
        return {item.portfolio: 1.0}
    if dim == "currency":
        return {(info.currency if fallback else item.currency) or UNASSIGNED: 1.0}
    value = {"sector": info.sector, "industry": info.industry, "country": info.country,
             "asset-class": info.asset_class}[dim]
    if not value and fallback is not None:
        value = {"sector": fallback.sector, "country": fallback.country}.get(dim, "")
    return {value or UNASSIGNED: 1.0}


def _unmatched_fractions(holding: FundHolding, view: View, item: Item) -> dict[str, float]:
    dim = view.dimension
    if dim == "account":
        return {item.account: 1.0}
    if dim == "portfolio":
        return {item.portfolio: 1.0}
    value = {"sector": holding.sector, "country": holding.country}.get(dim, "")
    return {value or UNASSIGNED: 1.0}


def _cash_fractions(view: View, item: Item) -> dict[str, float]:
    key = {"currency": item.currency, "asset-class": CASH, "account": item.account,
           "portfolio": item.portfolio}.get(view.dimension, UNASSIGNED)
    return {key: 1.0}


def _pieces(item: Item, data: BookData, look_through: bool) -> Iterator[tuple[float, str | None, FundHolding | None]]:
    """What an item is made of: (share, security in the master or None, fund holding or None).
    Directly held: the item itself. Through a fund: each holding, then the part the file does not cover,
    which stays the fund itself."""
    fund = data.funds.get(item.symbol) if look_through and item.symbol else None
    if fund is None:
        yield 1.0, item.symbol, None
        return
    for holding in fund.holdings:
        yield float(holding.weight), data.match(holding), holding
    rest = 1.0 - float(fund.covered)
    if rest > 1e-12:
        yield rest, item.symbol, REST


REST = FundHolding("", "", "", Decimal(0))  # marks the part of a fund its holdings file does not cover


def _piece_fractions(symbol: str | None, holding: FundHolding | None, view: View, data: BookData,
                     item: Item) -> dict[str, float]:
    if holding is REST:
        symbol = cast(str, symbol)  # the rest of a fund comes with the fund's own symbol (_pieces)
        fund = data.funds[symbol]
        if view.dimension == "sector" and fund.sector_weights:
            leftover = _leftover_sectors(fund, view, data, item)
            if leftover:
                return leftover
        return _security_fractions(symbol, view, data, item)
    if symbol is not None:
        return _security_fractions(symbol, view, data, item, fallback=holding)
    if holding is not None:
        return _unmatched_fractions(holding, view, item)
    return _cash_fractions(view, item)


def _leftover_sectors(fund: FundHoldings, view: View, data: BookData, item: Item) -> dict[str, float]:
    """Sector fractions of the uncovered part: the fund's sector weights minus what its listed holdings
    already put in each sector, rescaled to 1 (empty when nothing is left over)."""
    left = {sector: float(weight) for sector, weight in fund.sector_weights}
    for holding in fund.holdings:
        matched = data.match(holding)
        parts = (_security_fractions(matched, view, data, item, fallback=holding) if matched
                 else _unmatched_fractions(holding, view, item))
        for sector, part in parts.items():
            if sector in left:
                left[sector] -= float(holding.weight) * part
    left = {sector: weight for sector, weight in left.items() if weight > 1e-12}
    total = sum(left.values())
    return {sector: weight / total for sector, weight in left.items()} if total > 1e-12 else {}


def item_fractions(item: Item, view: View, data: BookData) -> dict[str, float]:
    """The keys an item counts in for this view, as fractions summing to 1 (kept on `data`: read it, do not
    change it)."""
    return _kept_fractions(item, view, data, _classified_by(item, view))


def _classified_by(item: Item, view: View) -> ClassifiedBy:
    """What an item's fractions depend on in this view: its security, and its account, portfolio or
    currency only in the dimension that reads it (the same fund in two accounts is looked through once)."""
    dimension = view.dimension
    return (item.symbol, item.account if dimension == "account" else "",
            item.portfolio if dimension == "portfolio" else "", item.currency if dimension == "currency" else "")


def _kept_fractions(item: Item, view: View, data: BookData, classified_by: ClassifiedBy) -> dict[str, float]:
    fractions = data._fractions.get((view, classified_by))
    if fractions is None:
        fractions = data._fractions[(view, classified_by)] = _item_fractions(item, view, data)
    return fractions


def classification(items: list[Item], view: View, data: BookData
                   ) -> tuple[tuple[str, ...], npt.NDArray[np.float64]]:
    """The view's keys (Unassigned last) and its items x keys matrix of fractions (read-only), kept on
    `data` per view and list of items (the last few): a reload with the same positions at new values reuses it,
    one with a position more builds it from the kept fractions (no fund is looked through again)."""
    import numpy as np
    classified_by = tuple(_classified_by(item, view) for item in items)
    kept = data._matrices.get((view, classified_by))
    if kept is not None:
        return kept
    rows = [_kept_fractions(item, view, data, by) for item, by in zip(items, classified_by)]
    keys = tuple(sorted(set().union(*rows), key=lambda k: (k == UNASSIGNED, k)))
    column = {key: i for i, key in enumerate(keys)}
    counts = [len(row) for row in rows]
    size = sum(counts)
    matrix = np.zeros((len(items), len(keys)))
    matrix[np.repeat(np.arange(len(items)), counts),
           np.fromiter((column[key] for row in rows for key in row), np.intp, size)] = \
        np.fromiter((fraction for row in rows for fraction in row.values()), np.float64, size)
    matrix.flags.writeable = False  # shared by the models of these items
    if len(data._matrices) >= KEPT_MATRICES:  # the oldest goes (dicts keep their order)
        del data._matrices[next(iter(data._matrices))]
    data._matrices[(view, classified_by)] = (keys, matrix)
    return keys, matrix


def _item_fractions(item: Item, view: View, data: BookData) -> dict[str, float]:
    fractions: dict[str, float] = {}
    for share, symbol, holding in _pieces(item, data, view.look_through):
        for key, part in _piece_fractions(symbol, holding, view, data, item).items():
            fractions[key] = fractions.get(key, 0.0) + share * part
    return fractions


def security_fractions(symbol: str, view: View, data: BookData) -> dict[str, float]:
    """One security's keys in a view that does not depend on where it is held (a theme, a sector, a
    country...), looking through it if it is a fund and the view asks to."""
    return dict(item_fractions(Item("", "", symbol, "", Decimal(0)), view, data))


# -- the model --------------------------------------------------------------------------------------
@dataclass
class ExposureRow:
    key: str
    value_base: Decimal
    weight_bp: int


@dataclass
class Exposure:
    view: View
    base_currency: str
    total_base: Decimal
    rows: list[ExposureRow]
    coverage_bp: int | None  # with look-through: share of fund value that was looked through
    as_of: date | None  # with look-through: the oldest holdings file used



class ExposureModel:
    """One view of one set of items: the classification matrix, and exposures for any values."""

    def __init__(self, items: list[Item], view: View, data: BookData, base_currency: str):
        import numpy as np
        self.items, self.view, self.base_currency = items, view, base_currency
        keys, self.matrix = classification(items, view, data)
        self.keys = list(keys)
        self.decimal_values = [item.value_base for item in items]
        self.exact_total = sum(self.decimal_values, Decimal(0))
        self.values: npt.NDArray[np.float64] = np.fromiter(map(float, self.decimal_values), np.float64, len(items))
        self.totals = self.values @ self.matrix
        self.coverage_bp, self.as_of = _coverage(items, data) if view.look_through else (None, None)

    def set_values(self, indices: list[int], values: list[Decimal]) -> None:
        """New values for some items (after price ticks). For a few, only their rows are touched; for most
        (a full price update), the whole value vector is multiplied again: cheaper than gathering their rows,
        and it clears the float drift of the updates before."""
        import numpy as np
        rows = np.fromiter(indices, np.intp, len(indices))
        new = np.fromiter(map(float, values), np.float64, len(values))
        if 4 * len(indices) < len(self.items):
            for index, value in zip(indices, values):
                self.exact_total += value - self.decimal_values[index]
                self.decimal_values[index] = value
            self.totals += (new - self.values[rows]) @ self.matrix[rows]
            self.values[rows] = new
            return
        for index, value in zip(indices, values):
            self.decimal_values[index] = value
        self.exact_total = sum(self.decimal_values, Decimal(0))
        self.values[rows] = new
        self.recompute()

    def recompute(self) -> None:
        """All rows from scratch (also clears the float drift of many incremental updates)."""
        self.totals = self.values @ self.matrix

    def result(self) -> Exposure:
        quantum = minor_unit_exponent(self.base_currency)
        total_units = _units(self.exact_total, quantum)
        units = largest_remainder(self.totals / float(quantum), total_units)
        rows = [ExposureRow(key, Decimal(int(u)) * quantum, bp)
                for key, u, bp in zip(self.keys, units, weights_bp(units, total_units))]
        rows.sort(key=lambda row: (row.key == UNASSIGNED, -row.value_base, row.key))
        return Exposure(self.view, self.base_currency, Decimal(total_units) * quantum, rows,
                        self.coverage_bp, self.as_of)


def _units(amount: Decimal, quantum: Decimal) -> int:
    return int((amount / quantum).to_integral_value(rounding=ROUND_HALF_EVEN))


def weights_bp(units: npt.NDArray[np.int64], total_units: int) -> list[int]:
    """Basis points of the total, rounded so that they too sum exactly to 10,000."""
    import numpy as np
    if not total_units:
        return [0] * len(units)
    return [int(bp) for bp in largest_remainder(np.asarray(units, dtype=float) * 10_000 / total_units, 10_000)]


def largest_remainder(amounts: npt.NDArray[np.float64], total: int) -> npt.NDArray[np.int64]:
    """Integers close to `amounts` that sum exactly to `total` (the largest remainders round up).

    Amounts are first snapped to 1e-6 of a unit: float sums of the same exact value can differ in the
    last bits (the same position split across two accounts), and a tie must break the same way both times.
    """
    import numpy as np
    amounts = np.round(amounts, 6)
    floors = np.floor(amounts)
    result = floors.astype(np.int64)
    missing = total - int(result.sum())
    if missing and len(result):
        order = np.argsort(-(amounts - floors), kind="stable")
        if missing > 0:
            result[order[np.arange(missing) % len(result)]] += 1
        else:
            result[order[::-1][np.arange(-missing) % len(result)]] -= 1
    return result


def _coverage(items: list[Item], data: BookData) -> tuple[int | None, date | None]:
    fund_value = Decimal(0)
    covered = Decimal(0)
    oldest: date | None = None
    for item in items:
        if item.symbol is None or item.symbol not in data.fund_symbols:
            continue
        fund = data.funds.get(item.symbol)
        fund_value += item.value_base
        if fund is not None:
            covered += item.value_base * fund.covered
            oldest = fund.as_of if oldest is None else min(oldest, fund.as_of)
    if not fund_value:
        return None, oldest
    return int((covered / fund_value * 10_000).to_integral_value()), oldest


def exposure(items: list[Item], view: View, data: BookData, base_currency: str) -> Exposure:
    return ExposureModel(items, view, data, base_currency).result()


@dataclass(frozen=True)
class Contribution:
    """One position's part of an exposure row; `via` names the fund holding when it comes through a fund
    ("VVSM.DE -> NVDA 20%": symbol VVSM.DE, via NVDA, share_of_position 0.2)."""
    portfolio: str
    account: str
    symbol: str | None  # None: cash
    via: str | None
    share_of_position: float
    value_base: Decimal


def contributions(items: list[Item], view: View, data: BookData, key: str, total: Decimal,
                  base_currency: str) -> list[Contribution]:
    """What makes up the row `key` of this view, largest first. `total` is the row's value; the
    contributions are rounded (largest remainder) to add up to it exactly."""
    import numpy as np
    parts: list[tuple[Item, str | None, float]] = []
    for item in items:
        for share, symbol, holding in _pieces(item, data, view.look_through):
            fraction = share * _piece_fractions(symbol, holding, view, data, item).get(key, 0.0)
            if fraction > 1e-12:
                via = None if holding is None or holding is REST else (symbol or holding.name or holding.symbol)
                parts.append((item, via, fraction))
    quantum = minor_unit_exponent(base_currency)
    amounts = np.array([float(item.value_base) * fraction / float(quantum) for item, _, fraction in parts])
    units: npt.NDArray[np.int64] | list[int] = largest_remainder(amounts, _units(total, quantum)) if parts else []
    result = [Contribution(item.portfolio, item.account, item.symbol, via, fraction, Decimal(int(u)) * quantum)
              for (item, via, fraction), u in zip(parts, units)]
    return sorted(result, key=lambda c: (-c.value_base, c.symbol or "", c.via or ""))


# -- cross-tab and concentration --------------------------------------------------------------------
@dataclass
class CrossRow:
    key: str
    key2: str
    value_base: Decimal
    weight_bp: int


def cross_tab(items: list[Item], first: View, second: View, data: BookData, base_currency: str
              ) -> tuple[Decimal, list[CrossRow]]:
    """Exposure by two dimensions at once. Within a security the two classifications are independent
    (a 60% inference-chips stock in Taiwan puts 60% of its value in (Inference chips, Taiwan)); through a
    fund, each holding is crossed on its own."""
    import numpy as np
    cells: dict[tuple[str, str], float] = {}
    for item in items:
        for key, key2, share in _cross_parts(item, first, second, data):
            cells[(key, key2)] = cells.get((key, key2), 0.0) + float(item.value_base) * share
    quantum = minor_unit_exponent(base_currency)
    total_units = _units(sum((i.value_base for i in items), Decimal(0)), quantum)
    keys = sorted(cells, key=lambda k: (k[0] == UNASSIGNED, k[0], k[1] == UNASSIGNED, k[1]))
    units = largest_remainder(np.array([cells[k] for k in keys]) / float(quantum), total_units)
    rows = [CrossRow(k[0], k[1], Decimal(int(u)) * quantum, bp)
            for k, u, bp in zip(keys, units, weights_bp(units, total_units))]
    return Decimal(total_units) * quantum, rows


def _cross_parts(item: Item, first: View, second: View, data: BookData) -> Iterator[tuple[str, str, float]]:
    for share, symbol, holding in _pieces(item, data, first.look_through):
        a = _piece_fractions(symbol, holding, first, data, item)
        b = _piece_fractions(symbol, holding, second, data, item)
        yield from ((k1, k2, share * f1 * f2) for k1, f1 in a.items() for k2, f2 in b.items())


@dataclass
class Concentration:
    hhi: Decimal  # sum of squared weights, 0..1
    effective_bets: Decimal  # 1 / HHI
    largest: str | None
    largest_weight_bp: int


def concentration(items: list[Item], data: BookData, *, look_through: bool = False) -> Concentration:
    """HHI over positions (a security held in several accounts counts once), or with look-through over
    the underlying issuers (matched by ISIN or symbol; unmatched holdings by ISIN, else name). Weights are
    of gross exposure: a short position concentrates risk as much as a long one of the same size."""
    exposures = {key: abs(value) for key, value in issuer_values(items, data, look_through=look_through).items()}
    total = sum(exposures.values())
    if not total:
        return Concentration(Decimal(0), Decimal(0), None, 0)
    weights = {key: value / total for key, value in exposures.items()}
    hhi = sum(w * w for w in weights.values())
    largest = max(weights, key=weights.__getitem__)
    return Concentration(Decimal(repr(round(hhi, 6))), Decimal(repr(round(1 / hhi, 2))) if hhi else Decimal(0),
                         largest, round(weights[largest] * 10_000))


def issuer_values(items: list[Item], data: BookData, *, look_through: bool) -> dict[str, float]:
    """Value per security, or with look-through per underlying issuer (cash left out)."""
    values: dict[str, float] = {}
    for item in items:
        if item.symbol is None:
            continue
        for share, symbol, holding in _pieces(item, data, look_through):
            piece = cast(FundHolding, holding)  # read when it has no symbol: a fund's holding then (_pieces)
            key = symbol or piece.isin or piece.name or piece.symbol
            values[key] = values.get(key, 0.0) + float(item.value_base) * share
    return values
