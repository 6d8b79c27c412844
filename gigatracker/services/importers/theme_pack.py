"""Theme packs: taxonomies, themes, theses (with their journal) and assignments as versioned JSON with
provenance. Import merges by theme path and is idempotent; a bad pack is refused whole, naming the place
in the file (e.g. `taxonomies[0].themes[2].path`). The format is documented in docs/formats.md."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import Connection

from ...core.themes import (JournalEntry, Theme, ThemeError, Thesis, check_assignments, check_target,
                            normalize_path)
from ..store import themes_repo
from . import json_input

FORMAT = "gigatracker-theme-pack"
VERSION = 1


class PackError(ValueError):
    pass


@dataclass
class PackSummary:
    taxonomies: int
    themes_created: int
    theses: int
    assignments: int
    journal_added: int


# -- export -----------------------------------------------------------------------------------------
def build(taxonomies: list[str], themes: list[Theme], theses: list[Thesis], journal: list[JournalEntry],
          assignments: dict[str, dict[str, dict[str, int]]], *, author: str = "", source: str = "") -> dict:
    def thesis_json(t: Thesis) -> dict:
        return {"path": t.path, "statement": t.statement, "conviction": t.conviction,
                "kill_criteria": t.kill_criteria, "catalysts": t.catalysts,
                "review_date": t.review_date.isoformat() if t.review_date else None,
                "journal": [{"written": e.written.isoformat(), "text": e.text, "weight_bp": e.weight_bp,
                             "prices": e.prices} for e in journal if (e.taxonomy, e.path) == (t.taxonomy, t.path)]}

    return {
        "format": FORMAT, "version": VERSION,
        "provenance": {"author": author, "source": source,
                       "created": datetime.now(timezone.utc).isoformat(timespec="seconds")},
        "taxonomies": [{
            "name": name,
            "themes": [{"path": t.path, "colour": t.colour, "description": t.description,
                        "target_min_bp": t.target_min_bp, "target_max_bp": t.target_max_bp}
                       for t in themes if t.taxonomy == name],
            "theses": [thesis_json(t) for t in theses if t.taxonomy == name],
            "assignments": {symbol: dict(sorted(weights.items()))
                            for symbol, weights in sorted(assignments.get(name, {}).items())},
        } for name in taxonomies],
    }


def write(pack: dict, path: Path) -> None:
    path.write_text(json.dumps(pack, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# -- import -----------------------------------------------------------------------------------------
def read(path: Path) -> dict:
    try:
        pack = json_input.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PackError(f"{path}: {error.strerror or error}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise PackError(f"{path}: not a JSON theme pack ({error})") from None
    validate(pack, str(path))
    return pack


def validate(pack: object, source: str) -> None:
    def fail(where: str, why: str) -> PackError:
        return PackError(f"{source}: {where}: {why}")

    if not isinstance(pack, dict) or pack.get("format") != FORMAT:
        raise fail("format", f"not a GigaTracker theme pack (expected \"format\": \"{FORMAT}\")")
    version = pack.get("version")
    if not isinstance(version, int) or version < 1:
        raise fail("version", f"must be a positive whole number, got {version!r}")
    if version > VERSION:
        raise fail("version", f"pack version {version} is newer than this GigaTracker reads ({VERSION}); update")
    if not isinstance(pack.get("provenance", {}), dict):
        raise fail("provenance", "must be an object with author, created, source")
    taxonomies = pack.get("taxonomies")
    if not isinstance(taxonomies, list):
        raise fail("taxonomies", "must be a list")
    for i, tax in enumerate(taxonomies):
        at = f"taxonomies[{i}]"
        if not isinstance(tax, dict) or not isinstance(tax.get("name"), str) or not tax["name"].strip():
            raise fail(f"{at}.name", "each taxonomy needs a name")
        paths = set()
        for j, theme in enumerate(tax.get("themes", [])):
            where = f"{at}.themes[{j}]"
            try:
                paths.add(normalize_path(str(theme["path"])))
                check_target(_bp(theme.get("target_min_bp"), f"{where}.target_min_bp", fail),
                             _bp(theme.get("target_max_bp"), f"{where}.target_max_bp", fail))
            except (KeyError, TypeError):
                raise fail(f"{where}.path", "each theme needs a path") from None
            except ThemeError as error:
                raise fail(where, str(error)) from None
        for j, thesis in enumerate(tax.get("theses", [])):
            where = f"{at}.theses[{j}]"
            try:
                _thesis(tax["name"], thesis)
                for k, entry in enumerate(thesis.get("journal", [])):
                    date.fromisoformat(entry["written"])
                    if not isinstance(entry.get("text"), str):
                        raise fail(f"{where}.journal[{k}].text", "must be text")
            except (KeyError, TypeError, ValueError) as error:
                if isinstance(error, PackError):
                    raise
                raise fail(where, str(error) or "incomplete thesis") from None
        assignments = tax.get("assignments", {})
        if not isinstance(assignments, dict):
            raise fail(f"{at}.assignments", "must map symbols to {path: basis points}")
        for symbol, weights in assignments.items():
            if not isinstance(weights, dict):
                raise fail(f"{at}.assignments.{symbol}", "must map theme paths to basis points")


def _bp(value, where, fail):
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise fail(where, f"must be whole basis points or null, got {value!r}")
    return value


def _thesis(taxonomy: str, data: dict) -> Thesis:
    review = data.get("review_date")
    return Thesis(taxonomy, normalize_path(data["path"]), data["statement"], data["conviction"],
                  data.get("kill_criteria", ""), data.get("catalysts", ""),
                  date.fromisoformat(review) if review else None)


def apply(conn: Connection, pack: dict, source: str = "pack") -> PackSummary:
    """Merge a validated pack into the book inside the caller's transaction; raises PackError naming the
    file and the place in it (and so rolls back everything) on the first part that does not fit."""
    try:
        return _apply(conn, pack)
    except PackError as error:
        raise PackError(f"{source}: {error}") from None
    except ThemeError as error:  # e.g. a thesis for a theme the pack does not define
        raise PackError(f"{source}: {error}") from None


def _apply(conn: Connection, pack: dict) -> PackSummary:
    created = theses_set = assigned = journal_added = 0
    for tax in pack["taxonomies"]:
        name = tax["name"].strip()
        for theme in tax.get("themes", []):
            created += len(themes_repo.add_theme(conn, Theme(
                name, normalize_path(theme["path"]), theme.get("colour", ""), theme.get("description", ""),
                theme.get("target_min_bp"), theme.get("target_max_bp"))))
        themes_repo.taxonomy_id(conn, name, create=True)
        existing_journal = {(e.taxonomy, e.path, e.written, e.text) for e in themes_repo.load_journal(conn)}
        for data in tax.get("theses", []):
            thesis = _thesis(name, data)
            themes_repo.set_thesis(conn, thesis)
            theses_set += 1
            for entry in data.get("journal", []):
                key = (name, thesis.path, date.fromisoformat(entry["written"]), entry["text"])
                if key not in existing_journal:
                    themes_repo.add_journal_entry(conn, JournalEntry(*key, entry.get("weight_bp"),
                                                                     entry.get("prices", {})))
                    journal_added += 1
        known = {t.path for t in themes_repo.load_themes(conn) if t.taxonomy == name}
        for symbol, weights in tax.get("assignments", {}).items():
            weights = {normalize_path(path): bp for path, bp in weights.items()}
            try:
                check_assignments(symbol, weights, known, name)
            except ThemeError as error:
                raise PackError(f"taxonomies '{name}' assignments: {error}") from None
            themes_repo.set_assignments(conn, name, symbol, weights)
            assigned += 1
    return PackSummary(len(pack["taxonomies"]), created, theses_set, assigned, journal_added)
