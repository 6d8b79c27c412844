"""Charts painted with QPainter on any paint device: the window's donut widget and the PDF report draw
with the same code (no widgets here)."""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

HOLE = 0.58  # inner radius / outer radius


def donut_angles(values: list[float]):
    """(start, span) in Qt's degrees for each value: from twelve o'clock, clockwise."""
    total = sum(values) or 1.0
    start = 90.0
    for value in values:
        span = -360.0 * value / total
        yield start, span
        start += span


def paint_donut(painter: QPainter, outer: QRectF, slices: list[tuple[str, float, QColor]], centre_text: str,
                background: QColor, text: QColor, selected: str | None = None) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    inner_r = outer.width() / 2 * HOLE
    centre = outer.center()
    inner = QRectF(centre.x() - inner_r, centre.y() - inner_r, 2 * inner_r, 2 * inner_r)
    for (key, _value, colour), (start, span) in zip(slices, donut_angles([s[1] for s in slices])):
        path = QPainterPath()
        path.arcMoveTo(outer, start)
        path.arcTo(outer, start, span)
        path.arcTo(inner, start + span, -span)
        path.closeSubpath()
        fill = QColor(colour)
        if selected is not None and key != selected:
            fill.setAlpha(110)
        painter.fillPath(path, fill)
        painter.strokePath(path, QPen(background, max(1.0, outer.width() / 200)))
    painter.setPen(text)
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, centre_text)


def paint_bars(painter: QPainter, area: QRectF, bars: list[tuple[str, float, QColor, bool]],
               targets: dict[str, tuple[float, float]], text: QColor, breach: QColor,
               percent=lambda value: f"{value:.1f} %") -> None:
    """Horizontal bars, label | bar | percentage; a target range is a grey band behind the bar, a breached
    bar has a red outline."""
    if not bars:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    row = area.height() / len(bars)
    label_width = area.width() * 0.32
    value_width = area.width() * 0.12
    track = QRectF(area.left() + label_width, area.top(), area.width() - label_width - value_width, area.height())
    widest = max([pct for _k, pct, _c, _b in bars] + [high for _low, high in targets.values()] + [1.0])
    scale = track.width() / (widest * 1.05)
    band = QColor(text)
    band.setAlpha(40)
    for i, (label, pct, colour, breached) in enumerate(bars):
        top = area.top() + i * row
        if label in targets:
            low, high = targets[label]
            painter.fillRect(QRectF(track.left() + low * scale, top + row * 0.08, (high - low) * scale, row * 0.84), band)
        bar = QRectF(track.left(), top + row * 0.2, max(0.0, pct) * scale, row * 0.6)
        painter.fillRect(bar, colour)
        if breached:
            painter.setPen(QPen(breach, max(1.5, row / 12)))
            painter.drawRect(bar)
        painter.setPen(breach if breached else text)
        painter.drawText(QRectF(area.left(), top, label_width - 6, row),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, ("⚠ " if breached else "") + label)
        painter.drawText(QRectF(track.right() + 4, top, value_width, row),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, percent(pct))
