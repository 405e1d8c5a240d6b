"""Replanning when an event moves: the proposal, what changes, and which findings appear (issue 6)."""

import json
from datetime import date, timedelta

import pytest

from atmp_desktop.domain.capacity import Load
from atmp_desktop.domain.pathway import Pathway, parse_document
from atmp_desktop.domain.planner import Planner, PlanRequest
from atmp_desktop.domain.replan import Change, ReplanError, propose
from atmp_desktop.domain.resources import Resource

PLANNER = Planner()


def planned(product="yescarta", apheresis=date(2027, 2, 1), indication=None) -> Pathway:
    return PLANNER.plan(PlanRequest(product, indication, apheresis=apheresis)).pathway


def with_actual(pathway: Pathway, *done: str, under_way: tuple[str, ...] = ()) -> Pathway:
    """The pathway as its document, read back, with the events of the kinds in *done*
    recorded as having happened as planned (and those *under_way* as started only)."""
    doc = pathway.to_document()
    for e in doc["events"]:
        if e["kind"] in done or e["kind"] in under_way:
            e["actual_start"] = e["start"]
        if e["kind"] in done and "end" in e:
            e["actual_end"] = e["end"]
    return parse_document(doc)


def day(pathway: Pathway, kind: str, n: int = 0) -> date:
    return pathway.of(kind)[n].first_day(pathway.tz)


def last_day(pathway: Pathway, kind: str) -> date:
    return pathway.of(kind)[0].last_day(pathway.tz)


# -- the case the issue names ----------------------------------------------------------


def test_five_day_manufacturing_delay_after_lymphodepletion_started_gives_ld_to_infusion_in_the_proposal():
    # Carvykti allows 2 to 4 days after lymphodepletion (calendar gap 3-4).
    original = with_actual(planned("carvykti", date(2026, 9, 1)), "lymphodepletion")
    before_doc = json.dumps(original.to_document(), sort_keys=True)

    proposal = propose(original, Change("manufacturing", 5, reason="manufacturer's delay"), planner=PLANNER)

    assert json.dumps(original.to_document(), sort_keys=True) == before_doc  # nothing applied
    assert "LD_TO_INFUSION" not in [f.code for f in proposal.findings_before]
    appeared = {f.code: f for f in proposal.appeared}
    assert appeared["LD_TO_INFUSION"].is_error
    assert appeared["LD_TO_INFUSION"].key == "ld_to_infusion.too_late"
    assert proposal.has_error
    new = proposal.pathway
    assert day(new, "lymphodepletion") == day(original, "lymphodepletion")  # given; never moved
    assert day(new, "product_receipt") == day(original, "product_receipt") + timedelta(days=5)
    assert day(new, "infusion") == day(original, "infusion") + timedelta(days=5)
    assert (day(new, "infusion") - last_day(new, "lymphodepletion")).days == 8

    (suggestion,) = proposal.suggestions
    assert "repeating lymphodepletion" in suggestion.message("en")
    assert "upprepa lymfodepletionen" in suggestion.message("sv")
    repeat = suggestion.pathway.of("lymphodepletion")[-1]
    assert repeat.first_day(new.tz) > day(new, "product_receipt")
    assert not [f for f in suggestion.findings if f.code == "LD_TO_INFUSION"]

    status = {e.label_after: e.status for e in proposal.events}
    assert status["lymphodepletion"] == "unchanged" and status["apheresis"] == "unchanged"
    assert status["manufacturing"] == status["product_receipt"] == status["infusion"] == "moved"


def test_a_course_under_way_is_not_moved_and_the_delay_still_breaks_the_window():
    original = with_actual(planned("carvykti", date(2026, 9, 1)), under_way=("lymphodepletion",))
    proposal = propose(original, Change("manufacturing", 5), planner=PLANNER)
    assert day(proposal.pathway, "lymphodepletion") == day(original, "lymphodepletion")
    # The course runs to its planned last day, so the infusion keeps the planner's distance.
    assert day(proposal.pathway, "infusion") == day(original, "infusion") + timedelta(days=5)
    assert "LD_TO_INFUSION" in [f.code for f in proposal.appeared]


