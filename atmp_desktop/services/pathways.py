"""Pathways: plan, save, record what happened, check, export and import, sign off checklists.

Permissions are decided from *what a save changes*, in one place
(:func:`required_permissions`): moving a planned event or cancelling needs a
coordinator; a thaw's actual time, a pharmacist; an infusion's, a nurse. So a
UI cannot get around them by calling :meth:`PathwayService.save` with a
hand-edited pathway.

Findings of a stored pathway always come from the product profile version it
was planned with and its site's calendar; every save refreshes the cached
counts of open errors and warnings used by list views.
"""

from __future__ import annotations

import math
import os
import pickle
import sys
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.pathway import STAGES, DocumentError, Event, Pathway, parse_document
from atmp_desktop.domain.timeutil import When
from atmp_desktop.services.auth import ACTUAL_PERMISSION, Permission, Session, verify_password
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import AuthenticationError, NotFound, PermissionDenied, ValidationError
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage.codec import paused_gc
from atmp_desktop.storage import records
from atmp_desktop.storage.records import EventRow

if TYPE_CHECKING:
    from atmp_desktop.services.core import Services
    from atmp_desktop.domain.planner import Plan, PlanRequest
    from atmp_desktop.storage.records import PathwayRow, Patient, SignOff, StoredPathway

# The rules (domain.checks), the planner and the identifier checks are imported where they are
# used: the start-up lists today's events without them.

P = Permission
ANY_CLINICAL = (P.PLAN, P.RECORD_WARD, P.RECORD_CELL_LAB, P.RECORD_LOGISTICS)

#: Checklist kinds (issue 5) and who signs each off.
CHECKLIST_KINDS = (
    "pre-apheresis", "product-receipt", "pre-lymphodepletion", "pre-infusion", "monitoring", "discharge",
)
SIGN_OFF_PERMISSION: Mapping[str, Permission] = {
    kind: (P.RECORD_CELL_LAB if kind == "product-receipt" else P.RECORD_WARD) for kind in CHECKLIST_KINDS
}
#: Checklists that a second person confirms with their own password.
TWO_PERSON_CHECKLISTS = frozenset({"product-receipt", "pre-infusion"})

_ACTIVE_ORDER = {s: i for i, s in enumerate(STAGES) if s != "cancelled"}


def derive_stage(pathway: Pathway) -> str:
    """The stage the recorded actual times show (the furthest step that has happened)."""
    return _derived(pathway.stage, pathway.events)


def _derived(stage: str | None, events: Sequence[Event]) -> str:
    if stage == "cancelled":
        return "cancelled"
    done: set[str] = set()
    for e in events:
        if e.actual_start is not None:
            done.add(e.kind)
            if e.kind == "monitoring" and e.actual_end is not None:
                done.add("monitoring_ended")
    if "monitoring_ended" in done:
        return "completed"
    if "infusion" in done:
        return "infused"
    if "lymphodepletion" in done or "conditioning" in done:
        return "lymphodepletion"  # a conditioned product's stage of the same name reads "conditioning"
    if "storage" in done or "product_receipt" in done:
        return "product_in_storage"
    if "apheresis" in done:
        return "in_manufacturing"
    return "awaiting_apheresis"


def _advanced(stage: str | None, events: Sequence[Event]) -> str:
    current = stage or "awaiting_apheresis"
    if current == "cancelled":
        return current
    derived = _derived(current, events)
    return derived if _ACTIVE_ORDER[derived] > _ACTIVE_ORDER.get(current, 0) else current


def advanced_stage(pathway: Pathway) -> str:
    """The pathway's stage moved forward (never back) to what its actual times show."""
    return _advanced(pathway.stage, pathway.events)


def _same_when(a: When | None, b: When | None) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, datetime) != isinstance(b, datetime):
        return False
    return a == b


