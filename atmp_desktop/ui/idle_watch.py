"""The idle lock's watch: no keyboard, mouse or touch use anywhere in the application for a while.

Part of the main window's start-up path: Qt classes only, no ``Qt`` namespace.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication


#: Events that count as someone using the application (for the idle lock).
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


#: The idle watcher starts looking at input this long after it is made (see :class:`IdleWatcher`).
WATCH_AFTER_MS = 1000


class IdleWatcher(QObject):
    """Fires :attr:`idle` after *timeout_ms* without keyboard, mouse or touch use anywhere in the application.

    The application-wide event filter is installed :data:`WATCH_AFTER_MS` after
    the watcher is made, not at once: PySide hands every event's receiver to a
    Python filter, and meeting each kind of widget for the first time costs it
    tens of milliseconds of set-up, which would otherwise delay the first
    screen. The idle time itself counts from the start.
    """

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None, watch_after_ms: int = WATCH_AFTER_MS):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_timeout(timeout_ms)
        self._watching = False
        self._stopped = False
        QTimer.singleShot(max(0, int(watch_after_ms)), self, self._watch)

    def _watch(self) -> None:
        app = QApplication.instance()
        if self._stopped or self._watching or app is None:
            return
        app.installEventFilter(self)
        self._watching = True

    def watching(self) -> bool:
        """True once input anywhere in the application restarts the idle time."""
        return self._watching

    def set_timeout(self, timeout_ms: int) -> None:
        self._timer.setInterval(max(1, int(timeout_ms)))
        self._timer.start()

    def timeout(self) -> int:
        return self._timer.interval()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def stop(self) -> None:
        self._timer.stop()
        self._stopped = True
        app = QApplication.instance()
        if app is not None and self._watching:
            app.removeEventFilter(self)
        self._watching = False
