"""Interactive Brokers Flex Query: the XML report, and its CSV form (each section after its header row).

Written from IBKR's Flex Query reference: Trades, Cash Transactions, Corporate Actions, Open Positions and
the Cash Report. What becomes what (docs/formats.md has the table):
- symbols.py: IBKR's symbols as Yahoo's; records.py: trades and cash; actions.py: corporate actions;
- statement.py: what the statement says the account holds, for the reconciliation after the import and the
  positions and cash held before its first day.
"""
from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree

from ..common import PresetRead, Problems, Statement
from .actions import corporate_actions
from .records import cash, settle, trade
from .statement import derive_openings, stated
from .symbols import Symbols, yahoo_symbol

__all__ = ["read_csv", "read_xml", "sniff_csv", "sniff_xml", "yahoo_symbol"]
# CSV column -> the XML attribute of the same meaning.
CSV_NAMES = {"CurrencyPrimary": "currency", "ClientAccountID": "accountId", "AssetClass": "assetCategory",
             "Buy/Sell": "buySell", "IBCommission": "ibCommission", "IBCommissionCurrency": "ibCommissionCurrency",
             "ISIN": "isin", "TradeID": "tradeID", "TransactionID": "transactionID", "Conid": "conid"}


def sniff_xml(text: str) -> bool:
    return "<FlexQueryResponse" in text[:2000]


def sniff_csv(header: list[str]) -> bool:
    names = {name.strip() for name in header}
    return {"ClientAccountID", "CurrencyPrimary"} <= names or {"CurrencyPrimary", "Buy/Sell", "TradePrice"} <= names


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
    lines, line, counted = {}, 1, 0
    for count, match in enumerate(re.finditer(r"<(?![?!/])", text)):
        line += text.count("\n", counted, match.start())  # from the tag before, not from the start each time
        counted = match.start()
        lines[count] = line
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


def _read_records(records: list[tuple[int, str, dict]], problems: Problems, read: PresetRead) -> None:
    trades = [r for r in records if r[1] == "Trade"]
    has_executions = any(a.get("levelOfDetail", "EXECUTION") == "EXECUTION" for _, _, a in trades)
    symbols = Symbols([a for _, tag, a in records if tag in ("Trade", "OpenPosition")])
    statement = Statement()
    cash_drafts, actions = [], []
    for line, tag, attributes in records:
        if tag in ("FlexStatement", "OpenPosition", "CashReportCurrency"):
            stated(line, tag, attributes, statement, problems)
        elif tag == "Trade":
            detail = attributes.get("levelOfDetail", "EXECUTION") or "EXECUTION"
            if detail == ("EXECUTION" if has_executions else "ORDER"):
                trade(line, attributes, problems, read, statement)
        elif tag == "CashTransaction":
            if attributes.get("levelOfDetail", "DETAIL") == "SUMMARY":
                continue  # the total of DETAIL rows also in the file
            found = cash(line, attributes, problems, read, statement, symbols)
            if found is not None:
                cash_drafts.append(found)
        elif tag == "CorporateAction":
            actions.append((line, attributes))
        elif tag in ("FxTransaction", "ConversionRate"):
            read.ignored.append((line, f"{tag}: currency conversions are not transactions"))
    corporate_actions(actions, problems, read, statement, symbols)
    settle(cash_drafts, read, statement)
    for draft in read.drafts:  # later rows of a security exchanged for another go to the book's name for it
        draft.symbol = symbols.resolve(draft.symbol)
    read.drafts.sort(key=lambda d: (d.date, d.line))
    derive_openings(statement, read.drafts)
    read.statement = statement
