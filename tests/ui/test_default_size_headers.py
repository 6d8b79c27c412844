"""At the window's default size (1280×760) on the demo book, no column title of the holdings, transactions,
clients and exposure tables is cut: each fits its section whole (in bold, as a column with a selected row
shows it, and beside the sort arrow on the sorted column), and each section lies inside its table; names
take the width left and a name too long for it shows whole in a tooltip (issue 20, point 8)."""
import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QHelpEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QStyleOptionViewItem, QToolTip

from gigatracker.app import App
from gigatracker.app.demo import build_demo_book
from gigatracker.services.language import install_language
from gigatracker.ui.main_window import MainWindow
from gigatracker.ui.models.holdings import NAME, QUANTITY
from tests.ui.conftest import SCREENSHOTS


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gtbook"
    build_demo_book(path).close()
    return path


def cut_titles(table) -> list[str]:
    """The titles a table's header cuts: elided (its label's room, in the style's own terms, is narrower
    than the title in bold) or running past the table's edge."""
    header, model = table.horizontalHeader(), table.model()
    bold = QFont(header.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    cut = []
    for section in range(model.columnCount()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        option = QStyleOptionHeader()
        option.initFrom(header)
        option.state |= QStyle.StateFlag.State_Horizontal
        option.orientation = Qt.Orientation.Horizontal
        option.section, option.text = section, text
        option.rect = QRect(0, 0, header.sectionSize(section), header.height())
        arrow = header.isSortIndicatorShown() and header.sortIndicatorSection() == section
        option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown if arrow else \
            QStyleOptionHeader.SortIndicator.None_
        label = header.style().subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
        left = header.sectionViewportPosition(section)
        needs = max(metrics.horizontalAdvance(line) for line in text.split("\n"))  # a title may have 2 lines
        if label.width() < needs or left < 0 or left + header.sectionSize(section) > table.viewport().width():
            cut.append(f"{text} ({label.width()} px for {needs}, at {left})")
    return cut


FILLED = {
    "holdings": lambda w: w.model.rowCount() == 15,
    "transactions": lambda w: w.transactions.model.rowCount() > 0,
    "clients": lambda w: w.clients.table.rowCount() == 2 and w.clients.table.item(0, 5).text() != "…",
    "exposure": lambda w: w.exposure.data is not None and w.exposure.heatmap.columnCount() > 0,
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_column_title_is_cut_at_the_default_size(qtbot, demo_book, language):
    install_language(language)
    app = App.open(demo_book)
    window = MainWindow(app, page="holdings")  # no saved geometry: the default size
    qtbot.addWidget(window)
    window.show()
    assert (window.width(), window.height()) == (1280, 760)
    tables = {"holdings": [window.holdings.table], "transactions": [window.transactions.table],
              "clients": [window.clients.table, window.clients.comparison],
              "exposure": [window.exposure.contributors, window.exposure.heatmap]}
    for page, shown in tables.items():
        window.show_page(page)
        qtbot.waitUntil(lambda page=page: FILLED[page](window), timeout=20_000)
        qtbot.wait(50)  # columns sized to their contents settle
        for tab in ((0, 1) if page == "exposure" else (None,)):
            if tab is not None:
                window.exposure.tabs.setCurrentIndex(tab)
                qtbot.wait(50)
            for table in shown:
                if table.isVisible():
                    assert cut_titles(table) == [], f"{page}: {cut_titles(table)}"
        if language == "en" and page in ("holdings", "exposure"):
            SCREENSHOTS.mkdir(exist_ok=True)
            window.grab().save(str(SCREENSHOTS / f"default_size_{page}.png"))
    # a column sorted by the user widens for its arrow rather than cut its title
    window.show_page("holdings")
    header = window.holdings.table.horizontalHeader()
    before = header.sectionSize(QUANTITY)  # as wide as its title: no room for an arrow
    window.holdings.table.sortByColumn(QUANTITY, Qt.SortOrder.DescendingOrder)
    assert header.sectionSize(QUANTITY) > before and cut_titles(window.holdings.table) == []
    window.close()
    app.close()


def test_names_take_the_width_left_and_long_ones_show_whole(qtbot, demo_book):
    app = App.open(demo_book)
    window = MainWindow(app, page="holdings")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: FILLED["holdings"](window), timeout=20_000)
    table, model = window.holdings.table, window.model
    header = table.horizontalHeader()
    assert header.sectionResizeMode(NAME) == QHeaderView.ResizeMode.Stretch
    assert header.length() == table.viewport().width()  # every column in view, no horizontal scrolling
    metrics = table.fontMetrics()
    names = [model.index(row, NAME) for row in range(model.rowCount())]
    whole = sum(metrics.horizontalAdvance(index.data()) + 8 <= header.sectionSize(NAME) for index in names)
    assert whole >= len(names) * 2 // 3  # most whole: only the longest (an ADR's, an ETF's) need their tooltip
    longest = max(names, key=lambda index: metrics.horizontalAdvance(index.data()))
    short = min(names, key=lambda index: metrics.horizontalAdvance(index.data()))
    delegate = table.itemDelegate()
    for index, elided in ((longest, True), (short, False)):
        rect = table.visualRect(index)
        event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), table.viewport().mapToGlobal(rect.center()))
        option = QStyleOptionViewItem()
        option.initFrom(table.viewport())
        option.rect = rect
        assert delegate.helpEvent(event, table, option, index) is elided  # a whole name needs no tooltip
        if elided:
            assert QToolTip.text() == index.data()
    QToolTip.hideText()
    window.close()
    app.close()
