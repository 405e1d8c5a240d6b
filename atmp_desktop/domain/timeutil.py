"""Dates and moments: parsing, time zones and durations in real minutes.

Rules kept here, in one place:

* A *moment* is a timezone-aware ``datetime``; a *day* is a ``date``.
* A time written without an offset is local wall-clock time in the pathway's
  time zone. A local time that does not exist (the hour skipped when clocks go
  forward) or that exists twice (the hour repeated when clocks go back) is
  refused: the writer must add the offset, so nothing is guessed.
* Durations are measured in UTC, so a thaw across a daylight-saving change is
  counted in real minutes (Python's subtraction of two datetimes that share a
  tzinfo object would count wall-clock minutes instead).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Stockholm"
#: Dates outside these years are refused as typing errors (and to keep date arithmetic in range).
MIN_YEAR, MAX_YEAR = 1900, 2999

When = date | datetime

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$"
)


class TimeError(ValueError):
    """A date or time that cannot be read unambiguously."""


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The time zone called *name*, or :class:`TimeError` naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones ('Europe'), a name too long
        raise TimeError(f"unknown time zone {name!r}") from None


def parse_date(text: str, what: str = "date") -> date:
    """Read ``YYYY-MM-DD``; an impossible date such as 2026-02-30 is refused."""
    if not isinstance(text, str) or not _DATE_RE.match(text.strip()):
        raise TimeError(f"{what}: {text!r} is not a date of the form YYYY-MM-DD")
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise TimeError(f"{what}: {text} is not a real calendar date") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        # Years 1 and 9999 are real dates to Python but overflow as soon as a
        # time is moved to UTC or a few days are added; no pathway needs them.
        raise TimeError(f"{what}: {text} is outside the years {MIN_YEAR}-{MAX_YEAR}")
    return day


def localize(naive: datetime, tz: ZoneInfo, what: str = "time") -> datetime:
    """Attach *tz* to a wall-clock time, refusing skipped and repeated local times."""
    first = naive.replace(tzinfo=tz, fold=0)
    second = naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        # zoneinfo gives fold 0 and fold 1 different offsets both for a skipped
        # and for a repeated local time; equal offsets mean neither.
        return first
    roundtrip = first.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None)
    if roundtrip != naive:
        raise TimeError(
            f"{what}: {naive:%Y-%m-%d %H:%M} does not exist in {tz.key} "
            "(clocks go forward at that hour)"
        )
    if first.utcoffset() != second.utcoffset():
        raise TimeError(
            f"{what}: {naive:%Y-%m-%d %H:%M} happens twice in {tz.key} (clocks go back at "
            f"that hour); write it with its offset, {_offset(first)} or {_offset(second)}"
        )
    return first


def parse_when(text: str, tz: ZoneInfo, what: str = "time") -> When:
    """Read a date (``YYYY-MM-DD``) or a moment (``YYYY-MM-DDTHH:MM[:SS][offset]``)."""
    if not isinstance(text, str):
        raise TimeError(f"{what}: expected a date or time as text, got {text!r}")
    text = text.strip()
    if _DATE_RE.match(text):
        return parse_date(text, what)
    m = _DATETIME_RE.match(text)
    if not m:
        raise TimeError(
            f"{what}: {text!r} is not a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM)"
        )
    day = parse_date(m.group(1), what)
    hour, minute, second = int(m.group(2)), int(m.group(3)), int(m.group(4) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise TimeError(f"{what}: {text} is not a real time of day")
    naive = datetime(day.year, day.month, day.day, hour, minute, second)
    offset = m.group(5)
    if offset is None:
        return localize(naive, tz, what)
    if offset == "Z":
        moment = naive.replace(tzinfo=timezone.utc)
    else:
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise TimeError(f"{what}: {text} has an impossible offset")
        moment = naive.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    # The moment is written back in local time at the site: that day must be readable too.
    try:
        local_year = moment.astimezone(tz).year
    except OverflowError:
        local_year = 0
    if not MIN_YEAR <= local_year <= MAX_YEAR:
        raise TimeError(f"{what}: {text} is outside the years {MIN_YEAR}-{MAX_YEAR} in {tz.key}")
    return moment


def is_moment(value: When | None) -> bool:
    return isinstance(value, datetime)


def local_day(value: When, tz: ZoneInfo) -> date:
    """The calendar day of *value* at the site."""
    if isinstance(value, datetime):
        return value.astimezone(tz).date()
    return value


def at(day: date, hour: int, minute: int, tz: ZoneInfo) -> datetime:
    """The moment *hour*:*minute* local time on *day* (must not fall in a DST gap)."""
    return localize(datetime(day.year, day.month, day.day, hour, minute), tz)


def minutes_between(start: datetime, end: datetime) -> float:
    """Real minutes from *start* to *end*, whatever the time zones or DST changes."""
    if start.tzinfo is None or end.tzinfo is None:
        raise TypeError("minutes_between needs timezone-aware datetimes")
    delta = end.astimezone(timezone.utc) - start.astimezone(timezone.utc)
    return delta.total_seconds() / 60.0


def add_minutes(moment: datetime, minutes: float, tz: ZoneInfo) -> datetime:
    """*moment* plus *minutes* of real time, expressed in local time at the site."""
    utc = moment.astimezone(timezone.utc) + timedelta(minutes=minutes)
    return utc.astimezone(tz)


def _offset(dt: datetime) -> str:
    off = dt.utcoffset() or timedelta(0)
    total = int(off.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return f"{sign}{total // 60:02d}:{total % 60:02d}"


def format_when(value: When, tz: ZoneInfo) -> str:
    """Unambiguous text: ``YYYY-MM-DD`` for a day, local time with its offset for a moment."""
    if isinstance(value, datetime):
        local = value.astimezone(tz)
        return f"{local:%Y-%m-%dT%H:%M}{_offset(local)}"
    return value.isoformat()


def format_human(value: When, tz: ZoneInfo) -> str:
    """Readable text for messages: ``2027-01-04`` or ``2027-01-04 09:30`` (24-hour, local)."""
    if isinstance(value, datetime):
        return f"{value.astimezone(tz):%Y-%m-%d %H:%M}"
    return value.isoformat()


def format_clock(value: datetime, tz: ZoneInfo) -> str:
    return f"{value.astimezone(tz):%H:%M}"
