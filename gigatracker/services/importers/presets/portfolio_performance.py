"""Portfolio Performance CSV export (File → Export → CSV: account and portfolio transactions).

Columns, English or German, ';' or ',' separated, numbers as the user's locale writes them:
Date, Type, Value, Transaction Currency, [Gross Amount, Currency Gross Amount, Exchange Rate,] Fees,
Taxes, Shares, ISIN, WKN, Ticker Symbol, Security Name, Note. Value is the net cash of the row (a buy's
value includes its fees and taxes). Choices of ours:
- the symbol is the ticker, else the ISIN, else the security name;
- a foreign-currency trade (Currency Gross Amount differs) is recorded in the security's currency, with
  the exchange rate, and its fees and taxes converted;
- refunds of fees or taxes are TAX_REFUND / FEE_REFUND (they lower what was paid); an interest charge is an
  INTEREST_CHARGE;
- a delivery in (DELIVERY_IN) carries its value as the cost basis, a delivery out (DELIVERY_OUT) leaves
  at its value; a transfer between the file's securities accounts is a TRANSFER_OUT and a TRANSFER_IN.
"""
from __future__ import annotations

import re
from decimal import Decimal

from ....core.ledger import SHARES_IN, TxType
from .common import (Draft, PresetRead, Problems, currency_and_scale, delimiter_of,
                     iso_date_and_currency, number, read_table, unsigned)

COLUMNS = {  # ours -> (English, German)
    "date": ("Date", "Datum"), "type": ("Type", "Typ"), "value": ("Value", "Wert"),
    "currency": ("Transaction Currency", "Buchungswährung"), "gross": ("Gross Amount", "Bruttobetrag"),
    "gross_currency": ("Currency Gross Amount", "Währung Bruttobetrag"), "rate": ("Exchange Rate", "Wechselkurs"),
    "fees": ("Fees", "Gebühren"), "taxes": ("Taxes", "Steuern"), "shares": ("Shares", "Stück"),
    "isin": ("ISIN", "ISIN"), "ticker": ("Ticker Symbol", "Ticker-Symbol"),
    "name": ("Security Name", "Wertpapiername"), "note": ("Note", "Notiz"),
}
TYPES = {
    "buy": TxType.BUY, "kauf": TxType.BUY, "sell": TxType.SELL, "verkauf": TxType.SELL,
    "delivery (inbound)": TxType.DELIVERY_IN, "einlieferung": TxType.DELIVERY_IN,
    "delivery (outbound)": TxType.DELIVERY_OUT, "auslieferung": TxType.DELIVERY_OUT,
    "transfer (inbound)": TxType.TRANSFER_IN, "umbuchung (eingang)": TxType.TRANSFER_IN,
    "transfer (outbound)": TxType.TRANSFER_OUT, "umbuchung (ausgang)": TxType.TRANSFER_OUT,
    "deposit": TxType.DEPOSIT, "einlage": TxType.DEPOSIT, "removal": TxType.WITHDRAWAL, "entnahme": TxType.WITHDRAWAL,
    "dividend": TxType.DIVIDEND, "dividende": TxType.DIVIDEND, "interest": TxType.INTEREST, "zinsen": TxType.INTEREST,
    "interest charge": TxType.INTEREST_CHARGE, "zinsbelastung": TxType.INTEREST_CHARGE,
    "fees": TxType.FEE, "gebühren": TxType.FEE,
    "fees refund": TxType.FEE_REFUND, "gebührenerstattung": TxType.FEE_REFUND, "taxes": TxType.TAX,
    "steuern": TxType.TAX, "tax refund": TxType.TAX_REFUND, "steuerrückerstattung": TxType.TAX_REFUND,
}
TRADES = {TxType.BUY, TxType.SELL, TxType.TRANSFER_IN, TxType.TRANSFER_OUT, TxType.DELIVERY_IN, TxType.DELIVERY_OUT}


def sniff(header: list[str]) -> bool:
    names = {name.strip() for name in header}
    return any({COLUMNS[c][lang] for c in ("date", "type", "value", "currency")} <= names for lang in (0, 1))


def read_csv(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    header, table = read_table(text, delimiter_of(text), problems)
    if not header:
        return read
    if not sniff(header):
        problems.add(1, "header", "not a Portfolio Performance export (expected Date;Type;Value;Transaction "
                                  "Currency… or Datum;Typ;Wert;Buchungswährung…)")
        return read
    index = {ours: next((header.index(name) for name in names if name in header), None)
             for ours, names in COLUMNS.items()}
    records = [(line, {ours: record[i] for ours, i in index.items() if i is not None}) for line, record in table]
    comma = any(re.search(r"\d,\d{1,2}$|\.\d{3},", cells.get("value", "")) for _, cells in records)
    separators = {"decimal_sep": ",", "thousands": "."} if comma else {"decimal_sep": ".", "thousands": ","}
    for line, cells in records:
        _read_row(line, cells, separators, problems, read)
    return read


def _read_row(line: int, cells: dict[str, str], separators: dict, problems: Problems, read: PresetRead) -> None:
    count = len(read.problems)
    kind = TYPES.get(cells["type"].lower())
    if kind is None:
        problems.add(line, "type", f"'{cells['type']}' is not a Portfolio Performance transaction type")
    day, currency, scale = iso_date_and_currency(line, cells["date"], cells["currency"], problems)
    values: dict[str, Decimal] = {}
    for name in ("value", "gross", "rate", "fees", "taxes", "shares"):
        if cells.get(name):
            try:
                value = number(cells[name], **separators)
                values[name] = unsigned(value, kind, "shares", line, problems) if name == "shares" else abs(value)
            except ValueError as error:
                problems.add(line, name, str(error))
    if "value" not in values and not read.problems[count:]:
        problems.add(line, "value", "empty")
    symbol = cells.get("ticker") or cells.get("isin") or cells.get("name") or ""
    if len(read.problems) > count or day is None or kind is None:  # (neither is None without a problem)
        return
    fees, taxes, value = values.get("fees", Decimal(0)), values.get("taxes", Decimal(0)), values["value"]
    draft = Draft(line, day, kind, currency, note=cells.get("note", ""), isin=cells.get("isin", ""),
                  name=cells.get("name", ""))
    if kind in TRADES:
        if not values.get("shares"):
            problems.add(line, "shares", f"a {cells['type']} needs a number of shares")
            return
        outflow = kind in SHARES_IN  # cash paid for shares that arrive
        gross = value - fees - taxes if outflow else value + fees + taxes
        draft.symbol, draft.quantity, draft.fees, draft.taxes, draft.amount = symbol, values["shares"], fees, taxes, gross
        foreign = cells.get("gross_currency")
        if foreign and foreign != cells["currency"] and values.get("gross") and values.get("rate"):
            try:
                draft.currency, scale = currency_and_scale(foreign)
            except ValueError as error:
                problems.add(line, "gross_currency", str(error))
                return
            rate = values["rate"]
            draft.amount, draft.fx_rate = values["gross"], rate
            draft.fees, draft.taxes = fees / rate, taxes / rate
        draft.amount /= scale
    elif kind in (TxType.DIVIDEND, TxType.INTEREST):
        draft.symbol = symbol or None
        draft.amount, draft.fees, draft.taxes = value + fees + taxes, fees, taxes  # Value is net of both
    else:
        draft.symbol = symbol or None
        draft.amount = value
    read.drafts.append(draft)
