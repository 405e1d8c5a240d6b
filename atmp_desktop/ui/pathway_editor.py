"""The pathway editor: timeline, event table and what-if findings, recomputed on every edit.

Shared by the Pathway view (:mod:`atmp_desktop.ui.pathway_view`) and the
create-pathway dialog (:mod:`atmp_desktop.ui.create_pathway`); the host owns
the working copy, how its findings are computed, and saving.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.findings import Finding, sort_findings
from atmp_desktop.domain.messages import event_name
from atmp_desktop.domain.pathway import Pathway
from atmp_desktop.domain.timeutil import TimeError
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import FindingsList
from atmp_desktop.ui.pathway_edits import compare_findings, move_event
from atmp_desktop.ui.pathway_event_table import EventTableModel
from atmp_desktop.ui.timeline import TimelineArea


def single_shot(owner: QWidget, slot: Callable[[], None]) -> QTimer:
    """A zero-delay single-shot timer owned by *owner* (stopped and deleted with it)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer


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
        self._scroll_timer = single_shot(self, self._scroll_to_anchor)
        self._table_timer = single_shot(self, self._reset_table)

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
