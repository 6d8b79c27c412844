"""Edit the thesis behind a theme: statement, conviction (1-5), kill criteria, catalysts, review date."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDialog, QFormLayout, QPlainTextEdit, QSpinBox, QVBoxLayout

from ...core.themes import Thesis
from .parts import ok_cancel, problem_label


class ThesisDialog(QDialog):
    def __init__(self, taxonomy: str, path: str, thesis: Thesis | None, parent=None):
        super().__init__(parent)
        self.taxonomy, self.path = taxonomy, path
        self.setWindowTitle(self.tr("Thesis: %1").replace("%1", path))
        self.statement = QPlainTextEdit(thesis.statement if thesis else "", self)
        self.conviction = QSpinBox(self)
        self.conviction.setRange(1, 5)
        self.conviction.setValue(thesis.conviction if thesis else 3)
        self.conviction.setSuffix(" ★")
        self.kill = QPlainTextEdit(thesis.kill_criteria if thesis else "", self)
        self.catalysts = QPlainTextEdit(thesis.catalysts if thesis else "", self)
        self.has_review = QCheckBox(self.tr("Review on"), self)
        self.review = QDateEdit(self)
        self.review.setCalendarPopup(True)
        day = thesis.review_date if thesis and thesis.review_date else None
        self.has_review.setChecked(day is not None)
        self.review.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate().addMonths(3))
        self.review.setEnabled(day is not None)
        self.has_review.toggled.connect(self.review.setEnabled)
        for box in (self.statement, self.kill, self.catalysts):
            box.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Statement"), self.statement)
        form.addRow(self.tr("Conviction"), self.conviction)
        form.addRow(self.tr("Kill criteria"), self.kill)
        form.addRow(self.tr("Catalysts"), self.catalysts)
        form.addRow(self.has_review, self.review)
        self.problem = problem_label(self)
        buttons = ok_cancel(self, self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(520, 460)

    def thesis(self) -> Thesis:
        """Raises ThemeError (e.g. an empty statement)."""
        review = None
        if self.has_review.isChecked():
            d = self.review.date()
            review = date(d.year(), d.month(), d.day())
        return Thesis(self.taxonomy, self.path, self.statement.toPlainText().strip(), self.conviction.value(),
                      self.kill.toPlainText().strip(), self.catalysts.toPlainText().strip(), review)

    def _accept(self) -> None:
        try:
            self.thesis()
        except ValueError as error:
            self.problem.setText(str(error))
            return
        self.accept()
