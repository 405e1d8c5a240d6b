"""The audit trail: every change to the store's data, chained by hash.

Each entry records who, when (UTC), which table and row, the action, the row
before and after (canonical JSON) and a reason where one was given. Its
``hash`` is SHA-256 over the canonical JSON of the entry's stored fields and
the previous entry's hash, so that changing, inserting or deleting an entry
breaks the chain from that entry on.

Entries are written by the repositories in the same transaction as the change
they describe. :func:`verify` checks the chain and also compares each row of
an audited table with the ``after`` of its last entry, so that a row changed
outside the application (with the sqlite3 shell, say) is found too.

A pathway is audited as one unit: its row together with its events (in
order), because that is what a clinician reads as "the pathway changed".
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from atmp_desktop.storage import codec
from atmp_desktop.storage.schema import AUDITED_TABLES

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store
    from atmp_desktop.storage.records import AuditEntry, VerifyReport

GENESIS = "0" * 64

#: Columns left out of a row's audited state: counts recomputed from the rest.
DERIVED_COLUMNS = {"pathways": ("open_errors", "open_warnings")}
#: The event columns that belong to a pathway's audited state (not ``id``/``pathway_id``).
EVENT_COLUMNS = (
    "seq", "kind", "planned_start", "planned_end", "actual_start", "actual_end", "recorded_by",
    "shipper_hold_until", "max_temperature_c", "temperatures", "note", "day_first", "day_last",
)
_CREDENTIALS = ("password_hash", "password_salt", "password_params")
#: Columns added by migration 0005 (issue 13): part of a row's audited state only when they
#: hold a value, so that the state of every row written before them stays what it was.
LATER_COLUMNS = {
    "pathways": ("washouts",),
    "product_profiles": ("kind", "status", "sources", "approved_by", "approved_at"),
    "events": ("details",),
    "users": ("sites",),  # migration 0006 (issue 12)
}


def row_key(table: str, row: dict[str, Any]) -> str:
    """The ``row_id`` an audit entry uses for *row* of *table*."""
    if table == "users":
        return str(row["username"])
    if table == "product_profiles":
        return f"{row['product']}:{row['version']}"
    return str(row["id"])


def row_state(table: str, row: dict[str, Any], events: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A row's audited state: its columns, with credentials reduced to a digest and events attached."""
    later = LATER_COLUMNS.get(table, ())
    state = {k: v for k, v in row.items()
             if k not in DERIVED_COLUMNS.get(table, ()) and not (v is None and k in later)}
    if table == "users":
        # The audit trail is readable by every user: it holds a digest of the
        # credentials (so a changed password shows), never the hash itself.
        secret = "|".join(str(state.pop(k, "")) for k in _CREDENTIALS)
        state["credentials"] = hashlib.sha256(secret.encode()).hexdigest()[:16]
    if table == "pathways":
        state["events"] = [_event_state(e) for e in (events or ())]
    return state


def _event_state(e: dict[str, Any]) -> dict[str, Any]:
    state = e if len(e) == len(EVENT_COLUMNS) else {k: e[k] for k in EVENT_COLUMNS}
    if e.get("details") is not None:
        state = {**state, "details": e["details"]}
    return state


def entry_hash(
    prev_hash: str, entry_id: int, at: str, username: str, table: str, row_id: str,
    patient_id: int | None, action: str, before: str | None, after: str | None, reason: str | None,
) -> str:
    """SHA-256 over the entry's canonical JSON head, then its ``before`` and ``after`` texts.

    The head names the lengths of the two texts, so no two different entries
    hash the same way, and the (long) row states are hashed as they are
    stored rather than escaped into a second JSON document.
    """
    head = codec.canonical_json([
        entry_id, at, username, table, row_id, patient_id, action, reason, prev_hash,
        None if before is None else len(before), None if after is None else len(after),
    ])
    h = hashlib.sha256(head.encode("utf-8"))
    h.update(b"\n")
    if before is not None:
        h.update(before.encode("utf-8"))
    h.update(b"\n")
    if after is not None:
        h.update(after.encode("utf-8"))
    return h.hexdigest()


