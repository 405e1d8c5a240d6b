"""Start-up of the frozen application (dist/atmp-desktop/) beside the virtual-environment one, in the same run.

    .venv/bin/python bench/bench_startup_frozen.py [--db PATH] [--patients 10000] [--runs 9] [--lang en|sv]

Measured as ``bench/bench_startup.py`` measures (same functions): from just
before the process starts until it reports Today painted
(``ATMP_QUIT_AFTER_TODAY``), signed in from ``ATMP_USER``/``ATMP_PASSWORD``,
runs alternating so that every program sees the same machine load, after one
untimed warm-up run of each. Beside each other:

* a bare PySide6 window (QApplication + QMainWindow), the yardstick;
* the application from the virtual environment, as ``.venv/bin/atmp-desktop``
  (the console script), with a bytecode cache filled by the warm-up run;
* the frozen application, ``dist/atmp-desktop/atmp-desktop`` (build it first
  with ``bash installers/build.sh --no-package``).

Without ``--db`` the 10,000-pathway demo database of ``bench_startup.py`` is
used (built once in the temp folder).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_startup import BARE, ROOT, TODAY, build_database, one_run  # noqa: E402

FROZEN = ROOT / "dist" / "atmp-desktop" / ("atmp-desktop.exe" if sys.platform == "win32" else "atmp-desktop")
VENV_SCRIPT = Path(sys.executable).parent / ("atmp-desktop.exe" if sys.platform == "win32" else "atmp-desktop")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to start on (default: a 10,000-pathway demo)")
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--lang", choices=("en", "sv"), default="en")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not FROZEN.exists():
        sys.stderr.write(f"bench_startup_frozen: {FROZEN} is missing; build it with "
                         "'bash installers/build.sh --no-package'\n")
        return 2
    db = args.db or Path(tempfile.gettempdir()) / f"atmp-bench-startup-{args.patients}.db"
    if not db.exists():
        build_database(db, args.patients)

    with tempfile.TemporaryDirectory(prefix="atmp-bench-frozen-") as work:
        env = dict(os.environ)
        if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update({
            "ATMP_USER": "coordinator", "ATMP_PASSWORD": "coordinator-demo", "ATMP_TODAY": TODAY,
            "ATMP_QUIT_AFTER_TODAY": "1", "ATMP_LANG": args.lang,
            "XDG_CONFIG_HOME": str(Path(work) / "config"),  # no remembered view: the window opens on Today
            "PYTHONPYCACHEPREFIX": str(Path(work) / "pycache"),
        })
        commands = {
            "bare PySide6 window": [sys.executable, "-c", BARE],
            "application, virtual environment": [str(VENV_SCRIPT), "--db", str(db)],
            "application, frozen": [str(FROZEN), "--db", str(db)],
        }
        for argv in commands.values():  # warm the file and bytecode caches once
            one_run(argv, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, argv in commands.items():
                times[name].append(one_run(argv, env))

    medians = {name: statistics.median(ts) for name, ts in times.items()}
    bare = medians["bare PySide6 window"]
    venv = medians["application, virtual environment"]
    frozen = medians["application, frozen"]
    if args.json:
        print(json.dumps({"runs": args.runs, "db": str(db), "lang": args.lang,
                          "platform": env.get("QT_QPA_PLATFORM", "xcb"), "seconds": times, "medians": medians,
                          "frozen_over_venv": frozen / venv, "frozen_over_bare": frozen / bare}, indent=2))
        return 0
    print(f"start-up to Today painted, {args.runs} runs each, alternating (platform "
          f"{env.get('QT_QPA_PLATFORM', 'xcb')}), database {db.name}, UI language {args.lang}")
    for name, ts in times.items():
        print(f"  {name:36} median {medians[name]:.3f} s   (min {min(ts):.3f}, max {max(ts):.3f})"
              f"   {medians[name] / bare:.2f}x the bare window")
    print(f"  frozen / virtual environment: {frozen / venv:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
