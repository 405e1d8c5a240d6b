"""Benchmark the local store (issue 3): a 10,000-pathway demo database, opened and checked.

Run: .venv/bin/python bench/bench_store.py [--patients N] [--rebuild] [--runs R]

1. The demo generator builds the database in bench/out/ (kept between runs;
   --rebuild makes it again) and the build is timed.
2. Opening it (``Store.open``: header, schema and version checks) and listing
   every pathway row (what the Patients view shows first) are timed.
3. ``check --all`` is timed in-process (load every pathway with its events,
   run every check) on one core and on two (a forked child checks half, as
   the command does on Linux), and as the real command in a fresh process,
   the way a user runs it (wall time, output to /dev/null, .pyc files in use).
4. The phases of a check are split (load vs check) to show where time goes,
   and ``audit verify`` and a backup are timed for scale.

Goal (issue 3): ``check --all`` on 10,000 pathways under 2 s on this machine.
Timings are the median and the fastest of --runs runs: the machine is shared, and
the fastest run is the best estimate of the cost itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atmp_desktop.domain.checks import check_pathway  # noqa: E402
from atmp_desktop.services import Services  # noqa: E402
from atmp_desktop.services.backups import backup_now  # noqa: E402
from atmp_desktop.services.demo import create_demo_database  # noqa: E402
from atmp_desktop.storage import Store  # noqa: E402

OUT = ROOT / "bench" / "out"
TODAY = date(2026, 11, 23)


class Timing(float):
    """A median time in seconds that also knows the fastest run."""

    fastest: float


def median_time(fn, runs: int) -> tuple[Timing, object]:
    """Median of *runs* timings, with the fastest kept (the machine is shared)."""
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    med = Timing(statistics.median(times))
    med.fastest = min(times)
    return med, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--patients", type=int, default=10_000)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    path = OUT / f"store-{args.patients}.db"
    rows_out = []

    if args.rebuild or not path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        t0 = time.perf_counter()
        summary = create_demo_database(path, patients=args.patients, seed=1, today=TODAY)
        rows_out.append(("demo generator", time.perf_counter() - t0,
                         f"{summary.pathways} pathways, {path.stat().st_size / 1e6:.0f} MB"))

    def open_close():
        Store.open(path, create=False, write=False).close()

    t, _ = median_time(open_close, args.runs)
    rows_out.append(("open the store", t, "header, schema version, WAL"))

    store = Store.open(path, create=False, write=False)
    svc = Services(store)
    t, rows = median_time(lambda: svc.pathways.rows(), args.runs)
    rows_out.append(("list pathway rows", t, f"{len(rows)} rows with patient and finding counts"))
    t, events = median_time(lambda: svc.pathways.events_between(TODAY, TODAY + timedelta(days=6)), args.runs)
    rows_out.append(("events of one week", t, f"{len(events)} events, all sites"))

    t_load, loaded = median_time(lambda: svc.pathways.load_all(), args.runs)
    n_events = sum(len(sp.pathway.events) for sp in loaded)  # type: ignore[union-attr]
    rows_out.append(("load every pathway", t_load, f"{len(loaded)} pathways, {n_events} events"))  # type: ignore[arg-type]
    products, sites = svc.products, svc.sites

    def check_only():
        return [check_pathway(sp.pathway, profile=products.profile(sp.product, sp.pathway.region, sp.profile_version),
                              calendar=sites.calendar(sp.site)) for sp in loaded if sp.stage != "cancelled"]  # type: ignore[union-attr]

    t, _ = median_time(check_only, args.runs)
    rows_out.append(("check_pathway on each", t, "domain checks only (no loading)"))
    t, results = median_time(lambda: svc.pathways.check_all(), args.runs)
    n_findings = sum(len(f) for _, f in results)  # type: ignore[union-attr]
    rows_out.append(("check --all in-process", t, f"load + check on one core, {n_findings} findings"))
    del results
    t, _ = median_time(lambda: svc.pathways.findings_by_id(processes=2), args.runs)
    rows_out.append(("  the same on two cores", t, "a forked child checks half (as the command does)"))

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, "-m", "atmp_desktop", "check", "--all", "--db", str(path)]

    def cli():
        code = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL).returncode
        assert code in (0, 1), code

    cli()  # warm: .pyc files written, file in the page cache
    t, _ = median_time(cli, args.runs)
    rows_out.append(("atmp-desktop check --all", t, "fresh process, wall time (goal < 2 s)"))

    t, report = median_time(lambda: svc.audit.verify(), max(1, args.runs // 2))
    rows_out.append(("audit verify", t, f"{report.entries} entries, intact: {report.ok}"))  # type: ignore[union-attr]
    backup_path = OUT / "bench-backup.db"
    backup_path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    backup_now(store, backup_path)
    rows_out.append(("backup (checked)", time.perf_counter() - t0, "online backup API + integrity_check"))
    backup_path.unlink(missing_ok=True)
    store.close()

    print(f"store benchmark: {path.name}, median of {args.runs} runs, {os.cpu_count()} CPUs, "
          f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    width = max(len(r[0]) for r in rows_out)
    print(f"  {'':<{width}}  {'median':>7}   {'fastest':>7}")
    for name, seconds, note in rows_out:
        best = f"{seconds.fastest:7.3f} s" if isinstance(seconds, Timing) else " " * 9
        print(f"  {name:<{width}}  {seconds:7.3f} s {best}   {note}")


if __name__ == "__main__":
    main()
