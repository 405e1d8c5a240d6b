"""Live updates on a shared store: when another client saves, the open view reloads within a second.

On a PostgreSQL store a :class:`~atmp_desktop.storage.pg.ChangeListener`
(``LISTEN atmp_changes``, a connection of its own on a thread of its own)
hears every committed save of another client; this object carries the notice
to the window's thread as a Qt signal. The window then forgets its cached
sites and profiles and reloads the current view — unless that view holds
unsaved edits, which are never thrown away: the status bar says that someone
else saved, and F5 reloads when the user is ready.

On the SQLite file there is nothing to listen to; each view reads the file
again when it is shown, as before.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class LiveUpdates(QObject):
    """Emits :attr:`changed` (in the window's thread) when another client committed a change."""

    changed = Signal()

    def __init__(self, store, parent: QObject | None = None):  # noqa: ANN001 - either store
        super().__init__(parent)
        self._listener = None
        if getattr(store, "backend", "sqlite") == "postgresql":
            from atmp_desktop.storage.pg import ChangeListener

            # Signal.emit from the listener's thread is queued to this object's thread by Qt.
            self._listener = ChangeListener(store.url, self.changed.emit, own_pid=store.backend_pid)

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None
