"""Screenshots of every view for docs/screenshots/, from the real application under Xvfb.

    .venv/bin/python docs/make_screenshots.py [--out docs/screenshots] [--lang en sv]

Builds the demo database around a fixed today (2026-11-23) in a temporary
folder, then starts the application once per language under
``xvfb-run -a -s "-screen 0 1400x900x24"`` (QT_QPA_PLATFORM=xcb), signed in
as the demo coordinator through ``ATMP_USER``/``ATMP_PASSWORD``. The
application's ``ATMP_SCREENSHOT_DIR`` hook shows the sign-in dialog, each
view, the patient search popup and the lock screen in turn, saves
``<name>-<lang>.png`` for each, and quits. Where a display is already
available (``DISPLAY`` set and no ``xvfb-run``), it uses that instead.
Needs: xvfb, libxcb-icccm4, libxcb-keysyms1 and fonts-dejavu-core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
SCREEN = "1400x900x24"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "sv"], choices=["en", "sv"])
    parser.add_argument("--patients", type=int, default=60)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="atmp-screenshots-"))
    try:
        db = work / "demo.db"
        subprocess.run([sys.executable, "-m", "atmp_desktop", "demo", "--patients", str(args.patients),
                        "--today", TODAY, "--db", str(db)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        args.out.mkdir(parents=True, exist_ok=True)
        xvfb = shutil.which("xvfb-run")
        if not xvfb and not os.environ.get("DISPLAY"):
            sys.stderr.write("make_screenshots: needs xvfb-run (apt-get install xvfb) or a display\n")
            return 2
        failed = 0
        for lang in args.lang:
            env = dict(os.environ)
            env.update({
                "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT), "ATMP_TODAY": TODAY, "ATMP_LANG": lang,
                "ATMP_USER": "coordinator", "ATMP_PASSWORD": "coordinator-demo",
                "ATMP_SCREENSHOT_DIR": str(args.out.resolve()),
                # A fresh config folder: no remembered window or view from earlier runs.
                "XDG_CONFIG_HOME": str(work / f"config-{lang}"), "XDG_STATE_HOME": str(work / f"state-{lang}"),
            })
            command = [sys.executable, "-m", "atmp_desktop.app", "--db", str(db)]
            if xvfb:
                command = [xvfb, "-a", "-s", f"-screen 0 {SCREEN}"] + command
            print(f"{lang}: {' '.join(command)}", flush=True)
            done = subprocess.run(command, cwd=ROOT, env=env, timeout=300)
            failed += done.returncode != 0
        shots = sorted(args.out.glob("*.png"))
        print(f"{len(shots)} screenshots in {args.out}:", *(p.name for p in shots))
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
