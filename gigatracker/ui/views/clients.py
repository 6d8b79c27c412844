"""Clients, for advisers: every portfolio side by side (value, top themes, breached rules, overdue thesis
reviews), and one client compared with a model portfolio or with the theme target ranges."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.themes import Theme, UNASSIGNED
from ..format import format_decimal, format_money

TARGETS = "\0targets"  # the comparison choice "its own targets" (no portfolio can have this name)
OFF, WITHIN = QColor("#d73a49"), QColor("#2ea043")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _pct(bp: int | None) -> str:
    return "—" if bp is None else format_decimal(Decimal(bp) / 100, 1) + " %"


def _points(bp: int) -> str:
    return ("+" if bp > 0 else "") + format_decimal(Decimal(bp) / 100, 1) + " pp"


class ClientsView(QWidget):
    open_client = Signal(str)  # portfolio
    export_report = Signal(str)  # portfolio

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dashboards: list = []
        self.weights: dict[str, dict[str, int]] = {}
        self.themes: list[Theme] = []
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Portfolio"), self.tr("Total value"), self.tr("Top themes"),
                                              self.tr("Breached rules"), self.tr("Overdue reviews")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda index: self.open_client.emit(self.table.item(index.row(), 0).text()))
        self.open_button = QPushButton(self.tr("Open client"), self)
        self.open_button.clicked.connect(self._open_selected)
        self.report_button = QPushButton(self.tr("Export report (PDF)…"), self)
        self.report_button.clicked.connect(lambda: self.selected() and self.export_report.emit(self.selected()))
        self.client = QComboBox(self)
        self.model = QComboBox(self)
        for combo in (self.client, self.model):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.client.currentIndexChanged.connect(self._compare)
        self.model.currentIndexChanged.connect(self._compare)
        self.comparison = QTableWidget(0, 4, self)
        self.comparison.verticalHeader().hide()
        self.comparison.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.comparison.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.comparison.setWordWrap(False)
        self.summary = QLabel(self)
        top = QWidget(self)
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.open_button)
        top_box.addLayout(buttons)
        bottom = QWidget(self)
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 0, 0, 0)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Compare"), self))
        pick.addWidget(self.client)
        pick.addWidget(QLabel(self.tr("with"), self))
        pick.addWidget(self.model)
        pick.addStretch(1)
        pick.addWidget(self.summary)
        bottom_box.addLayout(pick)
        bottom_box.addWidget(self.comparison)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def show_clients(self, dashboards, weights: dict[str, dict[str, int]] | None = None,
                     themes: list[Theme] | None = None) -> None:
        self.dashboards, self.weights, self.themes = list(dashboards), weights or {}, themes or []
        self.table.setRowCount(len(dashboards))
        for row, d in enumerate(dashboards):
            top = ", ".join(f"{path.split('/')[-1]} {_pct(bp)}" for path, bp, _value in d.top_themes[:3]) or "—"
            overdue = sum(d.overdue(t) for t in d.reviews)
            cells = (d.portfolio, format_money(d.total_base, d.base_currency), top, str(len(d.breaches)), str(overdue))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 3, 4):
                    item.setTextAlignment(_RIGHT)
                if (column == 3 and d.breaches) or (column == 4 and overdue):
                    item.setForeground(QBrush(OFF))
                if column == 3 and d.breaches:
                    item.setToolTip("\n".join(f"{v.key}: {_pct(v.weight_bp)} ({v.action})" for v in d.breaches))
                self.table.setItem(row, column, item)
        names = [d.portfolio for d in dashboards]
        for combo, extra in ((self.client, []), (self.model, [(self.tr("its theme targets"), TARGETS)])):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for label, data in extra + [(name, name) for name in names]:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._compare()

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def _open_selected(self) -> None:
        if self.selected():
            self.open_client.emit(self.selected())

    def compare(self, client: str, model: str) -> None:
        self.client.setCurrentIndex(self.client.findData(client))
        self.model.setCurrentIndex(self.model.findData(model))

    def _compare(self) -> None:
        client, model = self.client.currentData(), self.model.currentData()
        if client is None:
            self.comparison.setRowCount(0)
            return
        mine = self.weights.get(client, {})
        if model == TARGETS:
            self._against_targets(mine)
        else:
            self._against_model(mine, self.weights.get(model, {}), model)

    def _against_model(self, mine: dict[str, int], theirs: dict[str, int], model: str) -> None:
        self.comparison.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Client"), model, self.tr("Difference")])
        keys = sorted(set(mine) | set(theirs), key=lambda k: (k == UNASSIGNED, k))
        rows = [(key, _pct(mine.get(key, 0)), _pct(theirs.get(key, 0)), mine.get(key, 0) - theirs.get(key, 0))
                for key in keys]
        self._fill([(key, a, b, _points(diff), OFF if abs(diff) >= 500 else None) for key, a, b, diff in rows])
        leaves = {key for key in keys if not any(other.startswith(key + "/") for other in keys)}
        gap = sum(abs(diff) for key, _a, _b, diff in rows if key in leaves) // 2  # each point moved counts once
        self.summary.setText(self.tr("%1 of the client's weight sits differently from the model").replace(
            "%1", _pct(gap)))

    def _against_targets(self, mine: dict[str, int]) -> None:
        self.comparison.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Client"), self.tr("Target range"),
                                                   self.tr("Status")])
        rows, off = [], 0
        for theme in sorted(self.themes, key=lambda t: t.path):
            if theme.target_min_bp is None and theme.target_max_bp is None:
                continue
            weight = mine.get(theme.path, 0)
            low, high = theme.target_min_bp, theme.target_max_bp
            if low is not None and weight < low:
                status, colour = self.tr("below by %1").replace("%1", _points(low - weight).lstrip("+")), OFF
            elif high is not None and weight > high:
                status, colour = self.tr("above by %1").replace("%1", _points(weight - high).lstrip("+")), OFF
            else:
                status, colour = self.tr("within"), WITHIN
            off += colour is OFF
            rows.append((theme.path, _pct(weight), f"{_pct(low) if low is not None else '0 %'} – "
                         f"{_pct(high) if high is not None else '100 %'}", status, colour))
        self._fill(rows)
        self.summary.setText(self.tr("%1 of %2 targets missed").replace("%1", str(off)).replace("%2", str(len(rows)))
                             if rows else self.tr("No theme has a target range."))

    def _fill(self, rows) -> None:
        self.comparison.setRowCount(len(rows))
        for r, (key, *cells, colour) in enumerate(rows):
            for c, text in enumerate([key, *cells]):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(_RIGHT)
                if c == 3 and colour is not None:
                    item.setForeground(QBrush(colour))
                self.comparison.setItem(r, c, item)

    def comparison_rows(self) -> list[list[str]]:
        return [[self.comparison.item(r, c).text() for c in range(4)] for r in range(self.comparison.rowCount())]
