"""Languages: Swedish and English through Qt's translation system.

Our strings are marked with ``tr()`` in the UI modules; ``resources/translations/
atmp_sv.ts`` is their Swedish source (edit it with Qt Linguist or by hand) and
``atmp_sv.qm`` the compiled file shipped beside it. Qt's own dialogs
(buttons, the print dialog) are translated by Qt's ``qtbase_sv.qm``.
Regenerate both with ``bash installers/update_translations.sh``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from atmp_desktop.paths import resource_path
from atmp_desktop.preferences import DEFAULT_LANGUAGE, LANGUAGES  # noqa: F401 - re-exported

_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resource_path("translations")


def install(lang: str) -> bool:
    """Make *lang* the UI language of the running application; True if Swedish files loaded."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Swedish if lang == "sv" else QLocale.Language.English,
                               QLocale.Country.Sweden if lang == "sv" else QLocale.Country.UnitedKingdom))
    if lang != "sv":
        return False
    ours = QTranslator(app)
    loaded = ours.load(str(translations_dir() / "atmp_sv.qm"))
    if loaded:
        app.installTranslator(ours)
        _installed.append(ours)
    from PySide6.QtCore import QLibraryInfo  # Swedish only: English needs no translator

    qt = QTranslator(app)
    if qt.load("qtbase_sv", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    return loaded


def role_name(role: str) -> str:
    """A role in the UI language."""
    return {
        "coordinator": QCoreApplication.translate("Roles", "coordinator"),
        "pharmacist": QCoreApplication.translate("Roles", "pharmacist"),
        "nurse": QCoreApplication.translate("Roles", "nurse"),
        "administrator": QCoreApplication.translate("Roles", "administrator"),
    }.get(role, role)
