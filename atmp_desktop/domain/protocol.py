"""Rule concepts for products beyond CAR-T (issue 13), as data with their checks.

Each concept is a rule of the product profile (a region's entry in the
catalogue, or a local profile written from a trial protocol), never a branch on
a product's name:

``mobilisation``
    ``{"course_min_days", "course_max_days", "collection_days_per_cycle",
    "min_days_between_cycles", "target_cd34_per_kg", "agents"}``: stem-cell
    mobilisation (G-CSF / plerixafor days) and the apheresis collections inside
    each course, repeated in cycles until a target cell dose is collected.
    Days are calendar days; a course runs from its first mobilisation day to
    its last collection day, both counted.
``conditioning``
    ``{"drug", "days", "infusion_min_days", "infusion_max_days"}``:
    myeloablative conditioning (busulfan) given on ``days`` consecutive days,
    and the infusion ``infusion_min_days`` … ``infusion_max_days`` calendar
    days after the day of the last dose. It takes the place of lymphodepletion.
``washouts``
    ``[{"drug", "before", "min_days"}]``: a drug whose last dose must lie at
    least ``min_days`` days before the first ``before`` step (mobilisation,
    apheresis, lymphodepletion or conditioning). The last dose is entered per
    pathway (:class:`~atmp_desktop.domain.pathway.Washout`).
``marker_tests``
    ``{"markers": [...], "within_days"}``: infectious-disease markers whose
    samples must be taken within ``within_days`` days before the first
    apheresis (the apheresis day itself counts as inside).
``post_infusion_drugs``
    ``[{"drug", "first_day", "last_day", "max_doses"}]``: courses after
    infusion, in the label's day numbers (infusion is day 0).

A value the source does not give is ``None`` (``not_found``); the checks that
need it say so in a warning, never pass silently.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.findings import Finding, error, warning
from atmp_desktop.domain.pathway import WASHOUT_BEFORE, Event
from atmp_desktop.domain.protocol_messages import CODES  # noqa: F401  (the codes of these checks)

if TYPE_CHECKING:
    from atmp_desktop.domain.checks import Context

class ProfileError(ValueError):
    """A product profile that is incomplete or contradictory; the message names what and where."""


def _days_between(a: date, b: date) -> int:
    return (b - a).days


def _courses(ctx: "Context") -> list[Event]:
    return ctx.of("mobilisation")


def _course_of(ctx: "Context", day: date) -> Event | None:
    for course in _courses(ctx):
        if course.first_day(ctx.tz) <= day <= course.last_day(ctx.tz):
            return course
    return None


# -- checks ------------------------------------------------------------------------------------------


def check_mobilisation(ctx: "Context") -> Iterable[Finding]:
    """MOBILISATION and APHERESIS_CYCLES: collections inside mobilisation courses of the label's length."""
    rule = ctx.profile.rule("mobilisation")
    if not rule.known:
        return
    spec: Mapping[str, Any] = rule.value
    name = ctx.profile.name
    aphereses = ctx.of("apheresis")
    if aphereses and not _courses(ctx):
        yield error("MOBILISATION", "mobilisation.missing", aphereses[0].label, product=name)
        return
    per_course: dict[int, list[Event]] = {}
    for a in aphereses:
        day = a.first_day(ctx.tz)
        course = _course_of(ctx, day)
        if course is None:
            yield error("MOBILISATION", "mobilisation.outside", a.label, day=day.isoformat(), product=name)
            continue
        per_course.setdefault(id(course), []).append(a)
    lo, hi = spec.get("course_min_days"), spec.get("course_max_days")
    per_cycle = spec.get("collection_days_per_cycle")
    for course in _courses(ctx):
        length = _days_between(course.first_day(ctx.tz), course.last_day(ctx.tz)) + 1
        if (lo is not None and length < lo) or (hi is not None and length > hi):
            yield warning(
                "MOBILISATION", "mobilisation.length", course.label, days=length,
                min=lo if lo is not None else "?", max=hi if hi is not None else "?", product=name,
            )
        collected = per_course.get(id(course), [])
        if per_cycle is not None and len(collected) > per_cycle:
            yield warning(
                "APHERESIS_CYCLES", "cycles.too_many_days", collected[-1].label,
                days=len(collected), allowed=per_cycle, product=name,
            )
    courses = _courses(ctx)
    gap_rule = spec.get("min_days_between_cycles")
    for prev, nxt in zip(courses, courses[1:]):
        last_collection = max(
            (a.first_day(ctx.tz) for a in per_course.get(id(prev), [])), default=prev.last_day(ctx.tz)
        )
        gap = _days_between(last_collection, nxt.first_day(ctx.tz))
        if gap_rule is None:
            yield warning("APHERESIS_CYCLES", "cycles.interval_unknown", nxt.label, days=gap, product=name)
        elif gap < gap_rule:
            yield error(
                "APHERESIS_CYCLES", "cycles.too_close", nxt.label,
                days=gap, min=gap_rule, last=last_collection.isoformat(), product=name,
            )


