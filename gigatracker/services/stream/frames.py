"""Yahoo streamer frames: JSON `{"type": "pricing", "message": base64(PricingData)}`.

Decoded with yfinance's own `pricing_pb2` (the schema is not copied here). Prices arrive as float32; they
are turned into Decimals at the quote's own precision (`price_hint` decimals) and normalised from minor
units (GBp -> GBP).
"""
from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timezone
from decimal import Decimal

from google.protobuf.message import DecodeError  # type: ignore[import-untyped]  # no stubs installed (types-protobuf)
from yfinance.pricing_pb2 import PricingData  # type: ignore[import-untyped]  # yfinance ships no types

from ...core.money import normalize_quote
from .tick import Tick

__all__ = ["FrameError", "Tick", "decode_frame", "decode_message", "encode_frame"]

DEFAULT_DECIMALS = 4  # when a frame carries no price hint


class FrameError(ValueError):
    """A frame that is not a pricing message we can read (counted, never fatal)."""


def decode_frame(frame: str | bytes) -> Tick:
    try:
        envelope = json.loads(frame)
    except (ValueError, UnicodeDecodeError):
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
    if not data.id or not data.price > 0 or not data.time:
        raise FrameError("pricing message without symbol, price or time")
    decimals = data.price_hint if data.price_hint > 0 else DEFAULT_DECIMALS
    price = Decimal(f"{data.price:.{decimals}f}").normalize()
    price, currency = normalize_quote(price, data.currency or "")
    return Tick(data.id, price, currency, datetime.fromtimestamp(data.time / 1000, tz=timezone.utc),
                change_percent=data.change_percent or None, day_volume=data.day_volume or None)


def encode_frame(symbol: str, price: float, time_ms: int, currency: str = "USD", price_hint: int = 2) -> str:
    """A frame as Yahoo sends it (for local test servers, benchmarks and the simulated feed's tests)."""
    data = PricingData(id=symbol, price=price, time=time_ms, currency=currency, price_hint=price_hint,
                       market_hours=1)
    return json.dumps({"type": "pricing", "message": base64.b64encode(data.SerializeToString()).decode()})
