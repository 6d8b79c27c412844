"""The hand-computed round trip: init, accounts (FIFO and average), a French cp1252 CSV through a mapping,
prices and an FX rate, then holdings JSON checked to the cent."""
from pathlib import Path

import pytest

from tests.conftest import Cli

MAPPING = """
[csv]
delimiter = ";"
encoding = "cp1252"
decimal = ","
thousands = " "
date_format = "%d/%m/%Y"

[columns]
date = "Date opération"
type = "Sens"
symbol = "Valeur"
name = "Libellé"
quantity = "Qté"
price = "Cours"
amount = "Montant"
fees = "Frais"
currency = "Devise"
note = "Commentaire"

[types]
"Achat" = "BUY"
"Vente" = "SELL"
"Dépôt" = "DEPOSIT"
"""

CTO_CSV = """Date opération;Sens;Valeur;Libellé;Qté;Cours;Montant;Frais;Devise;Commentaire
02/01/2024;Dépôt;;;;;10 000,00;;EUR;virement reçu
15/01/2024;Achat;AIR.PA;Airbus Société Européenne;10;120,50;;5,00;EUR;1er achat
02/02/2024;Achat;NVDA;NVIDIA;4;600,00;;1,00;USD;frais 1 $
15/03/2024;Achat;AIR.PA;Airbus Société Européenne;5;130,00;;5,00;EUR;
10/06/2024;Vente;AIR.PA;Airbus Société Européenne;12;140,00;;6,00;EUR;prise de bénéfices €
"""

PEA_CSV = """Date opération;Sens;Valeur;Libellé;Qté;Cours;Montant;Frais;Devise;Commentaire
02/01/2024;Achat;MC.PA;LVMH Moët Hennessy;3;700,00;;2,10;EUR;
02/02/2024;Achat;MC.PA;LVMH Moët Hennessy;2;650,00;;1,90;EUR;
02/03/2024;Vente;MC.PA;LVMH Moët Hennessy;1;720,00;;1,00;EUR;
"""

PRICES = """date,symbol,close,currency
2024-06-27,AIR.PA,149.00,EUR
2024-06-28,AIR.PA,150.00,EUR
2024-06-28,MC.PA,710.40,EUR
2024-06-28,NVDA,1250.00,USD
2024-06-26,EURUSD=X,1.0690,USD
2024-06-27,EURUSD=X,1.0705,USD
2024-06-30,EURUSD=X,1.0800,USD
"""


def write_inputs(folder: Path) -> dict[str, Path]:
    files = {"mapping": folder / "banque.toml", "cto": folder / "cto.csv", "pea": folder / "pea.csv",
             "prices": folder / "prix.csv"}
    files["mapping"].write_text(MAPPING, encoding="utf-8")
    files["cto"].write_bytes(CTO_CSV.replace("\n", "\r\n").encode("cp1252"))
    files["pea"].write_bytes(PEA_CSV.encode("cp1252"))
    files["prices"].write_text(PRICES, encoding="utf-8")
    return files


@pytest.fixture
def cli(tmp_path) -> Cli:
    """End to end: `python -m gigatracker` in its own process, as a user's shell runs it (the other CLI
    tests run the same commands in-process)."""
    return Cli(tmp_path, subprocess=True)


def test_round_trip_to_the_cent(cli, tmp_path):
    book = tmp_path / "famille.gtbook"
    files = write_inputs(tmp_path)
    cli("init", "--book", book, "--base-currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "Famille", "--name", "CTO", "--currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "Famille", "--name", "PEA", "--currency", "EUR",
        "--cost-basis", "average")
    out = cli("import", "transactions", files["cto"], "--book", book, "--account", "CTO",
              "--mapping", files["mapping"]).stdout
    assert "5 rows, added 5, skipped 0" in out
    cli("import", "transactions", files["pea"], "--book", book, "--account", "PEA", "--mapping", files["mapping"])
    cli("import", "prices", files["prices"], "--book", book)

    holdings = {(h["account"], h["symbol"]): h for h in cli.json("holdings", "--book", book, "--as-of", "2024-06-29")}
    assert set(holdings) == {("CTO", "AIR.PA"), ("CTO", "NVDA"), ("PEA", "MC.PA")}

    # FIFO: 10 @ 120.50 + 5 fees = 1210.00; 5 @ 130 + 5 = 655.00; selling 12 takes the first lot and 2/5 of
    # the second (262.00), leaving 3 shares costing 393.00.
    air = holdings[("CTO", "AIR.PA")]
    assert air == {**air, "portfolio": "Famille", "quantity": "3", "cost_basis": "393.00", "average_cost": "131",
                   "currency": "EUR", "price": "150", "price_date": "2024-06-28", "price_source": "manual",
                   "market_value": "450.00", "market_value_base": "450.00", "unrealized_pnl_base": "57.00",
                   "name": "Airbus Société Européenne"}

    # USD: 4 x 1250 = 5000.00 USD at EURUSD 1.0705 (the latest rate on or before the price date) = 4670.71 EUR;
    # P&L (5000 - 2401) / 1.0705 = 2427.84 EUR.
    nvda = holdings[("CTO", "NVDA")]
    assert (nvda["cost_basis"], nvda["market_value"], nvda["market_value_base"], nvda["unrealized_pnl_base"]) == \
        ("2401.00", "5000.00", "4670.71", "2427.84")
    assert (nvda["fx_via"], nvda["fx_date"], nvda["currency"], nvda["base_currency"]) == \
        ("EURUSD=X", "2024-06-27", "USD", "EUR")

    # Average cost (PRU): 2102.10 + 1301.90 = 3404.00 for 5; selling 1 removes 680.80.
    mc = holdings[("PEA", "MC.PA")]
    assert (mc["quantity"], mc["cost_basis"], mc["average_cost"], mc["market_value_base"],
            mc["unrealized_pnl_base"]) == ("4", "2723.20", "680.8", "2841.60", "118.40")

    realized = {(r["account"], r["symbol"]): r for r in cli.json("realized", "--book", book)}
    assert realized[("CTO", "AIR.PA")]["realized"] == "202.00"
    assert realized[("PEA", "MC.PA")]["realized"] == "38.20"
    cash = {(c["account"], c["currency"]): c["balance"] for c in cli.json("cash", "--book", book)}
    assert cash == {("CTO", "EUR"): "9809.00", ("CTO", "USD"): "-2401.00", ("PEA", "EUR"): "-2685.00"}  # -3404.00 + 719.00

    txs = cli.json("tx", "list", "--book", book)
    assert len(txs) == 8
    assert txs[0]["note"] == "virement reçu" and txs[0]["amount"] == "10000.00"
    assert any(t["note"] == "prise de bénéfices €" for t in txs)


