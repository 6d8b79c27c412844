"""Messages of the core and the services in the interface's language. The core writes its problems in
English with their values in them ("a BUY needs a symbol"), and never imports Qt; the window and the PDF
show them through `translated`, which finds the template each part of a message was made from, translates
the template (Qt Linguist, context "Messages") and puts the values back. A message no template matches is
shown as it is: a new core message shows in English until it is added here (the French walk test says
which). Values that are themselves words (a transaction type) go through `words`."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, cast

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QT_TRANSLATE_NOOP

from ..core.themes import DEFAULT_TAXONOMY

# Each part of a message ("; " separates parts). %1, %2… stand for values.
TEMPLATES: tuple[str, ...] = cast(tuple[str, ...], (  # (QT_TRANSLATE_NOOP is typed as giving an object)
    # core/ledger.py: check_transaction
    QT_TRANSLATE_NOOP("Messages", "unknown account %1"),
    QT_TRANSLATE_NOOP("Messages", "unknown currency %1"),
    QT_TRANSLATE_NOOP("Messages", "a %1 needs a symbol and a quantity (securities) or an amount (cash)"),
    QT_TRANSLATE_NOOP("Messages", "a %1 of cash has no price: its amount is what moves"),
    QT_TRANSLATE_NOOP("Messages", "a %1 needs a symbol"),
    QT_TRANSLATE_NOOP("Messages", "a SPLIT needs a ratio (new shares per old share)"),
    QT_TRANSLATE_NOOP("Messages", "split ratio must be positive, got %1"),
    QT_TRANSLATE_NOOP("Messages", "a %1 needs a quantity"),
    QT_TRANSLATE_NOOP("Messages", "quantity must be a finite number, got %1"),
    QT_TRANSLATE_NOOP("Messages", "quantity must be positive, got %1"),
    QT_TRANSLATE_NOOP("Messages", "quantity %1 has more than 8 decimals"),
    QT_TRANSLATE_NOOP("Messages", "a %1 needs a price or an amount"),
    QT_TRANSLATE_NOOP("Messages", "a %1 needs an amount"),
    QT_TRANSLATE_NOOP("Messages", "%1 must not be negative (the type gives the direction), got %2"),
    QT_TRANSLATE_NOOP("Messages", "FX rate must be positive, got %1"),
    QT_TRANSLATE_NOOP("Messages", "must be positive, got %1"),
    QT_TRANSLATE_NOOP("Messages", "a %1 has no quantity or price: give its amount"),
    QT_TRANSLATE_NOOP("Messages", "a %1 of 0 means nothing"),
    QT_TRANSLATE_NOOP("Messages", "an INTEREST_CHARGE has no fees or taxes of its own: include them in its amount"),
    # core/ledger.py: what the ledger refuses
    QT_TRANSLATE_NOOP("Messages", "%1 of %2 %3 on %4 in %5: none held (sell before buy?)"),
    QT_TRANSLATE_NOOP("Messages", "%1 of %2 %3 on %4 in %5 exceeds the %6 held (oversell)"),
    QT_TRANSLATE_NOOP("Messages", "the account does not allow short selling"),
    QT_TRANSLATE_NOOP("Messages", "%1 in %2 is held in %3, this %4 is in %5"),
    QT_TRANSLATE_NOOP("Messages", "TRANSFER_IN of %1 %2: only %3 were transferred out before it"),
    QT_TRANSLATE_NOOP("Messages", "TRANSFER_IN of %1 on %2: no TRANSFER_OUT before it, so a price (cost per unit) "
                                  "is needed"),
    # core/checks.py: the input rule
    QT_TRANSLATE_NOOP("Messages", "%1 is not a symbol (letters, digits, spaces and . - = ^ & : / only)"),
    QT_TRANSLATE_NOOP("Messages", "%1 is before %2"),
    QT_TRANSLATE_NOOP("Messages", "%1 is in the future (today is %2)"),
    QT_TRANSLATE_NOOP("Messages", "holds the control or direction character %1 at position %2"),
    # services/importers
    QT_TRANSLATE_NOOP("Messages", "empty"),
    QT_TRANSLATE_NOOP("Messages", "unknown type %1 (map it in [types])"),
    QT_TRANSLATE_NOOP("Messages", "%1 does not match the date format %2"),
    QT_TRANSLATE_NOOP("Messages", "no account (give --account or map an account column)"),
    QT_TRANSLATE_NOOP("Messages", "empty and no default currency"),
    QT_TRANSLATE_NOOP("Messages", "%1 fields, the header has %2"),
    QT_TRANSLATE_NOOP("Messages", "no column %1 in the header"),
    QT_TRANSLATE_NOOP("Messages", "%1 is not a number"),
    # services/market
    QT_TRANSLATE_NOOP("Messages", "cannot reach Yahoo (%1)"),
    QT_TRANSLATE_NOOP("Messages", "serving cached prices"),
    QT_TRANSLATE_NOOP("Messages", "Yahoo is rate limiting requests (HTTP 429)"),
    QT_TRANSLATE_NOOP("Messages", "Yahoo rate limit: waiting until %1 UTC"),
    QT_TRANSLATE_NOOP("Messages", "no price for %1"),
    QT_TRANSLATE_NOOP("Messages", "no FX rate %1->%2"),
    # app/open_book.py: what the total leaves out
    QT_TRANSLATE_NOOP("Messages", "%1: no price for %2"),
    QT_TRANSLATE_NOOP("Messages", "%1: no FX rate %2->%3"),
    QT_TRANSLATE_NOOP("Messages", "%1 cash in %2: no FX rate %3->%4"),
    # services/secrets
    QT_TRANSLATE_NOOP("Messages", "no keyring backend is available on this system"),
    QT_TRANSLATE_NOOP("Messages", "the null backend stores nothing"),
    QT_TRANSLATE_NOOP("Messages", "this backend keeps secrets in a plain or weakly protected file"),
    QT_TRANSLATE_NOOP("Messages", "this backend is not usable here (priority %1)"),
    QT_TRANSLATE_NOOP("Messages", "this backend does not work here"),
))

# Transaction types as the interface names them (the transactions table, the dialogs, and the values of
# messages: "a BUY needs a symbol" is "Achat : il faut un symbole").
TYPE_LABELS: dict[str, str] = cast(dict[str, str], {
    "BUY": QT_TRANSLATE_NOOP("TxType", "Buy"), "SELL": QT_TRANSLATE_NOOP("TxType", "Sell"),
    "DIVIDEND": QT_TRANSLATE_NOOP("TxType", "Dividend"), "INTEREST": QT_TRANSLATE_NOOP("TxType", "Interest"),
    "FEE": QT_TRANSLATE_NOOP("TxType", "Fee"), "TAX": QT_TRANSLATE_NOOP("TxType", "Tax"),
    "DEPOSIT": QT_TRANSLATE_NOOP("TxType", "Deposit"), "WITHDRAWAL": QT_TRANSLATE_NOOP("TxType", "Withdrawal"),
    "SPLIT": QT_TRANSLATE_NOOP("TxType", "Split"), "TRANSFER_IN": QT_TRANSLATE_NOOP("TxType", "Transfer in"),
    "TRANSFER_OUT": QT_TRANSLATE_NOOP("TxType", "Transfer out"),
    "TAX_REFUND": QT_TRANSLATE_NOOP("TxType", "Tax refund"), "FEE_REFUND": QT_TRANSLATE_NOOP("TxType", "Fee refund"),
    "DELIVERY_IN": QT_TRANSLATE_NOOP("TxType", "Delivery in"),
    "DELIVERY_OUT": QT_TRANSLATE_NOOP("TxType", "Delivery out"),
    "INTEREST_CHARGE": QT_TRANSLATE_NOOP("TxType", "Interest charge"),
})


DEFAULT_TAXONOMY_LABEL: str = cast(str, QT_TRANSLATE_NOOP("Taxonomy", "Thesis"))  # the taxonomy every book starts with


def taxonomy_label(name: str) -> str:
    """The default taxonomy ("Thesis") in the interface's language; any other by its own name."""
    return QCoreApplication.translate("Taxonomy", DEFAULT_TAXONOMY_LABEL) if name == DEFAULT_TAXONOMY else name


