"""Benchmark the shared store (issue 12): PostgreSQL beside SQLite on 100,000 pathways, and two clients saving at once.

Run: .venv/bin/python bench/bench_pg.py [--patients N] [--runs R] [--saves S] [--rebuild]

1. The SQLite store is bench_scale.py's (bench/out/store-N.db, built once).
   A PostgreSQL server of the project's own (tests/pgserver.py, with fsync and
   full-page writes on, as a ward's server has them) is kept in
   bench/out/pg-N/ between runs; the first run fills it with
   ``atmp-desktop migrate --from store-N.db --to postgresql://…`` (timed) and
   lets a first ``check --all`` and ``audit verify --full`` keep the findings
   and sign a checkpoint, as on the file.
2. In the same run, on both stores, each a fresh process: the raw read of
   every row of pathways, events and patients (plain sqlite3 / plain psycopg
   ``fetchall``: the floor), ``check --all``, ``audit verify`` (from the
   checkpoint) and ``audit verify --full``. Median (fastest) of --runs.
3. Two client processes each make --saves saves (each changes one event's
   note on one of a few pathways they share, so their saves collide; a
   refused stale save is reloaded and made again, as a user would) on a fresh
   demo store of each kind. Counted afterwards: saves that arrived (0 lost),
   audit ids without gaps, entries whose link is not the previous entry's hash
   (0 forks), a full verify; the throughput in saves per second.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import OUT, TODAY, build, raw_read, timed  # noqa: E402
from tests import pgserver  # noqa: E402

DBNAME = "atmp_bench"


def cli(*args: str, db: str, ok=(0, 1)) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "atmp_desktop", *args, "--db", db], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.returncode in ok, (args, proc.returncode, proc.stderr[-2000:])
    return time.perf_counter() - t0


def with_db(url: str, dbname: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + dbname


def pg_raw_read(url: str) -> None:
    import psycopg

    with psycopg.connect(url) as conn:
        for table in ("pathways", "events", "patients"):
            conn.execute(f"SELECT * FROM {table}").fetchall()


def server(folder: Path, sqlite_store: Path, rebuild: bool) -> tuple[str, list[str]]:
    """The kept benchmark server's URL of the filled database (starting or making it); notes of what was done."""
    notes = []
    if rebuild and folder.exists():
        pgserver.stop(folder)
        shutil.rmtree(folder)
    if (folder / "data" / "PG_VERSION").exists():
        pgserver.stop(folder)  # a server left running by an interrupted run
        base = pgserver.wait_until_up(folder)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        base = pgserver.start(folder, durable=True)
    url = with_db(base, DBNAME)
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DBNAME]).fetchone()
    if not exists or not (folder / "filled").exists():
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DBNAME}")
            conn.execute(f"CREATE DATABASE {DBNAME}")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "atmp_desktop", "migrate", "--from", str(sqlite_store),
                               "--to", url], cwd=ROOT, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        migrated = time.perf_counter() - t0
        t0 = time.perf_counter()
        cli("check", "--all", db=url)
        cli("audit", "verify", "--full", db=url, ok=(0,))
        notes.append(f"migrate --from {sqlite_store.name} --to postgresql: {migrated:.0f} s "
                     f"({proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else 'ok'}); "
                     f"first check --all and full verify {time.perf_counter() - t0:.0f} s")
        (folder / "filled").write_text("yes")
    else:  # an older fill: make sure its findings are kept and a checkpoint of this installation signed
        cli("check", "--all", db=url)
        cli("audit", "verify", db=url, ok=(0,))
    with psycopg.connect(url) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    notes.append(f"PostgreSQL {pg_version()} database {size / 1e9:.2f} GB; SQLite file {sqlite_store.stat().st_size / 1e9:.2f} GB")
    return url, notes


def pg_version() -> str:
    bin_dir = pgserver.binaries()
    out = subprocess.run([str(bin_dir / "postgres"), "--version"], capture_output=True, text=True).stdout
    return out.split()[2] if out else "?"


# --- two clients -----------------------------------------------------------------------------------------------

def _client(target: str, username: str, pathway_ids: list[int], saves: int, out) -> None:  # noqa: ANN001
    from atmp_desktop.services import ConflictError, Services
    from atmp_desktop.settings import resolve_db_path
    from atmp_desktop.storage.db import Store
    from tests.storage.helpers import session

    svc = Services(Store.open(resolve_db_path(target)), session(username))
    done = conflicts = 0
    started = time.time()
    try:
        while done < saves:
            sp = svc.pathways.get(pathway_ids[done % len(pathway_ids)])
            event = sp.pathway.events[done % len(sp.pathway.events)]
            event.note = f"{username} {done}"
            try:
                svc.pathways.save(sp, f"{username} save {done}")
                done += 1
            except ConflictError:
                conflicts += 1  # the other client saved this pathway in between: reload, do it again
    finally:
        svc.close()
    out.put((username, done, conflicts, started, time.time()))


