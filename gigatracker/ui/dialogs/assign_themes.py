"""Assign a security's weights across the themes of a taxonomy (from the holdings' context menu)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from ..views.weights_editor import WeightsEditor
from .parts import ok_cancel


class AssignThemesDialog(QDialog):
    def __init__(self, symbol: str, taxonomy: str, paths: list[str], weights: dict[str, int], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Themes of %1").replace("%1", symbol))
        self.editor = WeightsEditor(self)
        self.buttons = ok_cancel(self)
        self.editor.validity_changed.connect(self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self.editor.load(symbol, taxonomy, paths, weights)
        # what tests and callers use
        self.table, self.total = self.editor.table, self.editor.total

    def specs(self) -> list[str]:
        return self.editor.specs()
