"""Benchmark: render each checklist kind, and every checklist of a 30-patient day as one batch
(issue 5; goal under 150 ms per checklist on this machine).

Run: .venv/bin/python bench/bench_checklists.py [ROUNDS]

Patients are synthetic (test personnummer from the domain's generator), spread
over all products, regions and indications, planned with the default Swedish
calendar. The first checklist in a process also loads and parses the fonts;
that one-off cost is reported apart from the steady state an open application has.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

t_import = time.perf_counter()
from atmp_desktop.domain import timeutil  # noqa: E402
from atmp_desktop.domain.catalogue import REGIONS, shipped_catalogue  # noqa: E402
from atmp_desktop.domain.identifiers import make_personnummer  # noqa: E402
from atmp_desktop.domain.planner import PlanRequest, Planner  # noqa: E402
from atmp_desktop.reports import KINDS, ChecklistInput, PatientInfo, checklist_input, render_checklist  # noqa: E402

t_import = time.perf_counter() - t_import
PRINTED = datetime(2026, 11, 22, 14, 3, tzinfo=timeutil.zone("Europe/Stockholm"))


def day_of_patients(n: int = 30) -> list[ChecklistInput]:
    cat = shipped_catalogue()
    planner = Planner()
    combos = [(p, r, i) for p in cat.product_ids for r in REGIONS for i in cat.profile(p, r).indications]
    out = []
    for k in range(n):
        product, region, indication = combos[k % len(combos)]
        plan = planner.plan(PlanRequest(product, indication, region, apheresis=date(2026, 12, 1) + timedelta(days=k)))
        plan.pathway.coi_id = f"COI-2026-{k:06d}"
        birth = date(1950, 1, 1) + timedelta(days=401 * k)
        patient = PatientInfo(f"Testpatient Åström {k:02d}", make_personnummer(birth, 900 + k), birth, 60 + k, 155 + k)
        out.append(
            checklist_input(
                plan.pathway,
                patient,
                site_name="Karolinska CAR-T, Huddinge",
                pathway_id=f"P-2026-{k:04d}",
                findings=plan.findings,
                printed_at=PRINTED,
                lang="sv" if k % 2 else "en",
            )
        )
    return out


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    patients = day_of_patients()
    first = patients[0]

    t0 = time.perf_counter()
    render_checklist("pre-infusion", first)
    cold = time.perf_counter() - t0

    print(f"import atmp_desktop.reports and the domain   {t_import * 1000:6.0f} ms (once per process)")
    print(f"first checklist in the process (fonts)       {cold * 1000:6.0f} ms (once per process)")
    print()
    print(f"per kind, Kymriah B-ALL, median of {rounds} (min–max), pages, size")
    worst = 0.0
    for kind in KINDS:
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            pdf = render_checklist(kind, first)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        worst = max(worst, med)
        pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
        print(
            f"  {kind:22} {med * 1000:6.1f} ms ({min(times) * 1000:.1f}–{max(times) * 1000:.1f})"
            f"  {pages} p  {len(pdf) // 1024} KB"
        )

    t0 = time.perf_counter()
    total_bytes = 0
    count = 0
    for data in patients:
        for kind in KINDS:
            total_bytes += len(render_checklist(kind, data))
            count += 1
    batch = time.perf_counter() - t0
    print()
    print(f"30-patient day, all {len(KINDS)} kinds each ({count} checklists, 7 products × 2 regions, en and sv)")
    per = batch / count * 1000
    print(f"  batch                  {batch:6.2f} s  ({per:.1f} ms per checklist, {total_bytes // 1024} KB)")
    goal = 0.150
    verdict = "meets" if max(worst, batch / count) < goal else "MISSES"
    print(f"  goal < 150 ms per checklist: {verdict} (slowest kind {worst * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
