"""What the store refuses, as typed errors with a one-line message and a stable ``code``.

The command line turns every :class:`StoreError` into one line on standard
error and exit code 2; the application shows it in a dialog. ``code`` is
stable, so a user interface can show its own translated text.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


class StoreError(Exception):
    """Base of every refusal by the store; ``str()`` is one clear line."""

    code = "store"

    def __init__(self, message: str, path: Path | str | None = None, *, key: str | None = None, **params: object):
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        #: For a message in another language (``atmp_desktop.services.messages``); None: English only.
        self.key = key
        self.params = params


class MissingDatabase(StoreError):
    code = "missing"


class NotADatabase(StoreError):
    """The file is not an SQLite database at all."""

    code = "not_sqlite"


class ForeignDatabase(StoreError):
    """An SQLite database, but not one of ours: we never add our tables to it."""

    code = "foreign"


class CorruptDatabase(StoreError):
    code = "corrupt"


class NewerSchema(StoreError):
    """Written by a newer version of the application: refused, not opened."""

    code = "newer_schema"


class ReadOnlyDatabase(StoreError):
    code = "read_only"


class DatabaseLocked(StoreError):
    code = "locked"


class DiskFull(StoreError):
    code = "disk_full"


class ServerUnreachable(StoreError):
    """The database server did not answer (down, wrong host or port, network): nothing was opened."""

    code = "unreachable"


class AuthenticationFailed(StoreError):
    """The database server refused the user name or password."""

    code = "auth_failed"


class ConnectionLost(StoreError):
    """The connection to the database server broke; the server rolled back what was not committed."""

    code = "connection_lost"


class NotFound(StoreError):
    code = "not_found"


class DuplicateError(StoreError):
    code = "duplicate"


class ConflictError(StoreError):
    """A save based on a stale row version: someone else saved the row first.

    Nothing was written; the caller still holds its own edits and can reload,
    compare and save again.
    """

    code = "conflict"

    def __init__(
        self,
        message: str,
        table: str,
        row_id: object,
        changed_by: str | None,
        changed_at: datetime | None,
        current_version: int | None,
        *,
        key: str | None = None,
        **params: object,
    ):
        super().__init__(message, key=key, **params)
        self.table = table
        self.row_id = row_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.current_version = current_version


def translate(exc: sqlite3.Error, path: Path | str | None) -> StoreError:
    """The refusal a raw SQLite error stands for (so no SQLite text reaches a user alone)."""
    text = str(exc)
    low = text.lower()
    where = str(path) if path is not None else "the database"
    named = str(path) if path is not None else None  # None: "the database" in the reader's language
    if "locked" in low or "busy" in low:
        return DatabaseLocked(
            f"{where} is locked by another program or window that is writing to it; "
            "nothing was changed. Try again in a moment", path, key="store.locked", where=named)
    if "disk is full" in low or "database or disk is full" in low:
        return DiskFull(f"the disk holding {where} is full; nothing was saved. Free some space and try again", path,
                        key="store.disk_full", where=named)
    if "readonly" in low or "read-only" in low:
        return ReadOnlyDatabase(f"{where} is read-only; nothing was changed", path, key="store.read_only", where=named)
    if "not a database" in low or "file is encrypted" in low:
        return NotADatabase(f"{where} is not an SQLite database", path, key="store.not_sqlite", where=named)
    if "malformed" in low or "corrupt" in low:
        return CorruptDatabase(
            f"{where} is damaged ({text}); nothing was changed. Restore a backup with 'atmp-desktop restore'", path,
            key="store.corrupt", where=named, detail=text)
    if "unable to open" in low:
        return MissingDatabase(f"cannot open {where} ({text})", path, key="store.cannot_open", where=named, detail=text)
    return StoreError(f"{where}: {text}", path)
