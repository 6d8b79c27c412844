"""CLI for privacy: opening encrypted books, `book encrypt|rekey|decrypt|restore|status`, `secrets status|remember|
forget`, and the passphrases of encrypted export and backup files.

Passphrases never come from the command line (it ends up in shell history and process lists): from the
keyring when the user asked to be remembered, typed at a hidden prompt on a terminal, or, for scripts,
one per line on standard input (`--passphrase-stdin` for the book's own; further ones follow, in the
order the command's help gives).
"""
from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

from ..app import App
from ..environment import book_location
from ..logs import redact
from ..services import secrets
from ..services.secrets.sealed import read_sealed
from ..services.store import default_book_path, housekeeping, is_server_url
from ..app.security import (change_passphrase, decrypt_copy, encrypt_book, is_encrypted, remember,
                            remembered_passphrase)
from ..services.store.outputs import check_sqlite_copy, output_file
from ..services.store.migrations import SCHEMA_HEAD
from ..services.store.status import book_status
from .common import CliError


class SecretInputError(ValueError):
    """No passphrase where one was expected."""


def read_secret(prompt: str, *, confirm: bool = False) -> str:
    """A passphrase: typed at a hidden prompt on a terminal, else the next line of standard input."""
    if sys.stdin is not None and sys.stdin.isatty():
        value = getpass.getpass(f"{prompt}: ")
        if confirm and getpass.getpass(f"{prompt} (again): ") != value:
            raise SecretInputError("the two passphrases differ")
    else:
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise SecretInputError(f"{prompt}: expected one more line on standard input")
        value = line.rstrip("\r\n")
    if not value:
        raise SecretInputError(f"{prompt}: the passphrase is empty")
    redact(value)
    return value


def book_path(args) -> Path:
    return Path(args.book) if getattr(args, "book", None) else default_book_path()


def book_passphrase(args) -> str | None:
    """The open book's passphrase: stdin (--passphrase-stdin), else the keyring, else a prompt. A shared
    book has none (its server guards it)."""
    if is_server_url(getattr(args, "book", None)):
        return None
    path = book_path(args)
    if getattr(args, "passphrase_stdin", False):
        return read_secret(f"Passphrase of {path.name}")
    if not is_encrypted(path):
        return None
    remembered = remembered_passphrase(path)
    if remembered:
        return remembered
    if sys.stdin is not None and sys.stdin.isatty():
        return read_secret(f"Passphrase of {path.name}")
    return None  # Book.open says the passphrase is needed, and how to give it


def open_app(args) -> App:
    passphrase = book_passphrase(args)
    return App.open(args.book, passphrase) if getattr(args, "book", None) else App.open(None, passphrase)


# -- book encrypt / rekey / decrypt / restore ------------------------------------------------------
def cmd_book_encrypt(args) -> None:
    path = book_path(args)
    new = read_secret(f"New passphrase of {path.name}", confirm=True)
    backup = encrypt_book(path, new)
    print(f"{path}: encrypted")
    print(f"kept the book as it was in {backup} (encrypted with the same passphrase): delete it once you have "
          "checked the book")
    _maybe_remember(args, path, new)


def cmd_book_rekey(args) -> None:
    path = book_path(args)
    old = book_passphrase(args) or read_secret(f"Passphrase of {path.name}")
    new = read_secret(f"New passphrase of {path.name}", confirm=True)
    backup, remembered = change_passphrase(path, old, new)
    print(f"{path}: passphrase changed")
    print(f"kept the book under its old passphrase in {backup}: delete it once you have checked the book")
    _maybe_remember(args, path, new, force=remembered)


def cmd_book_decrypt(args) -> None:
    path = book_path(args)
    passphrase = book_passphrase(args) or read_secret(f"Passphrase of {path.name}")
    out = decrypt_copy(path, passphrase, args.out)
    print(f"{out}: a plain copy of {path} (not encrypted: keep it safe, delete it when done)")


