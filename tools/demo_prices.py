"""Write the demo book's illustrative daily closes (resources/demo/prices.csv).

    python tools/demo_prices.py

The demo needs a price history for its performance figures to mean something. These closes are made up,
not market data (the book imports them with the source label "demo"): a seeded random walk per symbol,
in log space, bridged through every price the demo's own trades were made at and ending one step before
the two hand-written closes of 2026-11-19 and 2026-11-20, which are kept as they are. Weekdays but
1 January and 25 December. Running it
again writes the same file.
"""
from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from gigatracker.services.importers.csv_reader import read_records
from gigatracker.services.importers.mapping import load_mapping

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"
FIRST = date(2024, 1, 2)  # 1 January is a holiday
# Daily volatility of each walk (illustrative), and where the FX pairs start (there are no FX trades).
VOLATILITY = {"NVDA": 0.030, "AMD": 0.028, "SMCI": 0.040, "INTC": 0.025, "DELL": 0.024, "QCOM": 0.020,
              "TSM": 0.022, "ASML.AS": 0.020, "005930.KS": 0.018, "0992.HK": 0.022, "SOXX": 0.018,
              "VVSM.DE": 0.017, "EURUSD=X": 0.004, "EURKRW=X": 0.005, "EURHKD=X": 0.004}
FX_START = {"EURUSD=X": Decimal("1.0950"), "EURKRW=X": Decimal("1430.00"), "EURHKD=X": Decimal("8.5500")}
DECIMALS = {"KRW": 0}
FX_DECIMALS = 4
CLOSED = {(1, 1), (12, 25)}  # (month, day): no exchange trades then


def trade_anchors() -> dict[str, list[tuple[date, Decimal]]]:
    """(date, price) of every demo trade, per symbol."""
    anchors: dict[str, list[tuple[date, Decimal]]] = {}
    mapping = load_mapping(DEMO / "transactions.mapping.toml")  # read as the demo book itself is imported
    records, problems = read_records(DEMO / "transactions.csv", mapping)
    if problems:
        raise SystemExit("\n".join(map(str, problems)))
    for _, cells in records:
        if cells.get("price"):
            day = datetime.strptime(cells["date"], mapping.date_format).date()
            anchors.setdefault(cells["symbol"], []).append((day, mapping.parse_number(cells["price"])))
    return anchors


def bridge(rng: np.random.Generator, days: int, start: float, end: float, sigma: float) -> np.ndarray:
    """A random walk of `days` steps in log space from `start` to exactly `end` (a Brownian bridge)."""
    steps = rng.normal(0.0, sigma, days)
    walk = np.concatenate([[0.0], np.cumsum(steps)])
    drift = np.linspace(0.0, 1.0, days + 1) * (walk[-1] - (np.log(end) - np.log(start)))
    return np.exp(np.log(start) + walk - drift)


def main() -> None:
    with open(DEMO / "prices.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = [row for row in rows if row["date"] >= "2026-11-19"]
    last_day = date(2026, 11, 18)
    calendar = [d.date() for d in pd.bdate_range(FIRST, last_day) if (d.month, d.day) not in CLOSED]
    index = {d: i for i, d in enumerate(calendar)}
    rng = np.random.default_rng(2026)
    anchors = trade_anchors()
    written = []
    for symbol in VOLATILITY:
        close_19 = next(row for row in kept if row["symbol"] == symbol and row["date"] == "2026-11-19")
        currency = close_19["currency"]
        points = sorted(anchors.get(symbol, []))
        before_19 = float(close_19["close"]) * float(np.exp(rng.normal(0.0, VOLATILITY[symbol])))
        points = [(day, price) for day, price in points if day in index] + [(last_day, Decimal(repr(before_19)))]
        if symbol in FX_START:
            points.insert(0, (FIRST, FX_START[symbol]))
        series = np.full(len(calendar), np.nan)
        first_day, first_price = points[0]
        head = index[first_day]
        if head:  # before the first anchor: walk backwards from it
            back = bridge(rng, head, float(first_price), float(first_price) * np.exp(rng.normal(0, 0.1)),
                          VOLATILITY[symbol])
            series[:head + 1] = back[::-1]
        for (day_a, price_a), (day_b, price_b) in zip(points, points[1:]):
            a, b = index[day_a], index[day_b]
            if b > a:
                series[a:b + 1] = bridge(rng, b - a, float(price_a), float(price_b), VOLATILITY[symbol])
        places = FX_DECIMALS if symbol.endswith("=X") else DECIMALS.get(currency, 2)
        for day, value in zip(calendar, series):
            close = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places))
            written.append({"date": day.isoformat(), "symbol": symbol, "close": str(close), "currency": currency})
    written.sort(key=lambda row: (row["date"], list(VOLATILITY).index(row["symbol"])))
    with open(DEMO / "prices.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["date", "symbol", "close", "currency"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(written + kept)
    print(f"wrote {len(written) + len(kept)} closes for {len(VOLATILITY)} symbols, {calendar[0]} to 2026-11-20")


if __name__ == "__main__":
    main()
