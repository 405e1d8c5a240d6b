"""Thaw started (cell lab; for Breyanzi: removed from frozen storage), with the chain-of-identity scans.

The cassette's COI label and the bag's DIN (and the patient's identifier, if
at hand) are scanned and must match the pathway; a cancelled pathway, an
expired product or a thaw already recorded is refused (issue 14). The
infuse-by time the thaw gives is shown as the time is set.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from atmp_desktop.domain import timeutil
from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.celllab_dialogs import RecordDialog, WhenEdit
from atmp_desktop.ui.errors import refusal_message


class ThawDialog(RecordDialog):
    """Thaw started (for Breyanzi: removed from frozen storage), with the infuse-by time it gives."""

    def __init__(self, ctx, sp, label, patient, product, now, profile, parent=None):
        super().__init__(ctx, sp, label, patient, product, now, parent)
        self.setWindowTitle(self.tr("Record thaw started"))
        self.profile = profile
        rule = profile.rule("thaw_limit")
        removal = rule.known and rule.value.get("counts_from") == "removal_from_storage"
        self.started = WhenEdit(now(), self.tz)
        self.infuse_by = QLabel()
        self.infuse_by.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(self.tr("Removed from frozen storage at") if removal else self.tr("Thaw started at"),
                         self.started)
        self.form.addRow(self.tr("Infuse by"), self.infuse_by)
        self.started.day.dateChanged.connect(self._update)
        self.started.clock.timeChanged.connect(self._update)
        self._update()
        self.add_scan_panel("thaw")

    def _update(self, *_args) -> None:
        rule = self.profile.rule("thaw_limit")
        if not rule.known:
            self.infuse_by.setText(self.tr("Limit unknown — confirm with the pharmacist"))
            return
        try:
            start = self.started.value()
        except timeutil.TimeError as exc:
            self.infuse_by.setText(refusal_message(exc, self.ctx.lang))
            return
        minutes = rule.value["minutes"]
        by = timeutil.add_minutes(start, minutes, self.tz)
        self.infuse_by.setText(self.tr("{0} ({1} min after this time)").format(f"{by:%Y-%m-%d %H:%M}", minutes))

    def record(self) -> StoredPathway:
        started = self.started.value()
        return self.record_verified(lambda: self.ctx.services.pathways.record_actual(
            self.sp.id, self.sp.version, self.label, started,  # type: ignore[arg-type]
        ))
