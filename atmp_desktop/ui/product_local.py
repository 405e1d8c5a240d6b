"""The Products view's local profiles (issue 13): add a trial or hospital-exemption profile from its file, approve it.

"Add local profile…" reads an ``atmp-local-profile/1`` file (see
``docs/examples/trial-protocol-profile.json``) chosen in a file dialog and
stores it as the product's next, *pending* version
(:meth:`~atmp_desktop.services.products.ProductService.add_local`): a profile
that is incomplete or contradictory is refused in one dialog, in the UI
language, and nothing is saved. "Approve…" is the second person of the
two-person sign-off: the services refuse the person who wrote the version, and
the dialog says so. Only roles with the permission to define profiles
(pharmacists, administrators) have the buttons enabled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from atmp_desktop.services import REFUSALS
from atmp_desktop.services.auth import Permission
from atmp_desktop.storage.records_more import ProfileVersion
from atmp_desktop.ui import errors as ui_errors
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.resources_editor import ReasonDialog


class LocalProfileActions(QWidget):
    """The "Add local profile…" and "Approve…" buttons, and the number of versions waiting for approval."""

    def __init__(self, ctx: UiContext, selected: Callable[[], str | None], changed: Callable[[str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.svc = ctx.services
        self._selected = selected
        self._changed = changed
        self.dialog: QFileDialog | ReasonDialog | None = None
        self.add_button = QPushButton(self.tr("Add local profile…"))
        self.add_button.setObjectName("add_local_profile")
        self.approve_button = QPushButton(self.tr("Approve…"))
        self.approve_button.setObjectName("approve_local_profile")
        self.pending_text = QLabel()
        self.pending_text.setObjectName("pending_profiles")
        self.pending_text.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("local_profile_status")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.approve_button)
        row.addWidget(self.pending_text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.can_define = bool(self.svc.session and self.svc.session.can(Permission.DEFINE_PROFILES))
        tip = "" if self.can_define else self.tr("Only a pharmacist or an administrator may add or approve a "
                                                 "local product profile.")
        self.add_button.setToolTip(tip or self.tr("Read a trial or hospital-exemption product profile "
                                                  "(atmp-local-profile/1) from a file"))
        self.approve_button.setToolTip(tip)
        self.add_button.clicked.connect(lambda: self.choose_file())
        self.approve_button.clicked.connect(lambda: self.ask_approve())
        self.update_state()

    # -- state ------------------------------------------------------------------------------------

    def pending(self) -> list[ProfileVersion]:
        try:
            return self.svc.products.pending()
        except REFUSALS:
            return []

    def pending_of(self, product: str | None) -> ProfileVersion | None:
        """The oldest version of *product* waiting for approval."""
        return next((v for v in self.pending() if v.product == product), None)

    def update_state(self) -> None:
        waiting = self.pending()
        self.add_button.setEnabled(self.can_define)
        self.approve_button.setEnabled(self.can_define and self.pending_of(self._selected()) is not None)
        if waiting:
            names = ", ".join(self.tr("{0} version {1}").format(v.product, v.version) for v in waiting)
            self.pending_text.setText(self.tr("Waiting for a second person's approval: {0}").format(names))
        else:
            self.pending_text.setText("")

    # -- adding -----------------------------------------------------------------------------------

    def choose_file(self) -> QFileDialog | None:
        """The file dialog for a local profile (Qt's own dialog, so that it looks the same everywhere)."""
        if not self.can_define:
            return None
        dialog = QFileDialog(self, self.tr("Add local profile"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Local product profiles (*.json)"), self.tr("All files (*)")])
        dialog.fileSelected.connect(self.add_file)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_file(self, path: str, reason: str | None = None) -> ProfileVersion | None:
        """Store the profile in *path* as a pending version; a refusal is one dialog and nothing is saved."""
        try:
            text = Path(path).read_bytes()
        except OSError as exc:
            ui_errors.show_error(self, self.tr("The file {0} could not be read: {1}").format(
                path, exc.strerror or exc.__class__.__name__), self.tr("Not added"))
            return None
        try:
            saved = self.svc.products.add_local(text, reason)
        except REFUSALS as exc:
            if getattr(exc, "key", None) == "profile.needs_reason" and reason is None:
                return self._ask_reason(path)
            ui_errors.show_refusal(self, exc, self.ctx.lang)
            return None
        self._changed(saved.product)
        self.status.setText(self.tr("{0} version {1} saved; it waits for a second person's approval before "
                                          "it can be planned with.").format(saved.product, saved.version))
        return saved

    def _ask_reason(self, path: str) -> None:
        dialog = ReasonDialog(self.tr("Add local profile"),
                              self.tr("The file gives no reason for this version: why is it added?"), self)
        dialog.accepted.connect(lambda: self.add_file(path, dialog.text()))
        self.dialog = dialog
        dialog.open()
        return None

    # -- approving --------------------------------------------------------------------------------

    def ask_approve(self) -> ReasonDialog | None:
        version = self.pending_of(self._selected())
        if not self.can_define or version is None:
            return None
        dialog = ReasonDialog(
            self.tr("Approve local profile"),
            self.tr("{0} version {1}, written by {2}: {3}\n\nYou approve it as the second person; new plans of "
                    "{0} then use this version.").format(version.product, version.version, version.created_by,
                                                         version.reason), self)
        dialog.accepted.connect(lambda: self.approve(version.product, version.version, dialog.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def approve(self, product: str, version: int, reason: str) -> bool:
        try:
            self.svc.products.approve(product, version, reason)
        except REFUSALS as exc:
            ui_errors.show_refusal(self, exc, self.ctx.lang)
            return False
        self._changed(product)
        self.status.setText(self.tr("{0} version {1} approved: new plans use it.").format(product, version))
        return True


__all__ = ["LocalProfileActions"]
