"""The capacity service over a real demo store: loads, CAPACITY findings, earliest plans, replanning (issue 6)."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from atmp_desktop.domain.capacity import Load
from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.domain.replan import Change
from atmp_desktop.services import ConflictError, PermissionDenied, Services, ValidationError
from atmp_desktop.services.capacity import CapacityService, load_key
from atmp_desktop.storage import Store
from tests.storage.helpers import TODAY, file_hash, services, session

#: Far enough after the demo's "today" (2026-11-23) that no demo pathway uses the site then.
QUIET_MONDAY = date(2027, 3, 1)


def dump_hash(path: Path, derived: bool = True) -> str:
    """A hash of the database's content (every table, row by row), independent of the file layout.

    ``derived=False`` leaves out the kept findings (derived data any read may refresh).
    """
    from atmp_desktop.settings import DbUrl
    from tests.storage.helpers import store_state

    if isinstance(path, DbUrl):
        return store_state(path, skip=() if derived else ("finding_cache", "capacity_cache"))
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        lines = conn.iterdump()
        if not derived:
            lines = (line for line in lines if "finding_cache" not in line and "capacity_cache" not in line)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()
    finally:
        conn.close()


def set_capacity(path: Path, resource_id: str, capacity: int) -> None:
    """An administrator changes one resource's capacity, through the resources service."""
    admin = services(path, "admin")
    try:
        r = admin.resources.get(resource_id)
        admin.resources.save(replace(r, capacity=capacity), f"test: capacity {capacity}")
    finally:
        admin.close()


def create_planned(svc: Services, plan_pathway, site: str = "huddinge") -> int:
    patient = svc.patients.list(site)[0]
    return svc.pathways.create(patient.id, plan_pathway, site, "test").id  # type: ignore[return-value]


def ld_started_pathway(path: Path) -> int:
    """A Carvykti pathway at Huddinge whose lymphodepletion was given before TODAY and whose
    manufacturing has not been released yet (the manufacturer's delay arrives now)."""
    svc = services(path, "coordinator")
    try:
        plan = svc.pathways.propose(PlanRequest("carvykti", apheresis=date(2026, 10, 20)), "huddinge")
        p = plan.pathway
        ld, inf = p.first("lymphodepletion"), p.first("infusion")
        assert ld.first_day(p.tz) <= TODAY < inf.first_day(p.tz)  # the case the issue names
        pid = create_planned(svc, p)
        nurse = Services(svc.store, session("nurse"))
        sp = svc.pathways.get(pid)
        sp = nurse.pathways.record_actual(pid, sp.version, "apheresis", sp.pathway.first("apheresis").start)
        sp = nurse.pathways.record_actual(pid, sp.version, "lymphodepletion", ld.start, ld.end)
        assert sp.stage == "lymphodepletion"
        return pid
    finally:
        svc.close()


@pytest.fixture
def coordinator(demo_db):
    svc = services(demo_db, "coordinator")
    yield svc
    svc.close()


# -- the load of a site -----------------------------------------------------------------------


def test_the_load_counts_the_sites_active_pathways_and_not_cancelled_ones(coordinator):
    cap = CapacityService(coordinator)
    for site in ("huddinge", "uppsala", "lund"):
        load = cap.load(site)
        rows = coordinator.pathways.rows(site)
        active = {r.id for r in rows if r.stage != "cancelled"}
        assert len(load) == len(active) and all(load_key(i) in load for i in active)
        assert not any(load_key(r.id) in load for r in rows if r.stage == "cancelled")
        expected = Load.build(
            coordinator.resources.list(site),
            {load_key(sp.id): sp.pathway for sp in coordinator.pathways.load_all(site)},
            coordinator.sites.calendar(site),
        )
        assert [f.to_json() for f in load.findings()] == [f.to_json() for f in expected.findings()]
        assert load.site == site


