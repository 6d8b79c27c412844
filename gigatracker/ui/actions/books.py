"""The window's book actions (File menu and the welcome page): new, open, open recent, the demo book,
import a book file, back up; switching the window to another book, and saying what opening one tidied
beside it. Opening and creating run in workers; an encrypted book's passphrase is asked by
`security.BookSecurity`."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from ..file_places import chosen, start_folder, start_path
from ...app import App, default_book_path
from ...environment import shown
from ...app import operations as op
from ...app.security import remember
from ..dialogs.new_book import NewBookDialog
from ..workers import run_in_background, writer_pool

log = logging.getLogger(__name__)


class BookActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        keys = window.keys
        self.new_action = window.make_action(self.tr("&New Book…"), self.new_book, keys.New)
        self.open_action = window.make_action(self.tr("&Open Book…"), self.choose_book, keys.Open)
        self.import_book_action = window.make_action(self.tr("Import a &Book File…"), self.import_book)
        self.backup_action = window.make_action(self.tr("&Back Up Book…"), self.backup)
        self.recent_menu = None  # filled by the window's File menu

    def open(self, path: Path | str | None) -> None:
        """Open a book (None: the default demo book) in a worker; an encrypted one's passphrase comes from
        the keyring or is asked; failures get a clear dialog."""
        self.window.security.open(path)

    def open_demo(self) -> None:
        window = self.window
        if window.app.book.path == default_book_path().resolve():  # an open book goes by its real name
            window.show_page("dashboard")
        else:
            self.open(None)

    def choose_book(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open Book"), str(self._folder()),
                                              self.tr("GigaTracker books (*.gtbook);;All files (*)"))
        if path:
            self.open(Path(path))

    def new_book(self) -> None:
        window = self.window
        dialog = NewBookDialog(self._folder(), window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        path, currency, passphrase, keep = dialog.choice()

        def create() -> App:
            app = App.create(path, currency, passphrase)
            if keep:
                remember(app, passphrase)
            return app
        run_in_background(create, self.switch_to, lambda error: self.cannot_open(path, error), context=window)

    def import_book(self) -> None:
        window = self.window
        source = chosen(QFileDialog.getOpenFileName(window, self.tr("Import a book file"), start_path(),
                                                    self.tr("Book files (*.json)"))[0])
        if not source:
            return
        target, _ = QFileDialog.getSaveFileName(window, self.tr("New book"), str(Path(source).with_suffix(".gtbook")),
                                                self.tr("GigaTracker books (*.gtbook)"))
        if target:
            run_in_background(lambda: App.import_book(source, target), self.switch_to,
                              lambda error: self.cannot_open(target, error), context=window)

    def _folder(self) -> Path:
        """Where book files are chosen: the open book's folder (a shared book has none: Documents)."""
        path = self.window.app.book.path
        return path.parent if path is not None else start_folder()

    def backup(self) -> None:
        window = self.window
        book = window.app.book
        if book.path is None:
            QMessageBox.information(window, self.tr("Back Up Book"), self.tr(
                "%1 is a shared book: its database server backs it up (pg_dump, see docs/team.md).")
                .replace("%1", book.name))
            return
        path, _ = QFileDialog.getSaveFileName(window, self.tr("Back Up Book"),
                                              str(book.path.with_suffix(".backup.gtbook")),
                                              self.tr("GigaTracker books (*.gtbook)"))
        if path:
            window.writes.run(op.plain("backup", path, lambda app: app.backup(path)),
                              lambda out: window.statusBar().showMessage(
                                  self.tr("Backed up to %1").replace("%1", str(out)), 10_000))

    def cannot_open(self, path, error: Exception) -> None:
        self.window.statusBar().clearMessage()
        QMessageBox.critical(self.window, self.tr("Cannot open the book"),
                             self.tr("%1 could not be opened:\n\n%2").replace("%1", str(path)).replace("%2", str(error)))

    def switch_to(self, new_app: App, *, old_closed: bool = False) -> None:
        window = self.window
        window.statusBar().clearMessage()  # "Opening …" is done; the load says what it shows
        old = window.app
        window.app = new_app
        window.relay.watch(new_app)
        window.portfolio = None
        window.portfolio_box.clear()
        if not old_closed:  # on the writer's thread: after the edits still queued there, and the GUI goes on
            run_in_background(old.close, lambda _none: None,
                              lambda error: log.warning("%s not closed cleanly: %s", old.book.name, error),
                              pool=writer_pool())
        window.book_opened()
        if window.current_page() == "welcome":
            window.show_page("dashboard")

    def fill_recent_menu(self) -> None:
        menu, preferences = self.recent_menu, self.window.preferences
        menu.clear()
        for path in preferences.recent_books:
            action = menu.addAction(shown(path))
            action.triggered.connect(lambda _=False, p=path: self.open(p))
        menu.setEnabled(bool(preferences.recent_books))

    def show_notices(self, name: str, notices: list[str]) -> None:
        """What opening the book tidied beside it (a stray log set aside, an old backup removed): said once,
        without blocking the window."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Book tidied"),
                          self.tr("While opening %1, GigaTracker tidied the files beside it:").replace("%1", name),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setInformativeText("\n".join(f"• {notice}" for notice in notices))
        box.setObjectName("bookNotices")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
