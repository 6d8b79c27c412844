"""Presets against the real files of other projects (../shared/fixtures/imports; their EXPECTED.md files
quote what the source projects assert). These files are AGPL/EPL/MIT and are read in place, never copied:
the tests skip, saying why, where that folder is absent (set GIGATRACKER_SHARED_FIXTURES to point at it)."""
from __future__ import annotations

import os
from collections import Counter
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.importers.csv_reader import ImportRejected
from tests.support.books import dump


def _fixtures() -> Path | None:
    candidates = [os.environ.get("GIGATRACKER_SHARED_FIXTURES", ""),
                  Path(__file__).parents[3] / "shared" / "fixtures" / "imports", "/work/shared/fixtures/imports"]
    return next((Path(c) for c in candidates if c and Path(c).is_dir()), None)


IMPORTS = _fixtures()
pytestmark = pytest.mark.skipif(IMPORTS is None, reason="the shared import fixtures (../shared/fixtures/imports) "
                                                        "are not on this machine; they are not ours to copy")


@pytest.fixture
def app(tmp_path):
    app = App.create(tmp_path / "book.gtbook", "EUR")
    app.add_account("Client", "Broker", "USD")
    app.add_account("Client", "Degiro", "EUR")
    app.add_account("Client", "Margin", "USD", short_selling=True)
    yield app
    app.close()


def of_type(app: App, kind: TxType) -> list[Transaction]:
    return [tx for tx in app.transactions() if tx.type is kind]


# -- Ghostfolio -----------------------------------------------------------------------------------
GHOSTFOLIO_OK = sorted((IMPORTS / "ghostfolio" / "ok").iterdir()) if IMPORTS else []


@pytest.mark.parametrize("path", GHOSTFOLIO_OK, ids=lambda p: p.name)
def test_every_ghostfolio_ok_file_imports(app, path):
    if path.name == "btcusd-short.json":  # short sales: into an account that allows them
        before = dump(app.book.path)
        with pytest.raises(ImportRejected, match=r"btcusd-short.json:10: quantity: SELL of 1 BTC-USD .* none held "
                                                 r"\(sell before buy\?\); the account does not allow short selling"):
            app.import_with_preset(path, "auto", account="Broker")
        assert dump(app.book.path) == before
        assert app.import_with_preset(path, "auto", account="Margin").added == 2
        [short] = app.ledger().positions()
        # Ghostfolio's calculator spec: 1 BTC sold short at 44558.42 and 1 at 46737.48, 4.46 fee each
        assert (short.symbol, short.quantity, short.cost_basis) == ("BTC-USD", -2, -(D("44553.96") + D("46733.02")))
        return
    result = app.import_with_preset(path, "auto", account="Broker")
    assert result.added > 0
    assert result.preset == ("ibkr-flex-csv" if path.name == "vti-buy-on-ibkr.csv" else
                             f"ghostfolio-{path.suffix[1:]}")


GHOSTFOLIO_NOT_OK = {
    "invalid-currency.csv": "currency: unknown currency '<invalid>'",
    "invalid-data-source.json": "dataSource: '<invalid>' is not a Ghostfolio data source",
    "invalid-date-before-min.json": "date: 1960-01-01 is before 1970-01-01",
    "invalid-date-yy.csv": "date: '16/09/21' is not a date",
    "invalid-date.json": "date: '<invalid>' is not a date",
    "invalid-fee.csv": "fee: '<invalid>' is not a number",
    "invalid-multi-line.csv": "invalid-multi-line.csv:4: type: '<invalid>' is not a Ghostfolio activity type",
    # Ghostfolio refuses it for its server's platform registry; here its account is not in the book.
    "invalid-platform.json": "the file's account 'Lehman Brothers Account' is not in this book",
    "invalid-symbol-btc-usd.csv": "'BTC-USD' is Yahoo's notation; Ghostfolio writes BTCUSD",
    "invalid-symbol-with-manual-data-source.json": "MANUAL asset 'Penthouse Apartment' has no asset profile",
    "invalid-symbol.csv": "symbol: '<invalid>' is not a symbol",
    "invalid-symbol.json": "symbol: '<invalid>' is not a symbol",
    "invalid-type.json": "type: '<invalid>' is not a Ghostfolio activity type",
    "unavailable-exchange-rate.json": "1990-01-01 is in EUR, which did not exist before 1999-01-01",
    "unexpected-format.json": "no preset recognises this file",
}


