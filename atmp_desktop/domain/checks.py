"""Checks: pure functions from a pathway, its product profile and the site calendar to findings.

Every check is a function named ``check_<rule>`` registered in :data:`CHECKS`;
:func:`check_pathway` runs them all. A check reports a broken label rule as an
``error``, a risk or a value it could not check (an unknown label value, a time
not recorded) as a ``warning``, and never passes silently on a value it lacks.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable, Iterable
from zoneinfo import ZoneInfo

from atmp_desktop.domain import protocol, timeutil
from atmp_desktop.domain.calendar import STAFFED_EVENTS, SiteCalendar
from atmp_desktop.domain.catalogue import Catalogue, Indication, ProductProfile, shipped_catalogue
from atmp_desktop.domain.findings import Finding, error, info, sort_findings, warning
from atmp_desktop.domain.pathway import STAGE_REQUIRES, Event, Pathway
from atmp_desktop.domain.timeutil import When


class Context:
    """What a check looks at: the pathway, its product profile and the site calendar.

    It indexes the events by kind once, so that the checks stay cheap enough to
    run over ten thousand pathways at a time.
    """

    def __init__(self, pathway: Pathway, profile: ProductProfile, calendar: SiteCalendar):
        self.pathway = pathway
        self.profile = profile
        self.calendar = calendar
        self.tz: ZoneInfo = pathway.tz
        self.by_kind: dict[str, list[Event]] = {}
        for e in pathway.events:
            self.by_kind.setdefault(e.kind, []).append(e)

    @property
    def indication(self) -> Indication:
        return self.profile.indication(self.pathway.indication)

    def of(self, kind: str) -> list[Event]:
        return self.by_kind.get(kind, [])

    def first(self, kind: str) -> Event | None:
        found = self.by_kind.get(kind)
        return found[0] if found else None

    def day(self, value: When) -> date:
        return timeutil.local_day(value, self.tz)

    def human(self, value: When) -> str:
        return timeutil.format_human(value, self.tz)


Check = Callable[[Context], Iterable[Finding]]
_DEFAULT_CALENDAR = SiteCalendar()

# The order in which a pathway's steps must happen (lymphodepletion is checked
# against the product receipt and the infusion by its own rules).
_CHAIN = (
    "mobilisation",
    "apheresis",
    "manufacturing",
    "product_shipment",
    "product_receipt",
    "storage",
    "thaw",
    "infusion",
    "monitoring",
    "follow_up",
)


def _before(a: When, b: When, tz: ZoneInfo) -> bool:
    """True when *b* is strictly earlier than *a* (compared by moment, or by day when either is a date)."""
    if isinstance(a, datetime) and isinstance(b, datetime):
        return b < a
    return timeutil.local_day(b, tz) < timeutil.local_day(a, tz)


def _event_before(a: Event, b: Event, tz: ZoneInfo) -> bool:
    """True when event *b* starts strictly before event *a* (see :func:`_before`)."""
    if isinstance(a.when, datetime) and isinstance(b.when, datetime):
        return b.when < a.when
    return b.first_day(tz) < a.first_day(tz)


def pair_thaws(ctx: "Context") -> list[tuple[Event, Event | None]]:
    """Each thaw with the infusion it feeds: the first infusion starting at or after it."""
    infusions = ctx.of("infusion")
    pairs = []
    for thaw in ctx.of("thaw"):
        target = None
        for inf in infusions:
            if not _event_before(thaw, inf, ctx.tz):
                target = inf
                break
        pairs.append((thaw, target))
    return pairs


# -- the checks ---------------------------------------------------------------


def check_sequence(ctx: Context) -> Iterable[Finding]:
    """SEQUENCE: the steps happen in order (apheresis … receipt … thaw … infusion …)."""
    present = [ctx.first(kind) for kind in _CHAIN]
    chain = [e for e in present if e is not None]
    for prev, nxt in zip(chain, chain[1:]):
        if _event_before(prev, nxt, ctx.tz):
            yield error(
                "SEQUENCE", "sequence.order", nxt.label,
                later=prev.label, later_when=ctx.human(prev.when),
                earlier=nxt.label, earlier_when=ctx.human(nxt.when),
            )
    first_infusion = ctx.first("infusion")
    if first_infusion is not None:
        # check_ld_to_infusion only looks at LD courses before the infusion, so
        # a course that starts after it would otherwise pass without a word.
        infusion_day = first_infusion.first_day(ctx.tz)
        for ld in ctx.of("lymphodepletion"):
            if ld.first_day(ctx.tz) > infusion_day:
                yield error(
                    "SEQUENCE", "sequence.order", first_infusion.label,
                    later=ld.label, later_when=ctx.human(ld.when),
                    earlier=first_infusion.label, earlier_when=ctx.human(first_infusion.when),
                )
    infusions = ctx.of("infusion")
    for thaw, inf in pair_thaws(ctx):
        if inf is None and infusions:
            started = [i for i in infusions if _before(thaw.when, i.when, ctx.tz)]
            if started:
                yield error(
                    "SEQUENCE", "sequence.thaw_after_infusion", thaw.label,
                    thaw_when=ctx.human(thaw.when), infusion=started[-1].label,
                    infusion_when=ctx.human(started[-1].when),
                )


def _ld_last_day(ld: Event, tz: ZoneInfo) -> date:
    """The last LD day: as recorded, or, for a course under way, its planned length from the actual start.

    ``Event.until`` is None once an actual start is recorded without an actual
    end; taking the start day as the last day would make the gap look days
    longer and let a too-early infusion pass.
    """
    if ld.actual_start is not None and ld.actual_end is None and ld.end is not None:
        planned_days = (timeutil.local_day(ld.end, tz) - timeutil.local_day(ld.start, tz)).days
        return timeutil.local_day(ld.actual_start, tz) + timedelta(days=planned_days)
    return ld.last_day(tz)


def check_ld_to_infusion(ctx: Context) -> Iterable[Finding]:
    """LD_TO_INFUSION: the infusion day lies in the label's window after the last LD day."""
    inf = ctx.first("infusion")
    if inf is None:
        return
    infusion_day = inf.first_day(ctx.tz)
    lds = [e for e in ctx.of("lymphodepletion") if e.first_day(ctx.tz) <= infusion_day]
    if not lds:
        return  # a missing LD is reported by check_missing_events
    ld = lds[-1]
    ld_end = _ld_last_day(ld, ctx.tz)
    gap_days = (infusion_day - ld_end).days
    rule = ctx.indication.infusion_gap
    if not rule.known:
        yield warning(
            "LD_TO_INFUSION", "ld_to_infusion.unknown", inf.label,
            product=ctx.profile.name, indication=ctx.indication.id, gap=gap_days,
        )
        return
    window = rule.value
    lo, hi, nominal = window["min"], window["max"], window["nominal"]
    if lo <= gap_days and (gap_days <= hi if hi is not None else gap_days <= nominal):
        return
    params = dict(
        gap=gap_days, ld_end=ld_end.isoformat(), infusion=infusion_day.isoformat(),
        min=lo, max=hi, product=ctx.profile.name, wording=rule.extra.get("label_wording", ""),
    )
    if gap_days < lo:
        yield error("LD_TO_INFUSION", "ld_to_infusion.too_early", inf.label, **params)
    elif hi is not None:
        yield error("LD_TO_INFUSION", "ld_to_infusion.too_late", inf.label, **params)
    else:
        yield warning("LD_TO_INFUSION", "ld_to_infusion.no_upper", inf.label, nominal=nominal, **params)


