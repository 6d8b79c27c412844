"""What the dialogs share: the red line that says what is wrong, and the OK / Cancel buttons."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from ..appearance import ERROR_COLOUR


def problem_label(parent: QWidget, text: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR}")
    return label


def ok_cancel(dialog: QDialog, on_accept: Callable[[], None] | None = None) -> QDialogButtonBox:
    """OK runs `on_accept` (which decides whether to accept), or accepts; Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(on_accept or dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
