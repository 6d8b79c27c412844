"""Performance: how the book (or the selected portfolio) has done over a period — value and invested
capital, TTWROR against its benchmark, drawdown, return and contribution per theme, and a table per
security, account or portfolio. The page asks for a period; the window computes it in a worker. With
nothing to measure (no transaction yet) or a page that could not be computed, it says so in place of the
figures and charts (never empty axes)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateEdit, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from ...app.performance import PeriodChoice
from ...core.attribution import CASH_SLEEVE
from ...core.themes import DEFAULT_TAXONOMY, UNASSIGNED
from ...app.performance_page import PerformancePage
from ...services.messages import taxonomy_label
from ..format import format_date, format_decimal_float
from ..models.returns import ReturnsModel, percent
from .dashboard import GAIN, LOSS, Card
from .tables import data_table

VALUE, INVESTED, RETURN, BENCHMARK, UNDERWATER = "#1982c4", "#8a8a8a", "#2a9d8f", "#e76f51", "#d73a49"


def _coloured(value: float | None) -> str | None:
    if value is None or value != value:
        return None
    return GAIN if value > 0 else LOSS if value < 0 else None


class PerformanceView(QWidget):
    choice_changed = Signal()  # the period, taxonomy or look-through changed: compute again

    def __init__(self, parent=None):
        super().__init__(parent)
        self.page: PerformancePage | None = None
        self._live: tuple[float, str] | None = None
        # -- the period and the themes' taxonomy ---------------------------------------------------
        self.period_buttons = QButtonGroup(self)
        labels = {"ytd": self.tr("YTD"), "1y": self.tr("1Y"), "3y": self.tr("3Y"), "5y": self.tr("5Y"),
                  "max": self.tr("Max"), "custom": self.tr("Custom")}
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period:"), self))
        for name, text in labels.items():
            button = QPushButton(text, self, checkable=True)
            button.setObjectName(f"period_{name}")
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance(text) + 32)  # compact: the bar is full
            # The period chosen stands out in light and dark alike (Fusion's dark checked button barely did)
            button.setStyleSheet("QPushButton:checked { background: palette(highlight); "
                                 "color: palette(highlighted-text); border: 1px solid palette(highlight); "
                                 "border-radius: 3px; padding: 3px 8px; }")
            self.period_buttons.addButton(button)
            button.setProperty("period", name)
            bar.addWidget(button)
        self.period_buttons.setExclusive(True)
        self.period_buttons.buttons()[0].setChecked(True)
        self.period_buttons.buttonClicked.connect(self._period_clicked)
        today = QDate.currentDate()
        self.start_edit = QDateEdit(today.addYears(-1), self, calendarPopup=True)
        self.end_edit = QDateEdit(today, self, calendarPopup=True)
        for edit in (self.start_edit, self.end_edit):
            edit.setMaximumDate(today)
            edit.setEnabled(False)
            edit.dateChanged.connect(self._dates_changed)
        bar.addWidget(self.start_edit)
        bar.addWidget(QLabel("–", self))
        bar.addWidget(self.end_edit)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Themes:"), self))
        self.taxonomy_box = QComboBox(self)
        self.taxonomy_box.addItem(taxonomy_label(DEFAULT_TAXONOMY), DEFAULT_TAXONOMY)
        self.taxonomy_box.currentIndexChanged.connect(lambda: self.choice_changed.emit())
        bar.addWidget(self.taxonomy_box)
        self.look_through = QCheckBox(self.tr("Look through funds"), self)
        self.look_through.toggled.connect(lambda: self.choice_changed.emit())
        bar.addWidget(self.look_through)
        # -- figures -------------------------------------------------------------------------------
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.ttwror_card = Card(self.tr("TTWROR"), self)
        self.irr_card = Card(self.tr("IRR"), self)
        self.drawdown_card = Card(self.tr("Max drawdown"), self)
        self.volatility_card = Card(self.tr("Volatility"), self)
        self.benchmark_card = Card(self.tr("Against the benchmark"), self)
        self.cards = QWidget(self)
        cards = QHBoxLayout(self.cards)
        cards.setContentsMargins(0, 0, 0, 0)
        for card in (self.ttwror_card, self.irr_card, self.drawdown_card, self.volatility_card, self.benchmark_card):
            cards.addWidget(card, 1)
        # -- charts (pyqtgraph, slow to import: built when the page is first shown, see `_plots`) --------
        self.charts = QTabWidget(self)
        self.theme_box = QGroupBox(self.tr("Return and contribution by theme"), self)
        self.theme_note = QLabel(self.theme_box)
        self.theme_note.setWordWrap(True)
        self._theme_layout = QVBoxLayout(self.theme_box)
        self._theme_layout.addWidget(self.theme_note)
        self._built: tuple | None = None  # (value, return, drawdown charts, theme bars), once built
        self._drawn = False  # whether a page (or None) was shown: the charts draw it when built
        # -- table ---------------------------------------------------------------------------------
        self.table_kind = QComboBox(self)
        for kind, text in (("security", self.tr("Per security")), ("account", self.tr("Per account")),
                           ("portfolio", self.tr("Per portfolio"))):
            self.table_kind.addItem(text, kind)
        self.table_kind.currentIndexChanged.connect(self._fill_table)
        self.model = ReturnsModel(self)
        self.table = data_table(self, self.model)
        self.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_head = QHBoxLayout()
        table_head.addWidget(self.table_kind)
        table_head.addStretch(1)
        table_layout.addLayout(table_head)
        table_layout.addWidget(self.table)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.charts)
        top.addWidget(self.theme_box)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([640, 440])
        self.body = body = QSplitter(Qt.Orientation.Vertical, self)
        body.addWidget(top)
        body.addWidget(table_box)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        body.setSizes([300, 200])  # 3:2 from the start: the charts are built when the page is first shown
        # In place of the cards, charts and table when there is nothing to show: why, and what to do.
        self.empty = QLabel(self)
        self.empty.setObjectName("nothing_to_measure")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setMargin(40)
        font = self.empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.empty.setFont(font)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(self.cards)
        layout.addWidget(body, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.status)

    # -- the charts, built when first shown or asked for -------------------------------------------------
    def _plots(self) -> tuple:
        if self._built is None:
            from ..charts.history import HistoryChart, ReturnBars
            value = HistoryChart(self._money, self)
            returns = HistoryChart(lambda v: percent(v, 1, sign=True), self)
            drawdown = HistoryChart(lambda v: percent(v, 1), self, fill_below=True)
            self.charts.addTab(value, self.tr("Value"))
            self.charts.addTab(returns, self.tr("Return vs benchmark"))
            self.charts.addTab(drawdown, self.tr("Drawdown"))
            bars = ReturnBars(self.theme_box)
            self._theme_layout.insertWidget(0, bars, 1)
            self._built = (value, returns, drawdown, bars)
            if self._drawn:
                self._draw_charts()
                if self._live is not None:
                    self.set_live(*self._live)
        return self._built

    @property
    def value_chart(self):
        return self._plots()[0]

    @property
    def return_chart(self):
        return self._plots()[1]

    @property
    def drawdown_chart(self):
        return self._plots()[2]

    @property
    def theme_bars(self):
        return self._plots()[3]

    def showEvent(self, event) -> None:
        self._plots()  # built before the page is first painted
        super().showEvent(event)

    # -- what the user asks for -----------------------------------------------------------------------
    def choice(self) -> PeriodChoice:
        name = self.period_buttons.checkedButton().property("period")
        if name == "custom":
            return PeriodChoice(None, _date(self.start_edit.date()), _date(self.end_edit.date()))
        return PeriodChoice(name)

    def taxonomy(self) -> str:
        return self.taxonomy_box.currentData() or DEFAULT_TAXONOMY

    def set_period(self, name: str) -> None:
        button = next(b for b in self.period_buttons.buttons() if b.property("period") == name)
        button.click()

    def set_taxonomies(self, names: list[str]) -> None:
        current = self.taxonomy()
        if [self.taxonomy_box.itemData(i) for i in range(self.taxonomy_box.count())] == names or not names:
            return
        self.taxonomy_box.blockSignals(True)
        self.taxonomy_box.clear()
        for name in names:
            self.taxonomy_box.addItem(taxonomy_label(name), name)
        self.taxonomy_box.setCurrentIndex(max(0, self.taxonomy_box.findData(current)))
        self.taxonomy_box.blockSignals(False)

    def _period_clicked(self, button) -> None:
        custom = button.property("period") == "custom"
        for edit in (self.start_edit, self.end_edit):
            edit.setEnabled(custom)
        self.choice_changed.emit()

    def _dates_changed(self) -> None:
        if self.start_edit.isEnabled():
            self.end_edit.setMinimumDate(self.start_edit.date().addDays(1))
            self.choice_changed.emit()

    def show_loading(self) -> None:
        self.status.setText(self.tr("Computing…"))

    def show_error(self, message: str, portfolio_label: str) -> None:
        """Nothing of an earlier page stays on screen beside the reason this one could not be computed."""
        self.show_page(None, portfolio_label)
        self.status.setText(message)
        self.status.setStyleSheet(f"color: {LOSS}")
        self.empty.setText(message)
        self.empty.setStyleSheet(f"color: {LOSS}")

    def _show_nothing(self, nothing: bool) -> None:
        """The figures, charts and table, or (nothing to show) the message that says why in their place;
        the status line's words are then the message's."""
        self.empty.setVisible(nothing)
        self.status.setVisible(not nothing)
        self.cards.setVisible(not nothing)
        self.body.setVisible(not nothing)

    # -- showing a result ---------------------------------------------------------------------------
    def _money(self, value: float) -> str:
        return format_decimal_float(value, 0) + (" " + self.page.base_currency if self.page else "")

    def show_page(self, page: PerformancePage | None, portfolio_label: str) -> None:
        self.page = page
        self._drawn = True
        self.status.setStyleSheet("")
        self._show_nothing(page is None)
        if page is None:
            self.title.setText(portfolio_label)
            self.status.setText(self.tr("Nothing to measure yet: add transactions first."))
            self.empty.setStyleSheet("")
            self.empty.setText(self.status.text() + "\n\n" + self.tr(
                "Value, returns and drawdown are measured from the first transaction: add one, or import a "
                "broker's or another tracker's file."))
            for card in (self.ttwror_card, self.irr_card, self.drawdown_card, self.volatility_card,
                         self.benchmark_card):
                card.show_value("—")
            self.model.set_rows([], "")
            if self._built is not None:
                self._draw_charts()
            return
        p, f = page.period, page.figures
        self.title.setText(self.tr("%1 — %2 to %3").replace("%1", portfolio_label).replace(
            "%2", format_date(p.start)).replace("%3", format_date(p.end)))
        if not self.start_edit.isEnabled():  # a named period: its dates shown as measured (custom: as typed)
            for edit, day in ((self.start_edit, p.start), (self.end_edit, p.end)):
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
        yearly = self.tr("%1 a year").replace("%1", percent(f.ttwror_annualized)) if f.ttwror_annualized is not None \
            else self.tr("under a year: not annualized")
        self.ttwror_card.show_value(percent(f.ttwror, sign=True), yearly, _coloured(f.ttwror))
        self.irr_card.show_value(percent(f.irr, sign=True), self.tr("money-weighted, a year"), _coloured(f.irr))
        self.drawdown_card.show_value(percent(f.max_drawdown), self.tr("largest fall from a peak"),
                                      LOSS if f.max_drawdown > 0 else None)
        self.volatility_card.show_value(percent(f.volatility), self.tr("over the period"))
        self._show_benchmark(page)
        if self._built is not None:
            self._draw_charts()
        self._show_theme_note(page)
        self._fill_table()
        self.status.setText(self.tr("Gains and values in %1; returns as Portfolio Performance computes them.")
                            .replace("%1", page.base_currency))
        if self._live is not None:
            self.set_live(*self._live)

    def _show_benchmark(self, page: PerformancePage) -> None:
        c = page.comparison
        if c is not None:
            detail = self.tr("%1: %2 · beta %3").replace("%1", c.benchmark).replace(
                "%2", percent(c.benchmark_ttwror, sign=True)).replace(
                "%3", "—" if c.beta is None else format_decimal_float(c.beta, 2))
            self.benchmark_card.show_value(format_decimal_float(c.excess * 100, 2) + " " + self.tr("pts"), detail,
                                           _coloured(c.excess))
            self.benchmark_card.setToolTip(self.tr("Tracking error %1 a year").replace(
                "%1", percent(c.tracking_error)))
        elif page.benchmark_error:
            self.benchmark_card.show_value("—", self.tr("%1: no prices yet (Quotes → Refresh)").replace(
                "%1", page.benchmark or ""))
            self.benchmark_card.setToolTip(page.benchmark_error)
        else:
            self.benchmark_card.show_value("—", self.tr("none set (gigatracker benchmark set)"))
            self.benchmark_card.setToolTip("")

    def _theme_label(self, name: str) -> str:
        if name == UNASSIGNED:
            return self.tr("Unassigned")
        if name == CASH_SLEEVE:
            return self.tr("Cash and other")
        return name.rsplit("/", 1)[-1]

    def _draw_charts(self) -> None:
        """The charts and bars of the page shown (None: empty)."""
        value, returns, drawdown, bars = self._built
        page = self.page
        if page is None:
            bars.set_bars([], ("", ""), (RETURN, BENCHMARK), lambda v: "")
            for chart in (value, returns, drawdown):
                chart.set_lines([], [])
            return
        days = page.days
        value.set_lines(days, [(self.tr("Value"), page.values, VALUE, False),
                               (self.tr("Invested capital"), page.invested, INVESTED, True)])
        lines = [(self.tr("TTWROR"), page.cumulative, RETURN, False)]
        if page.benchmark_cumulative is not None:
            lines.append((page.benchmark, page.benchmark_cumulative, BENCHMARK, True))
        returns.set_lines(days, lines)
        drawdown.set_lines(days, [(self.tr("Drawdown"), -page.drawdown, UNDERWATER, False)])
        rows = [(self._theme_label(r.name), r.ttwror * 100, r.contribution * 100) for r in page.themes]
        bars.set_bars(rows, (self.tr("Return"), self.tr("Contribution (pts)")), (RETURN, VALUE),
                      lambda v: format_decimal_float(v, 1))

    def _show_theme_note(self, page: PerformancePage) -> None:
        total = sum(r.contribution for r in page.themes)
        note = self.tr("The contributions add up to the TTWROR (%1). Weights as they are today.").replace(
            "%1", percent(total, sign=True)) if page.themes else self.tr("No themes in this taxonomy yet.")
        if self.look_through.isChecked() and len(page.theme_notes) > 1:
            note += " " + self.tr("Funds looked through (holdings of their latest file).")
        self.theme_note.setText(note)

    def _fill_table(self) -> None:
        if self.page is None:
            return
        kind = self.table_kind.currentData()
        self.model.set_rows(self.page.table.get(kind, []), self.page.base_currency)
        self.table.setColumnHidden(5, kind != "security")
        self.table.resizeColumnsToContents()

    def set_live(self, delta: float, label: str) -> None:
        """Live or simulated prices moved today's value by `delta`: only today's point moves, labelled."""
        self._live = (delta, label)
        if self.page is None or not len(self.page.values) or self._built is None:  # else drawn when built
            return
        self.value_chart.set_today(float(self.page.values[-1]) + delta, label)

    def clear_live(self) -> None:
        self._live = None
        if self._built is not None:
            self.value_chart.set_today(None)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())

