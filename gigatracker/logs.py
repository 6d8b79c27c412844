"""The log file: rotating, in the platform's log folder, and never holding a secret.

Passphrases and API keys are not passed to the logger by our code; as a second line of defence every
secret the process is given is registered here (`redact`) and masked in any record that would contain it.
"""
from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

import platformdirs

LOG_NAME = "gigatracker.log"
_secrets: set[str] = set()
MASK = "•••"


def redact(secret: str | None) -> None:
    """Register a secret: from now on it never reaches the log, even by mistake."""
    if secret:
        _secrets.add(secret)


class _Redactor(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _secrets:
            text = record.getMessage()
            if any(secret in text for secret in _secrets):
                record.msg, record.args = _masked(text), ()
            if record.exc_info and not record.exc_text:  # a traceback quotes messages and source lines too
                record.exc_text = _masked(logging.Formatter().formatException(record.exc_info))
            if record.stack_info:
                record.stack_info = _masked(record.stack_info)
        return True


def _masked(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir("gigatracker", appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the `gigatracker` loggers to the rotating log file (one handler per process, moved if the log
    folder changed); returns its path."""
    path = log_dir() / LOG_NAME
    logger = logging.getLogger("gigatracker")
    for old in [h for h in logger.handlers if getattr(h, "gigatracker", False)]:
        if old.baseFilename == str(path):
            return path
        logger.removeHandler(old)
        old.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.gigatracker = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_Redactor())
    logger.addHandler(handler)
    logger.setLevel(level)
    return path
