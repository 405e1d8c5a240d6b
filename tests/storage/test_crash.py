"""The crash test: a child process writes pathways in a loop and is killed with SIGKILL, 100 times.

After every kill the file passes ``PRAGMA integrity_check``, every write the
child reported as committed is there (at least at the version it reported),
and ``audit verify`` passes: no half-written pathway, no orphaned audit entry.

The child is forked (it inherits the imported modules, so each round costs
milliseconds, not a Python start-up) and opens its own connection.
"""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
from datetime import date

import pytest

from atmp_desktop.domain.planner import PlanRequest, Planner
from atmp_desktop.services import Services
from atmp_desktop.services.auth import Session
from atmp_desktop.services.demo import create_demo_database
from atmp_desktop.storage import Store
from atmp_desktop.storage.audit import verify
from tests.storage.helpers import TODAY

ROUNDS = 100


def _child(path, fd: int, round_no: int) -> None:
    """Create a pathway, then keep changing it (and now and then create another)."""
    store = Store.open(path, busy_timeout=10)
    svc = Services(store, Session("coordinator", "Karin Lind", "coordinator"))
    planner = Planner()
    rng = random.Random(round_no)
    mine = []
    n = 0
    os.write(fd, b"ready\n")
    while True:
        n += 1
        if not mine or rng.random() < 0.2:
            plan = planner.plan(PlanRequest("yescarta", "lbcl", apheresis=date(2027, 1, 4)))
            sp = svc.pathways.create(1 + n % 3, plan.pathway)
            mine.append(sp.id)
        else:
            sp = svc.pathways.get(rng.choice(mine))
            sp.pathway.extra["note"] = f"round {round_no} write {n}"
            sp.pathway.tocilizumab_doses = n % 3
            sp = svc.pathways.save(sp)
        os.write(fd, f"{sp.id} {sp.version}\n".encode())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_sigkill_at_random_moments_loses_nothing_committed(tmp_path):
    path = tmp_path / "crash.db"
    create_demo_database(path, patients=3, seed=1, today=TODAY)
    rng = random.Random(20261122)
    reported: dict[int, int] = {}
    rounds_with_writes = 0
    for round_no in range(ROUNDS):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: write until killed
            os.close(r)
            try:
                _child(path, w, round_no)
            except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
                os.write(w, ("error " + traceback.format_exc().replace("\n", " | ") + "\n").encode())
            finally:
                os._exit(0)
        os.close(w)
        fh = os.fdopen(r, "rb")
        # Kill at a random moment of the writing, not of the child's start-up, which
        # takes longer on a loaded machine: wait for it to be ready and to have
        # reported 0-3 commits, then a random part of a commit's time more.
        seen = [fh.readline().decode().strip()]
        for _ in range(rng.randrange(4)):
            if seen[-1].startswith("error") or not seen[-1]:
                break
            seen.append(fh.readline().decode().strip())
        time.sleep(rng.uniform(0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with fh:
            lines = [line for line in seen + fh.read().decode().splitlines() if line and line != "ready"]
        errors = [line for line in lines if line.startswith("error")]
        assert not errors, errors[0]
        this_round = {}
        for line in lines:
            pathway_id, version = map(int, line.split())
            this_round[pathway_id] = max(version, this_round.get(pathway_id, 0))
        rounds_with_writes += bool(this_round)
        reported.update(this_round)
        with Store.open(path) as store:
            assert store.integrity_check() == [], f"round {round_no}"
            versions = dict(store.fetchall("SELECT id, version FROM pathways"))
            for pathway_id, version in reported.items():
                assert versions.get(pathway_id, 0) >= version, f"round {round_no}: pathway {pathway_id} lost"
            report = verify(store)
            assert report.ok, f"round {round_no}: {report.problems[0].message}"
    assert rounds_with_writes > ROUNDS // 2, "the child was mostly killed before it wrote anything"
    assert len(reported) > ROUNDS // 2
    assert max(reported.values()) > 3
