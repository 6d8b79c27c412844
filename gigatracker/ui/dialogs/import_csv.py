"""Import a broker CSV with a mapping file (the same TOML files the CLI reads): a dry run first shows
what would be added, then the import writes all rows or none."""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout)


class ImportDialog(QDialog):
    def __init__(self, accounts: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import transactions"))
        self.file = QLineEdit(self)
        self.mapping = QLineEdit(self)
        self.account = QLineEdit(self)
        self.account.setPlaceholderText(self.tr("only for files without an account column"))
        form = QFormLayout()
        for label, field, pattern in ((self.tr("CSV file"), self.file, self.tr("CSV files (*.csv *.txt)")),
                                      (self.tr("Mapping file"), self.mapping, self.tr("Mapping files (*.toml)"))):
            row = QHBoxLayout()
            row.addWidget(field, 1)
            browse = QPushButton(self.tr("Browse…"), self)
            browse.clicked.connect(lambda _=False, f=field, p=pattern: self._browse(f, p))
            row.addWidget(browse)
            form.addRow(label, row)
        form.addRow(self.tr("Account"), self.account)
        self.report = QLabel(self)
        self.report.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report)
        layout.addWidget(self.buttons)
        if accounts:
            self.account.setText(accounts[0] if len(accounts) == 1 else "")

    def _browse(self, field: QLineEdit, pattern: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"), field.text(), pattern)
        if path:
            field.setText(path)

    def choice(self) -> tuple[str, str, str | None]:
        return self.file.text().strip(), self.mapping.text().strip(), self.account.text().strip() or None
