"""`gigatracker performance` and `history` as a user runs them: on the demo book (with its price history)
and on an imported Portfolio Performance file; the new transaction types through `tx add`; bad input."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

CATEGORIES = ("initial_value", "capital_gains", "realized_gains", "earnings", "fees", "taxes", "currency_gains",
              "transfers", "final_value")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from tests.conftest import Cli
    folder = tmp_path_factory.mktemp("demo")
    cli = Cli(folder)
    cli("demo", "--book", folder / "demo.gtbook")
    return cli, folder / "demo.gtbook"


def adds_up(breakdown: dict) -> bool:
    b = {k: D(v) for k, v in breakdown.items()}
    return (b["initial_value"] + b["capital_gains"] + b["realized_gains"] + b["earnings"] - b["fees"] - b["taxes"]
            + b["currency_gains"] + b["transfers"]) == b["final_value"]


def test_the_demo_book_has_a_year_to_measure(demo):
    cli, book = demo
    report = json.loads(cli("performance", "--book", book, "--from", "2025-11-20", "--to", "2026-11-20",
                            "--format", "json").stdout)
    assert report["period"] == {"label": "2025-11-20 to 2026-11-20", "start": "2025-11-20", "end": "2026-11-20",
                                "days": 365}
    assert report["breakdown"]["final_value"] == "182927.50"  # the dashboard's total on the same closes
    assert adds_up(report["breakdown"])
    assert -0.9 < report["ttwror"] < 5 and report["irr"] is not None
    assert report["volatility_returns"] > 240  # a year of trading days, each with its own close
    assert 0 < report["max_drawdown"] < 1 and report["drawdown_duration_days"] > 0
    assert report["price_notes"] == [] and report["price_coverage"] == 1.0


def test_each_portfolio_and_security_of_the_demo(demo):
    cli, book = demo
    portfolios = cli.json("performance", "--book", book, "--by", "portfolio", "--period", "2025")
    assert [p["name"] for p in portfolios] == ["Client Dupont", "Foyer Martin"]
    assert all(adds_up(p["breakdown"]) for p in portfolios)
    securities = cli.json("performance", "--book", book, "--by", "security", "--portfolio", "Client Dupont",
                          "--period", "2025")
    assert {s["name"] for s in securities} == {"ASML.AS", "SOXX", "NVDA", "DELL", "SMCI"}
    assert all(s["within"] == "portfolio Client Dupont" and adds_up(s["breakdown"]) for s in securities)
    smci = next(s for s in securities if s["name"] == "SMCI")
    assert D(smci["breakdown"]["realized_gains"]) != 0  # 40 of them were sold in March 2025
    table = cli("performance", "--book", book, "--by", "account").stdout
    assert "Compte-titres" in table and "Dupont CTO" in table and "%" in table


def test_the_text_report_names_the_figures_and_what_the_prices_lacked(demo):
    cli, book = demo
    text = cli("performance", "--book", book, "--portfolio", "Foyer Martin", "--period", "1y").stdout
    for words in ("Portfolio Foyer Martin", "TTWROR", "IRR", "Max drawdown", "Volatility", "Initial value",
                  "= Final value", "Absolute gain"):
        assert words in text
    assert "carried forward" in text  # today is after the demo's last close: said so


def test_history_is_one_row_per_calendar_day(demo):
    cli, book = demo
    rows = list(csv.DictReader(io.StringIO(cli("history", "--book", book, "--from", "2026-10-31", "--to",
                                               "2026-11-20", "--format", "csv").stdout)))
    assert [r["date"] for r in rows] == [(date(2026, 10, 31) + timedelta(days=i)).isoformat() for i in range(21)]
    assert set(rows[0]) == {"date", "value", "invested", "inflow", "outflow", "ttwror", "drawdown", "price_age_days"}
    assert rows[0]["ttwror"] == "0.0" and rows[-1]["value"] == "182927.50"
    assert rows[1]["price_age_days"] == "2"  # Sunday 1 November: the closes of Friday 30 October
    series = cli.json("history", "--book", book, "--security", "NVDA", "--period", "ytd")
    assert series[0]["date"] == "2025-12-31" and all(float(r["drawdown"]) >= 0 for r in series)


def test_a_portfolio_performance_file_measured_from_the_command_line(cli, tmp_path):
    from tests.services.test_pp_conformance import PP
    if PP is None:
        pytest.skip("Portfolio Performance's test files are not on this machine")
    book = tmp_path / "pp.gtbook"
    cli("init", "--book", book)
    cli("import", "transactions", PP / "Issue371PurchaseValueWithTransfers.xml", "--book", book, "--preset", "auto")
    report = cli.json("performance", "--book", book, "--security", "ADS.DE", "--from", "2010-11-20", "--to",
                      "2015-11-20")
    assert report["ttwror"] == pytest.approx(0.7268226560, abs=1e-4)
    assert report["irr"] == pytest.approx(0.1509824602, abs=1e-4)
    assert (report["purchase_value"], report["breakdown"]["final_value"]) == ("2397.60", "4140.23")


def test_the_new_transaction_types_from_the_command_line(cli, tmp_path):
    book = tmp_path / "b.gtbook"
    cli("init", "--book", book)
    for name in ("PEA", "CTO"):
        cli("account", "add", "--book", book, "--portfolio", "Famille", "--name", name, "--currency", "EUR")
    for args in (("--account", "PEA", "--type", "DELIVERY_IN", "--symbol", "AIR.PA", "--quantity", "10", "--price",
                  "120", "--fees", "5"),
                 ("--account", "PEA", "--type", "TAX_REFUND", "--symbol", "AIR.PA", "--amount", "3.50"),
                 ("--account", "PEA", "--type", "fee_refund", "--amount", "1"),
                 ("--account", "PEA", "--type", "INTEREST_CHARGE", "--amount", "2"),
                 ("--account", "PEA", "--type", "TRANSFER_OUT", "--amount", "1.50"),
                 ("--account", "CTO", "--type", "TRANSFER_IN", "--amount", "1.50"),
                 ("--account", "PEA", "--type", "DELIVERY_OUT", "--symbol", "AIR.PA", "--quantity", "4", "--price",
                  "130")):
        cli("tx", "add", "--book", book, "--date", "2025-01-02", "--currency", "EUR", *args)
    types = [tx["type"] for tx in cli.json("tx", "list", "--book", book)]
    assert types == ["DELIVERY_IN", "TAX_REFUND", "FEE_REFUND", "INTEREST_CHARGE", "TRANSFER_OUT", "TRANSFER_IN",
                     "DELIVERY_OUT"]
    cash = {(c["account"], c["currency"]): c["balance"] for c in cli.json("cash", "--book", book)}
    assert cash == {("PEA", "EUR"): "1.00", ("CTO", "EUR"): "1.50"}  # 3.50 + 1 - 2 - 1.50: no delivery moved cash
    realized = cli.json("realized", "--book", book)
    sold = [(r["quantity"], r["proceeds"], r["cost"]) for r in realized]
    assert sold == [("4", "520.00", "482.00")]  # 4 of the 10 delivered in at 1,205 with their fees
    refused = cli("tx", "add", "--book", book, "--date", "2025-01-03", "--currency", "EUR", "--account", "PEA",
                  "--type", "TRANSFER_OUT", ok=False)
    assert "a TRANSFER_OUT needs a symbol and a quantity (securities) or an amount (cash)" in refused.stderr


@pytest.mark.parametrize("args, why", [
    (("--portfolio", "Nobody"), "unknown portfolio 'Nobody'"),
    (("--security", "ZZZ"), "no transaction of 'ZZZ'"),
    (("--period", "week"), "'week' is not a period"),
    (("--period", "1y", "--from", "2025-01-01"), "give --period or --from"),
    (("--from", "2026-01-01", "--to", "2025-01-01"), "must end after it starts"),
    (("--portfolio", "Foyer Martin", "--account", "PEA"), "choose a portfolio or an account, not both"),
])
def test_bad_scopes_and_periods_are_refused_in_one_line(demo, args, why):
    cli, book = demo
    for command in ("performance", "history"):
        result = cli(command, "--book", book, *args, ok=False)
        assert why in result.stderr and result.stderr.count("\n") == 1
