"""Composition root: check there is a screen, start Qt, open the main window."""

from __future__ import annotations

import os
import sys
from typing import Any

from atmp_desktop import APP_NAME, __version__


def has_display() -> bool:
    """True where Qt can open a window (a display, Wayland, or an explicit platform plugin)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def launch(args: Any = None) -> int:
    if not has_display():
        sys.stderr.write(
            "atmp-desktop: no display found (DISPLAY is not set); the window cannot open here. "
            "Run it on a desktop, or use the command line: atmp-desktop --help\n"
        )
        return 2
    from PySide6.QtWidgets import QApplication, QMainWindow

    from atmp_desktop.ui.plan_view import PlanView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = QMainWindow()
    window.setWindowTitle(f"{APP_NAME} {__version__}")
    window.setCentralWidget(PlanView())
    window.resize(1000, 720)
    window.show()
    if os.environ.get("ATMP_QUIT_AFTER_SHOW"):
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    return app.exec()
