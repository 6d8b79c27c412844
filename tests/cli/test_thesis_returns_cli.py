"""`gigatracker performance --by theme` and benchmarks as a user runs them, on the demo book: the themes'
contributions add up to the book's TTWROR (and a portfolio's), a benchmark is saved, compared and cleared,
and bad input is refused in one line without changing the book."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.support.books import dump


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from tests.conftest import Cli
    folder = tmp_path_factory.mktemp("demo")
    cli = Cli(folder)
    cli("demo", "--book", folder / "demo.gtbook")
    return cli, folder / "demo.gtbook"


@pytest.mark.parametrize("args", [(), ("--portfolio", "Client Dupont", "--period", "1y"),
                                  ("--look-through", "--period", "ytd"), ("--depth", "1", "--period", "2025")])
def test_contributions_by_theme_add_up_to_the_return(demo, args):
    cli, book = demo
    report = cli.json("performance", "--book", book, "--by", "theme", *args)
    plain = cli.json("performance", "--book", book, *[a for a in args if a not in ("--look-through", "--depth", "1")])
    assert report["ttwror"] == pytest.approx(plain["ttwror"], abs=1e-9)
    themes = report["themes"]
    assert sum(t["contribution"] for t in themes) == pytest.approx(report["ttwror"], abs=1e-9)
    names = [t["theme"] for t in themes]
    assert names[-1] == "Cash and other" and names.count("Cash and other") == 1
    assert "Unassigned" not in names or names[-2] == "Unassigned"  # the themes first, sorted
    # The sleeves' values at the end are the scope's final value, and their gains its absolute gain.
    assert sum(D(t["end_value"]) for t in themes) == pytest.approx(D(plain["breakdown"]["final_value"]), abs=D("0.05"))
    assert sum(D(t["gain"]) for t in themes) == pytest.approx(D(plain["absolute_gain"]), abs=D("0.05"))
    assert "weights as they are today" in report["notes"][0]
    if "--look-through" in args:
        assert any("funds looked through" in note for note in report["notes"])
    if "--depth" in args:
        assert {t["theme"] for t in themes} == {"Inference era", "Unassigned", "Cash and other"}


def test_the_theme_table_reads_like_a_report(demo):
    cli, book = demo
    table = cli("performance", "--book", book, "--by", "theme", "--period", "1y").stdout
    assert "Inference era/Inference chips" in table and "pts" in table and "Total" in table
    assert "they add up to it" in table


def test_a_benchmark_is_saved_compared_and_cleared(demo, tmp_path):
    cli, book = demo
    saved = cli.json("benchmark", "list", "--book", book)
    assert {row["portfolio"]: row["parts"] for row in saved} == {
        None: "SOXX=10000", "Client Dupont": "SOXX=6000,VVSM.DE=4000"}
    assert "(the book)" in cli("benchmark", "list", "--book", book).stdout
    report = cli.json("performance", "--book", book, "--portfolio", "Client Dupont", "--period", "1y")
    compared = report["benchmark"]
    assert compared["benchmark"] == "60 % SOXX + 40 % VVSM.DE"
    assert compared["excess"] == pytest.approx(report["ttwror"] - compared["benchmark_ttwror"], abs=1e-9)
    assert compared["beta"] is not None and compared["tracking_error"] > 0
    # The same security as its own benchmark: no excess, a beta of 1, no tracking error.
    alone = cli.json("performance", "--book", book, "--security", "SOXX", "--period", "1y", "--benchmark", "SOXX")
    assert alone["benchmark"]["excess"] == pytest.approx(0, abs=1e-9)
    assert alone["benchmark"]["beta"] == pytest.approx(1, abs=1e-6)
    assert alone["benchmark"]["tracking_error"] == pytest.approx(0, abs=1e-6)
    # An account takes its portfolio's benchmark; the Foyer uses the book's.
    assert cli.json("performance", "--book", book, "--account", "Dupont CTO")["benchmark"]["benchmark"] == \
        "60 % SOXX + 40 % VVSM.DE"
    assert cli.json("performance", "--book", book, "--portfolio", "Foyer Martin")["benchmark"]["benchmark"] == "SOXX"
    text = cli("performance", "--book", book, "--portfolio", "Client Dupont").stdout
    assert "Benchmark       60 % SOXX + 40 % VVSM.DE" in text and "tracking error" in text

    copy = tmp_path / "copy.gtbook"
    cli("backup", "--book", book, "--out", copy)
    cli("benchmark", "set", "--book", copy, "--portfolio", "Foyer Martin", "NVDA=50%", "TSM")
    assert cli.json("performance", "--book", copy, "--portfolio", "Foyer Martin")["benchmark"]["benchmark"] == \
        "50 % NVDA + 50 % TSM"
    assert "removed" in cli("benchmark", "clear", "--book", copy, "--portfolio", "Foyer Martin").stdout
    cli("benchmark", "clear", "--book", copy)
    assert "benchmark" not in cli.json("performance", "--book", copy, "--portfolio", "Foyer Martin")
    # A saved benchmark without closes is a note; a named one is an error.
    cli("benchmark", "set", "--book", copy, "URTH")
    report = cli.json("performance", "--book", copy)
    assert "no closes for the benchmark URTH" in report["benchmark"]["error"]
    refused = cli("performance", "--book", copy, "--benchmark", "URTH", ok=False)
    assert "no closes for the benchmark URTH" in refused.stderr


@pytest.mark.parametrize("args, why", [
    (("benchmark", "set", "SOXX=60%", "URTH=30%"), "the weights add up to 90 %, not 100 %"),
    (("benchmark", "set", "SOXX=abc"), "the weight should be a percentage"),
    (("benchmark", "set", "SOXX", "SOXX"), "SOXX is named twice"),
    (("benchmark", "set", "--portfolio", "Client Dupond", "SOXX"), "did you mean 'Client Dupont'?"),
    (("performance", "--by", "theme", "--taxonomy", "Thesys"), "did you mean 'Thesis'?"),
    (("performance", "--by", "theme", "--security", "NVDA"), "drop --security"),
    (("performance", "--look-through"), "go with --by theme"),
    (("performance", "--benchmark", "SOXX=200%"), "a weight is between 0 and 100 %"),
])
def test_bad_input_is_refused_in_one_line_and_changes_nothing(demo, args, why):
    cli, book = demo
    before = dump(book)
    result = cli(*args[:2], "--book", book, *args[2:], ok=False) if args[0] == "benchmark" else \
        cli(args[0], "--book", book, *args[1:], ok=False)
    assert why in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert dump(book) == before
