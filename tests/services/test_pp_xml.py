"""The Portfolio Performance XML preset on files written here from the format's rules (docs/formats.md):
scales per file version, both kinds of XStream references, trades in a foreign currency, transfers,
taxonomies; and every refusal clear, naming the line, with nothing written."""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import TxType
from gigatracker.services.importers.csv_reader import ImportRejected
from gigatracker.services.store import themes_repo
from tests.support.books import dump

SECURITY = """<security><uuid>s1</uuid><name>NVIDIA</name><currencyCode>USD</currencyCode><isin>US67066G1040</isin>
<tickerSymbol>NVDA</tickerSymbol><prices><price t="2024-01-02" v="{p1}"/><price t="2024-06-03" v="{p2}"/></prices>
<latest t="2024-06-04" v="{p3}"/></security>"""


def client(version: int, accounts: str, portfolios: str, securities: str = "", taxonomies: str = "") -> str:
    return (f"<client>\n<version>{version}</version>\n<baseCurrency>EUR</baseCurrency>\n<securities>{securities}"
            f"</securities>\n<accounts>{accounts}</accounts>\n<portfolios>{portfolios}</portfolios>\n"
            f"<taxonomies>{taxonomies}</taxonomies>\n</client>\n")


def forex_book(version: int = 60, shares: str = "1000000000", quote: str = "12000000000") -> str:
    """An EUR account buys 10 NVDA for 1,100 USD (rate 0.9 EUR per USD) with a 5 USD fee."""
    security = SECURITY.format(p1=quote, p2=quote, p3=quote)
    buy = f"""<account-transaction><date>2024-01-02T10:00</date><currencyCode>EUR</currencyCode><amount>99450</amount>
<security reference="../../../../../securities/security"/>
<crossEntry class="buysell"><portfolio><uuid>p1</uuid><name>Titres</name>
<referenceAccount reference="../../../../.."/><transactions><portfolio-transaction>
<date reference="../../../../../date"/><currencyCode>EUR</currencyCode><amount>99450</amount>
<security reference="../../../../../../../../../securities/security"/><crossEntry class="buysell" reference="../../../.."/>
<shares>{shares}</shares><units>
<unit type="GROSS_VALUE"><amount currency="EUR" amount="99000"/><forex currency="USD" amount="110000"/><exchangeRate>0.9</exchangeRate></unit>
<unit type="FEE"><amount currency="EUR" amount="450"/><forex currency="USD" amount="500"/><exchangeRate>0.9</exchangeRate></unit>
</units><type>BUY</type></portfolio-transaction></transactions></portfolio>
<portfolioTransaction reference="../portfolio/transactions/portfolio-transaction"/><account reference="../../../.."/>
<accountTransaction reference="../.."/></crossEntry><shares>0</shares><type>BUY</type></account-transaction>"""
    deposit = ("<account-transaction><date>2024-01-01T00:00</date><currencyCode>EUR</currencyCode><amount>500000</amount>"
               "<shares>0</shares><type>DEPOSIT</type></account-transaction>")
    dividend = ("<account-transaction><date>2024-06-03T00:00</date><currencyCode>EUR</currencyCode><amount>700</amount>"
                "<security reference=\"../../../../../securities/security\"/><shares>0</shares><units>"
                "<unit type=\"TAX\"><amount currency=\"EUR\" amount=\"200\"/></unit></units><type>DIVIDENDS</type>"
                "</account-transaction>")
    accounts = (f"<account><uuid>a1</uuid><name>Compte espèces</name><currencyCode>EUR</currencyCode>"
                f"<transactions>{deposit}{buy}{dividend}</transactions></account>")
    portfolios = '<portfolio reference="../../accounts/account/transactions/account-transaction[2]/crossEntry/portfolio"/>'
    return client(version, accounts, portfolios, security)


@pytest.fixture
def app(tmp_path):
    app = App.create(tmp_path / "book.gtbook", "EUR")
    yield app
    app.close()