def test_the_light_count_of_a_site_is_the_count_of_its_loaded_pathways_use_for_use(coordinator):
    """The site is counted from its events' days (no pathway loaded): every pathway's use the same.

    Including recorded times, an infusion under way (an actual start, no end yet: it
    counts to its start day, as ``Event.last_day`` says) and one planned to end after
    midnight, so that the last infusion day is the day after.
    """
    svc = coordinator
    plan = svc.pathways.propose(PlanRequest("yescarta", apheresis=QUIET_MONDAY), "huddinge").pathway
    inf = plan.first("infusion")
    late = inf.start.replace(hour=23, minute=30)
    overnight = replace(plan, events=[replace(e, start=late, end=late + timedelta(hours=1)) if e is inf else e
                                      for e in plan.events])
    pid = create_planned(svc, overnight)
    under_way = create_planned(svc, plan)
    nurse = Services(svc.store, session("nurse"))
    sp = svc.pathways.get(under_way)
    nurse.pathways.record_actual(under_way, sp.version, "infusion", sp.pathway.first("infusion").start)

    cap = CapacityService(svc)
    for site in ("huddinge", "uppsala", "lund"):
        load = cap.load(site)
        full = Load.build(
            svc.resources.list(site),
            {load_key(sp.id): sp.pathway for sp in svc.pathways.load_all(site) if sp.stage != "cancelled"},
            svc.sites.calendar(site), svc.products.catalogue(),
        )
        assert load._uses == full._uses and load._count == full._count
    uses = cap.load("huddinge")._uses
    bed = ("ward_bed", None)
    day = late.date().toordinal()
    assert day + 1 in uses[load_key(pid)][bed]  # the night's infusion ends the next day
    assert uses[load_key(under_way)][bed] != uses[load_key(pid)][bed]


def test_the_load_is_kept_until_the_store_changes_then_only_what_changed_is_counted_again(coordinator):
    cap = CapacityService(coordinator)
    load = cap.load("huddinge")
    assert cap.load("huddinge") is load and cap.stats.builds == 1 and cap.stats.hits == 1

    found = cap.earliest(PlanRequest("yescarta", apheresis=QUIET_MONDAY), "huddinge")
    assert load.used("apheresis_chair", found.apheresis) == 0
    pid = create_planned(coordinator, found.pathway)
    assert cap.load("huddinge") is load  # reconciled in place, not rebuilt
    assert cap.stats.builds == 1 and cap.stats.reconciles == 1 and cap.stats.reloaded == 1
    assert load.used("apheresis_chair", found.apheresis) == 1 and load_key(pid) in load

    sp = coordinator.pathways.get(pid)
    coordinator.pathways.cancel(pid, sp.version, "test: patient withdrew")
    cap.load("huddinge")
    assert load.used("apheresis_chair", found.apheresis) == 0 and load_key(pid) not in load
    assert cap.stats.builds == 1


def test_a_load_counted_inside_a_transaction_that_rolls_back_is_not_kept(coordinator):
    cap = CapacityService(coordinator)
    row = next(r for r in coordinator.pathways.rows("lund") if r.stage == "in_manufacturing")
    assert load_key(row.id) in cap.load("lund")
    with pytest.raises(RuntimeError):
        with coordinator.store.write():
            coordinator.pathways.cancel(row.id, row.version, "test: rolled back")
            assert load_key(row.id) not in cap.load("lund")
            raise RuntimeError("roll back")
    assert coordinator.pathways.get(row.id).stage == "in_manufacturing"
    assert load_key(row.id) in cap.load("lund")


def test_a_change_saved_by_another_connection_is_seen(demo_db, coordinator):
    cap = CapacityService(coordinator)
    before = cap.load("uppsala").capacity("apheresis_chair", QUIET_MONDAY)
    set_capacity(demo_db, "uppsala-apheresis", before + 3)  # another window, its own connection
    assert cap.load("uppsala").capacity("apheresis_chair", QUIET_MONDAY) == before + 3

    other = services(demo_db, "coordinator")
    try:
        row = next(r for r in other.pathways.rows("uppsala") if r.stage != "cancelled")
        other.pathways.cancel(row.id, row.version, "test: cancelled elsewhere")
    finally:
        other.close()
    assert load_key(row.id) not in cap.load("uppsala")


# -- the cases the issue names ----------------------------------------------------------------


