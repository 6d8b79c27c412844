"""Fuzz soak: the junk-input checks of tests/cli/test_fuzz_imports.py (random bytes and mutated real files
into every file reader: transactions CSV through a mapping, every import preset, prices, fund holdings,
theme packs, book files), with many more examples. Prints the examples run and the time; exits non-zero on the first input
that raises anything but a clean import error, or that changes the book although refused.

    python benchmarks/fuzz_soak.py [--examples 5000]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=5000, help="per reader and per kind of junk")
    args = parser.parse_args()
    started = time.monotonic()
    env = {**os.environ, "GIGATRACKER_FUZZ_EXAMPLES": str(args.examples)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/cli/test_fuzz_imports.py"], cwd=ROOT, env=env)
    sys.path.insert(0, str(ROOT))
    from tests.cli.test_fuzz_imports import READERS
    readers = len(READERS)
    print(f"{args.examples:,} examples x {readers} readers x 2 kinds of junk = {args.examples * readers * 2:,} inputs "
          f"in {time.monotonic() - started:.0f} s: {'no unclean failure' if result.returncode == 0 else 'FAILED'}")
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
