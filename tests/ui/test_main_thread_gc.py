"""Python's cyclic collector runs on the GUI thread only while the window lives.

A collection started in a reading worker's thread could finalise Qt objects of
the GUI thread (a segmentation fault seen in a CI run: the collector started
from the Calendar's load worker while the main thread showed a question).
"""

from __future__ import annotations

import gc
import threading
import weakref

from atmp_desktop.ui import main_thread_gc


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_the_automatic_collector_is_off_and_the_gui_thread_collects(qapp, qtbot):
    assert main_thread_gc.collecting_on_main_thread()
    assert not gc.isenabled()
    collected_in: list[str] = []

    def record(phase: str, info: dict) -> None:
        if phase == "stop":
            collected_in.append(threading.current_thread().name)

    gc.callbacks.append(record)
    try:
        def allocate() -> None:  # a worker that makes far more garbage than one threshold
            for _ in range(3 * gc.get_threshold()[0]):
                Node()

        worker = threading.Thread(target=allocate, name="reading-worker")
        worker.start()
        worker.join()
        assert collected_in == [], "nothing is collected in the worker's thread"
        probe = Node()
        gone = weakref.ref(probe)
        del probe
        qtbot.waitUntil(lambda: gone() is None, timeout=3 * main_thread_gc.INTERVAL_MS)
        assert collected_in and set(collected_in) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(record)


def test_a_second_start_is_not_the_owner_and_stopping_restores_the_collector(qapp, automatic_gc):
    assert gc.isenabled()
    assert main_thread_gc.collect_on_main_thread(qapp) is True
    assert main_thread_gc.collect_on_main_thread(qapp) is False  # already running: not this caller's to stop
    assert not gc.isenabled()
    main_thread_gc.stop_main_thread_collection()
    assert gc.isenabled() and not main_thread_gc.collecting_on_main_thread()
    main_thread_gc.stop_main_thread_collection()  # twice: nothing more happens
    assert gc.isenabled()
