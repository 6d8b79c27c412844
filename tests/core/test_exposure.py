"""Hand-computed exposure: split assignments, unassigned remainder, roll-up, look-through with partial
coverage and fund remainder, ISIN vs symbol matching, a cross-tab, rules with trim/add amounts."""
from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.core.exposure import (BookData, FundHolding, FundHoldings, Item, SecurityInfo, View,
                                       concentration, cross_tab, exposure)
from gigatracker.core.rules import Rule, check_rules

CHIPS, GIGA = "Inference era/Inference chips", "Inference era/AI gigafactories"


@pytest.fixture
def book():
    master = {
        "NVDA": SecurityInfo("NVDA", "NVIDIA", "US67066G1040", "USD", "equity", "", "Technology", "", "US"),
        "TSM": SecurityInfo("TSM", "TSMC", "", "USD", "equity", "", "Technology", "", "TW"),
        "SMH": SecurityInfo("SMH", "VanEck Semiconductor", "", "USD", "etf", "", "", "", "US"),
    }
    assignments = {"Thesis": {"NVDA": {CHIPS: 6000, GIGA: 2000}, "TSM": {CHIPS: 10_000}}}
    smh = FundHoldings("SMH", date(2026, 10, 31), "issuer", (
        FundHolding("NVDA.O", "Nvidia Corp", "US67066G1040", D("0.20")),  # matched by ISIN
        FundHolding("TSM", "Taiwan Semi ADR", "", D("0.10")),  # matched by symbol
        FundHolding("XYZ", "XYZ Corp", "NL0000000001", D("0.30"), "Semis", "NL"),  # unmatched
    ))  # 60% covered: the other 40% follows SMH's own classification
    items = [Item("P", "CTO", "NVDA", "USD", D("1000.00")), Item("P", "CTO", "TSM", "USD", D("500.00")),
             Item("P", "PEA", "SMH", "USD", D("2000.00")), Item("P", "CTO", None, "EUR", D("500.00"))]
    return items, BookData(master, assignments, {"SMH": smh})


def rows(result):
    return {row.key: row.value_base for row in result.rows}


def test_split_assignments_and_unassigned_remainder(book):
    items, data = book
    result = exposure(items, View("theme"), data, "EUR")
    # chips 1000 x 60% + 500 = 1100; gigafactories 1000 x 20% = 200; rest 200 + 2000 + 500 cash = 2700
    assert rows(result) == {CHIPS: D("1100.00"), GIGA: D("200.00"), "Unassigned": D("2700.00")}
    assert result.total_base == D("4000.00")
    assert [r.weight_bp for r in result.rows] == [2750, 500, 6750]


def test_parent_roll_up(book):
    items, data = book
    assert rows(exposure(items, View("theme", depth=1), data, "EUR")) == {
        "Inference era": D("1300.00"), "Unassigned": D("2700.00")}


def test_look_through_with_partial_coverage_and_fund_remainder(book):
    items, data = book
    result = exposure(items, View("theme", look_through=True), data, "EUR")
    # SMH 2000: NVDA piece 400 -> chips 240, giga 80, unassigned 80; TSM piece 200 -> chips 200;
    # XYZ 600 unassigned; the uncovered 800 follows SMH (no theme) -> unassigned.
    assert rows(result) == {CHIPS: D("1540.00"), GIGA: D("280.00"), "Unassigned": D("2180.00")}
    assert (result.coverage_bp, result.as_of) == (6000, date(2026, 10, 31))


def test_matching_by_isin_then_symbol_and_file_fallback(book):
    items, data = book
    countries = rows(exposure(items, View("country", look_through=True), data, "EUR"))
    # US: NVDA 1000 + its 400 piece (ISIN match) + SMH remainder 800; TW: 500 + 200 (symbol match);
    # NL: the unmatched 600 from the file's own country; cash has no country.
    assert countries == {"NL": D("600.00"), "TW": D("700.00"), "US": D("2200.00"), "Unassigned": D("500.00")}
    direct = rows(exposure(items, View("country"), data, "EUR"))
    assert direct == {"TW": D("500.00"), "US": D("3000.00"), "Unassigned": D("500.00")}


def test_other_dimensions(book):
    items, data = book
    assert rows(exposure(items, View("asset-class"), data, "EUR")) == {
        "cash": D("500.00"), "equity": D("1500.00"), "etf": D("2000.00")}
    assert rows(exposure(items, View("currency"), data, "EUR")) == {"EUR": D("500.00"), "USD": D("3500.00")}
    assert rows(exposure(items, View("account"), data, "EUR")) == {"CTO": D("2000.00"), "PEA": D("2000.00")}


def test_cross_tab_thesis_by_country(book):
    items, data = book
    total, cells = cross_tab(items, View("theme", look_through=True), View("country", look_through=True), data,
                             "EUR")
    assert total == D("4000.00")
    # chips x US: 600 direct NVDA + 240 via SMH; chips x TW: 500 + 200; giga x US: 200 + 80;
    # unassigned x US: 200 + 80 + 800; unassigned x NL: 600; cash: unassigned x unassigned 500.
    assert {(c.key, c.key2): c.value_base for c in cells} == {
        (CHIPS, "TW"): D("700.00"), (CHIPS, "US"): D("840.00"), (GIGA, "US"): D("280.00"),
        ("Unassigned", "NL"): D("600.00"), ("Unassigned", "US"): D("1080.00"),
        ("Unassigned", "Unassigned"): D("500.00")}


