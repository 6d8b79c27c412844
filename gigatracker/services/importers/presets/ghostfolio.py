"""Ghostfolio activities: the JSON export (Settings → Export) and the CSV its import dialog accepts.

Written from Ghostfolio's import documentation and its sample files (docs/formats.md says what maps
where). Choices of ours, since GigaTracker's ledger is not Ghostfolio's:
- Ghostfolio's crypto notation BTCUSD becomes Yahoo's BTC-USD; the Yahoo form in a Ghostfolio file
  is refused, as Ghostfolio refuses it. MANUAL assets take their profile's name as symbol.
- A BUY of zero shares (Ghostfolio's placeholder) changes nothing: listed as ignored.
- ITEM (a valuable) is bought like a security; LIABILITY is not tracked: ignored, with the reason.
- Short sales cannot be held: a SELL of what is not held is refused as an oversell.
"""
from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal

from ....core.checks import symbol_problem
from ....core.ledger import TxType
from .. import json_input
from .common import (Draft, PresetRead, Problems, check_date, currency_and_scale, number,
                     read_table, unsigned)

DATA_SOURCES = {"ALPHA_VANTAGE", "COINGECKO", "EOD_HISTORICAL_DATA", "FINANCIAL_MODELING_PREP", "GHOSTFOLIO",
                "GOOGLE_SHEETS", "MANUAL", "RAPID_API", "YAHOO"}
TYPES = {"BUY": TxType.BUY, "SELL": TxType.SELL, "DIVIDEND": TxType.DIVIDEND, "FEE": TxType.FEE,
         "INTEREST": TxType.INTEREST, "ITEM": TxType.BUY, "LIABILITY": None}
CRYPTO = {"BTC", "ETH", "SOL", "ADA", "XRP", "DOGE", "LTC", "DOT", "BNB", "AVAX", "MATIC", "LINK", "TRX", "XLM",
          "BCH", "ATOM", "XMR", "ETC", "UNI", "ALGO", "USDT", "USDC", "SHIB", "NEAR", "XTZ"}
FIATS = ("USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD")
# Column names Ghostfolio's CSV import accepts for each field (lower case).
CSV_ALIASES = {
    "account": ("account", "accountid"),
    "comment": ("comment", "note"),
    "currency": ("currency", "ccy", "currencyprimary"),
    "dataSource": ("datasource",),
    "date": ("date", "tradedate"),
    "fee": ("fee", "commission", "ibcommission"),
    "quantity": ("quantity", "qty", "shares", "units"),
    "symbol": ("symbol", "code", "ticker"),
    "type": ("type", "action", "buy/sell"),
    "unitPrice": ("unitprice", "price", "tradeprice", "value"),
}
CSV_DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y%m%d", "%Y-%m-%d")


def sniff_json(text: str) -> bool:
    return text.lstrip().startswith("{") and '"activities"' in text


def sniff_csv(header: list[str]) -> bool:
    names = {name.strip().lower() for name in header}
    has = {ours for ours, aliases in CSV_ALIASES.items() if names & set(aliases)}
    return {"date", "symbol", "type", "currency", "unitPrice"} <= has and "buy/sell" not in names


