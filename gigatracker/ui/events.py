"""The app's change events, re-emitted as a Qt signal: writes run on the store writer thread, and the
queued connection brings each event to the GUI thread, where views refresh."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..app import App


class ChangeRelay(QObject):
    changed = Signal(object)  # Changed

    def __init__(self, parent=None):
        super().__init__(parent)
        self._app: App | None = None

    def watch(self, app: App | None) -> None:
        """Relay this app's events (and stop relaying the previous one's)."""
        if self._app is not None:
            self._app.unsubscribe(self._relay)
        self._app = app
        if app is not None:
            app.subscribe(self._relay)

    def _relay(self, change) -> None:
        self.changed.emit(change)
