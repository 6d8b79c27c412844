"""Return and risk figures from a daily series, with Portfolio Performance's definitions.

Read from PP's sources (name.abuchen.portfolio: snapshot/ClientIndex, snapshot/PerformanceIndex,
math/Risk, math/IRR, snapshot/ClientIRRYield; docs/conventions.md cites them):
- TTWROR: each calendar day r = (V_d + out_d) / (V_{d-1} + in_d) - 1 (inflows at the start of the day,
  outflows at its end), 0 when V_{d-1} + in_d is 0; chained. The first day is 0: its flows are in its value.
- Annualized: (1 + r) ^ (365 / calendar days of the period) - 1.
- IRR: money-weighted, Actual/365, solved by pyxirr (no root finding here).
- Maximum drawdown: the largest fall of the TTWROR index (1 + r) from its running peak, from the first day
  with a value; its "duration" is PP's: the longest time between two new highs (an unfinished one counts).
- Volatility: sample standard deviation of daily log returns x sqrt(number of returns), i.e. over the
  period (PP does not use sqrt(252)); only days with a value on them and the day before, that are neither
  weekends nor holidays of PP's default calendar. Semi-deviation: the same over returns below the mean.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Sequence, cast

import numpy as np
import numpy.typing as npt

from .quotes import from_day_number


def ttwror(values: npt.NDArray[np.float64], inbound: npt.NDArray[np.float64],
           outbound: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """(daily returns, cumulative return) per day; works on days x N matrices too (one column each)."""
    delta = np.zeros_like(values, dtype=np.float64)
    before = values[:-1] + inbound[1:]
    after = values[1:] + outbound[1:]
    with np.errstate(divide="ignore", invalid="ignore"):
        delta[1:] = np.where(before == 0, 0.0, after / np.where(before == 0, 1.0, before) - 1.0)
    # float64 throughout (numpy's stubs give np.cumprod's result as some `floating`).
    return delta, cast(npt.NDArray[np.float64], np.cumprod(1.0 + delta, axis=0) - 1.0)


def annualized(cumulative: float, days: int) -> float | None:
    if days <= 0 or cumulative <= -1 or not np.isfinite(cumulative):
        return None
    try:  # a positive float to a float power: a float (typeshed says Any, for a negative base's complex)
        return cast(float, (1.0 + cumulative) ** (365.0 / days) - 1.0)
    except OverflowError:  # e.g. +50 % over one day, annualized
        return None


def irr(days: Sequence[date] | npt.NDArray[np.datetime64],
        amounts: Sequence[float] | npt.NDArray[np.float64]) -> float | None:
    """Money-weighted return of flows (money put in negative, taken out and the final value positive);
    `days`: dates or numpy datetime64 days. None when it has no solution (e.g. every flow of one sign)."""
    from pyxirr import InvalidPaymentsError, xirr
    amounts = np.asarray(amounts, dtype=np.float64)
    kept = amounts != 0
    if not (amounts[kept] < 0).any() or not (amounts[kept] > 0).any():
        return None
    try:
        result = xirr(np.asarray(days)[kept], amounts[kept])
    except (InvalidPaymentsError, ValueError, OverflowError):
        return None
    return None if result is None or not np.isfinite(result) else float(result)


def irr_of(days: npt.NDArray[np.int64], values: npt.NDArray[np.float64], inbound: npt.NDArray[np.float64],
           outbound: npt.NDArray[np.float64]) -> float | None:
    """IRR of a daily series: the initial value put in on the first day, flows on their days, the final
    value taken out on the last day (PP's ClientIRRYield)."""
    moves = outbound - inbound
    moves[0] = -values[0]
    moves[-1] += values[-1]
    kept = np.flatnonzero(moves)
    return irr(days[kept].astype("datetime64[D]"), moves[kept])


@dataclass(frozen=True)
class Drawdown:
    maximum: float  # 0.25 = a fall of 25 % from the peak
    peak: date | None  # the interval of the largest fall: from its peak ...
    trough: date | None  # ... to its lowest point
    longest_days: int  # PP's "max drawdown duration": longest time between two new highs
    longest_from: date | None
    longest_to: date | None


def _falls(cumulative: npt.NDArray[np.float64], values: npt.NDArray[np.float64]
           ) -> tuple[int, npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """From the first day with a value: (that day, the TTWROR index, its running peak, the fall below it)."""
    held = np.flatnonzero(values != 0)
    start = int(held[0]) if len(held) else len(values) - 1
    index = 1.0 + cumulative[start:]
    peaks = np.maximum.accumulate(index)
    with np.errstate(divide="ignore", invalid="ignore"):  # an index at or below zero (negative cash)
        falls = np.nan_to_num((peaks - index) / peaks, nan=0.0, posinf=0.0, neginf=0.0)
    return start, index, peaks, falls


def drawdown(days: npt.NDArray[np.int64], cumulative: npt.NDArray[np.float64], values: npt.NDArray[np.float64]
             ) -> Drawdown:
    start, index, peaks, falls = _falls(cumulative, values)
    worst = int(np.argmax(falls)) if len(falls) else 0
    maximum = float(falls[worst]) if len(falls) else 0.0
    peak_at = int(np.flatnonzero(index[:worst + 1] == peaks[worst])[0]) if maximum > 0 else worst
    # New highs are strictly above every earlier value; the first day is the first "high".
    highs = np.concatenate([[0], np.flatnonzero(index[1:] > peaks[:-1]) + 1, [len(index) - 1]])
    gaps = np.diff(highs)
    longest = int(np.argmax(gaps)) if len(gaps) else 0
    gap_days = int(days[start + highs[longest + 1]] - days[start + highs[longest]]) if len(gaps) else 0
    return Drawdown(maximum, from_day_number(days[start + peak_at]) if maximum > 0 else None,
                    from_day_number(days[start + worst]) if maximum > 0 else None, gap_days,
                    from_day_number(days[start + highs[longest]]) if gap_days else None,
                    from_day_number(days[start + highs[longest + 1]]) if gap_days else None)


def drawdown_series(cumulative: npt.NDArray[np.float64], values: npt.NDArray[np.float64]
                    ) -> npt.NDArray[np.float64]:
    """Per day: how far the TTWROR index is below its running peak (0 before the first value)."""
    result = np.zeros(len(values))
    if (values != 0).any():
        start, _, _, falls = _falls(cumulative, values)
        result[start:] = falls
    return result


@dataclass(frozen=True)
class Volatility:
    standard_deviation: float
    semi_deviation: float
    returns: int  # how many daily returns it counts


def volatility(days: npt.NDArray[np.int64], delta: npt.NDArray[np.float64], values: npt.NDArray[np.float64]
               ) -> Volatility:
    kept = np.zeros(len(values), dtype=bool)
    kept[1:] = (values[1:] != 0) & (values[:-1] != 0)
    kept &= ~holidays(days)
    count = int(kept.sum())
    if (delta[kept] <= -1).any():  # a value that went through zero (negative cash): no log return
        return Volatility(float("nan"), float("nan"), count)
    logs = np.log1p(delta[kept])
    if count <= 1:
        return Volatility(0.0, 0.0, count)
    mean = logs.mean()
    deviations = (logs - mean) ** 2
    scale = count / (count - 1)
    return Volatility(float(np.sqrt(deviations.sum() * scale)),
                      float(np.sqrt(deviations[logs < mean].sum() * scale)), count)


def holidays(days: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Weekends and the holidays of PP's default trade calendar: 1 January, Good Friday, Easter Monday,
    1 May, 24, 25 and 26 December."""
    if not len(days):
        return np.zeros(0, dtype=bool)
    dates = np.asarray(days, dtype="datetime64[D]")
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday: Monday = 0
    closed = weekday >= 5
    fixed = _fixed_holidays(from_day_number(days[0]).year, from_day_number(days[-1]).year)
    return closed | np.isin(dates, fixed)


@lru_cache(maxsize=32)  # every measure of a book asks for the same years
def _fixed_holidays(first: int, last: int) -> npt.NDArray[np.datetime64]:
    fixed = []
    for year in range(first, last + 1):
        easter = _easter(year)
        fixed += [date(year, 1, 1), easter - timedelta(days=2), easter + timedelta(days=1), date(year, 5, 1),
                  date(year, 12, 24), date(year, 12, 25), date(year, 12, 26)]
    return np.asarray(fixed, dtype="datetime64[D]")


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own names (Meeus/Jones/Butcher)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def invested_capital(values: npt.NDArray[np.float64], inbound: npt.NDArray[np.float64],
                     outbound: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The first day's value plus every flow since (PP's invested capital)."""
    moves = inbound - outbound
    moves[0] = values[0]
    return np.cumsum(moves)
