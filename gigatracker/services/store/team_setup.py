"""The SQL a firm's admin runs once on its PostgreSQL server to hold a shared book (docs/team.md): a role
that owns the book's database, a login per person in it, the database, and the pg_hba.conf lines that
demand TLS and a password from the office network. No password is ever written into it: psql's
`\\password` asks for each login's."""
from __future__ import annotations

import re

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class TeamSetupError(ValueError):
    pass


def _checked(kind: str, name: str) -> str:
    if not _NAME.fullmatch(name):
        raise TeamSetupError(f"{kind} '{name}': use lower-case letters, digits and _ (a PostgreSQL name, "
                             "starting with a letter)")
    return name


def setup_sql(database: str, logins: list[str], *, owner: str = "gigatracker_owner", network: str = "10.0.0.0/8"
              ) -> str:
    database, owner = _checked("database", database), _checked("owner role", owner)
    people = [_checked("login", login) for login in logins]
    if not people:
        raise TeamSetupError("name at least one login (--login NAME, once per person)")
    lines = [
        f"-- GigaTracker: a shared book in the database {database} (run as the server's superuser, in psql)",
        f"CREATE ROLE {owner} NOLOGIN;",
        *(f"CREATE ROLE {login} LOGIN IN ROLE {owner};" for login in people),
        *(f"\\password {login}" for login in people),
        f"CREATE DATABASE {database} OWNER {owner};",
        f"\\connect {database}",
        f"ALTER SCHEMA public OWNER TO {owner};",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT ALL ON TABLES TO {owner};",
        "",
        "-- pg_hba.conf (then SELECT pg_reload_conf();): TLS and a password from the office network, nothing else",
        f"-- hostssl {database} +{owner} {network} scram-sha-256",
        f"-- host    {database} all {network} reject",
        "",
        "-- then, on one desk: gigatracker book login --book postgresql://LOGIN@HOST/" + database,
        "--                   gigatracker init --book postgresql://LOGIN@HOST/" + database + " --base-currency EUR",
    ]
    return "\n".join(lines) + "\n"
