"""Benchmark a centre network's store (issue 11): 100,000 pathways, check --all and audit verify.

Run: .venv/bin/python bench/bench_scale.py [--patients N] [--rebuild] [--runs R]

1. The demo generator builds the store in bench/out/ once (about 80 s for
   100,000 pathways; kept between runs, --rebuild makes it again). A first
   ``check --all`` and ``audit verify --full`` then keep the findings and leave
   a signed checkpoint, as a ward's first use would.
2. Every figure is printed beside its baseline from the same run:
   * the raw read: every row of pathways, events and patients with plain
     sqlite3 in this process (``fetchall``), the floor any check must read;
   * ``atmp-desktop check --all`` as a fresh process, with the kept findings
     (goal: within 2x the raw read), and on a copy with nothing kept (what
     every run cost before);
   * ``atmp-desktop audit verify`` from the checkpoint (goal: under 3 s),
     beside ``audit verify --full``.
Timings are the median and the fastest of --runs runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
TODAY = date(2026, 11, 23)


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def cli(*args: str, db: Path, ok=(0, 1)) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = subprocess.run([sys.executable, "-m", "atmp_desktop", *args, "--db", str(db)], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL).returncode
    assert code in ok, (args, code)


def raw_read(db: Path) -> None:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        for table in ("pathways", "events", "patients"):
            conn.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        conn.close()


def build(path: Path, patients: int) -> str:
    from atmp_desktop.services.demo import create_demo_database

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    summary = create_demo_database(path, patients=patients, seed=1, today=TODAY)
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    cli("check", "--all", db=path)
    cli("audit", "verify", "--full", db=path, ok=(0,))
    return (f"built {summary.pathways} pathways in {built:.0f} s; first check --all and full verify "
            f"(keeping findings, signing a checkpoint) {time.perf_counter() - t0:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--patients", type=int, default=100_000)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"store-{args.patients}.db"
    notes = []
    if args.rebuild or not path.exists():
        notes.append(build(path, args.patients))
    else:  # an older build: make sure it is migrated, its findings kept and a checkpoint signed
        cli("check", "--all", db=path)
        cli("audit", "verify", db=path, ok=(0,))
    load_before = os.getloadavg()[0]

    raw = timed(lambda: raw_read(path), args.runs)
    rows = []
    kept = timed(lambda: cli("check", "--all", db=path), args.runs)
    rows.append(("check --all, findings kept", kept, raw, "goal: within 2x the raw read"))
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        copy = Path(tmp) / "nothing-kept.db"
        shutil.copyfile(path, copy)
        conn = sqlite3.connect(copy)
        conn.execute("DELETE FROM finding_cache")
        conn.execute("DELETE FROM capacity_cache")
        conn.commit()
        conn.close()
        cold = timed(lambda: cli("check", "--all", db=copy), 1)
    rows.append(("check --all, nothing kept", cold, raw, "one run; what every run cost before; keeps them"))
    incremental = timed(lambda: cli("audit", "verify", db=path, ok=(0,)), args.runs)
    full = timed(lambda: cli("audit", "verify", "--full", db=path, ok=(0,)), max(1, args.runs // 2 + 1))
    rows.append(("audit verify (from checkpoint)", incremental, raw, "goal: under 3 s"))
    rows.append(("audit verify --full", full, raw, "every entry and row"))

    print(f"scale benchmark: {path.name}, {os.cpu_count()} CPUs, load average {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after; median (fastest) of {args.runs} runs")
    for n in notes:
        print(f"  {n}")
    width = max(len(r[0]) for r in rows)
    print(f"  {'raw read (sqlite3, every row)':<{width}}  {raw[0]:7.3f} s ({raw[1]:.3f})   baseline")
    for name, (med, best), (base, _), note in rows:
        print(f"  {name:<{width}}  {med:7.3f} s ({best:.3f})   {med / base:5.2f}x the raw read   {note}")
    print(f"  {'audit verify: incremental / full':<{width}}  {incremental[0] / full[0]:7.3f}")


if __name__ == "__main__":
    main()