def test_the_proposal_document_reads_back_and_says_it_is_not_applied():
    original = with_actual(planned("carvykti", date(2026, 9, 1)), "lymphodepletion")
    out = propose(original, Change("manufacturing", 5), planner=PLANNER, pathway_id="PW-7").to_json("sv")
    json.dumps(out)
    assert out["applied"] is False and out["pathway_id"] == "PW-7"
    assert out["change"] == {
        "event": "manufacturing", "shift_days": 5, "reason": None,
        "description": "Tillverkningens frisläppning flyttad +5 dag(ar)",
    }
    assert [f["code"] for f in out["findings"]["appeared"] if f["severity"] == "error"] == [
        "LD_TO_INFUSION", "PRODUCT_NOT_AVAILABLE",
    ]
    receipt = next(e for e in out["events"] if e["kind"] == "product_receipt")
    assert receipt["before"]["start"].startswith("2026-10-01") and receipt["after"]["start"].startswith("2026-10-06")
    assert parse_document(out["pathway"]).infusion_day() == date(2026, 10, 12)
    assert parse_document(out["suggestions"][0]["pathway"]).of("lymphodepletion")[-1].note == "repeat lymphodepletion"


def test_text_shows_before_and_after_side_by_side():
    original = with_actual(planned("carvykti", date(2026, 9, 1)), "lymphodepletion")
    text = propose(original, Change("manufacturing", 5), planner=PLANNER).text("en")
    assert "* product receipt" in text and "2026-10-01 10:00" in text and "2026-10-06 10:00" in text
    assert "Findings that appear" in text and "LD_TO_INFUSION" in text
    assert text.endswith("Proposal only: nothing is saved until the coordinator confirms it with a reason.")


# -- delays before lymphodepletion ------------------------------------------------------


def test_a_delay_without_slack_moves_receipt_ld_and_infusion_by_the_planners_rules():
    original = planned("yescarta", date(2027, 2, 1))
    proposal = propose(original, Change("manufacturing", 2), planner=PLANNER)
    new = proposal.pathway
    release = last_day(new, "manufacturing")
    assert release == last_day(original, "manufacturing") + timedelta(days=2)
    assert day(new, "product_receipt") == PLANNER.receipt_for_release(release)
    assert day(new, "lymphodepletion") == day(new, "product_receipt") + timedelta(days=1)
    assert (day(new, "infusion") - last_day(new, "lymphodepletion")).days == 3  # nominal gap
    assert PLANNER.infusion_ok(day(new, "infusion"))
    assert not proposal.has_error and proposal.appeared == []


def test_a_delay_absorbed_by_slack_moves_only_the_product():
    slack = propose(planned("yescarta", date(2027, 2, 1)), Change("infusion", 7), planner=PLANNER).pathway
    proposal = propose(slack, Change("manufacturing", 2), planner=PLANNER)
    moved = {e.kind for e in proposal.moved}
    assert moved == {"manufacturing", "product_shipment", "product_receipt", "storage"}
    assert day(proposal.pathway, "infusion") == day(slack, "infusion")


def test_a_receipt_pushed_onto_christmas_eve_arrives_after_christmas():
    original = planned("kymriah", date(2026, 11, 23), "b-all")
    assert day(original, "product_receipt") == date(2026, 12, 23)
    new = propose(original, Change("product_receipt", 1), planner=PLANNER).pathway
    assert day(new, "product_receipt") == date(2026, 12, 28)
    assert day(new, "lymphodepletion") == date(2026, 12, 29)
    assert (day(new, "infusion") - last_day(new, "lymphodepletion")).days == 3


def test_patient_unfit_for_lymphodepletion_moves_ld_and_infusion():
    original = planned("yescarta", date(2027, 2, 1))
    proposal = propose(original, Change("lymphodepletion", 2), planner=PLANNER)
    new = proposal.pathway
    assert day(new, "lymphodepletion") == day(original, "lymphodepletion") + timedelta(days=2)
    assert day(new, "infusion") == PLANNER.calendar.next_open(
        last_day(new, "lymphodepletion") + timedelta(days=3), "ward"
    )
    assert day(new, "thaw") == day(new, "infusion")
    assert day(new, "product_receipt") == day(original, "product_receipt")
    assert not proposal.has_error


def test_an_infusion_moved_onto_a_weekend_goes_to_the_next_open_day_with_its_ld_course():
    original = planned("yescarta", date(2027, 2, 1))
    infusion = day(original, "infusion")
    to_saturday = 5 - infusion.weekday()
    proposal = propose(original, Change("infusion", to_saturday), planner=PLANNER)
    new = proposal.pathway
    assert day(new, "infusion").weekday() == 0  # the Monday after
    gap = (day(new, "infusion") - last_day(new, "lymphodepletion")).days
    assert gap == (infusion - last_day(original, "lymphodepletion")).days
    assert not proposal.has_error


