"""Fund holdings files (as issuers publish them) for look-through: all-or-nothing, one set per fund.

Columns (through a mapping file of kind "holdings"): symbol, name, isin, weight (percent of the fund),
sector, country. Weights may sum below 100% (the rest follows the fund's own classification). Issuer
files often sum to a hair over 100% through rounding: up to 100.5% the weights are scaled down to 100%;
more than that is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ...core.exposure import FundHolding, FundHoldings
from ...core.money import MONEY_CONTEXT
from ..store import Book
from ..store import themes_repo
from .csv_reader import ImportProblem, ImportRejected, read_records
from .mapping import CsvMapping

HUNDRED = Decimal(100)
ROUNDING_SLACK = Decimal("100.5")


@dataclass
class FundImportResult:
    fund: str
    holdings: int
    covered_percent: Decimal
    as_of: date


def parse_holdings(path: Path, mapping: CsvMapping) -> tuple[list[FundHolding], list[ImportProblem]]:
    records, problems = read_records(path, mapping)
    holdings = []
    for line, cells in records:
        row_problems = []
        weight = None
        try:
            weight = mapping.parse_number(cells["weight"]) if cells.get("weight") else None
        except ValueError as error:
            row_problems.append(("weight", str(error)))
        else:
            if weight is None:
                row_problems.append(("weight", "empty"))
            elif not 0 <= weight <= HUNDRED:
                row_problems.append(("weight", f"{cells['weight']} is not a percentage between 0 and 100"))
        if not (cells.get("symbol") or cells.get("isin") or cells.get("name")):
            row_problems.append(("symbol", "a holding needs a symbol, an ISIN or a name"))
        if row_problems or weight is None:  # (no weight is one of the problems)
            problems.extend(ImportProblem(str(path), line, f, why) for f, why in row_problems)
            continue
        holdings.append(FundHolding(cells.get("symbol", ""), cells.get("name", ""), cells.get("isin", "").upper(),
                                    weight / HUNDRED, cells.get("sector", ""), cells.get("country", "")))
    total = sum((h.weight for h in holdings), Decimal(0)) * HUNDRED
    if not problems and total > ROUNDING_SLACK:
        problems.append(ImportProblem(str(path), None, "weight", f"weights sum to {total.quantize(Decimal('0.01'))}%, more than 100%"))
    if not problems and total > HUNDRED:
        holdings = [FundHolding(h.symbol, h.name, h.isin, MONEY_CONTEXT.divide(h.weight * HUNDRED, total),
                                h.sector, h.country) for h in holdings]
    return holdings, problems


def import_fund_holdings(book: Book, path: Path | str, mapping: CsvMapping, *, fund: str, as_of: date,
                         source: str = "issuer") -> FundImportResult:
    path = Path(path)
    holdings, problems = parse_holdings(path, mapping)
    if problems:
        raise ImportRejected(problems)
    if not holdings:
        raise ImportRejected([ImportProblem(str(path), None, "file", "no holdings in the file")])
    result = FundHoldings(fund, as_of, source, tuple(holdings))
    with book.write() as conn:
        themes_repo.security_id(conn, fund)
        themes_repo.replace_fund_holdings(conn, result)
    return FundImportResult(fund, len(holdings), result.covered * HUNDRED, as_of)
