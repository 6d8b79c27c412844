"""What the book holds, on the command line: valued holdings, the dashboard's figures, clients side by side,
open lots, realized sales, cash and income."""
from __future__ import annotations

from decimal import Decimal

from ..app import App
from ..core.money import decimal_text, money_text
from ..core.rules import rule_in_words
from .common import CliError, emit, iso, unit_text

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
    emit(chosen_columns(rows, args.columns, HOLDINGS_TABLE if args.format == "table" else None), args.format)


# What a person reads in a table (the rest with --columns all); JSON and CSV give every field by default.
HOLDINGS_TABLE = ("account", "symbol", "name", "quantity", "price", "currency", "market_value_base",
                  "unrealized_pnl_base", "problem")
HOLDINGS_COLUMNS = ("portfolio", "account", "symbol", "name", "quantity", "cost_basis", "average_cost", "currency",
                    "price", "price_date", "price_source", "market_value", "fx_rate", "fx_date", "fx_via",
                    "market_value_base", "unrealized_pnl_base", "base_currency", "problem")


def chosen_columns(rows: list[dict], asked: str | None, default: tuple[str, ...] | None) -> list[dict]:
    """Rows cut to the columns asked for (`a,b,c`, or `all`), else to `default` (None: every column); a
    default's `problem` column only when some row has one."""
    if asked == "all" or (asked is None and default is None):
        return rows
    if asked is None:
        columns = [c for c in default or () if c != "problem" or any(row.get("problem") for row in rows)]
    else:
        columns = [c.strip() for c in asked.split(",") if c.strip()]
        unknown = [c for c in columns if c not in HOLDINGS_COLUMNS]
        if unknown or not columns:
            raise CliError(f"--columns: unknown column{'s' if len(unknown) > 1 else ''} "
                           f"{', '.join(unknown) or '(none given)'}; choose from {', '.join(HOLDINGS_COLUMNS)} "
                           "or 'all'")
    return [{c: row[c] for c in columns} for row in rows]


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
        "breaches": [{"rule": rule_in_words(v.rule), "key": v.key, "weight_bp": v.weight_bp, "limit_bp": v.limit_bp,
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


# -- parser ----------------------------------------------------------------------------------------
def add_commands(commands, book, fmt, as_of) -> None:
    holdings = commands.add_parser("holdings", parents=[book, fmt, as_of], help="valued positions")
    holdings.add_argument("--portfolio")
    holdings.add_argument("--columns", metavar="A,B,…|all",
                          help="columns to show (a table shows account, symbol, name, quantity, price, currency, "
                               "value and unrealized P&L in the base currency; JSON and CSV every column)")
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
