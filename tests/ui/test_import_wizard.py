"""The import wizard driven page by page on a real book: a French broker's CSV it has never seen (Windows
encoding, semicolons, decimal commas) is read with suggested settings, mapped with a live preview of the
parsed values, refused whole while a row is bad, then imported; the mapping it saves is the CLI's; a known
format (DEGIRO) is recognised and imported through its preset."""
from decimal import Decimal as D
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QWizard

from gigatracker.app import App
from gigatracker.services.importers.mapping import load_mapping
from gigatracker.ui.dialogs import import_wizard
from gigatracker.ui.dialogs.import_wizard import CHECK, COLUMNS, SOURCE, ImportWizard
from gigatracker.ui.main_window import MainWindow
from tests.support.books import dump
from tests.ui.conftest import SCREENSHOTS

PRESETS = Path(__file__).parents[1] / "data" / "presets"
HEADER = "Date;Opération;Valeur;Libellé;Quantité;Cours;Frais;Devise"
ROWS = ["02/01/2025;Achat;AIR.PA;Airbus;10;150,20;1,99;EUR",
        "15/01/2025;Achat;ASML.AS;ASML Holding;3;1 640,50;4,50;EUR",
        "20/03/2025;Vente;AIR.PA;Airbus;4;165,00;1,99;EUR"]


@pytest.fixture
def app(tmp_path):
    app = App.create(tmp_path / "wizard.gtbook", "EUR")
    app.add_account("Moi", "CTO", "EUR")
    yield app
    app.close()


def write_broker_csv(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("cp1252"))  # as Excel on Windows saves it
    return path


def open_wizard(qtbot, app, file: Path) -> ImportWizard:
    wizard = ImportWizard(app, [("CTO", "EUR")])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.file.setText(str(file))
    wizard.next()
    assert wizard.currentId() == SOURCE
    return wizard


def parsed(wizard: ImportWizard, row: int, column: int) -> str:
    return wizard.columns_page.parsed.item(row, column).text()


def test_a_csv_never_seen_is_mapped_checked_and_imported(qtbot, app, tmp_path):
    bad = write_broker_csv(tmp_path / "courtier.csv", [*ROWS[:2], "20/03/2025;Vente;AIR.PA;Airbus;quatre;165,00;1,99;EUR"])
    wizard = open_wizard(qtbot, app, bad)
    source = wizard.source_page
    assert (source.encoding.currentText(), source.delimiter.currentData()) == ("cp1252", ";")
    assert source.preview.horizontalHeaderItem(1).text() == "Opération"  # é decoded as the file wrote it
    assert source.preview.rowCount() == 3

    wizard.next()
    assert wizard.currentId() == COLUMNS
    columns = wizard.columns_page
    qtbot.waitUntil(lambda: not columns.reading, timeout=10_000)
    assert columns.chosen_columns() == {"date": "Date", "type": "Opération", "symbol": "Valeur", "quantity": "Quantité",
                                        "price": "Cours", "fees": "Frais", "currency": "Devise", "name": "Libellé"}
    assert (columns.decimal.currentData(), columns.thousands.currentData()) == (",", " ")
    assert columns.date_format.currentText() == "%d/%m/%Y"
    meanings = {columns.types.item(r, 0).text(): columns.types.cellWidget(r, 1).currentData()
                for r in range(columns.types.rowCount())}
    assert meanings == {"Achat": "BUY", "Vente": "SELL"}
    assert [parsed(wizard, 1, c) for c in range(5)] == ["2025-01-15", "BUY", "ASML.AS", "3", "1640.50"]
    columns.date_format.setCurrentText("%Y-%m-%d")  # the wrong format: the preview says so at once
    assert parsed(wizard, 0, 0).startswith("⚠") and "does not match" in parsed(wizard, 0, 0)
    columns.date_format.setCurrentText("%d/%m/%Y")
    assert parsed(wizard, 0, 0) == "2025-01-02"
    assert parsed(wizard, 2, 3).startswith("⚠ 'quatre' is not a number")
    columns.grab().save(str(SCREENSHOTS / "import_wizard_columns.png"))

    saved = tmp_path / "courtier.mapping.toml"
    columns.save_to(str(saved))
    before = dump(app.book.path)
    wizard.next()
    assert wizard.currentId() == CHECK
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.problems.count() > 0, timeout=10_000)
    assert "Nothing can be imported: 1 problem." in check.summary.text()
    assert check.problems.item(0).text() == "line 4: quantity: 'quatre' is not a number"  # the file goes without saying
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.grab().save(str(SCREENSHOTS / "import_wizard_check.png"))
    assert dump(app.book.path) == before

    good = write_broker_csv(tmp_path / "courtier.csv", ROWS)  # the user fixes the row and checks again
    wizard.back()
    wizard.next()
    qtbot.waitUntil(lambda: check.result is not None, timeout=10_000)
    assert check.summary.text() == "3 rows: 3 to add, 0 already imported."
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    assert dump(app.book.path) == before  # the check wrote nothing

    # The saved mapping is the CLI's: the same file imports through it, to the same transactions.
    mapping = load_mapping(saved)
    assert mapping.types["Vente"].value == "SELL" and mapping.thousands == " " and mapping.encoding == "cp1252"
    app.import_transactions(good, saved, account="CTO")
    held = {p.symbol: (p.quantity, p.cost_basis) for p in app.ledger().positions()}
    assert held == {"AIR.PA": (D(6), (D("1502.00") + D("1.99")) * 6 / 10), "ASML.AS": (D(3), D("4926.00"))}


