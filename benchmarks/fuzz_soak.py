"""Fuzz soak: the junk-input checks of tests/cli/test_fuzz_imports.py (random bytes and mutated real files
into every file reader: transactions CSV through a mapping, every import preset, prices, fund holdings,
theme packs, book files), and the input rule cell by cell (symbols, numbers and dates of the mapping importer,
drawn around the cases of issue 16), and of tests/services/test_stream_frames.py (the live feed's decoder:
20 mutations of Yahoo's real frames and 5 random byte strings per example), with many more examples. Prints the examples run, the time and what the
cells came to (accepted, or refused by field); exits non-zero on the first input that raises anything but a
clean import error, changes the book although refused, or is accepted without meeting the rule.

    python benchmarks/fuzz_soak.py [--examples 5000]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=5000, help="per reader and per kind of junk")
    args = parser.parse_args()
    started = time.monotonic()
    tally = Path(tempfile.mkstemp(suffix=".tally")[1])
    env = {**os.environ, "GIGATRACKER_FUZZ_EXAMPLES": str(args.examples), "GIGATRACKER_FUZZ_TALLY": str(tally)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/cli/test_fuzz_imports.py", "tests/services/test_stream_frames.py"], cwd=ROOT, env=env)
    sys.path.insert(0, str(ROOT))
    from tests.cli.test_fuzz_imports import READERS
    readers = len(READERS)
    print(f"{args.examples:,} examples x {readers} readers x 2 kinds of junk = {args.examples * readers * 2:,} inputs "
          f"and {args.examples * 25:,} stream frames in {time.monotonic() - started:.0f} s")
    print("PASS: every input imported or was refused cleanly, every accepted row met the input rule, and every "
          "frame decoded to a sane tick or was refused" if result.returncode == 0 else
          "FAIL: an input crashed a reader, changed a book it was refused from, was accepted without meeting the "
          "input rule, or a frame escaped the decoder's refusal (the pytest output above names it)")
    outcomes = Counter(tally.read_text(encoding="utf-8").splitlines())
    tally.unlink()
    print(f"input rule, cell by cell: {sum(outcomes.values()):,} rows (Hypothesis's runs, shrinking included): "
          + ", ".join(f"{what} {count:,}" for what, count in outcomes.most_common()))
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
