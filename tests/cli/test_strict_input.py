"""Input that used to be read wrongly is refused with FILE:LINE and changes nothing (issue 16): a quote
never closed, a header naming a column twice, a file mixing encodings or declared in the wrong one,
numbers too small or too long to be real, symbols carrying invisible or control characters, a negative
purchase, dates before 1900 or after today (unless asked) — the same rule for importers and `tx add`."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from gigatracker.app import App
from tests.conftest import DATA
from tests.support.books import dump

HEADER = "date,account,type,symbol,quantity,price,amount,currency,note\n"


@pytest.fixture
def book(cli, tmp_path):
    path = tmp_path / "b.gtbook"
    cli("init", "--book", path, "--base-currency", "EUR")
    cli("account", "add", "--book", path, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    cli.import_rows(path, HEADER + "2025-01-02,CTO,DEPOSIT,,,,1000,EUR,\n")
    return path


def mapping(tmp_path, encoding: str = "utf-8"):
    path = tmp_path / "m.toml"
    path.write_text(f'[csv]\nencoding = "{encoding}"\n[columns]\n'
                    + "".join(f'{name} = "{name}"\n' for name in HEADER.strip().split(",")), encoding="utf-8")
    return path


def refused(cli, book, tmp_path, data: bytes, *, encoding: str = "utf-8"):
    rows = tmp_path / "rows.csv"
    rows.write_bytes(data)
    before = dump(book)
    result = cli("import", "transactions", rows, "--book", book, "--mapping", mapping(tmp_path, encoding), ok=False)
    assert dump(book) == before
    return result.stderr


def test_a_quote_never_closed_is_named_where_it_opened(cli, book, tmp_path):
    data = (HEADER + "2025-01-03,CTO,BUY,NVDA,1,10,,EUR,\"a note that never ends\n"
            "2025-01-04,CTO,BUY,NVDA,1,10,,EUR,\n2025-01-05,CTO,BUY,NVDA,1,10,,EUR,\n").encode()
    assert "rows.csv:2: row: unreadable CSV (unexpected end of data)" in refused(cli, book, tmp_path, data)


def test_a_column_named_twice_is_refused(cli, book, tmp_path):
    data = (HEADER.strip() + ",price\n2025-01-03,CTO,BUY,NVDA,1,10,,EUR,,99\n").encode()
    assert "rows.csv:1: header: column 'price' appears 2 times" in refused(cli, book, tmp_path, data)


def test_one_file_one_encoding(cli, book, tmp_path):
    mixed = (HEADER + "2025-01-03,CTO,BUY,NVDA,1,10,,EUR,café\n").encode() + \
        "2025-01-04,CTO,BUY,NVDA,1,10,,EUR,crème\n".encode("cp1252")
    why = refused(cli, book, tmp_path, mixed, encoding="cp1252")
    assert "rows.csv:3: encoding: the file mixes encodings: line 2 is UTF-8, line 3 is not" in why
    utf8 = (HEADER + "2025-01-03,CTO,BUY,NVDA,1,10,,EUR,café\n").encode()
    assert "rows.csv:2: encoding: the file is UTF-8 (line 2), not cp1252" in \
        refused(cli, book, tmp_path, utf8, encoding="cp1252")
    # A preset's file is read the same way (Ghostfolio's CSV, recognised by its header).
    ghostfolio = ("Date,Code,DataSource,Currency,Price,Quantity,Action,Fee,Note\n"
                  "10-01-2025,ASML.AS,YAHOO,EUR,650.50,4,buy,2.50,café\n").encode() + \
        "11-01-2025,ASML.AS,YAHOO,EUR,650.50,4,buy,2.50,crème\n".encode("cp1252")
    (tmp_path / "gf.csv").write_bytes(ghostfolio)
    result = cli("import", "transactions", tmp_path / "gf.csv", "--book", book, "--account", "CTO", "--preset", "auto",
                 ok=False)
    assert "gf.csv:3: encoding: the file mixes encodings" in result.stderr


@pytest.mark.parametrize("price, why", [("1e-200000", "is not a number"), ("0.000000000000000000001", "too small"),
                                        ("1." + "1" * 40, "more than 34 significant digits")])
def test_numbers_that_cannot_be_real_are_refused(cli, book, tmp_path, price, why):
    data = (HEADER + f"2025-01-03,CTO,BUY,NVDA,1,{price},,EUR,\n").encode()
    assert why in refused(cli, book, tmp_path, data)


def test_a_preset_number_too_small_is_refused_not_stored_or_zeroed(cli, book, tmp_path):
    json = tmp_path / "gf.json"
    json.write_text('{"meta": {"date": "2026-03-01T00:00:00.000Z", "version": "2.150.0"}, "accounts": [{"id": "a",'
                    ' "name": "CTO", "currency": "EUR"}], "activities": [{"accountId": "a", "type": "BUY", "symbol":'
                    ' "NVDA", "dataSource": "YAHOO", "currency": "EUR", "date": "2025-01-10T00:00:00.000Z",'
                    ' "quantity": 1, "unitPrice": 1e-10000000, "fee": 0}]}', encoding="utf-8")
    before = dump(book)
    result = cli("import", "transactions", json, "--book", book, "--account", "CTO", "--preset", "auto", ok=False)
    assert "too small (limit 1e-20)" in result.stderr and dump(book) == before


@pytest.mark.parametrize("symbol", ["AIR.PA\u200b", "NV\u202eDA", "NV\x00DA", "NVDA\x1b[31m"])
def test_invisible_and_control_characters_in_symbols_are_refused(cli, book, tmp_path, symbol):
    data = (HEADER + f"2025-01-03,CTO,BUY,{symbol},1,10,,EUR,\n").encode()
    assert "rows.csv:2: symbol:" in refused(cli, book, tmp_path, data)


NEGATIVE_BUYS = [  # (file, the BUY as written, the same BUY with its quantity negative, line, field)
    ("wealthfolio.csv", "2025-01-10;AIR.PA;EQUITY;20;BUY", "2025-01-10;AIR.PA;EQUITY;-20;BUY", 3, "quantity"),
    ("ghostfolio.csv", "10-01-2025,ASML.AS,YAHOO,EUR,650.50,4,buy", "10-01-2025,ASML.AS,YAHOO,EUR,650.50,-4,buy", 2,
     "quantity"),
    ("portfolio_performance.csv", ";4.00;;20;NL0010273215", ";4.00;;-20;NL0010273215", 3, "shares"),
    ("ibkr_flex.csv", '"9001","20250303","10"', '"9001","20250303","-10"', 2, "quantity"),
]


@pytest.mark.parametrize("name, written, negative, line, field", NEGATIVE_BUYS, ids=[n[0] for n in NEGATIVE_BUYS])
def test_a_preset_never_turns_a_negative_buy_into_a_purchase(cli, book, tmp_path, name, written, negative, line,
                                                             field):
    text = (DATA / "presets" / name).read_text(encoding="utf-8")
    assert text.count(written) == 1
    path = tmp_path / name
    path.write_text(text.replace(written, negative), encoding="utf-8")
    before = dump(book)
    result = cli("import", "transactions", path, "--book", book, "--account", "CTO", "--preset", "auto", ok=False)
    assert f"{name}:{line}: {field}: BUY with a negative quantity (-" in result.stderr
    assert dump(book) == before
    path.write_text(text, encoding="utf-8")  # as the broker wrote it, the same file imports
    cli("import", "transactions", path, "--book", book, "--account", "CTO", "--preset", "auto", "--dry-run")


def test_dates_before_1900_or_after_today_are_refused_everywhere(cli, book, tmp_path):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    for day, why in (("1899-12-31", "1899-12-31 is before 1900"), (tomorrow, f"{tomorrow} is in the future")):
        stderr = refused(cli, book, tmp_path, (HEADER + f"{day},CTO,BUY,NVDA,1,10,,EUR,\n").encode())
        assert f"rows.csv:2: date: {why}" in stderr
        before = dump(book)
        stderr = cli("tx", "add", "--book", book, "--account", "CTO", "--date", day, "--type", "BUY",
                     "--currency", "EUR", "--symbol", "NVDA", "--quantity", "1", "--price", "10", ok=False).stderr
        assert f"date: {why}" in stderr and dump(book) == before
    assert "--allow-future" in stderr  # the CLI says how to record a planned transaction
    # A planned transaction, asked for: accepted by the importer and by `tx add`.
    rows = tmp_path / "rows.csv"
    rows.write_text(HEADER + f"{tomorrow},CTO,BUY,NVDA,1,10,,EUR,planned\n", encoding="utf-8")
    cli("import", "transactions", rows, "--book", book, "--mapping", mapping(tmp_path), "--allow-future")
    cli("tx", "add", "--book", book, "--account", "CTO", "--date", tomorrow, "--type", "SELL", "--currency", "EUR",
        "--symbol", "NVDA", "--quantity", "1", "--price", "11", "--allow-future")
    assert [tx["date"] for tx in cli.json("tx", "list", "--book", book)][-2:] == [tomorrow, tomorrow]


@pytest.mark.parametrize("field, value, why", [
    ("--symbol", "AIR.PA\u200b", "symbol: 'AIR.PA\\u200b' is not a symbol"),
    ("--symbol", "NVDA\x1b[31m", "symbol: 'NVDA\\u001b[31m' is not a symbol"),
    ("--note", "achat \u202egnp.exe", "note: holds the control or direction character U+202E at position 7"),
])
def test_tx_add_meets_the_importers_rule(cli, book, field, value, why):
    before = dump(book)
    args = ["tx", "add", "--book", book, "--account", "CTO", "--date", "2025-01-03", "--type", "BUY",
            "--currency", "EUR", "--quantity", "1", "--price", "10"]
    if field == "--note":
        args += ["--symbol", "NVDA"]
    result = cli(*args, field, value, ok=False)
    assert why in result.stderr and "\x1b" not in result.stderr  # never an escape reaching the terminal
    assert dump(book) == before


def test_a_symbol_stored_by_an_older_version_never_reaches_the_terminal_raw(cli, book):
    with App.open(book) as app, app.book.write() as conn:  # as an older version let it in
        conn.exec_driver_sql("UPDATE transactions SET note = 'virement \x1b[2J\x1b[31mrouge'")
    table = cli("tx", "list", "--book", book).stdout
    assert "\x1b" not in table and "virement \\u001b[2J\\u001b[31mrouge" in table


def test_exponent_notation_in_a_presets_cell_is_refused(cli, book, tmp_path):
    text = (DATA / "presets" / "wealthfolio.csv").read_text(encoding="utf-8")
    path = tmp_path / "wealthfolio.csv"
    path.write_text(text.replace("2025-01-10;AIR.PA;EQUITY;20;BUY", "2025-01-10;AIR.PA;EQUITY;2E1;BUY"),
                    encoding="utf-8")
    before = dump(book)
    result = cli("import", "transactions", path, "--book", book, "--account", "CTO", "--preset", "auto", ok=False)
    assert "wealthfolio.csv:3: quantity: '2E1' is not a number here (no exponent notation" in result.stderr
    assert dump(book) == before


def test_prices_are_read_by_the_same_rule(cli, book, tmp_path):
    """Found by benchmarks/fuzz_soak.py: a quote opened early in a long prices file made csv's own error
    (its field size limit) escape as a traceback."""
    rows = "".join(f"2025-01-{1 + i % 28:02d},NVDA,{100 + i},USD\n" for i in range(9000))
    prices = tmp_path / "prices.csv"
    prices.write_text('date,symbol,close,currency\n2025-01-02,"NVDA,120,USD\n' + rows, encoding="utf-8")
    before = dump(book)
    result = cli("import", "prices", prices, "--book", book, ok=False)
    assert "prices.csv:2: row: unreadable CSV (field larger than field limit" in result.stderr
    prices.write_text("date,symbol,close,currency,close\n2025-01-02,NVDA,120,USD,121\n", encoding="utf-8")
    assert "prices.csv:1: header: column 'close' appears 2 times" in cli("import", "prices", prices, "--book", book,
                                                                        ok=False).stderr
    assert dump(book) == before


def test_a_book_file_with_a_value_the_book_cannot_hold_is_refused(cli, tmp_path):
    """Found by benchmarks/fuzz_soak.py: a cost basis of 'verage' reached the database's CHECK constraint."""
    source = tmp_path / "b.gtbook"
    cli("init", "--book", source, "--base-currency", "EUR")
    cli("account", "add", "--book", source, "--portfolio", "P", "--name", "PEA", "--currency", "EUR",
        "--cost-basis", "average")
    exported = tmp_path / "book.json"
    cli("export", "book", "--book", source, "--out", exported)
    exported.write_text(exported.read_text(encoding="utf-8").replace('"average"', '"verage"'), encoding="utf-8")
    result = cli("import", "book", exported, "--book", tmp_path / "new.gtbook", ok=False)
    assert "book.json: accounts[0].cost_basis: 'verage' is not one of fifo, average" in result.stderr
    assert not list(tmp_path.glob("new.gtbook*"))
