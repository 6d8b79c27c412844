"""The performance page as a user meets it on the demo book: the period buttons and custom dates set what
is measured (the same figures as `gigatracker performance`), the crosshair reads out a day, the themes'
contributions add up to the TTWROR, a write or a new benchmark recomputes the page, live prices move only
today's point, and the dashboard's value chart follows its period."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate

from gigatracker.app import App
from gigatracker.app.performance import PeriodChoice
from gigatracker.core.flows import Scope
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.app.demo import build_demo_book
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.views.performance import PerformanceView
from tests.ui.conftest import SCREENSHOTS


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "demo.gtbook"
    build_demo_book(path).close()
    app = App.open(path)
    main = MainWindow(app, page="performance")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitUntil(lambda: main.performance.page is not None, timeout=30_000)
    yield main
    main.close()
    app.close()


def shown(view: PerformanceView, qtbot, period) -> None:
    before = view.page
    view.set_period(period)
    qtbot.waitUntil(lambda: view.page is not before, timeout=10_000)


def test_the_period_buttons_measure_what_the_cli_measures(window, qtbot):
    view = window.performance
    for period in ("1y", "max", "ytd", "3y"):
        shown(view, qtbot, period)
        page = view.page
        expected = window.app.performance.measure(Scope("book"), PeriodChoice(period))
        assert page.period == expected.period
        # the date fields show the period measured (they stayed at a year ago whatever the period)
        assert (view.start_edit.date().toPython(), view.end_edit.date().toPython()) == \
            (expected.period.start, expected.period.end)
        assert page.figures.ttwror == pytest.approx(expected.ttwror, abs=1e-12)
        assert page.figures.irr == pytest.approx(expected.irr, abs=1e-9)
        assert page.figures.max_drawdown == pytest.approx(expected.drawdown.maximum, abs=1e-12)
        assert view.ttwror_card.value.text().replace("\u00a0", " ").endswith("%")
        contributions = sum(r.contribution for r in page.themes)
        assert contributions == pytest.approx(page.figures.ttwror, abs=1e-9)
    assert view.benchmark_card.detail.text().startswith("SOXX")


def test_custom_dates_and_the_portfolio_selector(window, qtbot):
    view = window.performance
    before = view.page
    view.period_buttons.buttons()[-1].click()  # Custom
    assert view.start_edit.isEnabled()
    view.start_edit.setDate(QDate(2025, 3, 31))
    view.end_edit.setDate(QDate(2025, 9, 30))
    qtbot.waitUntil(lambda: view.page is not before and view.page.period.start == date(2025, 3, 31)
                    and view.page.period.end == date(2025, 9, 30), timeout=10_000)
    expected = window.app.performance.measure(Scope("book"), PeriodChoice(None, date(2025, 3, 31), date(2025, 9, 30)))
    assert view.page.figures.ttwror == pytest.approx(expected.ttwror, abs=1e-12)
    before = view.page
    window.portfolio_box.setCurrentIndex(window.portfolio_box.findData("Client Dupont"))
    qtbot.waitUntil(lambda: view.page is not before and view.page.scope == Scope("portfolio", "Client Dupont"),
                    timeout=10_000)
    assert "Client Dupont" in view.title.text()
    assert view.benchmark_card.detail.text().startswith("60 % SOXX + 40 % VVSM.DE")
    each = window.app.performance.measure_each("security", Scope("portfolio", "Client Dupont"),
                                                PeriodChoice(None, date(2025, 3, 31), date(2025, 9, 30)))
    by_name = {m.scope.name: m for m in each}
    assert {row.name for row in view.model.rows} == set(by_name)
    for row in view.model.rows:
        assert row.ttwror == pytest.approx(by_name[row.name].ttwror, abs=1e-12), row.name
    view.table_kind.setCurrentIndex(view.table_kind.findData("account"))
    assert [row.name for row in view.model.rows] == ["Dupont CTO"]
    assert view.model.rows[0].ttwror == pytest.approx(view.page.figures.ttwror, abs=1e-12)
    # The other pages reload for the portfolio too, once the performance page has answered (refresh.py)
    qtbot.waitUntil(lambda: window.refresh.data is not None and window.refresh.data.portfolio == "Client Dupont",
                    timeout=10_000)
    assert {v.portfolio for v in window.model._holdings} == {"Client Dupont"}


def test_the_crosshair_reads_out_a_day(window, qtbot):
    view = window.performance
    shown(view, qtbot, "1y")
    page = view.page
    text = view.value_chart.readout_at(100).replace("\u202f", " ").replace("\u00a0", " ")
    assert "Value" in text and "Invested capital" in text
    assert f"{page.values[100]:,.0f}" in text
    chart_days = view.return_chart._days
    assert len(chart_days) == len(page.days) and "SOXX" in view.return_chart.legend.text()


def test_a_write_and_a_new_benchmark_recompute_the_page(window, qtbot):
    view = window.performance
    shown(view, qtbot, "ytd")
    before, value = view.page, view.page.figures.final_value
    window.app.add_transaction(Transaction(date.today(), "PEA", TxType.DEPOSIT, "EUR", amount=D(1000)))
    qtbot.waitUntil(lambda: view.page is not before and view.page.figures.final_value != value, timeout=10_000)
    assert view.page.figures.final_value == pytest.approx(value + 1000, abs=0.01)
    before = view.page
    window.app.performance.set_benchmark(None, ["VVSM.DE"])
    qtbot.waitUntil(lambda: view.page is not before and view.page.benchmark == "VVSM.DE", timeout=10_000)
    assert view.benchmark_card.detail.text().startswith("VVSM.DE")


def test_live_prices_move_only_todays_point(window, qtbot):
    view = window.performance
    shown(view, qtbot, "1y")
    last = float(view.page.values[-1])
    view.set_live(1234.5, "today (simulated)")
    points = view.value_chart.today.data
    assert len(points) == 1 and points["y"][0] == pytest.approx(last + 1234.5)
    assert view.value_chart.today_label.textItem.toPlainText() == "today (simulated)"
    assert float(view.page.values[-1]) == last  # the series itself is the closes'
    window.set_live(False)
    assert len(view.value_chart.today.data) == 0


def test_the_dashboard_chart_follows_its_period(window, qtbot):
    window.show_page("dashboard")
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: "TTWROR" in dashboard.history_figures.text(), timeout=10_000)
    dashboard.history_period.setCurrentIndex(dashboard.history_period.findData("max"))
    expected = window.app.performance.measure(Scope("book"), PeriodChoice("max"))
    percent = f"{expected.ttwror * 100:+.2f} %"
    qtbot.waitUntil(lambda: percent in dashboard.history_figures.text(), timeout=10_000)
    assert len(dashboard.history_chart._days) == expected.period.days + 1


@pytest.mark.parametrize("appearance", ["light", "dark"])
def test_screenshots_of_each_chart(window, qtbot, appearance):
    from gigatracker.ui.appearance import apply_appearance
    apply_appearance(appearance)
    view = window.performance
    shown(view, qtbot, "3y")
    SCREENSHOTS.mkdir(exist_ok=True)
    for index, name in enumerate(("value", "return", "drawdown")):
        view.charts.setCurrentIndex(index)
        qtbot.wait(50)
        assert window.grab().toImage().save(str(SCREENSHOTS / f"performance_{name}_{appearance}.png"))
    apply_appearance("light")


def test_a_page_that_cannot_be_computed_leaves_no_figures_of_another(qtbot, tmp_path):
    """The base currency changed to one the book has no rates for: the performance page and the
    dashboard's chart say why, and show nothing of the page computed before in the old currency."""
    from gigatracker.app import operations as op

    path = tmp_path / "fx.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Moi", "CTO", "EUR")
        app.add_transactions([Transaction(date(2025, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(1000))])
    app = App.open(path)
    window = MainWindow(app, page="performance")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.performance.page is not None, timeout=20_000)
    window.writes.run(op.set_base_currency("USD"))
    qtbot.waitUntil(lambda: window.performance.page is None and "USD" in window.performance.status.text(),
                    timeout=20_000)
    assert window.performance.ttwror_card.value.text() == "—"
    qtbot.waitUntil(lambda: window.dashboard.history_figures.text().startswith("No chart:"), timeout=20_000)
    window.close()
    app.close()
