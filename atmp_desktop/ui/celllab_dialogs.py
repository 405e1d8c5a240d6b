"""The cell lab's recording dialogs: product received, placed in storage, thaw started.

Each saves through ``svc.pathways.record_actual`` with the version the
pathway was read at. A refusal (a wrong value, no permission, someone saved
the pathway meanwhile) is shown in one line and the dialog stays open with
what was typed; after a conflict the pathway is read again, so saving once
more records the same values on top of the other person's change.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Callable

from PySide6.QtCore import QCoreApplication, QDate, QTime, Qt
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QCheckBox,
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
from atmp_desktop.domain.identifiers import IdentifierError, validate_din
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


class ReceiptDialog(RecordDialog):
    """Product received: time, dry-shipper hold, expiry date, chain-of-identity number."""

    def __init__(self, ctx, sp, label, patient, product, now, parent=None):
        super().__init__(ctx, sp, label, patient, product, now, parent)
        self.setWindowTitle(self.tr("Record product receipt"))
        p = sp.pathway
        self.received = WhenEdit(now(), self.tz)
        # Nothing is guessed: the hold time and the expiry are typed from the shipper's and the
        # bag's labels, and stay "not recorded" (a warning in the checks) until they are.
        self.hold_on = QCheckBox(self.tr("Recorded"))
        self.hold = WhenEdit(now(), self.tz)
        self.hold_on.toggled.connect(self.hold.setEnabled)
        self.hold.setEnabled(False)
        hold_row = QHBoxLayout()
        hold_row.addWidget(self.hold, 1)
        hold_row.addWidget(self.hold_on)
        self.expiry_on = QCheckBox(self.tr("Recorded"))
        self.expiry = QDateEdit()
        self.expiry.setDisplayFormat("yyyy-MM-dd")
        self.expiry.setCalendarPopup(True)
        if p.product_expiry is not None:
            e = p.product_expiry
            self.expiry.setDate(QDate(e.year, e.month, e.day))
        else:
            today = ctx.today()
            self.expiry.setDate(QDate(today.year, today.month, today.day))
        self.expiry_on.toggled.connect(self.expiry.setEnabled)
        self.expiry_on.setChecked(p.product_expiry is not None)
        self.expiry.setEnabled(p.product_expiry is not None)
        exp_row = QHBoxLayout()
        exp_row.addWidget(self.expiry, 1)
        exp_row.addWidget(self.expiry_on)
        self.coi = QLineEdit(p.coi_id or "")
        self.coi.setPlaceholderText(self.tr("as printed on the bag and the certificate"))
        self.form.addRow(self.tr("Received at"), self.received)
        self.form.addRow(self.tr("Dry shipper hold until"), hold_row)
        self.form.addRow(self.tr("Expiry date"), exp_row)
        self.form.addRow(self.tr("Chain-of-identity number"), self.coi)

    def record(self) -> StoredPathway:
        received = self.received.value()
        hold = self.hold.value() if self.hold_on.isChecked() else None
        if hold is not None and hold < received:
            raise ValueError(self.tr("The dry shipper's hold ends before the product was received; check both times."))
        exp = None
        if self.expiry_on.isChecked():
            d = self.expiry.date()
            exp = date(d.year(), d.month(), d.day())
        coi = self.coi.text().strip() or None
        if coi and len(coi.replace(" ", "")) == 14:
            coi = validate_din(coi)  # a DIN with its check character: a typing error is caught here
        return self.ctx.services.pathways.record_actual(
            self.sp.id, self.sp.version, self.label, received,  # type: ignore[arg-type]
            shipper_hold_until=hold, product_expiry=exp, coi_id=coi,
        )


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
        return self.ctx.services.pathways.record_actual(
            self.sp.id, self.sp.version, self.label, self.started.value(),  # type: ignore[arg-type]
        )