def test_breached_rules_with_amounts(book):
    items, data = book
    rules = [Rule("theme", CHIPS, max_bp=3000), Rule("country", "TW", min_bp=2000),
             Rule("theme", "Inference era", max_bp=5000), Rule("position", "NVDA", max_bp=3000)]
    [chips, taiwan, nvda] = check_rules(rules, items, data, "EUR", look_through=True)
    # chips 1540 of 4000 = 38.5% > 30%: trim 1540 - 0.30 x 4000 = 340.00
    assert (chips.key, chips.weight_bp, chips.limit_bp, chips.amount_base, chips.action) == \
        (CHIPS, 3850, 3000, D("340.00"), "trim")
    # Taiwan 700 = 17.5% < 20%: add 0.20 x 4000 - 700 = 100.00
    assert (taiwan.weight_bp, taiwan.amount_base, taiwan.action) == (1750, D("100.00"), "add")
    # NVDA as an issuer: 1000 direct + 400 inside SMH = 35% > 30%: trim 200.00
    assert (nvda.weight_bp, nvda.amount_base) == (3500, D("200.00"))
    assert check_rules(rules[3:], items, data, "EUR") == []  # without look-through NVDA is 25%


def test_concentration(book):
    items, data = book
    plain = concentration(items, data)
    # 1000, 500, 2000 of 3500: (2/7)^2 + (1/7)^2 + (4/7)^2 = 21/49
    assert plain.hhi == D("0.428571") and plain.effective_bets == D("2.33") and plain.largest == "SMH"
    through = concentration(items, data, look_through=True)
    # NVDA 1400, TSM 700, XYZ 600, SMH rest 800 of 3500
    assert through.largest == "NVDA" and through.largest_weight_bp == 4000


def test_incremental_update_equals_full_recompute(book):
    from gigatracker.core.exposure import ExposureModel
    items, data = book
    model = ExposureModel(items, View("theme", look_through=True), data, "EUR")
    model.set_values([0, 2], [D("1500.00"), D("1000.00")])
    updated = rows(model.result())
    moved = [Item(i.portfolio, i.account, i.symbol, i.currency, v) for i, v in
             zip(items, [D("1500.00"), D("500.00"), D("1000.00"), D("500.00")])]
    assert updated == rows(exposure(moved, View("theme", look_through=True), data, "EUR"))


def test_uncovered_part_of_a_fund_takes_the_sectors_its_holdings_leave_over():
    master = {"A": SecurityInfo("A", sector="Technology"), "B": SecurityInfo("B", sector="Healthcare"),
              "F": SecurityInfo("F", asset_class="etf")}
    fund = FundHoldings("F", date(2026, 1, 1), "yahoo",
                        (FundHolding("A", "A", "", D("0.30")), FundHolding("B", "B", "", D("0.20"))),
                        (("Energy", D("0.2")), ("Healthcare", D("0.2")), ("Technology", D("0.6"))))
    items = [Item("P", "CTO", "F", "USD", D("1000.00"))]
    result = exposure(items, View("sector", look_through=True), BookData(master, {}, {"F": fund}), "EUR")
    # A 300 and B 200 are listed; the other 500 takes what is left of the fund's weights:
    # Technology 60% - 30% = 30%, Healthcare 20% - 20% = 0, Energy 20% -> 300 Technology, 200 Energy.
    assert rows(result) == {"Technology": D("600.00"), "Healthcare": D("200.00"), "Energy": D("200.00")}
    without = exposure(items, View("sector"), BookData(master, {}, {"F": fund}), "EUR")
    assert rows(without) == {"Unassigned": D("1000.00")}  # no look-through: the ETF has no sector


def test_contributions_to_a_row_through_funds(book):
    from gigatracker.core.exposure import contributions
    items, data = book
    view = View("theme", look_through=True)
    parts = contributions(items, view, data, CHIPS, D("1540.00"), "EUR")
    # NVDA held 1000 x 60% = 600; TSM held 500; through SMH: NVDA 2000 x 20% x 60% = 240, TSM 2000 x 10% = 200
    assert [(c.symbol, c.via, c.value_base) for c in parts] == [
        ("NVDA", None, D("600.00")), ("TSM", None, D("500.00")), ("SMH", "NVDA", D("240.00")),
        ("SMH", "TSM", D("200.00"))]
    assert parts[2].share_of_position == pytest.approx(0.12)
    unassigned = contributions(items, view, data, "Unassigned", D("2180.00"), "EUR")
    assert sum(c.value_base for c in unassigned) == D("2180.00")
    # the file's unmatched XYZ and the uncovered 40% of SMH are both there, named
    assert ("SMH", "XYZ Corp", D("600.00")) in [(c.symbol, c.via, c.value_base) for c in unassigned]
    assert ("SMH", None, D("800.00")) in [(c.symbol, c.via, c.value_base) for c in unassigned]
    assert (None, None, D("500.00")) in [(c.symbol, c.via, c.value_base) for c in unassigned]
