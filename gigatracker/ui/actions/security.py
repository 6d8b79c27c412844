"""The window's privacy actions: open an encrypted book (keyring, else the passphrase prompt), encrypt the
open book, change its passphrase, and hide every figure when idle (encrypted books).

Encrypting and re-keying close the book, rewrite it in a worker (services/store/encryption.py: checked
copy, backup, atomic swap) and open it again; the window is disabled meanwhile, and on any failure the
book is opened again as it was and the reason shown."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox, QToolBar

from ...app import App, default_book_path
from ...environment import shown
from ...app.security import (BookPassphraseError, change_passphrase, encrypt_book, is_encrypted, is_passphrase_of,
                             remember, remembered_passphrase)
from ..dialogs.passphrase import PassphraseDialog
from ..idle_lock import IdleWatch, LockScreen
from ..workers import run_in_background, writer_pool

log = logging.getLogger(__name__)


class BookSecurity(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.encrypt_action = window.make_action(self.tr("&Encrypt Book…"), self.encrypt)
        self.rekey_action = window.make_action(self.tr("Change &Passphrase…"), self.change_passphrase)
        self.lock_action = window.make_action(self.tr("&Lock Now"), self.lock, "Ctrl+Shift+L")
        self.idle = IdleWatch(self)
        self.idle.idle.connect(self.lock)
        self.lock_screen: LockScreen | None = None

    def actions(self):
        return [self.encrypt_action, self.rekey_action, self.lock_action]

    def book_changed(self) -> None:
        app = self.window.app
        encrypted = bool(app and app.book.encrypted)
        self.encrypt_action.setEnabled(app is not None and not encrypted)
        self.rekey_action.setEnabled(encrypted)
        self.lock_action.setEnabled(encrypted)
        self.idle.set_minutes(self.window.preferences.idle_lock_minutes if encrypted else 0)

    # -- opening ----------------------------------------------------------------------------------
    def open(self, path: Path | str | None, *, error: str = "") -> None:
        """Open a book in a worker, asking an encrypted one's passphrase (the keyring's first, if any: read
        in a worker too, as a keyring is a D-Bus call that can hang while it unlocks)."""
        window = self.window
        target = path or default_book_path()
        window.statusBar().showMessage(self.tr("Opening %1 …").replace("%1", shown(target)))
        if isinstance(target, str) or not is_encrypted(target):  # a shared book (a URL) has no passphrase
            self._open(path, None, keep=False)
        elif error:
            self._ask(path, target, error)
        else:
            run_in_background(lambda: remembered_passphrase(target),
                              lambda found: self._open(path, found, keep=False) if found else
                              self._ask(path, target, ""), lambda _error: self._ask(path, target, ""), context=window)

    def _ask(self, path: Path | str | None, target: Path | str, error: str) -> None:
        asked = PassphraseDialog.ask(self.window, target.name, error=error)
        if asked is None:
            self.window.statusBar().clearMessage()
            return
        self._open(path, *asked)

    def _open(self, path: Path | str | None, passphrase: str | None, keep: bool) -> None:
        window = self.window

        def open_book() -> App:
            app = App.open(path, passphrase)
            if keep and passphrase is not None:
                try:  # the keyring, in the worker too; the book is open whatever it says
                    remember(app, passphrase)
                except Exception as error:  # noqa: BLE001
                    log.warning("passphrase of %s not remembered: %s", app.book.name, error)
            return app

        def failed(problem: Exception) -> None:
            if isinstance(problem, BookPassphraseError) and not problem.missing:
                self.open(path, error=self.tr("Wrong passphrase; try again."))
            else:
                window.books.cannot_open(path, problem)

        run_in_background(open_book, window.books.switch_to, failed, context=window)

    # -- encrypt / change passphrase --------------------------------------------------------------
    def _book_file(self, title: str) -> Path | None:
        """The open book's file; a shared book has none, and the user is told how its server guards it."""
        path = self.window.app.book.path
        if path is None:
            QMessageBox.information(self.window, title, self.tr(
                "%1 is a shared book: its database server guards it (logins, TLS) and backs it up (pg_dump). "
                "A passphrase is for a book file.").replace("%1", self.window.app.book.name))
        return path

    def encrypt(self) -> None:
        path = self._book_file(self.tr("Encrypt Book"))
        if path is None:
            return
        asked = PassphraseDialog.ask(self.window, path.name, new=True)
        if asked is None:
            return
        passphrase, keep = asked
        self._rewrite(lambda: (encrypt_book(path, passphrase), False), path, passphrase, keep, old_passphrase=None,
                      done_text=self.tr("%1 is encrypted. The book as it was is kept in %2, encrypted with the "
                                        "same passphrase: delete it once you have checked the book."))

    def change_passphrase(self) -> None:
        path = self._book_file(self.tr("Change passphrase"))
        if path is None:
            return
        current = PassphraseDialog.ask(self.window, path.name, offer_remember=False)
        if current is None:
            return
        app = self.window.app
        run_in_background(lambda: is_passphrase_of(app, current[0]),  # scrypt: not on the GUI thread
                          lambda right: self._ask_new_passphrase(path, current[0]) if right else
                          QMessageBox.warning(self.window, self.tr("Change passphrase"), self.tr("Wrong passphrase.")),
                          lambda error: QMessageBox.warning(self.window, "GigaTracker", str(error)),
                          context=self.window)

    def _ask_new_passphrase(self, path: Path, old: str) -> None:
        asked = PassphraseDialog.ask(self.window, path.name, new=True)
        if asked is None:
            return
        new, keep = asked
        self._rewrite(lambda: change_passphrase(path, old, new), path, new, keep, old_passphrase=old,
                      done_text=self.tr("The passphrase of %1 is changed. The book under its old passphrase is "
                                        "kept in %2: delete it once you have checked the book."))

    def _rewrite(self, operation, path: Path, passphrase: str, keep: bool, *, old_passphrase: str | None,
                 done_text: str) -> None:
        window = self.window
        window.quotes.set_live(False)
        window.setEnabled(False)
        old_app = window.app

        def job():
            old_app.close()
            try:
                backup, remembered = operation()
            except Exception as error:  # noqa: BLE001 - shown to the user; the book as it was is reopened
                return None, error, App.open(path, old_passphrase)
            app = App.open(path, passphrase)
            if keep or remembered:  # a remembered passphrase must not go stale
                remember(app, passphrase)
            return backup, None, app

        def finished(result) -> None:
            backup, error, app = result
            window.setEnabled(True)
            window.books.switch_to(app, old_closed=True)
            if error is not None:
                QMessageBox.warning(window, "GigaTracker", str(error))
            else:
                QMessageBox.information(window, "GigaTracker", done_text.replace("%1", path.name).replace(
                    "%2", str(backup)))

        def failed(error: Exception) -> None:  # the book could not even be opened again
            window.setEnabled(True)
            window.books.cannot_open(path, error)

        # On the writer: the edits queued there land in the book before it is rewritten, and the GUI thread
        # does not wait for them.
        run_in_background(job, finished, failed, context=window, pool=writer_pool())

    # -- idle lock --------------------------------------------------------------------------------
    def lock(self) -> None:
        window = self.window
        if self.lock_screen is not None or window.app is None or not window.app.book.encrypted:
            return
        self._hidden = [w for w in (window.centralWidget(), window.statusBar(), *window.findChildren(QToolBar))
                        if w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        window.menuBar().setEnabled(False)
        self.lock_screen = LockScreen(window.app.book.name, window)
        self.lock_screen.unlock_asked.connect(self._try_unlock)
        self.lock_screen.setGeometry(window.rect())
        window.installEventFilter(self)
        self.lock_screen.show()
        self.lock_screen.raise_()
        self.lock_screen.passphrase.setFocus()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.lock_screen is not None:
            self.lock_screen.setGeometry(self.window.rect())
        return False

    def _try_unlock(self, passphrase: str) -> None:
        app = self.window.app
        run_in_background(lambda: is_passphrase_of(app, passphrase),
                          lambda right: self._unlock() if right else self.lock_screen.refused(),
                          lambda _error: self.lock_screen.refused(), context=self.lock_screen)

    def _unlock(self) -> None:
        window = self.window
        window.removeEventFilter(self)
        self.lock_screen.deleteLater()
        self.lock_screen = None
        for widget in self._hidden:
            widget.show()
        window.menuBar().setEnabled(True)
        self.book_changed()  # the idle timer starts again
