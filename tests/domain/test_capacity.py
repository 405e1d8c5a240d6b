"""Capacity: usage counting, CAPACITY findings and the earliest feasible plan (issue 6)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.capacity import Load, days_text, earliest_plan, week_of
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.findings import CODES, Severity
from atmp_desktop.domain.messages import TEMPLATES
from atmp_desktop.domain.pathway import parse_document
from atmp_desktop.domain.planner import Planner, PlanningError, PlanRequest
from atmp_desktop.domain.resources import Resource

SITE = "karolinska"


def chair(capacity=1, rid="chair"):
    return Resource(rid, SITE, "apheresis_chair", "Apheresis chairs", capacity)


def thaw(capacity=1):
    return Resource("thaw", SITE, "thaw_slot", "Thaw slots", capacity)


def beds(capacity=1, inpatient_days=None):
    return Resource("beds", SITE, "ward_bed", "CAR-T beds", capacity, inpatient_days=inpatient_days)


def slots(product="kymriah", capacity=1):
    return Resource(f"mfg-{product}", SITE, "manufacturing_slot", f"{product} slots", capacity, "week", product)


def doc(events, product="yescarta", **top):
    return parse_document({"format": "atmp-pathway/1", "product": product, "events": events, **top})


def bed_days(load, pathway):
    return [date.fromordinal(o) for o in load.uses(pathway)[("ward_bed", None)]]


# -- usage ------------------------------------------------------------------------


def test_apheresis_and_thaw_count_on_the_local_day_of_the_effective_time():
    p = doc([
        # 23:30 UTC is 00:30 the next day in Stockholm
        {"kind": "apheresis", "start": "2026-12-01T08:00", "actual_start": "2026-12-01T23:30Z"},
        {"kind": "thaw", "start": "2027-01-04T09:00"},
        {"kind": "infusion", "start": "2027-01-04T09:15"},
    ])
    load = Load.build([chair(2), thaw(2)], {"P1": p})
    assert load.used("apheresis_chair", date(2026, 12, 2)) == 1
    assert load.used("apheresis_chair", date(2026, 12, 1)) == 0
    assert load.used("thaw_slot", date(2027, 1, 4)) == 1
    assert load.pathways_on("thaw_slot", date(2027, 1, 4)) == ("P1",)


def test_manufacturing_uses_the_slot_of_the_iso_week_it_starts_in():
    sunday = doc([{"kind": "manufacturing", "start": "2026-12-06", "end": "2027-01-03"}], product="kymriah")
    monday = doc([{"kind": "manufacturing", "start": "2026-12-07", "end": "2027-01-04"}], product="kymriah")
    other = doc([{"kind": "manufacturing", "start": "2026-12-07", "end": "2027-01-04"}], product="yescarta")
    load = Load.build([slots("kymriah", 5)], [("sun", sunday), ("mon", monday), ("other", other)])
    assert load.used("manufacturing_slot", date(2026, 12, 3), "kymriah") == 1  # week 49
    assert load.pathways_on("manufacturing_slot", date(2026, 12, 8), "kymriah") == ("mon",)  # week 50
    assert load.capacity("manufacturing_slot", date(2026, 12, 8), "yescarta") is None


def test_manufacturing_without_its_event_uses_the_week_after_apheresis():
    p = doc([{"kind": "apheresis", "start": "2026-12-06T08:00"}], product="kymriah")  # a Sunday
    load = Load.build([slots("kymriah")], {"P": p})
    assert load.used("manufacturing_slot", date(2026, 12, 7), "kymriah") == 1
    assert load.used("manufacturing_slot", date(2026, 12, 6), "kymriah") == 0


def test_ward_bed_from_first_ld_day_through_infusion_plus_inpatient_days():
    p = doc([
        {"kind": "lymphodepletion", "start": "2027-01-01", "end": "2027-01-03"},
        {"kind": "infusion", "start": "2027-01-06T09:15"},
    ])
    load = Load.build([beds(4, inpatient_days=7)], {"P": p})
    days = bed_days(load, p)
    assert days[0] == date(2027, 1, 1) and days[-1] == date(2027, 1, 13)
    assert len(days) == 13
    assert load.used("ward_bed", date(2027, 1, 13)) == 1
    assert load.used("ward_bed", date(2027, 1, 14)) == 0
    assert load.used("ward_bed", date(2026, 12, 31)) == 0


def test_ward_bed_default_stay_is_the_products_daily_monitoring_period():
    yescarta = doc([{"kind": "infusion", "start": "2027-01-06T09:15"}])  # EU label: 10 days
    kymriah = doc([{"kind": "infusion", "start": "2027-01-06T09:15"}], product="kymriah")  # assumed: 14
    load = Load([beds(4)])
    assert bed_days(load, yescarta) == [date(2027, 1, 6) + timedelta(days=i) for i in range(11)]
    assert bed_days(load, kymriah)[-1] == date(2027, 1, 20)


def test_ward_bed_uses_the_last_course_before_infusion_and_the_actual_times():
    p = doc([
        {"kind": "lymphodepletion", "start": "2026-12-20", "end": "2026-12-22"},
        {"kind": "lymphodepletion", "start": "2027-01-02", "end": "2027-01-04"},
        {"kind": "infusion", "start": "2027-01-07T09:15", "actual_start": "2027-01-08T09:15"},
    ])
    days = bed_days(Load([beds(4, inpatient_days=0)]), p)
    assert (days[0], days[-1]) == (date(2027, 1, 2), date(2027, 1, 8))


def test_cancelled_pathways_use_nothing():
    events = [{"kind": "apheresis", "start": "2026-12-01T08:00"}]
    load = Load.build([chair()], {
        "by-stage": doc(events, stage="cancelled"),
        "by-status": doc(events, status="cancelled"),
        "live": doc(events),
    })
    assert load.pathways_on("apheresis_chair", date(2026, 12, 1)) == ("live",)


def test_add_replaces_and_remove_forgets_a_pathway():
    a = doc([{"kind": "apheresis", "start": "2026-12-01T08:00"}])
    b = doc([{"kind": "apheresis", "start": "2026-12-02T08:00"}])
    load = Load([chair()])
    load.add("P", a)
    load.add("P", b)
    assert load.used("apheresis_chair", date(2026, 12, 1)) == 0
    assert load.used("apheresis_chair", date(2026, 12, 2)) == 1
    load.remove("P")
    assert load.used("apheresis_chair", date(2026, 12, 2)) == 0 and "P" not in load and len(load) == 0


def test_a_crowded_day_names_ten_pathways_in_numeric_order_and_counts_the_rest():
    load = Load([chair(1)])
    for n in range(1, 14):
        load.add(str(n * 7), doc([{"kind": "apheresis", "start": "2026-12-01T08:00"}]))
    by_id = load.findings_by_pathway()
    assert set(by_id) == {str(n * 7) for n in range(1, 14)}
    (finding,) = by_id["91"]
    assert finding.message() == ("Apheresis chairs: 13 booked on 2026-12-01 for a capacity of 1 "
                                 "(pathways 7, 14, 21, 28, 35, 42, 49, 56, 63, 70 +3).")
    assert finding.params["pathway_ids"] == tuple(str(n * 7) for n in range(1, 14))  # every one, for the UI
    assert all(found == [finding] for found in by_id.values())
    assert load.findings_for("7") == [finding]


def test_resources_of_one_kind_are_pooled_and_sites_are_not_mixed():
    load = Load([chair(1, "c1"), chair(2, "c2")])
    assert load.capacity("apheresis_chair", date(2026, 12, 1)) == 3
    with pytest.raises(ValueError, match="per site"):
        Load([chair(), Resource("x", "uppsala", "thaw_slot", "Thaw", 1)])


# -- capacity follows the calendar ---------------------------------------------------


def test_capacity_over_christmas_and_easter_follows_the_calendar():
    load = Load([chair(2), thaw(3), beds(4), slots()])
    for closed in (date(2026, 12, 24), date(2026, 12, 25), date(2027, 3, 26), date(2027, 3, 29)):
        assert load.capacity("apheresis_chair", closed) == 0
        assert load.capacity("thaw_slot", closed) == 0
        assert load.capacity("ward_bed", closed) == 4  # inpatients are cared for every day
    assert load.capacity("apheresis_chair", date(2026, 12, 28)) == 2
    assert load.capacity("thaw_slot", date(2027, 3, 25)) == 3  # Maundy Thursday is a working day
    assert load.capacity("manufacturing_slot", date(2026, 12, 25), "kymriah") == 1
    opened = Load([chair(2)], SiteCalendar(closed_eves=("midsummer_eve", "new_years_eve")))
    assert opened.capacity("apheresis_chair", date(2026, 12, 24)) == 2


def test_the_load_strip_shows_use_capacity_and_closed_days():
    p = doc([{"kind": "apheresis", "start": "2026-12-23T08:00"}])
    load = Load.build([chair(1), slots("yescarta", 2)], {"P": p})
    rows = {row.pool.kind: row for row in load.strip(date(2026, 12, 23), date(2026, 12, 25))}
    cells = rows["apheresis_chair"].cells
    assert [(c.start.day, c.used, c.capacity, c.closed_reason) for c in cells] == [
        (23, 1, 1, None), (24, 0, 0, "Christmas Eve"), (25, 0, 0, "Christmas Day"),
    ]
    assert [(c.start, c.used, c.capacity) for c in rows["manufacturing_slot"].cells] == [(date(2026, 12, 21), 1, 2)]


# -- CAPACITY findings ------------------------------------------------------------------


def test_capacity_code_and_messages_exist_in_both_languages():
    assert "CAPACITY" in CODES and "PLAN_DELAYED" in CODES
    assert set(TEMPLATES["en"]) == set(TEMPLATES["sv"])


def test_a_day_over_capacity_names_resource_date_and_pathways():
    events = [{"kind": "apheresis", "start": "2026-12-03T08:00"}]
    load = Load.build([chair(1)], {"P1": doc(events), "P2": doc(events)})
    (f,) = load.findings()
    assert (f.code, f.severity, f.event) == ("CAPACITY", Severity.WARNING, "apheresis")
    assert f.params["pathway_ids"] == ("P1", "P2")
    assert f.message("en") == "Apheresis chairs: 2 booked on 2026-12-03 for a capacity of 1 (pathways P1, P2)."
    assert f.message("sv") == "Apheresis chairs: 2 bokade 2026-12-03, kapacitet 1 (vårdförlopp P1, P2)."


def test_exactly_at_capacity_is_no_finding():
    events = [{"kind": "apheresis", "start": "2026-12-03T08:00"}]
    load = Load.build([chair(2)], {"P1": doc(events), "P2": doc(events)})
    assert load.findings() == []
    load.add("P3", doc(events))
    assert len(load.findings()) == 1


def test_a_full_week_names_the_iso_week():
    events = [{"kind": "manufacturing", "start": "2026-12-08", "end": "2027-01-05"}]
    load = Load.build([slots("kymriah", 1)], {"A": doc(events, "kymriah"), "B": doc(events, "kymriah")})
    (f,) = load.findings()
    assert f.event == "manufacturing"
    assert "week 50 of 2026 (2026-12-07 to 2026-12-13)" in f.message("en")
    assert "vecka 50 2026" in f.message("sv")


def test_consecutive_over_days_of_a_ward_are_one_finding():
    a = doc([{"kind": "lymphodepletion", "start": "2027-01-01", "end": "2027-01-03"},
             {"kind": "infusion", "start": "2027-01-06T09:15"}])
    b = doc([{"kind": "infusion", "start": "2027-01-08T09:15"}])
    load = Load.build([beds(1, inpatient_days=3)], {"A": a, "B": b})
    (f,) = load.findings()
    assert (f.params["first"], f.params["last"]) == ("2027-01-08", "2027-01-09")
    assert f.message("en") == (
        "CAR-T beds: up to 2 booked from 2027-01-08 to 2027-01-09 for a capacity of 1 (pathways A, B)."
    )


def test_use_on_a_closed_day_is_over_capacity_and_says_why():
    p = doc([{"kind": "apheresis", "start": "2026-12-25T08:00"}])
    load = Load.build([chair(2)], {"P": p})
    (f,) = load.findings()
    assert f.key == "capacity.closed"
    assert "the apheresis unit is closed (Christmas Day)" in f.message("en")
    assert "aferesenheten är stängd (Juldagen)" in f.message("sv")


def test_findings_for_one_pathway_and_for_a_candidate_replacing_it():
    day3 = [{"kind": "apheresis", "start": "2026-12-03T08:00"}]
    day4 = [{"kind": "apheresis", "start": "2026-12-04T08:00"}]
    load = Load.build([chair(1)], {"A": doc(day3), "B": doc(day3), "C": doc(day4)})
    assert [f.params["day"] for f in load.findings_for("A")] == ["2026-12-03"]
    assert load.findings_for("C") == []
    assert load.findings_by_pathway()["B"][0].params["pathway_ids"] == ("A", "B")
    # A moving to the 4th would clear the 3rd and crowd the 4th; nothing is changed by asking.
    (f,) = load.findings_for("A", doc(day4))
    assert f.params["day"] == "2026-12-04" and f.params["pathway_ids"] == ("A", "C")
    assert load.used("apheresis_chair", date(2026, 12, 3)) == 2


# -- the earliest feasible plan -------------------------------------------------------------


def request(product="kymriah", apheresis=date(2026, 11, 30), **kw):
    return PlanRequest(product, kw.pop("indication", None), apheresis=apheresis, **kw)


def test_two_patients_wanting_the_same_single_chair_get_different_days():
    planner = Planner()
    load = Load([chair(1)], planner.calendar)
    first = earliest_plan(planner, request(), load)
    load.add("first", first.plan.pathway)
    second = earliest_plan(planner, request(), load)
    assert first.apheresis == date(2026, 11, 30)
    assert second.apheresis == date(2026, 12, 1)
    assert not first.delayed and first.explanation() == ""
    assert second.explanation("en") == "no apheresis chair on 30 November"
    assert second.explanation("sv") == "ingen ledig aferesplats 30 november"
    delayed = [f for f in second.plan.findings if f.code == "PLAN_DELAYED"]
    assert delayed and delayed[0].severity is Severity.INFO
    assert "no apheresis chair on 30 November" in delayed[0].message("en")
    assert not second.plan.has_error
    load.add("second", second.plan.pathway)
    assert load.findings() == []


def test_a_full_manufacturing_week_pushes_the_plan_to_the_next_week_and_says_so():
    planner = Planner()
    taken = planner.plan(request(apheresis=date(2026, 12, 7))).pathway  # manufacturing starts in week 50
    load = Load.build([slots("kymriah", 1)], {"other": taken}, planner.calendar)
    result = earliest_plan(planner, request(apheresis=date(2026, 12, 8)), load)
    mfg = result.plan.pathway.first("manufacturing").first_day(result.plan.pathway.tz)
    assert mfg.isocalendar()[1] == 51
    assert result.apheresis == date(2026, 12, 14)  # the first open day whose manufacturing starts in week 51
    assert result.explanation("en") == "Kymriah manufacturing slot week 50 full"
    assert result.explanation("sv") == "tillverkningsplatserna för Kymriah vecka 50 fullbokade"
    assert not result.plan.has_error


def test_the_earliest_plan_skips_christmas_and_easter_and_names_them():
    planner = Planner()
    load = Load([chair(1)], planner.calendar)
    christmas = earliest_plan(planner, request(apheresis=date(2026, 12, 24)), load)
    assert christmas.apheresis == date(2026, 12, 28)
    assert christmas.explanation("en") == (
        "apheresis unit closed on 24–27 December (Christmas Eve, Christmas Day, Second Day of Christmas, Sunday)"
    )
    # Easter 2027, with the chair taken on Maundy Thursday: closed days the unit would
    # otherwise open are named; the weekend between them is not news.
    load.add("thursday", planner.plan(request(apheresis=date(2027, 3, 25))).pathway)
    easter = earliest_plan(planner, request(apheresis=date(2027, 3, 25)), load)
    assert easter.apheresis == date(2027, 3, 30)
    assert easter.explanation("en") == (
        "apheresis unit closed on 26 and 29 March (Good Friday, Easter Monday); no apheresis chair on 25 March"
    )
    assert easter.explanation("sv") == (
        "aferesenheten stängd 26 och 29 mars (Långfredagen, Annandag påsk); ingen ledig aferesplats 25 mars"
    )


def test_a_full_ward_moves_the_infusion_not_the_apheresis():
    planner = Planner()
    base = planner.plan(request(product="yescarta", indication="lbcl", apheresis=date(2027, 2, 1)))
    load = Load.build([beds(1, inpatient_days=3)], {"in-bed": base.pathway}, planner.calendar)
    result = earliest_plan(planner, request(product="yescarta", indication="lbcl", apheresis=date(2027, 2, 1)), load)
    assert result.apheresis == date(2027, 2, 1)
    assert result.natural_infusion == base.pathway.infusion_day()
    assert result.infusion > result.natural_infusion
    ld = result.plan.pathway.first("lymphodepletion").first_day(result.plan.pathway.tz)
    assert ld > base.pathway.infusion_day() + timedelta(days=3)  # admitted after the other's discharge
    ld0 = base.pathway.first("lymphodepletion").first_day(base.pathway.tz)
    discharge = base.pathway.infusion_day() + timedelta(days=3)
    assert ld0.month == discharge.month
    assert result.explanation("en") == f"no ward bed on {ld0.day}–{discharge.day} {discharge:%B}"
    assert not result.plan.has_error
    assert load.findings_for("new", result.plan.pathway) == []


def test_a_full_thaw_slot_moves_the_infusion_to_the_next_free_day():
    planner = Planner()
    base = planner.plan(request(product="abecma", apheresis=date(2027, 2, 1)))
    load = Load.build([thaw(1)], {"thawing": base.pathway}, planner.calendar)
    result = earliest_plan(planner, request(product="abecma", apheresis=date(2027, 2, 1)), load)
    day = base.pathway.infusion_day()
    assert result.infusion == planner.calendar.next_open(day + timedelta(days=1), "cell_lab")
    assert result.explanation("en") == f"no thaw slot on {day.day} {day.strftime('%B')}"
    assert check_pathway(result.plan.pathway, profile=result.plan.profile, calendar=planner.calendar) == [
        f for f in result.plan.findings if f.code not in ("RULE_ASSUMED", "PLAN_DELAYED")
    ]


def test_no_capacity_at_all_is_a_planning_error_that_says_why():
    planner = Planner()
    load = Load([chair(0)], planner.calendar)
    with pytest.raises(PlanningError, match="no feasible plan within 30 days from 2026-12-01: .*no apheresis chair"):
        earliest_plan(planner, request(apheresis=date(2026, 12, 1)), load, horizon_days=30)
    with pytest.raises(PlanningError, match="earliest apheresis date"):
        earliest_plan(planner, PlanRequest("kymriah", infusion=date(2027, 1, 1)), load)


def test_days_text_in_both_languages():
    d = lambda m, day, y=2026: date(y, m, day)  # noqa: E731
    assert days_text([d(12, 3), d(12, 4)]) == "3 and 4 December"
    assert days_text([d(12, 1), d(12, 2), d(12, 3), d(12, 4), d(12, 7)], "sv") == "1–4 och 7 december"
    assert days_text([d(11, 30), d(12, 1)]) == "30 November and 1 December"
    assert days_text([d(1, 2, 2027)], "en", year=2026) == "2 January 2027"


def test_week_keys_follow_iso_weeks_across_the_new_year():
    assert week_of(date(2027, 1, 1)) == date(2026, 12, 28).toordinal()  # ISO week 53 of 2026
    assert week_of(date(2027, 1, 4)) == date(2027, 1, 4).toordinal()


def test_a_long_run_of_full_days_is_summarised_not_listed():
    from atmp_desktop.domain.capacity import Delay

    full = Delay("bed", days=[date(2027, 1, 1) + timedelta(days=i) for i in range(30)])
    assert full.text("en", 2027) == "no ward bed on 1–10 January (and 20 more days)"
    assert full.text("sv", 2027) == "ingen ledig vårdplats 1–10 januari (och 20 dagar till)"


def test_a_weekend_alone_is_named_when_nothing_else_pushed_the_plan():
    planner = Planner()
    result = earliest_plan(planner, request(apheresis=date(2026, 12, 5)), Load([chair(1)], planner.calendar))
    assert result.apheresis == date(2026, 12, 7)
    assert result.explanation("en") == "apheresis unit closed on 5 and 6 December (Saturday, Sunday)"
    assert result.summary()["delayed"] is True
    # The plan's document stays a pathway document that reads back.
    parse_document(result.plan.to_document())


@settings(max_examples=20, deadline=None)
@given(
    wishes=st.lists(
        st.tuples(st.sampled_from(["kymriah", "yescarta", "abecma", "aucatzyl"]), st.integers(0, 60)),
        min_size=2, max_size=8,
    )
)
def test_patients_booked_one_by_one_never_overbook_a_site_with_one_of_everything(wishes):
    planner = Planner()
    site = [chair(1), thaw(1), beds(1, inpatient_days=2)] + [slots(p, 1) for p in ("kymriah", "yescarta", "abecma", "aucatzyl")]
    load = Load(site, planner.calendar)
    for i, (product, offset) in enumerate(wishes):
        asked = date(2027, 3, 1) + timedelta(days=offset)
        result = earliest_plan(planner, PlanRequest(product, apheresis=asked), load, horizon_days=730)
        assert result.apheresis >= asked and not result.plan.has_error
        assert load.findings_for(f"P{i}", result.plan.pathway) == []
        load.add(f"P{i}", result.plan.pathway)
    assert load.findings() == []
