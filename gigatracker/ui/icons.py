"""The application icon, and the interface's icons (views, toolbar), drawn from their SVGs (packaged in
gigatracker.resources/icons). The interface's icons are line drawings in `currentColor`, drawn in the
palette's text colour: they follow light and dark."""
from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_svg() -> bytes:
    return (files("gigatracker.resources") / "icons" / "gigatracker.svg").read_bytes()


def render_icon(size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(icon_svg()))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(QPixmap.fromImage(render_icon(size)))
    return icon


def svg(name: str) -> bytes:
    return (files("gigatracker.resources") / "icons" / f"{name}.svg").read_bytes()


def themed_icon(name: str, colour: QColor) -> QIcon:
    """The icon `name` drawn in `colour` (faded when disabled), at the sizes a toolbar, a list and a high-DPI
    screen ask for."""
    icon = QIcon()
    renderer = QSvgRenderer(QByteArray(svg(name).replace(b"currentColor", colour.name().encode())))
    for mode, opacity in ((QIcon.Mode.Normal, 1.0), (QIcon.Mode.Disabled, 0.4)):
        for size in (16, 20, 24, 32, 48):
            image = QImage(size, size, QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setOpacity(opacity)
            renderer.render(painter)
            painter.end()
            icon.addPixmap(QPixmap.fromImage(image), mode)
    return icon


def link_icons(buttons: dict) -> None:
    """Command-link buttons' icons, {button: icon name}, in their own text colour (Qt's default arrow is
    black, lost on a dark palette). Call again when the palette changes."""
    for button, name in buttons.items():
        button.setIcon(themed_icon(name, button.palette().color(QPalette.ColorRole.ButtonText)))