def test_every_ghostfolio_not_ok_file_is_refused_with_its_reason(app):
    folder = IMPORTS / "ghostfolio" / "not-ok"
    assert {p.name for p in folder.iterdir()} == set(GHOSTFOLIO_NOT_OK)
    before = dump(app.book.path)
    for name, reason in GHOSTFOLIO_NOT_OK.items():
        with pytest.raises(ImportRejected) as refused:
            app.import_with_preset(folder / name, "auto")
        assert reason in str(refused.value), (name, str(refused.value))
    with pytest.raises(ImportRejected, match="not a Ghostfolio export"):
        app.import_with_preset(folder / "unexpected-format.json", "ghostfolio-json", account="Broker")
    assert dump(app.book.path) == before


def test_ghostfolio_calculator_files_to_hand_checked_holdings(app):
    ok = IMPORTS / "ghostfolio" / "ok"
    app.import_with_preset(ok / "novn-buy-and-sell-partially.json", "auto", account="Broker")
    novn = next(p for p in app.ledger().positions() if p.symbol == "NOVN.SW")
    # Ghostfolio's spec: quantity 1, investment 75.80 (our cost basis also carries the buy's share of fees)
    buy = next(tx for tx in app.transactions() if tx.type is TxType.BUY)
    assert novn.quantity == 1 and novn.cost_basis == (buy.quantity * buy.price + buy.fees) / buy.quantity
    assert novn.cost_basis - buy.fees / buy.quantity == D("75.80")
    app.import_with_preset(ok / "jnug-buy-and-sell-and-buy-and-sell.json", "auto", account="Broker")
    assert "JNUG" not in {p.symbol for p in app.ledger().positions()}  # closed, as the spec says
    jnug = [tx for tx in app.transactions() if tx.symbol == "JNUG"]
    assert sum(tx.fees for tx in jnug) == 4  # fees 4
    app.import_with_preset(ok / "derived-currency.json", "auto", account="Broker")
    jse = next(tx for tx in app.transactions() if tx.symbol == "JSE.JO")
    assert (jse.currency, jse.price) == ("ZAR", D("108.75"))  # 10875 ZAc


# -- Wealthfolio ----------------------------------------------------------------------------------
def test_wealthfolio_happy_path_semicolons_and_duplicates(app, tmp_path):
    folder = IMPORTS / "wealthfolio"
    happy = app.import_with_preset(folder / "happy-path-import.csv", "auto", account="Broker")
    assert (happy.rows, happy.added) == (11, 11)  # Wealthfolio's e2e test: "11 row" preview, then complete
    duplicates = app.import_with_preset(folder / "duplicate-detection.csv", "auto", account="Broker")
    assert (duplicates.added, duplicates.skipped) == (0, 11)
    other = App.create(tmp_path / "semicolons.gtbook", "EUR")
    other.add_account("Client", "Broker", "USD")
    semicolons = other.import_with_preset(folder / "semicolon-delimiter.csv", "auto", account="Broker")
    assert semicolons.rows == 11
    assert [tx[:-2] for tx in other.transactions()] == [tx[:-2] for tx in app.transactions()]
    other.close()
    held = {p.symbol: p.quantity for p in app.ledger().positions()}
    assert held == {"MSFT": 5, "AAPL": 3, "VOO": 3, "TD.TO": 10}


def test_wealthfolio_template_with_a_shifted_row_is_refused(app):
    with pytest.raises(ImportRejected, match=r"sample-import.csv:11: row: 13 fields, the header has 12"):
        app.import_with_preset(IMPORTS / "wealthfolio" / "sample-import.csv", "auto", account="Broker")


