"""Capacity: what a site's pathways use of its resources, ``CAPACITY`` findings,
and the earliest plan for a new patient that fits the label, the calendar and capacity.

How a pathway uses each kind of resource (only pathways that are not cancelled
count; times are the effective ones, ``event.when``/``event.until``, taken as
local days in the pathway's time zone):

* ``apheresis_chair`` — one per apheresis event, on its day (each collection day
  of each mobilisation cycle of a stem-cell product is one).
* ``thaw_slot`` — one per thaw event, on its day.
* ``manufacturing_slot`` — one per manufacturing event of the slot's product, in
  the ISO week the manufacturing starts (a pathway with an apheresis but no
  manufacturing event uses the week of the day after apheresis, where the
  planner starts manufacturing).
* ``ward_bed`` — one on every day from admission through discharge, both
  counted (a bed is never promised to two patients on a discharge day).
  Admission is the first day of the last lymphodepletion course (or, for a
  product conditioned instead, the first busulfan day) before the infusion,
  or the infusion day when there is none; discharge is the last
  infusion day plus the resource's ``inpatient_days``, or, when the resource
  does not set it, plus the product's daily-monitoring period from the label
  (the centre assumption where the label gives none). The monitoring event
  is not used: daily monitoring may happen outside the ward.

Capacity follows the site calendar: apheresis chairs have no capacity on days
the apheresis unit is closed, thaw slots none on days the cell lab is closed
(so Christmas and Easter have none, unless the site opens them). Ward beds are
staffed every day, and manufacturing slots are the manufacturer's (or the
cleanroom's) weekly allocation, so neither follows the calendar.

Several resources of one kind (of one product, for manufacturing slots) at a
site form one pool whose capacity is their sum: a pathway does not say which
chair or bed it gets, only that it needs one.

Over-capacity is a ``warning`` (code ``CAPACITY``), not an ``error``: it breaks
no label rule and a coordinator can resolve it (an extra chair, an extra
shift), whereas ``error`` is kept for what endangers the dose itself.

Everything is counted once into integer counters per pool and period (day
ordinal, or the ordinal of the ISO week's Monday); checking a candidate plan
only probes those counters, which keeps the earliest-feasible search cheap.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Callable, Iterable, Mapping, Sequence

from atmp_desktop.domain import messages
from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.catalogue import Catalogue, CatalogueError, shipped_catalogue
from atmp_desktop.domain.findings import Finding, info, sort_findings, warning
from atmp_desktop.domain.pathway import Pathway
from atmp_desktop.domain.planner import Plan, Planner, PlanningError, PlanRequest
from atmp_desktop.domain.resources import KIND_PERIOD, RESOURCE_KINDS, Resource

#: The calendar activity whose open days give a day resource its capacity.
KIND_ACTIVITY: Mapping[str, str | None] = {
    "apheresis_chair": "apheresis",
    "thaw_slot": "cell_lab",
    "ward_bed": None,
    "manufacturing_slot": None,
}

#: The event kind that uses each kind of resource (named by CAPACITY findings).
KIND_EVENT: Mapping[str, str | None] = {
    "apheresis_chair": "apheresis",
    "thaw_slot": "thaw",
    "ward_bed": None,
    "manufacturing_slot": "manufacturing",
}

PoolKey = tuple[str, str | None]


def is_cancelled(pathway: Pathway) -> bool:
    """A cancelled pathway uses no capacity."""
    return pathway.stage == "cancelled" or pathway.extra.get("status") == "cancelled"


#: The event kinds a pathway's use of capacity is counted from (:meth:`Load.uses_of`).
CAPACITY_EVENT_KINDS: tuple[str, ...] = (
    "apheresis", "thaw", "manufacturing", "infusion", "lymphodepletion", "conditioning",
)


def event_days(pathway: Pathway) -> dict[str, list[tuple[int, int]]]:
    """For each of :data:`CAPACITY_EVENT_KINDS` in *pathway*: its events' local (first, last) day ordinals, in order.

    The days are the effective ones (``event.when``/``event.until``) in the
    pathway's time zone; the store keeps the same first day with every event row.
    """
    tz = pathway.tz
    out: dict[str, list[tuple[int, int]]] = {}
    for e in pathway.events:
        if e.kind in CAPACITY_EVENT_KINDS:
            out.setdefault(e.kind, []).append((e.first_day(tz).toordinal(), e.last_day(tz).toordinal()))
    return out


def week_of(day: date) -> int:
    """The period key of *day*'s ISO week: the ordinal of its Monday."""
    o = day.toordinal()
    return o - (o - 1) % 7  # date.fromordinal(1) is a Monday


