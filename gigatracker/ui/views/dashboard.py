"""Dashboard: what the book (or one portfolio) is worth, how it moved today, what it bets on, which rules
it breaks, how trustworthy its data is, and which theses are due for review. A book without transactions
yet says what to do next (an account, a transaction, an import) instead."""
from __future__ import annotations

from decimal import Decimal
from typing import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QCommandLinkButton, QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QProgressBar, QScrollArea, QVBoxLayout, QWidget)

from ...services.messages import translated
from ...services.rule_words import rule_text
from ...app.prices import PriceSource
from ...app.dashboard import Dashboard
from ..format import format_date, format_decimal, format_money
from ..icons import link_icons

GAIN, LOSS, WARN = "#2ea043", "#d73a49", "#d29922"


def _bp(value: int) -> str:
    return format_decimal(Decimal(value) / 100, 1) + " %"


def _holds_nothing(d: Dashboard) -> bool:
    """No security held (cash at most): the data health has nothing to check."""
    return not (d.top_themes or d.unclassified or d.unvalued or d.stale_prices or d.coverage_bp is not None) \
        and d.total_base == d.cash_base


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()


class Card(QFrame):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(title, self)
        self.value = QLabel("—", self)
        self.value.setObjectName("card_value")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel("", self)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.value, self.detail):
            layout.addWidget(widget)

    def show_value(self, text: str, detail: str = "", colour: str | None = None) -> None:
        self.value.setText(text)
        self.value.setStyleSheet(f"color: {colour}" if colour else "")
        self.detail.setText(detail)

    def mark(self, title: str, note: str, italic: bool) -> None:
        """Say which prices the figure is at (live or simulated ticks: in the title, a tooltip, italics)."""
        self.title.setText(title)
        self.setToolTip(note)
        font = self.value.font()
        font.setItalic(italic)
        self.value.setFont(font)


SHOWN = 12  # symbols or problems listed in a line of the data health; the rest are counted


