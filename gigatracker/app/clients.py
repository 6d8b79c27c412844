"""Advisers' comparisons, with no Qt: every portfolio's theme weights (at every level of the taxonomy), a
client against a model portfolio, and a client against its own targets and rules. The clients view shows
them; `gigatracker clients` prints them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.exposure import BookData, View, exposure
from ..core.rules import RuleCheck
from ..core.themes import DEFAULT_TAXONOMY, UNASSIGNED, Theme

if TYPE_CHECKING:
    from .open_book import App, Snapshot
    from .dashboard import Dashboard


@dataclass(frozen=True)
class ModelRow:
    theme: str
    client_bp: int
    model_bp: int

    @property
    def difference_bp(self) -> int:
        return self.client_bp - self.model_bp


def theme_weights(snapshot: "Snapshot", data: BookData, themes: list[Theme],
                  taxonomy: str = DEFAULT_TAXONOMY) -> dict[str, int]:
    """Weight of every theme of the taxonomy, at every level (a parent and its children), looking through
    funds when the book has their holdings."""
    depth = max((t.depth for t in themes if t.taxonomy == taxonomy), default=1)
    weights: dict[str, int] = {}
    for level in range(1, depth + 1):
        view = View("theme", taxonomy, level, look_through=bool(data.funds))
        for row in exposure(snapshot.items, view, data, snapshot.base_currency).rows:
            weights[row.key] = row.weight_bp
    return weights


def against_model(mine: dict[str, int], theirs: dict[str, int]) -> tuple[list[ModelRow], int]:
    """Theme by theme (Unassigned last), and how much of the client's weight sits differently: the
    differences of the leaf themes, each point moved counted once."""
    keys = sorted(set(mine) | set(theirs), key=lambda k: (k == UNASSIGNED, k))
    rows = [ModelRow(key, mine.get(key, 0), theirs.get(key, 0)) for key in keys]
    leaves = {key for key in keys if not any(other.startswith(key + "/") for other in keys)}
    return rows, sum(abs(row.difference_bp) for row in rows if row.theme in leaves) // 2


def against_targets(checks: list[RuleCheck]) -> list[RuleCheck]:
    """The theme target ranges first, then the user's rules, each by dimension and key."""
    return sorted(checks, key=lambda c: (c.rule.origin != "target", c.rule.dimension, c.rule.key))


def overview(app: "App") -> list[tuple["Dashboard", dict[str, int]]]:
    """Each portfolio's dashboard and theme weights, from one reading and valuation of the book."""
    from .dashboard import build_dashboard

    whole, data = app.snapshot(), app.themes.book_data()
    rules, theses, themes = app.themes.rules(), app.themes.theses(), app.themes.list_themes()
    result = []
    for name in app.portfolios():
        mine = whole.restrict(name)
        result.append((build_dashboard(app, name, snapshot=mine, data=data, rules=rules, theses=theses,
                                       check_prices=False), theme_weights(mine, data, themes)))
    return result
