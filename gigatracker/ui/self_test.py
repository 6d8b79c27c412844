"""`gigatracker --self-test [--screenshot FILE]`: does this installation work? Run by installers' smoke
tests and by users who see a blank window.

Offscreen, on a temporary demo book, with throw-away settings: fonts exist and draw real glyphs (not the
empty boxes a bare system shows when no font has them), the French translation and the icon load, and
every main view opens with figures in it. Prints one line per check and exits 0 if all passed, else 1.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SAMPLE_TEXT = "GigaTracker 1 234,56 € — Thèse IA ✓"
VIEWS = ("dashboard", "holdings", "transactions", "themes", "exposure", "clients")


def run_self_test(screenshot: Path | None = None, *, out=None) -> int:
    out = out or sys.stdout
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    results: list[tuple[bool, str, str]] = []

    def check(name: str, function) -> None:
        began = time.perf_counter()
        try:
            detail = function()
            results.append((True, name, f"{detail} [{time.perf_counter() - began:.2f} s]"))
        except Exception as error:  # noqa: BLE001 - every failure is reported, the next check still runs
            results.append((False, name, f"{type(error).__name__}: {error}"))

    with tempfile.TemporaryDirectory(prefix="gigatracker-self-test-") as folder:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(folder) / "settings"))
        qt_app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "offscreen"])
        qt_app.setOrganizationName("GigaTracker")
        qt_app.setApplicationName("GigaTracker")
        settings = QSettings()
        settings.setValue("quotes/refresh", "manual")  # no network
        settings.setValue("ui/welcome_seen", "true")
        check("fonts", _fonts)
        check("text", _text_renders)
        check("translations", _translations)
        check("icon", _icon)
        check("calendars", _calendars)
        opened: list = []
        check("views", lambda: _views(Path(folder), opened))
        window = opened[0] if opened else None
        if screenshot is not None:
            check("screenshot", lambda: _screenshot(window, screenshot))
        # The verdict is known: say it now; closing the book and the background reads follows.
        for passed, name, detail in results:
            print(f"{'ok  ' if passed else 'FAIL'} {name}: {detail}", file=out)
        failed = [name for passed, name, _ in results if not passed]
        print(f"self-test {'passed' if not failed else 'FAILED (' + ', '.join(failed) + ')'} in "
              f"{time.perf_counter() - started:.2f} s ({_since_launch():.2f} s since launch)", file=out, flush=True)
        if window is not None:
            from .launch import wait_for_workers
            window.close()
            wait_for_workers()
            window.app.close()
    return 1 if failed else 0


def _since_launch() -> float:
    """Seconds since this process started (Linux: from /proc; elsewhere since Python's clock began)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        boot = float(Path("/proc/uptime").read_text().split()[0])
        return boot - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return time.process_time()


def _fonts() -> str:
    from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication
    families = QFontDatabase.families()
    if not families:
        raise RuntimeError("no font at all: install a font package (fonts-dejavu-core)")
    used = QFontInfo(QGuiApplication.font()).family()
    if not used:
        raise RuntimeError(f"no usable font among {len(families)} families: install fonts-dejavu-core")
    return f"{len(families)} families, the interface uses {used}"


def _text_renders() -> str:
    """Every character of a sample has a glyph, and different letters draw differently (boxes do not)."""
    from PySide6.QtGui import QFontMetrics, QGuiApplication
    metrics = QFontMetrics(QGuiApplication.font())
    missing = [c for c in SAMPLE_TEXT if not c.isspace() and not metrics.inFontUcs4(ord(c))]
    if missing:
        raise RuntimeError(f"no glyph for {''.join(missing)!r} in {QGuiApplication.font().family()}")
    images = {letter: _draw(letter) for letter in "AéW€"}
    if len(set(images.values())) < len(images) or not any(images.values()):
        raise RuntimeError("letters draw as identical or empty boxes")
    return f"{SAMPLE_TEXT!r} drawn with real glyphs"


def _draw(text: str) -> bytes:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    image = QImage(48, 32, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(QGuiApplication.font())
    painter.drawText(4, 24, text)
    painter.end()
    data = bytes(image.constBits())
    return b"" if data.count(data[:4]) * 4 == len(data) else data  # all white: nothing was drawn


def _translations() -> str:
    from PySide6.QtCore import QCoreApplication
    from ..services.language import install_language
    try:
        install_language("fr")
        french = QCoreApplication.translate("MainWindow", "Dashboard")
    finally:
        install_language("en")
    if french != "Tableau de bord":
        raise RuntimeError(f"the French translation did not load ('Dashboard' → {french!r})")
    return "French loaded ('Dashboard' → 'Tableau de bord')"


def _icon() -> str:
    from .icons import app_icon
    icon = app_icon()
    pixmap = icon.pixmap(64, 64)
    if icon.isNull() or pixmap.isNull():
        raise RuntimeError("the application icon did not load")
    return "application icon loaded (64 px)"


def _calendars() -> str:
    """Exchange calendars (and their data) load: price freshness on the dashboard depends on them."""
    from ..services.market.calendars import last_closed_session
    session = last_closed_session("NVDA")
    return f"NYSE calendar loaded (last closed session {session.isoformat()})"


def _views(folder: Path, opened: list) -> str:
    from PySide6.QtWidgets import QApplication
    from ..app import App
    from ..app.demo import build_demo_book
    from .main_window import MainWindow
    app = App(build_demo_book(folder / "self-test.gtbook"))
    window = MainWindow(app, page="dashboard")
    opened.append(window)
    window.resize(1280, 800)
    window.show()
    deadline = time.monotonic() + 30
    shown = []
    for page in VIEWS:
        window.show_page(page)
        while time.monotonic() < deadline and not _filled(window, page):
            QApplication.processEvents()
            time.sleep(0.005)
        if not _filled(window, page):
            raise RuntimeError(f"the {page} view stayed empty")
        shown.append(page)
    window.show_page("holdings")
    QApplication.processEvents()
    return f"{', '.join(shown)} opened on the demo book ({window.model.rowCount()} positions)"


def _filled(window, page: str) -> bool:
    if window.data is None:
        return False
    if page == "holdings":
        return window.model.rowCount() > 0
    if page == "transactions":
        return window.transactions.model.rowCount() > 0
    if page == "dashboard":
        return window.dashboard.total.value.text() not in ("", "—")
    if page == "exposure":
        return window.exposure.data is not None
    return page not in window.refresh.stale_pages


def _screenshot(window, path: Path) -> str:
    if window is None:
        raise RuntimeError("no window to take")
    image = window.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    if len(colours) < 8:
        raise RuntimeError("the window looks blank")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise RuntimeError(f"could not write {path}")
    return f"{path} ({image.width()}×{image.height()}, {len(colours)} colours sampled)"
