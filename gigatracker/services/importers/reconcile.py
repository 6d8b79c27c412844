"""After an import, does the book agree with what the file itself says?

Where a file states the broker's own figures — a trade's cash and cost and its FIFO realized P&L (IBKR
Flex), positions and cash balances at its end (IBKR OpenPositions and CashReport, DEGIRO's balance
column) — the book, with the file applied, is compared with them: it either agrees, or each difference is
given with the amount expected, the amount the book has, and its likely cause. Amounts are compared
rounded to the currency's minor unit, quantities exactly. Nothing here writes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ...core.ledger import Account, Ledger, Transaction, TxType, cash_effect, gross_of
from ...core.money import decimal_text, minor_unit_exponent, round_money
from .presets.common import Draft, Statement

ZERO = Decimal(0)


@dataclass(frozen=True)
class Difference:
    what: str  # "cash", "position", "cost", "trade cash", "trade cost", "realized"
    subject: str  # what it is about: "IBKR · CAD", "IBKR · GCM.TO", "line 12: SELL GCM.TO"
    expected: Decimal  # what the file says
    got: Decimal  # what the book has
    why: str  # the likely cause

    @property
    def difference(self) -> Decimal:
        return self.got - self.expected

    def __str__(self) -> str:
        return (f"{self.what} {self.subject}: the file says {decimal_text(self.expected)}, the book has "
                f"{decimal_text(self.got)} ({decimal_text(self.difference)}): {self.why}")


@dataclass
class Reconciliation:
    checked: dict[str, int] = field(default_factory=dict)  # what was compared: {"trades": 14, "balances": 2}
    differences: list[Difference] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.differences

    def checked_text(self) -> str:
        """"14 trades, 1 balance": what was compared."""
        return ", ".join(f"{count} {what if count != 1 else what.rstrip('s')}"
                         for what, count in self.checked.items() if count)

    def summary(self) -> str:
        compared = self.checked_text()
        if self.agrees:
            return f"agrees with the file's own figures ({compared})"
        return f"{len(self.differences)} difference(s) with the file's own figures ({compared})"


def reconcile(accounts: dict[str, Account], before: list[Transaction], added: list[tuple[Transaction, Draft]],
              statement: Statement | None, account_of: Callable[[str | None], str | None]) -> Reconciliation | None:
    """`before`: the book's transactions; `added`: the file's new transactions (as stored) with the drafts
    they came from; `account_of`: the book account a name of the file's goes to. None when the file states
    nothing to compare."""
    expectations = [(tx, draft) for tx, draft in added if draft.expected is not None]
    if not expectations and statement is None:
        return None
    result = Reconciliation()
    numbered = [tx._replace(id=-(i + 1)) for i, (tx, _) in enumerate(added)]  # to find each one's sales
    ledger = Ledger(accounts.values())
    ledger.replay(before + numbered)
    realized: dict[int, Decimal] = {}
    for sale in ledger.sales:
        if sale.tx_id is not None and sale.tx_id < 0:
            realized[sale.tx_id] = realized.get(sale.tx_id, ZERO) + sale.realized
    for i, (tx, draft) in enumerate(added):
        if draft.expected is not None:
            _check_row(tx, draft, realized.get(-(i + 1)), accounts, result)
    if statement is not None:
        until = statement.until or max((tx.date for tx, _ in added), default=None)
        if until is not None and any(tx.date > until for tx in before + numbered):  # the book goes on past the
            ledger = Ledger(accounts.values())  # file's end: its balances are compared at that end
            ledger.replay([tx for tx in before + numbered if tx.date <= until])
        _check_balances(accounts, ledger, statement, account_of, added, result)
    return result if result.checked else None  # the file states nothing to compare


# -- one row --------------------------------------------------------------------------------------------
def _check_row(tx: Transaction, draft: Draft, realized: Decimal | None, accounts: dict[str, Account],
               result: Reconciliation) -> None:
    expected, currency = draft.expected, tx.currency
    assert expected is not None  # the caller checks only the rows that have it
    subject = f"line {draft.line}: {tx.type.value} {tx.symbol or ''}".rstrip()
    result.checked["trades"] = result.checked.get("trades", 0) + 1
    if expected.cash is not None:
        got = round_money(cash_effect(tx), currency)
        if got != round_money(expected.cash, currency):
            why = "not explained by the file"
            if round_money(expected.cash - got, currency) == round_money(tx.fees, currency):
                why = f"the file's cash for this trade leaves out its commission of {decimal_text(tx.fees)}"
            result.differences.append(Difference("trade cash", subject, round_money(expected.cash, currency), got,
                                                 why))
    if expected.cost is not None and tx.type is TxType.BUY:
        got = round_money(gross_of(tx) + tx.fees + tx.taxes, currency)
        if got != round_money(expected.cost, currency):
            why = ("the file's cost of this buy leaves out its commission"
                   if got - round_money(expected.cost, currency) == round_money(tx.fees, currency) else
                   "the file's cost of this buy differs from its price and fees")
            result.differences.append(Difference("trade cost", subject, round_money(expected.cost, currency), got,
                                                 why))
    if expected.realized is not None and tx.type is TxType.SELL:
        got = round_money(realized if realized is not None else ZERO, currency)
        if got != round_money(expected.realized, currency):
            why = ("the account costs its sales at average cost (PRU); the broker's figure is FIFO"
                   if accounts[tx.account].cost_basis == "average" else
                   "the book's cost of the shares sold is not the broker's (shares bought before the file, or "
                   "bought at other prices)")
            result.differences.append(Difference("realized", subject, round_money(expected.realized, currency), got,
                                                 why))


# -- balances at the file's end -----------------------------------------------------------------------
def _check_balances(accounts, ledger: Ledger, statement: Statement, account_of, added,
                    result: Reconciliation) -> None:
    """`ledger`: the book with the file applied, up to the file's end."""
    held = {(p.account, p.symbol): p for p in ledger.positions()}
    stated_costs = {(account_of(account), symbol): cost for (account, symbol), cost in statement.costs.items()}
    traded = {(tx.account, tx.symbol) for tx, _ in added if tx.symbol}
    stated_accounts = {account_of(account) for account, _ in statement.positions}
    expected_positions = {(account_of(account), symbol): quantity
                          for (account, symbol), quantity in statement.positions.items()}
    for account in stated_accounts:  # what the book holds there and the file does not list: expected 0
        for (holder, symbol) in held:
            if holder == account:
                expected_positions.setdefault((holder, symbol), ZERO)
    for (account, symbol), quantity in sorted(expected_positions.items(), key=_by_key):
        position = held.get((account, symbol))
        got = position.quantity if position is not None else ZERO
        result.checked["positions"] = result.checked.get("positions", 0) + 1
        if got != quantity:
            why = ("held before the file's first row (an opening position the file does not show)"
                   if got < quantity and (account, symbol) not in traded or got == 0 and quantity > 0 else
                   "the book holds shares the broker does not: a sale or transfer missing from the file, or the "
                   "same shares imported from another file" if got > quantity else
                   "not explained by the file: some of its trades may be missing")
            result.differences.append(Difference("position", f"{account} · {symbol}", quantity, got, why))
        stated_cost = stated_costs.get((account, symbol))
        if stated_cost is not None and position is not None and got == quantity:
            currency = position.currency
            if round_money(position.cost_basis, currency) != round_money(stated_cost, currency):
                method = accounts[account].cost_basis
                why = ("the account costs at average (PRU), the broker FIFO" if method == "average" else
                       "the cost of shares bought before the file's first row is not the broker's")
                result.differences.append(Difference("cost", f"{account} · {symbol}",
                                                     round_money(stated_cost, currency),
                                                     round_money(position.cost_basis, currency), why))
    cash = ledger.cash_balances()
    for (file_account, currency), closing in sorted(statement.cash.items(), key=_by_key):
        account = account_of(file_account)
        got = round_money(cash.get((account, currency), ZERO), currency)
        expected = round_money(closing, currency)
        result.checked["balances"] = result.checked.get("balances", 0) + 1
        if got != expected:
            why = _why_cash(statement, file_account, currency, expected - got)
            result.differences.append(Difference("cash", f"{account} · {currency}", expected, got, why))