def two_clients(target: str, saves: int) -> dict:
    from atmp_desktop.settings import resolve_db_path
    from atmp_desktop.storage.audit import verify
    from atmp_desktop.storage.db import Store

    with Store.open(resolve_db_path(target)) as store:
        before = int(store.fetchone("SELECT COALESCE(MAX(id), 0) FROM audit")[0])
        ids = [r[0] for r in store.fetchall("SELECT id FROM pathways WHERE stage NOT IN ('cancelled', 'completed')"
                                            " ORDER BY id LIMIT 4")]
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    # both clients share two of their three pathways, so that their saves really collide
    clients = [ctx.Process(target=_client, args=(target, "coordinator", ids[:3], saves, out)),
               ctx.Process(target=_client, args=(target, "pharmacist", ids[1:], saves, out))]
    t0 = time.perf_counter()
    for c in clients:
        c.start()
    results = [out.get(timeout=1800) for _ in clients]
    for c in clients:
        c.join(60)
    wall = time.perf_counter() - t0
    span = max(r[4] for r in results) - min(r[3] for r in results)  # first save to last, process start-up left out
    with Store.open(resolve_db_path(target)) as store:
        rows = store.fetchall("SELECT id, prev_hash, hash, reason FROM audit WHERE id >= ? ORDER BY id",
                              [max(before, 1)])
        report = verify(store, full=True)
    new = [r for r in rows if r[0] > before]
    expected = {f"{name} save {n}" for name, *_ in results for n in range(saves)}
    return {
        "wall": wall,
        "span": span,
        "saved": len(new),
        "lost": len(expected - {r[3] for r in new}),
        "gaps": sum(1 for a, b in zip(rows, rows[1:]) if b[0] != a[0] + 1),
        "forks": sum(1 for a, b in zip(rows, rows[1:]) if b[1] != a[2]),
        "conflicts": sum(r[2] for r in results),
        "verify": "intact" if report.ok else f"BROKEN: {report.problems[0].message}",
    }


def demo_targets(base_url: str, folder: Path) -> tuple[str, str]:
    """A fresh demo store of each kind for the two clients."""
    import psycopg

    from atmp_desktop.services.demo import create_demo_database

    sqlite_path = folder / "clients.db"
    create_demo_database(sqlite_path, patients=60, seed=1, today=TODAY)
    with psycopg.connect(base_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS atmp_bench_clients")
        conn.execute("CREATE DATABASE atmp_bench_clients")
    url = with_db(base_url, "atmp_bench_clients")
    create_demo_database(url, patients=60, seed=1, today=TODAY)
    return str(sqlite_path), url


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--patients", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--saves", type=int, default=1000, help="saves per client")
    ap.add_argument("--rebuild", action="store_true", help="build the SQLite store and fill the server again")
    ap.add_argument("--skip-scale", action="store_true", help="only the two clients")
    args = ap.parse_args()
    if pgserver.binaries() is None:
        sys.exit("PostgreSQL is not installed: run 'bash installers/setup.sh --test' as root")
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"store-{args.patients}.db"
    notes = []
    if args.rebuild or not path.exists():
        notes.append(build(path, args.patients))
    folder = OUT / f"pg-{args.patients}"
    url, more = server(folder, path, args.rebuild)
    notes += more
    os.environ.setdefault("PGPASSWORD", pgserver.PASSWORD)
    load_before = os.getloadavg()[0]
    try:
        rows = []
        if not args.skip_scale:
            cli("check", "--all", db=str(path))  # this installation's findings and checkpoint on the file too
            cli("audit", "verify", db=str(path), ok=(0,))
            measures = [
                ("raw read (every row of pathways, events, patients)",
                 lambda: raw_read(path), lambda: pg_raw_read(url)),
                ("check --all, fresh process, findings kept",
                 lambda: cli("check", "--all", db=str(path)), lambda: cli("check", "--all", db=url)),
                ("audit verify (from the checkpoint)",
                 lambda: cli("audit", "verify", db=str(path), ok=(0,)),
                 lambda: cli("audit", "verify", db=url, ok=(0,))),
                ("audit verify --full",
                 lambda: cli("audit", "verify", "--full", db=str(path), ok=(0,)),
                 lambda: cli("audit", "verify", "--full", db=url, ok=(0,))),
                ("pathways (the list, one site)",
                 lambda: cli("pathways", "--site", "huddinge", db=str(path)),
                 lambda: cli("pathways", "--site", "huddinge", db=url)),
            ]
            for name, on_file, on_server in measures:
                rows.append((name, timed(on_file, args.runs), timed(on_server, args.runs)))
        with tempfile.TemporaryDirectory(dir=OUT) as tmp:
            base = url.rsplit("/", 1)[0] + "/postgres"
            sqlite_target, pg_target = demo_targets(base, Path(tmp))
            clients = {"SQLite": two_clients(sqlite_target, args.saves),
                       "PostgreSQL": two_clients(pg_target, args.saves)}
            import psycopg

            with psycopg.connect(base, autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS atmp_bench_clients")
    finally:
        pgserver.stop(folder)

    print(f"shared-store benchmark: {path.name}, {os.cpu_count()} CPUs, load average {load_before:.2f} before, "
          f"{os.getloadavg()[0]:.2f} after; median (fastest) of {args.runs} runs, each a fresh process")
    for n in notes:
        print(f"  {n}")
    if rows:
        width = max(len(r[0]) for r in rows)
        print(f"  {'':<{width}}  {'SQLite':>16}  {'PostgreSQL':>16}  PostgreSQL / SQLite")
        raw_file, raw_server = rows[0][1][0], rows[0][2][0]
        for name, (fm, fb), (sm, sb) in rows:
            print(f"  {name:<{width}}  {fm:7.2f} s ({fb:5.2f})  {sm:7.2f} s ({sb:5.2f})  {sm / fm:5.2f}x"
                  f"   [{fm / raw_file:4.2f}x / {sm / raw_server:4.2f}x own raw read]")
    print(f"  two clients x {args.saves} saves at once (each save: one event's note, one audit entry):")
    for kind, r in clients.items():
        print(f"    {kind:<10}  {r['saved']} saved in {r['span']:.1f} s = {r['saved'] / r['span']:.0f} saves/s"
              f" ({r['wall']:.1f} s with starting the processes);"
              f" lost {r['lost']}, id gaps {r['gaps']}, chain forks {r['forks']};"
              f" {r['conflicts']} stale saves refused and redone; full verify {r['verify']}")


if __name__ == "__main__":
    main()
