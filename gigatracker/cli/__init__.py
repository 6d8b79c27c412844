"""The command line: the same app, scriptable; every capability has a command with `--format json`. One
module per command group (`main` holds the parser, the ledger's commands and the error handling, `themes`,
`market`, `performance`, `exports`, `secrets` the rest). It never imports the window."""
from .main import build_parser, execute, run, wants_window

__all__ = ["build_parser", "execute", "run", "wants_window"]
