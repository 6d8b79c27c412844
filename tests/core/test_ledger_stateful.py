"""Stateful property test: random buys, sells, deliveries in and out, splits and transfers against a
simple model; account S allows short selling, so its positions go below zero and back."""
from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from gigatracker.core.ledger import Account, Ledger, LedgerError, Transaction, TxType

ACCOUNTS = [Account("F", "P", "EUR", "fifo"), Account("A", "P", "EUR", "average"),
            Account("S", "P", "EUR", "fifo", short_selling=True)]
SYMBOLS = ["AAA", "BBB"]
quantities = st.decimals(min_value=D("0.00000001"), max_value=D(1000), places=8)
prices = st.decimals(min_value=D("0.01"), max_value=D(5000), places=4)
fees = st.decimals(min_value=D(0), max_value=D(20), places=2)
# Decimal arithmetic here runs at 28 digits on values up to ~1e10: exact far below a cent, not to 1e-20.
TOLERANCE = D("1e-12")


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.ledger = Ledger(ACCOUNTS)
        self.day = date(2020, 1, 1)
        self.held = {}  # (account, symbol) -> quantity, by the model
        self.cost_in = {}  # (account, symbol) -> sum of buy costs (transfers move cost between accounts)
        self.proceeds = {}  # (account, symbol) -> sum of sell proceeds

    def _next(self, kind, account, symbol, **fields):
        self.day += timedelta(days=1)
        return Transaction(self.day, account, kind, "EUR", symbol, **fields)

    @rule(account=st.sampled_from(["F", "A", "S"]), symbol=st.sampled_from(SYMBOLS), quantity=quantities,
          price=prices, fee=fees)
    def buy(self, account, symbol, quantity, price, fee):
        self.ledger.apply(self._next(TxType.BUY, account, symbol, quantity=quantity, price=price, fees=fee))
        key = (account, symbol)
        self.held[key] = self.held.get(key, D(0)) + quantity
        self.cost_in[key] = self.cost_in.get(key, D(0)) + quantity * price + fee

    @rule(data=st.data(), price=prices, fee=fees)
    def sell(self, data, price, fee):
        open_keys = sorted(k for k, q in self.held.items() if q > 0)
        if not open_keys:
            return
        key = data.draw(st.sampled_from(open_keys))
        quantity = data.draw(st.decimals(min_value=D("0.00000001"), max_value=self.held[key], places=8))
        self.ledger.apply(self._next(TxType.SELL, *key, quantity=quantity, price=price, fees=fee))
        self.held[key] -= quantity
        self.proceeds[key] = self.proceeds.get(key, D(0)) + quantity * price - fee

    @rule(account=st.sampled_from(["F", "A"]), symbol=st.sampled_from(SYMBOLS), quantity=quantities,
          price=prices, fee=fees)
    def deliver_in(self, account, symbol, quantity, price, fee):
        """Shares from outside the book cost their value and fees, like a buy, but move no cash."""
        cash = self.ledger.cash_balances()
        self.ledger.apply(self._next(TxType.DELIVERY_IN, account, symbol, quantity=quantity, price=price, fees=fee))
        assert self.ledger.cash_balances() == cash
        key = (account, symbol)
        self.held[key] = self.held.get(key, D(0)) + quantity
        self.cost_in[key] = self.cost_in.get(key, D(0)) + quantity * price + fee

    @rule(data=st.data(), price=prices, fee=fees)
    def deliver_out(self, data, price, fee):
        """Shares leaving the book realize their gain at their value, like a sale, but move no cash."""
        open_keys = sorted(k for k, q in self.held.items() if q > 0)
        if not open_keys:
            return
        key = data.draw(st.sampled_from(open_keys))
        quantity = data.draw(st.decimals(min_value=D("0.00000001"), max_value=self.held[key], places=8))
        cash = self.ledger.cash_balances()
        self.ledger.apply(self._next(TxType.DELIVERY_OUT, *key, quantity=quantity, price=price, fees=fee))
        assert self.ledger.cash_balances() == cash
        self.held[key] -= quantity
        self.proceeds[key] = self.proceeds.get(key, D(0)) + quantity * price - fee

    @rule(symbol=st.sampled_from(SYMBOLS), quantity=quantities, price=prices, fee=fees)
    def sell_short(self, symbol, quantity, price, fee):
        """In S any quantity can be sold: what is held first, the rest short."""
        self.ledger.apply(self._next(TxType.SELL, "S", symbol, quantity=quantity, price=price, fees=fee))
        key = ("S", symbol)
        self.held[key] = self.held.get(key, D(0)) - quantity
        self.proceeds[key] = self.proceeds.get(key, D(0)) + quantity * price - fee

    @rule(account=st.sampled_from(["F", "A", "S"]), symbol=st.sampled_from(SYMBOLS), ratio=st.sampled_from(
        [D(2), D(3), D(10), D("0.5")]))
    def split(self, account, symbol, ratio):
        key = (account, symbol)
        before = {p.symbol: p.cost_basis for p in self.ledger.positions() if p.account == account}
        snapshot = self.ledger.snapshot()
        try:
            self.ledger.apply(self._next(TxType.SPLIT, account, symbol, ratio=ratio))
        except LedgerError as error:  # only dust that would round to nothing is refused
            assert error.field == "ratio" and any((lot.quantity * ratio).quantize(D("1e-8")) == 0
                                                  for lot in self.ledger.open_lots() if (lot.account, lot.symbol) == key)
            assert self.ledger.snapshot() == snapshot
            return
        after = {p.symbol: p.cost_basis for p in self.ledger.positions() if p.account == account}
        assert before == after, "a split must keep the cost basis"
        if key in self.held:
            lots = [lot.quantity for lot in self.ledger.open_lots() if (lot.account, lot.symbol) == key]
            self.held[key] = sum(lots, D(0))

    @rule(data=st.data())
    def transfer(self, data):
        open_keys = sorted(k for k, q in self.held.items() if q > 0 and k[0] != "S")
        if not open_keys:
            return
        source = data.draw(st.sampled_from(open_keys))
        target = ("A" if source[0] == "F" else "F", source[1])
        quantity = data.draw(st.decimals(min_value=D("0.00000001"), max_value=self.held[source], places=8))
        source_before, target_before = self._cost(source), self._cost(target)
        self.ledger.apply(self._next(TxType.TRANSFER_OUT, *source, quantity=quantity))
        self.ledger.apply(Transaction(self.day, target[0], TxType.TRANSFER_IN, "EUR", target[1], quantity=quantity))
        moved = source_before - self._cost(source)
        assert abs(self._cost(target) - target_before - moved) < TOLERANCE, "a transfer must keep the cost"
        self.cost_in[source] -= moved
        self.cost_in[target] = self.cost_in.get(target, D(0)) + moved
        self.held[source] -= quantity
        self.held[target] = self.held.get(target, D(0)) + quantity

    def _cost(self, key):
        return next((p.cost_basis for p in self.ledger.positions() if (p.account, p.symbol) == key), D(0))

    def _realized(self, key):
        return sum((s.realized for s in self.ledger.sales if (s.account, s.symbol) == key), D(0))

    @rule(account=st.sampled_from(["F", "A"]), symbol=st.sampled_from(SYMBOLS), extra=quantities)
    def oversell_is_refused_and_changes_nothing(self, account, symbol, extra):
        before = self.ledger.snapshot()
        quantity = self.held.get((account, symbol), D(0)) + extra
        try:
            self.ledger.apply(self._next(TxType.SELL, account, symbol, quantity=quantity, price=D(1)))
        except LedgerError as error:
            assert error.field == "quantity"
        else:
            raise AssertionError("an oversell was accepted")
        assert self.ledger.snapshot() == before

    @invariant()
    def holdings_are_buys_minus_sells(self):
        positions = {(p.account, p.symbol): p.quantity for p in self.ledger.positions()}
        assert positions == {k: q for k, q in self.held.items() if q != 0}

    @invariant()
    def lots_are_long_or_short_as_their_account_allows(self):
        for lot in self.ledger.open_lots():  # (a short sale's fees can exceed its proceeds: no sign for its cost)
            assert lot.quantity > 0 and lot.cost >= 0 or lot.account == "S" and lot.quantity < 0

    @invariant()
    def open_lots_add_up_to_positions(self):
        for p in self.ledger.positions():
            lots = [lot for lot in self.ledger.open_lots() if (lot.account, lot.symbol) == (p.account, p.symbol)]
            assert sum((lot.quantity for lot in lots), D(0)) == p.quantity
            assert abs(sum((lot.cost for lot in lots), D(0)) - p.cost_basis) < TOLERANCE

    @invariant()
    def realized_plus_unrealized_is_net_cash_flow_plus_marked_holding(self):
        mark = D("123.45")
        for key in set(self.held) | set(self.cost_in):
            quantity = self.held.get(key, D(0))
            unrealized = quantity * mark - self._cost(key)
            realized = self._realized(key)
            net_cash = self.proceeds.get(key, D(0)) - self.cost_in.get(key, D(0))
            assert abs(realized + unrealized - (net_cash + quantity * mark)) < TOLERANCE, key


TestLedgerMachine = LedgerMachine.TestCase
TestLedgerMachine.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
