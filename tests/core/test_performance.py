"""The performance engine on small books computed by hand: flows per scope, the breakdown's categories,
currencies, and what it says about its prices."""
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from gigatracker.core.flows import Scope
from gigatracker.core.ledger import Account, Transaction, TxType
from gigatracker.core.performance import PerformanceBook, PerformanceError
from gigatracker.core.periods import period_between
from gigatracker.core.quotes import QuoteTable

ACCOUNTS = [Account("PEA", "Famille", "EUR"), Account("CTO", "Famille", "EUR"),
            Account("Dupont", "Client Dupont", "EUR")]
DAY = date(2024, 1, 1)  # a Monday


def on(offset: int) -> date:
    return DAY + timedelta(days=offset)


def tx(offset, account, kind, symbol=None, quantity=None, price=None, amount=None, currency="EUR", **extra):
    def dec(value):
        return None if value is None else D(str(value))
    return Transaction(on(offset), account, TxType(kind), currency, symbol, dec(quantity), dec(price), dec(amount),
                       **{k: dec(v) for k, v in extra.items()})


def closes(symbol, *values, currency="EUR", first=0):
    return [(symbol, on(first + i).isoformat(), str(v), currency) for i, v in enumerate(values) if v is not None]


def book(txs, rows, accounts=ACCOUNTS, base="EUR"):
    return PerformanceBook.of(accounts, txs, QuoteTable(sorted(rows)), base)


def test_a_book_chains_its_days_with_inflows_at_the_start_and_outflows_at_the_end():
    txs = [tx(1, "PEA", "DEPOSIT", amount=1000), tx(1, "PEA", "BUY", "AIR.PA", 10, 100),
           tx(3, "PEA", "DEPOSIT", amount=1100), tx(3, "PEA", "BUY", "AIR.PA", 10, 110),
           tx(4, "PEA", "SELL", "AIR.PA", 5, 100), tx(4, "PEA", "WITHDRAWAL", amount=500)]
    perf = book(txs, closes("AIR.PA", 100, 100, 110, 121, 100))
    m = perf.measure(Scope("book"), period_between(on(0), on(4)))
    # day 2: 1000 -> 1100; day 3: (1100 + 1100) -> 2420 (+10 %); day 4: 1500 + 500 out over 2420
    assert m.ttwror == pytest.approx(1.1 * 1.1 * (2000 / 2420) - 1)
    b = m.breakdown
    assert (b.transfers, b.final_value, b.unexplained()) == (D(1600), D(1500), 0)
    assert b.realized_gains == 0  # 5 of the first lot (bought at 100) sold at 100
    assert b.capital_gains == D(15 * 100 - 5 * 100 - 10 * 110)
    series = perf.series(Scope("book"), period_between(on(0), on(4)))
    assert list(series.values) == [0, 1000, 1100, 2420, 1500]
    assert list(series.inbound) == [0, 1000, 0, 1100, 0] and list(series.outbound) == [0, 0, 0, 0, 500]


def test_a_transfer_between_accounts_is_neutral_for_their_portfolio_and_a_flow_for_each_account():
    txs = [tx(1, "PEA", "DEPOSIT", amount=1000), tx(1, "PEA", "BUY", "AIR.PA", 10, 100),
           tx(2, "PEA", "TRANSFER_OUT", "AIR.PA", 10), tx(2, "CTO", "TRANSFER_IN", "AIR.PA", 10)]
    perf = book(txs, closes("AIR.PA", 100, 100, 120, 132))
    period = period_between(on(0), on(3))
    family = perf.measure(Scope("portfolio", "Famille"), period)
    assert family.ttwror == pytest.approx(0.32)
    assert family.breakdown.transfers == D(1000)  # the deposit only
    pea, cto = perf.measure(Scope("account", "PEA"), period), perf.measure(Scope("account", "CTO"), period)
    assert pea.ttwror == pytest.approx(0.2)  # it held the shares until their move up to 120, then they left
    assert cto.ttwror == pytest.approx(0.1)  # they came in at 120 and went on to 132
    assert pea.breakdown.realized_gains == D(200) and pea.breakdown.transfers == D(1000 - 1200)
    assert cto.breakdown.capital_gains == D(120) and cto.breakdown.transfers == D(1200)


