"""The reconnecting client against a local server speaking Yahoo's wire format (no network)."""
import json
import os
import subprocess
import sys
import threading
import time
from decimal import Decimal as D

import pytest

from gigatracker.services.stream.client import StreamClient, stream_url
from gigatracker.services.stream.coalescer import Coalescer
from gigatracker.services.stream.status import FeedState
from tests.support.yahoo_stream_server import wait_until


@pytest.fixture
def make_client():
    clients = []

    def make(url, symbols, **options):
        options = {"idle_timeout": 5.0, "backoff_initial": 0.05, "backoff_max": 0.5, **options}
        client = StreamClient(url, Coalescer(), **options)
        client.start(symbols)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.stop()


def latest_prices(client):
    return {symbol: tick.price for symbol, tick in client.coalescer.latest().items()}


def test_normal_ticks(server, make_client):
    client = make_client(server.url, ["AAPL", "MSFT"])
    assert wait_until(lambda: server.subscriptions() == [["AAPL", "MSFT"]])
    assert client.status().state is FeedState.LIVE
    for i in range(50):
        server.tick("AAPL", 100 + i, 1_000 + i)
        server.tick("MSFT", 200 + i, 1_000 + i)
    assert wait_until(lambda: client.status().ticks == 100)
    assert latest_prices(client) == {"AAPL": D(149), "MSFT": D(249)}
    drained = client.coalescer.drain()
    assert set(drained) == {"AAPL", "MSFT"} and client.coalescer.drain() == {}


def test_drop_mid_stream_reconnects_resubscribes_and_ends_right(server, make_client):
    client = make_client(server.url, ["AAPL"])
    assert wait_until(lambda: server.subscriptions())
    server.tick("AAPL", 101, 1_000)
    assert wait_until(lambda: client.status().ticks == 1)
    server.drop_connections()
    assert wait_until(lambda: server.connections == 2 and len(server.subscriptions()) == 2)
    server.tick("AAPL", 102.5, 2_000)
    assert wait_until(lambda: latest_prices(client) == {"AAPL": D("102.5")})
    status = client.status()
    assert status.reconnects == 1 and status.state is FeedState.LIVE


def test_garbage_frames_are_counted_not_fatal(server, make_client):
    client = make_client(server.url, ["AAPL"])
    assert wait_until(lambda: server.subscriptions())
    server.send("not json", "{}", '{"type": "pricing", "message": "%%%"}', b"\x00\x01\x02")
    server.tick("AAPL", 150, 5_000)
    assert wait_until(lambda: latest_prices(client) == {"AAPL": D(150)})
    assert client.status().decode_errors == 4 and server.connections == 1


def test_silent_server_triggers_an_idle_reconnect(server, make_client):
    client = make_client(server.url, ["AAPL"], idle_timeout=0.3)
    assert wait_until(lambda: server.connections >= 2, timeout=10)
    assert client.status().idle_reconnects >= 1 and "no data" in client.status().last_error


def test_no_idle_reconnect_while_markets_are_closed(server, make_client):
    client = make_client(server.url, ["AAPL"], idle_timeout=0.2, market_open=lambda: False)
    time.sleep(1.0)
    assert server.connections == 1 and client.status().idle_reconnects == 0


def test_subscription_changes_while_connected(server, make_client):
    client = make_client(server.url, ["AAPL", "MSFT"])
    assert wait_until(lambda: server.subscriptions() == [["AAPL", "MSFT"]])
    client.set_symbols(["AAPL", "TSLA"])
    assert wait_until(lambda: {"unsubscribe": ["MSFT"]} in server.received
                      and ["AAPL", "TSLA"] in server.subscriptions())
    server.tick("MSFT", 1, 9_000)  # no longer wanted: ignored
    server.tick("TSLA", 250, 9_000)
    assert wait_until(lambda: "TSLA" in latest_prices(client))
    assert "MSFT" not in latest_prices(client) and server.connections == 1


def test_resubscribes_periodically(server, make_client):
    make_client(server.url, ["AAPL"], resubscribe_every=0.1)
    assert wait_until(lambda: len(server.subscriptions()) >= 4)
    assert all(s == ["AAPL"] for s in server.subscriptions())


def test_out_of_order_ticks_are_ignored(server, make_client):
    client = make_client(server.url, ["AAPL"])
    assert wait_until(lambda: server.subscriptions())
    server.tick("AAPL", 110, 2_000)
    server.tick("AAPL", 90, 1_000)  # older than what we have
    server.tick("AAPL", 111, 3_000)
    server.tick("AAPL", 95, 2_500)
    assert wait_until(lambda: client.coalescer.stale == 2)
    assert latest_prices(client) == {"AAPL": D(111)}


