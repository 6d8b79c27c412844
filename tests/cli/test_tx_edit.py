"""Editing and deleting transactions: refused changes write nothing; a delete can be put back exactly."""
from datetime import date
from decimal import Decimal

import pytest

from gigatracker.app import App
from gigatracker.core.ledger import LedgerError, Transaction, TxType
from tests.support.books import dump



@pytest.fixture
def book(tmp_path):
    path = tmp_path / "b.gtbook"
    with App.create(path, "EUR") as app:
        app.add_account("P", "CTO", "EUR")
        app.add_transactions([
            Transaction(date(2024, 1, 2), "CTO", TxType.DEPOSIT, "EUR", amount=Decimal(5000)),
            Transaction(date(2024, 1, 3), "CTO", TxType.BUY, "EUR", "AIR.PA", Decimal(10), Decimal("120.50")),
            Transaction(date(2024, 3, 1), "CTO", TxType.SELL, "EUR", "AIR.PA", Decimal(6), Decimal(130)),
        ])
    return path


def test_an_edit_that_would_oversell_is_refused_and_writes_nothing(book):
    before = dump(book)
    with App.open(book) as app:
        buy = app.transactions()[1]
        problem = app.check_transaction(buy._replace(quantity=Decimal(5)), replacing=buy.id)
        assert problem is not None and "SELL" in problem.message and f"#{buy.id + 1}" in problem.message
        with pytest.raises(LedgerError):
            app.update_transaction(buy.id, buy._replace(quantity=Decimal(5)))
    assert dump(book) == before


def test_an_edit_keeps_the_id_and_changes_the_holding(book):
    with App.open(book) as app:
        buy = app.transactions()[1]
        assert app.check_transaction(buy._replace(quantity=Decimal(12)), replacing=buy.id) is None
        old = app.update_transaction(buy.id, buy._replace(quantity=Decimal(12)))
        assert old == buy
        assert app.transaction(buy.id).quantity == Decimal(12)
        assert app.holdings()[0].quantity == Decimal(6)


def test_deleting_the_buy_behind_a_sale_is_refused(book):
    before = dump(book)
    with App.open(book) as app:
        with pytest.raises(LedgerError, match="SELL of 2024-03-01"):
            app.delete_transaction(app.transactions()[1].id)
    assert dump(book) == before


def test_delete_then_restore_gives_back_the_same_book(book):
    before = dump(book)
    with App.open(book) as app:
        sell = app.transactions()[2]
        row = app.delete_transaction(sell.id)
        assert app.holdings()[0].quantity == Decimal(10)
        app.restore_transaction(row)
    assert dump(book) == before


def test_a_restore_that_no_longer_fits_is_refused(book):
    with App.open(book) as app:
        sell = app.transactions()[2]
        row = app.delete_transaction(sell.id)
        app.add_transaction(Transaction(date(2024, 2, 1), "CTO", TxType.SELL, "EUR", "AIR.PA", Decimal(10),
                                        Decimal(125)))
        with pytest.raises(LedgerError):
            app.restore_transaction(row)
        assert len(app.transactions()) == 3


def test_cli_edit_and_delete(cli, book):
    cli("tx", "edit", "3", "--quantity", "4", "--book", book)
    txs = cli.json("tx", "list", "--book", book)
    assert txs[2]["quantity"] == "4"
    failed = cli("tx", "delete", "2", "--book", book, ok=False)
    assert "would fail" in failed.stderr
    cli("tx", "delete", "3", "--book", book)
    assert len(cli.json("tx", "list", "--book", book)) == 2


def test_added_transactions_come_back_with_their_ids(book):
    with App.open(book) as app:
        added = app.add_transactions([
            Transaction(date(2024, 4, 1), "CTO", TxType.DEPOSIT, "EUR", amount=Decimal(10)),
            Transaction(date(2024, 4, 2), "CTO", TxType.FEE, "EUR", amount=Decimal(1)),
        ])
        assert [app.transaction(tx.id).type for tx in added] == [TxType.DEPOSIT, TxType.FEE]
