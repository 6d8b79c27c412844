"""The outside world (storage, market data, imports) behind small interfaces; no widgets."""
