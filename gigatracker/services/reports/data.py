"""What an adviser's report prints, as plain data: the app layer gathers it (app/report_data.py), the renderer
(adviser.py) lays it out. No Qt, no App: a report can be made from any source of these figures."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from ...core.attribution import SleeveReturn
from ...core.benchmark import Comparison
from ...core.exposure import Concentration, Exposure
from ...core.rules import Violation
from ...core.themes import Theme, Thesis
from ...core.valuation import Valuation

PERIOD_ROWS = ("ytd", "1y", "3y", "max")


@dataclass
class PeriodReturn:
    name: str  # ytd, 1y, 3y, max
    start: date
    end: date
    ttwror: float
    irr: float | None
    benchmark_ttwror: float | None


@dataclass
class PerformanceSection:
    """How the portfolio has done: returns by period, the value over the chart's period (a year, or since
    the start when shorter), each theme's return and contribution over it, and the benchmark."""
    returns: list[PeriodReturn]
    chart: PeriodReturn
    days: npt.NDArray[np.int64] | None  # day numbers of the chart's period (None: not gathered)
    values: npt.NDArray[np.float64] | None
    invested: npt.NDArray[np.float64] | None
    themes: list[SleeveReturn]
    benchmark: str | None = None
    comparison: Comparison | None = None
    benchmark_error: str | None = None


@dataclass
class ReportData:
    portfolio: str
    day: date
    base_currency: str
    total_base: Decimal
    themes: Exposure
    countries: Exposure
    currencies: Exposure
    concentration: Concentration
    breaches: list[Violation]
    theses: list[Thesis]
    holdings: list[Valuation]
    theme_info: dict[str, Theme]
    problems: list[str]
    targets: dict[str, tuple[int | None, int | None]]
    performance: PerformanceSection | None = None
