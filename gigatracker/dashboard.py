"""The dashboard's figures for a book or one portfolio: value, day change, P&L, top themes, breached
rules, data health and the next thesis reviews. Plain data (no Qt): the window shows it, the CLI prints it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from .core.exposure import View, exposure
from .core.rules import Violation, check_rules
from .core.themes import DEFAULT_TAXONOMY, UNASSIGNED, Thesis

if TYPE_CHECKING:
    from .app import App

TOP_THEMES = 5
NEXT_REVIEWS = 5


@dataclass(frozen=True)
class Dashboard:
    base_currency: str
    portfolio: str | None
    total_base: Decimal  # positions and cash that could be valued
    cash_base: Decimal
    day_change_base: Decimal | None  # positions with a previous close only
    day_change_pct: Decimal | None
    unrealized_pnl_base: Decimal
    top_themes: list[tuple[str, int, Decimal]]  # (theme path, weight bp, value), largest first
    breaches: list[Violation]
    look_through: bool  # themes and rules see through funds (the book has fund holdings)
    coverage_bp: int | None  # share of fund value whose holdings are known
    holdings_as_of: date | None  # oldest fund holdings file used
    stale_prices: list[str]  # symbols whose last close is older than their market's last session
    unvalued: list[str]  # positions or cash left out of the total, with the reason
    unclassified: list[str]  # held securities with no theme in the default taxonomy
    reviews: list[Thesis]  # the next thesis reviews, overdue first
    today: date

    def overdue(self, thesis: Thesis) -> bool:
        return thesis.review_date is not None and thesis.review_date < self.today


def build_dashboard(app: "App", portfolio: str | None = None, *, today: date | None = None) -> Dashboard:
    today = today or date.today()
    snapshot = app.snapshot(portfolio)
    data = app.themes.book_data()
    base = snapshot.base_currency
    look_through = bool(data.funds)
    themes = exposure(snapshot.items, View("theme", DEFAULT_TAXONOMY, None, look_through), data, base)
    top = [(row.key, row.weight_bp, row.value_base) for row in themes.rows if row.key != UNASSIGNED]
    breaches = check_rules(app.themes.rules(), snapshot.items, data, base, look_through=look_through)

    valued = [v for v in snapshot.holdings if v.market_value_base is not None]
    changes = [(v.day_change_base, v.market_value_base) for v in valued if v.day_change_base is not None]
    day_change = sum((c for c, _ in changes), Decimal(0)) if changes else None
    before = sum((value - c for c, value in changes), Decimal(0))
    held = {v.symbol for v in snapshot.holdings}
    assigned = data.assignments.get(DEFAULT_TAXONOMY, {})
    theses = sorted((t for t in app.themes.theses() if t.review_date is not None), key=lambda t: t.review_date)
    stale = [row["symbol"] for row in app.market.quote_status() if row["stale"] and row["symbol"] in held]
    return Dashboard(
        base_currency=base, portfolio=portfolio,
        total_base=sum((item.value_base for item in snapshot.items), Decimal(0)),
        cash_base=sum((item.value_base for item in snapshot.items if item.symbol is None), Decimal(0)),
        day_change_base=day_change,
        day_change_pct=day_change / before * 100 if day_change is not None and before else None,
        unrealized_pnl_base=sum((v.unrealized_pnl_base for v in valued), Decimal(0)),
        top_themes=top[:TOP_THEMES], breaches=breaches, look_through=look_through,
        coverage_bp=themes.coverage_bp, holdings_as_of=themes.as_of, stale_prices=sorted(stale),
        unvalued=snapshot.problems,
        unclassified=sorted(s for s in held if s not in data.funds and not assigned.get(s)),
        reviews=theses[:NEXT_REVIEWS], today=today)
