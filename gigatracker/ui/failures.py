"""Failures leave a trace: an exception nobody caught (in a slot, a thread or a background job) and Qt's own
warnings go to the log file with their traceback; the user is told what happened in one line and where the
details are. Secrets stay masked: the log's handler redacts them (logs.py)."""
from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler

from ..logs import LOG_NAME, log_dir

log = logging.getLogger("gigatracker.ui")
qt_log = logging.getLogger("gigatracker.qt")
_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def log_file_text() -> str:
    return str(log_dir() / LOG_NAME)


def error_text(error: BaseException) -> str:
    """What a dialog says of a failure: a refusal as it is worded (its message is meant for the user), any
    other error with its kind and the log file that holds its traceback."""
    from ..core.ledger import LedgerError
    from ..services.store import BookError
    from ..services.messages import translated
    if isinstance(error, (LedgerError, BookError, ValueError, OSError)):
        return translated(str(error))
    return QCoreApplication.translate("Failures", "%1: %2\n\nThe details are in the log file:\n%3").replace(
        "%1", type(error).__name__).replace("%2", str(error)).replace("%3", log_file_text())


def install() -> None:
    """Log what nobody caught (GUI thread, other threads) and what Qt warns about."""
    previous = sys.excepthook

    def excepthook(kind, value, traceback) -> None:
        log.critical("uncaught %s: %s", kind.__name__, value, exc_info=(kind, value, traceback))
        previous(kind, value, traceback)

    def thread_excepthook(args) -> None:
        log.critical("uncaught %s in thread %s: %s", args.exc_type.__name__,
                     args.thread.name if args.thread else "?", args.exc_value,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    def qt_messages(kind, context, message) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    qInstallMessageHandler(qt_messages)
