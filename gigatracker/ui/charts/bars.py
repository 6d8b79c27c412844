"""Horizontal bars of weights (pyqtgraph), each with its percentage at its end, its key's target range
drawn behind it as a grey band (a caption under the chart says so) and breaches in red. Click a bar to
pick its key."""
from __future__ import annotations

from html import escape

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QLabel, QVBoxLayout

from ..format import format_decimal_float
from .palette import BREACH
from .plot import ThemedPlot

BAR_HEIGHT = 0.62
LABEL_PAD = 10  # pixels beyond the widest value label, so that none is cut at the edge of the chart


class ExposureBars(ThemedPlot):
    bar_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        item = self.plot.getPlotItem()
        item.setClipToView(True)
        item.setDownsampling(auto=True)
        item.invertY(True)
        item.setLabel("bottom", "%")
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self._keys: list[str] = []
        self.targets_item = pg.BarGraphItem(x0=[], y=[], width=[], height=[])
        self.bars_item = pg.BarGraphItem(x0=[], y=[], width=[], height=[])
        self.breach_item = pg.BarGraphItem(x0=[], y=[], width=[], height=[])
        for item in (self.targets_item, self.bars_item, self.breach_item):
            self.plot.addItem(item)
        self._labels: list[pg.TextItem] = []  # each bar's percentage, at its end
        self._span = (0.0, 1.0)  # the values the x range must show (bars and target ranges)
        self._explained = (False, False)  # whether a band, a breach is drawn (what the caption explains)
        self.caption = QLabel(self)  # what the grey band and the red marks mean, when a band is drawn
        self.caption.setObjectName("targetCaption")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        self.caption.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)
        self.apply_palette()
        item.getViewBox().sigResized.connect(self._fit_range)

    def set_bars(self, bars: list[tuple[str, float, QColor, bool]], targets: dict[str, tuple[float, float]],
                 labels: dict[str, str] | None = None, values: dict[str, str] | None = None) -> None:
        """(key, percent, colour, breached) top to bottom; targets: key -> (min %, max %); labels: key -> its
        name on the axis; values: key -> the percentage written at its bar's end (by default the percent
        with 1 decimal)."""
        self._keys = [key for key, *_ in bars]
        positions = list(range(len(bars)))
        # A breach keeps its colour but gets a thick red outline, a red hatch and a warning sign by its name.
        brushes = [pg.mkBrush(colour) for _key, _pct, colour, _breached in bars]
        pens = [pg.mkPen(BREACH, width=3) if breached else pg.mkPen(None) for *_, breached in bars]
        if bars:  # pyqtgraph fails on empty per-bar pen lists
            self.bars_item.setOpts(x0=[0] * len(bars), y=positions, width=[pct for _k, pct, _c, _b in bars],
                                   height=BAR_HEIGHT, brushes=brushes, pens=pens)
        else:
            self.bars_item.setOpts(x0=[], y=[], width=[], height=BAR_HEIGHT, brushes=None, pens=None)
        ranged = [(i, targets[key]) for i, key in enumerate(self._keys) if key in targets]
        band = QColor(self.palette().text().color())
        band.setAlpha(45)
        self.targets_item.setOpts(x0=[low for _, (low, _high) in ranged], y=[i for i, _ in ranged],
                                  width=[high - low for _, (low, high) in ranged], height=0.95,
                                  brush=pg.mkBrush(band), pen=pg.mkPen(band.darker(150), style=pg.QtCore.Qt.PenStyle.DashLine))
        names = labels or {}
        self.plot.getAxis("left").setTicks([[(i, ("⚠ " if breached else "") + names.get(key, key))
                                             for i, (key, _p, _c, breached) in enumerate(bars)]])
        hatched = [(i, pct) for i, (_k, pct, _c, breached) in enumerate(bars) if breached]
        self.breach_item.setOpts(x0=[0] * len(hatched), y=[i for i, _ in hatched], width=[p for _, p in hatched],
                                 height=BAR_HEIGHT, brush=pg.mkBrush(BREACH, style=pg.QtCore.Qt.BrushStyle.BDiagPattern),
                                 pen=pg.mkPen(None))
        self._write_values([(key, pct) for key, pct, _c, _b in bars], values or {})
        self._explained = (bool(ranged), any(breached for *_, breached in bars))
        self._explain()
        widest = max([pct for _k, pct, _c, _b in bars] + [high for _, (_low, high) in ranged] + [1])
        lowest = min([pct for _k, pct, _c, _b in bars] + [0])  # a net short exposure is a bar left of zero
        self._span = (lowest, widest)
        self._fit_range()
        self.plot.setYRange(-0.6, max(len(bars), 1) - 0.4, padding=0)

    def _write_values(self, bars: list[tuple[str, float]], values: dict[str, str]) -> None:
        """Each bar's percentage at its end: right of a long bar, left of a short one (labels kept and
        moved: a live redraw makes no new items)."""
        text = self.palette().text().color()
        while len(self._labels) > len(bars):
            self.plot.removeItem(self._labels.pop())
        while len(self._labels) < len(bars):
            label = pg.TextItem(color=text)
            self.plot.addItem(label)
            self._labels.append(label)
        for i, ((key, pct), label) in enumerate(zip(bars, self._labels)):
            label.setText(values.get(key) or format_decimal_float(pct, 1) + " %", color=text)
            label.setAnchor((0, 0.5) if pct >= 0 else (1, 0.5))
            label.setPos(pct, i)

    def value_labels(self) -> list[str]:
        """The percentages written at the bars' ends, top to bottom."""
        return [label.toPlainText() for label in self._labels]

    def _explain(self) -> None:
        """A caption under the chart for what is drawn: the grey band (a target range), the red marks."""
        banded, breached = self._explained
        band = QColor(self.palette().text().color())
        band.setAlpha(45)  # as the band is drawn
        space = "\u00a0"  # no-break spaces: a swatch stays by its words
        parts = []
        if banded:
            parts.append(f'<span style="background-color:{_blend(band, self.palette().base().color())}">'
                         f'{space * 4}</span>{space}'
                         + escape(self.tr("Grey band: target range (a theme's target or a rule)"), quote=False))
        if breached:
            parts.append(f'<span style="color:{BREACH.name()}; font-weight:bold">⚠</span>{space}'
                         + escape(self.tr("red outline and hatching: outside its range"), quote=False))
        self.caption.setText(f"{space * 2}·{space * 2}".join(parts))
        self.caption.setVisible(bool(parts))

    def caption_text(self) -> str:
        """The caption as plain text ("" when there is none)."""
        if not self.caption.text():
            return ""
        document = QTextDocument()
        document.setHtml(self.caption.text())
        return document.toPlainText().replace("\xa0", " ").strip()

    def _fit_range(self, *_args) -> None:
        """The x range shows every bar, every target range and the value written past each bar's end: the
        labels are pixels wide, so the range widens by their share of the chart's width."""
        lowest, widest = self._span
        pixels = self.plot.getPlotItem().getViewBox().width()
        metrics = self.fontMetrics()
        wide = max((metrics.horizontalAdvance(label.toPlainText()) for label in self._labels), default=0) + LABEL_PAD
        share = min(wide / pixels, 0.45) if pixels > 0 else 0.2  # of the width, per side with labels
        negative = lowest < 0
        sides = 2 if negative else 1
        span = (widest - lowest) / max(1 - share * sides, 0.1)
        self.plot.setXRange(lowest - span * share if negative else lowest, widest + span * share, padding=0)

    def apply_palette(self) -> None:
        super().apply_palette()
        for label in getattr(self, "_labels", []):
            label.setColor(self.palette().text().color())
        if hasattr(self, "_explained"):
            self._explain()

    def keys(self) -> list[str]:
        return list(self._keys)

    def key_at_row(self, y: float) -> str | None:
        index = int(round(y))
        return self._keys[index] if 0 <= index < len(self._keys) and abs(y - index) <= BAR_HEIGHT / 2 + 0.1 else None

    def _clicked(self, event) -> None:
        point = self.plot.getPlotItem().getViewBox().mapSceneToView(event.scenePos())
        key = self.key_at_row(point.y())
        if key is not None:
            self.bar_clicked.emit(key)


def _blend(colour: QColor, background: QColor) -> str:
    """A translucent colour as it shows over a background, as #rrggbb (what rich text draws)."""
    alpha = colour.alphaF()
    mixed = [round(getattr(colour, c)() * alpha + getattr(background, c)() * (1 - alpha))
             for c in ("red", "green", "blue")]
    return QColor(*mixed).name()
