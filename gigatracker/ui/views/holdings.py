"""Holdings: the valued positions with live prices, a filter, grouping by portfolio or account, and a
context menu (assign themes, show transactions, add a transaction).

Columns fit their contents and their whole titles (bold, as a column with a selected row shows it, and
with room for the sort arrow on the sorted one); the name column takes the width left, and a cell too
narrow for its text shows it whole in a tooltip."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QStyle,
                               QStyledItemDelegate, QStyleOptionHeader, QToolTip, QVBoxLayout, QWidget)

from ..models.holdings import GROUPINGS, NAME, THEMES, HoldingsModel
from .tables import data_table

THEMES_WIDTH = 120  # the themes' long lists are elided (whole in a tooltip) rather than squeezing the names
CELL_PADDING = 8  # what a cell keeps around its text (the style's focus frame and margins)


def title_width(header: QHeaderView, section: int) -> int:
    """The width a section needs to show its title whole, as Qt measures it: in bold (a column with a
    selected row shows its title bold), within the style's margins, with room for the sort arrow when the
    section is the sorted one."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.state |= QStyle.StateFlag.State_Horizontal
    option.orientation = Qt.Orientation.Horizontal
    option.section = section
    option.text = str(header.model().headerData(section, Qt.Orientation.Horizontal) or "")
    bold = QFont(header.font())
    bold.setBold(True)
    option.fontMetrics = QFontMetrics(bold)
    arrow = header.isSortIndicatorShown() and header.sortIndicatorSection() == section
    option.sortIndicator = (QStyleOptionHeader.SortIndicator.SortDown if arrow
                            else QStyleOptionHeader.SortIndicator.None_)
    return header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header).width()


class ElidedTooltips(QStyledItemDelegate):
    """A cell whose text is cut (a long name, a list of themes) shows it whole in a tooltip; a cell with a
    tooltip of its own (a price, a missing value) shows that. Only the tooltip is Python: painting stays Qt's."""

    def helpEvent(self, event, view, option, index) -> bool:
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid() \
                and index.data(Qt.ItemDataRole.ToolTipRole) is None:
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if text and option.fontMetrics.horizontalAdvance(str(text)) + CELL_PADDING > option.rect.width():
                QToolTip.showText(event.globalPos(), str(text), view, option.rect)
                return True
        return super().helpEvent(event, view, option, index)


class HoldingsView(QWidget):
    show_transactions = Signal(str, str)  # symbol, account
    assign_themes = Signal(str)  # symbol
    add_transaction = Signal(str, str)  # symbol, account
    change_symbol = Signal(str)  # symbol
    add_price = Signal(str)  # symbol

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = HoldingsModel(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by symbol, name, account or theme"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        self.grouping = QComboBox(self)
        for key, label in zip(GROUPINGS, (self.tr("No grouping"), self.tr("Group by portfolio"),
                                          self.tr("Group by account"))):
            self.grouping.addItem(label, key)
        self.grouping.currentIndexChanged.connect(lambda: self.model.set_grouping(self.grouping.currentData()))
        self.table = data_table(self, self.model)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.setItemDelegate(ElidedTooltips(self.table))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)  # the names take the width left
        header.sortIndicatorChanged.connect(self._fit_sorted)
        self.model.modelReset.connect(self._fit_columns)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Filter:"), self))
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.grouping)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._fitted = False

    def _fit_columns(self) -> None:
        """Each column as wide as its first rows and its title, once: later resets keep the user's widths
        (but never cut a title, which changes with the base currency)."""
        if self._fitted or not self.model.rowCount():
            self._fit_titles()
            return
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != NAME:
                width = max(self.table.sizeHintForColumn(column), title_width(header, column))
                header.resizeSection(column, min(width, THEMES_WIDTH) if column == THEMES else width)
        self._fitted = True

    def _fit_titles(self) -> None:
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            width = title_width(header, column)
            if column != NAME and header.sectionSize(column) < width:
                header.resizeSection(column, width)

    def _fit_sorted(self, section: int, _order) -> None:
        """The sorted column shows an arrow by its title: it widens if the title would be cut."""
        header = self.table.horizontalHeader()
        if 0 <= section < self.model.columnCount() and section != NAME:
            header.resizeSection(section, max(header.sectionSize(section), title_width(header, section)))

    def _menu(self, point) -> None:
        index = self.table.indexAt(point)
        holding = self.model.holding(index.row()) if index.isValid() else None
        if holding is None:
            return
        menu = QMenu(self)
        actions = [
            (self.tr("Assign themes to %1…").replace("%1", holding.symbol), lambda: self.assign_themes.emit(holding.symbol)),
            (self.tr("Show transactions"), lambda: self.show_transactions.emit(holding.symbol, holding.account)),
            (self.tr("Add a transaction…"), lambda: self.add_transaction.emit(holding.symbol, holding.account)),
            (self.tr("Change symbol…"), lambda: self.change_symbol.emit(holding.symbol)),
            (self.tr("Add a price…"), lambda: self.add_price.emit(holding.symbol)),
        ]
        for text, slot in actions:
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(point))
