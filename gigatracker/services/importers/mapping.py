"""CSV mapping files (TOML): how to read one broker's CSV. Documented in docs/formats.md.

Numbers are parsed exactly as the mapping says, never guessed: with decimal="," the text `1,234` is
1.234; with decimal="." and thousands="," it is 1234.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from ...core.ledger import TxType
from ...core.money import MAX_MAGNITUDE, MoneyError, check_size

FIELDS = ("date", "type", "symbol", "quantity", "price", "amount", "fees", "taxes", "currency", "fx_rate",
          "ratio", "isin", "name", "note", "account")
HOLDING_FIELDS = ("symbol", "name", "isin", "weight", "sector", "country")  # fund holdings files
NUMBER_FIELDS = ("quantity", "price", "amount", "fees", "taxes", "fx_rate", "ratio")
THOUSANDS_CHOICES = ("", ",", ".", " ", "\u00a0", "\u202f", "'")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class CsvMapping:
    source: str
    delimiter: str = ","
    encoding: str = "utf-8"
    decimal: str = "."
    thousands: str = ""
    date_format: str = "%Y-%m-%d"
    skip_rows: int = 0
    columns: dict[str, str] = field(default_factory=dict)
    types: dict[str, TxType] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    def parse_number(self, text: str) -> Decimal:
        """Exact parse following this mapping's separators; raises ValueError with the reason."""
        value = text.strip()
        if self.thousands:
            value = value.replace(self.thousands, "")
        other = "." if self.decimal == "," else ","
        if other in value:
            raise ValueError(f"'{text}' is not a number here (decimal separator is '{self.decimal}', "
                             f"thousands separator is {self.thousands!r})")
        value = value.replace(self.decimal, ".")
        if not _NUMBER.fullmatch(value):
            raise ValueError(f"'{text}' is not a number")
        number = Decimal(value)
        if abs(number) >= MAX_MAGNITUDE:
            raise ValueError(f"'{text}' is too large (limit 1e15)")
        try:
            check_size(number, text)
        except MoneyError as error:
            raise ValueError(str(error)) from None
        return number


def load_mapping(path: Path | str, kind: str = "transactions") -> CsvMapping:
    """kind: "transactions" (broker exports) or "holdings" (a fund's holdings file)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MappingError(f"{path}: no such mapping file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError(f"{path}: not valid TOML ({error})") from None
    return mapping_from_dict(data, str(path), kind)


def mapping_from_dict(data: dict, source: str, kind: str = "transactions") -> CsvMapping:
    def fail(key: str, why: str) -> MappingError:
        return MappingError(f"{source}: {key}: {why}")

    unknown = set(data) - {"csv", "columns", "types", "defaults"}
    if unknown:
        raise fail(sorted(unknown)[0], "unknown section (expected csv, columns, types, defaults)")
    csv_part = data.get("csv", {})
    known_csv = {"delimiter", "encoding", "decimal", "thousands", "date_format", "skip_rows"}
    for key in csv_part:
        if key not in known_csv:
            raise fail(f"csv.{key}", f"unknown key (expected one of {', '.join(sorted(known_csv))})")
    delimiter = csv_part.get("delimiter", ",")
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise fail("csv.delimiter", "must be one character")
    encoding = csv_part.get("encoding", "utf-8")
    try:
        "".encode(encoding)
    except (LookupError, TypeError):
        raise fail("csv.encoding", f"unknown encoding {encoding!r}") from None
    decimal = csv_part.get("decimal", ".")
    if decimal not in (".", ","):
        raise fail("csv.decimal", "must be '.' or ','")
    thousands = csv_part.get("thousands", "")
    if thousands not in THOUSANDS_CHOICES or thousands == decimal:
        raise fail("csv.thousands", "must be '', ',', '.', ' ', a no-break space or ''' and differ from decimal")
    date_format = csv_part.get("date_format", "%Y-%m-%d")
    if not isinstance(date_format, str) or "%" not in date_format:
        raise fail("csv.date_format", "must be a strftime format such as '%d/%m/%Y'")
    skip_rows = csv_part.get("skip_rows", 0)
    if not isinstance(skip_rows, int) or skip_rows < 0:
        raise fail("csv.skip_rows", "must be a whole number ≥ 0")

    columns = data.get("columns", {})
    fields = HOLDING_FIELDS if kind == "holdings" else FIELDS
    for key, value in columns.items():
        if key not in fields:
            raise fail(f"columns.{key}", f"unknown field (expected one of {', '.join(fields)})")
        if not isinstance(value, str) or not value:
            raise fail(f"columns.{key}", "must name a column of the CSV header")
    if kind == "holdings":
        if "weight" not in columns:
            raise fail("columns.weight", "the weight column (percent of the fund) must be mapped")
        if not {"symbol", "isin", "name"} & set(columns):
            raise fail("columns.symbol", "map at least one of symbol, isin, name")
        return CsvMapping(source, delimiter, encoding, decimal, thousands, date_format, skip_rows, dict(columns))
    if "date" not in columns:
        raise fail("columns.date", "the date column must be mapped")

    types: dict[str, TxType] = {}
    for key, value in data.get("types", {}).items():
        try:
            types[key] = TxType(str(value).upper())
        except ValueError:
            raise fail(f"types.{key}", f"'{value}' is not a transaction type "
                                       f"({', '.join(t.value for t in TxType)})") from None
    defaults = data.get("defaults", {})
    for key, value in defaults.items():
        if key not in ("currency", "type", "account"):
            raise fail(f"defaults.{key}", "unknown default (expected currency, type, account)")
        if not isinstance(value, str):
            raise fail(f"defaults.{key}", "must be text")
    if "type" in defaults and defaults["type"].upper() not in TxType.__members__:
        raise fail("defaults.type", f"'{defaults['type']}' is not a transaction type")
    if "type" not in columns and "type" not in defaults:
        raise fail("columns.type", "map a type column or give [defaults] type")
    return CsvMapping(source, delimiter, encoding, decimal, thousands, date_format, skip_rows,
                      dict(columns), types, dict(defaults))
