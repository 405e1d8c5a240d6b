"""The protocol rule concepts (issue 13): one day inside and one day outside each window."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from atmp_desktop.domain import local_profiles
from atmp_desktop.domain.catalogue import profile_from_raw, shipped_catalogue
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.pathway import DocumentError, Event, Washout, parse_document
from atmp_desktop.domain.planner import Planner, PlanningError, PlanRequest
from atmp_desktop.domain.protocol import ProfileError

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "trial-protocol-profile.json"
CAT = shipped_catalogue()


def trial_doc() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def trial_profile(**region_changes):
    doc = trial_doc()
    doc["product"]["regions"]["EU"].update(region_changes)
    return profile_from_raw(doc["product"], "EU", CAT.assumptions, 1)


def plan(profile, **kw):
    kw.setdefault("apheresis", date(2027, 3, 1))
    return Planner(catalogue=CAT).plan(PlanRequest(profile.product_id, **kw), profile=profile)


def codes(pathway, profile, code):
    return [f for f in check_pathway(pathway, profile=profile) if f.code == code]


def day_of(p, label):
    return next(e for e in p.events if e.label == label).first_day(p.tz)


def move(p, label, days):
    e = next(e for e in p.events if e.label == label)
    e.start = e.start + timedelta(days=days)
    if e.end is not None:
        e.end = e.end + timedelta(days=days)
    e._day_cache = None


# -- the plans -------------------------------------------------------------------------------------


def test_casgevy_is_planned_from_mobilisation_to_infusion_with_the_label_numbers():
    profile = CAT.profile("casgevy")
    result = plan(profile, indication="tdt", conditioning_days=4)
    p = result.pathway
    kinds = [e.kind for e in p.events]
    assert kinds[:3] == ["mobilisation", "apheresis", "apheresis"]  # two consecutive collection days (SmPC 4.2)
    cond = p.first("conditioning")
    assert (cond.last_day(p.tz) - cond.first_day(p.tz)).days + 1 == 4
    gap = (p.infusion_day() - cond.last_day(p.tz)).days
    assert 3 <= gap <= 7  # 48 h to 7 days after the last busulfan dose
    assert not result.has_error, [f.message() for f in result.findings if f.is_error]
    receipt = p.first("product_receipt").first_day(p.tz)
    assert cond.first_day(p.tz) > receipt  # conditioning only once the product is on site
    assert not [f for f in result.findings if f.code == "TOCILIZUMAB"]  # not a CAR-T product


def test_casgevy_without_conditioning_days_is_refused_in_one_line():
    with pytest.raises(PlanningError, match="conditioning days from the centre's protocol"):
        plan(CAT.profile("casgevy"), indication="tdt")


def test_lifileucel_plans_il2_and_filgrastim_on_their_label_days():
    result = plan(CAT.profile("amtagvi", "US"), region="US")
    p = result.pathway
    courses = {e.extra["drug"]: e for e in p.of("post_infusion_drug")}
    assert p.day_number(courses["aldesleukin (IL-2)"].first_day(p.tz)) == 0
    assert p.day_number(courses["aldesleukin (IL-2)"].last_day(p.tz)) == 3
    assert p.day_number(courses["filgrastim"].first_day(p.tz)) == 1
    assert not result.has_error


def test_the_trial_plan_has_marker_tests_inside_their_window_and_no_error():
    profile = trial_profile()
    result = plan(profile)
    p = result.pathway
    test = p.first("marker_test")
    assert 0 < (p.first("apheresis").first_day(p.tz) - test.first_day(p.tz)).days <= 30
    assert test.extra["markers"] == ["HIV", "HBV", "HCV", "syphilis", "HTLV"]
    assert not result.has_error, [f.message() for f in result.findings if f.is_error]


# -- conditioning -> infusion ------------------------------------------------------------------------


@pytest.mark.parametrize(("gap", "ok"), [(2, False), (3, True), (7, True), (8, False)])
def test_conditioning_to_infusion_window(gap, ok):
    profile = CAT.profile("casgevy")
    p = plan(profile, indication="tdt", conditioning_days=4).pathway
    now = (p.infusion_day() - p.first("conditioning").last_day(p.tz)).days
    for label in ("thaw", "infusion"):
        move(p, label, gap - now)
    found = codes(p, profile, "CONDITIONING_TO_INFUSION")
    assert (not found) is ok, [f.message() for f in found]
    if not ok:
        assert found[0].is_error
        assert "busulfan" in found[0].message("en") and "busulfan" in found[0].message("sv")


# -- washouts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "ok"), [(3, True), (2, False)])
def test_washout_before_apheresis(days, ok):
    profile = trial_profile()
    p = plan(profile).pathway
    apheresis = p.first("apheresis").first_day(p.tz)
    p.washouts = [Washout("systemic corticosteroids", apheresis - timedelta(days=days), "apheresis")]
    found = codes(p, profile, "WASHOUT")
    assert (not found) is ok
    if not ok:
        assert found[0].is_error and "3" in found[0].message()


@pytest.mark.parametrize(("days", "ok"), [(14, True), (13, False)])
def test_washout_before_lymphodepletion(days, ok):
    profile = trial_profile()
    p = plan(profile).pathway
    ld = p.first("lymphodepletion").first_day(p.tz)
    p.washouts = [Washout("Bridging chemotherapy", ld - timedelta(days=days), "lymphodepletion")]
    assert (not codes(p, profile, "WASHOUT")) is ok


@pytest.mark.parametrize(("days", "ok"), [(56, True), (55, False)])
def test_casgevy_hydroxyurea_washout_before_mobilisation(days, ok):
    profile = CAT.profile("casgevy")
    p = plan(profile, indication="scd", conditioning_days=4).pathway
    mob = p.first("mobilisation").first_day(p.tz)
    p.washouts = [Washout("hydroxycarbamide (hydroxyurea)", mob - timedelta(days=days), "mobilisation")]
    assert (not codes(p, profile, "WASHOUT")) is ok


def test_a_washout_the_profile_does_not_know_warns_and_a_pathway_minimum_counts():
    profile = trial_profile()
    p = plan(profile).pathway
    apheresis = p.first("apheresis").first_day(p.tz)
    p.washouts = [Washout("rituximab", apheresis - timedelta(days=10), "apheresis")]
    [f] = codes(p, profile, "WASHOUT")
    assert not f.is_error and "rituximab" in f.message("sv")
    p.washouts = [Washout("rituximab", apheresis - timedelta(days=10), "apheresis", min_days=11)]
    [f] = codes(p, profile, "WASHOUT")
    assert f.is_error


# -- marker tests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("days", "ok"), [(30, True), (31, False), (0, True), (-1, False)])
def test_marker_tests_within_30_days_before_apheresis(days, ok):
    profile = trial_profile()
    p = plan(profile).pathway
    apheresis = p.first("apheresis").first_day(p.tz)
    test = p.first("marker_test")
    test.start = apheresis - timedelta(days=days)
    test._day_cache = None
    p.relabel()
    found = [f for f in codes(p, profile, "MARKER_TEST_WINDOW") if f.is_error]
    assert (not found) is ok


def test_a_missing_marker_is_named():
    profile = trial_profile()
    p = plan(profile).pathway
    p.first("marker_test").extra["markers"] = ["HIV", "HBV", "HCV"]
    [f] = codes(p, profile, "MARKER_TEST_WINDOW")
    assert "syphilis, HTLV" in f.message() and "syphilis, HTLV" in f.message("sv")


# -- post-infusion courses -------------------------------------------------------------------------------


@pytest.mark.parametrize(("shift", "ok"), [(0, True), (-1, False), (1, False)])
def test_il2_course_days(shift, ok):
    profile = trial_profile()
    p = plan(profile).pathway
    course = p.first("post_infusion_drug")
    course.start += timedelta(days=shift)
    course.end += timedelta(days=shift)
    course._day_cache = None
    assert (not codes(p, profile, "POST_INFUSION_COURSE")) is ok


def test_il2_course_last_day_inside_and_one_day_outside():
    profile = trial_profile()
    p = plan(profile).pathway
    course = p.first("post_infusion_drug")
    day0 = p.infusion_day()
    course.end = day0 + timedelta(days=2)
    assert not codes(p, profile, "POST_INFUSION_COURSE")
    course.end = day0 + timedelta(days=3)
    [f] = codes(p, profile, "POST_INFUSION_COURSE")
    assert f.is_error and "IL-2" in f.message()


# -- mobilisation and cycles ------------------------------------------------------------------------------


def mobilising_profile(interval=14):
    return trial_profile(mobilisation={
        "value": {"agents": "G-CSF days 1-4, plerixafor day 4", "course_min_days": 5, "course_max_days": 6,
                  "collection_days_per_cycle": 2, "min_days_between_cycles": interval, "target_cd34_per_kg": 5},
        "source": ["T01-6.2"], "confidence": "local"})


def test_two_cycles_are_planned_the_interval_apart():
    profile = mobilising_profile()
    p = plan(profile, apheresis_cycles=2).pathway
    courses = p.of("mobilisation")
    assert len(courses) == 2 and len(p.of("apheresis")) == 4
    first_cycle_last = [a for a in p.of("apheresis") if a.extra["cycle"] == 1][-1].first_day(p.tz)
    assert (courses[1].first_day(p.tz) - first_cycle_last).days >= 14
    assert (courses[0].last_day(p.tz) - courses[0].first_day(p.tz)).days + 1 == 5
    assert not codes(p, profile, "APHERESIS_CYCLES") and not codes(p, profile, "MOBILISATION")


@pytest.mark.parametrize(("gap", "ok"), [(14, True), (13, False)])
def test_interval_between_cycles(gap, ok):
    profile = mobilising_profile()
    p = plan(profile, apheresis_cycles=2).pathway
    second = p.of("mobilisation")[1]
    last = [a for a in p.of("apheresis") if a.extra["cycle"] == 1][-1].first_day(p.tz)
    shift = gap - (second.first_day(p.tz) - last).days
    second.start += timedelta(days=shift)
    second.end += timedelta(days=shift)
    second._day_cache = None
    for a in p.of("apheresis"):
        if a.extra["cycle"] == 2:
            a.start += timedelta(days=shift)
            a._day_cache = None
    found = codes(p, profile, "APHERESIS_CYCLES")
    assert (not found) is ok


@pytest.mark.parametrize(("shift", "ok"), [(0, True), (1, False)])
def test_apheresis_inside_the_mobilisation_course(shift, ok):
    profile = mobilising_profile()
    p = plan(profile).pathway
    last = p.of("apheresis")[-1]
    last.start += timedelta(days=shift)
    last._day_cache = None
    assert (not [f for f in codes(p, profile, "MOBILISATION") if f.is_error]) is ok


@pytest.mark.parametrize(("days", "ok"), [(6, True), (7, False)])
def test_mobilisation_course_length(days, ok):
    profile = mobilising_profile()
    p = plan(profile).pathway
    course = p.first("mobilisation")
    course.start = course.end - timedelta(days=days - 1)
    course._day_cache = None
    assert (not codes(p, profile, "MOBILISATION")) is ok


def test_too_many_collection_days_in_a_cycle_warn():
    profile = mobilising_profile()
    p = plan(profile).pathway
    course = p.first("mobilisation")
    course.end += timedelta(days=1)
    p.events.append(Event("apheresis", p.of("apheresis")[-1].start + timedelta(days=1), extra={"cycle": 1}))
    p.relabel()
    [f] = codes(p, profile, "APHERESIS_CYCLES")
    assert not f.is_error


@pytest.mark.parametrize(("collected", "ok"), [((2.5, 2.5), True), ((2.5, 2.4), False)])
def test_cell_dose_target(collected, ok):
    profile = mobilising_profile()
    p = plan(profile).pathway
    for a, dose in zip(p.of("apheresis"), collected):
        a.actual_start = a.start
        a.extra["cd34_per_kg"] = dose
    found = codes(p, profile, "CELL_DOSE_TARGET")
    assert (not found) is ok
    if not ok:
        assert "4.9" in found[0].message() and "cykel" in found[0].message("sv")


# -- documents and profiles ------------------------------------------------------------------------------


def test_the_pathway_document_carries_washouts_and_event_details():
    profile = trial_profile()
    p = plan(profile).pathway
    p.washouts = [Washout("pembrolizumab", date(2027, 1, 2), "apheresis")]
    cat = CAT.with_local(trial_doc()["product"], trial_doc()["sources"])
    back = parse_document(json.loads(json.dumps(p.to_document())), cat)
    assert back.washouts == p.washouts
    assert back.first("marker_test").extra["markers"] == p.first("marker_test").extra["markers"]
    assert back.first("post_infusion_drug").extra["drug"] == "IL-2 (aldesleukin)"


@pytest.mark.parametrize(("washout", "message"), [
    ({"drug": "x", "last_dose": "2027-01-01", "before": "infusion"}, "'before' must be one of"),
    ({"drug": "x", "last_dose": "2027-02-30"}, "last_dose"),
    ({"drug": "", "last_dose": "2027-01-01"}, "'drug'"),
])
def test_bad_washouts_are_refused(washout, message):
    doc = {"format": "atmp-pathway/1", "product": "kymriah", "events": [], "washouts": [washout]}
    with pytest.raises(DocumentError, match=message):
        parse_document(doc)


def bad(path, value):
    doc = copy.deepcopy(trial_doc())
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


REGION = ("product", "regions", "EU")


@pytest.mark.parametrize(("doc", "message"), [
    (bad(REGION + ("indications",), [{**trial_doc()["product"]["regions"]["EU"]["indications"][0],
                                     "infusion_gap": {"value": {"min": 8, "max": 7, "nominal": 8}, "source": ["T01-6.4"],
                                                      "confidence": "local"}}]),
     "minimum \\(8 days\\) is greater than the maximum \\(7 days\\)"),
    (bad(REGION + ("washouts",), {"value": [{"drug": "x", "before": "breakfast", "min_days": 3}], "source": ["T01-6.2"],
                                  "confidence": "local"}), "unknown event kind 'breakfast'"),
    (bad(("product", "steps"), ["apheresis", "teleport"]), "unknown event kind 'teleport'"),
    (bad(REGION + ("thaw_limit",), {"value": {"minutes": 0, "counts_from": "thaw_start"}, "source": ["T01-IMPD"],
                                    "confidence": "local"}), "thaw limit of 0 minutes"),
    (bad(REGION + ("storage_max_c",), {"value": -150, "source": [], "confidence": "local"}), "has no source"),
    (bad(REGION + ("storage_max_c",), {"value": -150, "source": ["NOPE"], "confidence": "local"}), "'NOPE' is not defined"),
    (bad(("product", "id"), "kymriah"), "shipped catalogue product"),
    (bad(REGION + ("post_infusion_drugs",), {"value": [{"drug": "IL-2", "first_day": 3, "last_day": 1}],
                                             "source": ["T01-6.5"], "confidence": "local"}), "first_day \\(3\\) is after"),
    (bad(REGION + ("marker_tests",), {"value": {"markers": [], "within_days": 30}, "source": ["T01-5.1"],
                                      "confidence": "local"}), "markers"),
    (bad(REGION + ("wibble",), 1), "unknown rule 'wibble'"),
])
def test_bad_profiles_are_refused_with_a_clear_message(doc, message):
    with pytest.raises(ProfileError, match=message):
        local_profiles.validate(doc, CAT.product_ids, CAT.assumptions)


def test_the_example_profile_is_valid():
    local_profiles.validate(trial_doc(), CAT.product_ids, CAT.assumptions)
