"""Names of the exposure and rule dimensions as the interface writes them (one translation for every view)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

DIMENSIONS = {
    "sector": QT_TRANSLATE_NOOP("Dimension", "Sector"), "industry": QT_TRANSLATE_NOOP("Dimension", "Industry"),
    "country": QT_TRANSLATE_NOOP("Dimension", "Country"), "currency": QT_TRANSLATE_NOOP("Dimension", "Currency"),
    "asset-class": QT_TRANSLATE_NOOP("Dimension", "Asset class"), "account": QT_TRANSLATE_NOOP("Dimension", "Account"),
    "portfolio": QT_TRANSLATE_NOOP("Dimension", "Portfolio"), "position": QT_TRANSLATE_NOOP("Dimension", "Position"),
}


def dimension_label(dimension: str) -> str:
    return QCoreApplication.translate("Dimension", DIMENSIONS[dimension]) if dimension in DIMENSIONS else dimension
