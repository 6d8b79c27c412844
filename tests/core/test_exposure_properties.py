"""Properties of exposure over random books."""
from datetime import date
from decimal import Decimal as D

from hypothesis import given, settings, strategies as st

from gigatracker.core.exposure import (DIMENSIONS, BookData, ExposureModel, FundHolding, FundHoldings, Item,
                                       SecurityInfo, View, exposure)

SYMBOLS = ["AAA", "BBB", "CCC", "FND"]
PATHS = ["Era", "Era/Chips", "Era/PCs", "Geo/Taiwan"]
values = st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2)


@st.composite
def books(draw):
    master = {s: SecurityInfo(s, country=draw(st.sampled_from(["", "US", "TW", "KR"])),
                              sector=draw(st.sampled_from(["", "Tech", "Industrials"])),
                              asset_class="etf" if s == "FND" else "equity", currency="USD")
              for s in SYMBOLS}
    assignments = {}
    for symbol in SYMBOLS:
        chosen = draw(st.lists(st.sampled_from(PATHS), unique=True, max_size=3))
        budget, weights = 10_000, {}
        for path in chosen:
            bp = draw(st.integers(1, max(1, budget))) if budget else 0
            if bp and budget:
                weights[path], budget = bp, budget - bp
        assignments[symbol] = weights
    holdings, left = [], 100
    for symbol in ["AAA", "BBB", "ZZZ"]:
        pct = draw(st.integers(0, left))
        left -= pct
        if pct:
            holdings.append(FundHolding(symbol, symbol, "", D(pct) / 100, country="NL"))
    funds = {"FND": FundHoldings("FND", date(2026, 1, 1), "test", tuple(holdings))}
    items = [Item("P", draw(st.sampled_from(["A1", "A2"])), draw(st.sampled_from(SYMBOLS + [None])),
                  "USD", draw(values)) for _ in range(draw(st.integers(1, 12)))]
    return items, BookData(master, {"Thesis": assignments}, funds)


views = st.builds(View, st.sampled_from(DIMENSIONS), st.just("Thesis"), st.sampled_from([None, 1, 2]),
                  st.booleans())


@settings(max_examples=200, deadline=None)
@given(books(), views)
def test_rows_sum_exactly_to_the_total(book, view):
    items, data = book
    result = exposure(items, view, data, "EUR")
    assert sum(row.value_base for row in result.rows) == result.total_base == sum(i.value_base for i in items)
    assert sum(row.weight_bp for row in result.rows) == 10_000


@settings(max_examples=200, deadline=None)
@given(books(), views, st.data())
def test_splitting_a_position_across_two_accounts_changes_nothing(book, view, data):
    items, book_data = book
    if view.dimension == "account":
        return
    index = data.draw(st.integers(0, len(items) - 1))
    item = items[index]
    part = data.draw(st.decimals(min_value=D(0), max_value=item.value_base, places=2))
    split = items[:index] + [Item(item.portfolio, "A1", item.symbol, item.currency, part),
                             Item(item.portfolio, "A2", item.symbol, item.currency, item.value_base - part)]
    split += items[index + 1:]
    before = {r.key: r.value_base for r in exposure(items, view, book_data, "EUR").rows}
    after = {r.key: r.value_base for r in exposure(split, view, book_data, "EUR").rows}
    assert before == after


@settings(max_examples=200, deadline=None)
@given(books(), st.sampled_from(DIMENSIONS), values)
def test_a_fund_of_one_security_at_100_percent_is_that_security(book, dimension, value):
    items, data = book
    data.funds["ONE"] = FundHoldings("ONE", date(2026, 1, 1), "test", (FundHolding("AAA", "AAA", "", D(1)),))
    view = View(dimension, "Thesis", None, True)
    through = exposure([Item("P", "A1", "ONE", "USD", value)], view, data, "EUR")
    direct = exposure([Item("P", "A1", "AAA", "USD", value)], view, data, "EUR")
    assert [(r.key, r.value_base) for r in through.rows] == [(r.key, r.value_base) for r in direct.rows]


@settings(max_examples=200, deadline=None)
@given(books(), views, st.data())
def test_new_values_give_the_rows_of_a_model_built_with_them(book, view, data):
    """Price ticks for any items (a few: their rows updated; most: the values multiplied again), in any order."""
    items, book_data = book
    model = ExposureModel(items, view, book_data, "EUR")
    indices = data.draw(st.lists(st.integers(0, len(items) - 1), unique=True))
    new = [data.draw(values) for _ in indices]
    model.set_values(indices, new)
    moved = list(items)
    for index, value in zip(indices, new):
        item = items[index]
        moved[index] = Item(item.portfolio, item.account, item.symbol, item.currency, value)
    fresh = BookData(book_data.master, book_data.assignments, book_data.funds)  # nothing kept from `model`
    result, expected = model.result(), exposure(moved, view, fresh, "EUR")
    assert result.total_base == expected.total_base
    assert [(r.key, r.value_base, r.weight_bp) for r in result.rows] == \
        [(r.key, r.value_base, r.weight_bp) for r in expected.rows]
