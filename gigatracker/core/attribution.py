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

from .returns import irr_of, ttwror

CASH_SLEEVE = "Cash and other"


@dataclass(frozen=True)
class SleeveReturn:
    name: str
    ttwror: float  # the sleeve's own time-weighted return
    irr: float | None
    gain: float  # base currency: its value change less its net flows over the period
    contribution: float  # its part of the scope's TTWROR (they add up to it)
    start_value: float
    end_value: float


def sleeve_matrices(fractions: np.ndarray, values: np.ndarray, inbound: np.ndarray, outbound: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Securities (days x securities) into sleeves (days x sleeves) with `fractions` (securities x sleeves:
    each security's share in each sleeve; a row sums to 1 when the sleeves cover everything)."""
    return values @ fractions, inbound @ fractions, outbound @ fractions


def with_rest(total: tuple[np.ndarray, np.ndarray, np.ndarray], sleeves: tuple[np.ndarray, np.ndarray, np.ndarray]
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sleeves plus one last column, what the scope holds besides them (cash and other): its value is
    the rest of the scope's; money the sleeves take in leaves it, money they pay out comes into it."""
    values, inbound, outbound = total
    s_values, s_in, s_out = sleeves
    rest_values = values - s_values.sum(axis=1)
    rest_in = inbound + s_out.sum(axis=1)
    rest_out = outbound + s_in.sum(axis=1)
    return (np.column_stack([s_values, rest_values]), np.column_stack([s_in, rest_in]),
            np.column_stack([s_out, rest_out]))


def contributions(total: tuple[np.ndarray, np.ndarray, np.ndarray],
                  sleeves: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """Each sleeve's contribution to the scope's TTWROR, linked over the days (see the module's note)."""
    values, inbound, outbound = total
    s_values, s_in, s_out = sleeves
    denominator = values[:-1] + inbound[1:]
    gains = s_values[1:] - s_values[:-1] - s_in[1:] + s_out[1:]
    _, cumulative = ttwror(values, inbound, outbound)
    growth = 1.0 + cumulative[:-1]  # the scope's growth up to the day before
    with np.errstate(divide="ignore", invalid="ignore"):
        daily = np.where(denominator[:, None] == 0, 0.0, gains / np.where(denominator == 0, 1.0, denominator)[:, None])
    return (daily * growth[:, None]).sum(axis=0)


def sleeve_returns(names: list[str], days: np.ndarray, total: tuple[np.ndarray, np.ndarray, np.ndarray],
                   sleeves: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[SleeveReturn]:
    """One SleeveReturn per column of `sleeves` (days x sleeves each), named by `names`."""
    s_values, s_in, s_out = sleeves
    _, cumulative = ttwror(s_values, s_in, s_out)
    linked = contributions(total, sleeves)
    # The first day's flows are in its value (they are neither gain nor flow of the period).
    gains = s_values[-1] - s_values[0] - s_in[1:].sum(axis=0) + s_out[1:].sum(axis=0)
    return [SleeveReturn(name, float(cumulative[-1, i]), irr_of(days, s_values[:, i], s_in[:, i], s_out[:, i]),
                         float(gains[i]), float(linked[i]), float(s_values[0, i]), float(s_values[-1, i]))
            for i, name in enumerate(names)]

