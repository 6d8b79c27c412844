"""What can go wrong fetching market data, sorted by what the caller must do about it.
Kept apart from the yfinance adapter so that importing these costs nothing (yfinance pulls in pandas)."""

SOURCE = "yahoo"


class MarketDataError(Exception):
    pass


class RateLimited(MarketDataError):
    """Yahoo answered HTTP 429: back off and keep serving cached prices."""


class Offline(MarketDataError):
    """No network, or Yahoo unreachable: work from the cache."""


class NoData(MarketDataError):
    """Yahoo has nothing for this symbol (unknown, delisted, no profile)."""
