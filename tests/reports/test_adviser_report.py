"""The adviser's PDF report, made the way an adviser makes it (the CLI, or the window's menu): the text
pdftotext finds in it carries the client's name, total and top theme weights; the first page is rendered
to a PNG (tests/screenshots/, looked at)."""
import subprocess
from decimal import Decimal as D
from pathlib import Path

import pytest

from gigatracker.app.demo import build_demo_book

SCREENSHOTS = Path(__file__).parents[1] / "screenshots"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gtbook"
    build_demo_book(path).close()
    return path


def test_one_client_report(cli, demo, tmp_path, poppler):
    out = tmp_path / "dupont.pdf"
    cli("report", "--portfolio", "Client Dupont", "--out", out, "--book", demo)
    text = pdf_text(out)
    dashboard = cli.json("dashboard", "--portfolio", "Client Dupont", "--book", demo)
    total = D(dashboard["total_base"])
    assert "Client Dupont" in text
    assert f"Total value: {total:,.2f} EUR" in text
    for theme in dashboard["top_themes"][:3]:  # the top theme weights, as the exposure computes them
        weight = f"{D(theme['weight_bp']) / 100:.1f} %"
        line = next(line for line in text.splitlines() if line.strip().startswith(theme["theme"]))
        assert line.rstrip().endswith(weight), (line, weight)
    assert "Funds looked through to their holdings: 70.1 %" in text
    assert "NVDA (one position) at most 15 % of the" in " ".join(text.split()) and "trim" in text  # (cell wraps)
    # the largest position by weight of the securities held (34.5 %) is not its weight in the portfolio with
    # its cash (33.6 %, the rule's): the report says so
    assert "of the securities held: cash left out" in " ".join(text.split())
    assert "Data provenance" in text and "1 USD = " in text and "EURUSD=X" in text
    assert "AI gigafactories" in text and "overdue" in text
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(out),
                    str(SCREENSHOTS / "report_page")], check=True)
    page = SCREENSHOTS / "report_page-1.png"
    assert page.exists() and page.stat().st_size > 20_000  # a page with charts, not a blank one


def test_a_report_per_portfolio_in_french(cli, demo, tmp_path, poppler):
    cli("report", "--all", "--out", tmp_path / "reports", "--language", "fr", "--book", demo)
    files = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert files == ["Client Dupont.pdf", "Foyer Martin.pdf"]
    text = pdf_text(tmp_path / "reports" / "Foyer Martin.pdf")
    assert "Rapport de portefeuille du" in text and "Valeur totale : 106 847,39 EUR" in text.replace("\u202f", " ")
    assert "Exposition thématique" in text


def test_an_unknown_portfolio_is_refused(cli, demo, tmp_path):
    failed = cli("report", "--portfolio", "Nobody", "--out", tmp_path / "x.pdf", "--book", demo, ok=False)
    assert "unknown portfolio 'Nobody'" in failed.stderr and not (tmp_path / "x.pdf").exists()


def test_the_window_exports_a_client_report(qtbot, demo, tmp_path, monkeypatch, poppler):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from gigatracker.app import App
    from gigatracker.ui.main_window import MainWindow

    QSettings().setValue("quotes/refresh", "manual")
    app = App.open(demo)
    window = MainWindow(app, page="clients")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.clients.table.rowCount() == 2, timeout=20_000)
    out = tmp_path / "martin.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    window.clients.table.selectRow(1)
    window.clients.report_button.click()
    qtbot.waitUntil(out.exists, timeout=20_000)
    assert "Foyer Martin" in pdf_text(out)
    window.close()
    from gigatracker.ui.launch import wait_for_workers
    wait_for_workers()  # the window's background reads end here, not in a later test
    app.close()


def test_the_performance_section_states_the_cli_figures(cli, demo, tmp_path, poppler):
    """Returns by period as `performance` gives them, the benchmark, the contributions by theme adding up
    to the year's TTWROR; the page with the value chart rendered (looked at)."""
    out = tmp_path / "dupont.pdf"
    cli("report", "--portfolio", "Client Dupont", "--out", out, "--book", demo)
    text = pdf_text(out)
    assert "Performance" in text and "60 % SOXX + 40 % VVSM.DE" in text
    for period, label in (("ytd", "Year to date"), ("1y", "1 year")):
        figures = cli.json("performance", "--portfolio", "Client Dupont", "--period", period, "--book", demo)
        line = next(line for line in text.splitlines() if line.strip().startswith(label))
        assert f"{figures['ttwror'] * 100:+.2f} %" in line and f"{figures['irr'] * 100:+.2f} %" in line, line
        assert f"{figures['benchmark']['benchmark_ttwror'] * 100:+.2f} %" in line, line
    themes = cli.json("performance", "--by", "theme", "--look-through", "--portfolio", "Client Dupont",
                      "--period", "1y", "--book", demo)
    for row in themes["themes"][:-1]:
        name = row["theme"].split("/")[-1]
        line = next(line for line in text.splitlines() if line.strip().startswith(name) and "pts" not in line
                    and line.count("%") >= 1 and "EUR" in line)
        assert f"{row['contribution'] * 100:.2f}" in line, (line, row)
    assert "add up to it" in text and "tracking error" in text
    page = next(i for i, chunk in enumerate(text.split("\f"), start=1) if "Value and invested capital" in chunk)
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), str(out),
                    str(SCREENSHOTS / "report_performance")], check=True)
    image = next(SCREENSHOTS.glob(f"report_performance-{page}.png"), None) or next(SCREENSHOTS.glob("report_performance-*.png"))
    assert image.stat().st_size > 20_000
