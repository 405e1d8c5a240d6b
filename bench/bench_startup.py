"""Start-up time: launching the application on a 10,000-pathway database until Today is shown.

Beside it, in the same run and on the same machine, the time a bare PySide6
window takes (QApplication + QMainWindow, shown, painted). Both are measured
the same way: from just before the process is started to the moment the
process reports its window painted (it prints the wall-clock time and quits).
Runs alternate between the two so that both see the same machine load.

    .venv/bin/python bench/bench_startup.py [--db PATH] [--runs 7] [--lang en|sv] [--no-bytecode-cache]

Without ``--db`` a 10,000-pathway demo database is built once in the temp
folder (``atmp-desktop demo --patients 10000``, about 10 s). The application
signs in from ``ATMP_USER``/``ATMP_PASSWORD`` (the password is checked as
always) and quits through its ``ATMP_QUIT_AFTER_TODAY`` hook. Goal: the
application under 2x the bare window.

Both processes get a fresh bytecode cache (``PYTHONPYCACHEPREFIX`` in a
temporary folder, ``PYTHONDONTWRITEBYTECODE`` removed), filled by the first,
untimed run of each: an installed application runs from compiled bytecode,
as PySide6 itself does. With ``PYTHONDONTWRITEBYTECODE=1`` set (as on the
development machine) and a source tree without up-to-date ``__pycache__``,
every start would otherwise compile the application's own ~80 modules again
(about 0.1 s) while the bare window's PySide6 modules are precompiled.
``--no-bytecode-cache`` keeps the environment as it is, to measure that case.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"

BARE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Painted(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, report)
        return False

def report():
    sys.stdout.write(f"today_shown {time.time():.6f}\n"); sys.stdout.flush(); app.quit()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
watch = Painted()
window.installEventFilter(watch)
window.show()
app.exec()
"""


PATIENTS_VIEW = r"""
import json, statistics, sys, time
from datetime import date
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import Qt
app = QApplication(sys.argv[:1])
from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.patients_view import PatientsView
svc = Services(Store.open(sys.argv[1]))
ctx = UiContext(svc, lang="en", today=date(2026, 11, 23))
out = {}
t = time.perf_counter(); rows = svc.pathways.rows(); out["rows() from the store"] = time.perf_counter() - t
t = time.perf_counter(); view = PatientsView(ctx); view.resize(1300, 800); view.show(); app.processEvents()
out["Patients view built, filled and painted"] = time.perf_counter() - t
t = time.perf_counter(); view.refresh(); app.processEvents(); out["refresh (reload all rows)"] = time.perf_counter() - t
view.stage.setCurrentIndex(view.stage.findData(None))
name = rows[len(rows) // 2].family_name
keys = []
for n in range(1, len(name) + 1):
    t = time.perf_counter(); view.search.setText(name[:n]); app.processEvents(); keys.append(time.perf_counter() - t)
out["filter per keystroke (median, typing a surname)"] = statistics.median(keys)
out["filter per keystroke (slowest)"] = max(keys)
view.search.clear(); app.processEvents()
t = time.perf_counter(); view.table.sortByColumn(7, Qt.SortOrder.DescendingOrder); app.processEvents()
out["sort every row by open findings"] = time.perf_counter() - t
out["_rows"] = len(rows)
print(json.dumps(out))
"""


def patients_view_timings(db: Path, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", PATIENTS_VIEW, str(db)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(done.stderr.strip()[-500:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def build_database(path: Path, patients: int) -> None:
    print(f"building a {patients}-pathway demo database at {path} …", flush=True)
    subprocess.run([sys.executable, "-m", "atmp_desktop", "demo", "--patients", str(patients), "--today", TODAY,
                    "--db", str(path)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def one_run(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.time()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate(timeout=120)
    for line in out.splitlines():
        if line.startswith("today_shown "):
            return float(line.split()[1]) - t0
    raise RuntimeError(f"{argv[:4]} did not report its window (exit {proc.returncode}): {err.strip()[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to start on (default: a 10,000-pathway demo)")
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--lang", choices=("en", "sv"), default="en", help="the UI language to start in (default en)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="leave PYTHONDONTWRITEBYTECODE/PYTHONPYCACHEPREFIX as they are in the environment")
    parser.add_argument("--cli-entry", action="store_true",
                        help="also time 'python -m atmp_desktop --db PATH' (the command line's entry)")
    args = parser.parse_args()

    db = args.db or Path(tempfile.gettempdir()) / f"atmp-bench-startup-{args.patients}.db"
    if not db.exists():
        build_database(db, args.patients)

    with tempfile.TemporaryDirectory(prefix="atmp-bench-config-") as config:
        return run(args, db, config)


def run(args: argparse.Namespace, db: Path, config: str) -> int:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update({
        "PYTHONPATH": str(ROOT), "ATMP_USER": "coordinator", "ATMP_PASSWORD": "coordinator-demo",
        "ATMP_TODAY": TODAY, "ATMP_QUIT_AFTER_TODAY": "1", "ATMP_LANG": args.lang,
        # A fresh config folder: no remembered view, so the window opens on Today.
        "XDG_CONFIG_HOME": config,
    })
    if args.no_bytecode_cache:
        bytecode = "as the environment has it" + (" (PYTHONDONTWRITEBYTECODE set)"
                                                 if env.get("PYTHONDONTWRITEBYTECODE") else "")
    else:
        # A bytecode cache of their own for both processes, filled by the untimed first run.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(config) / "pycache")
        bytecode = "cached (filled by an untimed first run)"
    commands = {
        "bare PySide6 window": [sys.executable, "-c", BARE],
        "application, Today shown": [sys.executable, "-m", "atmp_desktop.app", "--db", str(db)],
    }
    if args.cli_entry:
        commands["application via 'python -m atmp_desktop'"] = [sys.executable, "-m", "atmp_desktop", "--db", str(db)]

    for argv in commands.values():  # warm the file cache once
        one_run(argv, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            times[name].append(one_run(argv, env))

    medians = {name: statistics.median(ts) for name, ts in times.items()}
    ratio = medians["application, Today shown"] / medians["bare PySide6 window"]
    patients = patients_view_timings(db, env)
    if args.json:
        print(json.dumps({"runs": args.runs, "db": str(db), "lang": args.lang,
                          "platform": env.get("QT_QPA_PLATFORM", "xcb"),
                          "bytecode": bytecode, "seconds": times, "medians": medians, "ratio": ratio,
                          "patients_view": patients}, indent=2))
        return 0
    print(f"start-up to first paint, {args.runs} runs each (platform {env.get('QT_QPA_PLATFORM', 'xcb')}), "
          f"database {db.name}, UI language {args.lang}, bytecode {bytecode}")
    for name, ts in times.items():
        print(f"  {name:44} median {medians[name]:.3f} s   (min {min(ts):.3f}, max {max(ts):.3f})")
    print(f"  ratio application / bare window: {ratio:.2f}  (goal < 2)")
    print(f"Patients view on the same database ({patients.pop('_rows'):,} pathways), one run:")
    for name, seconds in patients.items():
        print(f"  {name:52} {seconds:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
