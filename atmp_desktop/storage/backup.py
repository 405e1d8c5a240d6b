"""Backups through SQLite's online backup API, checked before they count, and restore.

* A backup is written to a temporary name beside its target, converted to a
  single self-contained file (rollback journal, not WAL), checked with
  ``PRAGMA integrity_check`` and only then renamed into place, so a half
  written or bad copy never looks like a backup.
* The rotating set lives in ``backups/`` beside the database file (for the
  default database: the per-user data folder), named
  ``<stem>-YYYYMMDD-HHMMSS.db``; the newest *keep* are kept. Copies made before
  a schema upgrade or a restore carry a tag (``-before-schema-2``,
  ``-replaced``) and are never rotated away.
* :func:`restore` checks the candidate file first (SQLite, sound, one of ours,
  not from a newer version) and keeps the file it replaces.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from atmp_desktop.storage import schema
from atmp_desktop.storage.errors import (
    CorruptDatabase,
    ForeignDatabase,
    NewerSchema,
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


@dataclass(frozen=True)
class CandidateInfo:
    """What :func:`check_candidate` found in a file offered for restore."""

    path: Path
    schema_version: int
    pathways: int
    patients: int
    audit_entries: int


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _stamp(now: datetime) -> str:
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
    name = f"{store.path.stem}-{_stamp(now)}{'-' + tag if tag else ''}.db"
    target = folder / name
    n = 1
    while target.exists():  # two backups within one second
        n += 1
        target = folder / f"{store.path.stem}-{_stamp(now)}{'-' + tag if tag else ''}-{n}.db"
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


def check_candidate(path: Path) -> CandidateInfo:
    """Refuse a file that must not replace the store; describe one that may."""
    from atmp_desktop.storage.db import inspect_file

    path = Path(path).expanduser()
    if not path.exists():
        raise StoreError(f"there is no file {path}", path)
    inspect_file(path)
    if path.stat().st_size == 0:
        raise ForeignDatabase(f"{path} is empty; it is not a backup", path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise CorruptDatabase(f"{path} is damaged ({problems[0]}); it cannot be restored", path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "_sqlite_migrations" not in tables or "pathways" not in tables:
            raise ForeignDatabase(f"{path} is an SQLite database, but not an ATMP Pathway Planner store", path)
        applied = [r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [schema.MIGRATION_SET])]
        if version > schema.SCHEMA_VERSION or any(n not in schema.MIGRATION_NAMES for n in applied):
            raise NewerSchema(
                f"{path} was written by a newer version of the application (schema {version}); "
                "this version cannot restore it", path)
        counts = [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("pathways", "patients", "audit")]
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    finally:
        conn.close()
    return CandidateInfo(path, version, *counts)


def replace_with(db_path: Path, candidate: Path) -> Path | None:
    """Replace the database at *db_path* with *candidate* (already checked); return the kept old file.

    When the current file opens, it is backed up (tag ``replaced``) and the
    candidate copied into it through the backup API, so other connections see
    a consistent switch. When it does not open (it is damaged: the usual
    reason to restore), it is moved aside whole, with its -wal and -shm.
    """
    from atmp_desktop.storage.db import Store

    db_path = Path(db_path).expanduser()
    kept: Path | None = None
    src = sqlite3.connect(f"{Path(candidate).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        try:
            current = Store.open(db_path, create=True, backup_before_migrate=False) if db_path.exists() else None
        except StoreError:
            current = None
            folder = backup_folder(db_path)
            folder.mkdir(parents=True, exist_ok=True)
            kept = folder / f"{db_path.stem}-{_stamp(datetime.now(timezone.utc))}-replaced.db"
            os.replace(db_path, kept)
            for suffix in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + suffix)
                if side.exists():
                    os.replace(side, kept.with_name(kept.name + suffix))
        if current is not None:
            try:
                kept = backup_to_folder(current, tag="replaced")
                src.backup(current.conn)
            except sqlite3.Error as exc:
                raise translate(exc, db_path) from None
            finally:
                current.close()
        else:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            dst = sqlite3.connect(str(db_path), isolation_level=None)
            try:
                src.backup(dst)
            except sqlite3.Error as exc:
                raise translate(exc, db_path) from None
            finally:
                dst.close()
    finally:
        src.close()
    return kept


def candidate_user(path: Path, username: str):
    """``(User, credentials)`` of *username* in the (checked) file at *path*, or None."""
    import json

    from atmp_desktop.storage.records import User

    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    try:
        row = conn.execute(
            "SELECT username, display_name, role, site, active, password_hash, password_salt, password_params"
            " FROM users WHERE username = ?", [username]).fetchone()
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    finally:
        conn.close()
    if row is None:
        return None
    return User(row[0], row[1], row[2], row[3], bool(row[4])), (row[5], row[6], json.loads(row[7]))
