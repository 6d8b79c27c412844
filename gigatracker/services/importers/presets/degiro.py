"""DEGIRO account statement, `Account.csv` (Rekeningoverzicht): Dutch, English or French headers.

Columns: date, time, value date, product, ISIN, description, FX, then the change as two cells
(currency, amount) and the balance as two cells, then the order id. What each row is comes from its
description ("Koop 10 @ 32,00 EUR", "Dividend", "iDEAL storting" …). Choices of ours:
- a trade's costs (transaction fees, accrued interest bought with a bond, transaction taxes) are folded
  into that trade — joined by order id, or by product and time when DEGIRO left the id out — so they are
  not lost; a cost with no trade to join stands alone as a FEE or TAX;
- dividend tax is folded into the dividend of the same product and day as its `taxes`;
- the currency-conversion helper rows ("Valuta Creditering/Debitering") are ignored and their rate given
  to the foreign-currency row they convert; cash sweeps to the flatex bank account are ignored;
- negative interest is a FEE; the symbol is the ISIN (DEGIRO gives no ticker), the product its name;
- a description we do not know refuses the file, naming it.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ....core.ledger import TxType
from .common import Draft, PresetRead, Problems, Statement, check_date, currency_and_scale, number

HEADERS = {  # first columns of each language's export
    ("datum", "tijd", "valutadatum", "product", "isin", "omschrijving"),
    ("date", "time", "value date", "product", "isin", "description"),
    ("date", "heure", "date de valeur", "produit", "code isin", "description"),
}
TRADE = re.compile(r"^(?P<side>koop|verkoop|buy|sell|achat|vente)\s+(?P<quantity>[\d.,]+)\s*@\s*"
                   r"(?P<price>[\d.,]+)\s*(?P<currency>[A-Za-z]{3})", re.IGNORECASE)
BUY_WORDS = {"koop", "buy", "achat"}
# (description pattern, kind); checked in order, first match wins.
KINDS = [
    (r"transactiekosten|transaction (and/or third party )?fees?|frais de (courtage|transaction)", "trade_fee"),
    (r"meegekochte rente|accrued interest|intérêts courus", "trade_fee"),
    (r"transactiebelasting|financial transaction tax|taxe sur les transactions|stamp duty", "trade_tax"),
    (r"dividendbelasting|dividend tax|impôts? sur (le )?dividende|withholding", "dividend_tax"),
    (r"^dividend(e)?$|^dividend\b|^dividende\b|kapitaalsuitkering|capital return", "dividend"),
    (r"valuta (creditering|debitering)|fx (credit|debit)|opération de change", "fx"),
    (r"cash sweep|overboeking (naar|van) uw geldrekening|transfer (to|from) your cash account", "sweep"),
    (r"storting|deposit|dépôt|versement", "deposit"),
    (r"withdrawal|terugstorting|retrait|opname", "withdrawal"),
    (r"interest|rente|intérêts", "interest"),
    (r"aansluitingskosten|connection fee|frais de connexion|kosten|fee|frais|servicekosten", "fee"),
]


@dataclass
class _Row:
    line: int
    when: datetime
    product: str
    isin: str
    description: str
    fx: str
    currency: str
    amount: Decimal | None
    order: str
    balance_currency: str = ""
    balance: Decimal | None = None  # the account's balance in that currency after the row, as DEGIRO states it


def sniff(header: list[str]) -> bool:
    names = tuple(name.strip().lower() for name in header[:6])
    return names in HEADERS


def read_csv(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        problems.add(1, "header", "no header row")
        return read
    if not sniff(header) or len(header) < 12:
        problems.add(1, "header", "not a DEGIRO account statement (expected Datum,Tijd,Valutadatum,Product,"
                                  "ISIN,Omschrijving,FX,Mutatie,,Saldo,,Order Id or its English or French form)")
        return read
    decimal_sep = _decimal_separator(text)
    parsed: list[_Row] = []
    line = 1
    try:
        for record in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) < 12:
                problems.add(line, "row", f"{len(record)} fields, a DEGIRO statement row has 12")
                continue
            row = _row(record, line, decimal_sep, problems)
            if row is not None:
                parsed.append(row)
    except csv.Error as error:
        problems.add(line + 1, "row", f"unreadable CSV ({error})")
    if not read.problems:
        _classify(parsed, decimal_sep, problems, read)
    return read


def _decimal_separator(text: str) -> str:
    """DEGIRO writes amounts with the statement language's decimal comma or point; look at the amounts."""
    return "," if re.search(r'"-?[\d.]*\d,\d{2}"', text) else "."


