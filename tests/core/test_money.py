from decimal import Decimal

import pytest

from gigatracker.core.money import MoneyError, decimal_text, money_text, round_money, to_decimal


def test_half_even_to_minor_unit():
    assert round_money(Decimal("2.345"), "EUR") == Decimal("2.34")
    assert round_money(Decimal("2.355"), "EUR") == Decimal("2.36")
    assert round_money(Decimal("1234.5"), "JPY") == Decimal("1234")
    assert round_money(Decimal("1.0005"), "KWD") == Decimal("1.000")


def test_money_text_keeps_minor_digits_and_no_negative_zero():
    assert money_text(Decimal("12.3"), "EUR") == "12.30"
    assert money_text(Decimal("-0.001"), "EUR") == "0.00"
    assert money_text(Decimal("-0.4"), "JPY") == "0"


def test_decimal_text_is_plain():
    assert decimal_text(Decimal("1E+3")) == "1000"
    assert decimal_text(Decimal("1.50")) == "1.5"
    assert decimal_text(Decimal("0.00000001")) == "0.00000001"


@pytest.mark.parametrize("bad", ["NaN", "inf", "-Infinity", "1e15", "abc", 1.5])
def test_to_decimal_refuses_non_exact_or_absurd(bad):
    with pytest.raises(MoneyError):
        to_decimal(bad)


def test_a_price_is_shown_at_its_quotes_precision():
    """Issue 20 (8): 742.1000 EUR is 742.10, a price quoted to 4 decimals keeps them, a yen price has none;
    one converted at an exchange rate (40 digits) is rounded, unless shown exactly as a trade gave it."""
    from gigatracker.core.money import price_places
    D = Decimal
    assert price_places(D("742.1000"), "EUR") == 2 and price_places(D("0.1234"), "EUR") == 4
    assert price_places(D("12"), "EUR") == 2 and price_places(D("78200"), "KRW") == 0
    assert price_places(D("1.5"), "KWD") == 3 and price_places(D("1.23456789"), "USD") == 4
    assert price_places(D("1.23456789"), "USD", exact=True) == 8
