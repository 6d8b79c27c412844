"""Prices in the window: refresh the closes from Yahoo (Quotes menu, on open or hourly as the settings
say) through the window's write path, and live prices — Yahoo's stream or the simulated demo feed —
drained at 10 Hz into the holdings model (changed rows only), the status bar total, the exposure view
and the performance page's today point."""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog

from ...services.messages import translated
from ...app import operations as op
from ...app.prices import PriceSource, PriceState
from ...services.stream.status import FeedState, FeedStatus
from ..dialogs.price import PriceDialog
from ..format import format_date, format_price
from ..live import LivePrices

HOURLY_MS = 3_600_000


class QuoteActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.refresh_action = window.make_action(self.tr("&Refresh Quotes"), self.refresh, "Ctrl+R")
        self.live_action = window.make_action(self.tr("&Live Prices"), lambda on: self.set_live(on), "Ctrl+L",
                                              checkable=True)
        self.simulate_action = window.make_action(self.tr("&Simulated Prices (demo)"),
                                                  lambda on: self.set_live(on, simulated=True), checkable=True)
        self.add_price_action = window.make_action(self.tr("&Add a Price…"), lambda: self.add_price())
        self.state = PriceState()  # the prices every figure of the window shows (app/prices.py)
        self.live = LivePrices(self)
        self.live.ticked.connect(self.on_ticks)
        self.live.status_changed.connect(self._show_feed_status)
        self._hourly = QTimer(self, interval=HOURLY_MS)
        self._hourly.timeout.connect(self.refresh)

    def actions(self):
        return [self.refresh_action, self.add_price_action, self.live_action, self.simulate_action]

    def add_price(self, symbol: str | None = None) -> None:
        """A close typed by hand (Quotes menu, or a holding's menu with its symbol chosen)."""
        window = self.window
        data = window.data
        currencies = {} if data is None else {
            **{tx.symbol: tx.currency for tx in data.transactions if tx.symbol},
            **{v.symbol: v.currency for v in data.whole.holdings}}
        dialog = PriceDialog(currencies, symbol, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen, day, close, currency = dialog.price()
        window.writes.run(op.plain("add_price", chosen, lambda app: app.market.add_price(chosen, day, close, currency)),
                          lambda _: window.statusBar().showMessage(self.tr("Price of %1 on %2: %3").replace(
                              "%1", chosen).replace("%2", format_date(day)).replace(
                              "%3", format_price(close, currency)), 10_000))

    def book_opened(self) -> None:
        policy = self.window.preferences.refresh_policy
        if policy in ("on_open", "hourly"):
            self.refresh()
        if policy == "hourly":
            self._hourly.start()
        else:
            self._hourly.stop()

    # -- closes -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Fetch the missing closes: a write like any other (on the store writer, its change event naming
        "quotes"), so it never races an edit."""
        window = self.window
        window.statusBar().showMessage(self.tr("Refreshing quotes…"))

        def done(report) -> None:
            if report.state != "ok":
                text = translated(report.message)
            else:
                text = self.tr("Quotes: %1 updated, %2 up to date, %3 failed").replace(
                    "%1", str(len(report.fetched))).replace("%2", str(len(report.up_to_date))).replace(
                    "%3", str(len(report.failed) + len(report.skipped)))
            window.statusBar().showMessage(text, 10_000)

        def failed(error) -> None:
            window.statusBar().showMessage(self.tr("Quotes not refreshed: %1").replace("%1", translated(str(error))), 10_000)

        window.writes.run(op.plain("refresh_quotes", "", lambda app: app.market.refresh_quotes()), done, failed,
                          origin="quotes")

    # -- live prices ------------------------------------------------------------------------------
    def set_live(self, on: bool, *, simulated: bool = False, url: str | None = None) -> None:
        """Start or stop the feed; the Live and Simulated actions show which runs (never both)."""
        window = self.window
        mine, other = (self.simulate_action, self.live_action) if simulated else (self.live_action,
                                                                                  self.simulate_action)
        for action, checked in ((mine, on), (other, False if on else other.isChecked())):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)
        # A switch (on, off, or to the other feed) puts every figure back on the closes at once.
        self.state.start((PriceSource.SIMULATED if simulated else PriceSource.LIVE) if on else PriceSource.CLOSES)
        if not on:
            self.live.stop()
        self._show_closes()
        window.show_price_source(self.state.source)
        if not on:
            return
        symbols = window.model.symbols()
        if simulated:
            self.live.start(symbols, simulated_closes=window.model.closes())
        else:
            self.live.start(symbols, url=url, settings_url=window.preferences.stream_url or None)

    def stop(self) -> None:
        self.live.stop()

    def on_ticks(self, ticks) -> None:
        window, model = self.window, self.window.model
        self.state.update(ticks)
        if model.apply_ticks(ticks):
            window.show_total()
            self.move_exposure(model.last_changed)
            self._show_today()
        model.expire_flashes()
        window.refresh.reprice()

    def reapply(self) -> None:
        """After a reload: the prices in force stay on every figure, and the feed follows the symbols held."""
        model = self.window.model
        if self.state.ticks:
            model.apply_ticks(self.state.ticks, flash=False)
            self._show_today()
        self.live.set_symbols(model.symbols())

    def _show_closes(self) -> None:
        window = self.window
        window.model.restore_closes()
        window.show_total()
        self.move_exposure(window.model.valuations())
        window.performance.clear_live()
        window.dashboard.set_live(None)
        window.refresh.reprice()

    def _show_today(self) -> None:
        """Today's point of the performance page's and the dashboard's value charts at the prices in force."""
        window, model = self.window, self.window.model
        closes_total = window.refresh.closes_total
        if closes_total is not None and model.total_base is not None:
            label = self.tr("today (simulated)") if self.state.simulated else self.tr("today (live)")
            window.performance.set_live(float(model.total_base - closes_total), label)
            window.dashboard.set_live(float(model.total_base - closes_total), label)

    def move_exposure(self, moved=None) -> None:
        """The exposure view's figures follow the live prices (`moved`: the valuations that changed;
        None: all the model holds, for a view just loaded)."""
        if moved is None and not self.state.ticks:
            return
        window = self.window
        data = window.exposure.data
        if data is None:
            return
        moved = window.model.valuations() if moved is None else moved
        pairs = [(data.item_index[(v.account, v.symbol)], v.market_value_base) for v in moved
                 if (v.account, v.symbol) in data.item_index and v.market_value_base is not None]
        if pairs:
            window.exposure.apply_values([i for i, _ in pairs], [value for _, value in pairs])

    def _feed_text(self, status: FeedStatus) -> str:
        """The feed's state in words (services/stream/status.py says the same for the CLI)."""
        now = datetime.now(timezone.utc)
        if status.state is FeedState.LIVE:
            if status.last_tick_at is None:
                text = self.tr("Live (%1, no price yet)")
            elif (age := max(0.0, (now - status.last_tick_at).total_seconds())) < 3600:
                text = self.tr("Live (%1, last price %2 s ago)").replace("%2", f"{age:.0f}")
            else:
                text = self.tr("Live (%1, last price at %2)").replace(
                    "%2", f"{status.last_tick_at.astimezone():%H:%M}")
            count = self.tr("1 symbol") if status.symbols == 1 else self.tr("%1 symbols").replace(
                "%1", str(status.symbols))
            return text.replace("%1", count)
        if status.state is FeedState.RECONNECTING and status.next_try_in is not None:
            return self.tr("Reconnecting in %1 s (attempt %2)").replace(
                "%1", f"{status.next_try_in:.0f}").replace("%2", str(status.attempt))
        if status.state is FeedState.OFFLINE and status.since is not None:
            return self.tr("Offline since %1").replace("%1", f"{status.since.astimezone():%H:%M}")
        if status.state is FeedState.FAILED:
            text = self.tr("Failed: %1").replace("%1", status.last_error or "?")
            if status.next_try_in is not None:
                text += " — " + self.tr("restarting in %1 s").replace("%1", f"{status.next_try_in:.0f}")
            return text
        return {FeedState.CONNECTING: self.tr("Connecting"), FeedState.RECONNECTING: self.tr("Reconnecting"),
                FeedState.OFFLINE: self.tr("Offline"), FeedState.SIMULATED: self.tr("Simulated")}[status.state]

    def _show_feed_status(self, status: FeedStatus) -> None:
        self.window.feed_label.setText(self._feed_text(status))
