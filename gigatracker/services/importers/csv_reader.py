"""Reading a CSV through a mapping: decoding, header check, and records with their line numbers.

Problems are reported as `FILE:LINE: field: why` (the header is line 1 when no rows are skipped).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .mapping import CsvMapping


@dataclass
class ImportProblem:
    source: str
    line: int | None
    field: str
    why: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.field}: {self.why}"


class ImportRejected(ValueError):
    """The file was refused; `problems` lists every reason. Nothing was written. `openings_needed`: when
    the file sells what it never bought (a statement that starts mid-life), per symbol the quantity it
    must have held before its first row, for the user to give with its cost."""

    def __init__(self, problems: list[ImportProblem], openings_needed: dict | None = None):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.openings_needed = openings_needed or {}


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportRejected([ImportProblem(str(path), None, "file", error.strerror or str(error))]) from None


SINGLE_BYTE = ("cp1252", "windows1252", "latin1", "latin", "iso88591", "iso885915", "cp850", "macroman")


def check_one_encoding(path: Path, raw: bytes, declared: str) -> None:
    """A file is one encoding: UTF-8 lines beside lines that are not UTF-8 are refused (decoding the whole
    as Windows-1252 would turn "café" into "cafÃ©"), and so is a UTF-8 file declared as a single-byte one."""
    good = bad = None
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good = good or number
        except UnicodeDecodeError:
            bad = bad or number
        if good and bad:
            raise ImportRejected([ImportProblem(str(path), bad, "encoding", (
                f"the file mixes encodings: line {good} is UTF-8, line {bad} is not; save it in one encoding "
                "(UTF-8) and import it again"))])
    simple = declared.lower().replace("-", "").replace("_", "")
    if good and simple in SINGLE_BYTE:
        raise ImportRejected([ImportProblem(str(path), good, "encoding", (
            f"the file is UTF-8 (line {good}), not {declared}: set [csv] encoding = \"utf-8\" in the mapping"))])


def read_text(path: Path, encoding: str) -> str:
    raw = read_bytes(path)
    check_one_encoding(path, raw, encoding)
    if encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf8sig"):
        encoding = "utf-8-sig"  # tolerate the BOM Excel writes
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ImportRejected([ImportProblem(str(path), line, "encoding",
                                            f"not valid {encoding} (byte 0x{raw[error.start]:02x}); "
                                            "set [csv] encoding in the mapping")]) from None


def read_records(path: Path, mapping: CsvMapping) -> tuple[list[tuple[int, dict[str, str]]], list[ImportProblem]]:
    """[(line, {our field: stripped cell})] for every non-blank row, and the problems found."""
    lines, columns, problems = read_columns(path, mapping)
    fields = list(columns)
    return [(line, dict(zip(fields, cells))) for line, *cells in zip(lines, *columns.values())], problems


def read_columns(path: Path, mapping: CsvMapping) -> tuple[list[int], dict[str, list[str]], list[ImportProblem]]:
    """The lines every non-blank row starts on, each mapped field's stripped cells in the same order (a
    column per field: a large file is then parsed a column at a time), and the problems found."""
    source = str(path)
    lines = io.StringIO(read_text(path, mapping.encoding), newline="")
    for _ in range(mapping.skip_rows):
        lines.readline()
    header, rows, problems = read_rows(lines, source, delimiter=mapping.delimiter, first_line=mapping.skip_rows + 1)
    if header is None:
        return [], {}, problems
    missing = [ImportProblem(source, mapping.skip_rows + 1, f"columns.{ours}", f"no column '{theirs}' in the header")
               for ours, theirs in mapping.columns.items() if theirs not in header]
    if missing:
        return [], {}, missing + problems
    cells = list(zip(*(record for _, record in rows))) or [()] * len(header)
    columns = {ours: list(map(trimmed, cells[header.index(theirs)])) for ours, theirs in mapping.columns.items()}
    return [line for line, _ in rows], columns, problems


BLANKS = " \t\u00a0\u202f"  # spaces (no-break ones too) around a cell; never a control character, which the
#                               rules refuse rather than drop (str.strip() would take \x0c or \x1f silently)


def trimmed(cell: str) -> str:
    return cell.strip(BLANKS)


def read_rows(lines, source: str, *, delimiter: str = ",", first_line: int = 1
              ) -> tuple[list[str] | None, list[tuple[int, list[str]]], list[ImportProblem]]:
    """The one way every CSV of ours is read: (header, [(line a row starts on, its cells)], problems). Quotes
    are strict (a quote never closed is refused on the line it opened, not read as one long cell), a header
    names each column once, every row has the header's number of fields, blank rows are skipped. A header
    that cannot be read is None (and its problem is the only one)."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return None, [], [ImportProblem(source, first_line, "header", "the file has no header row")]
    except csv.Error as error:
        return None, [], [ImportProblem(source, first_line, "header", f"unreadable CSV ({error})")]
    problems = [ImportProblem(source, first_line, "header", f"column '{name}' appears {header.count(name)} times; "
                                                            "rename one (which one is meant cannot be guessed)")
                for name in dict.fromkeys(header) if name and header.count(name) > 1]
    if problems:
        return None, [], problems
    rows = []
    previous_end = reader.line_num + first_line - 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # an unclosed quote, a field past csv's size limit: named where it began
            problems.append(ImportProblem(source, previous_end + 1, "row", f"unreadable CSV ({error})"))
            break
        line = previous_end + 1
        previous_end = reader.line_num + first_line - 1
        if not "".join(record).strip():
            continue
        if len(record) != len(header):
            problems.append(ImportProblem(source, line, "row", f"{len(record)} fields, the header has {len(header)}"))
            continue
        rows.append((line, record))
    return header, rows, problems