# -- DEGIRO ---------------------------------------------------------------------------------------
def test_degiro_example(app):
    # The statement sells 7 shares bought before it begins: refused, saying how to give them; given, they
    # come in first, with the cash it held before its first row (its first balance less its change).
    with pytest.raises(ImportRejected, match=r"example.csv:7: quantity: SELL of 7 IE00B3RBWM25 .* none held .* "
                                             r"--opening IE00B3RBWM25=QUANTITY@TOTAL_COST"):
        app.import_with_preset(IMPORTS / "degiro" / "wfdegiro_degiro-example.csv", "auto", account="Degiro")
    result = app.import_with_preset(IMPORTS / "degiro" / "wfdegiro_degiro-example.csv", "auto", account="Degiro",
                                    openings={"IE00B3RBWM25": (D(7), D(700))})
    kinds = Counter(tx.type.value for tx in app.transactions() if tx.account == "Degiro")
    # The source project: SELL 1, DIVIDEND 1 (USD), INTEREST 1, DEPOSIT 2, FEE 2, TAX 1 (+ the withdrawal).
    # Here the negative interest is an INTEREST_CHARGE and the transaction tax and fees are folded into their
    # trades; the opening position and balance are one TRANSFER_IN and one DEPOSIT more.
    assert kinds == {"TRANSFER_IN": 1, "SELL": 1, "BUY": 1, "DIVIDEND": 1, "DEPOSIT": 3, "WITHDRAWAL": 1, "FEE": 2,
                     "INTEREST_CHARGE": 1}
    opening = [tx for tx in app.transactions() if tx.note.startswith("opening")]
    assert [(tx.date, tx.type.value, tx.quantity, tx.amount) for tx in opening] == [
        (date(2024, 12, 31), "DEPOSIT", None, D("534.91")), (date(2024, 12, 31), "TRANSFER_IN", D(7), D(700))]
    sell = of_type(app, TxType.SELL)[0]
    assert (sell.quantity, sell.amount, sell.fees, sell.taxes) == (7, D("786.80"), D("2.00"), D("0.30"))
    dividend = of_type(app, TxType.DIVIDEND)[0]
    assert (dividend.currency, dividend.amount) == ("USD", D("20.33"))
    assert dividend.fx_rate == (D("18.62") / D("20.33")).quantize(D("1e-10"))
    assert sum(1 for _, why in result.ignored if "currency conversion" in why) == 2


def test_degiro_e2e_localized_overlap_unknown_and_signs(app, tmp_path):
    folder = IMPORTS / "degiro"
    e2e = app.import_with_preset(folder / "wfdegiro_degiro-e2e-portfolio.csv", "auto", account="Degiro")
    kinds = Counter(tx.type.value for tx in app.transactions())
    assert kinds == {"BUY": 1, "SELL": 1, "DIVIDEND": 1, "DEPOSIT": 1, "WITHDRAWAL": 1, "FEE": 1,
                     "INTEREST_CHARGE": 1}
    assert of_type(app, TxType.DIVIDEND)[0].taxes == D("0.96")  # the dividend tax, folded in
    assert any("Cash Sweep" in why for _, why in e2e.ignored)

    def fresh(name: str) -> App:
        book = App.create(tmp_path / f"{name}.gtbook", "EUR")
        book.add_account("Client", "Degiro", "EUR")
        return book

    localized = fresh("localized")
    localized.import_with_preset(folder / "wfdegiro_degiro-localized-quantities.csv", "auto", account="Degiro")
    buys = of_type(localized, TxType.BUY)
    assert sorted(tx.quantity for tx in buys) == [1234, 1750, 2506, 6408]
    assert sorted(tx.fees for tx in buys) == [D("0.50"), D("0.99"), D("3.23"), D("3.45")]  # accrued interest (+ fee)
    localized.close()

    overlap = fresh("overlap")
    overlap.import_with_preset(folder / "wfdegiro_degiro-overlap.csv", "auto", account="Degiro")
    assert len(of_type(overlap, TxType.DIVIDEND)) == 2  # two identical dividends, both kept
    again = overlap.import_with_preset(folder / "wfdegiro_degiro-overlap.csv", "auto", account="Degiro")
    assert again.added == 0
    overlap.close()

    unknown = folder / "wfdegiro_degiro-unknown-type.csv"
    with pytest.raises(ImportRejected, match="'Onbekende Actie Die Niemand Kent' is not a DEGIRO entry"):
        app.import_with_preset(unknown, "auto", account="Degiro")
    skipping = fresh("unknown")  # the source project's "exactly 1 unsupported row": named, the rest imported
    result = skipping.import_with_preset(unknown, "auto", account="Degiro", skip_unknown=True)
    assert result.added == 1 and [line for line, why in result.ignored if why.startswith("skipped")] == [3]
    skipping.close()

    signs = fresh("signs")
    signs.import_with_preset(folder / "wfdegiro_degiro-canonical-signs.csv", "auto", account="Degiro")
    assert signs.ledger().cash[("Degiro", "EUR")] == 52  # the source project's reconciliation: exactly 52
    signs.close()


