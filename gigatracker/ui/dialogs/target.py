"""A theme's target range, in percent (either end may be left empty)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout

from ...core.themes import check_target
from ..format import format_decimal, parse_decimal_input
from .parts import ok_cancel, problem_label


class TargetDialog(QDialog):
    def __init__(self, path: str, low_bp: int | None, high_bp: int | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Target range: %1").replace("%1", path))
        self.low = QLineEdit(format_decimal(Decimal(low_bp) / 100, 2) if low_bp is not None else "", self)
        self.high = QLineEdit(format_decimal(Decimal(high_bp) / 100, 2) if high_bp is not None else "", self)
        form = QFormLayout()
        form.addRow(self.tr("At least (%)"), self.low)
        form.addRow(self.tr("At most (%)"), self.high)
        self.problem = problem_label(self)
        buttons = ok_cancel(self, self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def range_bp(self) -> tuple[int | None, int | None]:
        """Raises ValueError with the reason."""
        values = []
        for field in (self.low, self.high):
            value = parse_decimal_input(field.text())
            if value is not None and (value * 100) != (value * 100).to_integral_value():
                raise ValueError(self.tr("use at most 2 decimals"))
            values.append(None if value is None else int(value * 100))
        check_target(*values)
        return values[0], values[1]

    def _accept(self) -> None:
        try:
            self.range_bp()
        except ValueError as error:
            self.problem.setText(str(error) or self.tr("not a number"))
            return
        self.accept()
