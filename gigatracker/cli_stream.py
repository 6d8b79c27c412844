"""`gigatracker stream`: live (or simulated) quotes as JSON lines, one per coalesced update."""
from __future__ import annotations

import json
import sys
import time

from .app import App


def cmd_stream(args) -> None:
    from .services.stream.client import StreamClient, stream_url
    from .services.stream.coalescer import Coalescer
    from .services.stream.simulated import SimulatedFeed

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
        feed = StreamClient(stream_url(args.url), coalescer, idle_timeout=args.idle_timeout)
    feed.start(symbols)
    deadline = time.monotonic() + args.seconds
    try:
        while time.monotonic() < deadline:
            time.sleep(min(0.1, max(0.0, deadline - time.monotonic())))  # drained at <= 10 Hz
            _print_ticks(coalescer)
    except KeyboardInterrupt:
        pass
    finally:
        feed.stop()
    _print_ticks(coalescer)
    status = feed.status()
    print(json.dumps({"summary": {"ticks": status.ticks, "decode_errors": status.decode_errors,
                                  "reconnects": status.reconnects, "stale_ticks": coalescer.stale,
                                  "status": status.state.value, "last_error": status.last_error}}))


def _print_ticks(coalescer) -> None:
    for tick in coalescer.drain().values():
        sys.stdout.write(json.dumps(tick.as_json()) + "\n")
    sys.stdout.flush()


def add_commands(commands) -> None:
    from pathlib import Path

    stream = commands.add_parser("stream", help="print live quotes as JSON lines")
    stream.add_argument("--symbols", help="comma-separated (default: what the book holds)")
    stream.add_argument("--book", type=Path)
    stream.add_argument("--url", help="streamer URL (default: $GIGATRACKER_STREAM_URL, else Yahoo)")
    stream.add_argument("--seconds", type=float, default=30.0)
    stream.add_argument("--idle-timeout", type=float, default=30.0)
    stream.add_argument("--simulated", action="store_true", help="a random walk around the book's last closes")
    stream.add_argument("--format", choices=("jsonl",), default="jsonl")
    stream.set_defaults(run=cmd_stream, needs_app=False)
