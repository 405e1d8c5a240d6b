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


def _rules(profile: ProductProfile, request: PlanRequest) -> _Rules:
    assumed: dict[str, object] = {}

    def value(rule: str, key: str | None = None) -> int:
        v, was_assumed = profile.planning_value(rule, key)
        if was_assumed:
            assumed[key or rule] = v
        return int(v)

    ind = profile.indication(request.indication)
    regimen = ind.regimen(request.ld_regimen)
    if regimen is not None:
        ld_days = regimen.days
    else:
        ld_days = int(profile.assumptions["lymphodepletion_days"])
        assumed["lymphodepletion_days"] = ld_days
    if ind.infusion_gap.known:
        g = ind.infusion_gap.value
        nominal, lo, hi = g["nominal"], g["min"], g["max"]
    else:
        nominal = lo = int(profile.assumptions["infusion_gap_days"])
        hi = None
        assumed["infusion_gap_days"] = nominal
    thaw = profile.rule("thaw_limit")
    return _Rules(
        ld_days=ld_days,
        gap_nominal=nominal,
        gap_min=lo,
        gap_max=hi,
        manufacturing_days=value("manufacturing_days"),
        infusion_minutes=value("infusion_minutes"),
        thaw_limit=thaw.value["minutes"] if thaw.known else None,
        monitoring_days=value("monitoring_daily_days"),
        stay_near_days=value("stay_near_centre_days"),
        no_driving_days=value("no_driving_days"),
        assumed=assumed,
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

    def _receipt_after(self, apheresis: date, rules: _Rules) -> date:
        arrival = apheresis + timedelta(days=rules.manufacturing_days + self.settings.shipment_days)
        return self.calendar.next_open(arrival, "cell_lab", limit=self.settings.search_days)

    def _infusion_ok(self, day: date) -> bool:
        return self.calendar.is_open(day, "ward") and self.calendar.is_open(day, "cell_lab")

    def _forward(
        self, apheresis: date, rules: _Rules, not_before: date | None = None
    ) -> tuple[date, date, date, date]:
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
        release = apheresis + timedelta(days=rules.manufacturing_days)
        received = at(receipt, s.receipt_time)
        events = [
            Event("apheresis", at(apheresis, s.apheresis_time)),
            Event("manufacturing", apheresis + timedelta(days=1), release),
            Event("product_shipment", release, receipt),
            Event("product_receipt", received),
            Event("storage", timeutil.add_minutes(received, s.storage_after_minutes, tz)),
            Event("lymphodepletion", ld_start, ld_start + timedelta(days=rules.ld_days - 1)),
        ]
        infusion_days = [infusion]
        split = profile.rule("split_dose")
        if split.known:
            infusion_days.append(self._second_dose_day(infusion, split.value))
        for day in infusion_days:
            events.extend(self._thaw_and_infusion(day, rules, tz))
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
