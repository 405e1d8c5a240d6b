"""What a checklist is printed from, and the numbers it computes (plain Python, no reportlab).

:class:`ChecklistInput` holds everything one checklist needs: the pathway, its
product profile, its open findings and the patient. :func:`checklist_input`
builds one without the store (the store's services feed it the same way).

The computations live here, apart from the layout, so that tests can hold
them to account like the planner's arithmetic: body surface area and LD doses,
the "infuse by" time from the thaw limit (in real minutes), the premedication
window, the monitoring days and the discharge dates. A value the label does
not give comes back as ``None`` (or marked as a centre assumption) and is
printed as unknown, never invented.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cached_property
from typing import Any, Sequence

from atmp_desktop import __version__
from atmp_desktop.domain import timeutil
from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.catalogue import Catalogue, LDRegimen, ProductProfile
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.findings import Finding, sort_findings
from atmp_desktop.domain.identifiers import IdentifierError, PatientId, parse_patient_id
from atmp_desktop.domain.pathway import Event, Pathway

LANGS = ("en", "sv")

#: Checklist kinds in the order a pathway needs them.
KINDS = (
    "pre-apheresis",
    "product-receipt",
    "pre-lymphodepletion",
    "pre-infusion",
    "monitoring",
    "discharge",
)

#: The monitoring sheet runs at least to this day after infusion (day 0).
MIN_MONITORING_DAYS = 14


class ChecklistError(ValueError):
    """A checklist that cannot be printed for this pathway; the message says what is missing.

    ``key`` and ``params`` pick the message from the report strings, so that
    the same error can be shown in English or Swedish.
    """

    def __init__(self, key: str, **params: Any):
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        from atmp_desktop.reports.strings import t

        return t("error." + self.key, lang, **self.params)


@dataclass(frozen=True)
class PatientInfo:
    """Who the checklist is for. ``identifier`` is a 12-digit personnummer or a reserve number."""

    name: str
    identifier: str
    birth_date: date | None = None
    weight_kg: float | None = None
    height_cm: float | None = None

    @cached_property
    def _parsed(self) -> PatientId | None:
        try:
            return parse_patient_id(self.identifier)
        except IdentifierError:
            return None

    @property
    def id_kind(self) -> str | None:
        """``personnummer``, ``samordningsnummer`` or ``reserve``; None for any other identifier."""
        return self._parsed.kind if self._parsed else None

    @property
    def display_identifier(self) -> str:
        """``YYYYMMDD-NNNN`` for a Swedish number (how healthcare writes it); otherwise as given."""
        return self._parsed.display if self._parsed else self.identifier


@dataclass(frozen=True)
class ChecklistInput:
    """Everything one checklist is printed from."""

    pathway: Pathway
    profile: ProductProfile
    findings: tuple[Finding, ...]
    patient: PatientInfo
    site_name: str
    pathway_id: str
    coi_id: str | None
    app_version: str
    printed_at: datetime
    lang: str = "en"
    #: The number the patient calls after discharge; a blank line to fill in when None.
    site_phone: str | None = None

    def __post_init__(self) -> None:
        if self.printed_at.tzinfo is None or self.printed_at.utcoffset() is None:
            raise ValueError("printed_at must be a timezone-aware datetime")
        if self.lang not in LANGS:
            raise ValueError(f"unknown language {self.lang!r}; known: {', '.join(LANGS)}")
        if self.profile.product_id != self.pathway.product:
            raise ValueError(
                f"profile {self.profile.product_id!r} does not belong to a {self.pathway.product!r} pathway"
            )

    @property
    def tz(self):
        return self.pathway.tz

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def checklist_input(
    pathway: Pathway,
    patient: PatientInfo,
    *,
    site_name: str,
    pathway_id: str | int,
    profile: ProductProfile | None = None,
    findings: Sequence[Finding] | None = None,
    catalogue: Catalogue | None = None,
    calendar: SiteCalendar | None = None,
    printed_at: datetime | None = None,
    lang: str = "en",
    site_phone: str | None = None,
) -> ChecklistInput:
    """Build a :class:`ChecklistInput` from domain objects (no store needed).

    Without *findings* the pathway is checked here with *calendar* (the site's;
    the default Swedish calendar otherwise). *printed_at* defaults to now.
    """
    profile = profile or pathway.profile(catalogue)
    if findings is None:
        findings = check_pathway(pathway, profile=profile, calendar=calendar)
    return ChecklistInput(
        pathway=pathway,
        profile=profile,
        findings=tuple(sort_findings(findings)),
        patient=patient,
        site_name=site_name,
        pathway_id=str(pathway_id),
        coi_id=pathway.coi_id or None,
        app_version=__version__,
        printed_at=printed_at or datetime.now(timezone.utc).astimezone(pathway.tz),
        lang=lang,
        site_phone=site_phone,
    )


# -- requirements -------------------------------------------------------------------

_NEEDS = {
    "pre-apheresis": "apheresis",
    "product-receipt": "product_receipt",
    "pre-lymphodepletion": "lymphodepletion",
    "pre-infusion": "infusion",
    "monitoring": "infusion",
    "discharge": "infusion",
}


def require(kind: str, pathway: Pathway) -> None:
    """Raise :class:`ChecklistError` if *pathway* lacks what checklist *kind* needs."""
    if kind not in KINDS:
        raise ChecklistError("unknown_kind", kind=kind, known=", ".join(KINDS))
    needed = _NEEDS[kind]
    if pathway.first(needed) is None:
        raise ChecklistError("missing_event", kind=kind, event=needed)
    if kind == "pre-infusion":
        for inf, thaw in infusion_thaws(pathway):
            if thaw is None:
                raise ChecklistError("no_thaw", infusion=inf.label)
            if not isinstance(thaw.when, datetime):
                raise ChecklistError("thaw_no_time", day=thaw.when.isoformat())


# -- computations -------------------------------------------------------------------


def bsa_mosteller(height_cm: float | None, weight_kg: float | None) -> float | None:
    """Body surface area in m² by Mosteller: √(height_cm × weight_kg / 3600), to 2 decimals."""
    if not height_cm or not weight_kg or height_cm <= 0 or weight_kg <= 0:
        return None
    return round(math.sqrt(height_cm * weight_kg / 3600.0), 2)


@dataclass(frozen=True)
class Dose:
    drug: str
    dose_mg_m2: float
    #: mg for this patient (dose × BSA rounded to 0.1 mg), None without a BSA.
    dose_mg: float | None


@dataclass(frozen=True)
class LDDay:
    day: date
    #: The label's day number (infusion is day 0), None without an infusion.
    label_day: int | None
    #: 1-based day of the LD course.
    course_day: int
    doses: tuple[Dose, ...]


@dataclass(frozen=True)
class LDSchedule:
    regimen: LDRegimen | None
    other_regimens: tuple[LDRegimen, ...]
    bsa: float | None
    days: tuple[LDDay, ...]
    #: Drug doses per day, one entry per drug: (drug, mg/m², mg, course days).
    drugs: tuple[tuple[str, float, float | None, tuple[int, ...]], ...]
    #: Course days of the regimen that fall outside the planned LD event.
    unplanned_course_days: tuple[int, ...] = ()


class PerKg(float):
    """A dose in mg/kg where the schedule holds mg/m² (shown with its own unit)."""


def dose_mg(dose_mg_m2: float, bsa: float | None) -> float | None:
    return None if bsa is None else round(dose_mg_m2 * bsa, 1)


def ld_schedule(data: ChecklistInput) -> LDSchedule:
    """The planned LD days with their label day numbers and each drug's dose from the BSA."""
    pathway, profile = data.pathway, data.profile
    bsa = bsa_mosteller(data.patient.height_cm, data.patient.weight_kg)
    indication = profile.indication(pathway.indication)
    regimen = indication.regimen(pathway.ld_regimen)
    others = tuple(r for r in indication.regimens if regimen is None or r.id != regimen.id)
    ld = pathway.first("lymphodepletion")
    tz = pathway.tz
    planned: list[date] = []
    if ld is not None:
        first, last = ld.first_day(tz), ld.last_day(tz)
        planned = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    drugs = []
    if regimen is not None:
        for d in regimen.drugs:
            # a drug dosed per kg (lifileucel's cyclophosphamide) has no mg/m² dose: its mg is left to write in
            per_m2 = d.get("dose_mg_m2")
            drugs.append((d["drug"], per_m2 if per_m2 is not None else PerKg(d.get("dose_mg_kg")),
                          None if per_m2 is None else dose_mg(per_m2, bsa), tuple(d["ld_days"])))
    days = []
    for i, day in enumerate(planned, start=1):
        doses = tuple(Dose(name, mg_m2, mg) for name, mg_m2, mg, on in drugs if i in on)
        days.append(LDDay(day, pathway.day_number(day), i, doses))
    used = {i for *_, on in drugs for i in on}
    unplanned = tuple(sorted(i for i in used if i > len(planned)))
    return LDSchedule(regimen, others, bsa, tuple(days), tuple(drugs), unplanned)


