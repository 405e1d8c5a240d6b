"""Stored pathways of the products beyond CAR-T (issue 13) for the view tests and screenshots.

* :func:`casgevy_in_conditioning` — Casgevy (exagamglogene autotemcel) at Huddinge: mobilisation
  and two collection days in May, the product received 20 November, busulfan conditioning on
  21–24 November with day 1 recorded and the course still under way on "today" (23 November),
  infusion 27 November.
* :func:`trial_on_infusion_day` — the trial product of ``docs/examples/trial-protocol-profile.json``
  (added by a pharmacist, approved by a second): lymphodepletion given 19–21 November, infused
  today with its IL-2 course on days 0–2, and a bridging chemotherapy stopped too close to
  lymphodepletion (a ``WASHOUT`` error).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from atmp_desktop.domain.pathway import Washout
from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.services import Services

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "trial-protocol-profile.json"


def _as(store, user: str) -> Services:
    svc = Services(store)
    svc.sign_in(user, f"{user}-demo")
    return svc


def _record(store, pid: int, user: str, label: str, end: bool = True) -> None:
    svc = _as(store, user)
    cur = svc.pathways.get(pid)
    e = next(x for x in cur.pathway.events if x.label == label)
    svc.pathways.record_actual(pid, cur.version, label, e.start, e.end if end else None)


def casgevy_in_conditioning(store, patient_index: int = 0) -> int:
    coord = _as(store, "coordinator")
    plan = coord.pathways.propose(
        PlanRequest("casgevy", "tdt", "EU", infusion=date(2026, 11, 27), conditioning_days=4), "huddinge")
    patient = coord.patients.list("huddinge")[patient_index]
    pid = coord.pathways.create(patient.id, plan.pathway, "huddinge", "test: Casgevy").id
    for label in ("mobilisation", "apheresis#1", "apheresis#2"):
        _record(store, pid, "nurse", label)
    _record(store, pid, "pharmacist", "product_receipt")
    _record(store, pid, "pharmacist", "storage")
    _record(store, pid, "nurse", "conditioning", end=False)  # busulfan under way: day 1 given
    return pid  # type: ignore[return-value]


def add_trial_profile(store) -> None:
    _as(store, "pharmacist").products.add_local(EXAMPLE.read_text(encoding="utf-8"))
    _as(store, "pharmacist2").products.approve("trial-t01", 1, "checked against protocol v3.0")


def trial_on_infusion_day(store, patient_index: int = 1) -> int:
    add_trial_profile(store)
    coord = _as(store, "coordinator")
    plan = coord.pathways.propose(PlanRequest("trial-t01", infusion=date(2026, 11, 23)), "huddinge")
    p = plan.pathway
    p.washouts = [Washout("bridging chemotherapy", date(2026, 11, 10), "lymphodepletion")]
    patient = coord.patients.list("huddinge")[patient_index]
    pid = coord.pathways.create(patient.id, p, "huddinge", "test: trial product").id
    for label in ("marker_test", "apheresis"):
        _record(store, pid, "nurse", label)
    _record(store, pid, "pharmacist", "product_receipt")
    _record(store, pid, "pharmacist", "storage")
    _record(store, pid, "nurse", "lymphodepletion")
    return pid  # type: ignore[return-value]
