"""Report tests need Qt (painting, QTextDocument, QPdfWriter) and poppler's pdftotext/pdftoppm (installed
by .ci/run). Outside CI a missing poppler skips them, saying why; in CI it fails."""
import os
import shutil

import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed (Qt-free test run)")


@pytest.fixture(scope="session")
def poppler():
    missing = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} missing: .ci/run installs poppler-utils")
        pytest.skip(f"{', '.join(missing)} not installed (apt install poppler-utils)")
