"""The Pathway view: one patient's course as a timeline, its events, its findings, and what-if editing.

The view keeps two copies of the pathway: the one loaded from the store and
a working copy the coordinator edits (drag in the timeline, type in the
event table). Every edit recomputes the findings of the working copy at once,
before anything is saved, and marks the findings the edit made appear. Save
goes through ``svc.pathways.save`` with the version the pathway was loaded
at; a conflict names who saved in between and keeps the edits.

:class:`PathwayEditor` (timeline + event table + what-if findings) is shared
with the create-pathway dialog.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.findings import Finding, Severity, sort_findings
from atmp_desktop.domain.messages import event_name
from atmp_desktop.domain.pathway import Event, Pathway
from atmp_desktop.domain.timeutil import TimeError, When
from atmp_desktop.services import CHECKLIST_KINDS, REFUSALS, ConflictError, NotFound, Permission
from atmp_desktop.storage.records import Patient, StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import FindingsList, severity_icon
from atmp_desktop.ui.pathway_dialogs import (
    CancelPathwayDialog,
    InputError,
    MessageBar,
    RecordActualDialog,
    ReplanDialog,
    capacity_counted,
    capacity_findings,
    conflict_text,
    count_capacity,
    ordered,
    parse_user_when,
    stage_text,
    user_name,
    when_text,
)
from atmp_desktop.ui.timeline import TimelineArea
from atmp_desktop.ui.view_base import View

ANY_RECORD = (Permission.RECORD_WARD, Permission.RECORD_CELL_LAB, Permission.RECORD_LOGISTICS)

# -- editing a pathway (plain Python, no Qt) --------------------------------------------------------


def copy_pathway(p: Pathway) -> Pathway:
    """An independent copy whose events can be moved without touching *p*."""
    events = [replace(e, extra=dict(e.extra), temperatures=list(e.temperatures), _day_cache=None) for e in p.events]
    return replace(p, events=events, extra=dict(p.extra))


def copy_stored(sp: StoredPathway) -> StoredPathway:
    return replace(sp, pathway=copy_pathway(sp.pathway))


def shift_when(value: When, days: int, tz) -> When:
    """*value* moved by whole days, keeping its local wall-clock time (refused in a DST gap)."""
    if isinstance(value, datetime):
        local = value.astimezone(tz).replace(tzinfo=None) + timedelta(days=days)
        return timeutil.localize(local, tz, "moved time")
    return value + timedelta(days=days)


def keep_duration(old_start: When, old_end: When | None, new_start: When, tz) -> When | None:
    """The end that keeps an event's length when its start moves (real minutes for times, days for dates)."""
    if old_end is None:
        return None
    if isinstance(old_start, datetime) and isinstance(old_end, datetime) and isinstance(new_start, datetime):
        return timeutil.add_minutes(new_start, timeutil.minutes_between(old_start, old_end), tz)
    days = (timeutil.local_day(new_start, tz) - timeutil.local_day(old_start, tz)).days
    return shift_when(old_end, days, tz)


def dose_group(pathway: Pathway, label: str) -> list[Event]:
    """The events that move together with *label*: a dose's thaw and infusion (and day-0 monitoring).

    Moving an infusion without its thaw (or the reverse) is never what is
    meant, and daily monitoring starts on the day of the first infusion.
    """
    target = next((e for e in pathway.events if e.label == label), None)
    if target is None:
        return []
    group = [target]
    if target.kind in ("thaw", "infusion"):
        thaws, infusions = pathway.of("thaw"), pathway.of("infusion")
        same = thaws if target.kind == "thaw" else infusions
        other = infusions if target.kind == "thaw" else thaws
        i = same.index(target)
        if len(thaws) == len(infusions) and not other[i].happened:
            group.append(other[i])
        if i == 0 and infusions:
            tz = pathway.tz
            day0 = infusions[0].first_day(tz)
            for mon in pathway.of("monitoring"):
                if not mon.happened and mon.first_day(tz) == day0:
                    group.append(mon)
    return group


