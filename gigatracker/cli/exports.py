"""CLI commands that export a book (tables as CSV/XLSX, the whole book as JSON) and import a book file."""
from __future__ import annotations

from pathlib import Path

from ..app import App
from ..environment import book_location
from ..core.exposure import DIMENSIONS, View
from ..core.themes import DEFAULT_TAXONOMY


def cmd_export_table(args, app: App) -> None:
    exports = app.exports
    if args.what == "holdings":
        table = exports.holdings_table(args.portfolio)
    elif args.what == "transactions":
        table = exports.transactions_table(args.portfolio)
    else:
        table = exports.exposure_table(View(args.by, args.taxonomy, args.depth, args.look_through), args.portfolio)
    exports.write(table, args.out)
    print(f"{args.out}: {len(table.rows)} rows")


def cmd_export_book(args, app: App) -> None:
    from .secrets import read_secret
    passphrase = read_secret(f"Passphrase of {args.out.name}", confirm=True) if args.encrypt else None
    document = app.exports.export_book(args.out, passphrase)
    print(f"{args.out}: {len(document['accounts'])} accounts, {len(document['transactions'])} transactions, "
          f"{len(document['prices'])} prices")


def cmd_import_book(args) -> None:
    from .secrets import read_secret
    from ..services.secrets.sealed import is_sealed
    passphrase = read_secret(f"Passphrase of {args.file.name}") if is_sealed(args.file) else None
    with App.import_book(args.file, args.book, passphrase) as app:
        print(f"{app.book.location}: {len(app.accounts())} accounts, {len(app.transactions())} transactions")


def cmd_report(args, app: App) -> None:
    from ..services.reports.qt import painting_app
    qt_app = painting_app()
    from ..app.report_data import gather
    from ..services.reports.adviser import safe_file_name, write_pdf
    if args.language:
        from ..services.language import install_language
        install_language(args.language)
    portfolios = app.portfolios() if args.all else [args.portfolio]
    unknown = [name for name in portfolios if name not in app.portfolios()]
    if unknown:
        raise ValueError(f"unknown portfolio '{unknown[0]}' (portfolios: {', '.join(app.portfolios())})")
    if args.all:
        args.out.mkdir(parents=True, exist_ok=True)
    for name in portfolios:
        out = args.out / safe_file_name(name) if args.all else args.out
        write_pdf(gather(app, name), out, book=app.book.path)
        print(f"{name}: {out}")
    del qt_app


def add_commands(commands, book, imports) -> None:
    export = commands.add_parser("export", help="export tables or the whole book").add_subparsers(
        dest="what", required=True)
    for what, text in (("holdings", "valued positions"), ("transactions", "the ledger"),
                       ("exposure", "exposure by a dimension")):
        sub = export.add_parser(what, parents=[book], help=f"{text} to .csv or .xlsx (by the file name)")
        sub.add_argument("--out", type=Path, required=True)
        sub.add_argument("--portfolio")
        if what == "exposure":
            sub.add_argument("--by", choices=DIMENSIONS, default="theme")
            sub.add_argument("--taxonomy", default=DEFAULT_TAXONOMY)
            sub.add_argument("--depth", type=int)
            sub.add_argument("--look-through", action="store_true")
        sub.set_defaults(run=cmd_export_table)
    whole = export.add_parser("book", parents=[book], help="the whole book as JSON (see docs/formats.md)")
    whole.add_argument("--out", type=Path, required=True)
    whole.add_argument("--encrypt", action="store_true", help="encrypt the file (AES-GCM; its passphrase: a hidden "
                                                              "prompt or the next line of stdin)")
    whole.set_defaults(run=cmd_export_book)
    report = commands.add_parser("report", parents=[book], help="an adviser's PDF report per portfolio")
    which = report.add_mutually_exclusive_group(required=True)
    which.add_argument("--portfolio", help="one portfolio (its report goes to --out FILE.pdf)")
    which.add_argument("--all", action="store_true", help="every portfolio (reports go into --out DIR)")
    report.add_argument("--out", type=Path, required=True)
    report.add_argument("--language", choices=("en", "fr"), help="the report's language and number format")
    report.set_defaults(run=cmd_report)
    imported = imports.add_parser("book", help="a book JSON file into a new book (--book names the new file)")
    imported.add_argument("file", type=Path)
    imported.add_argument("--book", type=book_location, required=True,
                          help="the new book: a file, or an empty database's postgresql://…")
    imported.set_defaults(run=cmd_import_book, needs_app=False)

