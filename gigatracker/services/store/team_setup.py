"""The SQL a firm's admin runs once on its PostgreSQL server to hold a shared book (docs/team.md):

- a role that owns the book (`gigatracker_owner`): its members are the firm's admins, who see every client
  and manage who sees which (`gigatracker team grant`);
- `gigatracker_adviser` (reads and writes the clients granted to it) and `gigatracker_assistant` (reads
  them): the book's tables, made later by the owner role, are granted to them as they are made; row-level
  security (migration 0010) shows them only their clients;
- a login per person in one of those roles, the database, and the pg_hba.conf lines that demand TLS and a
  password from the office network.

No password is ever written into it: psql's `\\password` asks for each login's."""
from __future__ import annotations

import re
from typing import Sequence

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
ADVISERS, ASSISTANTS = "gigatracker_adviser", "gigatracker_assistant"


class TeamSetupError(ValueError):
    pass


def _checked(kind: str, name: str) -> str:
    if not _NAME.fullmatch(name):
        raise TeamSetupError(f"{kind} '{name}': use lower-case letters, digits and _ (a PostgreSQL name, "
                             "starting with a letter)")
    return name


def setup_sql(database: str, admins: Sequence[str], *, advisers: Sequence[str] = (), assistants: Sequence[str] = (),
              owner: str = "gigatracker_owner", network: str = "10.0.0.0/8") -> str:
    database, owner = _checked("database", database), _checked("owner role", owner)
    if not admins:
        raise TeamSetupError("name at least one admin (--admin NAME): who creates the book and grants access")
    people = {role: [_checked("login", login) for login in logins]
              for role, logins in ((owner, admins), (ADVISERS, advisers), (ASSISTANTS, assistants))}
    everyone = [login for logins in people.values() for login in logins]
    if len(set(everyone)) != len(everyone):
        raise TeamSetupError("a login is named twice: each person has one role")
    default = f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT"
    lines = [
        f"-- GigaTracker: a shared book in the database {database} (run as the server's superuser, in psql)",
        f"CREATE ROLE {owner} NOLOGIN;",
        f"CREATE ROLE {ADVISERS} NOLOGIN;",
        f"CREATE ROLE {ASSISTANTS} NOLOGIN;",
        *(f"CREATE ROLE {login} LOGIN IN ROLE {role};" for role, logins in people.items() for login in logins),
        *(f"\\password {login}" for login in everyone),
        f"CREATE DATABASE {database} OWNER {owner};",
        f"GRANT CONNECT ON DATABASE {database} TO {ADVISERS}, {ASSISTANTS};",
        f"\\connect {database}",
        f"ALTER SCHEMA public OWNER TO {owner};",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
        f"GRANT USAGE ON SCHEMA public TO {ADVISERS}, {ASSISTANTS};",
        f"{default} SELECT, INSERT, UPDATE, DELETE ON TABLES TO {ADVISERS};",
        f"{default} USAGE, SELECT ON SEQUENCES TO {ADVISERS};",
        f"{default} SELECT ON TABLES TO {ASSISTANTS};",
        "",
        "-- pg_hba.conf (then SELECT pg_reload_conf();): TLS and a password from the office network, nothing else",
        f"-- hostssl {database} +{owner},+{ADVISERS},+{ASSISTANTS} {network} scram-sha-256",
        f"-- host    {database} all {network} reject",
        "",
        f"-- then an admin: gigatracker book login --book postgresql://ADMIN@HOST/{database}",
        f"--                gigatracker init --book postgresql://ADMIN@HOST/{database} --base-currency EUR",
        f"--                gigatracker team grant LOGIN PORTFOLIO --book postgresql://ADMIN@HOST/{database}",
    ]
    return "\n".join(lines) + "\n"
