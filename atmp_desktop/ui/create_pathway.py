"""Create a pathway: a patient, a product and a date → the planner's proposal, adjusted, then saved.

The coordinator finds the patient by name or personnummer (or registers a
new one), picks product, indication, region and site, and gives either the
apheresis date or the target infusion date. The planner's proposal appears
at once as a timeline with its findings; "earliest feasible" asks the
capacity planner (issue 6) instead and says what pushed the plan later. Events can be
dragged or edited before saving, with the findings recomputed (what-if).
Nothing is stored until "Create pathway"; a new ``SEQUENCE`` error (events
out of order) is refused with a message, other new errors are confirmed.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.catalogue import REGIONS
from atmp_desktop.domain.findings import Finding, Severity, sort_findings
from atmp_desktop.domain.pathway import Pathway
from atmp_desktop.domain.planner import Plan, PlanningError, PlanRequest
from atmp_desktop.services import REFUSALS, Permission
from atmp_desktop.storage.records import Patient, StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.dialog_parts import MessageBar
from atmp_desktop.ui.new_patient_dialog import NewPatientDialog
from atmp_desktop.ui.pathway_edits import copy_pathway
from atmp_desktop.ui.pathway_editor import PathwayEditor
from atmp_desktop.ui.pathway_event_table import EventTableModel
from atmp_desktop.ui.site_capacity import capacity_counted, capacity_service, default_site, site_load

#: Findings the planner adds beyond the checks; they stay with the proposal while it is adjusted.
_PLAN_ONLY = ("RULE_ASSUMED", "PLAN_DELAYED", "INDICATION_ASSUMED")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class CreatePathwayDialog(QDialog):
    """Plan and store a new pathway; ``created_pathway_id`` is set when one was created."""

    def __init__(self, ctx: UiContext, patient_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.created_pathway_id: int | None = None
        self.patient: Patient | None = None
        self.plan: Plan | None = None
        self.work: Pathway | None = None
        self.explanation = ""
        self._extra: list[Finding] = []
        self._loads: dict[str, Any] = {}
        svc = ctx.services
        self.setWindowTitle(self.tr("New pathway"))

        self.bar = MessageBar()

        # -- the patient
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Find a patient: name or personnummer"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setMinimumHeight(90)
        self.new_patient_button = QPushButton(self.tr("New patient…"))
        self.selected_patient = QLabel(self.tr("No patient chosen."))
        self.selected_patient.setWordWrap(True)
        patient_box = QGroupBox(self.tr("Patient"))
        pl = QVBoxLayout(patient_box)
        pl.addWidget(self.search)
        pl.addWidget(self.results, 1)
        row = QHBoxLayout()
        row.addWidget(self.selected_patient, 1)
        row.addWidget(self.new_patient_button)
        pl.addLayout(row)

        # -- the treatment
        self.product = QComboBox()
        for pid in svc.products.product_ids:
            try:
                prof = svc.products.profile(pid, "EU")
                self.product.addItem(f"{prof.name} ({prof.generic})", pid)
            except REFUSALS:
                self.product.addItem(pid, pid)
        self.indication = QComboBox()
        self.region = QComboBox()
        for r in REGIONS:
            self.region.addItem(r, r)
        self.region.setCurrentIndex(self.region.findData("EU"))
        self.site = QComboBox()
        for s in svc.sites.list():
            self.site.addItem(s.name, s.id)
        want = default_site(ctx)
        if want and self.site.findData(want) >= 0:
            self.site.setCurrentIndex(self.site.findData(want))
        self.by_apheresis = QRadioButton(self.tr("Apheresis on"))
        self.by_infusion = QRadioButton(self.tr("Target infusion on"))
        self.by_apheresis.setChecked(True)
        mode = QButtonGroup(self)
        mode.addButton(self.by_apheresis)
        mode.addButton(self.by_infusion)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(_qdate(ctx.today() + timedelta(days=7)))
        self.earliest = QCheckBox(self.tr("Earliest feasible with the site's capacity"))
        self.earliest.setToolTip(self.tr(
            "Search from the apheresis date for the earliest plan that fits the label, "
            "the calendar and every resource's capacity"))
        # Products with myeloablative conditioning (busulfan) whose label gives no number of days, and
        # products with mobilisation and several apheresis cycles: as the CLI's --conditioning-days/--cycles.
        self.conditioning_days = QSpinBox()
        self.conditioning_days.setObjectName("conditioning_days")
        self.conditioning_days.setRange(1, 14)
        self.conditioning_days.setValue(4)
        self.conditioning_days.setToolTip(self.tr("Conditioning days from the centre's protocol"))
        self.conditioning_label = QLabel(self.tr("Conditioning days"))
        self.cycles = QSpinBox()
        self.cycles.setObjectName("apheresis_cycles")
        self.cycles.setRange(1, 6)
        self.cycles.setValue(1)
        self.cycles.setToolTip(self.tr("Mobilisation and apheresis cycles to plan"))
        self.cycles_label = QLabel(self.tr("Apheresis cycles"))
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.by_apheresis)
        mode_row.addWidget(self.by_infusion)
        treatment = QGroupBox(self.tr("Treatment"))
        form = QFormLayout(treatment)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Indication"), self.indication)
        form.addRow(self.tr("Region (label)"), self.region)
        form.addRow(self.tr("Site"), self.site)
        form.addRow(self.tr("Plan from"), mode_row)
        form.addRow(self.tr("Date"), self.day)
        form.addRow("", self.earliest)
        form.addRow(self.conditioning_label, self.conditioning_days)
        form.addRow(self.cycles_label, self.cycles)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)

        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(patient_box, 1)
        ll.addWidget(treatment)
        ll.addWidget(self.summary)
        ll.addWidget(self.explain)
        ll.addStretch(0)

        self.editor = PathwayEditor(ctx)
        for column in (EventTableModel.ACTUAL_START, EventTableModel.ACTUAL_END, EventTableModel.RECORDED_BY):
            self.editor.table.setColumnHidden(column, True)  # nothing has happened in a new plan
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([430, 970])

        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason or note for the audit trail (optional)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(self.tr("Create pathway"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Reason")))
        bottom.addWidget(self.reason, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        if not self._can(Permission.PLAN):
            self.create_button.setEnabled(False)
            self.create_button.setToolTip(self.tr("Only a coordinator may create a pathway."))
        self.new_patient_button.setEnabled(self._can(Permission.EDIT_PATIENTS))

        # Typing in the search waits for a pause, so that every key press does not query the store.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.run_search)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._count_later)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.results.currentItemChanged.connect(self._result_chosen)
        self.new_patient_button.clicked.connect(self.new_patient)
        self.product.currentIndexChanged.connect(self._product_changed)
        self.region.currentIndexChanged.connect(self._product_changed)
        self.indication.currentIndexChanged.connect(self.replan)
        self.site.currentIndexChanged.connect(self.replan)
        self.by_apheresis.toggled.connect(self._mode_changed)
        self.day.dateChanged.connect(self.replan)
        self.earliest.toggled.connect(self.replan)
        self.conditioning_days.valueChanged.connect(lambda _v: self.replan())
        self.cycles.valueChanged.connect(lambda _v: self.replan())
        self.editor.changed.connect(self._edited)
        self.editor.refused.connect(lambda text: self.bar.show_message("error", text))

        self.resize(1400, 860)
        if patient_id is not None:
            try:
                self.set_patient(svc.patients.get(patient_id))
            except REFUSALS as exc:
                self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
        self._fill_indications()
        self._mode_changed()

    def _can(self, *perms: Permission) -> bool:
        s = self.ctx.services.session
        return bool(s is not None and s.can(*perms))

    # -- the patient ---------------------------------------------------------------------------

    def run_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        self.results.clear()
        if len(text) < 2:
            return
        try:
            found = self.ctx.services.patients.search(text, limit=50)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return
        for p in found:
            item = QListWidgetItem(f"{p.sort_name} · {p.display_identifier} · {p.birth_date.isoformat()}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.results.addItem(item)
        if not found:
            item = QListWidgetItem(self.tr("No patient found. Register a new one with \"New patient…\"."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)

    def _result_chosen(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if item is None or item.data(Qt.ItemDataRole.UserRole) is None:
            return
        try:
            self.set_patient(self.ctx.services.patients.get(item.data(Qt.ItemDataRole.UserRole)))
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))

    def set_patient(self, patient: Patient) -> None:
        self.patient = patient
        text = self.tr("{0} ({1}), born {2}").format(
            patient.full_name, patient.display_identifier, patient.birth_date.isoformat())
        self.selected_patient.setText("✓ " + text)
        i = self.site.findData(patient.treating_site)
        if i >= 0 and i != self.site.currentIndex():
            self.site.setCurrentIndex(i)  # replans

    def new_patient(self) -> NewPatientDialog:
        dlg = NewPatientDialog(self.ctx, self.site.currentData(), self)

        def done() -> None:
            if dlg.created_patient is not None:
                self.set_patient(dlg.created_patient)
                self.bar.show_message("success", self.tr("Patient {0} registered.").format(
                    dlg.created_patient.display_identifier))

        dlg.accepted.connect(done)
        dlg.open()
        self.patient_dialog = dlg
        return dlg

    # -- the proposal ---------------------------------------------------------------------------

    def _product_changed(self) -> None:
        self._fill_indications()
        self.replan()

    def _fill_indications(self) -> None:
        self.indication.blockSignals(True)
        current = self.indication.currentData()
        self.indication.clear()
        try:
            profile = self.ctx.services.products.profile(self.product.currentData(), self.region.currentData())
            for ind in profile.indications.values():
                self.indication.addItem(ind.name(self.ctx.lang), ind.id)
            i = self.indication.findData(current if current is not None else profile.default_indication)
            if i < 0:
                i = self.indication.findData(profile.default_indication)
            self.indication.setCurrentIndex(max(0, i))
            self._show_protocol_inputs(profile)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
        finally:
            self.indication.blockSignals(False)

    def _show_protocol_inputs(self, profile) -> None:
        """Conditioning days where the profile conditions without giving the days; cycles with mobilisation."""
        conditioning = profile.rule("conditioning")
        ask_days = conditioning.known and not (conditioning.value or {}).get("days")
        self.conditioning_label.setVisible(ask_days)
        self.conditioning_days.setVisible(ask_days)
        cycles = profile.rule("mobilisation").known
        self.cycles_label.setVisible(cycles)
        self.cycles.setVisible(cycles)
        if not cycles:
            self.cycles.blockSignals(True)
            self.cycles.setValue(1)
            self.cycles.blockSignals(False)

    def _mode_changed(self) -> None:
        self.earliest.setEnabled(self.by_apheresis.isChecked())
        if not self.by_apheresis.isChecked():
            self.earliest.blockSignals(True)
            self.earliest.setChecked(False)
            self.earliest.blockSignals(False)
        self.replan()

    def set_date(self, day: date) -> None:
        self.day.setDate(_qdate(day))

    def request(self) -> PlanRequest:
        day = _pydate(self.day.date())
        forward = self.by_apheresis.isChecked()
        return PlanRequest(
            product=self.product.currentData(), indication=self.indication.currentData(),
            region=self.region.currentData(), apheresis=day if forward else None, infusion=None if forward else day,
            conditioning_days=None if self.conditioning_days.isHidden() else self.conditioning_days.value(),
            apheresis_cycles=1 if self.cycles.isHidden() else self.cycles.value(),
        )

    def _load(self, site: str, wait: bool = True):
        """The site's capacity use; without *wait*, only when it is at hand (counted before)."""
        if site not in self._loads:
            if not wait and not capacity_counted(self.ctx.services, site):
                # The first count takes a moment: do it after the dialog has painted.
                self._count_timer.start()
                return None
            try:
                self._loads[site] = site_load(self.ctx.services, site)
            except REFUSALS:
                self._loads[site] = None
        return self._loads[site]

    def _count_later(self) -> None:
        site = self.site.currentData()
        if site is None or site in self._loads:
            return
        self._load(site)
        if self.work is not None and self.plan is not None:
            self.editor.rebaseline(sort_findings([*self._check(self.plan.pathway), *self._extra]))

    def replan(self) -> None:
        """The planner's (or the earliest-feasible) proposal for the inputs as they are now."""
        svc = self.ctx.services
        site = self.site.currentData()
        self.explanation = ""
        self.bar.clear()
        if site is None or self.product.currentData() is None:
            return
        request = self.request()
        try:
            if self.earliest.isChecked():
                plan, self.explanation = self._earliest(request, site)
            else:
                plan = svc.pathways.propose(request, site)
        except (PlanningError, *REFUSALS) as exc:  # type: ignore[misc]
            self.plan = self.work = None
            self.bar.show_message("error", self.tr("No plan: {0}").format(refusal_message(exc, self.ctx.lang)))
            self.editor.set_pathway(None, findings_fn=lambda p: [])
            self.summary.setText("")
            self.explain.setText("")
            return
        self.plan = plan
        self.work = copy_pathway(plan.pathway)
        self._extra = [f for f in plan.findings if f.code in _PLAN_ONLY]
        try:
            calendar = svc.sites.calendar(site)
        except REFUSALS:
            calendar = None
        baseline = sort_findings([*self._check(plan.pathway), *self._extra])
        self.editor.set_pathway(
            self.work, findings_fn=self._findings_of, baseline=baseline, calendar=calendar,
            editable=self._can(Permission.PLAN),
        )
        self._show_summary()
        if request.apheresis is not None and request.apheresis < self.ctx.today():
            self.bar.show_message("warning", self.tr("The apheresis date {0} is in the past.").format(
                request.apheresis.isoformat()))

    def _earliest(self, request: PlanRequest, site: str) -> tuple[Plan, str]:
        svc = self.ctx.services
        lang = self.ctx.lang
        cap = capacity_service(svc)
        if cap is not None and hasattr(cap, "earliest"):
            result = cap.earliest(request, site, lang)
        else:
            from atmp_desktop.domain.capacity import Load, earliest_plan

            s = svc.sites.get(site)
            load = self._load(site) or Load([], svc.sites.calendar(site))
            result = earliest_plan(svc.sites.planner(site), replace(request, timezone=s.timezone), load)
        plan = result.plan if hasattr(result, "plan") else result
        text = ""
        if getattr(result, "delayed", False):
            # The domain's EarliestPlan takes the language; the service's result already has it.
            explanation = result.explanation
            text = explanation(lang) if callable(explanation) else str(explanation)
        return plan, text

    def _check(self, pathway: Pathway) -> list[Finding]:
        svc = self.ctx.services
        site = self.site.currentData()
        sp = StoredPathway(
            id=None, patient_id=self.patient.id if self.patient and self.patient.id else 0, site=site,
            pathway=pathway, profile_version=svc.products.current_version(pathway.product),
        )
        found = svc.pathways.findings(sp)
        load = self._load(site, wait=False)
        if load is not None:
            found += load.findings_for("new", pathway)
        return found

    def _findings_of(self, pathway: Pathway) -> list[Finding]:
        try:
            return sort_findings([*self._check(pathway), *self._extra])
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return []

    def _show_summary(self) -> None:
        p = self.work
        if p is None or self.plan is None:
            self.summary.setText("")
            return
        aph = p.first("apheresis")
        tz = p.tz
        aph_day = aph.first_day(tz).isoformat() if aph else "—"
        self.summary.setText(self.tr("Apheresis {0}; infusion (day 0) {1}. Stay near the centre until {2}; "
                                     "no driving until {3}.").format(
            aph_day, p.infusion_day() or "—", self.plan.stay_near_centre_until or "—",
            self.plan.no_driving_until or "—"))
        if self.explanation:
            self.explain.setText(self.tr("Why not earlier: {0}").format(self.explanation))
        elif self.earliest.isChecked():
            self.explain.setText(self.tr("Nothing in the capacity pushed the plan later."))
        else:
            self.explain.setText("")

    def _edited(self) -> None:
        self.bar.clear()
        self._show_summary()

    # -- saving -------------------------------------------------------------------------------------

    def create(self) -> bool:
        if self.patient is None or self.patient.id is None:
            self.bar.show_message("error", self.tr("Choose a patient (or register a new one) first."))
            return False
        if self.work is None:
            self.bar.show_message("error", self.tr("There is no plan to save."))
            return False
        new = self.editor.new_findings
        order = [f for f in new if f.code == "SEQUENCE"]
        if order:
            self.bar.show_message("error", self.tr("Events are out of order; fix the dates first. {0}").format(
                order[0].message(self.ctx.lang)))
            return False
        errors = [f for f in new if f.severity is Severity.ERROR]
        if errors:
            answer = QMessageBox.question(
                self, self.tr("Create with errors?"),
                self.tr("Your changes cause {0} error finding(s):\n\n{1}\n\nCreate the pathway anyway?").format(
                    len(errors), "\n".join(f"• {f.code}: {f.message(self.ctx.lang)}" for f in errors)))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        pathway = copy_pathway(self.work)
        try:
            sp = self.ctx.services.pathways.create(
                self.patient.id, pathway, self.site.currentData(), self.reason.text().strip() or None)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return False
        self.created_pathway_id = sp.id
        self.accept()
        return True
