"""The user's writes as operations (app/operations.py), on a real book file: each returns the change it
made, named for who started it, and the operation that undoes it. Undo puts the book back row for row
(a merge of two securities comes apart), redo does it again, and a refused operation writes nothing."""
from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.app import App
from gigatracker.app import operations as op
from gigatracker.app.changes import Changed
from gigatracker.core.ledger import Account, LedgerError, Transaction, TxType
from gigatracker.core.rules import Rule
from gigatracker.core.themes import Theme, ThemeError
from tests.services import test_renames
from tests.services.test_renames import CHIPS, ISIN, PCS
from tests.support.books import dump

book = test_renames.book  # the renames' book: a bit of everything (master, weights, prices, funds, rules)


def rows(path) -> list[str]:
    """The book's content, in an order that does not depend on where SQLite put a row back."""
    return sorted(line for line in dump(path) if "sqlite_sequence" not in line)


def undo_redo_undo(app: App, path, operation: op.Operation):
    """Run, undo, redo, undo: the book after each undo is the book before; after the redo, the same as
    after the first run."""
    before = rows(path)
    done = app.run(operation, origin="window")
    after = rows(path)
    assert after != before
    undone = app.run(done.inverse, origin="undo")
    assert rows(path) == before
    redone = app.run(undone.inverse, origin="redo")
    assert rows(path) == after
    app.run(redone.inverse, origin="undo")
    assert rows(path) == before
    return done


def test_an_outcome_names_what_changed_and_who_started_it(book):
    with App.open(book) as app:
        seen = []
        app.subscribe(seen.append)
        outcome = app.run(op.assign("NVD.DE", [f"{CHIPS}=10000"]), origin="window")
        assert outcome.result == {CHIPS: 10000}
        assert outcome.changed == Changed(themes=True, origin="window")
        assert seen == [outcome.changed]
        app.themes.add_rule(Rule("position", "NVD.DE", 1000))  # outside `run`: no origin
        assert seen[-1] == Changed(rules=True)
        undone = app.run(outcome.inverse, origin="undo")
        assert undone.changed.origin == "undo" and undone.changed.parts() == ("themes",)


def test_a_theme_assignment_is_undone_and_redone(book):
    with App.open(book) as app:
        undo_redo_undo(app, book, op.assign("NVD.DE", [f"{PCS}=10000"]))
        undo_redo_undo(app, book, op.assign_to_theme(["NVD.DE", ISIN], CHIPS, 3000))
        undo_redo_undo(app, book, op.assign(ISIN, []))  # no theme at all, and back


@pytest.mark.sqlite_only("row for row includes ids: SQLite gives a freed id again, a PostgreSQL "
                        "sequence never does (a portfolio or theme made again on redo has a new id)")
def test_an_account_edit_is_undone(book):
    with App.open(book) as app:
        done = undo_redo_undo(app, book, op.edit_account("CTO", new_name="Compte-titres", portfolio="Foyer",
                                                          cost_basis="average"))
        assert done.result == Account("Compte-titres", "Foyer", "EUR", "average")
        assert done.changed.accounts and done.changed.transactions
        undo_redo_undo(app, book, op.add_account(Account("PEA", "Moi", "EUR")))


def test_a_rename_and_a_merge_are_undone_exactly(book):
    with App.open(book) as app:
        undo_redo_undo(app, book, op.rename_securities({ISIN: "NVDA"}))
        # NVD.DE already exists: the two become one (weights, master, prices, rules merged) and come apart
        done = undo_redo_undo(app, book, op.rename_securities({ISIN: "NVD.DE"}))
        assert done.result == {ISIN: 1}
        assert done.changed.securities and done.changed.transactions and done.changed.prices


@pytest.mark.sqlite_only("row for row includes ids: SQLite gives a freed id again, a PostgreSQL "
                        "sequence never does (a portfolio or theme made again on redo has a new id)")
def test_transactions_themes_and_rules_are_undone(book):
    with App.open(book) as app:
        sale = Transaction(date(2024, 3, 4), "CTO", TxType.SELL, "EUR", "NVD.DE", D(1), D(820))
        added = undo_redo_undo(app, book, op.add_transaction(sale))
        assert added.result.id is not None
        buy = next(tx for tx in app.transactions() if tx.symbol == "NVD.DE")
        undo_redo_undo(app, book, op.edit_transaction(buy.id, buy._replace(price=D(799))))
        undo_redo_undo(app, book, op.delete_transaction(buy))
        undo_redo_undo(app, book, op.add_theme("Inference/Edge/AI PCs"))  # three themes made, three removed
        undo_redo_undo(app, book, op.rename_theme("AI", "Thesis/Inference era"))  # a parent made on the way
        chips = next(t for t in app.themes.list_themes() if t.path == CHIPS)
        undo_redo_undo(app, book, op.edit_theme(chips, Theme(chips.taxonomy, CHIPS, "#ff0000", "", 1000, 3000)))
        undo_redo_undo(app, book, op.add_rule(Rule("theme", CHIPS, 2500)))
        rule = next(r for r in app.themes.rules() if r.dimension == "position")
        undo_redo_undo(app, book, op.delete_rule(rule))
        undo_redo_undo(app, book, op.set_base_currency("USD"))


def test_a_refused_operation_writes_nothing_and_an_undo_the_book_no_longer_fits_is_refused(book):
    with App.open(book) as app:
        before = rows(book)
        with pytest.raises(LedgerError):  # more than is held
            app.run(op.add_transaction(Transaction(date(2024, 3, 4), "CTO", TxType.SELL, "EUR", "NVD.DE", D(5),
                                                   D(820))), origin="window")
        assert rows(book) == before
        added = app.run(op.add_theme("Edge"), origin="window")
        app.themes.assign("NVD.DE", ["Edge=10000"])  # the new theme is in use now
        with pytest.raises(ThemeError, match="Edge.*weights"):
            app.run(added.inverse, origin="undo")
        assert [t.path for t in app.themes.list_themes() if t.path == "Edge"] == ["Edge"]


def test_changes_merge_and_name_their_parts():
    from gigatracker.app.changes import EVERYTHING, NOTHING, PARTS

    assert EVERYTHING.parts() == PARTS and not NOTHING
    merged = Changed(themes=True, origin="window") | Changed(rules=True, origin="undo")
    assert merged == Changed(themes=True, rules=True, origin="window")
    assert merged.classification and not merged.valuation and Changed(settings=True).valuation
