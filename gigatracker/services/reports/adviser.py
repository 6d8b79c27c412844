"""The adviser's report for one portfolio, as a PDF: client and date, total value, thematic exposure with
look-through coverage, geography and currency, concentration, breached rules with the amounts to trim or
add, theses with conviction and review dates, and where every figure comes from (price sources and dates,
FX rates used). Charts are painted offscreen into images; QTextDocument lays the pages out and QPdfWriter
writes them (no browser, no widgets).

The figures come as data (`data.ReportData`, gathered by the app layer's `report_data.gather`); rendering
needs a QGuiApplication (the CLI makes an offscreen one: `qt.painting_app`).
"""
from __future__ import annotations

import html
from collections.abc import Container
from datetime import date
from decimal import Decimal
from pathlib import Path

from ...core.attribution import CASH_SLEEVE
from ...core.money import price_places
from ...core.themes import UNASSIGNED, Theme
from ..store.outputs import output_file
from ..rule_words import rule_text
from .data import ReportData

PALETTE = ("#1982c4", "#8ac926", "#ff595e", "#ffca3a", "#6a4c93", "#2a9d8f", "#e76f51", "#264653",
           "#f4a261", "#e9c46a", "#b5179e", "#4cc9f0")


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


def _price(value: Decimal | None, currency: str) -> str:
    """A price at its quote's own precision (742.10 EUR, not 742.1000 EUR)."""
    return f"{_number(value, price_places(value, currency) if value is not None else 2)} {currency}"


def _money(value: Decimal | None, currency: str) -> str:
    return f"{_number(value)} {currency}"


def _date(day: date | None) -> str:
    from PySide6.QtCore import QDate, QLocale
    return "—" if day is None else QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def _short_date(day: date) -> str:
    from PySide6.QtCore import QDate, QLocale
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def _month(day: date) -> str:
    from PySide6.QtCore import QDate, QLocale
    return QLocale().toString(QDate(day.year, day.month, day.day), "MMM yyyy")


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
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor

    from .painting import paint_bars, paint_donut

    rows = [r for r in report.themes.rows if r.value_base > 0]
    slices = [(r.key, float(r.value_base), QColor(_colour(r.key, report.theme_info))) for r in rows]
    donut, painter = _canvas(220, 220, 11, scale)
    paint_donut(painter, QRectF(8 * scale, 8 * scale, 204 * scale, 204 * scale), slices,
                _money(report.total_base.quantize(Decimal(1)), report.base_currency).replace(",00 ", " ")
                .replace(".00 ", " "), QColor("white"), QColor("#111111"))
    painter.end()
    breached = {v.key for v in report.breaches if v.rule.dimension == "theme"}
    bars = [(r.key, r.weight_bp / 100, QColor(_colour(r.key, report.theme_info)), r.key in breached)
            for r in report.themes.rows]
    targets = {k: ((low or 0) / 100, (high if high is not None else 10_000) / 100)
               for k, (low, high) in report.targets.items()}
    image, painter = _canvas(330, 18 * len(bars) + 8, 9, scale)
    labelled = [(_label(k), pct, colour, b) for k, pct, colour, b in bars]
    paint_bars(painter, QRectF(0, 4 * scale, image.width(), image.height() - 8 * scale), labelled,
               {_label(k): v for k, v in targets.items()}, QColor("#111111"), QColor("#d73a49"),
               lambda value: _number(value, 1) + " %")
    painter.end()
    return donut, image, _value_chart(report, scale)


def _canvas(width: float, height: float, font_points: float, scale: float):
    """A white image of `width` x `height` points, painted at `scale` x for print, and its painter."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    font = painter.font()
    font.setPixelSize(int(font_points * scale))
    painter.setFont(font)
    return image, painter


def _value_chart(report: ReportData, scale: float):
    """The value and invested capital over the chart's period (None without a performance section)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor

    from ...core.quotes import from_day_number
    from .painting import paint_lines

    section = report.performance
    if section is None or section.days is None or len(section.days) < 2:
        return None
    image, painter = _canvas(520, 190, 9, scale)
    lines = [(translate('Report', 'Value'), section.values, QColor("#1982c4"), False),
             (translate('Report', 'Invested capital'), section.invested, QColor("#8a8a8a"), True)]
    paint_lines(painter, QRectF(0, 0, image.width(), image.height()), section.days, lines, QColor("#111111"),
                lambda v: _number(v, 0), lambda d: _month(from_day_number(d)))
    painter.end()
    return image


