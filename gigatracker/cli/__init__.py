"""The command line: the same app, scriptable; every capability has a command with `--format json`. One
module per command group: `ledger` (accounts, transactions, imports), `positions` (holdings, dashboard,
clients, lots, cash, income), `themes`, `market`, `performance`, `exports`, `secrets`; `main` builds the
parser from them and turns every refusal into one line. It never imports the window."""
from .main import build_parser, execute, run, wants_window

__all__ = ["build_parser", "execute", "run", "wants_window"]
