"""Start-up work that waits until the window is up: the idle lock's input watch and the garbage collector."""

from __future__ import annotations

import gc

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from atmp_desktop.app import PausedCollector
from atmp_desktop.ui.main_window import IdleWatcher


def test_the_idle_watch_starts_after_its_delay_and_then_counts_input(qapp, qtbot):
    watcher = IdleWatcher(60_000, watch_after_ms=30)
    try:
        assert not watcher.watching()
        qtbot.waitUntil(watcher.watching, timeout=2000)
        real, restarts = watcher._timer, []
        watcher._timer = type("Timer", (), {"isActive": lambda self: True, "start": lambda self: restarts.append(1)})()
        target = QWidget()
        QApplication.sendEvent(target, QMouseEvent(QEvent.Type.MouseMove, QPoint(1, 1), QPoint(1, 1),
                                                   Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                   Qt.KeyboardModifier.NoModifier))
        watcher._timer = real
        assert restarts  # the move started the idle time over
    finally:
        watcher.stop()
    assert not watcher.watching()


def test_a_stopped_watcher_never_starts_watching(qapp, qtbot):
    watcher = IdleWatcher(60_000, watch_after_ms=10)
    watcher.stop()
    qtbot.wait(50)
    assert not watcher.watching()


def test_the_collector_is_paused_until_the_window_was_painted(qapp, qtbot, monkeypatch):
    monkeypatch.setattr(PausedCollector, "AFTER_PAINT_MS", 0)
    assert gc.isenabled()
    collector = PausedCollector()
    try:
        assert not gc.isenabled()
        window = QWidget()
        qtbot.addWidget(window)
        collector.resume_after_first_paint(window)
        assert not gc.isenabled()
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(gc.isenabled, timeout=2000)
    finally:
        collector.resume()
    assert gc.isenabled()


def test_resuming_twice_or_when_it_was_off_changes_nothing(qapp):
    gc.disable()
    try:
        collector = PausedCollector()
        collector.resume()
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()
    collector = PausedCollector()
    collector.resume()
    collector.resume()
    assert gc.isenabled()


