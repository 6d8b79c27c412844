"""One valuation (issue 17): a live tick revalues a position with the same sums as the closes do, so the
holdings table, its totals and every other view agree to the cent on the same price."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.core.ledger import Account, Position
from gigatracker.core.valuation import PriceBook, revalue, value_positions

ACCOUNTS = {"CTO": Account("CTO", "Foyer", "EUR")}
POSITION = Position("CTO", "NVDA", "USD", D("12.5"), D("1503.75"), "fifo")
CLOSES = [("NVDA", date(2026, 11, 26), D("120.40"), "USD", "yahoo"),
          ("NVDA", date(2026, 11, 27), D("125.10"), "USD", "yahoo"),
          ("EURUSD=X", date(2026, 11, 25), D("1.0412"), "USD", "yahoo")]


def valued(quotes) -> object:
    [valuation] = value_positions([POSITION], ACCOUNTS, PriceBook(quotes), "EUR")
    return valuation


@pytest.mark.parametrize("price, day", [(D("126.35"), date(2026, 11, 27)), (D("119.9999"), date(2026, 11, 30))])
def test_a_tick_revalues_as_a_close_at_that_price_would(price, day):
    live = revalue(valued(CLOSES), price, day, "live")
    as_close = valued(CLOSES + [("NVDA", day, price, "USD", "live")])
    assert live == as_close  # price, value, value in EUR, unrealized P&L, previous close: all the same
    cents = D("0.01")
    assert live.market_value_base.quantize(cents) == (D("12.5") * price / D("1.0412")).quantize(cents)
    assert live.portfolio == "Foyer" and live.price_source == "live" and live.price_date == day


def test_on_a_new_day_the_last_price_becomes_the_previous_close():
    friday = revalue(valued(CLOSES), D("126"), date(2026, 11, 27), "live")
    assert friday.previous_close == D("120.40")  # the same day: its previous close is kept
    monday = revalue(friday, D("127"), date(2026, 11, 30), "live")
    assert monday.previous_close == D("126") and monday.day_change_pct == (D("127") / D("126") - 1) * 100


def test_without_an_exchange_rate_a_tick_values_nothing():
    assert revalue(valued(CLOSES[:2]), D("130"), date(2026, 11, 30), "live") is None
