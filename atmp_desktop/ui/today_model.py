"""The Today view's item model: a tree of days, their events, and each event's open findings.

A thin adapter over the store's light event rows (``events_between``) and the
findings computed later (``set_details``); no SQL and no rules. It is on the
start-up path, so it keeps to plain-int roles (:mod:`atmp_desktop.ui.cells`)
and never touches PySide's ``Qt`` namespace (see ``cells``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QFont

from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.messages import event_title
from atmp_desktop.ui.cells import (
    DECORATION_ROLE,
    DISPLAY_ROLE,
    FONT_ROLE,
    TOOLTIP_ROLE,
    FindingCodeRole,
    PathwayIdRole,
    PatientIdRole,
    RowKindRole,
    counts_text,
    display_identifier,
    product_name,
    worst_severity,
)
from atmp_desktop.ui.findings import finding_text, severity_icon
from atmp_desktop.ui.today_data import TODAY_KINDS

_Index = QModelIndex | QPersistentModelIndex


# The tree's nodes are plain objects (compared by identity, as the model looks them up), not
# dataclasses: there are a thousand of them, and making three dataclasses costs the start-up ~1 ms.


class _DayNode:
    __slots__ = ("day", "title", "events")

    def __init__(self, day: date, title: str):
        self.day = day
        self.title = title
        self.events: list[_EventNode] = []


class _EventNode:
    __slots__ = ("day", "row", "day_number", "findings")

    def __init__(self, day: _DayNode, row: Any, day_number: int | None = None):
        self.day = day
        self.row = row  # EventRow
        self.day_number = day_number
        self.findings: list[Finding] | None = None  # None: not loaded yet (counts from the cache are shown)


class _FindingNode:
    __slots__ = ("event", "finding")

    def __init__(self, event: _EventNode, finding: Finding):
        self.event = event
        self.finding = finding


class TodayModel(QAbstractItemModel):
    """A tree: one top row per day, its events under it, each event's open findings under the event.

    Events arrive with the store's cached finding counts; :meth:`set_details`
    later adds the findings themselves as child rows (computed after the view
    is painted, so start-up does not wait for the checks).
    """

    COLUMNS = ("time", "day_number", "event", "patient", "identifier", "product", "site", "findings")

    def __init__(self, lang: str = "en", site_names: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.site_names = dict(site_names or {})
        self.days: list[_DayNode] = []
        self._by_pathway: dict[int, list[tuple[int, _EventNode]]] = {}
        # Children of events are _FindingNode objects; keep each node alive while the model shows it.
        self._finding_nodes: dict[int, list[_FindingNode]] = {}
        self._headers = (
            self.tr("Time"), self.tr("Day"), self.tr("Event"), self.tr("Patient"), self.tr("Personnummer"),
            self.tr("Product"), self.tr("Site"), self.tr("Open findings"),
        )

    # -- loading -----------------------------------------------------------------------

    def set_events(self, days: Sequence[tuple[date, str]], rows: Iterable[Any]) -> None:
        """Replace the contents: *days* (day, title) in order, *rows* the EventRows touching them."""
        self.beginResetModel()
        self.days = [_DayNode(d, title) for d, title in days]
        self._finding_nodes.clear()
        self._by_pathway: dict[int, list[tuple[int, _EventNode]]] = {}
        by_day = {node.day: node for node in self.days}
        for r in rows:
            if r.kind not in TODAY_KINDS:
                continue
            for node in self.days:
                # A multi-day event (lymphodepletion, conditioning, mobilisation, an IL-2 course) is listed on every day it covers.
                if r.first_day <= node.day <= r.last_day:
                    number = getattr(r, "infusion_day", None)
                    ev = _EventNode(node, r, (node.day - number).days if isinstance(number, date) else None)
                    if r.kind == "infusion" and ev.day_number is None and r.label in ("infusion", "infusion#1"):
                        ev.day_number = (node.day - r.first_day).days
                    by_day[node.day].events.append(ev)
        for node in self.days:
            node.events.sort(key=_event_sort_key)
            for row, ev in enumerate(node.events):
                self._by_pathway.setdefault(ev.row.pathway_id, []).append((row, ev))
        self.endResetModel()

    def pathway_ids(self) -> list[int]:
        """The pathways listed, in the order they appear."""
        seen: dict[int, None] = {}
        for node in self.days:
            for ev in node.events:
                seen.setdefault(ev.row.pathway_id, None)
        return list(seen)

    def set_details(self, pathway_id: int, findings: Sequence[Finding], infusion_day: date | None) -> None:
        """The computed findings and the infusion day (for day numbers) of one pathway's listed events.

        Each finding goes under the event it concerns; one about the pathway
        as a whole, or about an event not listed here, goes under the
        pathway's first listed event. Notes (``info``) are left out.
        """
        entries = self._by_pathway.get(pathway_id, ())
        if not entries:
            return
        shown = [f for f in findings if f.severity is not Severity.INFO]
        labels = {ev.row.label for _, ev in entries}
        placed: set[str] = set()
        for n, (row, ev) in enumerate(entries):
            label = ev.row.label
            if label in placed:
                mine: list[Finding] = []  # a multi-day event: its findings are listed on its first day only
            else:
                placed.add(label)
                mine = [f for f in shown if f.event == label or (n == 0 and f.event not in labels)]
            parent = self.createIndex(row, 0, ev)
            if ev.findings:
                self.beginRemoveRows(parent, 0, len(ev.findings) - 1)
                ev.findings = []
                self._finding_nodes.pop(id(ev), None)
                self.endRemoveRows()
            if infusion_day is not None:
                ev.day_number = (ev.day.day - infusion_day).days
            if mine:
                self.beginInsertRows(parent, 0, len(mine) - 1)
                ev.findings = mine
                self._finding_nodes[id(ev)] = [_FindingNode(ev, f) for f in mine]
                self.endInsertRows()
            else:
                ev.findings = []
            self.dataChanged.emit(self.createIndex(row, 0, ev), self.createIndex(row, len(self.COLUMNS) - 1, ev))

    def event_count(self, day: date | None = None) -> int:
        return sum(len(n.events) for n in self.days if day is None or n.day == day)

    # -- Qt model interface -----------------------------------------------------------------

    # index(), hasChildren() and data() run once per row when the tree lays out its ~1,400 rows, and
    # per cell when it paints: kept short. flags() is Qt's own (selectable and enabled).

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if row < 0 or column < 0 or column >= _COLUMN_COUNT:
            return QModelIndex()
        if not parent.isValid():
            days = self.days
            return self.createIndex(row, column, days[row]) if row < len(days) else QModelIndex()
        if parent.column() != 0:
            return QModelIndex()
        node = parent.internalPointer()
        kind = type(node)
        if kind is _DayNode:
            events = node.events
            return self.createIndex(row, column, events[row]) if row < len(events) else QModelIndex()
        if kind is _EventNode:
            kids = self._finding_nodes.get(id(node), ())
            return self.createIndex(row, column, kids[row]) if row < len(kids) else QModelIndex()
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer()
        if isinstance(node, _EventNode):
            day = node.day
            return self.createIndex(self.days.index(day), 0, day)
        if isinstance(node, _FindingNode):
            ev = node.event
            return self.createIndex(ev.day.events.index(ev), 0, ev)
        return QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.days)
        if parent.column() != 0:
            return 0
        node = parent.internalPointer()
        if isinstance(node, _DayNode):
            return len(node.events)
        if isinstance(node, _EventNode):
            return len(self._finding_nodes.get(id(node), ()))
        return 0

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802 - Qt name
        # Qt's own asks rowCount() and columnCount(): two calls into Python per row instead of one.
        if not parent.isValid():
            return bool(self.days)
        if parent.column() != 0:
            return False
        node = parent.internalPointer()
        kind = type(node)
        if kind is _DayNode:
            return bool(node.events)
        if kind is _EventNode:
            return bool(self._finding_nodes.get(id(node)))
        return False

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return _COLUMN_COUNT

    def header_labels(self) -> tuple[str, ...]:
        """The column titles in the UI language (the view's header shows them)."""
        return self._headers

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY_ROLE) -> Any:
        # Not on the start-up path: the Today view's header reads header_labels() from a model of its
        # own (see TodayView), because PySide hands this method the orientation as a Qt enum.
        from PySide6.QtCore import Qt

        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = DISPLAY_ROLE) -> Any:
        if role not in _TODAY_ROLES or not index.isValid():
            return None  # the roles Qt asks for that this model leaves to the style (colours, alignment, …)
        node = index.internalPointer()
        kind = type(node)
        if kind is _EventNode:
            return self._event_data(node, index.column(), role)
        if kind is _DayNode:
            return self._day_data(node, index.column(), role)
        if kind is _FindingNode:
            return self._finding_data(node, index.column(), role)
        return None

    def _day_data(self, node: _DayNode, column: int, role: int) -> Any:
        if role == DISPLAY_ROLE and column == 0:
            n = len(node.events)
            if n == 0:
                events = self.tr("nothing planned")
            elif n == 1:
                events = self.tr("1 event")
            else:
                events = self.tr("{0} events").format(n)
            return f"{node.title} — {events}"
        if role == FONT_ROLE and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == RowKindRole:
            return "day"
        return None

    def _event_data(self, ev: _EventNode, column: int, role: int) -> Any:
        r = ev.row
        name = self.COLUMNS[column]
        if role == DISPLAY_ROLE:
            if name == "time":
                return _time_text(r, ev.day.day)
            if name == "day_number":
                return "" if ev.day_number is None else _day_number_text(ev.day_number)
            if name == "event":
                text = event_title(r.label, r.details, self.lang)
                if r.last_day > r.first_day:
                    # a course (mobilisation, busulfan, IL-2) is listed on each of its days: which one this is
                    text += " · " + self.tr("day {0} of {1}").format(
                        (ev.day.day - r.first_day).days + 1, (r.last_day - r.first_day).days + 1)
                if r.actual_start is not None:
                    text += " ✓"
                return text
            if name == "patient":
                return r.patient_name
            if name == "identifier":
                return display_identifier(r.identifier)
            if name == "product":
                return product_name(r.product)
            if name == "site":
                return self.site_names.get(r.site, r.site)
            if name == "findings":
                if ev.findings is not None:
                    e = sum(1 for f in ev.findings if f.severity is Severity.ERROR)
                    w = sum(1 for f in ev.findings if f.severity is Severity.WARNING)
                    return counts_text(e, w) or self.tr("none")
                return counts_text(r.open_errors, r.open_warnings) or self.tr("none")
        if role == DECORATION_ROLE and name == "findings":
            if ev.findings is not None:
                worst = min((f.severity for f in ev.findings), key=_severity_rank, default=None)
            else:
                worst = worst_severity(r.open_errors, r.open_warnings)
            return severity_icon(worst) if worst else None
        if role == TOOLTIP_ROLE:
            if name == "event" and r.actual_start is not None:
                return self.tr("Done: actual time recorded")
            if name == "day_number":
                return self.tr("Day number per the label: infusion is day 0")
        if role == PathwayIdRole:
            return r.pathway_id
        if role == PatientIdRole:
            return r.patient_id
        if role == RowKindRole:
            return "event"
        return None

    def _finding_data(self, node: _FindingNode, column: int, role: int) -> Any:
        f = node.finding
        if role == DISPLAY_ROLE and column == 0:
            return finding_text(f, self.lang)
        if role == DECORATION_ROLE and column == 0:
            return severity_icon(f.severity)
        if role == TOOLTIP_ROLE and column == 0:
            return finding_text(f, self.lang)
        if role == PathwayIdRole:
            return node.event.row.pathway_id
        if role == PatientIdRole:
            return node.event.row.patient_id
        if role == FindingCodeRole:
            return f.code
        if role == RowKindRole:
            return "finding"
        return None


