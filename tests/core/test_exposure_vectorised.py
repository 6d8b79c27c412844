"""The exposure model as the app drives it: a price update only multiplies new values by the kept
classification (the same rows as a model built from scratch), and the classification is kept on the
BookData until the app reads a new one (themes, funds or securities changed)."""
import random
from datetime import date
from decimal import Decimal as D

import pytest

import gigatracker.core.exposure as exposure_module
from gigatracker.core.exposure import (BookData, ExposureModel, FundHolding, FundHoldings, Item, SecurityInfo,
                                       View)

VIEWS = [View("theme", "Thesis", None, True), View("theme", "Thesis", 1, False), View("theme", "Geo", 2, True),
         View("sector", look_through=True), View("country", look_through=True), View("industry"),
         View("currency", look_through=True), View("asset-class", look_through=True),
         View("account", look_through=True), View("portfolio", look_through=True)]
LOOKING_THROUGH = [view for view in VIEWS if view.look_through]
PATHS = {"Thesis": ["Era/Chips", "Era/PCs", "Era/Power", "Robots"], "Geo": ["Asia/Taiwan", "Asia/Korea", "Europe"]}


def random_book(seed: int) -> tuple[list[Item], BookData]:
    """40 securities (some without a sector, country or ISIN), 4 funds of 10 holdings (matched by ISIN, by
    symbol, or not at all; 60-100 % covered, two with sector weights), two taxonomies with partial
    assignments, and 30 items over two portfolios and three accounts: a fund held twice, cash in two
    currencies, values with three decimals, a short."""
    rng = random.Random(seed)
    symbols = [f"S{i:02d}" for i in range(40)]
    master = {s: SecurityInfo(s, s, f"XS{i:010d}" if i % 2 else "", rng.choice(["USD", "EUR"]), "equity", "",
                              rng.choice(["", "Tech", "Energy", "Health"]), rng.choice(["", "Chips", "Oil"]),
                              rng.choice(["", "US", "TW", "NL"])) for i, s in enumerate(symbols)}
    funds = {}
    for f in range(4):
        fund = f"F{f}"
        master[fund] = SecurityInfo(fund, asset_class=rng.choice(["etf", "fund"]), sector="Funds" if f == 3 else "",
                                    currency="USD", country="IE")
        covered = rng.randint(60, 100)
        weights = [rng.randint(1, 10) for _ in range(10)]
        parts = [D(covered * w * 100 // sum(weights)) / 10_000 for w in weights]
        holdings = []
        for n, (pick, weight) in enumerate(zip(rng.sample(symbols, 10), parts)):
            if n % 3 == 0:  # by ISIN, under another symbol (or an unmatched one when the master has no ISIN)
                holdings.append(FundHolding(pick + ".X", pick, master[pick].isin, weight, "Tech", "KR"))
            elif n % 3 == 1:  # by symbol
                holdings.append(FundHolding(pick, pick, "", weight))
            else:  # not in the master
                holdings.append(FundHolding(f"U{f}{n}", f"Unlisted {n}", f"XU{f}{n:08d}", weight,
                                            rng.choice(["", "Energy"]), rng.choice(["", "JP"])))
        sectors = (("Tech", D("0.5")), ("Energy", D("0.3")), ("Health", D("0.2"))) if f < 2 else ()
        funds[fund] = FundHoldings(fund, date(2026, 9, 30 - f), "test", tuple(holdings), sectors)
    assignments: dict[str, dict[str, dict[str, int]]] = {}
    for taxonomy, paths in PATHS.items():
        assignments[taxonomy] = {}
        for s in symbols + ["F1"]:
            left, weights = 10_000, {}
            for path in rng.sample(paths, rng.randint(0, 2)):
                weights[path] = rng.randint(1, left)
                left -= weights[path]
            assignments[taxonomy][s] = weights
    held = rng.sample(symbols, 22) + ["F0", "F1", "F2", "F3", "F0"]
    items = [Item(f"P{n % 2}", f"A{n % 3}", symbol, master[symbol].currency or "USD", value(rng))
             for n, symbol in enumerate(held)]
    items += [Item("P0", "A0", None, "EUR", value(rng)), Item("P1", "A1", None, "USD", value(rng)),
              Item("P1", "A2", "S39", "EUR", -value(rng))]
    return items, BookData(master, assignments, funds)


def value(rng: random.Random) -> D:
    return D(rng.randint(1, 50_000_000)) / 1000


def moved(items: list[Item], values: list[D]) -> list[Item]:
    return [Item(i.portfolio, i.account, i.symbol, i.currency, v) for i, v in zip(items, values)]


def from_scratch(items: list[Item], view: View, data: BookData) -> ExposureModel:
    """A model on a new BookData of the same book: nothing kept from another model."""
    return ExposureModel(items, view, BookData(data.master, data.assignments, data.funds), "EUR")


def shown(model: ExposureModel) -> tuple[D, list[tuple[str, D, int]]]:
    result = model.result()
    return result.total_base, [(row.key, row.value_base, row.weight_bp) for row in result.rows]


@pytest.fixture
def classified(monkeypatch) -> list[tuple[str | None, View]]:
    """The items classified (fractions computed, funds looked through) while the test runs."""
    done: list[tuple[str | None, View]] = []
    original = exposure_module._item_fractions

    def counting(item: Item, view: View, data: BookData) -> dict[str, float]:
        done.append((item.symbol, view))
        return original(item, view, data)
    monkeypatch.setattr(exposure_module, "_item_fractions", counting)
    return done


@pytest.mark.parametrize("view", VIEWS, ids=str)
def test_a_full_price_update_gives_the_rows_of_a_model_built_from_scratch(view):
    items, data = random_book(7)
    model = ExposureModel(items, view, data, "EUR")
    rng = random.Random(3)
    for _ in range(5):
        values = [value(rng) for _ in items]
        order = list(range(len(items)))
        rng.shuffle(order)  # as the app sends them: in the holdings table's order
        model.set_values(order, [values[i] for i in order])
        assert shown(model) == shown(from_scratch(moved(items, values), view, data))


@pytest.mark.parametrize("view", LOOKING_THROUGH, ids=str)
def test_few_and_full_updates_in_turn_agree_with_a_model_built_from_scratch(view):
    items, data = random_book(11)
    model = ExposureModel(items, view, data, "EUR")
    values = [item.value_base for item in items]
    rng = random.Random(5)
    for size in [1, 3, len(items) // 4, len(items) // 4 + 1, len(items), 2, len(items) - 1]:
        indices = rng.sample(range(len(items)), size)
        new = [value(rng) for _ in indices]
        for index, price in zip(indices, new):
            values[index] = price
        model.set_values(indices, new)
        assert shown(model) == shown(from_scratch(moved(items, values), view, data)), size


def test_a_reload_from_the_same_book_data_classifies_no_item_again(classified):
    items, data = random_book(7)
    first = [ExposureModel(items, view, data, "EUR") for view in LOOKING_THROUGH]
    assert {symbol for symbol, _ in classified} >= {"F0", "F1", "F2", "F3"}
    count = len(classified)
    rng = random.Random(1)
    repriced = moved(items, [value(rng) for _ in items])
    again = [ExposureModel(repriced, view, data, "EUR") for view in LOOKING_THROUGH]  # reload after prices moved
    sold = [ExposureModel(items[1:], view, data, "EUR") for view in LOOKING_THROUGH]  # a position less
    bought = [ExposureModel(items + items[:1], view, data, "EUR") for view in LOOKING_THROUGH]  # one more
    assert len(classified) == count
    for model, reloaded in zip(first, again):  # the same positions: the very matrix, not another
        assert reloaded.matrix is model.matrix and reloaded.keys == model.keys
        assert shown(reloaded) == shown(from_scratch(repriced, reloaded.view, data))
    for model in sold:
        assert shown(model) == shown(from_scratch(items[1:], model.view, data))
    for model in bought:
        assert shown(model) == shown(from_scratch(items + items[:1], model.view, data))


def test_the_kept_matrix_is_read_only():
    items, data = random_book(7)
    model = ExposureModel(items, View("theme", "Thesis", None, True), data, "EUR")
    with pytest.raises(ValueError):
        model.matrix[0, 0] = 1.0


def test_a_new_book_data_classifies_again(classified):
    """What the app does when themes, funds or securities change: a new BookData, classified anew."""
    items, data = random_book(7)
    view = View("theme", "Thesis", None, True)
    before = shown(ExposureModel(items, view, data, "EUR"))
    count = len(classified)
    assignments = {taxonomy: dict(by_symbol) for taxonomy, by_symbol in data.assignments.items()}
    for symbol in assignments["Thesis"]:
        assignments["Thesis"][symbol] = {"Robots": 10_000}
    changed = BookData(data.master, assignments, data.funds)
    after = shown(ExposureModel(items, view, changed, "EUR"))
    assert len(classified) > count and after != before
    assert "Robots" in [key for key, _, _ in after[1]]


def test_a_fund_in_two_accounts_is_looked_through_once_unless_the_view_reads_the_account(classified):
    items, data = random_book(7)
    ExposureModel(items, View("theme", "Thesis", None, True), data, "EUR")
    assert [symbol for symbol, _ in classified].count("F0") == 1  # held in two accounts
    ExposureModel(items, View("account", look_through=True), data, "EUR")
    assert [symbol for symbol, view in classified if view.dimension == "account"].count("F0") == 2
