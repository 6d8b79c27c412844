"""A donut chart drawn with QPainter (pyqtgraph has no pie), with its legend beside it: each segment's
colour, name and share, largest first as the segments go. Click a segment or its legend line to pick it."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...services.reports.painting import HOLE, donut_angles, paint_donut
from ..format import format_decimal_float

MARGIN = 8  # around the donut
SWATCH = 10  # the legend's colour squares
GAP = 6  # between a legend line's swatch, name and share
LEGEND_GAP = 16  # between the donut and its legend
MIN_SIDE = 120  # the donut's own size below which the legend gives way (its names are elided)


class DonutChart(QWidget):
    segment_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._slices: list[tuple[str, float, QColor]] = []
        self._legend: list[tuple[str, str]] = []  # (name, share) per slice
        self._centre_text = ""
        self._selected: str | None = None
        self._lines: list[tuple[str | None, QRectF, str, str]] = []  # legend lines: key (None: "more"), rect, name, tooltip
        self.setMinimumSize(QSize(220, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_slices(self, slices: list[tuple[str, float, QColor]], centre_text: str = "",
                   legend: dict[str, tuple[str, str]] | None = None) -> None:
        """(key, value, colour); values need not sum to anything (they are shares of their sum). `legend`:
        key -> (name, share as shown) for the legend; by default the key and its share of the sum."""
        self._slices = [s for s in slices if s[1] > 0]
        total = sum(value for _key, value, _colour in self._slices)
        legend = legend or {}
        self._legend = [legend.get(key) or (key, format_decimal_float(value / total * 100, 1) + " %")
                        for key, value, _colour in self._slices]
        self._centre_text = centre_text
        self.update()

    def select(self, key: str | None) -> None:
        self._selected = key
        self.update()

    def slices(self) -> list[tuple[str, float, QColor]]:
        return list(self._slices)

    def legend(self) -> list[tuple[str, QColor, str, str]]:
        """What the legend says: (key, colour, name, share) per segment, in the segments' order."""
        return [(key, colour, name, share) for (key, _value, colour), (name, share) in zip(self._slices, self._legend)]

    # -- layout -----------------------------------------------------------------------------------
    def _metrics(self) -> tuple[QFontMetrics, int]:
        metrics = QFontMetrics(self._bold_font())  # bold: a selected line is, and must not grow
        return metrics, metrics.height() + 4

    def _bold_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _legend_size(self) -> tuple[float, float, float]:
        """Width of the names, of the shares, and of a whole line, as wide as the widest needs."""
        metrics, _row = self._metrics()
        names = max((metrics.horizontalAdvance(name) for name, _share in self._legend), default=0)
        shares = max((metrics.horizontalAdvance(share) for _name, share in self._legend), default=0)
        return names, shares, SWATCH + GAP + names + GAP * 2 + shares

    def _legend_width(self) -> float:
        """The legend's width beside the donut: as wide as its lines need, less (names elided) when the
        donut would be smaller than MIN_SIDE; 0 when not even that leaves a readable legend."""
        if not self._legend:
            return 0
        metrics, _row = self._metrics()
        _names, shares, line = self._legend_size()
        width = min(line, self.width() - 2 * MARGIN - LEGEND_GAP - MIN_SIDE)
        readable = SWATCH + GAP * 3 + shares + metrics.horizontalAdvance("…") * 2
        return width if width >= readable else 0

    def _geometry(self) -> tuple[QPointF, float]:
        """The donut's centre and radius: the donut and its legend side by side, centred together."""
        width, height = self.width(), self.height()
        legend = self._legend_width()
        beside = legend + LEGEND_GAP if legend else 0
        side = max(min(width - 2 * MARGIN - beside, height - 2 * MARGIN), 10)
        left = (width - side - beside) / 2
        return QPointF(left + side / 2, height / 2), side / 2

    def _layout_legend(self) -> None:
        """Where each legend line goes, right of the donut; lines that do not fit the height end in a
        "+N more" line (its tooltip lists them)."""
        self._lines = []
        width = self._legend_width()
        if not width:
            return  # no room for a readable legend: the segments' tooltips name them
        centre, radius = self._geometry()
        _metrics, row = self._metrics()
        left = centre.x() + radius + LEGEND_GAP
        room = max(1, int((self.height() - 2 * MARGIN) // row))
        entries = list(zip(self._slices, self._legend))
        shown = entries if len(entries) <= room else entries[:room - 1]
        rest = entries[len(shown):]
        count = len(shown) + (1 if rest else 0)
        top = self.height() / 2 - count * row / 2
        for i, ((key, _value, _colour), (name, share)) in enumerate(shown):
            rect = QRectF(left, top + i * row, width, row)
            self._lines.append((key, rect, name, f"{name}: {share}"))
        if rest:
            text = self.tr("+%1 more").replace("%1", str(len(rest)))
            tip = "\n".join(f"{name}: {share}" for _slice, (name, share) in rest)
            self._lines.append((None, QRectF(left, top + len(shown) * row, width, row), text, tip))

    # -- painting ---------------------------------------------------------------------------------
    def _angles(self):
        for (key, _value, colour), (start, span) in zip(self._slices, donut_angles([s[1] for s in self._slices])):
            yield key, colour, start, span

    def paintEvent(self, _event) -> None:
        centre, radius = self._geometry()
        outer = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        painter = QPainter(self)
        text = self.palette().windowText().color()
        paint_donut(painter, outer, self._slices, self._centre_text, self.palette().window().color(), text,
                    self._selected)
        self._layout_legend()
        if not self._lines:
            return
        colours = {key: colour for key, _value, colour in self._slices}
        shares = dict(zip((key for key, _v, _c in self._slices), (share for _n, share in self._legend)))
        normal, bold = QFont(self.font()), self._bold_font()
        for key, rect, name, _tip in self._lines:
            picked = key is not None and key == self._selected
            painter.setFont(bold if picked else normal)
            metrics = painter.fontMetrics()
            if key is not None:
                swatch = QRectF(rect.left(), rect.center().y() - SWATCH / 2, SWATCH, SWATCH)
                painter.fillRect(swatch, colours[key])
                painter.setPen(QPen(text, 0.5))
                painter.drawRect(swatch)
            painter.setPen(text)
            share = shares.get(key, "") if key is not None else ""
            share_width = metrics.horizontalAdvance(share)
            name_left = rect.left() + (SWATCH + GAP if key is not None else 0)
            name_width = rect.right() - name_left - (share_width + GAP * 2 if share else 0)
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(name_width))
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRectF(name_left, rect.top(), name_width, rect.height()),
                             align | Qt.AlignmentFlag.AlignLeft, label)
            if share:
                painter.drawText(QRectF(rect.right() - share_width, rect.top(), share_width, rect.height()),
                                 align | Qt.AlignmentFlag.AlignRight, share)

    def legend_lines(self) -> list[tuple[str | None, str]]:
        """The legend as laid out at the widget's size: (key, name) per line, None for the "+N more" line."""
        self._layout_legend()
        return [(key, name) for key, _rect, name, _tip in self._lines]

    # -- mouse ------------------------------------------------------------------------------------
    def key_at(self, point: QPointF) -> str | None:
        centre, radius = self._geometry()
        dx, dy = point.x() - centre.x(), centre.y() - point.y()
        distance = math.hypot(dx, dy)
        if not radius * HOLE <= distance <= radius:
            return None
        angle = math.degrees(math.atan2(dy, dx))  # counter-clockwise from three o'clock
        for key, _colour, start, span in self._angles():
            offset = (start - angle) % 360  # how far clockwise from the segment's start
            if offset <= -span:
                return key
        return None

    def _line_at(self, point: QPointF) -> tuple[str | None, str] | None:
        """The legend line under a point: its key (None for "+N more") and tooltip."""
        for key, rect, _name, tip in self._lines:
            if rect.contains(point):
                return key, tip
        return None

    def mouseMoveEvent(self, event) -> None:
        key = self.key_at(event.position())
        line = self._line_at(event.position()) if key is None else None
        if key is not None:
            name, share = dict(zip((k for k, _v, _c in self._slices), self._legend)).get(key, (key, ""))
            self.setToolTip(f"{name}: {share}" if share else key)
        else:
            self.setToolTip(line[1] if line else "")
        picks = key is not None or (line is not None and line[0] is not None)
        self.setCursor(Qt.CursorShape.PointingHandCursor if picks else Qt.CursorShape.ArrowCursor)

    def mousePressEvent(self, event) -> None:
        key = self.key_at(event.position())
        if key is None:
            line = self._line_at(event.position())
            key = line[0] if line else None
        if key is not None:
            self.select(key)
            self.segment_clicked.emit(key)
