"""A shared book's team: which clients each login may see (services/store/team_access.py), managed by the
firm's admins. A book file has no team: one person, one computer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..services.store import BookError
from ..services.store import team_access

if TYPE_CHECKING:
    from .open_book import App


class TeamCommands:
    def __init__(self, app: "App"):
        self.app = app

    def _shared(self) -> None:
        if not self.app.book.shared:
            raise BookError(f"{self.app.book.location}: a book file has no team (one person, one computer); "
                            "a shared book is a PostgreSQL database (docs/team.md)")
        if self.app.book.restricted:
            raise BookError(f"{self.app.book.location}: only the firm's admins (the book's owner role) manage "
                            "who sees which client")

    def grant(self, login: str, portfolio: str) -> bool:
        """Let `login` see (and, if an adviser, write) the client `portfolio`; True if it could not yet."""
        self._shared()
        with self.app.book.write() as conn:
            return team_access.grant(conn, login.strip(), portfolio.strip())

    def revoke(self, login: str, portfolio: str) -> bool:
        self._shared()
        with self.app.book.write() as conn:
            return team_access.revoke(conn, login.strip(), portfolio.strip())

    def assignments(self) -> list[tuple[str, str]]:
        """Every (login, portfolio) for an admin; a login's own for the others."""
        if not self.app.book.shared:
            return []
        with self.app.book.read() as conn:
            return team_access.assignments(conn)
