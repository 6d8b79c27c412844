"""Exports: the whole book as JSON round-trips into a new book; a random ledger exported as CSV and read
back through a mapping file is the same ledger; spreadsheets carry real numbers with formats; a bad book
file is refused whole and creates nothing."""
import json
import shutil
from datetime import date, timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import load_workbook

from gigatracker.app import App
from gigatracker.core.exposure import View
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.app.demo import build_demo_book
from gigatracker.services.exporters.book_json import BookFileError

OUR_CSV = """
[csv]
delimiter = ","
[columns]
date = "Date"
account = "Account"
type = "Type"
symbol = "Symbol"
quantity = "Quantity"
price = "Price"
amount = "Amount"
fees = "Fees"
taxes = "Taxes"
currency = "Currency"
fx_rate = "FX rate"
ratio = "Split ratio"
note = "Note"
"""


def content(txs):
    return [tx._replace(id=None, ref=None) for tx in txs]


@pytest.mark.sqlite_only("the demo book's file")
def test_the_demo_book_round_trips_through_json(cli, tmp_path):
    book = tmp_path / "demo.gtbook"
    build_demo_book(book).close()
    cli("account", "add", "--book", book, "--portfolio", "Foyer Martin", "--name", "Marge", "--currency", "USD",
        "--short-selling")
    cli("tx", "add", "--book", book, "--account", "Marge", "--date", "2025-03-03", "--type", "SELL", "--symbol",
        "SMCI", "--quantity", "10", "--price", "40", "--currency", "USD")  # a short position goes along too
    for args in (("--account", "PEA", "--type", "DELIVERY_IN", "--symbol", "ASML.AS", "--quantity", "2", "--price",
                  "700", "--currency", "EUR"),  # and every type that returns need
                 ("--account", "PEA", "--type", "TAX_REFUND", "--symbol", "ASML.AS", "--amount", "4.56",
                  "--currency", "EUR"),
                 ("--account", "PEA", "--type", "TRANSFER_OUT", "--amount", "100", "--currency", "EUR"),
                 ("--account", "Compte-titres", "--type", "TRANSFER_IN", "--amount", "100", "--currency", "EUR"),
                 ("--account", "Marge", "--type", "INTEREST_CHARGE", "--amount", "3", "--currency", "USD")):
        cli("tx", "add", "--book", book, "--date", "2025-04-01", *args)
    out, new = tmp_path / "book.json", tmp_path / "copy.gtbook"
    cli("export", "book", "--out", out, "--book", book)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "gigatracker-book" and D(document["transactions"][0]["amount"]) == D(30000)
    cli("import", "book", out, "--book", new)
    for command in (("account", "list"), ("tx", "list"), ("holdings",), ("themes", "list"), ("rules", "list"),
                    ("exposure", "--look-through", "--cross", "country"),
                    ("performance", "--by", "portfolio", "--to", "2026-11-20")):
        before, after = cli.json(*command, "--book", book), cli.json(*command, "--book", new)
        if command == ("tx", "list"):
            before, after = [dict(r, id=None) for r in before], [dict(r, id=None) for r in after]
        assert before == after, command


@pytest.mark.sqlite_only("the demo book's file")
def test_a_refused_book_file_creates_nothing(cli, tmp_path):
    book = tmp_path / "demo.gtbook"
    build_demo_book(book).close()
    out = tmp_path / "book.json"
    cli("export", "book", "--out", out, "--book", book)
    document = json.loads(out.read_text(encoding="utf-8"))
    sell = next(i for i, tx in enumerate(document["transactions"]) if tx["type"] == "SELL")
    document["transactions"][sell]["quantity"] = "100000"
    out.write_text(json.dumps(document), encoding="utf-8")
    new = tmp_path / "copy.gtbook"
    failed = cli("import", "book", out, "--book", new, ok=False)
    assert f"transactions[{sell}].quantity" in failed.stderr
    assert not new.exists() and not list(tmp_path.glob("copy.gtbook*"))
    document["transactions"][sell]["quantity"] = "1"
    document["accounts"][0]["short_selling"] = "yes"
    out.write_text(json.dumps(document), encoding="utf-8")
    failed = cli("import", "book", out, "--book", new, ok=False)
    assert "accounts[0].short_selling: expected true or false" in failed.stderr and not new.exists()
    out.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(BookFileError, match="not a GigaTracker book file"):
        App.import_book(out, new)


