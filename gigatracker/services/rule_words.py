"""Rules in words in the interface's language (the window and the PDF): core/rules.py's templates, each
given to Qt's translation, and percentages written as the locale writes its numbers ("12,5 %" in French)."""
from __future__ import annotations

from ..core.rules import Rule, rule_in_words


def _templates() -> dict[str, str]:
    from PySide6.QtCore import QCoreApplication
    tr = QCoreApplication.translate
    return {
        "theme": tr("Rules", "{key} ({taxonomy})"), "position": tr("Rules", "{key} (one position)"),
        "sector": tr("Rules", "Sector {key}"), "industry": tr("Rules", "Industry {key}"),
        "country": tr("Rules", "Country {key}"), "currency": tr("Rules", "Currency {key}"),
        "asset-class": tr("Rules", "Asset class {key}"), "account": tr("Rules", "Account {key}"),
        "portfolio": tr("Rules", "Portfolio {key}"),
        "max": tr("Rules", "{what} at most {max} of the portfolio"),
        "min": tr("Rules", "{what} at least {min} of the portfolio"),
        "range": tr("Rules", "{what} between {min} and {max} of the portfolio"),
    }


def percent(bp: int) -> str:
    from PySide6.QtCore import QLocale
    locale = QLocale()
    number = locale.toString(bp / 100, "f", 0 if bp % 100 == 0 else 2 if bp % 10 else 1)
    return f"{number}\u00a0%"  # "25 %", as every other percentage of the window and the PDF


def rule_text(rule: Rule) -> str:
    return rule_in_words(rule, _templates(), percent)
