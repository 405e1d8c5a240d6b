"""Pathways and their events: the one place that maps them to and from rows.

Loading is the hot path (``check --all`` over ten thousand pathways): one
query per table, rows turned straight into ``Event``/``Pathway`` objects, and
every distinct date/time text parsed once (:class:`~atmp_desktop.storage.codec.WhenReader`).

Saving uses the row version: an update names the version it was loaded at
and is refused with :class:`~atmp_desktop.storage.errors.ConflictError` when
someone saved the pathway since. A pathway's events are rewritten with it, in
the same transaction, and the pathway with its events is one audit entry.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from types import MappingProxyType
from dataclasses import MISSING, fields, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Iterable, Sequence
from zoneinfo import ZoneInfo

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.pathway import EVENT_DETAILS, STAGES, Event, Pathway, Washout
from atmp_desktop.storage import codec, records
from atmp_desktop.storage.audit import AuditTrail, row_state
from atmp_desktop.storage.errors import NotFound
from atmp_desktop.storage.records import EventRow
from atmp_desktop.storage.repo_base import conflict, real

if TYPE_CHECKING:
    from atmp_desktop.storage.db import Store
    from atmp_desktop.storage.records import PathwayRow, StoredPathway

log = logging.getLogger(__name__)

PATHWAY_COLUMNS = (
    "id", "patient_id", "site", "product", "indication", "region", "timezone", "profile_version", "ld_regimen",
    "stage", "coi_id", "product_expiry", "tocilizumab_doses", "note", "cancel_reason", "version",
    "created_by", "created_at", "updated_by", "updated_at", "open_errors", "open_warnings", "washouts",
)
EVENT_COLUMNS = (
    "pathway_id", "seq", "kind", "planned_start", "planned_end", "actual_start", "actual_end", "recorded_by",
    "shipper_hold_until", "max_temperature_c", "temperatures", "note", "day_first", "day_last", "details",
)
_LOAD_EVENTS = (
    "SELECT pathway_id, kind, planned_start, planned_end, actual_start, actual_end, recorded_by,"
    " shipper_hold_until, max_temperature_c, temperatures, note, details FROM events"
)
_LOAD_PATHWAYS = f"SELECT {', '.join(PATHWAY_COLUMNS)} FROM pathways"


def event_rows(pathway_id: int | None, pathway: Pathway) -> list[dict[str, Any]]:
    """The rows of *pathway*'s events, in its order (call ``pathway.relabel()`` first)."""
    tz = pathway.tz
    rows = []
    for seq, e in enumerate(pathway.events):
        temps = None
        if e.temperatures:
            temps = codec.canonical_json([[codec.when_text(t, tz), float(c)] for t, c in e.temperatures])
        rows.append({
            "pathway_id": pathway_id,
            "seq": seq,
            "kind": e.kind,
            "planned_start": codec.when_text(e.start, tz),
            "planned_end": codec.when_text(e.end, tz),
            "actual_start": codec.when_text(e.actual_start, tz),
            "actual_end": codec.when_text(e.actual_end, tz),
            "recorded_by": e.extra.get("recorded_by"),
            "shipper_hold_until": codec.when_text(e.shipper_hold_until, tz),
            "max_temperature_c": real(e.max_temperature_c),
            "temperatures": temps,
            "note": e.note,
            "day_first": e.first_day(tz).isoformat(),
            "day_last": _listed_last_day(e, tz).isoformat(),
            "details": _details_text(e),
        })
    return rows


def _listed_last_day(e: Event, tz) -> date:
    """The last day the event is listed on (Today, Calendar): a course under way runs to its planned end.

    An event with an actual start and no actual end yet (a busulfan or IL-2 course
    in progress) is still going on through its planned last day, so it is listed on
    each of those days, not only on the day it started.
    """
    last = max(e.last_day(tz), e.first_day(tz))
    if e.actual_start is not None and e.actual_end is None and e.end is not None:
        last = max(last, timeutil.local_day(e.end, tz))
    return last


def _details_text(e: Event) -> str | None:
    details = {k: e.extra[k] for k in EVENT_DETAILS if k in e.extra}
    return codec.canonical_json(details) if details else None


