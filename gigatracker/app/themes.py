"""The thematic commands of an open book: themes, assignments, theses, the security master, fund
look-through, exposure, rules and theme packs. Reached as `app.themes`; each write is one transaction
and publishes a `Changed` naming what it touched (themes, securities, funds or rules)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .changes import Changed
from ..core.exposure import (BookData, Concentration, Contribution, CrossRow, Exposure, View, concentration,
                            contributions, cross_tab, exposure)
from ..core.money import decimal_text
from ..core.rules import Rule, Violation, check_rules, rule_in_words, target_rules
from ..core.themes import (DEFAULT_TAXONOMY, JournalEntry, Theme, ThemeError, Thesis, check_assignments,
                          check_target, normalize_path, parse_weight_spec)
from ..services.importers import theme_pack
from ..services.importers.funds import FundImportResult, import_fund_holdings
from ..services.importers.mapping import load_mapping
from ..services.store import themes_repo

if TYPE_CHECKING:
    from .open_book import App

ASSET_CLASSES = ("equity", "etf", "fund", "bond", "crypto", "cash", "other")
TOP_POSITIONS_IN_JOURNAL = 5


@dataclass
class ExposureReport:
    exposure: Exposure
    cross: tuple[View, list[CrossRow]] | None
    concentration: Concentration
    problems: list[str]


class ThemeCommands:
    def __init__(self, app: "App"):
        self.app = app

    @property
    def book(self):
        return self.app.book

    def _changed(self, change: Changed = Changed(themes=True)) -> None:
        self.app._publish(change)

    # -- security master ----------------------------------------------------------------------------
    def set_security(self, symbol: str, **fields: str | None) -> None:
        given = {k: v.strip() for k, v in fields.items() if v is not None}
        if "asset_class" in given and given["asset_class"] not in ASSET_CLASSES:
            raise ValueError(f"asset class must be one of {', '.join(ASSET_CLASSES)}")
        if "currency" in given:
            given["currency"] = given["currency"].upper()
        if not symbol.strip():
            raise ValueError("a security needs a symbol")
        with self.book.write() as conn:
            themes_repo.set_security(conn, symbol.strip(), given)
        self._changed(Changed(securities=True))

    def master(self):
        with self.book.read() as conn:
            return themes_repo.load_master(conn)

    # -- themes and assignments ---------------------------------------------------------------------
    def add_theme(self, path: str, *, taxonomy: str = DEFAULT_TAXONOMY, colour: str = "", description: str = "",
                  target_min_bp: int | None = None, target_max_bp: int | None = None) -> list[str]:
        check_target(target_min_bp, target_max_bp)
        theme = Theme(taxonomy.strip(), normalize_path(path), colour, description, target_min_bp, target_max_bp)
        if not theme.taxonomy:
            raise ValueError("a taxonomy needs a name")
        with self.book.write() as conn:
            created = themes_repo.add_theme(conn, theme)
        self._changed()
        return created

    def rename_theme(self, old: str, new: str, *, taxonomy: str = DEFAULT_TAXONOMY) -> int:
        """Rename or move a theme with its sub-themes (see themes_repo.rename_theme)."""
        old, new = normalize_path(old), normalize_path(new)
        with self.book.write() as conn:
            moved = themes_repo.rename_theme(conn, taxonomy, old, new)
        self._changed(Changed(themes=True, rules=True))  # rules naming the theme follow it
        return moved

    def remove_new_themes(self, paths: list[str], *, taxonomy: str = DEFAULT_TAXONOMY) -> list[Theme]:
        """Remove themes nothing uses yet (the undo of adding them); refused if one is in use."""
        with self.book.write() as conn:
            removed = themes_repo.delete_unused_themes(conn, taxonomy, [normalize_path(p) for p in paths])
        self._changed()
        return removed

    def list_themes(self) -> list[Theme]:
        with self.book.read() as conn:
            return themes_repo.load_themes(conn)

    def taxonomies(self) -> list[str]:
        with self.book.read() as conn:
            return themes_repo.load_taxonomies(conn)

    def assign(self, symbol: str, specs: list[str], *, taxonomy: str = DEFAULT_TAXONOMY) -> dict[str, int]:
        """Replace the security's assignments in `taxonomy` with `PATH=BP` specs (none: clear them)."""
        weights: dict[str, int] = {}
        for spec in specs:
            path, bp = parse_weight_spec(spec)
            weights[path] = weights.get(path, 0) + bp
        self.set_weights({symbol: weights}, taxonomy=taxonomy)
        return weights

    def set_weights(self, weights: dict[str, dict[str, int]], *, taxonomy: str = DEFAULT_TAXONOMY) -> None:
        """Each security's weights in `taxonomy` replaced by these ({} clears them), all or nothing."""
        with self.book.write() as conn:
            known = {t.path for t in themes_repo.load_themes(conn) if t.taxonomy == taxonomy}
            themes_repo.taxonomy_id(conn, taxonomy)
            for symbol, given in weights.items():
                check_assignments(symbol, given, known, taxonomy)
                themes_repo.set_assignments(conn, taxonomy, symbol, given)
        self._changed()

    def assign_to_theme(self, symbols: list[str], path: str, weight_bp: int | None = None, *,
                        taxonomy: str = DEFAULT_TAXONOMY) -> dict[str, int]:
        """Give each security `weight_bp` of this theme (None: whatever it has left unassigned), keeping
        its other themes. All or nothing: a security that would pass 100 % refuses the whole change."""
        path = normalize_path(path)
        given = {}
        with self.book.write() as conn:
            known = {t.path for t in themes_repo.load_themes(conn) if t.taxonomy == taxonomy}
            current = themes_repo.load_assignments(conn).get(taxonomy, {})
            for symbol in symbols:
                weights = {p: bp for p, bp in current.get(symbol, {}).items() if p != path}
                bp = 10_000 - sum(weights.values()) if weight_bp is None else weight_bp
                if bp <= 0:
                    raise ThemeError(f"{symbol}: already fully assigned in '{taxonomy}'; lower another theme first")
                weights[path] = bp
                check_assignments(symbol, weights, known, taxonomy)
                themes_repo.set_assignments(conn, taxonomy, symbol, weights)
                given[symbol] = bp
        self._changed()
        return given

    def assignments(self) -> dict[str, dict[str, dict[str, int]]]:
        with self.book.read() as conn:
            return themes_repo.load_assignments(conn)

    # -- theses -------------------------------------------------------------------------------------
    def set_thesis(self, thesis: Thesis) -> None:
        with self.book.write() as conn:
            themes_repo.set_thesis(conn, thesis)
        self._changed()

    def theses(self) -> list[Thesis]:
        with self.book.read() as conn:
            return themes_repo.load_theses(conn)

    def journal(self) -> list[JournalEntry]:
        with self.book.read() as conn:
            return themes_repo.load_journal(conn)

    def add_note(self, path: str, text: str, *, taxonomy: str = DEFAULT_TAXONOMY,
                 written: date | None = None) -> JournalEntry:
        """A journal entry that records the theme's weight and its top positions' prices right now."""
        if not text.strip():
            raise ValueError("a journal entry needs text")
        path = normalize_path(path)
        snapshot = self.app.snapshot()
        data = self.book_data()
        view = View("theme", taxonomy, path.count("/") + 1, look_through=bool(data.funds))
        result = exposure(snapshot.items, view, data, snapshot.base_currency)
        weight = next((row.weight_bp for row in result.rows if row.key == path), 0)
        in_theme = {sym for sym, weights in data.assignments.get(taxonomy, {}).items()
                    if any(p == path or p.startswith(path + "/") for p in weights)}
        top = sorted((v for v in snapshot.holdings if v.symbol in in_theme and v.price is not None),
                     key=lambda v: v.market_value_base or 0, reverse=True)
        prices: dict[str, str] = {}
        for v in top:
            if v.symbol not in prices and len(prices) < TOP_POSITIONS_IN_JOURNAL:
                prices[v.symbol] = f"{decimal_text(v.price)} {v.currency} ({v.price_source} {v.price_date})"
        entry = JournalEntry(taxonomy, path, written or date.today(), text.strip(), weight, prices)
        with self.book.write() as conn:
            themes_repo.add_journal_entry(conn, entry)
        self._changed()
        return entry

    # -- fund look-through --------------------------------------------------------------------------
    def import_fund_holdings(self, path: Path | str, mapping_path: Path | str, *, fund: str, as_of: date,
                             source: str = "issuer") -> FundImportResult:
        result = import_fund_holdings(self.book, path, load_mapping(mapping_path, "holdings"), fund=fund,
                                      as_of=as_of, source=source)
        self._changed(Changed(funds=True))
        return result

    # -- exposure and rules -------------------------------------------------------------------------
    def book_data(self) -> BookData:
        with self.book.read() as conn:
            return BookData(themes_repo.load_master(conn), themes_repo.load_assignments(conn),
                            themes_repo.load_funds(conn))

    def _check_taxonomy(self, view: View) -> None:
        if view.dimension == "theme" and view.taxonomy not in self.taxonomies():
            raise ValueError(f"no taxonomy named '{view.taxonomy}'")

    def exposure(self, view: View, *, cross: View | None = None, portfolio: str | None = None,
                 as_of: date | None = None) -> ExposureReport:
        self._check_taxonomy(view)
        if cross is not None:
            self._check_taxonomy(cross)
        snapshot = self.app.snapshot(portfolio, as_of)
        data = self.book_data()
        result = exposure(snapshot.items, view, data, snapshot.base_currency)
        crossed = None
        if cross is not None:
            crossed = (cross, cross_tab(snapshot.items, view, cross, data, snapshot.base_currency)[1])
        return ExposureReport(result, crossed, concentration(snapshot.items, data, look_through=view.look_through),
                              snapshot.problems)

    def contributors(self, view: View, key: str, *, portfolio: str | None = None) -> list[Contribution]:
        """The positions (and fund holdings, with look-through) that make up one row of an exposure."""
        self._check_taxonomy(view)
        snapshot = self.app.snapshot(portfolio)
        data = self.book_data()
        result = exposure(snapshot.items, view, data, snapshot.base_currency)
        row = next((r for r in result.rows if r.key == key), None)
        if row is None:
            raise ValueError(f"no row '{key}' in this exposure (rows: {', '.join(r.key for r in result.rows)})")
        return contributions(snapshot.items, view, data, key, row.value_base, snapshot.base_currency)

    def add_rule(self, rule: Rule) -> int:
        if rule.dimension == "theme":
            rule = Rule(rule.dimension, normalize_path(rule.key), rule.max_bp, rule.min_bp, rule.taxonomy)
        with self.book.write() as conn:
            if rule.dimension == "theme":
                themes_repo.theme_id(conn, rule.taxonomy, rule.key)
            same = next((r for r in themes_repo.load_rules(conn) if (r.dimension, r.taxonomy, r.key, r.max_bp, r.min_bp)
                         == (rule.dimension, rule.taxonomy, rule.key, rule.max_bp, rule.min_bp)), None)
            if same is not None:  # it would be listed, checked and counted twice
                raise ValueError(f"the book has this rule already (#{same.id}: {rule_in_words(same)})")
            rule_id = themes_repo.add_rule(conn, rule)
        self._changed(Changed(rules=True))
        return rule_id

    def rules(self) -> list[Rule]:
        """The user's rules, then every theme's target range as a rule."""
        with self.book.read() as conn:
            return themes_repo.load_rules(conn) + target_rules(themes_repo.load_themes(conn))

    def delete_rule(self, rule_id: int) -> None:
        with self.book.write() as conn:
            if not themes_repo.delete_rule(conn, rule_id):
                raise ValueError(f"no rule #{rule_id}")
        self._changed(Changed(rules=True))

    def check_rules(self, *, look_through: bool = False, portfolio: str | None = None,
                    as_of: date | None = None) -> list[Violation]:
        snapshot = self.app.snapshot(portfolio, as_of)
        return check_rules(self.rules(), snapshot.items, self.book_data(), snapshot.base_currency,
                           look_through=look_through)

    # -- theme packs --------------------------------------------------------------------------------
    def export_pack(self, path: Path | str, *, author: str = "", source: str = "") -> dict:
        with self.book.read() as conn:
            pack = theme_pack.build(themes_repo.load_taxonomies(conn), themes_repo.load_themes(conn),
                                    themes_repo.load_theses(conn), themes_repo.load_journal(conn),
                                    themes_repo.load_assignments(conn), author=author, source=source)
        theme_pack.write(pack, Path(path))
        return pack

    def import_pack(self, path: Path | str) -> theme_pack.PackSummary:
        pack = theme_pack.read(Path(path))
        with self.book.write() as conn:
            summary = theme_pack.apply(conn, pack, str(path))
        self._changed(Changed(themes=True, securities=True))
        return summary
