"""How values are written to and read from the store: dates, moments, JSON.

* A day is ``YYYY-MM-DD``.
* A moment is ISO 8601 with its UTC offset, in the pathway's (or site's) time
  zone: ``2027-01-04T09:00:00+01:00``; unambiguous, and readable in the
  sqlite3 shell. Read back, it is converted to that time zone (a ZoneInfo),
  so that day arithmetic on it keeps the wall clock across daylight saving.
* Audit times are UTC: ``2026-11-22T10:15:03.123456+00:00``.
* JSON is canonical (sorted keys, no spaces), so that the same value always
  gives the same text and the same audit hash.
"""

from __future__ import annotations

import gc
import json
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from atmp_desktop.domain.timeutil import When


def when_text(value: When | None, tz: ZoneInfo) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"refusing to store a time without a time zone: {value}")
        return value.astimezone(tz).isoformat()
    return value.isoformat()


def day_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def parse_day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


class WhenReader:
    """Reads stored dates and moments into one time zone, remembering what it has read.

    Many events share the same text (every thaw at 09:00 on a given day), and
    dates and datetimes are immutable, so a shared cache makes loading ten
    thousand pathways cheap.
    """

    __slots__ = ("_cache",)

    def __init__(self) -> None:
        self._cache: dict[tuple[str, ZoneInfo], When] = {}

    def __call__(self, text: str | None, tz: ZoneInfo) -> Any:
        if text is None:
            return None
        key = (text, tz)
        hit = self._cache.get(key)
        if hit is None:
            if len(text) == 10:
                hit = date.fromisoformat(text)
            else:
                hit = datetime.fromisoformat(text).astimezone(tz)
            self._cache[key] = hit
        return hit


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def utc_text(moment: datetime | None = None) -> str:
    return (moment or utc_now()).astimezone(timezone.utc).isoformat()


def parse_utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def json_or_none(value: Any) -> str | None:
    return None if value is None else canonical_json(value)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects at once.

    Loading ten thousand pathways creates a few hundred thousand objects, and
    each automatic full collection on the way traverses all of them: with the
    collector paused, ``check --all`` runs in about 60 % of the time. Nothing
    built here forms reference cycles that need the collector.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
