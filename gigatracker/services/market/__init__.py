"""Market data from Yahoo (through yfinance): daily history, security metadata, fund holdings, FX."""
