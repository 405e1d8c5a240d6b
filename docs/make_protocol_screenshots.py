"""Screenshots of the views with the products beyond CAR-T (issue 13) for docs/screenshots/.

    .venv/bin/python docs/make_protocol_screenshots.py [--out docs/screenshots] [--lang en sv]

Builds the 60-patient demo database around 2026-11-23 in a temporary folder and
adds two pathways at Huddinge (the same as the view tests,
``tests/ui/protocol_pathways.py``): a Casgevy pathway in busulfan conditioning
(day 3 of 4 today) and the example trial product infused today with its IL-2
course and a washout that does not hold. Then it saves, per language:

* ``protocol-today-<lang>.png`` — Today at Huddinge, the Casgevy and trial rows selected in turn
  (the conditioning row is shown);
* ``protocol-pathway-<lang>.png`` — the trial pathway (IL-2 days, marker tests, washouts header);
* ``protocol-casgevy-<lang>.png`` — the Casgevy pathway (cycles, conditioning (busulfan));
* ``protocol-celllab-<lang>.png`` — the Cell lab's In storage list with "Before the thaw" (1680 px wide);
* ``protocol-calendar-<lang>.png`` — the Calendar week at Huddinge;
* ``protocol-replan-<lang>.png`` — the Replan dialog refusing an infusion 8 days after busulfan.

Runs itself under ``xvfb-run`` (the real xcb platform) when there is no display.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)


def _relaunch(argv: list[str]) -> int:
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        sys.stderr.write("make_protocol_screenshots: needs xvfb-run (apt-get install xvfb) or a display\n")
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT), ATMP_PROTOCOL_SHOTS_CHILD="1")
    return subprocess.run([xvfb, "-a", "-s", "-screen 0 1700x900x24", sys.executable, __file__, *argv],
                          env=env, cwd=ROOT).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "sv"], choices=["en", "sv"])
    args = parser.parse_args()
    if not os.environ.get("ATMP_PROTOCOL_SHOTS_CHILD") and not os.environ.get("DISPLAY"):
        return _relaunch(sys.argv[1:])
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication
    from PySide6.QtTest import QTest

    from atmp_desktop.domain import timeutil
    from atmp_desktop.services import Services
    from atmp_desktop.services.demo import create_demo_database
    from atmp_desktop.storage import Store
    from atmp_desktop.ui import i18n
    from atmp_desktop.ui.calendar_view import CalendarView
    from atmp_desktop.ui.cells import PathwayIdRole
    from atmp_desktop.ui.celllab_view import CellLabView
    from atmp_desktop.ui.context import UiContext
    from atmp_desktop.ui.pathway_view import PathwayView
    from atmp_desktop.ui.today_view import TodayView
    from tests.ui.protocol_pathways import casgevy_in_conditioning, trial_on_infusion_day

    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="atmp-protocol-shots-"))
    args.out.mkdir(parents=True, exist_ok=True)
    now = timeutil.localize(datetime(2026, 11, 23, 10, 0), timeutil.zone("Europe/Stockholm"))

    def settle(n: int = 8) -> None:
        for _ in range(n):
            app.processEvents()

    def save(widget, name: str, lang: str) -> None:
        settle()
        path = args.out / f"protocol-{name}-{lang}.png"
        widget.grab().save(str(path))
        print("wrote", path)

    try:
        db = work / "demo.db"
        create_demo_database(db, patients=60, seed=1, today=TODAY)
        store = Store.open(db)
        casgevy = casgevy_in_conditioning(store)
        trial = trial_on_infusion_day(store)
        svc = Services(store)
        svc.sign_in("coordinator", "coordinator-demo")
        for lang in args.lang:
            i18n.install(lang)
            ctx = UiContext(svc, lang=lang, today=TODAY)
            ctx.set_site("huddinge")

            today = TodayView(ctx)
            today.resize(1360, 860)
            today.show()
            settle()
            today.load_all_details()
            tree = today.tree
            model = today.model
            for d in range(model.rowCount()):
                day = model.index(d, 0)
                for r in range(model.rowCount(day)):
                    index = model.index(r, 0, day)
                    if index.data(PathwayIdRole) == casgevy:
                        tree.setCurrentIndex(index)
                        tree.scrollTo(index)
            save(today, "today", lang)
            today.close()

            pathway = PathwayView(ctx)
            pathway.resize(1360, 860)
            pathway.show()
            pathway.show_pathway(trial)
            settle(20)
            save(pathway, "pathway", lang)
            pathway.show_pathway(casgevy)
            settle(20)
            save(pathway, "casgevy", lang)

            dialog = pathway.replan()
            dialog.set_change("infusion", 5)
            dialog.resize(1300, 760)
            dialog.show()
            save(dialog, "replan", lang)
            dialog.close()
            pathway.close()

            lab = CellLabView(ctx, now=lambda: now)
            lab.resize(1680, 860)  # wide enough for "Before the thaw", the In storage list's last column
            lab.show()
            settle()
            save(lab, "celllab", lang)
            lab.close()

            calendar = CalendarView(ctx)
            calendar.resize(1360, 860)
            calendar.show()
            settle(20)
            # The day panel and the load strip are filled after the grid's paint (at most 250 ms
            # later), the strip counted on a worker thread: wait for both before the picture.
            QTest.qWait(400)
            while calendar.loads.busy():
                calendar.loads.wait(100)
                settle()
            save(calendar, "calendar", lang)
            calendar.close()
        svc.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
