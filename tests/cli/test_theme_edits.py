"""Renaming and moving themes (sub-themes, assignments, theses and rules follow; clashes change nothing)
and listing what makes up an exposure row, through the app and the CLI."""
from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.core.exposure import View
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.core.rules import Rule
from gigatracker.core.themes import Thesis, ThemeError
from tests.support.books import dump



@pytest.fixture
def book(tmp_path):
    path = tmp_path / "t.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transactions([Transaction(date(2024, 1, 2), "CTO", TxType.BUY, "EUR", "NVDA", D(10), D(100)),
                              Transaction(date(2024, 1, 2), "CTO", TxType.BUY, "EUR", "ASML", D(2), D(500))])
        prices = tmp_path / "p.csv"
        prices.write_text("date,symbol,close,currency\n2024-01-02,NVDA,100,EUR\n2024-01-02,ASML,500,EUR\n")
        app.import_prices(prices)
        app.themes.add_theme("AI/Chips/GPU")
        app.themes.add_theme("AI/Equipment")
        app.themes.assign("NVDA", ["AI/Chips/GPU=6000", "AI/Equipment=1000"])
        app.themes.assign("ASML", ["AI/Equipment=10000"])
        app.themes.set_thesis(Thesis("Thesis", "AI/Chips/GPU", "GPUs win inference", 4))
        app.themes.add_rule(Rule("theme", "AI/Chips/GPU", 3000))
    return path


def test_a_move_takes_sub_themes_assignments_theses_and_rules_along(book):
    with App.open(book) as app:
        assert app.themes.rename_theme("AI/Chips", "Compute/Chips") == 2
        paths = {t.path for t in app.themes.list_themes()}
        assert {"Compute", "Compute/Chips", "Compute/Chips/GPU", "AI", "AI/Equipment"} <= paths
        assert "AI/Chips" not in paths
        assert app.themes.assignments()["Thesis"]["NVDA"] == {"Compute/Chips/GPU": 6000, "AI/Equipment": 1000}
        assert [t.path for t in app.themes.theses()] == ["Compute/Chips/GPU"]
        assert [r.key for r in app.themes.rules() if r.origin == "rule"] == ["Compute/Chips/GPU"]


@pytest.mark.parametrize("old, new, why", [("AI/Chips", "AI/Equipment", "already exists"),
                                          ("AI", "AI/Sub", "under itself"), ("AI/Nope", "X", "no theme")])
def test_refused_moves_change_nothing(book, old, new, why):
    before = dump(book)
    with App.open(book) as app, pytest.raises(ThemeError, match=why):
        app.themes.rename_theme(old, new)
    assert dump(book) == before


def test_contributors_of_a_theme(book, cli):
    with App.open(book) as app:
        parts = app.themes.contributors(View("theme"), "AI/Equipment")
    # NVDA 1000 x 10% = 100; ASML 1000 x 100% = 1000
    assert [(c.symbol, c.value_base) for c in parts] == [("ASML", D("1000.00")), ("NVDA", D("100.00"))]
    rows = cli.json("exposure", "--contributors", "AI/Chips/GPU", "--book", book)
    assert rows == [{"portfolio": "P", "account": "CTO", "symbol": "NVDA", "via": None,
                     "share_of_position_bp": 6000, "value_base": "600.00"}]
    failed = cli("exposure", "--contributors", "Nope", "--book", book, ok=False)
    assert "no row 'Nope'" in failed.stderr
