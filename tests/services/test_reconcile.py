"""Imports that agree with the broker: our own IBKR statement sample (tests/data/presets), every figure it
states checked by hand, and the statements that start mid-life."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import TxType
from gigatracker.services.importers.csv_reader import ImportRejected
from tests.conftest import DATA
from tests.support.books import dump

STATEMENT = DATA / "presets" / "ibkr_flex_statement.xml"


@pytest.fixture
def app(tmp_path):
    app = App.create(tmp_path / "book.gtbook", "EUR")
    app.add_account("Client", "U7000001", "EUR")
    yield app
    app.close()


def test_an_ibkr_statement_agrees_but_for_the_option_it_does_not_track(app):
    result = app.import_with_preset(STATEMENT, "auto")
    reconciliation = result.reconciliation
    assert reconciliation.checked == {"trades": 7, "positions": 5, "balances": 2}  # the option is not tracked
    [difference] = reconciliation.differences  # the USD the option took: named, with its line
    assert (difference.what, difference.subject, difference.expected, difference.got) == (
        "cash", "U7000001 · USD", D("448.40"), D("698.40"))
    assert "line 12 OPT NVDA 251219C00150000 -250" in difference.why
    ledger = app.ledger()
    # EUR: 1,000 held before + 20,000 - 13,004 (ASML) + 3,496 (5 ASML) - 1,503 (DBK) + 1,797 (10 SAP) + 30.40
    # - 4.56 + 1.20 (tax refund) - 10 + 10 (a fee and its reversal) - 3.10 (interest charge)
    assert ledger.cash_balances() == {("U7000001", "EUR"): D("11809.94"), ("U7000001", "USD"): D("698.40")}
    assert {p.symbol: (p.quantity, p.cost_basis) for p in ledger.positions()} == {
        "ASML.AS": (15, D(9753)), "ASMLX.AS": (D("1.5"), 0), "DBK.DE": (100, D(1503)), "NVDA": (10, D(1201)),
        "SAP.DE": (30, D(4500))}
    realized = {s.symbol: s.realized for s in ledger.sales}
    assert realized == {"ASML.AS": D(245), "SAP.DE": D(297), "XYZ": D(-101)}  # the broker's FIFO figures


def test_what_the_statement_shows_each_row_becomes(app):
    result = app.import_with_preset(STATEMENT, "auto")
    by_note = {tx.note: tx for tx in app.transactions()}
    nvda = by_note["IBKR trade 7003"]  # no price in the file: its gross from its net cash, less commission
    assert (nvda.amount, nvda.price, nvda.fees) == (D(1200), D(120), D(1))
    opening = [tx for tx in app.transactions() if tx.note.startswith("opening")]
    assert [(tx.type, tx.symbol, tx.quantity, tx.amount) for tx in opening] == [
        (TxType.DEPOSIT, None, None, D(1000)), (TxType.TRANSFER_IN, "SAP.DE", 30, D(4500)),
        (TxType.TRANSFER_IN, "SAP.DE", 10, D(1500))]  # the 10 sold: proceeds 1,797 less realized 297
    kinds = {(tx.type, tx.symbol) for tx in app.transactions()}
    assert {(TxType.TAX_REFUND, "ASML.AS"), (TxType.FEE, None), (TxType.FEE_REFUND, None),
            (TxType.INTEREST_CHARGE, None), (TxType.DELIVERY_IN, "ASMLX.AS"), (TxType.SELL, "XYZ")} <= kinds
    dividends = [tx for tx in app.transactions() if tx.type is TxType.DIVIDEND]
    assert [(tx.symbol, tx.amount, tx.taxes) for tx in dividends] == [("ASML.AS", D("30.40"), D("4.56")),
                                                                       ("NVDA", D("0.40"), 0)]  # the re-posted one
    assert {line for line, why in result.ignored if "revers" in why} == {22, 23}


def test_importing_it_again_or_the_next_statement_adds_no_opening_again(app, tmp_path):
    app.import_with_preset(STATEMENT, "auto")
    again = app.import_with_preset(STATEMENT, "auto")
    assert again.added == 0 and again.reconciliation.checked["balances"] == 2
    following = tmp_path / "2026.xml"
    following.write_text(STATEMENT.read_text().replace('fromDate="20250101"', 'fromDate="20260101"')
                         .replace("tradeDate=\"2025", "tradeDate=\"2026").replace('dateTime="2025', 'dateTime="2026'),
                         encoding="utf-8")
    later = app.import_with_preset(following, "auto", allow_future=True)  # next year's: partly after today
    assert not any(tx.note.startswith("opening") and tx.date.year == 2026 for tx in app.transactions())
    assert later.added > 0


def test_a_flex_csv_without_symbols_names_its_securities_by_isin_and_reconciles(tmp_path):
    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("Client", "U7000002", "EUR")
        result = app.import_with_preset(DATA / "presets" / "ibkr_flex_isin_only.csv", "auto")
        assert result.preset == "ibkr-flex-csv" and result.reconciliation.agrees
        assert result.reconciliation.checked == {"trades": 2}
        assert {tx.symbol for tx in app.transactions()} == {"DE0007164600"}
        assert app.isin_named() == ["DE0007164600"]  # `security find-symbols` links it to SAP.DE


def test_a_refused_mid_life_statement_names_the_flag_and_changes_nothing(tmp_path):
    text = STATEMENT.read_text().replace('levelOfDetail="LOT"', 'levelOfDetail="CLOSED_LOT"')  # no lots given
    path = tmp_path / "no-lots.xml"
    path.write_text(text, encoding="utf-8")
    with App.create(tmp_path / "b.gtbook", "EUR") as app:
        app.add_account("Client", "U7000001", "EUR")
        before = dump(app.book.path)
        with pytest.raises(ImportRejected, match=r"SELL of 10 SAP.DE .* --opening SAP.DE=QUANTITY@TOTAL_COST"):
            app.import_with_preset(path, "auto")
        assert dump(app.book.path) == before
        result = app.import_with_preset(path, "auto", openings={"SAP.DE": (D(40), D(6000))})
        assert result.reconciliation.differences[0].what == "cash"  # only the option's dollars, as above
        assert len(result.reconciliation.differences) == 1


def test_amounts_in_pence_are_pounds_everywhere(app, tmp_path):
    """A file in GBX: the trade, its own figures, a dividend and a cash takeover are all read in pounds."""
    path = tmp_path / "gbx.xml"
    path.write_text(
        '<FlexQueryResponse><FlexStatements count="1"><FlexStatement accountId="U7000001">\n<Trades>\n'
        '<Trade accountId="U7000001" currency="GBX" assetCategory="STK" symbol="RR." isin="GB00B63H8491" '
        'listingExchange="LSE" tradeID="1" tradeDate="20250115" quantity="100" tradePrice="496" proceeds="-49600" '
        'taxes="0" ibCommission="-300" ibCommissionCurrency="GBX" cost="49900" netCash="-49900" buySell="BUY" '
        'levelOfDetail="EXECUTION" />\n</Trades>\n<CashTransactions>\n'
        '<CashTransaction accountId="U7000001" currency="GBX" symbol="RR." isin="GB00B63H8491" listingExchange="LSE" '
        'dateTime="20250601" type="Dividends" amount="600" description="RR.(GB00B63H8491) CASH DIVIDEND" '
        'levelOfDetail="DETAIL" />\n</CashTransactions>\n<CorporateActions>\n'
        '<CorporateAction accountId="U7000001" currency="GBX" assetCategory="STK" symbol="RR." isin="GB00B63H8491" '
        'listingExchange="LSE" dateTime="20250901" description="RR.(GB00B63H8491) MERGED(Acquisition) FOR GBP 5.50 '
        'PER SHARE (RR., ROLLS-ROYCE, GB00B63H8491)" quantity="-100" proceeds="55000" fifoPnlRealized="5100" '
        'amount="55000" type="TC" />\n</CorporateActions>\n</FlexStatement></FlexStatements></FlexQueryResponse>\n')
    result = app.import_with_preset(path, "ibkr-flex-xml", account="U7000001")
    assert result.reconciliation.agrees and result.reconciliation.checked == {"trades": 2}
    buy, dividend, sale = app.transactions()
    assert (buy.currency, buy.price, buy.amount, buy.fees) == ("GBP", D("4.96"), D(496), D(3))
    assert (dividend.type, dividend.amount) == (TxType.DIVIDEND, D(6))
    assert (sale.type, sale.amount) == (TxType.SELL, D(550))
    assert app.ledger().cash_balances()[("U7000001", "GBP")] == D(-499) + 6 + 550
