"""The Pathway view: one patient's course as a timeline, its events, its findings, and what-if editing.

The view keeps two copies of the pathway: the one loaded from the store and
a working copy the coordinator edits (drag in the timeline, type in the
event table). Every edit recomputes the findings of the working copy at once,
before anything is saved, and marks the findings the edit made appear. Save
goes through ``svc.pathways.save`` with the version the pathway was loaded
at; a conflict names who saved in between and keeps the edits.

The editor (timeline + event table + what-if findings) is
:class:`~atmp_desktop.ui.pathway_editor.PathwayEditor`, shared with the
create-pathway dialog; the header is :mod:`atmp_desktop.ui.pathway_header`;
the record, replan and cancel dialogs have a module each
(``pathway_record_dialog``, ``pathway_replan_dialog``, ``pathway_cancel_dialog``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.pathway import Pathway
from atmp_desktop.services import CHECKLIST_KINDS, REFUSALS, ConflictError, NotFound, Permission
from atmp_desktop.storage.records import Patient, StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.dialog_parts import MessageBar
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.pathway_cancel_dialog import CancelPathwayDialog
from atmp_desktop.ui.pathway_edits import copy_stored
from atmp_desktop.ui.pathway_editor import PathwayEditor, single_shot
from atmp_desktop.ui.pathway_header import PathwayHeader
from atmp_desktop.ui.pathway_input import conflict_text, user_name
from atmp_desktop.ui.pathway_record_dialog import RecordActualDialog
from atmp_desktop.ui.pathway_replan_dialog import ReplanDialog
from atmp_desktop.ui.site_capacity import CapacityCount, capacity_counted, capacity_findings
from atmp_desktop.ui.view_base import View


ANY_RECORD = (Permission.RECORD_WARD, Permission.RECORD_CELL_LAB, Permission.RECORD_LOGISTICS)


class PathwayView(View):
    """One pathway: header, timeline, events, findings; what-if edits, save, record, replan, cancel."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.stored: StoredPathway | None = None
        self.patient: Patient | None = None
        self.work: StoredPathway | None = None
        self.dialog: Any = None
        self._names: dict[str, str] = {}
        self._capacity_timer = single_shot(self, self._count_capacity)
        self._counting: CapacityCount | None = None

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
        """Count the site's capacity on a worker thread; the findings follow when it is counted."""
        if self.stored is None:
            return
        if self._counting is None or self._counting.site != self.stored.site:
            self._counting = CapacityCount(self.ctx.services, self.stored.site)
        if not self._counting.done():
            self._capacity_timer.start(25)  # look again soon; the window answers meanwhile
            return
        counting, self._counting = self._counting, None
        site = counting.site
        counted = counting.finish()
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
