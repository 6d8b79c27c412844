"""Real frames captured from Yahoo's streamer decode to the values their source projects assert."""
import os
from datetime import datetime, timezone
from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.services.stream.frames import FrameError, decode_frame, decode_message, encode_frame

DATA = Path(__file__).parents[1] / "data" / "yahoo_stream"
# benchmarks/fuzz_soak.py runs the fuzz below with many more examples (20 mutated frames per example)
EXAMPLES = int(os.environ.get("GIGATRACKER_FUZZ_EXAMPLES", "1000"))


def lines(name):
    return [line.strip() for line in (DATA / name).read_text().splitlines() if line.strip()]


def utc(ms):
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


def test_aapl_envelope():
    [tick] = [decode_frame(line) for line in lines("yahoo-finance2_streamer_AAPL.jsonl")]
    assert (tick.symbol, tick.price, tick.time) == ("AAPL", D("305.76"), utc(1779437422000))
    assert tick.change_percent == pytest.approx(0.25247371196746826)


def test_btc_message():
    [tick] = [decode_message(line) for line in lines("yfinance_test_live_BTC-USD.txt")]
    assert (tick.symbol, tick.price, tick.currency, tick.time) == ("BTC-USD", D("94745.08"), "USD", utc(1736509140000))
    assert tick.day_volume == 59712028672


def test_tsla_and_msft_messages():
    [tsla] = [decode_message(line) for line in lines("yflive_test_reader_TSLA.txt")]
    assert (tsla.price, tsla.time, tsla.day_volume) == (D("676.08"), utc(1617815434000), 15605331)
    [msft] = [decode_message(line) for line in lines("yliveticker_test_MSFT.txt")]
    assert (msft.price, msft.time, msft.day_volume) == (D("177.42"), utc(1589554809000), 10460764)


def test_multi_envelope():
    [tick] = [decode_frame(line) for line in lines("yfinance-rs_stream_ws_MULTI.jsonl")]
    assert tick.symbol == "BTC-USD" and tick.price == D("110429.42") and tick.currency == "USD"


def test_pence_are_normalised_to_pounds():
    tick = decode_frame(encode_frame("OCDO.L", 245.6, 1_700_000_000_000, "GBp"))
    assert (tick.price, tick.currency) == (D("2.456"), "GBP")


@pytest.mark.parametrize("frame", ["not json", "[]", '{"type": "pricing"}', '{"type": "other", "message": ""}',
                                   '{"type": "pricing", "message": "!!!not base64"}',
                                   '{"type": "pricing", "message": "AAAA"}', b"\x00\xff\x10"])
def test_garbage_is_a_frame_error(frame):
    with pytest.raises(FrameError):
        decode_frame(frame)


def frame_of(**fields) -> str:
    """A frame carrying exactly these PricingData fields (what a broken or hostile server could send)."""
    import base64
    import json

    from yfinance.pricing_pb2 import PricingData
    return json.dumps({"type": "pricing",
                       "message": base64.b64encode(PricingData(**fields).SerializeToString()).decode()})


GOOD = {"id": "AAPL", "price": 150.25, "time": 1_700_000_000_000, "currency": "USD", "price_hint": 2}


@pytest.mark.parametrize("bad", [{"time": 2**62}, {"time": -5}, {"time": 2**63 - 1}, {"price": float("inf")},
                                 {"price": float("nan")}, {"price": -3.0}, {"price": 1e30},
                                 {"price_hint": 2**40}, {"price_hint": -1}, {"day_volume": -1},
                                 {"day_volume": 2**62}])
def test_impossible_values_are_frame_errors(bad):
    assert decode_frame(frame_of(**GOOD)).price == D("150.25")
    with pytest.raises(FrameError, match="impossible"):
        decode_frame(frame_of(**{**GOOD, **bad}))


