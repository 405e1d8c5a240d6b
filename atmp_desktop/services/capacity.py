"""Capacity over the store: each site's load, ``CAPACITY`` findings, the earliest feasible plan, replanning.

The counting, the findings, the search and the replanning rules are the
domain's (:mod:`atmp_desktop.domain.capacity`, :mod:`atmp_desktop.domain.replan`);
this service feeds them the store's resources, calendars, profiles and
pathways, and applies a confirmed replanning proposal in one audited
transaction through :meth:`PathwayService.save`.

Construct it over a :class:`Services` object (``CapacityService(svc)``); it
may later be attached as ``svc.capacity``. Like every service it belongs to
the thread of its store.

**Cache.** Counting a site's use (loading its pathways with their events) is
the expensive part, so each site's :class:`Load` is kept and reused until the
store changes. Whether it changed is cheap to ask: SQLite's ``PRAGMA
data_version`` moves when another connection (another window, another
program) commits, and the connection's ``total_changes`` when this one
writes. When either moved, the cached load is *reconciled*, not rebuilt: the
light pathway rows (id, version, stage) show which pathways were saved,
created or cancelled since, and only those are loaded again. A change of the
site's resources, calendar or product profile versions rebuilds it. The
:class:`Load` returned is that live cache object: read it, do not change it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Iterable, Mapping

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.capacity import CAPACITY_EVENT_KINDS, EarliestPlan, Load, LoadRow, earliest_plan
from atmp_desktop.domain.findings import Finding
from atmp_desktop.domain.pathway import STAGES, Pathway
from atmp_desktop.domain.planner import Plan, PlanningError, PlanRequest
from atmp_desktop.domain.replan import Change, Proposal, ReplanError, propose
from atmp_desktop.domain.resources import Resource
from atmp_desktop.services.auth import Permission
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import ValidationError
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage.codec import paused_gc
from atmp_desktop.storage.records import StoredPathway

#: The stages whose pathways use capacity (a cancelled pathway frees what it had).
ACTIVE_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s != "cancelled")

#: The cache token of a load counted inside an open transaction (never current).
_UNSURE = (-1, -1)

#: The id a plan not yet stored is counted under (in CAPACITY findings of a proposal).
NEW_PATHWAY = "new"


def load_key(pathway_id: int | str) -> str:
    """The id a stored pathway is counted under in a :class:`Load` (findings name pathways by it)."""
    return str(pathway_id)


@dataclass
class _SiteLoad:
    """One site's cached load and what it was counted from."""

    load: Load
    key: tuple[int, int]
    versions: dict[int, int]
    resources: tuple[Resource, ...]
    calendar: dict[str, Any]
    timezone: str
    profiles: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class EarliestResult:
    """The earliest feasible plan at a site, with its explanation in the asked language."""

    site: str
    earliest: EarliestPlan
    lang: str = "en"

    @property
    def plan(self) -> Plan:
        return self.earliest.plan

    @property
    def pathway(self) -> Pathway:
        return self.earliest.plan.pathway

    @property
    def asked(self) -> date:
        return self.earliest.asked

    @property
    def apheresis(self) -> date:
        return self.earliest.apheresis

    @property
    def infusion(self) -> date:
        return self.earliest.infusion

    @property
    def natural_infusion(self) -> date:
        return self.earliest.natural_infusion

    @property
    def delayed(self) -> bool:
        return self.earliest.delayed

    @property
    def explanation(self) -> str:
        """What pushed the plan later (empty when nothing did), in :attr:`lang`."""
        return self.earliest.explanation(self.lang)

    def to_json(self) -> dict[str, Any]:
        return {"site": self.site, **self.earliest.summary(self.lang)}


@dataclass
class _Stats:
    """How the cache was used (for tests and the benchmark)."""

    builds: int = 0
    reconciles: int = 0
    reloaded: int = 0
    hits: int = 0


