"""Issue 20 (4): the core's and the services' messages (written in English, with their values) reach a French
user in French, through services/messages.py — every problem the ledger's own check can give included."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from gigatracker.core.ledger import Account, Transaction, TxType, check_transaction
from gigatracker.services.language import install_language
from gigatracker.services.messages import translated


@pytest.fixture
def french():
    assert install_language("fr")
    yield
    install_language("en")


def test_a_message_is_translated_with_its_values(french):
    assert translated("a BUY needs a symbol") == "Achat : il faut un symbole"
    assert translated("cannot reach Yahoo (DNSError); serving cached prices") == \
        "Yahoo injoignable (DNSError); cours en cache utilisés"
    assert translated("SELL of 5 NVDA on 2024-01-02 in 'PEA' exceeds the 3 held (oversell); the account does "
                      "not allow short selling") == ("Vente de 5 NVDA le 02/01/2024 dans 'PEA' : plus que les 3 "
                                                     "détenus (survente); le compte n’autorise pas la vente à "
                                                     "découvert")
    assert translated("something new the core says") == "something new the core says"  # shown as it is


def test_in_english_nothing_changes():
    install_language("en")
    assert translated("a BUY needs a symbol") == "a Buy needs a symbol"  # the type as the interface names it
    assert translated("cannot reach Yahoo (DNSError); serving cached prices") == \
        "cannot reach Yahoo (DNSError); serving cached prices"


def bad_transactions() -> list[Transaction]:
    """One transaction per problem check_transaction can find."""
    day, T = date(2024, 1, 2), TxType
    return [
        Transaction(day, "Nowhere", T.DEPOSIT, "EUR", amount=D(1)),
        Transaction(day, "PEA", T.DEPOSIT, "XXX", amount=D(1)),
        Transaction(day, "PEA", T.TRANSFER_IN, "EUR"),
        Transaction(day, "PEA", T.TRANSFER_OUT, "EUR", price=D(1), amount=D(1)),
        Transaction(day, "PEA", T.BUY, "EUR", None, D(1), D(1)),
        Transaction(day, "PEA", T.SPLIT, "EUR", "NVDA"),
        Transaction(day, "PEA", T.SPLIT, "EUR", "NVDA", ratio=D(-2)),
        Transaction(day, "PEA", T.BUY, "EUR", "NVDA", None, D(1)),
        Transaction(day, "PEA", T.BUY, "EUR", "NVDA", D(0), D(1)),
        Transaction(day, "PEA", T.BUY, "EUR", "NVDA", D("0.000000001"), D(1)),
        Transaction(day, "PEA", T.BUY, "EUR", "NVDA", D(1)),
        Transaction(day, "PEA", T.DIVIDEND, "EUR", "NVDA"),
        Transaction(day, "PEA", T.BUY, "EUR", "NVDA", D(1), D(-1)),
        Transaction(day, "PEA", T.BUY, "EUR", "NVDA", D(1), D(1), fx_rate=D(0)),
        Transaction(day, "PEA", T.TAX_REFUND, "EUR", None, D(1), amount=D(1)),
        Transaction(day, "PEA", T.FEE_REFUND, "EUR", amount=D(0)),
        Transaction(day, "PEA", T.INTEREST_CHARGE, "EUR", amount=D(1), fees=D(1)),
    ]


def test_every_problem_of_the_ledgers_check_reads_in_french(french):
    accounts = {"PEA": Account("PEA", "Famille", "EUR")}
    problems = [why for tx in bad_transactions() for _, why in check_transaction(tx, accounts)]
    assert len(problems) >= 17
    untranslated = [why for why in problems if translated(why) == why]
    assert untranslated == [], "add these to services/messages.py's TEMPLATES (and translate them)"
