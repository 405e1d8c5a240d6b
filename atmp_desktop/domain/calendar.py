"""A site's working days, per activity: weekends, Swedish holidays and local closed days.

Public holidays come from the ``holidays`` package (Sweden, category PUBLIC).
Christmas Eve, Midsummer Eve and New Year's Eve are not public holidays but
are treated like Sundays in Swedish working life (the package's DE_FACTO
category); they are closed by default and each can be opened per site.
Each activity (apheresis unit, cell lab, ward infusions) has its own open
weekdays and hours, and a site can add its own closed or open dates.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import lru_cache
from typing import Any, Iterator, Mapping

from atmp_desktop.domain.timeutil import DEFAULT_TIMEZONE

#: The staffed activities a site calendar knows.
ACTIVITIES = ("apheresis", "cell_lab", "ward")

#: Local closed days that are closed by default, by the Swedish name the holidays package uses.
DEFAULT_CLOSED_EVES = ("midsummer_eve", "christmas_eve", "new_years_eve")
_EVE_NAMES = {
    "Midsommarafton": "midsummer_eve",
    "Julafton": "christmas_eve",
    "Nyårsafton": "new_years_eve",
}
_EVE_LABELS = {
    "midsummer_eve": {"en": "Midsummer Eve", "sv": "Midsommarafton"},
    "christmas_eve": {"en": "Christmas Eve", "sv": "Julafton"},
    "new_years_eve": {"en": "New Year's Eve", "sv": "Nyårsafton"},
}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
}


def holidays_loaded() -> bool:
    """Whether the ``holidays`` package's countries are imported yet.

    The first closed-day question of a process imports them (every country
    the package knows: a fifth of a second or so); a view that must paint
    quickly can show its days first and ask after the paint while this is False.
    """
    return "holidays.countries" in sys.modules


@lru_cache(maxsize=256)
def _public_holidays(country: str, year: int, lang: str) -> Mapping[date, str]:
    import holidays  # imported on first use: it costs a good part of the application's start-up

    language = "sv" if lang == "sv" else "en_US"
    return dict(holidays.country_holidays(country, years=year, language=language))


@lru_cache(maxsize=256)
def _eves(country: str, year: int) -> Mapping[date, str]:
    import holidays

    de_facto = holidays.country_holidays(
        country, years=year, categories=("de_facto",), language="sv"
    )
    return {d: _EVE_NAMES[n] for d, n in de_facto.items() if n in _EVE_NAMES}


@dataclass(frozen=True)
class ActivityHours:
    """When one activity is staffed: its weekdays (0 = Monday) and its hours."""

    weekdays: frozenset[int] = frozenset(range(5))
    opens: time = time(8, 0)
    closes: time = time(16, 0)


@dataclass
class SiteCalendar:
    """Working days of one site, per activity."""

    country: str = "SE"
    timezone: str = DEFAULT_TIMEZONE
    closed_eves: tuple[str, ...] = DEFAULT_CLOSED_EVES
    extra_closed: Mapping[date, str] = field(default_factory=dict)
    extra_open: frozenset[date] = frozenset()
    activities: Mapping[str, ActivityHours] = field(
        default_factory=lambda: {a: ActivityHours() for a in ACTIVITIES}
    )

    def __post_init__(self) -> None:
        for eve in self.closed_eves:
            if eve not in _EVE_LABELS:
                raise ValueError(f"unknown closed day {eve!r}; known: {', '.join(_EVE_LABELS)}")
        self._cache: dict[tuple[date, str], bool] = {}

    # -- queries -----------------------------------------------------------

    def hours(self, activity: str) -> ActivityHours:
        try:
            return self.activities[activity]
        except KeyError:
            raise ValueError(f"unknown activity {activity!r}") from None

    def is_open(self, day: date, activity: str) -> bool:
        key = (day, activity)
        hit = self._cache.get(key)
        if hit is None:
            hit = self.closed_reason(day, activity) is None
            self._cache[key] = hit
        return hit

    def closed_reason(self, day: date, activity: str, lang: str = "en") -> str | None:
        """Why *activity* is closed on *day* (a holiday's name, a weekday), or None if open."""
        if day in self.extra_open:
            return None
        if day in self.extra_closed:
            return self.extra_closed[day]
        public = _public_holidays(self.country, day.year, lang)
        if day in public:
            return public[day]
        eve = _eves(self.country, day.year).get(day)
        if eve in self.closed_eves:
            return _EVE_LABELS[eve]["sv" if lang == "sv" else "en"]
        if day.weekday() not in self.hours(activity).weekdays:
            return _WEEKDAYS["sv" if lang == "sv" else "en"][day.weekday()]
        return None

    def next_open(self, day: date, activity: str, step: int = 1, limit: int = 60) -> date:
        """The first open day for *activity* from *day* on (step -1 searches backwards)."""
        for _ in range(limit):
            if self.is_open(day, activity):
                return day
            day += timedelta(days=step)
        raise ValueError(f"no open day for {activity} within {limit} days")

    def open_days(self, start: date, end: date, activity: str) -> Iterator[date]:
        day = start
        while day <= end:
            if self.is_open(day, activity):
                yield day
            day += timedelta(days=1)

    # -- configuration -----------------------------------------------------

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> "SiteCalendar":
        """Build from a JSON-style mapping (as kept in the store's site settings)."""
        if not config:
            return cls()
        activities = {}
        for name in ACTIVITIES:
            spec = (config.get("activities") or {}).get(name) or {}
            activities[name] = ActivityHours(
                frozenset(spec.get("weekdays", range(5))),
                time.fromisoformat(spec.get("opens", "08:00")),
                time.fromisoformat(spec.get("closes", "16:00")),
            )
        return cls(
            country=config.get("country", "SE"),
            timezone=config.get("timezone", DEFAULT_TIMEZONE),
            closed_eves=tuple(config.get("closed_eves", DEFAULT_CLOSED_EVES)),
            extra_closed={date.fromisoformat(k): v for k, v in config.get("extra_closed", {}).items()},
            extra_open=frozenset(date.fromisoformat(d) for d in config.get("extra_open", [])),
            activities=activities,
        )

    def to_config(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "timezone": self.timezone,
            "closed_eves": list(self.closed_eves),
            "extra_closed": {d.isoformat(): why for d, why in sorted(self.extra_closed.items())},
            "extra_open": sorted(d.isoformat() for d in self.extra_open),
            "activities": {
                name: {
                    "weekdays": sorted(h.weekdays),
                    "opens": h.opens.strftime("%H:%M"),
                    "closes": h.closes.strftime("%H:%M"),
                }
                for name, h in self.activities.items()
            },
        }


#: Which activity staffs each event kind; kinds not listed are not checked for closed days.
STAFFED_EVENTS: Mapping[str, str] = {
    "apheresis": "apheresis",
    "product_receipt": "cell_lab",
    "thaw": "cell_lab",
    "infusion": "ward",
}
