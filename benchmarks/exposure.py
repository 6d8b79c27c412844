"""Exposure benchmark: 5,000 positions, 100 themes over 2 taxonomies, 200 funds x 500 holdings.

Prints the time to build the classification (once per view), a full recompute (every value changed:
one product per view plus exact rounding of the rows), an incremental recompute after 50 price changes,
and the floor: a bare numpy product of the same shapes.

    python benchmarks/exposure.py
"""
from __future__ import annotations

import random
import time
from datetime import date
from decimal import Decimal

import numpy as np

from gigatracker.core.exposure import BookData, ExposureModel, FundHolding, FundHoldings, Item, SecurityInfo, View

POSITIONS, FUNDS, HOLDINGS_PER_FUND, UNIVERSE = 5_000, 200, 500, 8_000
TAXONOMIES = {"Thesis": 60, "Chip geography": 40}


def build(seed: int = 11):
    rng = random.Random(seed)
    symbols = [f"S{i:05d}" for i in range(UNIVERSE)]
    master = {s: SecurityInfo(s, isin=f"XX{i:010d}", country=rng.choice(["US", "TW", "KR", "NL", "JP"]),
                              asset_class="equity") for i, s in enumerate(symbols)}
    funds = {}
    for f in range(FUNDS):
        symbol = f"F{f:03d}"
        master[symbol] = SecurityInfo(symbol, asset_class="etf", country="IE")
        picks = rng.sample(range(UNIVERSE), HOLDINGS_PER_FUND)
        weights = np.array([rng.random() for _ in picks])
        weights = weights / weights.sum() * rng.uniform(0.7, 1.0)  # 70-100% covered
        funds[symbol] = FundHoldings(symbol, date(2026, 10, 31), "bench", tuple(
            FundHolding("" if i % 3 else symbols[p], "", master[symbols[p]].isin, Decimal(f"{w:.6f}"))
            for i, (p, w) in enumerate(zip(picks, weights))))
    assignments = {}
    for taxonomy, count in TAXONOMIES.items():
        paths = [f"Group {i % 5}/Theme {i}" for i in range(count)]
        per_symbol = {}
        for s in symbols:
            chosen = rng.sample(paths, rng.randint(1, 3))
            per_symbol[s] = {p: 2_500 for p in chosen}
        assignments[taxonomy] = per_symbol
    held = rng.sample(symbols, POSITIONS - FUNDS) + list(funds)
    items = [Item("P", f"A{i % 3}", s, "USD", Decimal(rng.randint(100, 5_000_000)) / 100) for i, s in enumerate(held)]
    return items, BookData(master, assignments, funds)


def timed(function, repeat: int = 20) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    items, data = build()
    views = [View("theme", taxonomy, None, True) for taxonomy in TAXONOMIES]
    started = time.perf_counter()
    models = [ExposureModel(items, view, data, "EUR") for view in views]
    build_time = time.perf_counter() - started
    shapes = [m.matrix.shape for m in models]

    def full():
        for model in models:
            model.recompute()
            model.result()

    def floor():
        for model in models:
            model.values @ model.matrix

    rng = random.Random(5)
    changed = rng.sample(range(len(items)), 50)

    def incremental():
        values = [Decimal(rng.randint(100, 5_000_000)) / 100 for _ in changed]
        for model in models:
            model.set_values(changed, values)
            model.result()

    full_time, floor_time, incremental_time = timed(full), timed(floor, 200), timed(incremental)
    for model in models:  # incremental updates must agree with a full recompute
        before = {row.key: row.value_base for row in model.result().rows}
        model.recompute()
        assert before == {row.key: row.value_base for row in model.result().rows}
    print(f"{len(items)} positions ({FUNDS} funds x {HOLDINGS_PER_FUND} holdings), views {shapes}")
    print(f"classification build (once per view, both views): {build_time * 1000:.0f} ms")
    print(f"full recompute: {full_time * 1000:.3f} ms | floor (bare numpy product): {floor_time * 1000:.3f} ms"
          f" | ratio {full_time / floor_time:.2f}x (target <= 3x)")
    print(f"incremental after 50 price changes: {incremental_time * 1000:.3f} ms (target < 5 ms)")


if __name__ == "__main__":
    main()
