"""A local server speaking Yahoo's streamer protocol, for the benchmarks (run in a process of its own):
`handler(ws)` decides what to send; the port goes back through `port_queue`."""
from __future__ import annotations

import asyncio


def serve_forever(handler, port_queue) -> None:
    from websockets.asyncio.server import serve

    async def main():
        async with serve(handler, "127.0.0.1", 0, max_queue=None) as server:
            port_queue.put(server.sockets[0].getsockname()[1])
            await asyncio.Future()

    asyncio.run(main())