class AuditTrail:
    """Appends to and reads the audit trail of one store."""

    def __init__(self, store: "Store"):
        self.store = store

    def _head(self) -> tuple[int, str]:
        row = self.store.fetchone("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
        return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))

    def record(
        self,
        username: str,
        table: str,
        row_id: str,
        action: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        reason: str | None = None,
        patient_id: int | None = None,
    ) -> int:
        """Append one entry; must run inside the write transaction of the change it records."""
        return self.record_many([(username, table, row_id, action, before, after, reason, patient_id)])[-1]

    def record_many(
        self, entries: Iterable[tuple[str, str, str, str, Any, Any, str | None, int | None]]
    ) -> list[int]:
        """Append several entries in order (one head lookup, one ``executemany``)."""
        if not self.store.in_transaction:
            raise RuntimeError("audit entries are written inside the transaction of their change")
        last_id, prev = self._head()
        at = codec.utc_text()
        rows = []
        ids = []
        for username, table, row_id, action, before, after, reason, patient_id in entries:
            last_id += 1
            before_text = None if before is None else codec.canonical_json(before)
            after_text = None if after is None else codec.canonical_json(after)
            h = entry_hash(prev, last_id, at, username, table, row_id, patient_id, action,
                           before_text, after_text, reason)
            rows.append((last_id, at, username, table, row_id, patient_id, action,
                         before_text, after_text, reason, prev, h))
            ids.append(last_id)
            prev = h
        self.store.executemany(
            "INSERT INTO audit (id, at, username, tbl, row_id, patient_id, action, before, after, reason,"
            " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return ids

    # -- reading ---------------------------------------------------------------

    def entries(
        self,
        *,
        table: str | None = None,
        row_id: str | None = None,
        patient_id: int | None = None,
        username: str | None = None,
        since: str | None = None,
        until: str | None = None,
        newest_first: bool = True,
        limit: int | None = 500,
    ) -> list[AuditEntry]:
        """Entries matching every filter given (times as UTC ISO text or ISO dates)."""
        from atmp_desktop.storage.records import AuditEntry

        where, params = [], []
        for column, value in (("tbl", table), ("row_id", row_id), ("patient_id", patient_id), ("username", username)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            where.append("at >= ?")
            params.append(since)
        if until is not None:
            where.append("at < ?")
            params.append(until)
        sql = "SELECT id, at, username, tbl, row_id, patient_id, action, before, after, reason, hash FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id" + (" DESC" if newest_first else "")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [
            AuditEntry(
                id=r[0], at=codec.parse_utc(r[1]), username=r[2], table=r[3], row_id=r[4], patient_id=r[5],  # type: ignore[arg-type]
                action=r[6], before=None if r[7] is None else json.loads(r[7]),
                after=None if r[8] is None else json.loads(r[8]), reason=r[9], hash=r[10],
            )
            for r in self.store.fetchall(sql, params)
        ]

    def count(self) -> int:
        return int(self.store.fetchone("SELECT COUNT(*) FROM audit")[0])  # type: ignore[index]


# -- verifying ---------------------------------------------------------------------


def current_states(store: "Store") -> dict[tuple[str, str], dict[str, Any]]:
    """The audited state of every row of every audited table."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    events: dict[int, list[dict[str, Any]]] = {}
    cur = store.execute(f"SELECT pathway_id, {', '.join(EVENT_COLUMNS + ('details',))} FROM events ORDER BY pathway_id, seq")
    for row in cur.fetchall():
        events.setdefault(row[0], []).append(dict(zip(EVENT_COLUMNS + ("details",), row[1:])))
    for table in AUDITED_TABLES:
        cur = store.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        for values in cur.fetchall():
            row = dict(zip(names, values))
            state = row_state(table, row, events.pop(row["id"], []) if table == "pathways" else None)
            out[(table, row_key(table, row))] = state
    for pathway_id in events:
        out[("pathways", str(pathway_id))] = {"orphaned events of a missing pathway": pathway_id}
    return out


_CHAIN_COLUMNS = "id, at, username, tbl, row_id, patient_id, action, before, after, reason, prev_hash, hash"
_KEY_COLUMN = {"users": "username", "sites": "id", "resources": "id"}  # the others: INTEGER id
_INTEGER_KEYS = ("patients", "pathways", "sign_offs")


def _check_chain(chain_rows: Sequence[tuple], prev: str, report: "VerifyReport"
                 ) -> dict[tuple[str, str], tuple[int, str | None]]:
    """Follow the chain over *chain_rows* from hash *prev*; return each row's last entry ``(id, after)``."""
    from atmp_desktop.storage.records import AuditProblem

    expected: dict[tuple[str, str], tuple[int, str | None]] = {}
    chain_broken = False
    for (entry_id, at, username, table, row_id, patient_id, action, before, after, reason,
         prev_hash, stored_hash) in chain_rows:
        report.entries += 1
        if not chain_broken:
            if prev_hash != prev:
                report.problems.append(AuditProblem(
                    f"audit entry {entry_id} does not follow the entry before it: an entry was removed, "
                    "inserted or changed outside the application", entry_id, table, row_id))
                chain_broken = True
            elif entry_hash(prev_hash, entry_id, at, username, table, row_id, patient_id, action,
                            before, after, reason) != stored_hash:
                report.problems.append(AuditProblem(
                    f"audit entry {entry_id} ({action} {table} {row_id} by {username} at {at}) does not match "
                    "its hash: it was changed outside the application", entry_id, table, row_id))
                chain_broken = True
        prev = stored_hash
        if action in ("insert", "update", "delete"):
            expected[(table, row_id)] = (entry_id, after)
    return expected


def _compare_rows(states: dict[tuple[str, str], dict[str, Any]],
                  expected: dict[tuple[str, str], tuple[int, str | None]], report: "VerifyReport",
                  every_row: bool = True) -> None:
    """Each row against its last entry (*every_row* False: only the rows *expected* names)."""
    from atmp_desktop.storage.records import AuditProblem

    keys = set(states) | set(expected) if every_row else set(expected)
    for key in sorted(keys, key=lambda k: (expected.get(k, (1 << 62,))[0], k)):
        table, row_id = key
        have = states.get(key)
        entry_id, after = expected.get(key, (None, None))
        if entry_id is None:
            report.problems.append(AuditProblem(
                f"row {row_id} of {table} has no audit entry: it was added outside the application",
                None, table, row_id))
        elif after is None and have is not None:
            report.problems.append(AuditProblem(
                f"row {row_id} of {table} was deleted by audit entry {entry_id} but is present: "
                "it was put back outside the application", entry_id, table, row_id))
        elif after is not None and have is None:
            report.problems.append(AuditProblem(
                f"row {row_id} of {table} is missing; audit entry {entry_id} says it should be there: "
                "it was deleted outside the application", entry_id, table, row_id))
        elif after is not None and have != json.loads(after):
            report.problems.append(AuditProblem(
                f"row {row_id} of {table} does not match audit entry {entry_id}, its last recorded change: "
                "it was changed outside the application", entry_id, table, row_id))


def _check_triggers(store: "Store", report: "VerifyReport") -> None:
    from atmp_desktop.storage.records import AuditProblem

    triggers = store.trigger_names()
    for name in ("audit_no_update", "audit_no_delete"):
        if name not in triggers:
            report.problems.append(AuditProblem(f"the audit trail's protection trigger {name} was removed"))


def states_of(store: "Store", keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The audited state of the rows *keys* name (``(table, row_id)``); rows that are not there are left out."""
    keys = set(keys)
    wanted: dict[str, list[str]] = {}
    for table, row_id in keys:
        wanted.setdefault(table, []).append(row_id)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for table, row_ids in wanted.items():
        if table not in AUDITED_TABLES:
            continue
        if table == "product_profiles":  # a two-column key, and a small table
            chunks: list[tuple[str, list[Any]]] = [("", [])]
        else:
            column = _KEY_COLUMN.get(table, "id")
            params: list[Any] = []
            for r in row_ids:
                if table in _INTEGER_KEYS:
                    try:
                        params.append(int(r))
                    except ValueError:
                        continue
                else:
                    params.append(r)
            chunks = [(f" WHERE {column} IN ({', '.join('?' for _ in part)})", part)
                      for part in (params[i:i + 900] for i in range(0, len(params), 900))]
        for where, params in chunks:
            cur = store.execute(f"SELECT * FROM {table}{where}", params)
            names = [d[0] for d in cur.description]
            rows = [dict(zip(names, values)) for values in cur.fetchall()]
            events: dict[int, list[dict[str, Any]]] = {}
            if table == "pathways" and rows:
                ids = [r["id"] for r in rows]
                for row in store.fetchall(
                        f"SELECT pathway_id, {', '.join(EVENT_COLUMNS + ('details',))} FROM events"
                        f" WHERE pathway_id IN ({', '.join('?' for _ in ids)}) ORDER BY pathway_id, seq", ids):
                    events.setdefault(row[0], []).append(dict(zip(EVENT_COLUMNS + ("details",), row[1:])))
            for row in rows:
                state = row_state(table, row, events.get(row["id"], []) if table == "pathways" else None)
                out[(table, row_key(table, row))] = state
    return {k: v for k, v in out.items() if k in keys}


def verify(store: "Store", full: bool = True) -> VerifyReport:
    """Check the hash chain and that every audited row is what its last entry says.

    With ``full=False`` only what came after the newest signed checkpoint is
    checked (see ``storage/checkpoints.py``), when there is one; either way an
    intact result leaves a new checkpoint at the head of the chain.
    """
    from atmp_desktop.storage import checkpoints
    from atmp_desktop.storage.records import VerifyReport

    key = checkpoints.signing_key()
    if not full and key is not None:
        report = _verify_since_checkpoint(store, key)
        if report is not None:
            return report
    report = VerifyReport()
    with codec.paused_gc(), store.read():
        chain_rows = store.fetchall(f"SELECT {_CHAIN_COLUMNS} FROM audit ORDER BY id")
        states = current_states(store)
        _check_triggers(store, report)
        counts = checkpoints.row_counts(store)
    expected = _check_chain(chain_rows, GENESIS, report)
    report.rows = len(states)
    _compare_rows(states, expected, report)
    report.problems.sort(key=lambda p: (p.entry_id is None, p.entry_id or 0))
    if report.ok and key is not None and chain_rows:
        checkpoints.make(store, key, chain_rows[-1][0], chain_rows[-1][-1], counts)
    return report


def _verify_since_checkpoint(store: "Store", key: bytes) -> VerifyReport | None:
    """The incremental verify; None when there is no checkpoint of this installation to start from."""
    from atmp_desktop.storage import checkpoints
    from atmp_desktop.storage.records import AuditProblem, VerifyReport

    report = VerifyReport()
    with codec.paused_gc(), store.read():
        cp, forged = checkpoints.latest(store, key)
        for bad in forged:
            report.problems.append(AuditProblem(
                f"audit checkpoint {bad.id} (at entry {bad.entry_id}) does not match its signature: "
                "the checkpoints were changed outside the application"))
        if cp is None:
            if not forged:
                return None
            return report
        at = store.fetchone("SELECT hash FROM audit WHERE id = ?", [cp.entry_id])
        if at is None or at[0] != cp.entry_hash:
            report.problems.append(AuditProblem(
                f"audit entry {cp.entry_id} is not what the checkpoint of {cp.made_at} signed: entries up to it "
                "were changed or removed outside the application", cp.entry_id))
            return report
        chain_rows = store.fetchall(f"SELECT {_CHAIN_COLUMNS} FROM audit WHERE id > ? ORDER BY id", [cp.entry_id])
        before_count = int(store.fetchone("SELECT COUNT(*) FROM audit WHERE id <= ?", [cp.entry_id])[0])  # type: ignore[index]
        _check_triggers(store, report)
        expected = _check_chain(chain_rows, cp.entry_hash, report)
        states = states_of(store, expected)
        counts = checkpoints.row_counts(store)
    report.entries += before_count
    report.checkpoint = cp.entry_id
    report.rows = sum(counts.values())
    _compare_rows(states, expected, report, every_row=False)
    change = {"insert": 1, "delete": -1}
    accounted = dict(cp.row_counts)
    for row in chain_rows:
        accounted[row[3]] = accounted.get(row[3], 0) + change.get(row[6], 0)
    for table, have in counts.items():
        if have != accounted.get(table, have):
            report.problems.append(AuditProblem(
                f"{table} has {have} rows, but the audit trail accounts for {accounted[table]}: rows were "
                "added or deleted outside the application", None, table))
    report.problems.sort(key=lambda p: (p.entry_id is None, p.entry_id or 0))
    if report.ok and chain_rows:
        checkpoints.make(store, key, chain_rows[-1][0], chain_rows[-1][-1], counts)
    return report
