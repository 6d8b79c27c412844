"""Themes, theses, look-through, exposure and rules through the CLI, on a hand-computed book.

Book (EUR): CTO holds 10 NVDA at 100 USD (EURUSD 1.25 -> 800.00 EUR) and 40 FUND at 10 EUR (400.00);
PEA holds 4 ASML.AS at 100 EUR (400.00) and 400.00 EUR cash. Total 2000.00.
"""
import json
import sqlite3

import pytest

CHIPS, GIGA = "Inference era/Inference chips", "Inference era/AI gigafactories"
TXS = """date,account,type,symbol,quantity,price,amount,currency
2026-01-02,CTO,DEPOSIT,,,,800,USD
2026-01-02,CTO,DEPOSIT,,,,400,EUR
2026-01-02,CTO,BUY,NVDA,10,80,,USD
2026-01-02,CTO,BUY,FUND,40,10,,EUR
2026-01-02,PEA,DEPOSIT,,,,800,EUR
2026-01-02,PEA,BUY,ASML.AS,4,100,,EUR
"""
PRICES = """date,symbol,close,currency
2026-06-30,NVDA,100,USD
2026-06-30,FUND,10,EUR
2026-06-30,ASML.AS,100,EUR
2026-06-30,EURUSD=X,1.25,USD
"""
HOLDINGS_MAPPING = '[csv]\ndelimiter = ";"\ndecimal = ","\n[columns]\nsymbol = "Code"\nname = "Nom"\n' \
                   'isin = "ISIN"\nweight = "Poids"\ncountry = "Pays"\n'
# FUND: 50% NVIDIA (matched by ISIN, the file's symbol differs), 25% ASML.AS (by symbol), 25% not covered.
HOLDINGS = "Code;Nom;ISIN;Poids;Pays\nNVDA.O;Nvidia;US67066G1040;50,00;US\nASML.AS;ASML;;25,00;NL\n"


@pytest.fixture
def book(cli, tmp_path):
    path = tmp_path / "b.gtbook"
    files = {name: tmp_path / name for name in ("prices.csv", "hmap.toml", "fund.csv")}
    for name, text in zip(files, (PRICES, HOLDINGS_MAPPING, HOLDINGS)):
        files[name].write_text(text, encoding="utf-8")
    cli("init", "--book", path)
    cli("account", "add", "--book", path, "--portfolio", "Martin", "--name", "CTO", "--currency", "EUR")
    cli("account", "add", "--book", path, "--portfolio", "Martin", "--name", "PEA", "--currency", "EUR")
    cli.import_rows(path, TXS)
    cli("import", "prices", files["prices.csv"], "--book", path)
    cli("security", "set", "NVDA", "--book", path, "--isin", "US67066G1040", "--country", "US",
        "--asset-class", "equity", "--name", "NVIDIA")
    cli("security", "set", "ASML.AS", "--book", path, "--country", "NL", "--asset-class", "equity")
    cli("security", "set", "FUND", "--book", path, "--country", "IE", "--asset-class", "etf")
    cli("funds", "import", files["fund.csv"], "--book", path, "--fund", "FUND", "--as-of", "2026-05-31",
        "--mapping", files["hmap.toml"])
    out = cli("themes", "add", CHIPS, "--book", path).stdout
    assert "created Inference era, Inference era/Inference chips" in out  # parents come first
    cli("themes", "add", GIGA, "--book", path)
    cli("themes", "add", "Taiwan", "--taxonomy", "Chip geography", "--book", path)
    cli("themes", "assign", "NVDA", f"{CHIPS}=6000", f"{GIGA}=2000", "--book", path)
    cli("themes", "assign", "ASML.AS", "Inference era=5000", "--book", path)  # a parent theme
    return path


def exposure(cli, book, *args):
    return json.loads(cli("exposure", "--book", book, *args, "--format", "json").stdout)


def test_exposure_by_theme_with_unassigned_and_roll_up(cli, book):
    doc = exposure(cli, book, "--by", "theme")
    # NVDA 800: chips 480, giga 160, 160 unassigned; ASML 400: 200 to the parent; FUND 400 and cash 400 none.
    assert {r["key"]: r["value_base"] for r in doc["rows"]} == {
        CHIPS: "480.00", "Inference era": "200.00", GIGA: "160.00", "Unassigned": "1160.00"}
    assert (doc["total_base"], doc["taxonomy"], doc["look_through"], doc["coverage_bp"]) == \
        ("2000.00", "Thesis", False, None)
    assert sum(r["weight_bp"] for r in doc["rows"]) == 10_000
    rolled = exposure(cli, book, "--by", "theme", "--depth", "1")
    assert {r["key"]: r["value_base"] for r in rolled["rows"]} == {"Inference era": "840.00",
                                                                   "Unassigned": "1160.00"}


