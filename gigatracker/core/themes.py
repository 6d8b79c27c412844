"""Taxonomies of thesis themes, weighted assignments of securities to themes, theses and their journal.

A theme is named by its path in its taxonomy (`Inference era/Inference chips`). A security's assignments
in one taxonomy are integer basis points summing to at most 10,000; the rest is *Unassigned*.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FULL_BP = 10_000
UNASSIGNED = "Unassigned"
DEFAULT_TAXONOMY = "Thesis"


class ThemeError(ValueError):
    """A theme, assignment or thesis that cannot be accepted; the message says why."""


def normalize_path(path: str) -> str:
    parts = [part.strip() for part in path.split("/")]
    if not path.strip() or any(not part for part in parts):
        raise ThemeError(f"'{path}' is not a theme path (names separated by '/', none empty)")
    if parts[0] == UNASSIGNED:
        raise ThemeError(f"'{UNASSIGNED}' is reserved for what no theme covers")
    return "/".join(parts)


def ancestors(path: str) -> list[str]:
    """`a/b/c` -> [`a`, `a/b`]: the parents a new theme needs."""
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def roll_up(path: str, depth: int | None) -> str:
    """The theme path cut to `depth` levels (None or 0: unchanged). Unassigned stays Unassigned."""
    if not depth or path == UNASSIGNED:
        return path
    return "/".join(path.split("/")[:depth])


@dataclass(frozen=True)
class Theme:
    taxonomy: str
    path: str
    colour: str = ""
    description: str = ""
    target_min_bp: int | None = None
    target_max_bp: int | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1


def check_target(min_bp: int | None, max_bp: int | None) -> None:
    for label, value in (("target min", min_bp), ("target max", max_bp)):
        if value is not None and not 0 <= value <= FULL_BP:
            raise ThemeError(f"{label} must be between 0 and {FULL_BP} bp, got {value}")
    if min_bp is not None and max_bp is not None and min_bp > max_bp:
        raise ThemeError(f"target min {min_bp} bp is above target max {max_bp} bp")


def check_assignments(symbol: str, weights: dict[str, int], known_paths: set[str], taxonomy: str) -> None:
    """Whole basis points, each in (0, 10000], on known themes, summing to at most 10000."""
    for path, bp in weights.items():
        if path not in known_paths:
            raise ThemeError(f"no theme '{path}' in taxonomy '{taxonomy}' (add it with `themes add`)")
        if not isinstance(bp, int) or isinstance(bp, bool) or not 0 < bp <= FULL_BP:
            raise ThemeError(f"{symbol}: weight for '{path}' must be a whole number of basis points "
                             f"in 1..{FULL_BP}, got {bp!r}")
    total = sum(weights.values())
    if total > FULL_BP:
        raise ThemeError(f"{symbol}: weights in '{taxonomy}' sum to {total} bp, more than {FULL_BP} (100%)")


def parse_weight_spec(spec: str) -> tuple[str, int]:
    """`Inference era/Inference chips=6000` -> (path, 6000)."""
    path, sep, bp = spec.rpartition("=")
    if not sep:
        raise ThemeError(f"'{spec}' should be PATH=BASIS_POINTS (e.g. 'Inference era/AI PCs=2500')")
    try:
        value = int(bp.strip())
    except ValueError:
        raise ThemeError(f"'{bp}' in '{spec}' is not a whole number of basis points") from None
    return normalize_path(path), value


@dataclass(frozen=True)
class Thesis:
    taxonomy: str
    path: str
    statement: str
    conviction: int
    kill_criteria: str = ""
    catalysts: str = ""
    review_date: date | None = None

    def __post_init__(self) -> None:
        if not self.statement.strip():
            raise ThemeError("a thesis needs a statement")
        if not isinstance(self.conviction, int) or not 1 <= self.conviction <= 5:
            raise ThemeError(f"conviction must be 1 to 5, got {self.conviction!r}")


@dataclass(frozen=True)
class JournalEntry:
    taxonomy: str
    path: str
    written: date
    text: str
    weight_bp: int | None = None  # the theme's weight in the book when the entry was written
    prices: dict[str, str] = field(default_factory=dict)  # top positions' prices then (symbol -> "123.4 USD")
