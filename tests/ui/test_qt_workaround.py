"""The PySide6 processEvents reference leak on None must not be able to kill the process."""

import sys

import atmp_desktop.ui  # noqa: F401 - pins None on import


def test_many_process_events_calls_do_not_free_none(qapp):
    for _ in range(5000):
        qapp.processEvents()
    assert sys.getrefcount(None) > 1_000_000
