"""The planner: from a product and a fixed apheresis date (forward) or a target
infusion date (backward), a full pathway that honours the label and the site calendar.

What it guarantees, and the property tests hold it to:

* apheresis, product receipt, thaw and infusion fall on days their activity is
  open, except a requested date, which is kept and reported when it is closed;
* lymphodepletion starts the day after the product is received at the earliest;
* the infusion day lies in the label's window after the last LD day (the
  nominal gap where the window allows), and the infusion ends inside the
  thaw limit;
* the plan it returns has no ``error`` finding.

Values the label does not give are planned with the catalogue's centre
assumptions and every one is reported as a ``RULE_ASSUMED`` warning.

Products with protocol rules (:mod:`atmp_desktop.domain.protocol`) get their
own steps: infectious-disease marker tests before the first apheresis, a
mobilisation course around each cycle's collection days (cycles apart by the
label's interval), myeloablative conditioning in place of lymphodepletion,
and the drug courses after infusion on their label days.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.catalogue import Catalogue, CatalogueError, ProductProfile, shipped_catalogue
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.findings import Finding, sort_findings, warning
from atmp_desktop.domain.pathway import Event, Pathway


class PlanningError(ValueError):
    """A request the planner cannot turn into a plan (unknown product, both dates given…)."""


@dataclass(frozen=True)
class PlanSettings:
    """A site's planning habits: times of day and logistics (not label rules)."""

    apheresis_time: time = time(8, 0)
    receipt_time: time = time(10, 0)
    storage_after_minutes: int = 30
    thaw_time: time = time(9, 0)
    thaw_to_infusion_start_minutes: int = 15
    #: Marker samples are planned this many days before the first apheresis (or the
    #: label's window, when shorter).
    marker_test_days_before: int = 7
    #: Days from the manufacturer's release to arrival at the cell lab.
    shipment_days: int = 2
    search_days: int = 60


@dataclass(frozen=True)
class PlanRequest:
    product: str
    indication: str | None = None
    region: str = "EU"
    apheresis: date | None = None
    infusion: date | None = None
    ld_regimen: str | None = None
    timezone: str = timeutil.DEFAULT_TIMEZONE
    #: Forward planning only: the infusion may not be earlier than this day (a
    #: ward bed or thaw slot is free only from then; see domain.capacity).
    infusion_not_before: date | None = None
    #: Mobilisation and apheresis cycles to plan (products with a mobilisation rule).
    apheresis_cycles: int = 1
    #: Conditioning days from the centre's protocol, for a product whose label gives none.
    conditioning_days: int | None = None


@dataclass
class Plan:
    pathway: Pathway
    findings: list[Finding]
    profile: ProductProfile
    stay_near_centre_until: date | None = None
    no_driving_until: date | None = None
    assumed: dict[str, object] = field(default_factory=dict)

    @property
    def has_error(self) -> bool:
        return any(f.is_error for f in self.findings)

    def to_document(self, lang: str = "en") -> dict:
        doc = self.pathway.to_document()
        doc["findings"] = [f.to_json(lang) for f in self.findings]
        return doc


@dataclass
class _Rules:
    """The numbers a plan is built from, each either from the label or assumed."""

    ld_days: int
    gap_nominal: int
    gap_min: int
    gap_max: int | None
    manufacturing_days: int
    infusion_minutes: int
    thaw_limit: int | None
    monitoring_days: int
    stay_near_days: int
    no_driving_days: int
    assumed: dict[str, object]
    #: "lymphodepletion", or "conditioning" for a product with a conditioning rule.
    pre_kind: str = "lymphodepletion"
    #: Consecutive collection days per mobilisation cycle (1 without a mobilisation rule).
    collection_days: int = 1
    mobilisation_lead_days: int = 0
    cycles: int = 1
    cycle_interval: int | None = None