def move_event(pathway: Pathway, label: str, days: int) -> list[str]:
    """Move *label* (with its dose group) by *days*; all or nothing. Returns the labels moved.

    Raises :class:`TimeError` when a moved time does not exist locally, and
    ValueError when the event has already happened.
    """
    group = dose_group(pathway, label)
    if not group:
        raise ValueError(f"no event {label!r}")
    if group[0].happened:
        raise ValueError(f"{label} has already happened")
    tz = pathway.tz
    new = [(e, shift_when(e.start, days, tz), None if e.end is None else shift_when(e.end, days, tz)) for e in group]
    for e, start, end in new:
        e.start, e.end = start, end
        e._day_cache = None
    moved = [e.label for e in group]
    pathway.relabel()
    return moved


def _single_shot(owner: QWidget, slot: Callable[[], None]) -> QTimer:
    """A zero-delay single-shot timer owned by *owner* (stopped and deleted with it)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer


def _identity(f: Finding) -> tuple:
    """Findings are "the same" across an edit when code, message and event kind agree."""
    return (f.code, f.key, (f.event or "").partition("#")[0])


def compare_findings(before: Iterable[Finding], after: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings in *after* that are new, findings of *before* that are gone)."""
    before, after = list(before), list(after)
    b = {_identity(f) for f in before}
    a = {_identity(f) for f in after}
    return [f for f in after if _identity(f) not in b], [f for f in before if _identity(f) not in a]


# -- the event table ------------------------------------------------------------------------------------


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
                name = event_name(e.label, self.lang)
                return ("✓ " + name) if (e.happened and role == Qt.ItemDataRole.DisplayRole) else name
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


# -- the editor: timeline + table + what-if findings --------------------------------------------------


