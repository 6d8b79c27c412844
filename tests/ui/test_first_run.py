"""First run and opening books: the welcome page, its actions, and a clear dialog (never a traceback)
for a book held by another process, a damaged book and a book from a newer GigaTracker."""
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QMessageBox

from gigatracker.app import App
from gigatracker.services.store import Book
from gigatracker.services.store.repository import add_account
from gigatracker.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, tmp_path, qt_settings):
    qt_settings.setValue("ui/welcome_seen", "false")
    app = App.create(tmp_path / "first.gtbook", "EUR")
    main = MainWindow(app)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()
    main.app.close()


@pytest.fixture
def dialogs(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_the_first_run_shows_the_welcome_page_once(qtbot, window, qt_settings):
    assert window.current_page() == "welcome"
    assert window.welcome.isVisible()
    window.show_page("holdings")
    assert qt_settings.value("ui/welcome_seen") == "true"


def test_explore_the_demo_book_opens_the_default_book(qtbot, window):
    window.welcome.open_demo.emit()
    qtbot.waitUntil(lambda: window.app is not None and window.app.book.path.name == "default.gtbook", timeout=20_000)
    qtbot.waitUntil(lambda: window.model.rowCount() == 15, timeout=20_000)
    assert window.current_page() == "dashboard"


def test_a_book_held_by_another_process_gets_a_clear_dialog(qtbot, window, tmp_path, dialogs):
    path = tmp_path / "held.gtbook"
    Book.create(path, "EUR").close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        from gigatracker.app import App
        app = App.open({str(path)!r})
        print("ready", flush=True)
        input()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        window.open_book(path)
        qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    finally:
        holder.communicate("\n", timeout=30)
    title, text = dialogs[0]
    assert title == "Cannot open the book" and "is open in process" in text and "Traceback" not in text
    assert window.app.book.path.name == "first.gtbook"  # still on the book it had


def test_a_damaged_book_gets_a_clear_dialog(qtbot, window, tmp_path, dialogs):
    path = tmp_path / "damaged.gtbook"
    with Book.create(path, "EUR") as book, book.write() as conn:
        for i in range(300):
            add_account(conn, "P", f"account {i} " + "x" * 200, "EUR", "fifo")
    data = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(data) - 4096, 4096):
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    window.open_book(path)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    assert "damaged" in dialogs[0][1]


def test_a_book_from_a_newer_version_gets_a_clear_dialog(qtbot, window, tmp_path, dialogs):
    path = tmp_path / "newer.gtbook"
    Book.create(path, "EUR").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.execute("UPDATE book_meta SET value = '9.0.0' WHERE key = 'app_version'")
    window.open_book(path)
    qtbot.waitUntil(lambda: bool(dialogs), timeout=10_000)
    assert "newer GigaTracker" in dialogs[0][1] and "Update GigaTracker" in dialogs[0][1]


def test_a_new_book_from_the_welcome_page(qtbot, window, tmp_path, monkeypatch):
    from gigatracker.ui.dialogs import new_book

    target = tmp_path / "mine.gtbook"
    monkeypatch.setattr(new_book.NewBookDialog, "exec", lambda self: 1)
    monkeypatch.setattr(new_book.NewBookDialog, "choice", lambda self: (target, "CHF", None, False))
    window.welcome.new_book.emit()
    qtbot.waitUntil(lambda: window.app is not None and window.app.book.path == target, timeout=10_000)
    assert window.app.base_currency == "CHF" and window.current_page() == "dashboard"