def _rules(profile: ProductProfile, request: PlanRequest) -> _Rules:
    assumed: dict[str, object] = {}

    def value(rule: str, key: str | None = None) -> int:
        v, was_assumed = profile.planning_value(rule, key)
        if was_assumed:
            assumed[key or rule] = v
        return int(v)

    ind = profile.indication(request.indication)
    conditioning = profile.rule("conditioning")
    regimen = None if conditioning.known else ind.regimen(request.ld_regimen)
    pre_kind = "lymphodepletion"
    if conditioning.known:
        pre_kind = "conditioning"
        spec = conditioning.value
        days = spec.get("days") or request.conditioning_days
        if not days:
            raise PlanningError(
                f"{profile.name} ({profile.region}): the label gives no number of {spec.get('drug') or 'conditioning'} "
                "days; give the conditioning days from the centre's protocol"
            )
        ld_days = int(days)
        lo, hi = spec.get("infusion_min_days"), spec.get("infusion_max_days")
        if lo is None:
            raise PlanningError(
                f"{profile.name} ({profile.region}): the earliest infusion day after conditioning is not known; "
                "it cannot be planned"
            )
        nominal = lo
    elif regimen is not None:
        ld_days = regimen.days
    else:
        ld_days = int(profile.assumptions["lymphodepletion_days"])
        assumed["lymphodepletion_days"] = ld_days
    if conditioning.known:
        pass
    elif ind.infusion_gap.known:
        g = ind.infusion_gap.value
        nominal, lo, hi = g["nominal"], g["min"], g["max"]
    else:
        nominal = lo = int(profile.assumptions["infusion_gap_days"])
        hi = None
        assumed["infusion_gap_days"] = nominal
    thaw = profile.rule("thaw_limit")
    infusion_minutes = value("infusion_minutes")
    if "infusion_minutes" in assumed and thaw.known and thaw.value["minutes"] < infusion_minutes:
        # an assumed infusion time never runs past a label's thaw limit (Casgevy: 20 min per vial)
        infusion_minutes = assumed["infusion_minutes"] = int(thaw.value["minutes"])
    mob = profile.rule("mobilisation")
    collection_days, lead, interval = 1, 0, None
    cycles = max(1, int(request.apheresis_cycles or 1))
    if mob.known:
        collection_days = int(mob.value.get("collection_days_per_cycle") or 1)
        course_min = mob.value.get("course_min_days")
        lead = max(0, int(course_min) - collection_days) if course_min else 0
        interval = mob.value.get("min_days_between_cycles")
        if cycles > 1 and interval is None:
            raise PlanningError(
                f"{profile.name} ({profile.region}): the interval between mobilisation cycles is not known; "
                "plan one cycle at a time"
            )
    elif cycles > 1:
        raise PlanningError(f"{profile.name} has no mobilisation rule; it is planned with one apheresis")
    return _Rules(
        ld_days=ld_days,
        gap_nominal=nominal,
        gap_min=lo,
        gap_max=hi,
        manufacturing_days=value("manufacturing_days"),
        infusion_minutes=infusion_minutes,
        thaw_limit=thaw.value["minutes"] if thaw.known else None,
        monitoring_days=value("monitoring_daily_days"),
        stay_near_days=value("stay_near_centre_days"),
        no_driving_days=value("no_driving_days"),
        assumed=assumed,
        pre_kind=pre_kind,
        collection_days=collection_days,
        mobilisation_lead_days=lead,
        cycles=cycles,
        cycle_interval=interval,
    )


