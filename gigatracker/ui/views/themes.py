"""Themes: a taxonomy's theme tree (add, rename or move, colour, target range), the securities (drag
them onto a theme, or select several and assign them at once), the selected security's weights, and the
selected theme's thesis card and journal. Theme packs import and export from here.

The view only asks: every change is a signal the window turns into a write on the store writer; the
view refreshes from the reload that the change event triggers."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap, QIcon
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...core.themes import DEFAULT_TAXONOMY, JournalEntry, Theme, Thesis
from ...services.messages import taxonomy_label
from ..appearance import ERROR_COLOUR
from ..format import format_date, format_decimal
from .weights_editor import WeightsEditor

SYMBOLS_MIME = "application/x-gigatracker-symbols"
PATH_ROLE = Qt.ItemDataRole.UserRole


def _pct(bp: int | None) -> str:
    return "" if bp is None else format_decimal(Decimal(bp) / 100, 2 if bp % 100 else 0) + " %"


class SecuritiesList(QListWidget):
    """Securities, several at a time, dragged out as a list of symbols."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)

    def mimeTypes(self) -> list[str]:
        return [SYMBOLS_MIME]

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        data.setData(SYMBOLS_MIME, "\n".join(item.data(PATH_ROLE) for item in items).encode())
        return data

    def selected_symbols(self) -> list[str]:
        return [item.data(PATH_ROLE) for item in self.selectedItems()]


class ThemeTree(QTreeWidget):
    """The theme tree; securities dropped on a theme are assigned to it."""
    symbols_dropped = Signal(list, str)  # symbols, theme path

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)

    def mimeTypes(self) -> list[str]:
        return [SYMBOLS_MIME]

    def supportedDropActions(self):
        return Qt.DropAction.CopyAction

    def dropMimeData(self, parent: QTreeWidgetItem | None, _index: int, data: QMimeData, _action) -> bool:
        if parent is None or not data.hasFormat(SYMBOLS_MIME) or parent.data(0, PATH_ROLE) is None:
            return False
        symbols = [s for s in bytes(data.data(SYMBOLS_MIME)).decode().split("\n") if s]
        self.symbols_dropped.emit(symbols, parent.data(0, PATH_ROLE))
        return True


