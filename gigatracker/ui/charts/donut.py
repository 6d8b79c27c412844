"""A donut chart drawn with QPainter (pyqtgraph has no pie). Click a segment to pick it."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

HOLE = 0.58  # inner radius / outer radius


class DonutChart(QWidget):
    segment_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._slices: list[tuple[str, float, QColor]] = []
        self._centre_text = ""
        self._selected: str | None = None
        self.setMinimumSize(QSize(220, 220))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_slices(self, slices: list[tuple[str, float, QColor]], centre_text: str = "") -> None:
        """(key, value, colour); values need not sum to anything (they are shares of their sum)."""
        self._slices = [s for s in slices if s[1] > 0]
        self._centre_text = centre_text
        self.update()

    def select(self, key: str | None) -> None:
        self._selected = key
        self.update()

    def slices(self) -> list[tuple[str, float, QColor]]:
        return list(self._slices)

    def _geometry(self) -> tuple[QPointF, float]:
        side = min(self.width(), self.height()) - 16
        return QPointF(self.width() / 2, self.height() / 2), max(side, 10) / 2

    def _angles(self):
        total = sum(value for _, value, _ in self._slices) or 1.0
        start = 90.0  # twelve o'clock, clockwise
        for key, value, colour in self._slices:
            span = -360.0 * value / total
            yield key, colour, start, span
            start += span

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre, radius = self._geometry()
        outer = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        inner_r = radius * HOLE
        inner = QRectF(centre.x() - inner_r, centre.y() - inner_r, 2 * inner_r, 2 * inner_r)
        background = self.palette().window().color()
        for key, colour, start, span in self._angles():
            path = QPainterPath()
            path.arcMoveTo(outer, start)
            path.arcTo(outer, start, span)
            path.arcTo(inner, start + span, -span)
            path.closeSubpath()
            fill = QColor(colour)
            if self._selected is not None and key != self._selected:
                fill.setAlpha(110)
            painter.fillPath(path, fill)
            painter.strokePath(path, QPen(background, 1.5))
        painter.setPen(self.palette().windowText().color())
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._centre_text)

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

    def mouseMoveEvent(self, event) -> None:
        key = self.key_at(event.position())
        self.setToolTip(key or "")
        self.setCursor(Qt.CursorShape.PointingHandCursor if key else Qt.CursorShape.ArrowCursor)

    def mousePressEvent(self, event) -> None:
        key = self.key_at(event.position())
        if key is not None:
            self.select(key)
            self.segment_clicked.emit(key)
