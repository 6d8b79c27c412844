"""What the feed is doing, for the status bar and the CLI summary."""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from enum import StrEnum


class FeedState(StrEnum):
    CONNECTING = "CONNECTING"
    LIVE = "LIVE"
    RECONNECTING = "RECONNECTING"
    OFFLINE = "OFFLINE"
    FAILED = "FAILED"  # an unexpected error in the feed: said with its reason, then a restart with backoff
    SIMULATED = "SIMULATED"


@dataclass(frozen=True)
class FeedStatus:
    state: FeedState = FeedState.OFFLINE
    attempt: int = 0  # reconnection attempt under way (RECONNECTING)
    next_try_in: float | None = None  # seconds until that attempt
    ticks: int = 0
    decode_errors: int = 0  # frames skipped: unreadable or carrying impossible values
    reconnects: int = 0
    idle_reconnects: int = 0
    failures: int = 0  # unexpected errors the feed restarted after
    last_tick_at: datetime | None = None
    last_error: str = ""
    since: datetime | None = None  # when the feed entered this state (UTC)
    symbols: int = 0  # how many symbols it subscribes to

    @property
    def text(self) -> str:
        return self.describe(datetime.now(timezone.utc))

    def describe(self, now: datetime) -> str:
        """In words, for the CLI and logs: "live (3 symbols, last tick 2 s ago)", "reconnecting in 15 s
        (try 5)", "offline since 10:42", "failed: reason", … (the window says the same in its language)."""
        if self.state is FeedState.LIVE:
            ticked = (f", last tick {max(0.0, (now - self.last_tick_at).total_seconds()):.0f} s ago"
                      if self.last_tick_at is not None else ", no tick yet")
            return f"live ({self.symbols} symbol{'s' if self.symbols != 1 else ''}{ticked})"
        if self.state is FeedState.RECONNECTING:
            when = f" in {self.next_try_in:.0f} s" if self.next_try_in is not None else ""
            return f"reconnecting{when} (try {self.attempt})" + (f": {self.last_error}" if self.last_error else "")
        if self.state is FeedState.OFFLINE:
            return f"offline since {self.since.astimezone():%H:%M}" if self.since is not None else "offline"
        if self.state is FeedState.FAILED:
            again = f" (restarting in {self.next_try_in:.0f} s)" if self.next_try_in is not None else ""
            return f"failed: {self.last_error or 'unknown error'}{again}"
        return self.state.value.lower()


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
            if "state" in changes and changes["state"] is not self._status.state:
                changes.setdefault("since", datetime.now(timezone.utc))
            self._status = replace(self._status, **changes)
