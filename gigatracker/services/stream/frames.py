"""Yahoo streamer frames: JSON `{"type": "pricing", "message": base64(PricingData)}`.

Decoded with yfinance's own `pricing_pb2` (the schema is not copied here). Prices arrive as float32; they
are turned into Decimals at the quote's own precision (`price_hint` decimals) and normalised from minor
units (GBp -> GBP).
"""
from __future__ import annotations

import base64
import binascii
import json
import math
import time
from datetime import datetime, timezone
from decimal import Decimal

from google.protobuf.message import DecodeError  # type: ignore[import-untyped]  # no stubs installed (types-protobuf)
from yfinance.pricing_pb2 import PricingData  # type: ignore[import-untyped]  # yfinance ships no types

from ...core.money import normalize_quote
from .tick import Tick

__all__ = ["FrameError", "Tick", "decode_frame", "decode_message", "encode_frame"]

DEFAULT_DECIMALS = 4  # when a frame carries no price hint
# What no real quote carries; a frame with any of it is skipped and counted, like garbage.
MAX_FRAME = 16_384  # characters (Yahoo's are ~200): also bounds the JSON nesting a frame can hold
MAX_DECIMALS = 10  # a price hint above it would format a number of any length
MAX_PRICE = 1e12
MAX_VOLUME = 10**15
FUTURE_MS = 86_400_000  # a trade time more than a day ahead of this clock is not a real one


class FrameError(ValueError):
    """A frame that is not a pricing message we can read (counted, never fatal)."""


def decode_frame(frame: str | bytes) -> Tick:
    if len(frame) > MAX_FRAME:
        raise FrameError(f"frame of {len(frame)} characters (at most {MAX_FRAME})")
    try:
        envelope = json.loads(frame)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise FrameError("not JSON") from None
    if not isinstance(envelope, dict) or envelope.get("type") != "pricing" or "message" not in envelope:
        raise FrameError("not a pricing message")
    return decode_message(envelope["message"])


def decode_message(message: str) -> Tick:
    try:
        data = PricingData()
        data.ParseFromString(base64.b64decode(message, validate=True))
    except (binascii.Error, DecodeError, TypeError, ValueError):
        raise FrameError("not a PricingData protobuf") from None
    if not data.id or not data.price or not data.time:
        raise FrameError("pricing message without symbol, price or time")
    if not 0 < data.price <= MAX_PRICE:  # (NaN fails it too)
        raise FrameError(f"impossible price {data.price!r}")
    if not 0 < data.time <= time.time() * 1000 + FUTURE_MS:
        raise FrameError(f"impossible time {data.time}")
    if not 0 <= data.price_hint <= MAX_DECIMALS or not 0 <= data.day_volume <= MAX_VOLUME:
        raise FrameError(f"impossible price hint {data.price_hint} or volume {data.day_volume}")
    decimals = data.price_hint if data.price_hint > 0 else DEFAULT_DECIMALS
    price = Decimal(f"{data.price:.{decimals}f}").normalize()
    if not price:  # a positive float too small for the quote's decimals
        raise FrameError(f"impossible price {data.price!r} at {decimals} decimals")
    price, currency = normalize_quote(price, data.currency or "")
    change = data.change_percent if math.isfinite(data.change_percent) and data.change_percent else None
    return Tick(data.id, price, currency, datetime.fromtimestamp(data.time / 1000, tz=timezone.utc),
                change_percent=change, day_volume=data.day_volume or None)


def encode_frame(symbol: str, price: float, time_ms: int, currency: str = "USD", price_hint: int = 2) -> str:
    """A frame as Yahoo sends it (for local test servers, benchmarks and the simulated feed's tests)."""
    data = PricingData(id=symbol, price=price, time=time_ms, currency=currency, price_hint=price_hint,
                       market_hours=1)
    return json.dumps({"type": "pricing", "message": base64.b64encode(data.SerializeToString()).decode()})