def test_look_through_matches_by_isin_then_symbol(cli, book):
    doc = exposure(cli, book, "--by", "theme", "--look-through")
    # FUND 400: 200 is NVIDIA (ISIN) -> chips 120, giga 40, 40 unassigned; 100 is ASML (symbol) -> 50 to the
    # parent, 50 unassigned; 100 not covered follows FUND (no theme).
    assert {r["key"]: r["value_base"] for r in doc["rows"]} == {
        CHIPS: "600.00", "Inference era": "250.00", GIGA: "200.00", "Unassigned": "950.00"}
    assert (doc["coverage_bp"], doc["as_of"]) == (7500, "2026-05-31")
    countries = exposure(cli, book, "--by", "country", "--look-through")
    assert {r["key"]: r["value_base"] for r in countries["rows"]} == {
        "US": "1000.00", "NL": "500.00", "IE": "100.00", "Unassigned": "400.00"}
    assert countries["concentration"]["largest"] == "NVDA" and countries["concentration"]["largest_weight_bp"] == 6250


def test_cross_tab(cli, book):
    doc = exposure(cli, book, "--by", "theme", "--cross", "country", "--look-through", "--depth", "1")
    assert doc["cross"] == "country"
    assert {(r["key"], r["key2"]): r["value_base"] for r in doc["rows"]} == {
        ("Inference era", "NL"): "250.00", ("Inference era", "US"): "800.00",
        ("Unassigned", "IE"): "100.00", ("Unassigned", "NL"): "250.00", ("Unassigned", "US"): "200.00",
        ("Unassigned", "Unassigned"): "400.00"}


def test_rules_report_amounts_to_trim_and_add(cli, book):
    cli("rules", "add", "--book", book, "--by", "theme", "--key", CHIPS, "--max-bp", "2500")
    cli("rules", "add", "--book", book, "--by", "country", "--key", "NL", "--min-bp", "3000")
    cli("rules", "add", "--book", book, "--by", "position", "--key", "NVDA", "--max-bp", "5000")
    violations = json.loads(cli("rules", "check", "--book", book, "--look-through", "--format", "json").stdout)
    # chips 600 of 2000 = 30% > 25%: trim 600 - 500 = 100; NL 500 = 25% < 30%: add 600 - 500 = 100;
    # NVDA issuer 800 + 200 = 50%: exactly at the limit, no violation.
    assert [(v["key"], v["weight_bp"], v["limit_bp"], v["action"], v["amount_base"]) for v in violations] == [
        (CHIPS, 3000, 2500, "trim", "100.00"), ("NL", 2500, 3000, "add", "100.00")]
    # Without look-through: chips 480 = 24% is inside; NL is only ASML's 400 = 20%: add 600 - 400 = 200.
    plain = json.loads(cli("rules", "check", "--book", book, "--format", "json").stdout)
    assert [(v["key"], v["weight_bp"], v["action"], v["amount_base"]) for v in plain] == [("NL", 2000, "add", "200.00")]


def test_an_identical_rule_is_refused_and_changes_nothing(cli, book):
    cli("rules", "add", "--book", book, "--by", "theme", "--key", CHIPS, "--max-bp", "2500")
    before = cli("rules", "list", "--book", book, "--format", "json").stdout
    again = cli("rules", "add", "--book", book, "--by", "theme", "--key", CHIPS, "--max-bp", "2500", ok=False)
    assert "the book has this rule already (#1:" in again.stderr
    assert cli("rules", "list", "--book", book, "--format", "json").stdout == before
    cli("rules", "add", "--book", book, "--by", "theme", "--key", CHIPS, "--max-bp", "3000")  # another limit: kept


def test_assignment_errors_change_nothing(cli, book):
    before = exposure(cli, book, "--by", "theme")
    too_much = cli("themes", "assign", "NVDA", f"{CHIPS}=6000", f"{GIGA}=5000", "--book", book, ok=False)
    assert "sum to 11000 bp, more than 10000" in too_much.stderr
    unknown = cli("themes", "assign", "NVDA", "Quantum=100", "--book", book, ok=False)
    assert "no theme 'Quantum' in taxonomy 'Thesis'" in unknown.stderr
    bad = cli("themes", "assign", "NVDA", f"{CHIPS}=60%", "--book", book, ok=False)
    assert "not a whole number of basis points" in bad.stderr
    assert exposure(cli, book, "--by", "theme") == before
    # Assigning a symbol not held creates it in the security master (a fund's holding, say).
    cli("themes", "assign", "AVGO", f"{CHIPS}=5000", "--book", book)
    assert "AVGO" in {s["symbol"] for s in cli.json("security", "list", "--book", book)}


def test_theses_and_journal_snapshot(cli, book):
    cli("thesis", "set", CHIPS, "--book", book, "--statement", "Inference is the next decade", "--conviction",
        "4", "--review-date", "2020-01-01", "--kill-criteria", "token prices collapse")
    [thesis] = cli.json("thesis", "list", "--book", book)
    assert (thesis["conviction"], thesis["review_date"], thesis["review_overdue"]) == (4, "2020-01-01", True)
    cli("thesis", "note", CHIPS, "HBM supply is the bottleneck", "--book", book, "--date", "2026-07-01")
    [entry] = cli.json("thesis", "journal", "--book", book)
    # With look-through, chips are 600 of 2000 = 3000 bp; NVIDIA is its top position.
    assert entry["weight_bp"] == 3000 and entry["prices"] == {"NVDA": "100 USD (manual 2026-06-30)"}
    bad = cli("thesis", "set", CHIPS, "--book", book, "--statement", "x", "--conviction", "9", ok=False)
    assert "invalid choice" in bad.stderr or "conviction" in bad.stderr


