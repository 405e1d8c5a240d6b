"""The schedule as an iCalendar file (RFC 5545) for Outlook and other calendars (issue 14).

Each event of the site's pathways in the chosen days becomes one ``VEVENT``,
built with the ``icalendar`` package:

* **Times in the site's own zone.** A timed event carries ``TZID=`` the
  site's zone (Europe/Stockholm by default) and the file holds that zone's
  ``VTIMEZONE`` (its daylight-saving rules for the years exported), so a
  09:00 thaw is 09:00 local on either side of a clock change. A day event
  (lymphodepletion days) is a date, ``DTEND`` the day after its last day.
* **Stable UIDs.** ``pathway-<id>-<event label>@<site>.atmp-desktop``: the same
  event gets the same UID in every export, so importing a newer file updates
  the entry instead of adding a second one. ``SEQUENCE`` is the pathway's
  saved version (it grows with every change) and ``LAST-MODIFIED`` its last
  save. An event of a cancelled pathway is exported with ``STATUS:CANCELLED``.
* **No personnummer.** The title names the patient by initials and the pathway
  id (``Thaw – A.B. · Kymriah · pathway 12``); ``full_name=True`` puts the
  full name instead, for a ward's own calendar. The personnummer is never
  written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Iterable, Sequence
from zoneinfo import ZoneInfo

from atmp_desktop.domain.messages import STAGE_NAMES, event_name
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import ValidationError

if TYPE_CHECKING:
    from atmp_desktop.storage.records import EventRow

PRODID = "-//ATMP Pathway Planner//atmp-desktop//EN"
#: How many days one export may span (a year and a bit: a calendar file people import by hand).
MAX_DAYS = 400

_WORDS = {
    "en": {"pathway": "pathway", "planned": "planned", "recorded": "recorded", "stage": "stage",
           "cal": "ATMP pathways"},
    "sv": {"pathway": "vårdförlopp", "planned": "planerad", "recorded": "registrerad", "stage": "skede",
           "cal": "ATMP-vårdförlopp"},
}


def initials(given_name: str, family_name: str) -> str:
    """``Anna Maria``, ``Berg`` → ``A.M.B.``: letters only, never the personnummer."""
    parts = [p for p in f"{given_name} {family_name}".replace("-", " ").split() if p]
    return "".join(f"{p[0].upper()}." for p in parts) or "?"


def event_uid(pathway_id: int, label: str, site: str) -> str:
    """The UID of one event in every export (see the module docstring)."""
    return f"pathway-{pathway_id}-{label.replace('#', '-')}@{site}.atmp-desktop"


@dataclass(frozen=True)
class IcsEvent:
    """What one ``VEVENT`` is made from (plain values; built by :meth:`IcsService.events`)."""

    row: "EventRow"
    given_name: str
    family_name: str
    version: int
    updated_at: datetime | None


def _split_name(patient_name: str) -> tuple[str, str]:
    family, _, given = patient_name.partition(", ")
    return given, family


def build_calendar(events: Iterable[IcsEvent], tz: ZoneInfo, *, lang: str = "en", full_name: bool = False,
                   stamp: datetime | None = None, name: str | None = None) -> bytes:
    """The iCalendar file (bytes, UTF-8, CRLF lines) for *events*, times in *tz*."""
    from icalendar import Calendar
    from icalendar import Event as VEvent
    from icalendar import Timezone

    words = _WORDS.get(lang, _WORDS["en"])
    stamp = (stamp or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name or words["cal"])
    cal.add("x-wr-timezone", tz.key)
    years: set[int] = set()
    for item in events:
        r = item.row
        start = r.actual_start if r.actual_start is not None else r.start
        end = r.actual_end if (r.actual_start is not None or r.actual_end is not None) else r.end
        who = f"{item.given_name} {item.family_name}" if full_name else initials(item.given_name, item.family_name)
        what = event_name(r.label, lang)
        ev = VEvent()
        ev.add("uid", event_uid(r.pathway_id, r.label, r.site))
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{what[:1].upper()}{what[1:]} – {who} · {r.product.capitalize()} · "
                          f"{words['pathway']} {r.pathway_id}")
        if isinstance(start, datetime):
            years.add(start.astimezone(tz).year)
            ev.add("dtstart", start.astimezone(tz))
            if isinstance(end, datetime) and end >= start:
                ev.add("dtend", end.astimezone(tz))
        else:
            last = end if isinstance(end, date) and not isinstance(end, datetime) and end >= start else start
            ev.add("dtstart", start)
            ev.add("dtend", last + timedelta(days=1))
        state = words["recorded"] if r.actual_start is not None else words["planned"]
        stage = STAGE_NAMES.get(lang, STAGE_NAMES["en"]).get(r.stage, r.stage)
        ev.add("description", f"{words['pathway']} {r.pathway_id} · {r.product} · {state} · "
                              f"{words['stage']}: {stage}")
        ev.add("categories", [r.kind])
        ev.add("status", "CANCELLED" if r.stage == "cancelled" else "CONFIRMED")
        ev.add("transp", "OPAQUE" if isinstance(start, datetime) else "TRANSPARENT")
        ev.add("sequence", max(0, int(item.version)))
        if item.updated_at is not None:
            ev.add("last-modified", item.updated_at.astimezone(timezone.utc).replace(microsecond=0))
        cal.add_component(ev)
    # The site's VTIMEZONE with the daylight-saving rules of the years the events fall in (a
    # whole-range one lists every change from 1970 to 2038); a calendar of day events needs none.
    if years:
        cal.add_component(Timezone.from_tzid(tz.key, first_date=date(min(years), 1, 1),
                                             last_date=date(max(years) + 1, 12, 31)))
        cal.subcomponents.insert(0, cal.subcomponents.pop())
    return cal.to_ical()


class IcsService(Service):
    """Build the iCalendar export of one site's schedule."""

    def events(self, site: str, first: date, last: date) -> list[IcsEvent]:
        if last < first:
            raise ValidationError(f"the last day {last.isoformat()} is before the first {first.isoformat()}")
        if (last - first).days > MAX_DAYS:
            raise ValidationError(f"at most {MAX_DAYS} days in one calendar file; choose a shorter range")
        self.services.sites.get(site)  # an unknown site is refused by name
        rows = self.services.pathways.events_between(first, last, site)
        meta = {p.id: p for p in self.services.pathways.rows(site=site)}
        out = []
        for r in rows:
            p = meta.get(r.pathway_id)
            given, family = (p.given_name, p.family_name) if p else _split_name(r.patient_name)
            out.append(IcsEvent(r, given, family, p.version if p else 0, p.updated_at if p else None))
        return out

    def export(self, site: str, first: date, last: date, *, lang: str = "en", full_name: bool = False,
               stamp: datetime | None = None) -> tuple[bytes, int]:
        """``(file bytes, number of events)`` for *site*'s events on *first*…*last*."""
        tz = ZoneInfo(self.services.sites.get(site).timezone)
        events = self.events(site, first, last)
        name = f"{_WORDS.get(lang, _WORDS['en'])['cal']} – {self.services.sites.get(site).name}"
        return build_calendar(events, tz, lang=lang, full_name=full_name, stamp=stamp, name=name), len(events)


def default_range(today: date) -> tuple[date, date]:
    """From this week's Monday to four weeks later (what a ward plans by)."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=34)


def parse_range(first: date | None, last: date | None, today: date) -> tuple[date, date]:
    d_first, d_last = default_range(today)
    first = first or (d_first if last is None else last - timedelta(days=34))
    last = last or first + timedelta(days=34)
    return first, last


__all__: Sequence[str] = ("IcsService", "build_calendar", "event_uid", "initials", "parse_range")
