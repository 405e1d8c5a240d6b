"""Backups and restore, as the application and the command line use them.

* :func:`backup_now` — ``atmp-desktop backup``: into the rotating set (or
  ``--to PATH``), checked with ``PRAGMA integrity_check``.
* :func:`backup_if_due` — at start-up: one when the newest is older than a day.
* :func:`restore` — ``atmp-desktop restore PATH``: the candidate is checked
  first, an administrator must sign in, and the replaced file is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from atmp_desktop.services.auth import Permission, Session, verify_password
from atmp_desktop.services.errors import AuthenticationError, StoreError
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage import backup as _backup
from atmp_desktop.storage import restore as _restore
from atmp_desktop.storage.backup import DEFAULT_KEEP, BackupInfo, list_backups  # noqa: F401
from atmp_desktop.storage.restore import CandidateInfo
from atmp_desktop.storage.db import Store


def backup_now(store: Store, to: str | Path | None = None, keep: int = DEFAULT_KEEP) -> Path:
    """A checked backup: to *to*, or into the rotating set (then rotated to *keep*)."""
    if store.backend != "sqlite":
        from atmp_desktop.services.errors import ValidationError

        raise ValidationError(
            f"{store.label} is a shared store on a PostgreSQL server: its backups are the server's "
            "(pg_dump, see db/postgresql.md); nothing was written", key="backup.on_server", where=store.label)
    if to is not None:
        return _backup.backup_to(store, Path(to))
    made = _backup.backup_to_folder(store)
    _backup.rotate(store.path, keep)
    return made


def backup_if_due(store: Store, keep: int = DEFAULT_KEEP, max_age: timedelta = timedelta(days=1)) -> Path | None:
    """The application's start-up backup; returns the new file, or None when one is recent enough (or on a server)."""
    if store.backend != "sqlite":
        return None
    return _backup.backup_if_due(store, keep, max_age)


@dataclass(frozen=True)
class RestoreResult:
    restored: CandidateInfo
    kept: Path | None


def _admin(db_path: Path, candidate: Path, username: str, password: str) -> Session:
    """Authenticate against the current store when it opens, else against the candidate."""
    found = None
    if db_path.exists():
        try:
            with Store.open(db_path, create=False, write=False) as current:
                user = current.repos.users.get(username)
                if current.repos.users.count():
                    found = (user, current.repos.users.credentials(username) if user else None)
        except StoreError:
            found = None
    if found is None:
        hit = _restore.candidate_user(candidate, username)
        found = (hit[0], hit[1]) if hit else (None, None)
    user, creds = found
    if user is None or not user.active or not verify_password(password or "", creds):
        raise AuthenticationError("unknown user or wrong password; nothing was restored",
                                  key="auth.wrong_password_restore")
    session = Session(user.username, user.display_name, user.role)
    session.require(Permission.RESTORE, action=Phrase("restore a backup", "action.restore_backup"))
    return session


def restore(db_path: str | Path, candidate: str | Path, username: str, password: str,
            reason: str | None = None) -> RestoreResult:
    """Replace the store at *db_path* with the backup *candidate*, keeping the replaced file."""
    db_path, candidate = Path(db_path).expanduser(), Path(candidate).expanduser()
    if db_path.exists() and candidate.resolve() == db_path.resolve():
        raise StoreError(f"{candidate} is the database itself; choose a backup file")
    info = _restore.check_candidate(candidate)
    session = _admin(db_path, candidate, username, password)
    kept = _restore.replace_with(db_path, candidate)
    with Store.open(db_path) as store:
        with store.write():
            store.repos.audit.record(
                session.username, "store", "-", "restore", None,
                {"from": str(candidate), "schema_version": info.schema_version,
                 "kept": None if kept is None else str(kept)},
                reason or "restored from a backup",
            )
    return RestoreResult(info, kept)