def check_cell_dose(ctx: "Context") -> Iterable[Finding]:
    """CELL_DOSE_TARGET: once every collection is recorded, their CD34+ cells reach the target."""
    rule = ctx.profile.rule("mobilisation")
    if not rule.known or rule.value.get("target_cd34_per_kg") is None:
        return
    aphereses = ctx.of("apheresis")
    if not aphereses or not all(a.happened for a in aphereses):
        return
    doses = [a.extra.get("cd34_per_kg") for a in aphereses]
    if any(d is None for d in doses):
        yield warning("CELL_DOSE_TARGET", "dose.not_recorded", aphereses[-1].label)
        return
    total = round(sum(doses), 2)
    target = rule.value["target_cd34_per_kg"]
    if total < target:
        yield warning(
            "CELL_DOSE_TARGET", "dose.below_target", aphereses[-1].label,
            total=f"{total:g}", target=f"{target:g}", product=ctx.profile.name,
        )


def _course_last_day(course: Event, tz) -> date:
    """The last day of a course: as recorded, or, under way, its planned length from the actual start
    (as ``checks._ld_last_day`` counts a lymphodepletion course)."""
    if course.actual_start is not None and course.actual_end is None and course.end is not None:
        planned = (timeutil.local_day(course.end, tz) - timeutil.local_day(course.start, tz)).days
        return timeutil.local_day(course.actual_start, tz) + timedelta(days=planned)
    return course.last_day(tz)


def check_conditioning_to_infusion(ctx: "Context") -> Iterable[Finding]:
    """CONDITIONING_TO_INFUSION: the infusion day lies in the window after the last conditioning dose."""
    rule = ctx.profile.rule("conditioning")
    inf = ctx.first("infusion")
    if not rule.known or inf is None:
        return
    infusion_day = inf.first_day(ctx.tz)
    courses = [c for c in ctx.of("conditioning") if c.first_day(ctx.tz) <= infusion_day]
    if not courses:
        yield error("CONDITIONING_TO_INFUSION", "conditioning.missing", inf.label,
                    product=ctx.profile.name, drug=rule.value.get("drug") or "")
        return
    last_dose = _course_last_day(courses[-1], ctx.tz)  # a course under way: its planned last dose
    gap = _days_between(last_dose, infusion_day)
    lo, hi = rule.value.get("infusion_min_days"), rule.value.get("infusion_max_days")
    params = dict(
        gap=gap, last_dose=last_dose.isoformat(), infusion=infusion_day.isoformat(), product=ctx.profile.name,
        drug=rule.value.get("drug") or "", min=lo if lo is not None else "?", max=hi if hi is not None else "?",
    )
    if lo is None or hi is None:
        yield warning("CONDITIONING_TO_INFUSION", "conditioning.unknown", inf.label, **params)
    if lo is not None and gap < lo:
        yield error("CONDITIONING_TO_INFUSION", "conditioning.too_early", inf.label, **params)
    elif hi is not None and gap > hi:
        yield error("CONDITIONING_TO_INFUSION", "conditioning.too_late", inf.label, **params)


def washout_rules(profile: Any) -> list[Mapping[str, Any]]:
    rule = profile.rule("washouts")
    return list(rule.value) if rule.known else []


