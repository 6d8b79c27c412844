"""Colours for chart segments: a theme's own colour when it has one, else a fixed qualitative palette
(the same key keeps its colour between updates), grey for Unassigned."""
from __future__ import annotations

import zlib

from PySide6.QtGui import QColor

from ...core.themes import UNASSIGNED

PALETTE = ("#1982c4", "#8ac926", "#ff595e", "#ffca3a", "#6a4c93", "#2a9d8f", "#e76f51", "#264653",
           "#f4a261", "#e9c46a", "#b5179e", "#4cc9f0", "#7209b7", "#90be6d", "#f94144", "#577590")
UNASSIGNED_COLOUR = "#9e9e9e"
BREACH = QColor("#d73a49")


def colour_for(key: str, known: dict[str, str] | None = None) -> QColor:
    if key == UNASSIGNED:
        return QColor(UNASSIGNED_COLOUR)
    if known and known.get(key):
        return QColor(known[key])
    return QColor(PALETTE[zlib.crc32(key.encode()) % len(PALETTE)])
