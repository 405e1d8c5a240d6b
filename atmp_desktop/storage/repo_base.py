"""What every repository shares: row helpers, the audited write, the stale-version refusal.

The repositories (``repositories.py`` and ``pathways.py``) build on this; it
imports no repository, so their arrows point one way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from atmp_desktop.storage import codec
from atmp_desktop.storage.audit import AuditTrail, row_key, row_state
from atmp_desktop.storage.errors import ConflictError

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store


def real(value: Any) -> float | None:
    # REAL columns come back as float: write floats so that the audited state
    # computed at write time equals the one read back by 'audit verify'.
    return None if value is None else float(value)


class Repo:
    table = ""

    def __init__(self, store: "Store", audit: AuditTrail):
        self.store = store
        self.audit = audit

    def _insert_row(self, row: dict[str, Any]) -> int:
        return self.store.insert(self.table, row)

    def _update_row(self, row: dict[str, Any], key: dict[str, Any]) -> int:
        sets = ", ".join(f"{c} = ?" for c in row)
        where = " AND ".join(f"{c} = ?" for c in key)
        cur = self.store.execute(
            f"UPDATE {self.table} SET {sets} WHERE {where}", list(row.values()) + list(key.values())
        )
        return cur.rowcount

    def _row(self, where: str, params: Iterable[Any]) -> dict[str, Any] | None:
        rows = self.store.dicts(f"SELECT * FROM {self.table} WHERE {where}", list(params))
        return rows[0] if rows else None

    def _record(self, by: str, action: str, before: dict | None, after: dict | None,
                reason: str | None = None, patient_id: int | None = None) -> None:
        row = after if after is not None else before
        assert row is not None
        self.audit.record(
            by, self.table, row_key(self.table, row), action,
            None if before is None else row_state(self.table, before),
            None if after is None else row_state(self.table, after),
            reason, patient_id,
        )


def conflict(what: str, row_id: object, current: dict[str, Any]) -> ConflictError:
    """The refusal for a save based on a stale version, naming who saved the row and when."""
    from atmp_desktop.domain import timeutil

    changed_at = codec.parse_utc(current.get("updated_at"))
    when = timeutil.format_human(changed_at, timeutil.zone(timeutil.DEFAULT_TIMEZONE)) if changed_at else "?"
    return ConflictError(
        f"{what} {row_id} was changed by {current.get('updated_by')} at {when} after you opened it "
        f"(now version {current.get('version')}); your changes were not saved and are still in front of you: "
        "reload, apply them again and save",
        what, row_id, current.get("updated_by"), changed_at, current.get("version"),
        key="conflict", what=what, row=row_id, by=current.get("updated_by"), when=when,
        version=current.get("version"),
    )