def _rule_for(rules: list[Mapping[str, Any]], drug: str, before: str) -> Mapping[str, Any] | None:
    wanted = drug.casefold()
    for r in rules:
        if r.get("before") == before and str(r.get("drug", "")).casefold() == wanted:
            return r
    return None


def check_washouts(ctx: "Context") -> Iterable[Finding]:
    """WASHOUT: each drug the pathway records stopped at least its minimum days before the step named."""
    rules = washout_rules(ctx.profile)
    for w in ctx.pathway.washouts:
        step = ctx.first(w.before)
        if step is None:
            continue
        required = w.min_days
        if required is None:
            found = _rule_for(rules, w.drug, w.before)
            required = None if found is None else found.get("min_days")
        step_day = step.first_day(ctx.tz)
        gap = _days_between(w.last_dose, step_day)
        params = dict(drug=w.drug, last_dose=w.last_dose.isoformat(), kind_label=step.label,
                      day=step_day.isoformat(), days=gap)
        if required is None:
            yield warning("WASHOUT", "washout.unknown", step.label, **params)
        elif gap < required:
            yield error("WASHOUT", "washout.too_close", step.label, min=required, **params)


def check_marker_tests(ctx: "Context") -> Iterable[Finding]:
    """MARKER_TEST_WINDOW: every required marker sampled within its window before the first apheresis."""
    rule = ctx.profile.rule("marker_tests")
    apheresis = ctx.first("apheresis")
    if not rule.known or apheresis is None:
        return
    markers = list(rule.value.get("markers") or ())
    within = rule.value.get("within_days")
    a_day = apheresis.first_day(ctx.tz)
    tests = ctx.of("marker_test")
    missing = []
    for marker in markers:
        mine = [t for t in tests if marker.casefold() in (m.casefold() for m in t.extra.get("markers", ()))]
        if not mine:
            missing.append(marker)
            continue
        # the newest sample taken on or before the apheresis day counts
        before = [t for t in mine if t.first_day(ctx.tz) <= a_day]
        if not before:
            t = mine[0]
            yield error("MARKER_TEST_WINDOW", "marker.after", t.label, marker=marker,
                        day=t.first_day(ctx.tz).isoformat(), apheresis=a_day.isoformat())
            continue
        t = before[-1]
        age = _days_between(t.first_day(ctx.tz), a_day)
        if within is not None and age > within:
            yield error("MARKER_TEST_WINDOW", "marker.too_old", t.label, marker=marker,
                        day=t.first_day(ctx.tz).isoformat(), apheresis=a_day.isoformat(), days=age, within=within)
    if missing:
        yield warning("MARKER_TEST_WINDOW", "marker.missing", apheresis.label, markers=", ".join(missing),
                      apheresis=a_day.isoformat())
    if within is None and markers:
        yield warning("MARKER_TEST_WINDOW", "marker.window_unknown", apheresis.label, product=ctx.profile.name)


def check_post_infusion_drugs(ctx: "Context") -> Iterable[Finding]:
    """POST_INFUSION_COURSE: each course after infusion is planned, on the label's day numbers."""
    rule = ctx.profile.rule("post_infusion_drugs")
    inf = ctx.first("infusion")
    if not rule.known or inf is None:
        return
    day0 = inf.first_day(ctx.tz)
    courses = ctx.of("post_infusion_drug")
    for spec in rule.value:
        drug = str(spec.get("drug", ""))
        mine = [c for c in courses if str(c.extra.get("drug", "")).casefold() == drug.casefold()]
        if not mine:
            yield warning("POST_INFUSION_COURSE", "course.missing", inf.label, drug=drug)
            continue
        lo, hi = spec.get("first_day"), spec.get("last_day")
        for c in mine:
            first = _days_between(day0, c.first_day(ctx.tz))
            last = _days_between(day0, c.last_day(ctx.tz))
            params = dict(drug=drug, first=first, last=last, lo=lo if lo is not None else "?",
                          hi=hi if hi is not None else "?")
            if lo is not None and first < lo:
                yield error("POST_INFUSION_COURSE", "course.too_early", c.label, **params)
            elif hi is not None and last > hi:
                yield error("POST_INFUSION_COURSE", "course.too_late", c.label, **params)


