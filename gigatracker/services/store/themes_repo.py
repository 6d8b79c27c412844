"""Reading and writing the thematic side of a book: security master fields, taxonomies and themes,
assignments, theses and their journal, fund holdings, rules. Callers own the transaction."""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, delete, select, update

from ...core.exposure import FundHolding, FundHoldings, SecurityInfo
from ...core.money import decimal_text
from ...core.rules import Rule
from ...core.themes import JournalEntry, Theme, ThemeError, Thesis, ancestors
from .repository import inserted_id
from .schema import (assignments, fund_holding_sets, fund_holdings, fund_sector_weights, rules, securities,
                     taxonomies, theses, thesis_journal, themes)

MASTER_FIELDS = ("name", "isin", "currency", "asset_class", "exchange", "sector", "industry", "country")


# -- security master --------------------------------------------------------------------------------
def security_id(conn: Connection, symbol: str, *, create: bool = True) -> int | None:
    found = conn.execute(select(securities.c.id).where(securities.c.symbol == symbol)).scalar()
    if found is None and create:
        found = inserted_id(conn.execute(securities.insert().values(symbol=symbol)))
    return found


def set_security(conn: Connection, symbol: str, fields: dict[str, str]) -> None:
    """Create the security if new; set the given fields (the user's edits)."""
    unknown = set(fields) - set(MASTER_FIELDS)
    if unknown:
        raise ValueError(f"unknown security field(s): {', '.join(sorted(unknown))}")
    sid = security_id(conn, symbol)
    if fields:
        conn.execute(update(securities).where(securities.c.id == sid).values(**fields))


def load_master(conn: Connection) -> dict[str, SecurityInfo]:
    columns = [securities.c.symbol] + [securities.c[name] for name in MASTER_FIELDS]
    return {row[0]: SecurityInfo(row[0], *[value or "" for value in row[1:]])
            for row in conn.execute(select(*columns))}


# -- taxonomies and themes --------------------------------------------------------------------------
def taxonomy_id(conn: Connection, name: str, *, create: bool = False) -> int:
    found = conn.execute(select(taxonomies.c.id).where(taxonomies.c.name == name)).scalar()
    if found is None:
        if not create:
            raise ThemeError(f"no taxonomy named '{name}'")
        found = inserted_id(conn.execute(taxonomies.insert().values(name=name)))
    return found


def theme_id(conn: Connection, taxonomy: str, path: str) -> int:
    found = conn.execute(select(themes.c.id).where(themes.c.taxonomy_id == taxonomy_id(conn, taxonomy),
                                                   themes.c.path == path)).scalar()
    if found is None:
        raise ThemeError(f"no theme '{path}' in taxonomy '{taxonomy}' (add it with `themes add`)")
    return found


def add_theme(conn: Connection, theme: Theme) -> list[str]:
    """Create the theme and any missing parents (a new taxonomy too); update an existing theme's
    details. Returns the paths created."""
    tax = taxonomy_id(conn, theme.taxonomy, create=True)
    existing = set(conn.execute(select(themes.c.path).where(themes.c.taxonomy_id == tax)).scalars())
    created = []
    for path in ancestors(theme.path):
        if path not in existing:
            conn.execute(themes.insert().values(taxonomy_id=tax, path=path, colour="", description=""))
            created.append(path)
    details = {"colour": theme.colour, "description": theme.description,
               "target_min_bp": theme.target_min_bp, "target_max_bp": theme.target_max_bp}
    if theme.path in existing:
        conn.execute(update(themes).where(themes.c.taxonomy_id == tax, themes.c.path == theme.path)
                     .values(**details))
    else:
        conn.execute(themes.insert().values(taxonomy_id=tax, path=theme.path, **details))
        created.append(theme.path)
    return created


def delete_unused_themes(conn: Connection, taxonomy: str, paths: list[str]) -> list[Theme]:
    """Delete themes nothing uses yet (no sub-theme left, weight, thesis, note or rule): the undo of
    creating them. Returns them as they were, parents first; refused (ThemeError) if one is in use."""
    tax = taxonomy_id(conn, taxonomy)
    removed = sorted((t for t in load_themes(conn) if t.taxonomy == taxonomy and t.path in set(paths)),
                     key=lambda t: t.path.count("/"))
    gone = {t.path for t in removed}
    every = list(conn.execute(select(themes.c.path).where(themes.c.taxonomy_id == tax)).scalars())
    for theme in reversed(removed):  # children first
        tid = theme_id(conn, taxonomy, theme.path)
        children = [path for path in every if path.startswith(theme.path + "/")]
        in_use = [name for name, column in (("weights", assignments.c.theme_id), ("a thesis", theses.c.theme_id),
                                            ("notes", thesis_journal.c.theme_id))
                  if conn.execute(select(column).where(column == tid).limit(1)).first() is not None]
        if conn.execute(select(rules.c.id).where(rules.c.dimension == "theme", rules.c.taxonomy == taxonomy,
                                                 rules.c.key == theme.path).limit(1)).first() is not None:
            in_use.append("a rule")
        if any(child not in gone for child in children):
            in_use.append("sub-themes")
        if in_use:
            raise ThemeError(f"'{theme.path}' has {', '.join(in_use)} now; it is kept")
        conn.execute(delete(themes).where(themes.c.id == tid))
    return removed


