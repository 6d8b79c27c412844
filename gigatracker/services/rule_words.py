"""Rules in words in the interface's language (the window and the PDF): core/rules.py's templates, each
given to Qt's translation, and percentages written as the locale writes its numbers ("12,5 %" in French)."""
from __future__ import annotations

from dataclasses import replace

from ..core.rules import Rule, rule_in_words


def _templates() -> dict[str, str]:
    from PySide6.QtCore import QCoreApplication
    return {  # each call written out: lupdate finds a string only in QCoreApplication.translate("Rules", …)
        "theme": QCoreApplication.translate("Rules", "{key} ({taxonomy})"),
        "position": QCoreApplication.translate("Rules", "{key} (one position)"),
        "sector": QCoreApplication.translate("Rules", "Sector {key}"),
        "industry": QCoreApplication.translate("Rules", "Industry {key}"),
        "country": QCoreApplication.translate("Rules", "Country {key}"),
        "currency": QCoreApplication.translate("Rules", "Currency {key}"),
        "asset-class": QCoreApplication.translate("Rules", "Asset class {key}"),
        "account": QCoreApplication.translate("Rules", "Account {key}"),
        "portfolio": QCoreApplication.translate("Rules", "Portfolio {key}"),
        "max": QCoreApplication.translate("Rules", "{what} at most {max} of the portfolio"),
        "min": QCoreApplication.translate("Rules", "{what} at least {min} of the portfolio"),
        "range": QCoreApplication.translate("Rules", "{what} between {min} and {max} of the portfolio"),
    }


def percent(bp: int) -> str:
    from PySide6.QtCore import QLocale
    locale = QLocale()
    number = locale.toString(bp / 100, "f", 0 if bp % 100 == 0 else 2 if bp % 10 else 1)
    return f"{number}\u00a0%"  # "25 %", as every other percentage of the window and the PDF


def rule_text(rule: Rule) -> str:
    from .messages import taxonomy_label  # Qt: imported when a rule is said (the PDF module loads without it)
    return rule_in_words(replace(rule, taxonomy=taxonomy_label(rule.taxonomy)), _templates(), percent)