def check_thaw_to_infusion(ctx: Context) -> Iterable[Finding]:
    """THAW_TO_INFUSION: each infusion ends within the product's limit after thaw."""
    pairs = pair_thaws(ctx)
    if not pairs:
        return
    rule = ctx.profile.rule("thaw_limit")
    if not rule.known:
        yield warning("THAW_TO_INFUSION", "thaw.unknown", pairs[0][0].label, product=ctx.profile.name)
        return
    limit = rule.value["minutes"]
    counts_from = rule.value["counts_from"]
    start_rule = ctx.profile.rule("infusion_start_limit")
    for thaw, inf in pairs:
        if inf is None:
            continue
        origin = thaw.when
        if counts_from == "thaw_end" and isinstance(thaw.until, datetime):
            origin = thaw.until
        end = inf.until
        if not isinstance(origin, datetime) or not isinstance(inf.when, datetime):
            yield warning("THAW_TO_INFUSION", "thaw.no_times", inf.label, thaw=thaw.label)
            continue

        def params(origin: datetime = origin, thaw: Event = thaw) -> dict:
            # Formatted only when a finding is raised: most infusions pass.
            infuse_by = timeutil.add_minutes(origin, limit, ctx.tz)
            return dict(
                limit=limit, thaw_when=ctx.human(origin), infuse_by=timeutil.format_clock(infuse_by, ctx.tz),
                product=ctx.profile.name, thaw=thaw.label,
            )

        if isinstance(end, datetime):
            used = timeutil.minutes_between(origin, end)
            if used > limit:
                yield error(
                    "THAW_TO_INFUSION", "thaw.too_late", inf.label,
                    minutes=_minutes(used), end_when=ctx.human(end), **params(),
                )
        else:
            used = timeutil.minutes_between(origin, inf.when)
            key = "thaw.start_too_late" if used > limit else "thaw.no_end"
            make = error if used > limit else warning
            yield make("THAW_TO_INFUSION", key, inf.label, minutes=_minutes(used), **params())
        if start_rule.known:
            start_origin = thaw.until if isinstance(thaw.until, datetime) else thaw.when
            waited = timeutil.minutes_between(start_origin, inf.when)
            if waited > start_rule.value["minutes"]:
                yield warning(
                    "THAW_TO_INFUSION", "thaw.start_window", inf.label,
                    minutes=_minutes(waited), limit=start_rule.value["minutes"], product=ctx.profile.name,
                )


