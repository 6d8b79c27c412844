"""Random ledgers for property tests of the performance engine: three accounts in two portfolios (EUR and
USD, FIFO and average cost, one allowing short sales), three securities (one quoted in EUR, one in USD, one
never quoted), every transaction type, trades converted at their own rate, random closes and FX."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import strategies as st

from gigatracker.core.ledger import Account, Ledger, LedgerError, Transaction, TxType

ACCOUNTS = [Account("A1", "P1", "EUR", "fifo"), Account("A2", "P1", "EUR", "average"),
            Account("B1", "P2", "USD", "fifo", short_selling=True)]
CURRENCY = {"AAA": "EUR", "BBB": "USD", "CCC": "EUR"}
FIRST = date(2024, 1, 1)
DAYS = 70
money = st.decimals(min_value=D("0.01"), max_value=D(5000), places=2)
small = st.decimals(min_value=D(0), max_value=D(20), places=2)
quantity = st.decimals(min_value=D("0.001"), max_value=D(50), places=3)
price = st.decimals(min_value=D(1), max_value=D(500), places=2)


def _closes(draw) -> list[tuple[str, str, str, str]]:
    rows = []
    for symbol, start, currency in (("AAA", 100.0, "EUR"), ("BBB", 50.0, "USD"), ("EURUSD=X", 1.1, "USD")):
        value = start
        for offset in range(DAYS):
            day = FIRST + timedelta(days=offset)
            if offset and (day.weekday() >= 5 or draw(st.integers(0, 9)) == 0):  # weekends, some missing days
                continue
            value *= 1 + draw(st.floats(-0.05, 0.05))
            rows.append((symbol, day.isoformat(), f"{value:.4f}", currency))
    return sorted(rows)


@st.composite
def books(draw):
    ledger = Ledger(ACCOUNTS)
    txs: list[Transaction] = []

    def add(tx: Transaction) -> None:
        try:
            ledger.apply(tx)
        except LedgerError:
            return  # a step this ledger refuses (e.g. selling what is not held): skipped
        txs.append(tx._replace(id=len(txs) + 1))

    for _ in range(draw(st.integers(1, 25))):
        day = FIRST + timedelta(days=draw(st.integers(0, DAYS - 1)))
        if txs and day < txs[-1].date:
            day = txs[-1].date
        account = draw(st.sampled_from(ACCOUNTS))
        symbol = draw(st.sampled_from(sorted(CURRENCY)))
        currency = CURRENCY[symbol]
        rate = draw(st.decimals(min_value=D("0.8"), max_value=D("1.2"), places=4)) \
            if currency != account.currency else None
        kind = draw(st.sampled_from(list(TxType)))
        common = dict(fees=draw(small), taxes=draw(small))
        longs = [p for p in ledger.positions() if p.quantity > 0]
        if kind in (TxType.SELL, TxType.DELIVERY_OUT) and longs and draw(st.booleans()):  # mostly what is held
            held = draw(st.sampled_from(longs))
            account = next(a for a in ACCOUNTS if a.name == held.account)
            symbol, currency = held.symbol, held.currency
            rate = D("1.05") if currency != account.currency else None
            amount = min(held.quantity, draw(quantity))
            add(Transaction(day, account.name, kind, currency, symbol, amount, draw(price), fx_rate=rate, **common))
        elif kind in (TxType.BUY, TxType.SELL, TxType.DELIVERY_IN, TxType.DELIVERY_OUT):
            add(Transaction(day, account.name, kind, currency, symbol, draw(quantity), draw(price), fx_rate=rate,
                            **common))
        elif kind is TxType.SPLIT:
            add(Transaction(day, account.name, kind, currency, symbol, ratio=draw(st.sampled_from([D(2), D("0.5")]))))
        elif kind in (TxType.TRANSFER_OUT, TxType.TRANSFER_IN):
            if draw(st.booleans()):  # cash from one account to another
                target = draw(st.sampled_from([a for a in ACCOUNTS if a is not account]))
                amount = draw(money)
                add(Transaction(day, account.name, TxType.TRANSFER_OUT, account.currency, amount=amount,
                                fees=draw(small)))
                add(Transaction(day, target.name, TxType.TRANSFER_IN, target.currency,
                                amount=amount * draw(st.sampled_from([D(1), D("1.1")])), taxes=draw(small)))
            else:  # shares from A1 to A2 or back (B1 may be short: it transfers nothing)
                movable = [p for p in ledger.positions() if p.account in ("A1", "A2") and p.quantity > 0]
                if movable:
                    held = draw(st.sampled_from(movable))
                    source, target, symbol = held.account, "A2" if held.account == "A1" else "A1", held.symbol
                    currency, moved = held.currency, min(held.quantity, draw(quantity))
                    add(Transaction(day, source, TxType.TRANSFER_OUT, currency, symbol, moved))
                    later = day + timedelta(days=draw(st.sampled_from([0, 0, 3])))
                    add(Transaction(later, target, TxType.TRANSFER_IN, currency, symbol, moved))
        else:
            named = symbol if kind in (TxType.DIVIDEND, TxType.TAX, TxType.TAX_REFUND, TxType.FEE,
                                       TxType.FEE_REFUND) and draw(st.booleans()) else None
            cash_currency = draw(st.sampled_from(["EUR", "USD"]))
            add(Transaction(day, account.name, kind, cash_currency, named, amount=draw(money),
                            fx_rate=None if cash_currency == account.currency else D("1.1"),
                            **(common if kind is not TxType.INTEREST_CHARGE else {})))
    return txs, _closes(draw)
