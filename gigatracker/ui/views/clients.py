"""Clients, for advisers: every portfolio side by side (value, top themes, breached rules, overdue thesis
reviews), and one client compared with a model portfolio or with its own targets: the theme target ranges
and the user's rules, each with the amount to trim or add."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QStyle,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...app.prices import PriceSource
from ...app.clients import against_model, against_targets
from ...core.rules import RuleCheck
from ..format import format_decimal, format_money
from ..labels import dimension_label

THEMES_WIDTH = 190  # the top themes' column, when the window has room (the full text is in the tooltip)
TARGETS = "\0targets"  # the comparison choice "its targets and rules" (no portfolio can have this name)
OFF, WITHIN = QColor("#d73a49"), QColor("#2ea043")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _pct(bp: int | None) -> str:
    return "—" if bp is None else format_decimal(Decimal(bp) / 100, 1) + " %"


def _return(value: float) -> str:
    return ("+" if value > 0 else "") + format_decimal(Decimal(repr(round(value * 100, 2))), 2) + " %"


def _two_lines(title: str) -> str:
    """A title's bracketed part on a line of its own ("YTD (benchmark)"): long titles (French) stay whole
    in narrower columns."""
    return title.replace(" (", "\n(", 1)


def _points(bp: int) -> str:
    """Percentage points, as the performance page writes them ("pts")."""
    return ("+" if bp > 0 else "") + format_decimal(Decimal(bp) / 100, 1) + " " + \
        QCoreApplication.translate("ClientsView", "pts")


class ClientsView(QWidget):
    open_client = Signal(str)  # portfolio
    export_report = Signal(str)  # portfolio

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dashboards: list = []
        self.weights: dict[str, dict[str, int]] = {}
        self.table = QTableWidget(0, 8, self)
        self.table.setHorizontalHeaderLabels([self.tr("Portfolio"), self.tr("Total value"), self.tr("Top themes"),
                                              self.tr("Breached rules"), self.tr("Overdue reviews"),
                                              self.tr("YTD (benchmark)"), self.tr("1 year (benchmark)"),
                                              self.tr("Best · worst theme (1 year)")])
        for column in (5, 6, 7):
            item = self.table.horizontalHeaderItem(column)
            item.setText(_two_lines(item.text()))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The top themes are long: a fixed share of the width (the full text in the tooltip).
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, THEMES_WIDTH)
        self.table.horizontalHeader().setSectionResizeMode(7, QHeaderView.ResizeMode.Stretch)
        # Long titles (French) would push the last column out of sight: the top themes give way, once the
        # columns sized to their contents have settled
        self._fit = QTimer(self, singleShot=True, interval=0)
        self._fit.timeout.connect(self._fit_width)
        self.table.horizontalHeader().sectionResized.connect(
            lambda section, _old, _new: self._fit.start() if section not in (2, 7) else None)
        self.table.viewport().installEventFilter(self)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.doubleClicked.connect(lambda index: self.open_client.emit(self.table.item(index.row(), 0).text()))
        # The buttons act on the client in view: the row selected, else the one shown in "Compare"
        self.open_button = QPushButton(self.tr("Open client"), self)
        self.open_button.clicked.connect(lambda: self._act(self.open_client))
        self.report_button = QPushButton(self.tr("Export report (PDF)…"), self)
        self.report_button.clicked.connect(lambda: self._act(self.export_report))
        self.client = QComboBox(self)
        self.model = QComboBox(self)
        for combo in (self.client, self.model):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.client.currentIndexChanged.connect(self._compare)
        self.model.currentIndexChanged.connect(self._compare)
        self.client.currentIndexChanged.connect(self._update_buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
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

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit.start()
        return super().eventFilter(watched, event)

    def _fit_width(self) -> None:
        """The top themes' column narrows (down to its title) so that every column fits the table's width;
        it widens back when there is room."""
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c not in (2, 7))
        room = self.table.viewport().width() - others - self._title_width(7)
        width = max(self._title_width(2), min(THEMES_WIDTH, room))
        if width != header.sectionSize(2):
            header.resizeSection(2, width)

    def _title_width(self, section: int) -> int:
        """What a column needs to show its title whole: in bold (as when a row is selected), within the
        style's margins (the table does not sort: no arrow)."""
        header = self.table.horizontalHeader()
        item = self.table.horizontalHeaderItem(section)
        bold = QFont(header.font())
        bold.setBold(True)
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        metrics = QFontMetrics(bold)
        lines = (item.text() if item else "").split("\n")
        return max(metrics.horizontalAdvance(line) for line in lines) + 2 * margin

    def show_clients(self, dashboards, weights: dict[str, dict[str, int]] | None = None) -> None:
        self.dashboards, self.weights = list(dashboards), weights or {}
        self.table.setRowCount(len(dashboards))
        for row, d in enumerate(dashboards):
            self._fill_figures(row, d)
            for column in range(5, 8):
                self.table.setItem(row, column, QTableWidgetItem("…"))
        names = [d.portfolio for d in dashboards]
        for combo, extra in ((self.client, []), (self.model, [(self.tr("its targets and rules"), TARGETS)])):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for label, data in extra + [(name, name) for name in names]:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)
        self._compare()
        self._update_buttons()

    def set_price_source(self, source: PriceSource) -> None:
        """The totals say which prices they are at while a feed runs."""
        title, note = {PriceSource.CLOSES: (self.tr("Total value"), ""),
                       PriceSource.LIVE: (self.tr("Total value (live)"),
                                          self.tr("At live prices where a quote has arrived, else at the last close")),
                       PriceSource.SIMULATED: (self.tr("Total value (SIMULATED)"),
                                               self.tr("At SIMULATED prices: made up around the last closes for a "
                                                       "demo, not quotes"))}[source]
        header = self.table.horizontalHeaderItem(1)
        header.setText(title)
        header.setToolTip(note)

    def update_figures(self, dashboards, weights: dict[str, dict[str, int]]) -> None:
        """The same clients at other prices (live or simulated ticks, or back at the closes): their figures
        and the comparison move; the returns, the choices and the selection stay."""
        dashboards = list(dashboards)
        if [d.portfolio for d in dashboards] != [d.portfolio for d in self.dashboards]:
            self.show_clients(dashboards, weights)
            return
        self.dashboards, self.weights = dashboards, weights
        for row, d in enumerate(dashboards):
            self._fill_figures(row, d)
        self._compare()

    def _fill_figures(self, row: int, d) -> None:
        top = ", ".join(f"{path.split('/')[-1]} {_pct(bp)}" for path, bp, _value in d.top_themes[:3]) or "—"
        overdue = sum(d.overdue(t) for t in d.reviews)
        cells = (d.portfolio, format_money(d.total_base, d.base_currency), top, str(len(d.breaches)), str(overdue))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in (1, 3, 4):
                item.setTextAlignment(_RIGHT)
            if column == 2:
                item.setToolTip(top)
            if (column == 3 and d.breaches) or (column == 4 and overdue):
                item.setForeground(QBrush(OFF))
            if column == 3 and d.breaches:
                item.setToolTip("\n".join(f"{label}: {status}" for label, _w, _r, status, _c in
                                           (self._target_row(c, d.base_currency) for c in d.rules if c.violation)))
            self.table.setItem(row, column, item)

    def show_returns(self, returns: dict) -> None:
        """Each client's returns (performance_page.ClientReturns by portfolio), computed after the table."""
        for row in range(self.table.rowCount()):
            found = returns.get(self.table.item(row, 0).text())
            if found is None:
                continue
            themes = " · ".join(self._theme(pair) for pair in (found.best, found.worst) if pair) or "—"
            cells = [(self._with_benchmark(found.ytd, found.ytd_benchmark), found.ytd),
                     (self._with_benchmark(found.one_year, found.one_year_benchmark), found.one_year),
                     (themes, None)]
            for column, (text, value) in enumerate(cells, start=5):
                item = QTableWidgetItem(text)
                item.setTextAlignment(_RIGHT if column < 7 else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                if value is not None:
                    item.setForeground(QBrush(WITHIN if value > 0 else OFF if value < 0 else QColor()))
                if column < 7 and found.benchmark:
                    item.setToolTip(self.tr("In brackets: its benchmark, %1").replace("%1", found.benchmark))
                elif column == 7:
                    item.setToolTip("\n".join(f"{pair[0]}: {_return(pair[1])}" for pair in
                                               (found.best, found.worst) if pair))
                self.table.setItem(row, column, item)

    def _with_benchmark(self, mine: float | None, theirs: float | None) -> str:
        if mine is None:
            return "—"
        return _return(mine) if theirs is None else f"{_return(mine)} ({_return(theirs)})"

    def _theme(self, pair: tuple[str, float] | None) -> str:
        return "—" if pair is None else f"{pair[0].rsplit('/', 1)[-1]} {_return(pair[1])}"

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).text() if rows else None

    def in_view(self) -> str | None:
        """The client the buttons act on: the row selected, else the client shown in "Compare"."""
        return self.selected() or self.client.currentData()

    def _act(self, signal) -> None:
        client = self.in_view()
        if client is not None:
            signal.emit(client)

    def _update_buttons(self) -> None:
        client = self.in_view()
        for button, text in ((self.open_button, self.tr("Open %1")), (self.report_button,
                                                                       self.tr("Export the report of %1 (PDF)…"))):
            button.setEnabled(client is not None)
            if client is None:
                button.setText(self.tr("Open client") if button is self.open_button else
                               self.tr("Export report (PDF)…"))
                button.setToolTip(self.tr("No client yet: add an account with a portfolio name (Book ▸ New "
                                          "Account)"))
            else:
                button.setText(text.replace("%1", client))
                button.setToolTip("")

    def compare(self, client: str, model: str) -> None:
        self.client.setCurrentIndex(self.client.findData(client))
        self.model.setCurrentIndex(self.model.findData(model))

    def _compare(self) -> None:
        client, model = self.client.currentData(), self.model.currentData()
        if client is None:
            self.comparison.setRowCount(0)
            return
        if model == TARGETS:
            self._against_targets(next(d for d in self.dashboards if d.portfolio == client))
        else:
            self._against_model(self.weights.get(client, {}), self.weights.get(model, {}), model)

    def _against_model(self, mine: dict[str, int], theirs: dict[str, int], model: str) -> None:
        self.comparison.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Client"), model, self.tr("Difference")])
        rows, gap = against_model(mine, theirs)
        self._fill([(r.theme, _pct(r.client_bp), _pct(r.model_bp), _points(r.difference_bp),
                     OFF if abs(r.difference_bp) >= 500 else None) for r in rows])
        self.summary.setText(self.tr("%1 of the client's weight sits differently from the model").replace(
            "%1", _pct(gap)))

    def _against_targets(self, client) -> None:
        self.comparison.setHorizontalHeaderLabels([self.tr("Target or rule"), self.tr("Client"),
                                                   self.tr("Range"), self.tr("Status")])
        rows = [self._target_row(check, client.base_currency) for check in
                against_targets(client.rules)]
        self._fill(rows)
        off = sum(colour is OFF for *_cells, colour in rows)
        self.summary.setText(self.tr("%1 of %2 targets and rules missed").replace("%1", str(off)).replace(
            "%2", str(len(rows))) if rows else self.tr("No target range or rule is set."))

    def _target_row(self, check: RuleCheck, base_currency: str) -> tuple:
        rule, weight, missed = check.rule, check.weight_bp, check.violation
        low, high = rule.min_bp, rule.max_bp
        label = rule.key if rule.dimension == "theme" else f"{dimension_label(rule.dimension)} · {rule.key}"
        if rule.dimension == "theme" and rule.origin == "rule":
            label += " " + self.tr("(rule)")
        if missed is None:
            status, colour = self.tr("within"), WITHIN
        else:
            amount = format_money(missed.amount_base, base_currency)
            if missed.action == "add":
                status = self.tr("below by %1 · add %2").replace("%1", _points(low - weight).lstrip("+"))
            else:
                status = self.tr("above by %1 · trim %2").replace("%1", _points(weight - high).lstrip("+"))
            status, colour = status.replace("%2", amount), OFF
        bounds = f"{_pct(low) if low is not None else '0 %'} – {_pct(high) if high is not None else '100 %'}"
        return (label, _pct(weight), bounds, status, colour)

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
