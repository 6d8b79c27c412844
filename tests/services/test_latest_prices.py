"""Valuing a book reads only each security's last two closes (plus every FX close): the result is the
same as with the whole price history, today and as of a past date."""
from datetime import date
from decimal import Decimal as D

from gigatracker.app import App
from gigatracker.core.ledger import Ledger, Transaction, TxType
from gigatracker.core.valuation import PriceBook, value_positions
from gigatracker.services.store import repository as repo


def test_the_last_two_closes_value_like_the_whole_history(tmp_path):
    prices = tmp_path / "p.csv"
    rows = ["date,symbol,close,currency"]
    for day, nvda, asml, fx in (("2026-11-02", "150", "700", "1.10"), ("2026-11-03", "155", "710", "1.12"),
                                ("2026-11-04", "160", "705", "1.15"), ("2026-11-05", "158", "", "")):
        rows.append(f"{day},NVDA,{nvda},USD")
        if asml:
            rows += [f"{day},ASML.AS,{asml},EUR", f"{day},EURUSD=X,{fx},USD"]
    prices.write_text("\n".join(rows) + "\n")
    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transactions([Transaction(date(2026, 1, 2), "CTO", TxType.BUY, "USD", "NVDA", D(10), D(100)),
                              Transaction(date(2026, 1, 2), "CTO", TxType.BUY, "EUR", "ASML.AS", D(2), D(600))])
        app.import_prices(prices)
        for as_of in (None, date(2026, 11, 3)):
            with app.book.read() as conn:
                accounts = {a.name: a for a in repo.load_accounts(conn)}
                full = PriceBook(repo.load_prices(conn, as_of=as_of))
                if as_of is None:  # four NVDA closes, two kept; three ASML closes, two kept; FX all kept
                    assert len(repo.load_prices(conn, latest=2)) == len(repo.load_prices(conn)) - 3
            ledger = Ledger(accounts.values())
            ledger.replay(app.transactions(as_of))
            expected = sorted(value_positions(ledger.positions(), accounts, full, "EUR", as_of),
                              key=lambda v: (v.portfolio, v.account, v.symbol))
            assert app.holdings(as_of=as_of) == expected
        nvda = next(v for v in app.holdings() if v.symbol == "NVDA")
        assert (nvda.price, nvda.previous_close, nvda.fx_date) == (D(158), D(160), date(2026, 11, 4))


def test_latest_keeps_each_symbols_last_closes_as_of_a_day_and_for_chosen_symbols(tmp_path):
    """load_prices(latest=N) == the last N closes of each symbol up to `as_of` (all of a symbol with fewer,
    every close of a rate), computed here from the whole history."""
    from gigatracker.services.store import Book
    closes = [("NVDA", date(2026, 11, day), D(100 + day), "USD", "test") for day in range(2, 12)]
    closes += [("ASML.AS", date(2026, 11, 5), D(700), "EUR", "test")]  # one close: fewer than N
    closes += [("EURUSD=X", date(2026, 11, day), D("1.1"), "USD", "test") for day in range(2, 8)]
    closes += [("AIR.PA", date(2026, 11, day), D(150), "EUR", "test") for day in (3, 9, 10)]
    with Book.create(tmp_path / "b.gtbook", "EUR") as book:
        with book.write() as conn:
            repo.upsert_prices(conn, [{"symbol": s, "date": d.isoformat(), "close": str(c), "currency": cur,
                                       "source": src} for s, d, c, cur, src in closes])
        with book.read() as conn:
            for latest in (1, 2, 3):
                for as_of in (None, date(2026, 11, 9), date(2026, 11, 1)):
                    for symbols in (None, ["NVDA", "EURUSD=X"]):
                        expected = []
                        for symbol in sorted({c[0] for c in closes}):
                            mine = sorted(c for c in closes if c[0] == symbol and (as_of is None or c[1] <= as_of)
                                          and (symbols is None or symbol in symbols))
                            expected += mine if symbol.endswith("=X") else mine[-latest:]
                        assert repo.load_prices(conn, latest=latest, as_of=as_of, symbols=symbols) == expected
