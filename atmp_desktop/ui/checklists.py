"""Checklists in the application (issue 5): the two entry points the other views call.

* :func:`open_checklist` — a dialog for one pathway
  (:class:`~atmp_desktop.ui.checklist_dialog.ChecklistDialog`): pick the
  checklist and its language, preview the PDF (QtPdf), print it through the
  system's print dialog, save it, and mark it completed (sign-off, with a
  second person's own password where the checklist needs two people).
* :func:`print_day` — every checklist due on one day (for one ward/site, or
  all; which are due: :mod:`atmp_desktop.ui.checklist_due`), printed in one
  job or saved into one folder, with a progress dialog whose Cancel stops
  after the checklist in hand
  (:class:`~atmp_desktop.ui.checklist_day.DayChecklistsDialog`).

Making, printing and saving the PDFs is in :mod:`atmp_desktop.ui.checklist_printing`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QWidget

from atmp_desktop.services import REFUSALS
from atmp_desktop.ui.checklist_day import DayChecklistsDialog
from atmp_desktop.ui.checklist_dialog import ChecklistDialog
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import show_refusal


_open_dialogs: set[QDialog] = set()


def _keep(dialog: QDialog) -> None:
    # A dialog without a parent would be garbage-collected as soon as we return.
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _=0, d=dialog: _open_dialogs.discard(d))


def open_checklist(ctx: UiContext, pathway_id: int, kind: str | None = None,
                   parent: QWidget | None = None) -> ChecklistDialog | None:
    """Open the checklist dialog of *pathway_id* (window-modal, not blocking) and return it.

    An unknown pathway is shown as a message and returns None.
    """
    try:
        dialog = ChecklistDialog(ctx, pathway_id, kind, parent)
    except REFUSALS as exc:
        show_refusal(parent, exc)
        return None
    _keep(dialog)
    dialog.open()
    return dialog


def print_day(ctx: UiContext, day: date, site: str | None = None,
              parent: QWidget | None = None) -> DayChecklistsDialog:
    """Open the dialog that prints or saves every checklist due on *day* (site None: the context's site)."""
    dialog = DayChecklistsDialog(ctx, day, site if site is not None else ctx.site, parent)
    _keep(dialog)
    dialog.open()
    return dialog
