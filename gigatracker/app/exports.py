"""Exports of an open book (`app.exports`): holdings, transactions and exposure as CSV or XLSX tables,
and the whole book as JSON (which `import_book` turns back into a new book)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.exposure import View
from ..core.money import round_money
from ..services.exporters import book_json
from ..services.exporters.tables import Column, Table, write_table

if TYPE_CHECKING:
    from .open_book import App


class ExportCommands:
    def __init__(self, app: "App"):
        self.app = app

    def holdings_table(self, portfolio: str | None = None) -> Table:
        snapshot = self.app.snapshot(portfolio)
        names = self.app.security_names()
        total = sum((item.value_base for item in snapshot.items), Decimal(0))
        base = snapshot.base_currency
        columns = [Column("Portfolio"), Column("Account"), Column("Symbol"), Column("Name"),
                   Column("Quantity", "quantity"), Column("Currency"), Column("Average cost", "price"),
                   Column("Cost basis", "money"), Column("Price", "price"), Column("Price date", "date"),
                   Column("Price source"), Column("Market value", "money"), Column(f"FX rate to {base}", "rate"),
                   Column(f"Market value ({base})", "money"), Column(f"Unrealized P&L ({base})", "money"),
                   Column("Weight", "percent")]
        rows = [[v.portfolio, v.account, v.symbol, names.get(v.symbol, ""), v.quantity, v.currency, v.average_cost,
                 v.cost_basis, v.price, v.price_date, v.price_source or "", v.market_value, v.fx_rate,
                 _money(v.market_value_base, base), _money(v.unrealized_pnl_base, base),
                 (v.market_value_base / total) if v.market_value_base is not None and total else None]
                for v in snapshot.holdings]
        return Table("Holdings", columns, rows)

    def transactions_table(self, portfolio: str | None = None) -> Table:
        accounts = {a.name for a in self.app.accounts() if portfolio is None or a.portfolio == portfolio}
        columns = [Column("Id", "integer"), Column("Date", "date"), Column("Account"), Column("Type"),
                   Column("Symbol"), Column("Quantity", "quantity"), Column("Price", "price"),
                   Column("Amount", "money"), Column("Fees", "money"), Column("Taxes", "money"), Column("Currency"),
                   Column("FX rate", "rate"), Column("Split ratio", "quantity"), Column("Note")]
        rows = [[tx.id, tx.date, tx.account, tx.type.value, tx.symbol or "", tx.quantity, tx.price,
                 _money(tx.amount, tx.currency), _money(tx.fees, tx.currency), _money(tx.taxes, tx.currency),
                 tx.currency, tx.fx_rate, tx.ratio, tx.note]
                for tx in self.app.transactions() if tx.account in accounts]
        return Table("Transactions", columns, rows)

    def exposure_table(self, view: View, portfolio: str | None = None) -> Table:
        report = self.app.themes.exposure(view, portfolio=portfolio)
        base = report.exposure.base_currency
        columns = [Column(view.taxonomy if view.dimension == "theme" else view.dimension.capitalize()),
                   Column(f"Value ({base})", "money"), Column("Weight", "percent")]
        rows = [[row.key, row.value_base, Decimal(row.weight_bp) / 10_000] for row in report.exposure.rows]
        return Table("Exposure", columns, rows)

    def write(self, table: Table, path: Path | str) -> Path:
        return write_table(table, Path(path), book=self.app.book.path)

    def book_document(self) -> dict:
        """The whole book as its JSON file holds it, without writing it."""
        with self.app.book.read() as conn:
            return book_json.book_document(conn)

    def export_book(self, path: Path | str, passphrase: str | None = None) -> dict:
        """The whole book as JSON; with a passphrase, in an encrypted file."""
        return book_json.export_book(self.app.book, Path(path), passphrase)


def _money(value: Decimal | None, currency: str) -> Decimal | None:
    return None if value is None else round_money(value, currency)