def write(tmp_path, text: str, name: str = "portefeuille.xml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_forex_buy_becomes_a_usd_position_paid_from_eur_cash_through_a_transfer_pair(app, tmp_path):
    result = app.import_with_preset(write(tmp_path, forex_book()), "auto")
    assert result.preset == "portfolio-performance-xml"
    assert result.accounts_created == ["Compte espèces", "Titres"]
    assert (result.securities, result.prices) == (1, 3)
    txs = {(tx.account, tx.type): tx for tx in app.transactions()}
    buy = txs[("Titres", TxType.BUY)]
    assert (buy.symbol, buy.quantity, buy.amount, buy.fees, buy.currency) == ("NVDA", D(10), D(1100), D(5), "USD")
    out_of, into = txs[("Compte espèces", TxType.TRANSFER_OUT)], txs[("Titres", TxType.TRANSFER_IN)]
    assert (out_of.amount, out_of.currency, into.amount, into.currency) == (D("994.50"), "EUR", D(1105), "USD")
    dividend = txs[("Compte espèces", TxType.DIVIDEND)]
    assert (dividend.symbol, dividend.amount, dividend.taxes) == ("NVDA", D(9), D(2))  # gross = 7 net + 2 tax
    cash = app.ledger().cash_balances()
    assert cash[("Compte espèces", "EUR")] == D(5000) - D("994.50") + D(7)
    assert not cash.get(("Titres", "USD"))  # the securities account keeps no cash: the transfer paid the buy
    assert [(p.account, p.symbol, p.quantity, p.cost_basis) for p in app.ledger().positions()] == \
        [("Titres", "NVDA", D(10), D(1105))]
    with app.book.read() as conn:
        closes = conn.exec_driver_sql("SELECT date, close, currency, source FROM prices ORDER BY date").fetchall()
    assert closes[0] == ("2024-01-02", "120", "USD", "Portfolio Performance file")
    assert app.accounts()[0].portfolio == "portefeuille"  # the file's name, unless --portfolio says otherwise


@pytest.mark.parametrize("version, shares, quote", [(60, "1000000000", "12000000000"), (40, "10000000", "1200000"),
                                                    (27, "10000000", "12000"), (20, "1000000", "12000")])
def test_shares_and_quotes_are_scaled_as_the_files_version_stores_them(app, tmp_path, version, shares, quote):
    text = forex_book(version, shares, quote)
    if version < 29:  # before currencies: everything is in euros
        text = text.replace("<currencyCode>USD</currencyCode>", "<currencyCode>EUR</currencyCode>")
    app.import_with_preset(write(tmp_path, text), "portfolio-performance-xml")
    [position] = app.ledger().positions()
    assert position.quantity == D(10)
    with app.book.read() as conn:
        assert conn.exec_driver_sql("SELECT close FROM prices LIMIT 1").scalar() == "120"


def test_id_references_resolve_like_path_references(app, tmp_path):
    text = """<client id="1"><version>60</version><baseCurrency>EUR</baseCurrency><securities/>
<accounts><account id="2"><uuid>a</uuid><name>Courant</name><currencyCode>EUR</currencyCode><transactions>
<account-transaction id="3"><date id="4">2024-01-01T00:00</date><currencyCode>EUR</currencyCode><amount>10000</amount>
<shares>0</shares><type>DEPOSIT</type></account-transaction>
<account-transaction id="5"><date reference="4"/><currencyCode>EUR</currencyCode><amount>2500</amount>
<crossEntry class="account-transfer" id="6"><accountFrom reference="2"/><transactionFrom reference="5"/>
<accountTo id="7"><uuid>b</uuid><name>Livret</name><currencyCode>EUR</currencyCode><transactions>
<account-transaction id="8"><date reference="4"/><currencyCode>EUR</currencyCode><amount>2500</amount>
<crossEntry reference="6"/><shares>0</shares><type>TRANSFER_IN</type></account-transaction></transactions></accountTo>
<transactionTo reference="8"/></crossEntry><shares>0</shares><type>TRANSFER_OUT</type></account-transaction>
</transactions></account><account reference="7"/></accounts><portfolios/></client>"""
    result = app.import_with_preset(write(tmp_path, text), "auto")
    assert result.added == 3  # the transfer's second leg written once, with its first
    assert app.ledger().cash_balances() == {("Courant", "EUR"): D(75), ("Livret", "EUR"): D(25)}


def test_taxonomies_become_weighted_themes_and_an_account_assignment_is_listed(app, tmp_path):
    taxonomy = """<taxonomy><id>t</id><name>Régions</name><root><id>r</id><name>Régions</name><children>
<classification><id>c1</id><name>Amérique/Nord</name><color>#112233</color><parent reference="../../.."/><children>
<classification><id>c2</id><name>États-Unis</name><parent reference="../../.."/><children/><assignments>
<assignment><investmentVehicle class="security" reference="../../../../../../../../../../securities/security"/>
<weight>7500</weight><rank>0</rank></assignment>
<assignment><investmentVehicle class="account" reference="../../../../../../../../../../accounts/account"/>
<weight>10000</weight><rank>1</rank></assignment></assignments><weight>10000</weight><rank>0</rank></classification>
</children><assignments/><weight>10000</weight><rank>0</rank></classification></children><assignments/></root></taxonomy>"""
    text = forex_book().replace("<taxonomies></taxonomies>", f"<taxonomies>{taxonomy}</taxonomies>")
    result = app.import_with_preset(write(tmp_path, text), "auto")
    assert result.taxonomies == 1
    assert any("an account is assigned to 'Amérique-Nord/États-Unis'" in why for _, why in result.ignored)
    with app.book.read() as conn:
        weights = themes_repo.load_assignments(conn)
        themes = {(t.taxonomy, t.path): t.colour for t in themes_repo.load_themes(conn)}
    assert weights["Régions"]["NVDA"] == {"Amérique-Nord/États-Unis": 7500}
    assert themes[("Régions", "Amérique-Nord")] == "#112233"  # a '/' in a name cannot split a path


def test_a_second_import_adds_nothing_and_refreshes_prices(app, tmp_path):
    path = write(tmp_path, forex_book())
    first = app.import_with_preset(path, "auto")
    again = app.import_with_preset(path, "auto")
    assert (again.added, again.skipped, again.accounts_created) == (0, first.added, [])
    assert len(app.transactions()) == first.added


@pytest.mark.parametrize("raw, why", [
    (b"PORTFOLIO\x01" + bytes(16) + b"ciphertext", "encrypted Portfolio Performance file: save it unencrypted"),
    (b"PPPBV1\x0a\x02", "binary file: save it as XML"),
])
def test_encrypted_and_binary_files_are_refused_saying_how_to_save_them(app, tmp_path, raw, why):
    path = tmp_path / "book.portfolio"
    path.write_bytes(raw)
    before = dump(app.book.path)
    with pytest.raises(ImportRejected) as refused:
        app.import_with_preset(path, "auto")
    assert why in str(refused.value)
    assert dump(app.book.path) == before


def test_a_zipped_file_is_read_from_its_data_xml_and_a_zipped_binary_is_refused(app, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.xml", forex_book())
    (tmp_path / "zipped.xml").write_bytes(buffer.getvalue())
    assert app.import_with_preset(tmp_path / "zipped.xml", "auto").added == 5
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("data.portfolio", b"PPPBV1")
    (tmp_path / "binary.portfolio").write_bytes(buffer.getvalue())
    with pytest.raises(ImportRejected, match="binary file"):
        app.import_with_preset(tmp_path / "binary.portfolio", "auto")


@pytest.mark.parametrize("mutate, line, field, why", [
    (lambda t: t[: t.index("<portfolios>")], None, "file", "not well-formed XML"),
    (lambda t: "Date;Type;Value\n2024-01-02;Buy;100\n", 1, "file", "or not a Portfolio Performance XML file"),
    (lambda t: t.replace("<client>", "<portfolio>").replace("</client>", "</portfolio>"), 1, "file",
     "not a Portfolio Performance file (its root is <portfolio>"),
    (lambda t: t.replace("<type>DEPOSIT</type>", "<type>GIFT</type>"), 7, "type", "'GIFT' is not a Portfolio"),
    (lambda t: t.replace("<amount>500000</amount>", "<amount>5,000.00</amount>"), 7, "amount", "not a whole number"),
    (lambda t: t.replace("<tickerSymbol>NVDA</tickerSymbol>", "").replace("<isin>US67066G1040</isin>", ""),
     4, "security", "'NVIDIA' has no ticker, ISIN or WKN"),
    (lambda t: t.replace('reference="../../../../../securities/security"', 'reference="../../../nowhere"', 1),
     None, "reference", "does not lead to an element"),
    (lambda t: '<!DOCTYPE client [<!ENTITY x "y">]>' + t, 1, "file", "declares a DTD"),
    (lambda t: t.replace("<version>60</version>", ""), 1, "version", "no <version>"),
    (lambda t: t.replace("2024-01-01T00:00", "1969-01-01T00:00"), 7, "date", "before 1970"),
])
def test_bad_files_are_refused_naming_the_line_and_nothing_is_written(app, tmp_path, mutate, line, field, why):
    path = write(tmp_path, mutate(forex_book()))
    before = dump(app.book.path)
    with pytest.raises(ImportRejected) as refused:
        app.import_with_preset(path, "portfolio-performance-xml")
    problems = [p for p in refused.value.problems if p.field == field]
    assert problems and why in problems[0].why, refused.value.problems
    if line is not None:
        assert problems[0].line == line
    assert dump(app.book.path) == before


def test_an_account_cannot_be_chosen_for_a_file_that_names_its_own(app, tmp_path):
    app.add_account("P", "CTO", "EUR")
    with pytest.raises(ImportRejected, match="names its own accounts"):
        app.import_with_preset(write(tmp_path, forex_book()), "auto", account="CTO")


def test_an_account_of_the_same_name_in_another_currency_is_refused(app, tmp_path):
    app.add_account("P", "Titres", "USD")
    with pytest.raises(ImportRejected, match="'Titres' is in USD, the file's in EUR"):
        app.import_with_preset(write(tmp_path, forex_book()), "auto")


def test_our_sample_file_imports_every_type_to_the_cent(app):
    """tests/data/presets/portfolio_performance.xml: written here with id references (PP 0.70's option),
    every transaction type; holdings and cash checked by hand."""
    from tests.conftest import DATA
    result = app.import_with_preset(DATA / "presets" / "portfolio_performance.xml", "auto")
    assert (result.added, result.accounts_created) == (24, ["Compte courant", "Livret", "Titres", "PEA Titres"])
    assert {kind.value for kind in {tx.type for tx in app.transactions()}} == {
        "DEPOSIT", "WITHDRAWAL", "BUY", "SELL", "DIVIDEND", "TAX", "TAX_REFUND", "FEE", "FEE_REFUND", "INTEREST",
        "INTEREST_CHARGE", "DELIVERY_IN", "DELIVERY_OUT", "TRANSFER_IN", "TRANSFER_OUT"}
    ledger = app.ledger()
    # 10,000 - 3,105 (ASML) - 5,980.92 (NVDA: 6,501 USD at 0.92) + 24.65 - 12 + 2 - 6 + 1 + 3.10 - 0.50
    # + 1,393 (the sale) - 500 - 1,000 (to the Livret)
    assert {k: v for k, v in ledger.cash_balances().items() if v} == {("Compte courant", "EUR"): D("819.33"),
                                                                      ("Livret", "EUR"): D(1000)}
    assert [(p.account, p.symbol, p.quantity, p.cost_basis) for p in ledger.positions()] == [
        ("PEA Titres", "AIR.PA", D(6), D(900)), ("Titres", "ASML.AS", D(3), D(1863)), ("Titres", "NVDA", D(10), D(6501))]
    assert [s.realized for s in ledger.sales] == [D(1393) - D(1242), D(640) - D(600)]
    with app.book.read() as conn:
        assert themes_repo.load_assignments(conn)["Thèse"] == {
            "ASML.AS": {"Inférence/Puces d'inférence": 10000}, "NVDA": {"Inférence/Puces d'inférence": 8000}}


@pytest.mark.parametrize("rate", ["0", "-0.9", "NaN", "Infinity", "abc"])
def test_an_exchange_rate_that_cannot_be_one_is_refused(app, tmp_path, rate):
    with pytest.raises(ImportRejected, match="is not an exchange rate"):
        app.import_with_preset(write(tmp_path, forex_book().replace("<exchangeRate>0.9</exchangeRate>",
                                                                    f"<exchangeRate>{rate}</exchangeRate>", 1)), "auto")


def test_a_transfers_legs_pair_up_whichever_account_the_file_lists_first(app, tmp_path):
    from tests.conftest import DATA
    text = (DATA / "presets" / "portfolio_performance.xml").read_text(encoding="utf-8")
    text = text.replace('''    <account reference="39"/>\n  </accounts>''', "  </accounts>").replace(
        '''  <accounts id="7">\n''', '''  <accounts id="7">\n    <account reference="39"/>\n''')
    text = text.replace('''    <portfolio reference="13"/>\n    <portfolio reference="22"/>''',
                        '''    <portfolio reference="22"/>\n    <portfolio reference="13"/>''')
    result = app.import_with_preset(write(tmp_path, text), "auto")
    assert result.added == 24  # each transfer once, with both legs
    ledger = app.ledger()
    assert {k: v for k, v in ledger.cash_balances().items() if v} == {("Compte courant", "EUR"): D("819.33"),
                                                                      ("Livret", "EUR"): D(1000)}
    assert [(p.account, p.symbol, p.quantity) for p in ledger.positions()] == [
        ("PEA Titres", "AIR.PA", D(6)), ("Titres", "ASML.AS", D(3)), ("Titres", "NVDA", D(10))]


def test_a_file_with_trades_in_dollars_is_measured_offline_with_its_own_rates(app):
    """PP files hold no exchange rates: the rates of the file's own conversions value the dollars, and the
    report says so; the conversions inside the book are no money coming in."""
    from datetime import date
    from tests.conftest import DATA
    from gigatracker.app.performance import PeriodChoice, scope_of
    app.import_with_preset(DATA / "presets" / "portfolio_performance.xml", "auto")
    m = app.performance.measure(scope_of(), PeriodChoice("2024"), today=date(2025, 6, 1))
    b = m.breakdown
    assert b.transfers == D(10000) - D(500) + D(1500) - D(640)  # deposit, removal, deliveries in and out
    assert b.unexplained() == 0
    assert [(n.symbol, n.kind) for n in m.coverage.notes if n.kind == "FX from transactions"] == [("USD->EUR",
                                                                                                  "FX from transactions")]
    nvda = app.performance.measure(scope_of(security="NVDA"), PeriodChoice("2024"), today=date(2025, 6, 1))
    assert nvda.breakdown.final_value == D("1342.90") * 10 * D("5980.92") / D(6501)  # 10 x the latest close, at 0.92
