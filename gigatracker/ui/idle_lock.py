"""Idle lock: after N minutes without a key press or mouse move, the window hides every figure until the
book's passphrase is typed again (encrypted books only: a plain book has no passphrase to ask for).

`IdleWatch` restarts its timer on any user input in the application; `LockScreen` covers the window (the
views underneath are hidden too, so neither a glance nor a screenshot shows a figure)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .dialogs.parts import problem_label

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                QEvent.Type.TouchBegin}


class IdleWatch(QObject):
    idle = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        QApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()  # same interval, from now
        return False

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)


class LockScreen(QWidget):
    """Asks the passphrase; `unlock_asked` carries what was typed (the window checks it off the GUI thread)."""
    unlock_asked = Signal(str)

    def __init__(self, book_name: str, parent=None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        title = QLabel(self.tr("%1 is locked").replace("%1", book_name), self)
        title.setStyleSheet("font-size: 18pt; font-weight: 600")
        hint = QLabel(self.tr("Figures are hidden after a while without use. Type the book's passphrase to "
                              "show them again."), self)
        hint.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.returnPressed.connect(self._ask)
        self.button = QPushButton(self.tr("Unlock"), self)
        self.button.clicked.connect(self._ask)
        self.problem = problem_label(self)
        box = QVBoxLayout(self)
        box.addStretch(1)
        for widget in (title, hint, self.passphrase, self.button, self.problem):
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.passphrase.setMinimumWidth(320)
        hint.setFixedWidth(480)
        hint.setMinimumHeight(hint.heightForWidth(480))
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)

    def _ask(self) -> None:
        if self.passphrase.text():
            self.button.setEnabled(False)
            self.unlock_asked.emit(self.passphrase.text())

    def refused(self) -> None:
        self.problem.setText(self.tr("Wrong passphrase."))
        self.passphrase.clear()
        self.button.setEnabled(True)
