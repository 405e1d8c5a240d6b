"""What an edit does to a pathway (plain Python, no Qt): copies to edit, moving events, new and gone findings.

A dose's thaw and infusion (and day-0 monitoring) move together
(:func:`dose_group`); a moved time keeps its local wall-clock time; findings
are compared across an edit by code, message and event kind
(:func:`compare_findings`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Iterable

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.findings import Finding
from atmp_desktop.domain.pathway import Event, Pathway
from atmp_desktop.domain.timeutil import When
from atmp_desktop.storage.records import StoredPathway


def copy_pathway(p: Pathway) -> Pathway:
    """An independent copy whose events can be moved without touching *p*."""
    events = [replace(e, extra=dict(e.extra), temperatures=list(e.temperatures), _day_cache=None) for e in p.events]
    return replace(p, events=events, extra=dict(p.extra))


def copy_stored(sp: StoredPathway) -> StoredPathway:
    return replace(sp, pathway=copy_pathway(sp.pathway))


def shift_when(value: When, days: int, tz) -> When:
    """*value* moved by whole days, keeping its local wall-clock time (refused in a DST gap)."""
    if isinstance(value, datetime):
        local = value.astimezone(tz).replace(tzinfo=None) + timedelta(days=days)
        return timeutil.localize(local, tz, "moved time")
    return value + timedelta(days=days)


def keep_duration(old_start: When, old_end: When | None, new_start: When, tz) -> When | None:
    """The end that keeps an event's length when its start moves (real minutes for times, days for dates)."""
    if old_end is None:
        return None
    if isinstance(old_start, datetime) and isinstance(old_end, datetime) and isinstance(new_start, datetime):
        return timeutil.add_minutes(new_start, timeutil.minutes_between(old_start, old_end), tz)
    days = (timeutil.local_day(new_start, tz) - timeutil.local_day(old_start, tz)).days
    return shift_when(old_end, days, tz)


def dose_group(pathway: Pathway, label: str) -> list[Event]:
    """The events that move together with *label*: a dose's thaw and infusion (and day-0 monitoring).

    Moving an infusion without its thaw (or the reverse) is never what is
    meant, and daily monitoring starts on the day of the first infusion.
    """
    target = next((e for e in pathway.events if e.label == label), None)
    if target is None:
        return []
    group = [target]
    if target.kind in ("thaw", "infusion"):
        thaws, infusions = pathway.of("thaw"), pathway.of("infusion")
        same = thaws if target.kind == "thaw" else infusions
        other = infusions if target.kind == "thaw" else thaws
        i = same.index(target)
        if len(thaws) == len(infusions) and not other[i].happened:
            group.append(other[i])
        if i == 0 and infusions:
            tz = pathway.tz
            day0 = infusions[0].first_day(tz)
            for mon in pathway.of("monitoring"):
                if not mon.happened and mon.first_day(tz) == day0:
                    group.append(mon)
    return group


def move_event(pathway: Pathway, label: str, days: int) -> list[str]:
    """Move *label* (with its dose group) by *days*; all or nothing. Returns the labels moved.

    Raises :class:`TimeError` when a moved time does not exist locally, and
    ValueError when the event has already happened.
    """
    group = dose_group(pathway, label)
    if not group:
        raise ValueError(f"no event {label!r}")
    if group[0].happened:
        raise ValueError(f"{label} has already happened")
    tz = pathway.tz
    new = [(e, shift_when(e.start, days, tz), None if e.end is None else shift_when(e.end, days, tz)) for e in group]
    for e, start, end in new:
        e.start, e.end = start, end
        e._day_cache = None
    moved = [e.label for e in group]
    pathway.relabel()
    return moved


def _identity(f: Finding) -> tuple:
    """Findings are "the same" across an edit when code, message and event kind agree."""
    return (f.code, f.key, (f.event or "").partition("#")[0])


def compare_findings(before: Iterable[Finding], after: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings in *after* that are new, findings of *before* that are gone)."""
    before, after = list(before), list(after)
    b = {_identity(f) for f in before}
    a = {_identity(f) for f in after}
    return [f for f in after if _identity(f) not in b], [f for f in before if _identity(f) not in a]