class CapacityService(Service):
    """Capacity planning over the store; see the module docstring."""

    def __init__(self, services):
        super().__init__(services)
        self._sites: dict[str, _SiteLoad] = {}
        self._data_version: int | None = None
        self.stats = _Stats()

    # -- is the cache current? ----------------------------------------------------------

    def _key(self) -> tuple[int, int]:
        """A cheap token that moves whenever the store's data may have changed."""
        version, own = self.store.change_marker()
        return int(version), int(own)

    def _current_key(self) -> tuple[int, int]:
        key = self._key()
        if self._data_version is not None and key[0] != self._data_version:
            # Another connection committed: it may have changed sites or profiles that
            # the other services keep cached, so let them read those again.
            self.services.refresh()
        self._data_version = key[0]
        return key

    def invalidate(self, site: str | None = None) -> None:
        """Forget the cached load of *site* (of every site when None); the next use rebuilds it."""
        if site is None:
            self._sites.clear()
        else:
            self._sites.pop(site, None)

    # -- the load of a site ---------------------------------------------------------------

    def _profile_versions(self) -> tuple[tuple[str, int], ...]:
        products = self.services.products
        return tuple((p, products.current_version(p)) for p in products.product_ids)

    def load(self, site: str) -> Load:
        """The use of *site*'s resources by its active pathways (counted under ``str(id)``).

        Unknown sites raise ``NotFound``. Cheap when nothing changed since the
        last call; see the module docstring.
        """
        key = self._current_key()
        if self.store.in_transaction:
            # Changes not yet committed may still be rolled back, and the token would not
            # show it: count what is there now, but let the next call look again.
            key = _UNSURE
        cached = self._sites.get(site)
        if cached is not None and cached.key == key != _UNSURE:
            self.stats.hits += 1
            return cached.load
        s = self.services.sites.get(site)
        resources = tuple(sorted(self.services.resources.list(site), key=lambda r: r.id))
        calendar = s.calendar.to_config()
        profiles = self._profile_versions()
        if (
            cached is not None and cached.resources == resources and cached.calendar == calendar
            and cached.timezone == s.timezone and cached.profiles == profiles
        ):
            self._reconcile(site, cached)
            cached.key = key
            return cached.load
        with paused_gc():  # counting creates many small objects and no cycles (see codec.paused_gc)
            # The light read: each pathway's event days, not the pathways (a third of the time, a tenth of the memory).
            rows = self.services.pathways.event_days(site, ACTIVE_STAGES, CAPACITY_EVENT_KINDS)
            load = Load(resources, s.calendar, self.services.products.catalogue())
            for pid, _version, product, region, days in rows:
                load.add_days(load_key(pid), product, region, days)
        self._sites[site] = _SiteLoad(
            load, key, {r[0]: r[1] for r in rows}, resources, calendar, s.timezone, profiles,
        )
        self.stats.builds += 1
        return load

    def take(self, site: str) -> _SiteLoad:
        """Count *site* (as :meth:`load`) and hand over what was counted, forgetting it here.

        For counting on a worker thread with services of its own: the other
        service takes the result over (:meth:`adopt`), and this one no longer touches it.
        """
        self.load(site)
        return self._sites.pop(site)

    def adopt(self, site: str, counted: _SiteLoad) -> None:
        """Keep *counted* (another service's :meth:`take`) as *site*'s load.

        Its change token belongs to the other connection, so the next
        :meth:`load` checks it as after any change: by the pathways' versions,
        counting again only those saved since it was counted.
        """
        self._sites[site] = replace(counted, key=_UNSURE)

    def _reconcile(self, site: str, cached: _SiteLoad) -> None:
        """Count again only the pathways saved, created or cancelled since the load was counted."""
        self.stats.reconciles += 1
        pathways = self.services.pathways
        with self.store.read():  # one snapshot: the rows and the pathways loaded agree
            now = pathways.versions(site, ACTIVE_STAGES)
            changed = [pid for pid, v in now.items() if cached.versions.get(pid) != v]
            reloaded = pathways.load_many(changed) if changed else []
        for pid in [pid for pid in cached.versions if pid not in now]:
            cached.load.remove(load_key(pid))
            del cached.versions[pid]
        for sp in reloaded:
            cached.load.add(load_key(sp.id), sp.pathway)  # type: ignore[arg-type]
            cached.versions[sp.id] = sp.version  # type: ignore[index]
        self.stats.reloaded += len(reloaded)

    def loads(self) -> dict[str, Load]:
        """Every site's load, by site id."""
        return {s.id: self.load(s.id) for s in self.services.sites.list()}

    def strip(self, site: str, start: date, end: date, lang: str = "en") -> list[LoadRow]:
        """Use and capacity of each pooled resource of *site*, per day (per ISO week for manufacturing)."""
        if end < start:
            raise ValidationError(f"the load strip's end {end} is before its start {start}")
        return self.load(site).strip(start, end, lang)

    # -- CAPACITY findings -------------------------------------------------------------------

    def site_findings(self, site: str) -> list[Finding]:
        """Every over-capacity day and week of *site*, once each, by date."""
        return self.load(site).findings()

    def findings_for(self, pathway_id: int) -> list[Finding]:
        """``CAPACITY`` findings of one stored pathway (none for a cancelled one)."""
        sp = self.services.pathways.get(pathway_id)
        load = self.load(sp.site)
        key = load_key(sp.id)  # type: ignore[arg-type]
        return load.findings_for(key) if key in load else []

    def findings_by_pathway(
        self, site: str | None = None, pathways: Iterable[StoredPathway] | None = None
    ) -> dict[int, list[Finding]]:
        """``CAPACITY`` findings of every active pathway (of *site*, or of every site), by pathway id.

        Every active pathway has an entry, most of them empty. With
        *pathways* (already loaded, e.g. by ``check_all``), their use is
        counted from those objects instead of loading them again; pass every
        active pathway of the sites concerned, or the counts are too low.
        """
        if pathways is not None:
            with paused_gc():
                return self._findings_by_pathway(site, pathways)
        # Site by site, each from what is kept while its stamp holds: a save at one site recounts only that site.
        out: dict[int, list[Finding]] = {}
        sites = [site] if site is not None else [s.id for s in self.services.sites.list()]
        stamps = self.site_stamps(sites)
        for s_id in sites:
            found = self.repos.findings.site_findings(s_id, stamps[s_id])
            if found is None:
                with paused_gc():
                    found = self._findings_by_pathway(s_id, None)
                self.repos.findings.remember_site(s_id, stamps[s_id], found)
            out.update(found)
        return out

    def site_stamps(self, sites: Iterable[str]) -> dict[str, str]:
        """What the CAPACITY findings of each of *sites* depend on, as a stamp (services/finding_stamps.py)."""
        stamps = self.services.pathways.stamps
        profiles = self._profile_versions()
        wanted = list(sites)
        versions = self.repos.findings.active_versions(wanted[0] if len(wanted) == 1 else None)
        out = {}
        for site_id in wanted:
            s = self.services.sites.get(site_id)
            resources = sorted(self.services.resources.list(site_id), key=lambda r: r.id)
            out[site_id] = stamps.site(site_id, resources, s.calendar.to_config(), s.timezone, profiles,
                                       versions.get(site_id, ()))
        return out

    def _findings_by_pathway(
        self, site: str | None, pathways: Iterable[StoredPathway] | None
    ) -> dict[int, list[Finding]]:
        out: dict[int, list[Finding]] = {}
        if pathways is None:
            sites = [site] if site is not None else [s.id for s in self.services.sites.list()]
            loads = [self.load(s) for s in sites]
        else:
            by_site: dict[str, list[tuple[str, Pathway]]] = {}
            for sp in pathways:
                if (site is None or sp.site == site) and sp.pathway.stage != "cancelled":
                    by_site.setdefault(sp.site, []).append((load_key(sp.id), sp.pathway))  # type: ignore[arg-type]
            catalogue = self.services.products.catalogue()
            loads = [
                Load.build(self.services.resources.list(s), items, self.services.sites.calendar(s), catalogue)
                for s, items in by_site.items()
            ]
        for load in loads:
            for key, found in load.findings_by_pathway().items():
                out[int(key)] = found
        return out

    # -- the earliest feasible plan -----------------------------------------------------------

    def earliest(self, request: PlanRequest, site: str, lang: str = "en") -> EarliestResult:
        """The earliest plan at *site* from ``request.apheresis`` on that fits the label, calendar and capacity.

        Uses the site's planner (calendar, planning habits, current product
        profiles) and its current load. Nothing is saved; create the pathway
        with ``svc.pathways.create(patient_id, result.pathway, site, reason)``.
        A request that cannot be planned raises :class:`ValidationError` (one line).
        """
        s = self.services.sites.get(site)
        if request.apheresis is None or request.infusion is not None:
            raise ValidationError(
                "the earliest feasible plan searches forward from the earliest apheresis date: "
                "give an apheresis date, not an infusion date")
        if request.timezone != s.timezone:
            request = replace(request, timezone=s.timezone)
        load = self.load(site)
        try:
            found = earliest_plan(self.services.sites.planner(site), request, load)
        except PlanningError as exc:
            raise ValidationError(str(exc)) from None
        return EarliestResult(site, found, lang)

    def plan_at(self, request: PlanRequest, site: str) -> tuple[Plan, list[Finding]]:
        """The planner's plan at *site* for the dates asked, and the ``CAPACITY`` findings it would cause."""
        plan = self.services.pathways.propose(request, site)
        return plan, self.load(site).findings_for(NEW_PATHWAY, plan.pathway)

    # -- replanning --------------------------------------------------------------------------

    def propose_replan(self, pathway_id: int, change: Change, today: date | None = None) -> Proposal:
        """The revised pathway for *change* with what it changes (``CAPACITY`` included); nothing is saved.

        *today* (default: today at the site) keeps a suggested repeat
        lymphodepletion course out of the past. Refusals (a cancelled pathway,
        an event that already happened, …) raise :class:`ValidationError`.
        """
        sp = self.services.pathways.get(pathway_id)
        if sp.pathway.stage == "cancelled":
            raise ValidationError(f"pathway {sp.id} is cancelled; there is nothing to replan", key="replan.cancelled",
                                  pathway_id=sp.id)
        site = self.services.sites.get(sp.site)
        if today is None:
            today = datetime.now(timeutil.zone(site.timezone)).date()
        try:
            return propose(
                sp.pathway, change, planner=self.services.sites.planner(sp.site),
                profile=self.services.pathways.profile_for(sp), load=self.load(sp.site),
                pathway_id=load_key(sp.id), today=today,  # type: ignore[arg-type]
            )
        except ReplanError as exc:
            raise ValidationError(f"pathway {sp.id}: {exc}") from None

    def apply_replan(
        self,
        pathway_id: int,
        proposal: Proposal,
        expected_version: int,
        reason: str,
        *,
        suggestion: int | None = None,
    ) -> StoredPathway:
        """Save *proposal*'s revised pathway (or its *suggestion*'s, by index) as a new version.

        One audited transaction through :meth:`PathwayService.save`, which
        decides the permissions from what changes (moving planned events and
        adding events: a coordinator). The audit entry's reason is *reason*
        followed by what the proposal changed. Refused with
        :class:`ConflictError` when someone saved the pathway after
        *expected_version*, and with :class:`ValidationError` when the
        proposal was made from another version of it, or without a reason.
        """
        self._require(Permission.PLAN, action=Phrase("apply a replanning proposal", "action.apply_replan"))
        why = (reason or "").strip()
        if not why:
            raise ValidationError("applying a replanning proposal needs a reason (it goes into the audit trail)",
                                  key="replan.needs_reason")
        if proposal.refusal is not None and suggestion is None:
            raise ValidationError(f"the proposal cannot be applied: {proposal.refusal.message('en')}",
                                  key="replan.refused", message_sv=proposal.refusal.message("sv"))
        if proposal.pathway_id is not None and proposal.pathway_id != load_key(pathway_id):
            raise ValidationError(f"this proposal is for pathway {proposal.pathway_id}, not {pathway_id}")
        revised = proposal.pathway
        what = proposal.description("en")
        if suggestion is not None:
            if not 0 <= suggestion < len(proposal.suggestions) or proposal.suggestions[suggestion].pathway is None:
                raise ValidationError(f"the proposal has no suggestion {suggestion + 1} with a pathway to apply")
            revised = proposal.suggestions[suggestion].pathway  # type: ignore[assignment]
            what += "; " + proposal.suggestions[suggestion].message("en")
        pathways = self.services.pathways
        with self.store.write():
            current = pathways.get(pathway_id)
            before_key = self._current_key()
            if current.version == expected_version and (
                _document(current.pathway) != _document(proposal.original)
            ):
                raise ValidationError(
                    f"this proposal was made from another version of pathway {pathway_id} than version "
                    f"{expected_version}; propose it again; nothing was changed")
            work = replace(current, pathway=copy.deepcopy(revised), version=expected_version)
            saved = pathways.save(work, f"{why} (replanned: {what})")
            after_key = self._key()
        self._counted(saved, before_key, after_key)
        return saved

    def _counted(self, saved: StoredPathway, before: tuple[int, int], after: tuple[int, int]) -> None:
        """Count a pathway this service just saved into a cache that was current before the save."""
        cached = self._sites.get(saved.site)
        if cached is None:
            return
        if cached.key != before or after[0] != before[0]:
            return  # stale anyway: the next load() reconciles it
        cached.load.add(load_key(saved.id), saved.pathway)  # type: ignore[arg-type]
        cached.versions[saved.id] = saved.version  # type: ignore[index]
        cached.key = after


def _document(pathway: Pathway) -> Mapping[str, Any]:
    return pathway.to_document()


def change(event: str, shift_days: int, reason: str | None = None) -> Change:
    """A :class:`Change`, with the domain's refusal as a :class:`ValidationError`."""
    try:
        return Change(event, shift_days, reason)
    except ReplanError as exc:
        raise ValidationError(str(exc)) from None


__all__ = [
    "ACTIVE_STAGES",
    "CapacityService",
    "EarliestResult",
    "NEW_PATHWAY",
    "change",
    "load_key",
]
