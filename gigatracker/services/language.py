"""The interface language (Qt Linguist translations, QtCore only): the window's, and the PDF reports' that
the CLI writes without any widget."""
from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

_translators: list[QTranslator] = []
# Qt's own French (qtbase_fr.qm) predates the mnemonics Qt 6 gave these labels of its file dialog, which
# then show in English: our translation carries them (Qt asks every installed translator in turn).
QT_FILE_DIALOG = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


def install_language(language: str) -> bool:
    """Load the interface translation (and Qt's own, for standard buttons); numbers and dates follow the
    language's locale. Returns False when the translation file is missing (the UI stays in English)."""
    app = QCoreApplication.instance()
    if app is None:  # every caller makes it first: the translators belong to it
        raise RuntimeError("the Qt application must exist before its language is installed")
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    locale = QLocale(QLocale.Language.French, QLocale.Country.France) if language == "fr" else \
        QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    QLocale.setDefault(locale)
    if language == "en":
        return True
    translator = QTranslator(app)
    path = resources.files("gigatracker.resources") / "translations" / f"gigatracker_{language}.qm"
    if not translator.load(str(path)):
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    qt_translator = QTranslator(app)
    if qt_translator.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        _translators.append(qt_translator)
    return True
