"""Bad input: every rejection names file, line and field, and the book's content does not change."""

import pytest
from tests.support.books import dump

MAPPING = """
[csv]
delimiter = ";"
decimal = ","
date_format = "%d/%m/%Y"
[columns]
date = "Date"
type = "Type"
symbol = "Symbole"
quantity = "Quantité"
price = "Prix"
fees = "Frais"
currency = "Devise"
ratio = "Ratio"
account = "Compte"
[types]
"Achat" = "BUY"
"Vente" = "SELL"
"Division" = "SPLIT"
"""
HEADER = "Date;Type;Symbole;Quantité;Prix;Frais;Devise;Ratio;Compte"
GOOD = "02/01/2024;Achat;AIR.PA;10;120,50;5;EUR;;CTO"



@pytest.fixture
def book(cli, tmp_path):
    path = tmp_path / "b.gtbook"
    cli("init", "--book", path)
    cli("account", "add", "--book", path, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    first = tmp_path / "first.csv"
    first.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    cli("import", "transactions", first, "--book", path, "--mapping", mapping)
    return path


CASES = [
    ("03/01/2024;Vente;AIR.PA;11;130;0;EUR;;CTO", "quantity", "oversell"),
    ("03/01/2024;Vente;MSFT;1;130;0;EUR;;CTO", "quantity", "none held (sell before buy?)"),
    ("01/01/2024;Vente;AIR.PA;1;130;0;EUR;;CTO", "quantity", "none held"),
    ("03/01/2024;Achat;AIR.PA;-1;130;0;EUR;;CTO", "quantity", "must be positive"),
    ("03/01/2024;Achat;AIR.PA;0;130;0;EUR;;CTO", "quantity", "must be positive"),
    ("03/01/2024;Achat;AIR.PA;1;130;0;EUR;;Livret", "account", "unknown account 'Livret'"),
    ("03/01/2024;Achat;AIR.PA;1;130;0;XYZ;;CTO", "currency", "unknown currency 'XYZ'"),
    ("03/01/2024;Division;AIR.PA;;;;EUR;0;CTO", "ratio", "split ratio must be positive"),
    ("03/01/2024;Achat;AIR.PA;NaN;130;0;EUR;;CTO", "quantity", "'NaN' is not a number"),
    ("03/01/2024;Achat;AIR.PA;1;inf;0;EUR;;CTO", "price", "'inf' is not a number"),
    ("03/01/2024;Achat;AIR.PA;1;1000000000000000;0;EUR;;CTO", "price", "too large"),
    ("03/01/2024;Achat;AIR.PA;1;1.5;0;EUR;;CTO", "price", "decimal separator is ','"),
    ("2024-01-03;Achat;AIR.PA;1;130;0;EUR;;CTO", "date", "does not match the date format '%d/%m/%Y'"),
    (";Achat;AIR.PA;1;130;0;EUR;;CTO", "date", "empty"),
    ("03/01/2024;Cadeau;AIR.PA;1;130;0;EUR;;CTO", "type", "unknown type 'Cadeau'"),
    ("03/01/2024;Achat;;1;130;0;EUR;;CTO", "symbol", "a BUY needs a symbol"),
    ("03/01/2024;Achat;AIR.PA;1;;0;EUR;;CTO", "price", "needs a price or an amount"),
    ("03/01/2024;Achat;AIR.PA;1;130;0;EUR;CTO", "row", "8 fields, the header has 9"),
    ("03/01/2024;Achat;AIR\u202e.PA;1;130;0;EUR;;CTO", "symbol", "is not a symbol"),  # bidirectional override
    ("03/01/2024;Achat;AIR\u200b.PA;1;130;0;EUR;;CTO", "symbol", "is not a symbol"),  # zero-width space
    ("03/01/2024;Achat;AIR\x07.PA;1;130;0;EUR;;CTO", "symbol", "is not a symbol"),  # a control character
]


@pytest.mark.parametrize("row, field, why", CASES, ids=[c[1] + ":" + c[2][:20] for c in CASES])
def test_bad_row_is_named_and_nothing_changes(cli, tmp_path, book, row, field, why):
    bad = tmp_path / "bad.csv"
    # A good row first: all-or-nothing means it must not land either.
    bad.write_text(f"{HEADER}\n05/01/2024;Achat;ASML.AS;1;600;0;EUR;;CTO\n{row}\n", encoding="utf-8")
    before = dump(book)
    result = cli("import", "transactions", bad, "--book", book, "--mapping", tmp_path / "map.toml", ok=False)
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{bad}:3: {field}: "), line
    assert why in line, line
    assert dump(book) == before


def test_every_bad_row_is_listed_at_once(cli, tmp_path, book):
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{HEADER}\n{CASES[0][0]}\n{GOOD}\n{CASES[6][0]}\n{CASES[8][0]}\n", encoding="utf-8")
    before = dump(book)
    lines = cli("import", "transactions", bad, "--book", book, "--mapping", tmp_path / "map.toml",
                ok=False).stderr.splitlines()
    assert [line.split(": ")[0:2] for line in lines] == [
        [f"{bad}:2", "quantity"], [f"{bad}:4", "currency"], [f"{bad}:5", "quantity"]]
    assert dump(book) == before


def test_backdated_sell_that_breaks_a_later_sell_is_refused(cli, tmp_path, book):
    mapping = tmp_path / "map.toml"
    later = tmp_path / "later.csv"
    later.write_text(f"{HEADER}\n01/03/2024;Vente;AIR.PA;10;130;0;EUR;;CTO\n", encoding="utf-8")
    cli("import", "transactions", later, "--book", book, "--mapping", mapping)
    before = dump(book)
    early = tmp_path / "early.csv"
    early.write_text(f"{HEADER}\n01/02/2024;Vente;AIR.PA;5;130;0;EUR;;CTO\n", encoding="utf-8")
    [line] = cli("import", "transactions", early, "--book", book, "--mapping", mapping, ok=False).stderr.splitlines()
    assert line.startswith(f"{early}: quantity: with this file, the existing transaction #2 fails"), line
    assert dump(book) == before


def test_wrong_encoding_is_named(cli, tmp_path, book):
    bad = tmp_path / "latin.csv"
    bad.write_bytes(f"{HEADER}\n03/01/2024;Achat;AIR.PA;1;130;0;EUR;;CTO\n".encode("cp1252"))
    [line] = cli("import", "transactions", bad, "--book", book, "--mapping", tmp_path / "map.toml",
                 ok=False).stderr.splitlines()
    assert line.startswith(f"{bad}:1: encoding: not valid utf-8"), line


def test_missing_column_and_bad_mapping(cli, tmp_path, book):
    bad = tmp_path / "cols.csv"
    bad.write_text("Date;Type\n03/01/2024;Achat\n", encoding="utf-8")
    lines = cli("import", "transactions", bad, "--book", book, "--mapping", tmp_path / "map.toml",
                ok=False).stderr.splitlines()
    assert f"{bad}:1: columns.symbol: no column 'Symbole' in the header" in lines
    mapping = tmp_path / "broken.toml"
    mapping.write_text('[csv]\ndecimal = ";"\n[columns]\ndate = "Date"\n', encoding="utf-8")
    [line] = cli("import", "transactions", bad, "--book", book, "--mapping", mapping, ok=False).stderr.splitlines()
    assert line == f"gigatracker: error: {mapping}: csv.decimal: must be '.' or ','"


@pytest.mark.parametrize("content, field", [
    ("date,symbol,close,currency\n2024-13-01,AIR.PA,1,EUR\n", "date"),
    ("date,symbol,close,currency\n2024-01-01,AIR.PA,-1,EUR\n", "close"),
    ("date,symbol,close,currency\n2024-01-01,AIR.PA,1,ZZZ\n", "currency"),
    ("date,symbol,price,currency\n2024-01-01,AIR.PA,1,EUR\n", "close"),
])
def test_bad_prices_are_refused(cli, tmp_path, book, content, field):
    prices = tmp_path / "p.csv"
    prices.write_text("date,symbol,close,currency\n2024-01-01,MC.PA,700,EUR\n" + content.split("\n", 1)[1]
                      if content.startswith("date,symbol,close") else content, encoding="utf-8")
    before = dump(book)
    [line] = cli("import", "prices", prices, "--book", book, ok=False).stderr.splitlines()
    assert line.startswith(f"{prices}:") and f": {field}: " in line, line
    assert dump(book) == before


def test_unknown_book_and_account_duplicates(cli, tmp_path, book):
    missing = cli("holdings", "--book", tmp_path / "nope.gtbook", ok=False)
    assert "no book there" in missing.stderr
    dup = cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR", ok=False)
    assert "already exists" in dup.stderr
    cur = cli("account", "add", "--book", book, "--portfolio", "P", "--name", "X", "--currency", "EURO", ok=False)
    assert "unknown currency 'EURO'" in cur.stderr
