"""``ATMP_SCREENSHOT_DIR``: the screenshot tour of the real application (``docs/make_screenshots.py``).

Not on the start-up path: :mod:`atmp_desktop.app` imports it only when a
screenshot folder is given.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from atmp_desktop.ui.main_window import VIEW_KEYS

if TYPE_CHECKING:
    from atmp_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class ScreenshotTour(QObject):
    """``ATMP_SCREENSHOT_DIR``: show each view in turn, save a PNG of the window, then quit.

    Used by ``docs/make_screenshots.py`` on the real application under Xvfb.
    Files are ``<view>-<lang>.png``; the sign-in, About and lock dialogs and the
    search popup are pictured too (from the screen, so the popup shows).
    """

    WIDTH, HEIGHT = 1400, 900
    SETTLE_MS = 700

    def __init__(self, window: MainWindow, folder: Path):
        super().__init__(window)
        self.window = window
        self.folder = folder
        self.lang = window.ctx.lang
        self.saved: list[Path] = []
        self._steps: list[tuple[str, Callable[[], Any]]] = []

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.window.setGeometry(0, 0, self.WIDTH, self.HEIGHT)
        svc = self.window.ctx.services
        self._steps = [("signin", self._signin)]
        self._steps += [(key, lambda k=key: self._view(k)) for key in VIEW_KEYS]
        self._steps += [("search", self._search), ("about", lambda: self._about(0)),
                        ("about-libraries", lambda: self._about(2)), ("lock", self._lock)]
        self._pathway = self._interesting_pathway(svc)
        QTimer.singleShot(self.SETTLE_MS, self._next)

    @staticmethod
    def _interesting_pathway(svc: Any) -> int | None:
        """A pathway worth showing: open findings and an infusion coming up, else any with errors."""
        rows = [r for r in svc.pathways.rows() if r.stage not in ("completed", "cancelled")]
        for r in rows:
            if r.open_errors and r.stage in ("product_in_storage", "lymphodepletion"):
                return r.id
        for r in rows:
            if r.open_errors or r.open_warnings:
                return r.id
        return rows[0].id if rows else None

    def _next(self) -> None:
        if not self._steps:
            # exit(), not quit(): quit() asks every window to close, and the lock screen refuses.
            QApplication.instance().exit(0)
            return
        name, prepare = self._steps.pop(0)
        try:
            grab = prepare()
        except Exception as exc:  # noqa: BLE001 - one failed picture must not stop the rest
            log.warning("screenshot %s not taken: %s", name, exc)
            QTimer.singleShot(0, self._next)
            return
        QTimer.singleShot(self.SETTLE_MS, lambda: self._save(name, grab))

    def _save(self, name: str, grab: Callable[[], Any]) -> None:
        path = self.folder / f"{name}-{self.lang}.png"
        try:
            pixmap = grab()
            if pixmap is not None and not pixmap.isNull() and pixmap.save(str(path)):
                self.saved.append(path)
                print(f"saved {path}", flush=True)
        finally:
            QTimer.singleShot(0, self._next)

    def _screen(self) -> Any:
        screen = QApplication.primaryScreen()
        return screen.grabWindow(0, 0, 0, self.WIDTH, self.HEIGHT)

    def _signin(self) -> Callable[[], Any]:
        from atmp_desktop.ui.signin import SignInDialog

        dialog = SignInDialog(self.window.ctx.services, "coordinator", None, where=str(self.window.db_path))
        dialog.password.setText("coordinator")
        dialog.show()
        self._dialog = dialog

        def grab() -> Any:
            pixmap = dialog.grab()
            dialog.close()
            return pixmap

        return grab

    def _view(self, key: str) -> Callable[[], Any]:
        if key == "pathway" and self._pathway is not None:
            self.window.show_pathway(self._pathway)
        else:
            self.window.show_view(key)
        widget = self.window.view(key)
        if hasattr(widget, "load_all_details"):
            widget.load_all_details()
        return self.window.grab

    def _search(self) -> Callable[[], Any]:
        self.window.show_view("patients")
        rows = self.window.ctx.services.pathways.rows()
        text = rows[0].family_name[:4] if rows else "an"
        self.window.search.setFocus()
        self.window.search.setText(text)
        self.window.search.lookup(text)
        return self._screen

    def _about(self, tab: int) -> Callable[[], Any]:
        """Help → About on the given tab (0 the program, 2 the libraries and licences)."""
        from atmp_desktop.ui.about_dialog import AboutDialog

        self.window.show_about()
        dialog = next(d for d in self.window.findChildren(AboutDialog) if d.isVisible())
        dialog.tabs.setCurrentIndex(tab)

        def grab() -> Any:
            pixmap = dialog.grab()
            dialog.close()
            return pixmap

        return grab

    def _lock(self) -> Callable[[], Any]:
        self.window.lock()
        if self.window.gate is not None:
            gate = self.window.gate
            gate.adjustSize()
            gate.move((self.WIDTH - gate.width()) // 2, (self.HEIGHT - gate.height()) // 3)
        return self._screen