def _minutes(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 1)


def check_product_available(ctx: Context) -> Iterable[Finding]:
    """PRODUCT_NOT_AVAILABLE: lymphodepletion (or conditioning) starts only once the product is received."""
    lds = ctx.of("lymphodepletion") + ctx.of("conditioning")
    if not lds:
        return
    receipt = ctx.first("product_receipt")
    if receipt is None:
        yield error("PRODUCT_NOT_AVAILABLE", "available.no_receipt", lds[0].label)
        return
    received = receipt.first_day(ctx.tz)
    for ld in lds:
        start = ld.first_day(ctx.tz)
        params = dict(ld_start=ctx.human(ld.when), received=ctx.human(receipt.when))
        # With times on both, the same day is not enough: 08:00 LD before a 10:00 receipt is too early.
        timed_before = (
            isinstance(ld.when, datetime) and isinstance(receipt.when, datetime) and ld.when < receipt.when
        )
        if start < received or timed_before:
            key = "conditioning.before_receipt" if ld.kind == "conditioning" else "available.before"
            yield error("PRODUCT_NOT_AVAILABLE", key, ld.label, **params)
        elif start == received:
            yield warning("PRODUCT_NOT_AVAILABLE", "available.same_day", ld.label, **params)


def check_expiry(ctx: Context) -> Iterable[Finding]:
    """PRODUCT_EXPIRED: every infusion ends on or before the product's expiry date."""
    infusions = ctx.of("infusion")
    if not infusions:
        return
    expiry = ctx.pathway.product_expiry
    if expiry is None:
        receipt = ctx.first("product_receipt")
        if receipt is not None and receipt.happened:
            yield warning("PRODUCT_EXPIRED", "expiry.unknown", receipt.label)
        return
    for inf in infusions:
        last = inf.last_day(ctx.tz)
        if last > expiry:
            yield error(
                "PRODUCT_EXPIRED", "expiry.after", inf.label,
                infusion=last.isoformat(), expiry=expiry.isoformat(), days=(last - expiry).days,
            )


def check_shipper_hold(ctx: Context) -> Iterable[Finding]:
    """SHIPPER_HOLD: the product is in storage before the dry shipper's hold time ends."""
    for receipt in ctx.of("product_receipt"):
        storage = next(
            (s for s in ctx.of("storage") if not _before(receipt.when, s.when, ctx.tz)), None
        )
        hold = receipt.shipper_hold_until
        if hold is None:
            if receipt.happened and (storage is None or not storage.happened):
                yield warning("SHIPPER_HOLD", "hold.unknown", receipt.label)
            continue
        if storage is None:
            continue
        if not isinstance(storage.when, datetime):
            yield warning("SHIPPER_HOLD", "hold.no_time", storage.label, hold=ctx.human(hold))
            continue
        late = timeutil.minutes_between(hold, storage.when)
        if late > 0:
            yield error(
                "SHIPPER_HOLD", "hold.expired", storage.label,
                stored=ctx.human(storage.when), hold=ctx.human(hold), minutes=_minutes(late),
            )