def iso_week(monday: int) -> tuple[int, int]:
    """(ISO year, ISO week number) of a week key."""
    y, w, _ = date.fromordinal(monday).isocalendar()
    return y, w


@dataclass(frozen=True)
class Pool:
    """The resources of one kind (and product) at a site, counted together."""

    kind: str
    product: str | None
    resources: tuple[Resource, ...]

    @property
    def key(self) -> PoolKey:
        return (self.kind, self.product)

    @cached_property
    def capacity(self) -> int:
        return sum(r.capacity for r in self.resources)

    @cached_property
    def name(self) -> str:
        return " + ".join(r.name for r in self.resources)

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.resources)

    @property
    def period(self) -> str:
        return KIND_PERIOD[self.kind]

    @property
    def activity(self) -> str | None:
        return KIND_ACTIVITY[self.kind]

    @cached_property
    def inpatient_days(self) -> int | None:
        days = [r.inpatient_days for r in self.resources if r.inpatient_days is not None]
        # Pooled beds that disagree: plan with the longest stay, so no bed is promised twice.
        return max(days) if days else None


#: How many pathway ids a CAPACITY message names before it counts the rest ("+N").
MESSAGE_IDS = 10


def _in_id_order(ids: Iterable[str]) -> tuple[str, ...]:
    """Pathway ids in numeric order (the store's ids are numbers; any other name after them, by name)."""
    ids = list(ids)
    try:
        return tuple(sorted(ids, key=int))
    except ValueError:
        return tuple(sorted(ids, key=lambda pid: (0, int(pid)) if pid.isdigit() else (1, pid)))


def _some_ids(ordered: tuple[str, ...]) -> str:
    """The first :data:`MESSAGE_IDS` of *ordered* ids, then ``+N`` for the rest (all stay in ``pathway_ids``)."""
    shown = ", ".join(ordered[:MESSAGE_IDS])
    rest = len(ordered) - MESSAGE_IDS
    return f"{shown} +{rest}" if rest > 0 else shown


@dataclass(frozen=True)
class Overload:
    """A run of days (or one week) on which a pool is booked above its capacity."""

    pool: Pool
    first: date
    last: date
    used: int
    capacity: int
    pathways: tuple[str, ...]  # in numeric order
    closed: tuple[str, str] | None = None  # (reason in English, in Swedish) when capacity is 0 because closed

    @property
    def week(self) -> tuple[int, int] | None:
        if self.pool.period != "week":
            return None
        return iso_week(self.first.toordinal())

    def finding(self) -> Finding:
        pool = self.pool
        common = dict(
            resource=pool.name, resource_ids=pool.ids, used=self.used, capacity=self.capacity,
            pathways=_some_ids(self.pathways), pathway_ids=self.pathways,
        )
        event = KIND_EVENT[pool.kind]
        if pool.period == "week":
            year, week = self.week  # type: ignore[misc]
            return warning(
                "CAPACITY", "capacity.over_week", event, week=week, year=year,
                monday=self.first.isoformat(), sunday=(self.first + timedelta(days=6)).isoformat(), **common,
            )
        if self.closed is not None:
            return warning(
                "CAPACITY", "capacity.closed", event, day=self.first.isoformat(), activity=pool.activity,
                reason=self.closed[0], reason_sv=self.closed[1], **common,
            )
        if self.first == self.last:
            return warning("CAPACITY", "capacity.over_day", event, day=self.first.isoformat(), **common)
        return warning(
            "CAPACITY", "capacity.over_days", event,
            first=self.first.isoformat(), last=self.last.isoformat(), **common,
        )


@dataclass(frozen=True)
class LoadCell:
    """Use and capacity of one pool on one day (or in one week), for the load strip."""

    start: date
    used: int
    capacity: int
    closed_reason: str | None = None

    @property
    def over(self) -> bool:
        return self.used > self.capacity


@dataclass(frozen=True)
class LoadRow:
    pool: Pool
    cells: tuple[LoadCell, ...]


