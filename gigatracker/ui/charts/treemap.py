"""A treemap: the squarify layout (a small, well-kept library), drawn with QPainter. Click a tile. A tile's
label wraps between words and a word too long for the tile ends in "…" (never cut); hovering a tile shows
its whole label."""
from __future__ import annotations

import squarify
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

PADDING = 4  # between a tile's edge and its label


def fit_lines(text: str, width: float, metrics: QFontMetrics) -> list[str]:
    """A label's lines within `width`: each of its lines wrapped between words, a word wider than the
    width elided ("Unassig…")."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            joined = f"{line} {word}" if line else word
            if metrics.horizontalAdvance(joined) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            line = word if metrics.horizontalAdvance(word) <= width else \
                metrics.elidedText(word, Qt.TextElideMode.ElideRight, int(width))
        lines.append(line)
    return lines


class Treemap(QWidget):
    tile_clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._tiles: list[tuple[str, float, QColor, str]] = []
        self._rects: list[tuple[str, QRectF]] = []
        self.setMinimumHeight(160)
        self.setMouseTracking(True)

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
                painter.setPen(QColor("#111111") if _luminance(colour) > 0.179 else QColor("#ffffff"))  # the crossover
                metrics = painter.fontMetrics()
                room = rect.adjusted(PADDING, 2, -PADDING, -2)
                lines = fit_lines(label, room.width(), metrics)
                lines = lines[:max(1, int(room.height() // metrics.lineSpacing()))]  # the lines the height holds
                painter.drawText(room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "\n".join(lines))

    def key_at(self, x: float, y: float) -> str | None:
        return next((key for key, rect in self._rects if rect.contains(x, y)), None)

    def mouseMoveEvent(self, event) -> None:
        key = self.key_at(event.position().x(), event.position().y())
        label = next((tile[3] for tile in self._tiles if tile[0] == key), "") if key is not None else ""
        self.setToolTip(label.replace("\n", ": ", 1))
        self.setCursor(Qt.CursorShape.PointingHandCursor if key else Qt.CursorShape.ArrowCursor)

    def mousePressEvent(self, event) -> None:
        key = self.key_at(event.position().x(), event.position().y())
        if key is not None:
            self.tile_clicked.emit(key)


def _luminance(colour: QColor) -> float:
    """Relative luminance (WCAG): which of white or near-black reads better on the tile. Lightness put
    white on the lime and yellow tiles, where it could hardly be read."""
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())