def _by_key(item) -> tuple[str, str]:
    (account, name), _ = item
    return str(account), name


def _why_cash(statement: Statement, account: str | None, currency: str, missing: Decimal) -> str:
    """The likely cause of cash the book lacks (`missing` > 0) or has too much of."""
    quantum = minor_unit_exponent(currency)
    rows = [(line, amount, what) for line, holder, cur, amount, what in statement.not_imported
            if cur == currency and holder in (account, None)]
    if rows and sum((amount for _, amount, _ in rows), ZERO).quantize(quantum) == missing:
        listed = "; ".join(f"line {line} {what} {decimal_text(amount)}" for line, amount, what in rows[:5])
        return f"rows listed as ignored moved this cash ({listed}{'; …' if len(rows) > 5 else ''})"
    opening = statement.opening_cash.get((account, currency))
    if opening and opening.quantize(quantum) == missing:
        return ("cash held before the file's first row (its first balance less its change): an opening "
                "balance the book does not have")
    faults = [(line, why, gap) for line, cur, why, gap in statement.faults if cur == currency]
    if faults:
        listed = "; ".join(f"line {line}: {why}" for line, why, _ in faults[:3]) + ("; …" if len(faults) > 3 else "")
        gaps = sum((gap for _, _, gap in faults), ZERO).quantize(quantum)
        if gaps == missing:
            return (f"the file's own balances do not follow from its changes: {len(faults)} row(s) where they jump "
                    f"by {decimal_text(gaps)} in all ({listed})")
        return f"the file's own balances do not follow from its changes ({listed})"
    return "not explained by the file: transactions in the book before it, or missing from it"