class Load:
    """Use of one site's resources by its pathways, counted once and probed cheaply.

    Give each pathway an id (the store's pathway id): findings name pathways
    by it, and :meth:`add` with a known id replaces that pathway's use.
    """

    def __init__(
        self,
        resources: Iterable[Resource],
        calendar: SiteCalendar | None = None,
        catalogue: Catalogue | None = None,
    ):
        resources = list(resources)
        sites = {r.site for r in resources}
        if len(sites) > 1:
            raise ValueError(f"capacity is counted per site; resources of {', '.join(sorted(sites))} given")
        self.site = next(iter(sites), None)
        self.calendar = calendar or SiteCalendar()
        self.catalogue = catalogue or shipped_catalogue()
        grouped: dict[PoolKey, list[Resource]] = {}
        for r in resources:
            product = r.product.lower() if r.product else None
            grouped.setdefault((r.kind, product), []).append(r)
        order = {k: i for i, k in enumerate(RESOURCE_KINDS)}
        self.pools: dict[PoolKey, Pool] = {
            key: Pool(key[0], key[1], tuple(rs))
            for key, rs in sorted(grouped.items(), key=lambda kv: (order[kv[0][0]], kv[0][1] or ""))
        }
        self._count: dict[PoolKey, dict[int, int]] = {k: {} for k in self.pools}
        # (pool) -> period -> {pathway id: times it is booked then}; plain dicts, the hot loop of counting a site
        self._who: dict[PoolKey, dict[int, dict[str, int]]] = {k: {} for k in self.pools}
        self._uses: dict[str, dict[PoolKey, Sequence[int]]] = {}
        self._monitoring: dict[tuple[str, str], int] = {}
        self._closed: dict[tuple[int, str], bool] = {}

    @classmethod
    def build(
        cls,
        resources: Iterable[Resource],
        pathways: Mapping[str, Pathway] | Iterable[tuple[str, Pathway]],
        calendar: SiteCalendar | None = None,
        catalogue: Catalogue | None = None,
    ) -> "Load":
        """Count the use of *resources* by *pathways* (``{id: pathway}`` or ``(id, pathway)`` pairs)."""
        load = cls(resources, calendar, catalogue)
        items = pathways.items() if isinstance(pathways, Mapping) else pathways
        for pid, pathway in items:
            load.add(pid, pathway)
        return load

    # -- what one pathway uses ---------------------------------------------

    def pool(self, kind: str, product: str | None = None) -> Pool | None:
        return self.pools.get((kind, product.lower() if product else None))

    def uses(self, pathway: Pathway) -> dict[PoolKey, Sequence[int]]:
        """The periods each pool is used by *pathway* (a period may repeat)."""
        if is_cancelled(pathway) or not self.pools:
            return {}
        return self.uses_of(pathway.product, pathway.region, event_days(pathway))

    def uses_of(self, product: str, region: str,
                days: Mapping[str, list[tuple[int, int]]]) -> dict[PoolKey, Sequence[int]]:
        """The periods each pool is used by a pathway of *product* (*region*'s label) with the event *days*.

        *days* is :func:`event_days`' shape: for each of :data:`CAPACITY_EVENT_KINDS`
        present, its events' (first day, last day) ordinals in the pathway's order.
        """
        if not self.pools:
            return {}
        out: dict[PoolKey, Sequence[int]] = {}
        if ("apheresis_chair", None) in self.pools and "apheresis" in days:
            out[("apheresis_chair", None)] = [first for first, _ in days["apheresis"]]
        if ("thaw_slot", None) in self.pools and "thaw" in days:
            out[("thaw_slot", None)] = [first for first, _ in days["thaw"]]
        mkey = ("manufacturing_slot", product.lower())
        if mkey in self.pools:
            starts = [first for first, _ in days.get("manufacturing", ())]
            if not starts and "apheresis" in days:
                starts = [days["apheresis"][0][0] + 1]  # the planner starts manufacturing the day after
            if starts:
                out[mkey] = [week_of(date.fromordinal(d)) for d in starts]
        bkey = ("ward_bed", None)
        if bkey in self.pools and "infusion" in days:
            infusions = days["infusion"]
            infusion_day = infusions[0][0]
            courses = [first for kind in ("lymphodepletion", "conditioning") for first, _ in days.get(kind, ())
                       if first <= infusion_day]
            admitted = max(courses) if courses else infusion_day
            stay = self.pools[bkey].inpatient_days
            if stay is None:
                stay = self._monitoring_days(product, region)
            discharged = max(last for _, last in infusions) + max(0, stay)
            out[bkey] = range(admitted, discharged + 1)  # a range, not a list: a stay is weeks of days
        return out

    def _monitoring_days(self, product: str, region: str) -> int:
        key = (product, region)
        days = self._monitoring.get(key)
        if days is None:
            try:
                profile = self.catalogue.profile(product, region)
                days = int(profile.planning_value("monitoring_daily_days")[0])
            except (CatalogueError, KeyError):
                days = int(self.catalogue.assumptions.get("monitoring_daily_days", 14))
            self._monitoring[key] = days
        return days

    # -- counting ------------------------------------------------------------

    def add(self, pathway_id: str, pathway: Pathway) -> None:
        """Count *pathway*'s use under *pathway_id* (replacing what that id used before)."""
        self.add_uses(pathway_id, self.uses(pathway))

    def add_days(self, pathway_id: str, product: str, region: str, days: Mapping[str, list[tuple[int, int]]]) -> None:
        """Count under *pathway_id* the use of a pathway known only by its event days (see :meth:`uses_of`).

        The store's light read for counting a whole site: the same count as
        :meth:`add` of the pathway, without loading it.
        """
        self.add_uses(pathway_id, self.uses_of(product, region, days))

    def add_uses(self, pathway_id: str, uses: dict[PoolKey, Sequence[int]]) -> None:
        """Count *uses* (from :meth:`uses` or :meth:`uses_of`) under *pathway_id*, replacing what it used before."""
        if pathway_id in self._uses:
            self.remove(pathway_id)
        self._uses[pathway_id] = uses
        for key, periods in uses.items():
            count, who = self._count[key], self._who[key]
            for p in periods:
                count[p] = count.get(p, 0) + 1
                c = who.get(p)
                if c is None:
                    who[p] = {pathway_id: 1}
                else:
                    c[pathway_id] = c.get(pathway_id, 0) + 1

    def remove(self, pathway_id: str) -> None:
        """Stop counting *pathway_id* (unknown ids are ignored)."""
        for key, periods in self._uses.pop(pathway_id, {}).items():
            count, who = self._count[key], self._who[key]
            for p in periods:
                count[p] -= 1
                who[p][pathway_id] -= 1
                if who[p][pathway_id] <= 0:
                    del who[p][pathway_id]
                if count[p] <= 0:
                    del count[p]
                    del who[p]

    def __contains__(self, pathway_id: object) -> bool:
        return pathway_id in self._uses

    def __len__(self) -> int:
        return len(self._uses)

    # -- probes ----------------------------------------------------------------

    def _closed_on(self, ordinal: int, activity: str) -> bool:
        key = (ordinal, activity)
        hit = self._closed.get(key)
        if hit is None:
            hit = not self.calendar.is_open(date.fromordinal(ordinal), activity)
            self._closed[key] = hit
        return hit

    def capacity_at(self, key: PoolKey, period: int) -> int:
        """Capacity of a pool in a period (day ordinal or week key): 0 on a closed day."""
        pool = self.pools[key]
        activity = pool.activity
        if activity is not None and self._closed_on(period, activity):
            return 0
        return pool.capacity

    def used_at(self, key: PoolKey, period: int) -> int:
        return self._count[key].get(period, 0)

    def _key_period(self, kind: str, day: date, product: str | None) -> tuple[PoolKey, int] | None:
        pool = self.pool(kind, product)
        if pool is None:
            return None
        return pool.key, (week_of(day) if pool.period == "week" else day.toordinal())

    def used(self, kind: str, day: date, product: str | None = None) -> int:
        """How many are booked of *kind* on *day* (in *day*'s week for manufacturing slots)."""
        kp = self._key_period(kind, day, product)
        return 0 if kp is None else self.used_at(*kp)

    def capacity(self, kind: str, day: date, product: str | None = None) -> int | None:
        """The capacity of *kind* on *day* (0 when closed), or None when the site has no such resource."""
        kp = self._key_period(kind, day, product)
        return None if kp is None else self.capacity_at(*kp)

    def pathways_on(self, kind: str, day: date, product: str | None = None) -> tuple[str, ...]:
        kp = self._key_period(kind, day, product)
        if kp is None:
            return ()
        return tuple(sorted(self._who[kp[0]].get(kp[1], ())))

    def conflicts(
        self, uses: Mapping[PoolKey, list[int]], pathway_id: str | None = None
    ) -> list[tuple[PoolKey, int, int, int]]:
        """``(pool, period, used, capacity)`` where *uses* would be over capacity.

        *uses* replaces what *pathway_id* is counted with now, if anything.
        """
        own = self._uses.get(pathway_id, {}) if pathway_id is not None else {}
        out = []
        for key, periods in uses.items():
            count = self._count[key]
            mine = Counter(periods)
            theirs = Counter(own.get(key, ()))
            for p, n in mine.items():
                used = count.get(p, 0) - theirs.get(p, 0) + n
                cap = self.capacity_at(key, p)
                if used > cap:
                    out.append((key, p, used, cap))
        return sorted(out, key=lambda c: (c[1], c[0][0]))

    # -- findings --------------------------------------------------------------

    def overloads(self) -> list[Overload]:
        """Every run of over-capacity days (and every over-capacity week), by date."""
        out: list[Overload] = []
        for key in self.pools:
            over = [(p, n) for p, n in self._count[key].items() if n > self.capacity_at(key, p)]
            who = self._who[key]
            out.extend(self._runs(key, sorted(over), lambda p, who=who: who.get(p, ())))
        return sorted(out, key=lambda o: (o.first, list(self.pools).index(o.pool.key)))

    def _runs(
        self, key: PoolKey, over: list[tuple[int, int]], names: Callable[[int], Iterable[str]],
        memo: dict | None = None,
    ) -> list[Overload]:
        """Over-capacity periods (sorted ``(period, used)``) as runs of consecutive days with one capacity.

        With *memo* (only when *names* depends on nothing but the period), runs
        already made for the same periods are reused.
        """
        if memo is not None:
            memo_key = (key, tuple(over))
            runs = memo.get(memo_key)
            if runs is None:
                runs = memo[memo_key] = self._runs(key, over, names)
            return runs
        pool = self.pools[key]
        groups: list[tuple[list[tuple[int, int]], int, tuple[str, str] | None]] = []
        for p, used in over:
            cap = self.capacity_at(key, p)
            closed = None
            if cap == 0 and pool.activity is not None and self._closed_on(p, pool.activity):
                day = date.fromordinal(p)
                closed = (
                    self.calendar.closed_reason(day, pool.activity) or "",
                    self.calendar.closed_reason(day, pool.activity, "sv") or "",
                )
            if groups:
                members, prev_cap, prev_closed = groups[-1]
                if (
                    pool.period == "day" and closed is None and prev_closed is None
                    and prev_cap == cap and members[-1][0] == p - 1
                ):
                    members.append((p, used))
                    continue
            groups.append(([(p, used)], cap, closed))
        runs = []
        for members, cap, closed in groups:
            who = set().union(*(names(p) for p, _ in members))
            runs.append(Overload(
                pool, date.fromordinal(members[0][0]), date.fromordinal(members[-1][0]),
                max(u for _, u in members), cap, _in_id_order(who), closed,
            ))
        return runs

    def findings(self) -> list[Finding]:
        """``CAPACITY`` findings for the whole site, by date."""
        return [o.finding() for o in self.overloads()]

    def findings_by_pathway(self) -> dict[str, list[Finding]]:
        """Each counted pathway's ``CAPACITY`` findings (only the days it is involved in)."""
        over = {
            key: {p for p, n in count.items() if n > self.capacity_at(key, p)}
            for key, count in self._count.items()
        }
        out: dict[str, list[Finding]] = {}
        # Pathways booked on the same over-capacity days share their findings: count each set once.
        shared: dict[tuple, list[Finding]] = {}
        runs_memo: dict = {}
        for pid, uses in self._uses.items():
            days = tuple(
                (key, tuple(sorted({p for p in periods if p in over[key]})))
                for key, periods in uses.items()
            )
            days = tuple(d for d in days if d[1])
            if not days:
                out[pid] = []
                continue
            found = shared.get(days)
            if found is None:
                found = shared[days] = self._findings_for(pid, None, runs_memo)
            out[pid] = list(found)
        return out

    def findings_for(self, pathway_id: str, pathway: Pathway | None = None) -> list[Finding]:
        """``CAPACITY`` findings on the days *pathway_id* uses.

        With *pathway*, as if that pathway replaced what *pathway_id* is
        counted with now (a new plan or a replanning proposal); nothing is changed.
        """
        return self._findings_for(pathway_id, pathway, None)

    def _findings_for(self, pathway_id: str, pathway: Pathway | None, runs_memo: dict | None) -> list[Finding]:
        if pathway is None:
            uses = self._uses.get(pathway_id, {})
            own: dict[PoolKey, Sequence[int]] = uses
        else:
            uses = self.uses(pathway)
            own = self._uses.get(pathway_id, {})
        found: list[Overload] = []
        for key, periods in uses.items():
            count, who = self._count[key], self._who[key]
            mine, theirs = Counter(periods), Counter(own.get(key, ()))
            over = []
            for p, n in sorted(mine.items()):
                used = count.get(p, 0) - theirs.get(p, 0) + n
                if used > self.capacity_at(key, p):
                    over.append((p, used))
            if pathway is None:  # counted already: the names on a day are the day's, whoever asks
                found.extend(self._runs(key, over, lambda p, who=who: who.get(p, ()), runs_memo))
            else:
                found.extend(self._runs(key, over, lambda p, who=who: (*who.get(p, ()), pathway_id)))
        found.sort(key=lambda o: (o.first, list(self.pools).index(o.pool.key)))
        return sort_findings(o.finding() for o in found)

    # -- the load strip --------------------------------------------------------

    def strip(self, start: date, end: date, lang: str = "en") -> list[LoadRow]:
        """Use and capacity of every pool from *start* to *end*: per day, or per week for manufacturing."""
        rows = []
        for key, pool in self.pools.items():
            cells = []
            if pool.period == "week":
                w = week_of(start)
                while w <= end.toordinal():
                    cells.append(LoadCell(date.fromordinal(w), self.used_at(key, w), self.capacity_at(key, w)))
                    w += 7
            else:
                for o in range(start.toordinal(), end.toordinal() + 1):
                    cap = self.capacity_at(key, o)
                    reason = None
                    if pool.activity is not None and self._closed_on(o, pool.activity):
                        reason = self.calendar.closed_reason(date.fromordinal(o), pool.activity, lang)
                    cells.append(LoadCell(date.fromordinal(o), self.used_at(key, o), cap, reason))
            rows.append(LoadRow(pool, tuple(cells)))
        return rows


