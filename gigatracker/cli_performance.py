"""Performance commands: `performance` (TTWROR, IRR, risk and where the value went, for the book, a
portfolio, an account or a security, or each of them) and `history` (the daily series).

Returns are fractions in JSON and CSV (0.1234 = 12.34 %), rounded to 10 decimals; amounts are decimal
strings in the base currency.
"""
from __future__ import annotations

import argparse
import math
from decimal import Decimal

from .app import App
from .app_performance import PeriodChoice, scope_of
from .cli_common import emit, iso, parse_date
from .core.breakdown import CATEGORIES, rounded
from .core.money import decimal_text, money_text
from .core.performance import Measure, Series
from .core.periods import PERIOD_NAMES

LABELS = {"initial_value": "Initial value", "capital_gains": "+ Capital gains (held)",
          "realized_gains": "+ Realized gains", "earnings": "+ Earnings (dividends, interest)",
          "fees": "- Fees (less refunds)", "taxes": "- Taxes (less refunds)", "currency_gains": "+ Currency gains",
          "transfers": "+ Transfers in - out", "final_value": "= Final value"}


def _ratio(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 10)


def _percent(value: float | None) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value * 100:.2f} %"


def _choice(args) -> PeriodChoice:
    if args.start is not None and args.period is not None:
        raise ValueError("give --period or --from (with --to), not both")
    if args.end is not None and args.start is None and args.period is None:
        return PeriodChoice("max", None, args.end)
    return PeriodChoice(args.period or ("max" if args.start is None else None), args.start, args.end)


def measure_record(m: Measure) -> dict:
    base = m.base_currency
    shown = rounded(m.breakdown, base)
    record = {
        "scope": m.scope.kind, "name": m.scope.name, "within": m.scope.within.label if m.scope.within else None,
        "period": {"label": m.period.label, "start": m.period.start.isoformat(), "end": m.period.end.isoformat(),
                   "days": m.period.days},
        "base_currency": base,
        "ttwror": _ratio(m.ttwror), "ttwror_annualized": _ratio(m.ttwror_annualized), "irr": _ratio(m.irr),
        "max_drawdown": _ratio(m.drawdown.maximum), "max_drawdown_from": iso(m.drawdown.peak),
        "max_drawdown_to": iso(m.drawdown.trough), "drawdown_duration_days": m.drawdown.longest_days,
        "drawdown_duration_from": iso(m.drawdown.longest_from), "drawdown_duration_to": iso(m.drawdown.longest_to),
        "volatility": _ratio(m.volatility.standard_deviation), "semi_deviation": _ratio(m.volatility.semi_deviation),
        "volatility_returns": m.volatility.returns,
        "breakdown": {name: money_text(shown[name], base) for name in CATEGORIES},
        "absolute_gain": money_text(shown["final_value"] - shown["initial_value"] - shown["transfers"], base),
        "dividends": money_text(m.breakdown.dividends, base), "interest": money_text(m.breakdown.interest, base),
        "warnings": m.warnings,
        "price_coverage": _ratio(m.coverage.share), "oldest_price_days": m.coverage.oldest_days,
        "price_notes": [{"symbol": note.symbol, "kind": note.kind, "days": note.days, "on": iso(note.on),
                         "message": note.message} for note in m.coverage.notes],
    }
    if m.scope.kind == "security":
        b = m.breakdown
        record.update({"quantity": decimal_text(b.quantity), "purchase_value": money_text(b.cost, base),
                       "purchases": money_text(b.purchases, base),
                       "absolute_gain_ratio": _ratio(float(b.absolute_gain / (b.initial_value + b.purchases)))
                       if b.initial_value + b.purchases else None})
    return record


def _flat(record: dict) -> dict:
    """One CSV/table row: the breakdown's amounts as columns, the notes as one text."""
    row = {k: v for k, v in record.items() if k not in ("breakdown", "period", "price_notes", "warnings")}
    row.update({"start": record["period"]["start"], "end": record["period"]["end"]})
    row.update(record["breakdown"])
    row["warnings"] = "; ".join(record["warnings"])
    row["price_notes"] = "; ".join(note["message"] for note in record["price_notes"])
    return row


def cmd_performance(args, app: App) -> None:
    scope = scope_of(args.portfolio, args.account, args.security)
    choice = _choice(args)
    if args.by:
        if args.by == "security" and scope.kind == "security":
            raise ValueError("--by security lists every security: drop --security")
        found = app.performance.measure_each(args.by, scope, choice)
        records = [measure_record(m) for m in found]
        if args.format == "json":
            emit(records, "json")
        elif args.format == "csv":
            emit([_flat(r) for r in records], "csv")
        elif records:
            period = records[0]["period"]
            where = "the book" if scope.kind == "book" else scope.label
            print(f"Each {args.by} of {where} — {period['label']} ({period['start']} to {period['end']}), "
                  f"{records[0]['base_currency']}")
            emit([_short_row(r) for r in records], "table")
        else:
            print(f"No {args.by} to measure in this period.")
        return
    record = measure_record(app.performance.measure(scope, choice))
    if args.format == "json":
        emit(record, "json")
    elif args.format == "csv":
        emit([_flat(record)], "csv")
    else:
        _print_report(record)


