"""The local store: one SQLite file through sqlite-utils (schema, migrations, repositories, audit trail).

Start with :func:`open_store` (or :meth:`Store.open`); callers outside this
package normally go through :mod:`atmp_desktop.services`, which adds
authentication and permissions.
"""

from atmp_desktop.storage.db import Store, open_store
from atmp_desktop.storage.errors import (
    ConflictError,
    CorruptDatabase,
    DatabaseLocked,
    DiskFull,
    DuplicateError,
    ForeignDatabase,
    MissingDatabase,
    NewerSchema,
    NotADatabase,
    NotFound,
    ReadOnlyDatabase,
    StoreError,
)
from atmp_desktop.storage.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "ConflictError",
    "CorruptDatabase",
    "DatabaseLocked",
    "DiskFull",
    "DuplicateError",
    "ForeignDatabase",
    "MissingDatabase",
    "NewerSchema",
    "NotADatabase",
    "NotFound",
    "ReadOnlyDatabase",
    "Store",
    "StoreError",
    "open_store",
]