def _amount(text: str, decimal_sep: str) -> Decimal:
    return number(text, decimal_sep=decimal_sep, thousands="." if decimal_sep == "," else ",")


def _row(record: list[str], line: int, decimal_sep: str, problems: Problems) -> _Row | None:
    cells = [cell.strip() for cell in record]
    try:
        when = datetime.strptime(f"{cells[0]} {cells[1] or '00:00'}", "%d-%m-%Y %H:%M")
    except ValueError:
        problems.add(line, "date", f"'{cells[0]} {cells[1]}' is not a date and time (dd-mm-yyyy hh:mm)")
        return None
    amount = None
    if cells[8]:
        try:
            amount = _amount(cells[8], decimal_sep)
        except ValueError as error:
            problems.add(line, "change", str(error))
            return None
    if why := check_date(when.date(), cells[7] or None):
        problems.add(line, "date", why)
        return None
    balance = None
    if cells[10]:
        try:
            balance = _amount(cells[10], decimal_sep)
        except ValueError as error:
            problems.add(line, "balance", str(error))
            return None
    return _Row(line, when, cells[3], cells[4], cells[5], cells[6], cells[7], amount, cells[11], cells[9], balance)


def _kind(description: str) -> str | None:
    text = description.strip().lower()
    if TRADE.match(text):
        return "trade"
    return next((kind for pattern, kind in KINDS if re.search(pattern, text)), None)


def _classify(rows: list[_Row], decimal_sep: str, problems: Problems, read: PresetRead) -> None:
    trades: dict[object, Draft] = {}  # order id, and (isin, time) -> the trade draft
    dividends: dict[tuple, Draft] = {}
    costs: list[tuple[_Row, str]] = []
    conversions: dict[datetime, dict[str, Decimal]] = {}  # time -> currency -> amount converted
    times: dict[int, datetime] = {}  # id(draft) -> when it happened

    def add(draft: Draft, row: _Row) -> Draft:
        read.drafts.append(draft)
        times[id(draft)] = row.when
        return draft

    for row in rows:
        kind = _kind(row.description)
        if kind is None:
            problems.add(row.line, "description", f"'{row.description}' is not a DEGIRO entry GigaTracker knows")
            continue
        if row.amount is None and kind != "sweep":
            read.ignored.append((row.line, f"'{row.description}': no amount"))
            continue
        if kind == "trade":
            draft = _trade(row, decimal_sep, problems)
            if draft is not None:
                add(draft, row)
                if row.order:
                    trades[row.order] = draft
                trades.setdefault((row.isin, row.when), draft)
        elif kind in ("trade_fee", "trade_tax", "dividend_tax"):
            costs.append((row, kind))
        elif kind == "fx":
            conversions.setdefault(row.when, {})[row.currency] = row.amount
            read.ignored.append((row.line, f"'{row.description}': currency conversion, its rate is given to "
                                           "the row it converts"))
        elif kind == "sweep":
            read.ignored.append((row.line, f"'{row.description}': cash moved to the flatex bank account "
                                           "(still yours, not a withdrawal)"))
        else:
            draft = add(_cash(row, kind), row)
            if draft.type is TxType.DIVIDEND:
                dividends[(row.isin, row.when.date(), row.currency)] = draft
    for row, kind in costs:  # after the trades and dividends they belong to have been read
        cost = abs(row.amount)
        if kind == "dividend_tax":
            target = dividends.get((row.isin, row.when.date(), row.currency))
        else:
            target = trades.get(row.order) if row.order else trades.get((row.isin, row.when))
        if target is not None and target.currency == row.currency:
            if kind == "trade_fee":
                target.fees += cost
            else:
                target.taxes += cost
            continue
        standalone = TxType.FEE if kind == "trade_fee" else TxType.TAX
        add(Draft(row.line, row.when.date(), standalone, row.currency, amount=cost, symbol=row.isin or None,
                  note=row.description), row)
    for draft in read.drafts:  # the rate of a conversion made for a foreign-currency row at the same time
        moved = conversions.get(times[id(draft)], {})
        if draft.currency in moved and len(moved) == 2 and moved[draft.currency]:
            other = next(amount for currency, amount in moved.items() if currency != draft.currency)
            draft.fx_rate = abs(other / moved[draft.currency]).quantize(Decimal("1e-10"))
    # Oldest first, and within the same minute in the order things happened (DEGIRO lists newest first).
    newest_first = len(rows) > 1 and _file_order(rows)
    read.drafts.sort(key=lambda d: (times[id(d)], -d.line if newest_first else d.line))
    read.statement = _balances(sorted(rows, key=lambda r: (r.when, -r.line if newest_first else r.line)))


