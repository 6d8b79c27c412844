"""What the window shows, kept up to date: reads in workers (app/window_data.py), results shown on the
GUI thread, and after a write only what its change touches is read again and repainted.

A change event adds what it names to `_unseen`; the next reload carries everything the shown data has
not seen (`_covering`), so a load that a newer one overtakes loses nothing. Reads started before the
book or portfolio changed are dropped (`generation`).
"""
from __future__ import annotations

import logging
from dataclasses import replace
from typing import Callable, NamedTuple

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox

from ..app.changes import NOTHING, Changed
from ..app.dashboard import stale_prices
from ..app.performance import PeriodChoice
from ..app.prices import PriceSource
from ..app.performance_page import PerformanceCache, client_returns
from ..app.window_data import (ExposureData, PricedFigures, WindowData, exposure_for, load_window_data,
                               priced_figures)
from ..core.exposure import contributions
from ..core.flows import Scope
from .failures import error_text
from .gc_pauses import building_long_lived, freeze_long_lived
from .models.holdings import HoldingsRows
from .models.transactions import Arrangement, arrange, arrange_appended, format_transactions
from .workers import figures_pool, run_in_background
from .format import counted

STALENESS_DELAY_MS = 800
FREEZE_DELAY_MS = 2_000  # after a book's first load, once the window has settled (gc_pauses.py)
REPRICE_MS = 500  # the dashboard and clients follow live prices at most twice a second (exposure, rules)
PRICED_PAGES = ("dashboard", "clients")  # the pages showing `priced_figures`
log = logging.getLogger(__name__)


class Loaded(NamedTuple):
    data: WindowData
    holdings: HoldingsRows
    txs: list
    tx_cells: list[list[str]]
    tx_order: list[int]
    tx_arranged_by: Arrangement
    priced: PricedFigures | None = None  # the dashboard's and clients' figures at the live prices of the load


def with_rows(data: WindowData, how: Arrangement, previous: Loaded | None, change: Changed | None) -> Loaded:
    """The tables' cells, formatted and the transactions arranged as the view shows them, in the worker
    too (10,000 transactions take a few hundred ms to format); kept from `previous` when the change did
    not touch them."""
    same_book = previous is not None and change is not None and previous.data.portfolio == data.portfolio
    shown = {a.name for a in data.accounts if data.portfolio in (None, a.portfolio)}
    if same_book and not (change.transactions or change.accounts) and previous.tx_arranged_by == how:
        txs, cells, order = previous.txs, previous.tx_cells, previous.tx_order
    elif same_book and not change.accounts and previous.tx_arranged_by == how and \
            _appended(previous.data.transactions, data.transactions):
        # Transactions added after every other (the kept ledger's lineage): only they are formatted.
        extra = [tx for tx in data.transactions[len(previous.data.transactions):] if tx.account in shown]
        txs, cells = previous.txs + extra, previous.tx_cells + format_transactions(extra)
        order = arrange_appended(txs, cells, how, previous.tx_order, len(previous.txs))
    else:
        txs = [tx for tx in data.transactions if tx.account in shown]
        cells = format_transactions(txs)
        order = arrange(txs, cells, how)
    holdings_kept = same_book and not (change.valuation or change.themes or change.securities)
    holdings = previous.holdings if holdings_kept else HoldingsRows.build(
        data.snapshot.holdings, data.names, data.theme_labels, previous.holdings if same_book else None)
    return Loaded(data, holdings, txs, cells, order, how)


def _appended(before: list, after: list) -> bool:
    """Whether `after` is `before` with transactions added at its end. The app's lists are either read
    anew (every transaction a new object) or the kept one extended (the same objects, then the new), so
    the first and the last of `before` found at their places in `after` say which."""
    return not before or (len(after) >= len(before) and after[0] is before[0] and
                          after[len(before) - 1] is before[-1])


