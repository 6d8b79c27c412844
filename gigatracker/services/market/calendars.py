"""Market-aware freshness: which exchange a Yahoo symbol trades on, whether that market is open, and
whether a close is stale (a Friday close is fresh on Sunday). Uses exchange_calendars, not a hand-made
holiday list."""
from __future__ import annotations

import os
import pickle
import threading
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

import platformdirs

SUFFIX_CALENDARS = {
    ".PA": "XPAR", ".AS": "XAMS", ".BR": "XBRU", ".LS": "XLIS", ".DE": "XETR", ".F": "XFRA", ".MI": "XMIL",
    ".MC": "XMAD", ".L": "XLON", ".SW": "XSWX", ".ST": "XSTO", ".CO": "XCSE", ".OL": "XOSL", ".HE": "XHEL",
    ".VI": "XWBO", ".IR": "XDUB", ".KS": "XKRX", ".KQ": "XKRX", ".HK": "XHKG", ".TW": "XTAI", ".TWO": "XTAI",
    ".T": "XTKS", ".TO": "XTSE", ".V": "XTSE", ".AX": "XASX", ".SS": "XSHG", ".SZ": "XSHG", ".NS": "XBOM",
    ".BO": "XBOM", ".SA": "BVMF", ".MX": "XMEX", ".JO": "XJSE", ".SI": "XSES", ".NZ": "XNZE",
}
CRYPTO_QUOTES = ("-USD", "-EUR", "-USDT", "-BTC")


def calendar_name(symbol: str) -> str:
    if symbol.endswith("=X"):
        return "24/5"  # currencies trade round the clock on weekdays
    if symbol.endswith(CRYPTO_QUOTES):
        return "24/7"
    if "." in symbol:
        suffix = "." + symbol.rsplit(".", 1)[1]
        if suffix in SUFFIX_CALENDARS:
            return SUFFIX_CALENDARS[suffix]
    return "XNYS"  # no suffix: a US listing


_building = threading.Lock()


@lru_cache(maxsize=None)
def _calendar(name: str):
    """The exchange's calendar. Building one can take seconds of pure Python (Seoul's lunar holidays:
    1.3 s), holding the GIL the window needs; built calendars are kept, pickled, in the user's cache
    folder for the month (a calendar covers a year ahead) and loaded in ~50 ms after the first time.
    One calendar is built at a time: calendars share holiday rules and pandas caches, and pickling one
    while another thread fills them fails ("dictionary changed size during iteration")."""
    # about 0.3 s to import: only when freshness is asked (it ships no types)
    import exchange_calendars  # type: ignore[import-untyped]

    cached = _cache_file(name, exchange_calendars.__version__)
    with _building:
        try:
            with open(cached, "rb") as handle:
                return pickle.load(handle)
        except Exception:  # noqa: BLE001 - missing, old or damaged: build it again
            pass
        calendar = exchange_calendars.get_calendar(name)
        _keep(calendar, cached)
    return calendar


def _keep(calendar, cached: Path) -> None:
    """Save a built calendar for next time; failing only costs the time to build it again."""
    for _attempt in range(3):
        try:
            data = pickle.dumps(calendar, protocol=pickle.HIGHEST_PROTOCOL)
            break
        except RuntimeError:  # a shared cache changed while pickling (a calendar in use elsewhere)
            continue
    else:
        return
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(cached)
    except OSError:
        pass  # a read-only cache folder


def _cache_file(name: str, version: str) -> Path:
    month = date.today().strftime("%Y-%m")
    folder = Path(platformdirs.user_cache_dir("gigatracker", appauthor=False)) / "calendars"
    return folder / f"{name.replace('/', '_')}-{version}-{month}.pickle"  # "24/7" is a calendar name


def _timestamp(now: datetime | None):
    import pandas as pd  # type: ignore[import-untyped]  # no stubs installed (pandas-stubs)

    return pd.Timestamp(now or datetime.now(timezone.utc)).tz_convert("UTC").floor("min")


def last_closed_session(symbol: str, now: datetime | None = None) -> date:
    """The trading day of the latest close that has happened by `now` on the symbol's market."""
    calendar = _calendar(calendar_name(symbol))
    close = calendar.previous_close(_timestamp(now))
    return calendar.minute_to_past_session(close).date() if hasattr(calendar, "minute_to_past_session") \
        else calendar.date_to_session(close.date(), direction="previous").date()


def is_stale(symbol: str, price_date: date, now: datetime | None = None) -> bool:
    return price_date < last_closed_session(symbol, now)


def market_open(symbols, now: datetime | None = None) -> bool:
    """Is any of these symbols' markets open now? (The stream only expects ticks then.)"""
    stamp = _timestamp(now)
    return any(_calendar(name).is_open_on_minute(stamp) for name in {calendar_name(s) for s in symbols})
