"""An account, new or edited: the portfolio (client) it belongs to, its name and currency (fixed once it
exists), how sales take cost (FIFO or average cost, the French PRU), and whether it allows short selling.
The window writes it."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout

from ...core.ledger import Account
from ...core.money import CURRENCIES
from .parts import ok_cancel, problem_label


class AccountDialog(QDialog):
    def __init__(self, portfolios: list[str], accounts: list[str], base_currency: str, parent=None, *,
                 existing: Account | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit account %1").replace("%1", existing.name) if existing
                            else self.tr("New account"))
        self.setMinimumWidth(420)
        self.taken = set(accounts) - ({existing.name} if existing else set())
        self.portfolio = QComboBox(self)
        self.portfolio.setEditable(True)  # an existing client, or a new one typed in
        self.portfolio.addItems(portfolios)
        self.portfolio.setCurrentText(portfolios[0] if portfolios else self.tr("My portfolio"))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. PEA, CTO Boursorama, IBKR"))
        self.currency = QComboBox(self)
        self.currency.addItems(sorted(CURRENCIES))
        self.currency.setCurrentText(base_currency)
        self.cost_basis = QComboBox(self)
        self.cost_basis.addItem(self.tr("First in, first out (FIFO)"), "fifo")
        self.cost_basis.addItem(self.tr("Average cost (PRU)"), "average")
        self.short_selling = QCheckBox(self.tr("Allows short selling (a sale of more than is held goes short)"),
                                       self)
        self.problem = problem_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Portfolio"), self.portfolio)
        form.addRow(self.tr("Account name"), self.name)
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("Cost of sales"), self.cost_basis)
        form.addRow(self.short_selling)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, self._accept))
        if existing is not None:
            self.portfolio.setCurrentText(existing.portfolio)
            self.name.setText(existing.name)
            self.currency.setCurrentText(existing.currency)
            self.currency.setEnabled(False)  # its cash and trades are in it
            self.cost_basis.setCurrentIndex(self.cost_basis.findData(existing.cost_basis))
            self.short_selling.setChecked(existing.short_selling)

    def _accept(self) -> None:
        portfolio, name = self.portfolio.currentText().strip(), self.name.text().strip()
        if not portfolio or not name:
            self.problem.setText(self.tr("Give the account a name and a portfolio."))
        elif name in self.taken:
            self.problem.setText(self.tr("An account named %1 already exists.").replace("%1", name))
        else:
            self.accept()

    def choice(self) -> tuple[str, str, str, str, bool]:
        """(portfolio, name, currency, cost basis, short selling)."""
        return (self.portfolio.currentText().strip(), self.name.text().strip(), self.currency.currentText(),
                self.cost_basis.currentData(), self.short_selling.isChecked())
