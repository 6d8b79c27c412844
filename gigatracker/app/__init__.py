"""The app layer: the open book and the operations that read and write it, one module per domain (ledger and
accounts in `open_book`, `themes`, `market`, `exports`, `performance`), the queries the views and reports ask
(`dashboard`, `clients`, `performance_page`), the change events every write publishes (`changes`) and the demo
book. It never imports the CLI or the window (import-linter's contracts in pyproject.toml)."""
from .open_book import App, Snapshot

__all__ = ["App", "Snapshot"]