def rename_theme(conn: Connection, taxonomy: str, old: str, new: str) -> int:
    """Give a theme (and its sub-themes) a new path: a rename ("A/B" -> "A/C") or a move ("A/B" -> "D/B").
    Assignments, theses and the journal follow (they point at the theme's id); rules naming the path are
    updated. Missing parents of the new path are created. Returns how many themes moved."""
    tax = taxonomy_id(conn, taxonomy)
    theme_id(conn, taxonomy, old)
    if new == old:
        return 0
    if new.startswith(old + "/"):
        raise ThemeError(f"cannot move '{old}' under itself")
    rows = conn.execute(select(themes.c.id, themes.c.path).where(themes.c.taxonomy_id == tax)).all()
    existing = {path for _, path in rows}
    moving = [(tid, path) for tid, path in rows if path == old or path.startswith(old + "/")]
    renamed = {path: new + path[len(old):] for _, path in moving}
    clash = sorted(set(renamed.values()) & (existing - set(renamed)))
    if clash:
        raise ThemeError(f"a theme '{clash[0]}' already exists in '{taxonomy}'")
    for tid, path in moving:
        conn.execute(update(themes).where(themes.c.id == tid).values(path=renamed[path]))
    for path in ancestors(new):
        if path not in existing and path not in renamed.values():
            conn.execute(themes.insert().values(taxonomy_id=tax, path=path, colour="", description=""))
    for before, after in renamed.items():
        conn.execute(update(rules).where(rules.c.dimension == "theme", rules.c.taxonomy == taxonomy,
                                         rules.c.key == before).values(key=after))
    return len(moving)


def load_taxonomies(conn: Connection) -> list[str]:
    return list(conn.execute(select(taxonomies.c.name).order_by(taxonomies.c.id)).scalars())


def load_themes(conn: Connection) -> list[Theme]:
    query = (select(taxonomies.c.name, themes.c.path, themes.c.colour, themes.c.description,
                    themes.c.target_min_bp, themes.c.target_max_bp)
             .join(taxonomies, taxonomies.c.id == themes.c.taxonomy_id)
             .order_by(taxonomies.c.id, themes.c.path))
    return [Theme(*row) for row in conn.execute(query)]


def set_assignments(conn: Connection, taxonomy: str, symbol: str, weights: dict[str, int]) -> None:
    """Replace the security's assignments in this taxonomy (validated by the caller)."""
    tax = taxonomy_id(conn, taxonomy)
    sid = security_id(conn, symbol)
    in_taxonomy = select(themes.c.id).where(themes.c.taxonomy_id == tax)
    conn.execute(delete(assignments).where(assignments.c.security_id == sid,
                                           assignments.c.theme_id.in_(in_taxonomy)))
    if weights:
        conn.execute(assignments.insert(), [{"security_id": sid, "theme_id": theme_id(conn, taxonomy, path),
                                             "weight_bp": bp} for path, bp in weights.items()])


def load_assignments(conn: Connection) -> dict[str, dict[str, dict[str, int]]]:
    query = (select(taxonomies.c.name, securities.c.symbol, themes.c.path, assignments.c.weight_bp)
             .join(themes, themes.c.id == assignments.c.theme_id)
             .join(taxonomies, taxonomies.c.id == themes.c.taxonomy_id)
             .join(securities, securities.c.id == assignments.c.security_id))
    result: dict[str, dict[str, dict[str, int]]] = {}
    for taxonomy, symbol, path, bp in conn.execute(query):
        result.setdefault(taxonomy, {}).setdefault(symbol, {})[path] = bp
    return result


# -- theses -----------------------------------------------------------------------------------------
def set_thesis(conn: Connection, thesis: Thesis) -> None:
    tid = theme_id(conn, thesis.taxonomy, thesis.path)
    values = {"statement": thesis.statement, "conviction": thesis.conviction,
              "kill_criteria": thesis.kill_criteria, "catalysts": thesis.catalysts,
              "review_date": thesis.review_date.isoformat() if thesis.review_date else None}
    conn.execute(delete(theses).where(theses.c.theme_id == tid))
    conn.execute(theses.insert().values(theme_id=tid, **values))


