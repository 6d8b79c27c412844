"""Exchange calendars are built once a month and then loaded from the user's cache (Seoul's takes over a
second of pure Python to build; loading it takes a few tens of milliseconds)."""
from datetime import datetime, timezone

from gigatracker.services.market import calendars


def test_a_built_calendar_is_kept_and_reused(isolated_home, monkeypatch):
    calendars._calendar.cache_clear()
    first = calendars.last_closed_session("005930.KS", datetime(2026, 11, 26, 12, tzinfo=timezone.utc))
    # (other tests' background reads may leave calendars of their own here: only Seoul's is ours)
    files = sorted(p.name for p in (isolated_home / "home").rglob("XKRX-*.pickle"))
    assert len(files) == 1
    calendars._calendar.cache_clear()
    import exchange_calendars
    monkeypatch.setattr(exchange_calendars, "get_calendar", lambda name: (_ for _ in ()).throw(
        AssertionError("rebuilt although cached")))
    assert calendars.last_closed_session("005930.KS", datetime(2026, 11, 26, 12, tzinfo=timezone.utc)) == first
    calendars._calendar.cache_clear()


def test_a_damaged_cache_file_is_rebuilt(isolated_home):
    calendars._calendar.cache_clear()
    calendars.market_open(["BTC-USD"])  # the "24/7" calendar: a name with a slash
    found = sorted((isolated_home / "home").rglob("*.pickle"))
    named = [p for p in found if p.name.startswith("24_7-")]
    assert len(named) == 1, found
    cached = named[0]
    cached.write_bytes(b"not a pickle")
    calendars._calendar.cache_clear()
    assert calendars.market_open(["BTC-USD"]) is True
    calendars._calendar.cache_clear()
