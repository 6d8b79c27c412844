"""Interactive Brokers Flex Query: the XML report and the CSV form of its Trades and Cash Transactions.

Written from IBKR's Flex Query reference (Trades: buySell, quantity, tradePrice, proceeds, ibCommission,
taxes; Cash Transactions: type, amount; Corporate Actions). Choices of ours:
- symbols become Yahoo's: the listing exchange gives the suffix (TSE → .TO, IBIS → .DE, LSE → .L …) and
  IBKR's own decorations (BMWd) are dropped; the ISIN and description are kept;
- executions are imported, the ORDER/SUMMARY/CLOSED_LOT rows that total them are not;
- options, futures and forex conversions are not tracked by GigaTracker: listed as ignored;
- withholding tax is folded into the dividend of the same security and day; a fee refund is a DEPOSIT;
- splits ("SPLIT 1 FOR 25") become SPLIT transactions; other corporate actions (tenders, mergers,
  spin-offs) are listed as ignored, to be entered by hand.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from xml.etree import ElementTree

from ....core.ledger import TxType
from .common import Draft, Expected, PresetRead, Problems, Statement, check_date, currency_and_scale, number

YAHOO_SUFFIX = {"TSE": ".TO", "VENTURE": ".V", "IBIS": ".DE", "IBIS2": ".DE", "XETRA": ".DE", "FWB": ".F",
                "LSE": ".L", "LSEETF": ".L", "SBF": ".PA", "AEB": ".AS", "EBS": ".SW", "SWX": ".SW",
                "VIRTX": ".SW", "BVME": ".MI", "BM": ".MC", "SEHK": ".HK", "TSEJ": ".T", "ASX": ".AX",
                "SFB": ".ST", "KFB": ".CO", "OSE": ".OL", "ENEXT.BE": ".BR", "WSE": ".WA", "VSE": ".VI"}
TRACKED_ASSETS = {"STK", "ETF", "FUND", "BOND", ""}
CASH_TYPES = {"Dividends": TxType.DIVIDEND, "Payment In Lieu Of Dividends": TxType.DIVIDEND,
              "Withholding Tax": TxType.TAX, "Broker Interest Received": TxType.INTEREST,
              "Bond Interest Received": TxType.INTEREST, "Broker Interest Paid": TxType.FEE,
              "Bond Interest Paid": TxType.FEE, "Other Fees": TxType.FEE, "Commission Adjustments": TxType.FEE,
              "Deposits/Withdrawals": TxType.DEPOSIT, "Deposits & Withdrawals": TxType.DEPOSIT}
SPLIT = re.compile(r"SPLIT\s+(\d+(?:\.\d+)?)\s+FOR\s+(\d+(?:\.\d+)?)", re.IGNORECASE)
# CSV column -> the XML attribute of the same meaning.
CSV_NAMES = {"CurrencyPrimary": "currency", "ClientAccountID": "accountId", "AssetClass": "assetCategory",
             "Buy/Sell": "buySell", "IBCommission": "ibCommission", "IBCommissionCurrency": "ibCommissionCurrency",
             "ISIN": "isin", "TradeID": "tradeID", "TransactionID": "transactionID"}


def sniff_xml(text: str) -> bool:
    return "<FlexQueryResponse" in text[:2000]


def sniff_csv(header: list[str]) -> bool:
    names = {name.strip() for name in header}
    return {"ClientAccountID", "CurrencyPrimary"} <= names or {"CurrencyPrimary", "Buy/Sell", "TradePrice"} <= names


# -- readers --------------------------------------------------------------------------------------
def read_xml(source: str, text: str) -> PresetRead:
    read = PresetRead()
    problems = Problems(source, read)
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        problems.add(error.position[0], "xml", f"not a Flex Query XML report ({error})")
        return read
    if root.tag != "FlexQueryResponse":
        problems.add(1, "xml", f"not a Flex Query XML report (root element <{root.tag}>)")
        return read
    lines = _element_lines(text)
    records = [(lines.get(i, 1), element.tag, dict(element.attrib))
               for i, element in enumerate(root.iter())]
    _read_records(records, problems, read)
    return read


def _element_lines(text: str) -> dict[int, int]:
    """Element number (document order) -> line of its start tag, so problems point into the file."""
    lines, count = {}, 0
    for match in re.finditer(r"<(?![?!/])", text):
        lines[count] = text.count("\n", 0, match.start()) + 1
        count += 1
    return lines


def read_csv(source: str, text: str) -> PresetRead:
    """A Flex CSV: one or more sections, each starting with its header row."""
    read = PresetRead()
    problems = Problems(source, read)
    rows = csv.reader(io.StringIO(text, newline=""))
    records, header, line = [], None, 0
    try:
        for record in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in record):
                continue
            if "ClientAccountID" in record or "CurrencyPrimary" in record:
                header = [CSV_NAMES.get(name, name[:1].lower() + name[1:]) for name in record]
                continue
            if header is None:
                problems.add(line, "header", "no Flex header row before the data")
                return read
            if len(record) != len(header):
                problems.add(line, "row", f"{len(record)} fields, the header has {len(header)}")
                continue
            attributes = dict(zip(header, (cell.strip() for cell in record)))
            records.append((line, _csv_tag(attributes), attributes))
    except csv.Error as error:
        problems.add(line + 1, "row", f"unreadable CSV ({error})")
    if not read.problems:
        _read_records(records, problems, read)
    return read


def _csv_tag(attributes: dict) -> str:
    """Which Flex section a CSV row belongs to (the XML names it), from the columns it has."""
    if "buySell" in attributes:
        return "Trade"
    if "endingCash" in attributes:
        return "CashReportCurrency"
    if "position" in attributes and "costBasisMoney" in attributes:
        return "OpenPosition"
    return "CashTransaction" if "amount" in attributes else "Other"


# -- records --------------------------------------------------------------------------------------
def _read_records(records: list[tuple[int, str, dict]], problems: Problems, read: PresetRead) -> None:
    trades = [r for r in records if r[1] == "Trade"]
    has_executions = any(a.get("levelOfDetail", "EXECUTION") == "EXECUTION" for _, _, a in trades)
    dividends: dict[tuple, Draft] = {}
    taxes: list[tuple[int, dict]] = []
    by_isin = {a["isin"]: yahoo_symbol(a) for _, _, a in trades if a.get("isin")}  # for corporate actions
    statement = Statement()
    for line, tag, attributes in records:
        if tag in ("FlexStatement", "OpenPosition", "CashReportCurrency"):
            _stated(line, tag, attributes, statement, problems)
        elif tag == "Trade":
            detail = attributes.get("levelOfDetail", "EXECUTION") or "EXECUTION"
            if detail == ("EXECUTION" if has_executions else "ORDER"):
                _trade(line, attributes, problems, read, statement)
        elif tag == "CashTransaction":
            if attributes.get("levelOfDetail", "DETAIL") == "SUMMARY":
                continue  # the total of DETAIL rows also in the file
            kind = CASH_TYPES.get(attributes.get("type", ""))
            if kind is TxType.TAX:
                taxes.append((line, attributes))
                continue
            draft = _cash(line, attributes, kind, problems, read)
            if draft is not None and draft.type is TxType.DIVIDEND:
                dividends[(draft.symbol, draft.date, draft.currency)] = draft
        elif tag == "CorporateAction":
            _corporate_action(line, attributes, problems, read, by_isin)
        elif tag in ("FxTransaction", "ConversionRate"):
            read.ignored.append((line, f"{tag}: currency conversions are not transactions"))
    for line, attributes in taxes:
        draft = _cash(line, attributes, TxType.TAX, problems, read, add=False)
        if draft is None:
            continue
        target = dividends.get((draft.symbol, draft.date, draft.currency))
        if target is not None and draft.type is TxType.TAX:
            target.taxes += draft.amount
        else:
            read.drafts.append(draft)
    read.drafts.sort(key=lambda d: (d.date, d.line))
    _derive_openings(statement, read.drafts)
    read.statement = statement


def _date(text: str) -> date:
    digits = re.sub(r"[^0-9]", "", text.split(";")[0].split(",")[0].split(" ")[0])
    return datetime.strptime(digits[:8], "%Y%m%d").date()


def _common(line: int, attributes: dict, date_attribute: str, problems: Problems):
    """(date, currency, scale) of a record, or None after reporting why."""
    count = len(problems.read.problems)
    raw_date = attributes.get(date_attribute) or attributes.get("dateTime") or attributes.get("reportDate") or ""
    day = None
    try:
        day = _date(raw_date)
    except ValueError:
        problems.add(line, date_attribute, f"'{raw_date}' is not a date (IBKR writes yyyyMMdd)")
    try:
        currency, scale = currency_and_scale(attributes.get("currency", ""))
    except ValueError as error:
        currency, scale = None, 1
        problems.add(line, "currency", str(error))
    if day and (why := check_date(day, currency)):
        problems.add(line, date_attribute, why)
    return None if len(problems.read.problems) > count else (day, currency, scale)


def yahoo_symbol(attributes: dict) -> str:
    symbol = attributes.get("symbol", "").strip()
    exchange = attributes.get("listingExchange") or attributes.get("exchange") or ""
    suffix = YAHOO_SUFFIX.get(exchange.upper(), "")
    if suffix:
        symbol = re.sub(r"[a-z]+$", "", symbol)  # IBKR marks some European lines: BMWd is BMW
        symbol = symbol.replace(" ", "-").replace(".", "-")
    return symbol + suffix


def _trade(line: int, attributes: dict, problems: Problems, read: PresetRead, statement: Statement) -> None:
    asset = attributes.get("assetCategory", "")
    if asset not in TRACKED_ASSETS:
        what = f"{asset} {' '.join(attributes.get('symbol', '').split())}"
        cash = _optional(attributes, "netCash")
        moved = f" (its cash: {cash} {attributes.get('currency', '')})" if cash else ""
        read.ignored.append((line, f"{what}: options, futures and forex are not tracked{moved}"))
        if cash:
            statement.not_imported.append((line, attributes.get("accountId") or None, attributes.get("currency", ""),
                                           cash, what))
        return
    common = _common(line, attributes, "tradeDate", problems)
    side = attributes.get("buySell", "").upper()
    if side not in ("BUY", "SELL"):
        problems.add(line, "buySell", f"'{attributes.get('buySell')}' is neither BUY nor SELL")
        return
    values = {}
    for name in ("quantity", "tradePrice", "proceeds", "ibCommission", "taxes"):
        try:
            values[name] = abs(number(attributes.get(name) or "0"))
        except ValueError as error:
            problems.add(line, name, str(error))
    if common is None or len(values) < 5:
        return
    day, currency, scale = common
    if not values["quantity"]:
        read.ignored.append((line, "a trade of 0 shares"))
        return
    draft = Draft(line, day, TxType.BUY if side == "BUY" else TxType.SELL, currency, symbol=yahoo_symbol(attributes),
                  quantity=values["quantity"], price=values["tradePrice"] / scale,
                  amount=values["proceeds"] / scale or None, taxes=values["taxes"] / scale,
                  account=attributes.get("accountId") or None, isin=attributes.get("isin", ""),
                  name=attributes.get("description", ""),
                  note=f"IBKR trade {attributes['tradeID']}" if attributes.get("tradeID") else "",
                  expected=_expected(attributes, side))
    commission_currency = attributes.get("ibCommissionCurrency") or currency
    if commission_currency == attributes.get("currency"):
        draft.fees = values["ibCommission"] / scale
    elif values["ibCommission"]:
        read.drafts.append(Draft(line, day, TxType.FEE, commission_currency, amount=values["ibCommission"],
                                 account=draft.account, note=f"commission on {draft.symbol}"))
    read.drafts.append(draft)


def _optional(attributes: dict, name: str) -> Decimal | None:
    """A figure the file may give (empty or unreadable: None; the reconciliation then does without it)."""
    try:
        return number(attributes[name]) if attributes.get(name, "").strip() not in ("", "--") else None
    except ValueError:
        return None


def _expected(attributes: dict, side: str) -> Expected | None:
    """The broker's own figures for a trade: its cash (netCash), a buy's cost, a sale's FIFO realized P&L."""
    cash = _optional(attributes, "netCash")
    cost = _optional(attributes, "cost") if side == "BUY" else None
    realized = _optional(attributes, "fifoPnlRealized") if side == "SELL" else None
    if cash is None and cost is None and realized is None:
        return None
    return Expected(cash=cash, cost=cost, realized=realized)