def test_two_patients_wanting_the_same_single_chair_get_different_days(demo_db, coordinator):
    set_capacity(demo_db, "huddinge-apheresis", 1)
    cap = CapacityService(coordinator)
    assert cap.load("huddinge").used("apheresis_chair", QUIET_MONDAY) == 0
    request = PlanRequest("yescarta", "lbcl", apheresis=QUIET_MONDAY)

    first = cap.earliest(request, "huddinge")
    assert first.apheresis == QUIET_MONDAY and not first.delayed and first.explanation == ""
    create_planned(coordinator, first.pathway)

    second = cap.earliest(request, "huddinge", lang="sv")
    assert second.apheresis == QUIET_MONDAY + timedelta(days=1)
    assert second.explanation == "ingen ledig aferesplats 1 mars"
    assert second.to_json()["explanation"] == "ingen ledig aferesplats 1 mars"
    assert not second.plan.has_error
    create_planned(coordinator, second.pathway)
    assert [f for f in cap.site_findings("huddinge") if f.params.get("day") == QUIET_MONDAY.isoformat()] == []


def test_a_full_manufacturing_week_pushes_the_plan_to_the_next_week_and_says_so(demo_db, coordinator):
    set_capacity(demo_db, "huddinge-mfg-kymriah", 1)
    cap = CapacityService(coordinator)
    request = PlanRequest("kymriah", "b-all", apheresis=QUIET_MONDAY)
    first = cap.earliest(request, "huddinge")
    mfg = first.pathway.first("manufacturing").first_day(first.pathway.tz)
    week = mfg.isocalendar()[1]
    create_planned(coordinator, first.pathway)

    second = cap.earliest(request, "huddinge")
    moved = second.pathway.first("manufacturing").first_day(second.pathway.tz)
    assert moved.isocalendar()[1] == week + 1
    assert second.apheresis > first.apheresis
    assert second.explanation == f"Kymriah manufacturing slot week {week} full"
    assert second.delayed and not second.plan.has_error


def test_capacity_over_christmas_and_easter_follows_the_site_calendar(demo_db, coordinator):
    cap = CapacityService(coordinator)
    rows = {row.pool.kind: row for row in cap.strip("huddinge", date(2026, 12, 23), date(2026, 12, 28))}
    chairs = {c.start: c for c in rows["apheresis_chair"].cells}
    assert chairs[date(2026, 12, 23)].capacity == chairs[date(2026, 12, 28)].capacity == 2
    assert [chairs[date(2026, 12, d)].capacity for d in (24, 25, 26, 27)] == [0, 0, 0, 0]
    assert chairs[date(2026, 12, 24)].closed_reason == "Christmas Eve"
    assert {c.capacity for c in rows["thaw_slot"].cells if c.start.day in (24, 25, 26)} == {0}
    assert {c.capacity for c in rows["ward_bed"].cells} == {6}  # beds are staffed every day

    easter = {c.start: c for c in cap.strip("huddinge", date(2027, 3, 25), date(2027, 3, 30), "sv")[0].cells}
    assert easter[date(2027, 3, 26)].capacity == 0 and easter[date(2027, 3, 26)].closed_reason == "Långfredagen"
    assert easter[date(2027, 3, 29)].capacity == 0 and easter[date(2027, 3, 29)].closed_reason == "Annandag påsk"
    assert easter[date(2027, 3, 25)].capacity == easter[date(2027, 3, 30)].capacity == 2

    christmas = cap.earliest(PlanRequest("kymriah", "b-all", apheresis=date(2026, 12, 24)), "huddinge")
    assert christmas.apheresis == date(2026, 12, 28)
    assert "Christmas Eve" in christmas.explanation

    # Uppsala opens its units on Christmas Eve this year: the chair has capacity that day.
    admin = services(demo_db, "admin")
    try:
        site = admin.sites.get("uppsala")
        calendar = replace(site.calendar, extra_open=frozenset({date(2026, 12, 24)}))
        admin.sites.save(replace(site, calendar=calendar), "test: open on Christmas Eve")
    finally:
        admin.close()
    assert cap.load("uppsala").capacity("apheresis_chair", date(2026, 12, 24)) == 1
    opened = cap.earliest(PlanRequest("kymriah", "b-all", apheresis=date(2026, 12, 24)), "uppsala")
    assert opened.apheresis == date(2026, 12, 24)


