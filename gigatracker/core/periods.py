"""Reporting periods, as Portfolio Performance defines them: a period runs from the *close* of its first
day to the close of its last, so the value at the close of `start` is the initial value and flows on
`start` itself belong to the period before (PP's ReportingPeriod: "from X to Y").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_NAMES = ("max", "ytd", "1y", "3y", "5y")
_YEARS = re.compile(r"([0-9]+)y")


@dataclass(frozen=True)
class Period:
    start: date  # the initial value is the value at the close of this day
    end: date  # the final value is the value at the close of this day
    label: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days


class PeriodError(ValueError):
    pass


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def period_named(name: str, today: date, first_activity: date | None) -> Period:
    """ytd, 1y, 3y, 5y (any Ny), max (since the first transaction) or a calendar year (2025), up to `today`.
    `first_activity`: the date of the scope's first transaction (None: it has none)."""
    text = name.strip().lower()
    if text == "max":
        if first_activity is None:
            raise PeriodError("nothing to measure: no transaction in this scope")
        return Period(first_activity - timedelta(days=1), today, "since inception")
    if text == "ytd":
        return Period(date(today.year - 1, 12, 31), today, f"year to date {today.year}")
    if match := _YEARS.fullmatch(text):
        years = int(match.group(1))
        if not 1 <= years <= 100:
            raise PeriodError(f"'{name}': choose between 1y and 100y")
        return Period(_years_before(today, years), today, f"{years} year{'s' if years > 1 else ''}")
    if text.isdigit() and len(text) == 4:
        year = int(text)
        if not 1970 <= year <= today.year:
            raise PeriodError(f"'{name}': a year between 1970 and {today.year}")
        return Period(date(year - 1, 12, 31), min(date(year, 12, 31), today), text)
    raise PeriodError(f"'{name}' is not a period (choose {', '.join(PERIOD_NAMES)} or a year such as 2025)")


def period_between(start: date, end: date) -> Period:
    if end <= start:
        raise PeriodError(f"the period must end after it starts ({start.isoformat()} to {end.isoformat()})")
    return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")
