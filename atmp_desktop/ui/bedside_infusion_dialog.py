"""Bedside: verify the chain of identity and record the infusion (issue 14).

The nurse scans the patient's wristband, the cassette's COI label and the
infusion bag's DIN; each is checked as it is scanned, and on Save the whole
step: the patient is this pathway's, both labels carry its chain-of-identity
number (not another patient's, not a cancelled pathway's), the product has
not expired, and no bag has been infused for this dose yet. A second nurse
confirms with their own password (the pre-infusion checklist's two-person
check). Anything that does not match is a refusal naming it, and nothing is
recorded; a match records the infusion's start (and end, when given) with
the verification in the same transaction. Every scan, match and refusal is
in the audit trail.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Callable

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.celllab_dialogs import RecordDialog, WhenEdit
from atmp_desktop.ui.context import UiContext


class BedsideInfusionDialog(RecordDialog):
    """Verify and record one infusion (its label: ``infusion``, ``infusion#2``)."""

    def __init__(self, ctx: UiContext, sp: StoredPathway, label: str, patient: str, product: str,
                 now: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(ctx, sp, label, patient, product, now, parent)
        self.setObjectName("bedsideInfusionDialog")
        self.setWindowTitle(self.tr("Verify and record infusion"))
        event = next((e for e in sp.pathway.events if e.label == label), None)
        start = now()
        self.started = WhenEdit(start, self.tz)
        planned = None
        if event is not None and isinstance(event.end, datetime) and isinstance(event.start, datetime):
            planned = event.end - event.start
        self.ended = WhenEdit(start + (planned or timedelta(minutes=30)), self.tz)
        self.ended_on = QCheckBox(self.tr("Ended"))
        self.ended_on.toggled.connect(self.ended.setEnabled)
        self.ended.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.ended, 1)
        row.addWidget(self.ended_on)
        self.form.addRow(self.tr("Infusion started at"), self.started)
        self.form.addRow(self.tr("Infusion ended at"), row)
        self.add_scan_panel("infusion")
        self.scan_panel.fields["patient"].setFocus()

    def record(self) -> StoredPathway:
        start = self.started.value()
        end = self.ended.value() if self.ended_on.isChecked() else None
        if end is not None and end < start:
            raise ValueError(self.tr("The infusion ends before it starts; check both times."))
        return self.record_verified(lambda: self.ctx.services.pathways.record_actual(
            self.sp.id, self.sp.version, self.label, start, end,  # type: ignore[arg-type]
        ))


def infusion_to_verify(sp: StoredPathway) -> str | None:
    """The label of the pathway's first infusion not yet recorded (None: every dose is recorded)."""
    for e in sp.pathway.events:
        if e.kind == "infusion" and not e.happened:
            return e.label
    last = [e for e in sp.pathway.events if e.kind == "infusion"]
    return last[-1].label if last else None
