"""Wealthfolio activities CSV (its import template and what its exports write).

Columns, written from Wealthfolio's import documentation: date, symbol, quantity, activityType (or
type), unitPrice (or unit_price), currency, fee, amount, and optionally comment, fxRate, subtype,
instrumentType, account. Comma or semicolon separated, '.' decimals. Choices of ours:
- a DIVIDEND or INTEREST without an amount is quantity × unit price; cash rows use `amount`;
- CREDIT: a refund or rebate of fees (subtype REFUND, REBATE, FEE_REFUND) is a FEE_REFUND, any other
  credit (a bonus) a DEPOSIT, its subtype kept in the note;
- a negative amount is a reversal and keeps its meaning: a negative FEE is a FEE_REFUND, TAX a TAX_REFUND,
  INTEREST an INTEREST_CHARGE, DEPOSIT a WITHDRAWAL (and the other way round); a negative DIVIDEND cancels
  the dividend it reverses (same account, symbol, currency and amount, the latest before it), or is listed
  when the file does not hold it;
- SPLIT takes its ratio from the quantity (3 for a 3-for-1);
- the subtype (QUALIFIED, DRIP, WITHHOLDING …) is kept in the note;
- Wealthfolio's symbol for cash (`$CASH-EUR`) names no security.
"""
from __future__ import annotations

from decimal import Decimal

from ....core.ledger import TxType
from .common import (Draft, PresetRead, Problems, delimiter_of, iso_date_and_currency, number,
                     came_before, read_table, reversed_dividend, unsigned)

TYPES = {"BUY": TxType.BUY, "SELL": TxType.SELL, "DIVIDEND": TxType.DIVIDEND, "INTEREST": TxType.INTEREST,
         "DEPOSIT": TxType.DEPOSIT, "WITHDRAWAL": TxType.WITHDRAWAL, "FEE": TxType.FEE, "TAX": TxType.TAX,
         "SPLIT": TxType.SPLIT, "TRANSFER_IN": TxType.TRANSFER_IN, "TRANSFER_OUT": TxType.TRANSFER_OUT,
         "CREDIT": TxType.DEPOSIT, "ADD_HOLDING": TxType.TRANSFER_IN, "REMOVE_HOLDING": TxType.TRANSFER_OUT}
ALIASES = {"type": ("activitytype", "type"), "unitPrice": ("unitprice", "unit_price"), "fxRate": ("fxrate", "fx_rate"),
           "comment": ("comment", "note"), "account": ("account", "accountid")}
CASH_TYPES = {TxType.DEPOSIT, TxType.WITHDRAWAL, TxType.FEE, TxType.TAX, TxType.FEE_REFUND, TxType.TAX_REFUND}
REVERSED = {TxType.FEE: TxType.FEE_REFUND, TxType.TAX: TxType.TAX_REFUND, TxType.INTEREST: TxType.INTEREST_CHARGE,
            TxType.DEPOSIT: TxType.WITHDRAWAL, TxType.WITHDRAWAL: TxType.DEPOSIT,
            TxType.FEE_REFUND: TxType.FEE}  # what a negative amount is
REFUND_CREDITS = {"REFUND", "REBATE", "FEE_REFUND"}


def sniff(header: list[str]) -> bool:
    names = {name.strip().lower() for name in header}
    return {"date", "symbol", "quantity", "currency"} <= names and bool({"activitytype", "type"} & names) \
        and bool({"unitprice", "unit_price"} & names)


