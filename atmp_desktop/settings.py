"""Where the user's files live: the per-user data folder (platformdirs) and the database path.

The database is, in order: ``--db PATH``, the ``ATMP_DB`` environment
variable, or ``atmp.db`` in the per-user data folder
(``~/.local/share/atmp-desktop`` on Linux, ``%LOCALAPPDATA%\\atmp-desktop``
on Windows). Backups go to ``backups/`` beside the database file.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "atmp-desktop"
DB_FILE_NAME = "atmp.db"
DB_ENV = "ATMP_DB"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: *explicit*, else ``ATMP_DB``, else the default in the data folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"
