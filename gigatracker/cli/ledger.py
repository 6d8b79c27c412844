"""The ledger on the command line: accounts, transactions (add, edit, delete, list) and imports (broker
and tracker files, manual prices)."""
from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from ..app import App
from ..core.ledger import COST_BASIS_METHODS, Transaction
from ..core.money import decimal_text, money_text
from ..services.importers.presets import PRESETS, detect
from .common import CliError, emit, parse_currency, parse_date, parse_decimal, parse_opening, parse_tx_type

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


# -- parser ----------------------------------------------------------------------------------------
def add_commands(commands, book, fmt, as_of, future):
    """`account`, `tx` and `import` (returned: other groups add their own kinds of import to it)."""
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
    return imp
