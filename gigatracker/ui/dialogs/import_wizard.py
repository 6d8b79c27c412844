"""The import wizard: file → encoding and delimiter suggested (or a known format recognised) → preview →
columns mapped → number and date formats with a live preview of the parsed values → a check listing every
bad row, and how the book will compare with the file's own figures (its reconciliation) → import, all rows
or none. A statement that sells shares bought before its first row leads to one more page, where the user
gives what was held then (quantity and cost). It saves and reuses the TOML mapping files the CLI reads.

The check is the importer's own dry run, in a worker; the wizard never writes: the window runs the import
through the store writer when the wizard is accepted (`choice()`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QButtonGroup, QCheckBox, QComboBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QPushButton,
                               QRadioButton, QSizePolicy, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget, QWizard, QWizardPage)

from ..file_places import chosen, start_path
from ...core.ledger import TxType
from ...core.money import decimal_text
from ...services.importers import guessing
from ...services.importers.csv_reader import ImportProblem, ImportRejected
from ...services.messages import translated, type_label
from ...services.importers.mapping import FIELDS, THOUSANDS_CHOICES, CsvMapping, MappingError, load_mapping, \
    mapping_from_dict
from ...services.importers.presets import decode, detect
from ..format import counted, parse_decimal_input
from ..workers import run_in_background

PREVIEW_ROWS = 20
FILE, SOURCE, COLUMNS, CHECK, OPENINGS = range(5)
NOT_MAPPED = ""


def _fill_table(table: QTableWidget, header: list[str], rows: list[list[str]]) -> None:
    table.clear()
    table.setColumnCount(len(header))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(header)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row[:len(header)]):
            table.setItem(r, c, QTableWidgetItem(cell))
    table.resizeColumnsToContents()


class FilePage(QWizardPage):
    def __init__(self, accounts: list[str], parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("A broker's or another tracker's export, and the account it goes into."))
        self.file = QLineEdit(self)
        self.file.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        self.account = QComboBox(self)
        self.account.addItems(accounts)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Into account"), self.account)

    def _browse(self) -> None:
        path = chosen(QFileDialog.getOpenFileName(self, self.tr("Choose a file"), self.file.text() or start_path(),
                                                  self.tr("Exports (*.csv *.txt *.json *.xml);;All files (*)"))[0])
        if path:
            self.file.setText(path)

    def isComplete(self) -> bool:
        return Path(self.file.text().strip()).is_file() and self.account.count() > 0


class SourcePage(QWizardPage):
    """A recognised format, or the encoding and delimiter to read it with; the first rows as read."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("How to read it"))
        self.recognised = QLabel(self)
        self.recognised.setWordWrap(True)
        self.use_preset = QRadioButton(self.tr("Import with this format"), self)
        self.map_myself = QRadioButton(self.tr("Map the columns myself"), self)
        group = QButtonGroup(self)
        group.addButton(self.use_preset)
        group.addButton(self.map_myself)
        self.map_myself.setChecked(True)
        self.encoding = QComboBox(self)
        self.encoding.addItems(guessing.ENCODINGS)
        self.delimiter = QComboBox(self)
        for value, label in ((",", self.tr("comma ,")), (";", self.tr("semicolon ;")), ("\t", self.tr("tab")),
                             ("|", self.tr("bar |"))):
            self.delimiter.addItem(label, value)
        self.skip_rows = QSpinBox(self)
        self.skip_rows.setRange(0, 50)
        self.load_mapping = QPushButton(self.tr("Use a saved mapping…"), self)
        self.load_mapping.clicked.connect(self._load_mapping)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.preview = QTableWidget(self)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        form = QFormLayout()
        form.addRow(self.tr("Encoding"), self.encoding)
        form.addRow(self.tr("Delimiter"), self.delimiter)
        form.addRow(self.tr("Lines before the header"), self.skip_rows)
        layout = QVBoxLayout(self)
        for widget in (self.recognised, self.use_preset, self.map_myself):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.load_mapping, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.problem)
        layout.addWidget(self.preview, 1)
        for signal in (self.encoding.currentIndexChanged, self.delimiter.currentIndexChanged,
                       self.skip_rows.valueChanged, self.use_preset.toggled):
            signal.connect(self.refresh)
        self.raw = b""
        self.preset = None
        self.header: list[str] = []
        self.saved: CsvMapping | None = None  # a mapping file the user chose to reuse

    def initializePage(self) -> None:
        path = Path(self.field("file"))
        self.raw = path.read_bytes()
        self.saved = None
        try:  # recognised from the bytes already read (the header is all it looks at)
            self.preset = detect(path, decode(path, self.raw))
        except ImportRejected:
            self.preset = None
        if self.preset is not None:
            self.recognised.setText(self.tr("Recognised: %1.").replace("%1", self.preset.label))
        else:
            self.recognised.setText(self.tr("No known format recognised: map its columns."))
        self.use_preset.setVisible(self.preset is not None)
        self.map_myself.setVisible(self.preset is not None)
        (self.use_preset if self.preset is not None else self.map_myself).setChecked(True)
        self.encoding.setCurrentText(guessing.suggest_encoding(self.raw))
        text = self.text() or ""
        self.delimiter.setCurrentIndex(max(0, self.delimiter.findData(guessing.suggest_delimiter(text))))
        self.refresh()

    def text(self) -> str | None:
        try:
            return guessing.decode(self.raw, self.encoding.currentText())
        except ValueError as error:
            self.problem.setText(str(error))
            return None

    def refresh(self) -> None:
        by_preset = self.use_preset.isChecked()
        for widget in (self.encoding, self.delimiter, self.skip_rows, self.load_mapping):
            widget.setEnabled(not by_preset)
        self.problem.clear()
        text = self.text()
        if text is None:
            self.header = []
            _fill_table(self.preview, [], [])
        elif by_preset:
            lines = [[line] for line in text.splitlines()[:PREVIEW_ROWS + 1]]
            _fill_table(self.preview, [self.preset.label], lines)
        else:
            try:
                self.header, rows = guessing.table(text, self.delimiter.currentData(), self.skip_rows.value(),
                                                   PREVIEW_ROWS)
            except ValueError as error:
                self.header, rows = [], []
                self.problem.setText(str(error))
            _fill_table(self.preview, self.header, rows)
        self.completeChanged.emit()

    def _load_mapping(self) -> None:
        path = chosen(QFileDialog.getOpenFileName(self, self.tr("Use a saved mapping"), start_path(),
                                                  self.tr("Mapping files (*.toml)"))[0])
        if path:
            self.reuse(path)

    def reuse(self, path: str) -> None:
        """Read the file as a saved mapping says; its columns, types and formats fill the next page."""
        try:
            self.saved = load_mapping(path)
        except MappingError as error:
            self.problem.setText(str(error))
            return
        self.encoding.setCurrentText(self.saved.encoding)
        self.delimiter.setCurrentIndex(max(0, self.delimiter.findData(self.saved.delimiter)))
        self.skip_rows.setValue(self.saved.skip_rows)
        self.refresh()

    def isComplete(self) -> bool:
        return self.use_preset.isChecked() or bool(self.header)

    def nextId(self) -> int:
        return CHECK if self.use_preset.isChecked() else COLUMNS