def _stated(line: int, tag: str, attributes: dict, statement: Statement, problems: Problems) -> None:
    """The statement's own balances: its end date, its open positions, its cash per currency."""
    account = attributes.get("accountId") or None
    if tag == "FlexStatement":
        for name, field_name in (("fromDate", "since"), ("toDate", "until")):
            if attributes.get(name):
                try:
                    setattr(statement, field_name, _date(attributes[name]))
                except ValueError:
                    problems.add(line, name, f"'{attributes[name]}' is not a date (IBKR writes yyyyMMdd)")
        return
    if tag == "OpenPosition":
        if attributes.get("assetCategory", "") not in TRACKED_ASSETS:
            return  # a position GigaTracker does not track (its cash is in the cash report)
        if attributes.get("levelOfDetail", "SUMMARY") == "LOT":
            _opening_lot(line, attributes, statement)
            return
        if attributes.get("levelOfDetail", "SUMMARY") not in ("SUMMARY", ""):
            return
        quantity, cost = _optional(attributes, "position"), _optional(attributes, "costBasisMoney")
        if quantity is None:
            problems.add(line, "position", f"'{attributes.get('position')}' is not a quantity")
            return
        key = (account, yahoo_symbol(attributes))
        statement.positions[key] = statement.positions.get(key, Decimal(0)) + quantity
        statement.currencies[key] = attributes.get("currency", "")
        if cost is not None:
            statement.costs[key] = statement.costs.get(key, Decimal(0)) + cost
        return
    currency = attributes.get("currency", "")
    if currency == "BASE_SUMMARY" or not currency:
        return  # every currency converted to the base: the per-currency rows say the same
    ending, starting = _optional(attributes, "endingCash"), _optional(attributes, "startingCash")
    if ending is not None:
        statement.cash[(account, currency)] = ending
    if starting is not None:
        statement.opening_cash[(account, currency)] = starting