#: The checks of this module, by rule name (added to checks.CHECKS).
CHECKS = {
    "mobilisation": check_mobilisation,
    "cell_dose": check_cell_dose,
    "conditioning_to_infusion": check_conditioning_to_infusion,
    "washouts": check_washouts,
    "marker_tests": check_marker_tests,
    "post_infusion_drugs": check_post_infusion_drugs,
}


# -- validating a profile -------------------------------------------------------------------------


def _int(value: Any, where: str, minimum: int = 0, allow_none: bool = True) -> int | None:
    if value is None:
        if allow_none:
            return None
        raise ProfileError(f"{where} is missing")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProfileError(f"{where} must be a whole number, got {value!r}")
    if value < minimum:
        raise ProfileError(f"{where} must be at least {minimum}, got {value}")
    return value


def _window(lo: Any, hi: Any, where: str, minimum: int = 0) -> None:
    lo = _int(lo, f"{where} minimum", minimum)
    hi = _int(hi, f"{where} maximum", minimum)
    if lo is not None and hi is not None and lo > hi:
        raise ProfileError(f"{where}: the minimum ({lo}) is greater than the maximum ({hi})")


def validate_rule(name: str, value: Any, where: str) -> None:
    """Refuse a protocol rule value that is incomplete or contradictory (:class:`ProfileError`)."""
    if value is None:
        return
    if name == "mobilisation":
        if not isinstance(value, Mapping):
            raise ProfileError(f"{where}: must be an object")
        _window(value.get("course_min_days"), value.get("course_max_days"), f"{where} course days", 1)
        _int(value.get("collection_days_per_cycle"), f"{where} collection_days_per_cycle", 1, allow_none=False)
        _int(value.get("min_days_between_cycles"), f"{where} min_days_between_cycles", 1)
        target = value.get("target_cd34_per_kg")
        if target is not None and (isinstance(target, bool) or not isinstance(target, (int, float)) or target <= 0):
            raise ProfileError(f"{where} target_cd34_per_kg must be a positive number, got {target!r}")
    elif name == "conditioning":
        if not isinstance(value, Mapping):
            raise ProfileError(f"{where}: must be an object")
        _int(value.get("days"), f"{where} days", 1)
        _window(value.get("infusion_min_days"), value.get("infusion_max_days"), f"{where} infusion days", 0)
    elif name == "washouts":
        if not isinstance(value, list):
            raise ProfileError(f"{where}: must be a list")
        for i, w in enumerate(value):
            if not isinstance(w, Mapping) or not str(w.get("drug", "")).strip():
                raise ProfileError(f"{where}[{i}]: needs a 'drug'")
            if w.get("before") not in WASHOUT_BEFORE:
                raise ProfileError(
                    f"{where}[{i}]: unknown event kind {w.get('before')!r} to wash out before; "
                    f"known: {', '.join(WASHOUT_BEFORE)}"
                )
            _int(w.get("min_days"), f"{where}[{i}] min_days", 1)
    elif name == "marker_tests":
        if not isinstance(value, Mapping) or not isinstance(value.get("markers"), list) or not value["markers"]:
            raise ProfileError(f"{where}: needs a list of 'markers'")
        _int(value.get("within_days"), f"{where} within_days", 0)
    elif name == "post_infusion_drugs":
        if not isinstance(value, list):
            raise ProfileError(f"{where}: must be a list")
        for i, c in enumerate(value):
            if not isinstance(c, Mapping) or not str(c.get("drug", "")).strip():
                raise ProfileError(f"{where}[{i}]: needs a 'drug'")
            if c.get("first_day") is None:
                raise ProfileError(f"{where}[{i}]: 'first_day' is missing")
            first, last = c.get("first_day"), c.get("last_day")
            for label, v in (("first_day", first), ("last_day", last)):
                if v is not None and (isinstance(v, bool) or not isinstance(v, int)):
                    raise ProfileError(f"{where}[{i}] {label} must be a whole day number, got {v!r}")
            if last is not None and first > last:
                raise ProfileError(f"{where}[{i}]: first_day ({first}) is after last_day ({last})")
            _int(c.get("max_doses"), f"{where}[{i}] max_doses", 1)
