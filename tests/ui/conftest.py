"""Qt tests: skipped as a whole where PySide6 is absent (the Qt-free CI job proves the rest needs no Qt)."""
import pytest

pytest.importorskip("PySide6", reason="PySide6 is not installed (Qt-free test run)")
