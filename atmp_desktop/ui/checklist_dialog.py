"""One pathway's checklists: pick one and its language, preview the PDF, print, save, and sign it off.

Signing off needs a second person's own password where the checklist needs
two people. Opened through :func:`atmp_desktop.ui.checklists.open_checklist`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.reports import KINDS, ChecklistError, title
from atmp_desktop.services import REFUSALS, TWO_PERSON_CHECKLISTS, Services
from atmp_desktop.services.auth import ROLE_PERMISSIONS
from atmp_desktop.services.pathways import SIGN_OFF_PERMISSION
from atmp_desktop.ui.checklist_printing import (
    LANG_NAMES,
    checklist_pdf,
    checklist_refusal_text,
    load_pdf,
    print_pdfs,
    write_file,
)
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message

log = logging.getLogger(__name__)


#: The checklist a pathway most likely needs next, by its stage.
STAGE_KIND = {
    "awaiting_apheresis": "pre-apheresis",
    "in_manufacturing": "product-receipt",
    "product_in_storage": "pre-lymphodepletion",
    "lymphodepletion": "pre-infusion",
    "infused": "monitoring",
    "completed": "discharge",
}


class ChecklistDialog(QDialog):
    """Preview, print, save and sign off one pathway's checklists."""

    signedOff = Signal(int, str)

    def __init__(self, ctx: UiContext, pathway_id: int, kind: str | None = None, parent: QWidget | None = None):
        # Read first: an unknown pathway raises NotFound before any window exists (the caller shows it).
        sp, patient = ctx.services.pathways.with_patient(int(pathway_id))
        super().__init__(parent)
        self.ctx = ctx
        self.svc: Services = ctx.services
        self.pathway_id = int(pathway_id)
        self.pdf: bytes | None = None
        self.error: str | None = None
        self._buffer: QBuffer | None = None
        self.stored = sp
        self.patient = patient
        self.setWindowTitle(self.tr("Checklists – {0}").format(patient.full_name))
        self.resize(1000, 780)

        self.kind_box = QComboBox()
        for k in KINDS:
            self.kind_box.addItem(title(k, ctx.lang), k)
        self.lang_box = QComboBox()
        for code in ("sv", "en"):
            self.lang_box.addItem(LANG_NAMES[code], code)
        self.lang_box.setCurrentIndex(self.lang_box.findData(ctx.lang if ctx.lang in LANG_NAMES else "sv"))
        kind = kind or STAGE_KIND.get(sp.stage or "", "pre-apheresis")
        if kind in KINDS:
            self.kind_box.setCurrentIndex(KINDS.index(kind))

        header = QLabel(self.tr("{0} · {1} · {2} · pathway {3}").format(
            patient.full_name, patient.display_identifier, self.svc.products.profile(sp.product, sp.pathway.region).name
            if sp.product in self.svc.products.product_ids else sp.product, sp.id))
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Checklist:")))
        choose.addWidget(self.kind_box, 1)
        choose.addSpacing(12)
        choose.addWidget(QLabel(self.tr("Language:")))
        choose.addWidget(self.lang_box)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setObjectName("checklistMessage")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)

        side = self._sign_off_panel()
        split = QSplitter()
        split.addWidget(self.stack)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.print_button.clicked.connect(lambda: self.print_checklist())
        self.save_button.clicked.connect(lambda: self.save_as())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(choose)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.kind_box.currentIndexChanged.connect(self._render)
        self.lang_box.currentIndexChanged.connect(self._render)
        self._render()
        self._show_sign_offs()

    # -- preview -------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    @property
    def lang(self) -> str:
        return self.lang_box.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(KINDS.index(kind))

    def set_lang(self, lang: str) -> None:
        self.lang_box.setCurrentIndex(self.lang_box.findData(lang))

    def _render(self) -> None:
        self.status.clear()
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        try:
            self.pdf = checklist_pdf(self.svc, self.pathway_id, self.kind, self.lang)
            self.error = None
        except (ChecklistError, *REFUSALS) as exc:
            self.pdf = None
            self.error = checklist_refusal_text(exc, self.ctx.lang)
        except Exception:  # a bug in a report must not take the window down
            log.exception("rendering checklist %s of pathway %s", self.kind, self.pathway_id)
            self.pdf = None
            self.error = self.tr("The checklist could not be made; the details are in the log file.")
        if self.pdf is not None:
            self._buffer = load_pdf(self.document, self.pdf)
            self.stack.setCurrentWidget(self.view)
        else:
            self.message.setText(self.tr("This checklist cannot be made for this pathway:\n{0}").format(self.error))
            self.stack.setCurrentWidget(self.message)
        self.print_button.setEnabled(self.pdf is not None)
        self.save_button.setEnabled(self.pdf is not None)
        self._update_sign_off_controls()

    # -- print and save ----------------------------------------------------------------

    def print_checklist(self, printer: QPrinter | None = None) -> bool:
        """Print the previewed checklist; without *printer*, through the system's print dialog."""
        if self.pdf is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(f"{self.kind} {self.pathway_id}")
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        try:
            pages = print_pdfs(printer, [self.pdf])
        except (OSError, ValueError) as exc:
            self.status.setText(self.tr("Not printed: {0}").format(exc))
            return False
        self.status.setText(self.tr("Sent {0} page(s) to the printer.").format(pages))
        return True

    def save_as(self, path: str | os.PathLike[str] | None = None) -> Path | None:
        """Save the PDF; without *path*, ask for a file name."""
        if self.pdf is None:
            return None
        if path is None:
            suggested = str(Path.home() / f"{self.kind}-{self.pathway_id}.pdf")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save checklist"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        try:
            write_file(target, self.pdf)
        except OSError as exc:
            self.status.setText(self.tr("Not saved: {0}").format(exc.strerror or exc))
            return None
        self.status.setText(self.tr("Saved {0}").format(target))
        return target

    # -- sign-off ------------------------------------------------------------------

    def _sign_off_panel(self) -> QWidget:
        box = QGroupBox(self.tr("Sign-off"))
        self.sign_offs = QListWidget()
        self.sign_offs.setWordWrap(True)
        self.sign_offs.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sign_hint = QLabel()
        self.sign_hint.setWordWrap(True)
        self.second_user = QComboBox()
        self.second_user.setEditable(True)
        self.second_password = QLineEdit()
        self.second_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLineEdit()
        self.sign_button = QPushButton(self.tr("Mark completed"))
        self.sign_button.clicked.connect(lambda: self.sign_off())
        self.sign_message = QLabel()
        self.sign_message.setWordWrap(True)
        form = QFormLayout()
        # The panel is narrow: labels above their fields, so nothing is squeezed.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.second_label = QLabel(self.tr("Second person:"))
        form.addRow(self.second_label, self.second_user)
        form.addRow(self.tr("Their password:"), self.second_password)
        form.addRow(self.tr("Note:"), self.note)
        box.setMinimumWidth(320)
        layout = QVBoxLayout(box)
        layout.addWidget(QLabel(self.tr("Signed so far:")))
        layout.addWidget(self.sign_offs, 1)
        layout.addWidget(self.sign_hint)
        layout.addLayout(form)
        layout.addWidget(self.sign_button)
        layout.addWidget(self.sign_message)
        layout.addStretch(0)
        self._users = {u.username: u for u in self.svc.users.list()}
        return box

    def _update_sign_off_controls(self) -> None:
        kind = self.kind
        session = self.svc.session
        perm = SIGN_OFF_PERMISSION[kind]
        two = kind in TWO_PERSON_CHECKLISTS
        me = session.username if session else None
        current = self.second_user.currentText()
        self.second_user.clear()
        self.second_user.addItem("")
        for name, user in sorted(self._users.items()):
            if name != me and user.active and perm in ROLE_PERMISSIONS.get(user.role, ()):
                self.second_user.addItem(f"{user.display_name} ({name})", name)
        self.second_user.setEditText(current)
        self.second_label.setText(self.tr("Second person (required):") if two else
                                  self.tr("Second person (optional):"))
        cancelled = self.stored.stage == "cancelled"
        allowed = session is not None and session.can(perm)
        if cancelled:
            hint = self.tr("This pathway is cancelled; its checklists cannot be signed off.")
        elif not allowed:
            hint = self.tr("Your role may not sign off this checklist.")
        elif two:
            hint = self.tr("Two people sign this checklist: you, and a second person who confirms with "
                           "their own password.")
        else:
            hint = self.tr("You sign this checklist as {0}.").format(session.display_name)
        self.sign_hint.setText(hint)
        ok = allowed and not cancelled and self.pdf is not None
        for w in (self.second_user, self.second_password, self.note, self.sign_button):
            w.setEnabled(ok)

    def _who(self, username: str | None) -> str:
        if not username:
            return ""
        user = self._users.get(username)
        return f"{user.display_name} ({username})" if user and user.display_name != username else username

    def _show_sign_offs(self) -> None:
        self.sign_offs.clear()
        try:
            done = self.svc.pathways.sign_offs(self.pathway_id)
        except REFUSALS as exc:
            self.sign_offs.addItem(refusal_message(exc, self.ctx.lang))
            return
        tz = self.stored.pathway.tz
        for s in done:
            when = s.signed_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            if s.second_signer:
                text = self.tr("{0}: {1} and {2}, {3}").format(
                    title(s.kind, self.ctx.lang), self._who(s.signed_by), self._who(s.second_signer), when)
            else:
                text = self.tr("{0}: {1}, {2}").format(title(s.kind, self.ctx.lang), self._who(s.signed_by), when)
            if s.note:
                text += f" – {s.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.kind)
            self.sign_offs.addItem(item)
        if not done:
            self.sign_offs.addItem(self.tr("No checklist of this pathway is signed off yet."))

    def second_person(self) -> str | None:
        """The second signer's user name: a chosen entry, or the name typed."""
        text = self.second_user.currentText().strip()
        if not text:
            return None
        index = self.second_user.findText(text)
        return (self.second_user.itemData(index) if index >= 0 else None) or text

    def set_second_person(self, username: str) -> None:
        index = self.second_user.findData(username)
        if index >= 0:
            self.second_user.setCurrentIndex(index)
        else:
            self.second_user.setEditText(username)

    def sign_off(self) -> bool:
        """Sign off the chosen checklist as the signed-in user (and the second person given)."""
        second = self.second_person()
        password = self.second_password.text()
        note = self.note.text().strip() or None
        try:
            signed = self.svc.pathways.sign_off_checklist(
                self.pathway_id, self.kind, second_user=second, second_password=password or None, note=note)
        except REFUSALS as exc:
            self.sign_message.setText(self.tr("Not signed: {0}").format(refusal_message(exc, self.ctx.lang)))
            self.second_password.clear()
            return False
        finally:
            self.second_password.clear()
        self.sign_message.setText(self.tr("Signed off: {0}.").format(title(signed.kind, self.ctx.lang)))
        self.note.clear()
        self.second_user.setCurrentIndex(0)
        self._show_sign_offs()
        self.signedOff.emit(self.pathway_id, signed.kind)
        return True