class ColumnsPage(QWizardPage):
    """Which column is which, what each type word means, and the number and date formats, with the values
    of the first rows parsed as they will be."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Map the columns"))
        self.columns: dict[str, QComboBox] = {}
        form = QFormLayout()
        self.labels = labels = {"date": self.tr("Date"), "type": self.tr("Type"), "symbol": self.tr("Symbol"),
                  "quantity": self.tr("Quantity"), "price": self.tr("Price"), "amount": self.tr("Amount"),
                  "fees": self.tr("Fees"), "taxes": self.tr("Taxes"), "currency": self.tr("Currency"),
                  "fx_rate": self.tr("FX rate"), "ratio": self.tr("Split ratio"), "isin": self.tr("ISIN"),
                  "name": self.tr("Name"), "note": self.tr("Note"), "account": self.tr("Account")}
        for field_name in FIELDS:
            combo = QComboBox(self)
            combo.currentIndexChanged.connect(self.refresh)
            self.columns[field_name] = combo
            form.addRow(labels[field_name], combo)
        self.decimal = QComboBox(self)
        self.decimal.addItem(self.tr("point 1234.56"), ".")
        self.decimal.addItem(self.tr("comma 1234,56"), ",")
        self.thousands = QComboBox(self)
        for value, label in zip(THOUSANDS_CHOICES, (self.tr("none"), ",", ".", self.tr("space"),
                                                    self.tr("no-break space"), self.tr("narrow no-break space"),
                                                    "'")):
            self.thousands.addItem(label, value)
        self.date_format = QComboBox(self)
        self.date_format.setEditable(True)
        self.date_format.addItems(guessing.DATE_FORMATS)
        for combo in (self.decimal, self.thousands):
            combo.currentIndexChanged.connect(self.refresh)
        self.date_format.currentTextChanged.connect(self.refresh)
        formats = QFormLayout()
        formats.addRow(self.tr("Decimal separator"), self.decimal)
        formats.addRow(self.tr("Thousands separator"), self.thousands)
        formats.addRow(self.tr("Date format"), self.date_format)
        self.types = QTableWidget(0, 2, self)
        self.types.setHorizontalHeaderLabels([self.tr("In the file"), self.tr("Means")])
        self.parsed = QTableWidget(self)
        self.parsed.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.save = QPushButton(self.tr("Save this mapping…"), self)
        self.save.clicked.connect(self._save)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        left = QVBoxLayout()
        left.addLayout(form)
        right = QVBoxLayout()
        right.addLayout(formats)
        right.addWidget(QLabel(self.tr("Transaction types"), self))
        right.addWidget(self.types, 1)
        right.addWidget(self.save, 0, Qt.AlignmentFlag.AlignLeft)
        top = QHBoxLayout()
        top.addLayout(left)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        self.reading_label = QLabel(self.tr("Reading every row for its transaction types…"), self)
        self.reading_label.setVisible(False)
        layout.addWidget(self.reading_label)
        layout.addWidget(QLabel(self.tr("As GigaTracker reads the first rows:"), self))
        layout.addWidget(self.parsed, 1)
        self.rows: list[list[str]] = []
        self.header: list[str] = []
        self._filling = False
        self.reading = False  # every row is being read (for its type words)
        self._read = 0  # only the latest read is used

    def initializePage(self) -> None:
        """Set up from the first rows at once; every row is read in a worker (a big file would freeze the
        window), and the type words of the rows beyond the first are added when it is done."""
        source: SourcePage = self.wizard().page(SOURCE)
        text = source.text() or ""
        delimiter, skip = source.delimiter.currentData(), source.skip_rows.value()
        self.header, self.rows = guessing.table(text, delimiter, skip, PREVIEW_ROWS)
        self._read += 1
        read, self.reading = self._read, True
        self.reading_label.setVisible(True)

        def whole_file_read(table) -> None:
            if read == self._read:
                self.header, self.rows = table
                self.reading = False
                self.reading_label.setVisible(False)
                self._fill_types(self._type_choices())
                self.refresh()

        def failed(error: Exception) -> None:
            if read == self._read:  # the problem line says why, and keeps Next disabled
                self.reading = False
                self.reading_label.setVisible(False)
                self.problem.setText(str(error))
                self.completeChanged.emit()

        run_in_background(lambda: guessing.table(text, delimiter, skip), whole_file_read, failed, context=self)
        saved = source.saved
        guessed = dict(saved.columns) if saved else guessing.guess_columns(self.header)
        self._filling = True
        for field_name, combo in self.columns.items():
            combo.clear()
            combo.addItem(self.tr("— not in the file —"), NOT_MAPPED)
            for name in self.header:
                combo.addItem(name, name)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(field_name, NOT_MAPPED))))
        numbers = [row[self.header.index(c)] for row in self.rows[:PREVIEW_ROWS] for f, c in guessed.items()
                   if f in ("quantity", "price", "amount", "fees") and c in self.header
                   and self.header.index(c) < len(row)]
        decimal, thousands = (saved.decimal, saved.thousands) if saved else guessing.guess_number_format(numbers)
        self.decimal.setCurrentIndex(self.decimal.findData(decimal))
        self.thousands.setCurrentIndex(max(0, self.thousands.findData(thousands)))
        dates = self._column_values("date", guessed)
        self.date_format.setCurrentText(saved.date_format if saved else guessing.guess_date_format(dates))
        self._fill_types(saved.types if saved else {})
        self._filling = False
        self.refresh()

    def _column_values(self, field_name: str, chosen: dict[str, str] | None = None) -> list[str]:
        column = (chosen or self.chosen_columns()).get(field_name)
        if not column or column not in self.header:
            return []
        index = self.header.index(column)
        return [row[index] for row in self.rows if index < len(row)]

    def _fill_types(self, saved: dict[str, TxType]) -> None:
        words = sorted(set(self._column_values("type")))
        self.types.setRowCount(len(words))
        for row, word in enumerate(words):
            self.types.setItem(row, 0, QTableWidgetItem(word))
            combo = QComboBox(self.types)
            combo.addItem(self.tr("— refuse the row —"), None)
            for kind in TxType:
                combo.addItem(type_label(kind.value), kind.value)
            guess = saved.get(word) or guessing.guess_type(word)
            combo.setCurrentIndex(max(0, combo.findData(guess.value if guess else None)))
            combo.currentIndexChanged.connect(self.refresh)
            self.types.setCellWidget(row, 1, combo)

    def chosen_columns(self) -> dict[str, str]:
        return {f: combo.currentData() for f, combo in self.columns.items() if combo.currentData()}

    def _type_choices(self) -> dict[str, TxType]:
        types = {}
        for row in range(self.types.rowCount()):
            kind = self.types.cellWidget(row, 1).currentData()
            if kind:
                types[self.types.item(row, 0).text()] = TxType(kind)
        return types

    def mapping(self) -> CsvMapping:
        """The mapping as chosen; MappingError says what is missing."""
        source: SourcePage = self.wizard().page(SOURCE)
        types = self._type_choices()
        currency = self.wizard().account_currency()
        data = guessing.mapping_dict(
            delimiter=source.delimiter.currentData(), encoding=source.encoding.currentText(),
            decimal=self.decimal.currentData(), thousands=self.thousands.currentData(),
            date_format=self.date_format.currentText(), skip_rows=source.skip_rows.value(),
            columns=self.chosen_columns(), types=types, defaults={"currency": currency} if currency else {})
        return mapping_from_dict(data, self.tr("the wizard's mapping"))

    def refresh(self) -> None:
        if self._filling:
            return
        if self.sender() is self.columns["type"]:
            self._fill_types({})
        self.problem.clear()
        shown = ["date", "type", "symbol", "quantity", "price", "amount", "fees"]
        self.parsed.clear()
        self.parsed.setColumnCount(len(shown))
        self.parsed.setHorizontalHeaderLabels([self.labels[f] for f in shown])
        try:
            mapping = self.mapping()
        except MappingError as error:
            self.problem.setText(str(error).split(": ", 1)[-1])
            self.parsed.setRowCount(0)
            self.completeChanged.emit()
            return
        rows = self.rows[:PREVIEW_ROWS]
        self.parsed.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, field_name in enumerate(shown):
                self.parsed.setItem(r, c, QTableWidgetItem(self._parsed(mapping, field_name, row)))
        self.parsed.resizeColumnsToContents()
        self.completeChanged.emit()

    def _parsed(self, mapping: CsvMapping, field_name: str, row: list[str]) -> str:
        column = mapping.columns.get(field_name)
        if column is None or self.header.index(column) >= len(row):
            return ""
        cell = row[self.header.index(column)]
        if not cell:
            return ""
        try:
            if field_name == "date":
                return datetime.strptime(cell, mapping.date_format).date().isoformat()
            if field_name == "type":
                kind = mapping.types.get(cell) or TxType.__members__.get(cell.upper())
                return kind.value if kind else "⚠ " + self.tr("not mapped")
            if field_name == "symbol":
                return cell
            return str(mapping.parse_number(cell))
        except ValueError as error:
            return "⚠ " + str(error)

    def _save(self) -> None:
        path = chosen(QFileDialog.getSaveFileName(self, self.tr("Save this mapping"), start_path("broker.mapping.toml"),
                                                  self.tr("Mapping files (*.toml)"))[0])
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        mapping = self.mapping()
        Path(path).write_text(guessing.mapping_toml(guessing.mapping_to_dict(mapping)), encoding="utf-8")

    def isComplete(self) -> bool:
        return not self.reading and not self.problem.text()


class CheckView(QWidget):
    """What a dry run says: its summary, how the file was read, the reconciliation with the file's own
    figures (each difference with its reason), and every line not imported, or every problem."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.reconciliation = QLabel(self)
        self.reconciliation.setWordWrap(True)
        self.differences = QTableWidget(0, 6, self)
        self.differences.setHorizontalHeaderLabels([self.tr("What"), self.tr("Of"), self.tr("The file says"),
                                                    self.tr("The book has"), self.tr("Difference"),
                                                    self.tr("Likely cause")])
        self.differences.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.differences.verticalHeader().hide()
        self.differences.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.differences.horizontalHeader().sectionResized.connect(self.differences.resizeRowsToContents)
        self.differences.setWordWrap(True)
        self.differences.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.differences.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.problems = QListWidget(self)
        self.problems.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.summary, self.notes, self.reconciliation):
            layout.addWidget(widget)
        layout.addWidget(self.differences)
        layout.addWidget(self.problems, 1)
        layout.addStretch()  # keeps the lines together when there is no list below them
        self._asked = 0
        self.clear(self.tr("Checking every row…"))

    def check(self, run, done) -> None:
        """Run the dry run `run` in a worker and show what it says; `done(result)` with the result, or None
        when the file was refused (the refusal passed as `done`'s second argument). A newer check makes an
        older one's answer moot."""
        self._asked += 1
        asked = self._asked
        self.clear(self.tr("Checking every row…"))

        def shown(result) -> None:
            if asked == self._asked:
                self.show_result(result)
                done(result, None)

        def refused(error: Exception) -> None:
            if asked == self._asked:
                self.show_refused(error)
                done(None, error)
        run_in_background(run, shown, refused, context=self)

    def clear(self, text: str) -> None:
        self.summary.setText(text)
        for label in (self.notes, self.reconciliation):
            label.clear()
            label.hide()
        self.differences.setRowCount(0)
        self.differences.hide()
        self.problems.clear()

    def show_result(self, result) -> None:
        text = self.tr("%1 rows: %2 to add, %3 already imported.").replace("%1", str(result.rows)).replace(
            "%2", str(result.added)).replace("%3", str(result.skipped))
        if result.ignored:
            text += " " + self.tr("%1 lines not imported (listed below).").replace("%1", str(len(result.ignored)))
            self.problems.addItems([self.tr("line %1: %2").replace("%1", str(line)).replace("%2", why)
                                    for line, why in result.ignored])
        self.problems.setVisible(bool(result.ignored))
        self.summary.setText(text)
        if result.notes:
            self.notes.setText("\n".join(result.notes))
            self.notes.show()
        self._show_reconciliation(result.reconciliation)

    def _show_reconciliation(self, reconciliation) -> None:
        self.reconciliation.show()
        if reconciliation is None:
            self.reconciliation.setText(self.tr("The file states no balances or figures of its own to check the "
                                                "book against."))
            return
        words = {"trades": (self.tr("trade"), self.tr("trades")), "positions": (self.tr("position"),
                 self.tr("positions")), "balances": (self.tr("balance"), self.tr("balances"))}
        checked = ", ".join(f"{count} {words.get(what, (what, what))[count != 1]}"
                            for what, count in reconciliation.checked.items() if count)
        if reconciliation.agrees:
            self.reconciliation.setText(self.tr("✔ Once imported, the book agrees with the file's own figures "
                                                "(%1).").replace("%1", checked))
            return
        self.reconciliation.setText(self.tr("⚠ Once imported, the book will differ from the file's own figures "
                                            "in %1 place(s) (%2 checked):").replace(
            "%1", str(len(reconciliation.differences))).replace("%2", checked))
        self.differences.setRowCount(len(reconciliation.differences))
        for row, difference in enumerate(reconciliation.differences):
            cells = (difference.what, difference.subject, decimal_text(difference.expected),
                     decimal_text(difference.got), decimal_text(difference.difference), difference.why)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if 2 <= column <= 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.differences.setItem(row, column, item)
        for column in range(5):
            self.differences.resizeColumnToContents(column)
        self.differences.show()
        self.differences.resizeRowsToContents()

    def show_refused(self, error: Exception) -> None:
        problems = getattr(error, "problems", None) or [error]
        self.summary.setText(counted(len(problems),
                                     self.tr("Nothing can be imported: %1 problem. Fix the file or the mapping."),
                                     self.tr("Nothing can be imported: %1 problems. Fix the file or the mapping.")))
        self.problems.addItems([problem_text(problem) for problem in problems])
        self.problems.show()


