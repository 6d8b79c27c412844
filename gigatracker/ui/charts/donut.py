"""A donut chart drawn with QPainter (pyqtgraph has no pie). Click a segment to pick it."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...services.reports.painting import HOLE, donut_angles, paint_donut


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
        for (key, _value, colour), (start, span) in zip(self._slices, donut_angles([s[1] for s in self._slices])):
            yield key, colour, start, span

    def paintEvent(self, _event) -> None:
        centre, radius = self._geometry()
        outer = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        paint_donut(QPainter(self), outer, self._slices, self._centre_text, self.palette().window().color(),
                    self.palette().windowText().color(), self._selected)

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
