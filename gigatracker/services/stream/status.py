"""What the feed is doing, for the status bar and the CLI summary."""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum


class FeedState(StrEnum):
    CONNECTING = "CONNECTING"
    LIVE = "LIVE"
    RECONNECTING = "RECONNECTING"
    OFFLINE = "OFFLINE"
    SIMULATED = "SIMULATED"


@dataclass(frozen=True)
class FeedStatus:
    state: FeedState = FeedState.OFFLINE
    attempt: int = 0  # reconnection attempt under way (RECONNECTING)
    next_try_in: float | None = None  # seconds until that attempt
    ticks: int = 0
    decode_errors: int = 0
    reconnects: int = 0
    idle_reconnects: int = 0
    last_tick_at: datetime | None = None
    last_error: str = ""

    @property
    def text(self) -> str:
        if self.state is FeedState.RECONNECTING and self.next_try_in is not None:
            return f"Reconnecting in {self.next_try_in:.0f} s (attempt {self.attempt})"
        return {FeedState.CONNECTING: "Connecting", FeedState.LIVE: "Live", FeedState.RECONNECTING: "Reconnecting",
                FeedState.OFFLINE: "Offline", FeedState.SIMULATED: "Simulated"}[self.state]


class StatusBox:
    """A FeedStatus updated by the feed's thread and read from any other."""

    def __init__(self, state: FeedState = FeedState.OFFLINE):
        self._lock = threading.Lock()
        self._status = FeedStatus(state)

    def get(self) -> FeedStatus:
        with self._lock:
            return self._status

    def update(self, **changes) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)