class DashboardView(QScrollArea):
    history_period_changed = Signal()  # the value chart's period: compute it again
    new_account = Signal()  # what a book without transactions yet asks for next
    add_transaction = Signal()
    import_file = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        # Whether the book has an account, and a transaction (None: not known): set by the window.
        self.book_progress: Callable[[], tuple[bool, bool] | None] = lambda: None
        self._step: str | None = None  # what the book needs next: "account", "transaction" or None
        self.setWidgetResizable(True)
        body = QWidget(self)
        self.setWidget(body)
        self.total = Card(self.tr("Total value"), body)
        self.day = Card(self.tr("Day change"), body)
        self.pnl = Card(self.tr("Unrealized P&L"), body)
        self.cash = Card(self.tr("Cash"), body)
        self._shown: dict[int, object] = {}  # per section below: what it shows now (rebuilt only if it changes)
        self._titles = {self.total: self.tr("Total value"), self.day: self.tr("Day change"),
                        self.pnl: self.tr("Unrealized P&L")}
        cards = QHBoxLayout()
        for card in (self.total, self.day, self.pnl, self.cash):
            cards.addWidget(card)
        self.start_box = self._start_box(body)
        self.history_box = self._history_box(body)
        self.themes_box, self.themes = self._box(self.tr("Top themes"))
        self.breaches_box, self.breaches = self._box(self.tr("Breached rules"))
        self.health_box, self.health = self._box(self.tr("Data health"))
        self.reviews_box, self.reviews = self._box(self.tr("Next thesis reviews"))
        grid = QGridLayout()
        grid.addWidget(self.themes_box, 0, 0)
        grid.addWidget(self.breaches_box, 0, 1)
        grid.addWidget(self.health_box, 1, 0)
        grid.addWidget(self.reviews_box, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(body)
        layout.addLayout(cards)
        layout.addWidget(self.start_box)
        layout.addWidget(self.history_box)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _start_box(self, body: QWidget) -> QGroupBox:
        """What a book without transactions needs next, each step a button to the action that does it."""
        box = QGroupBox(self.tr("Get started"), body)
        box.setObjectName("start")
        self.start_text = QLabel(box)
        self.start_text.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.start_text)
        self.start_buttons: dict[str, QCommandLinkButton] = {}
        for step, text, detail, signal in (
                ("account", self.tr("New account…"),
                 self.tr("Where transactions go: a broker or bank account, in a portfolio and a currency"),
                 self.new_account),
                ("transaction", self.tr("Add a transaction…"),
                 self.tr("A deposit, a buy, a dividend… entered by hand"), self.add_transaction),
                ("import", self.tr("Import transactions…"),
                 self.tr("A broker's or another tracker's export (DEGIRO, IBKR, Ghostfolio…)"), self.import_file)):
            button = QCommandLinkButton(text, detail, box)
            button.setObjectName(f"start_{step}")
            button.clicked.connect(signal)
            layout.addWidget(button)
            self.start_buttons[step] = button
        self._start_icons = {self.start_buttons["account"]: "holdings", self.start_buttons["transaction"]: "add",
                             self.start_buttons["import"]: "import"}
        link_icons(self._start_icons)
        box.hide()
        return box

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_start_icons"):
            link_icons(self._start_icons)
        super().changeEvent(event)

    def _show_start(self, step: str | None) -> None:
        """A book without transactions: what to do next, in place of figures that have nothing to show
        (a chart without a day, data health with nothing held, themes and rules of no position)."""
        if step == self._step:
            return
        self._step = step
        self.start_box.setVisible(step is not None)
        for box in (self.history_box, self.themes_box, self.breaches_box, self.health_box, self.reviews_box):
            box.setVisible(step is None)
        if step == "account":
            self.start_text.setText(self.tr("This book is empty. Every transaction belongs to an account: "
                                            "create one, then add its transactions or import a file."))
        elif step == "transaction":
            self.start_text.setText(self.tr("No transactions yet. Add them one by one, or import a broker's "
                                            "or another tracker's file."))
        self.start_buttons["account"].setVisible(step == "account")

    def _history_box(self, body: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Value over time"), body)
        self.history_period = QComboBox(box)
        for name, text in (("ytd", self.tr("Year to date")), ("1y", self.tr("1 year")), ("3y", self.tr("3 years")),
                           ("5y", self.tr("5 years")), ("max", self.tr("Since the start"))):
            self.history_period.addItem(text, name)
        self.history_period.setCurrentIndex(1)
        self.history_period.currentIndexChanged.connect(lambda: self.history_period_changed.emit())
        self.history_figures = QLabel("—", box)
        self._base = ""
        self._chart = None  # the value chart (pyqtgraph, slow to import): built when the dashboard is first shown
        self._lines = None  # what it draws: (days, lines) of the last history shown
        self._live: tuple[float, str] | None = None  # live or simulated prices' move of today's value, label
        self._history_group = box
        head = QHBoxLayout()
        head.addWidget(self.history_period)
        head.addWidget(self.history_figures, 1)
        self._history_layout = QVBoxLayout(box)
        self._history_layout.addLayout(head)
        return box

    @property
    def history_chart(self):
        """The value chart, built the first time it is shown or asked for."""
        if self._chart is None:
            from ..charts.history import HistoryChart
            from ..format import format_decimal_float
            self._chart = HistoryChart(lambda v: format_decimal_float(v, 0) + " " + self._base, self._history_group)
            self._chart.setMinimumHeight(220)
            self._history_layout.addWidget(self._chart)
            if self._lines is not None:
                self._chart.set_lines(*self._lines)
                self._chart.setVisible(len(self._lines[0]) > 0)
                self._show_today()
        return self._chart

    def showEvent(self, event) -> None:
        self.history_chart  # noqa: B018 - built before the page is first painted
        super().showEvent(event)

    def history_choice(self) -> str:
        return self.history_period.currentData()

    def show_history(self, page, why: str = "") -> None:
        """The value chart and the period's TTWROR and IRR (a PerformancePage; None: nothing to measure, or
        `why` it could not be measured)."""
        from ..models.returns import percent
        if page is None:
            self.history_figures.setText(self.tr("No chart: %1").replace("%1", why) if why else self.tr("No history yet."))
            self._draw_history([], [])
            return
        self._base = page.base_currency
        f = page.figures
        text = self.tr("TTWROR %1 · IRR %2").replace("%1", percent(f.ttwror, sign=True)).replace(
            "%2", percent(f.irr, sign=True))
        if page.comparison is not None:
            text += " · " + self.tr("%1: %2").replace("%1", page.comparison.benchmark).replace(
                "%2", percent(page.comparison.benchmark_ttwror, sign=True))
        self.history_figures.setText(text)
        self._draw_history(page.days, [(self.tr("Value"), page.values, "#1982c4", False),
                                       (self.tr("Invested capital"), page.invested, "#8a8a8a", True)])

    def _draw_history(self, days, lines) -> None:
        self._lines = (days, lines)
        if self._chart is not None:  # else drawn when built
            self._chart.set_lines(days, lines)
            self._chart.setVisible(len(days) > 0)  # no bare axes: the line above says why there is no chart
            self._show_today()

    def set_live(self, delta: float | None, label: str = "") -> None:
        """Live or simulated prices moved today's value by `delta` (None: back at the closes): the chart
        marks today's point, as the performance page's does."""
        self._live = None if delta is None else (delta, label)
        self._show_today()

    def _show_today(self) -> None:
        if self._chart is None or self._lines is None:
            return
        values = self._lines[1][0][1] if self._lines[1] else []
        if self._live is None or not len(values):
            self._chart.set_today(None)
        else:
            self._chart.set_today(float(values[-1]) + self._live[0], self._live[1])

    def _box(self, title: str) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title, self.widget())
        layout = QVBoxLayout(box)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        return box, layout

    def _line(self, layout, text: str, colour: str | None = None) -> QLabel:
        label = QLabel(text, self.widget())
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if colour:
            label.setStyleSheet(f"color: {colour}")
        layout.addWidget(label)
        return label

    def set_price_source(self, source: PriceSource) -> None:
        """The cards whose figures move with prices say which prices they are at."""
        suffix, note = {
            PriceSource.CLOSES: ("", ""),
            PriceSource.LIVE: (self.tr(" (live)"), self.tr("At live prices where a quote has arrived, else at the "
                                                           "last close")),
            PriceSource.SIMULATED: (self.tr(" (SIMULATED)"), self.tr("At SIMULATED prices: made up around the "
                                                                     "last closes for a demo, not quotes")),
        }[source]
        for card, title in self._titles.items():
            card.mark(title + suffix, note, source is PriceSource.SIMULATED)

    def show_dashboard(self, d: Dashboard) -> None:
        progress = self.book_progress()
        self._show_start(None if progress is None or progress[1] else "transaction" if progress[0] else "account")
        base = d.base_currency
        self.total.show_value(format_money(d.total_base, base),
                              self.tr("%1 holdings and cash").replace("%1", d.portfolio or self.tr("All portfolios")))
        if d.day_change_base is None:
            self.day.show_value("—", self.tr("no previous close"))
        else:
            sign = "+" if d.day_change_base > 0 else ""
            self.day.show_value(sign + format_money(d.day_change_base, base),
                                sign + format_decimal(d.day_change_pct, 2) + " %" if d.day_change_pct is not None else "",
                                GAIN if d.day_change_base > 0 else LOSS if d.day_change_base < 0 else None)
        self.pnl.show_value(format_money(d.unrealized_pnl_base, base), self.tr("on positions held"),
                            GAIN if d.unrealized_pnl_base > 0 else LOSS if d.unrealized_pnl_base < 0 else None)
        # A share of a total that is nothing, or less than nothing (cash owed beyond what is held), says nothing
        share = format_decimal(d.cash_base / d.total_base * 100, 1) + " %" if d.total_base > 0 else "—"
        self.cash.show_value(format_money(d.cash_base, base), self.tr("%1 of the total").replace("%1", share))
        # Each section is rebuilt only when what it shows changed: live prices re-show the dashboard twice a
        # second, and most of it (health, reviews, often the themes) does not move with them.
        for section, key, show in ((self.themes, (d.top_themes, d.base_currency, d.look_through), self._show_themes),
                                   (self.breaches, (d.breaches, d.base_currency), self._show_breaches),
                                   (self.health, (d.stale_prices, d.unclassified, d.coverage_bp, d.holdings_as_of,
                                                  d.unvalued, _holds_nothing(d)), self._show_health),
                                   (self.reviews, (d.reviews, d.today), self._show_reviews)):
            if self._shown.get(id(section)) != key:
                self._shown[id(section)] = key
                show(d)

    def _show_themes(self, d: Dashboard) -> None:
        _clear(self.themes)
        if not d.top_themes:
            self._line(self.themes, self.tr("No themes assigned yet."))
        for path, bp, value in d.top_themes:
            row = QWidget(self.widget())
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            name = QLabel(path.split("/")[-1], row)
            name.setToolTip(path)
            name.setMinimumWidth(160)
            bar = QProgressBar(row)
            bar.setRange(0, 10_000)
            bar.setValue(bp)
            bar.setFormat(_bp(bp))
            line.addWidget(name)
            line.addWidget(bar, 1)
            line.addWidget(QLabel(format_money(value, d.base_currency, 0), row))
            self.themes.addWidget(row)
        if d.look_through:
            self._line(self.themes, self.tr("Funds looked through to their holdings."))

    def _show_breaches(self, d: Dashboard) -> None:
        _clear(self.breaches)
        if not d.breaches:
            self._line(self.breaches, self.tr("No rule breached."), GAIN)
        for v in d.breaches:
            action = self.tr("trim %1") if v.action == "trim" else self.tr("add %1")
            self._line(self.breaches, self.tr("%1: now %2 · %3").replace("%1", rule_text(v.rule)).replace(
                "%2", _bp(v.weight_bp)).replace("%3", action.replace("%1", format_money(v.amount_base, d.base_currency))),
                LOSS)

    def _show_health(self, d: Dashboard) -> None:
        _clear(self.health)
        if _holds_nothing(d):
            self._line(self.health, self.tr("No security held yet: nothing to check."))
            return
        if d.stale_prices is None:
            self._line(self.health, self.tr("Checking prices…"))
        elif d.stale_prices:
            self._line(self.health, self.tr("Stale prices (%1): %2").replace("%1", str(len(d.stale_prices)))
                       .replace("%2", self._some(d.stale_prices)), WARN)
        else:
            self._line(self.health, self.tr("Prices are up to date."), GAIN)
        if d.unclassified:
            self._line(self.health, self.tr("Without a theme: %1").replace("%1", self._some(d.unclassified)), WARN)
        else:
            self._line(self.health, self.tr("Every security has a theme."), GAIN)
        if d.coverage_bp is not None:
            text = self.tr("Look-through coverage %1").replace("%1", _bp(d.coverage_bp))
            if d.holdings_as_of:
                text += " · " + self.tr("holdings as of %1").replace("%1", format_date(d.holdings_as_of))
            self._line(self.health, text, WARN if d.coverage_bp < 8000 else None)
        for problem in d.unvalued[:SHOWN]:
            self._line(self.health, self.tr("Not valued: %1").replace("%1", translated(problem)), LOSS)
        if len(d.unvalued) > SHOWN:
            self._line(self.health, self.tr("… and %1 more not valued (Holdings shows each)").replace(
                "%1", str(len(d.unvalued) - SHOWN)), LOSS)

    def _some(self, symbols: list[str]) -> str:
        """The first few of a list that can hold every position of a large book (a label of thousands of
        symbols took 100 ms to lay out, at every live update)."""
        shown = ", ".join(symbols[:SHOWN])
        return shown if len(symbols) <= SHOWN else self.tr("%1 and %2 more").replace("%1", shown).replace(
            "%2", str(len(symbols) - SHOWN))

    def _show_reviews(self, d: Dashboard) -> None:
        _clear(self.reviews)
        if not d.reviews:
            self._line(self.reviews, self.tr("No review scheduled."))
        for thesis in d.reviews:
            stars = "★" * thesis.conviction + "☆" * (5 - thesis.conviction)
            text = f"{thesis.path.split('/')[-1]} · {format_date(thesis.review_date)} · {stars}"
            if d.overdue(thesis):
                text += " · " + self.tr("overdue")
            self._line(self.reviews, text, LOSS if d.overdue(thesis) else None)
