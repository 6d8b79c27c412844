"""Themes: each taxonomy's theme tree with target ranges, and the securities assigned to each theme with
their weights (editing comes with the themes editor)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..format import format_decimal


def _pct(bp: int | None) -> str:
    return "" if bp is None else format_decimal(Decimal(bp) / 100, 2 if bp % 100 else 0) + " %"


class ThemesView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Theme"), self.tr("Target"), self.tr("Weight"), self.tr("Description")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)

    def show_themes(self, themes, assignments: dict[str, dict[str, dict[str, int]]]) -> None:
        self.tree.clear()
        items: dict[tuple[str, str], QTreeWidgetItem] = {}
        for theme in sorted(themes, key=lambda t: (t.taxonomy, t.path)):
            root = items.get((theme.taxonomy, ""))
            if root is None:
                root = items[(theme.taxonomy, "")] = QTreeWidgetItem(self.tree, [theme.taxonomy])
                root.setExpanded(True)
            parent_path = theme.path.rsplit("/", 1)[0] if "/" in theme.path else ""
            parent = items.get((theme.taxonomy, parent_path), root)
            target = ""
            if theme.target_min_bp is not None or theme.target_max_bp is not None:
                target = f"{_pct(theme.target_min_bp) or '0 %'} – {_pct(theme.target_max_bp) or '100 %'}"
            item = items[(theme.taxonomy, theme.path)] = QTreeWidgetItem(
                parent, [theme.path.split("/")[-1], target, "", theme.description])
            item.setExpanded(True)
        for taxonomy, by_symbol in assignments.items():
            for symbol, weights in sorted(by_symbol.items()):
                for path, bp in weights.items():
                    parent = items.get((taxonomy, path))
                    if parent is not None:
                        QTreeWidgetItem(parent, [symbol, "", _pct(bp), ""])
