"""The exposure charts explain themselves (issue 20, point 8): the donut has a legend (each segment's colour,
name and share), each bar has its percentage at its end, a caption says what the grey band (a target
range) and the red marks (a breach) are, and no treemap label is cut mid-word."""
import pytest
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from gigatracker.app import App
from gigatracker.app.demo import build_demo_book
from gigatracker.core.rules import Rule
from gigatracker.ui.charts.bars import ExposureBars
from gigatracker.ui.charts.donut import DonutChart
from gigatracker.ui.charts.treemap import Treemap, fit_lines
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
    main = MainWindow(app, page="exposure")  # at its default size, 1280×760
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.exposure.data is not None and main.exposure.bars is not None, timeout=20_000)
    yield main
    main.close()
    app.close()


def test_the_donut_has_a_legend_of_every_segment(qtbot, window):
    view = window.exposure
    rows = [row for row in view.data.result.rows if row.value_base > 0]
    legend = view.donut.legend()
    assert [(key, name, share) for key, _colour, name, share in legend] == \
        [(row.key, view._key_label(row.key), pct(row.weight_bp)) for row in rows]
    assert ("Inference chips", pct(next(r.weight_bp for r in rows if r.key == CHIPS))) in \
        [(name, share) for _key, _colour, name, share in legend]
    assert all(colour == slice_colour for (_k, colour, _n, _s), (_key, _v, slice_colour)
               in zip(legend, view.donut.slices()))
    # at the default window size every line is shown, none cut into "+N more"
    assert view.donut.legend_lines() == [(row.key, view._key_label(row.key)) for row in rows]
    centre, radius = view.donut._geometry()
    assert centre.x() + radius < min(rect.left() for _key, rect, _name, _tip in view.donut._lines)  # beside it
    SCREENSHOTS.mkdir(exist_ok=True)
    qtbot.wait(200)  # the bars' axis takes the width of its names at its first paint
    window.grab().save(str(SCREENSHOTS / "exposure_legends.png"))


def test_each_bar_has_its_percentage_and_the_band_is_explained(qtbot, window):
    view = window.exposure
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
