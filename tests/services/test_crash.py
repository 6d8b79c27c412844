"""A crash mid-write never corrupts a book or leaves half an import (50 SIGKILLs; see tests/soak)."""
import pytest

from tests.soak.crash_soak import soak

pytestmark = pytest.mark.sqlite_only("a process killed while it writes a book file")


def test_sigkill_during_imports_never_corrupts_or_splits_an_import(tmp_path):
    result = soak(tmp_path, kills=50, seed=2026)
    assert result["imports"] > 50  # the kills landed while imports were really happening
