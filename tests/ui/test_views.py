"""Every view of the window on the demo book, in light and dark, English and French: screenshots are
saved to tests/screenshots/ (look at them), and checked to be neither blank nor free of text."""
from collections import Counter

import pytest
from PySide6.QtGui import QImage

from gigatracker.app import App
from gigatracker.app.demo import build_demo_book
from gigatracker.services.language import install_language
from gigatracker.ui.appearance import apply_appearance
from gigatracker.ui.main_window import PAGES, MainWindow
from tests.ui.conftest import SCREENSHOTS

TITLES = {"en": ("Dashboard", "Total value", "Holdings"), "fr": ("Tableau de bord", "Valeur totale", "Positions")}


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gtbook"
    build_demo_book(path).close()
    return path


def ink(image: QImage) -> tuple[float, int]:
    """Share of pixels that differ from the background, and how many colours appear (anti-aliased text
    brings many)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    colours = Counter(image.pixel(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2))
    background = colours.most_common(1)[0][1]
    total = sum(colours.values())
    return 1 - background / total, len(colours)


def loaded(window: MainWindow) -> bool:
    return window.model.rowCount() == 15 and window.dashboard.total.value.text() != "—"


FILLED = {  # a view is filled when first shown (start-up paints only what is on screen)
    "clients": lambda w: w.clients.table.rowCount() == 2 and w.clients.table.item(0, 5).text() != "…",
    "exposure": lambda w: w.exposure.data is not None and w.exposure.heatmap.columnCount() == 6,  # Thesis x geography
    "themes": lambda w: w.themes.tree.topLevelItemCount() > 0,
    "performance": lambda w: w.performance.page is not None and w.performance.model.rowCount() > 0,
}


@pytest.mark.parametrize("appearance", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_view_renders(qtbot, demo_book, language, appearance):
    assert install_language(language)
    apply_appearance(appearance)
    app = App.open(demo_book)
    window = MainWindow(app, page="welcome")
    qtbot.addWidget(window)
    window.resize(1280, 780)
    window.show()
    qtbot.waitUntil(lambda: loaded(window), timeout=30_000)
    nav, total, holdings = TITLES[language]
    assert window.nav.item(0).text() == nav and window.dashboard.total.title.text() == total
    assert window.nav.item(1).text() == holdings
    background = window.palette().window().color().lightness()
    assert (background < 100) == (appearance == "dark")
    SCREENSHOTS.mkdir(exist_ok=True)
    for page in ("welcome", *PAGES):
        window.show_page(page)
        qtbot.waitUntil(lambda page=page: FILLED.get(page, lambda w: True)(window), timeout=20_000)
        qtbot.wait(50)
        image = window.grab().toImage()
        assert image.save(str(SCREENSHOTS / f"{page}_{appearance}_{language}.png"))
        covered, colours = ink(image)
        assert covered > 0.02 and colours > 40, f"{page} looks blank ({covered:.1%} ink, {colours} colours)"
    window.close()
    app.close()


def test_the_data_health_counts_what_it_cannot_list(qtbot):
    """A large book can have thousands of stale or unclassified symbols: a line lists a few and counts the
    rest (a label of thousands took 100 ms to lay out at every live update: benchmarks/ui_latency.py)."""
    from dataclasses import replace
    from datetime import date
    from decimal import Decimal as D

    from gigatracker.app.dashboard import Dashboard
    from gigatracker.ui.views.dashboard import DashboardView
    view = DashboardView()
    qtbot.addWidget(view)
    symbols = [f"S{i:04d}" for i in range(500)]
    board = Dashboard(base_currency="EUR", portfolio=None, total_base=D(1000), cash_base=D(0), day_change_base=None,
                      day_change_pct=None, unrealized_pnl_base=D(0), top_themes=[], rules=[], look_through=False,
                      coverage_bp=None, holdings_as_of=None, stale_prices=symbols, unclassified=symbols,
                      unvalued=[f"CTO {s}: no price for {s}" for s in symbols[:30]], reviews=[],
                      today=date(2026, 11, 29))
    view.show_dashboard(board)
    lines = [view.health.itemAt(i).widget().text() for i in range(view.health.count())]
    assert lines[0] == "Stale prices (500): " + ", ".join(symbols[:12]) + " and 488 more"
    assert lines[1] == "Without a theme: " + ", ".join(symbols[:12]) + " and 488 more"
    assert len(lines) == 2 + 12 + 1 and lines[-1] == "… and 18 more not valued (Holdings shows each)"
    first = view.health.itemAt(0).widget()
    view.show_dashboard(replace(board, total_base=D(2000)))  # a live update: the health is not rebuilt
    assert view.health.itemAt(0).widget() is first and view.total.value.text() == "2,000.00 EUR"