# -- plain-language dates ------------------------------------------------------


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {messages.AND.get(lang, 'and')} " + items[-1]


def days_text(days: Iterable[date], lang: str = "en", year: int | None = None) -> str:
    """``3 and 4 December``, ``1–4, 7 and 8 December``, ``30 November and 1 December``.

    The year is named for months outside *year*.
    """
    months = messages.MONTH_NAMES.get(lang, messages.MONTH_NAMES["en"])
    groups: dict[tuple[int, int], list[int]] = {}
    for d in sorted(set(days)):
        groups.setdefault((d.year, d.month), []).append(d.day)
    parts = []
    for (y, m), ds in groups.items():
        runs: list[list[int]] = []
        for d in ds:
            if runs and runs[-1][-1] == d - 1:
                runs[-1].append(d)
            else:
                runs.append([d])
        items: list[str] = []
        for r in runs:
            if len(r) >= 3:
                items.append(f"{r[0]}–{r[-1]}")
            else:
                items.extend(str(d) for d in r)
        text = f"{_join(items, lang)} {months[m - 1]}"
        if year is not None and y != year:
            text += f" {y}"
        parts.append(text)
    return _join(parts, lang)


def weeks_text(weeks: Iterable[tuple[int, int]], lang: str = "en", year: int | None = None) -> str:
    items = [str(w) if year is None or y == year else f"{w} ({y})" for y, w in sorted(set(weeks))]
    return _join(items, lang)


