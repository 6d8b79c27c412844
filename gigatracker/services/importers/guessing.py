"""What the import wizard suggests for a CSV it has not seen: encoding, delimiter, which column is which,
what each type word means, the number and date formats; and the mapping file (TOML) it saves, which the
CLI reads back (`--mapping`). Suggestions only: the user confirms each one."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

from ...core.ledger import TxType
from .mapping import FIELDS, CsvMapping

ENCODINGS = ("utf-8", "cp1252", "latin-1", "utf-16")
DELIMITERS = (",", ";", "\t", "|")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%m/%d/%Y", "%Y%m%d", "%d/%m/%y")
# Header words (lower case, en/fr/de/nl) -> our field.
COLUMN_WORDS = {
    "date": ("date", "datum", "trade date", "tradedate", "date d'opération", "date operation", "buchungstag"),
    "type": ("type", "action", "activitytype", "opération", "operation", "sens", "typ", "transaction type"),
    "symbol": ("symbol", "symbole", "ticker", "code", "ticker symbol", "mnémonique", "valeur"),
    "quantity": ("quantity", "quantité", "qty", "shares", "stück", "anzahl", "aantal", "nombre", "units"),
    "price": ("price", "prix", "cours", "unit price", "unitprice", "kurs", "koers", "prix unitaire"),
    "amount": ("amount", "montant", "betrag", "bedrag", "total", "value", "montant brut"),
    "fees": ("fees", "fee", "frais", "commission", "gebühren", "kosten", "fees & comm"),
    "taxes": ("taxes", "tax", "impôts", "taxe", "steuern", "ttf"),
    "currency": ("currency", "devise", "währung", "valuta", "ccy", "monnaie"),
    "fx_rate": ("fx rate", "fxrate", "exchange rate", "taux de change", "wechselkurs"),
    "isin": ("isin", "code isin"),
    "name": ("name", "nom", "libellé", "description", "security name", "wertpapiername", "product", "produit"),
    "note": ("note", "comment", "commentaire", "notiz", "memo"),
    "account": ("account", "compte", "konto", "rekening"),
}
TYPE_WORDS = {  # a word in the file's type column -> what it most likely means
    TxType.BUY: ("buy", "achat", "kauf", "koop", "purchase", "bought", "acquisto", "compra"),
    TxType.SELL: ("sell", "vente", "verkauf", "verkoop", "sale", "sold", "vendita", "venta"),
    TxType.DIVIDEND: ("dividend", "dividende", "coupon", "qualified dividend", "ausschüttung"),
    TxType.INTEREST: ("interest", "intérêts", "interets", "zinsen", "rente"),
    TxType.FEE: ("fee", "frais", "gebühr", "gebühren", "commission", "kosten"),
    TxType.TAX: ("tax", "impôt", "impot", "steuer", "steuern", "withholding", "prélèvement"),
    TxType.DEPOSIT: ("deposit", "dépôt", "depot", "versement", "einlage", "storting", "virement entrant"),
    TxType.WITHDRAWAL: ("withdrawal", "retrait", "entnahme", "opname", "virement sortant"),
    TxType.SPLIT: ("split", "division", "stock split", "aktiensplit"),
    TxType.TRANSFER_IN: ("transfer in", "transfert entrant", "umbuchung (eingang)", "journaled shares in"),
    TxType.TRANSFER_OUT: ("transfer out", "transfert sortant", "umbuchung (ausgang)"),
    TxType.TAX_REFUND: ("tax refund", "remboursement d'impôt", "remboursement d’impôt", "steuerrückerstattung",
                        "steuererstattung"),
    TxType.FEE_REFUND: ("fee refund", "fees refund", "remboursement de frais", "gebührenerstattung"),
    TxType.DELIVERY_IN: ("delivery in", "delivery (inbound)", "livraison entrante", "einlieferung"),
    TxType.INTEREST_CHARGE: ("interest charge", "debit interest", "agios", "intérêts débiteurs", "zinsbelastung",
                             "sollzinsen"),
    TxType.DELIVERY_OUT: ("delivery out", "delivery (outbound)", "livraison sortante", "auslieferung"),
}


def suggest_encoding(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def suggest_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        first = sample.split("\n", 1)[0]
        return max(DELIMITERS, key=first.count)


def decode(raw: bytes, encoding: str) -> str:
    """The text, or ValueError saying where the encoding does not fit."""
    try:
        return raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ValueError(f"line {line} is not valid {encoding} (byte 0x{raw[error.start]:02x})") from None


def table(text: str, delimiter: str, skip_rows: int = 0, limit: int | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and the first `limit` non-blank rows; ValueError if the CSV cannot be read."""
    lines = io.StringIO(text, newline="")
    for _ in range(skip_rows):
        lines.readline()
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader, [])]
        rows = []
        for record in reader:
            if any(cell.strip() for cell in record):
                rows.append([cell.strip() for cell in record])
                if limit is not None and len(rows) >= limit:
                    break
    except csv.Error as error:
        raise ValueError(f"unreadable CSV ({error})") from None
    return header, rows


