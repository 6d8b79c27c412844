"""The window's theme actions (the themes view and the holdings' "Assign themes…"): add, rename or move,
colour and target range of a theme, its thesis and journal, weights of one security or of a selection,
theme packs. Every write goes through the window's write path; those that change themes, weights or
targets can be undone."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QDialog, QFileDialog, QInputDialog

from ..file_places import chosen, start_path
from ...app import operations as op
from ...core.themes import DEFAULT_TAXONOMY, Theme
from ..dialogs.assign_themes import AssignThemesDialog
from ..dialogs.target import TargetDialog
from ..dialogs.thesis import ThesisDialog
from ..workers import run_in_background


class ThemeActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        view, writes = window.themes, window.writes
        view.add_theme.connect(self.add)
        view.rename_theme.connect(self.rename)
        view.colour_theme.connect(self.colour)
        view.target_theme.connect(self.target)
        view.edit_thesis.connect(self.thesis)
        view.assign.connect(lambda symbols, taxonomy, path: writes.run(
            op.assign_to_theme(symbols, path, None, taxonomy=taxonomy)))
        view.bulk_assign.connect(self.bulk_assign)
        view.save_weights.connect(lambda symbol, taxonomy, specs: writes.run(
            op.assign(symbol, specs, taxonomy=taxonomy)))
        view.add_note.connect(lambda taxonomy, path, text: writes.run(
            op.plain("note", path, lambda app: app.themes.add_note(path, text, taxonomy=taxonomy))))
        view.import_pack.connect(self.import_pack)
        window.holdings.assign_themes.connect(self.assign_themes)

    def _theme(self, taxonomy: str, path: str) -> Theme:
        data = self.window.data
        return next(t for t in (data.themes if data else []) if t.taxonomy == taxonomy and t.path == path)

    def add(self, taxonomy: str, parent: str) -> None:
        path, ok = QInputDialog.getText(self.window, self.tr("Add theme"), self.tr("Path (use / for sub-themes):"),
                                        text=f"{parent}/" if parent else "")
        if ok and path.strip().strip("/"):
            self.window.writes.run(op.add_theme(path, taxonomy=taxonomy))

    def rename(self, taxonomy: str, path: str) -> None:
        new, ok = QInputDialog.getText(self.window, self.tr("Rename or move theme"),
                                       self.tr("New path (sub-themes, weights and theses follow):"), text=path)
        if ok and new.strip() and new.strip() != path:
            self.window.writes.run(op.rename_theme(path, new, taxonomy=taxonomy))

    def colour(self, taxonomy: str, path: str) -> None:
        theme = self._theme(taxonomy, path)
        colour = QColorDialog.getColor(QColor(theme.colour or "#1982c4"), self.window,
                                       self.tr("Colour of %1").replace("%1", path))
        if colour.isValid():
            self.window.writes.run(op.edit_theme(theme, Theme(taxonomy, path, colour.name(), theme.description,
                                                              theme.target_min_bp, theme.target_max_bp)))

    def target(self, taxonomy: str, path: str) -> None:
        theme = self._theme(taxonomy, path)
        dialog = TargetDialog(path, theme.target_min_bp, theme.target_max_bp, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            low, high = dialog.range_bp()
            self.window.writes.run(op.edit_theme(theme, Theme(taxonomy, path, theme.colour, theme.description,
                                                              low, high)))

    def thesis(self, taxonomy: str, path: str) -> None:
        data = self.window.data
        current = next((t for t in (data.theses if data else []) if t.taxonomy == taxonomy and t.path == path), None)
        dialog = ThesisDialog(taxonomy, path, current, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            thesis = dialog.thesis()
            self.window.writes.run(op.plain("thesis", path, lambda app: app.themes.set_thesis(thesis)))

    def bulk_assign(self, symbols: list, taxonomy: str, path: str) -> None:
        percent, ok = QInputDialog.getDouble(
            self.window, self.tr("Assign to %1").replace("%1", path),
            self.tr("Weight of this theme for each of the %1 selected securities (%):").replace("%1", str(len(symbols))),
            100.0, 0.01, 100.0, 2)
        if ok:
            bp = int(round(percent * 100))
            self.window.writes.run(op.assign_to_theme(symbols, path, bp, taxonomy=taxonomy))

    def assign_themes(self, symbol: str) -> None:
        """One security's weights in the default taxonomy, read fresh (another write may have changed them)."""
        window, app = self.window, self.window.app

        def show(result) -> None:
            themes, assignments = result
            paths = [t.path for t in themes if t.taxonomy == DEFAULT_TAXONOMY]
            weights = assignments.get(DEFAULT_TAXONOMY, {}).get(symbol, {})
            dialog = AssignThemesDialog(symbol, DEFAULT_TAXONOMY, paths, weights, window)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                window.writes.run(op.assign(symbol, dialog.specs()))

        # Not tied to the window's reloads: a reload finishing meanwhile must not swallow the click.
        run_in_background(lambda: (app.themes.list_themes(), app.themes.assignments()), show,
                          window.writes.show_refusal, context=window)

    def import_pack(self) -> None:
        window = self.window
        path = chosen(QFileDialog.getOpenFileName(window, self.tr("Import theme pack"), start_path(),
                                                  self.tr("Theme packs (*.json)"))[0])
        if path:
            window.writes.run(op.plain("theme_pack", path, lambda app: app.themes.import_pack(path)),
                              lambda summary: window.statusBar().showMessage(
                                  self.tr("%1: %2 themes created, %3 assignments").replace("%1", Path(path).name)
                                  .replace("%2", str(summary.themes_created)).replace("%3", str(summary.assignments)),
                                  10_000))