def load_theses(conn: Connection) -> list[Thesis]:
    query = (select(taxonomies.c.name, themes.c.path, theses.c.statement, theses.c.conviction,
                    theses.c.kill_criteria, theses.c.catalysts, theses.c.review_date)
             .join(themes, themes.c.id == theses.c.theme_id)
             .join(taxonomies, taxonomies.c.id == themes.c.taxonomy_id).order_by(taxonomies.c.id, themes.c.path))
    return [Thesis(*row[:6], date.fromisoformat(row[6]) if row[6] else None) for row in conn.execute(query)]


def add_journal_entry(conn: Connection, entry: JournalEntry) -> None:
    conn.execute(thesis_journal.insert().values(
        theme_id=theme_id(conn, entry.taxonomy, entry.path), written=entry.written.isoformat(), text=entry.text,
        weight_bp=entry.weight_bp, prices=json.dumps(entry.prices, ensure_ascii=False, sort_keys=True)))


def load_journal(conn: Connection) -> list[JournalEntry]:
    query = (select(taxonomies.c.name, themes.c.path, thesis_journal.c.written, thesis_journal.c.text,
                    thesis_journal.c.weight_bp, thesis_journal.c.prices)
             .join(themes, themes.c.id == thesis_journal.c.theme_id)
             .join(taxonomies, taxonomies.c.id == themes.c.taxonomy_id).order_by(thesis_journal.c.id))
    return [JournalEntry(tax, path, date.fromisoformat(written), text, bp, json.loads(prices))
            for tax, path, written, text, bp, prices in conn.execute(query)]


# -- fund holdings ----------------------------------------------------------------------------------
def replace_fund_holdings(conn: Connection, fund: FundHoldings) -> None:
    conn.execute(delete(fund_holdings).where(fund_holdings.c.fund_symbol == fund.fund))
    conn.execute(delete(fund_sector_weights).where(fund_sector_weights.c.fund_symbol == fund.fund))
    conn.execute(delete(fund_holding_sets).where(fund_holding_sets.c.fund_symbol == fund.fund))
    conn.execute(fund_holding_sets.insert().values(fund_symbol=fund.fund, as_of=fund.as_of.isoformat(),
                                                   source=fund.source))
    if fund.holdings:
        conn.execute(fund_holdings.insert(), [
            {"fund_symbol": fund.fund, "symbol": h.symbol, "name": h.name, "isin": h.isin,
             "weight": decimal_text(h.weight), "sector": h.sector, "country": h.country} for h in fund.holdings])
    if fund.sector_weights:
        conn.execute(fund_sector_weights.insert(), [
            {"fund_symbol": fund.fund, "sector": sector, "weight": decimal_text(weight)}
            for sector, weight in fund.sector_weights])


def load_funds(conn: Connection) -> dict[str, FundHoldings]:
    sets = {row.fund_symbol: row for row in conn.execute(select(fund_holding_sets))}
    holdings: dict[str, list[FundHolding]] = {symbol: [] for symbol in sets}
    query = select(fund_holdings).order_by(fund_holdings.c.fund_symbol, fund_holdings.c.id)
    for row in conn.execute(query):
        holdings[row.fund_symbol].append(FundHolding(row.symbol, row.name, row.isin, Decimal(row.weight),
                                                     row.sector, row.country))
    sectors: dict[str, list[tuple[str, Decimal]]] = {symbol: [] for symbol in sets}
    for row in conn.execute(select(fund_sector_weights).order_by(fund_sector_weights.c.sector)):
        sectors[row.fund_symbol].append((row.sector, Decimal(row.weight)))
    return {symbol: FundHoldings(symbol, date.fromisoformat(row.as_of), row.source, tuple(holdings[symbol]),
                                 tuple(sectors[symbol]))
            for symbol, row in sets.items()}


# -- rules ------------------------------------------------------------------------------------------
def add_rule(conn: Connection, rule: Rule) -> int:
    return inserted_id(conn.execute(rules.insert().values(dimension=rule.dimension, taxonomy=rule.taxonomy,
                                                          key=rule.key, max_bp=rule.max_bp, min_bp=rule.min_bp)))


def load_rules(conn: Connection) -> list[Rule]:
    return [Rule(row.dimension, row.key, row.max_bp, row.min_bp, row.taxonomy, row.id)
            for row in conn.execute(select(rules).order_by(rules.c.id))]


def delete_rule(conn: Connection, rule_id: int) -> bool:
    return conn.execute(delete(rules).where(rules.c.id == rule_id)).rowcount > 0
