"""The exposure view on the demo book: the look-through toggle changes the rows and the coverage badge,
a breached rule is marked on the bars, clicking a donut segment lists its contributors (fund holdings
included), and the figures follow live prices; the charts explain themselves (a legend by the donut, each
bar's percentage, a caption for the grey band and the breach marks, treemap labels cut between words)."""
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
from gigatracker.ui.charts.donut import DonutChart
from gigatracker.ui.charts.treemap import Treemap, fit_lines
from gigatracker.services.stream.tick import Tick
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.views.exposure import pct
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


# -- the charts explain themselves (issue 20, point 8) ----------------------------------------------
def test_the_donut_has_a_legend_of_every_segment(qtbot, window):
    view = window.exposure
    qtbot.waitUntil(lambda: view.bars is not None, timeout=10_000)
    rows = [row for row in view.data.result.rows if row.value_base > 0]
    legend = view.donut.legend()
    assert [(key, name, share) for key, _colour, name, share in legend] == \
        [(row.key, view._key_label(row.key), pct(row.weight_bp)) for row in rows]
    assert ("Inference chips", pct(next(r.weight_bp for r in rows if r.key == CHIPS))) in \
        [(name, share) for _key, _colour, name, share in legend]
    assert all(colour == slice_colour for (_k, colour, _n, _s), (_key, _v, slice_colour)
               in zip(legend, view.donut.slices()))
    # at the window's size every line is shown, none cut into "+N more"
    assert view.donut.legend_lines() == [(row.key, view._key_label(row.key)) for row in rows]
    centre, radius = view.donut._geometry()
    assert centre.x() + radius < min(rect.left() for _key, rect, _name, _tip in view.donut._lines)  # beside it
    SCREENSHOTS.mkdir(exist_ok=True)
    qtbot.wait(200)  # the bars' axis takes the width of its names at its first paint
    window.grab().save(str(SCREENSHOTS / "exposure_legends.png"))


def test_each_bar_has_its_percentage_and_the_band_is_explained(qtbot, window):
    view = window.exposure
    qtbot.waitUntil(lambda: view.bars is not None, timeout=10_000)
    bars = view.bars
    assert bars.value_labels() == [pct(row.weight_bp) for row in view.data.result.rows]
    (_left, right), _ = bars.plot.getPlotItem().getViewBox().viewRange()
    assert right > max(row.weight_bp for row in view.data.result.rows) / 100  # room past the longest bar
    assert bars.caption.isVisible()
    assert bars.caption_text() == "Grey band: target range (a theme's target or a rule)  ·  ⚠ red outline and " \
                                  "hatching: outside its range"


def test_the_caption_says_only_what_is_drawn(qtbot):
    bars = ExposureBars()
    qtbot.addWidget(bars)
    bars.set_bars([("AI", 29.94, QColor("#e8c468"), False), ("EV", -18.7, QColor("#ff4040"), False)], {})
    assert bars.value_labels() == ["29.9 %", "-18.7 %"]  # by default, the percent with 1 decimal
    assert bars.caption_text() == ""  # no band, no breach: nothing to explain
    bars.set_bars([("AI", 29.94, QColor("#e8c468"), False)], {"AI": (20.0, 35.0)}, values={"AI": "29.9 %"})
    assert bars.value_labels() == ["29.9 %"]  # the labels follow the bars
    assert bars.caption_text() == "Grey band: target range (a theme's target or a rule)"


def test_a_legend_too_long_for_the_height_ends_in_more(qtbot):
    donut = DonutChart()
    qtbot.addWidget(donut)
    donut.resize(460, 220)
    keys = [f"Segment {i}" for i in range(30)]
    donut.set_slices([(key, 30 - i, QColor("#1982c4")) for i, key in enumerate(keys)], "")
    lines = donut.legend_lines()
    assert 3 < len(lines) < 30 and lines[-1] == (None, f"+{30 - len(lines) + 1} more")
    assert [key for key, _name in lines[:-1]] == keys[:len(lines) - 1]  # the largest first
    assert donut.legend()[0][2:] == ("Segment 0", "6.5 %")  # 30 of 465, as the key by default


def test_a_treemap_label_wraps_between_words_and_elides_a_word_too_long(qtbot):
    tiles = Treemap()
    qtbot.addWidget(tiles)
    metrics = tiles.fontMetrics()
    width = metrics.horizontalAdvance("equipment") + 2
    assert fit_lines("Chip equipment\n22.2 %", width, metrics) == ["Chip", "equipment", "22.2 %"]
    narrow = fit_lines("Unassigned\n5.2 %", metrics.horizontalAdvance("Unassig"), metrics)
    assert narrow[0].endswith("…") and narrow[1] == "5.2 %"  # cut with a mark, never mid-letter
    assert all(metrics.horizontalAdvance(line) <= width for line in fit_lines("Chip equipment\n22.2 %", width, metrics))
    tiles.resize(300, 200)
    tiles.show()
    qtbot.waitExposed(tiles)
    tiles.set_tiles([("a", 9.0, QColor("#1982c4"), "Inference chips\n90.0 %"), ("b", 1.0, QColor("#9e9e9e"),
                                                                                 "Unassigned\n10.0 %")])
    key, rect = tiles._rects[1]
    QTest.mouseMove(tiles, rect.center().toPoint())
    assert key == "b" and tiles.toolTip() == "Unassigned: 10.0 %"  # a tile too small for its label names it
