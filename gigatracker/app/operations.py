"""The user's writes as operations: each does one write through the app and returns the operation that
undoes it, so undo and redo live here, beside the writes, for the window and any other front end.

`App.run(operation, origin=…)` runs one and returns an `Outcome`: its result, the `Changed` it made
(naming who started it) and its inverse. Undoing runs the inverse, which returns the operation that
redoes it, and so on: a transaction deleted then put back keeps its row, a rename that merged two
securities comes apart exactly.

`kind` and `subject` name an operation for the Edit menu ("Add %1" with "BUY NVDA 2026-11-02"); the
window translates the kind.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from .changes import Changed
from ..core.ledger import Account, Transaction
from ..core.rules import Rule
from ..core.themes import DEFAULT_TAXONOMY, Theme

if TYPE_CHECKING:
    from .open_book import App


@dataclass(frozen=True)
class Step:
    result: object
    inverse: "Operation | None"  # None: this write cannot be undone (an import, a quote refresh…)


@dataclass(frozen=True)
class Operation:
    kind: str  # what it does, e.g. "add_transaction" (the window's Edit menu translates it)
    subject: str  # what it does it to, e.g. "BUY NVDA 2026-11-02"
    apply: Callable[["App"], Step]


@dataclass(frozen=True)
class Outcome:
    operation: Operation
    result: object
    changed: Changed
    inverse: Operation | None


def plain(kind: str, subject: str, write: Callable[["App"], object]) -> Operation:
    """A write that is not undone (an import, a backup, a quote refresh): run through the same path."""
    return Operation(kind, subject, lambda app: Step(write(app), None))


# -- transactions ---------------------------------------------------------------------------------
def tx_label(tx: Transaction) -> str:
    return f"{tx.type.value} {tx.symbol or ''} {tx.date}".replace("  ", " ")


def add_transaction(tx: Transaction, *, allow_future: bool = False) -> Operation:
    def apply(app: "App") -> Step:
        stored = app.add_transactions([tx], allow_future=allow_future)[0]
        return Step(stored, delete_transaction(stored))
    return Operation("add_transaction", tx_label(tx), apply)


def delete_transaction(tx: Transaction) -> Operation:
    """Refused if a later transaction needs it; undone by putting its row back exactly."""
    def apply(app: "App") -> Step:
        if tx.id is None:
            raise ValueError("transaction: only a stored transaction (with its id) can be deleted")
        row = app.delete_transaction(tx.id, seen=tx)  # refused if another desk changed it since
        return Step(row, _restore_transaction(tx, row))
    return Operation("delete_transaction", tx_label(tx), apply)


def _restore_transaction(tx: Transaction, row: dict) -> Operation:
    def apply(app: "App") -> Step:
        tx_id = app.restore_transaction(row)
        return Step(tx_id, delete_transaction(tx._replace(id=tx_id)))
    return Operation("add_transaction", tx_label(tx), apply)


def edit_transaction(tx_id: int, tx: Transaction, *, allow_future: bool = False,
                     seen: Transaction | None = None, stamp: tuple[str | None, str | None] | None = None
                     ) -> Operation:
    """`seen`: the transaction as the editor read it (refused if another desk changed it since). Undone by
    putting back the row as it was, who wrote it and when included (`stamp`)."""
    def apply(app: "App") -> Step:
        written = app.written(tx_id)
        old = app.update_transaction(tx_id, tx, allow_future=allow_future, seen=seen, stamp=stamp)
        now = app.transaction(tx_id)
        return Step(old, edit_transaction(tx_id, old, allow_future=True, seen=now, stamp=written))  # accepted once
    return Operation("edit_transaction", tx_label(tx), apply)


# -- accounts -------------------------------------------------------------------------------------
def add_account(account: Account) -> Operation:
    def apply(app: "App") -> Step:
        app.add_account(account.portfolio, account.name, account.currency, account.cost_basis,
                        short_selling=account.short_selling)
        return Step(account, delete_account(account.name))
    return Operation("add_account", account.name, apply)


def delete_account(name: str) -> Operation:
    def apply(app: "App") -> Step:
        account = next((a for a in app.accounts() if a.name == name), None)
        app.delete_account(name)  # refused for a missing account or one with transactions
        assert account is not None
        return Step(account, add_account(account))
    return Operation("delete_account", name, apply)


def edit_account(name: str, *, new_name: str | None = None, portfolio: str | None = None,
                 cost_basis: str | None = None, short_selling: bool | None = None) -> Operation:
    def apply(app: "App") -> Step:
        old = next((a for a in app.accounts() if a.name == name), None)
        new = app.update_account(name, new_name=new_name, portfolio=portfolio, cost_basis=cost_basis,
                                 short_selling=short_selling)
        assert old is not None  # update_account refuses an unknown name
        return Step(new, edit_account(new.name, new_name=old.name, portfolio=old.portfolio,
                                      cost_basis=old.cost_basis, short_selling=old.short_selling))
    return Operation("edit_account", new_name or name, apply)


def set_base_currency(currency: str) -> Operation:
    def apply(app: "App") -> Step:
        before = app.base_currency
        app.set_base_currency(currency)
        return Step(currency, set_base_currency(before))
    return Operation("base_currency", currency.strip().upper(), apply)


# -- securities -----------------------------------------------------------------------------------
def rename_securities(renames: dict[str, str]) -> Operation:
    """Undone exactly, a merge included (see services/store/renames.py)."""
    def apply(app: "App") -> Step:
        moved, images = app.rename_securities_keeping(renames)
        return Step(moved, _put_back_renames(renames, images))
    return Operation("rename_symbol", ", ".join(f"{old} → {new}" for old, new in renames.items()), apply)


def _put_back_renames(renames: dict[str, str], images: list) -> Operation:
    def apply(app: "App") -> Step:
        app.put_back_renames(images)
        return Step(None, rename_securities(renames))
    return Operation("rename_symbol", ", ".join(renames), apply)


# -- themes ---------------------------------------------------------------------------------------
def _weights_of(app: "App", symbols: list[str], taxonomy: str) -> dict[str, dict[str, int]]:
    current = app.themes.assignments().get(taxonomy, {})
    return {symbol: dict(current.get(symbol, {})) for symbol in symbols}


def set_weights(weights: dict[str, dict[str, int]], *, taxonomy: str = DEFAULT_TAXONOMY) -> Operation:
    """Securities' weights in a taxonomy, replaced ({}: no theme); undone by the weights they had."""
    def apply(app: "App") -> Step:
        before = _weights_of(app, list(weights), taxonomy)
        app.themes.set_weights(weights, taxonomy=taxonomy)
        return Step(weights, set_weights(before, taxonomy=taxonomy))
    return Operation("assign_themes", ", ".join(weights), apply)


