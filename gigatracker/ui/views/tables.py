"""The look every big table of the window shares: sortable (by its model), whole rows selected, compact
rows without wrapping, columns fitted to the first rows only."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

FIT_ROWS = 60  # columns fit the first rows' contents: measuring 10,000 rows would freeze the window


def data_table(parent, model) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(FIT_ROWS)
    header.setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrowed column's title ends in "…", not cut
    return table
