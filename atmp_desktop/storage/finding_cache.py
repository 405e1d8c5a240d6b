"""Findings kept between runs: what has not changed is not checked again (issue 11).

Two tables, both derived data (never audited, rebuilt at will):

* ``finding_cache`` — one row per pathway: the findings of its saved state.
* ``capacity_cache`` — one row per site: the ``CAPACITY`` findings of its
  active pathways, by pathway id.

A row counts only while its ``stamp`` equals the stamp the caller works out
now (the service layer: pathway version, product profile, site calendar and
the rules' revision; see ``services/finding_stamps.py``); anything else is a
miss and is checked again. So a save, a catalogue or calendar change, or a new
version of the rules makes a row stale without anyone having to delete it.

Findings are stored as JSON: code, severity, message key, parameters and event;
dates and times in the parameters are tagged so that they come back as the
same types. A row that does not decode is a miss, never an error.
"""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.storage.errors import StoreError

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store

log = logging.getLogger(__name__)

_SEVERITIES = {s.value: s for s in Severity}


def _tag(value: Any) -> Any:
    """*value* with the types JSON cannot tell apart tagged (tuples, dates, times)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, tuple):
        return {"$tu": [_tag(v) for v in value]}
    if isinstance(value, list):
        return [_tag(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _tag(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    raise TypeError(f"cannot keep a {type(value).__name__} in a cached finding")


def _untag(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if "$tu" in obj:
            return tuple(obj["$tu"])
        if "$dt" in obj:
            return datetime.fromisoformat(obj["$dt"])
        if "$d" in obj:
            return date.fromisoformat(obj["$d"])
    return obj


def _row(f: Finding) -> list[Any]:
    return [f.code, f.severity.value, f.key, _tag(f.params) if f.params else {}, f.event]


def encode(findings: Sequence[Finding]) -> str:
    """JSON text of *findings* (raises TypeError for a parameter JSON cannot hold)."""
    return json.dumps([_row(f) for f in findings], ensure_ascii=False, separators=(",", ":"))


def _finding(item: list[Any]) -> Finding:
    code, severity, key, params, event = item
    return Finding(code, _SEVERITIES[severity], key, params, event)


def decode(text: str) -> list[Finding]:
    """The findings of :func:`encode`'s text (ValueError and friends when it is not that)."""
    return [_finding(item) for item in json.loads(text, object_hook=_untag)]


def encode_by_pathway(found: Mapping[int, Sequence[Finding]]) -> str:
    """JSON of ``{pathway id: findings}``, each distinct finding written once (CAPACITY findings are shared)."""
    table: list[list[Any]] = []
    index: dict[int, int] = {}
    by_pathway: dict[str, list[int]] = {}
    for pathway_id, findings in found.items():
        refs = []
        for f in findings:
            i = index.get(id(f))
            if i is None:
                i = index[id(f)] = len(table)
                table.append(_row(f))
            refs.append(i)
        by_pathway[str(pathway_id)] = refs
    return json.dumps({"findings": table, "pathways": by_pathway}, ensure_ascii=False, separators=(",", ":"))


def decode_by_pathway(text: str) -> dict[int, list[Finding]]:
    data = json.loads(text, object_hook=_untag)
    table = [_finding(item) for item in data["findings"]]
    return {int(pid): [table[i] for i in refs] for pid, refs in data["pathways"].items()}