# -- the earliest feasible plan ---------------------------------------------------


_LISTED_DAYS = 10
_LISTED_WEEKS = 6


@dataclass
class Delay:
    """One reason the earliest feasible plan is later than asked."""

    what: str  # closed, chair, manufacturing, label, thaw, bed
    days: list[date] = field(default_factory=list)
    weeks: list[tuple[int, int]] = field(default_factory=list)
    reasons: list[tuple[str, str]] = field(default_factory=list)  # closed: (en, sv) per day
    product: str | None = None
    regular: list[bool] = field(default_factory=list)  # closed: an ordinary day off (a weekend)

    def text(self, lang: str = "en", year: int | None = None, with_regular: bool = True) -> str:
        t = messages.TEMPLATES.get(lang, messages.TEMPLATES["en"])
        if self.what == "closed":
            keep = [i for i in range(len(self.days)) if with_regular or not self.regular[i]]
            names: list[str] = []
            for i in keep:
                name = self.reasons[i][1 if lang == "sv" else 0]
                if name not in names:
                    names.append(name)
            activity = messages.ACTIVITY_NAMES.get(lang, messages.ACTIVITY_NAMES["en"])["apheresis"]
            return t["earliest.closed"].format(
                activity=activity, days=days_text([self.days[i] for i in keep], lang, year),
                reasons=", ".join(names),
            )
        if self.what == "manufacturing":
            weeks = sorted(set(self.weeks))
            text = weeks_text(weeks[:_LISTED_WEEKS], lang, year)
            if len(weeks) > _LISTED_WEEKS:
                text = t["earliest.more_weeks"].format(items=text, n=len(weeks) - _LISTED_WEEKS)
            return t["earliest.mfg_full"].format(product=self.product, weeks=text)
        key = {"chair": "earliest.no_chair", "thaw": "earliest.no_thaw", "bed": "earliest.no_bed",
               "label": "earliest.label"}[self.what]
        days = sorted(set(self.days))
        text = days_text(days[:_LISTED_DAYS], lang, year)
        if len(days) > _LISTED_DAYS:
            # A season of full days is one fact, not a list to read.
            text = t["earliest.more_days"].format(items=text, n=len(days) - _LISTED_DAYS)
        return t[key].format(days=text)