def test_remanufacture_adds_a_run_and_a_new_receipt_when_the_first_product_arrived():
    original = with_actual(
        planned("kymriah", date(2026, 9, 7), "b-all"),
        "apheresis", "manufacturing", "product_shipment", "product_receipt", "storage",
    )
    original.product_expiry = date(2027, 6, 30)
    proposal = propose(original, Change("remanufacture", 3), planner=PLANNER)
    new = proposal.pathway
    first_release = last_day(original, "manufacturing")
    runs = new.of("manufacturing")
    assert len(runs) == 2
    assert runs[1].first_day(new.tz) == first_release + timedelta(days=3)
    assert runs[1].last_day(new.tz) == first_release + timedelta(days=31)  # Kymriah: 28 days
    assert len(new.of("product_receipt")) == 2 and len(new.of("product_shipment")) == 2
    assert day(new, "product_receipt", 1) == PLANNER.receipt_for_release(runs[1].last_day(new.tz))
    assert day(new, "lymphodepletion") > day(new, "product_receipt", 1)
    added = sorted(e.kind for e in proposal.events if e.status == "added")
    assert added == ["manufacturing", "product_receipt", "product_shipment", "storage"]
    assert proposal.fields == {"product_expiry": (date(2027, 6, 30), None)}
    assert original.product_expiry == date(2027, 6, 30) and len(original.of("manufacturing")) == 1
    assert "new manufacturing run from" in proposal.description("en")


# -- capacity in a proposal ---------------------------------------------------------------


def test_a_proposal_onto_a_full_thaw_slot_shows_capacity_appearing():
    original = planned("yescarta", date(2027, 2, 1))
    moved_to = PLANNER.calendar.next_open(day(original, "infusion") + timedelta(days=1), "cell_lab")
    other = propose(original, Change("infusion", (moved_to - day(original, "infusion")).days), planner=PLANNER)
    load = Load.build(
        [Resource("thaw", "site", "thaw_slot", "Thaw slots", 1)],
        {"mine": original, "other": other.pathway}, PLANNER.calendar,
    )
    proposal = propose(original, Change("infusion", 1), planner=PLANNER, load=load, pathway_id="mine")
    assert day(proposal.pathway, "infusion") == moved_to
    (capacity,) = [f for f in proposal.appeared if f.code == "CAPACITY"]
    assert capacity.params["pathway_ids"] == ("mine", "other")
    assert not [f for f in proposal.findings_before if f.code == "CAPACITY"]
    assert load.used("thaw_slot", day(original, "infusion")) == 1  # the load is not changed either


# -- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, match",
    [
        (lambda: Change("teleport", 1), "unknown event 'teleport'"),
        (lambda: Change("infusion", 0), "0 days changes nothing"),
        (lambda: Change("infusion", 1.5), "whole number"),
        (lambda: Change("remanufacture", -1), "cannot start before"),
    ],
)
def test_bad_changes_are_refused(change, match):
    with pytest.raises(ReplanError, match=match):
        change()


def test_what_has_happened_is_not_moved():
    done = with_actual(planned(), "apheresis")
    with pytest.raises(ReplanError, match="apheresis already happened on 2027-02-01"):
        propose(done, Change("apheresis", 2), planner=PLANNER)
    released = with_actual(planned(), "apheresis", "manufacturing")
    with pytest.raises(ReplanError, match="manufacturing already ended on 2027-03-01; use remanufacture"):
        propose(released, Change("manufacturing", 2), planner=PLANNER)
    received = with_actual(
        planned(), "apheresis", "product_shipment", "product_receipt", under_way=("manufacturing",)
    )
    with pytest.raises(ReplanError, match="already received.*remanufacture"):
        propose(received, Change("manufacturing", 2), planner=PLANNER)
    infused = with_actual(planned(), "apheresis", "lymphodepletion", "thaw", "infusion")
    with pytest.raises(ReplanError, match="already been infused"):
        propose(infused, Change("lymphodepletion", 1), planner=PLANNER)
    ld_given = with_actual(planned(), under_way=("lymphodepletion",))
    with pytest.raises(ReplanError, match="lymphodepletion already started"):
        propose(ld_given, Change("lymphodepletion", 2), planner=PLANNER)


def test_a_missing_event_is_refused():
    bare = parse_document({"format": "atmp-pathway/1", "product": "yescarta",
                           "events": [{"kind": "apheresis", "start": "2027-02-01T08:00"}]})
    with pytest.raises(ReplanError, match="no manufacturing event"):
        propose(bare, Change("manufacturing", 3), planner=PLANNER)
