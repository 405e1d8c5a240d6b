"""Start-up work that waits until the window is up: the idle lock's input watch and the garbage collector."""

from __future__ import annotations

import gc
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from atmp_desktop.app import PausedCollector
from atmp_desktop.ui.idle_watch import IdleWatcher
from tests.ui.conftest import TODAY


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


def test_the_collector_is_paused_until_the_window_was_painted(qapp, qtbot, monkeypatch, automatic_gc):
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


def test_resuming_twice_or_when_it_was_off_changes_nothing(qapp, automatic_gc):
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


# -- the start-up path stays clear of PySide's Qt namespace -----------------------------------------

_REPORT_QT_ENUMS = r"""
import enum, gc, sys
from atmp_desktop.app import main
code = main(["--db", sys.argv[1]])
qt = sorted(o.__qualname__ for o in gc.get_objects()
            if isinstance(o, enum.EnumType) and o.__module__ == "PySide6.QtCore" and o.__qualname__.startswith("Qt."))
print("exit", code)
print("qt-enums", len(qt), " ".join(qt[:5]))
"""


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_window_opens_on_today_without_building_the_qt_namespace(demo_db, tmp_path, lang):
    # The first Python use of PySide6.QtCore.Qt builds all ~90 of its enum classes (~14 ms); the
    # start-up benchmark's goal depends on the main window and Today never needing them.
    import os
    import subprocess
    import sys

    # The demo's day, so that Today lists events (rows, icons, finding counts) and not just two empty days.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATMP_USER="coordinator", ATMP_PASSWORD="coordinator-demo",
               ATMP_TODAY=TODAY.isoformat(), ATMP_QUIT_AFTER_TODAY="1", ATMP_LANG=lang,
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", _REPORT_QT_ENUMS, str(demo_db)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert "today_shown" in done.stdout, done.stderr[-2000:]
    events = int(done.stdout.split("today_shown", 1)[1].split("events", 1)[1].split()[0])
    assert events > 0
    assert "exit 0" in done.stdout
    assert "qt-enums 0 " in done.stdout, done.stdout


def test_the_roles_the_models_use_are_qts_own_numbers():
    from atmp_desktop.ui import cells

    assert cells.DISPLAY_ROLE == Qt.ItemDataRole.DisplayRole.value
    assert cells.DECORATION_ROLE == Qt.ItemDataRole.DecorationRole.value
    assert cells.TOOLTIP_ROLE == Qt.ItemDataRole.ToolTipRole.value
    assert cells.FONT_ROLE == Qt.ItemDataRole.FontRole.value
    assert cells.USER_ROLE == Qt.ItemDataRole.UserRole.value


def test_fractional_screen_scaling_is_passed_through_unrounded(qapp):
    # Qt 6's default, which the application relies on instead of setting it (see app.open_application).
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough


@pytest.mark.parametrize(("default_site", "read_for"), [("huddinge", "huddinge"), ("closed-long-ago", None), (None, None)])
def test_todays_rows_are_read_early_for_the_default_site_or_all_sites(store, default_site, read_for):
    # As the window does: a default site the store does not know means all sites.
    from atmp_desktop.app import _read_today_early
    from atmp_desktop.preferences import Preferences

    _read_today_early(store, Preferences(default_site=default_site), TODAY)
    early = store.repos.pathways._early
    assert early is not None
    assert early.args[:3] == (TODAY, TODAY + timedelta(days=1), read_for)
    early.rows(store, early.args)  # let the worker finish before the store closes