def _short_row(r: dict) -> dict:
    return {r["scope"].capitalize(): r["name"], "Final value": r["breakdown"]["final_value"],
            "Absolute gain": r["absolute_gain"], "TTWROR": _percent(r["ttwror"]),
            "TTWROR p.a.": _percent(r["ttwror_annualized"]), "IRR": _percent(r["irr"]),
            "Max drawdown": _percent(r["max_drawdown"]), "Volatility": _percent(r["volatility"])}


def _print_report(r: dict) -> None:
    period = r["period"]
    base = r["base_currency"]
    title = "Book" if r["scope"] == "book" else f"{r['scope'].capitalize()} {r['name']}"
    if r["within"]:
        title += f" in {r['within']}"
    print(f"{title} — {period['label']} ({period['start']} to {period['end']}, {period['days']} days), {base}")
    yearly = _percent(r["ttwror_annualized"]) if r["ttwror_annualized"] is not None else "— under a year"
    print(f"  TTWROR          {_percent(r['ttwror'])}  (annualized {yearly})")
    print(f"  IRR             {_percent(r['irr'])}")
    dd = f"  Max drawdown    {_percent(r['max_drawdown'])}"
    if r["max_drawdown_from"]:
        dd += f" ({r['max_drawdown_from']} to {r['max_drawdown_to']})"
    print(dd + f"; longest between two highs {r['drawdown_duration_days']} days")
    print(f"  Volatility      {_percent(r['volatility'])} over the period (semi-deviation "
          f"{_percent(r['semi_deviation'])}; {r['volatility_returns']} daily returns)")
    print()
    width = max(len(label) for label in LABELS.values())
    for name in CATEGORIES:
        print(f"  {LABELS[name].ljust(width)}  {r['breakdown'][name]:>16}")
    print(f"  {'Absolute gain'.ljust(width)}  {r['absolute_gain']:>16}")
    if r["scope"] == "security":
        print(f"\n  Held {r['quantity']} · purchase value {r['purchase_value']} {base} (its cost, or its value at the "
              f"start for what was held then) · dividends {r['dividends']} {base}")
    for warning in r["warnings"]:
        print(f"\n  Note: {warning}.")
    if r["price_notes"]:
        print(f"\n  Prices ({_percent(r['price_coverage'])} of position-days with a close at most 7 days old):")
        for line in _grouped(r["price_notes"]):
            print(f"    {line}")
        if any(note["kind"] != "before first close" for note in r["price_notes"]):
            print("    (`gigatracker quotes refresh` fetches missing closes and exchange rates)")


def _grouped(notes: list[dict]) -> list[str]:
    """One line per note, or one for several securities stretched the same way (the same last close)."""
    groups: dict[tuple, list[dict]] = {}
    for note in notes:
        groups.setdefault((note["kind"], note["days"], note["on"]), []).append(note)
    lines = []
    for group in groups.values():
        if len(group) < 3:
            lines += [note["message"] for note in group]
        else:
            names = ", ".join(note["symbol"] for note in group)
            lines.append(f"{names}: {group[0]['message'].split(': ', 1)[1]}")
    return lines


def cmd_history(args, app: App) -> None:
    scope = scope_of(args.portfolio, args.account, args.security)
    period, series = app.performance.history(scope, _choice(args))
    rows = history_rows(series, app.base_currency)
    if args.format == "table":  # for reading: ratios as percentages
        rows = [dict(row, ttwror=_percent(row["ttwror"]), drawdown=_percent(row["drawdown"])) for row in rows]
    emit(rows, args.format)


def history_rows(series: Series, base: str) -> list[dict]:
    def money(value: float) -> str:
        return money_text(Decimal(repr(round(float(value), 6))), base)

    return [{"date": day.isoformat(), "value": money(series.values[i]), "invested": money(series.invested[i]),
             "inflow": money(series.inbound[i]), "outflow": money(series.outbound[i]),
             "ttwror": round(float(series.cumulative[i]), 10), "drawdown": round(float(series.drawdown[i]), 10),
             "price_age_days": int(series.price_age[i])}
            for i, day in enumerate(series.dates())]


def add_commands(commands, book, fmt) -> None:
    scope = argparse.ArgumentParser(add_help=False)
    scope.add_argument("--portfolio", help="one portfolio (a client)")
    scope.add_argument("--account", help="one account")
    scope.add_argument("--security", metavar="SYMBOL", help="one security (in the portfolio or account if given)")
    scope.add_argument("--period", help=f"{', '.join(PERIOD_NAMES)} or a year (2025); default: max")
    scope.add_argument("--from", dest="start", type=parse_date, help="from the close of this day (YYYY-MM-DD)")
    scope.add_argument("--to", dest="end", type=parse_date, help="to the close of this day (default: today)")
    perf = commands.add_parser("performance", parents=[book, fmt, scope],
                               help="TTWROR, IRR, drawdown, volatility and where the value went")
    perf.add_argument("--by", choices=("security", "account", "portfolio"), help="one row for each")
    perf.set_defaults(run=cmd_performance)
    history = commands.add_parser("history", parents=[book, fmt, scope],
                                  help="the daily series: value, invested capital, TTWROR, drawdown")
    history.set_defaults(run=cmd_history)