_DELAY_ORDER = ("closed", "chair", "manufacturing", "label", "thaw", "bed")


def explain(delays: Iterable[Delay], lang: str = "en", year: int | None = None) -> str:
    """What pushed a plan later, in one line: ``no apheresis chair on 3 and 4 December; …``.

    Ordinary days off (weekends) are named only when nothing else explains the delay.
    """
    delays = sorted(delays, key=lambda d: _DELAY_ORDER.index(d.what))
    others = [d for d in delays if d.what != "closed"]
    parts = []
    for d in delays:
        if d.what == "closed":
            if others and all(d.regular):
                continue
            parts.append(d.text(lang, year, with_regular=not others))
        else:
            parts.append(d.text(lang, year))
    return "; ".join(p for p in parts if p)


@dataclass
class EarliestPlan:
    """The earliest plan that fits the label, the calendar and capacity, and why it is not earlier."""

    plan: Plan
    asked: date
    #: The infusion day the label and calendar alone give for the chosen apheresis day.
    natural_infusion: date
    delays: list[Delay]

    @property
    def apheresis(self) -> date:
        e = self.plan.pathway.first("apheresis")
        return e.first_day(self.plan.pathway.tz)  # type: ignore[union-attr]

    @property
    def infusion(self) -> date:
        return self.plan.pathway.infusion_day()  # type: ignore[return-value]

    @property
    def delayed(self) -> bool:
        return self.apheresis > self.asked or self.infusion > self.natural_infusion

    def explanation(self, lang: str = "en") -> str:
        return explain(self.delays, lang, self.asked.year)

    def summary(self, lang: str = "en") -> dict:
        """The search's outcome for ``--json`` output beside the plan's document.

        Kept out of the pathway document itself, which ``check --file`` must read back.
        """
        return {
            "asked_apheresis": self.asked.isoformat(),
            "apheresis": self.apheresis.isoformat(),
            "infusion": self.infusion.isoformat(),
            "natural_infusion": self.natural_infusion.isoformat(),
            "delayed": self.delayed,
            "explanation": self.explanation(lang),
        }


