"""Presets: our own sample of each format (tests/data/presets, written from the formats' documentation)
imports into a real book to holdings and cash checked by hand; a refused file changes nothing."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import TxType
from gigatracker.services.importers.csv_reader import ImportRejected
from gigatracker.services.importers.presets import PRESETS, detect
from tests.support.books import dump

SAMPLES = Path(__file__).parents[1] / "data" / "presets"


@pytest.fixture
def app(tmp_path):
    app = App.create(tmp_path / "book.gtbook", "EUR")
    app.add_account("Moi", "CTO", "EUR")
    app.add_account("Moi", "Courtier US", "USD")
    yield app
    app.close()


def positions(app: App, account: str = "CTO") -> dict[str, tuple[D, D]]:
    return {p.symbol: (p.quantity, p.cost_basis) for p in app.ledger().positions() if p.account == account}


def cash(app: App, account: str = "CTO") -> dict[str, D]:
    return {currency: amount for (name, currency), amount in app.ledger().cash.items() if name == account and amount}


@pytest.mark.parametrize("name, preset", [
    ("ghostfolio.json", "ghostfolio-json"), ("ghostfolio.csv", "ghostfolio-csv"), ("wealthfolio.csv", "wealthfolio"),
    ("degiro_account_nl.csv", "degiro"), ("degiro_account_en.csv", "degiro"), ("ibkr_flex.xml", "ibkr-flex-xml"),
    ("ibkr_flex.csv", "ibkr-flex-csv"), ("portfolio_performance.csv", "portfolio-performance"),
    ("portfolio_performance_de.csv", "portfolio-performance")])
def test_auto_recognises_each_sample(name, preset):
    assert detect(SAMPLES / name).name == preset


def test_ghostfolio_json(app):
    result = app.import_with_preset(SAMPLES / "ghostfolio.json", "auto", account="CTO")
    assert (result.preset, result.added) == ("ghostfolio-json", 7)
    # 4 × 650.50 + 2.50 and 2 × 700 + 2.50; FIFO sells one share of the first lot: 2604.50 / 4 = 651.125
    assert positions(app) == {"ASML.AS": (D(5), D("2604.50") - D("651.125") + D("1402.50")),
                              "ETH-EUR": (D("0.5"), D(1501)), "Gold coins": (D(1), D(2400))}
    assert [why for _, why in result.ignored] == ["LIABILITY: liabilities are not tracked"]
    fee = next(tx for tx in app.transactions() if tx.type is TxType.FEE)
    assert (fee.amount, fee.symbol, fee.note) == (D(15), None, "Gold coins")
    dividend = next(tx for tx in app.transactions() if tx.type is TxType.DIVIDEND)
    assert dividend.amount == D("8.0")


def test_ghostfolio_json_numbers_are_read_exactly(app, tmp_path):
    exact = tmp_path / "exact.json"  # more digits than a float holds: kept as the file writes them
    exact.write_text((SAMPLES / "ghostfolio.json").read_text().replace('"quantity": 0.5, "unitPrice": 3000',
                                                                       '"quantity": 0.5, "unitPrice": 3000.0000000000000001'))
    app.import_with_preset(exact, "ghostfolio-json", account="CTO")
    assert positions(app)["ETH-EUR"] == (D("0.5"), D("3000.0000000000000001") / 2 + 1)  # a float: 1501


def test_ghostfolio_csv_mixes_date_formats_per_row(app):
    app.import_with_preset(SAMPLES / "ghostfolio.csv", "ghostfolio-csv", account="CTO")
    assert sorted(tx.date.isoformat() for tx in app.transactions()) == [
        "2025-01-10", "2025-02-01", "2025-03-10", "2025-06-02", "2025-08-05"]
    assert positions(app)["ASML.AS"] == (D(5), D("2604.50") - D("651.125") + D("1402.50"))


def test_wealthfolio_semicolons_fx_and_split(app):
    result = app.import_with_preset(SAMPLES / "wealthfolio.csv", "wealthfolio", account="CTO")
    assert result.added == 8
    # AIR.PA: 20 × 150.20 + 1.99, split 2-for-1 → 40 shares, same cost. NVDA in USD: 10 × 120 + 1, 4 sold.
    assert positions(app) == {"AIR.PA": (D(40), D("3005.99")), "NVDA": (D(6), D("720.60"))}
    # EUR cash: 10000 − 3005.99 + 2 + 3.15 + 20; NVDA buy −1201 USD at 0.96, sale 4 × 140 − 1 at 0.88.
    assert cash(app) == {"EUR": D("10000") - D("3005.99") + 2 + D("3.15") + 20 - D("1201") * D("0.96")
                         + D("559") * D("0.88")}
    credit = next(tx for tx in app.transactions() if tx.note.startswith("CREDIT"))
    assert (credit.type, credit.amount, credit.note) == (TxType.FEE_REFUND, D(20), "CREDIT · REBATE")


def test_wealthfolio_refunds_and_reversals_keep_their_meaning(app, tmp_path):
    path = tmp_path / "activities.csv"
    path.write_text("date,symbol,quantity,activityType,unitPrice,currency,fee,amount,subtype\n"
                    "2024-12-02,AIR.PA,,DIVIDEND,,EUR,0,10,\n"  # an earlier dividend of the same amount stays
                    "2025-01-02,$CASH-EUR,,DEPOSIT,,EUR,0,1000,\n"
                    "2025-02-01,$CASH-EUR,,FEE,,EUR,0,-2.50,\n"  # a fee given back
                    "2025-02-02,AIR.PA,,TAX,,EUR,0,-1.50,WITHHOLDING\n"  # tax given back
                    "2025-02-03,$CASH-EUR,,INTEREST,,EUR,0,-0.30,\n"  # interest paid
                    "2025-03-01,AIR.PA,,DIVIDEND,,EUR,0,10,\n"
                    "2025-03-05,AIR.PA,,DIVIDEND,,EUR,0,-10,\n"  # reversed …
                    "2025-03-05,AIR.PA,,DIVIDEND,,EUR,0,12,\n"  # … and posted again
                    "2025-03-06,ASML.AS,,DIVIDEND,,EUR,0,-7,\n"  # a reversal of a dividend not in the file
                    "2025-04-01,$CASH-EUR,,CREDIT,,EUR,0,5,REBATE\n"
                    "2025-04-02,$CASH-EUR,,CREDIT,,EUR,0,20,BONUS\n"
                    "2025-05-01,$CASH-EUR,,WITHDRAWAL,,EUR,0,-50,\n")  # a withdrawal that came back
    result = app.import_with_preset(path, "wealthfolio", account="CTO")
    kinds = [(tx.type.value, tx.amount) for tx in app.transactions()]
    assert kinds == [("DIVIDEND", 10), ("DEPOSIT", 1000), ("FEE_REFUND", D("2.50")), ("TAX_REFUND", D("1.50")),
                     ("INTEREST_CHARGE", D("0.30")), ("DIVIDEND", 12), ("FEE_REFUND", 5), ("DEPOSIT", 20),
                     ("DEPOSIT", 50)]
    assert cash(app) == {"EUR": 10 + D("1000") + D("2.50") + D("1.50") - D("0.30") + 12 + 5 + 20 + 50}
    assert dict(result.ignored) == {7: "DIVIDEND reversed on line 8, so neither counts",
                                    8: "reverses the DIVIDEND of line 7",
                                    10: "a reversed DIVIDEND of 7 EUR ASML.AS: its dividend is not in this file, so "
                                        "it is listed, not booked"}


def test_degiro_dutch_folds_costs_and_conversions(app):
    result = app.import_with_preset(SAMPLES / "degiro_account_nl.csv", "degiro", account="CTO")
    kinds = sorted(tx.type.value for tx in app.transactions())
    assert kinds == ["BUY", "DEPOSIT", "DIVIDEND", "FEE", "SELL", "WITHDRAWAL"]
    buy = next(tx for tx in app.transactions() if tx.type is TxType.BUY)
    assert (buy.symbol, buy.quantity, buy.amount, buy.fees) == ("NL0010273215", D(3), D("1920.63"), D(2))
    sell = next(tx for tx in app.transactions() if tx.type is TxType.SELL)
    assert sell.fees == D(1)  # the fee row has no order id: joined by product and time
    dividend = next(tx for tx in app.transactions() if tx.type is TxType.DIVIDEND)
    assert (dividend.currency, dividend.amount, dividend.taxes, dividend.fx_rate) == (
        "USD", D(10), D(1), D("0.8888888889"))
    (quantity, cost), = positions(app).values()
    assert (quantity, round(cost, 10)) == (D(2), round(D("1922.63") * 2 / 3, 10))
    # The statement's own closing balance: 1 004,37 EUR (within the rounding of the conversion rate).
    assert abs(cash(app)["EUR"] - D("1004.37")) < D("0.000001")
    assert len(result.ignored) == 2 and all("currency conversion" in why for _, why in result.ignored)


def test_degiro_english_thousands_in_quantity_and_negative_interest(app):
    app.import_with_preset(SAMPLES / "degiro_account_en.csv", "degiro", account="CTO")
    assert positions(app) == {"IE00B4L5Y983": (D(1000), D(501))}
    charge = next(tx for tx in app.transactions() if tx.type is TxType.INTEREST_CHARGE)  # negative interest
    assert (charge.amount, charge.note) == (D("0.12"), "Flatex Interest")


@pytest.mark.parametrize("name", ["ibkr_flex.xml", "ibkr_flex.csv"])
def test_ibkr_flex(app, name):
    result = app.import_with_preset(SAMPLES / name, "auto", account="Courtier US")
    symbols = {p.symbol: p for p in app.ledger().positions()}
    assert set(symbols) == {"TSM", "IFX.DE"}
    tsm, infineon = symbols["TSM"], symbols["IFX.DE"]
    assert (infineon.quantity, infineon.cost_basis, infineon.currency) == (D(50), D(1513), "EUR")
    # 10 bought for 1805 + 1, 4 sold; the XML also has the 2-for-1 split of the 6 left.
    assert tsm.cost_basis == D("1806") * 6 / 10
    assert tsm.quantity == (D(12) if name.endswith(".xml") else D(6))
    dividend = next(tx for tx in app.transactions() if tx.type is TxType.DIVIDEND)
    assert (dividend.amount, dividend.taxes) == (D("6.75"), D("1.42"))  # withholding folded in
    if name.endswith(".xml"):
        assert any("OPT" in why for _, why in result.ignored)  # the option sale is listed, not lost
        assert next(tx for tx in app.transactions() if tx.type is TxType.FEE).amount == D(10)
    assert sum(1 for tx in app.transactions() if tx.type is TxType.BUY) == 2  # the ORDER row is a total


def test_portfolio_performance_english_and_german(app, tmp_path):
    app.import_with_preset(SAMPLES / "portfolio_performance.csv", "auto", account="CTO")
    held = positions(app)
    assert held["ASML.AS"] == (D(19), D(1204) * 19 / 20)
    nvda = next(tx for tx in app.transactions() if tx.symbol == "NVDA")
    assert (nvda.currency, nvda.amount, nvda.fx_rate) == ("USD", D(1200), D("0.9150"))
    dividend = next(tx for tx in app.transactions() if tx.type is TxType.DIVIDEND)
    assert (dividend.amount, dividend.taxes) == (D("15.00"), D("2.25"))  # Value is net of the tax
    german = App.create(tmp_path / "de.gtbook", "EUR")
    german.add_account("Moi", "Depot", "EUR")
    german.import_with_preset(SAMPLES / "portfolio_performance_de.csv", "auto", account="Depot")
    assert positions(german, "Depot") == {"ASML.AS": (D(20), D(1204))}
    assert cash(german, "Depot") == {"EUR": D(2000) - D(1204) + D("12.75") - D("9.90")}
    german.close()


def test_reimport_adds_nothing(app):
    first = app.import_with_preset(SAMPLES / "degiro_account_nl.csv", "degiro", account="CTO")
    again = app.import_with_preset(SAMPLES / "degiro_account_nl.csv", "degiro", account="CTO")
    assert (again.added, again.skipped) == (0, first.added)


def test_refusals_change_nothing(app, tmp_path):
    before = dump(app.book.path)
    with pytest.raises(ImportRejected, match="does not say which account"):
        app.import_with_preset(SAMPLES / "degiro_account_nl.csv", "degiro")
    with pytest.raises(ImportRejected, match="the file's account 'U0000001' is not in this book"):
        app.import_with_preset(SAMPLES / "ibkr_flex.xml", "ibkr-flex-xml")
    with pytest.raises(ImportRejected, match="unknown account 'Livret'"):
        app.import_with_preset(SAMPLES / "wealthfolio.csv", "wealthfolio", account="Livret")
    bad = tmp_path / "bad.csv"
    bad.write_text((SAMPLES / "wealthfolio.csv").read_text().replace("2025-06-10;NVDA;EQUITY;4", "2025-06-10;NVDA;EQUITY;40"))
    with pytest.raises(ImportRejected, match=r"bad.csv:6: quantity: SELL of 40 NVDA .* exceeds"):
        app.import_with_preset(bad, "wealthfolio", account="CTO")
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("Datum;Bedrag\n01-01-2025;3\n")
    with pytest.raises(ImportRejected, match="no preset recognises this file"):
        app.import_with_preset(unknown, "auto", account="CTO")
    with pytest.raises(ValueError, match="unknown preset 'csv'"):
        app.import_with_preset(unknown, "csv", account="CTO")
    assert dump(app.book.path) == before


def test_every_preset_is_documented():
    formats = (Path(__file__).parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in formats for name in PRESETS)
