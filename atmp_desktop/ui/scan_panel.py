"""The chain-of-identity box of the receipt, thaw and bedside dialogs (issue 14).

One :class:`~atmp_desktop.ui.scan_field.ScanField` per label to scan (the
patient's wristband, the COI label, the bag's DIN), each with its result in
words beside it as soon as it is scanned; a second person's user name and
password where the step's checklist needs a double signature; and, at the
top, what blocks the step whatever is scanned (a cancelled pathway, an
expired product, a bag already infused). Each scan is checked and audited by
``services/identity.py``; :meth:`ScanPanel.verify` checks the whole step on
Save and raises the refusal that names every mismatch.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from atmp_desktop.domain import chain_of_identity as coi
from atmp_desktop.services import REFUSALS
from atmp_desktop.services.identity import IdentityService, Scan, Verified
from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import message_icon
from atmp_desktop.ui.scan_field import ScanField


class ScanPanel(QGroupBox):
    """Scan fields for one step (``receipt``, ``thaw``, ``infusion``) of one pathway's event *label*."""

    def __init__(self, ctx: UiContext, sp: StoredPathway, step: str, label: str, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("ScanPanel", "Chain of identity — scan each label"), parent)
        self.setObjectName("scanPanel")
        self.ctx, self.sp, self.step, self.label = ctx, sp, step, label
        self.identity = IdentityService(ctx.services)
        self.scans: list[Scan] = []
        self.values: dict[str, str | None] = {}
        lang = ctx.lang
        names = coi.FIELD_NAMES.get(lang, coi.FIELD_NAMES["en"])
        layout = QVBoxLayout(self)
        self.blocked = QLabel()
        self.blocked.setObjectName("scanBlocked")
        self.blocked.setWordWrap(True)
        self.blocked.setVisible(False)
        layout.addWidget(self.blocked)
        form = QFormLayout()
        layout.addLayout(form)
        self.fields: dict[str, ScanField] = {}
        self.status: dict[str, QLabel] = {}
        self.icons: dict[str, QLabel] = {}
        required = coi.REQUIRED[step]
        for f in coi.FIELDS:
            field = ScanField()
            field.setObjectName(f"scan_{f}")
            field.setPlaceholderText(self.tr("scan, or type and press Enter"))
            field.entered.connect(lambda text, source, f=f: self.enter(f, text, source))
            icon, status = QLabel(), QLabel()
            status.setObjectName(f"scanStatus_{f}")
            status.setWordWrap(True)
            row = QHBoxLayout()
            row.addWidget(field, 2)
            row.addWidget(icon)
            row.addWidget(status, 3)
            title = names[f][:1].upper() + names[f][1:]
            if f not in required:
                title += " " + self.tr("(if at hand)")
            form.addRow(title, row)
            self.fields[f], self.status[f], self.icons[f] = field, status, icon
        self.second_user = self.second_password = None
        if step in coi.TWO_PERSON_STEPS:
            self.second_user = QLineEdit()
            self.second_user.setObjectName("secondUser")
            self.second_password = QLineEdit()
            self.second_password.setObjectName("secondPassword")
            self.second_password.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(self.tr("Second person (user name)"), self.second_user)
            form.addRow(self.tr("Second person's password"), self.second_password)
        hint = QLabel(self.tr("A scanner types the code and Enter. A code typed by hand is accepted and recorded "
                          "as typed. Nothing is recorded unless every label matches this pathway."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self._show_blocked()

    # -- scanning ----------------------------------------------------------------------------------

    def _show_blocked(self) -> None:
        try:
            problems = self.identity.step_problems(self.sp, self.step, self.label, self.ctx.today())
        except REFUSALS as exc:
            self.blocked.setText(refusal_message(exc, self.ctx.lang))
            self.blocked.setVisible(True)
            return
        if problems:
            self.blocked.setText("\n".join("⛔ " + m.message(self.ctx.lang) for m in problems))
        self.blocked.setVisible(bool(problems))

    def enter(self, field: str, text: str, source: str) -> None:
        """One scan (or typed entry) of *field*: checked, audited and its result shown beside it."""
        scan = Scan(field, text, source)
        self.scans.append(scan)
        try:
            value, found = self.identity.check_scan(self.sp, self.step, self.label, scan, self.ctx.today())
        except REFUSALS as exc:
            self._set(field, False, refusal_message(exc, self.ctx.lang))
            return
        self.values[field] = value
        how = self.tr("scanned") if source == "scanned" else self.tr("typed")
        if found:
            self._set(field, False, "; ".join(m.message(self.ctx.lang) for m in found))
        else:
            self._set(field, True, self.tr("matches ({0})").format(how))
            self._next(field)

    def _set(self, field: str, ok: bool, text: str) -> None:
        self.status[field].setText(text)
        self.status[field].setProperty("ok", ok)
        self.icons[field].setPixmap(message_icon("success" if ok else "error").pixmap(16, 16))

    def _next(self, field: str) -> None:
        order = list(coi.FIELDS)
        for f in order[order.index(field) + 1:]:
            if not self.status[f].property("ok"):
                self.fields[f].setFocus()
                return
        if self.second_user is not None and not self.second_user.text():
            self.second_user.setFocus()

    def matched(self, field: str) -> bool:
        return bool(self.status[field].property("ok"))

    # -- the whole step ----------------------------------------------------------------------------

    def verify(self, today: date | None = None) -> Verified:
        """Every check of the step; raises the audited refusal (``IdentityRefused``) naming each mismatch."""
        for f, field in self.fields.items():
            if field.pending:  # typed without Enter: it counts, as typed
                field.finish("typed")
        return self.identity.verify(
            self.sp, self.step, self.label, self.scans,
            second_user=self.second_user.text().strip() if self.second_user is not None else None,
            second_password=self.second_password.text() if self.second_password is not None else None,
            today=today or self.ctx.today())