class _Delays:
    """Collects the reasons, merged per kind, in the order the search meets them."""

    def __init__(self, calendar: SiteCalendar):
        self.calendar = calendar
        self.by_what: dict[str, Delay] = {}

    def _get(self, what: str, product: str | None = None) -> Delay:
        d = self.by_what.get(what)
        if d is None:
            d = self.by_what[what] = Delay(what, product=product)
        return d

    def closed(self, day: date) -> None:
        d = self._get("closed")
        d.days.append(day)
        d.reasons.append((
            self.calendar.closed_reason(day, "apheresis") or "",
            self.calendar.closed_reason(day, "apheresis", "sv") or "",
        ))
        # A weekday the unit never opens (a weekend) is an ordinary day off, even
        # when a holiday falls on it: the unit would be closed anyway.
        d.regular.append(day.weekday() not in self.calendar.hours("apheresis").weekdays)

    def day(self, what: str, day: date) -> None:
        d = self._get(what)
        if day not in d.days:
            d.days.append(day)

    def week(self, product: str, week: tuple[int, int]) -> None:
        d = self._get("manufacturing", product)
        if week not in d.weeks:
            d.weeks.append(week)

    def all(self) -> list[Delay]:
        return list(self.by_what.values())


def earliest_plan(
    planner: Planner,
    request: PlanRequest,
    load: Load,
    *,
    horizon_days: int = 365,
    max_wait_days: int = 28,
) -> EarliestPlan:
    """The earliest plan from ``request.apheresis`` on that fits the label, the calendar and capacity.

    The apheresis day is the first from the asked day whose apheresis unit is
    open, whose chair pool has room and whose manufacturing week has a slot.
    The infusion is then the first day the planner's rules allow on which the
    thaw slot is free and a ward bed is free for the whole stay; until then the
    product waits in storage. No later apheresis can give an earlier infusion,
    so the infusion is the earliest possible. When the product would wait more
    than *max_wait_days* beyond the rules' own infusion day, the apheresis is
    planned later instead (same infusion, less time in storage, a
    manufacturing slot not taken before it is needed).

    Raises :class:`PlanningError` when nothing fits within *horizon_days*,
    naming what stood in the way.
    """
    if request.apheresis is None or request.infusion is not None:
        raise PlanningError("the earliest-feasible search needs the earliest apheresis date, not an infusion date")
    calendar = planner.calendar
    asked = request.apheresis
    delays = _Delays(calendar)
    profile, _ = planner.rules_for(request)
    chair = ("apheresis_chair", None) if ("apheresis_chair", None) in load.pools else None
    mfg = ("manufacturing_slot", profile.product_id.lower())
    day = asked
    last = asked + timedelta(days=horizon_days)
    while day <= last:
        if not calendar.is_open(day, "apheresis"):
            delays.closed(day)
            day += timedelta(days=1)
            continue
        o = day.toordinal()
        if chair is not None and load.used_at(chair, o) >= load.capacity_at(chair, o):
            delays.day("chair", day)
            day += timedelta(days=1)
            continue
        try:
            plan = planner.plan(replace(request, apheresis=day, infusion_not_before=None), profile)
        except PlanningError:
            plan = None
        if plan is None or plan.has_error:
            delays.day("label", day)
            day += timedelta(days=1)
            continue
        uses = load.uses(plan.pathway)
        if chair is not None and len(uses.get(chair, ())) > 1:
            # every collection day of every mobilisation cycle needs a chair, not only the first
            busy = [p for k, p, _, _ in load.conflicts({chair: uses[chair]}) if k == chair]
            if busy:
                for p in busy:
                    delays.day("chair", date.fromordinal(p))
                day += timedelta(days=1)
                continue
        full = [p for k, p, _, _ in load.conflicts({mfg: uses[mfg]}) if k == mfg] if mfg in uses else []
        if full:
            for w in full:
                delays.week(profile.name, iso_week(w))
            start = plan.pathway.first("manufacturing")
            mfg_start = start.first_day(plan.pathway.tz) if start is not None else day + timedelta(days=1)
            # Every apheresis day whose manufacturing starts in a full week fails the same way.
            day += timedelta(days=max(1, max(full) + 7 - mfg_start.toordinal()))
            continue
        natural = plan.pathway.infusion_day()
        assert natural is not None
        fitted = _first_free_infusion(planner, request, profile, load, plan, day, delays, last)
        if fitted is None:
            break
        waited = (fitted.pathway.infusion_day() - natural).days  # type: ignore[operator]
        if waited > max_wait_days:
            day += timedelta(days=waited - max_wait_days)
            continue
        return _result(fitted, asked, natural, delays)
    raise PlanningError(
        f"no feasible plan within {horizon_days} days from {asked}: "
        f"{explain(delays.all(), 'en', asked.year) or 'no open apheresis day'}"
    )


