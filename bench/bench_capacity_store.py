"""Benchmark capacity over the store (issue 6): the 10,000-pathway demo database.

Run: .venv/bin/python bench/bench_capacity_store.py [--patients N] [--rebuild] [--runs R]

The demo database (``demo --patients N --today 2026-11-23``) is built once in
bench/out/ and copied before each part that writes. Timed, through
:class:`~atmp_desktop.services.capacity.CapacityService`:

1. the load of one site, cold (its active pathways loaded and counted), and
   cached (nothing changed: one ``PRAGMA data_version``);
2. the load after one pathway was saved, by this connection and by another
   (reconciled: only the changed pathway is loaded again);
3. the earliest feasible plan for one new patient at a site (warm load);
4. a replanning proposal for one pathway;
5. the full capacity re-check: every active pathway's CAPACITY findings at
   every site, cold, and from pathways already loaded (as ``check --all``
   would pass them), and ``check --all`` with capacity in-process.

The demo sizes each site's capacity to the number of patients (times
ceil(N / 60), see db/demo.md), so the first case is a busy but plausible
centre: a few over-capacity runs, though the ward's run around "today" still
names hundreds of pathways. The second case gives every site back the
capacity of the 60-patient demo, so with 10,000 patients nearly every day is
over capacity and every CAPACITY finding names hundreds of pathways: the
worst case. Timings: median and fastest of --runs runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atmp_desktop.domain.planner import PlanRequest  # noqa: E402
from atmp_desktop.domain.replan import Change  # noqa: E402
from atmp_desktop.services import Services  # noqa: E402
from atmp_desktop.services.auth import Session  # noqa: E402
from atmp_desktop.services.capacity import CapacityService  # noqa: E402
from atmp_desktop.services.demo import create_demo_database  # noqa: E402
from atmp_desktop.storage import Store  # noqa: E402

OUT = ROOT / "bench" / "out"
TODAY = date(2026, 11, 23)
SITE = "huddinge"


def timed(fn, runs: int):
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), result


def show(what: str, med: float, fastest: float, note: str = "") -> None:
    print(f"  {what:58} {med * 1000:8.1f} ms  (fastest {fastest * 1000:7.1f} ms){'  ' + note if note else ''}")


def as_user(store: Store, username: str, role: str) -> Services:
    # Benchmarks time the services, not scrypt: a session without a password check.
    return Services(store, Session(username, username, role))


def shrink_capacity(path: Path, divisor: int) -> None:
    with Store.open(path) as store:
        admin = as_user(store, "admin", "administrator")
        for r in admin.resources.list():
            admin.resources.save(replace(r, capacity=max(1, r.capacity // divisor)), f"bench: capacity /{divisor}")


def measure(path: Path, runs: int) -> None:
    with Store.open(path) as store:
        svc = as_user(store, "coordinator", "coordinator")
        active = sum(1 for r in svc.pathways.rows(SITE) if r.stage != "cancelled")

        med, fast, _ = timed(lambda: CapacityService(svc).load(SITE), runs)
        show(f"load of one site, cold ({SITE}: {active} active pathways)", med, fast)

        cap = CapacityService(svc)
        load = cap.load(SITE)
        med, fast, _ = timed(lambda: cap.load(SITE), max(runs, 20))
        show("load of one site, cached (nothing changed)", med, fast)

        # One pathway saved by this connection, then by another: the load is reconciled.
        row = next(r for r in svc.pathways.rows(SITE) if r.stage == "awaiting_apheresis")
        other_store = Store.open(path)
        other = as_user(other_store, "coordinator", "coordinator")
        times_own, times_other = [], []
        for i in range(runs):
            sp = svc.pathways.get(row.id)
            sp.pathway.extra["note"] = f"bench {i}"
            svc.pathways.save(sp, "bench")
            t0 = time.perf_counter()
            cap.load(SITE)
            times_own.append(time.perf_counter() - t0)
            sp = other.pathways.get(row.id)
            sp.pathway.extra["note"] = f"bench other {i}"
            other.pathways.save(sp, "bench")
            t0 = time.perf_counter()
            cap.load(SITE)
            times_other.append(time.perf_counter() - t0)
        other_store.close()
        show("load after one save by this connection (reconciled)", statistics.median(times_own), min(times_own))
        show("load after one save by another connection (reconciled)", statistics.median(times_other),
             min(times_other))
        assert cap.load(SITE) is load and cap.stats.builds == 1, cap.stats

        requests = [
            PlanRequest(p, None, apheresis=TODAY + timedelta(days=7 * k + 1))
            for k, p in enumerate(["kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti"] * 3)
        ]
        cap.earliest(requests[0], SITE)  # warm the planner's caches, as a running application has them
        times, pushed = [], []
        for r in requests:
            t0 = time.perf_counter()
            found = cap.earliest(r, SITE)
            times.append(time.perf_counter() - t0)
            pushed.append((found.apheresis - r.apheresis).days)
        show(f"earliest plan, one new patient ({len(requests)} requests)", statistics.median(times), min(times),
             f"max {max(times) * 1000:.1f} ms; apheresis pushed median {statistics.median(pushed)} d, "
             f"max {max(pushed)} d")
        print(f"    e.g. {requests[0].product} from {requests[0].apheresis}: "
              f"{cap.earliest(requests[0], SITE).explanation[:150] or 'not delayed'}")

        candidates = [r for r in svc.pathways.rows(SITE) if r.stage in ("in_manufacturing", "awaiting_apheresis")]
        med, fast, _ = timed(lambda: cap.propose_replan(candidates[0].id, Change("infusion", 7), TODAY), runs)
        show("replanning proposal for one pathway (warm load)", med, fast)

        all_active = sum(1 for r in svc.pathways.rows() if r.stage != "cancelled")
        med, fast, by_id = timed(lambda: CapacityService(svc).findings_by_pathway(), runs)
        involved = sum(1 for f in by_id.values() if f)
        show(f"full capacity re-check, cold ({all_active} active pathways)", med, fast,
             f"{involved} pathways with CAPACITY findings")
        preloaded = [sp for sp, _ in svc.pathways.check_all()]
        med, fast, _ = timed(lambda: CapacityService(svc).findings_by_pathway(pathways=preloaded), runs)
        show("full capacity re-check, pathways already loaded", med, fast)

        def check_all_with_capacity():
            results = svc.pathways.check_all()
            extra = CapacityService(svc).findings_by_pathway(pathways=[sp for sp, _ in results])
            return sum(len(f) + len(extra.get(sp.id, ())) for sp, f in results)

        med, fast, n = timed(check_all_with_capacity, runs)
        med0, fast0, _ = timed(lambda: svc.pathways.check_all(), runs)
        show("check --all in-process, without capacity", med0, fast0)
        show("check --all in-process, with CAPACITY findings", med, fast, f"{n} findings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=10000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    base = OUT / f"capacity-{args.patients}.db"
    if args.rebuild or not base.exists():
        base.unlink(missing_ok=True)
        t0 = time.perf_counter()
        create_demo_database(base, patients=args.patients, seed=1, today=TODAY)
        print(f"built {base.name} in {time.perf_counter() - t0:.1f} s")
    work = OUT / f"capacity-{args.patients}-work.db"
    scale = -(-args.patients // 60)
    for label, divisor in (("demo capacity, sized to the patients (a few over-capacity runs)", 1),
                           ("the 60-patient demo's capacity (nearly every day over capacity)", scale)):
        for suffix in ("-wal", "-shm"):
            Path(str(work) + suffix).unlink(missing_ok=True)
        shutil.copyfile(base, work)
        if divisor != 1:
            shrink_capacity(work, divisor)
        print(f"{args.patients} pathways, {label}:")
        measure(work, args.runs)
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
