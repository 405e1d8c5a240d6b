"""The main window's views: which there are, in which order, their titles, and what stands in for one.

Kept apart from :mod:`atmp_desktop.ui.main_window` so that the menus
(:mod:`atmp_desktop.ui.window_menus`) and the tour of screenshots can name
the views without importing the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

#: The views, in navigation order: (key, module, class). The names are the shared contract.
VIEWS: tuple[tuple[str, str, str], ...] = (
    ("today", "atmp_desktop.ui.today_view", "TodayView"),
    ("patients", "atmp_desktop.ui.patients_view", "PatientsView"),
    ("pathway", "atmp_desktop.ui.pathway_view", "PathwayView"),
    ("calendar", "atmp_desktop.ui.calendar_view", "CalendarView"),
    ("celllab", "atmp_desktop.ui.celllab_view", "CellLabView"),
    ("products", "atmp_desktop.ui.products_view", "ProductsView"),
    ("audit", "atmp_desktop.ui.audit_view", "AuditView"),
)
VIEW_KEYS = tuple(key for key, _, _ in VIEWS)


def view_titles() -> dict[str, str]:
    """The navigation labels in the UI language."""
    return {
        "today": QCoreApplication.translate("MainWindow", "Today"),
        "patients": QCoreApplication.translate("MainWindow", "Patients"),
        "pathway": QCoreApplication.translate("MainWindow", "Pathway"),
        "calendar": QCoreApplication.translate("MainWindow", "Calendar"),
        "celllab": QCoreApplication.translate("MainWindow", "Cell lab"),
        "products": QCoreApplication.translate("MainWindow", "Products"),
        "audit": QCoreApplication.translate("MainWindow", "Audit"),
    }


class ViewPlaceholder(QWidget):
    """Stands in for a view whose module is not part of this build (yet), or failed to open."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(text)
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)

    def refresh(self) -> None:
        pass


def has_unsaved_changes(view: QWidget) -> bool:
    """A view's own word on unsaved edits (``dirty``, as the Pathway view has it, or ``has_unsaved_changes()``)."""
    probe = getattr(view, "has_unsaved_changes", None)
    if callable(probe):
        return bool(probe())
    return getattr(view, "dirty", False) is True
