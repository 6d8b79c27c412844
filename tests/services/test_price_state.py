"""The prices in force (app/prices.py, no Qt): figures at live ticks are the figures the book would show
if each tick were that day's close, for every portfolio's dashboard and theme weights; ticks that cannot
move a position (another currency, no exchange rate) leave it as it was."""
from datetime import date, datetime, timezone
from decimal import Decimal as D

from gigatracker.app import App
from gigatracker.app.prices import PriceSource, PriceState, priced
from gigatracker.app.window_data import load_window_data, priced_figures
from gigatracker.core.exposure import View
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.stream.tick import Tick

DAY = date(2026, 11, 23)


def make_book(path) -> App:
    app = App.create(path, "EUR")
    app.add_account("Dupont", "CTO Dupont", "EUR")
    app.add_account("Martin", "PEA Martin", "EUR")
    app.add_transactions([
        Transaction(date(2026, 1, 2), "CTO Dupont", TxType.DEPOSIT, "EUR", amount=D(5000)),
        Transaction(date(2026, 1, 3), "CTO Dupont", TxType.BUY, "USD", "NVDA", D(10), D(100)),
        Transaction(date(2026, 1, 3), "CTO Dupont", TxType.BUY, "EUR", "ASML.AS", D(2), D(600)),
        Transaction(date(2026, 1, 3), "CTO Dupont", TxType.BUY, "EUR", "NOPRICE.PA", D(1), D(10)),
        Transaction(date(2026, 1, 2), "PEA Martin", TxType.DEPOSIT, "EUR", amount=D(3000)),
        Transaction(date(2026, 1, 4), "PEA Martin", TxType.BUY, "EUR", "ASML.AS", D(3), D(610))])
    app.themes.add_theme("Inference era/Inference chips")
    app.themes.assign("NVDA", ["Inference era/Inference chips=10000"])
    closes = path.with_name("closes.csv")
    closes.write_text("date,symbol,close,currency\n2026-11-20,NVDA,120,USD\n2026-11-20,ASML.AS,700,EUR\n"
                      "2026-11-20,EURUSD=X,1.25,USD\n")
    app.import_prices(closes)
    return app


def tick(symbol: str, price: str, currency: str) -> Tick:
    return Tick(symbol, D(price), currency, datetime(DAY.year, DAY.month, DAY.day, 15, 30, tzinfo=timezone.utc))


TICKS = {"NVDA": tick("NVDA", "150.5", "USD"), "ASML.AS": tick("ASML.AS", "720", "EUR"),
         "NOPRICE.PA": tick("NOPRICE.PA", "12", "EUR")}  # no close, so no exchange rate: it stays unvalued


def test_figures_at_ticks_are_the_figures_at_closes_of_their_prices(tmp_path):
    view = View("theme")
    with make_book(tmp_path / "live.gtbook") as app:
        data = load_window_data(app, None, view)
        figures = priced_figures(app, data, TICKS)
    with make_book(tmp_path / "closed.gtbook") as closed:  # the same book, the ticks imported as closes
        prices = tmp_path / "ticks.csv"
        prices.write_text(f"date,symbol,close,currency\n{DAY},NVDA,150.5,USD\n{DAY},ASML.AS,720,EUR\n")
        closed.import_prices(prices)
        expected = load_window_data(closed, None, view)
    assert figures.dashboard.total_base == expected.dashboard.total_base == D(1204) + D(3600) + D(4160)  # NVDA 10 x 150.5 / 1.25, ASML 5 x 720, cash
    for got, want in zip([figures.dashboard, *figures.clients], [expected.dashboard, *expected.clients]):
        assert (got.portfolio, got.total_base, got.cash_base, got.day_change_base, got.unrealized_pnl_base,
                got.top_themes, got.unvalued) == (want.portfolio, want.total_base, want.cash_base,
                                                  want.day_change_base, want.unrealized_pnl_base, want.top_themes,
                                                  want.unvalued)
    assert figures.client_themes == expected.client_themes
    assert figures.dashboard.unvalued == ["CTO Dupont NOPRICE.PA: no price for NOPRICE.PA"]


def test_a_tick_in_another_currency_or_at_the_same_price_moves_nothing(tmp_path):
    with make_book(tmp_path / "b.gtbook") as app:
        snapshot = app.snapshot()
        assert priced(snapshot, {}) is snapshot
        same = priced(snapshot, {"NVDA": tick("NVDA", "130", "EUR"), "ASML.AS": tick("ASML.AS", "700", "EUR")})
        assert same.holdings == snapshot.holdings and same.items == snapshot.items


def test_a_switch_drops_every_tick_and_moves_the_version():
    state = PriceState()
    state.start(PriceSource.SIMULATED)
    state.update({"NVDA": TICKS["NVDA"]})
    version, session = state.version, state.session
    assert state.simulated and state.ticks
    state.start(PriceSource.LIVE)  # to another feed: no simulated price survives
    assert state.ticks == {} and state.version > version and state.session > session and not state.simulated
    state.update({"NVDA": TICKS["NVDA"]})
    state.stop()
    assert state.source is PriceSource.CLOSES and state.ticks == {}
