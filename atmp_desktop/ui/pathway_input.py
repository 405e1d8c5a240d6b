"""What users type about a pathway, and how its times, people and refusals are shown.

Plain functions (translated under the ``PathwayInput`` context) shared by the
Pathway view, its event table and the pathway dialogs: reading a typed date or
date and time, the 24-hour local form times are shown and edited in, who did
something ("Display Name (role)"), and a save conflict in words.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.messages import STAGE_NAMES  # noqa: F401
from atmp_desktop.domain.stage_words import stage_name
from atmp_desktop.domain.timeutil import TimeError, When
from atmp_desktop.services import ConflictError
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.signin import role_name


_WHEN_SHAPE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?\s*$")


class InputError(ValueError):
    """Something typed that cannot be used; the message is one translated line."""


def parse_user_when(text: str, tz, what: str) -> When:
    """A date (``2026-12-01``) or a local date and time (``2026-12-01 09:15``) typed by a user."""
    text = (text or "").strip()
    if not _WHEN_SHAPE.match(text):
        raise InputError(QCoreApplication.translate(
            "PathwayInput", "{0}: \"{1}\" is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM)"
        ).format(what, text))
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d:", text):
        text = text[:11] + "0" + text[11:]  # "9:15" is how people type it
    try:
        return timeutil.parse_when(text, tz, what)
    except TimeError as exc:
        raise InputError(refusal_message(exc)) from None  # in the UI language


def parse_user_date(text: str, what: str) -> date:
    text = (text or "").strip()
    try:
        return timeutil.parse_date(text, what)
    except TimeError:
        raise InputError(QCoreApplication.translate(
            "PathwayInput", "{0}: \"{1}\" is not a date (YYYY-MM-DD)").format(what, text)) from None


def when_text(value: When | None, tz) -> str:
    """How a date or moment is shown and edited: ISO date, 24-hour local time."""
    return "" if value is None else timeutil.format_human(value, tz)


def ordered(start: When, end: When | None, tz) -> bool:
    """True when *end* is not before *start* (days compared as local days)."""
    if end is None:
        return True
    if isinstance(start, datetime) and isinstance(end, datetime):
        return end >= start
    return timeutil.local_day(end, tz) >= timeutil.local_day(start, tz)


def user_name(services, username: str | None) -> str:
    """Who did something, in the UI language: "Display Name (role)" when the store knows the user.

    The role is translated (:func:`~atmp_desktop.ui.signin.role_name`); the
    username follows it when it is not just the role's English name:
    "Johan Ek (sjuksköterska, nurse2)", "Sara Berg (sjuksköterska)".
    """
    if not username:
        return ""
    try:
        user = services.users.get(username)
    except Exception:  # an unknown or imported name is shown as it is
        user = None
    if user is None:
        return username
    role = getattr(user, "role", None)
    if not role:
        return f"{user.display_name} ({username})"
    about = role_name(role) if username == role else f"{role_name(role)}, {username}"
    return f"{user.display_name} ({about})"


def conflict_text(services, exc: ConflictError, tz=None) -> str:
    """The conflict in the UI language: who saved the pathway, and when, after it was opened."""
    tz = tz or timeutil.zone(timeutil.DEFAULT_TIMEZONE)
    when = timeutil.format_human(exc.changed_at, tz) if exc.changed_at else "?"
    return QCoreApplication.translate(
        "PathwayInput",
        "Not saved: {0} changed this pathway at {1}, after you opened it (now version {2}). "
        "Your changes are kept here; reload to see theirs, then apply yours again.",
    ).format(user_name(services, exc.changed_by) or "?", when, exc.current_version if exc.current_version else "?")


def refusal_text(services, exc: BaseException, tz=None, lang: str | None = None) -> str:
    """A refusal in the UI language *lang*: a conflict says who saved first; any other, its own line."""
    if isinstance(exc, ConflictError):
        return conflict_text(services, exc, tz)
    return refusal_message(exc, lang)


def span_text(span: tuple[When, When | None] | None, tz) -> str:
    """``2026-12-15 10:15–11:15``, ``2026-11-19 – 2026-11-21``, or a dash for none."""
    if span is None:
        return "—"
    start, end = span
    text = when_text(start, tz)
    if end is None:
        return text
    if isinstance(start, datetime) and isinstance(end, datetime) and \
            timeutil.local_day(start, tz) == timeutil.local_day(end, tz):
        return f"{text}–{timeutil.format_clock(end, tz)}"
    return f"{text} – {when_text(end, tz)}"


def stage_text(stage: str | None, lang: str, product: str | None = None) -> str:
    """The stage's words; a conditioned product's (Casgevy) pre-infusion stage reads "conditioning running"."""
    return stage_name(stage, lang, product)
