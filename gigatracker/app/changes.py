"""What a write changed and who started it: published by the app after each commit (views refresh from
it; none polls the book) and returned by `App.run` to whoever asked for the write."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

PARTS = ("accounts", "transactions", "prices", "securities", "themes", "rules", "funds", "settings", "benchmarks",
         "events")


@dataclass(frozen=True)
class Changed:
    accounts: bool = False  # accounts and portfolios
    transactions: bool = False
    prices: bool = False  # the closes and FX rates cache
    securities: bool = False  # the security master (names, ISINs, classes), a symbol renamed
    themes: bool = False  # taxonomies, themes, their targets and colours, assignments, theses, journal
    rules: bool = False
    funds: bool = False  # funds' look-through holdings
    settings: bool = False  # the base currency
    benchmarks: bool = False  # a portfolio's (or the book's) benchmark
    events: bool = False  # the dividends and splits Yahoo reported, pending, accepted or dismissed
    origin: str = ""  # who started it: "window", "undo", "redo", "quotes", "cli" … ("" when not said)

    def parts(self) -> tuple[str, ...]:
        return tuple(name for name in PARTS if getattr(self, name))

    def __bool__(self) -> bool:
        return bool(self.parts())

    def __or__(self, other: "Changed") -> "Changed":
        """Both changes (one operation may write several times); the first origin said wins."""
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name != "origin"}
        return Changed(**merged, origin=self.origin or other.origin)

    @classmethod
    def of(cls, parts) -> "Changed":
        """The change that names these parts (names it does not know are left out)."""
        named: dict[str, Any] = {part: True for part in parts if part in PARTS}
        return cls(**named)

    def by(self, origin: str) -> "Changed":
        return replace(self, origin=origin)

    # What the window's data needs again after this change (see app/window_data.py).
    @property
    def valuation(self) -> bool:
        """Positions, cash and their values: the ledger is replayed and valued again."""
        return self.transactions or self.accounts or self.prices or self.settings

    @property
    def classification(self) -> bool:
        """How positions are classified: themes, the master, funds, rules (no replay needed)."""
        return self.themes or self.securities or self.funds or self.rules


ELSEWHERE = "elsewhere"  # the origin of a change another desk made to a shared book
NOTHING = Changed()
EVERYTHING = Changed(accounts=True, transactions=True, prices=True, securities=True, themes=True, rules=True,
                     funds=True, settings=True, benchmarks=True, events=True)  # e.g. the Reload action: read it all again
