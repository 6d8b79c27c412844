"""The dashboard's figures for a book or one portfolio: value, day change, P&L, top themes, breached
rules, data health and the next thesis reviews. Plain data (no Qt): the window shows it, the CLI prints it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ..core.exposure import BookData, View, exposure
from ..core.rules import Rule, RuleCheck, Violation, evaluate_rules
from ..core.themes import DEFAULT_TAXONOMY, UNASSIGNED, Thesis

if TYPE_CHECKING:
    from .open_book import App, Snapshot

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
    rules: list[RuleCheck]  # every rule (the user's and the theme targets) against this portfolio
    look_through: bool  # themes and rules see through funds (the book has fund holdings)
    coverage_bp: int | None  # share of fund value whose holdings are known
    holdings_as_of: date | None  # oldest fund holdings file used
    stale_prices: list[str] | None  # symbols whose last close is older than their market's last session
    # (None: not checked; the check loads exchange calendars, so the window does it after showing the rest)
    unvalued: list[str]  # positions or cash left out of the total, with the reason
    unclassified: list[str]  # held securities with no theme in the default taxonomy
    reviews: list[Thesis]  # the next thesis reviews, overdue first
    today: date

    @property
    def breaches(self) -> list[Violation]:
        return [check.violation for check in self.rules if check.violation is not None]

    def overdue(self, thesis: Thesis) -> bool:
        return thesis.review_date is not None and thesis.review_date < self.today


def build_dashboard(app: "App", portfolio: str | None = None, *, today: date | None = None,
                    snapshot: "Snapshot | None" = None, data: BookData | None = None, rules: list[Rule] | None = None,
                    theses: list[Thesis] | None = None, check_prices: bool = True) -> Dashboard:
    """The pieces read from the book can be passed in, so a window that shows several portfolios reads
    and values the book once."""
    today = today or date.today()
    snapshot = snapshot or app.snapshot(portfolio)
    data = data or app.themes.book_data()
    rules = app.themes.rules() if rules is None else rules
    theses = app.themes.theses() if theses is None else theses
    base = snapshot.base_currency
    look_through = bool(data.funds)
    themes = exposure(snapshot.items, View("theme", DEFAULT_TAXONOMY, None, look_through), data, base)
    top = [(row.key, row.weight_bp, row.value_base) for row in themes.rows if row.key != UNASSIGNED]
    checks = evaluate_rules(rules, snapshot.items, data, base, look_through=look_through)

    valued = [v for v in snapshot.holdings if v.market_value_base is not None]
    changes = [(v.day_change_base, v.market_value_base) for v in valued
               if v.day_change_base is not None and v.market_value_base is not None]
    day_change = sum((c for c, _ in changes), Decimal(0)) if changes else None
    before = sum((abs(value - c) for c, value in changes), Decimal(0))  # gross: shorts count by their size
    held = {v.symbol for v in snapshot.holdings}
    assigned = data.assignments.get(DEFAULT_TAXONOMY, {})
    reviews = sorted((t for t in theses if t.review_date is not None), key=lambda t: t.review_date or date.min)
    return Dashboard(
        base_currency=base, portfolio=portfolio,
        total_base=sum((item.value_base for item in snapshot.items), Decimal(0)),
        cash_base=sum((item.value_base for item in snapshot.items if item.symbol is None), Decimal(0)),
        day_change_base=day_change,
        day_change_pct=day_change / before * 100 if day_change is not None and before else None,
        unrealized_pnl_base=sum((v.unrealized_pnl_base for v in valued if v.unrealized_pnl_base is not None),
                                Decimal(0)),  # set with the market value
        top_themes=top[:TOP_THEMES], rules=checks, look_through=look_through,
        coverage_bp=themes.coverage_bp, holdings_as_of=themes.as_of,
        stale_prices=stale_prices(app, held) if check_prices else None,
        unvalued=snapshot.problems,
        unclassified=sorted(s for s in held if s not in data.funds and not assigned.get(s)),
        reviews=reviews[:NEXT_REVIEWS], today=today)


def stale_prices(app: "App", symbols: set[str]) -> list[str]:
    """Held symbols whose last close is older than their market's last session (one with no close at all is
    not stale: it has no price yet, and the dashboard lists it as not valued)."""
    return sorted(row["symbol"] for row in app.market.quote_status()
                  if row["stale"] and row["last_close"] is not None and row["symbol"] in symbols)
