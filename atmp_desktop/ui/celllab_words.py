"""The Cell lab view's words for states (never colour alone), its icons and its shading.

Functions rather than methods so that the view stays one screen's worth of
code (issue 11); the texts keep the view's translation context, ``CellLabView``.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QIcon

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.findings import Severity
from atmp_desktop.ui.calendar_cells import icon as severity_icon
from atmp_desktop.domain.messages import event_title
from atmp_desktop.ui.celllab_data import Countdown, Expiry, Hold, PreThaw, Temperature, format_minutes
from atmp_desktop.ui.celllab_models import Column

AMBER = QColor(255, 224, 178)
RED = QColor(255, 205, 210)
_AMBER, _RED = AMBER, RED


def fmt(value: Any, tz) -> str:
    if value is None:
        return "—"
    return timeutil.format_human(value, tz)


def clock_or_day(value: Any, tz, today: date) -> str:
    """``10:00`` today, else ``2026-11-30 10:00`` (or the date alone)."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        local = value.astimezone(tz)
        return f"{local:%H:%M}" if local.date() == today else f"{local:%Y-%m-%d %H:%M}"
    return value.isoformat()


_fmt, _clock_or_day = fmt, clock_or_day


def countdown_text(c: Countdown) -> str:
    if c.state == "unknown":
        return QCoreApplication.translate("CellLabView", "Limit unknown — confirm with the pharmacist")
    if c.state == "no_time":
        return QCoreApplication.translate("CellLabView", "No thaw time: the {0} min limit cannot be counted").format(c.limit)
    if c.state == "planned":
        return QCoreApplication.translate("CellLabView", "Not thawed yet · limit {0} min").format(c.limit)
    if c.state in ("done", "done_late"):
        used = math.ceil(c.used or 0)
        if c.state == "done":
            return QCoreApplication.translate("CellLabView", "Infused within the limit ({0} of {1} min)").format(used, c.limit)
        return QCoreApplication.translate("CellLabView", "Infused {0} min after thaw — OVER the {1} min limit").format(used, c.limit)
    left = c.minutes_left or 0.0
    if c.state == "overdue":
        return QCoreApplication.translate("CellLabView", "OVERDUE by {0}").format(format_minutes(math.ceil(-left)))
    text = QCoreApplication.translate("CellLabView", "{0} left").format(format_minutes(math.floor(left)))
    if c.state == "critical":
        text += " — " + QCoreApplication.translate("CellLabView", "infuse now")
    elif c.state == "soon":
        text += " — " + QCoreApplication.translate("CellLabView", "limit near")
    return text

def pre_thaw_text(c: PreThaw, lang: str) -> str:
    """``Conditioning (busulfan): day 2 of 4`` · ``… last dose 2027-04-15, thaw 3 days after``."""
    if c.state == "none" or c.course is None:
        return QCoreApplication.translate("CellLabView", "No course before the thaw")
    name = event_title(c.course.label, c.course.extra, lang)
    name = name[:1].upper() + name[1:]
    if c.state == "running":
        text = QCoreApplication.translate("CellLabView", "{0}: day {1} of {2} today").format(name, c.day, c.days)
    elif c.state == "done":
        text = QCoreApplication.translate("CellLabView", "{0}: given, last day {1}").format(name, c.last.isoformat())
    elif c.first == c.last:
        text = QCoreApplication.translate("CellLabView", "{0}: planned {1}").format(name, c.first.isoformat())
    else:
        text = QCoreApplication.translate("CellLabView", "{0}: planned {1} – {2}").format(name, c.first.isoformat(), c.last.isoformat())
    if c.gap is not None:
        text += " · " + QCoreApplication.translate("CellLabView", "thaw {0} days after").format(c.gap)
    return text


def countdown_tooltip(r: Any) -> str:
    c = r.countdown
    if c.state == "unknown":
        return QCoreApplication.translate("CellLabView", "The label found gives no thaw-to-infusion limit for this product; "
                       "no countdown is shown. Confirm the limit with the pharmacist.")
    if c.origin is None or c.infuse_by is None:
        return countdown_text(c)
    origin = QCoreApplication.translate("CellLabView", "removal from frozen storage") if r.removal else (
        QCoreApplication.translate("CellLabView", "end of thaw") if c.counts_from == "thaw_end" else QCoreApplication.translate("CellLabView", "start of thaw"))
    return QCoreApplication.translate("CellLabView", "Infuse by {0}: {1} min from the {2} ({3}), counted in real minutes.").format(
        _fmt(c.infuse_by, r.tz), c.limit, origin, _fmt(c.origin, r.tz))

def countdown_icon(c: Countdown) -> QIcon | None:
    if c.state in ("critical", "overdue", "done_late"):
        return severity_icon(Severity.ERROR)
    if c.state in ("soon", "unknown", "no_time"):
        return severity_icon(Severity.WARNING)
    return None