def test_a_saved_mapping_is_reused(qtbot, app, tmp_path):
    file = write_broker_csv(tmp_path / "courtier.csv", ROWS)
    saved = tmp_path / "saved.toml"
    saved.write_text('[csv]\ndelimiter = ";"\nencoding = "cp1252"\ndecimal = ","\nthousands = " "\n'
                     'date_format = "%d/%m/%Y"\n[columns]\ndate = "Date"\ntype = "Opération"\nsymbol = "Valeur"\n'
                     'quantity = "Quantité"\nprice = "Cours"\n[types]\n"Achat" = "BUY"\n"Vente" = "SELL"\n'
                     '[defaults]\ncurrency = "EUR"\n', encoding="utf-8")
    wizard = open_wizard(qtbot, app, file)
    wizard.source_page.encoding.setCurrentText("utf-8")  # a wrong guess by hand: the page says why
    assert "not valid utf-8" in wizard.source_page.problem.text()
    wizard.source_page.reuse(str(saved))
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.columns_page.reading, timeout=10_000)
    assert wizard.columns_page.chosen_columns() == {"date": "Date", "type": "Opération", "symbol": "Valeur",
                                                    "quantity": "Quantité", "price": "Cours"}  # fees not taken
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.result is not None, timeout=10_000)
    assert wizard.check_page.result.added == 3


def test_type_words_beyond_the_first_rows_come_from_a_read_in_the_background(qtbot, app, tmp_path):
    many = [f"{day:02d}/01/2025;Achat;AIR.PA;Airbus;1;150,00;0;EUR" for day in range(1, 29)] * 20  # 560 rows
    file = write_broker_csv(tmp_path / "long.csv", [*many, "20/03/2025;Dividende;AIR.PA;Airbus;;;0;EUR"])
    wizard = open_wizard(qtbot, app, file)
    wizard.next()
    columns = wizard.columns_page
    qtbot.waitUntil(lambda: not columns.reading, timeout=10_000)
    words = {columns.types.item(r, 0).text(): columns.types.cellWidget(r, 1).currentData()
             for r in range(columns.types.rowCount())}
    assert words == {"Achat": "BUY", "Dividende": "DIVIDEND"}  # the last row's word, far past the preview
    assert len(columns.rows) == 561 and wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_known_format_goes_through_its_preset_from_the_window(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "window.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Moi", "CTO", "EUR")
    book = App.open(path)
    window = MainWindow(book, page="holdings")
    window.show()
    qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)

    def drive(wizard):  # what the user clicks: the file, Next, Next (the format was recognised), Import
        wizard.show()
        wizard.file_page.file.setText(str(PRESETS / "degiro_account_nl.csv"))
        wizard.next()
        assert "Recognised: DEGIRO account statement" in wizard.source_page.recognised.text()
        assert wizard.source_page.use_preset.isChecked()
        wizard.next()
        assert wizard.currentId() == CHECK
        qtbot.waitUntil(lambda: wizard.check_page.result is not None, timeout=10_000)
        assert wizard.check_page.summary.text().startswith("6 rows: 6 to add, 0 already imported. 2 lines")
        assert "line 3: 'Valuta Creditering'" in wizard.check_page.problems.item(0).text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_wizard.ImportWizard, "exec", drive)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "import_summary", None) is not None, timeout=10_000)
    summary = window.import_summary
    assert summary.text().startswith("6 rows read: 6 added, 0 skipped as already imported.")
    assert not window.statusBar().currentMessage().startswith("Importing")  # (it stayed for minutes)
    # DEGIRO names securities by ISIN: the summary says so and offers to find their Yahoo symbols
    assert summary.informativeText().startswith("2 securities are named by ISIN")  # ASML, and NVIDIA (a dividend)
    assert [b.text() for b in summary.buttons()].count("Find Yahoo Symbols…") == 1
    summary.close()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    assert window.model.holding(0).symbol == "NL0010273215"
    window.close()
    book.close()


DEGIRO_HEADER = "Datum,Tijd,Valutadatum,Product,ISIN,Omschrijving,FX,Mutatie,,Saldo,,Order Id\n"


