"""First run: what a new user can do — explore the demo book, start a book, open one, import a CSV."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget

from ..icons import link_icons


class WelcomeView(QWidget):
    open_demo = Signal()
    new_book = Signal()
    open_book = Signal()
    import_csv = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        title = QLabel(self.tr("Welcome to GigaTracker"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr("See how much of your money rides on your investment theses: themes, "
                               "look-through of funds, live prices, rules."), self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(title)
        layout.addWidget(intro)
        self._icons = {}
        for text, detail, signal, icon in (
                (self.tr("Explore the demo book"),
                 self.tr("The AI inference thesis: chips, gigafactories, AI PCs, two clients"), self.open_demo,
                 "dashboard"),
                (self.tr("New book…"), self.tr("An empty book in your base currency"), self.new_book, "add"),
                (self.tr("Open a book…"), self.tr("A .gtbook file on this computer"), self.open_book, "holdings"),
                (self.tr("Import transactions…"), self.tr("A broker's or another tracker's export (DEGIRO, IBKR, Ghostfolio…)"),
                 self.import_csv, "import")):
            button = QCommandLinkButton(text, detail, self)
            button.setMinimumWidth(460)
            button.clicked.connect(signal)
            layout.addWidget(button)
            self._icons[button] = icon
        link_icons(self._icons)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_icons"):
            link_icons(self._icons)
        super().changeEvent(event)
