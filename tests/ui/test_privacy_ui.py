"""Privacy in the window, as a user meets it: a new encrypted book, opening one (a wrong passphrase first),
encrypting the open book and changing its passphrase from the Book menu, the idle lock hiding every
figure, and afterwards no passphrase anywhere in the settings or the logs."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtWidgets import QMessageBox

from gigatracker.app import App
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.logs import LOG_NAME, setup_logging
from gigatracker.services import secrets
from gigatracker.services.store.cipher import is_encrypted
from gigatracker.ui.dialogs import new_book
from gigatracker.ui.dialogs.passphrase import PassphraseDialog
from gigatracker.ui.main_window import MainWindow
from tests.support.keyrings import MemoryKeyring, keyring_backend
from tests.ui.conftest import SCREENSHOTS

FIRST, SECOND = "Mot-de-passe très long 1", "Autre phrase secrète 2"


@pytest.fixture
def memory_keyring():
    with keyring_backend(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def plain_book(tmp_path):
    path = tmp_path / "cabinet.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Famille Dupont", "PEA Dupont", "EUR")
        app.add_transactions([Transaction(date(2025, 1, 3), "PEA Dupont", TxType.BUY, "EUR", "ASML.AS", D(5), D(640))])
    return path


@pytest.fixture
def window(qtbot, plain_book):
    app = App.open(plain_book)
    main = MainWindow(app, page="holdings")
    main.show()
    qtbot.waitUntil(lambda: main.model.rowCount() == 1, timeout=10_000)
    yield main
    main.close()
    if main.app is not None:
        main.app.close()


def answers(monkeypatch, replies: list):
    """PassphraseDialog.ask answers from a list; each call's options are recorded."""
    asked = []

    def ask(cls, parent, book_name, **options):
        asked.append(options)
        return replies.pop(0)
    monkeypatch.setattr(PassphraseDialog, "ask", classmethod(ask))
    return asked


def test_encrypt_change_passphrase_lock_and_nothing_leaks(qtbot, window, plain_book, monkeypatch, qt_settings,
                                                          memory_keyring, isolated_home):
    setup_logging()
    infos = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: infos.append(text))
    assert window.security.encrypt_action.isEnabled() and not window.security.lock_action.isEnabled()

    answers(monkeypatch, [(FIRST, True)])  # new passphrase, remembered on this computer
    window.security.encrypt_action.trigger()
    qtbot.waitUntil(lambda: bool(infos), timeout=20_000)
    assert "is encrypted" in infos[0] and "encrypted with the same passphrase" in infos[0]
    assert is_encrypted(plain_book) and window.app.book.encrypted
    backups = list(plain_book.parent.glob(plain_book.name + "-before-encryption-*.bak"))
    assert len(backups) == 1 and is_encrypted(backups[0])  # no readable copy of the book is left
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert secrets.recall_for_path(plain_book) == FIRST
    assert window.security.rekey_action.isEnabled() and not window.security.encrypt_action.isEnabled()

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    asked = answers(monkeypatch, [("pas la bonne", False)])  # a wrong current passphrase: nothing more is asked
    window.security.rekey_action.trigger()
    qtbot.waitUntil(lambda: warnings == ["Wrong passphrase."], timeout=10_000)
    assert len(asked) == 1 and window.isEnabled() and window.app.book.encrypted

    answers(monkeypatch, [(FIRST, False), (SECOND, False)])  # current, then new
    window.security.rekey_action.trigger()
    qtbot.waitUntil(lambda: len(infos) == 2, timeout=20_000)
    assert "passphrase of cabinet.gtbook is changed" in infos[1]
    assert secrets.recall_for_path(plain_book) == SECOND  # the remembered one follows
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)

    window.security.lock()  # what the idle timer does
    screen = window.security.lock_screen
    assert screen.isVisible() and not window.holdings.isVisible() and not window.statusBar().isVisible()
    shot = window.grab()
    shot.save(str(SCREENSHOTS / "idle_lock.png"))
    screen.passphrase.setText(FIRST)  # the old one no longer opens it
    screen.button.click()
    qtbot.waitUntil(lambda: screen.problem.text() == "Wrong passphrase.", timeout=10_000)
    screen.passphrase.setText(SECOND)
    screen.button.click()
    qtbot.waitUntil(lambda: window.security.lock_screen is None, timeout=10_000)
    assert window.holdings.isVisible()

    qt_settings.sync()
    home = isolated_home / "home"
    stored = b"".join(p.read_bytes() for p in list(home.rglob("*")) + list((isolated_home / "settings").rglob("*"))
                      if p.is_file())
    assert list(home.rglob(LOG_NAME)), "no log written"
    for secret in (FIRST, SECOND):
        assert secret.encode() not in stored


