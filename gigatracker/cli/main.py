"""`gigatracker` on the command line: the same App as the desktop window, scriptable.

Data commands take --format table|json|csv; JSON money and quantities are decimal strings. On failure
the exit code is non-zero and stderr carries one line per problem.
"""
from __future__ import annotations

import argparse
import logging
import sys
from decimal import Decimal
from pathlib import Path
from typing import Sequence

import sqlalchemy.exc

from .. import __version__
from ..app import App
from .common import (emit, iso, parse_currency, parse_date, parse_decimal, parse_opening, parse_tx_type,
                         unit_text)
from ..core.checks import IN_THE_FUTURE
from ..core.ledger import COST_BASIS_METHODS, LedgerError, Transaction
from .exports import add_commands as add_export_commands
from .market import add_commands as add_market_commands
from .performance import add_commands as add_performance_commands
from .secrets import add_commands as add_secret_commands, open_app, read_secret
from .themes import add_commands as add_theme_commands
from ..core.money import decimal_text, money_text
from ..logs import setup_logging
from ..services.importers.csv_reader import ImportRejected
from ..services.importers.mapping import MappingError
from ..services.importers.presets import PRESETS, detect
from ..services.market.errors import MarketDataError
from ..services.store import BookError, default_book_path
from ..services.store.repository import DuplicateError

EXIT_FAILED = 1
FUTURE_HINT = "a planned transaction dated after today is accepted with --allow-future"


log = logging.getLogger("gigatracker.cli")


class CliError(Exception):
    """One or more user-facing problems; each becomes one line on stderr."""

    def __init__(self, *lines: str):
        super().__init__("\n".join(lines))
        self.lines = lines


# -- commands --------------------------------------------------------------------------------------
def cmd_init(args) -> None:
    path = args.book or default_book_path()
    passphrase = read_secret(f"Passphrase of {path.name}", confirm=True) if args.encrypt else None
    App.create(path, args.base_currency, passphrase).close()
    print(f"created {path} (base currency {args.base_currency}{', encrypted' if passphrase else ''})")


def cmd_account_add(args, app: App) -> None:
    app.add_account(args.portfolio, args.name, args.currency, args.cost_basis, short_selling=args.short_selling)
    print(f"added account '{args.name}' to portfolio '{args.portfolio}'")


def cmd_account_edit(args, app: App) -> None:
    account = app.update_account(args.account, new_name=args.name, portfolio=args.portfolio,
                                 cost_basis=args.cost_basis, short_selling=args.short_selling)
    print(f"account '{account.name}' ({account.portfolio}, {account.currency}, {account.cost_basis}"
          f"{', short selling' if account.short_selling else ''}) saved")


def cmd_account_delete(args, app: App) -> None:
    app.delete_account(args.account)
    print(f"account '{args.account}' deleted")


def cmd_account_list(args, app: App) -> None:
    emit([{"portfolio": a.portfolio, "name": a.name, "currency": a.currency, "cost_basis": a.cost_basis,
           "short_selling": a.short_selling} for a in app.accounts()], args.format)


def cmd_tx_add(args, app: App) -> None:
    tx = Transaction(date=args.date, account=args.account, type=args.type, currency=args.currency,
                     symbol=args.symbol, quantity=args.quantity,
                     price=args.price, amount=args.amount, fees=args.fees, taxes=args.taxes,
                     fx_rate=args.fx_rate, ratio=args.ratio, note=args.note)
    app.add_transaction(tx, allow_future=args.allow_future)
    print(f"added {tx.type} {tx.symbol or ''} on {tx.date} to '{tx.account}'".replace("  ", " "))


def cmd_tx_edit(args, app: App) -> None:
    old = app.transaction(args.id)
    fields = {name: getattr(args, name) for name in ("date", "account", "type", "currency", "symbol", "quantity",
                                                     "price", "amount", "fees", "taxes", "fx_rate", "ratio", "note")
              if getattr(args, name) is not None}
    app.update_transaction(args.id, old._replace(**fields), allow_future=args.allow_future)
    print(f"updated transaction #{args.id}")


def cmd_tx_delete(args, app: App) -> None:
    app.delete_transaction(args.id)
    print(f"deleted transaction #{args.id}")


