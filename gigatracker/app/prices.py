"""The prices in force for every figure the window shows (issue 19): the book's last closes, with the ticks
of a live or simulated feed over them while one runs. One `PriceState` per window: the holdings table,
the status bar, the dashboard, the clients, the exposure view and the performance page's today point all
derive their figures from the same ticks (`priced`, `at_tick`), and turning the feed off (or switching
feeds) drops every tick at once, so every figure is back on the closes together. Never stored: the book,
the CLI and the PDF reports know only closes."""
from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import Mapping

from ..core.valuation import Valuation, revalue
from ..services.stream.tick import Tick
from .open_book import Snapshot


class PriceSource(StrEnum):
    CLOSES = "closes"
    LIVE = "live"
    SIMULATED = "simulated"


class PriceState:
    def __init__(self) -> None:
        self.source = PriceSource.CLOSES
        self.ticks: dict[str, Tick] = {}  # the latest per symbol since the feed started
        self.version = 0  # moves with every change: a figure computed at an older one is out of date
        self.session = 0  # moves with every start or stop: a figure from another feed's ticks is never shown

    def start(self, source: PriceSource) -> None:
        """A feed starts: the ticks of any other are dropped (a simulated price never survives into live)."""
        self.source, self.ticks = source, {}
        self.version += 1
        self.session += 1

    def update(self, ticks: Mapping[str, Tick]) -> None:
        if ticks:
            self.ticks.update(ticks)
            self.version += 1

    def stop(self) -> None:
        """Back to the closes, for every figure at once."""
        self.start(PriceSource.CLOSES)

    @property
    def simulated(self) -> bool:
        return self.source is PriceSource.SIMULATED


def at_tick(valuation: Valuation, tick: Tick | None) -> Valuation | None:
    """The position valued at the tick, or None when the tick does not move it: none for its symbol, quoted
    in another currency, the same price, or no exchange rate to value it with."""
    if tick is None or (tick.currency and tick.currency != valuation.currency) or tick.price == valuation.price:
        return None
    return revalue(valuation, tick.price, tick.time.date(), tick.source)


def priced(snapshot: Snapshot, ticks: Mapping[str, Tick]) -> Snapshot:
    """The snapshot (valued at the closes) at these ticks: positions revalued, the exposure items with
    them; cash and what could not be valued are as they were (a tick never values a position without a
    close: it has no exchange rate)."""
    if not ticks:
        return snapshot
    holdings = [at_tick(v, ticks.get(v.symbol)) or v for v in snapshot.holdings]
    values = {(v.account, v.symbol): v.market_value_base for v in holdings if v.market_value_base is not None}
    items = [item if item.symbol is None else replace(item, value_base=values[(item.account, item.symbol)])
             for item in snapshot.items]
    return Snapshot(snapshot.base_currency, holdings, items, snapshot.problems, snapshot.problem_portfolios)
