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


URL_SCHEMES = ("postgresql://", "postgres://")


class DbUrl:
    """A shared store on a PostgreSQL server (``postgresql://user@host/dbname``), where a file path would go.

    ``str()`` and ``name`` never show the password (titles, messages, logs);
    ``url`` is what connects. It answers the few questions the callers ask of
    a database's path (``exists()``, ``name``) so that they need no branch.
    """

    def __init__(self, url: str):
        self.url = url
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port
        except ValueError:  # not a number: the server's refusal names it when connecting
            port = None
        if port:
            host = f"{host}:{port}"
        user = f"{parts.username}@" if parts.username else ""
        self.label = urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))
        self.name = self.label

    @staticmethod
    def exists() -> bool:
        return True  # the server says otherwise when it opens; it never needs a demo file first

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"DbUrl({self.label!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DbUrl) and other.url == self.url

    def __hash__(self) -> int:
        return hash(self.url)


def is_db_url(value: object) -> bool:
    return isinstance(value, DbUrl) or (isinstance(value, str) and value.startswith(URL_SCHEMES))


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database to use: *explicit*, else ``ATMP_DB``, else the default in the data folder.

    A ``postgresql://`` URL gives a :class:`DbUrl` (typed as a Path for the callers: it answers
    what they ask of one).
    """
    chosen = explicit if explicit else os.environ.get(DB_ENV)
    if isinstance(chosen, DbUrl):
        return chosen  # type: ignore[return-value]
    if chosen and is_db_url(chosen):
        return DbUrl(str(chosen))  # type: ignore[return-value]
    if chosen:
        return Path(chosen).expanduser()
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