def test_reimport_adds_nothing_and_identical_rows_stay_distinct(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    files = write_inputs(tmp_path)
    cli("init", "--book", book)
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    twice = tmp_path / "twice.csv"
    lines = CTO_CSV.splitlines()
    twice.write_bytes(("\n".join(lines[:3] + [lines[2]]) + "\n").encode("cp1252"))  # the same buy twice
    cli("import", "transactions", twice, "--book", book, "--account", "CTO", "--mapping", files["mapping"])
    again = cli("import", "transactions", twice, "--book", book, "--account", "CTO", "--mapping", files["mapping"])
    assert "3 rows, added 0, skipped 3 already imported" in again.stdout
    [air] = cli.json("holdings", "--book", book)
    assert air["quantity"] == "20" and air["cost_basis"] == "2420.00"
    # A newer export that repeats the old rows and adds one: only the new row lands.
    cli("import", "transactions", files["cto"], "--book", book, "--account", "CTO", "--mapping", files["mapping"])
    assert len(cli.json("tx", "list", "--book", book)) == 3 + 3


def test_dry_run_writes_nothing(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    files = write_inputs(tmp_path)
    cli("init", "--book", book)
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    out = cli("import", "transactions", files["cto"], "--book", book, "--account", "CTO",
              "--mapping", files["mapping"], "--dry-run").stdout
    assert "would add 5" in out
    assert cli.json("tx", "list", "--book", book) == []


def test_tx_add_and_csv_output(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book, "--base-currency", "EUR")
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    cli("tx", "add", "--book", book, "--account", "CTO", "--date", "2024-01-02", "--type", "BUY",
        "--symbol", "ASML.AS", "--quantity", "2", "--price", "612.345", "--fees", "4.905", "--currency", "EUR")
    [row] = cli.json("tx", "list", "--book", book)
    assert (row["quantity"], row["price"], row["fees"]) == ("2", "612.345", "4.90")  # stored: half-even cents
    csv_out = cli("lots", "--book", book, "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "account,symbol,acquired,quantity,cost,unit_cost,currency"
    assert csv_out[1] == "CTO,ASML.AS,2024-01-02,2,1229.59,614.795,EUR"
    refused = cli("tx", "add", "--book", book, "--account", "CTO", "--date", "2024-01-03", "--type", "SELL",
                  "--symbol", "ASML.AS", "--quantity", "3", "--price", "600", "--currency", "EUR", ok=False)
    assert refused.stderr.strip() == ("gigatracker: error: quantity: SELL of 3 ASML.AS on 2024-01-03 in 'CTO' "
                                      "exceeds the 2 held (oversell); the account does not allow short selling")
    assert len(cli.json("tx", "list", "--book", book)) == 1


def test_version_and_backup(cli, tmp_path):
    assert cli("--version").stdout.startswith("gigatracker ")
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book)
    cli("account", "add", "--book", book, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    cli("backup", "--book", book, "--out", tmp_path / "copy.gtbook")
    assert cli.json("account", "list", "--book", tmp_path / "copy.gtbook")[0]["name"] == "CTO"
    again = cli("backup", "--book", book, "--out", tmp_path / "copy.gtbook", ok=False)
    assert "already exists" in again.stderr


def test_default_book_is_the_embedded_demo(cli):
    holdings = cli.json("holdings")
    assert {h["portfolio"] for h in holdings} == {"Foyer Martin", "Client Dupont"}
    assert all(h["price_source"] == "demo" and h["market_value_base"] for h in holdings)
    client = cli.json("holdings", "--portfolio", "Client Dupont")
    assert sorted(h["symbol"] for h in client) == ["ASML.AS", "DELL", "NVDA", "SMCI", "SOXX"]
    assert "unknown portfolio 'Nobody'" in cli("holdings", "--portfolio", "Nobody", ok=False).stderr