def infusion_thaws(pathway: Pathway) -> list[tuple[Event, Event | None]]:
    """Each infusion with the thaw that feeds it: the last thaw at or before its start."""
    tz = pathway.tz
    thaws = pathway.of("thaw")
    out = []
    used: set[int] = set()
    for inf in pathway.of("infusion"):
        match = None
        for n, thaw in enumerate(thaws):
            if n in used:
                continue
            if _not_after(thaw.when, inf.when, tz):
                match = n
        if match is not None:
            used.add(match)
        out.append((inf, thaws[match] if match is not None else None))
    return out


def _not_after(a, b, tz) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a <= b
    return timeutil.local_day(a, tz) <= timeutil.local_day(b, tz)


@dataclass(frozen=True)
class InfuseBy:
    """The thaw limit applied to one thaw: from when it counts and until when."""

    #: The moment the limit counts from (thaw start, or removal from frozen storage), or None.
    origin: datetime | None
    #: ``thaw_start``, ``removal_from_storage`` or ``thaw_end`` (the label's wording), or None.
    counts_from: str | None
    limit_minutes: int | None
    infuse_by: datetime | None
    #: Whether *origin* is a recorded (actual) time rather than the plan.
    actual: bool = False


def infuse_by(data: ChecklistInput, thaw: Event) -> InfuseBy:
    """*thaw*'s origin + the product's thaw limit, in real minutes (a DST change counts right)."""
    rule = data.profile.rule("thaw_limit")
    if not rule.known:
        origin = thaw.when if isinstance(thaw.when, datetime) else None
        return InfuseBy(origin, None, None, None, thaw.happened)
    limit = int(rule.value["minutes"])
    counts_from = rule.value["counts_from"]
    origin: Any = thaw.when
    if counts_from == "thaw_end":
        origin = thaw.until
    if not isinstance(origin, datetime):
        return InfuseBy(None, counts_from, limit, None, thaw.happened)
    return InfuseBy(origin, counts_from, limit, timeutil.add_minutes(origin, limit, data.tz), thaw.happened)


