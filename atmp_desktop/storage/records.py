"""Plain records the store hands out besides the domain's ``Pathway``/``Event``.

They are frozen dataclasses (except :class:`StoredPathway`, which wraps an
editable ``Pathway``) so that a view can keep them without fear that a save
somewhere else changes them under it.

Making a dataclass costs about half a millisecond, and the window's first
screen needs only :class:`Site`, :class:`User` and :class:`EventRow`: the
others are defined in :mod:`atmp_desktop.storage.records_more` and loaded
from there on first use (``from atmp_desktop.storage.records import Patient``
works as always).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:  # annotations only: the start-up need not load the planner
    from atmp_desktop.domain.calendar import SiteCalendar
    from atmp_desktop.domain.planner import PlanSettings
    from atmp_desktop.domain.timeutil import When
    from atmp_desktop.storage.records_more import (  # noqa: F401 - for type checkers; see __getattr__
        AuditEntry,
        AuditProblem,
        PathwayRow,
        Patient,
        ProfileVersion,
        SignOff,
        StoredPathway,
        VerifyReport,
    )

ROLES = ("coordinator", "pharmacist", "nurse", "administrator")
SEXES = ("F", "M", "X")


@dataclass(frozen=True)
class Site:
    """A treating site: its time zone, working-day calendar and planning habits."""

    id: str
    name: str
    timezone: str
    calendar: SiteCalendar
    planning: dict[str, Any] | None = None
    updated_by: str = ""
    updated_at: datetime | None = None

    def plan_settings(self) -> PlanSettings:
        """The planner's settings for this site (times of day, shipment days)."""
        from atmp_desktop.domain.planner import PlanSettings

        if not self.planning:
            return PlanSettings()
        from datetime import time

        values: dict[str, Any] = {}
        for key, value in self.planning.items():
            if key.endswith("_time") and isinstance(value, str):
                value = time.fromisoformat(value)
            values[key] = value
        return PlanSettings(**values)


@dataclass(frozen=True)
class User:
    """A user of the store (never carries the password or its hash)."""

    username: str
    display_name: str
    role: str
    site: str | None = None
    active: bool = True
    updated_by: str = ""
    updated_at: datetime | None = None
    #: The only sites this user may see and change; None: every site.
    sites: tuple[str, ...] | None = None


@dataclass(frozen=True)
class EventRow:
    """One event of one pathway in a date range (for Today and Calendar views)."""

    pathway_id: int
    patient_id: int
    patient_name: str
    identifier: str
    site: str
    product: str
    stage: str
    kind: str
    label: str
    start: When
    end: When | None
    actual_start: When | None
    actual_end: When | None
    first_day: date
    last_day: date
    open_errors: int
    open_warnings: int
    #: The event's protocol details (``markers``, ``drug``, ``cycle``; see pathway.EVENT_DETAILS), or None.
    details: Mapping[str, Any] | None = None


#: Records defined in :mod:`atmp_desktop.storage.records_more`, loaded on first use (PEP 562).
_MORE = frozenset({
    "AuditEntry", "AuditProblem", "PathwayRow", "Patient", "ProfileVersion", "SignOff", "StoredPathway",
    "VerifyReport",
})


def __getattr__(name: str) -> Any:
    if name in _MORE:
        from atmp_desktop.storage import records_more

        value = getattr(records_more, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
