"""The passphrase prompt: to open an encrypted book, or to choose a new passphrase (typed twice).

"Remember on this computer" stores it in the OS keyring, and is offered only when the keyring is one we
accept (its tooltip says why not otherwise)."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from ...services.messages import translated
from ...logs import redact
from ...app.security import keyring_status
from .parts import ok_cancel, problem_label


class PassphraseDialog(QDialog):
    def __init__(self, book_name: str, *, new: bool = False, error: str = "", offer_remember: bool = True,
                 parent=None):
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(self.tr("New passphrase") if new else self.tr("Encrypted book"))
        self.setMinimumWidth(420)  # the intro reads on two lines, not five
        intro = QLabel(self.tr("Choose the passphrase of %1. Without it the book cannot be opened: keep it safe.")
                       if new else self.tr("%1 is encrypted. Its passphrase:"), self)
        intro.setText(intro.text().replace("%1", book_name))
        intro.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember on this computer"), self)
        status = keyring_status()
        self.remember.setEnabled(status.accepted)
        self.remember.setToolTip(self.tr("Kept in the system keyring (%1)").replace("%1", status.backend)
                                 if status.accepted else self.tr("Not available: %1").replace("%1", translated(status.why)))
        self.remember.setVisible(offer_remember)
        self.error = error  # why the last passphrase was refused, if it was
        self.problem = problem_label(self, error)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if new:
            form.addRow(self.tr("Again"), self.again)
        self.again.setVisible(new)
        self.buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for field in (self.passphrase, self.again):
            field.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        text = self.passphrase.text()
        differ = self.new and bool(text) and bool(self.again.text()) and text != self.again.text()
        self.problem.setText(self.tr("The two passphrases differ.") if differ else self.error)
        ok = bool(text) and (not self.new or text == self.again.text())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def choice(self) -> tuple[str, bool]:
        redact(self.passphrase.text())  # never in the log, even by mistake
        return self.passphrase.text(), self.remember.isChecked() and self.remember.isEnabled()

    @classmethod
    def ask(cls, parent, book_name: str, **options) -> tuple[str, bool] | None:
        dialog = cls(book_name, parent=parent, **options)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
