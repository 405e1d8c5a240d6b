"""Product received (cell lab): time, dry-shipper hold, expiry, and the chain-of-identity scans.

The cassette's COI label and the bag's DIN are scanned (or typed, and then
recorded as typed); both must match the pathway's chain-of-identity number
(the first receipt records it, and then the two labels must agree), must not
belong to another patient's or a cancelled pathway, and a second person
confirms with their own password, as the product-receipt checklist requires
(issue 14). Nothing is recorded otherwise.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout

from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.celllab_dialogs import RecordDialog, WhenEdit


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
        self.form.addRow(self.tr("Received at"), self.received)
        self.form.addRow(self.tr("Dry shipper hold until"), hold_row)
        self.form.addRow(self.tr("Expiry date"), exp_row)
        self.add_scan_panel("receipt")

    def record(self) -> StoredPathway:
        received = self.received.value()
        hold = self.hold.value() if self.hold_on.isChecked() else None
        if hold is not None and hold < received:
            raise ValueError(self.tr("The dry shipper's hold ends before the product was received; check both times."))
        exp = None
        if self.expiry_on.isChecked():
            d = self.expiry.date()
            exp = date(d.year(), d.month(), d.day())
        if exp is not None and exp < self.ctx.today():
            raise ValueError(self.tr("The expiry date {0} has passed: an expired product is not received for "
                                     "infusion; contact the manufacturer.").format(exp.isoformat()))
        verified = self.scan_panel.verify()
        # The COI id as scanned and matched (the first receipt records it on the pathway).
        coi = verified.values.get("coi") or self.sp.pathway.coi_id
        return self.scan_panel.identity.record(verified, lambda: self.ctx.services.pathways.record_actual(
            self.sp.id, self.sp.version, self.label, received,  # type: ignore[arg-type]
            shipper_hold_until=hold, product_expiry=exp, coi_id=coi,
        ))
