"""`gigatracker` on the command line: the same App as the desktop window, scriptable.

Data commands take --format table|json|csv; JSON money and quantities are decimal strings. On failure
the exit code is non-zero and stderr carries one line per problem.
"""
from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path
from typing import Sequence

import sqlalchemy.exc

from .. import __version__
from ..app import App
from ..core.checks import IN_THE_FUTURE
from ..core.ledger import LedgerError
from ..environment import BOOK_ENV, book_from_environment, book_location, shown
from ..logs import setup_logging
from ..services.importers.csv_reader import ImportRejected
from ..services.importers.mapping import MappingError
from ..services.market.errors import MarketDataError
from ..services.store import BookError, default_book_path
from ..services.store.repository import DuplicateError
from .common import CliError, parse_currency, parse_date
from .exports import add_commands as add_export_commands
from .ledger import add_commands as add_ledger_commands
from .market import add_commands as add_market_commands
from .performance import add_commands as add_performance_commands
from .positions import add_commands as add_position_commands
from .secrets import add_commands as add_secret_commands, open_app, read_secret
from .themes import add_commands as add_theme_commands

EXIT_FAILED = 1
FUTURE_HINT = "a planned transaction dated after today is accepted with --allow-future"


log = logging.getLogger("gigatracker.cli")


# -- commands --------------------------------------------------------------------------------------
def cmd_init(args) -> None:
    target = args.book or default_book_path()
    if args.encrypt and isinstance(target, str):
        raise CliError("--encrypt: a shared book is guarded by its server (logins, TLS), not by a passphrase")
    passphrase = read_secret(f"Passphrase of {target.name}", confirm=True) if args.encrypt else None
    with App.create(target, args.base_currency, passphrase) as app:
        where = app.book.location  # a database's URL without any password
    print(f"created {where} (base currency {args.base_currency}{', encrypted' if passphrase else ''})")


def cmd_base_currency(args, app: App) -> None:
    if args.currency:
        app.set_base_currency(args.currency)
    print(app.base_currency)


def cmd_backup(args, app: App) -> None:
    passphrase = read_secret(f"Passphrase of the backup {args.out.name}", confirm=True) if args.encrypt else None
    print(f"backed up to {app.backup(args.out, passphrase)}" + (" (encrypted)" if passphrase else ""))


# -- parser ----------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gigatracker", description=(
        "Thesis portfolio tracker. With no command, opens the desktop window on the default book."))
    parser.add_argument("--version", action="version", version=f"gigatracker {__version__}")
    from_environment = book_from_environment()
    parser.add_argument("--book", type=book_location, default=from_environment,
                        help=f"book file or postgresql:// URL (default: ${BOOK_ENV} if set, else the default book)")
    parser.add_argument("--self-test", action="store_true", help="check this installation offscreen (fonts, "
                                                                 "text, translations, icon, every view) and exit")
    parser.add_argument("--screenshot", type=Path, help="with --self-test: save the window's picture here")
    book = argparse.ArgumentParser(add_help=False)
    book.add_argument("--book", type=book_location, default=from_environment or argparse.SUPPRESS,
                      help=f"book file, or a shared book's postgresql://user@host:port/database (default: "
                           f"${BOOK_ENV} if set, else the default book, made from the demo on first use)")
    book.add_argument("--passphrase-stdin", action="store_true",
                      help="read an encrypted book's passphrase from the first line of standard input")
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=("table", "json", "csv"), default="table")
    future = argparse.ArgumentParser(add_help=False)
    future.add_argument("--allow-future", action="store_true", help="accept dates after today (planned "
                                                                     "transactions)")
    as_of = argparse.ArgumentParser(add_help=False)
    as_of.add_argument("--as-of", type=parse_date, help="as of this date (YYYY-MM-DD)")

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    init = commands.add_parser("init", parents=[book], help="create a new book")
    init.add_argument("--url", dest="book", type=book_location, metavar="postgresql://…",
                      help="a shared book, in this empty PostgreSQL database (the same as --book URL)")
    init.add_argument("--base-currency", type=parse_currency, default="EUR")
    init.add_argument("--encrypt", action="store_true", help="an encrypted book (passphrase: a hidden prompt, "
                                                             "or the first line of standard input)")
    init.set_defaults(run=cmd_init, needs_app=False)

    imp = add_ledger_commands(commands, book, fmt, as_of, future)
    add_position_commands(commands, book, fmt, as_of)
    add_theme_commands(commands, book, fmt, as_of)
    add_export_commands(commands, book, imp)
    add_market_commands(commands, book, fmt)
    add_performance_commands(commands, book, fmt)
    base = commands.add_parser("base-currency", parents=[book], help="show or change the book's base currency")
    base.add_argument("currency", nargs="?", type=parse_currency)
    base.set_defaults(run=cmd_base_currency)
    backup = commands.add_parser("backup", parents=[book], help="consistent copy of the book")
    backup.add_argument("--out", type=Path, required=True)
    backup.add_argument("--encrypt", action="store_true", help="encrypt the backup file (AES-GCM; its passphrase: "
                                                               "a hidden prompt or the next line of stdin)")
    backup.set_defaults(run=cmd_backup)
    add_secret_commands(commands, book)
    return parser


