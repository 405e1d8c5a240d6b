"""Today's rows read early on a worker thread (start-up): the same rows, and never stale ones."""

from __future__ import annotations

import pytest
import threading
from datetime import timedelta

from atmp_desktop.storage import Store
from atmp_desktop.storage.records import EventRow
from tests.storage.helpers import TODAY

pytestmark = pytest.mark.sqlite_only("the early read is a second read-only connection to the file")

KINDS = ("apheresis", "product_receipt", "lymphodepletion", "thaw", "infusion")
STAGES = ("awaiting_apheresis", "in_manufacturing", "product_in_storage", "lymphodepletion", "infused",
          "completed")
ARGS = (TODAY - timedelta(days=14), TODAY + timedelta(days=14), None, STAGES, KINDS)


def test_the_early_rows_are_the_rows_events_between_reads(demo_db):
    with Store.open(demo_db) as store:
        repo = store.repos.pathways
        expected = repo.events_between(*ARGS)
        assert expected, "the demo has events in these four weeks"
        early = repo.read_early(*ARGS)
        got = repo.events_between(*ARGS)
        assert got == expected
        assert all(type(r) is EventRow for r in got)
        assert [r.label for r in got] == [r.label for r in expected]  # thaw#2 numbering included
        assert early.rows(store, early.args) is None  # taken once


def test_other_questions_are_answered_by_the_store_itself(demo_db):
    other = (TODAY, TODAY, "lund", STAGES, KINDS)
    with Store.open(demo_db) as store, Store.open(demo_db) as plain:
        store.repos.pathways.read_early(*ARGS)
        assert store.repos.pathways.events_between(*other) == plain.repos.pathways.events_between(*other)


def test_a_change_since_the_early_read_began_is_never_missed(demo_db):
    with Store.open(demo_db) as store, Store.open(demo_db) as elsewhere:
        repo = store.repos.pathways
        before = repo.events_between(*ARGS)
        early = repo.read_early(*ARGS)
        pid = before[0].pathway_id
        with elsewhere.write():  # another window or process commits meanwhile
            elsewhere.execute("UPDATE pathways SET open_errors = open_errors + 7 WHERE id = ?", [pid])
        assert early.rows(store, early.args) is None
        repo.read_early(*ARGS)
        with store.write():  # and so does this connection
            store.execute("UPDATE pathways SET open_warnings = open_warnings + 1 WHERE id = ?", [pid])
        after = repo.events_between(*ARGS)
        row = next(r for r in after if r.pathway_id == pid)
        assert (row.open_errors, row.open_warnings) == (before[0].open_errors + 7, before[0].open_warnings + 1)


def test_the_worker_waits_for_the_thread_it_is_given(demo_db):
    gate = threading.Event()
    first = threading.Thread(target=gate.wait)
    first.start()
    with Store.open(demo_db) as store:
        repo = store.repos.pathways
        early = repo.read_early(*ARGS, after=first)
        assert early._thread.is_alive()
        gate.set()
        assert repo.events_between(*ARGS)
    first.join()
