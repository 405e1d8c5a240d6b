"""What every view shares: the signed-in services, the UI language, today, and a change signal."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import QObject, Signal

from atmp_desktop.services import Services


class UiContext(QObject):
    """Handed to every view. Views never reach for globals; tests build one directly.

    ``pathwaysChanged`` is emitted after anything saved a pathway (any view may
    emit it through :meth:`notify_changed`); every view listening reloads.
    """

    pathwaysChanged = Signal()
    siteChanged = Signal()

    def __init__(self, services: Services, lang: str = "sv", today: date | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self.lang = lang
        self._today = today
        self._site: str | None = None

    def today(self) -> date:
        """Today at the site; fixed in tests and screenshots (``ATMP_TODAY=YYYY-MM-DD``)."""
        if self._today is not None:
            return self._today
        fixed = os.environ.get("ATMP_TODAY")
        return date.fromisoformat(fixed) if fixed else date.today()

    @property
    def site(self) -> str | None:
        """The site the user works at (None: all sites)."""
        return self._site

    def set_site(self, site: str | None) -> None:
        if site != self._site:
            self._site = site
            self.siteChanged.emit()

    def notify_changed(self) -> None:
        self.pathwaysChanged.emit()
