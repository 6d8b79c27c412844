"""From an ISIN to the Yahoo listing that has quotes. Brokers' files (DEGIRO, Portfolio Performance) name
securities by ISIN, which Yahoo cannot quote; Yahoo's search finds the listings of an ISIN, and the one
to use is the listing that trades in the currency the user traded in, on the security's home exchange
when it has several. Nothing is renamed here: the user confirms (or picks another listing)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_ISIN = re.compile(r"^[A-Z]{2}[A-Z0-9]{9}[0-9]$")
QUOTABLE = ("EQUITY", "ETF", "MUTUALFUND")

# Yahoo's exchange codes (the `exchange` of a search result) and the currency they trade in.
EXCHANGE_CURRENCIES = {
    **dict.fromkeys(("NMS", "NGM", "NCM", "NYQ", "ASE", "PCX", "BTS", "NAS", "NYS", "PNK", "OQB", "OQX"), "USD"),
    **dict.fromkeys(("PAR", "AMS", "BRU", "LIS", "GER", "FRA", "STU", "DUS", "MUN", "HAM", "BER", "HAN", "MIL",
                     "MCE", "VIE", "HEL", "ISE", "ATH", "TLO"), "EUR"),
    "LSE": "GBP", "IOB": "USD", "EBS": "CHF", "TOR": "CAD", "VAN": "CAD", "CNQ": "CAD", "STO": "SEK", "CPH": "DKK",
    "OSL": "NOK", "JPX": "JPY", "HKG": "HKD", "KSC": "KRW", "KOE": "KRW", "TAI": "TWD", "TWO": "TWD", "ASX": "AUD",
    "NZE": "NZD", "SES": "SGD", "SAO": "BRL", "MEX": "MXN", "JNB": "ZAR", "WSE": "PLN",
}
# Where a country's securities are listed first (an ISIN starts with its issuer's country).
HOME_EXCHANGES = {
    "FR": ("PAR",), "NL": ("AMS",), "BE": ("BRU",), "PT": ("LIS",), "DE": ("GER",), "IT": ("MIL",), "ES": ("MCE",),
    "AT": ("VIE",), "FI": ("HEL",), "IE": ("ISE", "AMS", "GER", "MIL", "PAR"), "LU": ("AMS", "GER", "PAR", "MIL"),
    "GB": ("LSE",), "CH": ("EBS",), "US": ("NMS", "NGM", "NCM", "NYQ", "ASE", "PCX", "BTS"), "CA": ("TOR",),
    "SE": ("STO",), "DK": ("CPH",), "NO": ("OSL",), "JP": ("JPX",), "KR": ("KSC", "KOE"), "TW": ("TAI", "TWO"),
}


def is_isin(text: str) -> bool:
    """Shaped like an ISIN and its check digit (Luhn over the letters read as numbers) is right."""
    if not _ISIN.match(text):
        return False
    digits = "".join(str(int(c, 36)) for c in text[:-1])
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 == 0 else 1)
        total += value // 10 + value % 10
    return (10 - total % 10) % 10 == int(text[-1])


@dataclass(frozen=True)
class Listing:
    symbol: str
    name: str
    exchange: str  # Yahoo's code, e.g. "PAR"
    exchange_name: str  # e.g. "Paris"
    kind: str  # EQUITY, ETF, MUTUALFUND…

    @property
    def currency(self) -> str | None:
        return EXCHANGE_CURRENCIES.get(self.exchange)


@dataclass(frozen=True)
class Suggestion:
    symbol: str  # the book's symbol, an ISIN
    name: str
    currency: str  # what the user traded it in
    listings: list[Listing] = field(default_factory=list)
    choice: str | None = None  # the listing to use, when one clearly is
    reason: str = ""


def choose_listing(isin: str, currency: str, listings: list[Listing]) -> tuple[str | None, str]:
    """The listing to use and why, or None and why the user has to choose."""
    usable = [listing for listing in listings if listing.kind in QUOTABLE]
    if not usable:
        return None, "Yahoo has no quoted listing for this ISIN"
    same = [listing for listing in usable if listing.currency == currency]
    if not same:
        return None, f"no listing in {currency}: choose one"
    home = [listing for listing in same if listing.exchange in HOME_EXCHANGES.get(isin[:2], ())]
    pick = (home or same)[0]  # Yahoo lists the most relevant first
    return pick.symbol, f"the {currency} listing on {pick.exchange_name or pick.exchange}"