def wants_window(args: argparse.Namespace) -> bool:
    """No command (or --self-test): the desktop window, which __main__ opens (the CLI never imports the UI)."""
    return args.self_test or args.command is None


def run(argv: Sequence[str] | None = None) -> int:
    """A command, as the console script runs it once __main__ has set the window aside."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if wants_window(args):
        parser.error("give a command (with none, `gigatracker` opens the desktop window)")
    return command(args)


def command(args: argparse.Namespace) -> int:
    """A command in a process of its own (the console script, `python -m gigatracker`, `run`)."""
    setup_logging()
    # The cyclic GC's passes over what a command builds (100k transactions, the ledger, the rows it
    # prints) were a fifth of a 100k replay, and found nothing to free: these objects form no cycles and
    # all die with the process. So a command runs without it, but one that runs for as long as asked
    # (`stream`); that one has what the imports made frozen out of its scans.
    gc.freeze()
    if not getattr(args, "runs_on", False):
        gc.disable()
    return execute(args)


def execute(args: argparse.Namespace) -> int:
    try:
        if not getattr(args, "needs_app", True):
            args.run(args)
            return 0
        with open_app(args) as app:
            for notice in app.book.notices:  # housekeeping beside the book: said, on stderr not to spoil output
                print(f"gigatracker: note: {app.book.name}: {notice}", file=sys.stderr)
            args.run(args, app)
        return 0
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except ImportRejected as error:  # already `FILE:LINE: field: why`, one per bad row
        for problem in error.problems:
            print(problem, file=sys.stderr)
        if any(IN_THE_FUTURE in problem.why for problem in error.problems):
            print(FUTURE_HINT, file=sys.stderr)
        return EXIT_FAILED
    except CliError as error:
        lines = error.lines
    except LedgerError as error:
        lines = [f"{error.field}: {error.message}"] + ([FUTURE_HINT] if IN_THE_FUTURE in error.message else [])
    except (BookError, MappingError, DuplicateError, MarketDataError, ValueError, OSError) as error:  # + BookFileError
        lines = [str(error)]
    except sqlalchemy.exc.OperationalError as error:  # the disk, not the data: a write was rolled back
        if "disk is full" not in str(error.orig) and "disk I/O error" not in str(error.orig):
            raise
        lines = [f"{shown(getattr(args, 'book', None) or 'the book')}: the disk is full (or failing): nothing was "
                 "written; free some space and try again"]
    for line in lines:
        log.warning("%s: %s", args.command, line)
        print(f"gigatracker: error: {line}", file=sys.stderr)
    return EXIT_FAILED