def _balances(rows: list[_Row]) -> Statement:
    """DEGIRO's balance column, per currency (rows oldest first): the balance before the first row, after
    the last, and every row where the balance is not the one before plus the change (the file's own
    figures disagreeing). A row with a balance and no change (a cash sweep's note) restates it."""
    statement = Statement(until=rows[-1].when.date() if rows else None)
    last: dict[str, Decimal] = {}
    for row in rows:
        if row.balance is None or not row.balance_currency:
            continue
        currency, change = row.balance_currency, row.amount if row.currency == row.balance_currency else None
        if currency not in last:
            statement.opening_cash[(None, currency)] = row.balance - (change or 0)
        elif change is not None and last[currency] + change != row.balance:
            statement.faults.append((row.line, currency, f"{last[currency]} + {change} is not {row.balance}"))
        last[currency] = row.balance
    statement.cash = {(None, currency): balance for currency, balance in last.items()}
    return statement


def _file_order(rows: list[_Row]) -> bool:
    """True when the file lists newest first (as DEGIRO does)."""
    by_line = sorted(rows, key=lambda r: r.line)
    return by_line[0].when > by_line[-1].when


def _trade(row: _Row, decimal_sep: str, problems: Problems) -> Draft | None:
    match = TRADE.match(row.description.strip())
    try:
        quantity = number(match["quantity"], decimal_sep=decimal_sep, thousands="." if decimal_sep == "," else ",")
        price = number(match["price"], decimal_sep=decimal_sep, thousands="." if decimal_sep == "," else ",")
        currency, scale = currency_and_scale(match["currency"])
    except ValueError as error:
        problems.add(row.line, "description", f"'{row.description}': {error}")
        return None
    if row.currency != currency:
        problems.add(row.line, "change", f"the trade is in {currency} but the change is in {row.currency}")
        return None
    side = TxType.BUY if match["side"].lower() in BUY_WORDS else TxType.SELL
    # The change is the exact gross (a bond's price is a percent of par, so it is not quantity × price).
    return Draft(row.line, row.when.date(), side, currency, symbol=row.isin or row.product, quantity=quantity,
                 price=price / scale, amount=abs(row.amount), isin=row.isin, name=row.product,
                 note=f"DEGIRO order {row.order}" if row.order else "")


def _cash(row: _Row, kind: str) -> Draft:
    amount = row.amount
    if kind == "interest" and amount < 0:
        kind = "fee"  # negative interest is a charge
    elif kind == "deposit" and amount < 0:
        kind = "withdrawal"
    elif kind in ("withdrawal", "fee") and amount > 0:
        kind = "deposit"  # a refund
    elif kind == "dividend" and amount < 0:
        kind = "withdrawal"  # a reversed dividend
    types = {"dividend": TxType.DIVIDEND, "deposit": TxType.DEPOSIT, "withdrawal": TxType.WITHDRAWAL,
             "interest": TxType.INTEREST, "fee": TxType.FEE}
    return Draft(row.line, row.when.date(), types[kind], row.currency, amount=abs(amount),
                 symbol=row.isin or None, isin=row.isin, name=row.product, note=row.description)