class FindingCache:
    """Reads and writes the two cache tables of one store."""

    def __init__(self, store: "Store"):
        self.store = store

    # -- per pathway ---------------------------------------------------------------------

    def heads(self, site: str | None = None) -> list[tuple]:
        """``(id, version, product, region, profile_version, site, stage, stamp, findings)`` of every pathway.

        The last two are the cached row's (None where there is none), so one
        query tells the caller what is still known and what must be checked.
        """
        where, params = ("WHERE p.site = ?", [site]) if site is not None else ("", [])
        return self.store.fetchall(
            "SELECT p.id, p.version, p.product, p.region, p.profile_version, p.site, p.stage, c.stamp, c.findings"
            f" FROM pathways p LEFT JOIN finding_cache c ON c.pathway_id = p.id {where} ORDER BY p.id", params)

    def get(self, pathway_id: int, stamp: str) -> list[Finding] | None:
        row = self.store.fetchone("SELECT stamp, findings FROM finding_cache WHERE pathway_id = ?", [pathway_id])
        if row is None or row[0] != stamp:
            return None
        return self.decode_or_none(row[1])

    def kept(self, pathway_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """``{pathway id: (stamp, findings JSON)}`` of the kept rows of *pathway_ids*."""
        out: dict[int, tuple[str, str]] = {}
        ids = list(pathway_ids)
        for i in range(0, len(ids), 900):
            chunk = ids[i:i + 900]
            for pid, stamp, text in self.store.fetchall(
                    "SELECT pathway_id, stamp, findings FROM finding_cache"
                    f" WHERE pathway_id IN ({', '.join('?' for _ in chunk)})", chunk):
                out[pid] = (stamp, text)
        return out

    @staticmethod
    def decode_or_none(text: str) -> list[Finding] | None:
        try:
            return decode(text)
        except (ValueError, TypeError, KeyError, IndexError):
            log.warning("a cached finding row did not decode; it is checked again")
            return None

    def put_many(self, rows: Iterable[tuple[int, str, Sequence[Finding]]]) -> None:
        """``(pathway id, stamp, findings)``; must run inside ``store.write()``."""
        encoded = []
        for pathway_id, stamp, findings in rows:
            try:
                encoded.append((pathway_id, stamp, encode(findings)))
            except TypeError:  # a parameter JSON cannot hold: simply not cached
                log.debug("findings of pathway %s not cached", pathway_id, exc_info=True)
        self.store.executemany(
            "INSERT INTO finding_cache (pathway_id, stamp, findings) VALUES (?, ?, ?)"
            " ON CONFLICT (pathway_id) DO UPDATE SET stamp = excluded.stamp, findings = excluded.findings",
            encoded)

    def remember(self, rows: Sequence[tuple[int, str, Sequence[Finding]]]) -> bool:
        """Keep *rows* in a write transaction of their own, if the store can be written now.

        A read-only or busy store keeps nothing and says so with False: the
        findings were right anyway, they will only be worked out again next time.
        """
        if not rows or self.store.read_only:
            return False
        try:
            with self.store.write():
                self.put_many(rows)
        except StoreError:
            log.info("findings not kept for next time (the store is busy or cannot be written)", exc_info=True)
            return False
        return True

    # -- per site (CAPACITY) ----------------------------------------------------------------

    def active_versions(self, site: str | None = None) -> dict[str, list[tuple[int, int]]]:
        """``{site: [(pathway id, version), ...]}`` of the pathways that are not cancelled, by id."""
        where, params = ("AND site = ?", [site]) if site is not None else ("", [])
        out: dict[str, list[tuple[int, int]]] = {}
        for pid, version, psite in self.store.fetchall(
                f"SELECT id, version, site FROM pathways WHERE stage != 'cancelled' {where} ORDER BY id", params):
            out.setdefault(psite, []).append((pid, version))
        return out

    def site_findings(self, site: str, stamp: str) -> dict[int, list[Finding]] | None:
        """The kept CAPACITY findings of *site*, if their stamp is *stamp*."""
        row = self.store.fetchone("SELECT stamp, findings FROM capacity_cache WHERE site = ?", [site])
        if row is None or row[0] != stamp:
            return None
        try:
            return decode_by_pathway(row[1])
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            log.warning("the cached capacity findings of %s did not decode; they are counted again", site)
            return None

    def remember_site(self, site: str, stamp: str, found: Mapping[int, Sequence[Finding]]) -> bool:
        """Keep the CAPACITY findings of *site* (as :meth:`remember`: False when it cannot)."""
        if self.store.read_only:
            return False
        try:
            text = encode_by_pathway(found)
        except TypeError:
            return False
        try:
            with self.store.write():
                self.store.execute(
                    "INSERT INTO capacity_cache (site, stamp, findings) VALUES (?, ?, ?)"
                    " ON CONFLICT (site) DO UPDATE SET stamp = excluded.stamp, findings = excluded.findings",
                    [site, stamp, text])
        except StoreError:
            log.info("capacity findings not kept for next time", exc_info=True)
            return False
        return True
