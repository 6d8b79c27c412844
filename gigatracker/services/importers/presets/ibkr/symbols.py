"""IBKR's symbols as Yahoo's: the listing exchange gives the suffix (TSE → .TO, IBIS → .DE, LSE → .L …),
IBKR's own decorations of a local symbol are dropped (`BMWd` → BMW, `DBKEUR` → DBK), and a listing on an
exchange the table does not know, outside the US, is named by its ISIN (`security find-symbols` then links
it to its Yahoo listing). A cash row that names a symbol without its exchange (`GCM`) takes the symbol of
the file's own trades or positions of the same security (`GCM.TO`), by contract id, ISIN, then symbol.
"""
from __future__ import annotations

import re

from ....market.symbols import is_isin
from ..common import through_aliases

YAHOO_SUFFIX = {
    "TSE": ".TO", "VENTURE": ".V", "IBIS": ".DE", "IBIS2": ".DE", "XETRA": ".DE", "TRQXDE": ".DE",
    "GETTEX": ".DE", "TGATE": ".DE", "FWB": ".F", "FWB2": ".F", "SWB": ".SG", "LSE": ".L", "LSEETF": ".L",
    "SBF": ".PA", "AEB": ".AS", "EBS": ".SW", "SWX": ".SW", "VIRTX": ".SW", "BVME": ".MI", "BVME.ETF": ".MI",
    "BM": ".MC", "SEHK": ".HK", "TSEJ": ".T", "ASX": ".AX", "SFB": ".ST", "KFB": ".CO", "OSE": ".OL",
    "ENEXT.BE": ".BR", "WSE": ".WA", "VSE": ".VI", "HEX": ".HE", "BVL": ".LS", "ISED": ".IR", "NZE": ".NZ",
    "SGX": ".SI", "KSE": ".KS", "TASE": ".TA", "MEXI": ".MX", "BOVESPA": ".SA", "JSE": ".JO",
}
US_EXCHANGES = {"NYSE", "NASDAQ", "ARCA", "AMEX", "BATS", "IEX", "ISLAND", "NYSENAT", "PINK", "BYX", "EDGX",
                "EDGEA", "CHX", "PSX", "BEX", "DRCTEDGE", "LTSE", "MEMX", "PEARL", "IBKRATS", "NASDAQOM",
                "SMART", "--", ""}
CURRENCIES_IN_SYMBOLS = ("EUR", "USD", "GBP", "CHF")


def yahoo_symbol(attributes: dict) -> str:
    """The Yahoo symbol of the security a Flex row names (see the module's docstring)."""
    symbol = " ".join(attributes.get("symbol", "").split())
    exchange = (attributes.get("listingExchange") or attributes.get("exchange") or "").upper()
    if not symbol:  # a Flex query without its Symbol column: the ISIN names it
        return attributes.get("isin", "").strip()
    suffix = YAHOO_SUFFIX.get(exchange)
    if suffix is None:
        isin = attributes.get("isin", "").strip()
        foreign = exchange not in US_EXCHANGES or (not exchange and attributes.get("currency", "USD") != "USD")
        if foreign and isin and exchange:
            return isin
        return symbol or isin
    local = re.sub(r"[a-z]+$", "", symbol)  # IBKR marks some European lines: BMWd is BMW
    for code in CURRENCIES_IN_SYMBOLS:  # and gives others their currency: DBKEUR is DBK
        if local.endswith(code) and len(local) > len(code) + 1 and code == attributes.get("currency"):
            local = local[: -len(code)]
    return local.replace(" ", "-").replace(".", "-") + suffix


class Symbols:
    """The Yahoo symbol for each security the file trades or holds, to name its cash rows the same way."""

    def __init__(self, rows: list[dict]):
        self.by_conid: dict[str, str] = {}
        self.by_isin: dict[str, str] = {}
        self.by_symbol: dict[str, set[str]] = {}
        self.aliases: dict[str, str] = {}  # a security's new conid, ISIN or symbol -> the book's name for it
        for attributes in rows:
            named = yahoo_symbol(attributes)
            if attributes.get("conid"):
                self.by_conid.setdefault(attributes["conid"], named)
            if attributes.get("isin"):
                self.by_isin.setdefault(attributes["isin"], named)
            plain = " ".join(attributes.get("symbol", "").split())
            if plain:
                self.by_symbol.setdefault(plain, set()).add(named)
        self.named = {symbol for symbols in self.by_symbol.values() for symbol in symbols}  # Yahoo symbols

    def alias(self, attributes: dict, kept: str) -> None:
        """From now on, the security this row names is the book's `kept` (an exchange of securities)."""
        for name in (attributes.get("conid"), attributes.get("isin"), yahoo_symbol(attributes)):
            if name:
                self.aliases[name] = kept

    def resolve(self, symbol: str | None) -> str | None:
        """A symbol through the exchanges the file made (a tender's new line is the book's old one)."""
        return through_aliases(self.aliases, symbol)

    def of(self, attributes: dict, *, by_description: bool = True) -> str | None:
        """The book's symbol for the security a row names, which may not name its exchange (a dividend, a
        withholding tax, a corporate action). `by_description`: the ISIN a description starts with names
        it too (not for a spin-off's new line, whose description names its parent first)."""
        for name in (attributes.get("conid"), attributes.get("isin"), yahoo_symbol(attributes)):
            if name and name in self.aliases:
                return self.resolve(name)
        return self.resolve(self._named(attributes, by_description))

    def _named(self, attributes: dict, by_description: bool) -> str | None:
        if not attributes.get("symbol") and not attributes.get("isin"):
            return None
        if attributes.get("conid") in self.by_conid:
            return self.by_conid[attributes["conid"]]
        if attributes.get("isin") in self.by_isin:
            return self.by_isin[attributes["isin"]]
        isin = _isin_in(attributes.get("description", "")) if by_description else None
        if isin in self.by_isin:
            return self.by_isin[isin]
        plain = " ".join(attributes.get("symbol", "").split())
        if plain in self.by_symbol and len(self.by_symbol[plain]) == 1:
            return next(iter(self.by_symbol[plain]))
        if plain in self.named:
            return plain  # already a Yahoo symbol of the file's (GCM.TO)
        return yahoo_symbol(attributes) if attributes.get("symbol") else attributes.get("isin")


def _isin_in(description: str) -> str | None:
    """The ISIN IBKR writes in a cash row's description: `ORCL(US68389X1054) CASH DIVIDEND …`."""
    match = re.match(r"\s*[^(]*\(([A-Z0-9]{12})\)", description)
    return match.group(1) if match and is_isin(match.group(1)) else None
