"""Benchmark the views on a centre network's store (issue 11): 100,000 pathways, each figure beside its baseline.

Run: .venv/bin/python bench/bench_views.py [--patients N] [--runs 3]

The store is bench_scale.py's (built once in bench/out/ and kept; about 100 s
for 100,000 pathways). Each run is a fresh process (offscreen Qt) that
measures, in this order:

* baseline: a bare ``QTableView`` over an empty model, built, shown and
  painted; and a keystroke into a bare ``QLineEdit`` until it is painted
  again; and the process's memory before the store is opened;
* Patients: the view built, filled and painted (first paint; goal < 0.3 s),
  then the filter and sort keys of every pathway it reads just after that
  paint (on a worker thread; the longest the window is kept waiting
  meanwhile), then a surname typed letter by letter, each keystroke timed until
  the list is painted again (goal < 50 ms each: the median and the slowest);
* Today, Calendar (month) and a pathway opened (the Pathway view built
  before, as after the first open), each until painted (goal < 0.2 s), and
  until idle: until the work each defers to just after its paint is done
  (Today's details, the Pathway view's count of the site's capacity), during
  which the window does not answer;
* the memory (VmRSS) of the process: with Patients open, with Today too, with
  the Calendar too (once its load strip, counted on a worker thread after its
  paint, is counted: waited for there), and with all of the above opened
  (goal < 400 MB); each view is hidden once
  measured (a hidden view does no work), so that what follows is timed alone;
* the baseline of the keys the Patients list reads after its first paint: the
  same query read with plain sqlite3 in the same process.

"Painted" is the moment a probe widget on top of the list's viewport paints,
right after the rows under it. Every figure is the median of --runs runs and
is printed as a ratio to its baseline from the same runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_scale import OUT, TODAY, build  # noqa: E402 - after the path

ONE_RUN = r"""
import json, statistics, sys, time
from datetime import date
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView, QWidget

app = QApplication(sys.argv[:1])


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Probe(QWidget):
    # A 4x4 child on top of a viewport: it paints right after the viewport under it.
    def __init__(self, parent):
        super().__init__(parent)
        self.setGeometry(0, 0, 4, 4)
        self.at = None
        self.raise_()
        self.show()

    def paintEvent(self, event):
        self.at = time.perf_counter()


def until_painted(probe, t0, timeout=30.0):
    while probe.at is None:
        app.processEvents()
        if time.perf_counter() - t0 > timeout:
            raise RuntimeError("never painted")
    return probe.at - t0


def until_idle(t0):
    # Zero-delay timers until one comes back at once: the work the view deferred (to just after its
    # paint) is then done. The time is that of the start of the quiet round.
    while True:
        done = []
        timer = QTimer()
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(lambda: done.append(time.perf_counter()))
        start = time.perf_counter()
        timer.start()
        while not done:
            app.processEvents()
        if done[0] - start < 0.005:
            return start - t0


def first_paint(make, viewport_of):
    t0 = time.perf_counter()
    widget = make()
    widget.resize(1300, 800)
    probe = Probe(viewport_of(widget))
    widget.show()
    return widget, until_painted(probe, t0), probe


out = {}
# -- baselines ------------------------------------------------------------------------------------
out["rss_before_store"] = rss_mb()
def _bare():
    t = QTableView()
    t.setModel(QStandardItemModel(0, 9, t))
    return t
bare, out["bare_table_paint"], _ = first_paint(_bare, lambda w: w.viewport())
line = QLineEdit()
line.resize(300, 30)
line.show()
app.processEvents()
line_probe = Probe(line)
keys = []
for ch in "Andersson":
    line_probe.at = None
    t0 = time.perf_counter()
    QTest.keyClick(line, ch)
    keys.append(until_painted(line_probe, t0))
out["bare_keystroke"] = statistics.median(keys)
bare.close()
line.close()

# the raw read of what the Patients list's key index reads (plain sqlite3, this process)
import sqlite3
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
t0 = time.perf_counter()
conn.execute("SELECT p.id, p.patient_id, p.site, p.product, p.stage, p.open_errors, p.open_warnings, pa.family_name,"
             " pa.given_name, pa.identifier, p.indication, p.updated_at"
             " FROM pathways p JOIN patients pa ON pa.id = p.patient_id ORDER BY p.id").fetchall()
