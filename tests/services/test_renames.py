"""Renaming a security everywhere in a real book file: to a new symbol (it keeps its master fields, theme
weights, prices and look-through data), or merged into one the book already has; bad renames and renames
the ledger refuses leave the file byte-for-byte identical."""
from datetime import date
from pathlib import Path
from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.core.exposure import FundHolding, FundHoldings
from gigatracker.core.ledger import LedgerError, Transaction, TxType
from gigatracker.core.rules import Rule
from gigatracker.services.store import themes_repo
from gigatracker.services.store.schema import quote_status
from tests.support.books import dump

ISIN, FUND_ISIN, CHIPS, PCS = "US67066G1040", "IE00BMC38736", "AI/Chips", "AI/PCs"
DAY = date(2024, 3, 1)


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "renames.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Moi", "DEGIRO", "EUR")
        app.add_account("Moi", "CTO", "EUR")
        app.add_transactions([
            Transaction(DAY, "DEGIRO", TxType.DEPOSIT, "EUR", amount=D(10000)),
            Transaction(DAY, "CTO", TxType.DEPOSIT, "EUR", amount=D(10000)),
            Transaction(DAY, "DEGIRO", TxType.BUY, "EUR", ISIN, D(4), D(800)),
            Transaction(DAY, "DEGIRO", TxType.BUY, "EUR", FUND_ISIN, D(10), D(30)),
            Transaction(DAY, "CTO", TxType.BUY, "EUR", "NVD.DE", D(1), D(810)),
        ])
        app.themes.set_security(ISIN, name="NVIDIA Corp", isin=ISIN, country="US")
        app.themes.set_security("NVD.DE", exchange="GER")
        app.themes.add_theme(CHIPS)
        app.themes.add_theme(PCS)
        app.themes.add_theme("Made in/US", taxonomy="Geography")
        app.themes.assign(ISIN, [f"{CHIPS}=10000"])
        app.themes.assign(ISIN, ["Made in/US=10000"], taxonomy="Geography")
        app.themes.assign("NVD.DE", [f"{CHIPS}=6000", f"{PCS}=4000"])
        app.themes.add_rule(Rule("position", ISIN, 2000))
        prices = path.parent / "prices.csv"
        prices.write_text(f"date,symbol,close,currency\n2024-03-01,{ISIN},801,EUR\n2024-03-04,{ISIN},805,EUR\n"
                          "2024-03-04,NVD.DE,806,EUR\n", encoding="utf-8")
        app.import_prices(prices)
        with app.book.write() as conn:
            conn.execute(quote_status.insert().values(symbol=ISIN, failures=3, last_error="no data"))
            themes_repo.replace_fund_holdings(conn, FundHoldings(FUND_ISIN, date(2024, 2, 29), "issuer", (
                FundHolding(ISIN, "NVIDIA", ISIN, D("0.2")),)))
    return path


def test_a_new_symbol_takes_everything_along(book):
    with App.open(book) as app:
        assert app.rename_security(FUND_ISIN, "SMH.L") == 1
        assert app.rename_security(ISIN, "NVDA") == 1
        assert [tx.symbol for tx in app.transactions() if tx.type is TxType.BUY] == ["NVDA", "SMH.L", "NVD.DE"]
        master = app.themes.master()
        assert ISIN not in master and (master["NVDA"].name, master["NVDA"].isin) == ("NVIDIA Corp", ISIN)
        weights = app.themes.assignments()
        assert weights["Thesis"]["NVDA"] == {CHIPS: 10000} and weights["Geography"]["NVDA"] == {"Made in/US": 10000}
        assert [(r.key, r.max_bp) for r in app.themes.rules() if r.dimension == "position"] == [("NVDA", 2000)]
        funds = app.themes.book_data().funds
        assert list(funds) == ["SMH.L"] and funds["SMH.L"].holdings[0].symbol == "NVDA"  # both renames followed
        with app.book.read() as conn:
            assert conn.execute(quote_status.select()).fetchall() == []  # the ISIN's failures are forgotten
        nvda = next(v for v in app.holdings() if v.symbol == "NVDA")
        assert (nvda.price, nvda.price_date) == (D(805), date(2024, 3, 4))  # its prices came along


def test_merging_into_a_symbol_the_book_has(book):
    with App.open(book) as app:
        assert app.rename_security(ISIN, "NVD.DE") == 1
        positions = {(p.account, p.symbol): p.quantity for p in app.ledger().positions()}
        assert positions[("DEGIRO", "NVD.DE")] == 4 and positions[("CTO", "NVD.DE")] == 1
        master = app.themes.master()
        # the kept security's own fields win; the merged one fills the empty ones
        assert (master["NVD.DE"].exchange, master["NVD.DE"].name, master["NVD.DE"].country) == ("GER", "NVIDIA Corp", "US")
        weights = app.themes.assignments()
        assert weights["Thesis"]["NVD.DE"] == {CHIPS: 6000, PCS: 4000}  # its own weights in that taxonomy
        assert weights["Geography"]["NVD.DE"] == {"Made in/US": 10000}  # the merged one's, where it had none
        closes = {v.account: (v.price, v.price_date) for v in app.holdings() if v.symbol == "NVD.DE"}
        assert closes["CTO"] == (D(806), date(2024, 3, 4))  # its own close of the 4th wins over the ISIN's 805


def test_bad_renames_change_nothing(book):
    before = dump(book)
    with App.open(book) as app:
        for old, new, why in ((ISIN, "NV*DA", "'NV\\*DA' is not a symbol"), (ISIN, "", "is not a symbol"),
                              ("NOPE", "NVDA", "no security 'NOPE'"), (ISIN, ISIN, "already called")):
            with pytest.raises(ValueError, match=why):
                app.rename_security(old, new)
        with pytest.raises(ValueError, match="no security 'NOPE'"):  # one bad rename among good ones: none done
            app.rename_securities({ISIN: "NVDA", "NOPE": "X"})
    assert dump(book) == before


def test_a_merge_the_ledger_refuses_is_rolled_back(book):
    with App.open(book) as app:  # NVD.DE bought in dollars too: one security, two currencies in one account
        app.add_transaction(Transaction(DAY, "DEGIRO", TxType.BUY, "USD", "NVD.DE", D(1), D(850)))
    before = dump(book)
    with App.open(book) as app:
        with pytest.raises(LedgerError, match="NVD.DE in 'DEGIRO' is held in EUR, this BUY is in USD"):
            app.rename_security(ISIN, "NVD.DE")
    assert dump(book) == before


def test_a_broker_file_imported_again_after_a_rename_adds_nothing(tmp_path):
    degiro = Path(__file__).parents[1] / "data" / "presets" / "degiro_account_nl.csv"
    with App.create(tmp_path / "degiro.gtbook", "EUR") as app:
        app.add_account("Moi", "DEGIRO", "EUR")
        assert app.import_with_preset(degiro, "degiro", account="DEGIRO").added == 6
        app.rename_securities({"NL0010273215": "ASML.AS", "US67066G1040": "NVDA"})
        again = app.import_with_preset(degiro, "degiro", account="DEGIRO")
        # a row is recognised by what the file says (the ISIN), not by the symbol it has since been given
        assert (again.added, again.skipped) == (0, 6)
        assert [(p.symbol, p.quantity) for p in app.ledger().positions()] == [("ASML.AS", 2)]
