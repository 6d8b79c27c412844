"""Staleness follows each market's calendar (exchange_calendars), not the weekday."""
from datetime import date, datetime, timezone

from gigatracker.services.market.calendars import calendar_name, is_stale, last_closed_session, market_open

SUNDAY = datetime(2026, 11, 29, 10, 0, tzinfo=timezone.utc)


def test_symbols_map_to_their_exchange():
    assert [calendar_name(s) for s in ("AIR.PA", "ASML.AS", "005930.KS", "0992.HK", "NVDA", "EURUSD=X",
                                       "BTC-USD", "OCDO.L")] == \
        ["XPAR", "XAMS", "XKRX", "XHKG", "XNYS", "24/5", "24/7", "XLON"]


def test_a_friday_close_is_fresh_on_sunday():
    assert last_closed_session("AIR.PA", SUNDAY) == date(2026, 11, 27)
    assert not is_stale("AIR.PA", date(2026, 11, 27), SUNDAY)
    assert is_stale("AIR.PA", date(2026, 11, 26), SUNDAY)
    assert last_closed_session("BTC-USD", SUNDAY) == date(2026, 11, 28)  # crypto trades on Saturday


def test_holidays_count():
    boxing_day = datetime(2026, 12, 26, 12, 0, tzinfo=timezone.utc)  # Euronext shut on the 25th
    assert last_closed_session("AIR.PA", boxing_day) == date(2026, 12, 24)
    thanksgiving_evening = datetime(2026, 11, 26, 23, 0, tzinfo=timezone.utc)  # NYSE closed that day
    assert last_closed_session("NVDA", thanksgiving_evening) == date(2026, 11, 25)


def test_market_open():
    monday_afternoon = datetime(2026, 11, 30, 15, 0, tzinfo=timezone.utc)
    assert market_open(["NVDA"], monday_afternoon) and not market_open(["NVDA"], SUNDAY)
    assert market_open(["NVDA", "BTC-USD"], SUNDAY)
