"""The fast paths of a large import write and judge exactly what the one-row paths do: the bulk insert's
rows (repository._stored_row, with its caches) are transaction_row's values, stored_form with a shared
cache is stored_form, and the file's input rule (InputRule, judging each distinct value once) is
input_problems."""
from datetime import date
from decimal import Decimal

from hypothesis import given, settings, strategies as st

from gigatracker.core.checks import InputRule, input_problems
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.core.money import DecimalTexts, RoundedMoney
from gigatracker.services.store.repository import _INSERTED, _stored_row, stored_form, transaction_row

numbers = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=None, allow_nan=False,
                      allow_infinity=False).map(lambda d: d.quantize(Decimal(1).scaleb(-6)))
optional = st.none() | numbers
transactions = st.builds(
    Transaction, st.dates(date(1890, 1, 1), date(2100, 1, 1)), st.sampled_from(["CTO", "PEA"]), st.sampled_from(TxType),
    st.sampled_from(["EUR", "JPY", "BHD", "USD"]), st.none() | st.sampled_from(["AIR.PA", "7203.T", "bad\u200bsym", ""]),
    optional, optional, optional, numbers, numbers, optional, optional,
    st.sampled_from(["", "a note", "tab\there", "bidi\u202eoverride", "bell\x07"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(transactions, min_size=1, max_size=30))
def test_the_bulk_rows_are_the_one_row_path(txs):
    ids = {"CTO": 1, "PEA": 2}
    texts, rounded, days = DecimalTexts(), RoundedMoney(), {}
    shared = RoundedMoney()
    rule = InputRule(allow_future=False, today=date(2026, 11, 30))
    for tx in txs * 2:  # twice: the second time every value comes from the caches
        one = transaction_row(tx, ids[tx.account])
        assert _stored_row(tx, ids, texts, rounded, days) == tuple(one[name] for name in _INSERTED[:-4])
        assert stored_form(tx, shared) == stored_form(tx)
        assert rule.problems(tx) == input_problems(tx, today=date(2026, 11, 30))