def test_open_an_encrypted_book_after_a_wrong_passphrase(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "client.gtbook"
    with App.create(path, "EUR", FIRST) as app:
        app.add_account("Client", "CTO", "EUR")
    asked = answers(monkeypatch, [("faux", False), (FIRST, False)])
    window.open_book(path)
    qtbot.waitUntil(lambda: window.app.book.path == path, timeout=20_000)
    assert asked[0].get("error", "") == "" and "Wrong passphrase" in asked[1]["error"]
    assert window.security.lock_action.isEnabled()
    window.preferences.idle_lock_minutes = 5
    window.security.book_changed()
    assert window.security.idle.timer.interval() == 5 * 60_000
    window.security.idle.timer.start(50)  # five minutes, shortened: no input meanwhile, so it locks
    qtbot.waitUntil(lambda: window.security.lock_screen is not None, timeout=5_000)
    assert not window.centralWidget().isVisible()


def test_a_new_encrypted_book_from_the_dialog(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "nouveau.gtbook"
    monkeypatch.setattr(new_book.NewBookDialog, "exec", lambda self: 1)
    monkeypatch.setattr(new_book.NewBookDialog, "choice", lambda self: (target, "EUR", FIRST, False))
    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.app.book.path == target, timeout=20_000)
    assert is_encrypted(target) and window.app.book.encrypted


def test_the_new_book_dialog_wants_the_passphrase_twice(qtbot, tmp_path):
    dialog = new_book.NewBookDialog(tmp_path)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()  # a plain book
    dialog.encrypt.setChecked(True)
    assert not ok.isEnabled()
    dialog.passphrase.setText(FIRST)
    dialog.again.setText(FIRST + "x")
    assert not ok.isEnabled() and "differ" in dialog.problem.text()
    dialog.again.setText(FIRST)
    assert ok.isEnabled() and dialog.choice()[2] == FIRST


def test_the_keyring_is_asked_off_the_gui_thread(qtbot, window, plain_book, tmp_path, monkeypatch):
    """A keyring is a D-Bus call that can hang while it unlocks (issue 19): the remembered passphrase is read,
    and a new one kept, in a worker; the window goes on meanwhile."""
    import threading
    import time

    class SlowKeyring(MemoryKeyring):
        def __init__(self):
            super().__init__()
            self.threads: list[threading.Thread] = []

        def get_password(self, service, username):
            self.threads.append(threading.current_thread())
            time.sleep(0.3)
            return super().get_password(service, username)

        def set_password(self, service, username, password):
            self.threads.append(threading.current_thread())
            time.sleep(0.3)
            super().set_password(service, username, password)

    path = tmp_path / "client.gtbook"
    with App.create(path, "EUR", FIRST) as app:
        app.add_account("Client", "CTO", "EUR")
    with keyring_backend(SlowKeyring()) as backend:
        asked = answers(monkeypatch, [(FIRST, True)])  # asked once, and remembered
        for book in (path, plain_book, path):
            started = time.monotonic()
            window.open_book(book)
            assert time.monotonic() - started < 0.2  # the window did not wait for the keyring
            qtbot.waitUntil(lambda book=book: window.app.book.path == book.resolve(), timeout=20_000)
        assert len(asked) == 1 and window.app.book.encrypted  # the second time, the keyring's passphrase
        assert not window.statusBar().currentMessage().startswith("Opening")  # done once the book is open
        assert backend.threads and threading.main_thread() not in backend.threads
