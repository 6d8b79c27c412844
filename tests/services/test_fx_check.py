"""Each preset's exchange rates go the book's way (units of the account's currency per unit of the
row's), checked against market rates in the price cache: a rate the other way round or 100 times off
refuses the file naming both figures; one merely far off is imported with a note."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.app import App
from gigatracker.services.importers.csv_reader import ImportRejected
from tests.conftest import DATA
from tests.support.books import dump

SAMPLES = DATA / "presets"
RATED = [  # (sample, the EUR account it goes to): each has rows in another currency with a rate
    ("degiro_account_nl.csv", "CTO"), ("degiro_account_fr.csv", "CTO"), ("wealthfolio.csv", "CTO"),
    ("portfolio_performance.csv", "CTO"),
]  # IBKR gives no rate: a trade in USD moves the account's USD cash (docs/formats.md)


def book(tmp_path: Path, name: str) -> App:
    app = App.create(tmp_path / f"{name}.gtbook", "EUR")
    app.add_account("Moi", "CTO", "EUR")
    app.add_account("Moi", "U7000001", "EUR")
    return app


def rated_rows(tmp_path: Path, sample: str, account: str | None) -> list:
    """The sample's rows with a rate, as the preset reads them (nothing in the price cache)."""
    app = book(tmp_path, "plain")
    try:
        result = app.import_with_preset(SAMPLES / sample, "auto", account=account, dry_run=True)
    finally:
        app.close()
    rows = [tx for tx in result.transactions if tx.fx_rate]
    assert rows, f"{sample} has no row with an exchange rate"
    return rows


def market(app: App, tmp_path: Path, rows: list, rate_of) -> None:
    """Closes of EURxxx=X (units of xxx per euro, as Yahoo quotes them) on each rated row's day."""
    lines = {(tx.date, tx.currency): f"{tx.date.isoformat()},EUR{tx.currency}=X,{rate_of(tx)},{tx.currency}"
             for tx in rows}
    path = tmp_path / "fx.csv"
    path.write_text("date,symbol,close,currency\n" + "\n".join(lines.values()) + "\n")
    app.import_prices(path)


@pytest.mark.parametrize("sample, account", RATED)
def test_each_presets_rates_go_the_books_way(tmp_path, sample, account):
    rows = rated_rows(tmp_path, sample, account)
    agreeing = book(tmp_path, "agreeing")
    market(agreeing, tmp_path, rows, lambda tx: (1 / tx.fx_rate * D("1.01")).quantize(D("1e-6")))  # a 1 % spread
    result = agreeing.import_with_preset(SAMPLES / sample, "auto", account=account)
    assert result.added and not any("market's" in note for note in result.notes)
    agreeing.close()

    inverted = book(tmp_path, "inverted")  # the market quoted so that the file's rates read the other way round
    market(inverted, tmp_path, rows, lambda tx: tx.fx_rate.quantize(D("1e-6")))
    before = dump(inverted.book.path)
    with pytest.raises(ImportRejected) as refused:
        inverted.import_with_preset(SAMPLES / sample, "auto", account=account)
    problems = [p for p in refused.value.problems if p.field == "fx_rate"]
    assert problems and all("the other way round" in p.why or "cannot be" in p.why for p in problems)
    first = rows[0]
    assert any(f"the file's rate {first.fx_rate.normalize():f} EUR per {first.currency}" in p.why for p in problems)
    assert dump(inverted.book.path) == before
    inverted.close()


def test_a_rate_100_times_off_is_refused_and_one_far_off_noted(tmp_path):
    rows = rated_rows(tmp_path, "degiro_account_fr.csv", "CTO")
    pence = book(tmp_path, "pence")
    market(pence, tmp_path, rows, lambda tx: ((1 / tx.fx_rate) * (100 if tx.currency == "GBP" else 1)).quantize(D("1e-6")))
    with pytest.raises(ImportRejected, match=r"fx_rate: the file's rate 1.2000080244 EUR per GBP on 2025-02-10, "
                                             r"where the market's was 0.012: 100 times off"):
        pence.import_with_preset(SAMPLES / "degiro_account_fr.csv", "auto", account="CTO")
    pence.close()
    far = book(tmp_path, "far")
    market(far, tmp_path, rows, lambda tx: (1 / tx.fx_rate * D("1.25")).quantize(D("1e-6")))
    result = far.import_with_preset(SAMPLES / "degiro_account_fr.csv", "auto", account="CTO")
    assert result.added and sum("where the market's was" in note for note in result.notes) == len(
        {(tx.date, tx.currency) for tx in rows}) and all("(+25 %)" in n for n in result.notes if "market" in n)
    far.close()


def test_a_rate_from_weeks_before_says_nothing(tmp_path):
    rows = rated_rows(tmp_path, "degiro_account_nl.csv", "CTO")
    app = book(tmp_path, "old")
    path = tmp_path / "fx.csv"
    path.write_text(f"date,symbol,close,currency\n2025-04-01,EURUSD=X,{rows[0].fx_rate},USD\n")  # 45 days before
    app.import_prices(path)
    assert app.import_with_preset(SAMPLES / "degiro_account_nl.csv", "auto", account="CTO").added
    app.close()
