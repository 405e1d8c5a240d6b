"""Restore: check a file offered as a backup, and put it in the store's place.

:func:`check_candidate` refuses a file that must not replace the store (not
SQLite, damaged, not one of ours, from a newer version); :func:`replace_with`
keeps the file it replaces. Making backups is :mod:`atmp_desktop.storage.backup`.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from atmp_desktop.storage import schema
from atmp_desktop.storage.backup import backup_folder, backup_to_folder, stamp
from atmp_desktop.storage.db import Store, inspect_file
from atmp_desktop.storage.errors import CorruptDatabase, ForeignDatabase, NewerSchema, StoreError, translate


@dataclass(frozen=True)
class CandidateInfo:
    """What :func:`check_candidate` found in a file offered for restore."""

    path: Path
    schema_version: int
    pathways: int
    patients: int
    audit_entries: int


def check_candidate(path: Path) -> CandidateInfo:
    """Refuse a file that must not replace the store; describe one that may."""
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
            kept = folder / f"{db_path.stem}-{stamp(datetime.now(timezone.utc))}-replaced.db"
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
