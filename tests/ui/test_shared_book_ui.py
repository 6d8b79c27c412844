"""Two desks, one shared book (issue 21): two windows on the same PostgreSQL database, each refreshing from
the other's writes (LISTEN/NOTIFY) within a second, with no polling; screenshots of both are kept."""
import time
from datetime import date
from decimal import Decimal as D

from gigatracker.app import App
from gigatracker.app import operations as op
from gigatracker.core.ledger import Transaction, TxType
from gigatracker.ui.main_window import MainWindow
from tests.ui.conftest import SCREENSHOTS


def test_two_windows_on_one_shared_book_refresh_each_other(qtbot, postgres_url):
    with App.create(postgres_url, "EUR") as app:
        app.add_account("Martin", "CTO", "EUR")
        app.add_transaction(Transaction(date(2024, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(10_000)))
    desks = []
    for page in ("transactions", "transactions"):
        main = MainWindow(App.open(postgres_url), page=page)
        qtbot.addWidget(main)
        main.resize(1280, 760)
        main.show()
        qtbot.waitUntil(lambda m=main: m.transactions.model.rowCount() == 1, timeout=10_000)
        desks.append(main)
    first, second = desks
    assert "on 127.0.0.1" in first.windowTitle()  # the database's name, not a file's
    for desk in desks:
        qtbot.waitUntil(lambda d=desk: d.app.book._listener is not None and d.app.book._listener.listening.is_set(),
                        timeout=10_000)

    began = time.monotonic()
    first.writes.run(op.add_transaction(Transaction(date(2024, 1, 3), "CTO", TxType.BUY, "EUR", "ASML.AS", D(4),
                                                    D(650))))
    qtbot.waitUntil(lambda: second.transactions.model.rowCount() == 2, timeout=1_000)
    assert time.monotonic() - began < 1.0
    second.writes.run(op.add_transaction(Transaction(date(2024, 1, 4), "CTO", TxType.SELL, "EUR", "ASML.AS", D(1),
                                                     D(700))))
    qtbot.waitUntil(lambda: first.transactions.model.rowCount() == 3, timeout=1_000)
    for desk in desks:
        desk.show_page("holdings")
        qtbot.waitUntil(lambda d=desk: d.model.rowCount() == 1, timeout=5_000)
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, desk in zip(("a", "b"), desks):
        desk.show_page("transactions")
        qtbot.wait(200)
        assert desk.grab().save(str(SCREENSHOTS / f"shared_book_desk_{name}.png"))
    for desk in desks:
        desk.close()
        desk.app.close()


def test_an_advisers_window_shows_only_the_clients_granted_to_them(qtbot, cli, own_postgres_cluster, tmp_path):
    from tests.services.test_server_book import _firm

    urls = _firm(cli, own_postgres_cluster, tmp_path)
    for client, account, amount in (("Martin", "Martin CTO", "1000"), ("Dupont", "Dupont PEA", "2000")):
        cli("account", "add", "--book", urls["claire"], "--portfolio", client, "--name", account, "--currency", "EUR")
        cli("tx", "add", "--book", urls["claire"], "--account", account, "--date", "2024-01-02", "--type", "DEPOSIT",
            "--amount", amount, "--currency", "EUR")
    cli("team", "grant", "paul", "Martin", "--book", urls["claire"])
    windows = {}
    for login in ("claire", "paul"):
        main = MainWindow(App.open(urls[login]), page="transactions")
        qtbot.addWidget(main)
        main.resize(1280, 760)
        main.show()
        windows[login] = main
    qtbot.waitUntil(lambda: windows["claire"].transactions.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: windows["paul"].transactions.model.rowCount() == 1, timeout=10_000)
    portfolios = {login: [w.portfolio_box.itemText(i) for i in range(w.portfolio_box.count())]
                  for login, w in windows.items()}
    assert "Dupont" in portfolios["claire"] and "Dupont" not in portfolios["paul"] and "Martin" in portfolios["paul"]
    assert windows["paul"].header_book.text() == "cabinet" and "paul@" in windows["paul"].header_book.toolTip()
    SCREENSHOTS.mkdir(exist_ok=True)
    for login, window in windows.items():
        qtbot.wait(200)
        assert window.grab().save(str(SCREENSHOTS / f"shared_book_{login}.png"))
        window.close()
        window.app.close()