def _table(headers: list[str], rows: list[list[str]], right: Container[int] = frozenset()) -> str:
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
    breaches = [[rule_text(v.rule), _pct(v.weight_bp), _pct(v.limit_bp),
                 (translate('Report', "trim %1") if v.action == "trim" else translate('Report', "add %1")).replace("%1", _money(v.amount_base, base))]
                for v in report.breaches]
    theses = [[t.path.split("/")[-1], "★" * t.conviction + "☆" * (5 - t.conviction),
               _date(t.review_date) + (" · " + translate('Report', "overdue") if t.review_date and t.review_date < report.day else ""),
               t.statement] for t in report.theses]
    sources = sorted({(v.price_source or "—", v.price_date) for v in report.holdings if v.price_date})
    fx = sorted({(v.currency, v.fx_via, v.fx_rate, v.fx_date) for v in report.holdings if v.fx_via})
    provenance = [[v.symbol, v.account, _price(v.price, v.currency), v.price_source or "—", _date(v.price_date)]
                  for v in report.holdings]
    title = translate('Report', 'Portfolio report of %1').replace('%1', _date(report.day))
    total = translate('Report', 'Total value: %1').replace('%1', _money(report.total_base, base))
    concentration_text = translate('Report', 'HHI %1 · %2 effective bets · largest: %3 (%4 of the securities held: cash left out)').replace(
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
    new_page = ' style="page-break-before: always"'
    parts = [
        f"<h1>{html.escape(report.portfolio)}</h1>",
        f"<p>{html.escape(title)}<br/><b>{html.escape(total)}</b></p>",
        *_performance_html(report),
        # With a performance section first, the exposure starts a page (its charts stay together).
        f"<h2{new_page if report.performance else ''}>{headings['themes']}</h2>",
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


def _ratio(value: float | None, sign: bool = True) -> str:
    if value is None or value != value:
        return "—"
    return ("+" if sign and value > 0 else "") + _number(value * 100, 2) + " %"


def _performance_html(report: ReportData) -> list[str]:
    section = report.performance
    heading = f"<h2>{html.escape(translate('Report', 'Performance'))}</h2>"
    if section is None:
        return [heading, "<p>" + html.escape(translate('Report', 'No transaction yet: nothing to measure.')) + "</p>"]
    names = {"ytd": translate('Report', 'Year to date'), "1y": translate('Report', '1 year'),
             "3y": translate('Report', '3 years'), "max": translate('Report', 'Since the start')}
    benchmark = section.benchmark
    headers = [translate('Report', 'Period'), translate('Report', 'From'), translate('Report', 'TTWROR'),
               translate('Report', 'IRR (a year)')] + ([benchmark] if benchmark else [])
    rows = [[names[r.name], _short_date(r.start), _ratio(r.ttwror), _ratio(r.irr)]
            + ([_ratio(r.benchmark_ttwror)] if benchmark else []) for r in section.returns]
    chart = section.chart
    parts = [heading, _table(headers, rows, {2, 3, 4})]
    if section.days is not None and len(section.days) > 1:
        parts.append("<p>" + html.escape(translate('Report', 'Value and invested capital from %1 to %2:').replace(
            "%1", _date(chart.start)).replace("%2", _date(chart.end))) + "</p>")
        parts.append('<p><img src="chart://values" width="520" height="190"/></p>')
    c = section.comparison
    if c is not None:
        parts.append("<p>" + html.escape(translate(
            'Report', 'Against %1 over the same period: %2 (the portfolio %3, excess %4 points); beta %5, '
                      'tracking error %6 a year.').replace("%1", c.benchmark).replace(
            "%2", _ratio(c.benchmark_ttwror)).replace("%3", _ratio(c.ttwror)).replace(
            "%4", _number(c.excess * 100, 2)).replace("%5", "—" if c.beta is None else _number(c.beta, 2)).replace(
            "%6", _ratio(c.tracking_error, sign=False))) + "</p>")
    elif benchmark and section.benchmark_error:
        parts.append("<p>" + html.escape(translate('Report', 'Benchmark %1 not measured: no prices for it yet.')
                                         .replace("%1", benchmark)) + "</p>")
    if section.themes:
        theme_rows = [[_label(r.name) if r.name != CASH_SLEEVE else translate('Report', 'Cash and other'),
                       _ratio(r.ttwror), _number(r.contribution * 100, 2), _money(_cents(r.gain), report.base_currency)]
                      for r in section.themes]
        parts.append("<p>" + html.escape(translate(
            'Report', 'Contribution by theme over the same period (points of the portfolio\'s TTWROR; they add up '
                      'to it; weights as they are today):')) + "</p>")
        parts.append(_table([translate('Report', 'Theme'), translate('Report', 'TTWROR'),
                             translate('Report', 'Contribution (points)'), translate('Report', 'Gain')],
                            theme_rows, {1, 2, 3}))
    return parts


def _cents(value: float) -> Decimal:
    return Decimal(repr(round(value, 2))).quantize(Decimal("0.01"))


def write_pdf(report: ReportData, out: Path, *, book: Path | None = None) -> Path:
    """Render the report into `out` (written beside it, then renamed into place; never onto `book`)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    donut, bars, values = _charts(report)
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://donut"), donut)
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://bars"), bars)
    if values is not None:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl("chart://values"), values)
    document.setHtml(report_html(report))
    with output_file(out, book=book) as temporary:
        _print(document, report, temporary)
    return out


def _print(document, report: ReportData, path: Path) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setTitle(f"{report.portfolio} — GigaTracker")
    writer.setCreator("GigaTracker")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document.print_(writer)  # lays the document out on the writer's pages
    del writer  # flushes and closes the file


def safe_file_name(portfolio: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_." else "_" for c in portfolio).strip()
    return (keep or "portfolio") + ".pdf"
