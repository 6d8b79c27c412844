"""Market-data commands: `quotes refresh|status` (the daily price cache) and `stream` (live or
simulated quotes as JSON lines, one per coalesced update)."""
from __future__ import annotations

import json
import sys
import time
from datetime import date

from ..app import App
from ..environment import BOOK_ENV, book_from_environment, book_location
from .common import CliError, emit, parse_currency, parse_date, parse_decimal


def cmd_stream(args) -> None:
    from ..services.stream.client import StreamClient, stream_url
    from ..services.stream.coalescer import Coalescer
    from ..services.stream.simulated import SimulatedFeed

    symbols = [s.strip() for s in (args.symbols or "").split(",") if s.strip()]
    closes = {}
    if args.book is not None or args.simulated:
        with App.open(args.book) as app:
            holdings = app.holdings()
        symbols = symbols or sorted({v.symbol for v in holdings})
        closes = {v.symbol: (v.price, v.currency) for v in holdings if v.price is not None}
    if not symbols:
        raise ValueError("no symbols: give --symbols A,B or a --book that holds some")
    coalescer = Coalescer()
    if args.simulated:
        feed = SimulatedFeed({s: closes[s] for s in symbols if s in closes}, coalescer)
    else:
        from ..services.market.calendars import market_open
        feed = StreamClient(stream_url(args.url), coalescer, idle_timeout=args.idle_timeout,
                            market_open=(lambda: True) if args.always_open else (lambda: market_open(symbols)))
    feed.start(symbols)
    deadline = time.monotonic() + args.seconds
    try:
        while time.monotonic() < deadline:
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))  # drained at <= 10 Hz
            _print_ticks(coalescer)
    except KeyboardInterrupt:
        pass
    finally:  # whatever ended the run, it ends with its summary line
        feed.stop()
        _print_ticks(coalescer)
        status = feed.status()
        print(json.dumps({"summary": {"ticks": status.ticks, "decode_errors": status.decode_errors,
                                      "reconnects": status.reconnects, "failures": status.failures,
                                      "stale_ticks": coalescer.stale, "status": status.state.value,
                                      "last_error": status.last_error}}), flush=True)


def _print_ticks(coalescer) -> None:
    for tick in coalescer.drain().values():
        sys.stdout.write(json.dumps(tick.as_json()) + "\n")
    sys.stdout.flush()


def cmd_quotes_refresh(args, app: App) -> None:
    symbols = [s.strip() for s in args.symbols.split(",") if s.strip()] if args.symbols else None
    report = app.market.refresh_quotes(symbols=symbols, since=args.since)
    if report.state != "ok" and not report.fetched:  # offline or rate-limited before anything came
        raise CliError(f"fetched nothing: {report.message}")
    rows = [{"symbol": s, "result": f"{n} new closes"} for s, n in sorted(report.fetched.items())]
    rows += [{"symbol": s, "result": "up to date"} for s in report.up_to_date]
    rows += [{"symbol": s, "result": why} for s, why in sorted({**report.skipped, **report.failed}.items())]
    emit(rows, args.format)
    if report.new_events:
        print(f"{report.new_events} new dividends or splits: see `gigatracker quotes events`", file=sys.stderr)
    if report.state != "ok":
        print(f"{report.state}: {report.message}", file=sys.stderr)


def cmd_quotes_events(args, app: App) -> None:
    emit([{"id": e.id, "symbol": e.symbol, "date": e.date.isoformat(), "kind": e.kind,
           "value": str(e.value), "currency": e.currency, "status": e.status,
           "proposed": "; ".join(f"{tx.account}: {tx.type} " + (f"{tx.amount} {tx.currency}" if tx.amount is not None
                                                                  else f"ratio {tx.ratio}") for tx in proposed)}
          for e, proposed in app.market.market_events(include_done=args.all)], args.format)


def cmd_quotes_accept(args, app: App) -> None:
    added = app.market.accept_event(args.id, account=args.account)
    for tx in added:
        print(f"added {tx.type} {tx.symbol} on {tx.date} to '{tx.account}'")


def cmd_quotes_add(args, app: App) -> None:
    app.market.add_price(args.symbol, args.date, args.close, args.currency)
    print(f"{args.symbol}: {args.close} {args.currency} on {args.date.isoformat()} (manual)")


def cmd_quotes_dismiss(args, app: App) -> None:
    app.market.dismiss_event(args.id)
    print(f"event #{args.id} dismissed")


def cmd_quotes_status(args, app: App) -> None:
    emit(app.market.quote_status(), args.format)


def add_commands(commands, book, fmt) -> None:

    quotes = commands.add_parser("quotes", help="the daily price cache").add_subparsers(dest="action",
                                                                                      required=True)
    refresh = quotes.add_parser("refresh", parents=[book, fmt], help="fetch missing daily closes from Yahoo")
    refresh.add_argument("--symbols", help="comma-separated (default: held securities and FX pairs)")
    refresh.add_argument("--since", type=parse_date, help="first day to fetch (default: the first transaction)")
    refresh.set_defaults(run=cmd_quotes_refresh)
    quotes.add_parser("status", parents=[book, fmt], help="what is cached, what keeps failing").set_defaults(
        run=cmd_quotes_status)
    events = quotes.add_parser("events", parents=[book, fmt], help="dividends and splits Yahoo reported")
    events.add_argument("--all", action="store_true", help="include accepted and dismissed ones")
    events.set_defaults(run=cmd_quotes_events)
    accept = quotes.add_parser("accept", parents=[book], help="book an event into the ledger")
    accept.add_argument("id", type=int)
    accept.add_argument("--account", help="only this account (default: every account holding it)")
    accept.set_defaults(run=cmd_quotes_accept)
    add = quotes.add_parser("add", parents=[book], help="a close typed by hand (replaces that day's)")
    add.add_argument("symbol")
    add.add_argument("close", type=parse_decimal)
    add.add_argument("--currency", type=parse_currency, required=True)
    add.add_argument("--date", type=parse_date, default=date.today(), help="the close's day (default: today)")
    add.set_defaults(run=cmd_quotes_add)
    dismiss = quotes.add_parser("dismiss", parents=[book], help="ignore an event")
    dismiss.add_argument("id", type=int)
    dismiss.set_defaults(run=cmd_quotes_dismiss)

    stream = commands.add_parser("stream", help="print live quotes as JSON lines")
    stream.add_argument("--symbols", help="comma-separated (default: what the book holds)")
    stream.add_argument("--book", type=book_location, default=book_from_environment(),
                        help=f"its holdings are the default symbols (default: ${BOOK_ENV} if set)")
    stream.add_argument("--url", help="streamer URL (default: $GIGATRACKER_STREAM_URL, else Yahoo)")
    stream.add_argument("--seconds", type=float, default=30.0)
    stream.add_argument("--idle-timeout", type=float, default=30.0,
                        help="reconnect after this many silent seconds while a market is open")
    stream.add_argument("--always-open", action="store_true",
                        help="treat markets as open (idle detection at any hour; for test servers)")
    stream.add_argument("--simulated", action="store_true", help="a random walk around the book's last closes")
    stream.add_argument("--format", choices=("jsonl",), default="jsonl")
    stream.set_defaults(run=cmd_stream, needs_app=False, runs_on=True)  # (keeps the GC: cli.main.command)
