"""Register a patient (coordinators): personnummer checked as typed, or a reserve id without one.

Conventions shared by the pathway dialogs: :mod:`atmp_desktop.ui.dialog_parts`.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.identifiers import IdentifierError, parse_patient_id
from atmp_desktop.services import REFUSALS, Permission
from atmp_desktop.storage.records import Patient
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.dialog_parts import MessageBar, can
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.pathway_input import InputError, parse_user_date
from atmp_desktop.ui.site_capacity import default_site


class NewPatientDialog(QDialog):
    """Register a patient (coordinators): personnummer checked as typed, or a reserve id without one."""

    def __init__(self, ctx: UiContext, site: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.created_patient: Patient | None = None
        self.setWindowTitle(self.tr("New patient"))
        self.bar = MessageBar()
        self.identifier = QLineEdit()
        self.identifier.setPlaceholderText(self.tr("YYYYMMDD-NNNN"))
        self.id_status = QLabel()
        self.id_status.setWordWrap(True)
        # Room for a two-line message, so that the dialog does not jump (or clip it) while typing.
        self.id_status.setMinimumHeight(2 * self.id_status.fontMetrics().lineSpacing() + 4)
        self.id_status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.no_number = QCheckBox(self.tr("No Swedish personnummer or samordningsnummer (give a reserve id)"))
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("YYYY-MM-DD")
        self.sex = QComboBox()
        for code, text in (("", self.tr("not given")), ("F", self.tr("female")), ("M", self.tr("male")),
                           ("X", self.tr("other"))):
            self.sex.addItem(text, code or None)
        self.weight = QLineEdit()
        self.weight.setPlaceholderText(self.tr("kg"))
        self.height = QLineEdit()
        self.height.setPlaceholderText(self.tr("cm"))
        self.site = QComboBox()
        for s in ctx.services.sites.list():
            self.site.addItem(s.name, s.id)
        want = site or default_site(ctx)
        if want and self.site.findData(want) >= 0:
            self.site.setCurrentIndex(self.site.findData(want))
        self.referring = QLineEdit()
        self.referring.setPlaceholderText(self.tr("optional"))

        form = QFormLayout()
        form.addRow(self.tr("Personnummer"), self.identifier)
        form.addRow("", self.id_status)
        form.addRow("", self.no_number)
        form.addRow(self.tr("Given name"), self.given)
        form.addRow(self.tr("Family name"), self.family)
        form.addRow(self.tr("Birth date"), self.birth)
        form.addRow(self.tr("Sex"), self.sex)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.tr("Height"), self.height)
        form.addRow(self.tr("Treating site"), self.site)
        form.addRow(self.tr("Referring site"), self.referring)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Register patient"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        if not can(ctx, Permission.EDIT_PATIENTS):
            self.ok.setEnabled(False)
            self.ok.setToolTip(self.tr("Only a coordinator may register patients."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.identifier.textChanged.connect(self._identifier_changed)
        self.no_number.toggled.connect(self._no_number)
        self.resize(520, self.sizeHint().height())

    def _no_number(self, on: bool) -> None:
        self.identifier.setEnabled(not on)
        if on:
            self.id_status.setText(self.tr("A reserve id is made from the birth date when the patient is registered."))
        else:
            self._identifier_changed(self.identifier.text())

    def _identifier_changed(self, text: str) -> None:
        digits = re.sub(r"\D", "", text)
        if len(digits) < 10:
            self.id_status.setText("")
            return
        try:
            pid = parse_patient_id(text.strip())
        except IdentifierError as exc:
            self.id_status.setText("⚠ " + self.tr("Not valid: {0}").format(refusal_message(exc, self.ctx.lang)))
            return
        born = pid.birth_date.isoformat() if pid.birth_date else ""
        self.id_status.setText("✓ " + self.tr("{0}, born {1}").format(pid.display, born))
        if pid.birth_date and not self.birth.text().strip():
            self.birth.setText(born)
        if pid.sex and self.sex.currentData() is None:
            self.sex.setCurrentIndex(self.sex.findData(pid.sex))

    def _measure(self, widget: QLineEdit, what: str) -> float | None:
        text = widget.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise InputError(self.tr("{0}: \"{1}\" is not a number").format(what, text)) from None

    def _create(self) -> None:
        try:
            identifier = None
            if not self.no_number.isChecked():
                text = self.identifier.text().strip()
                if not text:
                    raise InputError(self.tr("Give the personnummer, or tick that the patient has none."))
                try:
                    identifier = parse_patient_id(text).value
                except IdentifierError as exc:
                    raise InputError(self.tr("The personnummer is not valid: {0}").format(
                        refusal_message(exc, self.ctx.lang))) from None
            birth = parse_user_date(self.birth.text(), self.tr("birth date")) if self.birth.text().strip() else None
            if self.no_number.isChecked() and birth is None:
                raise InputError(self.tr("A patient without a Swedish number needs a birth date (for the reserve id)."))
            if not self.given.text().strip() or not self.family.text().strip():
                raise InputError(self.tr("Give both the given name and the family name."))
            weight = self._measure(self.weight, self.tr("weight"))
            height = self._measure(self.height, self.tr("height"))
        except InputError as exc:
            self.bar.show_message("error", str(exc))
            return
        try:
            self.created_patient = self.ctx.services.patients.create(
                identifier=identifier, given_name=self.given.text().strip(), family_name=self.family.text().strip(),
                treating_site=self.site.currentData(), birth_date=birth, sex=self.sex.currentData(),
                weight_kg=weight, height_cm=height, referring_site=self.referring.text().strip() or None,
            )
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return
        self.accept()
