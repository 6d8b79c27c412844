"""A local websocket server that speaks Yahoo's streamer wire format, for tests and benchmarks.

It records what clients send (`{"subscribe": [...]}`, `{"unsubscribe": [...]}`), pushes frames to every
connected client, and can misbehave on demand: drop connections, go silent, send garbage, refuse
connections for a while. Runs its own event loop in a thread; every method is safe from any thread.
"""
from __future__ import annotations

import asyncio
import json
import threading
import time

from websockets.asyncio.server import serve

from gigatracker.services.stream.frames import encode_frame


class YahooStreamServer:
    def __init__(self) -> None:
        self.port = 0
        self.received: list[dict] = []
        self.connections = 0
        self._clients: set = set()
        self._loop = asyncio.new_event_loop()
        self._server = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> "YahooStreamServer":
        self._thread.start()
        self._call(self._listen())
        return self

    def stop(self) -> None:
        self._call(self._close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def __enter__(self) -> "YahooStreamServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    async def _listen(self) -> None:
        self._server = await serve(self._handle, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _handle(self, ws) -> None:
        self.connections += 1
        self._clients.add(ws)
        try:
            async for message in ws:
                self.received.append(json.loads(message))
        except Exception:  # noqa: BLE001 - a dropped client is normal here
            pass
        finally:
            self._clients.discard(ws)

    def _call(self, coroutine, timeout: float = 10):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    # -- behaviour ------------------------------------------------------------------------------
    def send(self, *frames: str | bytes) -> None:
        async def push():
            for ws in list(self._clients):
                for frame in frames:
                    try:
                        await ws.send(frame)
                    except Exception:  # noqa: BLE001
                        pass
        self._call(push())

    def tick(self, symbol: str, price: float, time_ms: int, currency: str = "USD") -> None:
        self.send(encode_frame(symbol, price, time_ms, currency))

    def drop_connections(self) -> None:
        """Close every connection abruptly, as a flaky server or network does."""
        async def drop():
            for ws in list(self._clients):
                ws.transport.abort()
        self._call(drop())

    def refuse_for(self, seconds: float) -> None:
        """Stop listening (and drop clients) for a while, then listen again on the same port."""
        self._call(self._close())
        time.sleep(seconds)
        self._call(self._listen())

    def subscriptions(self) -> list[list[str]]:
        return [m["subscribe"] for m in self.received if "subscribe" in m]

    def clients(self) -> int:
        return len(self._clients)


def wait_until(predicate, timeout: float = 10.0, interval: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


class StallingServer:
    """Accepts TCP connections and never answers the WebSocket handshake (a proxy or server that hangs)."""

    def __init__(self) -> None:
        import socket
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.port = self._socket.getsockname()[1]
        self.accepted: list = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:  # closed
                return
            self.accepted.append(connection)  # kept open, never read from or written to

    def __enter__(self) -> "StallingServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._socket.close()
        for connection in self.accepted:
            connection.close()
