"""What the window shows after a write, read again only where the write's `Changed` says (no Qt): for
every kind of write, the partial load equals a load of everything, and a write that leaves the ledger's
valuation alone (a theme, a rule, the master) does not replay it."""
from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.app import operations as op
from gigatracker.app.changes import NOTHING
from gigatracker.app.window_data import load_window_data
from gigatracker.core.exposure import View
from gigatracker.core.ledger import Account, Transaction, TxType
from gigatracker.core.rules import Rule
from gigatracker.core.themes import Theme
from tests.services import test_renames
from tests.services.test_renames import CHIPS, ISIN, PCS

book = test_renames.book

VIEW = View("theme", depth=2)


def shown(data) -> tuple:
    """Everything a view reads from the window's data (dataclasses compare by value)."""
    return (data.snapshot, data.names, data.theme_labels, data.transactions, data.accounts, data.portfolios,
            data.themes, data.assignments, data.theses, data.journal, data.dashboard, data.clients,
            data.client_themes, data.exposure.result, data.exposure.targets, data.exposure.breached,
            data.exposure.colours)


WRITES = {
    "theme colour": lambda app: op.edit_theme(Theme("Thesis", CHIPS), Theme("Thesis", CHIPS, "#ff0000", "", None, 2500)),
    "weights": lambda app: op.assign("NVD.DE", [f"{PCS}=10000"]),
    "theme moved": lambda app: op.rename_theme("AI", "Thesis/AI"),
    "rule": lambda app: op.add_rule(Rule("theme", CHIPS, 1000)),
    "master": lambda app: op.plain("master", ISIN, lambda a: a.themes.set_security(ISIN, name="NVIDIA", country="TW")),
    "transaction": lambda app: op.add_transaction(Transaction(date(2024, 3, 4), "CTO", TxType.SELL, "EUR", "NVD.DE",
                                                              D(1), D(820))),
    "account": lambda app: op.edit_account("CTO", portfolio="Foyer"),
    "new account": lambda app: op.add_account(Account("PEA", "Foyer", "EUR")),
    "rename": lambda app: op.rename_securities({ISIN: "NVD.DE"}),
    "base currency": lambda app: op.set_base_currency("USD"),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_a_partial_load_after_a_write_equals_a_whole_one(book, write, monkeypatch):
    with App.open(book) as app:
        before = load_window_data(app, "Moi", VIEW)
        change = app.run(WRITES[write](app), origin="window").changed
        replays = []
        real = App.snapshot
        monkeypatch.setattr(App, "snapshot", lambda self, *a, **k: (replays.append(1), real(self, *a, **k))[1])
        partial = load_window_data(app, "Moi", VIEW, previous=before, change=change)
        assert bool(replays) == change.valuation
        monkeypatch.undo()
        assert shown(partial) == shown(load_window_data(app, "Moi", VIEW))


def test_a_portfolio_switch_reads_nothing_again(book, monkeypatch):
    with App.open(book) as app:
        app.add_account("Foyer", "PEA", "EUR")
        whole = load_window_data(app, None, VIEW)
        reads = []
        for name in ("snapshot", "accounts", "security_names"):
            real = getattr(App, name)
            monkeypatch.setattr(App, name, lambda self, *a, _real=real, **k: (reads.append(1), _real(self, *a, **k))[1])
        mine = load_window_data(app, "Moi", VIEW, previous=whole, change=NOTHING)
        assert reads == []
        monkeypatch.undo()
        assert shown(mine) == shown(load_window_data(app, "Moi", VIEW))


def test_the_performance_cache_forgets_what_a_change_makes_stale(book):
    from gigatracker.app.changes import Changed
    from gigatracker.app.performance_page import PerformanceCache

    with App.open(book) as app:
        cache = PerformanceCache(app)
        engine, version = cache.engine(), cache.version
        cache.invalidate(Changed(rules=True))  # the page shows rules' themes: recomputed, same engine
        assert cache.engine() is engine and cache.version > version
        cache.invalidate(Changed(events=True))
        assert cache.engine() is engine
        cache.invalidate(Changed(settings=True))  # every value is in the base currency
        assert cache.engine() is not engine