def test_theme_pack_round_trip_is_idempotent(cli, book, tmp_path):
    cli("thesis", "set", CHIPS, "--book", book, "--statement", "S", "--conviction", "3")
    cli("thesis", "note", CHIPS, "first note", "--book", book, "--date", "2026-07-01")
    pack = tmp_path / "pack.json"
    cli("themes", "export", pack, "--book", book, "--author", "Ana", "--source", "test")
    data = json.loads(pack.read_text())
    assert data["format"] == "gigatracker-theme-pack" and data["version"] == 1
    assert data["provenance"]["author"] == "Ana"
    other = tmp_path / "other.gtbook"
    cli("init", "--book", other)
    out = cli("themes", "import", pack, "--book", other).stdout
    assert "4 themes created" in out and "2 securities assigned" in out and "1 journal entries added" in out
    again = cli("themes", "import", pack, "--book", other).stdout
    assert "0 themes created" in again and "0 journal entries added" in again
    assert cli.json("themes", "list", "--book", other) == cli.json("themes", "list", "--book", book)
    assert cli.json("thesis", "journal", "--book", other) == cli.json("thesis", "journal", "--book", book)


@pytest.mark.parametrize("change, message", [
    (lambda p: p.update(version=99), "pack version 99 is newer"),
    (lambda p: p.update(format="something"), "not a GigaTracker theme pack"),
    (lambda p: p["taxonomies"][0]["themes"][0].update(path="a//b"), "taxonomies[0].themes[0]"),
    (lambda p: p["taxonomies"][0]["assignments"].update(NVDA={CHIPS: 9000, GIGA: 2000}), "more than 10000"),
])
def test_bad_packs_are_refused_and_change_nothing(cli, book, tmp_path, change, message):
    pack = tmp_path / "pack.json"
    cli("themes", "export", pack, "--book", book)
    data = json.loads(pack.read_text())
    data["taxonomies"][0]["themes"].append({"path": "Brand new"})
    change(data)
    pack.write_text(json.dumps(data))
    with sqlite3.connect(book) as conn:
        before = list(conn.iterdump())
    result = cli("themes", "import", pack, "--book", book, ok=False)
    assert message in result.stderr
    with sqlite3.connect(book) as conn:
        assert list(conn.iterdump()) == before


def test_bad_fund_files_are_refused(cli, book, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Code;Nom;ISIN;Poids;Pays\nA;A;;80,00;US\nB;B;;30,5;US\nC;C;;abc;US\n", encoding="utf-8")
    result = cli("funds", "import", bad, "--book", book, "--fund", "FUND", "--as-of", "2026-06-01",
                 "--mapping", tmp_path / "hmap.toml", ok=False)
    assert result.stderr.splitlines() == [f"{bad}:4: weight: 'abc' is not a number"]
    bad.write_text("Code;Nom;ISIN;Poids;Pays\nA;A;;80,00;US\nB;B;;30,5;US\n", encoding="utf-8")
    result = cli("funds", "import", bad, "--book", book, "--fund", "FUND", "--as-of", "2026-06-01",
                 "--mapping", tmp_path / "hmap.toml", ok=False)
    assert "weights sum to 110.50%, more than 100%" in result.stderr
    assert exposure(cli, book, "--by", "country", "--look-through")["as_of"] == "2026-05-31"


@pytest.mark.sqlite_only("the demo book's file (a server's: test_server_book.py)")
def test_demo_book(cli, tmp_path):
    book = tmp_path / "demo.gtbook"
    cli("demo", "--book", book)
    holdings = cli.json("holdings", "--book", book)
    assert {"NVDA", "AMD", "INTC", "QCOM", "TSM", "005930.KS", "ASML.AS", "0992.HK", "DELL", "SMCI", "VVSM.DE",
            "SOXX"} <= {h["symbol"] for h in holdings}
    assert {h["portfolio"] for h in holdings} == {"Foyer Martin", "Client Dupont"}
    assert {h["price_source"] for h in holdings} == {"demo"}
    themes = {t["path"] for t in cli.json("themes", "list", "--book", book, "--taxonomy", "Thesis")}
    assert {"Inference era/AI gigafactories", "Inference era/Inference chips", "Inference era/AI PCs",
            "Inference era/Chip equipment"} <= themes
    assert cli.json("themes", "list", "--book", book, "--taxonomy", "Chip geography")
    assert all(t["review_date"] for t in cli.json("thesis", "list", "--book", book))
    assert cli.json("rules", "check", "--book", book, "--look-through")  # at least one rule is breached
    doc = exposure(cli, book, "--by", "theme", "--look-through")
    assert 0 < doc["coverage_bp"] < 10_000 and doc["as_of"] == "2026-10-31"
    assert "already there" in cli("demo", "--book", book, ok=False).stderr
