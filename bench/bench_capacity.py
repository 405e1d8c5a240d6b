"""Benchmark: capacity-aware planning against a year of 2,000 active pathways (issue 6).

Goals: the earliest feasible plan for one new patient under 100 ms; re-checking
capacity for all 2,000 pathways (count use, find every over-capacity day and
week, and each pathway's CAPACITY findings) under 1 s.

Run: .venv/bin/python bench/bench_capacity.py [N]

Two loads of N pathways (deterministic), one site, apheresis dates over 2027:

* booked — every pathway placed by the earliest-feasible planner in turn, so
  the site is as full as its capacity allows and a new patient has to search
  far (the hard case for the search);
* random — plans made without looking at capacity, so many days and weeks are
  over capacity (the hard case for the re-check, which must report them).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from atmp_desktop.domain.capacity import Load, earliest_plan  # noqa: E402
from atmp_desktop.domain.catalogue import shipped_catalogue  # noqa: E402
from atmp_desktop.domain.planner import Planner, PlanningError, PlanRequest  # noqa: E402
from atmp_desktop.domain.resources import Resource  # noqa: E402

YEAR = date(2027, 1, 1)
SITE = "bench"


def resources(n: int) -> list[Resource]:
    """Capacity about a quarter above the average need of *n* pathways a year: busy, with full days."""
    cat = shipped_catalogue()
    per_day = max(1, round(n / 250 * 1.25))  # about 250 open days a year
    out = [
        Resource("chairs", SITE, "apheresis_chair", "Apheresis chairs", per_day),
        Resource("thaw", SITE, "thaw_slot", "Thaw slots", per_day),
        Resource("beds", SITE, "ward_bed", "CAR-T beds", max(1, round(n * 22 / 365 * 1.25))),
    ]
    per_week = max(1, round(n / 52 / len(cat.product_ids) * 1.25))
    out += [
        Resource(f"mfg-{p}", SITE, "manufacturing_slot", f"{p} slots", per_week, "week", p)
        for p in cat.product_ids
    ]
    return out


def requests(n: int, seed: int) -> list[PlanRequest]:
    rng = random.Random(seed)
    cat = shipped_catalogue()
    out = []
    for _ in range(n):
        product = rng.choice(cat.product_ids)
        indication = rng.choice(list(cat.profile(product).indications))
        out.append(PlanRequest(product, indication, apheresis=YEAR + timedelta(days=rng.randrange(365))))
    return out


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    planner = Planner()
    res = resources(n)
    print(f"pathways {n}; capacity: chairs {res[0].capacity}/day, thaw {res[1].capacity}/day, "
          f"beds {res[2].capacity}, manufacturing {res[3].capacity}/week per product")

    # -- booked: each placed by the earliest-feasible planner -------------------------
    reqs = sorted(requests(n, seed=1), key=lambda r: r.apheresis)
    load = Load(res, planner.calendar)
    booked = {}
    t0 = time.perf_counter()
    refused = 0
    for i, r in enumerate(reqs):
        try:
            found = earliest_plan(planner, r, load)
        except PlanningError:
            refused += 1  # the site is full for a year from that day
            continue
        booked[f"P{i}"] = found.plan.pathway
        load.add(f"P{i}", found.plan.pathway)
    fill = time.perf_counter() - t0
    print(f"booking {n} one by one    {fill:.2f} s  ({fill / n * 1000:.2f} ms each, setup only; "
          f"{len(booked)} booked, {refused} found no place)")

    rebuilt, t_build = timed(lambda: Load.build(res, booked, planner.calendar))
    print(f"count use (precompute)     {t_build * 1000:.0f} ms")

    # One new patient: asked from every week of the year, against the full load.
    new_patients = [
        PlanRequest(p, None, apheresis=YEAR + timedelta(days=7 * k))
        for k, p in zip(range(52), (shipped_catalogue().product_ids * 8))
    ]

    def search(r):
        try:
            return earliest_plan(planner, r, rebuilt)
        except PlanningError as exc:
            return exc

    search(new_patients[0])  # warm caches, as a running application has them
    times, pushed, waited, none = [], [], [], 0
    for r in new_patients:
        found, t = timed(lambda r=r: search(r))
        times.append(t)
        if isinstance(found, PlanningError):
            none += 1
            continue
        pushed.append((found.apheresis - r.apheresis).days)
        waited.append((found.infusion - found.natural_infusion).days)
    print(f"earliest plan, one patient median {statistics.median(times) * 1000:.1f} ms, "
          f"max {max(times) * 1000:.1f} ms over {len(times)} patients   goal < 100 ms")
    if pushed:
        print(f"  apheresis pushed median {statistics.median(pushed)} d, max {max(pushed)} d; "
              f"infusion waited median {statistics.median(waited)} d, max {max(waited)} d; {none} found no place")
    worst = max(range(len(times)), key=times.__getitem__)
    found = search(new_patients[worst])
    text = str(found) if isinstance(found, PlanningError) else found.explanation("en") or "not delayed"
    print(f"  slowest: {new_patients[worst].product} asked {new_patients[worst].apheresis}: {text[:200]}")

    def recheck(pathways):
        load = Load.build(res, pathways, planner.calendar)
        return load, load.findings(), load.findings_by_pathway()

    (_, site_findings, _), t_booked = timed(lambda: recheck(booked))
    print(f"re-check booked load       {t_booked * 1000:.0f} ms  ({len(site_findings)} CAPACITY findings)   goal < 1 s")

    # -- random: planned without regard to capacity ------------------------------------
    random_paths = {f"R{i}": planner.plan(r).pathway for i, r in enumerate(requests(n, seed=2))}
    (_, site_findings, per_pathway), t_random = timed(lambda: recheck(random_paths))
    involved = sum(1 for fs in per_pathway.values() if fs)
    print(f"re-check random load       {t_random * 1000:.0f} ms  ({len(site_findings)} CAPACITY findings, "
          f"{involved} pathways involved)   goal < 1 s")


if __name__ == "__main__":
    main()