def tx_record(tx: Transaction) -> dict:
    return {
        "id": tx.id, "date": tx.date.isoformat(), "account": tx.account, "type": tx.type.value,
        "symbol": tx.symbol, "quantity": decimal_text(tx.quantity), "price": decimal_text(tx.price),
        "amount": money_text(tx.amount, tx.currency), "fees": money_text(tx.fees, tx.currency),
        "taxes": money_text(tx.taxes, tx.currency), "currency": tx.currency,
        "fx_rate": decimal_text(tx.fx_rate), "ratio": decimal_text(tx.ratio), "note": tx.note,
    }


def cmd_tx_list(args, app: App) -> None:
    txs = app.transactions(as_of=args.as_of)
    if args.account:
        txs = [tx for tx in txs if tx.account == args.account]
    emit([tx_record(tx) for tx in txs], args.format)


def cmd_import_transactions(args, app: App) -> None:
    if (args.mapping is None) == (args.preset is None):
        raise CliError("give either --mapping FILE or --preset NAME (or --preset auto)")
    if args.preset == "auto":  # say which format was recognised before anything else is said about the file
        args.preset = detect(args.file).name
        print(f"{args.file}: recognised as {PRESETS[args.preset].label} (preset {args.preset})",
              file=sys.stderr if args.format == "json" else sys.stdout)
    openings = dict(args.opening)
    if args.preset is not None:
        result = app.import_with_preset(args.file, args.preset, account=args.account, dry_run=args.dry_run,
                                        portfolio=args.portfolio, openings=openings,
                                        skip_unknown=args.skip_unknown, allow_future=args.allow_future)
    else:
        if args.skip_unknown:
            raise CliError("--skip-unknown is for a preset's rows of unknown kinds; a mapping file names its types "
                           "in [types]")
        result = app.import_transactions(args.file, args.mapping, account=args.account, dry_run=args.dry_run,
                                         openings=openings, allow_future=args.allow_future)
    isins = [] if result.dry_run else app.isin_named()
    if args.format == "json":
        emit({"source": result.source, "preset": result.preset, "rows": result.rows, "added": result.added,
              "skipped": result.skipped, "dry_run": result.dry_run,
              "ignored": [{"line": line, "why": why} for line, why in result.ignored], "named_by_isin": isins,
              "accounts_created": result.accounts_created, "securities": result.securities,
              "prices": result.prices, "taxonomies": result.taxonomies, "notes": result.notes,
              "reconciliation": reconciliation_record(result.reconciliation)}, "json")
        return
    verb = "would add" if result.dry_run else "added"
    print(f"{result.source}: {result.rows} row{'s' if result.rows != 1 else ''}, {verb} {result.added}, "
          f"skipped {result.skipped} already imported")
    if result.accounts_created:
        print(f"  accounts {'to create' if result.dry_run else 'created'}: {', '.join(result.accounts_created)}")
    if result.securities or result.prices or result.taxonomies:
        print(f"  {result.securities} securities, {result.prices} closes, {result.taxonomies} taxonomies")
    for note in result.notes:
        print(f"  note: {note}")
    for line, why in result.ignored:
        print(f"  ignored line {line}: {why}")
    if result.reconciliation is not None:
        print(f"reconciliation: {result.reconciliation.summary()}")
        for difference in result.reconciliation.differences:
            print(f"  {difference}")
    if isins:
        print(f"{len(isins)} securities are named by ISIN and get no quotes until renamed to their Yahoo symbol: "
              "see `gigatracker security find-symbols`")


def reconciliation_record(reconciliation) -> dict | None:
    if reconciliation is None:
        return None
    return {"agrees": reconciliation.agrees, "checked": reconciliation.checked,
            "differences": [{"what": d.what, "subject": d.subject, "expected": decimal_text(d.expected),
                             "got": decimal_text(d.got), "difference": decimal_text(d.difference), "why": d.why}
                            for d in reconciliation.differences]}


def cmd_import_prices(args, app: App) -> None:
    result = app.import_prices(args.file)
    print(f"{result.source}: {result.rows} prices for {result.symbols} symbols")


def cmd_holdings(args, app: App) -> None:
    names = app.security_names()
    rows = []
    for v in app.holdings(portfolio=args.portfolio, as_of=args.as_of):
        base = v.base_currency
        rows.append({
            "portfolio": v.portfolio, "account": v.account, "symbol": v.symbol, "name": names.get(v.symbol),
            "quantity": decimal_text(v.quantity), "cost_basis": money_text(v.cost_basis, v.currency),
            "average_cost": unit_text(v.average_cost), "currency": v.currency,
            "price": decimal_text(v.price), "price_date": iso(v.price_date), "price_source": v.price_source,
            "market_value": money_text(v.market_value, v.currency),
            "fx_rate": decimal_text(v.fx_rate.quantize(Decimal("1e-10")) if v.fx_rate is not None else None),
            "fx_date": iso(v.fx_date), "fx_via": v.fx_via,
            "market_value_base": money_text(v.market_value_base, base),
            "unrealized_pnl_base": money_text(v.unrealized_pnl_base, base), "base_currency": base,
            "problem": v.problem,
        })
    emit(rows, args.format)


