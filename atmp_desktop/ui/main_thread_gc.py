"""Python's cyclic garbage collector, run on the GUI thread only.

The window reads on worker threads (the Patients list's keys, the Calendar's
load strip, the audit verify, checklist batches). Python's automatic
collector runs in whichever thread happens to allocate when a threshold is
crossed; collecting there may finalise Qt objects that belong to the GUI
thread — a widget from a closed dialog, a model — and Qt then crashes the
process (a segmentation fault seen in a test run, the collector started from
the Calendar's worker while the main thread showed a question). So while the
window lives the automatic collector is off and a timer on the GUI thread
runs the same generational collections when the same thresholds are crossed:
nothing is collected later than a timer tick (half a second) after it would
have been, and never off the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
INTERVAL_MS = 500

_active: "_MainThreadCollector | None" = None


class _MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.was_enabled = gc.isenabled()
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose thresholds are crossed, as the automatic collector would."""
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self.thresholds
        if t0 == 0 or c0 <= t0:
            return 0
        if c1 > t1:
            return gc.collect(2 if c2 > t2 else 1)
        return gc.collect(0)


def collect_on_main_thread(app: QObject) -> bool:
    """Turn the automatic collector off and collect on *app*'s (the GUI) thread instead.

    True when this call started it; False when it was already running (the
    caller then leaves stopping it to whoever started it).
    """
    global _active
    if _active is not None:
        return False
    _active = _MainThreadCollector(app)
    return True


def stop_main_thread_collection() -> None:
    """Hand collection back to Python's automatic collector (as it was before), after one full collection."""
    global _active
    active, _active = _active, None
    if active is None:
        return
    active.timer.stop()
    gc.collect()
    if active.was_enabled:
        gc.enable()
    active.deleteLater()


def collecting_on_main_thread() -> bool:
    return _active is not None
