"""The audit trail, for reading and for ``audit verify``."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from atmp_desktop.services.base import Service
from atmp_desktop.storage import audit as _audit

if TYPE_CHECKING:
    from atmp_desktop.storage.records import AuditEntry, VerifyReport


def _utc(value: date | datetime | None, end: bool = False) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value + timedelta(days=1 if end else 0), time(0), timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


class AuditService(Service):
    def entries(
        self,
        *,
        table: str | None = None,
        row_id: str | int | None = None,
        patient_id: int | None = None,
        pathway_id: int | None = None,
        username: str | None = None,
        since: date | datetime | None = None,
        until: date | datetime | None = None,
        newest_first: bool = True,
        limit: int | None = 500,
    ) -> list[AuditEntry]:
        """Entries matching every filter; dates are whole days in UTC (``until`` inclusive)."""
        if pathway_id is not None:
            table, row_id = "pathways", pathway_id
        return self.repos.audit.entries(
            table=table, row_id=None if row_id is None else str(row_id), patient_id=patient_id, username=username,
            since=_utc(since), until=_utc(until, end=True), newest_first=newest_first, limit=limit,
        )

    def count(self) -> int:
        return self.repos.audit.count()

    def verify(self, full: bool = True) -> VerifyReport:
        """Check the hash chain and every audited row against its last entry.

        ``full=False``: only what came after the newest signed checkpoint, when there is one.
        """
        return _audit.verify(self.store, full=full)
