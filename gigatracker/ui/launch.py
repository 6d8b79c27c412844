"""Start the desktop app on a book (the default book when none is given)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox


def launch_gui(book: Path | None) -> int:
    from ..app import App
    from .main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv)
    qt_app.setOrganizationName("GigaTracker")
    qt_app.setApplicationName("GigaTracker")
    try:
        app = App.open(book)
    except Exception as error:  # noqa: BLE001 - a dialog, never a traceback
        QMessageBox.critical(None, "GigaTracker", f"Cannot open the book:\n{error}")
        return 1
    window = MainWindow(app)
    window.show()
    try:
        return qt_app.exec()
    finally:
        window.app.close()
