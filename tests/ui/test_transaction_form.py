"""The transaction dialog as a form a person fills in (issue 20, point 5): no red before a field is touched,
every problem once and on its own field, OK with problems shows them all and puts the cursor in the first,
nothing moves when a problem line appears or goes, and dates written the way the locale (and the tables)
write them. Typed with real key clicks and focus changes into the real dialog, on a real book."""
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFormLayout, QLabel

from gigatracker.app import App
from gigatracker.core.ledger import LedgerError, Transaction, TxType
from gigatracker.ui.dialogs.transaction import TransactionDialog
from gigatracker.ui.format import date_format
from gigatracker.ui.format import format_date
from gigatracker.ui.launch import wait_for_workers


@pytest.fixture
def app(tmp_path):
    with App.create(tmp_path / "form.gtbook", "EUR") as book:
        book.add_account("Foyer", "PEA", "EUR")
        book.add_transactions([
            Transaction(date(2024, 1, 2), "PEA", TxType.DEPOSIT, "EUR", amount=D(10_000)),
            Transaction(date(2024, 1, 3), "PEA", TxType.BUY, "EUR", "ASML.AS", D(5), D(700)),
        ])
        yield book
        wait_for_workers()  # no book check is still reading when the book closes


class Writer:
    """What the window's write path does with OK: here, it records the transaction and, when told to,
    refuses it as the store would."""

    def __init__(self):
        self.sent: list[Transaction] = []
        self.refusal: Exception | None = None

    def __call__(self, tx, done, refused):
        self.sent.append(tx)
        if self.refusal is not None:
            refused(self.refusal)
        else:
            done(None)


@pytest.fixture
def writer():
    return Writer()


@pytest.fixture
def open_dialog(qtbot, app, writer):
    def open_(**preset) -> TransactionDialog:
        preset.setdefault("type", "BUY")
        preset.setdefault("date", date(2024, 2, 1))
        dialog = TransactionDialog(app, app.accounts(), ["ASML.AS"], writer, preset=preset)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        return dialog
    return open_


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def shown_problems(dialog) -> dict[str, str]:
    return {name: label.text() for name, label in dialog.errors.items() if label.isVisible()}


def red_lines(dialog) -> list[str]:
    """Every line of text the dialog shows in a label that is not a field's name: the problems, each once."""
    names = {dialog.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text()
             for row in range(dialog.form.rowCount())}
    return [line for label in dialog.findChildren(QLabel) if label.isVisible() and label.text() not in names
            for line in label.text().splitlines() if line]


