"""Light, dark or the system's colour scheme; the interface language is services/language.py's."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ERROR_COLOUR = "#d73a49"  # what is wrong or overdue, readable on the light and the dark palette


def apply_appearance(mode: str) -> None:
    """Fusion with our own palette, so light and dark look the same on every platform (and offscreen)."""
    app = QApplication.instance()
    app.setStyle("Fusion")
    dark = mode == "dark" or (mode == "system" and
                              QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def dark_palette() -> QPalette:
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: QColor(37, 39, 43), QPalette.ColorRole.WindowText: QColor(225, 227, 230),
        QPalette.ColorRole.Base: QColor(28, 30, 33), QPalette.ColorRole.AlternateBase: QColor(44, 47, 52),
        QPalette.ColorRole.ToolTipBase: QColor(50, 53, 58), QPalette.ColorRole.ToolTipText: QColor(225, 227, 230),
        QPalette.ColorRole.Text: QColor(225, 227, 230), QPalette.ColorRole.Button: QColor(48, 51, 56),
        QPalette.ColorRole.ButtonText: QColor(225, 227, 230), QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(100, 160, 255), QPalette.ColorRole.Highlight: QColor(60, 110, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.PlaceholderText: QColor(140, 143, 148),
    }
    for role, colour in colours.items():
        palette.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 123, 128))
    return palette
