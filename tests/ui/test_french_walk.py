"""Issue 20 (4): a French user meets no English. The window on the demo book in French: every view, every
menu, and every dialog a menu entry opens (each one looked into, then closed); the texts a person reads
(labels, buttons, titles, headers, tooltips, placeholders, menu entries, status bar) must hold no English
word. The book's own data (security, theme, account and portfolio names, symbols) is allowed: a user's
names are theirs."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialogButtonBox, QGroupBox, QHeaderView, QLabel,
                               QLineEdit, QMenu, QTabWidget, QToolBar, QWidget)

from gigatracker.app import App
from gigatracker.app.demo import build_demo_book
from gigatracker.core.themes import DEFAULT_TAXONOMY
from gigatracker.services.language import install_language
from gigatracker.ui.dialogs.transaction import TransactionDialog
from gigatracker.ui.main_window import MainWindow

# Words that are English and not French (French shares "date", "note", "total", "type", "position"…).
ENGLISH = set("""the and of with without needs need not is are was add added price prices refresh all good none
holdings account accounts value cost rule rules open new delete edit save cancel yes close book file files look
settings help view stale unassigned other buy sell shares quantity fees amount every should would could folder
back forward directory detail list size modified create
there their this that these those from into only held when where which while what who how why here yet just
show hide find search please click select choose theme themes weight weights target targets
exposure dashboard welcome transactions transaction import quotes live simulated offline online
reconnecting failed last since ago today yesterday week month year years day days thesis""".split())
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo_fr") / "demo.gtbook"
    build_demo_book(path).close()
    return path


def book_words(app: App) -> set[str]:
    """Every word of the book's own names: they are the user's, in whatever language."""
    names = set(app.security_names().values()) | set(app.security_names()) | set(app.portfolios())
    names |= {account.name for account in app.accounts()}
    names |= {theme.path for theme in app.themes.list_themes()} | (set(app.themes.taxonomies()) - {DEFAULT_TAXONOMY})
    # (the taxonomy every book starts with is the app's own: its name is translated)
    names |= {text for thesis in app.themes.theses() for text in (thesis.statement, thesis.kill_criteria, thesis.catalysts)}
    return {word.lower() for name in names if name for word in WORD.findall(name)}


def texts_of(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything a person reads in `widget` and its children."""
    found: list[tuple[str, str]] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        if not child.isVisibleTo(widget) and child is not widget:
            continue
        name = f"{type(child).__name__}({child.objectName()})"
        found.append((f"{name}.toolTip", child.toolTip()))
        found.append((f"{name}.windowTitle", child.windowTitle() if child.isWindow() else ""))
        if isinstance(child, QLabel):
            found.append((f"{name}.text", child.text()))
        elif isinstance(child, QAbstractButton):
            found.append((f"{name}.text", child.text()))
        elif isinstance(child, QGroupBox):
            found.append((f"{name}.title", child.title()))
        elif isinstance(child, QLineEdit):
            found.append((f"{name}.placeholder", child.placeholderText()))
        elif isinstance(child, QComboBox):
            found += [(f"{name}.item", child.itemText(i)) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            found += [(f"{name}.tab", child.tabText(i)) for i in range(child.count())]
        elif isinstance(child, QHeaderView) and child.model() is not None:
            found += [(f"{name}.header", str(child.model().headerData(i, child.orientation()) or ""))
                      for i in range(child.count()) if child.orientation() == Qt.Orientation.Horizontal]
    return found


def menu_texts(menu: QMenu, path: str = "") -> list[tuple[str, str]]:
    found = []
    for action in menu.actions():
        where = f"menu {path}/{action.text()}"
        found += [(where, action.text()), (where + ".toolTip", action.toolTip() if action.toolTip() != action.text()
                                              .replace("&", "") else ""), (where + ".statusTip", action.statusTip())]
        if action.menu() is not None:
            found += menu_texts(action.menu(), path + "/" + action.text())
    return found


def english_in(found: list[tuple[str, str]], allowed: set[str]) -> list[str]:
    problems = []
    for where, text in found:
        plain = TAGS.sub(" ", text or "").replace("&", "")
        if plain.startswith("/"):  # a file's path
            continue
        words = {word.lower() for word in WORD.findall(plain)} - allowed
        english = sorted(words & ENGLISH)
        if english:
            problems.append(f"{where}: {plain.strip()[:120]!r} ({', '.join(english)})")
    return problems


def opened_by(window: QWidget, dialog: QWidget) -> bool:
    parent = dialog.parentWidget()
    while parent is not None and parent is not window:
        parent = parent.parentWidget()
    return parent is window


def dialogs_of(qtbot, window: MainWindow) -> list[tuple[str, str]]:
    """What each dialog a menu entry opens shows (a modal one is read, then closed)."""
    found: list[tuple[str, str]] = []
    skip = ("Quit", "Quitter", "Lock", "Verrouiller")
    actions = [action for menu in window.menuBar().findChildren(QMenu) for action in menu.actions()
               if action.text().endswith("…") and not action.text().replace("&", "").startswith(skip)]
    for action in actions:
        def close_modal(action=action):
            modal = next((w for w in QApplication.topLevelWidgets()  # ours: another test may have left one
                          if w.isVisible() and w.isModal() and opened_by(window, w)), None)
            if modal is None:
                return
            if isinstance(modal, TransactionDialog):  # its problems too: OK on an empty form shows them all
                modal.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
                assert any(label.isVisible() for label in modal.errors.values())
            found.extend((f"dialog {action.text()} > {where}", text) for where, text in texts_of(modal))
            modal.close()
            if hasattr(modal, "reject"):
                modal.reject()
        closer = QTimer(window)
        closer.timeout.connect(close_modal)
        closer.start(50)
        action.trigger()
        qtbot.wait(300)
        closer.stop()
        close_modal()
    return found


def test_a_french_user_meets_no_english(qtbot, demo_book):
    assert install_language("fr")
    app = App.open(demo_book)
    window = MainWindow(app, page="dashboard")
    qtbot.addWidget(window)
    window.resize(1280, 760)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 15 and window.dashboard.total.value.text() != "—",
                    timeout=30_000)
    allowed = book_words(app) | {"gigatracker", "yahoo", "etf", "pdf", "csv", "xlsx", "json", "isin", "fifo", "pru",
                                 "ttwror", "irr", "hhi", "ok"}
    found: list[tuple[str, str]] = []
    for page in window.pages:
        window.show_page(page)
        qtbot.wait(400)  # a view fills when first shown
        found += [(f"{page} > {where}", text) for where, text in texts_of(window.pages[page])]
    found += [(f"status bar > {where}", text) for where, text in texts_of(window.statusBar())]
    found += [(f"toolbar > {where}", text) for toolbar in window.findChildren(QToolBar)
              for where, text in texts_of(toolbar)]
    for menu in window.menuBar().findChildren(QMenu):
        if menu.parent() is window.menuBar():
            found += [(f"menu {menu.title()}", menu.title())] + menu_texts(menu, menu.title())
    dialogs = dialogs_of(qtbot, window)
    assert len({where.split(" > ")[0] for where, _ in dialogs}) >= 12  # every menu entry's dialog was read
    found += dialogs
    problems = english_in(found, allowed)
    window.close()
    app.close()
    install_language("en")
    assert not problems, f"{len(problems)} English text(s) in French:\n" + "\n".join(problems)
