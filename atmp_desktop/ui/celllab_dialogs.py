"""The cell lab's recording dialogs' common frame, and placed in storage.

Product received and thaw started, with their chain-of-identity scans, are in
``celllab_receipt_dialog.py`` and ``celllab_thaw_dialog.py``; the bedside
infusion in ``bedside_infusion_dialog.py``.

Each saves through ``svc.pathways.record_actual`` with the version the
pathway was read at. A refusal (a wrong value, no permission, someone saved
the pathway meanwhile) is shown in one line and the dialog stays open with
what was typed; after a conflict the pathway is read again, so saving once
more records the same values on top of the other person's change.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QTime
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.identifiers import IdentifierError
from atmp_desktop.domain.messages import event_name
from atmp_desktop.services import REFUSALS, ConflictError
from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message


class WhenEdit(QWidget):
    """A local date and a 24-hour time at the pathway's site; gives an aware datetime."""

    def __init__(self, value: datetime, tz, parent: QWidget | None = None):
        super().__init__(parent)
        self.tz = tz
        self.day = QDateEdit()
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.clock = QTimeEdit()
        self.clock.setDisplayFormat("HH:mm")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.day)
        layout.addWidget(self.clock)
        self.set_value(value)

    def set_value(self, value: datetime) -> None:
        local = value.astimezone(self.tz)
        self.day.setDate(QDate(local.year, local.month, local.day))
        self.clock.setTime(QTime(local.hour, local.minute))

    def value(self) -> datetime:
        """The moment typed; :class:`~atmp_desktop.domain.timeutil.TimeError` for a skipped or repeated hour."""
        d, t = self.day.date(), self.clock.time()
        naive = datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()))
        return timeutil.localize(naive, self.tz, "time")


class RecordDialog(QDialog):
    """Common frame: a title naming patient, product and event; a form; Save / Cancel."""

    def __init__(self, ctx: UiContext, sp: StoredPathway, label: str, patient: str, product: str,
                 now: Callable[[], datetime], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.sp, self.label, self.now = ctx, sp, label, now
        self.saved: StoredPathway | None = None
        self.tz = sp.pathway.tz
        self.setModal(True)
        heading = QLabel(f"{patient} · {product} · {event_name(label, ctx.lang).capitalize()}")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def add_scan_panel(self, step: str):
        """The chain-of-identity scans of *step* (issue 14), between the form and the message."""
        from atmp_desktop.ui.scan_panel import ScanPanel

        self.scan_panel = ScanPanel(self.ctx, self.sp, step, self.label, self)
        layout = self.layout()
        layout.insertWidget(layout.indexOf(self.message), self.scan_panel)  # type: ignore[union-attr]
        return self.scan_panel

    def record_verified(self, do_record: Callable[[], StoredPathway]) -> StoredPathway:
        """Verify the scans (a refusal names each mismatch; nothing recorded), then record, in one transaction."""
        verified = self.scan_panel.verify()
        return self.scan_panel.identity.record(verified, do_record)

    def record(self) -> StoredPathway:  # pragma: no cover - overridden
        raise NotImplementedError

    def save(self) -> None:
        try:
            self.saved = self.record()
        except ConflictError as exc:
            self._refuse(QCoreApplication.translate(
                "RecordDialog", "{0} Your entries are kept: check them and save again.").format(
                    refusal_message(exc, self.ctx.lang)))
            try:
                self.sp = self.ctx.services.pathways.get(self.sp.id)  # type: ignore[arg-type]
            except REFUSALS:
                pass
            return
        except (*REFUSALS, timeutil.TimeError, IdentifierError, ValueError) as exc:
            # A refusal in the UI language; a value error (typed time, DIN) says itself.
            self._refuse(refusal_message(exc, self.ctx.lang))
            return
        self.ctx.notify_changed()
        self.accept()

    def _refuse(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        QMessageBox.warning(self, QCoreApplication.translate("RecordDialog", "Not saved"), text)


class StorageDialog(RecordDialog):
    """Placed in storage: time and the temperature read at placement."""

    def __init__(self, ctx, sp, label, patient, product, now, limit: float | None, parent=None):
        super().__init__(ctx, sp, label, patient, product, now, parent)
        self.setWindowTitle(self.tr("Record placed in storage"))
        self.placed = WhenEdit(now(), self.tz)
        self.temperature = QLineEdit()
        validator = QDoubleValidator(-273.0, 60.0, 1, self.temperature)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.temperature.setValidator(validator)
        self.temperature.setPlaceholderText(self.tr("°C, e.g. -180"))
        self.form.addRow(self.tr("Placed in storage at"), self.placed)
        self.form.addRow(self.tr("Temperature at placement (°C)"), self.temperature)
        if limit is None:
            hint = self.tr("Storage limit unknown — confirm with the pharmacist")
        else:
            hint = self.tr("Limit: at or below {0} °C").format(f"{limit:g}".replace("-", "−"))
        self.form.addRow("", QLabel(hint))

    def record(self) -> StoredPathway:
        text = self.temperature.text().strip().replace(",", ".").replace("−", "-")
        if not text:
            raise ValueError(self.tr("Enter the temperature read when the product was placed in storage."))
        try:
            celsius = float(text)
        except ValueError:
            raise ValueError(self.tr("{0} is not a temperature in °C.").format(text)) from None
        placed = self.placed.value()
        storage = next((e for e in self.sp.pathway.events if e.label == self.label), None)
        readings = list(storage.temperatures) if storage is not None else []
        readings.append((placed, celsius))
        return self.ctx.services.pathways.record_actual(
            self.sp.id, self.sp.version, self.label, placed, temperatures=readings,  # type: ignore[arg-type]
        )
