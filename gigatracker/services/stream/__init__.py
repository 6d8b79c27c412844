"""Live quotes: Yahoo's streamer protocol decoded with yfinance's protobuf, our own reconnecting client,
a tick coalescer drained by consumers at their own pace, and a simulated feed for offline demos."""
