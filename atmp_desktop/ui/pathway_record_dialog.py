"""Record what happened: an event's actual times, by the role that records it (and the cell lab's extras).

Conventions shared by the pathway dialogs: :mod:`atmp_desktop.ui.dialog_parts`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.messages import event_name
from atmp_desktop.services import ACTUAL_PERMISSION, REFUSALS
from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.dialog_parts import MessageBar
from atmp_desktop.ui.pathway_input import InputError, ordered, parse_user_date, parse_user_when, refusal_text, when_text


_CELL_LAB_KINDS = ("product_receipt", "storage", "thaw")


class RecordActualDialog(QDialog):
    """Record when an event really happened, by the role that records it.

    Pharmacists record product receipt, storage and thaw (with the dry
    shipper's hold time, storage temperatures, the product's expiry and the
    chain-of-identity number); nurses apheresis, lymphodepletion, infusion and
    monitoring; coordinators manufacturing, shipment and follow-up.
    """

    def __init__(self, ctx: UiContext, sp: StoredPathway, label: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.sp = sp
        self.saved: StoredPathway | None = None
        self.tz = sp.pathway.tz
        self.setWindowTitle(self.tr("Record what happened"))
        session = ctx.services.session
        perms = session.permissions if session is not None else frozenset()
        self.events = [e for e in sp.pathway.events if ACTUAL_PERMISSION[e.kind] in perms]

        self.bar = MessageBar()
        self.event = QComboBox()
        for e in self.events:
            text = event_name(e.label, ctx.lang) + " · " + self.tr("planned {0}").format(when_text(e.start, self.tz))
            if e.happened:
                text += " · " + self.tr("recorded")
            self.event.addItem(text, e.label)
        self.start = QLineEdit()
        self.start.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.now = QPushButton(self.tr("Now"))
        self.now.clicked.connect(self._now)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start, 1)
        start_row.addWidget(self.now)
        self.end = QLineEdit()
        self.end.setPlaceholderText(self.tr("optional"))
        self.note = QLineEdit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("optional, goes into the audit trail"))

        # The cell lab's extra records.
        self.hold = QLineEdit()
        self.hold.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.max_temp = QLineEdit()
        self.max_temp.setPlaceholderText(self.tr("e.g. -175"))
        self.reading_time = QLineEdit()
        self.reading_time.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.reading_c = QLineEdit()
        self.reading_c.setPlaceholderText("°C")
        reading_row = QHBoxLayout()
        reading_row.addWidget(self.reading_time, 2)
        reading_row.addWidget(self.reading_c, 1)
        self.readings = QLabel()
        self.expiry = QLineEdit(sp.pathway.product_expiry.isoformat() if sp.pathway.product_expiry else "")
        self.expiry.setPlaceholderText("YYYY-MM-DD")
        self.coi = QLineEdit(sp.pathway.coi_id or "")

        # A stem-cell product's collections: the CD34+ cells each apheresis gave, against the target dose.
        self.cd34_target = _cd34_target(ctx, sp)
        self.cd34 = QLineEdit()
        self.cd34.setObjectName("cd34PerKg")
        self.cd34.setPlaceholderText(self.tr("e.g. 4.2"))
        self._cd34_label = QLabel(self.tr("CD34+ cells collected (× 10⁶/kg)"))
        self._cd34_hint = QLabel()
        self._cd34_hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Event"), self.event)
        form.addRow(self.tr("Actual start"), start_row)
        form.addRow(self.tr("Actual end"), self.end)
        form.addRow(self._cd34_label, self.cd34)
        form.addRow("", self._cd34_hint)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Reason"), self.reason)
        self.cell_lab = QGroupBox(self.tr("Cell lab"))
        lab = QFormLayout(self.cell_lab)
        self._hold_label = QLabel(self.tr("Dry shipper hold until"))
        lab.addRow(self._hold_label, self.hold)
        self._max_label = QLabel(self.tr("Highest storage temperature (°C)"))
        lab.addRow(self._max_label, self.max_temp)
        self._reading_label = QLabel(self.tr("Add a temperature reading"))
        lab.addRow(self._reading_label, reading_row)
        lab.addRow("", self.readings)
        lab.addRow(self.tr("Product expiry"), self.expiry)
        lab.addRow(self.tr("Chain-of-identity number"), self.coi)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._record)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        if not self.events:
            layout.addWidget(QLabel(self.tr("Your role does not record the times of any event of this pathway.")))
            self.ok.setEnabled(False)
        layout.addLayout(form)
        layout.addWidget(self.cell_lab)
        layout.addWidget(self.buttons)

        self.event.currentIndexChanged.connect(self._event_changed)
        if label is not None:
            i = self.event.findData(label)
            if i >= 0:
                self.event.setCurrentIndex(i)
        elif self.events:
            first_open = next((i for i, e in enumerate(self.events) if not e.happened), 0)
            self.event.setCurrentIndex(first_open)
        self._event_changed()
        self.resize(560, self.sizeHint().height())

    def current_event(self):
        label = self.event.currentData()
        return next((e for e in self.events if e.label == label), None)

    def _event_changed(self) -> None:
        e = self.current_event()
        collection = e is not None and e.kind == "apheresis" and self.cd34_target is not None
        for w in (self._cd34_label, self.cd34, self._cd34_hint):
            w.setVisible(collection)
        if e is None:
            self.cell_lab.setVisible(False)
            return
        if collection:
            dose = e.extra.get("cd34_per_kg")
            self.cd34.setText("" if dose is None else f"{dose:g}")
            others = [a.extra.get("cd34_per_kg") for a in self.sp.pathway.events
                      if a.kind == "apheresis" and a.label != e.label]
            so_far = sum(d for d in others if d is not None)
            self._cd34_hint.setText(self.tr("Target {0} over all collections; the other collections gave {1}.")
                                    .format(f"{self.cd34_target:g}", f"{so_far:g}"))
        self.start.setText(when_text(e.actual_start if e.actual_start is not None else e.start, self.tz))
        self.end.setText(when_text(e.actual_end, self.tz))
        self.note.setText(e.note or "")
        cell = e.kind in _CELL_LAB_KINDS
        self.cell_lab.setVisible(cell)
        for w in (self._hold_label, self.hold):
            w.setVisible(e.kind == "product_receipt")
        for w in (self._max_label, self.max_temp, self._reading_label, self.reading_time, self.reading_c, self.readings):
            w.setVisible(e.kind == "storage")
        self.hold.setText(when_text(e.shipper_hold_until, self.tz))
        self.max_temp.setText("" if e.max_temperature_c is None else f"{e.max_temperature_c:g}")
        self.readings.setText(self.tr("{0} readings logged").format(len(e.temperatures)))
        self.adjustSize()

    def _now(self) -> None:
        now = datetime.now(self.tz)
        self.start.setText(f"{now:%Y-%m-%d %H:%M}")

    def _number(self, text: str, what: str) -> float | None:
        text = text.strip().replace(",", ".").replace("−", "-")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise InputError(self.tr("{0}: \"{1}\" is not a number").format(what, text)) from None

    def _record(self) -> None:
        e = self.current_event()
        if e is None:
            return
        try:
            start = parse_user_when(self.start.text(), self.tz, self.tr("actual start"))
            end = parse_user_when(self.end.text(), self.tz, self.tr("actual end")) if self.end.text().strip() else None
            if not ordered(start, end, self.tz):
                raise InputError(self.tr("The actual end {0} is before the actual start {1}.").format(
                    when_text(end, self.tz), when_text(start, self.tz)))
            kwargs: dict[str, Any] = {}
            note = self.note.text().strip()
            if note != (e.note or ""):
                kwargs["note"] = note
            if e.kind in _CELL_LAB_KINDS:
                if e.kind == "product_receipt" and self.hold.text().strip():
                    hold = parse_user_when(self.hold.text(), self.tz, self.tr("dry shipper hold"))
                    if not isinstance(hold, datetime):
                        raise InputError(self.tr("The dry shipper hold needs a time as well as a date."))
                    kwargs["shipper_hold_until"] = hold
                if e.kind == "storage":
                    highest = self._number(self.max_temp.text(), self.tr("highest storage temperature"))
                    if highest is not None:
                        kwargs["max_temperature_c"] = highest
                    c = self._number(self.reading_c.text(), self.tr("temperature"))
                    if c is not None or self.reading_time.text().strip():
                        if c is None:
                            raise InputError(self.tr("A temperature reading needs the temperature in °C."))
                        t = parse_user_when(self.reading_time.text(), self.tz, self.tr("reading time"))
                        if not isinstance(t, datetime):
                            raise InputError(self.tr("A temperature reading needs a time as well as a date."))
                        kwargs["temperatures"] = [*e.temperatures, (t, c)]
                expiry = self.expiry.text().strip()
                if expiry:
                    day = parse_user_date(expiry, self.tr("product expiry"))
                    if day != self.sp.pathway.product_expiry:
                        kwargs["product_expiry"] = day
                coi = self.coi.text().strip()
                if coi and coi != (self.sp.pathway.coi_id or ""):
                    kwargs["coi_id"] = coi
            if e.kind == "apheresis" and self.cd34_target is not None:
                dose = self._number(self.cd34.text(), self.tr("CD34+ cells"))
                if dose is not None:
                    if dose < 0:
                        raise InputError(self.tr("CD34+ cells cannot be negative."))
                    kwargs["cd34_per_kg"] = dose
        except InputError as exc:
            self.bar.show_message("error", str(exc))
            return
        try:
            self.saved = self.ctx.services.pathways.record_actual(
                self.sp.id, self.sp.version, e.label, start, end,
                reason=self.reason.text().strip() or None, **kwargs,
            )
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_text(self.ctx.services, exc, self.tz, self.ctx.lang))
            return
        self.accept()


def _cd34_target(ctx: UiContext, sp: StoredPathway) -> float | None:
    """The product's target CD34+ dose (× 10⁶/kg) over all collections, or None when it has none."""
    try:
        rule = ctx.services.pathways.profile_for(sp).rule("mobilisation")
    except REFUSALS:
        return None
    if not rule.known or not isinstance(rule.value, dict):
        return None
    target = rule.value.get("target_cd34_per_kg")
    return float(target) if target is not None else None
