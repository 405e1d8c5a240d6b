"""Benchmark: plan and check 10,000 synthetic pathways (issue 2; goal under 2 s on 2 cores).

Run: .venv/bin/python bench/bench_plan_check.py [N]
The pathways are requests spread over all products, regions, indications and
two years of apheresis and target-infusion dates (deterministic).

Timed on one core, then on both: two forked processes each plan (and so check)
half of the requests and send back their error-finding count (Linux; the parent
starts them after warming the caches, as a running program has them).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from atmp_desktop.domain.catalogue import REGIONS, shipped_catalogue  # noqa: E402
from atmp_desktop.domain.checks import check_pathway  # noqa: E402
from atmp_desktop.domain.planner import PlanRequest, Planner  # noqa: E402


def requests(n: int, seed: int = 1) -> list[PlanRequest]:
    rng = random.Random(seed)
    cat = shipped_catalogue()
    out = []
    start = date(2026, 1, 1)
    for _ in range(n):
        product = rng.choice(cat.product_ids)
        region = rng.choice(REGIONS)
        indication = rng.choice(list(cat.profile(product, region).indications))
        day = start + timedelta(days=rng.randrange(730))
        if rng.random() < 0.5:
            out.append(PlanRequest(product, indication, region, apheresis=day))
        else:
            out.append(PlanRequest(product, indication, region, infusion=day))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    reqs = requests(n)
    planner = Planner()
    planner.plan(reqs[0])  # warm the catalogue and holiday caches, as a running app has them
    t0 = time.perf_counter()
    plans = [planner.plan(r) for r in reqs]
    t1 = time.perf_counter()
    findings = [check_pathway(p.pathway, profile=p.profile, calendar=planner.calendar) for p in plans]
    t2 = time.perf_counter()
    errors = sum(1 for fs in findings for f in fs if f.is_error)
    print(f"pathways            {n}")
    print(f"plan + check        {t1 - t0:.3f} s  ({(t1 - t0) / n * 1e6:.0f} µs each; the planner checks its own plan)")
    print(f"check again (only)  {t2 - t1:.3f} s  ({(t2 - t1) / n * 1e6:.0f} µs each)")
    print(f"error findings      {errors}")
    if hasattr(os, "fork"):
        ctx = multiprocessing.get_context("fork")
        half = (len(reqs) + 1) // 2
        global _SHARED
        _SHARED = (planner, reqs)
        with ctx.Pool(2) as pool:
            pool.map(_noop, [0, 1])  # the workers exist before the clock starts
            t3 = time.perf_counter()
            errs = pool.map(_plan_and_check, [(0, half), (half, len(reqs))])
            t4 = time.perf_counter()
        print(f"plan + check, 2 processes  {t4 - t3:.3f} s  (error findings {sum(errs)})")


_SHARED: tuple = ()


def _noop(_: int) -> None:
    return None


def _plan_and_check(bounds: tuple[int, int]) -> int:
    planner, reqs = _SHARED
    errors = 0
    for r in reqs[bounds[0]:bounds[1]]:
        plan = planner.plan(r)  # checked by the planner: plan.findings
        errors += sum(1 for f in plan.findings if f.is_error)
    return errors


if __name__ == "__main__":
    main()
