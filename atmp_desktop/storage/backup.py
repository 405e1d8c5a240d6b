"""Backups through SQLite's online backup API, checked before they count.

* A backup is written to a temporary name beside its target, converted to a
  single self-contained file (rollback journal, not WAL), checked with
  ``PRAGMA integrity_check`` and only then renamed into place, so a half
  written or bad copy never looks like a backup.
* The rotating set lives in ``backups/`` beside the database file (for the
  default database: the per-user data folder), named
  ``<stem>-YYYYMMDD-HHMMSS.db``; the newest *keep* are kept. Copies made before
  a schema upgrade or a restore carry a tag (``-before-schema-2``,
  ``-replaced``) and are never rotated away.
* Restoring a backup (checking the candidate, replacing the file) is
  :mod:`atmp_desktop.storage.restore`, which opens stores; this module only
  copies an open one, so the store itself can make a copy before a schema
  upgrade without an import circle.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from atmp_desktop.storage.errors import (
    CorruptDatabase,
    StoreError,
    translate,
)

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store

DEFAULT_KEEP = 14
_NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<tag>[a-z0-9-]+))?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    tag: str | None
    size: int


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def stamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")


def backup_to(store: "Store", target: Path) -> Path:
    """Copy the open *store* to *target* (which must not exist yet) and check the copy."""
    target = Path(target).expanduser()
    if target.exists():
        raise StoreError(f"{target} already exists; choose another name (nothing was written)", target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {target.parent}: {exc.strerror or exc}", target) from None
    partial = target.with_name(target.name + ".partial")
    try:
        partial.unlink(missing_ok=True)
        dst = sqlite3.connect(str(partial), isolation_level=None)
        try:
            store.conn.backup(dst)
            # One self-contained file: a backup must not depend on a -wal beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
            problems = [r[0] for r in dst.execute("PRAGMA integrity_check").fetchall()]
        finally:
            dst.close()
        if problems != ["ok"]:
            raise CorruptDatabase(
                f"the backup copy failed its integrity check ({problems[0]}); it was not kept", target)
        _fsync(partial)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise translate(exc, target) from None
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"cannot write the backup {target}: {exc.strerror or exc}", target) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def backup_to_folder(store: "Store", tag: str | None = None, now: datetime | None = None) -> Path:
    """A new backup in the store's backup folder (tagged copies are kept out of rotation)."""
    now = now or datetime.now(timezone.utc)
    folder = backup_folder(store.path)
    name = f"{store.path.stem}-{stamp(now)}{'-' + tag if tag else ''}.db"
    target = folder / name
    n = 1
    while target.exists():  # two backups within one second
        n += 1
        target = folder / f"{store.path.stem}-{stamp(now)}{'-' + tag if tag else ''}-{n}.db"
    return backup_to(store, target)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The backups of the database at *db_path*, oldest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    out = []
    for p in folder.iterdir():
        m = _NAME_RE.match(p.name)
        if not m or m.group("stem") != db_path.stem or not p.is_file():
            continue
        created = datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
        tag = m.group("tag")
        if tag is not None and tag.isdigit():  # the -2 of a second backup within one second
            tag = None
        out.append(BackupInfo(p, created, tag, p.stat().st_size))
    return sorted(out, key=lambda b: (b.created, b.path.name))


def rotate(db_path: Path, keep: int = DEFAULT_KEEP) -> list[Path]:
    """Delete all but the newest *keep* untagged backups; return what was deleted."""
    plain = [b for b in list_backups(db_path) if b.tag is None]
    removed = []
    for b in plain[: max(0, len(plain) - keep)]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def backup_if_due(store: "Store", keep: int = DEFAULT_KEEP, max_age: timedelta = timedelta(days=1),
                  now: datetime | None = None) -> Path | None:
    """The start-up backup: make one when the newest is older than *max_age*; rotate."""
    now = now or datetime.now(timezone.utc)
    plain = [b for b in list_backups(store.path) if b.tag is None]
    if plain and now - plain[-1].created < max_age:
        return None
    made = backup_to_folder(store, now=now)
    rotate(store.path, keep)
    return made