def premedication_window(data: ChecklistInput, infusion: Event) -> tuple[datetime, datetime] | None:
    """From when until when to give premedication before *infusion* starts, if the label says."""
    rule = data.profile.rule("premedication")
    start = infusion.when
    if not rule.known or not isinstance(start, datetime):
        return None
    lo, hi = rule.value.get("minutes_before_min"), rule.value.get("minutes_before_max")
    if lo is None or hi is None:
        return None
    return (timeutil.add_minutes(start, -hi, data.tz), timeutil.add_minutes(start, -lo, data.tz))


@dataclass(frozen=True)
class Period:
    """A period after infusion: its length in days and where the number came from."""

    days: int | None
    #: ``label`` (the profile's rule), ``assumption`` (the centre's) or None (unknown).
    source: str | None
    until: date | None


def _period(data: ChecklistInput, rule_name: str) -> Period:
    day0 = data.pathway.infusion_day()
    rule = data.profile.rule(rule_name)
    if rule.known:
        days, source = int(rule.value), "label"
    elif rule_name in data.profile.assumptions:
        days, source = int(data.profile.assumptions[rule_name]), "assumption"
    else:
        return Period(None, None, None)
    return Period(days, source, None if day0 is None else day0 + timedelta(days=days))


def stay_near_centre(data: ChecklistInput) -> Period:
    return _period(data, "stay_near_centre_days")


def no_driving(data: ChecklistInput) -> Period:
    return _period(data, "no_driving_days")


def daily_monitoring(data: ChecklistInput) -> Period:
    """The label's daily-monitoring period (no centre assumption: the sheet covers day +14 anyway)."""
    rule = data.profile.rule("monitoring_daily_days")
    day0 = data.pathway.infusion_day()
    if not rule.known:
        return Period(None, None, None)
    days = int(rule.value)
    return Period(days, "label", None if day0 is None else day0 + timedelta(days=days))


def monitoring_days(data: ChecklistInput) -> list[tuple[date, int]]:
    """One (date, day number) per day from day 0 to day +14, or to the end of a longer period.

    The longer of: day +14, the label's daily-monitoring period, and the
    pathway's planned monitoring event.
    """
    day0 = data.pathway.infusion_day()
    if day0 is None:
        return []
    last = MIN_MONITORING_DAYS
    label = daily_monitoring(data)
    if label.days is not None:
        last = max(last, label.days)
    mon = data.pathway.first("monitoring")
    if mon is not None:
        last = max(last, (mon.last_day(data.tz) - day0).days)
    return [(day0 + timedelta(days=n), n) for n in range(0, last + 1)]


def ld_window(data: ChecklistInput) -> tuple[date, date | None, date] | None:
    """(earliest, latest or None, last LD day) for the infusion day, from the label's gap."""
    ld = data.pathway.last("lymphodepletion")
    gap = data.profile.indication(data.pathway.indication).infusion_gap
    if ld is None or not gap.known:
        return None
    end = ld.last_day(data.tz)
    g = gap.value
    latest = None if g["max"] is None else end + timedelta(days=g["max"])
    return end + timedelta(days=g["min"]), latest, end


def uses_fludarabine(data: ChecklistInput) -> bool | None:
    """Whether the planned LD regimen contains fludarabine (None when the regimen is unknown)."""
    regimen = data.profile.indication(data.pathway.indication).regimen(data.pathway.ld_regimen)
    if regimen is None:
        return None
    return any(d["drug"] == "fludarabine" for d in regimen.drugs)
