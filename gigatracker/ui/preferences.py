"""The user's settings, kept in QSettings: language, appearance, stream URL, quote refresh policy and
the books opened recently. One place names every key and its default."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QT_TRANSLATE_NOOP

from ..environment import book_location

LANGUAGES = {"en": "English", "fr": "Français"}
APPEARANCES = {"system": QT_TRANSLATE_NOOP("Preferences", "Follow the system"),
               "light": QT_TRANSLATE_NOOP("Preferences", "Light"),
               "dark": QT_TRANSLATE_NOOP("Preferences", "Dark")}
REFRESH_POLICIES = {"on_open": QT_TRANSLATE_NOOP("Preferences", "When a book opens"),
                    "hourly": QT_TRANSLATE_NOOP("Preferences", "When a book opens, then every hour"),
                    "manual": QT_TRANSLATE_NOOP("Preferences", "Only when I ask")}
RECENT_BOOKS = 8


class Preferences:
    def __init__(self, settings: QSettings | None = None):
        self.settings = settings or QSettings()

    def _get(self, key: str, default: str, allowed=None) -> str:
        value = str(self.settings.value(key, default) or default)
        return value if allowed is None or value in allowed else default

    @property
    def language(self) -> str:
        system = "fr" if QLocale.system().language() == QLocale.Language.French else "en"
        return self._get("ui/language", system, LANGUAGES)

    @language.setter
    def language(self, value: str) -> None:
        self.settings.setValue("ui/language", value)

    @property
    def appearance(self) -> str:
        return self._get("ui/appearance", "system", APPEARANCES)

    @appearance.setter
    def appearance(self, value: str) -> None:
        self.settings.setValue("ui/appearance", value)

    @property
    def stream_url(self) -> str:
        return self._get("stream/url", "")

    @stream_url.setter
    def stream_url(self, value: str) -> None:
        self.settings.setValue("stream/url", value.strip())

    @property
    def refresh_policy(self) -> str:
        return self._get("quotes/refresh", "on_open", REFRESH_POLICIES)

    @refresh_policy.setter
    def refresh_policy(self, value: str) -> None:
        self.settings.setValue("quotes/refresh", value)

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without use before an encrypted book's figures are hidden (0: never)."""
        try:
            return max(0, min(24 * 60, int(self.settings.value("privacy/idle_lock_minutes", 0))))
        except (TypeError, ValueError):
            return 0

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self.settings.setValue("privacy/idle_lock_minutes", int(value))

    @property
    def welcome_seen(self) -> bool:
        return self.settings.value("ui/welcome_seen", "false") == "true"

    @welcome_seen.setter
    def welcome_seen(self, value: bool) -> None:
        self.settings.setValue("ui/welcome_seen", "true" if value else "false")

    @property
    def recent_books(self) -> list[Path | str]:
        """Book files, and shared books' URLs (never with a password: book.location has none)."""
        value = self.settings.value("books/recent", []) or []
        return [book_location(p) for p in ([value] if isinstance(value, str) else value)]

    def add_recent_book(self, path: Path | str) -> None:
        paths = [str(path)] + [str(p) for p in self.recent_books if p != path]
        self.settings.setValue("books/recent", paths[:RECENT_BOOKS])
