"""Start the desktop app on a book (the default book when none is given)."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from ..logs import setup_logging
from . import display_check, failures


def prepare_qt_app() -> QApplication:
    """The QApplication with the user's language and appearance (following the system's colour scheme
    when asked to)."""
    from ..services.language import install_language
    from .appearance import apply_appearance
    from .preferences import Preferences

    if QApplication.instance() is None and (missing := display_check.problem()):
        print(missing, file=sys.stderr)
        raise SystemExit(1)
    qt_app = QApplication.instance() or QApplication(sys.argv)
    qt_app.setOrganizationName("GigaTracker")
    qt_app.setApplicationName("GigaTracker")
    qt_app.setDesktopFileName("gigatracker")  # Wayland/X11 match the window to the installed .desktop file
    from .icons import app_icon
    qt_app.setWindowIcon(app_icon())
    preferences = Preferences()
    install_language(preferences.language)
    apply_appearance(preferences.appearance)
    QGuiApplication.styleHints().colorSchemeChanged.connect(
        lambda _scheme: apply_appearance(Preferences().appearance))
    return qt_app


def launch_gui(book: Path | None) -> int:
    from .main_window import MainWindow

    qt_app = prepare_qt_app()
    setup_logging()
    failures.install()
    try:
        app = open_at_launch(book)
    except Exception as error:  # noqa: BLE001 - a dialog, never a traceback
        QMessageBox.critical(None, "GigaTracker", qt_app.translate("Launch", "Cannot open the book:") + f"\n{error}")
        return 1
    if app is None:  # the passphrase prompt was cancelled
        return 1
    windows = [MainWindow(app)]
    windows[0].replaced.connect(lambda window: windows.append(window))  # after a language change
    windows[0].show()
    try:
        return qt_app.exec()
    finally:
        wait_for_workers()  # the windows are gone: nothing on screen waits for the writer's last edits
        # The book open at the end: another than the first after a switch (which closed the first one)
        current = next((window.app for window in reversed(windows) if window.app is not None), None)
        if current is not None:
            current.close()


def open_at_launch(book: Path | str | None):
    """The book to show first; an encrypted one's passphrase from the keyring, else asked until right
    (None if the user cancels). Opening (an upgrade and its backup can take seconds) and the keyring run
    in a worker while the event loop goes on, with a busy dialog if it takes a moment."""
    from ..app import App, default_book_path
    from ..environment import shown
    from ..app.security import BookPassphraseError, is_encrypted, remember, remembered_passphrase
    from .dialogs.passphrase import PassphraseDialog

    target = book or default_book_path()
    if isinstance(target, str):  # a shared book's URL: its server guards it, no passphrase
        return off_the_gui_thread(lambda: App.open(target), QCoreApplication.translate(
            "Launch", "Opening %1 …").replace("%1", shown(target)))
    opening = QCoreApplication.translate("Launch", "Opening %1 …").replace("%1", target.name)
    if not is_encrypted(target):
        return off_the_gui_thread(lambda: App.open(book), opening)
    remembered = off_the_gui_thread(lambda: remembered_passphrase(target), opening)
    if remembered:
        try:
            return off_the_gui_thread(lambda: App.open(book, remembered), opening)
        except BookPassphraseError:
            pass
    error = ""
    while True:
        asked = PassphraseDialog.ask(None, target.name, error=error)
        if asked is None:
            return None
        passphrase, keep = asked
        try:
            app = off_the_gui_thread(lambda given=passphrase: App.open(book, given), opening)
        except BookPassphraseError:
            error = QCoreApplication.translate("Launch", "Wrong passphrase; try again.")
            continue
        if keep:
            off_the_gui_thread(lambda opened=app, given=passphrase: remember(opened, given), opening)
        return app


BUSY_AFTER_MS = 300  # a busy dialog only for what the user would notice


def off_the_gui_thread(function, busy_text: str):
    """`function()` in a worker while this thread's event loop runs (nothing on screen freezes), a busy
    dialog shown if it takes more than a moment; its result, or its error raised here."""
    from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer
    from PySide6.QtWidgets import QProgressDialog

    from .workers import run_in_background

    outcome: dict[str, object] = {}
    loop = QEventLoop()

    def finished(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    shown: list[QProgressDialog] = []

    def show_busy() -> None:
        busy = QProgressDialog(busy_text, "", 0, 0)
        busy.setWindowTitle("GigaTracker")
        busy.setCancelButton(None)  # an open cannot be abandoned halfway (it is all or nothing anyway)
        busy.setWindowModality(Qt.WindowModality.ApplicationModal)
        busy.show()
        shown.append(busy)

    timer = QTimer(singleShot=True, interval=BUSY_AFTER_MS)
    timer.timeout.connect(show_busy)
    timer.start()
    receiver = QObject()  # the outcome comes back through this thread's event loop, so it cannot precede exec()
    run_in_background(function, lambda result: finished("result", result), lambda error: finished("error", error),
                      context=receiver)
    loop.exec()
    timer.stop()
    for busy in shown:
        busy.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["result"]


def wait_for_workers() -> None:
    """Pending writes finish before the book closes; reads get a moment, then are abandoned."""
    from PySide6.QtCore import QThreadPool

    from .workers import figures_pool, writer_pool

    writer_pool().waitForDone()
    QThreadPool.globalInstance().waitForDone(10_000)
    figures_pool().waitForDone(10_000)