class WindowRefresh(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.data: WindowData | None = None  # what the views show, from the last reload
        self.loaded: Loaded | None = None
        self.generation = 0  # results of reads started before the last reload or book switch are dropped
        self.stale_pages: set[str] = set()  # views whose data arrived while they were hidden
        self.performance_cache = PerformanceCache(window.app)
        self._performance_version = -1  # the cache's version the page was computed from
        self._unseen = NOTHING  # changes published since the last reload began
        self._covering = NOTHING  # changes the latest reload carries beyond what is shown
        self._loading_text = ""
        self._summary_text = ""  # the counts the last load put in the status bar
        self._exposure_asked = 0  # only the latest exposure view asked for is shown
        self._performance_asked = 0
        self.closes_total = None  # the selected portfolio's holdings at the last closes (live deltas)
        self.priced: PricedFigures | None = None  # the dashboard's and clients' figures at the prices in force
        self.stale_symbols: list[str] | None = None  # held symbols whose close is stale (checked after a load)
        self._pricing = False  # a repricing job is under way
        self._priced_stale = False  # ticks arrived while neither page showing the priced figures was shown
        self._reprice_timer = QTimer(self, singleShot=True, interval=REPRICE_MS)
        self._reprice_timer.timeout.connect(self._reprice_now)
        self._timer = QTimer(self, singleShot=True, interval=0)  # coalesces bursts of change events
        self._timer.timeout.connect(lambda: self.reload(whole=False))

    # -- reads ------------------------------------------------------------------------------------
    def run(self, function, on_done, on_failed=None, *, pool=None) -> None:
        """A read in a worker; its result is dropped if the book or portfolio changed meanwhile. A failure
        says the book could not be loaded, unless `on_failed` handles it."""
        window, generation = self.window, self.generation
        window.set_busy(+1)

        def done(result):
            window.set_busy(-1)
            if generation == self.generation:
                on_done(result)

        def failed(error):
            window.set_busy(-1)
            if generation == self.generation:
                (on_failed or self._failed)(error)

        run_in_background(function, done, failed, context=window, pool=pool)

    def book_opened(self) -> None:
        app = self.window.app
        if self.performance_cache.app is not app:  # another book: nothing computed before holds
            self.performance_cache = PerformanceCache(app)
            self._performance_version = -1
        self.data = self.loaded = None
        self.reload()

    def on_changed(self, change: Changed) -> None:
        self.performance_cache.invalidate(change)
        if change.valuation or change.classification:
            self._unseen = self._unseen | change
            self._timer.start()
        elif change.benchmarks:
            self.stale_pages.add("performance")
            self.refresh_page(self.window.current_page())
            self.load_history()

    def reload(self, *, whole: bool = True) -> None:
        """Read what the window shows again: everything (`whole`, the Reload action), else only what the
        changes since the shown data touched (nothing, for a portfolio switch)."""
        window = self.window
        if window.app is None:  # replaced by a new window (language change), about to be deleted
            return
        self.generation += 1
        self._exposure_asked += 1  # this load carries the exposure view chosen now
        self._covering = self._covering | self._unseen
        self._unseen = NOTHING
        change = None if whole or self.data is None else self._covering
        app, portfolio, previous, loaded = window.app, window.portfolio, self.data, self.loaded
        view, cross = window.exposure.view(), window.exposure.cross()
        self._loading_text = self.tr("Loading %1 …").replace("%1", app.book.name)
        if not window.statusBar().currentMessage():  # a write's own message (what was renamed…) stays
            window.statusBar().showMessage(self._loading_text)
        how = window.transactions.model.arrangement()
        ticks = dict(window.quotes.state.ticks)  # the figures come back at the prices in force, not the closes

        def load() -> Loaded:
            with building_long_lived():
                read = with_rows(load_window_data(app, portfolio, view, cross, previous=previous, change=change),
                                 how, loaded, change)
            return read._replace(priced=priced_figures(app, read.data, ticks) if ticks else None)
        self.run(load, self._show)

    def _show(self, loaded: Loaded) -> None:
        window, data = self.window, loaded.data
        before, self.loaded, self.data = self.loaded, loaded, data
        self.priced, self.stale_symbols = loaded.priced, None
        self._covering = NOTHING
        if window.portfolio is not None and window.portfolio not in data.portfolios:
            window.portfolio = None  # its last account moved or deleted (or its creation undone): show them all
            window.show_portfolios(data.portfolios)
            self.portfolio_switched()
            return
        if before is None or loaded.holdings is not before.holdings:
            window.model.set_rows(loaded.holdings)
            window.quotes.reapply()  # a reload keeps the live prices shown
        window.show_portfolios(data.portfolios)
        if before is None or loaded.tx_cells is not before.tx_cells:
            window.transactions.set_accounts(sorted({tx.account for tx in loaded.txs} | {
                a.name for a in data.accounts if window.portfolio in (None, a.portfolio)}))
            window.transactions.set_transactions(loaded.txs, loaded.tx_cells, loaded.tx_order, loaded.tx_arranged_by)
        window.dashboard.set_price_source(self.figures_source())
        window.clients.set_price_source(self.figures_source())
        window.dashboard.show_dashboard(self.dashboard_in_force())
        valued = [v.market_value_base for v in data.snapshot.holdings if v.market_value_base is not None]
        self.closes_total = sum(valued) if valued else None
        self.load_history()
        shown = window.performance.page
        self.stale_pages = {"themes", "exposure", "clients"}
        if shown is None or shown.scope != self.performance_scope() or self._performance_version != \
                self.performance_cache.version:  # a scope switch already loaded it, with the same book
            self.stale_pages.add("performance")  # filled when shown: start-up paints less
        self.refresh_page(window.current_page())
        window.show_total()
        if window.statusBar().currentMessage() in ("", self._loading_text, self._summary_text):
            # (the summary of an earlier load is replaced too: it must not show counts that changed)
            self._summary_text = " · ".join((
                counted(len(data.snapshot.holdings), self.tr("%1 position"), self.tr("%1 positions")),
                counted(len(data.transactions), self.tr("%1 transaction"), self.tr("%1 transactions")),
                self.tr("base %1").replace("%1", data.snapshot.base_currency)))
            window.statusBar().showMessage(self._summary_text, 5000)
        app, held = window.app, {v.symbol for v in data.snapshot.holdings}
        # Staleness needs the exchange calendars: building one the first time is seconds of pure Python that
        # would hold the GIL while the views fill, so it starts once the window has settled.
        generation = self.generation

        def checked(stale: list[str]) -> None:
            self.stale_symbols = stale
            window.dashboard.show_dashboard(self.dashboard_in_force())
            window.model.set_stale(stale)

        def check_staleness() -> None:
            if generation == self.generation:  # a secondary check: its failure is logged, not a dialog
                self.run(lambda: stale_prices(app, held), checked,
                         lambda error: log.warning("price freshness not checked: %s", error))
        QTimer.singleShot(STALENESS_DELAY_MS, self, check_staleness)  # dropped if the window is gone
        if before is None:  # a book's first load: what the window holds from now on is out of the GC's scans
            QTimer.singleShot(FREEZE_DELAY_MS, self, lambda: freeze_long_lived(collect=True))

    # -- figures at the prices in force ------------------------------------------------------------
    def dashboard_in_force(self):
        assert self.data is not None
        shown = self.priced.dashboard if self.priced is not None else self.data.dashboard
        return replace(shown, stale_prices=self.stale_symbols)

    def clients_in_force(self) -> tuple[list, dict[str, dict[str, int]]]:
        assert self.data is not None
        if self.priced is not None:
            return self.priced.clients, self.priced.client_themes
        return self.data.clients, self.data.client_themes

    def reprice(self) -> None:
        """The dashboard and the clients at the prices in force (app/prices.py): at the closes at once (the
        load's own figures), else computed in a worker at most twice a second, from the latest ticks."""
        if self.data is None:
            return
        if not self.window.quotes.state.ticks:
            self._reprice_timer.stop()
            if self.priced is not None:
                self.priced = None
                self._show_priced()
            return
        if self.window.current_page() not in PRICED_PAGES:  # no one sees them: computed when one is shown
            self._priced_stale = True
            return
        if not self._reprice_timer.isActive():
            self._reprice_timer.start()

    def _reprice_now(self) -> None:
        state, data = self.window.quotes.state, self.data
        if data is None or not state.ticks:
            return
        if self._pricing:  # the one under way shows first; this one follows
            self._reprice_timer.start()
            return
        self._pricing = True
        app, ticks, version, session = self.window.app, dict(state.ticks), state.version, state.session

        def done(figures: PricedFigures) -> None:
            self._pricing = False
            if state.session == session and self.data is data:  # the same feed, no newer load meanwhile
                self.priced = figures
                self._show_priced()
            if state.version != version and state.ticks:
                self._reprice_timer.start()

        def failed(error: Exception) -> None:
            self._pricing = False
            log.warning("live figures not computed: %s", error)
        # Not `run`: its result must come back even after a reload (which `run` drops, and this job would
        # then never end), and twice a second it would flicker the busy indicator.
        run_in_background(lambda: priced_figures(app, data, ticks), done, failed, context=self.window,
                          pool=figures_pool())

    def figures_source(self) -> PriceSource:
        """The prices the dashboard's and the clients' figures on screen are at: the ticks' once a repricing
        has come back, the closes until then (their labels say what the figures are, not what the feed is)."""
        return self.window.quotes.state.source if self.priced is not None else PriceSource.CLOSES

    def _show_priced(self) -> None:
        window = self.window
        window.dashboard.set_price_source(self.figures_source())
        window.clients.set_price_source(self.figures_source())
        window.dashboard.show_dashboard(self.dashboard_in_force())
        if window.current_page() == "clients" and "clients" not in self.stale_pages:
            window.clients.update_figures(*self.clients_in_force())
        else:
            self.stale_pages.add("clients")

    def _failed(self, error: Exception) -> None:
        self.window.statusBar().showMessage(self.tr("Could not load the book"))
        QMessageBox.critical(self.window, "GigaTracker", error_text(error))

    # -- pages ------------------------------------------------------------------------------------
    def refresh_page(self, page: str) -> None:
        """A page whose data arrived while it was hidden is filled when shown."""
        if page in PRICED_PAGES and self._priced_stale:
            self._priced_stale = False
            self._reprice_now()
        if page not in self.stale_pages or self.data is None:
            return
        self.stale_pages.discard(page)
        window, data = self.window, self.data
        if page == "themes":
            window.themes.show_themes(data.themes, data.assignments, data.theses, data.journal, data.names)
        elif page == "clients":
            window.clients.show_clients(*self.clients_in_force())
            cache, names = self.performance_cache, [d.portfolio for d in data.clients]
            self.run(lambda: {name: client_returns(cache, name) for name in names}, window.clients.show_returns,
                     lambda error: log.warning("client returns not computed: %s", error), pool=figures_pool())
        elif page == "performance":
            window.performance.set_taxonomies(list(dict.fromkeys(t.taxonomy for t in data.themes)))
            self.load_performance()
        elif page == "exposure":
            window.exposure.set_taxonomies(list(dict.fromkeys(t.taxonomy for t in data.themes)))
            self.show_exposure(data.exposure)
            if data.exposure.view != window.exposure.view() or (
                    data.exposure.cross and data.exposure.cross[:2] != window.exposure.cross()):
                # the user picked another view since this load began, or the taxonomies arrived with it
                # (the default cross-tab needs them)
                self.load_exposure()

    def load_exposure(self) -> None:
        window = self.window
        if window.app is None:
            return
        self._exposure_asked += 1
        asked = self._exposure_asked
        app, portfolio, view, cross = window.app, window.portfolio, window.exposure.view(), window.exposure.cross()

        def done(data: ExposureData) -> None:
            if asked == self._exposure_asked:  # loads run in parallel: an older choice may finish last
                self.show_exposure(data)
        self.run(lambda: exposure_for(app, portfolio, view, cross), done)

    def show_exposure(self, data: ExposureData) -> None:
        self.window.exposure.show_exposure(data)
        self.window.quotes.move_exposure()  # the figures follow the live prices shown in Holdings

    def show_contributors(self, key: str) -> None:
        exposure = self.window.exposure
        data = exposure.data
        row = next((r for r in data.result.rows if r.key == key), None) if data else None
        if row is None:
            return
        base = data.result.base_currency
        self.run(lambda: contributions(data.items, data.view, data.data, key, row.value_base, base),
                 lambda parts: exposure.show_contributors(key, parts))

    def performance_scope(self) -> Scope:
        portfolio = self.window.portfolio
        return Scope("portfolio", portfolio) if portfolio else Scope("book")

    def load_performance(self, then: Callable[[], None] | None = None) -> None:
        """The performance page for the selected portfolio and the period shown, computed in a worker from
        the cached engine (a period or scope switch is a slice of it); `then` once it is shown (or failed)."""
        window = self.window
        if window.app is None:
            return
        self._performance_asked += 1
        asked = self._performance_asked
        cache, portfolio, view = self.performance_cache, window.portfolio, window.performance
        choice, taxonomy, look_through = view.choice(), view.taxonomy(), view.look_through.isChecked()
        label = portfolio or self.tr("All portfolios")
        view.show_loading()
        self._performance_version = cache.version

        def answered(show: Callable[[], None]) -> None:
            if asked == self._performance_asked:
                show()
            if then is not None:
                then()

        def done(page) -> None:
            answered(lambda: view.show_page(page, label))

        def failed(error) -> None:
            answered(lambda: view.show_error(str(error), label))
        self.run(lambda: cache.page(portfolio, choice, taxonomy=taxonomy, look_through=look_through), done, failed,
                 pool=figures_pool())

    def load_history(self) -> None:
        """The dashboard's value chart over the period it shows (from the same cached engine)."""
        window = self.window
        if window.app is None:
            return
        cache, portfolio = self.performance_cache, window.portfolio
        choice = PeriodChoice(window.dashboard.history_choice())
        def failed(error: Exception) -> None:
            log.warning("value chart not drawn: %s", error)
            window.dashboard.show_history(None, str(error))  # not the chart of another currency or portfolio

        self.run(lambda: cache.page(portfolio, choice, with_table=False, with_themes=False),
                 window.dashboard.show_history, failed, pool=figures_pool())

    def portfolio_switched(self) -> None:
        """The other pages reload for the new portfolio (nothing read again: the book's valuation is cut for
        it). On the performance page, the page comes first, from the cached engine: the reload (a large
        book's transactions table formatted again) starts once it is shown and painted (a 0 ms timer runs
        after the paint events already posted), so that the reload's worker does not share the GIL with
        them while the user waits."""
        if self.window.current_page() != "performance":
            self.reload(whole=False)
            return
        self.stale_pages.discard("performance")
        self.load_performance(then=lambda: QTimer.singleShot(0, self, lambda: self.reload(whole=False)))