def test_a_non_finite_change_is_dropped_not_kept():
    assert decode_frame(frame_of(**GOOD, change_percent=float("inf"))).change_percent is None


@pytest.mark.parametrize("frame", ["[" * 100_000 + "]" * 100_000, "[" * 5_000, '{"a":' * 3_000 + "1" + "}" * 3_000,
                                   '{"type": "pricing", "message": "' + "A" * 100_000 + '"}'])
def test_deep_or_huge_frames_are_frame_errors(frame):
    with pytest.raises(FrameError):
        decode_frame(frame)


def real_frames() -> list[str]:
    import json
    frames = lines("yahoo-finance2_streamer_AAPL.jsonl") + lines("yfinance-rs_stream_ws_MULTI.jsonl")
    frames += [json.dumps({"type": "pricing", "message": m}) for name in
               ("yfinance_test_live_BTC-USD.txt", "yflive_test_reader_TSLA.txt", "yliveticker_test_MSFT.txt")
               for m in lines(name)]
    return frames


def test_fuzz_mutated_real_frames_decode_or_are_frame_errors():
    """Every byte flip, cut and splice of the real frames (and of their protobuf inside) gives a Tick
    with sane values or a FrameError: nothing else escapes to end the feed's thread."""
    import base64
    import json
    import math
    import random
    rng = random.Random(19)
    frames = real_frames()
    decoded = 0
    for _ in range(20 * EXAMPLES):
        frame = rng.choice(frames)
        if rng.random() < 0.5:  # mutate the protobuf itself, re-wrapped in a valid envelope
            raw = bytearray(base64.b64decode(json.loads(frame)["message"]))
            for _ in range(rng.randint(1, 4)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            if rng.random() < 0.3:
                raw = raw[:rng.randrange(len(raw))] + raw[rng.randrange(len(raw)):]
            frame = json.dumps({"type": "pricing", "message": base64.b64encode(bytes(raw)).decode()})
        else:  # mutate the JSON text
            text = list(frame)
            for _ in range(rng.randint(1, 4)):
                text[rng.randrange(len(text))] = chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x10FFFF)]))
            frame = "".join(text)
        try:
            tick = decode_frame(frame)
        except FrameError:
            continue
        decoded += 1
        assert tick.price.is_finite() and tick.price > 0 and tick.time.year < 10_000
        assert tick.change_percent is None or math.isfinite(tick.change_percent)
    assert decoded > EXAMPLES  # the mutations left many frames readable: the checks above ran on them


def test_fuzz_random_bytes_are_frame_errors():
    import random
    rng = random.Random(7)
    for _ in range(5 * EXAMPLES):
        raw = bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
        for frame in (raw, raw.decode("latin-1")):
            try:
                decode_frame(frame)
            except FrameError:
                pass


def test_simulated_prices_keep_their_closes_precision():
    """Issue 20 (8): a simulated price walked to 698.5224… and was cut in its column: each made-up price
    now has its close's own decimals (2 for 742.10 EUR, 4 for 0.1234, none for a won price)."""
    import time
    from decimal import Decimal as D

    from gigatracker.services.stream.coalescer import Coalescer
    from gigatracker.services.stream.simulated import SimulatedFeed
    coalescer = Coalescer()
    feed = SimulatedFeed({"ASML.AS": (D("742.10"), "EUR"), "TINY": (D("0.1234"), "EUR"),
                          "005930.KS": (D("96100"), "KRW")}, coalescer, ticks_per_second=2000, seed=7)
    seen: dict[str, set[int]] = {}
    feed.start()
    deadline = time.monotonic() + 5
    while len(seen) < 3 and time.monotonic() < deadline:
        for symbol, tick in coalescer.drain().items():
            seen.setdefault(symbol, set()).add(tick.price.as_tuple().exponent)
        time.sleep(0.01)
    feed.stop()
    assert seen == {"ASML.AS": {-2}, "TINY": {-4}, "005930.KS": {0}}
