"""Shared books on PostgreSQL (issue 21), against a real server the tests start (tests/support/postgres.py):
the same schema and migrations as a file, every command on a postgresql:// URL, a password only ever in the
keyring, one admin command to upgrade, and several writers at once without a lost write or an oversell.
(The store, import and ledger tests also run whole on PostgreSQL: `pytest --book-engine=postgresql`.)"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import date
from decimal import Decimal as D

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from gigatracker.app import App
from gigatracker.app.demo import build_demo_book
from gigatracker.core.ledger import LedgerError, Transaction, TxType
from gigatracker.services.store import Book, BookError, BookTooNewError
from gigatracker.services.store.book import upgrade_schema
from gigatracker.services.store.migrations import SCHEMA_HEAD
from gigatracker.services.store.schema import metadata
from gigatracker.services.store.server_book import WRITE_LOCK, ServerAddress, ServerBook
from tests.support.keyrings import MemoryKeyring, keyring_backend


def test_a_new_shared_book_has_exactly_the_schema_the_code_queries(postgres_url):
    with Book.create(postgres_url, "EUR") as book, book.engine.connect() as conn:
        assert isinstance(book, ServerBook)
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
        triggers = {row[0] for row in conn.exec_driver_sql(
            "SELECT tgname FROM pg_trigger WHERE starts_with(tgname, 'ledger_stamp_')")}
        assert triggers == {"ledger_stamp_transactions_update", "ledger_stamp_transactions_delete",
                            "ledger_stamp_accounts_insert", "ledger_stamp_accounts_update",
                            "ledger_stamp_accounts_delete"}


def test_every_command_takes_a_database_url(cli, postgres_url):
    assert cli("init", "--book", postgres_url).stdout.startswith(f"created {postgres_url} ")
    cli("account", "add", "--book", postgres_url, "--portfolio", "Martin", "--name", "CTO", "--currency", "EUR")
    cli("tx", "add", "--book", postgres_url, "--account", "CTO", "--date", "2024-01-02", "--type", "DEPOSIT",
        "--amount", "5000", "--currency", "EUR")
    cli("tx", "add", "--book", postgres_url, "--account", "CTO", "--date", "2024-01-03", "--type", "BUY",
        "--symbol", "ASML.AS", "--quantity", "4", "--price", "650.5", "--currency", "EUR")
    [holding] = cli.json("holdings", "--book", postgres_url)
    assert (holding["symbol"], holding["quantity"], holding["cost_basis"]) == ("ASML.AS", "4", "2602.00")
    assert cli.json("cash", "--book", postgres_url)[0]["balance"] == "2398.00"
    check = json.loads(cli("book", "check", "--book", postgres_url, "--format", "json").stdout)
    assert (check["ok"], check["integrity"], check["transactions"]) == (True, "ok", 2)
    refused = cli("tx", "add", "--book", postgres_url, "--account", "CTO", "--date", "2024-01-04", "--type", "SELL",
                  "--symbol", "ASML.AS", "--quantity", "5", "--price", "700", "--currency", "EUR", ok=False)
    assert "quantity" in refused.stderr and len(cli.json("tx", "list", "--book", postgres_url)) == 2


def test_a_url_is_not_taken_for_a_file_name(cli, tmp_path, postgres_cluster):
    """Before, `--book postgresql://…` made a folder called `postgresql:`."""
    cli.cwd = tmp_path
    refused = cli("holdings", "--book", postgres_cluster.url("nowhere"), ok=False)
    assert "cannot connect" in refused.stderr and "nowhere" in refused.stderr
    assert not (tmp_path / "postgresql:").exists()
    refused = cli("holdings", "--book", "postgresql://127.0.0.1:1/", ok=False)
    assert "a shared book is a PostgreSQL database" in refused.stderr


def test_the_password_lives_in_the_keyring_never_in_output_or_logs(cli, postgres_cluster, tmp_path):
    url = postgres_cluster.fresh_database()
    database = url.rsplit("/", 1)[1]
    postgres_cluster.add_login("adviser", "s3cret-Pw", database)
    login_url = postgres_cluster.url(database, user="adviser")
    with keyring_backend(MemoryKeyring()) as backend:
        refused = cli("init", "--book", login_url, ok=False)  # no password anywhere yet
        assert "cannot connect" in refused.stderr and "password" in refused.stderr
        wrong = cli("book", "login", "--book", login_url, stdin="not-it\n", ok=False)
        assert "cannot connect" in wrong.stderr and backend.entries == {}
        said = cli("book", "login", "--book", login_url, stdin="s3cret-Pw\n")
        assert backend.entries == {("gigatracker", f"server:adviser@127.0.0.1:{postgres_cluster.port}/{database}"):
                                   "s3cret-Pw"}
        assert "password kept" in said.stdout
        created = cli("init", "--book", login_url)
        cli("account", "add", "--book", login_url, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
        assert [a["name"] for a in cli.json("account", "list", "--book", login_url)] == ["CTO"]
        typed = cli("account", "list", "--book", login_url.replace("adviser@", "adviser:typed-wrong@"), ok=False)
        assert "cannot connect" in typed.stderr and "adviser:***@" in typed.stderr
        cli("book", "logout", "--book", login_url)
        assert backend.entries == {}
    shown = created.stdout + created.stderr + said.stdout + typed.stderr
    assert "s3cret-Pw" not in shown and "typed-wrong" not in shown
    for log in (tmp_path / "home").rglob("*.log"):
        assert "s3cret-Pw" not in log.read_text() and "typed-wrong" not in log.read_text()


def test_an_older_shared_book_waits_for_its_admin_and_a_newer_one_is_refused(cli, postgres_url):
    book = ServerBook.connect(ServerAddress.parse(postgres_url))
    upgrade_schema(book, "0007")
    book.close()
    refused = cli("holdings", "--book", postgres_url, ok=False)
    assert "gigatracker book upgrade" in refused.stderr and "0007" in refused.stderr
    assert f"upgraded to {SCHEMA_HEAD}" in cli("book", "upgrade", "--book", postgres_url).stdout
    assert "nothing to do" in cli("book", "upgrade", "--book", postgres_url).stdout
    with ServerBook.connect(ServerAddress.parse(postgres_url)) as book, book.write() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    refused = cli("holdings", "--book", postgres_url, ok=False)
    assert "newer GigaTracker" in refused.stderr and "9999" in refused.stderr
    with pytest.raises(BookTooNewError, match="9999"):  # the store itself says the same
        Book.open(postgres_url)


def test_a_database_that_holds_a_book_is_not_made_into_another(cli, postgres_url):
    assert "created" in cli("init", "--url", postgres_url).stdout
    with pytest.raises(BookError, match="already holds a book"):
        Book.create(postgres_url, "EUR")


def test_the_demo_book_builds_in_a_database(postgres_url):
    with build_demo_book(postgres_url) as book:
        assert isinstance(book, ServerBook)
    with App.open(postgres_url) as app:
        assert len(app.accounts()) >= 3 and app.ledger().positions()


def _writer(url: str, account: str, count: int) -> subprocess.Popen:
    script = ("import sys; from datetime import date; from decimal import Decimal as D\n"
              "from gigatracker.app import App\nfrom gigatracker.core.ledger import Transaction, TxType\n"
              "with App.open(sys.argv[1]) as app:\n"
              "    for n in range(int(sys.argv[3])):\n"
              "        app.add_transaction(Transaction(date(2024, 1, 1 + n % 28), sys.argv[2], TxType.DEPOSIT, 'EUR',"
              " amount=D(n + 1)))\n")
    return subprocess.Popen([sys.executable, "-c", script, url, account, str(count)], stderr=subprocess.PIPE, text=True)


def test_two_processes_writing_at_once_lose_nothing(postgres_url):
    with App.create(postgres_url, "EUR") as app:
        app.add_account("P", "A", "EUR")
        app.add_account("P", "B", "EUR")
    writers = [_writer(postgres_url, name, 500) for name in ("A", "B")]
    for writer in writers:
        assert writer.wait(timeout=300) == 0, writer.stderr.read() if writer.stderr else ""
    with App.open(postgres_url) as app:
        assert len(app.transactions()) == 1000
        expected = D(500 * 501 // 2)
        assert app.ledger().cash_balances() == {("A", "EUR"): expected, ("B", "EUR"): expected}
        assert app.check_ledger().ok


def test_two_sales_at_once_cannot_oversell(postgres_url):
    """Two desks sell the same 10 shares at the same moment: writes take the book's write lock in turn,
    so the second sale's check sees the first and is refused."""
    with App.create(postgres_url, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transaction(Transaction(date(2024, 1, 2), "CTO", TxType.BUY, "EUR", "NVDA", D(10), D(100)))
    start, results = threading.Barrier(2), []

    def sell() -> None:
        with App.open(postgres_url) as desk:
            start.wait()
            try:
                desk.add_transaction(Transaction(date(2024, 2, 1), "CTO", TxType.SELL, "EUR", "NVDA", D(10), D(120)))
                results.append("sold")
            except LedgerError as error:
                results.append(error.field)
    threads = [threading.Thread(target=sell) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["quantity", "sold"]
    with App.open(postgres_url) as app:
        assert [tx.type for tx in app.transactions()] == [TxType.BUY, TxType.SELL]
        assert app.ledger().positions() == []


def test_a_read_does_not_wait_for_a_write_under_way_to_keep_its_replay(postgres_url):
    """Another desk's long write holds the book's write lock: a read replays and answers at once, without
    keeping its replay (that would have to wait)."""
    import psycopg

    with App.create(postgres_url, "EUR") as app:
        app.add_account("P", "F", "EUR")
        app.add_transaction(Transaction(date(2024, 1, 1), "F", TxType.DEPOSIT, "EUR", amount=D(100)))
        with app.book.write() as conn:
            conn.exec_driver_sql("UPDATE ledger_stamp SET n = n + 1")  # the kept state is stale
        app._state = None
        with psycopg.connect(postgres_url) as other:
            other.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")  # held until `other` ends its transaction
            assert app.ledger_state().ledger.cash_balances() == {("F", "EUR"): D(100)}
            other.rollback()
        from gigatracker.services.store import ledger_state
        with app.book.read() as conn:
            assert ledger_state.load(conn, app.accounts()) is None  # not kept: the next read replays and keeps


def _heard(app: App) -> tuple[list, threading.Event]:
    changes, event = [], threading.Event()

    def listener(change) -> None:
        changes.append(change)
        event.set()
    app.subscribe(listener)
    app.book._listener.listening.wait(10)
    return changes, event


def test_a_desk_hears_another_desks_writes_within_a_second(cli, postgres_url):
    import time

    with App.create(postgres_url, "EUR") as first:
        first.add_account("P", "CTO", "EUR")
    with App.open(postgres_url) as desk, App.open(postgres_url) as other:
        assert desk.ledger().cash_balances() == {}
        changes, heard = _heard(desk)
        began = time.monotonic()
        other.add_transaction(Transaction(date(2024, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(700)))
        assert heard.wait(1.0), "no change heard within a second"
        assert time.monotonic() - began < 1.0
        [change] = changes
        assert change.transactions and change.origin == "elsewhere"
        assert desk.ledger().cash_balances() == {("CTO", "EUR"): D(700)}  # its kept ledger was let go
        heard.clear()
        cli("tx", "add", "--book", postgres_url, "--account", "CTO", "--date", "2024-01-03", "--type", "FEE",
            "--amount", "5", "--currency", "EUR")  # the CLI announces its writes too
        assert heard.wait(5) and changes[-1].transactions
        own = len(changes)
        desk.add_account("P", "PEA", "EUR")  # its own write: told once, as its own (not heard again)
        time.sleep(0.5)
        assert [c.origin for c in changes[own:]] == [""] and changes[-1].accounts


def test_a_desk_that_lost_the_server_listens_again_and_refreshes_everything(postgres_url):
    import psycopg

    Book.create(postgres_url, "EUR").close()
    with App.open(postgres_url) as desk:
        changes, heard = _heard(desk)
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")
        assert heard.wait(10), "no refresh after the connection came back"
        assert changes[-1].transactions and changes[-1].prices and changes[-1].origin == "elsewhere"


def _seen(cli, book) -> dict:
    """What a user sees of a book through the CLI (a sale's transaction id is each book's own numbering)."""
    seen = {what: cli.json(*what.split(), "--book", book) for what in
            ("holdings", "lots", "realized", "cash", "income", "themes list", "rules list", "account list",
             "benchmark list")}
    for sale in seen["realized"]:
        sale.pop("transaction_id")
    return seen


@pytest.mark.sqlite_only("a book file moved into a database: the file must be one")
def test_a_book_moves_to_a_database_and_back_the_same(cli, tmp_path, postgres_url):
    original, back = tmp_path / "demo.gtbook", tmp_path / "back.gtbook"
    build_demo_book(original).close()
    said = cli("book", "copy", str(original), postgres_url).stdout
    assert f"to {postgres_url}:" in said and "read back and found the same" in said
    assert "positions" in said and " 0 transactions" not in said
    cli("book", "copy", postgres_url, str(back))
    seen = _seen(cli, original)
    assert seen["holdings"] and seen["themes list"] and seen["rules list"] and seen["benchmark list"]
    assert _seen(cli, postgres_url) == seen
    assert _seen(cli, back) == seen
    with App.open(original) as app, App.open(back) as copy:
        ours, theirs = app.exports.book_document(), copy.exports.book_document()
    for document in (ours, theirs):
        del document["exported_at"]
    assert ours == theirs


def test_a_copy_never_lands_on_a_book_or_a_file_and_leaves_nothing_when_refused(cli, tmp_path, postgres_url):
    source = tmp_path / "mine.gtbook"
    with App.create(source, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
    Book.create(postgres_url, "EUR").close()
    refused = cli("book", "copy", str(source), postgres_url, ok=False)
    assert "already holds a book" in refused.stderr
    (tmp_path / "taken.gtbook").write_text("mine")
    refused = cli("book", "copy", str(source), str(tmp_path / "taken.gtbook"), ok=False)
    assert "already there" in refused.stderr and (tmp_path / "taken.gtbook").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("taken")) == ["taken.gtbook"]


def test_a_copy_that_fails_half_way_leaves_the_database_empty(postgres_url, monkeypatch, tmp_path):
    from gigatracker.services.exporters import book_copy
    from sqlalchemy import inspect

    source = tmp_path / "mine.gtbook"
    with App.create(source, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transaction(Transaction(date(2024, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(100)))

    def broken(conn, label, document):
        raise BookError("the disk went away")
    monkeypatch.setattr(book_copy, "_fill", broken)
    with App.open(source) as app, pytest.raises(BookError, match="went away"):
        book_copy.copy_book(app.book, postgres_url)
    book = ServerBook.connect(ServerAddress.parse(postgres_url))
    with book.read() as conn:
        assert inspect(conn).get_table_names() == []
    book.close()


def test_an_encrypted_book_copies_once_its_passphrase_is_given(cli, tmp_path, postgres_url):
    source = tmp_path / "secret.gtbook"
    with App.create(source, "EUR", "sésame ouvre-toi") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transaction(Transaction(date(2024, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(1234.5)))
    refused = cli("book", "copy", str(source), postgres_url, ok=False)
    assert "passphrase" in refused.stderr
    cli("book", "copy", str(source), postgres_url, "--passphrase-stdin", stdin="sésame ouvre-toi\n")
    assert cli.json("cash", "--book", postgres_url)[0]["balance"] == "1234.50"


@pytest.mark.sqlite_only("a book file moved into a database: the file must be one")
def test_a_book_file_imports_into_a_database(cli, tmp_path, postgres_url):
    original = tmp_path / "demo.gtbook"
    build_demo_book(original).close()
    cli("export", "book", "--book", str(original), "--out", str(tmp_path / "demo.json"))
    said = cli("import", "book", str(tmp_path / "demo.json"), "--book", postgres_url).stdout
    assert said.startswith(postgres_url) and "accounts" in said
    assert cli.json("holdings", "--book", postgres_url) == cli.json("holdings", "--book", str(original))


def test_an_edit_of_a_row_another_desk_changed_is_refused_naming_who_and_when(postgres_cluster):
    from gigatracker.app import operations as op
    from gigatracker.app.open_book import ChangedElsewhere

    url = postgres_cluster.fresh_database()
    database = url.rsplit("/", 1)[1]
    postgres_cluster.add_login("paul", "pw-paul", database)
    paul_url = postgres_cluster.url(database, user="paul").replace("paul@", "paul:pw-paul@")
    with App.create(paul_url, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transaction(Transaction(date(2024, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=D(100)))
    postgres_cluster.admin_sql("GRANT ALL ON ALL TABLES IN SCHEMA public TO gt_admin", database)
    with App.open(url) as claire, App.open(paul_url) as paul:
        [read] = claire.transactions()  # Claire opens the edit dialog on it
        paul.run(op.edit_transaction(read.id, read._replace(amount=D(150)), seen=paul.transactions()[0]),
                 origin="window")
        with pytest.raises(ChangedElsewhere, match=r"changed by paul at 20\d\d-\d\d-\d\d \d\d:\d\d UTC") as refused:
            claire.run(op.edit_transaction(read.id, read._replace(note="typo"), seen=read), origin="window")
        assert "reload" in str(refused.value)
        with pytest.raises(ChangedElsewhere, match="changed by paul"):
            claire.run(op.delete_transaction(read), origin="window")
        [now] = claire.transactions()
        assert (now.amount, now.note) == (D(150), "")  # Paul's edit stands; Claire's wrote nothing
        claire.run(op.edit_transaction(now.id, now._replace(note="seen"), seen=now), origin="window")  # after reload
        deleted = claire.transactions()[0]
        paul.delete_transaction(deleted.id)
        with pytest.raises(ChangedElsewhere, match="deleted since it was read"):
            claire.run(op.edit_transaction(deleted.id, deleted._replace(note="again"), seen=deleted), origin="window")


def _firm(cli, cluster, tmp_path) -> dict[str, str]:
    """The server as `gigatracker team sql` prepares it (run by the admin in psql, each password set where
    psql would ask it), and the book created by the admin: each login's URL."""
    sql = cli("team", "sql", "--database", "cabinet", "--admin", "claire", "--adviser", "paul", "--adviser", "lea",
              "--assistant", "marie").stdout
    assert "PASSWORD '" not in sql.upper() and "\\password paul" in sql  # psql asks: none is written in it
    script = tmp_path / "setup.sql"
    script.write_text("\n".join(f"ALTER ROLE {line.split()[1]} PASSWORD 'pw';" if line.startswith("\\password")
                                else line for line in sql.splitlines()))
    done = subprocess.run(["psql", cluster.url("postgres"), "-v", "ON_ERROR_STOP=1", "-q", "-f", str(script)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    urls = {login: cluster.url("cabinet", user=login) for login in ("claire", "paul", "lea", "marie")}
    cli("init", "--book", urls["claire"])
    return urls


def test_the_setup_sql_prepares_a_server_where_every_colleague_uses_the_book(cli, own_postgres_cluster, tmp_path):
    """Claire (an admin) creates the book and grants Paul a client; Paul (an adviser) writes it; both read it:
    the book's tables belong to the owner role, not to whoever ran `init`."""
    urls = _firm(cli, own_postgres_cluster, tmp_path)
    cli("team", "grant", "paul", "Martin", "--book", urls["claire"])
    cli("account", "add", "--book", urls["paul"], "--portfolio", "Martin", "--name", "CTO", "--currency", "EUR")
    cli("tx", "add", "--book", urls["paul"], "--account", "CTO", "--date", "2024-01-02", "--type", "DEPOSIT",
        "--amount", "10", "--currency", "EUR")
    assert cli.json("cash", "--book", urls["claire"])[0]["balance"] == "10.00"
    with ServerBook.connect(ServerAddress.parse(urls["claire"])) as book, book.read() as conn:
        owners = {row[0] for row in conn.exec_driver_sql("SELECT DISTINCT tableowner FROM pg_tables "
                                                         "WHERE schemaname = 'public'")}
    assert owners == {"gigatracker_owner"}
    refused = cli("team", "sql", "--database", "Cabinet; DROP", "--admin", "x", ok=False)
    assert "lower-case letters" in refused.stderr


def test_each_login_sees_only_the_clients_granted_to_it(cli, own_postgres_cluster, tmp_path):
    import psycopg

    urls = _firm(cli, own_postgres_cluster, tmp_path)
    admin = urls["claire"]
    for client, account, amount in (("Martin", "Martin CTO", "1000"), ("Dupont", "Dupont PEA", "2000")):
        cli("account", "add", "--book", admin, "--portfolio", client, "--name", account, "--currency", "EUR")
        cli("tx", "add", "--book", admin, "--account", account, "--date", "2024-01-02", "--type", "DEPOSIT",
            "--amount", amount, "--currency", "EUR")
        cli("tx", "add", "--book", admin, "--account", account, "--date", "2024-01-03", "--type", "BUY",
            "--symbol", "ASML.AS", "--quantity", "1", "--price", "600", "--currency", "EUR")
    for login, client in (("paul", "Martin"), ("lea", "Dupont"), ("marie", "Martin")):
        assert "now sees" in cli("team", "grant", login, client, "--book", admin).stdout
    assert cli.json("team", "list", "--book", admin) == [
        {"login": "lea", "portfolio": "Dupont"}, {"login": "marie", "portfolio": "Martin"},
        {"login": "paul", "portfolio": "Martin"}]

    def cash(login: str) -> dict:
        return {row["account"]: row["balance"] for row in cli.json("cash", "--book", urls[login])}
    assert cash("claire") == {"Dupont PEA": "1400.00", "Martin CTO": "400.00"}
    assert cash("paul") == cash("marie") == {"Martin CTO": "400.00"}
    assert cash("lea") == {"Dupont PEA": "1400.00"}
    assert [h["account"] for h in cli.json("holdings", "--book", urls["paul"])] == ["Martin CTO"]
    assert cli.json("team", "list", "--book", urls["paul"]) == [{"login": "paul", "portfolio": "Martin"}]

    # raw SQL as Paul: nothing of Dupont is there to read, and nothing can be written into it
    with psycopg.connect(urls["paul"]) as conn:
        assert conn.execute("SELECT count(*) FROM transactions").fetchone()[0] == 2
        assert conn.execute("SELECT name FROM accounts").fetchall() == [("Martin CTO",)]
        assert conn.execute("SELECT count(*) FROM ledger_holdings WHERE account = 'Dupont PEA'").fetchone()[0] == 0
        dupont = conn.execute("SELECT count(*) FROM portfolios WHERE name = 'Dupont'").fetchone()[0]
        assert dupont == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO team_access (login, portfolio) VALUES ('paul', 'Dupont')")
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # row-level security: not his client
            conn.execute("INSERT INTO transactions (account_id, date, type, amount, fees, taxes, currency, note) "
                         "SELECT 2, '2024-02-01', 'WITHDRAWAL', '1000', '0', '0', 'EUR', ''")
        conn.rollback()
    refused = cli("tx", "add", "--book", urls["paul"], "--account", "Dupont PEA", "--date", "2024-02-01", "--type",
                  "WITHDRAWAL", "--amount", "1000", "--currency", "EUR", ok=False)
    assert "unknown account 'Dupont PEA'" in refused.stderr
    refused = cli("tx", "add", "--book", urls["marie"], "--account", "Martin CTO", "--date", "2024-02-01", "--type",
                  "FEE", "--amount", "1", "--currency", "EUR", ok=False)
    assert "marie may not change this" in refused.stderr and "Traceback" not in refused.stderr
    refused = cli("team", "grant", "paul", "Dupont", "--book", urls["paul"], ok=False)
    assert "only the firm's admins" in refused.stderr
    refused = cli("security", "rename", "ASML.AS", "ASML", "--book", urls["paul"], ok=False)
    assert "the firm's admin does it" in refused.stderr

    # an adviser's write reaches the admin; the book's kept ledger is the admin's, still whole and right
    cli("tx", "add", "--book", urls["paul"], "--account", "Martin CTO", "--date", "2024-02-01", "--type", "FEE",
        "--amount", "5", "--currency", "EUR")
    assert cash("claire") == {"Dupont PEA": "1400.00", "Martin CTO": "395.00"}
    check = json.loads(cli("book", "check", "--book", admin, "--format", "json").stdout)
    assert check["ok"] and check["transactions"] == 5
    assert "no longer sees" in cli("team", "revoke", "paul", "Martin", "--book", admin).stdout
    assert cash("paul") == {}


def test_two_desks_importing_the_same_statement_at_once_add_it_once(postgres_url, tmp_path):
    csv, mapping = tmp_path / "statement.csv", tmp_path / "m.toml"
    csv.write_text("date,type,amount\n" + "".join(f"2024-01-{1 + n % 28:02d},DEPOSIT,{n + 1}\n" for n in range(300)))
    mapping.write_text('[columns]\ndate = "date"\ntype = "type"\namount = "amount"\n')
    with App.create(postgres_url, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
    start, added = threading.Barrier(2), []

    def desk() -> None:
        with App.open(postgres_url) as app:
            start.wait()
            added.append(app.import_transactions(csv, mapping, account="CTO").added)
    threads = [threading.Thread(target=desk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(added) == [0, 300]
    with App.open(postgres_url) as app:
        assert len(app.transactions()) == 300 and app.check_ledger().ok
