"""Opening the store: one SQLite file, checked before anything is written to it.

:meth:`Store.open` refuses, with a typed :class:`~atmp_desktop.storage.errors.StoreError`
and without changing a byte of the file, anything that is not a store this
version can use: not SQLite, damaged, someone else's database, written by a
newer version, read-only (when writing is wanted), locked. Only then does it
switch the file to WAL, and apply pending migrations in one ``BEGIN
IMMEDIATE`` transaction (after a backup copy when the file already holds data).

A :class:`Store` wraps one ``sqlite3`` connection and belongs to the thread
that opened it; a worker thread opens its own.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from atmp_desktop.storage import schema
from atmp_desktop.storage.errors import (
    CorruptDatabase,
    ForeignDatabase,
    MissingDatabase,
    NewerSchema,
    NotADatabase,
    ReadOnlyDatabase,
    StoreError,
    translate,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT = 2.0


def _writable(path: Path) -> bool:
    # We run as root on some machines, where os.access says yes to everything;
    # a file whose write bits are all off was made read-only on purpose.
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def inspect_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, without opening it through SQLite."""
    if path.is_dir():
        raise NotADatabase(f"{path} is a folder, not a database file", path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except PermissionError:
        raise ReadOnlyDatabase(f"{path} cannot be read (permission denied)", path) from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}", path) from None
    if head and (len(head) < 100 or not head.startswith(SQLITE_MAGIC)):
        raise NotADatabase(f"{path} is not an SQLite database (it does not start with the SQLite header)", path)


