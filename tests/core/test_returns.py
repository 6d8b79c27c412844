"""Return and risk figures on series computed by hand, and PP's own reference figures (its RiskTest)."""
from datetime import date, timedelta

import numpy as np
import pytest

from gigatracker.core.periods import PeriodError, period_between, period_named
from gigatracker.core.quotes import day_number
from gigatracker.core.returns import (_easter, annualized, drawdown, holidays, invested_capital, irr, ttwror,
                                      volatility)


def days_from(first: date, count: int) -> np.ndarray:
    return np.arange(day_number(first), day_number(first) + count)


def test_inflows_count_at_the_start_of_their_day_and_outflows_at_its_end():
    values = np.array([1000.0, 1100.0, 1760.0, 1320.0])
    inbound = np.array([0.0, 0.0, 500.0, 0.0])  # joins 1100 before the day's move: 1600 -> 1760 (+10 %)
    outbound = np.array([0.0, 0.0, 0.0, 200.0])  # leaves at the close: 1320 + 200 = 1520 (-13.64 %)
    delta, cumulative = ttwror(values, inbound, outbound)
    assert delta == pytest.approx([0.0, 0.1, 0.1, 1520 / 1760 - 1])
    assert cumulative[-1] == pytest.approx(1.1 * 1.1 * (1520 / 1760) - 1)


def test_a_day_without_value_before_it_is_zero_and_a_purchase_day_returns_against_what_came_in():
    values = np.array([0.0, 0.0, 95.0, 100.0])
    inbound = np.array([0.0, 0.0, 100.0, 0.0])
    delta, cumulative = ttwror(values, inbound, np.zeros(4))
    assert delta == pytest.approx([0.0, 0.0, -0.05, 100 / 95 - 1])
    assert cumulative[-1] == pytest.approx(0.0)


def test_annualized_uses_365_calendar_days():
    assert annualized(0.21, 730) == pytest.approx(0.1)
    assert annualized(0.1, 0) is None and annualized(-1.0, 365) is None


def test_irr_matches_pps_figure_for_a_single_delivery():
    """SecurityTestCase: (7288 / 7748) ^ (365 / 336) - 1, Actual/365."""
    assert irr([date(2014, 1, 2), date(2014, 12, 4)], [-7748.0, 7288.0]) == pytest.approx(-0.064326, abs=1e-6)
    assert irr([date(2014, 1, 2)], [-100.0]) is None  # nothing comes back: no rate


def test_drawdown_and_its_duration_follow_pps_risk_test():
    """RiskTest: 1, 1, 0.5, 1, 1, 2, 3 (index values): max drawdown 50 %, from the first high to the
    next new high (2 at day 5) lasts 5 days; a rising series makes a new high every day (duration 1)."""
    index = np.array([1, 1, 0.5, 1, 1, 2, 3], dtype=float)
    result = drawdown(days_from(date(2024, 1, 1), 7), index - 1, np.ones(7))
    assert result.maximum == pytest.approx(0.5)
    assert (result.peak, result.trough) == (date(2024, 1, 1), date(2024, 1, 3))
    assert (result.longest_days, result.longest_from, result.longest_to) == (5, date(2024, 1, 1), date(2024, 1, 6))
    rising = drawdown(days_from(date(2024, 1, 1), 5), np.array([0, 0.1, 0.2, 0.3, 0.4]), np.ones(5))
    assert (rising.maximum, rising.longest_days) == (0.0, 1)


def test_a_drawdown_still_under_water_at_the_end_counts_to_the_end():
    result = drawdown(days_from(date(2024, 1, 1), 10), np.array([0, 0.2, 0.1] + [0.15] * 7), np.ones(10))
    assert result.maximum == pytest.approx(0.1 / 1.2)
    assert (result.longest_days, result.longest_to) == (8, date(2024, 1, 10))


def test_volatility_matches_pps_reference_on_weekdays_only():
    """RiskTest's reference: daily returns 0.005, -1/300, -0.005, 0.01, 0.01, -0.005 give 0.017736692475
    (semi-deviation 0.012188677034). The returns sit on weekdays; weekend returns, being left out, change
    nothing."""
    weekdays = [date(2024, 3, 4) + timedelta(days=i) for i in (0, 1, 2, 3, 4, 7, 8)]  # Mon..Fri, Mon, Tue
    returns = [0.005, -1 / 300, -0.005, 0.01, 0.01, -0.005]
    every_day = [date(2024, 3, 4) + timedelta(days=i) for i in range(9)]
    values, delta = np.ones(9), np.zeros(9)
    for day, r in zip(weekdays[1:], returns):
        delta[every_day.index(day)] = r
    delta[every_day.index(date(2024, 3, 9))] = 0.3  # a Saturday's move is not a trading day's return
    result = volatility(np.asarray([day_number(d) for d in every_day]), delta, values)
    assert result.returns == 6
    assert result.standard_deviation == pytest.approx(0.017736692475, abs=1e-11)
    assert result.semi_deviation == pytest.approx(0.012188677034, abs=1e-11)


def test_pps_default_calendar_closes_on_weekends_and_its_seven_holidays():
    assert _easter(2014) == date(2014, 4, 20) and _easter(2024) == date(2024, 3, 31)
    year = [date(2024, 1, 1) + timedelta(days=i) for i in range(366)]
    closed = holidays(np.asarray([day_number(d) for d in year]))
    weekday_holidays = {d for d, shut in zip(year, closed) if shut and d.weekday() < 5}
    assert weekday_holidays == {date(2024, 1, 1), date(2024, 3, 29), date(2024, 4, 1), date(2024, 5, 1),
                                date(2024, 12, 24), date(2024, 12, 25), date(2024, 12, 26)}


def test_invested_capital_is_the_first_value_plus_every_flow():
    assert list(invested_capital(np.array([100.0, 120, 130]), np.array([0.0, 50, 0]), np.array([0.0, 0, 30]))) == \
        [100.0, 150.0, 120.0]


def test_periods_end_at_a_close_and_start_at_the_close_before():
    today = date(2026, 11, 29)
    assert (p := period_named("ytd", today, date(2020, 1, 1))).start == date(2025, 12, 31) and p.end == today
    assert period_named("1y", today, None).start == date(2025, 11, 29)
    assert period_named("3y", date(2028, 2, 29), None).start == date(2025, 2, 28)
    assert period_named("2025", today, None) == period_named("2025", today, None)
    assert (period_named("2025", today, None).start, period_named("2025", today, None).end) == \
        (date(2024, 12, 31), date(2025, 12, 31))
    assert period_named("2026", today, None).end == today  # the current year stops today
    assert period_named("max", today, date(2024, 1, 8)).start == date(2024, 1, 7)  # the day before the first
    with pytest.raises(PeriodError, match="no transaction"):
        period_named("max", today, None)
    for bad in ("2y5", "1969", "2099", "week", "0y"):
        with pytest.raises(PeriodError):
            period_named(bad, today, None)
    with pytest.raises(PeriodError, match="must end after it starts"):
        period_between(date(2025, 1, 2), date(2025, 1, 2))
