"""What the Calendar shows, as plain data: each day's events and each day's closed units.

No Qt here, so the rules (which days a long event is listed on, how closures
of several sites and units are merged into one label) are easy to test and
the item models only format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Mapping, NamedTuple

from atmp_desktop.domain.calendar import ACTIVITIES, SiteCalendar
from atmp_desktop.domain.timeutil import When
from atmp_desktop.storage.records import EventRow

#: Events that last weeks; listed on their first and last day only, unless asked for every day.
LONG_KINDS = frozenset({"manufacturing", "product_shipment", "monitoring"})

KIND_ORDER = {
    k: i for i, k in enumerate((
        "marker_test", "mobilisation", "apheresis", "product_receipt", "storage", "thaw", "infusion",
        "lymphodepletion", "conditioning", "post_infusion_drug",
        "product_shipment", "manufacturing", "monitoring", "follow_up",
    ))
}


class Entry(NamedTuple):
    """One event as listed on one day (a multi-day event is listed on several).

    A named tuple rather than a dataclass: a busy month lists tens of thousands.
    """

    row: EventRow
    day: date
    nth: int  # the event's how-many-th day this is (1 = first)
    days: int  # how many days the event lasts

    @property
    def pathway_id(self) -> int:
        return self.row.pathway_id

    @property
    def done(self) -> bool:
        return self.row.actual_start is not None

    @property
    def begins(self) -> When:
        """Effective start (actual if recorded, else planned)."""
        return self.row.actual_start if self.row.actual_start is not None else self.row.start

    @property
    def ends(self) -> When | None:
        if self.row.actual_start is not None or self.row.actual_end is not None:
            return self.row.actual_end
        return self.row.end

    @property
    def time_text(self) -> str:
        """``09:15`` or ``09:15–09:45`` on the event's day; empty for all-day events and later days."""
        start, end = self.begins, self.ends
        if not isinstance(start, datetime) or self.nth != 1:
            if isinstance(end, datetime) and self.nth == self.days and self.days > 1:
                return f"–{end:%H:%M}"
            return ""
        if isinstance(end, datetime) and self.days == 1 and end != start:
            return f"{start:%H:%M}–{end:%H:%M}"
        return f"{start:%H:%M}"

    @property
    def has_errors(self) -> bool:
        return self.row.open_errors > 0

    @property
    def has_warnings(self) -> bool:
        return self.row.open_warnings > 0

    def sort_key(self) -> tuple:
        return _sort_key(self)


_NO_TIME = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _sort_key(entry: Entry) -> tuple:
    row = entry.row
    start = row.actual_start if row.actual_start is not None else row.start
    # All-day items first, then by time, as paper calendars do.
    timed = entry.nth == 1 and isinstance(start, datetime)
    return (timed, start if timed else _NO_TIME, KIND_ORDER.get(row.kind, 99), row.patient_name, row.pathway_id)


def day_entries(
    rows: Iterable[EventRow], first: date, last: date, show_ongoing: bool = False
) -> dict[date, list[Entry]]:
    """Each day from *first* to *last* with its entries, sorted (all-day first, then by time).

    Events of :data:`LONG_KINDS` are listed on their first and last day only,
    unless *show_ongoing*; every other event on each of its days.
    """
    out: dict[date, list[Entry]] = {}
    d = first
    while d <= last:
        out[d] = []
        d += timedelta(days=1)
    one_day = timedelta(days=1)
    for row in rows:
        start = row.first_day
        end = row.last_day if row.last_day > start else start
        length = (end - start).days + 1
        if length == 1:
            if first <= start <= last:
                out[start].append(Entry(row, start, 1, 1))
            continue
        if row.kind in LONG_KINDS and not show_ongoing:
            if first <= start <= last:
                out[start].append(Entry(row, start, 1, length))
            if first <= end <= last:
                out[end].append(Entry(row, end, length, length))
            continue
        day = max(start, first)
        stop = min(end, last)
        while day <= stop:
            out[day].append(Entry(row, day, (day - start).days + 1, length))
            day += one_day
    for entries in out.values():
        entries.sort(key=_sort_key)
    return out


def listed_days(first_day: date, last_day: date, kind: str, first: date, last: date,
                show_ongoing: bool = False) -> list[date]:
    """The days from *first* to *last* an event is listed on (the rule of :func:`day_entries`)."""
    end = last_day if last_day > first_day else first_day
    if end == first_day:
        return [first_day] if first <= first_day <= last else []
    if kind in LONG_KINDS and not show_ongoing:
        return [d for d in (first_day, end) if first <= d <= last]
    day, stop = max(first_day, first), min(end, last)
    return [day + timedelta(days=i) for i in range((stop - day).days + 1)]


