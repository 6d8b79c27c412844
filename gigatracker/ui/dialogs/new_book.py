"""New book: where to save it and its base currency."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QVBoxLayout)

from ...core.money import CURRENCIES


class NewBookDialog(QDialog):
    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New book"))
        self.path = QLineEdit(str(folder / "portfolio.gtbook"), self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.currency = QComboBox(self)
        self.currency.addItems(sorted(CURRENCIES))
        self.currency.setCurrentText("EUR")
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Base currency"), self.currency)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New book"), self.path.text(),
                                              self.tr("GigaTracker books (*.gtbook)"))
        if path:
            self.path.setText(path if path.endswith(".gtbook") else path + ".gtbook")

    def choice(self) -> tuple[Path, str]:
        return Path(self.path.text()).expanduser(), self.currency.currentText()
