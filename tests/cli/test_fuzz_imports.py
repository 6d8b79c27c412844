"""Junk into every file reader: random bytes, and real files with bytes flipped, inserted, deleted or cut
short. Each must either import or be refused with a clean error naming the file — never an unexpected
exception — and a refusal must leave the book exactly as it was. `benchmarks/fuzz_soak.py` runs the same
checks for much longer."""
from __future__ import annotations

import os
from datetime import date
from decimal import Decimal as D
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from gigatracker.app import App
from gigatracker.app.demo import build_demo_book
from gigatracker.services.exporters.book_json import BookFileError
from gigatracker.services.importers.csv_reader import ImportRejected, trimmed
from gigatracker.services.importers.theme_pack import PackError
from tests.support.books import dump

pytestmark = pytest.mark.sqlite_only("each example starts from a copy of the demo book's file")

DEMO = files("gigatracker.resources") / "demo"
PRESET_SAMPLES = Path(__file__).parents[1] / "data" / "presets"
CLEAN = (ImportRejected, PackError, BookFileError)
EXAMPLES = int(os.environ.get("GIGATRACKER_FUZZ_EXAMPLES", "40"))
SAMPLES: dict[str, bytes] = {}  # the real files, by reader (kept out of Hypothesis's failure reports)


def read_transactions(app: App, path: Path, folder: Path) -> None:
    app.import_transactions(path, folder / "transactions.mapping.toml", account="PEA")


def preset_reader(preset: str, account: str | None = "PEA"):
    def read(app: App, path: Path, folder: Path) -> None:
        app.import_with_preset(path, preset, account=account)
    return read


def read_prices(app: App, path: Path, folder: Path) -> None:
    app.import_prices(path)


def read_fund(app: App, path: Path, folder: Path) -> None:
    from datetime import date
    app.themes.import_fund_holdings(path, folder / "holdings.mapping.toml", fund="SOXX", as_of=date(2026, 10, 31))


def read_pack(app: App, path: Path, folder: Path) -> None:
    app.themes.import_pack(path)


def read_book(app: App, path: Path, folder: Path) -> None:
    target = folder / "imported.gtbook"
    try:
        App.import_book(path, target).close()
    finally:
        for leftover in folder.glob("imported.gtbook*"):
            leftover.unlink()


