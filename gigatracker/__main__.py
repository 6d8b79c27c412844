"""`python -m gigatracker` and the `gigatracker` console script."""
import sys

from .cli import run


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
