"""A treemap: the squarify layout (a small, well-kept library), drawn with QPainter. Click a tile."""
from __future__ import annotations

import squarify
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget


class Treemap(QWidget):
    tile_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tiles: list[tuple[str, float, QColor, str]] = []
        self._rects: list[tuple[str, QRectF]] = []
        self.setMinimumHeight(160)

    def set_tiles(self, tiles: list[tuple[str, float, QColor, str]]) -> None:
        """(key, value, colour, label), any order; drawn largest first."""
        self._tiles = sorted((t for t in tiles if t[1] > 0), key=lambda t: -t[1])
        self._layout()
        self.update()

    def _layout(self) -> None:
        if not self._tiles or self.width() < 2 or self.height() < 2:
            self._rects = []
            return
        sizes = squarify.normalize_sizes([t[1] for t in self._tiles], self.width(), self.height())
        boxes = squarify.squarify(sizes, 0, 0, self.width(), self.height())
        self._rects = [(tile[0], QRectF(b["x"], b["y"], b["dx"], b["dy"])) for tile, b in zip(self._tiles, boxes)]

    def resizeEvent(self, event) -> None:
        self._layout()
        super().resizeEvent(event)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        border = QPen(self.palette().window().color(), 2)
        for (_key, rect), (_same_key, _value, colour, label) in zip(self._rects, self._tiles):
            painter.fillRect(rect, colour)
            painter.setPen(border)
            painter.drawRect(rect)
            if rect.width() > 50 and rect.height() > 24:
                painter.setPen(QColor("#ffffff") if colour.lightness() < 150 else QColor("#111111"))
                painter.drawText(rect.adjusted(4, 2, -4, -2), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                 | Qt.TextFlag.TextWordWrap, label)

    def key_at(self, x: float, y: float) -> str | None:
        return next((key for key, rect in self._rects if rect.contains(x, y)), None)

    def mousePressEvent(self, event) -> None:
        key = self.key_at(event.position().x(), event.position().y())
        if key is not None:
            self.tile_clicked.emit(key)