class Planner:
    """Builds pathways for one site (its calendar and planning settings)."""

    def __init__(
        self,
        calendar: SiteCalendar | None = None,
        settings: PlanSettings | None = None,
        catalogue: Catalogue | None = None,
    ):
        self.calendar = calendar or SiteCalendar()
        self.settings = settings or PlanSettings()
        self.catalogue = catalogue or shipped_catalogue()
        self._rules_cache: dict[tuple, tuple[ProductProfile, _Rules]] = {}

    # -- public ------------------------------------------------------------

    def plan(self, request: PlanRequest, profile: ProductProfile | None = None) -> Plan:
        if (request.apheresis is None) == (request.infusion is None):
            raise PlanningError("give either an apheresis date or a target infusion date")
        try:
            profile = profile or self.catalogue.profile(request.product, request.region)
            key = (id(profile), request.indication, request.ld_regimen)
            rules = self._rules_cache.get(key)
            if rules is None or rules[0] is not profile:
                rules = (profile, _rules(profile, request))
                self._rules_cache[key] = rules
            rules = rules[1]
        except CatalogueError as exc:
            raise PlanningError(str(exc)) from None
        tz = timeutil.zone(request.timezone)
        try:
            if request.apheresis is not None:
                apheresis, receipt, ld_start, infusion = self._forward(
                    request.apheresis, rules, request.infusion_not_before
                )
            else:
                apheresis, receipt, ld_start, infusion = self._backward(request.infusion, rules)  # type: ignore[arg-type]
            pathway = self._build(request, profile, rules, tz, apheresis, receipt, ld_start, infusion)
        except OverflowError:
            # A date near year 1 or 9999 runs off the calendar; that is bad input, not a crash.
            requested = request.apheresis or request.infusion
            raise PlanningError(f"{requested} is too far in the past or future to plan") from None
        findings = check_pathway(pathway, profile=profile, calendar=self.calendar)
        for what, value in rules.assumed.items():
            findings.append(
                warning("RULE_ASSUMED", "assumed", None, what=what, product=profile.name, value=value)
            )
        return Plan(
            pathway=pathway,
            findings=sort_findings(findings),
            profile=profile,
            stay_near_centre_until=infusion + timedelta(days=rules.stay_near_days),
            no_driving_until=infusion + timedelta(days=rules.no_driving_days),
            assumed=rules.assumed,
        )

    # -- hooks for capacity-aware planning and replanning (domain.capacity, domain.replan)

    def rules_for(
        self, request: PlanRequest, profile: ProductProfile | None = None
    ) -> tuple[ProductProfile, _Rules]:
        """The profile and the planning numbers a plan for *request* is built from."""
        try:
            profile = profile or self.catalogue.profile(request.product, request.region)
            return profile, _rules(profile, request)
        except CatalogueError as exc:
            raise PlanningError(str(exc)) from None

    def receipt_for_release(self, release: date) -> date:
        """The cell-lab open day a product released by the manufacturer on *release* arrives."""
        arrival = release + timedelta(days=self.settings.shipment_days)
        return self.calendar.next_open(arrival, "cell_lab", limit=self.settings.search_days)

    def infusion_ok(self, day: date) -> bool:
        """True when both the ward and the cell lab (thaw) are open on *day*."""
        return self._infusion_ok(day)

    def second_dose_day(self, first: date, spec: dict) -> date:
        """The second infusion day of a split dose whose first part is given on *first*."""
        return self._second_dose_day(first, spec)

    # -- the two directions ------------------------------------------------

    def collection_days(self, apheresis: date, rules: _Rules) -> list[list[date]]:
        """Each cycle's collection days, the first cycle starting on *apheresis*.

        A cycle's days are consecutive; a later cycle's mobilisation starts at
        least the label's interval after the previous cycle's last collection,
        and its collections on the first days that are all open for apheresis.
        """
        cycles = [[apheresis + timedelta(days=i) for i in range(rules.collection_days)]]
        for _ in range(rules.cycles - 1):
            # the interval runs from the last collection to the next course's first mobilisation day
            start = cycles[-1][-1] + timedelta(days=(rules.cycle_interval or 0) + rules.mobilisation_lead_days)
            for offset in range(self.settings.search_days):
                day = start + timedelta(days=offset)
                days = [day + timedelta(days=i) for i in range(rules.collection_days)]
                if all(self.calendar.is_open(d, "apheresis") for d in days):
                    break
            cycles.append(days)
        return cycles

    def _last_collection(self, apheresis: date, rules: _Rules) -> date:
        if rules.collection_days == 1 and rules.cycles == 1:
            return apheresis
        return self.collection_days(apheresis, rules)[-1][-1]

    def _receipt_after(self, apheresis: date, rules: _Rules) -> date:
        apheresis = self._last_collection(apheresis, rules)
        arrival = apheresis + timedelta(days=rules.manufacturing_days + self.settings.shipment_days)
        return self.calendar.next_open(arrival, "cell_lab", limit=self.settings.search_days)

    def _infusion_ok(self, day: date) -> bool:
        return self.calendar.is_open(day, "ward") and self.calendar.is_open(day, "cell_lab")

    def _forward(
        self, apheresis: date, rules: _Rules, not_before: date | None = None
    ) -> tuple[date, date, date, date]:
        if rules.collection_days > 1 and self.calendar.is_open(apheresis, "apheresis"):
            # every collection day of the first cycle open (a closed requested day is kept and reported)
            for offset in range(self.settings.search_days):
                day = apheresis + timedelta(days=offset)
                if all(self.calendar.is_open(day + timedelta(days=i), "apheresis")
                       for i in range(rules.collection_days)):
                    apheresis = day
                    break
        receipt = self._receipt_after(apheresis, rules)
        earliest_ld = receipt + timedelta(days=1)
        gaps = [rules.gap_nominal] + [
            g for g in range(rules.gap_min, (rules.gap_max or rules.gap_nominal) + 1) if g != rules.gap_nominal
        ]
        first = earliest_ld + timedelta(days=rules.ld_days - 1 + min(gaps))
        if not_before is not None and not_before > first:
            first = not_before
        for offset in range(self.settings.search_days):
            infusion = first + timedelta(days=offset)
            if not self._infusion_ok(infusion):
                continue
            for g in gaps:
                ld_start = infusion - timedelta(days=g + rules.ld_days - 1)
                if ld_start >= earliest_ld:
                    return apheresis, receipt, ld_start, infusion
        raise PlanningError("no infusion day found within the search window")

    def _backward(self, infusion: date, rules: _Rules) -> tuple[date, date, date, date]:
        ld_end = infusion - timedelta(days=rules.gap_nominal)
        ld_start = ld_end - timedelta(days=rules.ld_days - 1)
        latest_receipt = self.calendar.next_open(ld_start - timedelta(days=1), "cell_lab", step=-1)
        latest_apheresis = latest_receipt - timedelta(
            days=self.settings.shipment_days + rules.manufacturing_days
        )
        if rules.collection_days > 1 or rules.cycles > 1:
            span = self._last_collection(latest_apheresis, rules) - latest_apheresis
            latest_apheresis -= span
        apheresis = self.calendar.next_open(latest_apheresis, "apheresis", step=-1)
        receipt = self._receipt_after(apheresis, rules)
        return apheresis, receipt, ld_start, infusion

    # -- building the pathway ----------------------------------------------

    def _build(
        self,
        request: PlanRequest,
        profile: ProductProfile,
        rules: _Rules,
        tz,
        apheresis: date,
        receipt: date,
        ld_start: date,
        infusion: date,
    ) -> Pathway:
        s = self.settings
        at = lambda day, t: timeutil.at(day, t.hour, t.minute, tz)  # noqa: E731
        last_collection = self._last_collection(apheresis, rules)
        release = last_collection + timedelta(days=rules.manufacturing_days)
        received = at(receipt, s.receipt_time)
        events = self._collection_events(profile, rules, tz, apheresis)
        events += [
            Event("manufacturing", last_collection + timedelta(days=1), release),
            Event("product_shipment", release, receipt),
            Event("product_receipt", received),
            Event("storage", timeutil.add_minutes(received, s.storage_after_minutes, tz)),
            self._pre_infusion_course(profile, rules, ld_start),
        ]
        infusion_days = [infusion]
        split = profile.rule("split_dose")
        if split.known:
            infusion_days.append(self._second_dose_day(infusion, split.value))
        for day in infusion_days:
            events.extend(self._thaw_and_infusion(day, rules, tz))
        events.extend(self._post_infusion_events(profile, infusion))
        events.append(Event("monitoring", infusion, infusion + timedelta(days=rules.monitoring_days)))
        stay_near_until = infusion + timedelta(days=rules.stay_near_days)
        follow_up = self.calendar.next_open(stay_near_until, "ward", limit=s.search_days)
        events.append(Event("follow_up", follow_up, note="end of the stay-near-centre period"))
        doses = profile.rule("tocilizumab_doses")
        return Pathway(
            product=profile.product_id,
            region=profile.region,
            indication=request.indication and profile.indication(request.indication).id,
            timezone=request.timezone,
            tocilizumab_doses=doses.value if doses.known else None,
            ld_regimen=request.ld_regimen,
            events=events,
        )

    def _collection_events(self, profile: ProductProfile, rules: _Rules, tz, apheresis: date) -> list[Event]:
        """Marker tests, mobilisation courses and apheresis collections (one apheresis without those rules)."""
        s = self.settings
        at = lambda day: timeutil.at(day, s.apheresis_time.hour, s.apheresis_time.minute, tz)  # noqa: E731
        mob = profile.rule("mobilisation")
        if not mob.known:
            no_apheresis = profile.apheresis_material.confidence == "not_applicable"
            # (a product made from a resected tumour: the start event is kept, and says so)
            events = [Event("apheresis", at(apheresis), note="tissue procurement (no apheresis)" if no_apheresis else None)]
        else:
            agents = mob.value.get("agents")
            events = []
            for n, days in enumerate(self.collection_days(apheresis, rules), start=1):
                start = days[0] - timedelta(days=rules.mobilisation_lead_days)
                events.append(Event("mobilisation", start, days[-1], note=agents, extra={"cycle": n}))
                events.extend(Event("apheresis", at(d), extra={"cycle": n}) for d in days)
        markers = profile.rule("marker_tests")
        if markers.known:
            first = events[0].first_day(tz)
            lead = s.marker_test_days_before
            within = markers.value.get("within_days")
            if within is not None:
                lead = min(lead, within)
            day = apheresis - timedelta(days=lead)
            if day >= first:
                day = first - timedelta(days=1)
            if within is not None and (apheresis - day).days > within:
                day = first  # the window is shorter than the mobilisation: sample on its first day
            events.insert(0, Event("marker_test", day, extra={"markers": list(markers.value["markers"])}))
        return events

    def _pre_infusion_course(self, profile: ProductProfile, rules: _Rules, start: date) -> Event:
        """Lymphodepletion, or conditioning naming its drug (busulfan), from *start* for the rules' days."""
        event = Event(rules.pre_kind, start, start + timedelta(days=rules.ld_days - 1))
        if rules.pre_kind == "conditioning":
            drug = profile.rule("conditioning").value.get("drug")
            if drug:
                event.extra["drug"] = drug
        return event

    def _post_infusion_events(self, profile: ProductProfile, infusion: date) -> list[Event]:
        rule = profile.rule("post_infusion_drugs")
        if not rule.known:
            return []
        events = []
        for spec in rule.value:
            first = infusion + timedelta(days=int(spec["first_day"]))
            last = None if spec.get("last_day") is None else infusion + timedelta(days=int(spec["last_day"]))
            note = None if spec.get("max_doses") is None else f"up to {spec['max_doses']} doses"
            events.append(Event("post_infusion_drug", first, last, note=note, extra={"drug": spec["drug"]}))
        return events

    def _thaw_and_infusion(self, day: date, rules: _Rules, tz) -> list[Event]:
        s = self.settings
        thaw = timeutil.at(day, s.thaw_time.hour, s.thaw_time.minute, tz)
        prep = s.thaw_to_infusion_start_minutes
        if rules.thaw_limit is not None:
            prep = max(0, min(prep, rules.thaw_limit - rules.infusion_minutes))
        start = timeutil.add_minutes(thaw, prep, tz)
        end = timeutil.add_minutes(start, rules.infusion_minutes, tz)
        return [Event("thaw", thaw), Event("infusion", start, end)]

    def _second_dose_day(self, first: date, spec: dict) -> date:
        nominal, tol = spec["second_dose_offset_days"], spec["tolerance_days"]
        for delta in sorted(range(-tol, tol + 1), key=lambda d: (abs(d), -d)):
            day = first + timedelta(days=nominal + delta)
            if self._infusion_ok(day):
                return day
        return first + timedelta(days=nominal)


def plan(request: PlanRequest, calendar: SiteCalendar | None = None) -> Plan:
    """Plan with the shipped catalogue and the default Swedish site calendar."""
    return Planner(calendar).plan(request)
