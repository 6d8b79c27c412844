"""Short selling, where an account allows it, through the CLI: the short position is valued (negative
market value, gain when the price falls), counted by its size in concentration and day change, and
refused as an oversell in an account that does not allow it."""


def test_a_short_position_from_sale_to_valuation(cli, tmp_path):
    book = tmp_path / "short.gtbook"
    prices = tmp_path / "prices.csv"
    prices.write_text("date,symbol,close,currency\n2024-01-02,TSLA,240,USD\n2024-01-03,TSLA,200,USD\n"
                      "2024-01-03,NVDA,320,USD\n", encoding="utf-8")
    cli("init", "--book", book, "--base-currency", "USD")
    cli("account", "add", "--book", book, "--portfolio", "Moi", "--name", "Marge", "--currency", "USD",
        "--short-selling")
    cli("account", "add", "--book", book, "--portfolio", "Moi", "--name", "CTO", "--currency", "USD")
    refused = cli("tx", "add", "--book", book, "--account", "CTO", "--date", "2024-01-02", "--type", "SELL",
                  "--symbol", "TSLA", "--quantity", "10", "--price", "250", "--currency", "USD", ok=False)
    assert "none held (sell before buy?); the account does not allow short selling" in refused.stderr
    for args in (("Marge", "SELL", "--symbol", "TSLA", "--quantity", "10", "--price", "250"),
                 ("CTO", "DEPOSIT", "--amount", "5000"),
                 ("CTO", "BUY", "--symbol", "NVDA", "--quantity", "10", "--price", "300")):
        cli("tx", "add", "--book", book, "--account", args[0], "--date", "2024-01-02", "--type", args[1],
            *args[2:], "--currency", "USD")
    cli("import", "prices", prices, "--book", book)
    assert [a["short_selling"] for a in cli.json("account", "list", "--book", book)] == [True, False]
    held = {h["symbol"]: h for h in cli.json("holdings", "--book", book)}
    tsla = held["TSLA"]
    # sold 10 at 250, now 200: worth -2,000, a gain of 500
    assert (tsla["quantity"], tsla["cost_basis"], tsla["average_cost"]) == ("-10", "-2500.00", "250")
    assert (tsla["market_value_base"], tsla["unrealized_pnl_base"]) == ("-2000.00", "500.00")
    dashboard = cli.json("dashboard", "--book", book)
    # cash: 2,500 from the short sale + 5,000 deposited - 3,000 for NVDA; total 4,500 + 3,200 - 2,000
    assert (dashboard["total_base"], dashboard["cash_base"], dashboard["unrealized_pnl_base"]) == (
        "5700.00", "4500.00", "700.00")
    # TSLA's day: 240 -> 200, +400 on a position that was worth 2,400 (by its size): +16.67 %
    assert (dashboard["day_change_base"], dashboard["day_change_pct"]) == ("400.00", "16.67")
    exposure = cli("exposure", "--book", book, "--by", "account").stdout
    # gross weights 3,200 / 5,200 and 2,000 / 5,200: HHI 0.378698 + 0.147929
    assert "HHI 0.526627, 1.9 effective bets" in exposure
