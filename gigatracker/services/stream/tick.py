"""A live price: what the feeds produce and the views consume. Kept apart from the frame decoder, so
importing it does not import yfinance (half a second at start-up)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

SOURCE = "yahoo-stream"


@dataclass(frozen=True, slots=True)
class Tick:
    symbol: str
    price: Decimal
    currency: str
    time: datetime  # exchange time of the trade, UTC
    source: str = SOURCE
    change_percent: float | None = None
    day_volume: int | None = None

    def as_json(self) -> dict:
        return {"symbol": self.symbol, "price": format(self.price, "f"), "currency": self.currency,
                "time": self.time.isoformat().replace("+00:00", "Z"), "source": self.source}