_AFTER_RECEIPT = ("thaw_slot", "ward_bed")


def _first_free_infusion(
    planner: Planner, request: PlanRequest, profile, load: Load, plan: Plan,
    apheresis: date, delays: _Delays, last: date,
) -> Plan | None:
    """*plan* with its infusion moved to the first day the thaw slot and a bed for the stay are free."""
    natural = plan.pathway.infusion_day()
    assert natural is not None
    base = {k: v for k, v in load.uses(plan.pathway).items() if k[0] in _AFTER_RECEIPT}
    if not base:
        return plan
    day = natural
    while day <= last:
        if day != natural and not planner.infusion_ok(day):
            day += timedelta(days=1)
            continue
        # Moving the infusion moves its thaw, its LD course (nominal gap) and the stay
        # with it, so a candidate is probed by shifting the natural plan's use.
        d = (day - natural).days
        uses = {k: [p + d for p in v] for k, v in base.items()}
        conflicts = load.conflicts(uses)
        if not conflicts:
            if d == 0:
                return plan
            moved = planner.plan(replace(request, apheresis=apheresis, infusion_not_before=day), profile)
            uses = {k: v for k, v in load.uses(moved.pathway).items() if k[0] in _AFTER_RECEIPT}
            conflicts = load.conflicts(uses)  # a split dose's second day may differ from the shift
            if not conflicts and not moved.has_error:
                return moved
        step = 1
        for key, p, _, _ in conflicts:
            if key[0] == "thaw_slot":
                delays.day("thaw", date.fromordinal(p))
            else:
                delays.day("bed", date.fromordinal(p))
                # The stay must start after the full day, or it still covers it.
                step = max(step, p - min(uses[key]) + 1)
        day += timedelta(days=step)
    return None


def _result(plan: Plan, asked: date, natural: date, delays: _Delays) -> EarliestPlan:
    result = EarliestPlan(plan, asked, natural, delays.all())
    if result.delayed:
        params = dict(
            apheresis=result.apheresis.isoformat(), infusion=result.infusion.isoformat(),
            asked=asked.isoformat(), reasons_en=result.explanation("en"), reasons_sv=result.explanation("sv"),
        )
        plan.findings = sort_findings([*plan.findings, info("PLAN_DELAYED", "earliest.delayed", None, **params)])
    return result
