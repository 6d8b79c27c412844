"""Where the window's file dialogs start, and telling the user where a file went. Dialogs start in the
folder the user last chose a file in, else their Documents folder (never the process's working directory,
which for a desktop app is wherever it was launched from). After a save, the status bar says where, with
an "Open folder" button while that message shows."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton

LAST_FOLDER = "files/last_folder"
SHOWN_FOR_MS = 20_000


def start_folder() -> Path:
    last = QSettings().value(LAST_FOLDER, "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def start_path(name: str = "") -> str:
    """A dialog's starting point: `name` in the start folder (the folder alone without a name)."""
    return str(start_folder() / name) if name else str(start_folder())


def chosen(path: str) -> str:
    """A path the user picked in a dialog, remembered as where the next dialog starts; returned as given."""
    if path:
        folder = Path(path) if Path(path).is_dir() else Path(path).parent
        QSettings().setValue(LAST_FOLDER, str(folder))
    return path


def show_saved(window, text: str, path: str | Path) -> None:
    """`text` in the status bar, with a button that opens the folder `path` is in (or `path`, a folder)."""
    target = Path(path)
    folder = target if target.is_dir() else target.parent
    button = _open_folder_button(window)
    button.folder = folder
    button.message = text
    window.statusBar().showMessage(text, SHOWN_FOR_MS)
    button.show()


def _open_folder_button(window) -> QPushButton:
    button = getattr(window, "_open_folder_button", None)
    if button is None:
        button = QPushButton(QCoreApplication.translate("FilePlaces", "Open folder"))
        button.setObjectName("openSavedFolder")
        button.setFlat(True)
        button.folder, button.message = None, None
        button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(button.folder))))
        bar = window.statusBar()
        bar.insertPermanentWidget(0, button)  # a normal widget would be hidden by the very message it goes with
        bar.messageChanged.connect(lambda message: button.setVisible(bool(message) and message == button.message))
        window._open_folder_button = button
    return button