def test_refused_connections_back_off_then_recover(server, make_client):
    client = make_client(server.url, ["AAPL"], backoff_initial=0.1, backoff_max=0.4)
    assert wait_until(lambda: server.connections == 1)
    refusing = threading.Thread(target=server.refuse_for, args=(1.5,))
    refusing.start()
    assert wait_until(lambda: client.status().state is FeedState.RECONNECTING and client.status().attempt >= 2)
    assert client.status().next_try_in <= 0.4 * 1.2
    refusing.join()
    assert wait_until(lambda: client.status().state is FeedState.LIVE and server.connections == 2, timeout=10)
    server.tick("AAPL", 123, 4_000)
    assert wait_until(lambda: latest_prices(client) == {"AAPL": D(123)})
    assert client.status().reconnects >= 3


def test_backoff_doubles_with_jitter_up_to_the_cap():
    client = StreamClient("ws://127.0.0.1:9", Coalescer())
    delays = [client._backoff(attempt) for attempt in range(1, 10)]
    for attempt, delay in enumerate(delays, start=1):
        base = min(60.0, 2 ** (attempt - 1))
        assert 0.8 * base <= delay <= min(60.0, 1.2 * base)
    assert delays[-1] <= 60.0


def test_url_comes_from_flag_then_environment(monkeypatch):
    monkeypatch.setenv("GIGATRACKER_STREAM_URL", "ws://127.0.0.1:1234")
    assert stream_url() == "ws://127.0.0.1:1234"
    assert stream_url("ws://127.0.0.1:99") == "ws://127.0.0.1:99"
    monkeypatch.delenv("GIGATRACKER_STREAM_URL")
    assert stream_url().startswith("wss://streamer.finance.yahoo.com")


def test_stream_cli_prints_json_lines_and_a_summary(server):
    def feed():
        assert wait_until(lambda: server.subscriptions())
        for i in range(20):
            server.tick("AAPL", 100 + i, 1_000 + i)
            server.send("garbage")
            time.sleep(0.02)
        time.sleep(0.5)  # let the client read everything before the connection is torn down
        server.drop_connections()
        assert wait_until(lambda: len(server.subscriptions()) >= 2)
        server.tick("MSFT", 321.5, 5_000)

    pusher = threading.Thread(target=feed)
    pusher.start()
    result = subprocess.run([sys.executable, "-m", "gigatracker", "stream", "--symbols", "AAPL,MSFT", "--url",
                             server.url, "--seconds", "5", "--format", "jsonl"], capture_output=True, text=True,
                            timeout=60, env=os.environ.copy())
    pusher.join()
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    summary = lines.pop()["summary"]
    assert summary["ticks"] == 21 and summary["decode_errors"] == 20 and summary["reconnects"] == 1
    assert summary["status"] == "OFFLINE"  # stopped at the end of the run
    last = {line["symbol"]: line for line in lines}
    assert last["AAPL"]["price"] == "119" and last["MSFT"]["price"] == "321.5"
    assert set(last["MSFT"]) == {"symbol", "price", "currency", "time", "source"}
    assert last["MSFT"]["source"] == "yahoo-stream" and last["MSFT"]["time"] == "1970-01-01T00:00:05Z"


@pytest.mark.sqlite_only("the default book: the demo's file")
def test_simulated_stream_is_labelled(cli):
    lines = [json.loads(line) for line in cli("stream", "--simulated", "--seconds", "1.5").stdout.splitlines()]
    summary = lines.pop()["summary"]
    assert summary["status"] == "SIMULATED" and summary["ticks"] > 0
    assert lines and all(line["source"] == "simulated" for line in lines)


# -- hostile servers (issue 19): the feed survives anything, says what happens, and stops at once ----------
def test_stop_cancels_a_handshake_that_never_completes(make_client):
    from tests.support.yahoo_stream_server import StallingServer
    with StallingServer() as stalling:
        client = make_client(stalling.url, ["AAPL"])
        assert wait_until(lambda: stalling.accepted)
        assert client.status().state is FeedState.CONNECTING
        started = time.monotonic()
        client.stop(wait=0)  # what the window does: returns at once
        assert time.monotonic() - started < 0.05
        assert client.status().state is FeedState.OFFLINE and client.status().since is not None
        assert wait_until(lambda: not client._thread.is_alive(), timeout=1.0)  # the pending connect was cancelled
        assert time.monotonic() - started < 1.0


