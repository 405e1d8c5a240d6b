"""Cancel a pathway with a reason (coordinators).

Conventions shared by the pathway dialogs: :mod:`atmp_desktop.ui.dialog_parts`.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from atmp_desktop.services import REFUSALS
from atmp_desktop.storage.records import Patient, StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.dialog_parts import MessageBar, heading
from atmp_desktop.ui.pathway_input import refusal_text


class CancelPathwayDialog(QDialog):
    """Cancel a pathway (coordinators); the reason is required and goes into the audit trail."""

    def __init__(self, ctx: UiContext, sp: StoredPathway, patient: Patient | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.sp = sp
        self.saved: StoredPathway | None = None
        self.setWindowTitle(self.tr("Cancel pathway"))
        self.bar = MessageBar()
        who = f"{patient.full_name} ({patient.display_identifier})" if patient is not None else ""
        intro = QLabel(self.tr("Cancel pathway {0} ({1}) of {2}? Its events stay in the record; "
                               "it no longer counts in lists, capacity or checklists.").format(
            sp.id, sp.product, who))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why is the pathway cancelled? (required)"))
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox()
        self.keep = self.buttons.addButton(self.tr("Keep the pathway"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok = self.buttons.addButton(self.tr("Cancel the pathway"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self._cancel)
        self.keep.clicked.connect(self.reject)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(intro)
        layout.addWidget(heading(self.tr("Reason")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(520, 300)

    def _cancel(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.bar.show_message("error", self.tr("A reason is required to cancel a pathway."))
            return
        try:
            self.saved = self.ctx.services.pathways.cancel(self.sp.id, self.sp.version, reason)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_text(self.ctx.services, exc, self.sp.pathway.tz, self.ctx.lang))
            return
        self.accept()
