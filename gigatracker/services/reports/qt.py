"""The Qt application that paints reports where there is no window (the CLI): offscreen (a PDF needs fonts
and painting, not a screen), and one clear line where PySide6 is not installed."""
from __future__ import annotations

import os


def painting_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtGui import QGuiApplication
    except ImportError:
        raise ValueError("PDF reports are painted with Qt, and PySide6 is not installed here "
                         "(pip install PySide6-Essentials)") from None
    return QGuiApplication.instance() or QGuiApplication(["gigatracker"])