class PathwayEditor(QWidget):
    """A pathway being looked at or edited, with its findings recomputed on every change.

    The host gives the working copy (it is edited in place), a function that
    computes findings for it, and the findings to compare against (those of
    the saved version, or of the planner's proposal). ``changed`` is emitted
    after each edit, once the findings are up to date; ``refused(message)``
    when an edit is not possible.
    """

    changed = Signal()
    refused = Signal(str)
    selected = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pathway: Pathway | None = None
        self.findings: list[Finding] = []
        self.baseline: list[Finding] = []
        self.new_findings: list[Finding] = []
        self.resolved: list[Finding] = []
        self._findings_fn: Callable[[Pathway], list[Finding]] = lambda p: []
        self._calendar: SiteCalendar | None = None
        self._editable = False
        self._anchor: date | None = None
        # Deferred work runs on timers owned by the widget, so nothing fires after it is gone.
        self._scroll_timer = _single_shot(self, self._scroll_to_anchor)
        self._table_timer = _single_shot(self, self._reset_table)

        self.area = TimelineArea(ctx.lang)
        self.timeline = self.area.timeline
        self.model = EventTableModel(ctx.lang, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.findings_heading = QLabel(self.tr("Findings"))
        bold = QFont(self.findings_heading.font())
        bold.setBold(True)
        self.findings_heading.setFont(bold)
        self.findings_list = FindingsList(ctx.lang)
        self.resolved_heading = QLabel(self.tr("Resolved by the unsaved changes"))
        self.resolved_heading.setFont(bold)
        self.resolved_list = FindingsList(ctx.lang)
        self.resolved_heading.hide()
        self.resolved_list.hide()
        findings_box = QWidget()
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.findings_heading)
        fl.addWidget(self.findings_list, 3)
        fl.addWidget(self.resolved_heading)
        fl.addWidget(self.resolved_list, 1)

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.area)
        left.addWidget(self.table)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(findings_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([820, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.timeline.eventMoved.connect(self.move)
        self.timeline.eventSelected.connect(self._timeline_selected)
        self.model.edited.connect(lambda _label: self._after_edit())
        self.model.refused.connect(self.refused)
        self.table.selectionModel().currentRowChanged.connect(self._table_selected)

    def set_pathway(
        self,
        pathway: Pathway | None,
        *,
        findings_fn: Callable[[Pathway], list[Finding]],
        baseline: list[Finding] | None = None,
        calendar: SiteCalendar | None = None,
        editable: bool = False,
        names: Callable[[str], str] | None = None,
    ) -> None:
        """Show *pathway* (edited in place); *baseline* are the findings new ones are compared with."""
        self.pathway = pathway
        self._findings_fn = findings_fn
        self._calendar = calendar
        self._editable = editable
        if names is not None:
            self.model.names = names
        self.findings = findings_fn(pathway) if pathway is not None else []
        self.baseline = list(self.findings) if baseline is None else list(baseline)
        self._refresh_all()
        self._anchor = None
        if pathway is not None:
            # Today when the course is under way; its start when it lies ahead; day 0 when it is over.
            anchor = self.ctx.today()
            if anchor < self.timeline.first_day:
                anchor = self.timeline.first_day
            elif anchor > self.timeline.last_day:
                anchor = pathway.infusion_day() or self.timeline.first_day
            self._anchor = anchor
            # The scroll range is known only once the resized timeline has been laid out.
            self._scroll_timer.start()

    def _scroll_to_anchor(self) -> None:
        if self._anchor is not None:
            self.area.scroll_to_day(self._anchor)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._scroll_timer.start()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._refresh_all()

    def rebaseline(self, baseline: list[Finding]) -> None:
        """New findings to compare with (e.g. once the site's capacity is counted); recomputes everything."""
        self.baseline = list(baseline)
        self.recompute()
        self.timeline.set_pathway(self.pathway, self._calendar, self.ctx.today(), self.findings, self._editable)
        self.model.set_findings(self.findings)
        self._show_findings()

    @property
    def editable(self) -> bool:
        return self._editable

    def recompute(self) -> None:
        """Findings of the working copy as it is now, compared with the baseline."""
        self.findings = sort_findings(self._findings_fn(self.pathway)) if self.pathway is not None else []
        self.new_findings, self.resolved = compare_findings(self.baseline, self.findings)

    def _refresh_all(self) -> None:
        self.recompute()
        self.timeline.set_pathway(self.pathway, self._calendar, self.ctx.today(), self.findings, self._editable)
        self._fit_timeline()
        self.model.set_pathway(self.pathway, self.findings, self._editable)
        self._show_findings()

    def _fit_timeline(self) -> None:
        # No taller than its rows: the space below goes to the event table.
        self.area.setMaximumHeight(self.area.sizeHint().height() + 2)

    def _show_findings(self) -> None:
        self.findings_list.set_findings(self.findings)
        new = {id(f) for f in self.new_findings}
        word = self.tr("NEW")
        bold = QFont(self.findings_list.font())
        bold.setBold(True)
        for i, f in enumerate(self.findings):
            if id(f) in new:
                item = self.findings_list.item(i)
                item.setText(f"{word} · {item.text()}")
                item.setFont(bold)
                item.setData(Qt.ItemDataRole.UserRole + 2, "new")
        self.resolved_list.set_findings(self.resolved)
        show = bool(self.resolved)
        self.resolved_heading.setVisible(show)
        self.resolved_list.setVisible(show)
        if self.new_findings or self.resolved:
            self.findings_heading.setText(self.tr("Findings (what-if, not saved: {0} new, {1} resolved)").format(
                len(self.new_findings), len(self.resolved)))
        else:
            self.findings_heading.setText(self.tr("Findings"))

    def new_codes(self) -> list[str]:
        return [f.code for f in self.new_findings]

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    # -- edits --------------------------------------------------------------------------------

    def move(self, label: str, days: int) -> bool:
        """Move an event by whole days (what the timeline's drag does)."""
        if self.pathway is None or not self._editable:
            return False
        try:
            moved = move_event(self.pathway, label, days)
        except TimeError as exc:
            self.refused.emit(refusal_message(exc, self.ctx.lang))
            return False
        except ValueError:
            self.refused.emit(self.tr("{0} has already happened and is not moved.").format(
                event_name(label, self.ctx.lang)))
            return False
        self.timeline.select(moved[0])
        self._after_edit()
        return True

    def _after_edit(self) -> None:
        assert self.pathway is not None
        self.pathway.relabel()
        self.recompute()
        self.timeline.set_pathway(self.pathway, self._calendar, self.ctx.today(), self.findings, self._editable)
        self._show_findings()
        # The table is reset after the edit has been committed (not from inside setData).
        self._table_timer.start()
        self.changed.emit()

    def _reset_table(self) -> None:
        selected = self.timeline.selected()
        self.model.set_pathway(self.pathway, self.findings, self._editable)
        if selected is not None:
            row = self.model.row_of(selected)
            if row is not None:
                self.table.selectRow(row)

    def _timeline_selected(self, label: str) -> None:
        row = self.model.row_of(label)
        if row is not None and self.table.currentIndex().row() != row:
            self.table.selectRow(row)
        self.selected.emit(label)

    def _table_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        e = self.model.event_at(current.row())
        if e is not None and self.timeline.selected() != e.label:
            self.timeline.select(e.label)


# -- the header -----------------------------------------------------------------------------------------


class PathwayHeader(QWidget):
    """Who and what: patient, identifier, product, indication, region, site, stage, COI, expiry, tocilizumab."""

    FIELDS = ("product", "indication", "region", "site", "stage", "coi", "expiry", "tocilizumab", "version")

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.name = QLabel()
        f = QFont(self.name.font())
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.name.setFont(f)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identifier = QLabel()
        fi = QFont(self.identifier.font())
        fi.setPointSizeF(fi.pointSizeF() * 1.15)
        self.identifier.setFont(fi)
        self.identifier.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancelled = QLabel()
        self.cancelled.setWordWrap(True)
        self.cancelled.hide()
        titles = {
            "product": self.tr("Product"), "indication": self.tr("Indication"), "region": self.tr("Region"),
            "site": self.tr("Site"), "stage": self.tr("Stage"), "coi": self.tr("Chain of identity"),
            "expiry": self.tr("Product expiry"), "tocilizumab": self.tr("Tocilizumab doses"),
            "version": self.tr("Last change"),
        }
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for i, key in enumerate(self.FIELDS):
            r, c = divmod(i, 3)
            t = QLabel(titles[key] + ":")
            t.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            v = QLabel()
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(t, r, 2 * c)
            grid.addWidget(v, r, 2 * c + 1)
            self.values[key] = v
        for c in (1, 3, 5):
            grid.setColumnStretch(c, 1)
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addSpacing(16)
        top.addWidget(self.identifier)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.cancelled)
        layout.addLayout(grid)

    def show_pathway(self, ctx: UiContext, sp: StoredPathway, patient: Patient, required_doses: Any = None) -> None:
        svc = ctx.services
        p = sp.pathway
        self.name.setText(patient.full_name)
        self.identifier.setText(patient.display_identifier)
        try:
            profile = svc.pathways.profile_for(sp)
            product = f"{profile.name} ({profile.generic})"
            indication = profile.indication(p.indication).name(self.lang)
            if p.indication is None:
                indication += " " + self.tr("(default)")
        except Exception:  # an unknown local profile version must not hide the rest of the header
            product, indication = p.product, p.indication or ""
        try:
            site = svc.sites.get(sp.site).name
        except REFUSALS:
            site = sp.site
        v = self.values
        v["product"].setText(product)
        v["indication"].setText(indication)
        v["region"].setText(p.region)
        v["site"].setText(site)
        v["stage"].setText(stage_text(p.stage, self.lang))
        v["coi"].setText(p.coi_id or self.tr("not recorded"))
        v["expiry"].setText(p.product_expiry.isoformat() if p.product_expiry else self.tr("not recorded"))
        doses = self.tr("not recorded") if p.tocilizumab_doses is None else str(p.tocilizumab_doses)
        if required_doses is not None:
            doses += " " + self.tr("(label requires {0})").format(required_doses)
        v["tocilizumab"].setText(doses)
        when = timeutil.format_human(sp.updated_at, p.tz) if sp.updated_at else ""
        v["version"].setText(self.tr("version {0}, {1}, {2}").format(sp.version, user_name(svc, sp.updated_by), when))
        if p.stage == "cancelled":
            self.cancelled.setText("⊘ " + self.tr("Cancelled: {0}").format(sp.cancel_reason or ""))
            self.cancelled.show()
        else:
            self.cancelled.hide()


# -- the view -------------------------------------------------------------------------------------------------


class PathwayView(View):
    """One pathway: header, timeline, events, findings; what-if edits, save, record, replan, cancel."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.stored: StoredPathway | None = None
        self.patient: Patient | None = None
        self.work: StoredPathway | None = None
        self.dialog: Any = None
        self._names: dict[str, str] = {}
        self._capacity_timer = _single_shot(self, self._count_capacity)

        self.bar = MessageBar()
        self.header = PathwayHeader(ctx.lang)
        self.editor = PathwayEditor(ctx)

        self.new_button = QPushButton(self.tr("New pathway…"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setToolTip(self.tr("Save the changes (Ctrl+S)"))
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setToolTip(self.tr("Throw away the unsaved changes"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for the change (optional)"))
        self.record_button = QPushButton(self.tr("Record actual times…"))
        self.replan_button = QPushButton(self.tr("Replan…"))
        self.cancel_button = QPushButton(self.tr("Cancel pathway…"))
        self.checklist_button = QToolButton()
        self.checklist_button.setText(self.tr("Checklists"))
        self.checklist_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.checklist_button)
        kinds = {
            "pre-apheresis": self.tr("Pre-apheresis"),
            "product-receipt": self.tr("Product receipt"),
            "pre-lymphodepletion": self.tr("Pre-lymphodepletion"),
            "pre-infusion": self.tr("Pre-infusion"),
            "monitoring": self.tr("Monitoring"),
            "discharge": self.tr("Discharge"),
        }
        for kind in CHECKLIST_KINDS:
            action = menu.addAction(kinds.get(kind, kind))
            action.setData(kind)
            action.triggered.connect(lambda _checked=False, k=kind: self.open_checklist(k))
        self.checklist_button.setMenu(menu)
        self.status = QLabel()

        tools = QHBoxLayout()
        tools.addWidget(self.save_button)
        tools.addWidget(self.revert_button)
        tools.addWidget(self.reason, 1)
        tools.addSpacing(12)
        tools.addWidget(self.record_button)
        tools.addWidget(self.replan_button)
        tools.addWidget(self.cancel_button)
        tools.addWidget(self.checklist_button)
        tools.addSpacing(12)
        tools.addWidget(self.new_button)

        content = QWidget()
        cl = QVBoxLayout(content)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addWidget(self.header)
        cl.addLayout(tools)
        cl.addWidget(self.status)
        cl.addWidget(self.editor, 1)

        empty = QWidget()
        el = QVBoxLayout(empty)
        el.addStretch(1)
        hint = QLabel(self.tr("Open a pathway from Today, Patients or the Calendar, or create a new one."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        el.addWidget(hint)
        self.empty_new_button = QPushButton(self.tr("New pathway…"))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.empty_new_button)
        row.addStretch(1)
        el.addLayout(row)
        el.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.record_button.clicked.connect(lambda: self.record_actual())
        self.replan_button.clicked.connect(lambda: self.replan())
        self.cancel_button.clicked.connect(lambda: self.cancel_pathway())
        self.new_button.clicked.connect(lambda: self.new_pathway())
        self.empty_new_button.clicked.connect(lambda: self.new_pathway())
        self.editor.changed.connect(self._edited)
        self.editor.refused.connect(lambda text: self.bar.show_message("error", text))
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        ctx.pathwaysChanged.connect(self.refresh)
        self._update_actions()

    # -- permissions ---------------------------------------------------------------------------

    def _can(self, *perms: Permission) -> bool:
        s = self.ctx.services.session
        return bool(s is not None and s.can(*perms))

    @property
    def dirty(self) -> bool:
        if self.stored is None or self.work is None:
            return False
        return self.work.pathway.to_document() != self.stored.pathway.to_document()

    def _update_actions(self) -> None:
        loaded = self.stored is not None
        cancelled = loaded and self.stored.pathway.stage == "cancelled"  # type: ignore[union-attr]
        dirty = self.dirty
        plan = self._can(Permission.PLAN)
        self.new_button.setEnabled(plan)
        self.empty_new_button.setEnabled(plan)
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.reason.setEnabled(dirty)
        busy = self.tr("Save or revert your changes first.")
        for button, allowed, why in (
            (self.record_button, self._can(*ANY_RECORD), self.tr("Your role does not record event times.")),
            (self.replan_button, plan, self.tr("Only a coordinator may replan a pathway.")),
            (self.cancel_button, plan, self.tr("Only a coordinator may cancel a pathway.")),
        ):
            button.setEnabled(loaded and allowed and not cancelled and not dirty)
            if not allowed:
                button.setToolTip(why)
            elif cancelled:
                button.setToolTip(self.tr("The pathway is cancelled."))
            elif dirty:
                button.setToolTip(busy)
            else:
                button.setToolTip("")
        self.checklist_button.setEnabled(loaded and not cancelled)
        if dirty:
            self.status.setText("✎ " + self.tr("Unsaved changes: the findings below are what-if, not saved."))
        elif loaded and not plan:
            self.status.setText(self.tr("Read-only for your role: planned times are changed by a coordinator."))
        else:
            self.status.setText("")

    # -- loading --------------------------------------------------------------------------------

    def show_pathway(self, pathway_id: int) -> bool:
        """Load and show pathway *pathway_id* (asks first when another one has unsaved edits).

        False when the user chose to stay with the unsaved edits, or the pathway could not be loaded.
        """
        if self.stored is not None and self.stored.id != pathway_id and not self.confirm_discard():
            return False
        self.bar.clear()
        return self._load(pathway_id)

    def confirm_discard(self) -> bool:
        """The one guard before unsaved what-if edits would be lost.

        Opening another pathway, F5, a language switch, signing out and closing
        the window all ask here: Save… (the normal save, with its own questions),
        Discard, or Cancel. True when the caller may go ahead (nothing unsaved,
        saved, or discarded); False to stay with the edits.
        """
        if not self.dirty:
            return True
        who = self.patient.full_name if self.patient is not None else str(getattr(self.stored, "id", ""))
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved changes"),
                          self.tr("The pathway of {0} has unsaved changes.").format(who),
                          QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("unsavedChangesBox")
        box.setInformativeText(self.tr("Save them, discard them, or cancel and keep working on them?"))
        # Our own buttons: Qt's standard ones would show "Save", without the "…" of a step that may ask more.
        save = box.addButton(self.tr("Save…"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        answer = box.clickedButton()
        box.deleteLater()
        if answer is save:
            return self.save()
        if answer is discard:
            self.revert()
            return True
        return False

    def _load(self, pathway_id: int) -> bool:
        try:
            sp, patient = self.ctx.services.pathways.with_patient(pathway_id)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return False
        self._show(sp, patient)
        return True

    def _show(self, sp: StoredPathway, patient: Patient) -> None:
        svc = self.ctx.services
        self.stored = sp
        self.patient = patient
        self.work = copy_stored(sp)
        try:
            profile = svc.pathways.profile_for(sp)
            rule = profile.rule("tocilizumab_doses")
            required = rule.value if rule.known else None
        except Exception:  # the header is still useful without the label's number
            required = None
        self.header.show_pathway(self.ctx, sp, patient, required)
        try:
            calendar = svc.sites.calendar(sp.site)
        except REFUSALS:
            calendar = None
        editable = self._can(Permission.PLAN) and sp.pathway.stage != "cancelled"
        self.editor.set_pathway(
            self.work.pathway, findings_fn=self._findings_of, calendar=calendar,
            editable=editable, names=self._user_name,
        )
        self.stack.setCurrentIndex(1)
        self._update_actions()
        if not capacity_counted(svc, sp.site):
            # Counting a site's capacity the first time takes a moment: after the view has painted.
            self.status.setText(self.tr("Counting the site's capacity…"))
            self._capacity_timer.start()

    def _count_capacity(self) -> None:
        if self.stored is None:
            return
        site = self.stored.site
        counted = count_capacity(self.ctx.services, site)
        if counted and self.stored is not None and self.stored.site == site:
            self.editor.rebaseline(self._findings_of(self.stored.pathway))
        self._update_actions()

    def _findings_of(self, pathway: Pathway) -> list[Finding]:
        assert self.stored is not None
        sp = replace(self.stored, pathway=pathway)
        try:
            found = self.ctx.services.pathways.findings(sp)
            if pathway.stage != "cancelled":
                found += capacity_findings(self.ctx.services, sp.site, sp.id, pathway)
            return found
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return []

    def _user_name(self, username: str) -> str:
        if username not in self._names:
            self._names[username] = user_name(self.ctx.services, username)
        return self._names[username]

    def refresh(self) -> None:
        """Reload the pathway from the store, unless the user has unsaved edits (those are kept)."""
        if self.stored is None or self.stored.id is None or self.dirty:
            self._update_actions()
            return
        try:
            sp, patient = self.ctx.services.pathways.with_patient(self.stored.id)
        except NotFound:
            self.stored = self.work = None
            self.stack.setCurrentIndex(0)
            self._update_actions()
            return
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return
        if sp.version != self.stored.version or patient != self.patient:
            self._show(sp, patient)
        else:
            self._update_actions()

    # -- editing and saving ---------------------------------------------------------------------

    def _edited(self) -> None:
        self.bar.clear()
        self._update_actions()

    def move_event(self, label: str, days: int) -> bool:
        """Move an event by days, as dragging it in the timeline does."""
        return self.editor.move(label, days)

    def revert(self) -> None:
        if self.stored is None or self.patient is None:
            return
        self.bar.clear()
        self.reason.clear()
        self._show(self.stored, self.patient)

    def reload(self) -> None:
        """Load the current version from the store, throwing away unsaved edits."""
        if self.stored is None or self.stored.id is None:
            return
        self.bar.clear()
        self.reason.clear()
        self._load(self.stored.id)

    def save(self) -> bool:
        if self.work is None or not self.dirty:
            return False
        new_errors = [f for f in self.editor.new_findings if f.severity is Severity.ERROR]
        if new_errors:
            answer = QMessageBox.question(
                self, self.tr("Save with errors?"),
                self.tr("The changes cause {0} new error finding(s):\n\n{1}\n\nSave anyway?").format(
                    len(new_errors), "\n".join(f"• {f.code}: {f.message(self.ctx.lang)}" for f in new_errors)))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        svc = self.ctx.services
        try:
            saved = svc.pathways.save(self.work, self.reason.text().strip() or None)
        except ConflictError as exc:
            self.bar.show_message(
                "error", conflict_text(svc, exc, self.work.pathway.tz),
                [(self.tr("Reload (throw away my changes)"), self.reload)])
            return False
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return False
        self.reason.clear()
        self._load(saved.id)  # type: ignore[arg-type]
        self.bar.show_message("success", self.tr("Saved as version {0}.").format(saved.version))
        self.ctx.notify_changed()
        return True

    # -- dialogs ---------------------------------------------------------------------------------

    def _open(self, dialog, on_accept: Callable[[], None]) -> Any:
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        return dialog

    def _after_dialog_save(self, saved: StoredPathway | None, message: str) -> None:
        if saved is None:
            return
        self._load(saved.id)  # type: ignore[arg-type]
        self.bar.show_message("success", message)
        self.ctx.notify_changed()

    def record_actual(self, label: str | None = None) -> RecordActualDialog | None:
        if self.stored is None or self.dirty:
            return None
        label = label or self.editor.timeline.selected()
        dlg = RecordActualDialog(self.ctx, self.stored, label, self)
        return self._open(dlg, lambda: self._after_dialog_save(dlg.saved, self.tr("Recorded.")))

    def cancel_pathway(self) -> CancelPathwayDialog | None:
        if self.stored is None or self.dirty:
            return None
        dlg = CancelPathwayDialog(self.ctx, self.stored, self.patient, self)
        return self._open(dlg, lambda: self._after_dialog_save(dlg.saved, self.tr("The pathway is cancelled.")))

    def replan(self) -> ReplanDialog | None:
        if self.stored is None or self.dirty:
            return None
        dlg = ReplanDialog(self.ctx, self.stored, self)
        return self._open(dlg, lambda: self._after_dialog_save(dlg.saved, self.tr("The new plan is saved.")))

    def new_pathway(self, patient_id: int | None = None):
        from atmp_desktop.ui.create_pathway import CreatePathwayDialog

        dlg = CreatePathwayDialog(self.ctx, patient_id, self)

        def created() -> None:
            if dlg.created_pathway_id is not None:
                self.ctx.notify_changed()
                self.show_pathway(dlg.created_pathway_id)

        return self._open(dlg, created)

    def open_checklist(self, kind: str | None = None) -> None:
        if self.stored is None or self.stored.id is None:
            return
        try:
            from atmp_desktop.ui.checklists import open_checklist
        except ImportError:
            self.bar.show_message("warning", self.tr("Checklists are not available in this build."))
            return
        try:
            open_checklist(self.ctx, self.stored.id, kind, self)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))

