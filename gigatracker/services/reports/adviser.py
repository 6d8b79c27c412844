"""The adviser's report for one portfolio, as a PDF: client and date, total value, thematic exposure with
look-through coverage, geography and currency, concentration, breached rules with the amounts to trim or
add, theses with conviction and review dates, and where every figure comes from (price sources and dates,
FX rates used). Charts are painted offscreen into images; QTextDocument lays the pages out and QPdfWriter
writes them (no browser, no widgets).

Building the figures (`gather`) needs no Qt; rendering needs a QGuiApplication (the CLI makes an
offscreen one).
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ...core.exposure import Concentration, Exposure, View, concentration, exposure
from ...core.rules import Violation, check_rules
from ...core.themes import DEFAULT_TAXONOMY, UNASSIGNED, Theme, Thesis
from ...core.valuation import Valuation

PALETTE = ("#1982c4", "#8ac926", "#ff595e", "#ffca3a", "#6a4c93", "#2a9d8f", "#e76f51", "#264653",
           "#f4a261", "#e9c46a", "#b5179e", "#4cc9f0")


@dataclass
class ReportData:
    portfolio: str
    day: date
    base_currency: str
    total_base: Decimal
    themes: Exposure
    countries: Exposure
    currencies: Exposure
    concentration: Concentration
    breaches: list[Violation]
    theses: list[Thesis]
    holdings: list[Valuation]
    theme_info: dict[str, Theme]
    problems: list[str]
    targets: dict[str, tuple[int | None, int | None]]


def gather(app, portfolio: str, *, day: date | None = None) -> ReportData:
    snapshot = app.snapshot(portfolio)
    data = app.themes.book_data()
    look = bool(data.funds)
    base, items = snapshot.base_currency, snapshot.items
    rules = app.themes.rules()
    themes = app.themes.list_themes()
    in_thesis = {t.path: t for t in themes if t.taxonomy == DEFAULT_TAXONOMY}
    targets: dict[str, tuple[int | None, int | None]] = {}
    for rule in rules:
        if rule.dimension == "theme" and rule.taxonomy == DEFAULT_TAXONOMY:
            low, high = targets.get(rule.key, (None, None))
            targets[rule.key] = (rule.min_bp if rule.min_bp is not None else low,
                                 rule.max_bp if rule.max_bp is not None else high)
    return ReportData(
        portfolio=portfolio, day=day or date.today(), base_currency=base,
        total_base=sum((item.value_base for item in items), Decimal(0)),
        themes=exposure(items, View("theme", DEFAULT_TAXONOMY, None, look), data, base),
        countries=exposure(items, View("country", look_through=look), data, base),
        currencies=exposure(items, View("currency", look_through=look), data, base),
        concentration=concentration(items, data, look_through=look),
        breaches=check_rules(rules, items, data, base, look_through=look),
        theses=[t for t in app.themes.theses() if t.taxonomy == DEFAULT_TAXONOMY],
        holdings=snapshot.holdings, theme_info=in_thesis, problems=snapshot.problems, targets=targets)


# -- rendering --------------------------------------------------------------------------------------
def translate(context: str, text: str) -> str:
    """Qt's translation (lupdate finds the strings by this name); the report's language is the app's."""
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate(context, text)


def _number(value: Decimal | float | None, places: int = 2) -> str:
    from PySide6.QtCore import QLocale
    if value is None:
        return "—"
    text = format(Decimal(str(value)).quantize(Decimal(1).scaleb(-places)), f",.{places}f")
    locale = QLocale()
    return text.replace(",", "\0").replace(".", locale.decimalPoint()).replace("\0", locale.groupSeparator())


def _pct(bp: int | None) -> str:
    return "—" if bp is None else _number(Decimal(bp) / 100, 1) + " %"


def _money(value: Decimal | None, currency: str) -> str:
    return f"{_number(value)} {currency}"


def _date(day: date | None) -> str:
    from PySide6.QtCore import QDate, QLocale
    return "—" if day is None else QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def _colour(key: str, known: dict[str, Theme]) -> str:
    if key == UNASSIGNED:
        return "#9e9e9e"
    if key in known and known[key].colour:
        return known[key].colour
    return PALETTE[sum(key.encode()) % len(PALETTE)]