# -- Interactive Brokers ---------------------------------------------------------------------------
def test_ibkr_flex_xml_files(app, tmp_path):
    folder = IMPORTS / "ibkr_flex"
    app.import_with_preset(folder / "pp_testIBFlexStatementFile04.xml", "auto", account="Broker")
    buy, = app.transactions()
    assert (buy.symbol, buy.quantity, buy.price, buy.amount) == ("AVDE", 14, D("60.33"), D("844.62"))
    assert buy.fees == D("0.33") and buy.note == "IBKR trade 1111111111"  # PP: fee 0.33 (commission, stored in cents)

    interest = App.create(tmp_path / "interest.gtbook", "EUR")
    interest.add_account("Client", "IB", "USD")
    interest.import_with_preset(folder / "pp_testIBFlexStatementFile03.xml", "auto", account="IB")
    assert [(tx.type, tx.amount, tx.date.isoformat()) for tx in interest.transactions()] == [
        (TxType.INTEREST, D("0.02"), "2022-12-05")]  # the SUMMARY row is the DETAIL row's total
    interest.close()

    canada = App.create(tmp_path / "ca.gtbook", "EUR")
    canada.add_account("Client", "IB", "CAD")
    result = canada.import_with_preset(folder / "pp_testIBFlexStatementFile01.xml", "auto", account="IB")
    gcm = next(p for p in canada.ledger().positions() if p.symbol == "GCM.TO")
    assert gcm.quantity == 480  # 12,000 shares, then the 1-for-25 split
    first_cash = min((tx for tx in canada.transactions() if tx.type is TxType.FEE), key=lambda tx: tx.date)
    assert (first_cash.amount, first_cash.currency, first_cash.date.isoformat()) == (D(10), "CHF", "2013-01-03")
    assert any("OPT" in why for _, why in result.ignored)
    # The tender (UUU -> UUU.TEN2, one for one) keeps the book's UUU.TO; the merger for CAD 2.86 a share then
    # sells its 12,000 shares, realizing what IBKR says (fifoPnlRealized 2358).
    assert "UUU.TO" not in {p.symbol for p in canada.ledger().positions()}
    tender = [s for s in canada.ledger().sales if s.symbol == "UUU.TO"]
    assert [(s.quantity, s.proceeds, s.realized) for s in tender] == [(12000, D(34320), D(2358))]
    assert any("the book keeps UUU.TO for UUU.TEN2" in note for note in result.notes)
    canada.close()

    europe = App.create(tmp_path / "eu.gtbook", "EUR")
    europe.add_account("Client", "IB", "EUR")
    europe.import_with_preset(folder / "pp_testIBFlexStatementFile02.xml", "auto", account="IB")
    assert {"BMW.DE", "ORCL"} <= {p.symbol for p in europe.ledger().positions()}
    dividend = of_type(europe, TxType.DIVIDEND)[0]
    assert (dividend.symbol, dividend.amount, dividend.taxes) == ("ORCL", D(19), D("2.85"))
    europe.close()


def test_ibkr_flex_csv_trade_both_ways(app, tmp_path):
    path = IMPORTS / "ghostfolio" / "ok" / "vti-buy-on-ibkr.csv"
    app.import_with_preset(path, "ibkr-flex-csv", account="Broker")
    other = App.create(tmp_path / "other.gtbook", "EUR")
    other.add_account("Client", "Broker", "USD")
    other.import_with_preset(path, "ghostfolio-csv", account="Broker")  # Ghostfolio reads it too
    for book in (app, other):
        buy, = book.transactions()
        assert (buy.symbol, buy.quantity, buy.price, buy.fees) == ("VTI", 17, D("204.3473"), D(1))
    other.close()
