"""Limits and target ranges -> violations, with the amount to trim or add to get back inside.

Amounts assume the proceeds of a trim stay in the portfolio as cash, so the total does not move:
for a max rule the trim is `value - limit x total`; for a min rule the top-up is `limit x total - value`.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from .exposure import DIMENSIONS, BookData, Item, View, exposure, issuer_values
from .money import round_money
from .themes import DEFAULT_TAXONOMY, Theme

POSITION = "position"  # max single position (with look-through: single underlying issuer)
RULE_DIMENSIONS = DIMENSIONS + (POSITION,)


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    dimension: str
    key: str
    max_bp: int | None = None
    min_bp: int | None = None
    taxonomy: str = DEFAULT_TAXONOMY
    id: int | None = None
    origin: str = "rule"  # "rule" (added by the user) or "target" (a theme's target range)

    def __post_init__(self) -> None:
        if self.dimension not in RULE_DIMENSIONS:
            raise RuleError(f"unknown dimension '{self.dimension}' (choose from {', '.join(RULE_DIMENSIONS)})")
        if self.max_bp is None and self.min_bp is None:
            raise RuleError("a rule needs a max or a min")
        for value in (self.max_bp, self.min_bp):
            if value is not None and not 0 <= value <= 10_000:
                raise RuleError(f"limits are basis points between 0 and 10000, got {value}")
        if not self.key:
            raise RuleError("a rule needs a key (e.g. a theme path, a country, or a symbol)")


# A rule in words, as a person says it. English here; the window and the PDF pass the same templates
# translated (services/rule_words.py). {key} is a theme's own name (the last part of its path).
RULE_WORDS = {
    "theme": "{key} ({taxonomy})", "position": "{key} (one position)", "sector": "Sector {key}",
    "industry": "Industry {key}", "country": "Country {key}", "currency": "Currency {key}",
    "asset-class": "Asset class {key}", "account": "Account {key}", "portfolio": "Portfolio {key}",
    "max": "{what} at most {max} of the portfolio", "min": "{what} at least {min} of the portfolio",
    "range": "{what} between {min} and {max} of the portfolio",
}


def percent_text(bp: int) -> str:
    return f"{bp / 100:g}%"


def rule_in_words(rule: Rule, words: dict[str, str] = RULE_WORDS,
                  percent: Callable[[int], str] = percent_text) -> str:
    """"AI gigafactories (Thesis) at most 25% of the portfolio" rather than the rule's internal form."""
    key = rule.key.split("/")[-1] if rule.dimension == "theme" else rule.key
    what = words[rule.dimension].format(key=key, taxonomy=rule.taxonomy)
    limits = {"min": percent(rule.min_bp) if rule.min_bp is not None else None,
              "max": percent(rule.max_bp) if rule.max_bp is not None else None}
    kind = "range" if None not in limits.values() else "max" if limits["max"] is not None else "min"
    return words[kind].format(what=what, **limits)


@dataclass(frozen=True)
class Violation:
    rule: Rule
    key: str
    weight_bp: int
    limit_bp: int
    amount_base: Decimal  # to trim (over a max) or to add (under a min), in the base currency
    action: str  # "trim" or "add"


def target_rules(themes: list[Theme]) -> list[Rule]:
    return [Rule("theme", t.path, t.target_max_bp, t.target_min_bp, t.taxonomy, origin="target")
            for t in themes if t.target_min_bp is not None or t.target_max_bp is not None]


@dataclass(frozen=True)
class RuleCheck:
    """One rule against a portfolio: the weight it measures, and its violation if any."""
    rule: Rule
    weight_bp: int
    violation: Violation | None


def evaluate_rules(rules: list[Rule], items: list[Item], data: BookData, base_currency: str, *,
                   look_through: bool = False) -> list[RuleCheck]:
    total = sum((item.value_base for item in items), Decimal(0))
    if not total:
        return []
    cache: dict[View, dict[str, Decimal]] = {}
    checks = []
    for rule in rules:
        value = _value(rule, items, data, base_currency, look_through, cache)
        weight_bp = int((value / total * 10_000).to_integral_value())
        violation = None
        if rule.max_bp is not None and value > total * rule.max_bp / 10_000:
            trim = round_money(value - total * rule.max_bp / 10_000, base_currency)
            violation = Violation(rule, rule.key, weight_bp, rule.max_bp, trim, "trim")
        elif rule.min_bp is not None and value < total * rule.min_bp / 10_000:
            add = round_money(total * rule.min_bp / 10_000 - value, base_currency)
            violation = Violation(rule, rule.key, weight_bp, rule.min_bp, add, "add")
        checks.append(RuleCheck(rule, weight_bp, violation))
    return checks


def check_rules(rules: list[Rule], items: list[Item], data: BookData, base_currency: str, *,
                look_through: bool = False) -> list[Violation]:
    return [check.violation for check in evaluate_rules(rules, items, data, base_currency, look_through=look_through)
            if check.violation is not None]


def _value(rule: Rule, items: list[Item], data: BookData, base_currency: str, look_through: bool,
           cache: dict[View, dict[str, Decimal]]) -> Decimal:
    if rule.dimension == POSITION:
        if not look_through:  # exact: the security's value over all accounts
            return sum((item.value_base for item in items if item.symbol == rule.key), Decimal(0))
        value = issuer_values(items, data, look_through=True).get(rule.key, 0.0)
        return round_money(Decimal(repr(value)), base_currency)
    depth = rule.key.count("/") + 1 if rule.dimension == "theme" else None
    view = View(rule.dimension, rule.taxonomy, depth, look_through)
    if view not in cache:
        cache[view] = {row.key: row.value_base for row in exposure(items, view, data, base_currency).rows}
    return cache[view].get(rule.key, Decimal(0))
