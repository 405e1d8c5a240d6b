"""Replanning pathways with the kinds beyond CAR-T (issue 13): mobilisation cycles, busulfan
conditioning, marker tests, washouts and post-infusion courses; one day inside and one outside."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from atmp_desktop.domain.capacity import Load, earliest_plan
from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.pathway import Washout
from atmp_desktop.domain.planner import Planner, PlanRequest
from atmp_desktop.domain.replan import Change, ReplanError, propose
from atmp_desktop.domain.resources import Resource

from .test_protocol import CAT, trial_profile

PLANNER = Planner(catalogue=CAT)
CAL = SiteCalendar()


def casgevy(region: str = "EU", cycles: int = 1, **kw):
    kw.setdefault("apheresis", date(2027, 3, 1))
    return PLANNER.plan(PlanRequest("casgevy", "tdt", region, conditioning_days=4, apheresis_cycles=cycles, **kw))


def days_of(p, kind):
    return [e.first_day(p.tz) for e in p.of(kind)]


def given(p, *kinds):
    """Record every event of *kinds* as done as planned."""
    for e in p.events:
        if e.kind in kinds:
            e.actual_start, e.actual_end = e.start, e.end
            e._day_cache = None


# -- mobilisation and apheresis cycles -------------------------------------------------------------


def test_apheresis_later_moves_every_cycle_onto_open_days_keeping_order_and_gaps():
    p = casgevy("US", cycles=2).pathway
    before = days_of(p, "apheresis")
    gap_before = (before[2] - before[1]).days
    proposal = propose(p, Change("apheresis", 3), planner=PLANNER)
    q = proposal.pathway
    after = days_of(q, "apheresis")
    assert after == sorted(after) and len(after) == 4
    assert all(CAL.is_open(d, "apheresis") for d in after)
    assert after[0] == before[0] + timedelta(days=3)  # Thursday and Friday are open
    assert (after[1] - after[0]).days == 1 and (after[3] - after[2]).days == 1  # consecutive collection days
    assert (after[2] - after[1]).days >= gap_before  # cycles never closer than planned
    for mob in q.of("mobilisation"):  # each course still covers its cycle's collections
        mine = [a.first_day(q.tz) for a in q.of("apheresis") if a.extra["cycle"] == mob.extra["cycle"]]
        assert mob.first_day(q.tz) <= min(mine) and max(mine) <= mob.last_day(q.tz)
    assert q.first("manufacturing").first_day(q.tz) == after[-1] + timedelta(days=1)
    assert not proposal.has_error, [f.message() for f in proposal.findings_after if f.is_error]
    assert days_of(p, "apheresis") == before  # the original is not touched


def test_collections_moved_into_easter_land_after_it():
    # Collections Tuesday and Wednesday 23-24 March 2027; +2 would be Thursday and Good Friday
    p = casgevy(apheresis=date(2027, 3, 23)).pathway
    assert days_of(p, "apheresis") == [date(2027, 3, 23), date(2027, 3, 24)]
    q = propose(p, Change("apheresis", 2), planner=PLANNER).pathway
    # Good Friday 26th and Easter Monday 29th are closed: the pair moves to Tuesday 30 and Wednesday 31
    assert days_of(q, "apheresis") == [date(2027, 3, 30), date(2027, 3, 31)]


def test_collections_moved_across_the_spring_dst_change_keep_their_local_time():
    p = casgevy(apheresis=date(2027, 3, 23)).pathway
    q = propose(p, Change("apheresis", 7), planner=PLANNER).pathway  # across Sunday 28 March
    for before, after in zip(p.of("apheresis"), q.of("apheresis")):
        assert isinstance(after.start, datetime)
        local = after.start.astimezone(q.tz)
        assert (local.hour, local.minute) == (8, 0)
        assert after.start.utcoffset() != before.start.utcoffset()  # CET -> CEST
        real = after.start.astimezone(timezone.utc) - before.start.astimezone(timezone.utc)
        assert real == timedelta(days=7, hours=-1)  # real time: one hour less


def test_a_planned_marker_test_moves_with_the_first_collection():
    profile = trial_profile()
    p = PLANNER.plan(PlanRequest(profile.product_id, apheresis=date(2027, 3, 1)), profile=profile).pathway
    gap = (p.first("apheresis").first_day(p.tz) - p.first("marker_test").first_day(p.tz)).days
    q = propose(p, Change("apheresis", 7), planner=PLANNER, profile=profile).pathway
    assert (q.first("apheresis").first_day(q.tz) - q.first("marker_test").first_day(q.tz)).days == gap


@pytest.mark.parametrize(("shift", "ok"), [(23, True), (24, False)])
def test_marker_samples_taken_stay_valid_up_to_their_window(shift, ok):
    """A sample taken 22 February (30-day window): apheresis 24 March is inside, 25 March outside."""
    profile = trial_profile()
    p = PLANNER.plan(PlanRequest(profile.product_id, apheresis=date(2027, 3, 1)), profile=profile).pathway
    assert p.first("marker_test").first_day(p.tz) == date(2027, 2, 22)
    given(p, "marker_test")
    proposal = propose(p, Change("apheresis", shift), planner=PLANNER, profile=profile)
    assert proposal.pathway.first("marker_test").first_day(p.tz) == date(2027, 2, 22)  # taken: not moved
    appeared = [f for f in proposal.appeared if f.code == "MARKER_TEST_WINDOW"]
    assert (not appeared) is ok, [f.message() for f in appeared]
    if not ok:
        assert appeared[0].is_error and "31" in appeared[0].message("en") and "31" in appeared[0].message("sv")


@pytest.mark.parametrize(("shift", "ok"), [(-1, True), (-4, False)])
def test_apheresis_brought_forward_shows_a_washout_that_no_longer_holds(shift, ok):
    """Steroids stopped 23 February, 3 days needed: Friday 26th (from Monday 1 March −1, over the weekend)
    is inside, Thursday 25th outside."""
    profile = trial_profile()
    p = PLANNER.plan(PlanRequest(profile.product_id, apheresis=date(2027, 3, 1)), profile=profile).pathway
    p.washouts = [Washout("systemic corticosteroids", date(2027, 2, 23), "apheresis")]
    proposal = propose(p, Change("apheresis", shift), planner=PLANNER, profile=profile)
    new_day = proposal.pathway.first("apheresis").first_day(p.tz)
    assert new_day == (date(2027, 2, 26) if ok else date(2027, 2, 25))
    appeared = [f for f in proposal.appeared if f.code == "WASHOUT"]
    assert (not appeared) is ok


# -- conditioning (busulfan) -----------------------------------------------------------------------


def test_manufacturing_delay_moves_conditioning_after_the_new_receipt_and_keeps_the_gap():
    p = casgevy().pathway
    q = propose(p, Change("manufacturing", 5), planner=PLANNER).pathway
    cond, receipt = q.first("conditioning"), q.first("product_receipt")
    assert cond.first_day(q.tz) > receipt.first_day(q.tz)
    assert (cond.last_day(q.tz) - cond.first_day(q.tz)).days + 1 == 4  # the pathway's own busulfan days
    assert cond.extra["drug"] == "busulfan"
    assert 3 <= (q.infusion_day() - cond.last_day(q.tz)).days <= 7
    assert PLANNER.infusion_ok(q.infusion_day())


def test_patient_not_fit_for_conditioning_postpones_busulfan_and_the_infusion():
    p = casgevy().pathway
    proposal = propose(p, Change("conditioning", 2), planner=PLANNER)
    q = proposal.pathway
    assert q.first("conditioning").first_day(q.tz) == p.first("conditioning").first_day(p.tz) + timedelta(days=2)
    assert 3 <= (q.infusion_day() - q.first("conditioning").last_day(q.tz)).days <= 7
    assert not proposal.has_error and proposal.refusal is None
    assert proposal.description("sv").startswith("Konditioneringen flyttad +2")


def test_conditioning_change_on_a_car_t_pathway_is_refused():
    p = PLANNER.plan(PlanRequest("yescarta", "lbcl", apheresis=date(2027, 3, 1))).pathway
    with pytest.raises(ReplanError, match="no conditioning event"):
        propose(p, Change("conditioning", 2), planner=PLANNER)


def test_conditioning_given_is_not_moved():
    p = casgevy().pathway
    given(p, "mobilisation", "apheresis", "manufacturing", "product_shipment", "product_receipt", "storage",
          "conditioning")
    with pytest.raises(ReplanError, match="not repeated"):
        propose(p, Change("conditioning", 1), planner=PLANNER)


def _given_casgevy():
    p = casgevy().pathway
    given(p, "mobilisation", "apheresis", "manufacturing", "product_shipment", "product_receipt", "storage",
          "conditioning")
    return p


@pytest.mark.parametrize(("target_gap", "refused"), [(7, False), (8, True)])
def test_infusion_moved_after_busulfan_given_is_refused_one_day_outside_the_window(target_gap, refused):
    p = _given_casgevy()
    last = p.first("conditioning").last_day(p.tz)
    # pick a shift that lands on target_gap days exactly (both days must be open for the ward and cell lab)
    shift = target_gap - (p.infusion_day() - last).days
    assert PLANNER.infusion_ok(last + timedelta(days=target_gap))  # Monday 13 / Tuesday 14 September 2027
    proposal = propose(p, Change("infusion", shift), planner=PLANNER)
    assert (proposal.pathway.infusion_day() - p.first("conditioning").last_day(p.tz)).days == target_gap
    assert (proposal.refusal is not None) is refused
    if refused:
        assert proposal.refusal.code == "CONDITIONING_TO_INFUSION" and proposal.refusal.is_error
        assert "not repeated" in proposal.refusal.message("en")
        assert "upprepas inte" in proposal.refusal.message("sv")
        assert not proposal.suggestions  # no repeat course is offered for busulfan
        assert "Cannot be applied" in proposal.text("en") and "Kan inte tillämpas" in proposal.text("sv")
        assert proposal.to_json()["refused"]["code"] == "CONDITIONING_TO_INFUSION"
    else:
        assert proposal.to_json()["refused"] is None


# -- post-infusion courses -------------------------------------------------------------------------


@pytest.mark.parametrize("change", [Change("infusion", 3), Change("manufacturing", 4), Change("lymphodepletion", 2)])
def test_il2_days_move_with_the_infusion_keeping_their_day_numbers(change):
    p = PLANNER.plan(PlanRequest("amtagvi", None, "US", apheresis=date(2027, 3, 1))).pathway
    numbers = [(p.day_number(e.first_day(p.tz)), p.day_number(e.last_day(p.tz))) for e in p.of("post_infusion_drug")]
    proposal = propose(p, change, planner=PLANNER)
    q = proposal.pathway
    assert q.infusion_day() != p.infusion_day()
    assert [(q.day_number(e.first_day(q.tz)), q.day_number(e.last_day(q.tz)))
            for e in q.of("post_infusion_drug")] == numbers
    assert not [f for f in proposal.appeared if f.code == "POST_INFUSION_COURSE"]


def test_a_trial_products_il2_course_moves_with_its_infusion():
    profile = trial_profile()
    p = PLANNER.plan(PlanRequest(profile.product_id, apheresis=date(2027, 3, 1)), profile=profile).pathway
    q = propose(p, Change("infusion", 2), planner=PLANNER, profile=profile).pathway
    il2 = q.first("post_infusion_drug")
    assert il2.first_day(q.tz) == q.infusion_day() and q.day_number(il2.last_day(q.tz)) == 2


# -- capacity: chairs on every collection day, beds from the first busulfan day --------------------


def _resources(chairs: int = 1, beds: int = 4):
    return [
        Resource("huddinge-apheresis", "huddinge", "apheresis_chair", "Apheresis chairs", chairs),
        Resource("huddinge-beds", "huddinge", "ward_bed", "Ward beds", beds),
    ]


def test_a_ward_bed_is_used_from_the_first_busulfan_day():
    p = casgevy().pathway
    load = Load.build(_resources(), {"a": p}, CAL, CAT)
    uses = load.uses(p)[("ward_bed", None)]
    assert date.fromordinal(min(uses)) == p.first("conditioning").first_day(p.tz)


def test_earliest_plan_needs_a_chair_on_the_second_collection_day_too():
    first = casgevy(apheresis=date(2027, 3, 2)).pathway  # takes the only chair on Tuesday 2 and Wednesday 3 March
    load = Load.build(_resources(chairs=1), {"other": first}, CAL, CAT)
    request = PlanRequest("casgevy", "tdt", "EU", apheresis=date(2027, 3, 1), conditioning_days=4)
    result = earliest_plan(PLANNER, request, load)
    days = days_of(result.plan.pathway, "apheresis")
    # Monday 1 March is free but its second collection day is not: Thursday and Friday are
    assert days == [date(2027, 3, 4), date(2027, 3, 5)]
    assert result.delayed and "no apheresis chair on 2 and 3 March" in result.explanation("en")
    kinds = [e.kind for e in result.plan.pathway.events]
    assert "mobilisation" in kinds and "conditioning" in kinds


def test_earliest_plan_waits_for_beds_for_the_busulfan_days():
    other = casgevy(apheresis=date(2027, 3, 1)).pathway
    load = Load.build(_resources(chairs=2, beds=1), {"other": other}, CAL, CAT)
    request = PlanRequest("casgevy", "tdt", "EU", apheresis=date(2027, 3, 1), conditioning_days=4)
    result = earliest_plan(PLANNER, request, load)
    p = result.plan.pathway
    mine = set(load.uses(p)[("ward_bed", None)])
    theirs = set(load.uses(other)[("ward_bed", None)])
    assert not mine & theirs  # the one bed is never promised twice
    assert p.first("conditioning").first_day(p.tz) > other.first("conditioning").first_day(other.tz)
