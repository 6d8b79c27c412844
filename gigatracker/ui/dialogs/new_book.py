"""New book: where to save it, its base currency, and whether it is encrypted (passphrase typed twice)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QVBoxLayout)

from ...services.messages import translated
from ...core.money import CURRENCIES
from ...logs import redact
from ...app.security import keyring_status
from .parts import ok_cancel, problem_label


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
        self.encrypt = QCheckBox(self.tr("Encrypt with a passphrase (for books holding clients' data)"), self)
        self.passphrase = QLineEdit(self)
        self.again = QLineEdit(self)
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._check)
        self.remember = QCheckBox(self.tr("Remember on this computer"), self)
        status = keyring_status()
        self.remember.setEnabled(status.accepted)
        if not status.accepted:
            self.remember.setToolTip(self.tr("Not available: %1").replace("%1", translated(status.why)))
        self.problem = problem_label(self)
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Base currency"), self.currency)
        form.addRow(self.encrypt)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Again"), self.again)
        form.addRow(self.remember)
        self.buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.encrypt.toggled.connect(self._check)
        self._check()

    def _check(self) -> None:
        on = self.encrypt.isChecked()
        for field in (self.passphrase, self.again, self.remember):
            field.setEnabled(on and (field is not self.remember or keyring_status().accepted))
        text, again = self.passphrase.text(), self.again.text()
        differ = on and bool(text) and bool(again) and text != again
        self.problem.setText(self.tr("The two passphrases differ.") if differ else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not on or (bool(text) and text == again))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New book"), self.path.text(),
                                              self.tr("GigaTracker books (*.gtbook)"))
        if path:
            self.path.setText(path if path.endswith(".gtbook") else path + ".gtbook")

    def choice(self) -> tuple[Path, str, str | None, bool]:
        """(file, base currency, passphrase or None for a plain book, remember it)."""
        passphrase = self.passphrase.text() if self.encrypt.isChecked() else None
        redact(passphrase)
        return (Path(self.path.text()).expanduser(), self.currency.currentText(), passphrase,
                bool(passphrase) and self.remember.isChecked() and self.remember.isEnabled())