READERS = {  # reader, the real file it is fed mutated
    "transactions": (read_transactions, "transactions.csv"),
    "prices": (read_prices, "prices.csv"),
    "fund holdings": (read_fund, "funds/soxx.csv"),
    "theme pack": (read_pack, "themes.json"),
    "book file": (read_book, "book.json"),
    **{f"preset {preset}": (preset_reader(preset), PRESET_SAMPLES / sample) for preset, sample in (
        ("ghostfolio-json", "ghostfolio.json"), ("ghostfolio-csv", "ghostfolio.csv"),
        ("wealthfolio", "wealthfolio.csv"), ("degiro", "degiro_account_nl.csv"), ("ibkr-flex-xml", "ibkr_flex.xml"),
        ("ibkr-flex-csv", "ibkr_flex.csv"), ("portfolio-performance", "portfolio_performance.csv"),
        ("auto", "degiro_account_en.csv"))},
    "preset degiro (wrapped rows, corporate actions)": (preset_reader("degiro"),
                                                        PRESET_SAMPLES / "degiro_account_de.csv"),
    "preset portfolio-performance-xml": (preset_reader("portfolio-performance-xml", account=None),
                                         PRESET_SAMPLES / "portfolio_performance.xml"),
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A demo book, its mapping files and real sample files (a book file exported from it)."""
    folder = tmp_path_factory.mktemp("fuzz")
    build_demo_book(folder / "demo.gtbook").close()
    (folder / "transactions.mapping.toml").write_bytes((DEMO / "transactions.mapping.toml").read_bytes())
    (folder / "holdings.mapping.toml").write_bytes((DEMO / "funds" / "holdings.mapping.toml").read_bytes())
    with App.open(folder / "demo.gtbook") as app:
        app.exports.export_book(folder / "book.json")
    SAMPLES.update({name: (folder / "book.json").read_bytes() if source == "book.json" else
                    source.read_bytes() if isinstance(source, Path) else (DEMO / source).read_bytes()
                    for name, (_reader, source) in READERS.items()})
    return folder


def mutate(data: bytes, edits: list[tuple[int, int, int]], cut: float | None) -> bytes:
    """Apply (kind, position, byte) edits: 0 flips a byte, 1 inserts one, 2 deletes one; then maybe cut."""
    buffer = bytearray(data)
    for kind, position, value in edits:
        if not buffer:
            break
        at = position % len(buffer)
        if kind == 0:
            buffer[at] = value
        elif kind == 1:
            buffer.insert(at, value)
        else:
            del buffer[at]
    if cut is not None:
        buffer = buffer[:int(len(buffer) * cut)]
    return bytes(buffer)


def check(workspace, name: str, data: bytes) -> None:
    folder = workspace
    reader, _source = READERS[name]
    path = folder / f"input-{name.replace(' ', '-')}"
    path.write_bytes(data)
    book = folder / "demo.gtbook"
    before = dump(book)
    with App.open(book) as app:
        try:
            reader(app, path, folder)
        except CLEAN as error:
            assert str(path) in str(error) or any(str(path) in str(p) for p in getattr(error, "problems", [])), error
            assert dump(book) == before, "a refused file changed the book"
            return
    # accepted: undo what it added so the next example starts from the same book
    if dump(book) != before:
        restore = folder / "demo.gtbook"
        restore.unlink()
        for suffix in ("-wal", "-shm"):
            Path(str(restore) + suffix).unlink(missing_ok=True)
        build_demo_book(restore).close()


FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.parametrize("name", list(READERS))
@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes_are_refused_cleanly(workspace, name, data):
    check(workspace, name, data)


@pytest.mark.parametrize("name", list(READERS))
@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)), max_size=12),
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_mutated_real_files_import_or_are_refused_cleanly(workspace, name, edits, cut):
    check(workspace, name, mutate(SAMPLES[name], edits, cut))


# -- the input rule, cell by cell (issue 16): symbols, numbers and dates drawn around the cases that once got in
MAPPING = "[columns]\n" + "".join(f'{name} = "{name}"\n' for name in ("date", "type", "symbol", "quantity", "price",
                                                                       "currency"))
UNSAFE = ["\u200b", "\u202e", "\u2066", "\x00", "\x1b[31m", "\x07", "\ufeff", "\r", "\t", "\x85"]
GOOD_SYMBOLS = st.sampled_from(["AIR.PA", "NVDA", "^GSPC", "BRK-B", "EURUSD=X", "ASML.AS"])
BAD_SYMBOLS = st.one_of(st.builds(lambda base, bad, at: base[:at] + bad + base[at:], st.sampled_from(["AIR.PA", "NVDA"]),
                                  st.sampled_from(UNSAFE), st.integers(0, 6)), st.text(max_size=12))
GOOD_NUMBERS = st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=D("0.0001"),
                           max_value=10**6).map(str)
BAD_NUMBERS = st.one_of(st.sampled_from(["1e-200000", "1e-10000000", "1E5", "inf", "NaN", "-5", "-0", "0", "0.0",
                                         "0." + "0" * 25 + "1", "1" * 40, "9" * 16, "1_000", "١٢", "+3"]),
                        st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**6,
                                    max_value=0).map(str),
                        st.text(alphabet="0123456789.,-+eE ", max_size=10))
GOOD_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date.today()).map(date.isoformat)
BAD_DATES = st.one_of(st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
                      st.sampled_from(["1899-12-31", "0001-01-01", "9999-12-31", "2025-02-30", "2025-1-5",
                                       " 2025-01-05", "2025-01-05\u200b"]))


def mostly(good, bad):
    """A cell that meets the rule three times in four, so that whole rows get accepted and checked too."""
    return st.one_of(good, good, good, bad)


SYMBOLS, NUMBERS, DATES = mostly(GOOD_SYMBOLS, BAD_SYMBOLS), mostly(GOOD_NUMBERS, BAD_NUMBERS), \
    mostly(GOOD_DATES, BAD_DATES)


def tally(outcome: str) -> None:
    """Counted for benchmarks/fuzz_soak.py's figures (GIGATRACKER_FUZZ_TALLY names the file)."""
    if os.environ.get("GIGATRACKER_FUZZ_TALLY"):
        with open(os.environ["GIGATRACKER_FUZZ_TALLY"], "a", encoding="utf-8") as out:
            out.write(outcome + "\n")


@FUZZ
@given(symbol=SYMBOLS, quantity=NUMBERS, price=NUMBERS, day=DATES)
def test_mapping_cells_meet_the_input_rule_or_are_refused_naming_them(workspace, symbol, quantity, price, day):
    import csv
    import io
    from datetime import date
    from decimal import Decimal

    from gigatracker.core.checks import symbol_problem
    from gigatracker.core.money import MAX_MAGNITUDE

    mapping, path = workspace / "cells.mapping.toml", workspace / "cells.csv"
    mapping.write_text(MAPPING, encoding="utf-8")
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([["date", "type", "symbol", "quantity", "price", "currency"],
                                                     [day, "BUY", symbol, quantity, price, "EUR"]])
    path.write_bytes(text.getvalue().encode("utf-8"))
    with App.open(workspace / "demo.gtbook") as app:
        try:
            result = app.import_transactions(path, mapping, account="PEA", dry_run=True)
        except CLEAN as error:
            assert all(f"{path}:" in str(p) for p in error.problems), error
            tally("refused " + ",".join(sorted({p.field for p in error.problems})))
            return
    tally("accepted")
    [tx] = result.transactions  # accepted: what it stores meets the rule, and says what the cells said
    assert symbol_problem(tx.symbol) is None and tx.symbol == trimmed(symbol)
    assert date(1900, 1, 1) <= tx.date <= date.today() and tx.date == date(*map(int, day.split("-")))
    assert tx.quantity == Decimal(quantity) > 0  # never a flipped sign or a silent 0
    assert tx.price == Decimal(price) >= 0 and abs(tx.price) < MAX_MAGNITUDE
    assert len(tx.price.as_tuple().digits) <= 34 and len(tx.quantity.as_tuple().digits) <= 34
