"""Qt tests: skipped as a whole where PySide6 is absent (the Qt-free CI job proves the rest needs no Qt).
Each test gets its own settings file, English, the light palette and no network refresh."""
import gc
from pathlib import Path

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed (Qt-free test run)")

from PySide6.QtCore import QSettings  # noqa: E402

from gigatracker.services.language import install_language  # noqa: E402
from gigatracker.ui.appearance import apply_appearance  # noqa: E402
from gigatracker.ui.launch import wait_for_workers  # noqa: E402

SCREENSHOTS = Path(__file__).parents[1] / "screenshots"


@pytest.fixture(autouse=True)
def qt_settings(qapp, tmp_path):
    qapp.setOrganizationName("GigaTracker")
    qapp.setApplicationName("GigaTracker")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    settings = QSettings()
    settings.clear()
    settings.setValue("quotes/refresh", "manual")  # tests never touch the network
    settings.setValue("ui/welcome_seen", "true")
    settings.sync()
    install_language("en")
    apply_appearance("light")
    yield settings
    wait_for_workers()  # no test's background job runs into the next test
    install_language("en")
    gc.unfreeze()  # what a window froze out of the GC's scans (ui/gc_pauses.py) is collectable again