def cmd_dashboard(args, app: App) -> None:
    from ..app.dashboard import build_dashboard
    d = build_dashboard(app, args.portfolio)
    base = d.base_currency
    document = {
        "portfolio": d.portfolio, "base_currency": base, "total_base": money_text(d.total_base, base),
        "cash_base": money_text(d.cash_base, base), "day_change_base": money_text(d.day_change_base, base),
        "day_change_pct": decimal_text(round(d.day_change_pct, 2)) if d.day_change_pct is not None else None,
        "unrealized_pnl_base": money_text(d.unrealized_pnl_base, base),
        "top_themes": [{"theme": path, "weight_bp": bp, "value_base": money_text(value, base)}
                       for path, bp, value in d.top_themes],
        "breaches": [{"rule": v.rule.label, "key": v.key, "weight_bp": v.weight_bp, "limit_bp": v.limit_bp,
                      "action": v.action, "amount_base": money_text(v.amount_base, base)} for v in d.breaches],
        "look_through": d.look_through, "coverage_bp": d.coverage_bp, "holdings_as_of": iso(d.holdings_as_of),
        "stale_prices": d.stale_prices, "unvalued": d.unvalued, "unclassified": d.unclassified,
        "reviews": [{"theme": t.path, "review_date": iso(t.review_date), "overdue": d.overdue(t),
                     "conviction": t.conviction} for t in d.reviews],
    }
    if args.format == "json":
        emit(document, "json")
        return
    print(f"Total {document['total_base']} {base} (cash {document['cash_base']}) · day change "
          f"{document['day_change_base'] or '—'} ({document['day_change_pct'] or '—'} %) · unrealized P&L "
          f"{document['unrealized_pnl_base']}")
    for key in ("top_themes", "breaches", "reviews"):
        print(f"\n{key.replace('_', ' ')}:")
        emit(document[key], "table")
    print(f"\nstale prices: {', '.join(d.stale_prices) or 'none'} · unclassified: {', '.join(d.unclassified) or 'none'}"
          f" · not valued: {'; '.join(d.unvalued) or 'none'}")


def cmd_clients(args, app: App) -> None:
    from ..app.clients import against_model, against_targets, overview
    clients = overview(app)
    found = {d.portfolio: (d, weights) for d, weights in clients}
    if args.compare is None:
        emit([{"portfolio": d.portfolio, "total_base": money_text(d.total_base, d.base_currency),
               "base_currency": d.base_currency,
               "top_themes": ", ".join(f"{path} {bp / 100:.1f}%" for path, bp, _v in d.top_themes[:3]),
               "breached_rules": len(d.breaches), "overdue_reviews": sum(d.overdue(t) for t in d.reviews)}
              for d, _weights in clients], args.format)
        return
    for name in (args.compare, args.against):
        if name != "targets" and name not in found:
            raise CliError(f"no portfolio '{name}' (portfolios: {', '.join(found) or 'none'})")
    client, weights = found[args.compare]
    if args.against == "targets":
        base = client.base_currency
        emit([{"dimension": c.rule.dimension, "key": c.rule.key, "origin": c.rule.origin,
               "weight_bp": c.weight_bp, "min_bp": c.rule.min_bp, "max_bp": c.rule.max_bp,
               "status": "within" if c.violation is None else ("below" if c.violation.action == "add" else "above"),
               "action": c.violation.action if c.violation else None,
               "amount_base": money_text(c.violation.amount_base, base) if c.violation else None}
              for c in against_targets(client.rules)], args.format)
        return
    rows, gap = against_model(weights, found[args.against][1])
    emit([{"theme": r.theme, "client_bp": r.client_bp, "model_bp": r.model_bp, "difference_bp": r.difference_bp}
          for r in rows], args.format)
    if args.format == "table":
        print(f"\n{gap / 100:.1f}% of {args.compare}'s weight sits differently from {args.against}")