def _tuple(values: Sequence[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


def _events_between_query(first: date, last: date, site: str | None, stages: Sequence[str] | None,
                          kinds: Sequence[str] | None) -> tuple[str, list[Any]]:
    """The SQL (and parameters) of :meth:`PathwayRepository.events_between`; its rows go to :func:`read_event_rows`."""
    where, params = PathwayRepository._where(site, stages, None, alias="p.")
    extra = where.replace("WHERE", "AND", 1)
    if kinds:
        extra += f" AND e.kind IN ({', '.join('?' for _ in kinds)})"
        params += list(kinds)
    sql = (
        f"SELECT {_EVENT_QUERY_SELECT}"
        " FROM events e JOIN pathways p ON p.id = e.pathway_id JOIN patients pa ON pa.id = p.patient_id"
        f" WHERE e.day_last >= ? AND e.day_first <= ? {extra}"
        " ORDER BY e.day_first, COALESCE(e.actual_start, e.planned_start), e.pathway_id, e.seq"
    )
    return sql, [first.isoformat(), last.isoformat(), *params]


#: The columns of :func:`_events_between_query`, in the order :func:`read_event_rows` reads them (named c0, c1, …).
_EVENT_QUERY_COLUMNS = (
    "e.pathway_id", "p.patient_id", "pa.family_name || ', ' || pa.given_name", "pa.identifier", "p.site",
    "p.product", "p.stage", "e.kind",
    # the event's number among its pathway's events of its kind, and how many there are (thaw#2)
    "(SELECT COUNT(*) FROM events x WHERE x.pathway_id = e.pathway_id AND x.kind = e.kind AND x.seq <= e.seq)",
    "(SELECT COUNT(*) FROM events x WHERE x.pathway_id = e.pathway_id AND x.kind = e.kind)",
    "e.planned_start", "e.planned_end", "e.actual_start", "e.actual_end", "e.day_first", "e.day_last",
    "p.open_errors", "p.open_warnings", "p.timezone", "e.details",
)
_EVENT_QUERY_SELECT = ", ".join(f"{column} AS c{n}" for n, column in enumerate(_EVENT_QUERY_COLUMNS))
_EVENT_ROW_FIELDS = tuple(f.name for f in fields(EventRow))


def read_event_rows(rows: Iterable[Sequence[Any]]) -> list[EventRow]:
    """``EventRow`` records from the rows of :func:`_events_between_query`.

    Today lists a thousand and more of them at start-up, so this is kept
    flat: every date and moment text is parsed once, and each record is made
    without going through the frozen dataclass's ``__init__`` (which sets its
    fields one ``object.__setattr__`` at a time); the result is the same.
    """
    read = codec.WhenReader()
    zones: dict[str, ZoneInfo] = {}
    days: dict[str, date] = {}
    new = object.__new__
    names = _EVENT_ROW_FIELDS
    out = []
    for (pid, patient_id, name, identifier, site, product, stage, kind, number, of, start, end, a_start, a_end,
         first, last, errors, warnings, tzname, details) in rows:
        tz = zones.get(tzname)
        if tz is None:
            tz = zones[tzname] = timeutil.zone(tzname)
        first_day = days.get(first)
        if first_day is None:
            first_day = days[first] = date.fromisoformat(first)
        last_day = days.get(last)
        if last_day is None:
            last_day = days[last] = date.fromisoformat(last)
        row = new(EventRow)
        row.__dict__.update(zip(names, (
            pid, patient_id, name, identifier, site, product, stage, kind,
            kind if of == 1 else f"{kind}#{number}", read(start, tz), read(end, tz), read(a_start, tz),
            read(a_end, tz), first_day, last_day, errors, warnings, _details(details))))
        out.append(row)
    return out


_DETAILS: dict[str, Any] = {}


def _details(text: str | None) -> Any:
    """An event's protocol details (markers, drug, cycle) from its JSON text; None for most events."""
    if text is None:
        return None
    hit = _DETAILS.get(text)
    if hit is None:
        hit = _DETAILS[text] = MappingProxyType(json.loads(text))
    return hit


class EarlyEvents:
    """:meth:`PathwayRepository.events_between` read on a worker thread, over a read-only connection of its own.

    The worker asks SQLite for all rows as one JSON text: SQLite does the
    whole query without Python's global lock, so it runs beside whatever the
    calling thread does (at start-up: loading Qt), and a single row comes
    back (fetching row by row would wait for the lock once per row). The rows
    are used only if the store's :meth:`~atmp_desktop.storage.db.Store.change_marker`
    is still what it was when the reading started.
    """

    def __init__(self, store: "Store", first: date, last: date, site: str | None,
                 stages: Sequence[str] | None, kinds: Sequence[str] | None, after: threading.Thread | None = None):
        self.args = (first, last, site, _tuple(stages), _tuple(kinds))
        self._after = after
        self._marker = store.change_marker()
        sql, self._params = _events_between_query(first, last, site, stages, kinds)
        names = ", ".join(f"c{n}" for n in range(len(_EVENT_QUERY_COLUMNS)))
        # json_group_array keeps the order of the ordered subquery's rows.
        self._sql = f"SELECT json_group_array(json_array({names})) FROM ({sql})"
        self._text: str | None = None
        self._conn = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                     check_same_thread=False)
        self._thread = threading.Thread(target=self._run, name="early-events", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self._after is not None:
                self._after.join()
            self._text = self._conn.execute(self._sql, self._params).fetchone()[0]
        except Exception:  # noqa: BLE001 - the caller then reads the rows itself
            log.debug("early events not read", exc_info=True)
        finally:
            self._conn.close()

    def rows(self, store: "Store", args: tuple) -> list[EventRow] | None:
        """The rows, if they answer *args* and the store has not changed since; else None."""
        self._thread.join()
        text, self._text = self._text, None
        if text is None or args != self.args or store.change_marker() != self._marker:
            return None
        try:
            return read_event_rows(json.loads(text))
        except (ValueError, TypeError):  # not what the query gives; the caller reads the rows itself
            log.debug("early events not usable", exc_info=True)
            return None


class BackgroundRead:
    """One query read on a worker thread, over a read-only connection of its own.

    The Patients list's keys of every pathway (issue 11): read and turned into
    their index while the window goes on answering. On the SQLite file the
    worker opens the file read-only (SQLite steps through the query without
    Python's global lock); on a server it opens a connection of its own.
    *convert* runs on the worker too (plain Python: no Qt, no store). The
    answer is used only if the store's
    :meth:`~atmp_desktop.storage.db.Store.change_marker` is still what it was
    when the reading started; otherwise :meth:`result` is None and the caller
    reads again itself.
    """

    def __init__(self, store: "Store", sql: str, params: Sequence[Any], convert: Any = None):
        self._marker = store.change_marker()
        self._params, self._convert = list(params), convert
        self._value: Any = None
        self._ok = False
        if store.backend == "sqlite":
            self._sql = sql
            self._conn: Any = sqlite3.connect(f"{store.path.resolve().as_uri()}?mode=ro", uri=True,
                                              isolation_level=None, check_same_thread=False)
        else:  # the worker opens a store of its own on the server (connecting takes a moment too)
            self._store = store
            self._sql = sql
            self._conn = None
        self._thread = threading.Thread(target=self._run, name="background-read", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            if self._conn is None:
                self._conn = self._store.reopen(write=False)  # its statements in the server's dialect
                rows = self._conn.fetchall(self._sql, self._params)
            else:
                rows = self._conn.execute(self._sql, self._params).fetchall()
            self._value = self._convert(rows) if self._convert is not None else rows
            self._ok = True
        except Exception:  # noqa: BLE001 - the caller then reads the rows itself
            log.debug("background read failed", exc_info=True)
        finally:
            if self._conn is not None:
                self._conn.close()

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self, store: "Store") -> Any:
        """The converted rows (waiting for them), or None if the read failed or the store changed since."""
        self._thread.join()
        if not self._ok or store.change_marker() != self._marker:
            return None
        value, self._value = self._value, None
        return value


_PATHWAY_DEFAULTS: dict[str, Any] = {}
_PATHWAY_FACTORIES: dict[str, Any] = {}
for _f in fields(Pathway):
    if _f.default is not MISSING:
        _PATHWAY_DEFAULTS[_f.name] = _f.default
    elif _f.default_factory is not MISSING:
        _PATHWAY_FACTORIES[_f.name] = _f.default_factory


def _washouts_of(text: str) -> list[Washout]:
    return [Washout(w["drug"], date.fromisoformat(w["last_dose"]), w["before"], w.get("min_days"))
            for w in json.loads(text)]


def _stored_pathway(**values: Any) -> Pathway:
    """A ``Pathway`` whose events are already in the order and labels a save gave them.

    ``Pathway()`` sorts and relabels its events (a third of the load time for
    ten thousand pathways); stored events were saved sorted (``seq``) and are
    labelled by :func:`_label`, so loading skips that work. Fields added to
    ``Pathway`` later get their defaults.
    """
    p = object.__new__(Pathway)
    state = p.__dict__
    state.update(_PATHWAY_DEFAULTS)
    for name, factory in _PATHWAY_FACTORIES.items():
        if name not in values:
            state[name] = factory()
    state.update(values)
    return p


def _label(events: list[Event]) -> None:
    """Labels as ``Pathway.relabel`` gives them: ``kind``, or ``kind#n`` when a kind repeats."""
    kinds = [e.kind for e in events]
    if len(set(kinds)) == len(kinds):
        for e in events:
            e.label = e.kind
        return
    totals: dict[str, int] = {}
    for k in kinds:
        totals[k] = totals.get(k, 0) + 1
    seen: dict[str, int] = {}
    for e in events:
        if totals[e.kind] == 1:
            e.label = e.kind
        else:
            seen[e.kind] = seen.get(e.kind, 0) + 1
            e.label = f"{e.kind}#{seen[e.kind]}"


def pathway_row(sp: StoredPathway) -> dict[str, Any]:
    p = sp.pathway
    return {
        "id": sp.id,
        "patient_id": sp.patient_id,
        "site": sp.site,
        "product": p.product,
        "indication": p.indication,
        "region": p.region,
        "timezone": p.timezone,
        "profile_version": int(sp.profile_version),
        "ld_regimen": p.ld_regimen,
        "stage": p.stage or "awaiting_apheresis",
        "coi_id": p.coi_id,
        "product_expiry": codec.day_text(p.product_expiry),
        "tocilizumab_doses": p.tocilizumab_doses,
        "note": p.extra.get("note"),
        "cancel_reason": sp.cancel_reason,
        "version": int(sp.version),
        "created_by": sp.created_by,
        "created_at": codec.utc_text(sp.created_at) if sp.created_at else None,
        "updated_by": sp.updated_by,
        "updated_at": codec.utc_text(sp.updated_at) if sp.updated_at else None,
        "open_errors": int(sp.open_errors),
        "open_warnings": int(sp.open_warnings),
        "washouts": codec.canonical_json([w.to_json() for w in p.washouts]) if p.washouts else None,
    }


class PathwayRepository:
    """Pathways with their events; see the module docstring."""

    def __init__(self, store: "Store", audit: AuditTrail):
        self.store = store
        self.audit = audit

    # -- loading ----------------------------------------------------------------

    def get(self, pathway_id: int) -> StoredPathway:
        found = self._load("WHERE id = ?", [pathway_id])
        if not found:
            raise NotFound(f"there is no pathway {pathway_id}", key="pathway.not_found", pathway_id=pathway_id)
        return found[0]

    def find(self, pathway_id: int) -> StoredPathway | None:
        found = self._load("WHERE id = ?", [pathway_id])
        return found[0] if found else None

    def load_all(self, site: str | None = None, stages: Sequence[str] | None = None,
                 patient_id: int | None = None, ids_between: tuple[int, int] | None = None
                 ) -> list[StoredPathway]:
        """Every pathway matching the filters (ids from/to inclusive), with its events, ordered by id."""
        where, params = self._where(site, stages, patient_id, ids_between=ids_between)
        return self._load(where, params)

    def ids(self, site: str | None = None) -> list[int]:
        where, params = self._where(site, None, None)
        return [r[0] for r in self.store.fetchall(f"SELECT id FROM pathways {where} ORDER BY id", params)]

    def load_many(self, ids: Iterable[int]) -> list[StoredPathway]:
        wanted = sorted(set(ids))
        out: list[StoredPathway] = []
        for i in range(0, len(wanted), 900):
            chunk = wanted[i:i + 900]
            out += self._load(f"WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)
        return out

    def versions(self, site: str, stages: Sequence[str]) -> dict[int, int]:
        """The version of each pathway of *site* in *stages*, by id (what changed since a count is read from it)."""
        where, params = self._where(site, stages, None)
        return dict(self.store.fetchall(f"SELECT id, version FROM pathways {where}", params))

    def event_days(self, site: str, stages: Sequence[str], kinds: Sequence[str]
                   ) -> list[tuple[int, int, str, str, dict[str, list[tuple[int, int]]]]]:
        """Each pathway of *site* in *stages*, light: ``(id, version, product, region, days)``, ordered by id.

        *days* maps each of *kinds* the pathway has to its events' local
        (first day, last day) ordinals in the pathway's order, the effective
        days (``event.when``/``event.until`` in the pathway's time zone), as
        :func:`atmp_desktop.domain.capacity.event_days` gives them from the
        loaded pathway; no pathway or event object is built. Counting a site's
        capacity reads this (about 30,000 pathways at the busiest bench site).
        """
        where, params = self._where(site, stages, None)
        marks = ", ".join("?" for _ in kinds)
        # The effective end: the actual end once anything was recorded (an actual start
        # alone: the start), else the planned end, else the start itself (Event.last_day).
        end = ("CASE WHEN actual_start IS NOT NULL OR actual_end IS NOT NULL"
               " THEN COALESCE(actual_end, actual_start) ELSE COALESCE(planned_end, planned_start) END")
        with codec.paused_gc(), self.store.read():
            prows = self.store.fetchall(
                f"SELECT id, version, product, region, timezone FROM pathways {where} ORDER BY id", params)
            erows = self.store.fetchall(
                f"SELECT pathway_id, kind, day_first, {end} FROM events WHERE kind IN ({marks})"
                f" AND pathway_id IN (SELECT id FROM pathways {where}) ORDER BY pathway_id, seq",
                [*kinds, *params],
            )
        days_of: dict[int, dict[str, list[tuple[int, int]]]] = {r[0]: {} for r in prows}
        tz_of = {r[0]: r[4] for r in prows}
        # Most day and time texts repeat: each is turned into its local day ordinal once (per zone).
        firsts: dict[str, int] = {}
        lasts_in: dict[str, dict[str, int]] = {name: {} for name in set(tz_of.values())}
        zones = {name: timeutil.zone(name) for name in lasts_in}
        current, days, lasts, tz = None, {}, {}, None
        for pid, kind, first, end_text in erows:
            if pid != current:
                name = tz_of.get(pid)
                if name is None:
                    continue
                current, days, lasts, tz = pid, days_of[pid], lasts_in[name], zones[name]
            f = firsts.get(first)
            if f is None:
                f = firsts[first] = date.fromisoformat(first).toordinal()
            last = lasts.get(end_text)
            if last is None:
                moment = date.fromisoformat(end_text) if len(end_text) == 10 else \
                    datetime.fromisoformat(end_text).astimezone(tz).date()
                last = lasts[end_text] = moment.toordinal()
            spans = days.get(kind)
            if spans is None:
                days[kind] = [(f, last)]
            else:
                spans.append((f, last))
        return [(r[0], r[1], r[2], r[3], days_of[r[0]]) for r in prows]

    @staticmethod
    def _where(site: str | None, stages: Sequence[str] | None, patient_id: int | None,
               alias: str = "", ids_between: tuple[int, int] | None = None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if ids_between is not None:
            clauses.append(f"{alias}id BETWEEN ? AND ?")
            params += [int(ids_between[0]), int(ids_between[1])]
        if site is not None:
            clauses.append(f"{alias}site = ?")
            params.append(site)
        if stages:
            clauses.append(f"{alias}stage IN ({', '.join('?' for _ in stages)})")
            params += list(stages)
        if patient_id is not None:
            clauses.append(f"{alias}patient_id = ?")
            params.append(patient_id)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _load(self, where: str, params: list[Any]) -> list[StoredPathway]:
        with codec.paused_gc(), self.store.read():
            prows = self.store.fetchall(f"{_LOAD_PATHWAYS} {where} ORDER BY id", params)
            if not prows:
                return []
            if where:
                erows = self.store.fetchall(
                    f"{_LOAD_EVENTS} WHERE pathway_id IN (SELECT id FROM pathways {where}) ORDER BY pathway_id, seq",
                    params,
                )
            else:
                erows = self.store.fetchall(f"{_LOAD_EVENTS} ORDER BY pathway_id, seq")
            return self._build(prows, erows)

    @staticmethod
    def _build(prows: list[tuple], erows: list[tuple]) -> list[StoredPathway]:
        # The hot path of 'check --all': kept flat on purpose (see the module docstring).
        zones: dict[str, ZoneInfo] = {}
        caches: dict[str, dict[str, Any]] = {}
        tz_of: dict[int, str] = {}
        for r in prows:
            tz_of[r[0]] = r[6]
            if r[6] not in zones:
                zones[r[6]] = timeutil.zone(r[6])
                caches[r[6]] = {}
        events: dict[int, list[Event]] = {}
        current_pid = None
        bucket: list[Event] = []
        cache: dict[str, Any] = {}
        tz: ZoneInfo | None = None

        def parse(text: str) -> Any:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).astimezone(tz)
            cache[text] = value
            return value

        for (pid, kind, start, end, a_start, a_end, recorded_by, hold, max_c, temps, note, details) in erows:
            if pid != current_pid:
                name = tz_of.get(pid)
                if name is None:
                    continue
                current_pid = pid
                bucket = events[pid] = []
                cache = caches[name]
                tz = zones[name]
            temperatures = []
            if temps is not None:
                temperatures = [(cache.get(t) or parse(t), c) for t, c in json.loads(temps)]
            bucket.append(Event(
                kind,
                cache.get(start) or parse(start),
                None if end is None else (cache.get(end) or parse(end)),
                None if a_start is None else (cache.get(a_start) or parse(a_start)),
                None if a_end is None else (cache.get(a_end) or parse(a_end)),
                None if hold is None else (cache.get(hold) or parse(hold)),
                max_c, temperatures, note, {} if recorded_by is None else {"recorded_by": recorded_by},
            ))
            if details is not None:
                bucket[-1].extra.update(json.loads(details))
        out = []
        parse_day = codec.parse_day
        parse_utc = codec.parse_utc
        stored = records.StoredPathway
        for (pid, patient_id, site, product, indication, region, tzname, profile_version, ld_regimen, stage,
             coi_id, expiry, doses, note, cancel_reason, version, created_by, created_at, updated_by,
             updated_at, open_errors, open_warnings, washouts) in prows:
            extra: dict[str, Any] = {"id": pid, "site": site}
            if note is not None:
                extra["note"] = note
            evs = events.get(pid, [])
            _label(evs)
            pathway = _stored_pathway(
                product=product, region=region, indication=indication, timezone=tzname,
                product_expiry=parse_day(expiry), tocilizumab_doses=doses, ld_regimen=ld_regimen, stage=stage,
                coi_id=coi_id, events=evs, extra=extra,
            )
            if washouts is not None:
                pathway.washouts = _washouts_of(washouts)
            out.append(stored(
                pid, patient_id, site, pathway, profile_version, version, cancel_reason, created_by,
                parse_utc(created_at), updated_by, parse_utc(updated_at), open_errors, open_warnings,
            ))
        return out

    # -- list rows (no events) ------------------------------------------------------

    def rows(self, site: str | None = None, stages: Sequence[str] | None = None,
             patient_id: int | None = None) -> list[PathwayRow]:
        """One light row per pathway, for list views: patient, product, stage, cached finding counts."""
        where, params = self._where(site, stages, patient_id, alias="p.")
        sql = (
            "SELECT p.id, p.patient_id, pa.identifier, pa.id_kind, pa.given_name, pa.family_name, p.site,"
            " p.product, p.indication, p.region, p.stage, p.open_errors, p.open_warnings,"
            " (SELECT MIN(e.day_first) FROM events e WHERE e.pathway_id = p.id AND e.kind = 'infusion'),"
            " p.version, p.updated_by, p.updated_at"
            f" FROM pathways p JOIN patients pa ON pa.id = p.patient_id {where} ORDER BY p.id"
        )
        parse_day, parse_utc, row = codec.parse_day, codec.parse_utc, records.PathwayRow
        return [
            row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                parse_day(r[13]), r[14], r[15], parse_utc(r[16]))
            for r in self.store.fetchall(sql, params)
        ]

    # -- the Patients list on a big store (issue 11): keys of every row, rows a page at a time ----------

    _ROW_SELECT = (
        "SELECT p.id, p.patient_id, pa.identifier, pa.id_kind, pa.given_name, pa.family_name, p.site,"
        " p.product, p.indication, p.region, p.stage, p.open_errors, p.open_warnings,"
        " (SELECT MIN(e.day_first) FROM events e WHERE e.pathway_id = p.id AND e.kind = 'infusion'),"
        " p.version, p.updated_by, p.updated_at"
        " FROM pathways p JOIN patients pa ON pa.id = p.patient_id"
    )

    def _pathway_rows(self, sql: str, params: Sequence[Any]) -> list[PathwayRow]:
        parse_day, parse_utc, row = codec.parse_day, codec.parse_utc, records.PathwayRow
        return [
            row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
                parse_day(r[13]), r[14], r[15], parse_utc(r[16]))
            for r in self.store.fetchall(sql, params)
        ]

    def rows_by_ids(self, ids: Sequence[int]) -> dict[int, PathwayRow]:
        """The light rows of the pathways *ids* (those that exist), by id: one page of a list."""
        wanted = sorted({int(i) for i in ids})
        out: dict[int, PathwayRow] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for r in self._pathway_rows(f"{self._ROW_SELECT} WHERE p.id IN ({', '.join('?' for _ in chunk)})", chunk):
                out[r.id] = r
        return out

    @staticmethod
    def _list_where(site: str | None, sites: Iterable[str] | None, stages: Sequence[str] | None,
                    exclude_stages: Sequence[str] | None, product: str | None, findings: str | None,
                    patient_id: int | None) -> tuple[str, list[Any]]:
        where, params = PathwayRepository._where(site, stages, patient_id, alias="p.")
        clauses = [where[len("WHERE "):]] if where else []
        if sites is not None:
            wanted = sorted(sites)
            clauses.append(f"p.site IN ({', '.join('?' for _ in wanted)})" if wanted else "1 = 0")
            params += wanted
        if exclude_stages:
            clauses.append(f"p.stage NOT IN ({', '.join('?' for _ in exclude_stages)})")
            params += list(exclude_stages)
        if product:
            clauses.append("p.product = ?")
            params.append(product)
        if findings == "errors":
            clauses.append("p.open_errors > 0")
        elif findings == "any":
            clauses.append("(p.open_errors > 0 OR p.open_warnings > 0)")
        elif findings == "none":
            clauses.append("p.open_errors = 0 AND p.open_warnings = 0")
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def list_page(self, *, site: str | None = None, sites: Iterable[str] | None = None,
                  stages: Sequence[str] | None = None, exclude_stages: Sequence[str] | None = None,
                  product: str | None = None, findings: str | None = None, patient_id: int | None = None,
                  descending: bool = False, limit: int = 100, offset: int = 0) -> tuple[int, list[PathwayRow]]:
        """How many pathways match, and *limit* of their rows from *offset*, ordered by patient name.

        The order is the Patients list's default (family name, given name,
        case-insensitive; ties by pathway id), so that a first screenful needs
        neither every row nor every key. *findings* is ``errors``, ``any`` or
        ``none``; *sites* a user's site scope.
        """
        where, params = self._list_where(site, sites, stages, exclude_stages, product, findings, patient_id)
        direction = "DESC" if descending else "ASC"
        binary = ' COLLATE "C"' if self.store.backend == "postgresql" else ""  # code-point order, as Python sorts
        with self.store.read():
            total = int(self.store.fetchone(  # type: ignore[index]
                f"SELECT COUNT(*) FROM pathways p {where}", params)[0])
            rows = [] if limit <= 0 else self._pathway_rows(
                f"{self._ROW_SELECT} {where} ORDER BY lower(pa.family_name){binary} {direction},"
                f" lower(pa.given_name){binary} {direction}, p.id LIMIT ? OFFSET ?", [*params, int(limit), int(offset)])
        return total, rows

    #: The columns of :meth:`list_keys`, in order.
    LIST_KEYS = ("id", "patient_id", "site", "product", "stage", "open_errors", "open_warnings", "family_name",
                 "given_name", "identifier", "indication", "updated_at")

    def list_keys(self, site: str | None = None, sites: Iterable[str] | None = None) -> list[tuple]:
        """What the Patients list filters and sorts by, for every pathway (no events, no row objects), by id.

        One tuple per pathway with the columns :data:`LIST_KEYS`; ``updated_at``
        as the stored UTC text (which sorts as time does).
        """
        return self.store.fetchall(*self._list_keys_query(site, sites))

    def _list_keys_query(self, site: str | None, sites: Iterable[str] | None) -> tuple[str, list[Any]]:
        where, params = self._list_where(site, sites, None, None, None, None, None)
        return ("SELECT p.id, p.patient_id, p.site, p.product, p.stage, p.open_errors, p.open_warnings, pa.family_name,"
                " pa.given_name, pa.identifier, p.indication, p.updated_at"
                f" FROM pathways p JOIN patients pa ON pa.id = p.patient_id {where} ORDER BY p.id", params)

    def list_keys_in_background(self, convert: Any = None, site: str | None = None,
                                sites: Iterable[str] | None = None) -> BackgroundRead | None:
        """:meth:`list_keys` on a worker thread, *convert* applied there (see :class:`BackgroundRead`)."""
        return BackgroundRead(self.store, *self._list_keys_query(site, sites), convert=convert)

    def infusion_days(self, site: str | None = None, sites: Iterable[str] | None = None) -> dict[int, date]:
        """The first infusion day of every pathway that has one, by pathway id (sorting a list by it);
        *sites* a user's site scope."""
        where, params = self._list_where(site, sites, None, None, None, None, None)
        extra = where.replace("WHERE", "AND", 1)
        return {pid: date.fromisoformat(day) for pid, day in self.store.fetchall(
            "SELECT e.pathway_id, MIN(e.day_first) FROM events e JOIN pathways p ON p.id = e.pathway_id"
            f" WHERE e.kind = 'infusion' {extra} GROUP BY e.pathway_id", params)}

    def events_between(self, first: date, last: date, site: str | None = None,
                       stages: Sequence[str] | None = None, kinds: Sequence[str] | None = None) -> list[EventRow]:
        """Every event that touches a day from *first* to *last* (local days), ordered by time.

        With *kinds*, only events of those kinds (an event's number among its
        pathway's events of its kind, ``thaw#2``, still counts them all).
        """
        early, self._early = self._early, None
        if early is not None:
            rows = early.rows(self.store, (first, last, site, _tuple(stages), _tuple(kinds)))
            if rows is not None:
                return rows
        sql, params = _events_between_query(first, last, site, stages, kinds)
        return read_event_rows(self.store.fetchall(sql, params))

    _early: "EarlyEvents | None" = None

    def read_early(self, first: date, last: date, site: str | None = None, stages: Sequence[str] | None = None,
                   kinds: Sequence[str] | None = None, after: threading.Thread | None = None) -> "EarlyEvents | None":
        """Start reading :meth:`events_between` on a worker thread (start-up, while Qt loads).

        The next :meth:`events_between` with the same arguments takes the rows
        from there, if nothing was committed to the store in between
        (:meth:`Store.change_marker <atmp_desktop.storage.db.Store.change_marker>`);
        otherwise, or if the worker failed, it reads them itself as always.
        The worker first waits for the thread *after*, if given (so that two
        workers do not take turns on the same processor core).
        """
        if self.store.backend != "sqlite":
            return None  # a server answers fast enough; the head start is the embedded file's
        self._early = EarlyEvents(self.store, first, last, site, stages, kinds, after)
        return self._early

    # -- the Calendar's month (issue 11): counts per day, and one day's events a page at a time --------

    def _calendar_filter(self, site: str | None, sites: Iterable[str] | None, stages: Sequence[str] | None,
                         findings: str | None = None) -> tuple[str, list[Any]]:
        if findings is None and site is None and sites is None and stages:
            # Stages alone (all but cancelled, as the Calendar asks): each event of the window is tested
            # against the list of the pathways *not* in those stages, likely the shorter one then (a
            # smaller list is quicker to look in: a fifth of the month's count on 100,000 pathways).
            # Every event has its pathway (a foreign key) and every pathway a stage (NOT NULL), so
            # this keeps the same events.
            wanted = sorted(set(stages))
            if len(wanted) > len(STAGES) - len(wanted):
                marks = ", ".join("?" for _ in wanted)
                return f" AND +e.pathway_id NOT IN (SELECT p.id FROM pathways p WHERE p.stage NOT IN ({marks}))", wanted
        where, params = self._list_where(site, sites, stages, None, None, findings, None)
        if not where:
            return "", []
        # Without the "+", SQLite would walk the pathways and look up each one's events (all of them, of
        # every month); with it, it reads the month's stretch of the days index and tests each event's
        # pathway against the (small) list of the subquery.
        plus = "+" if findings is None else ""
        return f" AND {plus}e.pathway_id IN (SELECT p.id FROM pathways p {where})", params

    def event_spans(self, first: date, last: date, site: str | None = None, stages: Sequence[str] | None = None,
                    sites: Iterable[str] | None = None) -> tuple[list[tuple[date, date, str, int]],
                                                                 list[tuple[date, date, str, int]]]:
        """How many events touch *first*…*last*, as counts per (first day, last day, kind), no row objects.

        Returns ``(spans, with_errors)``: *spans* is ``(day_first, day_last, kind,
        count)`` for every such combination (a few hundred even for a month of
        a hundred thousand pathways); *with_errors* is ``(day_first, day_last,
        kind, pathway_id)`` for each event of a pathway with open errors. The
        same events as :meth:`events_between` with the same filters (*sites*: a
        user's site scope); the Calendar's month grid expands them to days.
        """
        span = "e.day_first, e.day_last, e.kind"
        window = "e.day_last >= ? AND e.day_first <= ?"
        days = [first.isoformat(), last.isoformat()]
        parsed: dict[str, date] = {}

        def day(text: str) -> date:
            hit = parsed.get(text)
            if hit is None:
                hit = parsed[text] = date.fromisoformat(text)
            return hit

        extra, params = self._calendar_filter(site, sites, stages)
        errors_extra, errors_params = self._calendar_filter(site, sites, stages, findings="errors")
        with self.store.read():
            spans = self.store.fetchall(
                f"SELECT {span}, COUNT(*) FROM events e WHERE {window}{extra} GROUP BY {span}", [*days, *params])
            with_errors = self.store.fetchall(
                f"SELECT {span}, e.pathway_id FROM events e WHERE {window}{errors_extra}", [*days, *errors_params])
        return ([(day(a), day(b), kind, int(n)) for a, b, kind, n in spans],
                [(day(a), day(b), kind, int(pid)) for a, b, kind, pid in with_errors])

    def day_events(self, day: date, site: str | None = None, stages: Sequence[str] | None = None, *,
                   sites: Iterable[str] | None = None, long_kinds: Iterable[str] = (), show_ongoing: bool = False,
                   kind_order: Sequence[str] = (), limit: int = 100, offset: int = 0) -> list[EventRow]:
        """*limit* of the events listed on *day* from *offset*, in the Calendar's order for a day.

        Listed: every event touching the day, except that an event of
        *long_kinds* lasting several days is listed on its first and last day
        only (unless *show_ongoing*). The order: all-day items first (and every
        day of a multi-day event after its first), then by time (the moment,
        whatever the time zone), then by kind (*kind_order*; others after
        it), patient name (code-point order), pathway id, and the order of
        :meth:`events_between`. The Calendar's ``day_entries`` sorts the
        same way; the month view reads a day a page at a time with this.
        """
        d = day.isoformat()
        extra, params = self._calendar_filter(site, sites, stages)
        long_kinds = sorted(set(long_kinds))
        listed = ""
        if long_kinds and not show_ongoing:
            listed = (f" AND (e.kind NOT IN ({', '.join('?' for _ in long_kinds)})"
                      " OR e.day_first = ? OR e.day_last = ? OR e.day_last <= e.day_first)")
            params += [*long_kinds, d, d]
        start = "COALESCE(e.actual_start, e.planned_start)"
        if self.store.backend == "postgresql":
            instant = f"EXTRACT(EPOCH FROM CAST({start} AS timestamptz))"
            binary = ' COLLATE "C"'
        else:
            instant = f"julianday({start})"
            binary = ""
        order = " ".join(f"WHEN ? THEN {i}" for i in range(len(kind_order)))
        kind_rank = f"CASE e.kind {order} ELSE {len(kind_order)} END" if kind_order else "0"
        order_by = f"s.k1, s.k2, s.k3, s.c2{binary}, s.c0, s.c14, s.k4, s.k9"
        sql = (
            "SELECT s.c0, s.c1, s.c2, s.c3, s.c4, s.c5, s.c6, s.c7,"
            " (SELECT COUNT(*) FROM events x WHERE x.pathway_id = s.c0 AND x.kind = s.c7 AND x.seq <= s.k9),"
            " (SELECT COUNT(*) FROM events x WHERE x.pathway_id = s.c0 AND x.kind = s.c7),"
            " s.c10, s.c11, s.c12, s.c13, s.c14, s.c15, s.c16, s.c17, s.c18, s.c19 FROM (SELECT s.* FROM ("
            "SELECT e.pathway_id AS c0, p.patient_id AS c1, pa.family_name || ', ' || pa.given_name AS c2,"
            " pa.identifier AS c3, p.site AS c4, p.product AS c5, p.stage AS c6, e.kind AS c7,"
            " e.planned_start AS c10, e.planned_end AS c11, e.actual_start AS c12, e.actual_end AS c13,"
            " e.day_first AS c14, e.day_last AS c15, p.open_errors AS c16, p.open_warnings AS c17,"
            " p.timezone AS c18, e.details AS c19, e.seq AS k9,"
            f" CASE WHEN e.day_first = ? AND LENGTH({start}) > 10 THEN 1 ELSE 0 END AS k1,"
            f" CASE WHEN e.day_first = ? AND LENGTH({start}) > 10 THEN {instant} ELSE 0 END AS k2,"
            f" {kind_rank} AS k3, {start} AS k4"
            " FROM events e JOIN pathways p ON p.id = e.pathway_id JOIN patients pa ON pa.id = p.patient_id"
            f" WHERE e.day_last >= ? AND e.day_first <= ?{extra}{listed}"
            f") s ORDER BY {order_by} LIMIT ? OFFSET ?"
            f") s ORDER BY {order_by}"  # the page in order again; the event numbers counted for the page only
        )
        args = [d, d, *kind_order, d, d, *params, int(limit), int(offset)]
        return read_event_rows(self.store.fetchall(sql, args))

    def count(self) -> int:
        return int(self.store.fetchone("SELECT COUNT(*) FROM pathways")[0])  # type: ignore[index]

    # -- saving -----------------------------------------------------------------------

    def _state(self, pathway_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
        rows = self.store.dicts("SELECT * FROM pathways WHERE id = ?", [pathway_id])
        if not rows:
            return None
        events = self.store.dicts(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE pathway_id = ? ORDER BY seq", [pathway_id]
        )
        return rows[0], events

    def _write_events(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self.store.executemany(
                f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})",
                [[r[c] for c in EVENT_COLUMNS] for r in rows],
            )

    def insert(self, sp: StoredPathway, by: str, reason: str | None = None) -> StoredPathway:
        """Store a new pathway (its id is assigned here); must run inside ``store.write()``."""
        return self.get(self.insert_many([sp], by, reason)[0])

    def insert_many(self, items: Sequence[StoredPathway], by: str, reason: str | None = None) -> list[int]:
        """Store new pathways in bulk: one statement per table, one audit entry each."""
        if not items:
            return []
        now = codec.utc_now()
        next_id = int(self.store.fetchone("SELECT COALESCE(MAX(id), 0) FROM pathways")[0]) + 1  # type: ignore[index]
        prows, erows, entries, ids = [], [], [], []
        for i, sp in enumerate(items):
            pid = next_id + i
            sp.pathway.relabel()
            row = pathway_row(replace(sp, id=pid, version=1, created_by=by, created_at=now,
                                      updated_by=by, updated_at=now))
            evs = event_rows(pid, sp.pathway)
            prows.append([row[c] for c in PATHWAY_COLUMNS])
            erows += evs
            entries.append((by, "pathways", str(pid), "insert", None, row_state("pathways", row, evs),
                            reason, sp.patient_id))
            ids.append(pid)
        self.store.executemany(
            f"INSERT INTO pathways ({', '.join(PATHWAY_COLUMNS)}) VALUES ({', '.join('?' for _ in PATHWAY_COLUMNS)})",
            prows,
        )
        self._write_events(erows)
        self.audit.record_many(entries)
        return ids

    def update(self, sp: StoredPathway, by: str, reason: str | None = None) -> StoredPathway:
        """Save *sp* over the stored row if its ``version`` is still current (else ConflictError).

        A save that changes nothing writes nothing and returns the stored pathway.
        """
        if sp.id is None:
            raise NotFound("this pathway has not been stored yet", key="pathway.not_stored")
        state = self._state(sp.id)
        if state is None:
            raise NotFound(f"there is no pathway {sp.id}", key="pathway.not_found", pathway_id=sp.id)
        before, before_events = state
        if before["version"] != sp.version:
            raise conflict("pathway", sp.id, before)
        sp.pathway.relabel()
        now = codec.utc_now()
        row = pathway_row(replace(
            sp, version=sp.version + 1, updated_by=by, updated_at=now, created_by=before["created_by"],
            created_at=codec.parse_utc(before["created_at"]), patient_id=before["patient_id"],
        ))
        evs = event_rows(sp.id, sp.pathway)
        before_state = row_state("pathways", before, before_events)
        after_state = row_state("pathways", row, evs)
        ignore = ("version", "updated_by", "updated_at")
        if {k: v for k, v in before_state.items() if k not in ignore} == {
                k: v for k, v in after_state.items() if k not in ignore}:
            if (before["open_errors"], before["open_warnings"]) != (row["open_errors"], row["open_warnings"]):
                self.set_counts(sp.id, row["open_errors"], row["open_warnings"])
            return self.get(sp.id)
        cols = [c for c in PATHWAY_COLUMNS if c != "id"]
        cur = self.store.execute(
            f"UPDATE pathways SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ? AND version = ?",
            [row[c] for c in cols] + [sp.id, sp.version],
        )
        if cur.rowcount != 1:  # cannot happen under BEGIN IMMEDIATE; never write blind if it does
            raise conflict("pathway", sp.id, self._state(sp.id)[0])  # type: ignore[index]
        self.store.execute("DELETE FROM events WHERE pathway_id = ?", [sp.id])
        self._write_events(evs)
        self.audit.record(by, "pathways", str(sp.id), "update", before_state, after_state, reason,
                          before["patient_id"])
        return self.get(sp.id)

    def check_version(self, pathway_id: int, version: int) -> None:
        """Refuse (ConflictError) when the stored row is no longer at *version*."""
        rows = self.store.dicts("SELECT version, updated_by, updated_at FROM pathways WHERE id = ?", [pathway_id])
        if not rows:
            raise NotFound(f"there is no pathway {pathway_id}", key="pathway.not_found", pathway_id=pathway_id)
        if rows[0]["version"] != version:
            raise conflict("pathway", pathway_id, rows[0])

    def set_counts(self, pathway_id: int, errors: int, warnings: int) -> None:
        """Refresh the cached open finding counts (derived data: not audited)."""
        self.store.execute(
            "UPDATE pathways SET open_errors = ?, open_warnings = ? WHERE id = ?", [errors, warnings, pathway_id]
        )

    def set_counts_many(self, counts: Iterable[tuple[int, int, int]]) -> None:
        """``(id, errors, warnings)`` for many pathways at once."""
        self.store.executemany(
            "UPDATE pathways SET open_errors = ?, open_warnings = ? WHERE id = ?",
            [(e, w, i) for i, e, w in counts],
        )
