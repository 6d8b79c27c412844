"""Returns by sleeve (a theme, Unassigned, cash): each sleeve's TTWROR, IRR and gain, and its contribution
to the scope's return, linked over the days so that the contributions add up to the scope's TTWROR.

A sleeve holds a share of every security (its weight in a theme, in basis points): that share of the
security's value and of its flows each day. Whatever the securities do not explain — cash, interest, taxes,
account fees, currency moves on cash — is the *cash and other* sleeve, so the sleeves' gains add up to the
scope's gain every day.

Contribution (docs/conventions.md; Bacon, *Practical Portfolio Performance Measurement and Attribution*,
2nd ed. 2008, ch. 5, "multi-period contribution"): on day d the scope's return is r_d = G_d / D_d with
D_d = V_{d-1} + in_d and G_d the day's gain; a sleeve's gain G_{s,d} (value change less its net flows)
contributes c_{s,d} = G_{s,d} / D_d, so that the c_{s,d} add up to r_d. Linked over the period,
C_s = sum_d c_{s,d} * prod_{t<d} (1 + r_t), and the C_s add up exactly to prod_d (1 + r_d) - 1.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .returns import irr_of, ttwror

CASH_SLEEVE = "Cash and other"
# (values, inflows, outflows) per day: the scope's (days), or its sleeves' (days x sleeves).
_Flows = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]


@dataclass(frozen=True)
class SleeveReturn:
    name: str
    ttwror: float  # the sleeve's own time-weighted return
    irr: float | None
    gain: float  # base currency: its value change less its net flows over the period
    contribution: float  # its part of the scope's TTWROR (they add up to it)
    start_value: float
    end_value: float


BLOCK = 64  # sleeves measured a few columns at a time: the temporaries stay small (500 securities x 10
# years of days at once would allocate and touch hundreds of MB per measure)


def sleeve_returns(names: list[str], days: npt.NDArray[np.int64], total: _Flows, sleeves: _Flows,
                   rest: str = CASH_SLEEVE) -> list[SleeveReturn]:
    """One SleeveReturn per column of `sleeves` (days x sleeves: values, inflows, outflows), named by
    `names`, then one for what the scope holds besides them (`rest`): its value is the rest of the scope's;
    money the sleeves take in leaves it, money they pay out comes into it. The first day's flows are in its
    value: row 0 of the flows is never read."""
    values, inbound, outbound = total
    s_values, s_in, s_out = sleeves
    denominator = values[:-1] + inbound[1:]
    _, cumulative = ttwror(values, inbound, outbound)
    with np.errstate(divide="ignore", invalid="ignore"):  # a day's gain, times this, is its contribution
        scale = np.where(denominator == 0, 0.0, (1.0 + cumulative[:-1]) / np.where(denominator == 0, 1.0, denominator))
    found: list[SleeveReturn] = []
    held, taken, paid = np.zeros(len(values)), np.zeros(len(values)), np.zeros(len(values))
    for start in range(0, s_values.shape[1], BLOCK):
        part = slice(start, start + BLOCK)
        v, i, o = s_values[:, part], s_in[:, part], s_out[:, part]
        found += _measured(names[part], days, v, i, o, scale)
        held += v.sum(axis=1)
        taken += i.sum(axis=1)
        paid += o.sum(axis=1)
    rest_values, rest_in, rest_out = values - held, inbound + paid, outbound + taken
    return found + _measured([rest], days, rest_values[:, None], rest_in[:, None], rest_out[:, None], scale)


def _measured(names: list[str], days: npt.NDArray[np.int64], v: npt.NDArray[np.float64], i: npt.NDArray[np.float64],
              o: npt.NDArray[np.float64], scale: npt.NDArray[np.float64]) -> list[SleeveReturn]:
    _, cumulative = ttwror(v, i, o)
    daily_gains = v[1:] - v[:-1] - i[1:] + o[1:]
    linked = scale @ daily_gains
    gains = v[-1] - v[0] - i[1:].sum(axis=0) + o[1:].sum(axis=0)
    return [SleeveReturn(name, float(cumulative[-1, k]), irr_of(days, v[:, k], i[:, k], o[:, k]), float(gains[k]),
                         float(linked[k]), float(v[0, k]), float(v[-1, k])) for k, name in enumerate(names)]
