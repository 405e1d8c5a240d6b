"""Two windows or processes editing the same pathway: the second save is refused, nothing is lost."""

from __future__ import annotations

import threading

import pytest

from atmp_desktop.services import ConflictError, Services
from atmp_desktop.storage import Store
from atmp_desktop.storage.audit import verify
from tests.storage.helpers import session


def test_the_second_save_names_who_changed_it_and_keeps_its_edits(demo_db):
    a = Services(Store.open(demo_db), session("coordinator"))
    b = Services(Store.open(demo_db), session("pharmacist"))
    try:
        mine = a.pathways.get(4)
        theirs = b.pathways.get(4)
        assert mine.version == theirs.version
        mine.pathway.extra["note"] = "call the referring hospital"
        saved = a.pathways.save(mine)
        assert saved.version == mine.version + 1

        storage = theirs.pathway.first("storage")
        storage.note = "bag inspected: intact"
        with pytest.raises(ConflictError) as refused:
            b.pathways.save(theirs)
        err = refused.value
        assert err.changed_by == "coordinator"
        assert err.changed_at == saved.updated_at
        assert err.current_version == saved.version
        assert "was changed by coordinator at" in str(err)
        # nothing of B's was written, and B still holds its edit
        assert theirs.pathway.first("storage").note == "bag inspected: intact"
        assert a.pathways.get(4).pathway.first("storage").note is None

        # B reloads, applies its edit again and saves: both edits are there
        fresh = b.pathways.get(4)
        fresh.pathway.first("storage").note = theirs.pathway.first("storage").note
        final = b.pathways.save(fresh)
        assert final.version == saved.version + 1
        assert final.pathway.extra["note"] == "call the referring hospital"
        assert final.pathway.first("storage").note == "bag inspected: intact"
        assert verify(a.store).ok
    finally:
        a.close()
        b.close()


def test_cancel_and_record_refuse_a_stale_version(demo_db):
    with Store.open(demo_db) as store:
        svc = Services(store, session("coordinator"))
        sp = svc.pathways.get(4)
        svc.pathways.cancel(sp.id, sp.version, "patient unfit")
        with pytest.raises(ConflictError):
            svc.pathways.cancel(sp.id, sp.version, "again")


def test_two_connections_racing_lose_no_update(demo_db):
    """Threads with their own connections add to a note; each retries after a conflict."""
    workers, rounds = 4, 15
    conflicts = []

    def worker(n: int) -> None:
        with Store.open(demo_db, busy_timeout=10) as store:
            svc = Services(store, session("coordinator"))
            for i in range(rounds):
                while True:
                    sp = svc.pathways.get(7)
                    marks = sp.pathway.extra.get("note") or ""
                    sp.pathway.extra["note"] = marks + f"[{n}.{i}]"
                    try:
                        svc.pathways.save(sp)
                        break
                    except ConflictError:
                        conflicts.append(n)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with Store.open(demo_db) as store:
        svc = Services(store)
        note = svc.pathways.get(7).pathway.extra["note"]
        for n in range(workers):
            for i in range(rounds):
                assert note.count(f"[{n}.{i}]") == 1
        assert verify(store).ok
        assert len(svc.audit.entries(pathway_id=7, limit=None)) == 1 + workers * rounds
    assert conflicts, "the workers never collided; the test did not test a race"