class DaySummary(NamedTuple):
    """What a month cell says about a day's events, counted without their rows."""

    listed: int  # entries listed on the day (as day_entries lists them)
    kinds: tuple[tuple[str, int], ...]  # (kind, entries), in KIND_ORDER
    error_pathways: int  # pathways with open errors among them


EMPTY_DAY = DaySummary(0, (), 0)


def day_summaries(spans: Iterable[tuple[date, date, str, int]], with_errors: Iterable[tuple[date, date, str, int]],
                  first: date, last: date, show_ongoing: bool = False) -> dict[date, DaySummary]:
    """Each day from *first* to *last* summed up from the store's counts (``event_spans``).

    The same numbers as counting :func:`day_entries`' entries, without reading
    (or keeping) a row per event: a busy month lists hundreds of thousands.
    """
    counts: dict[date, dict[str, int]] = {}
    for a, b, kind, n in spans:
        for d in listed_days(a, b, kind, first, last, show_ongoing):
            per = counts.setdefault(d, {})
            per[kind] = per.get(kind, 0) + n
    errors: dict[date, set[int]] = {}
    for a, b, kind, pid in with_errors:
        for d in listed_days(a, b, kind, first, last, show_ongoing):
            errors.setdefault(d, set()).add(pid)
    out: dict[date, DaySummary] = {}
    d = first
    while d <= last:
        per = counts.get(d)
        if per:
            kinds = tuple(sorted(per.items(), key=lambda kv: (KIND_ORDER.get(kv[0], 99), kv[0])))
            out[d] = DaySummary(sum(per.values()), kinds, len(errors.get(d, ())))
        else:
            out[d] = EMPTY_DAY
        d += timedelta(days=1)
    return out


@dataclass(frozen=True)
class Closure:
    """Units closed on a day for one reason: at one site, or (site None) at every site shown."""

    site: str | None
    activities: tuple[str, ...]
    reason: str

    @property
    def all_units(self) -> bool:
        return set(self.activities) == set(ACTIVITIES)


def closures(calendars: Mapping[str, SiteCalendar], day: date, lang: str = "en") -> list[Closure]:
    """Why which units are closed on *day* at the sites in *calendars* (``{site name: calendar}``).

    Sites closed alike are merged into one closure without a site, so a
    holiday reads "closed: Christmas Eve" once rather than once per site.
    """
    per_site: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, cal in calendars.items():
        by_reason: dict[str, list[str]] = {}
        for activity in ACTIVITIES:
            reason = cal.closed_reason(day, activity, lang)
            if reason is not None:
                by_reason.setdefault(reason, []).append(activity)
        per_site[name] = sorted((tuple(acts), reason) for reason, acts in by_reason.items())
    if not per_site:
        return []
    values = list(per_site.values())
    if all(v == values[0] for v in values):
        return [Closure(None, acts, reason) for acts, reason in values[0]]
    return [Closure(name, acts, reason) for name, items in per_site.items() for acts, reason in items]


def fully_closed(calendars: Mapping[str, SiteCalendar], day: date) -> bool:
    """Every unit of every site shown is closed on *day*."""
    return bool(calendars) and all(
        not cal.is_open(day, a) for cal in calendars.values() for a in ACTIVITIES
    )


def partly_closed(calendars: Mapping[str, SiteCalendar], day: date) -> bool:
    return any(not cal.is_open(day, a) for cal in calendars.values() for a in ACTIVITIES)


def week_days(day: date) -> list[date]:
    """Monday to Sunday of *day*'s ISO week."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def month_grid(day: date) -> list[date]:
    """The 42 days (six weeks from a Monday) of a month grid showing *day*'s month."""
    first = day.replace(day=1)
    monday = first - timedelta(days=first.weekday())
    return [monday + timedelta(days=i) for i in range(42)]


def month_last(day: date) -> date:
    nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def short_site_names(sites) -> dict[str, str]:
    """Site names short enough for a calendar cell: "Huddinge" for "Karolinska Huddinge".

    The last word of each name, when those tell every site apart; else the full names.
    """
    sites = list(sites)
    short = {s.id: s.name.split()[-1] if s.name.split() else s.id for s in sites}
    if len(set(short.values())) != len(short):
        return {s.id: s.name for s in sites}
    return short
