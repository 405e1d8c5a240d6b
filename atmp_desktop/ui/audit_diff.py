"""An audit entry's change, field by field (plain Python, no Qt).

A row state is flattened to ``{path: value}``; a pathway's events are keyed
by their label (``thaw``, ``infusion#2``), so moving one event shows as that
event's changed times. Times are shown in local time without seconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from collections.abc import Iterable

from atmp_desktop.domain.timeutil import DEFAULT_TIMEZONE, zone


#: Bookkeeping that every change touches; the entry's own who/when already says it.
HIDDEN_FIELDS = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by",
                           "seq", "day_first", "day_last"})


#: The time zone audit times are shown in.
AUDIT_TZ = zone(DEFAULT_TIMEZONE)


def _maybe_json(value: Any) -> Any:
    # Some columns hold JSON text (a site's calendar, a profile's raw entry, temperatures).
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def flatten(state: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """A row state as ``{path: scalar}``; events keyed by their label, other lists by position."""
    out: dict[tuple[str, ...], Any] = {}
    state = _maybe_json(state)
    if isinstance(state, dict):
        for key, value in state.items():
            if key in HIDDEN_FIELDS:
                continue
            if key == "events" and isinstance(value, list):
                for label, event in _labelled(value):
                    # The label already names the event's kind.
                    if isinstance(event, dict):
                        event = {k: v for k, v in event.items() if k != "kind"}
                    out.update(flatten(event, prefix + ("events", label)))
            else:
                out.update(flatten(value, prefix + (str(key),)))
    elif isinstance(state, list) and any(isinstance(v, (dict, list)) for v in state):
        for i, value in enumerate(state):
            out.update(flatten(value, prefix + (str(i + 1),)))
    else:
        out[prefix] = state
    return out


def _labelled(events: list[Any]) -> Iterable[tuple[str, Any]]:
    totals: dict[str, int] = {}
    for e in events:
        if isinstance(e, dict):
            totals[str(e.get("kind"))] = totals.get(str(e.get("kind")), 0) + 1
    seen: dict[str, int] = {}
    for e in events:
        kind = str(e.get("kind")) if isinstance(e, dict) else "?"
        seen[kind] = seen.get(kind, 0) + 1
        yield (kind if totals.get(kind, 1) == 1 else f"{kind}#{seen[kind]}"), e


@dataclass(frozen=True)
class Change:
    path: tuple[str, ...]
    before: Any
    after: Any


def diff(before: Any, after: Any) -> list[Change]:
    """The fields that differ between two row states (all of them for an insert or a delete)."""
    a, b = flatten(before) if before is not None else {}, flatten(after) if after is not None else {}
    changes = []
    for path in list(a) + [p for p in b if p not in a]:
        old, new = a.get(path), b.get(path)
        if old != new:
            changes.append(Change(path, old, new))
    if before is not None and after is not None:
        return changes
    return [c for c in changes if (c.after if before is None else c.before) is not None]


def value_text(value: Any) -> str:
    """A stored value as a person reads it: local times without seconds, lists joined."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        if len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return value
            if moment.tzinfo is not None:
                return moment.astimezone(AUDIT_TZ).strftime("%Y-%m-%d %H:%M")
        return value
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    return str(value)
