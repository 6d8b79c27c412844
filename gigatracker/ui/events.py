"""The app's change events, re-emitted as a Qt signal: writes run on the store writer thread, and the
queued connection brings each event to the GUI thread, where views refresh."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..app import App


class ChangeRelay(QObject):
    changed = Signal(object)  # Changed

    def watch(self, app: App) -> None:
        app.subscribe(self.changed.emit)