def problem_text(problem) -> str:
    """A refused row as "line 4: quantity: why" (the wizard's file goes without saying), in the interface's
    language."""
    if isinstance(problem, ImportProblem):
        where = QCoreApplication.translate("ImportWizard", "line %1").replace("%1", str(problem.line)) \
            if problem.line is not None else Path(problem.source).name
        return f"{where}: {problem.field}: {translated(problem.why)}"
    return translated(str(problem))


class CheckPage(QWizardPage):
    """The importer's dry run: every bad row with its reason, or what the import will do."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Check"))
        self.view = CheckView(self)
        self.skip_unknown = QCheckBox(self.tr("Skip rows of a kind GigaTracker does not know (they are listed) "
                                              "and import the rest"), self)
        self.skip_unknown.toggled.connect(self.initializePage)
        layout = QVBoxLayout(self)
        layout.addWidget(self.skip_unknown)
        layout.addWidget(self.view, 1)
        self.result = None
        self.openings_needed: dict[str, Decimal] = {}

    @property
    def summary(self) -> QLabel:
        return self.view.summary

    @property
    def problems(self) -> QListWidget:
        return self.view.problems

    def initializePage(self) -> None:
        self.result, self.openings_needed = None, {}
        self.setFinalPage(False)
        self.skip_unknown.setVisible(self.skip_unknown.isChecked())  # shown when the file has such rows
        self.view.check(self.wizard().choice().dry_run(self.wizard().app), self._checked)
        self.completeChanged.emit()

    def _checked(self, result, error: Exception | None) -> None:
        self.result = result
        if error is not None:
            self.openings_needed = dict(getattr(error, "openings_needed", {}) or {})
            unknown = any("--skip-unknown" in str(problem) for problem in getattr(error, "problems", []))
            self.skip_unknown.setVisible(self.wizard().by_preset() and (unknown or self.skip_unknown.isChecked()))
            if self.openings_needed:
                self.view.summary.setText(self.view.summary.text() + " " + self.tr(
                    "The file sells shares it never bought: it starts after they were bought. Next: give what was "
                    "held before its first row."))
        self.setFinalPage(False)  # has the wizard ask nextId() again: Next to the openings page, or Import
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.result is not None or bool(self.openings_needed)

    def nextId(self) -> int:
        return OPENINGS if self.result is None and self.openings_needed else -1


class OpeningsPage(QWizardPage):
    """What the accounts held before the file's first row, for a statement that starts mid-life: each
    security the file sells more of than it buys, with the quantity it must have held and the total cost
    the user gives (their broker's statement or contract notes say it). Checked again before importing."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Held before the file's first row"))
        self.setSubTitle(self.tr("The file sells these securities without having bought them: give the quantity "
                                 "held before its first row and what it cost in all, then check again."))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Security"), self.tr("Quantity held"),
                                              self.tr("Total cost")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._edited)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.check_again = QPushButton(self.tr("Check again"), self)
        self.check_again.clicked.connect(self.check)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.view = CheckView(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.check_again)
        row.addWidget(self.problem, 1)
        layout.addLayout(row)
        layout.addWidget(self.view, 2)
        self.result = None

    def initializePage(self) -> None:
        needed = self.wizard().check_page.openings_needed
        self.table.blockSignals(True)
        self.table.setRowCount(len(needed))
        for row, (symbol, quantity) in enumerate(sorted(needed.items())):
            name = QTableWidgetItem(symbol)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(decimal_text(quantity)))
            self.table.setItem(row, 2, QTableWidgetItem(""))
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.result = None
        self.view.clear(self.tr("Give each total cost, then check again."))

    def openings(self) -> dict[str, tuple[Decimal, Decimal]] | None:
        """{symbol: (quantity, total cost)}, or None after saying which entry is not a number."""
        given = {}
        for row in range(self.table.rowCount()):
            symbol = self.table.item(row, 0).text()
            values = []
            for column, what in ((1, self.tr("quantity")), (2, self.tr("total cost"))):
                text = self.table.item(row, column).text()
                try:
                    value = parse_decimal_input(text)
                except ValueError:
                    value = None
                if value is None or value < 0 or (column == 1 and value == 0):
                    self.problem.setText(self.tr("%1: the %2 '%3' is not a usable number.").replace(
                        "%1", symbol).replace("%2", what).replace("%3", text))
                    return None
                values.append(value)
            given[symbol] = (values[0], values[1])
        self.problem.clear()
        return given

    def _edited(self) -> None:
        self.result = None  # what was checked is no longer what is entered
        self.completeChanged.emit()

    def check(self) -> None:
        openings = self.openings()
        if openings is None:
            return
        self.result = None
        self.view.check(self.wizard().choice(openings).dry_run(self.wizard().app), self._checked)
        self.completeChanged.emit()

    def _checked(self, result, _error) -> None:
        self.result = result
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.result is not None


