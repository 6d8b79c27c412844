"""`python -m gigatracker` and the `gigatracker` console script: with a command, the CLI; with none, the
desktop window (and --self-test, the window's self-test). The window is dispatched here so that the CLI
module never imports the UI and runs where Qt's widgets are absent."""
import sys

from .cli import build_parser, execute, wants_window
from .logs import setup_logging


def main() -> None:
    args = build_parser().parse_args()
    setup_logging()
    if args.self_test:
        from .ui.self_test import run_self_test
        sys.exit(run_self_test(args.screenshot))
    if wants_window(args):
        from .ui.launch import launch_gui
        sys.exit(launch_gui(args.book))
    sys.exit(execute(args))


if __name__ == "__main__":
    main()
