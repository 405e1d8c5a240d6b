"""Where the user's files live: the per-user data folder (platformdirs) and the database path.

The database is, in order: ``--db PATH``, the ``ATMP_DB`` environment
variable, or ``atmp.db`` in the per-user data folder
(``~/.local/share/atmp-desktop`` on Linux, ``%LOCALAPPDATA%\\atmp-desktop``
on Windows). Backups go to ``backups/`` beside the database file.

:func:`window_db` tells whether a command line only opens the window on a
database (no command, or only ``--db PATH``): the command line
(:mod:`atmp_desktop.cli`) and ``python -m atmp_desktop.app`` both ask it, so
that the window never imports the command line, and the command line opens
the window without building its parser first.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple, Sequence

APP_DIR_NAME = "atmp-desktop"
DB_FILE_NAME = "atmp.db"
DB_ENV = "ATMP_DB"


def data_dir() -> Path:
    import platformdirs  # on first use: deciding what a command line asks for needs no folders

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


class OpenWindow(NamedTuple):
    """What :func:`window_db` found: open the window on ``db`` (None: ``ATMP_DB`` or the default)."""

    db: str | None


def window_db(argv: Sequence[str]) -> OpenWindow | None:
    """*argv* (without the program's name) when it only opens the window: nothing, ``--db PATH`` or
    ``--db=PATH``. None for anything else (a command, ``--help``, ``--db`` without a path, …)."""
    args = list(argv)
    if not args:
        return OpenWindow(None)
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return OpenWindow(args[1])
    if len(args) == 1 and args[0].startswith("--db="):
        return OpenWindow(args[0].split("=", 1)[1])
    return None


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"
