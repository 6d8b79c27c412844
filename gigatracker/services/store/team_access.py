"""Which clients (portfolios) each login of a shared book may see: the `team_access` rows the firm's admins
manage (`gigatracker team grant|revoke|list`) and PostgreSQL's row-level security enforces (migration
0010). A login's role says whether it may also write them (an adviser) or only read (an assistant)."""
from __future__ import annotations

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.postgresql import insert

from .schema import team_access


def grant(conn: Connection, login: str, portfolio: str) -> bool:
    """True if the login did not have that portfolio yet."""
    done = conn.execute(insert(team_access).values(login=login, portfolio=portfolio).on_conflict_do_nothing())
    return bool(done.rowcount)


def revoke(conn: Connection, login: str, portfolio: str) -> bool:
    done = conn.execute(delete(team_access).where(team_access.c.login == login, team_access.c.portfolio == portfolio))
    return bool(done.rowcount)


def assignments(conn: Connection) -> list[tuple[str, str]]:
    """(login, portfolio), sorted: all of them for an admin, a login's own for the others."""
    return [(row.login, row.portfolio) for row in
            conn.execute(select(team_access).order_by(team_access.c.login, team_access.c.portfolio))]
