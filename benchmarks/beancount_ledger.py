"""The benchmark's ledger as a beancount file, for timing `bean-check -C` on the same data (benchmarks/ledger.py).

It reads the very CSV that is imported into the book (and the closes imported beside it), so both hold the
same transactions and prices. Two layouts:

- "account": one beancount account per broker account (Assets:Foyer:CTO:Securities holds every security);
- "security": one account per security per broker account (Assets:Foyer:CTO:SEC042).

The ledger is the one GigaTracker keeps: lots booked FIFO (`"FIFO"` on each account), a buy's fees in the
lot's cost (total cost `{{...}}`, as our cost basis includes them), a sale reducing lots `{}` at its price
with the net proceeds in cash and the gain interpolated into Income, dividends, deposits, withdrawals and
account fees; month-end `price` directives; and at the end a `balance` assertion for every position and
every cash account (the quantities the generator holds; money with a third decimal, so that beancount's
tolerance is 0.001, not 0.01) and, when given, for every account's realized gains
(the sum of what `gigatracker realized` prints, to a cent per half-cent tie), so bean-check also checks that
it books what we do.
"""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

LAYOUTS = ("account", "security")


def _component(name: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]", "", name)
    return text[:1].upper() + text[1:]


def write_beancount(csv_path: Path, prices_path: Path, out: Path, layout: str,
                    accounts: list[tuple[str, str]], gains: dict[str, int] | None = None) -> Path:
    """`accounts`: (portfolio, account name) of every account the CSV names; `gains`: per account, the
    realized gains in cents (asserted at the end) and how many sales have an exact gain that is a half-cent
    tie: beancount's cost per unit of a lot bought at a total cost is rounded to 28 digits, so it may round
    such a gain either way; the assertion's tolerance is one cent per tie (and 0.001 besides)."""
    assert layout in LAYOUTS
    roots = {name: f"{_component(portfolio)}:{_component(name)}" for portfolio, name in accounts}
    with csv_path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    with prices_path.open(newline="") as handle:
        closes = list(csv.DictReader(handle))
    first = date.fromisoformat(rows[0]["date"]) - timedelta(days=1)
    last = max(date.fromisoformat(rows[-1]["date"]), max(date.fromisoformat(c["date"]) for c in closes))

    def holding(account: str, symbol: str) -> str:
        root = roots[account]
        return f"Assets:{root}:{symbol}" if layout == "security" else f"Assets:{root}:Securities"

    lines = ['option "title" "GigaTracker benchmark ledger"', 'option "operating_currency" "EUR"',
             'option "booking_method" "FIFO"', ""]
    symbols = sorted({r["symbol"] for r in rows if r["symbol"]} | {c["symbol"] for c in closes})
    lines += [f"{first} commodity {symbol}" for symbol in symbols]
    for _portfolio, name in accounts:
        root = roots[name]
        lines += [f"{first} open Assets:{root}:Cash EUR", f"{first} open Income:{root}:Gains EUR",
                  f"{first} open Income:{root}:Dividends EUR", f"{first} open Expenses:{root}:Fees EUR",
                  f"{first} open Equity:{root}:Contributions EUR"]
    held_accounts = sorted({holding(r["account"], r["symbol"]) for r in rows if r["type"] in ("BUY", "SELL")})
    lines += [f'{first} open {account} "FIFO"' for account in held_accounts]
    lines.append("")
    held: dict[tuple[str, str], int] = defaultdict(int)
    cash: dict[str, int] = defaultdict(int)  # cents

    def cents(text: str) -> int:
        whole, _, fraction = text.partition(".")
        sign = -1 if whole.startswith("-") else 1
        return sign * (abs(int(whole or "0")) * 100 + int((fraction + "00")[:2]))

    def euros(value: int) -> str:
        return f"{'-' if value < 0 else ''}{abs(value) // 100}.{abs(value) % 100:02d}"

    for r in rows:
        day, account, kind, symbol = r["date"], r["account"], r["type"], r["symbol"]
        root = roots[account]
        if kind in ("BUY", "SELL"):
            quantity, price, fees = int(r["quantity"]), cents(r["price"]), cents(r["fees"] or "0")
            gross = quantity * price
            if kind == "BUY":
                held[(account, symbol)] += quantity
                cash[account] -= gross + fees
                lines += [f'{day} * "BUY {quantity} {symbol}"',
                          f"  {holding(account, symbol)}  {quantity} {symbol} {{{{{euros(gross + fees)} EUR}}}}",
                          f"  Assets:{root}:Cash  {euros(-gross - fees)} EUR", ""]
            else:
                held[(account, symbol)] -= quantity
                cash[account] += gross - fees
                lines += [f'{day} * "SELL {quantity} {symbol}"',
                          f"  {holding(account, symbol)}  -{quantity} {symbol} {{}} @ {euros(price)} EUR",
                          f"  Assets:{root}:Cash  {euros(gross - fees)} EUR",
                          f"  Income:{root}:Gains", ""]
            continue
        amount = cents(r["amount"])
        other, sign = {"DIVIDEND": (f"Income:{root}:Dividends", 1), "DEPOSIT": (f"Equity:{root}:Contributions", 1),
                       "WITHDRAWAL": (f"Equity:{root}:Contributions", -1),
                       "FEE": (f"Expenses:{root}:Fees", -1)}[kind]
        cash[account] += sign * amount
        lines += [f'{day} * "{kind}{" " + symbol if symbol else ""}"', f"  Assets:{root}:Cash  {euros(sign * amount)} EUR",
                  f"  {other}", ""]
    lines += [f"{c['date']} price {c['symbol']} {c['close']} {c['currency']}" for c in closes]
    lines.append("")
    after = last + timedelta(days=1)
    for (account, symbol), quantity in sorted(held.items()):
        if quantity:
            lines.append(f"{after} balance {holding(account, symbol)}  {quantity} {symbol}")
    for account, balance in sorted(cash.items()):
        lines.append(f"{after} balance Assets:{roots[account]}:Cash  {euros(balance)}0 EUR")
    for account, (gain, ties) in sorted((gains or {}).items()):  # income is a credit: a gain is negative
        tolerance = ties * 10 + 1  # thousandths
        lines.append(f"{after} balance Income:{roots[account]}:Gains  {euros(-gain)}0 ~ "
                     f"{tolerance // 1000}.{tolerance % 1000:03d} EUR")
    out.write_text("\n".join(lines) + "\n")
    return out