def read_csv(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    header, records = read_table(text, delimiter_of(text), problems)
    if not header:
        return read
    header = [name.lower() for name in header]
    column: dict[str, int | None] = {name: header.index(name) for name in header}
    for ours, names in ALIASES.items():
        column[ours] = next((header.index(n) for n in names if n in header), None)
    missing = [n for n in ("date", "symbol", "quantity", "type", "unitPrice", "currency") if column.get(n) is None]
    if missing:
        problems.add(1, "header", f"not a Wealthfolio activities file: no column {', '.join(missing)}")
        return read
    reversals: list[Draft] = []
    for line, record in records:
        _read_row({name: record[i] for name, i in column.items() if i is not None}, line, problems, read,
                  reversals)
    for reversal in reversals:
        _cancel(reversal, read)
    read.ignored.sort(key=lambda item: item[0])
    return read


def _cancel(reversal: Draft, read: PresetRead) -> None:
    """A reversed dividend and the dividend it reverses: neither counts."""
    original = reversed_dividend(came_before(read.drafts, reversal), reversal)
    if original is None:
        read.ignored.append((reversal.line, f"a reversed DIVIDEND of {reversal.amount} {reversal.currency or ''} "
                                            f"{reversal.symbol or ''}: its dividend is not in this file, so it is "
                                            "listed, not booked".replace("  ", " ")))
        return
    read.drafts.remove(original)
    read.ignored.append((original.line, f"DIVIDEND reversed on line {reversal.line}, so neither counts"))
    read.ignored.append((reversal.line, f"reverses the DIVIDEND of line {original.line}"))


def _read_row(cells: dict[str, str], line: int, problems: Problems, read: PresetRead,
              reversals: list[Draft]) -> None:
    count = len(read.problems)
    raw_type = cells["type"].upper()
    kind = TYPES.get(raw_type)
    if kind is None:
        problems.add(line, "activityType", f"'{cells['type']}' is not a Wealthfolio activity type")
    day, currency, scale = iso_date_and_currency(line, cells["date"], cells["currency"], problems,
                                                 currency_required=False)  # SPLIT rows may leave it empty
    values, negative = {}, False
    for name in ("quantity", "unitPrice", "fee", "amount", "fxRate"):
        text = cells.get(name, "")
        if text:
            try:
                value = number(text)
            except ValueError as error:
                problems.add(line, name, str(error))
                continue
            values[name] = unsigned(value, kind, name, line, problems) if name == "quantity" else abs(value)
            negative = negative or (name == "amount" and value < 0)
    symbol = "" if cells["symbol"].upper().startswith("$CASH") else cells["symbol"]  # Wealthfolio's cash: $CASH-EUR
    if len(read.problems) > count or day is None or kind is None:  # (neither is None without a problem)
        return
    note = " · ".join(part for part in (cells.get("comment", ""), cells.get("subtype", "")) if part)
    if raw_type == "CREDIT":
        note = " · ".join(part for part in ("CREDIT", note) if part)
        if cells.get("subtype", "").upper() in REFUND_CREDITS:
            kind = TxType.FEE_REFUND
    reversed_dividend = negative and kind is TxType.DIVIDEND
    if negative and kind in REVERSED:
        kind = REVERSED[kind]
    price = values.get("unitPrice")
    draft = Draft(line, day, kind, currency, note=note, account=cells.get("account") or None,
                  fees=values.get("fee", Decimal(0)) / scale, fx_rate=values.get("fxRate"))
    if kind is TxType.SPLIT:
        draft.symbol, draft.ratio = symbol or None, values.get("quantity")
    elif kind in (TxType.BUY, TxType.SELL, TxType.TRANSFER_IN, TxType.TRANSFER_OUT):
        draft.symbol, draft.quantity = symbol or None, values.get("quantity")
        draft.price = price / scale if price is not None else None
        draft.amount = values["amount"] / scale if "amount" in values and price is None else None
    elif kind in CASH_TYPES:
        draft.symbol = symbol or None
        draft.amount = values.get("amount")
        if draft.amount is None and price is not None:
            draft.amount = values.get("quantity", 1) * price / scale
    else:  # DIVIDEND, INTEREST
        draft.symbol = symbol or None
        draft.amount = values.get("amount")
        if draft.amount is None and price is not None and "quantity" in values:
            draft.amount = values["quantity"] * price / scale
    if reversed_dividend:
        reversals.append(draft)
    else:
        read.drafts.append(draft)
