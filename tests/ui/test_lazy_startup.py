"""Start-up stays lazy (issue 18): the window opens on a book without loading what its first screen does
not show (pyqtgraph's charts, the import wizard and the importers' presets, the exports, the market and
streaming clients, pandas), and those pages and actions load it when first used, showing what arrived
meanwhile. `gigatracker` with no command starts the window without the CLI, the app layer before Qt.
Timings are benchmarks/startup.py's; these tests only guard what is imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.app import App
from gigatracker.app.demo import build_demo_book
from gigatracker.app.performance import PeriodChoice
from gigatracker.app.performance_page import PerformanceCache
from gigatracker.core.ledger import Transaction, TxType

# Not imported until a page or action needs it (a top-level package: none of its modules either).
DEFERRED = (
    "pyqtgraph",  # the dashboard's value chart, the performance page, the exposure bars
    "gigatracker.ui.charts.history", "gigatracker.ui.charts.plot", "gigatracker.ui.charts.bars",
    "gigatracker.ui.dialogs.import_wizard", "gigatracker.services.importers.presets",  # File → Import
    "gigatracker.services.exporters", "gigatracker.services.reports.adviser", "openpyxl",  # exports, reports
    "gigatracker.services.market.calendars", "gigatracker.services.market.yahoo",  # quotes
    "gigatracker.services.stream.client", "websockets",  # live prices
    "pandas", "yfinance", "exchange_calendars",
    "gigatracker.cli",  # the window's start does without the CLI's parser
)

CHILD = r"""
import json, sys, time
from gigatracker.__main__ import load_window
launch = load_window()
from PySide6.QtCore import QSettings
qt_app = launch.prepare_qt_app()
QSettings().setValue("quotes/refresh", "manual")
from gigatracker.app import App
from gigatracker.ui.main_window import MainWindow
window = MainWindow(App.open(sys.argv[1]), page="holdings")
window.show()
deadline = time.monotonic() + 60
while not (window.model.rowCount() > 0 and window.transactions.model.rowCount() > 0
           and window.dashboard.total.value.text() != "—"):
    if time.monotonic() > deadline:
        sys.exit("the window did not load")
    qt_app.processEvents()
    time.sleep(0.005)
loaded = sorted(sys.modules)
window.show_page("performance")  # built when first shown: pyqtgraph now
window.show_page("dashboard")
charts = "pyqtgraph" in sys.modules and window.dashboard._chart is not None
print(json.dumps({"loaded": loaded, "charts": charts}))
launch.wait_for_workers()
window.app.close()
"""


def loaded_by(modules: list[str], name: str) -> list[str]:
    return [m for m in modules if m == name or m.startswith(name + ".")]


@pytest.fixture
def book(tmp_path) -> Path:
    path = tmp_path / "start.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Moi", "CTO", "EUR")
        app.add_transactions([Transaction(date(2025, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(10_000)),
                              Transaction(date(2025, 1, 3), "CTO", TxType.BUY, "EUR", "AIR.PA", D(10), D(150),
                                          fees=D(1))])
    return path


def test_the_window_opens_without_what_its_first_screen_does_not_show(book):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", CHILD, str(book)], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    modules = report["loaded"]
    assert "gigatracker.ui.main_window" in modules and "gigatracker.app" in modules
    assert {name: loaded_by(modules, name)[:3] for name in DEFERRED if loaded_by(modules, name)} == {}
    assert report["charts"], "the charts are built when their page is first shown"


def test_the_app_layer_is_imported_before_qt():
    """PySide6's import hook slows every module imported after it: `load_window` imports SQLAlchemy and the
    app layer first, and the CLI not at all."""
    code = ("import sys; from gigatracker.__main__ import load_window; load_window(); "
            "names = list(sys.modules); print(names.index('sqlalchemy') < names.index('PySide6'), "
            "'gigatracker.cli' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


@pytest.mark.parametrize("argv", [[], ["--book", "a.gtbook"], ["--book=a.gtbook"], ["--self-test"],
                                  ["--self-test", "--screenshot", "shot.png"], ["--book", "a", "--book", "b"],
                                  ["--book", "postgresql://claire@pg.cabinet.lan/clients"],
                                  ["--book=postgresql://u@h:5432/db?sslmode=verify-full"]])
def test_the_windows_own_options_read_as_the_cli_reads_them(argv):
    from gigatracker.__main__ import window_arguments
    from gigatracker.cli import build_parser

    fast, parsed = window_arguments(argv), build_parser().parse_args(argv)
    assert parsed.command is None
    assert (fast.book, fast.self_test, fast.screenshot) == (parsed.book, parsed.self_test, parsed.screenshot)


@pytest.mark.parametrize("argv", [["holdings"], ["--help"], ["--version"], ["--bo", "a"], ["--book"],
                                  ["--book", "--self-test"], ["--self-test=1"], ["--book="], ["--", "holdings"],
                                  ["holdings", "--book", "a"]])
def test_anything_else_goes_to_the_cli(argv):
    from gigatracker.__main__ import window_arguments

    assert window_arguments(argv) is None


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.gtbook"
    build_demo_book(path).close()
    app = App.open(path)
    yield app
    app.close()


def test_the_dashboard_chart_built_when_shown_draws_the_history_that_arrived_before(qtbot, demo):
    from gigatracker.ui.main_window import MainWindow

    window = MainWindow(demo, page="holdings")
    qtbot.addWidget(window)
    window.show()
    dashboard = window.dashboard
    qtbot.waitUntil(lambda: "TTWROR" in dashboard.history_figures.text(), timeout=30_000)
    assert dashboard._chart is None  # never shown: not built
    window.show_page("dashboard")
    assert dashboard._chart is not None
    page = PerformanceCache(demo).page(None, PeriodChoice(dashboard.history_choice()), with_table=False,
                                       with_themes=False)
    assert len(dashboard.history_chart._days) == len(page.days)
    assert "Invested capital" in dashboard.history_chart.legend.text()
    window.close()


def test_the_performance_charts_built_when_shown_draw_the_page_and_todays_live_point(qtbot, demo):
    from gigatracker.ui.views.performance import PerformanceView

    page = PerformanceCache(demo).page(None, PeriodChoice("1y"))
    view = PerformanceView()
    qtbot.addWidget(view)
    view.show_page(page, "All portfolios")
    view.set_live(1234.5, "today (simulated)")
    assert view._built is None  # the figures are shown, the charts not built
    assert view.ttwror_card.value.text() != "—"
    view.show()
    assert view._built is not None and view.charts.count() == 3
    assert len(view.return_chart._days) == len(page.days)
    assert view.value_chart.today.data["y"][0] == pytest.approx(float(page.values[-1]) + 1234.5)
    assert view.value_chart.today_label.textItem.toPlainText() == "today (simulated)"
    view.clear_live()
    assert len(view.value_chart.today.data) == 0


def test_a_books_first_load_takes_what_the_window_holds_out_of_the_gcs_scans(qtbot, book):
    """benchmarks/gui_stalls.py: a full collection of ~200,000 objects paused every thread for 100 ms at
    random moments; once the first load has settled, they are frozen and collections scan only what is new."""
    import gc

    from gigatracker.ui.main_window import MainWindow
    gc.unfreeze()
    app = App.open(book)
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 100_000, timeout=10_000)
    started = time.perf_counter()
    gc.collect()
    assert time.perf_counter() - started < 0.05
    window.close()
    app.close()
