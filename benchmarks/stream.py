"""Stream benchmark: a local server (its own process) pushes ticks for 500 symbols as fast as it can for
20 s to our StreamClient. Prints ticks decoded and coalesced per second, coalescer correctness (final
price per symbol == last sent) and the client process's CPU.

    python benchmarks/stream.py [--seconds 20] [--symbols 500]
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import time
from decimal import Decimal

from local_streamer import serve_forever


def serve(port_queue, result_queue, symbols: int, seconds: float) -> None:
    from gigatracker.services.stream.frames import encode_frame

    names = [f"SYM{i:03d}" for i in range(symbols)]

    async def handler(ws):
        await ws.recv()  # the client's subscription
        sent = 0
        last = {}
        deadline = time.monotonic() + seconds
        round_ = 0
        while time.monotonic() < deadline:
            round_ += 1
            for i, name in enumerate(names):
                price = 100 + i + round_ / 100
                await ws.send(encode_frame(name, price, 1_000_000 + round_))
                last[name] = f"{price:.2f}"
            sent += len(names)
        result_queue.put((sent, last))
        await asyncio.sleep(3600)

    serve_forever(handler, port_queue)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--symbols", type=int, default=500)
    args = parser.parse_args()

    from gigatracker.services.stream.client import StreamClient
    from gigatracker.services.stream.coalescer import Coalescer

    port_queue, result_queue = multiprocessing.Queue(), multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(port_queue, result_queue, args.symbols, args.seconds),
                                     daemon=True)
    server.start()
    port = port_queue.get(timeout=30)
    coalescer = Coalescer()
    client = StreamClient(f"ws://127.0.0.1:{port}", coalescer, idle_timeout=60)
    cpu_start, wall_start = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
    client.start([f"SYM{i:03d}" for i in range(args.symbols)])
    sent, last = result_queue.get(timeout=args.seconds + 60)
    while client.status().ticks < sent and time.monotonic() - wall_start < args.seconds + 30:
        time.sleep(0.05)  # let the client finish what is already on the wire
    wall = time.monotonic() - wall_start
    cpu_end = resource.getrusage(resource.RUSAGE_SELF)
    client.stop()
    server.terminate()
    status = client.status()
    latest = coalescer.latest()
    correct = sum(1 for name, price in last.items() if name in latest and latest[name].price == Decimal(price))
    cpu = (cpu_end.ru_utime - cpu_start.ru_utime) + (cpu_end.ru_stime - cpu_start.ru_stime)
    print(f"{args.symbols} symbols, {sent:,} ticks sent in {args.seconds:g} s; client decoded and coalesced "
          f"{status.ticks:,} ({status.ticks / wall:,.0f} ticks/s over {wall:.1f} s), decode errors "
          f"{status.decode_errors}")
    print(f"coalescer correctness: {correct}/{len(last)} symbols end on the last price sent "
          f"({100 * correct / len(last):.1f}%)")
    print(f"client process CPU: {cpu:.1f} s over {wall:.1f} s wall ({100 * cpu / wall:.0f}% of one core)")


if __name__ == "__main__":
    main()
