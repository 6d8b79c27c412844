"""What the window shows, read and valued once per reload (in a worker): the book is valued once and
cut per portfolio for the dashboard, the clients and the exposure view.

After a write, only what its `Changed` touches is read again: a theme, rule or master edit keeps the
book's valuation (no ledger replay), a portfolio switch keeps everything read and only cuts it anew."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .changes import EVERYTHING, Changed
from .open_book import App, Snapshot
from ..core.exposure import (BookData, Concentration, CrossRow, Exposure, ExposureModel, View, concentration,
                             cross_tab)
from ..core.rules import Rule, check_rules
from ..core.ledger import Account, Transaction
from ..core.themes import DEFAULT_TAXONOMY, Theme
from .clients import theme_weights
from .dashboard import Dashboard, build_dashboard
from .prices import priced
from ..services.stream.tick import Tick


@dataclass(frozen=True)
class WindowData:
    portfolio: str | None
    snapshot: Snapshot  # of the selected portfolio (or the whole book)
    names: dict[str, str]
    theme_labels: dict[str, str]  # symbol -> "Inference chips 60 %, AI PCs 40 %"
    transactions: list[Transaction]
    accounts: list[Account]
    portfolios: list[str]
    themes: list[Theme]
    assignments: dict[str, dict[str, dict[str, int]]]
    theses: list
    journal: list
    dashboard: Dashboard  # without the stale-price check (see `stale_symbols`)
    clients: list[Dashboard]
    client_themes: dict[str, dict[str, int]]  # portfolio -> theme path (every level) -> weight bp
    exposure: "ExposureData"
    whole: Snapshot  # the whole book's, which the next load may keep
    book_data: BookData
    rules: list[Rule]


def load_window_data(app: App, portfolio: str | None, view: View, cross: tuple[View, View] | None = None, *,
                     previous: WindowData | None = None, change: Changed | None = None) -> WindowData:
    """`previous` and `change` (what was written since it was read; None: read everything again)."""
    if previous is None or change is None:
        previous, change = None, EVERYTHING
    whole = previous.whole if previous and not change.valuation else app.snapshot()
    data = previous.book_data if previous and not change.classification else app.themes.book_data()
    themes_kept = previous if previous and not (change.themes or change.rules) else None
    rules = themes_kept.rules if themes_kept else app.themes.rules()
    theses = themes_kept.theses if themes_kept else app.themes.theses()
    themes = themes_kept.themes if themes_kept else app.themes.list_themes()
    journal = themes_kept.journal if themes_kept else app.themes.journal()
    accounts_kept = previous if previous and not change.accounts else None
    accounts = accounts_kept.accounts if accounts_kept else app.accounts()
    portfolios = accounts_kept.portfolios if accounts_kept else sorted({a.portfolio for a in accounts})
    names = previous.names if previous and not (change.securities or change.transactions) else app.security_names()
    transactions = previous.transactions if previous and not (change.transactions or change.accounts) else \
        app.ledger_state().transactions
    selected = whole if portfolio is None else whole.restrict(portfolio)
    figures = book_figures(app, portfolio, whole, portfolios, data, rules, theses, themes)
    assignments = data.assignments
    labels = {symbol: ", ".join(f"{path.split('/')[-1]} {bp / 100:g} %" for path, bp in weights.items())
              for symbol, weights in assignments.get(DEFAULT_TAXONOMY, {}).items()}
    return WindowData(
        portfolio=portfolio, snapshot=selected, names=names, theme_labels=labels,
        transactions=transactions, accounts=accounts, portfolios=portfolios,
        themes=themes, assignments=assignments, theses=theses, journal=journal,
        dashboard=figures.dashboard, clients=figures.clients, client_themes=figures.client_themes,
        exposure=load_exposure(selected, view, cross, data, rules, themes), whole=whole, book_data=data,
        rules=rules)


@dataclass(frozen=True)
class PricedFigures:
    """The dashboard's and the clients' figures of one valuation of the book: the closes' (the load's), or
    live or simulated ticks over them (`priced_figures`)."""
    dashboard: Dashboard
    clients: list[Dashboard]
    client_themes: dict[str, dict[str, int]]


def book_figures(app: App, portfolio: str | None, whole: Snapshot, portfolios: list[str], data: BookData,
                 rules: list[Rule], theses: list, themes: list[Theme]) -> PricedFigures:
    def dashboard(name: str | None, snapshot: Snapshot) -> Dashboard:
        return build_dashboard(app, name, snapshot=snapshot, data=data, rules=rules, theses=theses,
                               check_prices=False)

    clients = {name: whole.restrict(name) for name in portfolios}
    return PricedFigures(dashboard(portfolio, whole if portfolio is None else whole.restrict(portfolio)),
                         [dashboard(name, snapshot) for name, snapshot in clients.items()],
                         {name: theme_weights(snapshot, data, themes) for name, snapshot in clients.items()})


def priced_figures(app: App, data: WindowData, ticks: Mapping[str, Tick]) -> PricedFigures:
    """Computed as the load computes them, from its snapshot repriced: nothing is read from the book."""
    return book_figures(app, data.portfolio, priced(data.whole, ticks), data.portfolios, data.book_data,
                        data.rules, data.theses, data.themes)


@dataclass
class ExposureData:
    """One exposure view of a snapshot, with what the charts draw around it. `model` and `item_index`
    let live prices move it without reading the book again."""
    view: View
    result: Exposure
    concentration: Concentration
    targets: dict[str, tuple[int | None, int | None]]  # key -> (min bp, max bp) from rules and theme targets
    breached: set[str]
    colours: dict[str, str]
    cross: tuple[View, View, list[CrossRow]] | None
    model: ExposureModel
    item_index: dict[tuple[str, str | None], int]  # (account, symbol) -> row of the model
    items: list
    data: BookData


def load_exposure(snapshot: Snapshot, view: View, cross: tuple[View, View] | None, data: BookData,
                  rules: list[Rule], themes: list[Theme]) -> ExposureData:
    items, base = snapshot.items, snapshot.base_currency
    model = ExposureModel(items, view, data, base)
    same = [r for r in rules if r.dimension == view.dimension and (view.dimension != "theme" or r.taxonomy == view.taxonomy)]
    targets: dict[str, tuple[int | None, int | None]] = {}
    for rule in same:
        low, high = targets.get(rule.key, (None, None))
        targets[rule.key] = (rule.min_bp if rule.min_bp is not None else low,
                             rule.max_bp if rule.max_bp is not None else high)
    breached = {v.key for v in check_rules(same, items, data, base, look_through=view.look_through)}
    colours = {t.path: t.colour for t in themes if view.dimension == "theme" and t.taxonomy == view.taxonomy}
    crossed = None
    if cross is not None:
        crossed = (cross[0], cross[1], cross_tab(items, cross[0], cross[1], data, base)[1])
    return ExposureData(view, model.result(), concentration(items, data, look_through=view.look_through), targets,
                        breached, colours, crossed, model,
                        {(item.account, item.symbol): i for i, item in enumerate(items)}, items, data)


def exposure_for(app: App, portfolio: str | None, view: View, cross: tuple[View, View] | None) -> ExposureData:
    """Another view of the exposure (the user picked a dimension): the book valued again, in a worker."""
    return load_exposure(app.snapshot(portfolio), view, cross, app.themes.book_data(), app.themes.rules(),
                         app.themes.list_themes())
