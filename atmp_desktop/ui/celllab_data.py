"""What the Cell lab view shows, computed for a given moment: thaw countdowns, shipper holds,
storage temperatures and expiry. No Qt here, so every state is easy to test with any "now".

Times are aware datetimes throughout; minutes are real minutes
(:func:`~atmp_desktop.domain.timeutil.minutes_between`), so a countdown that
crosses a daylight-saving change is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Sequence

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.catalogue import ProductProfile
from atmp_desktop.domain.pathway import Event, Pathway

#: A countdown turns amber ("soon") at this share of the limit left, but never later than 10 minutes …
SOON_SHARE, SOON_MIN = 0.25, 10.0
#: … and red ("critical") at this share, but never later than 5 minutes; past the limit it is "overdue".
CRITICAL_SHARE, CRITICAL_MIN = 0.10, 5.0
#: A dry shipper's hold turns amber this many minutes before it ends.
HOLD_SOON_MIN = 120.0
#: Expiry within this many days is flagged.
EXPIRY_SOON_DAYS = 14


def paired_infusion(pathway: Pathway, thaw: Event) -> Event | None:
    """The infusion a thaw feeds: the first that does not start before it (as the checks pair them)."""
    tz = pathway.tz
    for inf in pathway.of("infusion"):
        if isinstance(thaw.when, datetime) and isinstance(inf.when, datetime):
            if inf.when >= thaw.when:
                return inf
        elif inf.first_day(tz) >= thaw.first_day(tz):
            return inf
    return None


@dataclass(frozen=True)
class Countdown:
    """Where one thaw stands against the product's thaw limit at a moment.

    ``state``: ``unknown`` (the label gives no limit), ``no_time`` (only a
    date), ``planned`` (not thawed yet), ``ok`` / ``soon`` / ``critical``
    (counting down), ``overdue`` (past the limit, not infused), ``done`` /
    ``done_late`` (infusion ended within / after the limit).
    """

    state: str
    limit: int | None = None
    counts_from: str | None = None
    origin: datetime | None = None
    infuse_by: datetime | None = None
    minutes_left: float | None = None
    used: float | None = None

    @property
    def alarming(self) -> bool:
        return self.state in ("soon", "critical", "overdue", "done_late")


def thaw_countdown(pathway: Pathway, thaw: Event, profile: ProductProfile, now: datetime) -> Countdown:
    """The "infuse by" countdown of *thaw* at *now* (the same limit and origin as the checks use)."""
    rule = profile.rule("thaw_limit")
    if not rule.known:
        return Countdown("unknown")
    limit = int(rule.value["minutes"])
    counts_from = rule.value.get("counts_from", "thaw_start")
    origin = thaw.when
    if counts_from == "thaw_end" and isinstance(thaw.until, datetime):
        origin = thaw.until
    if not isinstance(origin, datetime):
        return Countdown("no_time", limit, counts_from)
    infuse_by = timeutil.add_minutes(origin, limit, pathway.tz)
    base = dict(limit=limit, counts_from=counts_from, origin=origin, infuse_by=infuse_by)
    infusion = paired_infusion(pathway, thaw)
    if infusion is not None and infusion.actual_end is not None and isinstance(infusion.actual_end, datetime):
        used = timeutil.minutes_between(origin, infusion.actual_end)
        return Countdown("done" if used <= limit else "done_late", used=used, **base)
    if not thaw.happened:
        return Countdown("planned", **base)
    left = timeutil.minutes_between(now, infuse_by)
    if left < 0:
        state = "overdue"
    elif left <= max(CRITICAL_MIN, limit * CRITICAL_SHARE):
        state = "critical"
    elif left <= max(SOON_MIN, limit * SOON_SHARE):
        state = "soon"
    else:
        state = "ok"
    return Countdown(state, minutes_left=left, **base)


@dataclass(frozen=True)
class Hold:
    """The dry shipper's hold against the moment the product was (or is to be) placed in storage.

    ``state``: ``unknown`` (no hold recorded), ``waiting`` / ``soon`` /
    ``overdue`` (received, not yet in storage), ``in_time`` / ``late``
    (placed before / after the hold ended), ``not_received``.
    """

    state: str
    until: datetime | None = None
    minutes_left: float | None = None
    placed: datetime | None = None


def shipper_hold(pathway: Pathway, now: datetime) -> Hold:
    receipt = pathway.first("product_receipt")
    if receipt is None or not receipt.happened:
        return Hold("not_received")
    until = receipt.shipper_hold_until
    storage = _storage_after(pathway, receipt)
    placed = storage.actual_start if storage is not None and storage.happened else None
    if isinstance(placed, date) and not isinstance(placed, datetime):
        placed = None  # a storage day without a time cannot be compared with the hold
    if until is None:
        return Hold("unknown", placed=placed)
    if placed is not None:
        late = timeutil.minutes_between(until, placed) > 0
        return Hold("late" if late else "in_time", until, placed=placed)
    left = timeutil.minutes_between(now, until)
    if left < 0:
        return Hold("overdue", until, left)
    return Hold("soon" if left <= HOLD_SOON_MIN else "waiting", until, left)


def _storage_after(pathway: Pathway, receipt: Event) -> Event | None:
    for s in pathway.of("storage"):
        if isinstance(s.when, datetime) and isinstance(receipt.when, datetime):
            if s.when >= receipt.when:
                return s
        elif s.first_day(pathway.tz) >= receipt.first_day(pathway.tz):
            return s
    return None


@dataclass(frozen=True)
class Temperature:
    """The warmest logged storage temperature against the product's limit.

    ``state``: ``ok``, ``too_warm``, ``unknown_limit`` (the label gives none),
    ``not_logged``.
    """

    state: str
    warmest: float | None = None
    when: datetime | None = None
    limit: float | None = None


def storage_temperature(pathway: Pathway, profile: ProductProfile) -> Temperature:
    readings: list[tuple[datetime | None, float]] = []
    for s in pathway.of("storage"):
        if s.max_temperature_c is not None:
            readings.append((None, float(s.max_temperature_c)))
        readings += [(t, float(c)) for t, c in s.temperatures]
    rule = profile.rule("storage_max_c")
    limit = float(rule.value) if rule.known else None
    if not readings:
        return Temperature("not_logged", limit=limit)
    when, warmest = max(readings, key=lambda r: r[1])
    if limit is None:
        return Temperature("unknown_limit", warmest, when)
    return Temperature("too_warm" if warmest > limit else "ok", warmest, when, limit)


@dataclass(frozen=True)
class Expiry:
    """``state``: ``ok``, ``soon`` (within :data:`EXPIRY_SOON_DAYS`), ``expired``, ``missing``."""

    state: str
    day: date | None = None
    days_left: int | None = None


def expiry(pathway: Pathway, today: date) -> Expiry:
    day = pathway.product_expiry
    if day is None:
        return Expiry("missing")
    left = (day - today).days
    if left < 0:
        return Expiry("expired", day, left)
    return Expiry("soon" if left <= EXPIRY_SOON_DAYS else "ok", day, left)


def in_storage(pathway: Pathway) -> bool:
    """Received and at least one thaw still to come (a split dose keeps its second bag in storage)."""
    receipt = pathway.first("product_receipt")
    if receipt is None or not receipt.happened:
        return False
    thaws = pathway.of("thaw")
    return not thaws or any(not t.happened for t in thaws)


def next_thaw(pathway: Pathway) -> Event | None:
    """The first thaw not yet started."""
    return next((t for t in pathway.of("thaw") if not t.happened), None)


@dataclass(frozen=True)
class PreThaw:
    """The course the patient has before the next thaw: lymphodepletion, or conditioning (busulfan).

    ``state``: ``none`` (no course planned before the thaw), ``planned``,
    ``running`` (today is day ``day`` of ``days``) or ``done`` (the last dose
    given); ``gap`` is the calendar days from the last day of the course to
    the thaw (the label's window is about that gap).
    """

    state: str
    course: Event | None = None
    first: date | None = None
    last: date | None = None
    day: int | None = None
    days: int | None = None
    gap: int | None = None


def pre_thaw(pathway: Pathway, thaw: Event | None, today: date) -> PreThaw:
    """Where the course before *thaw* stands on *today* (what the cell lab waits for before thawing)."""
    tz = pathway.tz
    courses = [e for e in pathway.events if e.kind in ("lymphodepletion", "conditioning")]
    if thaw is not None:
        thaw_day = thaw.first_day(tz)
        courses = [c for c in courses if c.first_day(tz) <= thaw_day]
    if not courses:
        return PreThaw("none")
    course = courses[-1]
    first = course.first_day(tz)
    # a course under way runs to its planned end
    end = course.actual_end or course.end or course.actual_start or course.start
    last = max(first, timeutil.local_day(end, tz))
    days = (last - first).days + 1
    gap = (thaw.first_day(tz) - last).days if thaw is not None else None
    if course.actual_end is not None or (course.happened and today > last):
        state, day = "done", None
    elif course.happened or first <= today <= last:
        state, day = "running", min(days, max(1, (today - first).days + 1))
    else:
        state, day = "planned", None
    return PreThaw(state, course, first, last, day, days, gap)


def thaws_on(pathway: Pathway, day: date) -> Sequence[Event]:
    tz = pathway.tz
    return [t for t in pathway.of("thaw") if t.first_day(tz) == day]


def format_minutes(minutes: float) -> str:
    """``45 min``, ``2 h 05 min``, ``3 d 4 h``: a countdown's size at a glance (whole minutes, rounded down)."""
    m = int(abs(minutes))
    if m < 60:
        return f"{m} min"
    h, m = divmod(m, 60)
    if h < 48:
        return f"{h} h {m:02d} min"
    d, h = divmod(h, 24)
    return f"{d} d {h} h"