out["raw_keys_read"] = time.perf_counter() - t0
conn.close()

# -- the application -----------------------------------------------------------------------------
from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from atmp_desktop.ui.context import UiContext

svc = Services(Store.open(sys.argv[1]))
ctx = UiContext(svc, lang="en", today=date.fromisoformat(sys.argv[2]))
from atmp_desktop.ui.patients_view import PatientsView

patients, out["patients_first_paint"], probe = first_paint(lambda: PatientsView(ctx), lambda w: w.table.viewport())
# A real event loop (it sleeps between events, as the application's does), with a heartbeat every
# 5 ms: the longest gap between two beats is the longest the window kept a user waiting.
from PySide6.QtCore import QEventLoop


def wait_answering(done):
    # A real event loop until done(): (seconds taken, the longest gap between 5 ms heartbeats).
    loop = QEventLoop()
    beats = [time.perf_counter()]
    heart = QTimer()
    heart.setInterval(5)
    heart.timeout.connect(lambda: beats.append(time.perf_counter()))
    check = QTimer()
    check.setInterval(5)
    check.timeout.connect(lambda: done() and loop.quit())
    t0 = time.perf_counter()
    heart.start()
    check.start()
    loop.exec()
    heart.stop()
    check.stop()
    return time.perf_counter() - t0, max(b - a for a, b in zip(beats, beats[1:])) if len(beats) > 1 else 0.0


