"""Which pathways carry a chain-of-identity number (for scan-back, issue 14).

Portable SQL only (``?`` placeholders; ``UPPER`` and ``REPLACE`` exist in
SQLite and PostgreSQL alike). No index: a scan reads the pathways table
once (a few milliseconds for 100,000 pathways), far less often than lists
are drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store


def pathways_with_coi(store: "Store", values: Iterable[str]) -> dict[str, list[tuple[int, int, str]]]:
    """For each COI id in *values* (upper case, no spaces): ``(pathway id, patient id, stage)`` of every pathway with it."""
    wanted = sorted({v for v in values if v})
    out: dict[str, list[tuple[int, int, str]]] = {v: [] for v in wanted}
    if not wanted:
        return out
    marks = ", ".join("?" for _ in wanted)
    for pid, patient_id, stage, coi in store.fetchall(
            "SELECT id, patient_id, stage, UPPER(REPLACE(coi_id, ' ', '')) FROM pathways"
            f" WHERE coi_id IS NOT NULL AND UPPER(REPLACE(coi_id, ' ', '')) IN ({marks}) ORDER BY id", wanted):
        out[coi].append((int(pid), int(patient_id), str(stage)))
    return out