def test_a_five_day_manufacturing_delay_after_lymphodepletion_is_proposed_not_saved(demo_db, coordinator):
    pid = ld_started_pathway(demo_db)
    cap = CapacityService(coordinator)
    before_sp = coordinator.pathways.get(pid)
    state = (file_hash(demo_db), dump_hash(demo_db))

    proposal = cap.propose_replan(pid, Change("manufacturing", 5, "manufacturer's delay"), today=TODAY)
    appeared = {f.code: f for f in proposal.appeared}
    assert appeared["LD_TO_INFUSION"].is_error and proposal.has_error
    assert proposal.pathway_id == load_key(pid)
    assert proposal.suggestions and proposal.suggestions[0].pathway.of("lymphodepletion")[-1].first_day(
        proposal.pathway.tz) >= TODAY
    assert (file_hash(demo_db), dump_hash(demo_db)) == state
    assert coordinator.pathways.get(pid).version == before_sp.version

    saved = cap.apply_replan(pid, proposal, before_sp.version, "Manufacturer delayed the release by 5 days")
    assert saved.version == before_sp.version + 1
    tz = saved.pathway.tz
    assert saved.pathway.infusion_day() == proposal.pathway.infusion_day() > before_sp.pathway.infusion_day()
    assert "LD_TO_INFUSION" in [f.code for f in coordinator.pathways.check(pid)]
    (entry, *_) = coordinator.audit.entries(pathway_id=pid)
    assert entry.username == "coordinator" and entry.action == "update"
    assert entry.reason.startswith("Manufacturer delayed the release by 5 days")
    assert "Manufacturing release moved by +5 day(s)" in entry.reason
    assert coordinator.audit.verify().ok
    # The cache counts the new thaw day without loading the site again.
    thaw = saved.pathway.first("thaw").first_day(tz)
    assert load_key(pid) in cap.load("huddinge").pathways_on("thaw_slot", thaw)


def test_applying_is_refused_without_permission_reason_or_the_version_it_was_made_from(demo_db, coordinator):
    pid = ld_started_pathway(demo_db)
    cap = CapacityService(coordinator)
    version = coordinator.pathways.get(pid).version
    proposal = cap.propose_replan(pid, Change("manufacturing", 5), today=TODAY)
    state = dump_hash(demo_db)

    nurse = Services(coordinator.store, session("nurse"))
    with pytest.raises(PermissionDenied, match="only a coordinator"):
        CapacityService(nurse).apply_replan(pid, proposal, version, "a nurse tries")
    with pytest.raises(ValidationError, match="needs a reason"):
        cap.apply_replan(pid, proposal, version, "  ")
    with pytest.raises(ValidationError, match=f"for pathway {pid}, not 1"):
        cap.apply_replan(1, proposal, version, "wrong pathway")
    with pytest.raises(ValidationError, match="no suggestion 3"):
        cap.apply_replan(pid, proposal, version, "x", suggestion=2)
    with pytest.raises(ConflictError, match="changed by nurse"):
        cap.apply_replan(pid, proposal, version - 1, "stale")
    assert dump_hash(demo_db) == state

    # Someone moves the infusion meanwhile: the old proposal no longer fits the stored pathway.
    moved = cap.propose_replan(pid, Change("infusion", 1), today=TODAY)
    cap.apply_replan(pid, moved, version, "infusion a day later")
    with pytest.raises(ConflictError):
        cap.apply_replan(pid, proposal, version, "late")
    with pytest.raises(ValidationError, match="another version"):
        cap.apply_replan(pid, proposal, version + 1, "made from the old version")


def test_the_repeat_lymphodepletion_suggestion_can_be_applied_by_a_coordinator(demo_db, coordinator):
    pid = ld_started_pathway(demo_db)
    cap = CapacityService(coordinator)
    version = coordinator.pathways.get(pid).version
    proposal = cap.propose_replan(pid, Change("manufacturing", 5), today=TODAY)
    saved = cap.apply_replan(pid, proposal, version, "repeat LD as suggested", suggestion=0)
    assert len(saved.pathway.of("lymphodepletion")) == 2
    assert "LD_TO_INFUSION" not in [f.code for f in coordinator.pathways.check(pid)]


def test_a_product_out_of_specification_is_remanufactured_in_one_audited_save(demo_db, coordinator):
    pid = ld_started_pathway(demo_db)
    cap = CapacityService(coordinator)
    version = coordinator.pathways.get(pid).version
    proposal = cap.propose_replan(pid, Change("remanufacture", 2), today=TODAY)
    saved = cap.apply_replan(pid, proposal, version, "Product failed release testing")
    assert saved.version == version + 1
    runs = saved.pathway.of("manufacturing")
    assert len(runs) == 2 and runs[1].note == "remanufacture: first product out of specification"
    assert coordinator.audit.entries(pathway_id=pid)[0].reason.startswith("Product failed release testing")
    # The new run takes a manufacturing slot in its own week.
    tz = saved.pathway.tz
    assert load_key(pid) in cap.load("huddinge").pathways_on(
        "manufacturing_slot", runs[1].first_day(tz), "carvykti")