def _opening_lot(line: int, attributes: dict, statement: Statement) -> None:
    """A lot of an open position bought before the statement's first day: held at its start."""
    quantity, cost = _optional(attributes, "position"), _optional(attributes, "costBasisMoney")
    opened = attributes.get("openDateTime", "")
    try:
        day = _date(opened)
    except ValueError:
        return
    if quantity and cost is not None and statement.since is not None and day < statement.since:
        statement.opening_positions.append((line, attributes.get("accountId") or None, yahoo_symbol(attributes),
                                            attributes.get("currency", ""), quantity, cost))


def _derive_openings(statement: Statement, drafts: list[Draft]) -> None:
    """Positions the file holds at its end but did not buy in it, when it lists no lots: held before its
    first row. Only where the file neither sells nor splits them (else the cost before is unknown)."""
    lotted = {(account, symbol) for _, account, symbol, *_ in statement.opening_positions}
    for key, quantity in statement.positions.items():
        if key in lotted or key not in statement.costs:
            continue
        moves = [d for d in drafts if (d.account, d.symbol) == key
                 and d.type in (TxType.BUY, TxType.SELL, TxType.SPLIT)]
        if any(d.type is not TxType.BUY for d in moves):
            continue
        bought = sum((d.quantity for d in moves), Decimal(0))
        cost = sum((d.amount + d.fees + d.taxes for d in moves), Decimal(0))
        if quantity > bought and statement.costs[key] > cost:
            statement.opening_positions.append((0, key[0], key[1], statement.currencies.get(key, ""),
                                                quantity - bought, statement.costs[key] - cost))


