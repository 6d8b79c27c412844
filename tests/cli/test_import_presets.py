"""`gigatracker import transactions FILE --preset …` as a user runs it."""
from pathlib import Path

SAMPLES = Path(__file__).parents[1] / "data" / "presets"


def test_auto_says_which_preset_it_chose_and_lists_what_it_ignored(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book)
    cli("account", "add", "--book", book, "--portfolio", "Moi", "--name", "CTO", "--currency", "EUR")
    out = cli("import", "transactions", SAMPLES / "degiro_account_nl.csv", "--book", book, "--preset", "auto",
              "--account", "CTO").stdout
    assert "recognised as DEGIRO account statement (Account.csv) (preset degiro)" in out
    assert "6 rows, added 6, skipped 0 already imported" in out
    assert "ignored line 3: 'Valuta Creditering': currency conversion" in out
    assert "2 securities are named by ISIN and get no quotes until renamed" in out  # DEGIRO names no tickers
    again = cli.json("import", "transactions", SAMPLES / "degiro_account_nl.csv", "--book", book, "--preset",
                     "degiro", "--account", "CTO")
    assert (again["preset"], again["added"], again["skipped"], len(again["ignored"])) == ("degiro", 0, 6, 2)
    assert again["named_by_isin"] == ["NL0010273215", "US67066G1040"]
    holdings = cli.json("holdings", "--book", book)
    assert [(h["symbol"], h["quantity"]) for h in holdings] == [("NL0010273215", "2")]


def test_bad_choices_are_explained(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book)
    refused = cli("import", "transactions", SAMPLES / "wealthfolio.csv", "--book", book, "--preset", "auto", ok=False)
    assert "does not say which account" in refused.stderr
    unknown = cli("import", "transactions", SAMPLES / "wealthfolio.csv", "--book", book, "--preset", "nope", ok=False)
    assert "unknown preset 'nope' (choose auto or one of ghostfolio-json" in unknown.stderr
    neither = cli("import", "transactions", SAMPLES / "wealthfolio.csv", "--book", book, ok=False)
    assert "give either --mapping FILE or --preset NAME" in neither.stderr


def test_a_degiro_statement_reconciles_and_unknown_rows_can_be_skipped(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book)
    cli("account", "add", "--book", book, "--portfolio", "Moi", "--name", "DEGIRO", "--currency", "EUR")
    out = cli("import", "transactions", SAMPLES / "degiro_account_de.csv", "--book", book, "--preset", "auto",
              "--account", "DEGIRO").stdout
    assert "reconciliation: 1 difference(s) with the file's own figures (2 balances)" in out
    assert "cash DEGIRO · EUR: the file says 4706.44, the book has 4710.41 (3.97): rows listed as ignored" in out
    odd = tmp_path / "Account.csv"
    odd.write_text("Date,Time,Value date,Product,ISIN,Description,FX,Change,,Balance,,Order Id\n"
                   '02-01-2026,11:00,02-01-2026,X,IE00UNK0001,Something New,,EUR,"-42.00",EUR,"1,958.00",\n'
                   '02-01-2026,10:00,02-01-2026,,,iDEAL Deposit,,EUR,"2,000.00",EUR,"2,000.00",\n', encoding="utf-8")
    refused = cli("import", "transactions", odd, "--book", book, "--preset", "degiro", "--account", "DEGIRO", ok=False)
    assert "Account.csv:2: description: 'Something New' is not a DEGIRO entry GigaTracker knows (--skip-unknown" \
        in refused.stderr
    skipped = cli.json("import", "transactions", odd, "--book", book, "--preset", "degiro", "--account", "DEGIRO",
                       "--skip-unknown")
    assert skipped["added"] == 1 and skipped["ignored"][0] == {
        "line": 2, "why": "skipped: 'Something New' is not a DEGIRO entry GigaTracker knows"}
    difference, = skipped["reconciliation"]["differences"]
    assert (difference["what"], difference["expected"], difference["got"], difference["difference"]) == (
        "cash", "1958", "6710.41", "4752.41")  # the book's EUR holds the earlier statement's cash too