def guess_columns(header: list[str]) -> dict[str, str]:
    """Our field -> the header column that most likely holds it (exact words first, then contained)."""
    lowered = {name.lower(): name for name in header}
    chosen: dict[str, str] = {}
    for exact in (True, False):
        for field_name, words in COLUMN_WORDS.items():
            if field_name in chosen:
                continue
            for word in words:
                match = lowered.get(word) if exact else next(
                    (name for low, name in lowered.items() if word in low and name not in chosen.values()), None)
                if match and match not in chosen.values():
                    chosen[field_name] = match
                    break
    return chosen


def guess_type(word: str) -> TxType | None:
    low = word.strip().lower()
    if low.upper() in TxType.__members__:
        return TxType[low.upper()]
    for kind, words in TYPE_WORDS.items():
        if low in words:
            return kind
    for kind, words in TYPE_WORDS.items():
        if any(re.search(rf"\b{re.escape(w)}", low) for w in words):
            return kind
    return None


def guess_number_format(samples: list[str]) -> tuple[str, str]:
    """(decimal, thousands) that read every sample; the decimal comma when any sample shows one."""
    text = " ".join(samples)
    if re.search(r"\d,\d{1,2}(?!\d)|\d\.\d{3},", text):
        return ",", "." if re.search(r"\d\.\d{3}(?!\d)", text) else (" " if re.search(r"\d \d{3}", text) else "")
    return ".", "," if re.search(r"\d,\d{3}(?!\d)", text) else ""


def guess_date_format(samples: list[str]) -> str:
    """The first format that reads every sample (day first before month first: our users are European)."""
    samples = [s for s in samples if s]
    for layout in DATE_FORMATS:
        try:
            for sample in samples:
                datetime.strptime(sample, layout)
            return layout
        except ValueError:
            continue
    return DATE_FORMATS[0]


def mapping_dict(*, delimiter: str, encoding: str, decimal: str, thousands: str, date_format: str,
                 skip_rows: int, columns: dict[str, str], types: dict[str, TxType],
                 defaults: dict[str, str]) -> dict:
    """The mapping file's content, as `mapping_from_dict` reads it."""
    data: dict = {"csv": {"delimiter": delimiter, "encoding": encoding, "decimal": decimal, "thousands": thousands,
                          "date_format": date_format, "skip_rows": skip_rows},
                  "columns": {f: c for f, c in columns.items() if f in FIELDS and c}}
    if types:
        data["types"] = {word: kind.value for word, kind in types.items()}
    if defaults:
        data["defaults"] = dict(defaults)
    return data


def mapping_toml(data: dict) -> str:
    """TOML text of a mapping dict (strings as TOML basic strings, which JSON's escaping also writes)."""
    out = ["# GigaTracker CSV mapping (docs/formats.md); made by the import wizard"]
    for section in ("csv", "columns", "types", "defaults"):
        if section not in data:
            continue
        out.append(f"\n[{section}]")
        for key, value in data[section].items():
            text = str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)
            out.append(f"{json.dumps(key, ensure_ascii=False)} = {text}")
    return "\n".join(out) + "\n"


def mapping_to_dict(mapping: CsvMapping) -> dict:
    """A loaded mapping back as the wizard's choices (to reuse a saved mapping file)."""
    return mapping_dict(delimiter=mapping.delimiter, encoding=mapping.encoding, decimal=mapping.decimal,
                        thousands=mapping.thousands, date_format=mapping.date_format, skip_rows=mapping.skip_rows,
                        columns=mapping.columns, types=mapping.types, defaults=mapping.defaults)