def test_shares_in_transit_over_days_leave_the_book_and_come_back_as_flows():
    txs = [tx(1, "PEA", "DELIVERY_IN", "AIR.PA", 10, 100), tx(2, "PEA", "TRANSFER_OUT", "AIR.PA", 10),
           tx(4, "CTO", "TRANSFER_IN", "AIR.PA", 10)]
    perf = book(txs, closes("AIR.PA", 100, 100, 110, 90, 120))
    m = perf.measure(Scope("book"), period_between(on(0), on(4)))
    assert m.ttwror == pytest.approx(0.1)  # only what happened while held: 100 -> 110, then 120 -> 120
    assert m.breakdown.final_value == D(1200) and m.breakdown.unexplained() == 0


def test_a_security_leaves_out_its_taxes_and_pays_out_its_dividends():
    txs = [tx(1, "CTO", "DEPOSIT", amount=2000), tx(1, "CTO", "BUY", "AIR.PA", 10, 100, fees=5, taxes=20),
           tx(2, "CTO", "DIVIDEND", "AIR.PA", amount=50, taxes=15, fees=1)]
    perf = book(txs, closes("AIR.PA", 100, 100, 100, 110))
    m = perf.measure(Scope("security", "AIR.PA"), period_between(on(0), on(3)))
    # day 1: 1000 / (1000 + 5 fees) - 1; day 2: (1000 + 49 paid out) / 1000 - 1; day 3: +10 %
    assert m.ttwror == pytest.approx(1000 / 1005 * 1.049 * 1.1 - 1)
    b = m.breakdown
    assert (b.dividends, b.fees, b.taxes, b.cost) == (D(50), D(6), D(35), D(1025))
    assert b.absolute_gain == D(100 + 50 - 6 - 35)
    whole = perf.measure(Scope("book"), period_between(on(0), on(3)))
    assert whole.ttwror < m.ttwror  # the book pays the taxes


def test_income_of_a_security_an_account_never_held_passes_through_it():
    txs = [tx(1, "PEA", "DEPOSIT", amount=1000), tx(1, "CTO", "BUY", "AIR.PA", 1, 100),
           tx(2, "PEA", "TAX_REFUND", "AIR.PA", amount=10), tx(3, "PEA", "INTEREST", amount=10)]
    perf = book(txs, closes("AIR.PA", 100, 100, 100, 100))
    pea = perf.measure(Scope("account", "PEA"), period_between(on(0), on(3)))
    assert pea.ttwror == pytest.approx(10 / 1010)  # the interest only: the refund passed through
    assert pea.breakdown.transfers == D(1010) and pea.breakdown.taxes == 0 and pea.breakdown.earnings == D(10)
    whole = perf.measure(Scope("book"), period_between(on(0), on(3)))
    assert whole.breakdown.taxes == D(-10)  # in the book, the refund lowers the taxes paid


def test_foreign_cash_earns_currency_gains_and_a_trade_converts_at_its_own_rate():
    txs = [tx(1, "CTO", "DEPOSIT", amount=1000, currency="USD"),
           tx(2, "CTO", "BUY", "NVDA", 1, 100, currency="USD", fx_rate="0.8")]  # paid 80 EUR from EUR cash
    rows = closes("EURUSD=X", 1.25, 1.25, 1.25, 1.0, currency="USD") + closes("NVDA", 100, 100, 100, 100,
                                                                              currency="USD")
    m = book(txs, rows).measure(Scope("book"), period_between(on(0), on(3)))
    b = m.breakdown
    assert b.final_value == D(1000) + D(100) - D(80)  # USD cash, the shares, the EUR paid
    assert b.currency_gains == D(200)  # 1000 USD held from 800 EUR to 1000 EUR
    assert b.capital_gains == D(100) - D(80)  # shares bought for 80 EUR, worth 100 EUR when the dollar rose
    assert b.unexplained() == 0


