"""The exposure view on the demo book: the look-through toggle changes the rows and the coverage badge,
a breached rule is marked on the bars, clicking a donut segment lists its contributors (fund holdings
included), and the figures follow live prices."""
import math
from datetime import datetime, timezone
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from gigatracker.app import App
from gigatracker.core.exposure import View
from gigatracker.core.rules import Rule
from gigatracker.app.demo import build_demo_book
from gigatracker.ui.charts.bars import ExposureBars
from gigatracker.services.stream.tick import Tick
from gigatracker.ui.main_window import MainWindow
from tests.ui.conftest import SCREENSHOTS

CHIPS = "Inference era/Inference chips"


@pytest.fixture
def window(qtbot, tmp_path):
    path = tmp_path / "demo.gtbook"
    build_demo_book(path).close()
    with App.open(path) as app:
        app.themes.add_rule(Rule("theme", CHIPS, 2000))  # chips are ~26 %: breached
    app = App.open(path)
    main = MainWindow(app, page="exposure")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitUntil(lambda: main.exposure.data is not None and main.model.rowCount() == 15, timeout=20_000)
    yield main
    main.close()
    app.close()


def rows(window):
    return {row.key: row.value_base for row in window.exposure.data.result.rows}


def test_look_through_toggle_changes_rows_and_badge(qtbot, window):
    view = window.exposure
    assert view.coverage.text().startswith("look-through 74 %") and "31/10/2026" in view.coverage.text()
    with_funds = rows(window)
    assert with_funds == {r.key: r.value_base for r in window.app.themes.exposure(
        View("theme", look_through=True)).exposure.rows}
    view.look_through.setChecked(False)
    qtbot.waitUntil(lambda: not view.data.view.look_through, timeout=10_000)
    without = rows(window)
    assert view.coverage.text() == ""
    assert without != with_funds and sum(without.values()) == sum(with_funds.values())
    # the funds' value moves out of Unassigned into the themes of what they hold
    assert without["Unassigned"] > with_funds["Unassigned"]


def test_a_breached_rule_is_marked_on_the_bars(window):
    view = window.exposure
    assert CHIPS in view.data.breached
    breach_bars = view.bars.breach_item.opts["width"]
    assert len(breach_bars) == 1
    ticks = dict(view.bars.plot.getAxis("left")._tickLevels[0])
    assert ticks[view.bars.keys().index(CHIPS)] == "⚠ Inference chips"
    assert not any(label.startswith("⚠") for i, label in ticks.items() if view.bars.keys()[i] != CHIPS)


def test_clicking_a_segment_lists_its_contributors(qtbot, window):
    donut = window.exposure.donut
    centre, radius = donut._geometry()
    key, _colour, start, span = next(s for s in donut._angles() if s[0] == CHIPS)
    middle = math.radians(start + span / 2)
    r = radius * 0.8
    point = QPoint(int(centre.x() + r * math.cos(middle)), int(centre.y() - r * math.sin(middle)))
    assert donut.key_at(point.toPointF()) == CHIPS
    QTest.mouseClick(donut, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.exposure.contributors.rowCount() > 0, timeout=10_000)
    lines = window.exposure.contributor_lines()
    expected = window.app.themes.contributors(View("theme", look_through=True), CHIPS)
    assert len(lines) == len(expected)
    through_fund = [line for line in lines if line.startswith("VVSM.DE → NVDA")]
    assert through_fund, lines
    total = sum(c.value_base for c in expected)
    assert total == rows(window)[CHIPS]
    SCREENSHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SCREENSHOTS / "exposure_contributors.png"))


def test_exposure_follows_live_prices(qtbot, window):
    before = rows(window)[CHIPS]
    nvda = next(v for v in window.model.valuations() if v.symbol == "NVDA")
    tick = Tick("NVDA", nvda.price * 2, "USD", datetime.now(timezone.utc), source="simulated")
    window.quotes.on_ticks({"NVDA": tick})
    after = rows(window)[CHIPS]
    # NVDA is 50 % chips in both accounts: doubling its price adds half its value to the theme
    added = sum(v.market_value_base for v in window.model.valuations() if v.symbol == "NVDA") / 2 / 2
    assert abs((after - before) - added) < D("0.05")
    assert sum(rows(window).values()) == window.exposure.data.result.total_base
    drawn = {key: value for key, value, _colour in window.exposure.donut.slices()}
    qtbot.waitUntil(lambda: {k: v for k, v, _c in window.exposure.donut.slices()} != drawn, timeout=2_000)
    assert {k: v for k, v, _c in window.exposure.donut.slices()}[CHIPS] == float(after)  # charts follow, calmly


def test_every_dimension_can_be_shown(qtbot, window):
    combo = window.exposure.dimension
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        dimension, taxonomy = combo.itemData(index).split("|")
        wanted = (dimension, taxonomy)
        qtbot.waitUntil(lambda wanted=wanted: (window.exposure.data.view.dimension,
                                               window.exposure.data.view.taxonomy) == wanted, timeout=10_000)
        assert sum(r.value_base for r in window.exposure.data.result.rows) == window.exposure.data.result.total_base
        assert window.exposure.donut.slices()


def test_a_net_short_exposure_is_a_bar_left_of_zero(qtbot):
    bars = ExposureBars()
    qtbot.addWidget(bars)
    bars.set_bars([("AI/Chips", 29.9, QColor("#e8c468"), False), ("EV", -18.7, QColor("#ff4040"), False)], {})
    (left, right), _ = bars.plot.getPlotItem().getViewBox().viewRange()
    assert left <= -18.7 and right >= 29.9  # both bars fully in view
