"""`python -m gigatracker` and the `gigatracker` console script: with a command, the CLI; with none, the
desktop window (and --self-test, the window's self-test). The window is dispatched here so that the CLI
module never imports the UI and runs where Qt's widgets are absent; and the window starts without the CLI
(its parser and every command group's imports) when the arguments are only the window's own options."""
import sys
from pathlib import Path
from types import SimpleNamespace

from .environment import book_location
from .logs import setup_logging

WINDOW_OPTIONS = {"--book": True, "--screenshot": True, "--self-test": False}  # option: whether it takes a value


def window_arguments(argv: list[str]) -> SimpleNamespace | None:
    """The window's options (book, self_test, screenshot) when `argv` holds nothing else, each written in
    full, as the CLI's parser would read them; None for anything else (a command, --help, --version, an
    abbreviation, a missing value…), which the CLI's parser reads."""
    found = {"book": None, "self_test": False, "screenshot": None}
    words = list(argv)
    while words:
        name, equals, value = words.pop(0).partition("=")
        if name not in WINDOW_OPTIONS:
            return None
        if not WINDOW_OPTIONS[name]:
            if equals:
                return None
            found[name[2:].replace("-", "_")] = True
            continue
        if not equals:
            if not words:
                return None
            value = words.pop(0)
        if not value or value.startswith("-"):
            return None
        found[name[2:]] = book_location(value) if name == "--book" else Path(value)  # a URL stays text
    return SimpleNamespace(**found)


def load_window():
    """The modules the window starts with, the app layer (SQLAlchemy, numpy, the core) before Qt: PySide6
    replaces `__import__` with a hook of its own that makes every module imported after it slower to load
    (SQLAlchemy takes about twice as long). Returns `ui.launch`."""
    from . import app  # noqa: F401 - imported for its side effect: loaded before PySide6
    from .ui import launch
    return launch


def main() -> None:
    args = window_arguments(sys.argv[1:])
    if args is None:  # a command, or what only the CLI's parser reads
        from .cli import build_parser, wants_window
        from .cli.main import command
        args = build_parser().parse_args()
        if not wants_window(args):
            sys.exit(command(args))
    if args.book is None:  # the window's own options (the parser's default has it otherwise)
        from .environment import book_from_environment
        args.book = book_from_environment()
    setup_logging()
    launch = load_window()
    if args.self_test:
        from .ui.self_test import run_self_test
        sys.exit(run_self_test(args.screenshot))
    sys.exit(launch.launch_gui(args.book))


if __name__ == "__main__":
    main()