out["patients_index_after_paint"], out["patients_longest_wait"] = wait_answering(lambda: patients.model.has_index)
out["patients_shown"] = patients.model.rowCount()
name = patients.model.row_of(patients.model.rowCount() // 2).family_name
keys = []
for ch in name:
    probe.at = None
    t0 = time.perf_counter()
    QTest.keyClick(patients.search, ch)
    keys.append(until_painted(probe, t0))
out["keystroke_median"] = statistics.median(keys)
out["keystroke_slowest"] = max(keys)
out["keystrokes"] = keys
out["rss_patients"] = rss_mb()
out["typed"] = name
out["typed_shown"] = patients.model.rowCount()

from atmp_desktop.ui.today_view import TodayView

t0 = time.perf_counter()
today, out["today"], _ = first_paint(lambda: TodayView(ctx), lambda w: w.tree.viewport())
out["today_idle"] = until_idle(t0)

out["rss_before_calendar"] = rss_mb()
today.hide()  # a hidden view does no more work: what follows is timed alone
patients.hide()
from atmp_desktop.ui.calendar_view import CalendarView

def _month():
    view = CalendarView(ctx)
    view.set_mode("month")
    return view
t0 = time.perf_counter()
calendar, out["calendar_month"], _ = first_paint(_month, lambda w: w.month_table.viewport())
out["calendar_month_idle"] = until_idle(t0)
# Its load strip is counted on a worker thread after the paint: waited for here, so that the Calendar's
# memory is measured whole and what follows is timed alone.
while calendar.loads.busy():
    calendar.loads.wait(100)
    app.processEvents()
out["rss_calendar"] = rss_mb()

calendar.hide()
# Its load strip counts each site's capacity on a worker of its own: let that finish first, so that
# what follows is timed alone (and the memory below includes it).
busy_before = calendar.loads.busy()
calendar.loads.wait()
app.processEvents()
out["calendar_load_counting_after"] = 1.0 if busy_before else 0.0
from atmp_desktop.ui.pathway_view import PathwayView

pathway_view = PathwayView(ctx)
pathway_view.resize(1300, 800)
pathway_view.show()
first_id = patients.model.pathway_id(0)
from atmp_desktop.ui.site_capacity import capacity_counted

first_site = patients.model.row_of(0).site
t0 = time.perf_counter()
pathway_view.show_pathway(first_id)
out["first_pathway_idle"] = until_idle(t0)
# The first at its site: the site's capacity is counted on a worker thread; until it is handed to
# the window (its findings shown), with the longest the window kept a user waiting meanwhile.
_, out["first_pathway_longest_wait"] = wait_answering(
    lambda: capacity_counted(svc, first_site) and not pathway_view._counting)
out["first_pathway_counted"] = time.perf_counter() - t0
probe = Probe(pathway_view)
pid = patients.model.pathway_id(patients.model.rowCount() - 1)
probe.at = None
t0 = time.perf_counter()
pathway_view.show_pathway(pid)
pathway_view.update()
probe.raise_()
out["open_pathway"] = until_painted(probe, t0)
out["open_pathway_idle"] = until_idle(t0)
out["rss_everything_open"] = rss_mb()
out["pathways"] = len(patients.model.index_)
print(json.dumps(out))
"""


def one_run(db: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", ONE_RUN, str(db), TODAY.isoformat()], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    if done.returncode:
        raise RuntimeError(done.stderr.strip()[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--patients", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"store-{args.patients}.db"
    if not path.exists():
        print(build(path, args.patients), flush=True)
    load_before = os.getloadavg()[0]
    runs = [one_run(path) for _ in range(args.runs)]

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    first = runs[0]
    print(f"views benchmark: {path.name} ({first['pathways']} pathways), {os.cpu_count()} CPUs, load average "
          f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after; median of {args.runs} runs (fresh processes)")
    table, key = med("bare_table_paint"), med("bare_keystroke")
    raw = med("raw_keys_read")
    rows = [
        ("Patients first paint", med("patients_first_paint"), table, "bare table", "goal < 0.3 s"),
        ("  then: keys of every pathway read", med("patients_index_after_paint"), raw, "raw read",
         f"after the first paint; {first['patients_shown']} active pathways shown"),
        ("  the window's longest wait meanwhile", med("patients_longest_wait"), table, "bare table",
         "the keys are read on a worker thread; a 5 ms heartbeat's longest gap"),
        (f"filter keystroke, median (typing {first['typed']!r})", med("keystroke_median"), key, "bare keystroke",
         "goal < 50 ms"),
        ("filter keystroke, slowest", med("keystroke_slowest"), key, "bare keystroke",
         f"{first['typed_shown']} shown at the end"),
        ("Today", med("today"), table, "bare table", "goal < 0.2 s"),
        ("  until idle (its deferred work done)", med("today_idle"), table, "bare table", ""),
        ("Calendar (month)", med("calendar_month"), table, "bare table", "goal < 0.2 s"),
        ("  until idle", med("calendar_month_idle"), table, "bare table", ""),
        ("open a pathway", med("open_pathway"), table, "bare table", "goal < 0.2 s (view built before)"),
        ("  until idle", med("open_pathway_idle"), table, "bare table", "the site's capacity counted before"),
        ("  the first pathway of its site, until idle", med("first_pathway_idle"), table, "bare table",
         "its site's capacity counted on a worker thread meanwhile"),
        ("  … until its site's capacity is counted", med("first_pathway_counted"), table, "bare table",
         "CAPACITY findings shown from then on"),
        ("  … the window's longest wait meanwhile", med("first_pathway_longest_wait"), table, "bare table",
         "a 5 ms heartbeat's longest gap"),
    ]
    width = max(len(r[0]) for r in rows) + 2
    print(f"  {'baseline: bare QTableView, built and painted':<{width}}  {table * 1000:8.1f} ms")
    print(f"  {'baseline: bare QLineEdit keystroke, painted':<{width}}  {key * 1000:8.1f} ms")
    print(f"  {'baseline: raw read of the keys (plain sqlite3)':<{width}}  {raw * 1000:8.1f} ms")
    for name, value, base, base_name, note in rows:
        print(f"  {name:<{width}}  {value * 1000:8.1f} ms  {value / base:7.1f}x {base_name:<15} {note}")
    rss0 = med("rss_before_store")
    print(f"  {'baseline: memory of the process before the store':<{width}}  {rss0:8.1f} MB")
    for name, k, note in (("memory: Patients open, keys read, typed", "rss_patients", "goal < 400 MB"),
                          ("memory: and Today open", "rss_before_calendar", "goal < 400 MB"),
                          ("memory: and Calendar (month), its load counted", "rss_calendar", "goal < 400 MB"),
                          ("memory: and Calendar (month), a pathway opened", "rss_everything_open", "goal < 400 MB")):
        print(f"  {name:<{width}}  {med(k):8.1f} MB  {med(k) / rss0:7.1f}x baseline        {note}")
    print("  keystrokes (ms), each run: " + "; ".join(
        " ".join(f"{k * 1000:.0f}" for k in r["keystrokes"]) for r in runs))


if __name__ == "__main__":
    main()
