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
