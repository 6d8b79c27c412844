"""What a write changed: published by the app after each commit so views refresh (none polls the book)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Changed:
    transactions: bool = False
    accounts: bool = False
    prices: bool = False
    themes: bool = False  # taxonomies, themes, assignments, theses, fund holdings, rules, security master
    benchmarks: bool = False  # a portfolio's (or the book's) benchmark
