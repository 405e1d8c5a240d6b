"""The user's preferences (language, idle lock, default site) and where the window keeps its state.

Preferences are a small typed record saved as JSON in the per-user config
folder; window geometry and the last view are UI state and live in QSettings
(see :func:`ui_state`). This module does not import Qt (``ui_state`` does, when
called), so the start-up reads the preferences before Qt has loaded;
:mod:`atmp_desktop.ui.settings_dialog` has the dialog that edits them.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from atmp_desktop.settings import APP_DIR_NAME

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

log = logging.getLogger(__name__)

#: The UI languages (code → name in that language); Swedish unless the user chose otherwise.
LANGUAGES = {"en": "English", "sv": "Svenska"}
DEFAULT_LANGUAGE = "sv"

SCHEMA_VERSION = 1
MIN_IDLE_MINUTES, MAX_IDLE_MINUTES = 1, 240


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def ui_state() -> "QSettings":
    """Window size, layout and last view: an INI file in the per-user config folder.

    An explicit file (not Qt's default location) so that tests, which point
    the config folder elsewhere, never share it.
    """
    from PySide6.QtCore import QSettings

    return QSettings(str(config_dir() / "ui-state.ini"), QSettings.Format.IniFormat)


@dataclass(frozen=True)
class Preferences:
    """What the user chose in Settings. Unknown or bad values fall back to the defaults."""

    language: str = DEFAULT_LANGUAGE
    idle_lock_minutes: int = 10
    default_site: str | None = None

    @staticmethod
    def path() -> Path:
        return config_dir() / "preferences.json"

    @classmethod
    def load(cls, path: Path | None = None) -> "Preferences":
        path = path or cls.path()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("preferences not read (%s); using the defaults", exc)
            return cls()
        return cls.from_json(raw)

    @classmethod
    def from_json(cls, raw: Any) -> "Preferences":
        prefs = cls()
        if not isinstance(raw, dict):
            return prefs
        lang = raw.get("language")
        if lang in LANGUAGES:
            prefs = replace(prefs, language=lang)
        minutes = raw.get("idle_lock_minutes")
        if isinstance(minutes, int) and not isinstance(minutes, bool):
            prefs = replace(prefs, idle_lock_minutes=min(max(minutes, MIN_IDLE_MINUTES), MAX_IDLE_MINUTES))
        site = raw.get("default_site")
        if site is None or isinstance(site, str):
            prefs = replace(prefs, default_site=site or None)
        return prefs

    def save(self, path: Path | None = None) -> None:
        path = path or self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"schema_version": SCHEMA_VERSION, **asdict(self)}
        # Written beside and moved into place: a crash never leaves half a file.
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, path)

    def with_environment(self) -> "Preferences":
        """``ATMP_LANG`` (for screenshots and tests) overrides the saved language."""
        lang = os.environ.get("ATMP_LANG")
        return replace(self, language=lang) if lang in LANGUAGES else self


PREFERENCE_FIELDS = tuple(f.name for f in fields(Preferences))
