"""`gigatracker clients`: every portfolio side by side, and a client compared with a model portfolio or
with its own targets and rules, on a book whose figures are checked by hand.

Dupont: 4,000 EUR deposited, NVDA 30 x 100 (3,000, 75 %) and DELL 20 x 50 (1,000, 25 %), no cash left.
Martin: the mirror image, NVDA 1,000 (25 %) and DELL 3,000 (75 %).
"""
import pytest

CHIPS, PCS = "AI/Chips", "AI/PCs"
TXS = """date,account,type,symbol,quantity,price,amount,currency
2024-01-02,D-CTO,DEPOSIT,,,,4000,EUR
2024-01-02,M-CTO,DEPOSIT,,,,4000,EUR
2024-01-03,D-CTO,BUY,NVDA,30,100,,EUR
2024-01-03,D-CTO,BUY,DELL,20,50,,EUR
2024-01-03,M-CTO,BUY,NVDA,10,100,,EUR
2024-01-03,M-CTO,BUY,DELL,60,50,,EUR
"""


@pytest.fixture
def book(cli, tmp_path):
    path = tmp_path / "clients.gtbook"
    (tmp_path / "prices.csv").write_text("date,symbol,close,currency\n2024-01-03,NVDA,100,EUR\n"
                                         "2024-01-03,DELL,50,EUR\n", encoding="utf-8")
    cli("init", "--book", path)
    for client, account in (("Dupont", "D-CTO"), ("Martin", "M-CTO")):
        cli("account", "add", "--book", path, "--portfolio", client, "--name", account, "--currency", "EUR")
    cli.import_rows(path, TXS)
    cli("import", "prices", tmp_path / "prices.csv", "--book", path)
    cli("themes", "add", CHIPS, "--book", path, "--target-min-bp", "4000", "--target-max-bp", "6000")
    cli("themes", "add", PCS, "--book", path, "--target-max-bp", "3000")
    cli("themes", "assign", "NVDA", f"{CHIPS}=10000", "--book", path)
    cli("themes", "assign", "DELL", f"{PCS}=10000", "--book", path)
    cli("rules", "add", "--book", path, "--by", "position", "--key", "NVDA", "--max-bp", "5000")
    return path


def test_portfolios_side_by_side(cli, book):
    rows = {row["portfolio"]: row for row in cli.json("clients", "--book", book)}
    assert rows["Dupont"]["total_base"] == rows["Martin"]["total_base"] == "4000.00"
    assert rows["Dupont"]["top_themes"] == "AI/Chips 75.0%, AI/PCs 25.0%"
    # Dupont: NVDA over 50 % and chips over 60 %; Martin: PCs over 30 % and chips under 40 %
    assert rows["Dupont"]["breached_rules"] == rows["Martin"]["breached_rules"] == 2


def test_a_client_against_its_targets_and_rules(cli, book):
    rows = {(r["dimension"], r["key"]): r for r in cli.json("clients", "--book", book, "--compare", "Martin")}
    assert [key for key in rows] == [("theme", CHIPS), ("theme", PCS), ("position", "NVDA")]  # targets first
    # chips: 40 % of 4,000 = 1,600 wanted, 1,000 held; PCs: 30 % = 1,200 allowed, 3,000 held
    assert (rows["theme", CHIPS]["weight_bp"], rows["theme", CHIPS]["status"], rows["theme", CHIPS]["amount_base"]) \
        == (2500, "below", "600.00")
    assert (rows["theme", PCS]["status"], rows["theme", PCS]["action"], rows["theme", PCS]["amount_base"]) \
        == ("above", "trim", "1800.00")
    assert rows["position", "NVDA"] == {"dimension": "position", "key": "NVDA", "origin": "rule", "weight_bp": 2500,
                                        "min_bp": None, "max_bp": 5000, "status": "within", "action": None,
                                        "amount_base": None}


def test_a_client_against_a_model_portfolio(cli, book):
    rows = {r["theme"]: r for r in cli.json("clients", "--book", book, "--compare", "Dupont", "--with", "Martin")}
    assert rows[CHIPS]["difference_bp"] == 5000 and rows[PCS]["difference_bp"] == -5000
    assert rows["AI"]["difference_bp"] == 0
    text = cli("clients", "--book", book, "--compare", "Dupont", "--with", "Martin").stdout
    assert "50.0% of Dupont's weight sits differently from Martin" in text


def test_an_unknown_portfolio_is_named(cli, book):
    result = cli("clients", "--book", book, "--compare", "Dupont", "--with", "Durand", ok=False)
    assert result.stderr.strip() == "gigatracker: error: no portfolio 'Durand' (portfolios: Dupont, Martin)"