def click_into(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
    assert QApplication.focusWidget() is widget


def retype(qtbot, widget, text: str) -> None:
    click_into(qtbot, widget)
    widget.selectAll()
    QTest.keyClick(widget, Qt.Key.Key_Backspace)
    qtbot.keyClicks(widget, text)


def positions(dialog) -> dict[str, tuple[int, int, int, int]]:
    QApplication.processEvents()  # the layout settles
    places = {name: (*widget.mapTo(dialog, QPoint(0, 0)).toTuple(), widget.width(), widget.height())
              for name, widget in dialog.fields.items() if widget.isVisible()}
    places["OK"] = (*ok_button(dialog).mapTo(dialog, QPoint(0, 0)).toTuple(), 0, 0)
    places["dialog"] = (0, 0, *dialog.size().toTuple())
    return places


def test_nothing_is_red_before_the_user_touches_a_field(open_dialog):
    dialog = open_dialog()
    _, problems = dialog.transaction()
    assert {"symbol", "quantity", "price"} <= set(problems)  # there are problems: they wait
    assert shown_problems(dialog) == {} and red_lines(dialog) == []
    assert ok_button(dialog).isEnabled()  # OK is how the user asks what is missing


def test_leaving_a_field_shows_its_problem_and_no_other(qtbot, open_dialog):
    dialog = open_dialog()
    click_into(qtbot, dialog.symbol)
    QTest.keyClick(dialog.symbol, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.quantity
    assert shown_problems(dialog) == {"symbol": "a Buy needs a symbol"}
    QTest.keyClick(dialog.quantity, Qt.Key.Key_Tab)
    assert shown_problems(dialog) == {"symbol": "a Buy needs a symbol", "quantity": "a Buy needs a quantity"}
    assert red_lines(dialog) == ["a Buy needs a symbol", "a Buy needs a quantity"]  # each once
    assert not ok_button(dialog).isEnabled()


def test_typing_shows_that_fields_problem_once_and_fixing_it_clears_it(qtbot, open_dialog):
    dialog = open_dialog()
    click_into(qtbot, dialog.quantity)
    qtbot.keyClicks(dialog.quantity, "abc")
    assert shown_problems(dialog) == {"quantity": "'abc' is not a number"}
    assert red_lines(dialog) == ["'abc' is not a number"]
    assert not ok_button(dialog).isEnabled()
    retype(qtbot, dialog.quantity, "3")
    assert shown_problems(dialog) == {} and red_lines(dialog) == []
    assert ok_button(dialog).isEnabled()  # the symbol and price wait for the user, or for OK


def test_a_currency_typed_in_is_checked_as_it_is_typed(qtbot, open_dialog):
    dialog = open_dialog()
    click_into(qtbot, dialog.currency)
    qtbot.keyClicks(dialog.currency, "X")
    assert shown_problems(dialog) == {"currency": "unknown currency 'EURX'"}


def test_ok_with_problems_shows_them_all_once_and_puts_the_cursor_in_the_first(qtbot, open_dialog, writer):
    dialog = open_dialog()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert writer.sent == [] and dialog.isVisible()
    assert shown_problems(dialog) == {"symbol": "a Buy needs a symbol", "quantity": "a Buy needs a quantity",
                                      "price": "a Buy needs a price or an amount"}
    assert red_lines(dialog) == ["a Buy needs a symbol", "a Buy needs a quantity", "a Buy needs a price or an amount"]
    assert QApplication.focusWidget() is dialog.symbol
    qtbot.keyClicks(dialog.symbol, "NVDA")  # typed where the cursor was put
    assert set(shown_problems(dialog)) == {"quantity", "price"}  # the others stay: OK was pressed


def test_ok_puts_the_cursor_in_the_first_bad_field_in_form_order(qtbot, open_dialog, writer):
    dialog = open_dialog(symbol="NVDA", price=D(120))
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert shown_problems(dialog) == {"quantity": "a Buy needs a quantity"} and writer.sent == []
    assert QApplication.focusWidget() is dialog.quantity
    qtbot.keyClicks(dialog.quantity, "10")
    assert shown_problems(dialog) == {} and ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert [(tx.symbol, tx.quantity, tx.price, tx.date) for tx in writer.sent] == [
        ("NVDA", D(10), D(120), date(2024, 2, 1))]
    assert not dialog.isVisible()


def test_problems_appearing_and_going_move_no_field(qtbot, open_dialog):
    dialog = open_dialog()
    calm = positions(dialog)  # no problem shown yet
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert set(shown_problems(dialog)) == {"symbol", "quantity", "price"}
    assert positions(dialog) == calm
    for field, text in ((dialog.symbol, "NVDA"), (dialog.quantity, "10"), (dialog.price, "120")):
        retype(qtbot, field, text)
    assert shown_problems(dialog) == {}
    assert positions(dialog) == calm
    retype(qtbot, dialog.fees, "x")
    assert set(shown_problems(dialog)) == {"fees"}
    assert positions(dialog) == calm
    retype(qtbot, dialog.fees, "")
    for field in (dialog.symbol, dialog.quantity, dialog.price):
        retype(qtbot, field, "")
    assert set(shown_problems(dialog)) == {"symbol", "quantity", "price"}
    assert positions(dialog) == calm


def test_a_ledger_refusal_goes_back_to_the_field_it_names_once(qtbot, open_dialog, writer):
    dialog = open_dialog(symbol="NVDA", quantity=D(10), price=D(120))
    writer.refusal = LedgerError("quantity", "BUY of 10 NVDA in 'PEA' refused", None)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and len(writer.sent) == 1
    assert shown_problems(dialog) == {"quantity": "BUY of 10 NVDA in 'PEA' refused"}
    assert red_lines(dialog) == ["BUY of 10 NVDA in 'PEA' refused"]
    assert QApplication.focusWidget() is dialog.quantity


def test_the_ledgers_joined_problems_each_go_back_to_their_own_field(qtbot, open_dialog, writer):
    dialog = open_dialog(symbol="NVDA", quantity=D(10), price=D(120))
    bare = Transaction(date(2024, 2, 1), "PEA", TxType.BUY, "EUR")  # as the store saw it
    joined = "a BUY needs a symbol; a BUY needs a quantity; a BUY needs a price or an amount"  # as the ledger says it
    writer.refusal = LedgerError("symbol", joined, bare)
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert shown_problems(dialog) == {"symbol": "a Buy needs a symbol", "quantity": "a Buy needs a quantity",
                                      "price": "a Buy needs a price or an amount"}
    assert red_lines(dialog) == ["a Buy needs a symbol", "a Buy needs a quantity", "a Buy needs a price or an amount"]


def test_a_refusal_that_names_no_field_is_said_once_under_the_form(qtbot, open_dialog, writer):
    dialog = open_dialog(symbol="NVDA", quantity=D(10), price=D(120))
    writer.refusal = OSError("the disk is full")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert shown_problems(dialog) == {} and red_lines(dialog) == ["the disk is full"]
    assert dialog.problem.text() == "the disk is full" and dialog.isVisible()


def test_the_books_verdict_on_an_untouched_field_waits_for_ok(qtbot, open_dialog, writer):
    dialog = open_dialog(type="SELL", symbol="ASML.AS", quantity=D(8), price=D(750))  # as the holdings preset
    qtbot.waitUntil(lambda: not dialog._check_timer.isActive(), timeout=2_000)
    wait_for_workers()
    QApplication.processEvents()  # the book check's verdict is delivered
    assert shown_problems(dialog) == {} and red_lines(dialog) == []
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert writer.sent == []  # the book has already said no
    assert list(shown_problems(dialog)) == ["quantity"] and "exceeds the 5 held" in dialog.errors["quantity"].text()
    assert len(red_lines(dialog)) == 1 and QApplication.focusWidget() is dialog.quantity


def test_a_long_problem_keeps_to_its_line_and_is_whole_in_the_tooltip(qtbot, open_dialog):
    dialog = open_dialog(type="SELL", symbol="ASML.AS", price=D(750))
    retype(qtbot, dialog.quantity, "8")
    qtbot.waitUntil(lambda: "quantity" in shown_problems(dialog), timeout=5_000)
    label = dialog.errors["quantity"]
    assert label.text().endswith("(oversell); the account does not allow short selling")
    assert label.toolTip() == label.text() and label.height() == label.fontMetrics().height()


@pytest.fixture
def locale():
    saved = QLocale()
    yield lambda language, country: QLocale.setDefault(QLocale(language, country))
    QLocale.setDefault(saved)


def test_dates_are_written_as_in_the_tables_in_french(qtbot, open_dialog, locale):
    locale(QLocale.Language.French, QLocale.Country.France)
    dialog = open_dialog(type="DEPOSIT", date=date(2024, 1, 15))
    assert dialog.date.displayFormat() == "dd/MM/yyyy"
    assert dialog.date.text() == "15/01/2024" == format_date(date(2024, 1, 15))
    click_into(qtbot, dialog.date)
    assert dialog.date.currentSection() == dialog.date.Section.DaySection
    qtbot.keyClicks(dialog.date, "20022024")  # typed as a French user types a date
    assert dialog.date.text() == "20/02/2024"
    retype(qtbot, dialog.amount, "1 500,5")
    tx, problems = dialog.transaction()
    assert problems == {} and tx.date == date(2024, 2, 20) and tx.amount == D("1500.5")


def test_a_date_problem_writes_its_dates_as_the_field_does(qtbot, open_dialog, locale):
    locale(QLocale.Language.French, QLocale.Country.France)
    dialog = open_dialog(type="DEPOSIT", amount=D(100))
    dialog.date.setDate(QDate(2099, 1, 15))
    today = QLocale().toString(QDate.currentDate(), "dd/MM/yyyy")
    assert shown_problems(dialog) == {"date": f"15/01/2099 is in the future (today is {today})"}
    dialog.date.setDate(QDate(1899, 12, 31))
    assert shown_problems(dialog) == {"date": "31/12/1899 is before 1900"}


def test_american_dates_keep_the_year_in_full(open_dialog, locale):
    locale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert QLocale().dateFormat(QLocale.FormatType.ShortFormat) == "M/d/yy"  # what the year would lose
    dialog = open_dialog(type="DEPOSIT", date=date(2024, 1, 15))
    assert dialog.date.text() == "1/15/2024"


def test_the_date_format_has_the_year_in_full_and_leaves_quoted_text_alone():
    assert date_format(QLocale(QLocale.Language.French, QLocale.Country.France)) == "dd/MM/yyyy"
    assert date_format(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)) == "dd/MM/yyyy"
    assert date_format(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "M/d/yyyy"
    assert date_format(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "dd.MM.yyyy"
    bulgarian = QLocale(QLocale.Language.Bulgarian, QLocale.Country.Bulgaria)
    assert bulgarian.dateFormat(QLocale.FormatType.ShortFormat) == "d.MM.yy\u202f'г'."
    assert date_format(bulgarian) == "d.MM.yyyy\u202f'г'."


def test_leaving_a_field_for_cancel_does_not_flash_its_problem(qtbot, open_dialog, writer):
    dialog = open_dialog()
    click_into(qtbot, dialog.symbol)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mousePress(cancel, Qt.MouseButton.LeftButton)  # the button takes the focus as it is pressed
    assert QApplication.focusWidget() is cancel and shown_problems(dialog) == {}
    qtbot.mouseRelease(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and writer.sent == []