def _label(key: str) -> str:
    return translate('Report', "Unassigned") if key == UNASSIGNED else key.split("/")[-1]


def _charts(report: ReportData, scale: float = 3.0):
    """The donut and the bars as images (painted at `scale` x their size in points, for print)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    from .painting import paint_bars, paint_donut

    rows = [r for r in report.themes.rows if r.value_base > 0]
    slices = [(r.key, float(r.value_base), QColor(_colour(r.key, report.theme_info))) for r in rows]
    donut = QImage(int(220 * scale), int(220 * scale), QImage.Format.Format_ARGB32)
    donut.fill(Qt.GlobalColor.white)
    painter = QPainter(donut)
    font = painter.font()
    font.setPixelSize(int(11 * scale))
    painter.setFont(font)
    paint_donut(painter, QRectF(8 * scale, 8 * scale, 204 * scale, 204 * scale), slices,
                _money(report.total_base.quantize(Decimal(1)), report.base_currency).replace(",00 ", " ")
                .replace(".00 ", " "), QColor("white"), QColor("#111111"))
    painter.end()
    breached = {v.key for v in report.breaches if v.rule.dimension == "theme"}
    bars = [(r.key, r.weight_bp / 100, QColor(_colour(r.key, report.theme_info)), r.key in breached)
            for r in report.themes.rows]
    targets = {k: ((low or 0) / 100, (high if high is not None else 10_000) / 100)
               for k, (low, high) in report.targets.items()}
    image = QImage(int(330 * scale), int((18 * len(bars) + 8) * scale), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    font = painter.font()
    font.setPixelSize(int(9 * scale))
    painter.setFont(font)
    labelled = [(_label(k), pct, colour, b) for k, pct, colour, b in bars]
    paint_bars(painter, QRectF(0, 4 * scale, image.width(), image.height() - 8 * scale), labelled,
               {_label(k): v for k, v in targets.items()}, QColor("#111111"), QColor("#d73a49"),
               lambda value: _number(value, 1) + " %")
    painter.end()
    return donut, image


def _table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    head = "".join(f'<th align="{"right" if i in right else "left"}">{html.escape(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f'<td align="{"right" if i in right else "left"}">{html.escape(c)}</td>'
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<table width="100%" cellspacing="0" cellpadding="3" border="0.5"><tr>{head}</tr>{body}</table>'


def report_html(report: ReportData) -> str:
    base = report.base_currency
    coverage = ""
    if report.themes.coverage_bp is not None:
        coverage = translate('Report', "Funds looked through to their holdings: %1 of fund value covered, holdings as of %2.").replace(
            "%1", _pct(report.themes.coverage_bp)).replace("%2", _date(report.themes.as_of))
    theme_rows = [[_label(r.key) if r.key == UNASSIGNED else r.key, _money(r.value_base, base), _pct(r.weight_bp)]
                  for r in report.themes.rows]
    geo = [[r.key if r.key != UNASSIGNED else translate('Report', "Unassigned"), _money(r.value_base, base), _pct(r.weight_bp)]
           for r in report.countries.rows]
    cur = [[r.key, _money(r.value_base, base), _pct(r.weight_bp)] for r in report.currencies.rows]
    conc = report.concentration
    breaches = [[v.rule.label, _pct(v.weight_bp), _pct(v.limit_bp),
                 (translate('Report', "trim %1") if v.action == "trim" else translate('Report', "add %1")).replace("%1", _money(v.amount_base, base))]
                for v in report.breaches]
    theses = [[t.path.split("/")[-1], "★" * t.conviction + "☆" * (5 - t.conviction),
               _date(t.review_date) + (" · " + translate('Report', "overdue") if t.review_date and t.review_date < report.day else ""),
               t.statement] for t in report.theses]
    sources = sorted({(v.price_source or "—", v.price_date) for v in report.holdings if v.price_date})
    fx = sorted({(v.currency, v.fx_via, v.fx_rate, v.fx_date) for v in report.holdings if v.fx_via})
    provenance = [[v.symbol, v.account, _number(v.price, 4) + f" {v.currency}", v.price_source or "—", _date(v.price_date)]
                  for v in report.holdings]
    title = translate('Report', 'Portfolio report of %1').replace('%1', _date(report.day))
    total = translate('Report', 'Total value: %1').replace('%1', _money(report.total_base, base))
    concentration_text = translate('Report', 'HHI %1 · %2 effective bets · largest: %3 (%4)').replace(
        '%1', _number(conc.hhi, 3)).replace('%2', _number(conc.effective_bets, 1)).replace(
        '%3', conc.largest or '—').replace('%4', _pct(conc.largest_weight_bp))
    prices_text = translate('Report', 'Prices: %1.').replace('%1', ', '.join(f'{s} {_date(d)}' for s, d in sources) or '—')
    fx_text = translate('Report', 'FX rates: %1.').replace('%1', ', '.join(
        f'1 {c} = {_number(r, 6)} {base} ({v}, {_date(d)})' for c, v, r, d in fx) or translate('Report', 'none needed'))
    headings = {key: html.escape(text) for key, text in (
        ("themes", translate('Report', 'Thematic exposure')), ("geography", translate('Report', 'Geography')),
        ("currencies", translate('Report', 'Currencies')), ("concentration", translate('Report', 'Concentration')),
        ("breaches", translate('Report', 'Breached rules')), ("theses", translate('Report', 'Theses')),
        ("provenance", translate('Report', 'Data provenance')))}
    value, weight = translate('Report', 'Value'), translate('Report', 'Weight')
    parts = [
        f"<h1>{html.escape(report.portfolio)}</h1>",
        f"<p>{html.escape(title)}<br/><b>{html.escape(total)}</b></p>",
        f"<h2>{headings['themes']}</h2>",
        f"<p>{html.escape(coverage)}</p>",
        '<table width="100%"><tr><td width="40%"><img src="chart://donut" width="220" height="220"/></td>'
        '<td><img src="chart://bars" width="330"/></td></tr></table>',
        _table([translate('Report', 'Theme'), value, weight], theme_rows, {1, 2}),
        f"<h2>{headings['geography']}</h2>", _table([translate('Report', 'Country'), value, weight], geo, {1, 2}),
        f"<h2>{headings['currencies']}</h2>", _table([translate('Report', 'Currency'), value, weight], cur, {1, 2}),
        f"<h2>{headings['concentration']}</h2>", f"<p>{html.escape(concentration_text)}</p>",
        f"<h2>{headings['breaches']}</h2>",
        _table([translate('Report', 'Rule'), weight, translate('Report', 'Limit'), translate('Report', 'To do')],
               breaches, {1, 2, 3}) if breaches
        else "<p>" + html.escape(translate('Report', 'No rule breached.')) + "</p>",
        f"<h2>{headings['theses']}</h2>",
        _table([translate('Report', 'Theme'), translate('Report', 'Conviction'), translate('Report', 'Review'),
                translate('Report', 'Statement')], theses) if theses
        else "<p>" + html.escape(translate('Report', 'No thesis recorded.')) + "</p>",
        f"<h2>{headings['provenance']}</h2>",
        f"<p>{html.escape(prices_text)}<br/>{html.escape(fx_text)}</p>",
        _table([translate('Report', 'Symbol'), translate('Report', 'Account'), translate('Report', 'Price'),
                translate('Report', 'Source'), translate('Report', 'As of')], provenance, {2}),
    ]
    if report.problems:
        not_valued = html.escape(translate('Report', 'Not valued'))
        parts.append(f"<p><b>{not_valued}:</b> {html.escape('; '.join(report.problems))}</p>")
    return "<html><body style='font-family: DejaVu Sans, sans-serif; font-size: 9pt'>" + "".join(parts) + "</body></html>"


def write_pdf(report: ReportData, out: Path) -> Path:
    """Render the report into `out` (written beside it, then renamed into place)."""
    from PySide6.QtCore import QMarginsF, QUrl
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    donut, bars = _charts(report)
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://donut"), donut)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://bars"), bars)
    document.setHtml(report_html(report))
    tmp = out.with_name(out.name + ".tmp")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(f"{report.portfolio} — GigaTracker")
    writer.setCreator("GigaTracker")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document.print_(writer)  # lays the document out on the writer's pages
    del writer  # flushes and closes the file
    os.replace(tmp, out)
    return out


def safe_file_name(portfolio: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_." else "_" for c in portfolio).strip()
    return (keep or "portfolio") + ".pdf"