@pytest.mark.sqlite_only("the demo book's file")
def test_spreadsheets_have_numbers_formats_and_a_frozen_header(tmp_path):
    book = tmp_path / "demo.gtbook"
    build_demo_book(book).close()
    with App.open(book) as app:
        app.exports.write(app.exports.holdings_table(), tmp_path / "h.xlsx")
        app.exports.write(app.exports.exposure_table(View("theme", look_through=True)), tmp_path / "e.xlsx")
        holdings = app.holdings()
    sheet = load_workbook(tmp_path / "h.xlsx").active
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    value = header.index("Market value (EUR)") + 1
    first = sheet.cell(row=2, column=value)
    assert first.number_format == "#,##0.00" and isinstance(first.value, (int, float))
    assert round(D(str(first.value)), 2) == round(holdings[0].market_value_base, 2)
    weights = [sheet.cell(row=r, column=header.index("Weight") + 1).value for r in range(2, sheet.max_row + 1)]
    assert sheet.cell(row=2, column=header.index("Weight") + 1).number_format == "0.00%"
    assert 0.94 < sum(weights) <= 1.0  # positions only: cash is the rest
    exposure = load_workbook(tmp_path / "e.xlsx").active
    assert abs(sum(exposure.cell(row=r, column=3).value for r in range(2, exposure.max_row + 1)) - 1) < 1e-9


STEPS = st.integers(min_value=0, max_value=20)  # days after the previous transaction
SYMBOLS = st.sampled_from(["AIR.PA", "NVDA", "ASML.AS"])


@st.composite
def ledgers(draw):
    """Valid ledgers: deposits, buys and deliveries in, sells and deliveries out of at most what is held,
    dividends, fees, refunds, interest charges and cash moved between the two accounts."""
    txs, held = [], {}
    day = date(2023, 1, 2)
    for _ in range(draw(st.integers(min_value=1, max_value=25))):
        account = draw(st.sampled_from(["PEA", "CTO"]))
        day += timedelta(days=draw(STEPS))
        kind = draw(st.sampled_from(["BUY", "BUY", "SELL", "DIVIDEND", "DEPOSIT", "FEE", "DELIVERY_IN", "DELIVERY_OUT",
                                     "TAX_REFUND", "FEE_REFUND", "INTEREST_CHARGE", "CASH_TRANSFER"]))
        symbol = draw(SYMBOLS)
        price = D(draw(st.integers(min_value=1, max_value=10**6))) / 100
        quantity = D(draw(st.integers(min_value=1, max_value=10**5))) / 1000
        fees = D(draw(st.integers(min_value=0, max_value=999))) / 100
        if kind in ("SELL", "DELIVERY_OUT"):
            available = held.get((account, symbol), D(0))
            if available <= 0:
                continue
            quantity = min(quantity, available)
            held[(account, symbol)] = available - quantity
            txs.append(Transaction(day, account, TxType(kind), "EUR", symbol, quantity, price, fees=fees))
        elif kind in ("BUY", "DELIVERY_IN"):
            held[(account, symbol)] = held.get((account, symbol), D(0)) + quantity
            txs.append(Transaction(day, account, TxType(kind), "EUR", symbol, quantity, price, fees=fees,
                                   note=draw(st.sampled_from(["", "PRU, « note »", 'quote "x"']))))
        elif kind == "CASH_TRANSFER":
            other = "CTO" if account == "PEA" else "PEA"
            txs.append(Transaction(day, account, TxType.TRANSFER_OUT, "EUR", amount=price))
            txs.append(Transaction(day, other, TxType.TRANSFER_IN, "EUR", amount=price))
        elif kind == "TAX_REFUND":
            txs.append(Transaction(day, account, TxType.TAX_REFUND, "EUR", symbol, amount=price))
        elif kind == "DIVIDEND":
            txs.append(Transaction(day, account, TxType.DIVIDEND, "EUR", symbol, amount=price, taxes=fees))
        else:
            txs.append(Transaction(day, account, TxType(kind), "EUR", amount=price))
    return txs


@pytest.fixture(scope="module")
def empty_book(tmp_path_factory) -> Path:
    """Two accounts and nothing else; copied for each example (creating a book runs the migrations)."""
    path = tmp_path_factory.mktemp("template") / "empty.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("P", "PEA", "EUR", "average")
        app.add_account("P", "CTO", "EUR")
    return path


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(txs=ledgers())
def test_a_random_ledger_round_trips_through_csv(tmp_path_factory, empty_book, txs):
    folder = tmp_path_factory.mktemp("rt")
    mapping = folder / "ours.toml"
    mapping.write_text(OUR_CSV, encoding="utf-8")
    source, target = folder / "a.gtbook", folder / "b.gtbook"
    for path in (source, target):
        shutil.copy(empty_book, path)
    with App.open(source) as app:
        if txs:
            app.add_transactions(txs)
        app.exports.write(app.exports.transactions_table(), folder / "tx.csv")
        expected, positions = content(app.transactions()), app.ledger().snapshot()
    with App.open(target) as app:
        app.import_transactions(folder / "tx.csv", mapping)
        assert content(app.transactions()) == expected
        assert app.ledger().snapshot() == positions
