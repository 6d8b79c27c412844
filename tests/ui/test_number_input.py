"""What a user types in a number field, in either interface language: the locale's own way, and the other
common ways when they cannot be misread. An opening cost typed "3 900,50" in the English interface was read
as 390050 (the screenshot review caught the import wizard saying "costing 390050 EUR")."""
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QLocale

from gigatracker.ui.format import parse_decimal_input

ENGLISH = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


@pytest.fixture
def locale(qapp):
    saved = QLocale()

    def use(chosen: QLocale) -> None:
        QLocale.setDefault(chosen)
    yield use
    QLocale.setDefault(saved)


@pytest.mark.parametrize("typed, value", [
    ("3 900,50", D("3900.50")), ("3\u202f900,50", D("3900.50")), ("1.234,56", D("1234.56")), ("12,5", D("12.5")),
    ("1,234", D(1234)), ("1,234,567.5", D("1234567.5")), ("3900.50", D("3900.50")), ("0,1234", D("0.1234")),
])
def test_english_interface(locale, typed, value):
    locale(ENGLISH)
    assert parse_decimal_input(typed) == value


@pytest.mark.parametrize("typed, value", [
    ("3 900,50", D("3900.50")), ("1.234,56", D("1234.56")), ("12.5", D("12.5")), ("12,5", D("12.5")),
])
def test_french_interface(locale, typed, value):
    locale(FRENCH)
    assert parse_decimal_input(typed) == value


@pytest.mark.parametrize("typed", ["1,23,4", "12,34.5", "abc", "1..2"])
def test_what_cannot_be_read_is_refused(locale, typed):
    locale(ENGLISH)
    with pytest.raises(ValueError):
        parse_decimal_input(typed)


def test_counts_are_said_in_the_singular_as_each_language_does(locale):
    from gigatracker.ui.format import counted
    locale(ENGLISH)
    assert [counted(n, "%1 position", "%1 positions") for n in (0, 1, 2)] == ["0 positions", "1 position",
                                                                               "2 positions"]
    locale(FRENCH)  # "0 position", as French says it
    assert [counted(n, "%1 position", "%1 positions") for n in (0, 1, 2)] == ["0 position", "1 position",
                                                                               "2 positions"]
