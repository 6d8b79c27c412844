"""Real frames captured from Yahoo's streamer decode to the values their source projects assert."""
from datetime import datetime, timezone
from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.services.stream.frames import FrameError, decode_frame, decode_message, encode_frame

DATA = Path(__file__).parents[1] / "data" / "yahoo_stream"


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
