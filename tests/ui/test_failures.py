"""Failures leave a trace (issue 17): a background job that fails, an exception nobody caught and Qt's own
warnings are written to the log file with their traceback; the dialog's text names that file, while a
refusal meant for the user is shown as it is worded. Secrets stay masked."""
from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import qInstallMessageHandler, qWarning

from gigatracker.logs import LOG_NAME, log_dir, redact, setup_logging
from gigatracker.ui import failures
from gigatracker.ui.workers import run_in_background


@pytest.fixture
def log_text(qtbot):
    setup_logging()
    hooks = sys.excepthook, threading.excepthook
    failures.install()
    yield lambda: (log_dir() / LOG_NAME).read_text(encoding="utf-8")
    sys.excepthook, threading.excepthook = hooks
    qInstallMessageHandler(None)


def test_a_failed_background_job_is_logged_with_its_traceback(qtbot, log_text):
    redact("sésame-très-secret")
    failed = []

    def compute():
        raise RuntimeError("the cache is corrupt (key sésame-très-secret)")

    run_in_background(compute, lambda _result: None, failed.append)
    qtbot.waitUntil(lambda: len(failed) == 1, timeout=5_000)
    text = log_text()
    assert "background job test_a_failed_background_job_is_logged_with_its_traceback.<locals>.compute failed" in text
    assert "Traceback (most recent call last)" in text and 'raise RuntimeError("the cache is corrupt' in text
    assert "sésame-très-secret" not in text and "•••" in text
    shown = failures.error_text(failed[0])
    assert shown.startswith("RuntimeError: the cache is corrupt") and str(log_dir() / LOG_NAME) in shown
    assert failures.error_text(ValueError("account: 'PEA' exists")) == "account: 'PEA' exists"  # a refusal


@pytest.mark.qt_no_exception_capture  # our hook, not pytest-qt's, must see it
def test_uncaught_exceptions_and_qt_warnings_reach_the_log(qtbot, log_text):
    try:
        raise KeyError("nobody caught this")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    thread = threading.Thread(target=lambda: 1 / 0, name="quote-worker")
    thread.start()
    thread.join()
    qWarning("QPainter::begin: Paint device returned engine == 0")
    text = log_text()
    assert "CRITICAL gigatracker.ui: uncaught KeyError: 'nobody caught this'" in text
    assert "uncaught ZeroDivisionError in thread quote-worker" in text and "1 / 0" in text
    assert "WARNING gigatracker.qt: QPainter::begin: Paint device returned engine == 0" in text