def cmd_book_restore(args) -> None:
    if args.out.exists():
        raise ValueError(f"{args.out}: already exists; restore into a new file")
    data = read_sealed(args.file, read_secret(f"Passphrase of {args.file.name}"))
    if not data.startswith(b"SQLite format 3\0"):
        hint = (" (a book exported as JSON: `gigatracker import book` reads it)" if data.lstrip()[:1] == b"{"
                else "")
        raise ValueError(f"{args.file}: holds no book{hint}; nothing was written")
    with output_file(args.out, replace=False) as temporary:
        temporary.write_bytes(data)
        check_sqlite_copy(temporary)
    print(f"{args.out}: restored from {args.file}")


def cmd_book_status(args) -> None:
    path = book_path(args)
    status = book_status(path, book_passphrase(args) if is_encrypted(path) else None)
    if args.format == "json":
        print(json.dumps(status.as_dict(), indent=2))
        return
    holder = status.holder
    lines = [
        ("book", str(status.path)),
        ("size", _size(status.size) + (f" (+ {_size(status.log_size)} in its write-ahead log)" if status.log_size
                                       else "")),
        ("encrypted", "yes" if status.encrypted else "no"),
        ("schema", f"{status.schema} ({status.schema_state})" if status.schema else
         "unknown (encrypted: give its passphrase to read it)"),
        ("written by", f"GigaTracker {status.app_version}" if status.app_version else "unknown"),
        ("open by", f"process {holder.get('pid', '?')} on {holder.get('host', '?')}" if holder else "nobody"),
        ("last close", status.last_close),
        ("backups", f"{len(status.backups)} (GigaTracker keeps the last {housekeeping.KEEP_BACKUPS})"),
    ]
    width = max(len(name) for name, _ in lines) + 1
    for name, value in lines:
        print(f"{name + ':':<{width}} {value}")
        if name == "backups":
            for backup in reversed(status.backups):
                print(f"  {backup.path.name}  {backup.made:%Y-%m-%d %H:%M} UTC  {_size(backup.size)}"
                      f"{'  encrypted' if backup.encrypted else ''}")
    print(f"{'leftovers:':<{width}} {len(status.leftovers) or 'none'}")
    for leftover in status.leftovers:
        print(f"  {leftover.path.name}: {leftover.why} (the next open will {NEXT_OPEN[leftover.action]})")


