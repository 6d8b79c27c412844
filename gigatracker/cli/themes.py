"""CLI commands for themes, theses, the security master, fund look-through, exposure, rules and the demo."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from ..app import App
from ..environment import BOOK_ENV, book_from_environment, book_location
from ..app.themes import ASSET_CLASSES
from .common import emit, parse_date
from ..core.exposure import DIMENSIONS, View
from ..core.money import money_text
from ..core.rules import RULE_DIMENSIONS, Rule, rule_in_words
from ..core.themes import DEFAULT_TAXONOMY, Thesis, normalize_path


# -- commands ---------------------------------------------------------------------------------------
def cmd_themes_add(args, app: App) -> None:
    created = app.themes.add_theme(args.path, taxonomy=args.taxonomy, colour=args.colour,
                                   description=args.description, target_min_bp=args.target_min_bp,
                                   target_max_bp=args.target_max_bp)
    print(f"{args.taxonomy}: created {', '.join(created)}" if created else f"{args.taxonomy}: updated {args.path}")


def cmd_themes_assign(args, app: App) -> None:
    weights = app.themes.assign(args.symbol, args.weights, taxonomy=args.taxonomy)
    rest = 10_000 - sum(weights.values())
    print(f"{args.symbol} in {args.taxonomy}: " + ", ".join(f"{p} {bp} bp" for p, bp in weights.items())
          + (f"{', ' if weights else ''}Unassigned {rest} bp" if rest else ""))


def cmd_themes_rename(args, app: App) -> None:
    moved = app.themes.rename_theme(args.old, args.new, taxonomy=args.taxonomy)
    print(f"'{args.old}' is now '{args.new}' ({moved} themes)")


def cmd_themes_list(args, app: App) -> None:
    assignments = app.themes.assignments()
    rows = []
    for theme in app.themes.list_themes():
        if args.taxonomy and theme.taxonomy != args.taxonomy:
            continue
        members = sorted(sym for sym, weights in assignments.get(theme.taxonomy, {}).items() if theme.path in weights)
        rows.append({"taxonomy": theme.taxonomy, "path": theme.path, "colour": theme.colour,
                     "target_min_bp": theme.target_min_bp, "target_max_bp": theme.target_max_bp,
                     "securities": " ".join(members)})
    emit(rows, args.format)


def cmd_themes_export(args, app: App) -> None:
    pack = app.themes.export_pack(args.file, author=args.author, source=args.source)
    print(f"exported {len(pack['taxonomies'])} taxonomies to {args.file}")


def cmd_themes_import(args, app: App) -> None:
    s = app.themes.import_pack(args.file)
    print(f"{args.file}: {s.taxonomies} taxonomies, {s.themes_created} themes created, {s.theses} theses, "
          f"{s.assignments} securities assigned, {s.journal_added} journal entries added")


def cmd_thesis_set(args, app: App) -> None:
    app.themes.set_thesis(Thesis(args.taxonomy, normalize_path(args.path), args.statement, args.conviction,
                                 args.kill_criteria, args.catalysts, args.review_date))
    print(f"thesis set on {args.taxonomy}: {args.path}")


def cmd_thesis_note(args, app: App) -> None:
    entry = app.themes.add_note(args.path, args.text, taxonomy=args.taxonomy, written=args.date)
    prices = "; ".join(f"{s} {p}" for s, p in entry.prices.items())
    print(f"noted on {entry.written}: weight {entry.weight_bp} bp" + (f"; {prices}" if prices else ""))


def cmd_thesis_list(args, app: App) -> None:
    journal = app.themes.journal()
    today = date.today()
    emit([{"taxonomy": t.taxonomy, "path": t.path, "statement": t.statement, "conviction": t.conviction,
            "kill_criteria": t.kill_criteria, "catalysts": t.catalysts,
            "review_date": t.review_date.isoformat() if t.review_date else None,
            "review_overdue": bool(t.review_date and t.review_date < today),
            "journal_entries": sum(1 for e in journal if (e.taxonomy, e.path) == (t.taxonomy, t.path))}
           for t in app.themes.theses()], args.format)


def cmd_thesis_journal(args, app: App) -> None:
    emit([{"taxonomy": e.taxonomy, "path": e.path, "written": e.written.isoformat(), "text": e.text,
            "weight_bp": e.weight_bp, "prices": json.dumps(e.prices, ensure_ascii=False) if args.format != "json"
            else e.prices} for e in app.themes.journal() if not args.path or e.path == args.path], args.format)


def cmd_security_set(args, app: App) -> None:
    fields = {name: getattr(args, name) for name in ("name", "isin", "currency", "asset_class", "exchange",
                                                    "sector", "industry", "country")}
    app.themes.set_security(args.symbol, **fields)
    print(f"security {args.symbol} saved")


def cmd_security_list(args, app: App) -> None:
    emit([{"symbol": s.symbol, "name": s.name, "isin": s.isin, "currency": s.currency,
            "asset_class": s.asset_class, "exchange": s.exchange, "sector": s.sector, "industry": s.industry,
            "country": s.country} for s in sorted(app.themes.master().values(), key=lambda s: s.symbol)],
          args.format)


def cmd_security_rename(args, app: App) -> None:
    moved = app.rename_security(args.old, args.new)
    print(f"{args.old} is now {args.new} ({moved} transaction{'' if moved == 1 else 's'})")


def cmd_security_find_symbols(args, app: App) -> None:
    """Securities named by ISIN (from a broker's file) and the Yahoo listing to quote them by."""
    suggestions = app.market.suggest_symbols()
    applied = app.rename_securities({s.symbol: s.choice for s in suggestions if s.choice}) \
        if args.apply and any(s.choice for s in suggestions) else {}
    rows = [{"isin": s.symbol, "name": s.name, "currency": s.currency, "symbol": s.choice, "why": s.reason,
             "renamed": s.symbol in applied,
             "listings": [{"symbol": x.symbol, "exchange": x.exchange_name or x.exchange, "currency": x.currency,
                           "kind": x.kind, "name": x.name} for x in s.listings]} for s in suggestions]
    if args.format != "json":
        for row in rows:
            row["listings"] = ", ".join(f"{x['symbol']} ({x['exchange']})" for x in row["listings"])
    emit(rows, args.format)


def cmd_funds_import(args, app: App) -> None:
    result = app.themes.import_fund_holdings(args.file, args.mapping, fund=args.fund, as_of=args.as_of,
                                             source=args.source)
    print(f"{args.fund}: {result.holdings} holdings covering {result.covered_percent:.2f}% as of {result.as_of}")


def cmd_exposure(args, app: App) -> None:
    view = View(args.by, args.taxonomy, args.depth, args.look_through)
    if args.contributors is not None:
        base = app.base_currency
        emit([{"portfolio": c.portfolio, "account": c.account, "symbol": c.symbol, "via": c.via,
               "share_of_position_bp": round(c.share_of_position * 10_000),
               "value_base": money_text(c.value_base, base)}
              for c in app.themes.contributors(view, args.contributors, portfolio=args.portfolio)], args.format)
        return
    cross = View(args.cross, args.taxonomy, args.depth, args.look_through) if args.cross else None
    report = app.themes.exposure(view, cross=cross, portfolio=args.portfolio, as_of=args.as_of)
    result, base = report.exposure, report.exposure.base_currency
    if report.cross:
        rows = [{"key": c.key, "key2": c.key2, "value_base": money_text(c.value_base, base), "weight_bp": c.weight_bp}
                for c in report.cross[1]]
    else:
        rows = [{"key": r.key, "value_base": money_text(r.value_base, base), "weight_bp": r.weight_bp}
                for r in result.rows]
    conc = report.concentration
    document = {
        "dimension": args.by, "taxonomy": args.taxonomy if "theme" in (args.by, args.cross) else None,
        "depth": args.depth, "base_currency": base, "total_base": money_text(result.total_base, base),
        "look_through": args.look_through, "coverage_bp": result.coverage_bp,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "valued_as_of": args.as_of.isoformat() if args.as_of else None,
        **({"cross": args.cross} if args.cross else {}),
        "rows": rows,
        "concentration": {"hhi": str(conc.hhi), "effective_bets": str(conc.effective_bets),
                          "largest": conc.largest, "largest_weight_bp": conc.largest_weight_bp,
                          "over": "underlying issuers" if args.look_through else "positions"},
        "problems": report.problems,
    }
    if args.format == "json":
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return
    if args.format == "table":
        what = f"{args.by}" + (f" [{args.taxonomy}]" if args.by == "theme" else "")
        what += f" x {args.cross}" if args.cross else ""
        line = f"Exposure by {what}: total {document['total_base']} {base}"
        if args.look_through:
            line += f" · look-through {(result.coverage_bp or 0) / 100:g}%"
            line += f" · holdings as of {document['as_of']}" if document["as_of"] else ""
        print(line)
        print(f"Concentration: HHI {conc.hhi}, {conc.effective_bets} effective bets "
              f"({document['concentration']['over']})")
        for problem in report.problems:
            print(f"not valued: {problem}")
    emit(rows, args.format)


def cmd_rules_add(args, app: App) -> None:
    rule_id = app.themes.add_rule(Rule(args.by, args.key, args.max_bp, args.min_bp, args.taxonomy))
    print(f"rule #{rule_id} added")


def cmd_rules_list(args, app: App) -> None:
    emit([{"id": r.id, "rule": rule_in_words(r), "dimension": r.dimension, "taxonomy": r.taxonomy, "key": r.key,
            "min_bp": r.min_bp, "max_bp": r.max_bp, "origin": r.origin} for r in app.themes.rules()], args.format)


def cmd_rules_remove(args, app: App) -> None:
    app.themes.delete_rule(args.id)
    print(f"rule #{args.id} removed")


def cmd_rules_check(args, app: App) -> None:
    base = app.base_currency
    violations = app.themes.check_rules(look_through=args.look_through, portfolio=args.portfolio, as_of=args.as_of)
    emit([{"rule": rule_in_words(v.rule), "origin": v.rule.origin, "key": v.key, "weight_bp": v.weight_bp,
            "limit_bp": v.limit_bp, "action": v.action, "amount_base": money_text(v.amount_base, base)}
           for v in violations], args.format)


def cmd_demo(args) -> None:
    from ..app.demo import build_demo_book
    with build_demo_book(args.book) as book:
        print(f"demo book created at {book.location}")


# -- parser -----------------------------------------------------------------------------------------
def add_commands(commands, book, fmt, as_of) -> None:
    taxonomy = argparse.ArgumentParser(add_help=False)
    taxonomy.add_argument("--taxonomy", default=DEFAULT_TAXONOMY)

    themes = commands.add_parser("themes", help="thesis themes").add_subparsers(dest="action", required=True)
    add = themes.add_parser("add", parents=[book, taxonomy], help="add a theme (and its parents)")
    add.add_argument("path", help="e.g. 'Inference era/Inference chips'")
    add.add_argument("--colour", default="")
    add.add_argument("--description", default="")
    add.add_argument("--target-min-bp", type=int)
    add.add_argument("--target-max-bp", type=int)
    add.set_defaults(run=cmd_themes_add)
    assign = themes.add_parser("assign", parents=[book, taxonomy],
                               help="replace a security's weights in a taxonomy")
    assign.add_argument("symbol")
    assign.add_argument("weights", nargs="*", metavar="PATH=BP")
    assign.set_defaults(run=cmd_themes_assign)
    rename = themes.add_parser("rename", parents=[book, taxonomy],
                               help="rename or move a theme with its sub-themes (assignments and theses follow)")
    rename.add_argument("old")
    rename.add_argument("new")
    rename.set_defaults(run=cmd_themes_rename)
    listing = themes.add_parser("list", parents=[book, fmt], help="themes and their securities")
    listing.add_argument("--taxonomy")
    listing.set_defaults(run=cmd_themes_list)
    export = themes.add_parser("export", parents=[book], help="write a theme pack (JSON)")
    export.add_argument("file", type=Path)
    export.add_argument("--author", default="")
    export.add_argument("--source", default="")
    export.set_defaults(run=cmd_themes_export)
    imp = themes.add_parser("import", parents=[book], help="merge a theme pack (JSON)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=cmd_themes_import)

    thesis = commands.add_parser("thesis", help="theses and their journal").add_subparsers(dest="action", required=True)
    set_ = thesis.add_parser("set", parents=[book, taxonomy], help="set the thesis of a theme")
    set_.add_argument("path")
    set_.add_argument("--statement", required=True)
    set_.add_argument("--conviction", type=int, required=True, choices=range(1, 6), metavar="1-5")
    set_.add_argument("--review-date", type=parse_date)
    set_.add_argument("--kill-criteria", default="")
    set_.add_argument("--catalysts", default="")
    set_.set_defaults(run=cmd_thesis_set)
    note = thesis.add_parser("note", parents=[book, taxonomy], help="add a journal entry (snapshots weight, prices)")
    note.add_argument("path")
    note.add_argument("text")
    note.add_argument("--date", type=parse_date)
    note.set_defaults(run=cmd_thesis_note)
    thesis.add_parser("list", parents=[book, fmt], help="theses").set_defaults(run=cmd_thesis_list)
    journal = thesis.add_parser("journal", parents=[book, fmt], help="journal entries")
    journal.add_argument("--path")
    journal.set_defaults(run=cmd_thesis_journal)

    security = commands.add_parser("security", help="the security master").add_subparsers(dest="action",
                                                                                          required=True)
    sec_set = security.add_parser("set", parents=[book], help="create or edit a security")
    sec_set.add_argument("symbol")
    for name in ("name", "isin", "currency", "exchange", "sector", "industry", "country"):
        sec_set.add_argument(f"--{name}")
    sec_set.add_argument("--asset-class", choices=ASSET_CLASSES)
    sec_set.set_defaults(run=cmd_security_set)
    security.add_parser("list", parents=[book, fmt], help="list securities").set_defaults(run=cmd_security_list)
    sec_rename = security.add_parser("rename", parents=[book], help="give a security another symbol everywhere "
                                                                    "(merged if the book already has the new one)")
    sec_rename.add_argument("old")
    sec_rename.add_argument("new")
    sec_rename.set_defaults(run=cmd_security_rename)
    find = security.add_parser("find-symbols", parents=[book, fmt], help="the Yahoo listing of each security the "
                                                                         "book names by ISIN (from Yahoo's search)")
    find.add_argument("--apply", action="store_true", help="rename each to the listing found, when one clearly is")
    find.set_defaults(run=cmd_security_find_symbols)

    funds = commands.add_parser("funds", help="fund look-through").add_subparsers(dest="action", required=True)
    fund_import = funds.add_parser("import", parents=[book], help="import a fund's holdings file")
    fund_import.add_argument("file", type=Path)
    fund_import.add_argument("--fund", required=True)
    fund_import.add_argument("--as-of", type=parse_date, required=True)
    fund_import.add_argument("--mapping", type=Path, required=True)
    fund_import.add_argument("--source", default="issuer")
    fund_import.set_defaults(run=cmd_funds_import)

    exp = commands.add_parser("exposure", parents=[book, fmt, taxonomy, as_of], help="exposure by a dimension")
    exp.add_argument("--by", choices=DIMENSIONS, default="theme")
    exp.add_argument("--cross", choices=DIMENSIONS)
    exp.add_argument("--look-through", action="store_true")
    exp.add_argument("--depth", type=int)
    exp.add_argument("--portfolio")
    exp.add_argument("--contributors", metavar="KEY", help="list what makes up one row (e.g. a theme path)")
    exp.set_defaults(run=cmd_exposure)

    rules = commands.add_parser("rules", help="limits and targets").add_subparsers(dest="action", required=True)
    rule_add = rules.add_parser("add", parents=[book, taxonomy], help="add a limit")
    rule_add.add_argument("--by", choices=RULE_DIMENSIONS, required=True)
    rule_add.add_argument("--key", required=True)
    rule_add.add_argument("--max-bp", type=int)
    rule_add.add_argument("--min-bp", type=int)
    rule_add.set_defaults(run=cmd_rules_add)
    rules.add_parser("list", parents=[book, fmt], help="rules and theme targets").set_defaults(run=cmd_rules_list)
    remove = rules.add_parser("remove", parents=[book], help="remove a rule")
    remove.add_argument("id", type=int)
    remove.set_defaults(run=cmd_rules_remove)
    check = rules.add_parser("check", parents=[book, fmt, as_of], help="violations and amounts to trim/add")
    check.add_argument("--look-through", action="store_true")
    check.add_argument("--portfolio")
    check.set_defaults(run=cmd_rules_check)

    demo = commands.add_parser("demo", help="build the demo book around the founding thesis")
    demo.add_argument("--book", type=book_location, default=book_from_environment(), required=book_from_environment() is None,
                      help=f"the new book (default: ${BOOK_ENV} if set)")
    demo.set_defaults(run=cmd_demo, needs_app=False)