def required_permissions(old: StoredPathway | None, new: StoredPathway) -> list[tuple[tuple[Permission, ...], str]]:
    """What saving *new* over *old* changes, each with the permissions (any one) that may change it.

    ``new.pathway`` must be relabelled (so that labels match its order).
    """
    out: list[tuple[tuple[Permission, ...], str]] = []
    pn = new.pathway
    po = old.pathway if old is not None else None
    if po is None:
        out.append(((P.PLAN,), Phrase("create a pathway", "action.create_pathway")))
    else:
        for f in ("product", "indication", "region", "timezone", "ld_regimen"):
            if getattr(po, f) != getattr(pn, f):
                out.append(((P.PLAN,), Phrase(f"change the pathway's {f.replace('_', ' ')}",
                                              "action.change_pathway_field", field=f)))
        if old.site != new.site or old.patient_id != new.patient_id:  # type: ignore[union-attr]
            out.append(((P.PLAN,), Phrase("move the pathway to another site or patient", "action.move_pathway")))
        if old.cancel_reason != new.cancel_reason:  # type: ignore[union-attr]
            out.append(((P.PLAN,), Phrase("cancel a pathway", "action.cancel_pathway")))
        if po.stage != pn.stage and not (pn.stage == _advanced(po.stage, pn.events) and pn.stage != "cancelled"):
            out.append(((P.PLAN,), Phrase(f"change the stage to {pn.stage}", "action.change_stage", stage=pn.stage)))
        if po.extra.get("note") != pn.extra.get("note"):
            out.append((ANY_CLINICAL, Phrase("change the pathway's note", "action.change_pathway_note")))
        if po.product_expiry != pn.product_expiry:
            if pn.product_expiry is None:
                # a remanufacture: the first product's expiry no longer applies, the new one is not known yet
                out.append(((P.PLAN, P.RECORD_CELL_LAB), Phrase("clear the product's expiry date for a new product",
                                                                 "action.clear_expiry")))
            else:
                out.append(((P.RECORD_CELL_LAB,), Phrase("record the product's expiry date", "action.record_expiry")))
        if po.coi_id != pn.coi_id:
            out.append(((P.PLAN, P.RECORD_CELL_LAB), Phrase("record the chain-of-identity number", "action.record_coi")))
        if po.tocilizumab_doses != pn.tocilizumab_doses:
            out.append(((P.PLAN, P.RECORD_WARD, P.RECORD_CELL_LAB),
                        Phrase("record the tocilizumab doses on hand", "action.record_tocilizumab")))
    for a, b in pair_events(po.events if po is not None else [], pn.events):
        label = (b or a).label  # type: ignore[union-attr]
        if a is None or b is None:
            if po is not None:
                out.append(((P.PLAN,), Phrase(f"{'add' if a is None else 'remove'} the {label} event",
                                              "action.add_event" if a is None else "action.remove_event",
                                              event_name=label)))
            gone_or_new = b if b is not None else a
            if gone_or_new is not None and gone_or_new.happened:
                # recording, or erasing, what happened is the recorder's, not the planner's
                out.append(((ACTUAL_PERMISSION[gone_or_new.kind],),
                            Phrase(f"record the actual time of the {label}", "action.record_actual", event=label)))
            continue
        if not (_same_when(a.start, b.start) and _same_when(a.end, b.end)):
            out.append(((P.PLAN,), Phrase(f"move the planned {label}", "action.move_planned", event=label)))
        if not _same_actuals(a, b):
            out.append(((ACTUAL_PERMISSION[b.kind],),
                        Phrase(f"record the actual time of the {label}", "action.record_actual", event=label)))
        if (not _same_when(a.shipper_hold_until, b.shipper_hold_until) or a.max_temperature_c != b.max_temperature_c
                or a.temperatures != b.temperatures):
            out.append(((P.RECORD_CELL_LAB,), Phrase(f"record the {label}'s shipper hold or storage temperatures",
                                                     "action.record_hold", event=label)))
        if a.note != b.note:
            out.append((ANY_CLINICAL, Phrase(f"change the note of the {label}", "action.change_event_note", event=label)))
    return out


def _same_actuals(a: Event, b: Event) -> bool:
    return _same_when(a.actual_start, b.actual_start) and _same_when(a.actual_end, b.actual_end)


def _same_event(a: Event, b: Event) -> bool:
    return (_same_when(a.start, b.start) and _same_when(a.end, b.end) and _same_actuals(a, b)
            and _same_when(a.shipper_hold_until, b.shipper_hold_until)
            and a.max_temperature_c == b.max_temperature_c and a.temperatures == b.temperatures and a.note == b.note)


def pair_events(before: Sequence[Event], after: Sequence[Event]) -> list[tuple[Event | None, Event | None]]:
    """Each event of *before* with the event of *after* it became (None: removed or added).

    Labels are not identities: adding a second lymphodepletion course turns
    ``lymphodepletion`` into ``lymphodepletion#1``. So events of one kind are
    paired first where nothing changed, then the rest in their order.
    """
    pairs: list[tuple[Event | None, Event | None]] = []
    kinds = list(dict.fromkeys([e.kind for e in before] + [e.kind for e in after]))
    for kind in kinds:
        olds = [e for e in before if e.kind == kind]
        news = [e for e in after if e.kind == kind]
        unmatched_new = list(news)
        rest_old = []
        for a in olds:
            same = next((b for b in unmatched_new if _same_event(a, b)), None)
            if same is not None:
                unmatched_new.remove(same)
                pairs.append((a, same))
            else:
                rest_old.append(a)
        for i in range(max(len(rest_old), len(unmatched_new))):
            pairs.append((rest_old[i] if i < len(rest_old) else None,
                          unmatched_new[i] if i < len(unmatched_new) else None))
    return pairs


def _stamp_recorders(old: StoredPathway | None, new: StoredPathway, username: str) -> None:
    """Name *username* as the recorder of every event whose actual times this save changes."""
    for a, b in pair_events(old.pathway.events if old is not None else [], new.pathway.events):
        if b is None:
            continue
        if b.happened and (a is None or not _same_actuals(a, b)):
            b.extra["recorded_by"] = username
        elif not b.happened:
            b.extra.pop("recorded_by", None)


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    errors = warnings = 0
    for f in findings:
        if f.severity is Severity.ERROR:
            errors += 1
        elif f.severity is Severity.WARNING:
            warnings += 1
    return errors, warnings


