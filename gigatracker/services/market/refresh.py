"""Refreshing the price cache from Yahoo: only the missing days, one symbol after another through one
shared session, with a pause between requests. A symbol that keeps failing is skipped after
MAX_FAILURES tries (its reason stays visible in `quotes status`); a rate limit stops the run and backs
off for a while; no network stops it too. In every case the cached prices keep being served."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import Connection, func, select

from ...core.money import decimal_text
from ..store import Book
from ..store import repository as repo
from ..store.book import set_meta
from ..store.schema import market_events, prices, quote_status
from .calendars import is_stale
from .errors import SOURCE, NoData, Offline, RateLimited

MAX_FAILURES = 3
RATE_LIMIT_PAUSE = timedelta(minutes=15)
BACKOFF_KEY = "yahoo_backoff_until"


@dataclass
class RefreshReport:
    state: str = "ok"  # "ok", "rate-limited" or "offline"
    message: str = ""
    fetched: dict[str, int] = field(default_factory=dict)  # symbol -> new closes
    up_to_date: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # symbol -> why (kept failing)
    failed: dict[str, str] = field(default_factory=dict)  # symbol -> why (this run)
    new_events: int = 0  # dividends and splits seen for the first time, waiting in `quotes events`


def fx_pairs(base: str, currencies) -> list[str]:
    return sorted(f"{base}{currency}=X" for currency in set(currencies) if currency and currency != base)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def refresh(book: Book, source, symbols: list[str], *, start: date, today: date | None = None,
            pause: float = 0.2) -> RefreshReport:
    today = today or date.today()
    report = RefreshReport()
    backoff = book.meta(BACKOFF_KEY)
    if backoff and datetime.fromisoformat(backoff) > _now():
        report.state = "rate-limited"
        report.message = f"Yahoo rate limit: waiting until {backoff[11:16]} UTC; serving cached prices"
        return report
    with book.read() as conn:
        last_cached = {symbol: day for symbol, day in conn.execute(
            select(prices.c.symbol, func.max(prices.c.date)).group_by(prices.c.symbol))}
        status = {row.symbol: row for row in conn.execute(select(quote_status))}
    for number, symbol in enumerate(sorted(set(symbols))):
        row = status.get(symbol)
        if row is not None and row.failures >= MAX_FAILURES:
            report.skipped[symbol] = f"skipped after {row.failures} failures: {row.last_error}"
            continue
        first = max(start, date.fromisoformat(last_cached[symbol]) + timedelta(days=1)) \
            if symbol in last_cached else start
        if first > today:
            report.up_to_date.append(symbol)
            continue
        if number and pause:
            time.sleep(pause)  # be gentle with Yahoo
        try:
            history = source.history(symbol, first, today)
        except RateLimited as error:
            with book.write() as conn:
                set_meta(conn, BACKOFF_KEY, (_now() + RATE_LIMIT_PAUSE).isoformat(timespec="seconds"))
            report.state, report.message = "rate-limited", f"{error}; serving cached prices"
            break
        except Offline as error:
            report.state, report.message = "offline", f"{error}; serving cached prices"
            break
        except NoData as error:
            with book.write() as conn:
                _record(conn, symbol, str(error))
            report.failed[symbol] = str(error)
            continue
        rows = [{"symbol": symbol, "date": day.isoformat(), "close": decimal_text(close),
                 "currency": history.currency, "source": SOURCE} for day, close in history.closes]
        with book.write() as conn:
            if rows:
                repo.upsert_prices(conn, rows)
            _record(conn, symbol, None)
            report.new_events += record_events(conn, symbol, history)
        report.fetched[symbol] = len(rows)
    return report


def record_events(conn: Connection, symbol: str, history) -> int:
    """Keep the dividends and splits Yahoo reported, once each, as pending events."""
    seen = {(row.date, row.kind) for row in conn.execute(
        select(market_events.c.date, market_events.c.kind).where(market_events.c.symbol == symbol))}
    new = [{"symbol": symbol, "date": day.isoformat(), "kind": kind, "value": decimal_text(value),
            "currency": history.currency, "source": SOURCE, "status": "pending"}
           for kind, entries in (("dividend", history.dividends), ("split", history.splits))
           for day, value in entries if (day.isoformat(), kind) not in seen]
    if new:
        conn.execute(market_events.insert(), new)
    return len(new)


def _record(conn: Connection, symbol: str, error: str | None) -> None:
    now = _now().isoformat(timespec="seconds")
    row = conn.execute(select(quote_status).where(quote_status.c.symbol == symbol)).first()
    failures = 0 if error is None else (row.failures if row else 0) + 1
    values = {"failures": failures, "last_error": error or (row.last_error if row else ""), "last_attempt": now}
    if error is None:
        values["last_success"] = now
    if row is None:
        conn.execute(quote_status.insert().values(symbol=symbol, **values))
    else:
        conn.execute(quote_status.update().where(quote_status.c.symbol == symbol).values(**values))


def cache_status(book: Book, symbols: list[str], now: datetime | None = None) -> list[dict]:
    """Per symbol: the last cached close, whether it is stale for its market, and refresh failures."""
    now = now or _now()
    today = now.date()
    latest = select(prices.c.symbol, func.max(prices.c.date).label("day")).group_by(prices.c.symbol).subquery()
    with book.read() as conn:
        last = {r[0]: (r[1], r[2]) for r in conn.execute(
            select(prices.c.symbol, prices.c.date, prices.c.source)
            .join(latest, (latest.c.symbol == prices.c.symbol) & (latest.c.day == prices.c.date)))}
        status = {row.symbol: row for row in conn.execute(select(quote_status))}
    rows = []
    for symbol in sorted(set(symbols) | set(status)):
        day, source = last.get(symbol, (None, None))
        row = status.get(symbol)
        rows.append({"symbol": symbol, "last_close": day, "source": source,
                     "age_days": (today - date.fromisoformat(day)).days if day else None,
                     "stale": is_stale(symbol, date.fromisoformat(day), now) if day else True,
                     "failures": row.failures if row else 0,
                     "skipped": bool(row and row.failures >= MAX_FAILURES),
                     "last_error": row.last_error if row else "",
                     "last_success": row.last_success if row else None})
    return rows
