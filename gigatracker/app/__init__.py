"""The app layer: the open book and the operations that read and write it, one module per domain (ledger and
accounts in `open_book`, `themes`, `market`, `exports`, `performance`, `security`), the user's writes as
undoable `operations`, the queries the views and reports ask (`dashboard`, `clients`, `performance_page`,
`window_data`, `report_data`), the change events every write publishes (`changes`) and the demo book. It
never imports the CLI or the window (import-linter's contracts in pyproject.toml)."""
from ..services.store import default_book_path
from .open_book import App, Snapshot

__all__ = ["App", "Snapshot", "default_book_path"]
