"""One price state (issue 19): while live or simulated prices run, the dashboard, holdings, status bar,
exposure and clients show the same figures at the same moment; turned off (or switched), every one of
them is back on the closes at once."""
import time
from decimal import Decimal as D

import pytest

from gigatracker.ui.format import format_money
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.models.holdings import COLUMNS
from tests.services.test_price_state import make_book
from tests.ui.conftest import SCREENSHOTS

CENT = D("0.01")
PRICE = COLUMNS.index("Price")
FONT, TOOLTIP = 6, 3  # Qt.ItemDataRole.FontRole, ToolTipRole


@pytest.fixture
def window(qtbot, tmp_path):
    app = make_book(tmp_path / "prices.gtbook")  # two clients, NVDA in USD, ASML, one security without a close
    main = MainWindow(app)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == 4, timeout=10_000)
    main.show_page("exposure")  # loaded once (when first shown), then moved by the ticks
    qtbot.waitUntil(lambda: main.exposure.data is not None, timeout=10_000)
    yield main
    main.close()
    app.close()


def shown(window) -> dict:
    """Every total on screen (and the one behind each), in the base currency."""
    window.show_page("clients")
    dashboard = window.refresh.dashboard_in_force()
    exposure = window.exposure.data.result
    clients = window.clients.table
    return {
        "holdings": window.model.total_base,
        "status bar": window.total_label.text(),
        "dashboard": (dashboard.total_base - dashboard.cash_base, window.dashboard.total.value.text()),
        "exposure": exposure.total_base,
        "clients": [(clients.item(row, 0).text(), clients.item(row, 1).text()) for row in range(clients.rowCount())],
        "book": dashboard.total_base,
    }


def agree(figures: dict) -> bool:
    holdings, book = figures["holdings"], figures["book"]
    client_totals = {name: text for name, text in figures["clients"]}
    dashboards = {d.portfolio: d for d in figures["client_dashboards"]}
    return (format_money(holdings, "EUR") in figures["status bar"]
            and figures["dashboard"][0] == holdings
            and figures["dashboard"][1] == format_money(book, "EUR")
            and figures["exposure"] == book.quantize(CENT)
            and sum(d.total_base for d in dashboards.values()) == book
            and all(client_totals[name] == format_money(d.total_base, "EUR") for name, d in dashboards.items()))


def figures_of(window) -> dict:
    figures = shown(window)
    figures["client_dashboards"] = window.refresh.clients_in_force()[0]
    return figures


def test_every_view_shows_the_same_prices_and_all_go_back_to_the_closes(qtbot, window, server):
    closes = figures_of(window)
    assert agree(closes)
    # holdings: 10 NVDA at 120 USD / 1.25 + 5 ASML at 700 = 960 + 3,500 (NOPRICE.PA has no close); cash:
    # Dupont 5,000 - 1,200 - 10 EUR and -1,000 USD / 1.25, Martin 3,000 - 1,830: 2,990 + 1,170
    assert (closes["holdings"], closes["book"]) == (D("4460"), D("8620"))

    window.set_live(True, url=server.url)
    qtbot.waitUntil(lambda: server.subscriptions() == [["ASML.AS", "NOPRICE.PA", "NVDA"]], timeout=10_000)
    now = int(time.time() * 1000)
    server.tick("NVDA", 150.0, now)
    server.tick("ASML.AS", 720.0, now, "EUR")
    expected_holdings = D(10) * D(150) / D("1.25") + D(5) * D(720)  # 1,200 + 3,600
    qtbot.waitUntil(lambda: window.model.total_base == expected_holdings, timeout=5_000)
    qtbot.waitUntil(lambda: agree(figures_of(window)), timeout=5_000)  # the dashboard and clients follow
    live = figures_of(window)
    assert live["book"] == D("8960")
    assert "(live)" in live["status bar"] and "(live)" in window.dashboard.total.title.text()
    assert window.clients.table.horizontalHeaderItem(1).text() == "Total value (live)"
    window.show_page("exposure")  # its charts redraw when on screen: the same total, marked
    assert window.exposure.donut._centre_text == format_money(live["book"], "EUR", 0) + "\nlive"
    dupont = dict(live["clients"])["Dupont"]
    assert dupont == format_money(D(1200) + D(2) * D(720) + D(2990), "EUR")

    window.app.add_account("Dupont", "Livret Dupont", "EUR")  # a write: the window reloads from the book
    qtbot.waitUntil(lambda: window.transactions.account.count() == 4, timeout=5_000)
    reloaded = figures_of(window)  # the reload came back at the prices in force, not at the closes
    assert agree(reloaded) and (reloaded["book"], reloaded["clients"]) == (live["book"], live["clients"])
    server.tick("NVDA", 160.0, now + 1_000)  # and the figures go on following the ticks after it
    qtbot.waitUntil(lambda: figures_of(window)["book"] == D("9040") and agree(figures_of(window)), timeout=5_000)

    window.live_action.setChecked(False)  # off: every figure back on the closes, at once
    back = figures_of(window)
    assert agree(back)
    assert (back["holdings"], back["book"], back["clients"]) == (closes["holdings"], closes["book"], closes["clients"])
    assert "(live)" not in back["status bar"] and window.dashboard.total.title.text() == "Total value"
    assert window.clients.table.horizontalHeaderItem(1).text() == "Total value"
    window.show_page("exposure")
    assert window.exposure.donut._centre_text == format_money(D("8620"), "EUR", 0)


def test_simulated_prices_are_marked_on_every_page_and_switching_feeds_starts_from_the_closes(qtbot, window, server,
                                                                                               monkeypatch):
    monkeypatch.setenv("GIGATRACKER_STREAM_URL", server.url)  # the Live action below must stay local
    closes = figures_of(window)
    window.simulate_action.setChecked(True)
    qtbot.waitUntil(lambda: window.model.total_base != closes["holdings"], timeout=10_000)
    qtbot.waitUntil(lambda: agree(figures_of(window)), timeout=5_000)
    assert "(simulated)" in window.total_label.text() and "SIMULATED" in window.dashboard.total.title.text()
    for page in ("dashboard", "holdings", "transactions", "themes", "exposure", "clients", "performance"):
        window.show_page(page)
        assert window.simulated_banner.isVisible(), page
    window.show_page("holdings")
    model = window.model
    simulated = [row for row in range(model.rowCount()) if model.holding(row).price_source == "simulated"]
    assert simulated and all(model.index(row, PRICE).data(FONT).italic() for row in simulated)
    assert all("SIMULATED price" in model.index(row, PRICE).data(TOOLTIP) for row in simulated)
    SCREENSHOTS.mkdir(exist_ok=True)
    assert window.grab().save(str(SCREENSHOTS / "simulated_prices.png"))
    window.show_page("dashboard")
    assert window.grab().save(str(SCREENSHOTS / "simulated_dashboard.png"))

    window.live_action.setChecked(True)  # to live: the simulated prices are gone from every figure at once
    assert not window.simulated_banner.isVisible() and not window.simulate_action.isChecked()
    back = figures_of(window)
    assert (back["holdings"], back["book"], back["clients"]) == (closes["holdings"], closes["book"], closes["clients"])
    assert agree(back)
