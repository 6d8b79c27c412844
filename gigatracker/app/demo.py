"""The embedded demo book, built around the founding thesis: a household and an adviser's client,
chip and AI-hardware positions, two semiconductor ETFs with look-through holdings, a Thesis and a
Chip geography taxonomy, theses with review dates, and rules (one of them breached).

Every piece goes through the same commands a user has (imports, theme pack, rules), so the demo also
exercises them. A half-made demo never exists (services/store/book.create_whole).
"""
from __future__ import annotations

import tomllib
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

from .open_book import App
from ..core.rules import Rule
from ..services.store import Book
from ..services.store.book import create_whole

FIELDS = ("name", "isin", "currency", "asset_class", "exchange", "sector", "industry", "country")


def build_demo_book(path: Path | str) -> Book:
    """The demo book at `path` (a file, or an empty database's postgresql:// URL), all or nothing: a demo
    that fails half-way leaves no file and an empty database."""
    demo = files("gigatracker.resources") / "demo"
    spec = tomllib.loads((demo / "book.toml").read_text(encoding="utf-8"))
    create_whole(path, spec["base_currency"], lambda book: _fill(App(book), demo, spec))
    return Book.open(path)


def _fill(app: App, demo, spec: dict) -> None:
    for account in spec["accounts"]:
        app.add_account(account["portfolio"], account["name"], account["currency"], account["cost_basis"])
    for symbol, values in spec["securities"].items():
        app.themes.set_security(symbol, **dict(zip(FIELDS, values)))
    with as_file(demo / spec["transactions"]) as csv_path, as_file(demo / spec["mapping"]) as mapping:
        app.import_transactions(csv_path, mapping)
    with as_file(demo / spec["prices"]) as prices:
        app.import_prices(prices, source_label="demo")
    with as_file(demo / "funds" / "holdings.mapping.toml") as mapping:
        for fund in spec["funds"]:
            with as_file(demo / fund["file"]) as holdings:
                app.themes.import_fund_holdings(holdings, mapping, fund=fund["symbol"],
                                                as_of=date.fromisoformat(fund["as_of"]), source="demo")
    with as_file(demo / spec["themes"]) as pack:
        app.themes.import_pack(pack)
    for rule in spec["rules"]:
        app.themes.add_rule(Rule(rule["by"], rule["key"], rule.get("max_bp"), rule.get("min_bp"),
                                 rule.get("taxonomy", "Thesis")))
    for portfolio, benchmark in spec["benchmarks"].items():
        app.performance.set_benchmark(portfolio or None, [benchmark])
    note = spec["note"]
    app.themes.add_note(note["path"], note["text"], written=date.fromisoformat(note["date"]))