def cmd_lots(args, app: App) -> None:
    emit([{"account": lot.account, "symbol": lot.symbol, "acquired": lot.acquired.isoformat(),
           "quantity": decimal_text(lot.quantity), "cost": money_text(lot.cost, lot.currency),
           "unit_cost": unit_text(lot.cost / lot.quantity), "currency": lot.currency}
          for lot in app.ledger(args.as_of).open_lots()], args.format)


def cmd_realized(args, app: App) -> None:
    emit([{"date": s.date.isoformat(), "account": s.account, "symbol": s.symbol,
           "quantity": decimal_text(s.quantity), "proceeds": money_text(s.proceeds, s.currency),
           "cost": money_text(s.cost, s.currency), "realized": money_text(s.realized, s.currency),
           "currency": s.currency, "transaction_id": s.tx_id}
          for s in app.ledger(args.as_of).sales], args.format)


def cmd_cash(args, app: App) -> None:
    emit([{"account": account, "currency": currency, "balance": money_text(balance, currency)}
          for (account, currency), balance in app.ledger(args.as_of).cash_balances().items()], args.format)


def cmd_income(args, app: App) -> None:
    emit([{"account": account, "currency": currency, "kind": kind, "total": money_text(total, currency)}
          for (account, currency, kind), total in app.ledger(args.as_of).income_totals().items()], args.format)


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
    parser.add_argument("--book", type=Path, help="book file (default: the default book)")
    parser.add_argument("--self-test", action="store_true", help="check this installation offscreen (fonts, "
                                                                 "text, translations, icon, every view) and exit")
    parser.add_argument("--screenshot", type=Path, help="with --self-test: save the window's picture here")
    book = argparse.ArgumentParser(add_help=False)
    book.add_argument("--book", type=Path, default=argparse.SUPPRESS,
                      help="book file (default: the default book, made from the demo on first use)")
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
    init.add_argument("--base-currency", type=parse_currency, default="EUR")
    init.add_argument("--encrypt", action="store_true", help="an encrypted book (passphrase: a hidden prompt, "
                                                             "or the first line of standard input)")
    init.set_defaults(run=cmd_init, needs_app=False)

    account = commands.add_parser("account", help="accounts").add_subparsers(dest="action", required=True)
    add = account.add_parser("add", parents=[book], help="add an account (and its portfolio if new)")
    add.add_argument("--portfolio", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--currency", type=parse_currency, required=True)
    add.add_argument("--cost-basis", choices=COST_BASIS_METHODS, default="fifo")
    add.add_argument("--short-selling", action="store_true",
                     help="a SELL beyond what is held opens a short position (otherwise it is refused)")
    add.set_defaults(run=cmd_account_add)
    edit = account.add_parser("edit", parents=[book], help="rename an account, move it to another portfolio, "
                                                           "change its cost basis or short selling")
    edit.add_argument("account")
    edit.add_argument("--name", help="a new name (not for an account with imported transactions)")
    edit.add_argument("--portfolio")
    edit.add_argument("--cost-basis", choices=COST_BASIS_METHODS)
    edit.add_argument("--short-selling", action=argparse.BooleanOptionalAction, default=None)
    edit.set_defaults(run=cmd_account_edit)
    delete = account.add_parser("delete", parents=[book], help="delete an account that has no transactions")
    delete.add_argument("account")
    delete.set_defaults(run=cmd_account_delete)
    account.add_parser("list", parents=[book, fmt], help="list accounts").set_defaults(run=cmd_account_list)

    tx = commands.add_parser("tx", help="transactions").add_subparsers(dest="action", required=True)
    tx_add = tx.add_parser("add", parents=[book, future], help="add one transaction")
    tx_add.add_argument("--account", required=True)
    tx_add.add_argument("--date", type=parse_date, required=True)
    tx_add.add_argument("--type", type=parse_tx_type, required=True)
    tx_add.add_argument("--currency", type=parse_currency, required=True)
    tx_add.add_argument("--symbol")
    for name in ("quantity", "price", "amount", "fx-rate", "ratio"):
        tx_add.add_argument(f"--{name}", type=parse_decimal)
    tx_add.add_argument("--fees", type=parse_decimal, default=Decimal(0))
    tx_add.add_argument("--taxes", type=parse_decimal, default=Decimal(0))
    tx_add.add_argument("--note", default="")
    tx_add.set_defaults(run=cmd_tx_add)
    tx_edit = tx.add_parser("edit", parents=[book, future],
                            help="change fields of a transaction (see `tx list` for ids)")
    tx_edit.add_argument("id", type=int)
    tx_edit.add_argument("--account")
    tx_edit.add_argument("--date", type=parse_date)
    tx_edit.add_argument("--type", type=parse_tx_type)
    tx_edit.add_argument("--currency", type=parse_currency)
    tx_edit.add_argument("--symbol")
    for name in ("quantity", "price", "amount", "fx-rate", "ratio", "fees", "taxes"):
        tx_edit.add_argument(f"--{name}", type=parse_decimal)
    tx_edit.add_argument("--note")
    tx_edit.set_defaults(run=cmd_tx_edit)
    tx_delete = tx.add_parser("delete", parents=[book], help="delete a transaction unless a later one needs it")
    tx_delete.add_argument("id", type=int)
    tx_delete.set_defaults(run=cmd_tx_delete)
    tx_list = tx.add_parser("list", parents=[book, fmt, as_of], help="list transactions")
    tx_list.add_argument("--account")
    tx_list.set_defaults(run=cmd_tx_list)

    imp = commands.add_parser("import", help="import files").add_subparsers(dest="action", required=True)
    imp_tx = imp.add_parser("transactions", parents=[book, future],
                            help="import a broker's or tracker's file, through a preset or a mapping file")
    imp_tx.add_argument("file", type=Path)
    imp_tx.add_argument("--mapping", type=Path, help="a TOML mapping file (docs/formats.md)")
    imp_tx.add_argument("--preset", help=f"a known format: auto (recognised from the header), {', '.join(PRESETS)}")
    imp_tx.add_argument("--account", help="the account to import into (with a mapping: for rows without an "
                                          "account column; with a preset: every row)")
    imp_tx.add_argument("--portfolio", help="for a file that brings its own accounts (a Portfolio Performance "
                                            "file): the portfolio they are made in (default: the file's name)")
    imp_tx.add_argument("--opening", action="append", type=parse_opening, default=[], metavar="SYMBOL=QTY@COST",
                        help="a position held before the file's first row (a statement that starts mid-life): "
                             "its quantity and total cost, e.g. IE00B3RBWM25=7@700.50; repeat for each")
    imp_tx.add_argument("--skip-unknown", action="store_true",
                        help="import the rest of a file that has rows of a kind the preset does not know, and list "
                             "those rows (without it, such a file is refused)")
    imp_tx.add_argument("--format", choices=("text", "json"), default="text")
    imp_tx.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    imp_tx.set_defaults(run=cmd_import_transactions)
    imp.add_parser("prices", parents=[book], help="import a CSV date,symbol,close,currency").add_argument(
        "file", type=Path)
    imp.choices["prices"].set_defaults(run=cmd_import_prices)

    holdings = commands.add_parser("holdings", parents=[book, fmt, as_of], help="valued positions")
    holdings.add_argument("--portfolio")
    holdings.set_defaults(run=cmd_holdings)
    dashboard = commands.add_parser("dashboard", parents=[book, fmt], help="the dashboard's figures")
    dashboard.add_argument("--portfolio")
    dashboard.set_defaults(run=cmd_dashboard)
    clients = commands.add_parser("clients", parents=[book, fmt], help="every portfolio side by side, or one "
                                                                       "compared with a model or its targets")
    clients.add_argument("--compare", metavar="PORTFOLIO", help="the client portfolio to compare")
    clients.add_argument("--with", dest="against", default="targets", metavar="MODEL",
                         help="a model portfolio, or 'targets' (its theme targets and rules; the default)")
    clients.set_defaults(run=cmd_clients)
    for name, run, text in (("lots", cmd_lots, "open lots"), ("realized", cmd_realized, "realized P&L per sale"),
                            ("cash", cmd_cash, "cash per account and currency"),
                            ("income", cmd_income, "dividends, interest, fees and taxes")):
        commands.add_parser(name, parents=[book, fmt, as_of], help=text).set_defaults(run=run)
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
    setup_logging()
    return execute(args)


def execute(args: argparse.Namespace) -> int:
    try:
        if not getattr(args, "needs_app", True):
            args.run(args)
            return 0
        with open_app(args) as app:
            for notice in app.book.notices:  # housekeeping beside the book: said, on stderr not to spoil output
                print(f"gigatracker: note: {app.book.path.name}: {notice}", file=sys.stderr)
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
        lines = [f"{getattr(args, 'book', None) or 'the book'}: the disk is full (or failing): nothing was "
                 "written; free some space and try again"]
    for line in lines:
        log.warning("%s: %s", args.command, line)
        print(f"gigatracker: error: {line}", file=sys.stderr)
    return EXIT_FAILED