def test_impossible_values_and_deep_nesting_are_skipped_and_counted(server, make_client):
    from tests.services.test_stream_frames import GOOD, frame_of
    client = make_client(server.url, ["AAPL"])
    assert wait_until(lambda: server.subscriptions())
    server.send(frame_of(**{**GOOD, "time": 2**62}), frame_of(**{**GOOD, "time": -1}),
                frame_of(**{**GOOD, "price": float("inf")}), frame_of(**{**GOOD, "price_hint": 2**40}),
                "[" * 50_000, '{"a":' * 3_000 + "1" + "}" * 3_000)
    server.tick("AAPL", 151.5, int(time.time() * 1000))
    assert wait_until(lambda: latest_prices(client) == {"AAPL": D("151.5")})
    status = client.status()
    assert (status.decode_errors, status.ticks, status.failures, status.state) == (6, 1, 0, FeedState.LIVE)


class BreaksOnce(Coalescer):
    """A consumer that fails once, as any bug behind the feed could: the feed must say so and go on."""

    def __init__(self):
        super().__init__()
        self.broke = False

    def put(self, tick):
        if not self.broke:
            self.broke = True
            raise KeyError("a bug behind the feed")
        return super().put(tick)


def test_an_unexpected_error_is_failed_with_its_reason_then_a_restart(server):
    client = StreamClient(server.url, BreaksOnce(), idle_timeout=5.0, backoff_initial=0.3, backoff_max=0.5)
    client.start(["AAPL"])
    try:
        assert wait_until(lambda: server.subscriptions())
        server.tick("AAPL", 100, int(time.time() * 1000))
        assert wait_until(lambda: client.status().state is FeedState.FAILED)
        failed = client.status()
        assert failed.failures == 1 and "KeyError" in failed.last_error and "a bug behind the feed" in failed.last_error
        assert failed.describe(failed.since).startswith("failed: KeyError") and "restarting in" in failed.describe(
            failed.since)
        assert wait_until(lambda: client.status().state is FeedState.LIVE and len(server.subscriptions()) == 2)
        server.tick("AAPL", 101, int(time.time() * 1000))
        assert wait_until(lambda: latest_prices(client) == {"AAPL": D(101)})
    finally:
        client.stop()


def test_status_in_words():
    from datetime import datetime, timedelta, timezone

    from gigatracker.services.stream.status import FeedStatus
    now = datetime(2026, 11, 29, 10, 42, 5, tzinfo=timezone.utc)
    assert FeedStatus(FeedState.CONNECTING).describe(now) == "connecting"
    assert FeedStatus(FeedState.LIVE, symbols=3, last_tick_at=now - timedelta(seconds=2)).describe(now) == \
        "live (3 symbols, last tick 2 s ago)"
    assert FeedStatus(FeedState.LIVE, symbols=1).describe(now) == "live (1 symbol, no tick yet)"
    assert FeedStatus(FeedState.RECONNECTING, attempt=5, next_try_in=15.2).describe(now) == "reconnecting in 15 s (try 5)"
    offline = FeedStatus(FeedState.OFFLINE, since=now).describe(now)
    assert offline == f"offline since {now.astimezone():%H:%M}"
    assert FeedStatus(FeedState.FAILED, last_error="KeyError: x").describe(now) == "failed: KeyError: x"
    assert FeedStatus(FeedState.SIMULATED).describe(now) == "simulated"


def test_the_stream_command_ends_with_its_summary_whatever_the_server_does(server):
    """Garbage, impossible values, deep nesting and a drop: ticks still printed, one summary line last."""
    from tests.services.test_stream_frames import GOOD, frame_of

    def misbehave():
        assert wait_until(lambda: server.subscriptions())
        server.send(frame_of(**{**GOOD, "time": 2**62}), frame_of(**{**GOOD, "price": float("inf")}), "[" * 50_000)
        server.tick("AAPL", 150.0, int(time.time() * 1000))
        time.sleep(0.3)
        server.drop_connections()

    pusher = threading.Thread(target=misbehave)
    pusher.start()
    result = subprocess.run([sys.executable, "-m", "gigatracker", "stream", "--symbols", "AAPL", "--url", server.url,
                             "--seconds", "2.5"], capture_output=True, text=True, timeout=60, env=os.environ.copy())
    pusher.join()
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    summary = lines.pop()["summary"]
    assert (summary["ticks"], summary["decode_errors"], summary["failures"], summary["status"]) == (1, 3, 0, "OFFLINE")
    assert summary["reconnects"] >= 1 and lines == [{**lines[0], "price": "150"}]