def test_missing_exchange_rate_is_refused_naming_it():
    txs = [tx(1, "CTO", "BUY", "005930.KS", 1, 70000, currency="KRW")]
    with pytest.raises(PerformanceError, match="no exchange rate to EUR for KRW.*EURKRW=X|KRWEUR=X"):
        book(txs, closes("005930.KS", 70000, currency="KRW")).measure(Scope("book"), period_between(on(0), on(2)))


def test_prices_stretched_over_the_period_are_reported():
    txs = [tx(1, "CTO", "BUY", "AIR.PA", 1, 100), tx(1, "CTO", "BUY", "PRIVATE", 2, 50)]
    rows = closes("AIR.PA", None, None, 101) + closes("AIR.PA", 102, first=15)
    m = book(txs, rows).measure(Scope("book"), period_between(on(0), on(20)))
    kinds = {(note.symbol, note.kind): note for note in m.coverage.notes}
    assert kinds[("AIR.PA", "before first close")].days == 1
    assert kinds[("AIR.PA", "carried")].days == 12 and kinds[("AIR.PA", "carried")].on == on(2)
    assert ("PRIVATE", "trade prices") in kinds  # no close at all: valued at its trade price (PP)
    assert m.breakdown.final_value == D(102 + 2 * 50 - 200)  # the shares at 102 and 50, less the cash paid
    assert "carried forward 12 days" in kinds[("AIR.PA", "carried")].message


def test_a_split_keeps_the_value_and_a_short_position_gains_when_the_price_falls():
    accounts = [Account("Marge", "M", "EUR", short_selling=True)]
    txs = [tx(1, "Marge", "BUY", "A", 10, 100), tx(2, "Marge", "SPLIT", "A", ratio=2),
           tx(1, "Marge", "SELL", "B", 4, 50)]
    rows = closes("A", 100, 100, 50, 55) + closes("B", 50, 50, 50, 40)
    perf = book(txs, rows, accounts)
    series = perf.series(Scope("security", "A"), period_between(on(0), on(3)))
    assert list(series.values) == [0, 1000, 1000, 1100]
    short = perf.measure(Scope("security", "B"), period_between(on(0), on(3)))
    assert short.breakdown.final_value == D(-160) and short.breakdown.capital_gains == D(40)


def test_unknown_scopes_are_refused():
    perf = book([tx(1, "CTO", "DEPOSIT", amount=1)], [])
    for scope, why in ((Scope("portfolio", "Nobody"), "unknown portfolio"), (Scope("account", "X"), "unknown account"),
                       (Scope("security", "ZZZ"), "no transaction of 'ZZZ'"),
                       (Scope("portfolio"), "a portfolio scope needs a name")):
        with pytest.raises(PerformanceError, match=why):
            perf.measure(scope, period_between(on(0), on(2)))


def test_a_conversion_between_the_books_accounts_is_not_money_coming_in():
    accounts = ACCOUNTS + [Account("Dollars", "Famille", "USD")]
    txs = [tx(1, "PEA", "DEPOSIT", amount=2000), tx(2, "PEA", "TRANSFER_OUT", amount=1000),
           tx(2, "Dollars", "TRANSFER_IN", amount=1200, currency="USD", fees=2)]
    rows = closes("EURUSD=X", 1.25, 1.25, 1.25, 1.25, currency="USD")  # the conversion got 1.20, not 1.25
    perf = book(txs, rows, accounts)
    whole = perf.measure(Scope("book"), period_between(on(0), on(3)))
    assert whole.breakdown.transfers == D(2000)  # the deposit only
    assert whole.breakdown.currency_gains == D(1200) / D("1.25") - D(1000)  # 960 for 1,000: -40
    assert whole.breakdown.fees == D(2) / D("1.25") and whole.breakdown.unexplained() == 0
    assert whole.ttwror == pytest.approx((960 - 1.6 + 1000) / 2000 - 1)  # a loss, not an outflow
    dollars = perf.measure(Scope("account", "Dollars"), period_between(on(0), on(3)))
    assert dollars.breakdown.transfers == D(960)  # for the account alone, it came from elsewhere