def check_storage_temperature(ctx: Context) -> Iterable[Finding]:
    """STORAGE_TEMPERATURE: no logged storage temperature above the product's maximum."""
    rule = ctx.profile.rule("storage_max_c")
    for storage in ctx.of("storage"):
        readings: list[tuple[str | None, float]] = []
        if storage.max_temperature_c is not None:
            readings.append((None, storage.max_temperature_c))
        readings += [(ctx.human(t), c) for t, c in storage.temperatures]
        if not readings:
            continue
        if not rule.known:
            yield warning("STORAGE_TEMPERATURE", "storage.unknown", storage.label, product=ctx.profile.name)
            continue
        limit = rule.value
        worst_when, worst = max(readings, key=lambda r: r[1])
        if worst > limit:
            yield error(
                "STORAGE_TEMPERATURE", "storage.too_warm", storage.label,
                celsius=_fmt_c(worst), limit=_fmt_c(limit), when=worst_when or "",
            )


def _fmt_c(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def check_working_days(ctx: Context) -> Iterable[Finding]:
    """NON_WORKING_DAY: apheresis, product receipt, thaw and infusion fall on staffed days."""
    for event in ctx.pathway.events:
        activity = STAFFED_EVENTS.get(event.kind)
        if activity is None:
            continue
        day = event.first_day(ctx.tz)
        if not ctx.calendar.is_open(day, activity):
            yield warning(
                "NON_WORKING_DAY", "closed_day", event.label, kind_label=event.label, day=day.isoformat(),
                reason=ctx.calendar.closed_reason(day, activity), reason_sv=ctx.calendar.closed_reason(day, activity, "sv"),
                activity=activity,
            )


def check_tocilizumab(ctx: Context) -> Iterable[Finding]:
    """TOCILIZUMAB: enough tocilizumab doses on hand for the region's label before infusion."""
    inf = ctx.first("infusion")
    if inf is None:
        return
    rule = ctx.profile.rule("tocilizumab_doses")
    if rule.confidence == "not_applicable":
        return  # not a CAR-T product: the label asks for no tocilizumab
    doses = ctx.pathway.tocilizumab_doses
    if not rule.known:
        key = "tocilizumab.unknown" if doses is not None else "tocilizumab.unknown_none"
        yield warning(
            "TOCILIZUMAB", key, inf.label, product=ctx.profile.name, region=ctx.profile.region, doses=doses
        )
        return
    required = rule.value
    if doses is None:
        if required > 0:
            yield warning("TOCILIZUMAB", "tocilizumab.not_recorded", inf.label, required=required)
    elif doses < required:
        yield error(
            "TOCILIZUMAB", "tocilizumab.too_few", inf.label,
            doses=doses, required=required, product=ctx.profile.name, region=ctx.profile.region,
        )


def check_missing_events(ctx: Context) -> Iterable[Finding]:
    """MISSING_EVENT: the events that later steps or the pathway's stage need are there."""
    kinds = set(ctx.by_kind)
    needs: dict[str, tuple[str, ...]] = {
        "product_receipt": ("apheresis",),
        "storage": ("product_receipt",),
        "thaw": ("product_receipt", "infusion"),
        "infusion": ("apheresis", "product_receipt", "thaw"),
    }
    missing: dict[str, str] = {}
    for kind, required in needs.items():
        if kind in kinds:
            for r in required:
                if r not in kinds and r not in missing:
                    missing[r] = kind
    for r, by in missing.items():
        yield error("MISSING_EVENT", "missing.needed_by", None, missing=r, by=by)
    conditioned = ctx.profile.rule("conditioning").known
    if "infusion" in kinds and conditioned and "conditioning" not in kinds:
        pass  # reported by protocol.check_conditioning_to_infusion (CONDITIONING_TO_INFUSION)
    elif "infusion" in kinds and "lymphodepletion" not in kinds and not (
        conditioned and ctx.indication.lymphodepletion.confidence == "not_applicable"
    ):
        ld = ctx.indication.lymphodepletion
        if ld.extra.get("omittable"):
            yield warning("MISSING_EVENT", "missing.ld_omitted", "infusion", product=ctx.profile.name)
        else:
            yield error("MISSING_EVENT", "missing.needed_by", None, missing="lymphodepletion", by="infusion")
    stage = ctx.pathway.stage
    if stage:
        for r in STAGE_REQUIRES.get(stage, ()):
            if r == "lymphodepletion" and conditioned and "conditioning" in kinds:
                continue  # a conditioned product's "lymphodepletion" stage is its conditioning
            if r not in kinds and r not in missing:
                yield error("MISSING_EVENT", "missing.stage", None, missing=r, stage=stage)
    if ctx.profile.is_split_dose and len(ctx.of("infusion")) == 1:
        yield warning("MISSING_EVENT", "missing.second_dose", "infusion", product=ctx.profile.name)


def check_split_dose(ctx: Context) -> Iterable[Finding]:
    """SPLIT_DOSE_INTERVAL: the second part of a split dose falls in the label's interval."""
    rule = ctx.profile.rule("split_dose")
    infusions = ctx.of("infusion")
    if not rule.known or len(infusions) < 2:
        return
    first, second = infusions[0].first_day(ctx.tz), infusions[1].first_day(ctx.tz)
    offset = (second - first).days
    spec = rule.value
    lo = spec["second_dose_offset_days"] - spec["tolerance_days"]
    hi = spec["second_dose_offset_days"] + spec["tolerance_days"]
    params = dict(
        offset=offset, lo=lo, hi=hi, product=ctx.profile.name,
        label_day=offset + 1, label_lo=lo + 1, label_hi=hi + 1, postpone=spec["postpone_max_offset_days"] + 1,
    )
    if lo <= offset <= hi:
        return
    if hi < offset <= spec["postpone_max_offset_days"]:
        yield warning("SPLIT_DOSE_INTERVAL", "split.postponed", infusions[1].label, **params)
    else:
        yield error("SPLIT_DOSE_INTERVAL", "split.outside", infusions[1].label, **params)


def check_indication(ctx: Context) -> Iterable[Finding]:
    """INDICATION_ASSUMED: a product with several indications needs the indication named."""
    if ctx.pathway.indication is None and len(ctx.profile.indications) > 1:
        yield warning(
            "INDICATION_ASSUMED", "indication.assumed", None,
            product=ctx.profile.name, indication=ctx.profile.default_indication,
            known=", ".join(ctx.profile.indications),
        )


#: Every check, by rule name. The UI, the CLI, the PDFs and the tests all run these.
CHECKS: dict[str, Check] = {
    "sequence": check_sequence,
    "ld_to_infusion": check_ld_to_infusion,
    "thaw_to_infusion": check_thaw_to_infusion,
    "product_available": check_product_available,
    "expiry": check_expiry,
    "shipper_hold": check_shipper_hold,
    "storage_temperature": check_storage_temperature,
    "working_days": check_working_days,
    "tocilizumab": check_tocilizumab,
    "missing_events": check_missing_events,
    "split_dose": check_split_dose,
    "indication": check_indication,
    # issue 13: mobilisation, conditioning, washouts, marker tests, post-infusion courses
    **protocol.CHECKS,
}


def check_pathway(
    pathway: Pathway,
    *,
    profile: ProductProfile | None = None,
    calendar: SiteCalendar | None = None,
    catalogue: Catalogue | None = None,
) -> list[Finding]:
    """All findings for *pathway*, errors first."""
    if profile is None:
        profile = (catalogue or shipped_catalogue()).profile(pathway.product, pathway.region)
    ctx = Context(pathway, profile, calendar or _DEFAULT_CALENDAR)
    findings: list[Finding] = []
    for check in CHECKS.values():
        findings.extend(check(ctx))
    return sort_findings(findings)


__all__ = ["CHECKS", "Context", "check_pathway", "pair_thaws", "info"]