_COLUMN_COUNT = len(TodayModel.COLUMNS)
#: The roles TodayModel answers (as plain ints: data() is asked for others too, per painted cell).
_TODAY_ROLES = frozenset((
    DISPLAY_ROLE, DECORATION_ROLE, TOOLTIP_ROLE, FONT_ROLE, PathwayIdRole, PatientIdRole, FindingCodeRole, RowKindRole))


def _severity_rank(s: Severity) -> int:
    return {Severity.ERROR: 0, Severity.WARNING: 1}.get(s, 2)


def _event_sort_key(ev: _EventNode) -> tuple:
    r = ev.row
    when = r.actual_start or r.start
    if isinstance(when, datetime) and ev.row.first_day == ev.day.day:
        return (0, when.timestamp(), r.patient_name)
    # All-day events (and later days of a multi-day one) first within the day.
    return (-1, 0.0, r.patient_name)


def _time_text(r: Any, day: date) -> str:
    when = r.actual_start or r.start
    if isinstance(when, datetime) and r.first_day == day:
        return when.strftime("%H:%M")  # the store hands it over in the pathway's own time zone
    return QCoreApplication.translate("Models", "all day")


def _day_number_text(n: int) -> str:
    sign = "+" if n > 0 else ("−" if n < 0 else "")
    return QCoreApplication.translate("Models", "day {0}").format(f"{sign}{abs(n)}")
