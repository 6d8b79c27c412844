"""Every real file of ../shared/fixtures/imports that imports, reconciled with its own figures: it agrees,
or each difference is the one the file itself explains, with its written reason. Files that state no
figures of their own (Ghostfolio's and Wealthfolio's exports have no balances) have nothing to reconcile,
and say so (None). The files are read in place, never copied (see test_preset_conformance.py)."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from gigatracker.app import App
from tests.services.test_preset_conformance import IMPORTS

pytestmark = pytest.mark.skipif(IMPORTS is None, reason="the shared import fixtures (../shared/fixtures/imports) "
                                                        "are not on this machine; they are not ours to copy")
AGREES = "agrees"
NOTHING = None  # the file states no figures to check against

# file -> (what the import needs, the reconciliation: AGREES and what was checked, NOTHING, or the differences
# as (what, expected, got, the reason's words))
CASES = {
    "degiro/wfdegiro_degiro-canonical-signs.csv": ({}, (AGREES, {"balances": 1})),
    "degiro/wfdegiro_degiro-overlap.csv": ({}, (AGREES, {"balances": 1})),
    # The file's own balance column is 0.01 short at line 10 (2321.43 - 2.50 is 2318.93, it says 2318.94).
    "degiro/wfdegiro_degiro-e2e-portfolio.csv": ({}, [
        ("cash", D("2198.94"), D("2198.93"), "1 row(s) where they jump by 0.01 in all (line 10: 2321.43 + -2.50 "
                                             "is not 2318.94)")]),
    # Synthetic balances that do not follow from the changes at two rows: the whole gap is theirs.
    "degiro/wfdegiro_degiro-example.csv": ({"openings": {"IE00B3RBWM25": (D(7), D(700))}}, [
        ("cash", D("312.18"), D("1183.12"), "2 row(s) where they jump by -870.94 in all (line 7: -98.88 + 786.80 "
                                            "is not 687.62; line 4: 685.32 + -2.50 is not -187.82)")]),
    "degiro/wfdegiro_degiro-localized-quantities.csv": ({}, [
        ("cash", D("1770.50"), D("-9438.17"), "7 row(s) where they jump by 11208.67 in all")]),
    # The row of an unknown kind, skipped as asked: its cash is the gap.
    "degiro/wfdegiro_degiro-unknown-type.csv": ({"skip_unknown": True}, [
        ("cash", D("958"), D("1000"), "rows listed as ignored moved this cash (line 3 not known -42)")]),
    # Every trade's netCash, cost and fifoPnlRealized (the tender's sale realizes IBKR's 2358 CAD).
    "ibkr_flex/pp_testIBFlexStatementFile01.xml": ({}, (AGREES, {"trades": 14})),
    # The ORCL purchase: IBKR's netCash and cost leave out its 2 USD commission (ibCommission="-2").
    "ibkr_flex/pp_testIBFlexStatementFile02.xml": ({}, [
        ("trade cash", D(-5000), D(-5002), "the file's cash for this trade leaves out its commission of 2"),
        ("trade cost", D(5000), D(5002), "the file's cost of this buy leaves out its commission")]),
    "ibkr_flex/pp_testIBFlexStatementFile03.xml": ({}, NOTHING),  # an interest row: no figures of IBKR's own
    "ibkr_flex/pp_testIBFlexStatementFile04.xml": ({}, (AGREES, {"trades": 1})),
    "ghostfolio/ok/vti-buy-on-ibkr.csv": ({}, (AGREES, {"trades": 1})),  # an IBKR Flex CSV
    **{f"ghostfolio/ok/{name}": ({}, NOTHING) for name in (
        "500-activities.json", "btceur.json", "btcusd.csv", "btcusd.json", "derived-currency.json",
        "jnug-buy-and-sell-and-buy-and-sell.json", "novn-buy-and-sell-partially.json", "novn-buy-and-sell.json",
        "penthouse-apartment.csv", "penthouse-apartment.json", "sample.csv", "sample.json",
        "vti-buy-long-history.json", "without-accounts.json")},
    "ghostfolio/ok/btcusd-short.json": ({"short": True}, NOTHING),
    **{f"wealthfolio/{name}": ({}, NOTHING) for name in (
        "duplicate-detection.csv", "happy-path-import.csv", "semicolon-delimiter.csv")},
}


def test_every_importable_real_file_is_listed():
    """A real file added to the fixtures gets a case here (the refused ones are test_preset_conformance's)."""
    refused = {"wealthfolio/ai-import-edge-cases.csv", "wealthfolio/ai-import-european-broker.csv",
               "wealthfolio/sample-holdings-import.csv", "wealthfolio/sample-import.csv",
               "wealthfolio/schwab_no_title_row.csv", "wealthfolio/schwab_with_header_row.csv"}
    files = {str(p.relative_to(IMPORTS)) for p in IMPORTS.rglob("*") if p.suffix in (".csv", ".xml", ".json")
             and "not-ok" not in p.parts and "mock_market_prices" not in p.name}
    assert files - refused == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_real_file_reconciliation(tmp_path, name):
    needs, expected = CASES[name]
    app = App.create(tmp_path / "book.gtbook", "EUR")
    app.add_account("Client", "Broker", "EUR", short_selling=needs.get("short", False))
    try:
        result = app.import_with_preset(IMPORTS / name, "auto", account="Broker", openings=needs.get("openings"),
                                        skip_unknown=needs.get("skip_unknown", False))
    finally:
        app.close()
    assert result.added
    reconciliation = result.reconciliation
    if expected is NOTHING:
        assert reconciliation is None
    elif isinstance(expected, tuple):
        assert (AGREES if reconciliation.agrees else reconciliation.differences, reconciliation.checked) == expected
    else:
        got = [(d.what, d.expected, d.got) for d in reconciliation.differences]
        assert got == [(what, figure, book) for what, figure, book, _ in expected]
        for difference, (*_, why) in zip(reconciliation.differences, expected):
            assert why in difference.why