class PathwayService(Service):
    """Everything about pathways; see the module docstring."""

    # -- reading -----------------------------------------------------------------------

    # Site scoping (issue 12): a user restricted to some sites (``Session.sites``) sees and changes
    # only those sites' pathways; every read below filters by it and every change refuses outside it.

    def _scope(self, site: str | None = None) -> frozenset[str] | None:
        """The signed-in user's sites (None: every site); refuses a *site* outside them."""
        session = self.services.session
        if session is None or session.sites is None or session.system:
            return None
        if site is not None:
            session.require_site(site)
        return session.sites

    def rows(self, site: str | None = None, stages: Sequence[str] | None = None,
             patient_id: int | None = None) -> list[PathwayRow]:
        """Light rows for list views (no events): fast on ten thousand pathways."""
        scope = self._scope(site)
        rows = self.repos.pathways.rows(site, stages, patient_id)
        return rows if scope is None else [r for r in rows if r.site in scope]

    # The Patients list on a big store (issue 11): the keys of every row to filter and sort by, and the
    # rows themselves a page at a time (services/pathway_list.py puts the two together).

    def list_page(self, *, site: str | None = None, stage: str | None = None, product: str | None = None,
                  findings: str | None = None, patient_id: int | None = None, descending: bool = False,
                  limit: int = 100, offset: int = 0) -> tuple[int, list[PathwayRow]]:
        """How many pathways match, and a page of their rows ordered by patient name (see the repository).

        *stage* as in the Patients list: a stage, ``active`` (neither completed
        nor cancelled) or None (any).
        """
        from atmp_desktop.services.pathway_list import ACTIVE, CLOSED_STAGES

        scope = self._scope(site)
        stages = None if stage in (None, ACTIVE) else [stage]
        closed = sorted(CLOSED_STAGES) if stage == ACTIVE else None
        return self.repos.pathways.list_page(site=site, sites=scope, stages=stages, exclude_stages=closed,
                                             product=product, findings=findings, patient_id=patient_id,
                                             descending=descending, limit=limit, offset=offset)

    def list_keys(self, site: str | None = None) -> list[tuple]:
        """Filter and sort keys of every pathway the user may see (``PathwayRepository.LIST_KEYS``), by id."""
        return self.repos.pathways.list_keys(site, self._scope(site))

    def list_keys_in_background(self, convert: Callable[[list[tuple]], Any] | None = None,
                                site: str | None = None) -> Any:
        """:meth:`list_keys` read (and *convert* applied) on a worker thread: a ``BackgroundRead``
        whose ``result(store)`` is the converted keys, or None (then read them yourself)."""
        return self.repos.pathways.list_keys_in_background(convert, site, self._scope(site))

    def rows_by_ids(self, ids: Sequence[int]) -> dict[int, PathwayRow]:
        """The light rows of *ids* that exist and the user may see, by id."""
        scope = self._scope()
        found = self.repos.pathways.rows_by_ids(ids)
        return found if scope is None else {i: r for i, r in found.items() if r.site in scope}

    def infusion_days(self, site: str | None = None) -> dict[int, date]:
        """The first infusion day of every pathway that has one, by id."""
        return self.repos.pathways.infusion_days(site, self._scope(site))

    def get(self, pathway_id: int) -> StoredPathway:
        sp = self.repos.pathways.get(int(pathway_id))
        self._scope(sp.site)
        return sp

    def load_all(self, site: str | None = None, stages: Sequence[str] | None = None,
                 patient_id: int | None = None) -> list[StoredPathway]:
        scope = self._scope(site)
        sps = self.repos.pathways.load_all(site, stages, patient_id)
        return sps if scope is None else [sp for sp in sps if sp.site in scope]

    def versions(self, site: str, stages: Sequence[str]) -> dict[int, int]:
        """The version of each of *site*'s pathways in *stages*, by id; a *site* outside the user's is refused."""
        self._scope(site)
        return self.repos.pathways.versions(site, stages)

    def event_days(self, site: str, stages: Sequence[str], kinds: Sequence[str]
                   ) -> list[tuple[int, int, str, str, dict[str, list[tuple[int, int]]]]]:
        """*site*'s pathways in *stages*, light: id, version, product, region and the days of their *kinds* events.

        See :meth:`~atmp_desktop.storage.pathways.PathwayRepository.event_days`;
        a *site* outside the signed-in user's sites is refused.
        """
        self._scope(site)
        return self.repos.pathways.event_days(site, stages, kinds)

    def load_many(self, ids: Iterable[int]) -> list[StoredPathway]:
        scope = self._scope()
        sps = self.repos.pathways.load_many(ids)
        return sps if scope is None else [sp for sp in sps if sp.site in scope]

    def with_patient(self, pathway_id: int) -> tuple[StoredPathway, Patient]:
        sp = self.get(pathway_id)
        return sp, self.services.patients.get(sp.patient_id)

    def events_between(self, first: date, last: date, site: str | None = None,
                       stages: Sequence[str] | None = None, kinds: Sequence[str] | None = None) -> list[EventRow]:
        """Events touching the days *first*…*last* (Today and Calendar views); *kinds* keeps only those kinds."""
        scope = self._scope(site)
        rows = self.repos.pathways.events_between(first, last, site, stages, kinds)
        return rows if scope is None else [r for r in rows if r.site in scope]

    def event_spans(self, first: date, last: date, site: str | None = None, stages: Sequence[str] | None = None):
        """The events touching *first*…*last* counted per (first day, last day, kind); see the repository."""
        return self.repos.pathways.event_spans(first, last, site, stages, sites=self._scope(site))

    def day_events(self, day: date, site: str | None = None, stages: Sequence[str] | None = None,
                   **how: Any) -> list[EventRow]:
        """A page of the events listed on *day*, in the Calendar's order for a day (see the repository)."""
        return self.repos.pathways.day_events(day, site, stages, sites=self._scope(site), **how)

    def sign_offs(self, pathway_id: int) -> list[SignOff]:
        return self.repos.sign_offs.for_pathway(int(pathway_id))

    # -- checking --------------------------------------------------------------------

    def profile_for(self, sp: StoredPathway):
        """The product profile the pathway was planned with (its ``profile_version``)."""
        return self.services.products.profile(sp.pathway.product, sp.pathway.region, sp.profile_version)

    def findings(self, sp: StoredPathway) -> list[Finding]:
        """Findings of *sp* as it is now (saved or not: use it for what-if)."""
        from atmp_desktop.domain.checks import check_pathway

        return check_pathway(sp.pathway, profile=self.profile_for(sp), calendar=self.services.sites.calendar(sp.site))

    def check(self, pathway_id: int) -> list[Finding]:
        """Findings of the saved pathway: the kept ones while nothing they depend on changed."""
        sp = self.get(pathway_id)
        stamp = self._stamp_of(sp)
        found = self.repos.findings.get(sp.id, stamp)  # type: ignore[arg-type]
        if found is None:
            found = self.findings(sp)
            self.repos.findings.remember([(sp.id, stamp, found)])  # type: ignore[list-item]
        return found

    def saved_findings(self, sps: Sequence[StoredPathway]) -> dict[int, list[Finding]]:
        """Findings of pathways as loaded from the store: kept ones where current, the others checked and kept."""
        kept = self.repos.findings.kept([sp.id for sp in sps])  # type: ignore[misc]
        out: dict[int, list[Finding]] = {}
        fresh = []
        for sp in sps:
            stamp = self._stamp_of(sp)
            hit = kept.get(sp.id)  # type: ignore[arg-type]
            found = self.repos.findings.decode_or_none(hit[1]) if hit is not None and hit[0] == stamp else None
            if found is None:
                found = self.findings(sp)
                fresh.append((sp.id, stamp, found))
            out[sp.id] = found  # type: ignore[index]
        self.repos.findings.remember(fresh)  # type: ignore[arg-type]
        return out

    @property
    def stamps(self):
        """What kept findings depend on (see ``services/finding_stamps.py``)."""
        stamps = self.__dict__.get("_stamps")
        if stamps is None:
            from atmp_desktop.services.finding_stamps import Stamps

            stamps = self.__dict__["_stamps"] = Stamps(self.services)
        return stamps

    def _stamp_of(self, sp: StoredPathway) -> str:
        p = sp.pathway
        return self.stamps.pathway(sp.version, p.product, p.region, sp.profile_version, sp.site)

    def check_all(self, site: str | None = None, include_cancelled: bool = False
                  ) -> list[tuple[StoredPathway, list[Finding]]]:
        """Every pathway with its findings, recomputed (cancelled ones left out unless asked)."""
        with paused_gc():  # see codec.paused_gc: a third of the time otherwise
            return self._check_all(site, include_cancelled)

    def _check_all(self, site: str | None, include_cancelled: bool,
                   ids_between: tuple[int, int] | None = None) -> list[tuple[StoredPathway, list[Finding]]]:
        from atmp_desktop.domain.checks import check_pathway

        out = []
        products = self.services.products
        sites = self.services.sites
        profiles: dict[tuple[str, str, int], Any] = {}
        calendars: dict[str, Any] = {}
        for sp in self.repos.pathways.load_all(site, ids_between=ids_between):
            p = sp.pathway
            if p.stage == "cancelled" and not include_cancelled:
                continue
            key = (p.product, p.region, sp.profile_version)
            profile = profiles.get(key)
            if profile is None:
                profile = profiles[key] = products.profile(*key)
            calendar = calendars.get(sp.site)
            if calendar is None:
                calendar = calendars[sp.site] = sites.calendar(sp.site)
            out.append((sp, check_pathway(p, profile=profile, calendar=calendar)))
        return out

    def findings_by_id(self, site: str | None = None, include_cancelled: bool = False,
                       processes: int = 1) -> list[tuple[int, list[Finding]]]:
        """``(pathway id, findings)`` for every pathway, as :meth:`check_all`, by id.

        Findings kept from an earlier check count while their stamp is current
        (nothing they depend on changed); only the others are checked, on
        several cores when there are thousands (see :meth:`_checked_by_id`),
        and kept for next time when the store can be written.
        """
        scope = self._scope(site)
        heads = self.repos.findings.heads(site)
        if scope is not None:
            heads = [h for h in heads if h[5] in scope]
        stamps = self.stamps
        decode = self.repos.findings.decode_or_none
        out: list[tuple[int, list[Finding] | None]] = []
        missing: dict[int, str] = {}
        with paused_gc():
            for pid, version, product, region, profile_version, psite, stage, kept_stamp, kept in heads:
                if stage == "cancelled" and not include_cancelled:
                    continue
                stamp = stamps.pathway(version, product, region, profile_version, psite)
                found = decode(kept) if kept_stamp == stamp else None
                if found is None:
                    missing[pid] = stamp
                out.append((pid, found))
            if not missing:
                return out  # type: ignore[return-value]
            if len(missing) >= PARALLEL_MIN and processes > 1:
                checked = dict(self._checked_by_id(site, include_cancelled, processes))
            else:
                checked = {sp.id: f for sp, f in self._checked(self.load_many(missing))}
        # A pathway saved since the heads were read is left to the next run (its stamp moved on).
        self.repos.findings.remember([(pid, stamp, checked[pid]) for pid, stamp in missing.items()
                                      if pid in checked])  # type: ignore[misc]
        return [(pid, found if found is not None else checked.get(pid, [])) for pid, found in out]

    def _checked(self, sps: Iterable[StoredPathway]) -> list[tuple[StoredPathway, list[Finding]]]:
        from atmp_desktop.domain.checks import check_pathway

        products, sites = self.services.products, self.services.sites
        return [(sp, check_pathway(sp.pathway, profile=products.profile(sp.product, sp.pathway.region,
                                                                         sp.profile_version),
                                   calendar=sites.calendar(sp.site))) for sp in sps]

    def _checked_by_id(self, site: str | None = None, include_cancelled: bool = False,
                       processes: int = 1) -> list[tuple[int, list[Finding]]]:
        """Every pathway checked afresh, optionally on several cores.

        With ``processes`` > 1 (Linux only, and only for thousands of
        pathways) the id range is split and the other parts are checked by
        forked child processes, each with its own connection; a part whose
        child fails is checked here instead, so the answer never depends on
        the children. Meant for the command line: never fork a process that
        runs a GUI.
        """
        ids = self.repos.pathways.ids(site) if processes > 1 and can_fork() else []
        if len(ids) < PARALLEL_MIN:
            with paused_gc():
                return [(sp.id, f) for sp, f in self._check_all(site, include_cancelled)]  # type: ignore[misc]
        size = -(-len(ids) // processes)
        ranges = [(ids[i], ids[min(i + size, len(ids)) - 1]) for i in range(0, len(ids), size)]
        children = [(r, _fork_part(self.services, site, include_cancelled, r)) for r in ranges[1:]]
        with paused_gc():
            out = [(sp.id, f) for sp, f in self._check_all(site, include_cancelled, ranges[0])]
            for part, child in children:
                found = _collect_part(child)
                if found is None:
                    found = [(sp.id, f) for sp, f in self._check_all(site, include_cancelled, part)]
                out += found  # type: ignore[arg-type]
        return out  # type: ignore[return-value]

    def _counted(self, sp: StoredPathway) -> list[Finding]:
        """The findings of *sp*, with its open error and warning counts set from them."""
        found = self.findings(sp)
        sp.open_errors, sp.open_warnings = (0, 0) if sp.pathway.stage == "cancelled" else counts(found)
        return found

    def _keep(self, found: list[Finding], saved: StoredPathway) -> StoredPathway:
        """Keep *found* (worked out before the save) under the stamp of *saved*, in the save's transaction."""
        self.repos.findings.put_many([(saved.id, self._stamp_of(saved), found)])  # type: ignore[list-item]
        return saved

    def recount(self, site: str | None = None) -> int:
        """Recompute the cached finding counts (after a calendar change); returns how many changed."""
        with self.store.write():
            changed, kept = [], []
            for sp, found in self.check_all(site, include_cancelled=True):
                e, w = (0, 0) if sp.pathway.stage == "cancelled" else counts(found)
                if (e, w) != (sp.open_errors, sp.open_warnings):
                    changed.append((sp.id, e, w))
                kept.append((sp.id, self._stamp_of(sp), found))
            self.repos.pathways.set_counts_many(changed)  # type: ignore[arg-type]
            self.repos.findings.put_many(kept)  # type: ignore[arg-type]
        return len(changed)

    # -- planning ------------------------------------------------------------------------

    def propose(self, request: PlanRequest, site: str) -> Plan:
        """The planner's proposal for *site* with the current product profile (nothing is saved)."""
        from atmp_desktop.domain.planner import PlanningError

        s = self.services.sites.get(site)
        if request.timezone != s.timezone:
            request = replace(request, timezone=s.timezone)
        try:
            profile = self.services.products.profile(request.product, request.region)
            return self.services.sites.planner(site).plan(request, profile=profile)
        except PlanningError as exc:
            raise ValidationError(str(exc)) from None

    # -- saving ----------------------------------------------------------------------------

    def _validate(self, sp: StoredPathway) -> None:
        """Refuse a pathway that its own document format would refuse, or that names unknown things."""
        p = sp.pathway
        if p.stage is not None and p.stage not in STAGES:
            raise ValidationError(f"unknown stage {p.stage!r}; known: {', '.join(STAGES)}")
        self.services.sites.get(sp.site)
        try:
            parse_document(p.to_document(), self.services.products.catalogue())
        except DocumentError as exc:
            raise ValidationError(f"the pathway cannot be saved: {exc}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValidationError(f"the pathway cannot be saved: {exc}") from None
        self.profile_for(sp)

    def _authorise(self, session: Session, old: StoredPathway | None, new: StoredPathway) -> None:
        for perms, what in required_permissions(old, new):
            session.require(*perms, action=what)

    def create(self, patient_id: int, pathway: Pathway, site: str | None = None,
               reason: str | None = None) -> StoredPathway:
        """Store a new pathway for a patient (coordinators); returns it with its id."""
        session = self._require(P.PLAN, action=Phrase("create a pathway", "action.create_pathway"))
        patient = self.services.patients.get(patient_id)
        pathway.relabel()
        if pathway.stage is None:
            pathway.stage = advanced_stage(pathway)
        sp = records.StoredPathway(
            id=None, patient_id=patient.id, site=site or patient.treating_site,  # type: ignore[arg-type]
            pathway=pathway, profile_version=self.services.products.current_version(pathway.product),
        )
        session.require_site(sp.site)
        self._authorise(session, None, sp)
        _stamp_recorders(None, sp, session.username)
        self._validate(sp)
        found = self._counted(sp)
        with self.store.write():
            return self._keep(found, self.repos.pathways.insert(sp, session.username, reason))

    def save(self, sp: StoredPathway, reason: str | None = None) -> StoredPathway:
        """Save a changed pathway; :class:`ConflictError` if someone saved it after it was loaded.

        The caller's object is not changed, so after a conflict the edits are
        still there to apply again.
        """
        session = self._require(*ANY_CLINICAL, action=Phrase("change a pathway", "action.change_pathway"))
        if sp.id is None:
            raise ValidationError("this pathway is new: create it instead of saving it", key="pathway.is_new")
        work = replace(sp, pathway=_copy_pathway(sp.pathway))
        work.pathway.relabel()
        with self.store.write():
            self.repos.pathways.check_version(sp.id, sp.version)
            old = self.repos.pathways.get(sp.id)
            session.require_site(old.site, work.site)  # a referral: a coordinator of both sites
            self._authorise(session, old, work)
            _stamp_recorders(old, work, session.username)
            self._validate(work)
            found = self._counted(work)
            return self._keep(found, self.repos.pathways.update(work, session.username, reason))

    def cancel(self, pathway_id: int, expected_version: int, reason: str) -> StoredPathway:
        """Cancel a pathway with a reason (coordinators)."""
        self._require(P.PLAN, action=Phrase("cancel a pathway", "action.cancel_pathway"))
        if not reason or not reason.strip():
            raise ValidationError("cancelling a pathway needs a reason", key="pathway.cancel_needs_reason")
        sp = self.get(pathway_id)
        sp.version = expected_version
        sp.pathway.stage = "cancelled"
        sp.cancel_reason = reason.strip()
        return self.save(sp, reason.strip())

    def record_actual(
        self,
        pathway_id: int,
        expected_version: int,
        event: str,
        actual_start: When | None,
        actual_end: When | None = None,
        *,
        shipper_hold_until: datetime | None = None,
        max_temperature_c: float | None = None,
        temperatures: Sequence[tuple[datetime, float]] | None = None,
        note: str | None = None,
        product_expiry: date | None = None,
        coi_id: str | None = None,
        cd34_per_kg: float | None = None,
        reason: str | None = None,
    ) -> StoredPathway:
        """Record what happened for one event (its label: ``thaw``, ``infusion#2``, …).

        Who may record it depends on the event (pharmacist: receipt, storage,
        thaw; nurse: apheresis, lymphodepletion, infusion, monitoring). The
        stage moves forward to what the actual times show. *cd34_per_kg* is
        the CD34+ cells (× 10⁶ per kg) an apheresis collected, checked
        against the product's target dose (``CELL_DOSE_TARGET``).
        """
        sp = self.get(pathway_id)
        sp.version = expected_version
        target = _event(sp.pathway, event)
        target.actual_start = actual_start
        target.actual_end = actual_end
        if shipper_hold_until is not None:
            target.shipper_hold_until = shipper_hold_until
        if max_temperature_c is not None:
            target.max_temperature_c = max_temperature_c
        if temperatures is not None:
            target.temperatures = list(temperatures)
        if note is not None:
            target.note = note
        if product_expiry is not None:
            sp.pathway.product_expiry = product_expiry
        if coi_id is not None:
            sp.pathway.coi_id = coi_id
        if cd34_per_kg is not None:
            if target.kind != "apheresis":
                raise ValidationError(f"CD34+ cells are recorded for an apheresis, not for {target.label}",
                                      key="pathway.cd34_not_apheresis", event=target.label)
            if not math.isfinite(cd34_per_kg) or cd34_per_kg < 0:
                raise ValidationError(f"CD34+ cells per kg cannot be {cd34_per_kg:g}",
                                      key="pathway.cd34_invalid", value=f"{cd34_per_kg:g}")
            target.extra["cd34_per_kg"] = round(float(cd34_per_kg), 2)
        sp.pathway.stage = advanced_stage(sp.pathway)
        return self.save(sp, reason)

    # -- checklists (issue 5) -------------------------------------------------------------

    def sign_off_checklist(
        self,
        pathway_id: int,
        kind: str,
        user: str | Session | None = None,
        second_user: str | None = None,
        second_password: str | None = None,
        note: str | None = None,
    ) -> SignOff:
        """Mark a checklist completed by the signed-in user (and a second person where required).

        *user* (a name or a ``Session``) defaults to the signed-in user and
        must be that user: nobody signs for someone else. A two-person checklist (``product-receipt``,
        ``pre-infusion``) needs *second_user* with their own password, a
        different person allowed to sign the same checklist. Audited.
        """
        if kind not in CHECKLIST_KINDS:
            raise ValidationError(f"unknown checklist {kind!r}; known: {', '.join(CHECKLIST_KINDS)}",
                                  key="checklist.unknown", kind_raw=kind, known=", ".join(CHECKLIST_KINDS))
        perm = SIGN_OFF_PERMISSION[kind]
        session = self._require(perm, action=Phrase(f"sign off the {kind} checklist", "action.sign_off_checklist", kind=kind))
        if isinstance(user, Session):
            user = user.username
        if user is not None and user != session.username:
            raise PermissionDenied(f"{session.username} cannot sign for {user}: each person signs as themselves",
                                   key="permission.sign_for_other", username=session.username, user=user)
        sp = self.get(pathway_id)
        if sp.pathway.stage == "cancelled":
            raise ValidationError(f"pathway {pathway_id} is cancelled; its checklists cannot be signed off",
                                  key="checklist.cancelled", pathway_id=pathway_id)
        second = None
        if kind in TWO_PERSON_CHECKLISTS or second_user:
            if not second_user:
                raise ValidationError(f"the {kind} checklist needs a second person to confirm it",
                                      key="checklist.needs_second", kind=kind)
            if second_user == session.username:
                raise ValidationError("the second person must be someone else", key="checklist.second_is_self")
            second_record = self.repos.users.get(second_user)
            creds = self.repos.users.credentials(second_user) if second_record and second_record.active else None
            if not verify_password(second_password or "", creds) or second_record is None:
                raise AuthenticationError("the second person's user name or password is wrong; nothing was signed",
                                          key="auth.second_person_wrong")
            Session(second_record.username, second_record.display_name, second_record.role).require(
                perm, action=Phrase(f"confirm the {kind} checklist", "action.confirm_checklist", kind=kind))
            second = second_record.username
        with self.store.write():
            return self.repos.sign_offs.add(sp.id, kind, session.username, second, note, sp.patient_id)  # type: ignore[arg-type]

    # -- documents ----------------------------------------------------------------------------

    def export_document(self, pathway_id: int) -> dict[str, Any]:
        """The pathway document with ``id``, ``site`` and the ``patient``."""
        sp, patient = self.with_patient(pathway_id)
        doc = sp.pathway.to_document()
        doc["patient"] = patient.to_document()
        return doc

    def import_document(self, doc: Any, site: str | None = None, reason: str | None = None) -> StoredPathway:
        """Store a pathway document (with its patient) as a new pathway, all or nothing.

        An invalid document is refused whole. The patient is matched by
        personnummer; a known number with another name or birth date is
        refused rather than guessed. The document's ``id`` is not reused.
        """
        session = self._require(P.PLAN, action=Phrase("import a pathway", "action.import_pathway"))
        try:
            pathway = parse_document(doc, self.services.products.catalogue())
        except DocumentError as exc:
            raise ValidationError(f"invalid pathway document: {exc}; nothing was imported") from None
        raw_patient = pathway.extra.pop("patient", None)
        source_id = pathway.extra.pop("id", None)
        doc_site = pathway.extra.pop("site", None)
        pathway.extra.pop("status", None)
        patients = self.services.patients
        if not isinstance(raw_patient, Mapping):
            raise ValidationError("invalid pathway document: 'patient' is missing; nothing was imported")
        unknown = set(raw_patient) - {"personnummer", "given_name", "family_name", "birth_date", "weight_kg",
                                      "height_cm", "sex", "referring_site"}
        if unknown:
            raise ValidationError(f"invalid pathway document: unknown patient field {sorted(unknown)[0]!r}")
        try:
            birth = None if raw_patient.get("birth_date") is None else timeutil.parse_date(
                raw_patient["birth_date"], "patient birth_date")
        except timeutil.TimeError as exc:
            raise ValidationError(f"invalid pathway document: {exc}") from None
        number = raw_patient.get("personnummer")
        existing = None
        if number:
            from atmp_desktop.domain.identifiers import IdentifierError, parse_patient_id

            try:
                existing = self.repos.patients.by_identifier(parse_patient_id(str(number)).value)
            except IdentifierError as exc:
                raise ValidationError(f"invalid pathway document: {exc}; nothing was imported") from None
        if site is None:
            if isinstance(doc_site, str) and self.services.sites.exists(doc_site):
                site = doc_site
            elif existing is not None:
                site = existing.treating_site
            else:
                raise ValidationError(
                    f"the document's site {doc_site!r} is not a site of this store; name one with --site")
        self.services.sites.get(site)
        new_patient = None
        if existing is not None:
            same = (existing.given_name.casefold() == str(raw_patient.get("given_name", "")).strip().casefold()
                    and existing.family_name.casefold() == str(raw_patient.get("family_name", "")).strip().casefold()
                    and (birth is None or birth == existing.birth_date))
            if not same:
                raise ValidationError(
                    f"{existing.display_identifier} is registered here as {existing.full_name} "
                    f"(born {existing.birth_date.isoformat()}), but the document names "
                    f"{raw_patient.get('given_name')} {raw_patient.get('family_name')}; nothing was imported")
        else:
            session.require(P.EDIT_PATIENTS, action=Phrase("register the document's patient",
                                                             "action.register_document_patient"))
            new_patient = patients.build(
                identifier=number or None, given_name=str(raw_patient.get("given_name") or ""),
                family_name=str(raw_patient.get("family_name") or ""), treating_site=site, birth_date=birth,
                sex=raw_patient.get("sex"), weight_kg=raw_patient.get("weight_kg"),
                height_cm=raw_patient.get("height_cm"), referring_site=raw_patient.get("referring_site"),
            )
        if pathway.stage is None:
            pathway.stage = advanced_stage(pathway)
        why = reason or ("imported" + (f" (id {source_id} in the document)" if source_id is not None else ""))
        with self.store.write():
            if new_patient is not None:
                patient = self.repos.patients.insert(new_patient, session.username, why)
            else:
                patient = existing  # type: ignore[assignment]
            sp = records.StoredPathway(
                id=None, patient_id=patient.id, site=site, pathway=pathway,  # type: ignore[arg-type]
                profile_version=self.services.products.current_version(pathway.product),
            )
            for e in pathway.events:
                if e.happened and "recorded_by" not in e.extra:
                    e.extra["recorded_by"] = f"{session.username} (imported)"
            self._validate(sp)
            found = self._counted(sp)
            return self._keep(found, self.repos.pathways.insert(sp, session.username, why))


PARALLEL_MIN = 2000  # fewer pathways than this are checked in one process


def can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) > 1


def fork_call(services: "Services", work: Callable[[Any], Any]) -> tuple[int, int] | None:
    """Start a child process that runs ``work(services)`` over its own read-only connection to the same store.

    The child's services are of the same class as *services* (so this module
    need not import the class that composes it).

    Returns ``(pid, read fd)`` for :func:`collect_call`, or None when no child
    could be started. Only from a process without threads (the command line).
    """
    path = services.store.target
    try:
        r, w = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(w)
        return pid, r
    code = 1
    try:  # the child: its own connection, never the parent's
        os.close(r)
        from atmp_desktop.storage.db import Store

        with Store.open(path, create=False, write=False) as store:
            result = work(type(services)(store))
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(w, "wb") as fh:
            fh.write(len(data).to_bytes(8, "big"))
            fh.write(data)
        code = 0
    finally:
        os._exit(code)


def collect_call(child: tuple[int, int] | None) -> Any | None:
    """What the child of :func:`fork_call` returned, or None when it failed (the caller then does it itself)."""
    if child is None:
        return None
    pid, r = child
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or len(data) < 8 or int.from_bytes(data[:8], "big") != len(data) - 8:
        return None
    return pickle.loads(data[8:])


def _fork_part(services: "Services", site: str | None, include_cancelled: bool, part: tuple[int, int]
               ) -> tuple[int, int] | None:
    """Start a child that checks the pathways with ids in *part*."""
    return fork_call(services, lambda svc: [
        (sp.id, f) for sp, f in svc.pathways._check_all(site, include_cancelled, part)])


_collect_part = collect_call


def _event(pathway: Pathway, label: str) -> Event:
    pathway.relabel()
    for e in pathway.events:
        if e.label == label:
            return e
    kinds = [e for e in pathway.events if e.kind == label]
    if len(kinds) == 1:
        return kinds[0]
    known = ", ".join(e.label for e in pathway.events)
    raise NotFound(f"the pathway has no event {label!r}; it has: {known}")


def _copy_pathway(p: Pathway) -> Pathway:
    """A copy whose events can be relabelled and stamped without touching the caller's."""
    events = [replace(e, extra=dict(e.extra), temperatures=list(e.temperatures), _day_cache=None) for e in p.events]
    return replace(p, events=events, extra=dict(p.extra))