class ThemesView(QWidget):
    add_theme = Signal(str, str)  # taxonomy, suggested parent path
    rename_theme = Signal(str, str)  # taxonomy, path
    colour_theme = Signal(str, str)
    target_theme = Signal(str, str)
    edit_thesis = Signal(str, str)
    assign = Signal(list, str, str)  # symbols, taxonomy, path (they get what they have left)
    bulk_assign = Signal(list, str, str)  # symbols, taxonomy, path (the window asks for a weight)
    save_weights = Signal(str, str, list)  # symbol, taxonomy, PATH=BP specs
    add_note = Signal(str, str, str)  # taxonomy, path, text
    import_pack = Signal()
    export_pack = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.themes: list[Theme] = []
        self.assignments: dict[str, dict[str, dict[str, int]]] = {}
        self.theses: list[Thesis] = []
        self.journal: list[JournalEntry] = []
        self.names: dict[str, str] = {}
        self.today = date.today()
        self.taxonomy = QComboBox(self)
        self.taxonomy.currentIndexChanged.connect(self._show_taxonomy)
        buttons = {}
        for name, text in (("add", self.tr("Add theme…")), ("rename", self.tr("Rename or move…")),
                           ("colour", self.tr("Colour…")), ("target", self.tr("Target range…")),
                           ("import", self.tr("Import pack…")), ("export", self.tr("Export pack…"))):
            buttons[name] = QPushButton(text, self)
        self.buttons = buttons
        buttons["add"].clicked.connect(lambda: self.add_theme.emit(self.current_taxonomy(), self.current_path() or ""))
        for name, signal in (("rename", self.rename_theme), ("colour", self.colour_theme), ("target", self.target_theme)):
            buttons[name].clicked.connect(lambda _=False, s=signal: self.current_path() and s.emit(
                self.current_taxonomy(), self.current_path()))
        buttons["import"].clicked.connect(self.import_pack)
        buttons["export"].clicked.connect(self.export_pack)
        self.tree = ThemeTree(self)
        self.tree.setHeaderLabels([self.tr("Theme"), self.tr("Target"), self.tr("Securities")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.currentItemChanged.connect(self._show_theme)
        self.tree.symbols_dropped.connect(lambda symbols, path: self.assign.emit(symbols, self.current_taxonomy(), path))
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter securities"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_securities)
        self.securities = SecuritiesList(self)
        self.securities.currentItemChanged.connect(self._show_security)
        self.assign_button = QPushButton(self.tr("Assign selected to theme…"), self)
        self.assign_button.clicked.connect(lambda: self.securities.selected_symbols() and self.current_path() and
                                           self.bulk_assign.emit(self.securities.selected_symbols(),
                                                                 self.current_taxonomy(), self.current_path()))
        self.weights = WeightsEditor(self)
        self.save_button = QPushButton(self.tr("Save weights"), self)
        self.save_button.setEnabled(False)
        self.weights.validity_changed.connect(self.save_button.setEnabled)
        self.save_button.clicked.connect(lambda: self.weights.symbol and self.save_weights.emit(
            self.weights.symbol, self.weights.taxonomy, self.weights.specs()))
        self.card = QGroupBox(self.tr("Thesis"), self)
        self.statement, self.conviction, self.kill, self.catalysts, self.review = (QLabel(self) for _ in range(5))
        for label in (self.statement, self.kill, self.catalysts):
            label.setWordWrap(True)
        form = QFormLayout(self.card)
        form.addRow(self.statement)
        form.addRow(self.tr("Conviction"), self.conviction)
        form.addRow(self.tr("Kill criteria"), self.kill)
        form.addRow(self.tr("Catalysts"), self.catalysts)
        form.addRow(self.tr("Review"), self.review)
        self.thesis_button = QPushButton(self.tr("Edit thesis…"), self)
        self.thesis_button.clicked.connect(lambda: self.current_path() and self.edit_thesis.emit(
            self.current_taxonomy(), self.current_path()))
        form.addRow(self.thesis_button)
        self.entries = QListWidget(self)
        self.entries.setWordWrap(True)
        self.entry = QPlainTextEdit(self)
        self.entry.setPlaceholderText(self.tr("A new journal entry: what changed, what you decided"))
        self.entry.setMaximumHeight(70)
        self.entry_button = QPushButton(self.tr("Add entry"), self)
        self.entry_button.clicked.connect(self._add_note)
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.taxonomy)
        for button in self.buttons.values():
            top.addWidget(button)
        top.addStretch(1)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.tree)
        middle = QWidget(self)
        middle_box = QVBoxLayout(middle)
        middle_box.setContentsMargins(0, 0, 0, 0)
        middle_box.addWidget(self.filter)
        middle_box.addWidget(self.securities, 2)
        middle_box.addWidget(self.assign_button)
        middle_box.addWidget(self.weights, 2)
        middle_box.addWidget(self.save_button)
        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.card)
        right_box.addWidget(QLabel(self.tr("Journal"), self))
        right_box.addWidget(self.entries, 1)
        right_box.addWidget(self.entry)
        right_box.addWidget(self.entry_button)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (left, middle, right):
            split.addWidget(widget)
        split.setSizes([360, 320, 380])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

    # -- state ------------------------------------------------------------------------------------
    def current_taxonomy(self) -> str:
        return self.taxonomy.currentData() or DEFAULT_TAXONOMY

    def current_path(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, PATH_ROLE) if item is not None else None

    def show_themes(self, themes: list[Theme], assignments, theses: list[Thesis] | None = None,
                    journal: list[JournalEntry] | None = None, names: dict[str, str] | None = None) -> None:
        self.themes, self.assignments = themes, assignments
        self.theses, self.journal, self.names = theses or [], journal or [], names or {}
        taxonomies = list(dict.fromkeys(t.taxonomy for t in themes)) or [DEFAULT_TAXONOMY]
        current = self.current_taxonomy()
        self.taxonomy.blockSignals(True)
        self.taxonomy.clear()
        for name in taxonomies:
            self.taxonomy.addItem(taxonomy_label(name), name)
        self.taxonomy.setCurrentIndex(max(0, self.taxonomy.findData(current)))
        self.taxonomy.blockSignals(False)
        self._show_taxonomy()

    def _show_taxonomy(self) -> None:
        taxonomy, selected, symbol = self.current_taxonomy(), self.current_path(), self.weights.symbol
        weights = self.assignments.get(taxonomy, {})
        members: dict[str, list[str]] = {}
        for sym, paths in weights.items():
            for path in paths:
                members.setdefault(path, []).append(sym)
        self.tree.blockSignals(True)
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for theme in sorted((t for t in self.themes if t.taxonomy == taxonomy), key=lambda t: t.path):
            parent_path = theme.path.rsplit("/", 1)[0] if "/" in theme.path else None
            parent = items.get(parent_path) if parent_path else None
            target = ""
            if theme.target_min_bp is not None or theme.target_max_bp is not None:
                target = f"{_pct(theme.target_min_bp) or '0 %'} – {_pct(theme.target_max_bp) or '100 %'}"
            row = [theme.name, target, ", ".join(sorted(members.get(theme.path, [])))]
            item = QTreeWidgetItem(parent, row) if parent else QTreeWidgetItem(self.tree, row)
            item.setData(0, PATH_ROLE, theme.path)
            item.setToolTip(0, theme.description or theme.path)
            if theme.colour:
                swatch = QPixmap(12, 12)
                swatch.fill(QColor(theme.colour))
                item.setIcon(0, QIcon(swatch))
            items[theme.path] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if selected in items:
            self.tree.setCurrentItem(items[selected])
        elif items:  # start on a theme that has a thesis, so the card is not empty
            with_thesis = [t.path for t in self.theses if t.taxonomy == taxonomy and t.path in items]
            self.tree.setCurrentItem(items[with_thesis[0]] if with_thesis else next(iter(items.values())))
        self._show_theme()
        self._fill_securities(weights)
        if symbol:
            self._select_security(symbol)

    def _fill_securities(self, weights) -> None:
        self.securities.blockSignals(True)
        self.securities.clear()
        for symbol in sorted(self.names):
            assigned = sum(weights.get(symbol, {}).values())
            item = QListWidgetItem(f"{symbol} — {self.names[symbol]}  ({_pct(assigned) or '0 %'})", self.securities)
            item.setData(PATH_ROLE, symbol)
            if not assigned:
                item.setForeground(QBrush(QColor("#d29922")))
        self.securities.blockSignals(False)
        self._filter_securities()

    def _select_security(self, symbol: str) -> None:
        for row in range(self.securities.count()):
            if self.securities.item(row).data(PATH_ROLE) == symbol:
                self.securities.setCurrentRow(row)
                return

    def _filter_securities(self) -> None:
        text = self.filter.text().strip().lower()
        for row in range(self.securities.count()):
            item = self.securities.item(row)
            item.setHidden(bool(text) and text not in item.text().lower())

    def _show_security(self) -> None:
        item = self.securities.currentItem()
        if item is None:
            return
        symbol, taxonomy = item.data(PATH_ROLE), self.current_taxonomy()
        paths = [t.path for t in self.themes if t.taxonomy == taxonomy]
        self.weights.load(symbol, taxonomy, sorted(paths), self.assignments.get(taxonomy, {}).get(symbol, {}))

    def _show_theme(self) -> None:
        path, taxonomy = self.current_path(), self.current_taxonomy()
        thesis = next((t for t in self.theses if t.taxonomy == taxonomy and t.path == path), None)
        self.card.setTitle(self.tr("Thesis: %1").replace("%1", path) if path else self.tr("Thesis"))
        self.thesis_button.setEnabled(path is not None)
        if thesis is None:
            self.statement.setText(self.tr("No thesis yet.") if path else self.tr("Select a theme."))
            for label in (self.conviction, self.kill, self.catalysts, self.review):
                label.setText("")
            self.review.setStyleSheet("")
        else:
            self.statement.setText(thesis.statement)
            self.conviction.setText("★" * thesis.conviction + "☆" * (5 - thesis.conviction))
            self.kill.setText(thesis.kill_criteria)
            self.catalysts.setText(thesis.catalysts)
            overdue = thesis.review_date is not None and thesis.review_date < self.today
            text = format_date(thesis.review_date) if thesis.review_date else "—"
            self.review.setText(text + (" · " + self.tr("overdue") if overdue else ""))
            self.review.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold" if overdue else "")
        self.entries.clear()
        for entry in sorted((e for e in self.journal if e.taxonomy == taxonomy and e.path == path),
                            key=lambda e: e.written, reverse=True):
            snapshot = ", ".join(f"{s} {p}" for s, p in entry.prices.items())
            weight = self.tr("weight %1").replace("%1", _pct(entry.weight_bp)) if entry.weight_bp is not None else ""
            lines = [f"{format_date(entry.written)} — {entry.text}"]
            if weight or snapshot:
                lines.append(" · ".join(part for part in (weight, snapshot) if part))
            QListWidgetItem("\n".join(lines), self.entries)
        self.entry_button.setEnabled(path is not None)

    def _add_note(self) -> None:
        text = self.entry.toPlainText().strip()
        if text and self.current_path():
            self.add_note.emit(self.current_taxonomy(), self.current_path(), text)
            self.entry.clear()

    def select_theme(self, path: str) -> None:
        for item in self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            if item.data(0, PATH_ROLE) == path:
                self.tree.setCurrentItem(item)
                return
        raise KeyError(path)

    def theme_item(self, path: str) -> QTreeWidgetItem:
        self.select_theme(path)
        return self.tree.currentItem()
