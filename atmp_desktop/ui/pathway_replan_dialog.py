"""Replan a pathway: what a delay does to it, the proposal beside the plan, applied only with a reason.

Conventions shared by the pathway dialogs: :mod:`atmp_desktop.ui.dialog_parts`.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.findings import Finding
from atmp_desktop.domain.messages import event_title
from atmp_desktop.domain.pathway import Pathway
from atmp_desktop.domain.replan import Change, Proposal, ReplanError, propose
from atmp_desktop.services import REFUSALS, Permission, ValidationError
from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.dialog_parts import MessageBar, can, heading
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import FindingsList
from atmp_desktop.ui.pathway_input import refusal_text, span_text
from atmp_desktop.ui.site_capacity import capacity_service, site_load


class ReplanDialog(QDialog):
    """What a delay does to the pathway: the proposal side by side, applied only with a reason.

    The proposal comes from :func:`atmp_desktop.domain.replan.propose` (through
    the capacity service when this build has one, so ``CAPACITY`` findings are
    included); nothing is saved until the coordinator applies it.
    """

    PRESETS = ("manufacturing", "lymphodepletion", "remanufacture", "infusion", "product_receipt", "apheresis")

    def __init__(self, ctx: UiContext, sp: StoredPathway, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.sp = sp
        self.tz = sp.pathway.tz
        self.saved: StoredPathway | None = None
        self.proposal: Proposal | None = None
        self._load = None
        self._load_ready = False
        self.setWindowTitle(self.tr("Replan pathway {0}").format(sp.id))
        conditioned = sp.pathway.first("conditioning") is not None
        mobilised = sp.pathway.first("mobilisation") is not None
        names = {
            "manufacturing": self.tr("Manufacturing delayed"),
            "lymphodepletion": self.tr("Patient not fit for lymphodepletion (postpone it)"),
            "conditioning": self.tr("Patient not fit for conditioning (postpone the busulfan days)"),
            "remanufacture": self.tr("Product out of specification: remanufactured"),
            "infusion": self.tr("Infusion postponed or brought forward"),
            "product_receipt": self.tr("Product delivery moved"),
            "apheresis": self.tr("Mobilisation and apheresis cycles moved") if mobilised
            else self.tr("Apheresis moved"),
        }
        # A product conditioned instead of lymphodepleted (busulfan) offers conditioning in its place.
        presets = [("conditioning" if conditioned and k == "lymphodepletion" else k) for k in self.PRESETS]
        self.bar = MessageBar()
        self.change = QComboBox()
        for key in presets:
            self.change.addItem(names[key], key)
        self.days = QSpinBox()
        self.days.setRange(-60, 60)
        self.days.setValue(5)
        self.days_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.change, 1)
        row.addWidget(self.days_label)
        row.addWidget(self.days)

        self.description = QLabel()
        self.description.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Event"), self.tr("Before"), self.tr("After"), self.tr("Change")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.appeared = FindingsList(ctx.lang)
        self.disappeared = FindingsList(ctx.lang)
        self.remaining = FindingsList(ctx.lang)
        for lst in (self.appeared, self.disappeared, self.remaining):
            lst.setMinimumHeight(60)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.use_suggestion = QCheckBox(self.tr("Apply the suggested repeat lymphodepletion as well"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why? (required; goes into the audit trail)"))
        note = QLabel(self.tr("Proposal only: nothing is saved until you apply it with a reason."))
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply = self.buttons.addButton(self.tr("Apply the new plan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setEnabled(False)
        self.apply.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        if not can(ctx, Permission.PLAN):
            self.apply.setToolTip(self.tr("Only a coordinator may replan a pathway."))

        left = QVBoxLayout()
        left.addWidget(heading(self.tr("What changes")))
        left.addWidget(self.description)
        left.addWidget(self.table, 1)
        right = QVBoxLayout()
        right.addWidget(heading(self.tr("Findings that appear")))
        right.addWidget(self.appeared, 2)
        right.addWidget(heading(self.tr("Findings that disappear")))
        right.addWidget(self.disappeared, 1)
        right.addWidget(heading(self.tr("Findings that remain")))
        right.addWidget(self.remaining, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        form = QFormLayout()
        form.addRow(self.tr("What happened"), row)
        layout.addLayout(form)
        layout.addLayout(body, 1)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.use_suggestion)
        layout.addWidget(note)
        reason_row = QFormLayout()
        reason_row.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(reason_row)
        layout.addWidget(self.buttons)

        self.change.currentIndexChanged.connect(self._preset_changed)
        self.days.valueChanged.connect(self.recompute)
        self.reason.textChanged.connect(self._update_apply)
        self.use_suggestion.toggled.connect(self._show_findings)
        self.resize(1100, 680)
        self._preset_changed()

    # -- the proposal ------------------------------------------------------------------------

    def set_change(self, event: str, days: int) -> None:
        """Pick a preset and a number of days (as a user would)."""
        self.change.setCurrentIndex(self.change.findData(event))
        self.days.setValue(days)
        self.recompute()

    def _preset_changed(self) -> None:
        event = self.change.currentData()
        if event == "remanufacture":
            self.days.setRange(0, 60)
            self.days_label.setText(self.tr("new run starts days after the first ended"))
        else:
            self.days.setRange(-60, 60)
            self.days_label.setText(self.tr("by days (+ later, − earlier)"))
        self.recompute()

    def _site_load(self):
        if not self._load_ready:
            self._load_ready = True
            try:
                self._load = site_load(self.ctx.services, self.sp.site)
            except REFUSALS:
                self._load = None
        return self._load

    def recompute(self) -> None:
        self.proposal = None
        event, days = self.change.currentData(), self.days.value()
        # The first proposal at a site counts its capacity, which takes a moment.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            change = Change(event, days)
            cap = capacity_service(self.ctx.services)
            if cap is not None and hasattr(cap, "propose_replan"):
                self.proposal = cap.propose_replan(self.sp.id, change, self.ctx.today())
            else:
                svc = self.ctx.services
                self.proposal = propose(
                    self.sp.pathway, change, planner=svc.sites.planner(self.sp.site),
                    profile=svc.pathways.profile_for(self.sp), load=self._site_load(),
                    pathway_id=str(self.sp.id), today=self.ctx.today(),
                )
        except (ReplanError, ValidationError) as exc:
            self.bar.show_message("warning", self.tr("No proposal: {0}").format(refusal_message(exc, self.ctx.lang)))
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
        else:
            self.bar.clear()
        finally:
            QApplication.restoreOverrideCursor()
        self._show()

    def _show(self) -> None:
        p = self.proposal
        self.table.setRowCount(0)
        if p is None:
            self.description.setText("")
            self.suggestion.setText("")
            self.use_suggestion.setVisible(False)
            for lst in (self.appeared, self.disappeared, self.remaining):
                lst.clear()
            self._update_apply()
            return
        self.description.setText(p.description(self.ctx.lang))
        status_text = {
            "moved": self.tr("moved"), "added": self.tr("added"),
            "removed": self.tr("removed"), "unchanged": self.tr("unchanged"),
        }
        bold = QFont(self.table.font())
        bold.setBold(True)
        self.table.setRowCount(len(p.events))
        for row, ch in enumerate(p.events):
            before = self._span(ch.before)
            after = self._span(ch.after)
            status = status_text[ch.status]
            if ch.status == "moved" and ch.before and ch.after:
                delta = (timeutil.local_day(ch.after[0], self.tz) - timeutil.local_day(ch.before[0], self.tz)).days
                if delta:
                    status += " " + self.tr("{0:+d} d").format(delta)
            event = self._event_of(ch)
            name = event_title(ch.label_after or ch.label_before or ch.kind, event.extra if event else None,
                               self.ctx.lang)
            cells = [name, before, after, status]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if ch.status != "unchanged":
                    item.setFont(bold)
                self.table.setItem(row, col, item)
        if p.refusal is not None:
            # busulfan given and the infusion no longer in its window: said in words, Apply stays off
            self.bar.show_message("error", p.refusal.message(self.ctx.lang))
        if p.suggestions:
            s = p.suggestions[0]
            self.suggestion.setText(self.tr("Suggestion: {0}").format(s.message(self.ctx.lang)))
            self.use_suggestion.setVisible(s.pathway is not None)
        else:
            self.suggestion.setText("")
            self.use_suggestion.setVisible(False)
            self.use_suggestion.setChecked(False)
        self._show_findings()

    def _event_of(self, ch):
        """The revised pathway's event a row shows (for its details: drug, cycle)."""
        label = ch.label_after or ch.label_before
        p = self.proposal
        if p is None:
            return None
        return next((e for e in p.pathway.events if e.label == label), None)

    def _span(self, span) -> str:
        return span_text(span, self.tz)

    def _suggestion(self) -> int | None:
        """The index of the suggestion to apply instead of the plain proposal, if ticked."""
        p = self.proposal
        if p is not None and self.use_suggestion.isChecked() and p.suggestions and p.suggestions[0].pathway is not None:
            return 0
        return None

    def chosen(self) -> tuple[Pathway, list[Finding]] | None:
        """The pathway that Apply would save, with its findings."""
        p = self.proposal
        if p is None:
            return None
        i = self._suggestion()
        if i is not None:
            s = p.suggestions[i]
            return s.pathway, s.findings  # type: ignore[return-value]
        return p.pathway, p.findings_after

    def _show_findings(self) -> None:
        p = self.proposal
        if p is None:
            return
        chosen = self.chosen()
        after = chosen[1] if chosen else p.findings_after
        if after is p.findings_after:
            appeared, disappeared, remaining = p.appeared, p.disappeared, p.remaining
        else:
            alt = replace(p, findings_after=after)
            appeared, disappeared, remaining = alt.appeared, alt.disappeared, alt.remaining
        self.appeared.set_findings(appeared)
        self.disappeared.set_findings(disappeared)
        self.remaining.set_findings(remaining)
        self._update_apply()

    def _update_apply(self) -> None:
        self.apply.setEnabled(
            self.proposal is not None and bool(self.reason.text().strip()) and can(self.ctx, Permission.PLAN)
            and (self.proposal.refusal is None or self._suggestion() is not None))

    def _apply(self) -> None:
        chosen = self.chosen()
        reason = self.reason.text().strip()
        if chosen is None or not reason:
            self.bar.show_message("error", self.tr("Give a reason to apply the new plan."))
            return
        pathway, _ = chosen
        svc = self.ctx.services
        try:
            cap = capacity_service(svc)
            if cap is not None and hasattr(cap, "apply_replan"):
                result = cap.apply_replan(self.sp.id, self.proposal, self.sp.version, reason,
                                          suggestion=self._suggestion())
                self.saved = result if isinstance(result, StoredPathway) else svc.pathways.get(self.sp.id)
            else:
                self.saved = svc.pathways.save(replace(self.sp, pathway=pathway), reason)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_text(svc, exc, self.tz, self.ctx.lang))
            return
        self.accept()