@dataclass
class ImportChoice:
    """What to import and how: a file through a preset (by name) or a mapping, into an account (None: the
    accounts the file names), with what was held before its first row and whether to skip unknown rows."""
    file: str
    preset: str | None
    mapping: CsvMapping | None
    account: str | None
    openings: dict = field(default_factory=dict)
    skip_unknown: bool = False

    def run(self, app, dry_run: bool = False):
        if self.preset is not None:
            return app.import_with_preset(self.file, self.preset, account=self.account, dry_run=dry_run,
                                          openings=self.openings, skip_unknown=self.skip_unknown)
        return app.import_transactions(self.file, self.mapping, account=self.account, dry_run=dry_run,
                                       openings=self.openings)

    def dry_run(self, app):
        return lambda: self.run(app, dry_run=True)


class ImportWizard(QWizard):
    def __init__(self, app, accounts: list[tuple[str, str]], parent=None):
        """accounts: (name, currency) of the book's accounts."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import transactions"))
        self.app = app
        self.currencies = dict(accounts)
        self.file_page = FilePage([name for name, _ in accounts], self)
        self.source_page = SourcePage(self)
        self.columns_page = ColumnsPage(self)
        self.check_page = CheckPage(self)
        self.openings_page = OpeningsPage(self)
        for page_id, page in ((FILE, self.file_page), (SOURCE, self.source_page), (COLUMNS, self.columns_page),
                              (CHECK, self.check_page), (OPENINGS, self.openings_page)):
            self.setPage(page_id, page)
        self.file_page.registerField("file*", self.file_page.file)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))
        self.resize(900, 640)

    def account(self) -> str:
        return self.file_page.account.currentText()

    def account_currency(self) -> str:
        return self.currencies.get(self.account(), "")

    def by_preset(self) -> bool:
        return self.source_page.use_preset.isChecked()

    def choice(self, openings: dict | None = None) -> ImportChoice:
        """What to import; `openings` (else those given on the openings page, if it was reached)."""
        file = self.file_page.file.text().strip()
        if openings is None and self.currentId() == OPENINGS:
            openings = self.openings_page.openings()
        if self.by_preset():
            preset = self.source_page.preset
            return ImportChoice(file, preset.name, None, None if preset.names_accounts else self.account(),
                                openings or {}, self.check_page.skip_unknown.isChecked())
        return ImportChoice(file, None, self.columns_page.mapping(), self.account(), openings or {})