def assign(symbol: str, specs: list[str], *, taxonomy: str = DEFAULT_TAXONOMY) -> Operation:
    """`PATH=BP` specs for one security (themes.assign)."""
    def apply(app: "App") -> Step:
        before = _weights_of(app, [symbol], taxonomy)
        after = app.themes.assign(symbol, specs, taxonomy=taxonomy)
        return Step(after, set_weights(before, taxonomy=taxonomy))
    return Operation("assign_themes", symbol, apply)


def assign_to_theme(symbols: list[str], path: str, weight_bp: int | None, *,
                    taxonomy: str = DEFAULT_TAXONOMY) -> Operation:
    def apply(app: "App") -> Step:
        before = _weights_of(app, symbols, taxonomy)
        given = app.themes.assign_to_theme(symbols, path, weight_bp, taxonomy=taxonomy)
        return Step(given, set_weights(before, taxonomy=taxonomy))
    return Operation("assign_themes", ", ".join(symbols), apply)


def add_theme(path: str, *, taxonomy: str = DEFAULT_TAXONOMY) -> Operation:
    """A new theme (and its missing parents); undone by removing what it created."""
    def apply(app: "App") -> Step:
        created = app.themes.add_theme(path, taxonomy=taxonomy)
        return Step(created, _remove_themes(created, taxonomy, path))
    return Operation("add_theme", path, apply)


def _remove_themes(paths: list[str], taxonomy: str, label: str) -> Operation:
    def apply(app: "App") -> Step:
        removed = app.themes.remove_new_themes(paths, taxonomy=taxonomy)
        return Step(removed, _recreate_themes(removed, label))
    return Operation("add_theme", label, apply)


def _recreate_themes(themes: list[Theme], label: str) -> Operation:
    def apply(app: "App") -> Step:
        for theme in themes:  # parents first, as they were removed children first
            app.themes.add_theme(theme.path, taxonomy=theme.taxonomy, colour=theme.colour,
                                 description=theme.description, target_min_bp=theme.target_min_bp,
                                 target_max_bp=theme.target_max_bp)
        return Step(themes, _remove_themes([t.path for t in themes], themes[0].taxonomy if themes else "", label))
    return Operation("add_theme", label, apply)


def edit_theme(before: Theme, after: Theme) -> Operation:
    """A theme's colour, description or target range."""
    def apply(app: "App") -> Step:
        app.themes.add_theme(after.path, taxonomy=after.taxonomy, colour=after.colour,
                             description=after.description, target_min_bp=after.target_min_bp,
                             target_max_bp=after.target_max_bp)
        return Step(after, edit_theme(after, before))
    return Operation("edit_theme", after.path, apply)


def rename_theme(old: str, new: str, *, taxonomy: str = DEFAULT_TAXONOMY) -> Operation:
    """Rename or move a theme with its sub-themes; undone by moving it back and removing the parents the
    move created."""
    def apply(app: "App") -> Step:
        known = {t.path for t in app.themes.list_themes() if t.taxonomy == taxonomy}
        moved = app.themes.rename_theme(old, new, taxonomy=taxonomy)
        created = [t.path for t in app.themes.list_themes()
                   if t.taxonomy == taxonomy and t.path not in known and not _under(t.path, new)]
        return Step(moved, _rename_back(new, old, created, taxonomy))
    return Operation("rename_theme", f"{old} → {new}", apply)


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root + "/")


def _rename_back(current: str, original: str, created: list[str], taxonomy: str) -> Operation:
    def apply(app: "App") -> Step:
        moved = app.themes.rename_theme(current, original, taxonomy=taxonomy)
        if created:
            app.themes.remove_new_themes(created, taxonomy=taxonomy)
        return Step(moved, rename_theme(original, current, taxonomy=taxonomy))
    return Operation("rename_theme", f"{current} → {original}", apply)


# -- rules ----------------------------------------------------------------------------------------
def add_rule(rule: Rule) -> Operation:
    def apply(app: "App") -> Step:
        rule_id = app.themes.add_rule(rule)
        return Step(rule_id, delete_rule(replace(rule, id=rule_id)))
    return Operation("add_rule", rule.key, apply)


def delete_rule(rule: Rule) -> Operation:
    """`rule` as stored (with its id)."""
    def apply(app: "App") -> Step:
        if rule.id is None:
            raise ValueError("rule: only a stored rule (with its id) can be deleted")
        app.themes.delete_rule(rule.id)
        return Step(None, add_rule(replace(rule, id=None)))
    return Operation("delete_rule", rule.key, apply)
