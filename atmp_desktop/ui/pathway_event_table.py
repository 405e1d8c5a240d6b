"""The event table of a pathway: one event per row, planned and actual times, who recorded them.

Planned start and end are edited in the table (what-if, like dragging in the
timeline); :class:`~atmp_desktop.ui.pathway_editor.PathwayEditor` shows it
below the timeline.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.messages import event_name, event_title
from atmp_desktop.domain.pathway import Event, Pathway
from atmp_desktop.ui.findings import severity_icon
from atmp_desktop.ui.pathway_edits import keep_duration
from atmp_desktop.ui.pathway_input import InputError, ordered, parse_user_when, when_text


class EventTableModel(QAbstractTableModel):
    """The events of a pathway, one per row: planned and actual times, who recorded them.

    Planned start and end are editable (date, or date and time) for events
    that have not happened; a value that cannot be read or an end before its
    start is refused with ``refused(message)`` and changes nothing.
    """

    edited = Signal(str)
    refused = Signal(str)

    EVENT, DAY, PLANNED_START, PLANNED_END, ACTUAL_START, ACTUAL_END, RECORDED_BY = range(7)

    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.pathway: Pathway | None = None
        self._events: list[Event] = []
        self._severity: dict[str, Severity] = {}
        self._findings: dict[str, list[str]] = {}
        self.editable = False
        self.names: Callable[[str], str] = lambda u: u
        self._headers = [
            self.tr("Event"), self.tr("Day"), self.tr("Planned start"), self.tr("Planned end"),
            self.tr("Actual start"), self.tr("Actual end"), self.tr("Recorded by"),
        ]

    def set_pathway(self, pathway: Pathway | None, findings: Iterable[Finding] = (), editable: bool = False) -> None:
        self.beginResetModel()
        self.pathway = pathway
        self._events = list(pathway.events) if pathway is not None else []
        self.editable = editable
        self._set_findings(findings)
        self.endResetModel()

    def set_findings(self, findings: Iterable[Finding]) -> None:
        """New findings for the same rows (no reset, so an open cell editor stays open)."""
        self._set_findings(findings)
        if self._events:
            # Only the event column shows findings; a change reported on an edited cell would
            # make the view overwrite what the user is typing.
            self.dataChanged.emit(self.index(0, self.EVENT), self.index(len(self._events) - 1, self.EVENT),
                                  [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def _set_findings(self, findings: Iterable[Finding]) -> None:
        self._severity = {}
        self._findings = {}
        for f in findings:
            if not f.event:
                continue
            if f.event not in self._severity or f.severity.rank < self._severity[f.event].rank:
                self._severity[f.event] = f.severity
            self._findings.setdefault(f.event, []).append(f"{f.code}: {f.message(self.lang)}")

    def event_at(self, row: int) -> Event | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, label: str) -> int | None:
        for i, e in enumerate(self._events):
            if e.label == label:
                return i
        return None

    # -- Qt overrides ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        e = self._events[index.row()]
        if self.editable and (
            (index.column() == self.PLANNED_START and not e.happened)
            or (index.column() == self.PLANNED_END and e.actual_end is None)
        ):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.pathway is None:
            return None
        e = self._events[index.row()]
        tz = self.pathway.tz
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == self.EVENT:
                if role == Qt.ItemDataRole.EditRole:
                    return event_name(e.label, self.lang)
                name = event_title(e.label, e.extra, self.lang)
                return ("✓ " + name) if e.happened else name
            if col == self.DAY:
                n = self.pathway.day_number(e.first_day(tz))
                return "" if n is None else (f"{n:+d}" if n else "0")
            if col == self.PLANNED_START:
                return when_text(e.start, tz)
            if col == self.PLANNED_END:
                return when_text(e.end, tz)
            if col == self.ACTUAL_START:
                return when_text(e.actual_start, tz)
            if col == self.ACTUAL_END:
                return when_text(e.actual_end, tz)
            if col == self.RECORDED_BY:
                who = e.extra.get("recorded_by")
                return self.names(who) if who else ""
        if role == Qt.ItemDataRole.DecorationRole and col == self.EVENT:
            sev = self._severity.get(e.label)
            return severity_icon(sev) if sev is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = list(self._findings.get(e.label, []))
            if e.note:
                lines.append(self.tr("Note: {0}").format(e.note))
            if col in (self.PLANNED_START, self.PLANNED_END) and self.flags(index) & Qt.ItemFlag.ItemIsEditable:
                lines.append(self.tr("Double-click to edit: YYYY-MM-DD or YYYY-MM-DD HH:MM"))
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.DAY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and col in (self.ACTUAL_START, self.ACTUAL_END) and e.happened:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.pathway is None:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        e = self._events[index.row()]
        tz = self.pathway.tz
        name = event_name(e.label, self.lang)
        text = str(value or "").strip()
        try:
            if index.column() == self.PLANNED_START:
                if not text:
                    raise InputError(self.tr("The planned start of the {0} cannot be empty.").format(name))
                start = parse_user_when(text, tz, self.tr("planned start of the {0}").format(name))
                end = keep_duration(e.start, e.end, start, tz)
            else:
                start = e.start
                end = parse_user_when(text, tz, self.tr("planned end of the {0}").format(name)) if text else None
            if not ordered(start, end, tz):
                raise InputError(self.tr("The planned end of the {0} ({1}) is before its start ({2}); nothing was changed.")
                                 .format(name, when_text(end, tz), when_text(start, tz)))
        except InputError as exc:
            self.refused.emit(str(exc))
            return False
        if start == e.start and end == e.end and type(start) is type(e.start):
            return True
        e.start, e.end = start, end
        e._day_cache = None
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.edited.emit(e.label)
        return True
