"""The contract every main-window view follows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from atmp_desktop.ui.context import UiContext


class View(QWidget):
    """A page of the main window.

    * constructed as ``ViewClass(ctx, parent)``;
    * ``refresh()`` reloads from the store; the main window calls it when the
      view is shown, and the view connects ``ctx.pathwaysChanged`` /
      ``ctx.siteChanged`` to it when it shows data they affect;
    * ``openPathway(pathway_id)`` asks the main window to show a pathway.
    Language changes rebuild the views, so a view only sets its texts once.
    """

    openPathway = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx

    def refresh(self) -> None:  # pragma: no cover - overridden
        pass
