"""Decimal money helpers: currencies, their minor units, exact parsing and half-even rounding.

Money and quantities are `Decimal` everywhere. Arithmetic runs in MONEY_CONTEXT (40 significant digits,
so intermediate results such as pro-rata costs keep full precision); rounding to a currency's minor
unit happens only when a value is stored or shown.
"""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Context, Decimal, InvalidOperation, localcontext

MONEY_CONTEXT = Context(prec=40, rounding=ROUND_HALF_EVEN)

QUANTITY_STEP = Decimal("1e-8")
# Amounts beyond this are refused as input: no real position is that large, so it is a parsing mistake.
MAX_MAGNITUDE = Decimal("1e15")
MIN_MAGNITUDE = Decimal("1e-20")  # below any price, quantity or rate a book can hold
MAX_DIGITS = 34  # significant digits a number may carry (Decimal's own 128-bit precision)

# ISO 4217 minor units for the currencies our users meet (the default is 2).
_ZERO_DECIMAL = {"JPY", "KRW", "ISK", "CLP", "VND", "XOF", "XAF", "UGX", "PYG"}
_THREE_DECIMAL = {"BHD", "KWD", "OMR", "JOD", "TND", "IQD", "LYD"}
CURRENCIES = frozenset(
    """
    EUR USD GBP CHF JPY CNY HKD TWD KRW SGD AUD NZD CAD SEK NOK DKK PLN CZK HUF RON BGN ISK TRY ILS
    ZAR INR IDR MYR THB PHP VND BRL MXN CLP COP PEN ARS AED SAR QAR KWD BHD OMR JOD EGP MAD TND NGN
    KES UGX PKR BDT LKR RUB UAH KZT XOF XAF PYG IQD LYD
    """.split()
)


class MoneyError(ValueError):
    """A value that cannot be money or a quantity (bad text, NaN, infinite, too large)."""


def is_currency(code: str) -> bool:
    return code in CURRENCIES


def minor_unit_exponent(currency: str) -> Decimal:
    """The quantum for a currency: Decimal('0.01') for EUR, Decimal('1') for JPY."""
    if currency in _ZERO_DECIMAL:
        return Decimal(1)
    if currency in _THREE_DECIMAL:
        return Decimal("0.001")
    return Decimal("0.01")


_QUANTA: dict[str, Decimal] = {}  # each currency's quantum, made once (round_money runs per figure shown)


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half-even to the currency's minor unit (for storing or showing, never mid-computation)."""
    quantum = _QUANTA.get(currency)
    if quantum is None:
        quantum = _QUANTA[currency] = minor_unit_exponent(currency)
    return amount.quantize(quantum, rounding=ROUND_HALF_EVEN, context=MONEY_CONTEXT)


def to_decimal(value: object) -> Decimal:
    """Exact conversion from str/int/Decimal. Floats are refused: they are not exact."""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(f"{value!r} is not an exact number")
    elif isinstance(value, (int, str)):
        try:
            result = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            raise MoneyError(f"{value!r} is not a number") from None
    else:
        raise MoneyError(f"{value!r} is not a number")
    if not result.is_finite():
        raise MoneyError(f"{value!r} is not a finite number")
    if abs(result) >= MAX_MAGNITUDE:
        raise MoneyError(f"{value!r} is too large (limit 1e15)")
    check_size(result, value)
    return result


def check_size(result: Decimal, value: object) -> None:
    """Refuse a number no book needs and that would bloat or vanish: below 1e-20 (but not 0), or with more
    significant digits than Decimal's own precision. MoneyError says which."""
    if result and abs(result) < MIN_MAGNITUDE:  # 1e-200000 would be a 200,002-digit text, 1e-10000000 a 0
        raise MoneyError(f"{_short(value)} is too small (limit 1e-20)")
    if len(result.as_tuple().digits) > MAX_DIGITS:
        raise MoneyError(f"{_short(value)} has more than {MAX_DIGITS} significant digits")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…'"


PRICE_PLACES = 4  # a price with more decimals (one converted at an exchange rate) shows this many…
PRICE_DIGITS = 4  # …or, below 1, this many significant digits (0.00001234)…
MAX_PRICE_PLACES = 8  # …up to this many decimals
_MINOR_PLACES: dict[str, int] = {}  # currency -> decimals of its minor unit (made once: prices format per tick)


def minor_places(currency: str) -> int:
    """The decimals of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD."""
    places = _MINOR_PLACES.get(currency)
    if places is None:
        places = _MINOR_PLACES[currency] = -int(minor_unit_exponent(currency).as_tuple().exponent)
    return places


def price_places(value: Decimal, currency: str, *, exact: bool = False) -> int:
    """The decimals a price shows: as many as it was quoted with (0.1234 keeps 4), its trailing zeros dropped
    down to the currency's minor unit (742.1000 EUR -> 742.10, 12 JPY -> 12). A price with more decimals than
    a quote has (one converted at an exchange rate) is rounded to PRICE_PLACES, or to PRICE_DIGITS
    significant digits below 1 — unless `exact` (a trade's price, shown as it was given)."""
    minor = minor_places(currency)
    if not value.is_finite() or not value:
        return minor
    exponent = int(value.as_tuple().exponent)
    if exponent >= -minor:
        return minor
    if not exact:
        cap = PRICE_PLACES if abs(value) >= 1 else \
            min(MAX_PRICE_PLACES, max(PRICE_PLACES, PRICE_DIGITS - 1 - value.adjusted()))
        if -exponent > cap:
            value = value.quantize(Decimal(1).scaleb(-cap))
    return max(minor, -int(value.normalize().as_tuple().exponent))


def decimal_text(value: Decimal | None) -> str | None:
    """Plain decimal string without exponent (for JSON, CSV and storage)."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class DecimalTexts(dict[Decimal | None, str | None]):
    """`decimal_text` of each distinct value, made once: many rows repeat their figures. Equal values share
    one text (decimal_text drops trailing zeros), so keying by value is exact."""

    def __missing__(self, value: Decimal | None) -> str | None:
        text = self[value] = decimal_text(value)
        return text


class RoundedMoney(dict[tuple[Decimal, str], Decimal]):
    """`round_money` of each distinct (amount, currency), made once."""

    def __missing__(self, key: tuple[Decimal, str]) -> Decimal:
        rounded = self[key] = round_money(*key)
        return rounded


def money_text(value: Decimal | None, currency: str) -> str | None:
    """A money amount as shown: rounded to the minor unit, all its decimals kept (12.30, not 12.3)."""
    if value is None:
        return None
    rounded = round_money(value, currency)
    return format(abs(rounded) if rounded == 0 else rounded, "f")


# Quotes some exchanges give in a minor unit: (currency as quoted) -> (ISO currency, units per major unit).
MINOR_UNIT_QUOTES = {"GBp": ("GBP", 100), "GBX": ("GBP", 100), "ZAc": ("ZAR", 100), "ZAC": ("ZAR", 100),
                     "ILA": ("ILS", 100)}


def normalize_quote(price: Decimal, currency: str) -> tuple[Decimal, str]:
    """A price quoted in pence (GBp/GBX), cents (ZAc) or agorot (ILA) in its major currency."""
    minor = MINOR_UNIT_QUOTES.get(currency)
    if minor is None:
        return price, currency
    major, per_major = minor
    with localcontext(MONEY_CONTEXT):
        return price / per_major, major