def through_preset(qtbot, app, file: Path) -> ImportWizard:
    wizard = open_wizard(qtbot, app, file)
    assert wizard.source_page.use_preset.isChecked()
    wizard.next()
    assert wizard.currentId() == CHECK
    return wizard


def test_the_check_shows_the_reconciliation_with_the_files_own_balances(qtbot, app):
    wizard = through_preset(qtbot, app, PRESETS / "degiro_account_de.csv")
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.result is not None, timeout=10_000)
    view = check.view
    assert "will differ from the file's own figures in 1 place(s) (2 balances checked)" in view.reconciliation.text()
    cells = [view.differences.item(0, column).text() for column in range(6)]
    assert cells[:5] == ["cash", "CTO · EUR", "4706.44", "4710.41", "3.97"]
    assert "line 5 cash fund -3.96" in cells[5]
    assert "4 continuation row(s) joined" in view.notes.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    wizard.resize(1100, 720)
    wizard.grab().save(str(SCREENSHOTS / "import_wizard_reconciliation.png"))

    agreeing = through_preset(qtbot, app, PRESETS / "degiro_account_fr.csv")
    qtbot.waitUntil(lambda: agreeing.check_page.result is not None, timeout=10_000)
    assert agreeing.check_page.view.reconciliation.text().startswith("✔ Once imported, the book agrees")
    assert agreeing.check_page.view.differences.isHidden()


def test_rows_of_an_unknown_kind_are_skipped_when_ticked(qtbot, app, tmp_path):
    file = tmp_path / "Account.csv"
    file.write_text(DEGIRO_HEADER + '02-01-2025,11:00,02-01-2025,X,IE00UNK0001,Iets Nieuws,,EUR,"-42,00",EUR,'
                                    '"958,00",\n02-01-2025,10:00,02-01-2025,,,iDEAL storting,,EUR,"1000,00",EUR,'
                                    '"1000,00",\n')
    wizard = through_preset(qtbot, app, file)
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.problems.count() > 0, timeout=10_000)
    assert check.result is None and "--skip-unknown" in check.problems.item(0).text()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    check.skip_unknown.setChecked(True)  # checks again, skipping it
    qtbot.waitUntil(lambda: check.result is not None, timeout=10_000)
    assert check.result.added == 1
    assert check.problems.item(0).text() == "line 2: skipped: 'Iets Nieuws' is not a DEGIRO entry GigaTracker knows"
    assert wizard.choice().skip_unknown


def test_a_statement_that_starts_mid_life_asks_what_was_held_before(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "window.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("Moi", "CTO", "EUR")
    file = tmp_path / "Account.csv"
    file.write_text(DEGIRO_HEADER + '15-03-2025,10:00,15-03-2025,ASML HOLDING,NL0010273215,"Verkoop 7 @ 620,00 EUR",,'
                                    'EUR,"4.340,00",EUR,"4.840,00",ord-1\n'
                                    '02-01-2025,09:00,02-01-2025,,,iDEAL storting,,EUR,"500,00",EUR,"500,00",\n')
    book = App.open(path)
    window = MainWindow(book, page="holdings")
    window.show()
    qtbot.waitUntil(lambda: window.data is not None, timeout=10_000)

    def drive(wizard):
        wizard.show()
        wizard.file_page.file.setText(str(file))
        wizard.next()
        wizard.next()
        check = wizard.check_page
        qtbot.waitUntil(lambda: bool(check.openings_needed), timeout=10_000)
        assert check.openings_needed == {"NL0010273215": 7}
        assert "starts after they were bought" in check.summary.text()
        assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        wizard.next()
        openings = wizard.openings_page
        assert [openings.table.item(0, c).text() for c in range(3)] == ["NL0010273215", "7", ""]
        openings.check_again.click()
        assert "total cost '' is not a usable number" in openings.problem.text()
        openings.table.item(0, 2).setText("3 900,50")  # as a French user writes it
        openings.check_again.click()
        qtbot.waitUntil(lambda: openings.result is not None, timeout=10_000)
        assert openings.view.reconciliation.text().startswith("✔ Once imported, the book agrees")
        assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        wizard.resize(1000, 700)
        wizard.grab().save(str(SCREENSHOTS / "import_wizard_openings.png"))
        openings.table.item(0, 2).setText("3900.50")  # an edit: checked again before the import
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        openings.check_again.click()
        qtbot.waitUntil(lambda: openings.result is not None, timeout=10_000)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_wizard.ImportWizard, "exec", drive)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "import_summary", None) is not None, timeout=10_000)
    assert "The book agrees with the file's own figures." in window.import_summary.text()
    window.import_summary.close()
    opening = next(tx for tx in book.transactions() if tx.type.value == "TRANSFER_IN")
    assert (opening.quantity, opening.amount, str(opening.date)) == (7, D("3900.50"), "2025-01-02")
    assert not book.ledger().positions()
    window.close()
    book.close()
