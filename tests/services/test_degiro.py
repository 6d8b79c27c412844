"""DEGIRO's account statement across its languages and years: our own samples (tests/data/presets, written
from the statements users post: German, French, Portuguese) imported into a real book, each figure checked
by hand and reconciled with the file's own balance column; the descriptions of every language DEGIRO
exports; wrapped rows; rows of a kind GigaTracker does not know."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import TxType
from gigatracker.services.importers.csv_reader import ImportRejected
from gigatracker.services.importers.presets.degiro.words import TRADE, kind_of
from tests.conftest import DATA
from tests.support.books import dump

SAMPLES = DATA / "presets"
HEADER = "Datum,Tijd,Valutadatum,Product,ISIN,Omschrijving,FX,Mutatie,,Saldo,,Order Id\n"


@pytest.fixture
def app(tmp_path):
    app = App.create(tmp_path / "book.gtbook", "EUR")
    app.add_account("Moi", "DEGIRO", "EUR")
    yield app
    app.close()


def holdings(app: App) -> dict[str, tuple[D, D]]:
    return {p.symbol: (p.quantity, p.cost_basis) for p in app.ledger().positions()}


def of_type(app: App, kind: TxType) -> list:
    return [tx for tx in app.transactions() if tx.type is kind]


def test_german_wrapped_order_ids_isin_change_reversed_dividend_and_cash_fund(app):
    result = app.import_with_preset(SAMPLES / "degiro_account_de.csv", "auto", account="DEGIRO")
    assert result.preset == "degiro"  # the header's "Uhrze" is how German exports truncate "Uhrzeit"
    assert any("4 continuation row(s) joined" in note for note in result.notes)
    buy, = of_type(app, TxType.BUY)
    assert (buy.symbol, buy.quantity, buy.amount, buy.fees) == ("DE000A14KEB5", 41, D("430.50"), D("3.90"))
    assert buy.note == "DEGIRO order 4b419202-7c2b-47d1-949d-4db996540220"  # joined across the wrapped row
    # The ISIN change keeps the book's name: the later sale of the new ISIN sells the old holding.
    sell, = of_type(app, TxType.SELL)
    assert (sell.symbol, sell.quantity, sell.fees) == ("DE000A14KEB5", 20, D(2))
    (quantity, cost), = holdings(app).values()
    assert (quantity, round(cost, 20)) == (21, round(D("434.40") - D("434.40") * 20 / 41, 20))
    # The dividend of 10 USD was reversed (its tax given back) and posted again at 12 USD: only that counts.
    dividend, = of_type(app, TxType.DIVIDEND)
    assert (dividend.amount, dividend.taxes, dividend.fx_rate) == (D(12), D("1.80"), D("0.9617647059"))
    assert not of_type(app, TxType.TAX) and not of_type(app, TxType.TAX_REFUND)
    reasons = dict(result.ignored)
    assert reasons[23] == "'Dividende' of 10.00 USD: reversed on line 19, so neither counts"
    assert reasons[22].startswith("'Dividendensteuer': the tax of a reversed dividend")
    assert of_type(app, TxType.INTEREST_CHARGE)[0].amount == D("0.50")  # negative interest
    assert "money-market cash fund" in reasons[5]
    # Reconciled with the balance column: the book has the 3.96 EUR DEGIRO moved into its cash fund (kept as
    # cash here) and the 0.01 EUR the two conversions of the reversed dividend differ by.
    difference, = result.reconciliation.differences
    assert (difference.what, difference.expected, difference.got) == ("cash", D("4706.44"), D("4710.41"))
    assert "line 5 cash fund -3.96" in difference.why and "line 16 conversion of a reversed dividend -8.18" in \
        difference.why and "line 20 conversion of a reversed dividend 8.17" in difference.why
    assert result.reconciliation.checked == {"balances": 2}


def test_french_pence_stamp_duty_split_bonus_shares_and_refunds_agree_with_the_balances(app):
    result = app.import_with_preset(SAMPLES / "degiro_account_fr.csv", "auto", account="DEGIRO")
    assert result.reconciliation.agrees and result.reconciliation.checked == {"balances": 3}
    rolls = next(tx for tx in of_type(app, TxType.BUY) if tx.symbol == "GB00B63H8491")
    # "Achat 100 …@496 GBX": 4.96 GBP each; the UK stamp duty of its order is its tax; the rate is the one
    # the conversion of the same minute used (598.18 EUR for 498.48 GBP).
    assert (rolls.currency, rolls.price, rolls.amount, rolls.taxes) == ("GBP", D("4.96"), D(496), D("2.48"))
    assert rolls.fx_rate == (D("598.18") / D("498.48")).quantize(D("1e-10"))
    split, = of_type(app, TxType.SPLIT)
    assert (split.symbol, split.ratio) == ("US67066G1040", 10)
    bonus, = of_type(app, TxType.DELIVERY_IN)
    assert (bonus.symbol, bonus.quantity, bonus.amount) == ("FR0000120073", 1, 0)
    assert holdings(app) == {"FR0000120073": (7, D("966.89")), "GB00B63H8491": (60, D("299.088")),
                             "US67066G1040": (50, D(6000))}
    refunds = sorted((tx.note, tx.amount) for tx in of_type(app, TxType.FEE_REFUND))
    assert refunds == [("Frais de connexion aux places boursières 2025", D("2.50")), ("Promotion DEGIRO", D(5))]
    assert of_type(app, TxType.INTEREST)[0].amount == D("0.85")
    # Fees charged in EUR on trades in another currency stand alone, on the security they were paid for.
    assert sorted(tx.amount for tx in of_type(app, TxType.FEE) if tx.symbol) == [1, 1, 2, 2]


def test_portuguese_statement(app):
    result = app.import_with_preset(SAMPLES / "degiro_account_pt.csv", "auto", account="DEGIRO")
    assert result.reconciliation.agrees
    assert holdings(app) == {"IE00B3XXRP09": (6, D("571.32"))}
    kinds = sorted(tx.type.value for tx in app.transactions())
    assert kinds == ["BUY", "DEPOSIT", "DIVIDEND", "FEE", "SELL", "WITHDRAWAL"]
    assert of_type(app, TxType.DIVIDEND)[0].taxes == D("0.42")


@pytest.mark.parametrize("description, kind", [
    ("iDEAL storting", "deposit"), ("flatex terugstorting", "withdrawal"), ("DEGIRO Verrekening Promotie", "courtesy"),
    ("Overboeking naar uw geldrekening bij flatexDEGIRO Bank: 5,44 EUR", "sweep"), ("FX Credit", "fx"),
    ("Fund Distribution", "dividend"), ("Dividend Tax", "dividend_tax"), ("Stamp Duty", "trade_tax"),
    ("Einzahlung", "deposit"), ("Laufende Auszahlung", "withdrawal"), ("Kapitalrückzahlung", "dividend"),
    ("Auszahlung von Ihrem Geldkonto bei der flatex Bank: 126,15 EUR", "sweep"),
    ("Währungswechsel (Einbuchung)", "fx"), ("Stückzinsen", "trade_fee"),
    ("Frais de courtage et/ou de parties tierces", "trade_fee"), ("Impôts sur dividende", "dividend_tax"),
    ("Dividende", "dividend"), ("Ingreso", "deposit"), ("Retirada Cambio de Divisa", "fx"),
    ("Costes de transacción y/o externos de DEGIRO", "trade_fee"), ("Retención del dividendo", "dividend_tax"),
    ("Dividendo", "dividend"), ("Comisión de conectividad con el mercado 2025", "fee"),
    ("Depósitos", "deposit"), ("Custo de Conectividade DEGIRO", "fee"), ("Imposto sobre dividendo", "dividend_tax"),
    ("Comissões de transação DEGIRO e/ou taxas de terceiros", "trade_fee"), ("Levantamento", "withdrawal"),
    ("Versamento fondi", "deposit"), ("Commissioni di transazione DEGIRO e/o costi di terze parti", "trade_fee"),
    ("Ritenuta sul dividendo", "dividend_tax"), ("Prelievo", "withdrawal"), ("Interessi", "interest"),
    ("Money Market fund conversion: Buy 1.98 at 1 EUR", "trade"), ("Onbekende Actie Die Niemand Kent", None),
])
def test_descriptions_in_every_language(description, kind):
    assert kind_of(description) == kind


@pytest.mark.parametrize("description, side, quantity, name, price, currency, isin", [
    ("Koop 10 @ 12,3 EUR", "Koop", "10", None, "12,3", "EUR", None),
    ("Buy 1,000 @ 0.50 EUR", "Buy", "1,000", None, "0.50", "EUR", None),
    ("Achat 6 AIR LIQUIDE@79,96 EUR (FR0000120073)", "Achat", "6", "AIR LIQUIDE", "79,96", "EUR", "FR0000120073"),
    ("Sell 4 ROLLS-ROYCE HOLDINGS PLC@496 GBX (GB00B63H8491)", "Sell", "4", "ROLLS-ROYCE HOLDINGS PLC", "496", "GBX",
     "GB00B63H8491"),
    ("Kauf 41 zu je 10,5 EUR (DE000A14KEB5)", "Kauf", "41", None, "10,5", "EUR", "DE000A14KEB5"),
    ("Compra 10 Apple Inc@150 USD (US0378331005)", "Compra", "10", "Apple Inc", "150", "USD", "US0378331005"),
    ("Venta 5 3M Company@90,1 USD (US88579Y1010)", "Venta", "5", "3M Company", "90,1", "USD", "US88579Y1010"),
    ("Venda 2 Vanguard S&P 500 UCITS ETF USD@99,50 EUR (IE00B3XXRP09)", "Venda", "2",
     "Vanguard S&P 500 UCITS ETF USD", "99,50", "EUR", "IE00B3XXRP09"),
    ("Acquisto 3 ENEL@6,50 EUR (IT0003128367)", "Acquisto", "3", "ENEL", "6,50", "EUR", "IT0003128367"),
    ("Vendita 3 ENEL@6,70 EUR (IT0003128367)", "Vendita", "3", "ENEL", "6,70", "EUR", "IT0003128367"),
    ("Verkoop 1.234 @ 100,00 EUR", "Verkoop", "1.234", None, "100,00", "EUR", None),
])
def test_trade_descriptions_in_every_language(description, side, quantity, name, price, currency, isin):
    match = TRADE.match(description)
    assert (match["side"], match["quantity"], match["name"] or None, match["price"], match["currency"],
            match["isin"]) == (side, quantity, name, price, currency, isin)


def test_a_wrapped_description_is_joined_and_a_dateless_row_with_amounts_refused(app, tmp_path):
    wrapped = tmp_path / "Account.csv"
    wrapped.write_text(HEADER + '02-01-2025,09:00,02-01-2025,,,"Overboeking naar uw geldrekening bij",,EUR,"-5,44",'
                                'EUR,"94,56",\n,,,,,"flatexDEGIRO Bank",,,,,,\n'
                                '01-01-2025,09:00,01-01-2025,,,iDEAL storting,,EUR,"100,00",EUR,"100,00",\n')
    result = app.import_with_preset(wrapped, "auto", account="DEGIRO")
    assert result.ignored == [(2, "'Overboeking naar uw geldrekening bij flatexDEGIRO Bank': cash moved to or from "
                                  "the flatex bank account (still yours, not a withdrawal)")]
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + ',,,,,,,EUR,"1,00",EUR,"1,00",\n'
                            '01-01-2025,09:00,01-01-2025,,,iDEAL storting,,EUR,"100,00",EUR,"100,00",\n'
                            ',,,,,,,EUR,"-1,00",EUR,"99,00",\n')
    before = dump(app.book.path)
    with pytest.raises(ImportRejected) as refused:
        app.import_with_preset(bad, "auto", account="DEGIRO")
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "date"), (4, "date")]
    assert "no row above" in refused.value.problems[0].why and "carries amounts" in refused.value.problems[1].why
    assert dump(app.book.path) == before


def test_a_reversal_whose_dividend_is_not_in_the_file_is_listed_with_its_cash(app, tmp_path):
    path = tmp_path / "Account.csv"
    path.write_text(HEADER + '03-02-2025,08:00,03-02-2025,ASML,NL0010273215,Dividend,,EUR,"-15,00",EUR,"85,00",\n'
                             '01-01-2025,09:00,01-01-2025,,,iDEAL storting,,EUR,"100,00",EUR,"100,00",\n')
    result = app.import_with_preset(path, "auto", account="DEGIRO")
    assert [tx.type for tx in app.transactions()] == [TxType.DEPOSIT]  # never a withdrawal
    assert "a reversed dividend whose dividend is not in this file" in dict(result.ignored)[2]
    difference, = result.reconciliation.differences
    assert (difference.expected, difference.got) == (D(85), D(100))
    assert "line 2 reversed dividend -15" in difference.why


def test_rows_of_an_unknown_kind_refuse_the_file_unless_skipped(app, tmp_path):
    path = tmp_path / "Account.csv"
    path.write_text(HEADER + '02-01-2025,11:00,02-01-2025,X,IE00UNK0001,Iets Nieuws,,EUR,"-42,00",EUR,"958,00",\n'
                             '02-01-2025,10:00,02-01-2025,,,iDEAL storting,,EUR,"1000,00",EUR,"1000,00",\n')
    with pytest.raises(ImportRejected, match=r"Account.csv:2: description: 'Iets Nieuws' is not a DEGIRO entry "
                                             r"GigaTracker knows \(--skip-unknown imports the rest"):
        app.import_with_preset(path, "auto", account="DEGIRO")
    assert not app.transactions()
    result = app.import_with_preset(path, "auto", account="DEGIRO", skip_unknown=True)
    assert result.added == 1 and (2, "skipped: 'Iets Nieuws' is not a DEGIRO entry GigaTracker knows") in result.ignored
    assert any("1 row(s) of a kind GigaTracker does not know were skipped" in note for note in result.notes)
    difference, = result.reconciliation.differences
    assert (difference.expected, difference.got) == (D(958), D(1000)) and "line 2 not known -42" in difference.why


def test_a_conversion_rate_into_euros_is_not_given_to_an_account_in_another_currency(tmp_path):
    app = App.create(tmp_path / "usd.gtbook", "USD")
    app.add_account("Moi", "DEGIRO USD", "USD")
    app.import_with_preset(SAMPLES / "degiro_account_fr.csv", "auto", account="DEGIRO USD")
    rolls = next(tx for tx in of_type(app, TxType.BUY) if tx.symbol == "GB00B63H8491")
    assert rolls.fx_rate is None  # 1.2000 is EUR per GBP, not USD per GBP: the cash stays in GBP
    app.close()