NEXT_OPEN = {"remove": "remove it", "re-encrypt": "encrypt it with the book's passphrase", "set aside": "set it aside"}


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    exponent = min(3, (size.bit_length() - 1) // 10)  # KB, MB or GB
    return f"{size / 1024 ** exponent:.1f} {' KMG'[exponent]}B"


def _maybe_remember(args, path: Path, passphrase: str, *, force: bool = False) -> None:
    if not (getattr(args, "remember", False) or force):
        return
    with App.open(path, passphrase) as app:
        stored = remember(app, passphrase)
    print(f"passphrase remembered by {stored.backend}" if stored.accepted else
          f"passphrase not remembered: {stored.why}")


def cmd_book_check(args, app: App) -> None:
    integrity = app.book.integrity_check()
    result = app.check_ledger()
    kept = {"same": "the same as a full replay", "missing": "none was kept (now it is)",
            "different": "DIFFERENT from a full replay (replaced by it)"}[result.kept]
    if args.format == "json":
        print(json.dumps({"integrity": integrity, "transactions": result.transactions, "refused": result.refused,
                          "kept_state": result.kept, "ok": result.ok and integrity == "ok"}))
    else:
        print(f"integrity: {integrity}")
        print(f"ledger: {result.transactions} transactions replayed, "
              f"{len(result.refused) or 'none'} refused")
        for line in result.refused:
            print(f"  {line}")
        print(f"kept state: {kept}")
    if not result.ok or integrity != "ok":
        raise SystemExit(1)


# -- secrets ---------------------------------------------------------------------------------------
def cmd_secrets_status(args) -> None:
    current = secrets.status()
    if args.format == "json":
        print(json.dumps({"backend": current.backend, "accepted": current.accepted, "why": current.why}))
    else:
        print(f"keyring backend: {current.backend}")
        print(f"{'accepted' if current.accepted else 'refused'}: {current.why}")


def cmd_secrets_remember(args) -> None:
    path = book_path(args)
    passphrase = book_passphrase(args) or read_secret(f"Passphrase of {path.name}")
    _maybe_remember(args, path, passphrase, force=True)


def cmd_secrets_forget(args) -> None:
    path = book_path(args)
    book_id = secrets.book_id_for(path)
    if book_id:
        secrets.forget_passphrase(book_id)
    print(f"{path}: passphrase forgotten on this computer")


# -- shared books (PostgreSQL) ----------------------------------------------------------------------
def _server(args):
    from ..services.store.server_book import ServerAddress
    if not is_server_url(getattr(args, "book", None)):
        raise CliError(f"book {args.action}: for a shared book: --book postgresql://user@host:port/database")
    return ServerAddress.parse(args.book)


def cmd_book_login(args) -> None:
    """The password of a shared book's database login, kept in the OS keyring (never in settings or logs);
    checked by connecting before it is kept."""
    from ..services.store.server_book import ServerBook
    address = _server(args)
    password = read_secret(f"Password of {address.login}")
    checked = ServerBook.connect(address.with_password(password))
    checked.close()
    stored = secrets.remember_server_password(address.login, password)
    print(f"{address.login}: password kept by {stored.backend}" if stored.accepted else
          f"{address.login}: the password is right but was not kept: {stored.why}")
    if not stored.accepted:
        raise SystemExit(1)


def cmd_book_logout(args) -> None:
    address = _server(args)
    secrets.forget_server_password(address.login)
    print(f"{address.login}: password forgotten on this computer")


def cmd_book_upgrade(args) -> None:
    """A shared book brought to this version's schema: its admin's command, once, after a pg_dump."""
    from ..services.store.server_book import ServerBook
    with ServerBook.connect(_server(args)) as book:
        was = book.upgrade()
        print(f"{book.location}: schema {was}" + (" is this version's: nothing to do" if was == SCHEMA_HEAD
                                                  else f" upgraded to {SCHEMA_HEAD}"))


def cmd_book_copy(args) -> None:
    """A book copied to a new file or into an empty database (either way), checked, all or nothing."""
    from ..services.exporters.book_copy import copy_book
    args.book = args.source  # the book read: an encrypted one's passphrase as for any command
    with open_app(args) as app:
        report = copy_book(app.book, args.target)
        where = app.book.location
    print(f"copied {where} to {report.target}: {report.accounts} accounts, {report.transactions} transactions, "
          f"{report.prices} prices, {report.positions} positions — read back and found the same")


def cmd_team_sql(args) -> None:
    from ..services.store.team_setup import TeamSetupError, setup_sql
    try:
        print(setup_sql(args.database, args.admin, advisers=args.adviser, assistants=args.assistant,
                        owner=args.owner, network=args.network), end="")
    except TeamSetupError as error:
        raise CliError(str(error)) from None


def cmd_team_grant(args, app: App) -> None:
    new = app.team.grant(args.login, args.portfolio)
    print(f"{args.login} {'now sees' if new else 'already saw'} {args.portfolio}")


def cmd_team_revoke(args, app: App) -> None:
    gone = app.team.revoke(args.login, args.portfolio)
    print(f"{args.login} {'no longer sees' if gone else 'did not see'} {args.portfolio}")


def cmd_team_list(args, app: App) -> None:
    rows = app.team.assignments()
    if args.format == "json":
        print(json.dumps([{"login": login, "portfolio": portfolio} for login, portfolio in rows]))
    else:
        for login, portfolio in rows:
            print(f"{login}\t{portfolio}")


def add_commands(commands, book) -> None:
    books = commands.add_parser("book", help="a book's status; encrypt it, change its passphrase, decrypt or "
                                             "restore a copy").add_subparsers(dest="action", required=True)
    encrypt = books.add_parser("encrypt", parents=[book], help="encrypt the book in place (new passphrase: a hidden "
                                                               "prompt, or the next line of stdin)")
    rekey = books.add_parser("rekey", parents=[book], help="change the passphrase (old, then new)")
    for sub in (encrypt, rekey):
        sub.add_argument("--remember", action="store_true", help="remember the passphrase on this computer "
                                                                 "(OS keyring)")
    encrypt.set_defaults(run=cmd_book_encrypt, needs_app=False)
    rekey.set_defaults(run=cmd_book_rekey, needs_app=False)
    decrypt = books.add_parser("decrypt", parents=[book], help="write a plain copy of an encrypted book")
    decrypt.add_argument("--out", type=Path, required=True)
    decrypt.set_defaults(run=cmd_book_decrypt, needs_app=False)
    restore = books.add_parser("restore", help="a book from an encrypted backup (backup --encrypt)")
    restore.add_argument("file", type=Path)
    restore.add_argument("--out", type=Path, required=True, help="the book file to write")
    restore.set_defaults(run=cmd_book_restore, needs_app=False)
    status = books.add_parser("status", parents=[book], help="what the book file is and what lies beside it "
                                                             "(size, schema, lock holder, backups, leftovers)")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(run=cmd_book_status, needs_app=False)

    login = books.add_parser("login", parents=[book], help="keep the password of a shared book's database login "
                                                           "in the OS keyring (hidden prompt, or a line of stdin)")
    login.set_defaults(run=cmd_book_login, needs_app=False)
    logout = books.add_parser("logout", parents=[book], help="forget that password on this computer")
    logout.set_defaults(run=cmd_book_logout, needs_app=False)
    upgrade = books.add_parser("upgrade", parents=[book], help="bring a shared book to this version's schema "
                                                               "(its admin, once, after a pg_dump)")
    upgrade.set_defaults(run=cmd_book_upgrade, needs_app=False)
    copy = books.add_parser("copy", help="copy a book to a new file or into an empty PostgreSQL database (either "
                                         "way), read back and checked; all or nothing")
    copy.add_argument("source", type=book_location, help="the book: a file, or postgresql://…")
    copy.add_argument("target", type=book_location, help="a new file, or an empty database's postgresql://…")
    copy.add_argument("--passphrase-stdin", action="store_true",
                      help="an encrypted source's passphrase from the first line of standard input")
    copy.set_defaults(run=cmd_book_copy, needs_app=False)

    check = books.add_parser("check", parents=[book], help="replay the whole ledger and compare it with the state "
                                                           "the book keeps; the file's integrity too")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(run=cmd_book_check)

    team = commands.add_parser("team", help="a firm's shared books on PostgreSQL (docs/team.md)").add_subparsers(
        dest="action", required=True)
    sql = team.add_parser("sql", help="print the SQL that prepares a PostgreSQL server for a shared book "
                                      "(roles, database, pg_hba.conf lines; passwords asked by psql)")
    sql.add_argument("--database", required=True, help="the book's database")
    sql.add_argument("--admin", action="append", default=[], help="a login that sees every client and manages "
                                                                 "the team (once per person)")
    sql.add_argument("--adviser", action="append", default=[], help="a login that sees and writes the clients "
                                                                     "granted to it")
    sql.add_argument("--assistant", action="append", default=[], help="a login that only reads the clients "
                                                                       "granted to it")
    sql.add_argument("--owner", default="gigatracker_owner", help="the role that owns the book (default: %(default)s)")
    sql.add_argument("--network", default="10.0.0.0/8", help="the office network, for pg_hba.conf (default: %(default)s)")
    sql.set_defaults(run=cmd_team_sql, needs_app=False)
    grant = team.add_parser("grant", parents=[book], help="let a login see a client (an adviser writes it too)")
    revoke = team.add_parser("revoke", parents=[book], help="no longer let a login see a client")
    for sub in (grant, revoke):
        sub.add_argument("login")
        sub.add_argument("portfolio", help="the client's portfolio")
    grant.set_defaults(run=cmd_team_grant)
    revoke.set_defaults(run=cmd_team_revoke)
    listed = team.add_parser("list", parents=[book], help="who sees which client (a login: its own)")
    listed.add_argument("--format", choices=("table", "json"), default="table")
    listed.set_defaults(run=cmd_team_list)

    keyring = commands.add_parser("secrets", help="the OS keyring").add_subparsers(dest="action", required=True)
    status = keyring.add_parser("status", help="which keyring backend is in use, and whether it is accepted")
    status.add_argument("--format", choices=("text", "json"), default="text")
    status.set_defaults(run=cmd_secrets_status, needs_app=False)
    remember = keyring.add_parser("remember", parents=[book], help="remember the book's passphrase here")
    remember.set_defaults(run=cmd_secrets_remember, needs_app=False)
    forget = keyring.add_parser("forget", parents=[book], help="forget the book's passphrase here")
    forget.set_defaults(run=cmd_secrets_forget, needs_app=False)
