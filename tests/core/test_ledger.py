"""Hand-computed ledger cases: FIFO and average cost, splits, transfers, cash, income, refusals."""
from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.core.ledger import Account, Ledger, LedgerError, Transaction, TxType
from gigatracker.core.money import MONEY_CONTEXT

FIFO = Account("CTO", "Famille", "EUR", "fifo")
AVG = Account("PEA", "Famille", "EUR", "average")
OTHER = Account("Broker2", "Famille", "EUR", "fifo")


def tx(day, kind, account="CTO", symbol="AIR.PA", quantity=None, price=None, **extra):
    return Transaction(date.fromisoformat(day), account, TxType(kind), extra.pop("currency", "EUR"), symbol,
                       None if quantity is None else D(quantity), None if price is None else D(price),
                       **{k: D(v) if isinstance(v, str) and k != "note" else v for k, v in extra.items()})


def ledger(*txs):
    book = Ledger([FIFO, AVG, OTHER])
    book.replay(txs)
    return book


def test_fifo_sell_consumes_oldest_lots_and_fees_follow_conventions():
    book = ledger(tx("2024-01-15", "BUY", quantity="10", price="120.50", fees="5"),
                  tx("2024-03-15", "BUY", quantity="5", price="130", fees="5"),
                  tx("2024-06-10", "SELL", quantity="12", price="140", fees="6"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis, position.average_cost) == (D(3), D("393.00"), D("131"))
    [sale] = book.sales
    assert (sale.proceeds, sale.cost, sale.realized) == (D("1674"), D("1472.00"), D("202.00"))
    [lot] = book.open_lots()
    assert (lot.acquired, lot.quantity, lot.cost) == (date(2024, 3, 15), D(3), D("393.00"))
    assert book.cash_balances() == {("CTO", "EUR"): D("-1210.00") - D("655") + D("1674")}
    assert book.income_totals()[("CTO", "EUR", "fees")] == D(16)


def test_average_cost_removes_cost_pro_rata():
    book = ledger(tx("2024-01-02", "BUY", "PEA", "MC.PA", "3", "700", fees="2.10"),
                  tx("2024-02-02", "BUY", "PEA", "MC.PA", "2", "650", fees="1.90"),
                  tx("2024-03-02", "SELL", "PEA", "MC.PA", "1", "720", fees="1"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis, position.average_cost) == (D(4), D("2723.20"), D("680.80"))
    assert book.sales[0].realized == D("38.20")


def test_amount_wins_over_quantity_times_price():
    book = ledger(tx("2024-01-02", "BUY", quantity="3", price="33.3333", amount="100.00"))
    assert book.positions()[0].cost_basis == D("100.00")


def test_split_keeps_cost_and_multiplies_quantity():
    book = ledger(tx("2024-01-02", "BUY", symbol="NVDA", quantity="4", price="600", currency="USD"),
                  tx("2024-06-10", "SPLIT", symbol="NVDA", ratio="10", currency="USD"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis, position.average_cost) == (D(40), D(2400), D(60))


def test_transfer_keeps_lots_dates_and_cost():
    book = ledger(tx("2024-01-02", "BUY", quantity="10", price="100"),
                  tx("2024-02-02", "BUY", quantity="10", price="110"),
                  tx("2024-03-01", "TRANSFER_OUT", quantity="15"),
                  tx("2024-03-01", "TRANSFER_IN", account="Broker2", quantity="15"))
    lots = {(lot.account, lot.acquired): (lot.quantity, lot.cost) for lot in book.open_lots()}
    assert lots == {("CTO", date(2024, 2, 2)): (D(5), D(550)),
                    ("Broker2", date(2024, 1, 2)): (D(10), D(1000)),
                    ("Broker2", date(2024, 2, 2)): (D(5), D(550))}
    assert book.sales == [] and book.cash_balances() == {("CTO", "EUR"): D(-2100)}


def test_transfer_in_from_outside_the_book_uses_given_cost():
    book = ledger(tx("2024-01-02", "TRANSFER_IN", quantity="10", price="50"))
    assert book.positions()[0].cost_basis == D(500)


def test_cash_only_types_and_income():
    book = ledger(tx("2024-01-01", "DEPOSIT", symbol=None, amount="1000"),
                  tx("2024-02-01", "DIVIDEND", amount="30", taxes="9"),
                  tx("2024-03-01", "INTEREST", symbol=None, amount="2.5"),
                  tx("2024-04-01", "FEE", symbol=None, amount="4"),
                  tx("2024-05-01", "TAX", symbol=None, amount="1"),
                  tx("2024-06-01", "WITHDRAWAL", symbol=None, amount="100"))
    assert book.cash_balances() == {("CTO", "EUR"): D("918.5")}
    assert book.income_totals() == {("CTO", "EUR", "dividends"): D(30), ("CTO", "EUR", "fees"): D(4),
                                    ("CTO", "EUR", "interest"): D("2.5"), ("CTO", "EUR", "taxes"): D(10)}


def test_fx_rate_moves_cash_in_account_currency():
    book = ledger(tx("2024-01-02", "BUY", symbol="NVDA", quantity="1", price="100", currency="USD",
                     fx_rate="0.9"))
    assert book.cash_balances() == {("CTO", "EUR"): D("-90.0")}
    assert book.positions()[0].currency == "USD"


@pytest.mark.parametrize("bad, field, words", [
    (tx("2024-01-03", "SELL", quantity="11", price="1"), "quantity", "oversell"),
    (tx("2024-01-03", "SELL", symbol="MSFT", quantity="1", price="1"), "quantity", "sell before buy"),
    (tx("2024-01-03", "BUY", quantity="-1", price="1"), "quantity", "must be positive"),
    (tx("2024-01-03", "BUY", quantity="0", price="1"), "quantity", "must be positive"),
    (tx("2024-01-03", "BUY", account="Nope", quantity="1", price="1"), "account", "unknown account"),
    (tx("2024-01-03", "BUY", quantity="1", price="1", currency="XYZ"), "currency", "unknown currency"),
    (tx("2024-01-03", "SPLIT", ratio="0"), "ratio", "must be positive"),
    (tx("2024-01-03", "BUY", quantity="1"), "price", "needs a price"),
    (tx("2024-01-03", "BUY", quantity="1.000000001", price="1"), "quantity", "8 decimals"),
    (tx("2024-01-03", "BUY", quantity="1", price="1", currency="USD"), "currency", "held in EUR"),
])
def test_refusals_name_the_field_and_change_nothing(bad, field, words):
    book = ledger(tx("2024-01-02", "BUY", quantity="10", price="100"))
    before = book.snapshot()
    with pytest.raises(LedgerError) as error:
        book.apply(bad)
    assert error.value.field == field and words in error.value.message
    assert book.snapshot() == before


def test_replay_can_collect_every_error():
    book = Ledger([FIFO])
    errors = book.replay([tx("2024-01-02", "SELL", quantity="1", price="1"),
                          tx("2024-01-03", "BUY", quantity="-1", price="1")], collect_errors=True)
    assert [e.field for e in errors] == ["quantity", "quantity"]
    assert book.positions() == []


def test_reverse_split_rounds_the_position_total_and_keeps_all_cost():
    book = ledger(*[tx(f"2024-01-0{i}", "BUY", quantity="0.00000001", price="1000") for i in range(1, 4)],
                  tx("2024-02-01", "SPLIT", ratio="0.5"))
    [position] = book.positions()
    assert position.quantity == D("0.00000002")  # 1.5e-8 rounds half-even to 2e-8
    assert position.cost_basis == D("0.00003")
    assert sum(lot.cost for lot in book.open_lots()) == D("0.00003")


SHORTS = Account("Marge", "Famille", "USD", "fifo", short_selling=True)


def short_ledger(*txs):
    book = Ledger([SHORTS, FIFO])
    book.replay(txs)
    return book


def test_a_sell_beyond_what_is_held_opens_a_short_only_where_allowed():
    # Ghostfolio's btcusd-short case: two short sales of 1 BTC with a 4.46 fee each
    book = short_ledger(tx("2021-12-12", "SELL", "Marge", "BTC-USD", "1", "44558.42", fees="4.46", currency="USD"),
                        tx("2021-12-13", "SELL", "Marge", "BTC-USD", "1", "46737.48", fees="4.46", currency="USD"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis) == (D(-2), -(D("44553.96") + D("46733.02")))
    assert position.average_cost == D("45643.49")  # the average price sold at, net of fees
    assert [(lot.quantity, lot.cost) for lot in book.open_lots()] == [(D(-1), D("-44553.96")), (D(-1), D("-46733.02"))]
    assert book.sales == [] and book.cash_balances() == {("Marge", "USD"): D("91286.98")}
    with pytest.raises(LedgerError, match="none held"):  # the same sale where shorting is not allowed
        ledger(tx("2021-12-12", "SELL", "CTO", "BTC-USD", "1", "44558.42", currency="USD"))


def test_a_buy_covers_the_oldest_short_first_and_realizes_its_gain():
    book = short_ledger(tx("2024-01-02", "SELL", "Marge", "TSLA", "10", "250", currency="USD"),
                        tx("2024-01-03", "SELL", "Marge", "TSLA", "10", "240", currency="USD"),
                        tx("2024-02-01", "BUY", "Marge", "TSLA", "15", "200", fees="3", currency="USD"))
    # covers the 10 sold at 250 and 5 of the 10 sold at 240: proceeds 2500 + 1200, cost 3003
    [sale] = book.sales
    assert (sale.quantity, sale.proceeds, sale.cost, sale.realized) == (D(15), D(3700), D(3003), D(697))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis) == (D(-5), D(-1200))
    # buying more than is short: the rest is a long position with its share of the cost
    book = short_ledger(tx("2024-01-02", "SELL", "Marge", "TSLA", "10", "250", currency="USD"),
                        tx("2024-02-01", "BUY", "Marge", "TSLA", "15", "200", fees="3", currency="USD"))
    [sale] = book.sales
    assert (sale.quantity, sale.proceeds, sale.cost) == (D(10), D(2500), D(2002))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis) == (D(5), D(1001))


def test_selling_more_than_is_held_closes_the_long_then_goes_short():
    book = short_ledger(tx("2024-01-02", "BUY", "Marge", "NVDA", "4", "100", currency="USD"),
                        tx("2024-01-03", "SELL", "Marge", "NVDA", "10", "120", fees="6", currency="USD"))
    # 1194 net proceeds: 4/10 (477.60) close the long bought for 400, 6/10 (716.40) open the short
    [sale] = book.sales
    assert (sale.quantity, sale.proceeds, sale.realized) == (D(4), D("477.6"), D("77.6"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis) == (D(-6), D("-716.4"))


def test_a_split_multiplies_the_shares_owed_and_transfers_need_a_long_position():
    book = short_ledger(tx("2024-01-02", "SELL", "Marge", "NVDA", "3", "900", currency="USD"),
                        tx("2024-06-10", "SPLIT", "Marge", "NVDA", ratio="10", currency="USD"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis) == (D(-30), D(-2700))
    with pytest.raises(LedgerError, match="none held"):
        book.apply(tx("2024-06-11", "TRANSFER_OUT", "Marge", "NVDA", "1", currency="USD"))
    with pytest.raises(LedgerError, match="is short in USD, this BUY is in EUR"):
        book.apply(tx("2024-06-11", "BUY", "Marge", "NVDA", "1", "90", currency="EUR"))


# -- refunds, deliveries and cash transfers (the types returns need) ---------------------------------
def test_refunds_lower_the_taxes_and_fees_paid_and_return_cash():
    book = ledger(tx("2024-01-02", "TAX", symbol=None, amount="10"),
                  tx("2024-02-02", "TAX_REFUND", symbol="AIR.PA", amount="4"),
                  tx("2024-03-02", "FEE", symbol=None, amount="6"),
                  tx("2024-04-02", "FEE_REFUND", symbol=None, amount="2.50"))
    totals = book.income_totals()
    assert (totals[("CTO", "EUR", "taxes")], totals[("CTO", "EUR", "fees")]) == (D(6), D("3.50"))
    assert book.cash_balances() == {("CTO", "EUR"): D("-9.50")}
    assert ("CTO", "EUR", "deposits") not in totals  # a refund is not a deposit


def test_delivery_in_costs_its_value_fees_and_taxes_and_moves_no_cash():
    book = ledger(tx("2014-01-02", "DELIVERY_IN", symbol="BAS.DE", quantity="100", amount="7638", fees="10",
                     taxes="10"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis) == (D(100), D(7658))
    assert book.cash_balances() == {}
    assert book.income_totals() == {("CTO", "EUR", "fees"): D(10), ("CTO", "EUR", "taxes"): D(10)}


def test_delivery_out_takes_the_oldest_lots_and_realizes_their_gain_without_cash():
    book = ledger(tx("2024-01-02", "BUY", quantity="10", price="100"),
                  tx("2024-02-02", "BUY", quantity="10", price="110"),
                  tx("2024-03-02", "DELIVERY_OUT", quantity="15", price="120", fees="3"))
    [position] = book.positions()
    assert (position.quantity, position.cost_basis) == (D(5), D(550))
    [sale] = book.sales
    assert (sale.proceeds, sale.cost, sale.realized) == (D(1797), D(1550), D(247))
    assert book.cash_balances() == {("CTO", "EUR"): D(-2100)}


def test_delivery_out_of_more_than_is_held_is_refused():
    with pytest.raises(LedgerError) as refused:
        ledger(tx("2024-01-02", "BUY", quantity="1", price="100"),
               tx("2024-03-02", "DELIVERY_OUT", quantity="2", price="120"))
    assert refused.value.field == "quantity"


def test_cash_moves_between_accounts_by_transfer_and_a_transfer_needs_an_amount_or_a_security():
    book = ledger(tx("2024-01-02", "DEPOSIT", symbol=None, amount="1000"),
                  tx("2024-01-03", "TRANSFER_OUT", symbol=None, amount="400", fees="1"),
                  tx("2024-01-03", "TRANSFER_IN", "Broker2", symbol=None, amount="400"))
    assert book.cash_balances() == {("CTO", "EUR"): D(599), ("Broker2", "EUR"): D(400)}
    with pytest.raises(LedgerError) as refused:
        ledger(tx("2024-01-03", "TRANSFER_OUT", symbol=None))
    assert refused.value.field == "amount" and "an amount (cash)" in refused.value.message
    with pytest.raises(LedgerError) as refused:
        ledger(tx("2024-01-03", "TRANSFER_OUT", symbol=None, quantity="3"))
    assert refused.value.field == "symbol"


def test_an_interest_charge_lowers_the_interest_earned():
    book = ledger(tx("2024-01-31", "INTEREST", symbol=None, amount="12"),
                  tx("2024-02-29", "INTEREST_CHARGE", symbol=None, amount="20"))
    assert book.income_totals() == {("CTO", "EUR", "interest"): D(-8)}
    assert book.cash_balances() == {("CTO", "EUR"): D(-8)}


def test_the_fees_of_a_transfer_out_are_paid_from_its_account():
    book = ledger(tx("2024-01-02", "BUY", quantity="10", price="100"),
                  tx("2024-03-01", "TRANSFER_OUT", quantity="10", fees="15"),
                  tx("2024-03-01", "TRANSFER_IN", account="Broker2", quantity="10"))
    assert book.cash_balances() == {("CTO", "EUR"): D(-1015)}
    assert book.income_totals() == {("CTO", "EUR", "fees"): D(15)}


@pytest.mark.parametrize("extra, field, why", [
    (dict(kind="TAX_REFUND", quantity="3", amount="5"), "quantity", "a TAX_REFUND has no quantity or price"),
    (dict(kind="FEE_REFUND", amount="0"), "amount", "a FEE_REFUND of 0 means nothing"),
    (dict(kind="INTEREST_CHARGE", amount="2", fees="1"), "fees", "include them in its amount"),
    (dict(kind="TRANSFER_IN", amount="2", price="3"), "price", "a TRANSFER_IN of cash has no price"),
])
def test_fields_that_would_mean_nothing_on_the_new_types_are_refused(extra, field, why):
    kind = extra.pop("kind")
    with pytest.raises(LedgerError) as refused:
        ledger(tx("2024-01-02", kind, symbol=None, quantity=extra.pop("quantity", None),
                  price=extra.pop("price", None), **extra))
    assert refused.value.field == field and why in refused.value.message


@pytest.mark.parametrize("quantity", [D("Infinity"), D("-Infinity"), D("NaN")])
def test_a_quantity_that_is_not_a_finite_number_is_a_problem_not_a_crash(quantity):
    from gigatracker.core.ledger import check_transaction
    accounts = {"CTO": Account("CTO", "Foyer", "EUR")}
    tx = Transaction(date(2025, 1, 2), "CTO", TxType.BUY, "EUR", "NVDA", quantity, D(10))
    assert check_transaction(tx, accounts) == [("quantity", f"quantity must be a finite number, got {quantity}")]


@pytest.mark.parametrize("account", ["CTO", "PEA"])
def test_what_is_left_of_a_lot_costs_its_exact_share_even_at_a_half_cent(account):
    # 6 shares for 6,769.37, sold 1 then 2: the 3 left cost exactly 3,384.685, which rounds half-even to
    # 3,384.68. Taking each sale's cost off a running total (as the ledger once did) left 3,384.685000…01
    # after two inexact divisions, which rounds to .69 (a peer computing exactly shows .68).
    book = ledger(tx("2024-01-02", "BUY", account, "X", "6", amount="6769.37"),
                  tx("2024-02-02", "SELL", account, "X", "1", "1000"),
                  tx("2024-03-02", "SELL", account, "X", "2", "1000"))
    [position], [lot] = book.positions(), book.open_lots()
    assert position.cost_basis == lot.cost == D("3384.685")
    assert [sale.cost for sale in book.sales] == [MONEY_CONTEXT.divide(D("6769.37"), 6),
                                                  MONEY_CONTEXT.divide(D("6769.37") * 2, 6)]


def test_a_split_of_part_of_a_lot_keeps_its_exact_cost():
    book = ledger(tx("2024-01-02", "BUY", symbol="X", quantity="3", amount="100.00"),
                  tx("2024-02-02", "SELL", symbol="X", quantity="1", price="40"),
                  tx("2024-03-02", "SPLIT", symbol="X", ratio="3"),
                  tx("2024-04-02", "SELL", symbol="X", quantity="3", price="15"))
    [position] = book.positions()
    assert position.quantity == D(3)
    third = MONEY_CONTEXT.divide(D("100.00"), 3)
    assert position.cost_basis == book.sales[1].cost == third  # one third of the lot each, split or not
