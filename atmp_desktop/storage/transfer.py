"""Copying an SQLite store into an empty PostgreSQL database (``atmp-desktop migrate --from FILE --to URL``).

All or nothing: every row is copied in one transaction on the server, the
id sequences are moved past the copied ids, the row counts are compared and
the audit chain is verified in full on arrival, all before COMMIT. Anything
amiss (a row that does not fit, a broken chain, a lost connection) rolls the
whole copy back; the source file is only ever read.

The kept findings (``finding_cache``, ``capacity_cache``) are not copied:
they are derived, and the target works them out again on first use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from atmp_desktop.storage import schema
from atmp_desktop.storage.errors import StoreError

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store

#: Tables in an order that satisfies their foreign keys; tables added later go at the end.
COPY_ORDER = ("sites", "users", "patients", "product_profiles", "pathways", "events", "resources", "sign_offs",
              "audit", "audit_checkpoints")
NOT_COPIED = frozenset({"finding_cache", "capacity_cache", "_sqlite_migrations", "atmp_migrations"})
BATCH = 5000


class TargetNotEmpty(StoreError):
    code = "target_not_empty"


class TransferFailed(StoreError):
    code = "transfer_failed"


@dataclass
class TransferReport:
    rows: dict[str, int] = field(default_factory=dict)
    audit_entries: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def tables_to_copy() -> list[str]:
    ours = sorted(schema.OUR_TABLES - NOT_COPIED)
    return [t for t in COPY_ORDER if t in ours] + [t for t in ours if t not in COPY_ORDER]


def copy_store(source: Path, target_url: str) -> TransferReport:
    """Copy the store in the file *source* into the empty database at *target_url*; see the module docstring."""
    from atmp_desktop.storage.audit import verify
    from atmp_desktop.storage.db import Store
    from atmp_desktop.storage.pg import PgStore

    src = Store.open(source, create=False, write=False)
    try:
        dst = PgStore.open(target_url, create=True)
        try:
            return _copy(src, dst, verify)
        finally:
            dst.close()
    finally:
        src.close()


def _copy(src: "Store", dst, verify) -> TransferReport:  # noqa: ANN001 - a PgStore and storage.audit.verify
    report = TransferReport()
    tables = tables_to_copy()
    with dst.write():
        for table in tables:
            if dst.fetchone(f"SELECT 1 FROM {table} LIMIT 1") is not None:
                raise TargetNotEmpty(
                    f"{dst.label} already holds data ({table}); the copy goes into an empty database only. "
                    "Nothing was copied", dst.label)
        for table in tables:
            columns = [r[1] for r in src.fetchall(f"PRAGMA table_info({table})")]
            target_columns = {r[0] for r in dst.fetchall(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                " AND table_name = ?", [table])}
            columns = [c for c in columns if c in target_columns]
            names = ", ".join(columns)
            marks = ", ".join("?" for _ in columns)
            insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            order = "id" if "id" in columns else "rowid"
            cur = src.execute(f"SELECT {names} FROM {table} ORDER BY {order}")
            copied = 0
            while True:
                rows = cur.fetchmany(BATCH)
                if not rows:
                    break
                dst.executemany(insert, rows)
                copied += len(rows)
            report.rows[table] = copied
        dst.reset_ids()
        for table, n in report.rows.items():
            arrived = int(dst.fetchone(f"SELECT COUNT(*) FROM {table}")[0])
            if arrived != n:
                raise TransferFailed(f"{table}: {n} rows read but {arrived} arrived; nothing was copied", dst.label)
        checked = verify(dst, full=True)
        if not checked.ok:
            raise TransferFailed(
                f"the audit trail did not verify on arrival ({checked.problems[0].message}); nothing was copied",
                dst.label)
        report.audit_entries = checked.entries
    return report
