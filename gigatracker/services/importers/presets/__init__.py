"""Presets: readers for the export formats users actually have, and recognising them from their header.

`gigatracker import transactions FILE --preset NAME` (or `--preset auto`); docs/formats.md describes
each format and what GigaTracker makes of it.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..csv_reader import ImportProblem, ImportRejected, check_one_encoding, read_bytes
from . import degiro, ghostfolio, ibkr, portfolio_performance, portfolio_performance_xml, wealthfolio
from .common import Draft, PresetRead, delimiter_of

__all__ = ["PRESETS", "Draft", "Preset", "PresetRead", "detect", "preset_named", "read_with_preset"]


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    read: Callable[[str, str], PresetRead]  # (source, text) -> drafts, problems, ignored rows
    recognises: Callable[[str, list[str]], bool]  # (text, first CSV row) -> is it this format?
    names_accounts: bool = False  # a whole tracker's file: it brings its accounts (no account is chosen)


def _csv(sniff: Callable[[list[str]], bool]) -> Callable[[str, list[str]], bool]:
    return lambda _text, header: sniff(header)


PRESETS = {preset.name: preset for preset in (
    Preset("ghostfolio-json", "Ghostfolio export (JSON)", ghostfolio.read_json,
           lambda text, _header: ghostfolio.sniff_json(text)),
    Preset("ghostfolio-csv", "Ghostfolio activities (CSV)", ghostfolio.read_csv, _csv(ghostfolio.sniff_csv)),
    Preset("wealthfolio", "Wealthfolio activities (CSV)", wealthfolio.read_csv, _csv(wealthfolio.sniff)),
    Preset("degiro", "DEGIRO account statement (Account.csv)", degiro.read_csv, _csv(degiro.sniff)),
    Preset("ibkr-flex-xml", "Interactive Brokers Flex Query (XML)", ibkr.read_xml,
           lambda text, _header: ibkr.sniff_xml(text)),
    Preset("ibkr-flex-csv", "Interactive Brokers Flex Query (CSV)", ibkr.read_csv, _csv(ibkr.sniff_csv)),
    Preset("portfolio-performance", "Portfolio Performance export (CSV)", portfolio_performance.read_csv,
           _csv(portfolio_performance.sniff)),
    Preset("portfolio-performance-xml", "Portfolio Performance file (XML)", portfolio_performance_xml.read_xml,
           lambda text, _header: portfolio_performance_xml.sniff(text), names_accounts=True),
)}


def decode(path: Path, raw: bytes | None = None) -> str:
    """The file's text (`raw`: its bytes, if already read). A zipped Portfolio Performance file is read
    inside its zip; PP's encrypted and binary files are refused saying how to save them as XML."""
    raw = read_bytes(path) if raw is None else raw
    why = portfolio_performance_xml.refused_bytes(raw)
    if why is None and raw.startswith(b"PK\x03\x04"):
        try:
            raw = portfolio_performance_xml.unzip(raw)
        except ValueError as error:
            why = str(error)
    if why is not None:
        raise ImportRejected([ImportProblem(str(path), None, "file", why)])
    check_one_encoding(path, raw, "utf-8")
    for encoding in ("utf-8-sig", "cp1252"):  # exports are UTF-8; older Windows tools write Windows-1252
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected([ImportProblem(str(path), None, "encoding", "neither UTF-8 nor Windows-1252 text")])


def _first_row(text: str) -> list[str]:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return next(csv.reader(io.StringIO(first), delimiter=delimiter_of(first)), [])
    except csv.Error:
        return []


def detect(path: Path, text: str | None = None) -> Preset:
    """The preset whose format the file's header shows; ImportRejected saying so when none does."""
    text = decode(path) if text is None else text
    header = _first_row(text)
    for preset in PRESETS.values():
        if preset.recognises(text, header):
            return preset
    shown = ",".join(header)[:120]
    raise ImportRejected([ImportProblem(str(path), 1, "preset", f"no preset recognises this file (header: "
                                                                f"{shown!r}); choose one with --preset "
                                                                f"({', '.join(PRESETS)}) or map it with --mapping")])


def preset_named(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset '{name}' (choose auto or one of {', '.join(PRESETS)})") from None


def read_with_preset(path: Path, name: str) -> tuple[Preset, PresetRead]:
    """Read a file with the named preset ('auto': the one its header shows)."""
    text = decode(path)
    preset = detect(path, text) if name == "auto" else preset_named(name)
    return preset, preset.read(str(path), text)  # symbols, dates, notes: the one input rule, in rows_from_drafts
