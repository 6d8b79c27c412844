"""Start the desktop app on a book (the default book when none is given)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox


def prepare_qt_app() -> QApplication:
    """The QApplication with the user's language and appearance (following the system's colour scheme
    when asked to)."""
    from .appearance import apply_appearance, install_language
    from .preferences import Preferences

    qt_app = QApplication.instance() or QApplication(sys.argv)
    qt_app.setOrganizationName("GigaTracker")
    qt_app.setApplicationName("GigaTracker")
    preferences = Preferences()
    install_language(preferences.language)
    apply_appearance(preferences.appearance)
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda _scheme: apply_appearance(Preferences().appearance))
    return qt_app


def launch_gui(book: Path | None) -> int:
    from ..app import App
    from .main_window import MainWindow

    qt_app = prepare_qt_app()
    try:
        app = App.open(book)
    except Exception as error:  # noqa: BLE001 - a dialog, never a traceback
        QMessageBox.critical(None, "GigaTracker", qt_app.translate("Launch", "Cannot open the book:") + f"\n{error}")
        return 1
    windows = [MainWindow(app)]
    windows[0].replaced.connect(lambda window: windows.append(window))  # after a language change
    windows[0].show()
    try:
        return qt_app.exec()
    finally:
        wait_for_workers()
        app.close()


def wait_for_workers() -> None:
    """Pending writes finish before the book closes; reads get a moment, then are abandoned."""
    from PySide6.QtCore import QThreadPool

    from .workers import writer_pool

    writer_pool().waitForDone()
    QThreadPool.globalInstance().waitForDone(10_000)