class Store:
    """An open store. Use :meth:`open`; close it (or use it as a context manager).

    This is the store contract's embedded implementation; :class:`~atmp_desktop.storage.pg.PgStore`
    is the shared one (``Store.open("postgresql://...")`` opens that instead).
    """

    backend = "sqlite"
    backend_pid = None

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only: bool):
        self.conn = conn
        self.path = path
        #: What opens this store again (a file path here; a URL for PostgreSQL), and how to name it to a user.
        self.target: Any = path
        self.label = str(path)
        self.read_only = read_only
        # What sqlite-utils' Database() does to a connection it wraps; the wrapper itself (which
        # only the migrations use) is made on first use, see :attr:`db`.
        conn.execute("PRAGMA recursive_triggers=on;")
        self._db: Database | None = None
        self._depth = 0
        from atmp_desktop.storage.repositories import Repositories

        self.repos = Repositories(self)

    @property
    def db(self) -> "Database":
        """The connection wrapped in a ``sqlite_utils.Database`` (for the migrations); made on first use.

        sqlite-utils is imported only then: importing it costs a good part of the application's
        start-up, and opening a store that is up to date never needs it.
        """
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False)
        return self._db

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        write: bool = True,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        backup_before_migrate: bool = True,
    ) -> "Store":
        """Open (and with *create*, create) the store at *path*; migrate it if needed.

        With ``write=False`` a read-only file is opened read-only instead of
        refused; a file that would need migrating is then refused. A
        ``postgresql://`` URL opens the shared store on that server instead.
        """
        from atmp_desktop.settings import DbUrl, is_db_url

        if is_db_url(path):
            from atmp_desktop.storage.pg import PgStore

            url = path.url if isinstance(path, DbUrl) else str(path)
            return PgStore.open(url, create=create, write=write)  # type: ignore[return-value]
        path = Path(path).expanduser()
        if path.exists():
            inspect_file(path)
            read_only = not _writable(path)
            if read_only and write:
                raise ReadOnlyDatabase(
                    f"{path} is read-only; nothing was changed. Make it writable, or work on a copy", path
                )
        else:
            if not create:
                raise MissingDatabase(
                    f"there is no database at {path}; start the application, or create one with "
                    f"'atmp-desktop demo --db {path}'", path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder {path.parent}: {exc.strerror or exc}", path) from None
            read_only = False
        try:
            if read_only:
                conn = sqlite3.connect(
                    f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout, isolation_level=None
                )
            else:
                conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise translate(exc, path) from None
        try:
            store = cls(conn, path, read_only)
            store._check_and_prepare(backup_before_migrate)
        except BaseException:
            conn.close()
            raise
        return store

    def _check_and_prepare(self, backup_before_migrate: bool) -> None:
        path = self.path
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            applied: list[str] = []
            if "_sqlite_migrations" in tables:
                applied = [
                    r[0] for r in self.conn.execute(
                        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                        [schema.MIGRATION_SET],
                    )
                ]
            journal = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
        except sqlite3.Error as exc:
            raise translate(exc, path) from None
        unknown = [name for name in applied if name not in schema.MIGRATION_NAMES]
        if version > schema.SCHEMA_VERSION or unknown:
            raise NewerSchema(
                f"{path} was written by a newer version of the application (schema {max(version, len(applied))}, "
                f"this version knows up to {schema.SCHEMA_VERSION}); it was not opened or changed. "
                "Update the application", path)
        user_tables = {t for t in tables if not t.startswith("sqlite_")}
        if user_tables and not applied:
            raise ForeignDatabase(
                f"{path} is an SQLite database, but not an ATMP Pathway Planner store; it was not changed", path)
        pending = [name for name in schema.MIGRATION_NAMES if name not in applied]
        if self.read_only:
            if pending:
                raise ReadOnlyDatabase(
                    f"{path} must be upgraded to this version's schema, but it is read-only; nothing was changed", path)
            return
        try:
            if journal.lower() != "wal":
                self.conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a transaction reported as committed survives a power cut, not only a crash.
            self.conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as exc:
            raise translate(exc, path) from None
        if pending:
            if applied and backup_before_migrate:
                from atmp_desktop.storage.backup import backup_to_folder

                backup_to_folder(self, tag=f"before-schema-{schema.SCHEMA_VERSION}")
            self.migrate()

    def migrate(self) -> list[str]:
        """Apply pending migrations in one write transaction; return their names."""
        with self.write():
            # Read again under the write lock: another process may have migrated meanwhile.
            pending = [m.name for m in schema.migrations.pending(self.db)]
            if pending:
                schema.migrations.apply(self.db)
                self.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION}")
        if pending:
            log.info("migrated %s: %s", self.path, ", ".join(pending))
        return pending

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def reopen(self, *, write: bool = False) -> "Store":
        """Another connection to the same file (a worker thread's own)."""
        return Store.open(self.path, create=False, write=write and not self.read_only)

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    # -- transactions --------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator["Store"]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls join the outer one.

        Taking the write lock at the start means a save never reads a row
        version and then loses the race to write it; a lock held too long by
        someone else becomes :class:`DatabaseLocked` after the busy timeout.
        """
        if self.read_only:
            raise ReadOnlyDatabase(f"{self.path} was opened read-only; nothing was changed", self.path,
                                   key="store.opened_read_only", where=str(self.path))
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None
        self._depth = 1
        try:
            yield self
        except BaseException as exc:
            self._depth = 0
            self._rollback()
            if isinstance(exc, sqlite3.Error):
                raise translate(exc, self.path) from exc
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise translate(exc, self.path) from exc

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:  # the error may already have ended the transaction
                log.debug("rollback failed", exc_info=True)

    @contextmanager
    def read(self) -> Iterator["Store"]:
        """A consistent snapshot for several queries (joins an open write transaction)."""
        if self.conn.in_transaction:
            yield self
            return
        try:
            self.conn.execute("BEGIN")
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None
        try:
            yield self
        except sqlite3.Error as exc:
            self._rollback()
            raise translate(exc, self.path) from exc
        except BaseException:
            self._rollback()
            raise
        self._rollback()  # nothing to commit: ending the read transaction releases the snapshot

    def change_marker(self) -> tuple[int, int]:
        """Changes as this connection knows them: equal twice only if nobody (here or elsewhere) committed in between.

        ``PRAGMA data_version`` moves with commits by other connections,
        ``total_changes`` with this connection's own changes.
        """
        try:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc
        return int(version), self.conn.total_changes

    # -- statements (SQLite errors become StoreErrors) ---------------------------

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> sqlite3.Cursor:
        try:
            return self.conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert *row* into *table*; the new row's ``id`` (its rowid)."""
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cur = self.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        return int(cur.lastrowid or 0)

    def fetchall(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def fetchone(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> tuple | None:
        try:
            return self.conn.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    def dicts(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        try:
            cur = self.conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from exc

    # -- checks ------------------------------------------------------------------

    def trigger_names(self) -> set[str]:
        return {r[0] for r in self.fetchall("SELECT name FROM sqlite_master WHERE type = 'trigger'")}

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check``: an empty list when the file is sound."""
        rows = [r[0] for r in self.fetchall("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else rows

    def quick_check(self) -> None:
        problems = [r[0] for r in self.fetchall("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise CorruptDatabase(
                f"{self.path} is damaged ({problems[0]}); restore a backup with 'atmp-desktop restore'", self.path)

    # -- closing -------------------------------------------------------------------

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:  # closing never hides the error that led here
            log.debug("close failed", exc_info=True)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path}{' (read-only)' if self.read_only else ''}>"


def open_store(path: str | os.PathLike[str], **kwargs: Any) -> Store:
    """Shorthand for :meth:`Store.open`."""
    return Store.open(path, **kwargs)
