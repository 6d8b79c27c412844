"""Prices show at their quote's own precision (742.1000 EUR is 742.10 EUR, 0.1234 keeps its 4 decimals, 12 JPY
is 12 JPY), in the user's locale; a security without any price says so, and why, instead of "—" and "stale"
(issue 20, point 8)."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QLocale, Qt

from gigatracker.core.ledger import Transaction, TxType
from gigatracker.core.valuation import Valuation
from gigatracker.ui.format import format_price, price_places
from gigatracker.ui.models.holdings import (AVERAGE_COST, DAY, PNL, PRICE, STALE, SYMBOL, VALUE, WEIGHT,
                                            HoldingsModel)
from gigatracker.ui.models.transactions import PRICE as TX_PRICE
from gigatracker.ui.models.transactions import format_transactions

TOOLTIP, FOREGROUND = Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole
FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


@pytest.mark.parametrize(("price", "currency", "english"), [
    ("742.1000", "EUR", "742.10 EUR"), ("0.1234", "EUR", "0.1234 EUR"), ("12", "EUR", "12.00 EUR"),
    ("742.1000", "JPY", "742.1 JPY"), ("0.1234", "JPY", "0.1234 JPY"), ("12", "JPY", "12 JPY"),
    ("1234.5600", "EUR", "1,234.56 EUR"), ("96100.00", "KRW", "96,100 KRW"), ("12.5", "KWD", "12.500 KWD"),
])
def test_a_price_shows_its_quote_precision(qapp, price, currency, english):
    assert format_price(D(price), currency, QLocale(QLocale.Language.English)) == english
    point, group = FRENCH.decimalPoint(), FRENCH.groupSeparator()  # 1 234,56 (Qt's own French separators)
    french = english.replace(",", "\0").replace(".", point).replace("\0", group)
    assert format_price(D(price), currency, FRENCH) == french


def test_a_price_with_more_decimals_than_a_quote_is_rounded(qapp):
    """A close converted at an exchange rate has 40 digits: 4 decimals, or 4 significant digits below 1."""
    english = QLocale(QLocale.Language.English)
    assert format_price(D("167.330369123456789"), "EUR", english) == "167.3304 EUR"
    assert format_price(D("167.300000123"), "EUR", english) == "167.30 EUR"  # its zeros dropped again
    assert format_price(D("0.0000123456"), "USD", english) == "0.00001235 USD"
    assert format_price(None, "EUR") == "—"
    assert price_places(D("742.12345678"), "EUR", exact=True) == 8  # a trade's price: as it was given


def valued(symbol, price, currency="EUR", quantity=D(10)):
    value = quantity * price
    return Valuation("P", "CTO", symbol, currency, quantity, D(100), D(100) / quantity, "EUR", price=price,
                     price_date=date(2026, 11, 20), price_source="yahoo", fx_rate=D(1), market_value=value,
                     market_value_base=value, unrealized_pnl_base=value - D(100), previous_close=price)


def unpriced(symbol):
    return Valuation("P", "CTO", symbol, "EUR", D(3), D(300), D(100), "EUR", problem=f"no price for {symbol}")


def cells(model, column):
    return {model.index(r, SYMBOL).data(): model.index(r, column).data() for r in range(model.rowCount())}


def test_the_holdings_show_prices_at_their_precision(qapp):
    model = HoldingsModel()
    model.set_holdings([valued("ASML.AS", D("742.1000")), valued("PENNY", D("0.1234")), valued("TWELVE", D("12")),
                        valued("7203.T", D("2450.0"), "JPY", D(100))], {})
    assert cells(model, PRICE) == {"ASML.AS": "742.10 EUR", "PENNY": "0.1234 EUR", "TWELVE": "12.00 EUR",
                                   "7203.T": "2,450 JPY"}
    # the average cost is money: the currency's minor unit (below 1, a price's precision)
    assert cells(model, AVERAGE_COST)["ASML.AS"] == "10.00 EUR"
    assert cells(model, AVERAGE_COST)["7203.T"] == "1 JPY"


def test_a_security_without_any_price_says_why_and_is_not_stale(qapp):
    model = HoldingsModel()
    model.set_holdings([valued("ASML.AS", D("742.10")), unpriced("AIR.PA")], {"AIR.PA": "Airbus"})
    model.set_stale({"ASML.AS", "AIR.PA"})  # the freshness check counts a symbol without a close as stale
    row = next(r for r in range(model.rowCount()) if model.index(r, SYMBOL).data() == "AIR.PA")
    price, value = model.index(row, PRICE), model.index(row, VALUE)
    assert price.data() == "no price yet"
    tip = price.data(TOOLTIP)
    assert tip.startswith("No price yet: refresh quotes (Quotes ▸ Refresh Quotes, Ctrl+R)")
    assert "Change symbol…" in tip and "stale" not in tip
    assert price.data(FOREGROUND) != STALE  # not coloured stale: it has no close to be old
    assert value.data() == "—" and value.data(TOOLTIP) == tip  # no value either: the same why
    assert [model.index(row, c).data() for c in (DAY, PNL, WEIGHT)] == ["—", "—", "—"]
    stale = 1 - row
    assert model.index(stale, PRICE).data(FOREGROUND) == STALE  # a real stale close still says so
    assert "stale" in model.index(stale, PRICE).data(TOOLTIP)
    assert model.index(stale, VALUE).data(TOOLTIP) is None


def test_a_close_without_an_exchange_rate_is_not_said_unpriced(qapp):
    v = Valuation("P", "CTO", "NVDA", "EUR", D(1), D(100), D(100), "EUR", price_date=date(2026, 11, 20),
                  price_source="yahoo", problem="no FX rate USD->EUR")
    model = HoldingsModel()
    model.set_holdings([v], {})
    assert model.index(0, PRICE).data() == "—"
    assert model.index(0, PRICE).data(TOOLTIP) == model.index(0, VALUE).data(TOOLTIP) == "no FX rate USD->EUR"


def test_the_transactions_show_a_trade_price_as_given_less_its_zeros(qapp):
    txs = [Transaction(date(2024, 1, 2), "PEA", TxType.BUY, currency, "X", D(5), D(price), id=i)
           for i, (price, currency) in enumerate((("742.1000", "EUR"), ("0.1234", "EUR"), ("12", "JPY"),
                                                  ("12", "EUR"), ("28.155", "EUR")))]
    assert [row[TX_PRICE] for row in format_transactions(txs)] == ["742.10", "0.1234", "12", "12.00", "28.155"]
