"""Idempotency keys are stored in every book: a new way of computing them would import every old file
again. The key of a known row is pinned (computed by the first implementation)."""
from datetime import date
from decimal import Decimal as D

from gigatracker.core.ledger import Transaction, TxType
from gigatracker.services.importers.transactions import row_key


def test_the_idempotency_key_of_a_row_never_changes():
    tx = Transaction(date(2024, 3, 1), "CTO", TxType.SELL, "EUR", "AIR.PA", D("6"), D("130.5"), None, D("1.20"), D(0),
                     note="n")
    assert row_key(tx, 0) == "8790c50367050abde375694323eade8a5a390078facd1f66d3d141fc9416124b"
    assert row_key(tx, 2) == "e3a1daad50612d8ac8ed035e0e517caab146ad32aaa844dbcdf6bcdfb3d18992"