def type_label(kind: str) -> str:
    return QCoreApplication.translate("TxType", TYPE_LABELS[kind])


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def value_words(value: str) -> str:
    """A message's value as the interface says it: a transaction type by its name, a date as the tables
    write dates (15/01/2024), anything else as it is."""
    if value in TYPE_LABELS:
        return type_label(value)
    if _ISO_DAY.fullmatch(value):
        day = QDate.fromString(value, "yyyy-MM-dd")
        if day.isValid():
            return QLocale().toString(day, QLocale.FormatType.ShortFormat)
    return value


_PLACEHOLDER = re.compile(r"%(\d)")


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[re.Pattern, str]]:
    """(regex matching a part made from the template, the template), the most specific templates first."""
    found = []
    for template in TEMPLATES:
        pieces = _PLACEHOLDER.split(template)
        regex = "".join(re.escape(piece) if i % 2 == 0 else f"(?P<v{piece}>.+?)" for i, piece in enumerate(pieces))
        found.append((re.compile(f"^{regex}$", re.DOTALL), template))
    return sorted(found, key=lambda pair: -len(_PLACEHOLDER.sub("", pair[1])))


def translated(message: str, words: Callable[[str], str] = value_words) -> str:
    """`message` in the interface's language, part by part; `words` translates a value that is a word."""
    return "; ".join(_part(part, words) for part in message.split("; "))


def _part(part: str, words: Callable[[str], str]) -> str:
    for regex, template in _patterns():
        match = regex.match(part)
        if match is None:
            continue
        text = QCoreApplication.translate("Messages", template)
        for name, value in match.groupdict().items():
            text = text.replace(f"%{name[1:]}", words(value))
        return text
    return part