def _cash(line: int, attributes: dict, kind: TxType | None, problems: Problems, read: PresetRead, *,
          add: bool = True) -> Draft | None:
    description = attributes.get("description", "")
    if kind is None:
        read.ignored.append((line, f"cash transaction '{attributes.get('type')}' ({description}) is not imported"))
        return None
    common = _common(line, attributes, "dateTime", problems)
    try:
        amount = number(attributes.get("amount") or "0")
    except ValueError as error:
        problems.add(line, "amount", str(error))
        return None
    if common is None:
        return None
    day, currency, _scale = common
    if kind is TxType.DEPOSIT and amount < 0:
        kind = TxType.WITHDRAWAL
    elif kind in (TxType.FEE, TxType.TAX) and amount > 0:
        kind = TxType.DEPOSIT  # a refund
    elif kind in (TxType.DIVIDEND, TxType.INTEREST) and amount < 0:
        kind = TxType.WITHDRAWAL  # a reversal
    symbol = yahoo_symbol(attributes) if attributes.get("symbol") else None
    draft = Draft(line, day, kind, currency, symbol=symbol, amount=abs(amount), note=description,
                  account=attributes.get("accountId") if attributes.get("accountId") not in ("", "-") else None)
    if add:
        read.drafts.append(draft)
    return draft


def _corporate_action(line: int, attributes: dict, problems: Problems, read: PresetRead,
                      by_isin: dict[str, str]) -> None:
    description = attributes.get("description", "")
    split = SPLIT.search(description)
    if split is None:
        read.ignored.append((line, f"corporate action not imported, enter it by hand: {description}"))
        return
    if attributes.get("symbol", "").endswith(".OLD"):
        return  # the old line of the split, given as a removal: the SPLIT row below covers both
    common = _common(line, attributes, "dateTime", problems)
    if common is None:
        return
    day, currency, _scale = common
    new, old = Decimal(split.group(1)), Decimal(split.group(2))
    # The security traded under its old ISIN, named first in the description: "GCM(CA38501D2041) SPLIT …"
    old_isin = re.match(r"[^(]*\((\w{12})\)", description)
    symbol = by_isin.get(old_isin.group(1) if old_isin else "", "") or by_isin.get(attributes.get("isin", ""), "") \
        or yahoo_symbol(attributes)
    read.drafts.append(Draft(line, day, TxType.SPLIT, currency, symbol=symbol, ratio=new / old,
                             account=attributes.get("accountId") or None, note=description))
