"""Settings: the open book's base currency, the stream URL, when quotes refresh, appearance, language, and
the idle lock of encrypted books."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout

from ...core.money import CURRENCIES
from ..preferences import APPEARANCES, LANGUAGES, REFRESH_POLICIES, Preferences
from .parts import ok_cancel


class SettingsDialog(QDialog):
    def __init__(self, preferences: Preferences, base_currency: str, parent=None):
        super().__init__(parent)
        self.preferences = preferences
        self.setWindowTitle(self.tr("Settings"))
        self.base_currency = QComboBox(self)
        self.base_currency.addItems(sorted(CURRENCIES))
        self.base_currency.setCurrentText(base_currency)
        self.stream_url = QLineEdit(preferences.stream_url, self)
        self.stream_url.setPlaceholderText(self.tr("Yahoo Finance (default)"))
        self.refresh = QComboBox(self)
        self.appearance = QComboBox(self)
        self.language = QComboBox(self)
        for combo, choices, current in ((self.refresh, REFRESH_POLICIES, preferences.refresh_policy),
                                        (self.appearance, APPEARANCES, preferences.appearance)):
            for key, label in choices.items():
                combo.addItem(QCoreApplication.translate("Preferences", label), key)
            combo.setCurrentIndex(combo.findData(current))
        for key, label in LANGUAGES.items():
            self.language.addItem(label, key)
        self.language.setCurrentIndex(self.language.findData(preferences.language))
        self.idle_lock = QSpinBox(self)
        self.idle_lock.setRange(0, 24 * 60)
        self.idle_lock.setSpecialValueText(self.tr("never"))
        self.idle_lock.setSuffix(self.tr(" min"))
        self.idle_lock.setValue(preferences.idle_lock_minutes)
        self.idle_lock.setToolTip(self.tr("Encrypted books only: their figures are hidden until the passphrase is "
                                          "typed again."))
        form = QFormLayout()
        form.addRow(self.tr("Base currency of this book"), self.base_currency)
        form.addRow(self.tr("Live prices server"), self.stream_url)
        form.addRow(self.tr("Refresh quotes"), self.refresh)
        form.addRow(self.tr("Appearance"), self.appearance)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Lock when idle for"), self.idle_lock)
        note = QLabel(self.tr("Values are shown in the base currency, converted at the latest FX close."), self)
        note.setWordWrap(True)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Store the application settings (the book's currency is the caller's write)."""
        self.preferences.stream_url = self.stream_url.text()
        self.preferences.refresh_policy = self.refresh.currentData()
        self.preferences.appearance = self.appearance.currentData()
        self.preferences.language = self.language.currentData()
        self.preferences.idle_lock_minutes = self.idle_lock.value()
