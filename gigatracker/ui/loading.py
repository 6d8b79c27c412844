"""What the window shows, read and valued once per reload (in a worker): the book is valued once and
cut per portfolio for the dashboard, the clients and the exposure view. No Qt here."""
from __future__ import annotations

from dataclasses import dataclass

from ..app import App, Snapshot
from ..app_themes import ExposureReport
from ..core.exposure import View, concentration, exposure
from ..core.ledger import Account, Transaction
from ..core.themes import DEFAULT_TAXONOMY, Theme
from ..dashboard import Dashboard, build_dashboard


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
    dashboard: Dashboard  # without the stale-price check (see `stale_symbols`)
    clients: list[Dashboard]
    exposure: ExposureReport


def load_window_data(app: App, portfolio: str | None, view: View) -> WindowData:
    whole = app.snapshot()
    data = app.themes.book_data()
    rules, theses = app.themes.rules(), app.themes.theses()
    portfolios = app.portfolios()
    selected = whole if portfolio is None else whole.restrict(portfolio)

    def dashboard(name: str | None, snapshot: Snapshot) -> Dashboard:
        return build_dashboard(app, name, snapshot=snapshot, data=data, rules=rules, theses=theses,
                               check_prices=False)

    assignments = data.assignments
    labels = {symbol: ", ".join(f"{path.split('/')[-1]} {bp / 100:g} %" for path, bp in weights.items())
              for symbol, weights in assignments.get(DEFAULT_TAXONOMY, {}).items()}
    return WindowData(
        portfolio=portfolio, snapshot=selected, names=app.security_names(), theme_labels=labels,
        transactions=whole.transactions, accounts=app.accounts(), portfolios=portfolios,
        themes=app.themes.list_themes(), assignments=assignments,
        dashboard=dashboard(portfolio, selected),
        clients=[dashboard(name, whole.restrict(name)) for name in portfolios],
        exposure=exposure_report(selected, view, data))


def exposure_report(snapshot: Snapshot, view: View, data) -> ExposureReport:
    return ExposureReport(exposure(snapshot.items, view, data, snapshot.base_currency), None,
                          concentration(snapshot.items, data, look_through=view.look_through), snapshot.problems)