def countdown_brush(c: Countdown) -> QBrush | None:
    if c.state in ("critical", "overdue", "done_late"):
        return QBrush(_RED)
    if c.state == "soon":
        return QBrush(_AMBER)
    return None

def hold_text(h: Hold, tz, received: Any = None) -> str:
    # Placed on the day it was received (the usual case): the time alone, the day is beside it.
    ref = timeutil.local_day(received, tz) if received is not None else None
    placed = _clock_or_day(h.placed, tz, ref) if ref else _fmt(h.placed, tz)
    until = _clock_or_day(h.until, tz, ref) if ref else _fmt(h.until, tz)
    if h.state == "in_time":
        return QCoreApplication.translate("CellLabView", "Stored {0} · within the hold").format(placed)
    if h.state == "late":
        return QCoreApplication.translate("CellLabView", "Stored {0} · AFTER the hold ended ({1})").format(placed, until)
    if h.state == "unknown":
        if h.placed is not None:
            return QCoreApplication.translate("CellLabView", "Stored {0} · shipper hold not recorded").format(placed)
        return QCoreApplication.translate("CellLabView", "Not in storage yet · shipper hold not recorded")
    if h.state == "overdue":
        return QCoreApplication.translate("CellLabView", "Not in storage · shipper hold ENDED {0} ago — place in storage now").format(
            format_minutes(math.ceil(-(h.minutes_left or 0))))
    if h.state in ("waiting", "soon"):
        return QCoreApplication.translate("CellLabView", "Not in storage yet · shipper hold ends in {0} ({1})").format(
            format_minutes(math.floor(h.minutes_left or 0)), _fmt(h.until, tz))
    return "—"

def hold_icon(h: Hold) -> QIcon | None:
    if h.state in ("late", "overdue"):
        return severity_icon(Severity.ERROR)
    if h.state in ("soon", "unknown"):
        return severity_icon(Severity.WARNING)
    return None

def hold_brush(h: Hold) -> QBrush | None:
    if h.state in ("late", "overdue"):
        return QBrush(_RED)
    if h.state == "soon":
        return QBrush(_AMBER)
    return None

def temperature_text(t: Temperature) -> str:
    def c(v: float) -> str:
        return f"{v:g}".replace("-", "−") + " °C"

    if t.state == "not_logged":
        return QCoreApplication.translate("CellLabView", "Not logged")
    if t.state == "unknown_limit":
        return QCoreApplication.translate("CellLabView", "{0} · limit unknown — confirm with the pharmacist").format(c(t.warmest))
    if t.state == "too_warm":
        return QCoreApplication.translate("CellLabView", "{0} — ABOVE the limit (≤ {1})").format(c(t.warmest), c(t.limit))
    return QCoreApplication.translate("CellLabView", "{0} · limit ≤ {1}").format(c(t.warmest), c(t.limit))

def temperature_icon(t: Temperature) -> QIcon | None:
    if t.state == "too_warm":
        return severity_icon(Severity.ERROR)
    if t.state in ("unknown_limit",):
        return severity_icon(Severity.WARNING)
    return None

def expiry_text(e: Expiry) -> str:
    if e.state == "missing":
        return QCoreApplication.translate("CellLabView", "Expiry not recorded")
    if e.state == "expired":
        return QCoreApplication.translate("CellLabView", "EXPIRED {0} ({1} days ago)").format(e.day.isoformat(), -e.days_left)  # type: ignore
    return QCoreApplication.translate("CellLabView", "{0} · {1} days left").format(e.day.isoformat(), e.days_left)  # type: ignore[union-attr]

def expiry_icon(e: Expiry) -> QIcon | None:
    if e.state == "expired":
        return severity_icon(Severity.ERROR)
    if e.state in ("soon", "missing"):
        return severity_icon(Severity.WARNING)
    return None


def findings_column() -> Column:
    """Open findings with their icon and count; sorted worst first."""
    def text(r) -> str:
        parts = []
        if r.errors:
            parts.append(QCoreApplication.translate("CellLabView", "Errors: {0}").format(r.errors))
        if r.warnings:
            parts.append(QCoreApplication.translate("CellLabView", "Warnings: {0}").format(r.warnings))
        return ", ".join(parts) or QCoreApplication.translate("CellLabView", "None")

    def icon(r: Any) -> QIcon | None:
        if r.errors:
            return severity_icon(Severity.ERROR)
        if r.warnings:
            return severity_icon(Severity.WARNING)
        return None

    return Column(QCoreApplication.translate("CellLabView", "Findings"), text, icon=icon,
                  sort=lambda r: -(r.errors * 1000 + r.warnings))
