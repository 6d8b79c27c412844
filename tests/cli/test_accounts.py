"""Accounts through the CLI: edit (name, portfolio, cost basis, short selling) and delete, each refused
with its reason and nothing written when the book would not stay consistent."""
from tests.support.books import dump

ROWS = "date,account,type,symbol,quantity,price,amount,currency\n2024-01-02,PEA,DEPOSIT,,,,1000,EUR\n"


def test_edit_and_delete_accounts(cli, tmp_path):
    book = tmp_path / "accounts.gtbook"
    cli("init", "--book", book)
    cli("account", "add", "--book", book, "--portfolio", "Moi", "--name", "Marge", "--currency", "USD",
        "--short-selling")
    cli("account", "add", "--book", book, "--portfolio", "Moi", "--name", "PEA", "--currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "Old client", "--name", "Typo", "--currency", "EUR")
    cli("tx", "add", "--book", book, "--account", "Marge", "--date", "2024-01-02", "--type", "SELL", "--symbol",
        "TSLA", "--quantity", "3", "--price", "250", "--currency", "USD")
    cli("rules", "add", "--book", book, "--by", "account", "--key", "Typo", "--max-bp", "5000")
    cli.import_rows(book, ROWS)

    before = dump(book)
    refused = cli("account", "edit", "Marge", "--no-short-selling", "--book", book, ok=False)
    assert "SELL of 3 TSLA" in refused.stderr and "does not allow short selling" in refused.stderr
    refused = cli("account", "edit", "PEA", "--name", "PEA Boursorama", "--book", book, ok=False)
    assert "'PEA' has imported transactions" in refused.stderr  # a re-import would not recognise them
    refused = cli("account", "delete", "Marge", "--book", book, ok=False)
    assert refused.stderr.strip() == "gigatracker: error: account: 'Marge' has 1 transaction(s); delete or move them first"
    assert cli("account", "edit", "Typo", "--name", "PEA", "--book", book, ok=False).stderr.strip() == \
        "gigatracker: error: an account named 'PEA' already exists"
    assert dump(book) == before

    cli("account", "edit", "Typo", "--name", "CTO", "--portfolio", "Moi", "--cost-basis", "average", "--book", book)
    cli("account", "edit", "PEA", "--cost-basis", "average", "--book", book)
    accounts = {a["name"]: a for a in cli.json("account", "list", "--book", book)}
    assert accounts["CTO"] == {"portfolio": "Moi", "name": "CTO", "currency": "EUR", "cost_basis": "average",
                               "short_selling": False}
    assert [r["key"] for r in cli.json("rules", "list", "--book", book) if r["dimension"] == "account"] == ["CTO"]
    assert [p["portfolio"] for p in cli.json("clients", "--book", book)] == ["Moi"]  # "Old client" left empty: gone
    cli("account", "delete", "CTO", "--book", book)
    assert sorted(a["name"] for a in cli.json("account", "list", "--book", book)) == ["Marge", "PEA"]
