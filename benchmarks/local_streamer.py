"""A local server speaking Yahoo's streamer protocol, for the benchmarks (run in a process of its own):
`handler(ws)` decides what to send; the port goes back through `port_queue`."""
from __future__ import annotations

import asyncio


def serve_forever(handler, port_queue) -> None:
    from websockets.asyncio.server import serve
    from websockets.exceptions import ConnectionClosed

    async def quiet_handler(ws):
        try:
            await handler(ws)
        except ConnectionClosed:  # the benchmark closed its window while ticks were still going out
            pass

    async def main():
        async with serve(quiet_handler, "127.0.0.1", 0, max_queue=None) as server:
            port_queue.put(server.sockets[0].getsockname()[1])
            await asyncio.Future()

    asyncio.run(main())
