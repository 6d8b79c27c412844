"""`gigatracker` with no command: the real launch path opens the window on the default book."""
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QLocale

from gigatracker.ui.format import format_decimal
from gigatracker.ui.launch import launch_gui


def test_gigatracker_without_a_command_runs_the_window_on_the_demo_book(tmp_path):
    """The README's launch: `gigatracker` with no command. It must start, build the default book from the
    embedded demo and keep running (the window is up) until the user quits."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    settings = Path(env["XDG_CONFIG_HOME"]) / "GigaTracker" / "GigaTracker.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[quotes]\nrefresh=manual\n")  # tests never touch the network
    process = subprocess.Popen([sys.executable, "-m", "gigatracker"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        book = Path(env["XDG_DATA_HOME"]) / "gigatracker" / "books" / "default.gtbook"
        deadline = time.monotonic() + 30
        while not book.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(2)
        assert process.poll() is None, process.communicate()[1]
        assert book.exists()
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr, stderr


def test_launch_on_a_missing_book_reports_instead_of_crashing(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("gigatracker.ui.launch.QMessageBox.critical", lambda *args: shown.append(args[2]))
    assert launch_gui(tmp_path / "nope.gtbook") == 1
    assert "no book there" in shown[0]


def test_numbers_follow_the_locale():
    french = QLocale(QLocale.Language.French, QLocale.Country.France)
    text = format_decimal(Decimal("1234567.891"), 2, french)
    assert text.replace("\u202f", " ").replace("\u00a0", " ") == "1 234 567,89"
    assert format_decimal(Decimal("1234.5"), 2, QLocale(QLocale.Language.English)) == "1,234.50"
    assert format_decimal(None, 2) == "—"


def test_quitting_after_a_book_switch_closes_the_book_then_open_cleanly(qapp, tmp_path):
    """The book open when the user quits is closed cleanly (its log folded in, the close recorded): it was
    the first one only, so after a switch the other was left to a crash-like next open."""
    from datetime import date

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gigatracker.app import App
    from gigatracker.core.ledger import Transaction, TxType
    from gigatracker.services.store.housekeeping import closed_cleanly
    from gigatracker.ui.main_window import MainWindow

    books = []
    for name in ("first", "second"):
        with App.create(tmp_path / f"{name}.gtbook", "EUR") as app:
            app.add_account("P", "CTO", "EUR")
            app.add_transaction(Transaction(date(2026, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=Decimal(100)))
        books.append(tmp_path / f"{name}.gtbook")

    def switch() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        window.open_book(books[1])

        def close_when_open() -> None:
            if window.app.book.path == books[1].resolve() and window.model.rowCount() == 0 and \
                    not window._busy:
                window.close()
            else:
                QTimer.singleShot(50, close_when_open)
        close_when_open()

    QTimer.singleShot(300, switch)
    assert launch_gui(books[0]) == 0
    assert closed_cleanly(books[0]) and closed_cleanly(books[1])


def test_opening_at_launch_runs_off_the_gui_thread_with_a_busy_dialog(qapp, tmp_path, monkeypatch):
    """An upgrade and its backup can take seconds: the event loop goes on meanwhile, and a busy dialog
    says what is happening once it takes more than a moment."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from gigatracker.app import App
    from gigatracker.ui import launch

    path = tmp_path / "slow.gtbook"
    App.create(path, "EUR").close()
    opened_in, ticks, dialogs = [], [], []
    real_open = App.open

    def slow_open(book, passphrase=None):
        opened_in.append(threading.current_thread())
        time.sleep(0.8)
        return real_open(book, passphrase)

    monkeypatch.setattr(App, "open", staticmethod(slow_open))
    beat = QTimer(interval=50)
    beat.timeout.connect(lambda: ticks.append(1))
    beat.timeout.connect(lambda: dialogs.extend(w.labelText() for w in QApplication.topLevelWidgets()
                                                if isinstance(w, QProgressDialog) and w.isVisible()))
    beat.start()
    app = launch.open_at_launch(path)
    beat.stop()
    try:
        assert app.book.path == path.resolve() and opened_in[0] is not threading.main_thread()
        assert len(ticks) >= 10  # the event loop ran all along
        assert dialogs and dialogs[-1] == "Opening slow.gtbook …"
        assert not any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    finally:
        app.close()
