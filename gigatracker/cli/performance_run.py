"""Performance commands, run: `performance` (TTWROR, IRR, risk and where the value went, for the book, a
portfolio, an account or a security, or each of them), `history` (the daily series) and `benchmark`.
Imported only when one of them runs (numpy and the performance engine); their arguments are in
cli/performance.py.

Returns are fractions in JSON and CSV (0.1234 = 12.34 %), rounded to 10 decimals; amounts are decimal
strings in the base currency.
"""
from __future__ import annotations

import math
from decimal import Decimal

from ..app import App
from ..app.performance import PeriodChoice, ThemeReturns, scope_of
from .common import emit, iso
from ..core.benchmark import BenchmarkError, Comparison, describe, parse_benchmark
from ..core.breakdown import CATEGORIES, rounded
from ..core.money import decimal_text, money_text
from ..core.performance import Measure, PerformanceError, Series
from ..core.themes import DEFAULT_TAXONOMY

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
    compared = row.pop("benchmark", None)
    if compared and "error" not in compared:
        row.update({f"benchmark_{k}" if not k.startswith("benchmark") else k: v for k, v in compared.items()
                    if k not in ("ttwror", "notes", "returns")})
    return row


def _money(value: float, base: str) -> str:
    return money_text(Decimal(repr(round(float(value), 6))), base)


def comparison_record(c: Comparison) -> dict:
    return {"benchmark": c.benchmark, "ttwror": _ratio(c.ttwror), "benchmark_ttwror": _ratio(c.benchmark_ttwror),
            "excess": _ratio(c.excess), "beta": _ratio(c.beta), "tracking_error": _ratio(c.tracking_error),
            "returns": c.returns, "notes": list(c.notes)}


def theme_records(result: ThemeReturns) -> dict:
    base = result.base_currency
    return {"scope": result.scope.kind, "name": result.scope.name, "taxonomy": result.taxonomy,
            "look_through": result.look_through,
            "period": {"label": result.period.label, "start": result.period.start.isoformat(),
                       "end": result.period.end.isoformat(), "days": result.period.days},
            "base_currency": base, "ttwror": _ratio(result.ttwror),
            "themes": [{"theme": r.name, "ttwror": _ratio(r.ttwror), "irr": _ratio(r.irr),
                        "gain": _money(r.gain, base), "contribution": _ratio(r.contribution),
                        "start_value": _money(r.start_value, base), "end_value": _money(r.end_value, base)}
                       for r in result.rows],
            "notes": result.notes}


def _by_theme(args, app: App, scope, choice) -> None:
    result = app.performance.theme_returns(scope, choice, taxonomy=args.taxonomy, depth=args.depth,
                                           look_through=args.look_through)
    record = theme_records(result)
    if args.format == "json":
        emit(record, "json")
        return
    rows = record["themes"]
    if args.format == "csv":
        emit([dict(row, start=record["period"]["start"], end=record["period"]["end"]) for row in rows], "csv")
        return
    period = record["period"]
    where = "the book" if scope.kind == "book" else scope.label
    print(f"Returns by theme ({result.taxonomy}{', looking through funds' if result.look_through else ''}) of "
          f"{where} — {period['label']} ({period['start']} to {period['end']}), {record['base_currency']}")
    emit([{"Theme": r["theme"], "TTWROR": _percent(r["ttwror"]), "IRR": _percent(r["irr"]), "Gain": r["gain"],
           "Contribution": _points(r["contribution"]), "Value at end": r["end_value"]} for r in rows]
         + [{"Theme": "Total", "TTWROR": _percent(record["ttwror"]), "IRR": "", "Gain": _money(
             sum(Decimal(r["gain"]) for r in rows), record["base_currency"]),
             "Contribution": _points(sum(r["contribution"] or 0 for r in rows)),
             "Value at end": _money(sum(Decimal(r["end_value"]) for r in rows), record["base_currency"])}], "table")
    print("\n  Contribution: each theme's part of the total TTWROR, in percentage points (they add up to it).")
    for note in record["notes"]:
        print(f"  Note: {note}.")


def _points(value: float | None) -> str:
    return "—" if value is None or not math.isfinite(value) else f"{value * 100:+.2f} pts"


def _comparison(args, app: App, scope, choice) -> dict | None:
    """The scope against --benchmark, or the benchmark saved for it; None when there is none. A saved
    benchmark without prices is a note, a named one an error."""
    try:
        parts = parse_benchmark([args.benchmark]) if args.benchmark else None
    except BenchmarkError as error:
        raise ValueError(f"--benchmark: {error}") from None
    if parts is None and app.performance.scope_benchmark(scope) is None:
        return None
    try:
        return comparison_record(app.performance.compare(scope, choice, parts))
    except PerformanceError as error:
        if parts is not None:
            raise
        return {"error": str(error)}


def cmd_performance(args, app: App) -> None:
    scope = scope_of(args.portfolio, args.account, args.security)
    choice = _choice(args)
    if args.by == "theme":
        _by_theme(args, app, scope, choice)
        return
    if args.taxonomy != DEFAULT_TAXONOMY or args.look_through or args.depth:
        raise ValueError("--taxonomy, --depth and --look-through go with --by theme")
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
    compared = _comparison(args, app, scope, choice)
    if compared is not None:
        record["benchmark"] = compared
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
    compared = r.get("benchmark")
    if compared and "error" in compared:
        print(f"  Benchmark       not measured: {compared['error']}")
    elif compared:
        print(f"  Benchmark       {compared['benchmark']}: {_percent(compared['benchmark_ttwror'])} "
              f"(excess {_points(compared['excess'])}; beta {_number(compared['beta'])}, tracking error "
              f"{_percent(compared['tracking_error'])} a year)")
        for note in compared["notes"]:
            print(f"                  {note}")
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


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


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


def cmd_benchmark_set(args, app: App) -> None:
    try:
        parts = app.performance.set_benchmark(args.portfolio, args.symbols)
    except BenchmarkError as error:
        raise ValueError(str(error)) from None
    record = {"portfolio": args.portfolio, "parts": [{"symbol": p.symbol, "weight_bp": p.weight_bp} for p in parts]}
    if args.format == "json":
        emit(record, "json")
        return
    print(f"Benchmark of {args.portfolio or 'the book'}: {describe(parts)}")
    missing = [p.symbol for p in parts if not app.performance.has_prices(p.symbol)]
    if missing:
        print(f"  No closes cached yet for {', '.join(missing)}: `gigatracker quotes refresh` fetches them.")


def cmd_benchmark_list(args, app: App) -> None:
    book = "(the book)" if args.format == "table" else None
    rows = [{"portfolio": name or book, "benchmark": describe(parts),
             "parts": ",".join(f"{p.symbol}={p.weight_bp}" for p in parts)}
            for name, parts in sorted(app.performance.benchmarks().items(), key=lambda kv: (kv[0] is not None,
                                                                                          kv[0] or ""))]
    if args.format == "table" and not rows:
        print("No benchmark saved (`gigatracker benchmark set SOXX`).")
        return
    emit(rows, args.format)


def cmd_benchmark_clear(args, app: App) -> None:
    removed = app.performance.clear_benchmark(args.portfolio)
    if args.format == "json":
        emit({"portfolio": args.portfolio, "removed": removed}, "json")
    else:
        print(f"Benchmark of {args.portfolio or 'the book'} {'removed' if removed else 'was not set'}.")
