"""Opening a book in the window says what housekeeping did beside it (issue 16), without blocking the
window: here, a write-ahead log copied from another book, set aside instead of folded in."""
from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from decimal import Decimal as D

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.ui.main_window import MainWindow
from tests.ui.conftest import SCREENSHOTS


def book_with(path, note):
    with App.create(path, "EUR") as app:
        app.add_account("Foyer", "CTO", "EUR")
        app.add_transactions([Transaction(date(2025, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(1000), note=note)])
    return path


def test_a_stray_log_is_set_aside_and_said_in_the_window(qtbot, tmp_path):
    mine, other = book_with(tmp_path / "mine.gtbook", "mine"), book_with(tmp_path / "other.gtbook", "other")
    subprocess.run([sys.executable, "-c", "import os, sqlite3;"
                    f"c = sqlite3.connect({str(other)!r}, isolation_level=None);"
                    "c.execute('PRAGMA wal_autocheckpoint=0'); c.execute(\"UPDATE transactions SET note = 'x'\");"
                    "os._exit(0)"], check=True)
    shutil.copy(f"{other}-wal", f"{mine}-wal")
    app = App.open(mine)
    window = MainWindow(app, page="transactions")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "bookNotices") is not None, timeout=5_000)
    box = window.findChild(QMessageBox, "bookNotices")
    assert box.isVisible() and box.windowModality() == Qt.WindowModality.NonModal  # the window stays usable
    assert "set aside mine.gtbook-wal as mine.gtbook-wal.not-this-book-" in box.informativeText()
    qtbot.waitUntil(lambda: window.transactions.model.rowCount() == 1, timeout=10_000)
    assert [tx.note for tx in app.transactions()] == ["mine"]
    QApplication.processEvents()
    box.grab().save(str(SCREENSHOTS / "book_notices.png"))
    box.accept()
    window.close()
    app.close()
