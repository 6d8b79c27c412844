"""Charts painted with QPainter on any paint device: the window's donut widget and the PDF report draw
with the same code (no widgets here)."""
from __future__ import annotations

from collections.abc import Sequence

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


def paint_lines(painter: QPainter, area: QRectF, days, lines: Sequence[tuple[str, object, QColor, bool]], text: QColor,
                value_text, day_text, ticks: int = 4) -> None:
    """Lines over days (day numbers) with a value axis on the left (`value_text` writes a value), a few
    dates below (`day_text` writes a day number) and a legend above: (name, values, colour, dashed)."""
    import numpy as np

    if not len(days) or not lines:
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = painter.fontMetrics()
    line_height = metrics.height()
    everything = np.concatenate([np.asarray(values, dtype=float) for _n, values, _c, _d in lines])
    low, high = float(np.nanmin(everything)), float(np.nanmax(everything))
    if high - low < 1e-9:
        low, high = low - 1.0, high + 1.0
    step = nice_step((high - low) / ticks)
    low, high = np.floor(low / step) * step, np.ceil(high / step) * step
    ticks = int(round((high - low) / step))
    labels = [value_text(low + step * i) for i in range(ticks + 1)]
    left = area.left() + max(metrics.horizontalAdvance(label) for label in labels) + 8
    plot = QRectF(left, area.top() + line_height * 1.6, area.right() - left - 4,
                  area.height() - line_height * 3.0)
    first, last = float(days[0]), float(days[-1])
    span = max(last - first, 1.0)

    def x(day: float) -> float:
        return plot.left() + (day - first) / span * plot.width()

    def y(value: float) -> float:
        return plot.bottom() - (value - low) / (high - low) * plot.height()

    grid = QColor(text)
    grid.setAlpha(40)
    for i, label in enumerate(labels):
        level = plot.bottom() - plot.height() * i / ticks
        painter.setPen(QPen(grid, 1))
        painter.drawLine(int(plot.left()), int(level), int(plot.right()), int(level))  # whole units (the int overload)
        painter.setPen(text)
        painter.drawText(QRectF(area.left(), level - line_height / 2, left - area.left() - 6, line_height),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
    dates = 4
    width = plot.width() / dates
    for i in range(dates + 1):  # the first and last dates stay inside the chart
        day = first + span * i / dates
        box = QRectF(x(day) - width / 2, plot.bottom() + 4, width, line_height)
        align = Qt.AlignmentFlag.AlignHCenter
        if i == 0:
            box, align = QRectF(x(day), plot.bottom() + 4, width, line_height), Qt.AlignmentFlag.AlignLeft
        elif i == dates:
            box, align = QRectF(x(day) - width, plot.bottom() + 4, width, line_height), Qt.AlignmentFlag.AlignRight
        painter.drawText(box, align | Qt.AlignmentFlag.AlignTop, day_text(int(round(day))))
    step = max(1, len(days) // int(max(plot.width(), 1)))  # at most one point per unit of width
    legend_x = plot.left()
    for name, values, colour, dashed in lines:
        values = np.asarray(values, dtype=float)
        path = QPainterPath()
        path.moveTo(x(days[0]), y(values[0]))
        for i in range(step, len(days), step):
            path.lineTo(x(days[i]), y(values[i]))
        path.lineTo(x(days[-1]), y(values[-1]))
        pen = QPen(colour, max(1.0, line_height / 8))
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawPath(path)
        painter.drawLine(int(legend_x), int(area.top() + line_height * 0.6), int(legend_x + line_height * 1.5),
                         int(area.top() + line_height * 0.6))
        painter.setPen(text)
        painter.drawText(QRectF(legend_x + line_height * 1.8, area.top(), 400, line_height * 1.2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        legend_x += line_height * 2.4 + metrics.horizontalAdvance(name) + line_height


def nice_step(rough: float) -> float:
    """1, 2 or 5 times a power of ten, at least `rough`: axis ticks a reader can add up."""
    import math
    if rough <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