# -- JSON -----------------------------------------------------------------------------------------
def read_json(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    try:
        data = json_input.loads(text, parse_float=Decimal)  # 0.1 stays 0.1: amounts are exact from the file on
    except json.JSONDecodeError as error:
        problems.add(error.lineno, "json", f"not a Ghostfolio export: {error.msg}")
        return read
    if not isinstance(data, dict) or not isinstance(data.get("activities"), list):
        problems.add(None, "activities", "not a Ghostfolio export (no list of activities)")
        return read
    for key in ("accounts", "assetProfiles"):
        if data.get(key) is not None and not isinstance(data[key], list):
            problems.add(None, key, f"not a list (a {type(data[key]).__name__}): not a Ghostfolio export")
            return read
    accounts = {a.get("id"): a.get("name") for a in data.get("accounts") or [] if isinstance(a, dict)}
    profiles = {(p.get("dataSource"), p.get("symbol")): p for p in data.get("assetProfiles") or []
                if isinstance(p, dict)}
    for line, activity in zip(_activity_lines(text, len(data["activities"])), data["activities"]):
        if not isinstance(activity, dict):
            problems.add(line, "activity", "not an object")
            continue
        account_id = activity.get("accountId")
        if account_id is not None and account_id not in accounts:
            problems.add(line, "accountId", f"'{account_id}' is not one of the file's accounts")
            continue
        _read_activity(activity, line, problems, read, account=accounts.get(account_id),
                       profiles=profiles, parse_date=_json_date, require_profiles=True)
    return read


def _activity_lines(text: str, count: int) -> list[int]:
    """The line where each activity starts, so messages point into the file (1, 2, … if not found)."""
    match = re.search(r'"activities"\s*:\s*\[', text)
    if match:
        decoder, index = json.JSONDecoder(), match.end()
        lines: list[int] = []
        try:
            while len(lines) < count:
                while text[index] in " \t\r\n,":
                    index += 1
                lines.append(text.count("\n", 0, index) + 1)
                _, index = decoder.raw_decode(text, index)
            return lines
        except (json.JSONDecodeError, IndexError):
            pass
    return list(range(1, count + 1))


def _json_date(value: object) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", value):
        raise ValueError(f"{value!r} is not a date (expected ISO 8601, e.g. 2021-09-16T00:00:00.000Z)")
    return date.fromisoformat(value[:10])


# -- CSV ------------------------------------------------------------------------------------------
def read_csv(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    header, records = read_table(text, ",", problems)
    if not header:
        return read
    header = [name.lower() for name in header]
    columns = {ours: next((header.index(a) for a in aliases if a in header), None)
               for ours, aliases in CSV_ALIASES.items()}
    missing = [ours for ours in ("date", "symbol", "type", "currency") if columns[ours] is None]
    if missing:
        problems.add(1, "header", f"no column for {', '.join(missing)} (Ghostfolio names: "
                                  + "; ".join(f"{m}: {'/'.join(CSV_ALIASES[m])}" for m in missing) + ")")
        return read
    for line, record in records:
        activity = {ours: record[i] for ours, i in columns.items() if i is not None}
        for name in ("fee", "quantity", "unitPrice"):
            if activity.get(name) == "":
                activity[name] = "0"
        _read_activity(activity, line, problems, read, account=activity.pop("account", None) or None,
                       profiles={}, parse_date=_csv_date, require_profiles=False)
    return read


def _csv_date(value: object) -> date:
    for layout in CSV_DATE_FORMATS:
        try:
            return datetime.strptime(str(value)[:10] if layout == "%Y-%m-%d" else str(value), layout).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is not a date (Ghostfolio reads dd-MM-yyyy, dd/MM/yyyy, dd.MM.yyyy, "
                     "yyyyMMdd or yyyy-MM-dd)")


# -- one activity ---------------------------------------------------------------------------------
def _read_activity(activity: dict, line: int, problems: Problems, read: PresetRead, *, account, profiles,
                   parse_date, require_profiles: bool) -> None:
    errors_before = len(read.problems)

    def bad(field_name: str, why: str) -> None:
        problems.add(line, field_name, why)

    raw_type = str(activity.get("type") or "").upper()
    if raw_type not in TYPES:
        bad("type", f"'{activity.get('type')}' is not a Ghostfolio activity type ({', '.join(TYPES)})")
    source = str(activity.get("dataSource") or "YAHOO").upper()
    if source not in DATA_SOURCES:
        bad("dataSource", f"'{activity.get('dataSource')}' is not a Ghostfolio data source")
    try:
        currency, scale = currency_and_scale(str(activity.get("currency") or ""))
    except ValueError as error:
        currency, scale = None, 1
        bad("currency", str(error))
    try:
        day = parse_date(activity.get("date"))
        why = check_date(day, currency)
        if why:
            bad("date", why)
    except ValueError as error:
        day = None
        bad("date", str(error))
    values: dict[str, Decimal] = {}
    for name in ("quantity", "unitPrice", "fee"):
        try:
            value = number(activity.get(name, 0))  # brokers' CSVs sign sells and commissions
            values[name] = unsigned(value, TYPES.get(raw_type), name, line, problems) if name == "quantity" \
                else abs(value)
        except ValueError as error:
            bad(name, str(error))
    symbol, name = _symbol(activity, source, profiles, require_profiles, bad)
    if len(read.problems) > errors_before:
        return
    kind = TYPES[raw_type]
    note = str(activity.get("comment") or "")
    if kind is None:
        read.ignored.append((line, f"{raw_type}: liabilities are not tracked"))
        return
    quantity, price, fee = values["quantity"], values["unitPrice"] / scale, values["fee"] / scale
    draft = Draft(line, day, kind, currency, account=account, note=note, name=name)
    if kind in (TxType.BUY, TxType.SELL):
        if not quantity:
            read.ignored.append((line, f"{raw_type} of 0 {symbol}: changes nothing"))
            return
        draft.symbol, draft.quantity, draft.price, draft.fees = symbol, quantity, price, fee
    elif kind is TxType.FEE:  # Ghostfolio puts a fee's amount in `fee`
        draft.amount = fee or quantity * price
        draft.symbol = None if source == "MANUAL" else symbol
        draft.note = note or name or symbol
    else:  # DIVIDEND, INTEREST: quantity × unit price, less the fee
        draft.amount, draft.fees = quantity * price, fee
        draft.symbol = None if source == "MANUAL" else symbol
        draft.note = note or ("" if draft.symbol else name or symbol)
    read.drafts.append(draft)


def _symbol(activity: dict, source: str, profiles: dict, require_profiles: bool, bad) -> tuple[str, str]:
    raw = str(activity.get("symbol") or "").strip()
    if not raw:
        bad("symbol", "empty")
        return "", ""
    if source == "MANUAL":
        profile = profiles.get(("MANUAL", raw))
        if profile is None and require_profiles:
            bad("symbol", f"MANUAL asset '{raw}' has no asset profile in the file")
            return raw, ""
        name = str(profile.get("name") or raw) if profile else raw
        return name, name
    why = symbol_problem(raw)
    if why:
        bad("symbol", why)
        return raw, ""
    head, _, tail = raw.partition("-")
    if source == "YAHOO" and head.upper() in CRYPTO and tail.upper() in FIATS:
        bad("symbol", f"'{raw}' is Yahoo's notation; Ghostfolio writes {head.upper()}{tail.upper()}")
        return raw, ""
    if source == "YAHOO" and raw[-3:].upper() in FIATS and raw[:-3].upper() in CRYPTO:
        return f"{raw[:-3].upper()}-{raw[-3:].upper()}", ""  # Ghostfolio's BTCUSD is Yahoo's BTC-USD
    return raw.upper() if source == "YAHOO" else raw, ""
