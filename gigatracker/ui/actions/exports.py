"""The window's exports (File → Export and the clients view): holdings, transactions and the exposure
view shown as XLSX or CSV, the whole book as JSON, theme packs, and clients' PDF reports. All are reads:
they run in workers and say where they wrote."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..failures import error_text
from ..file_places import chosen, show_saved, start_path
from ..workers import run_in_background


class ExportActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        action = window.make_action
        self.table_actions = {
            "holdings": action(self.tr("&Holdings…"), lambda: self.table("holdings")),
            "transactions": action(self.tr("&Transactions…"), lambda: self.table("transactions")),
            "exposure": action(self.tr("E&xposure (the view shown)…"), lambda: self.table("exposure")),
            "book": action(self.tr("The whole &book (JSON)…"), self.book),
            "themes": action(self.tr("Theme &pack…"), self.theme_pack)}
        self.report_action = action(self.tr("Client &Report (PDF)…"), lambda: self.report(window.portfolio))

    def table(self, what: str) -> None:
        window = self.window
        names = {"holdings": self.tr("holdings"), "transactions": self.tr("transactions"), "exposure": self.tr("exposure")}
        path = chosen(QFileDialog.getSaveFileName(window, self.tr("Export %1").replace("%1", names[what]),
                                                  start_path(f"{what}.xlsx"),
                                                  self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"))[0])
        if not path:
            return
        app, portfolio, view = window.app, window.portfolio, window.exposure.view()

        def export():
            exports = app.exports
            table = (exports.holdings_table(portfolio) if what == "holdings" else
                     exports.transactions_table(portfolio) if what == "transactions" else
                     exports.exposure_table(view, portfolio))
            return exports.write(table, path)

        self._background(export, self.tr("Exported to %1"))

    def book(self) -> None:
        window = self.window
        path = chosen(QFileDialog.getSaveFileName(window, self.tr("Export the whole book"),
                                                  start_path(f"{Path(window.app.book.name).stem}.json"),
                                                  self.tr("Book files (*.json)"))[0])
        if path:
            app = window.app
            self._background(lambda: (app.exports.export_book(path), path)[1], self.tr("Exported to %1"))

    def theme_pack(self) -> None:
        path = chosen(QFileDialog.getSaveFileName(self.window, self.tr("Export theme pack"), start_path("themes.json"),
                                                  self.tr("Theme packs (*.json)"))[0])
        if path:
            app = self.window.app
            self._background(lambda: (app.themes.export_pack(path), path)[1], self.tr("Exported to %1"))

    def report(self, portfolio: str | None) -> None:
        """One client's PDF report; with no portfolio chosen, one per portfolio into a folder."""
        window, app = self.window, self.window.app
        from ...app.report_data import gather
        from ...services.reports.adviser import safe_file_name, write_pdf
        if portfolio is None:
            folder = chosen(QFileDialog.getExistingDirectory(window, self.tr("Reports for every portfolio"),
                                                             start_path()))
            if not folder:
                return

            def write_all():
                return [write_pdf(gather(app, name), Path(folder) / safe_file_name(name), book=app.book.path)
                        for name in app.portfolios()]

            self._background(write_all, self.tr("Reports written to %1").replace("%1", folder), folder)
            return
        path = chosen(QFileDialog.getSaveFileName(window, self.tr("Report for %1").replace("%1", portfolio),
                                                  start_path(safe_file_name(portfolio)), self.tr("PDF (*.pdf)"))[0])
        if path:
            self._background(lambda: write_pdf(gather(app, portfolio), Path(path), book=app.book.path),
                             self.tr("Report written to %1"))

    def _background(self, function, done_text: str, folder: str | None = None) -> None:
        """`function` in a worker; it returns the file written, said with a button to open its folder."""
        window = self.window
        run_in_background(function, lambda out: show_saved(window, done_text.replace("%1", str(out)), folder or out),
                          lambda error: QMessageBox.warning(window, "GigaTracker", error_text(error)), context=window)