def test_a_received_product_can_be_remanufactured_by_a_coordinator(demo_db, coordinator):
    pid = ld_started_pathway(demo_db)
    pharmacist = Services(coordinator.store, session("pharmacist"))
    sp = coordinator.pathways.get(pid)
    receipt = sp.pathway.first("product_receipt")
    pharmacist.pathways.record_actual(pid, sp.version, "product_receipt", receipt.start,
                                      product_expiry=date(2027, 10, 1))
    cap = CapacityService(coordinator)
    version = coordinator.pathways.get(pid).version
    proposal = cap.propose_replan(pid, Change("remanufacture", 2), today=TODAY)
    assert proposal.fields["product_expiry"] == (date(2027, 10, 1), None)
    saved = cap.apply_replan(pid, proposal, version, "Product out of specification")
    assert saved.pathway.product_expiry is None


def test_replanning_refusals_are_one_line_validation_errors(demo_db, coordinator):
    cap = CapacityService(coordinator)
    rows = coordinator.pathways.rows()
    cancelled = next(r for r in rows if r.stage == "cancelled")
    with pytest.raises(ValidationError, match="is cancelled"):
        cap.propose_replan(cancelled.id, Change("infusion", 2))
    completed = next(r for r in rows if r.stage == "completed")
    with pytest.raises(ValidationError, match=f"pathway {completed.id}: .*already"):
        cap.propose_replan(completed.id, Change("manufacturing", 5))
    with pytest.raises(ValidationError, match="apheresis date, not an infusion date"):
        cap.earliest(PlanRequest("kymriah", infusion=QUIET_MONDAY), "huddinge")
    with pytest.raises(ValidationError, match="unknown product"):
        cap.earliest(PlanRequest("zolgensma", apheresis=QUIET_MONDAY), "huddinge")


# -- CAPACITY findings for check --all and the Pathway view -------------------------------------


def test_findings_by_pathway_cover_every_active_pathway_and_agree_with_one_pathways_findings(coordinator):
    cap = CapacityService(coordinator)
    by_id = cap.findings_by_pathway()
    active = {r.id for r in coordinator.pathways.rows() if r.stage != "cancelled"}
    assert set(by_id) == active
    involved = {pid: found for pid, found in by_id.items() if found}
    assert involved, "the demo data books some resources above capacity"
    assert {f.code for found in involved.values() for f in found} == {"CAPACITY"}
    for pid, found in involved.items():
        assert cap.findings_for(pid) == found
        assert all(load_key(pid) in f.params["pathway_ids"] for f in found)
    preloaded = [sp for sp, _ in coordinator.pathways.check_all()]
    assert cap.findings_by_pathway(pathways=preloaded) == by_id
    assert cap.findings_by_pathway("uppsala") == {
        pid: found for pid, found in by_id.items() if coordinator.pathways.get(pid).site == "uppsala"}


def test_plan_at_a_site_reports_the_capacity_it_would_exceed(demo_db, coordinator):
    set_capacity(demo_db, "huddinge-apheresis", 1)
    cap = CapacityService(coordinator)
    first = cap.earliest(PlanRequest("abecma", apheresis=QUIET_MONDAY), "huddinge")
    pid = create_planned(coordinator, first.pathway)
    plan, over = cap.plan_at(PlanRequest("abecma", apheresis=QUIET_MONDAY), "huddinge")
    (finding,) = [f for f in over if f.event == "apheresis"]
    assert finding.params["pathway_ids"] == (load_key(pid), "new")
    assert finding.message("en") == (
        f"Apheresis chairs: 2 booked on {QUIET_MONDAY} for a capacity of 1 (pathways {pid}, new).")


def test_reading_capacity_changes_nothing_but_the_kept_findings(demo_db):
    state = dump_hash(demo_db, derived=False)
    with Store.open(demo_db, write=False) as store:
        cap = CapacityService(Services(store))
        cap.loads()
        cap.findings_by_pathway()
        cap.earliest(PlanRequest("kymriah", apheresis=QUIET_MONDAY), "lund")
    assert dump_hash(demo_db, derived=False) == state
