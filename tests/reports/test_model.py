"""The checklists' arithmetic, held to account like the planner's: BSA and doses, infuse-by,
premedication window, monitoring days, discharge dates, and what a checklist requires."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from atmp_desktop.reports import KINDS, ChecklistError, ChecklistInput, PatientInfo
from atmp_desktop.reports import model as M
from atmp_desktop.reports.strings import S
from tests.reports.helpers import COI, PATIENT, PNR, PRINTED, RESERVE, TZ, doc_input, plan_input

EVENTS = [
    {"kind": "apheresis", "start": "2026-12-01T08:00"},
    {"kind": "product_receipt", "start": "2027-01-04T10:00", "shipper_hold_until": "2027-01-11T10:00"},
    {"kind": "storage", "start": "2027-01-04T10:30"},
    {"kind": "lymphodepletion", "start": "2027-01-05", "end": "2027-01-08"},
    {"kind": "thaw", "start": "2027-01-11T10:00"},
    {"kind": "infusion", "start": "2027-01-11T10:10", "end": "2027-01-11T10:20"},
]


def kymriah(events=EVENTS, **extra) -> dict:
    return {
        "product": "kymriah",
        "indication": "b-all",
        "coi_id": COI,
        "tocilizumab_doses": 1,
        "events": events,
        **extra,
    }


def thaw_of(data: ChecklistInput):
    ((inf, thaw),) = M.infusion_thaws(data.pathway)
    return inf, thaw


# -- body surface area and doses -----------------------------------------------------


@pytest.mark.parametrize(
    "height, weight, bsa",
    [
        (180, 80, 2.0),  # √(180 × 80 / 3600) = √4
        (168, 72.5, 1.84),  # √3.3833… = 1.8394
        (120, 22, 0.86),  # a child: √0.7333 = 0.8563
        (None, 70, None),
        (170, None, None),
        (0, 70, None),
        (170, -1, None),
    ],
)
def test_mosteller(height, weight, bsa):
    assert M.bsa_mosteller(height, weight) == bsa


def test_ld_schedule_days_day_numbers_and_doses():
    data = plan_input("kymriah", "b-all")
    sched = M.ld_schedule(data)
    assert sched.bsa == 1.84
    assert sched.regimen.id == "flu-cy"
    d0 = data.pathway.infusion_day()
    # Kymriah B-ALL: fludarabine on LD days 1-4, cyclophosphamide on days 1-2.
    assert [d.course_day for d in sched.days] == [1, 2, 3, 4]
    assert [d.label_day for d in sched.days] == [(d.day - d0).days for d in sched.days]
    assert sched.days[-1].label_day == -3  # calendar gap 3 from the last LD day
    assert [[(x.drug, x.dose_mg) for x in d.doses] for d in sched.days] == [
        [("fludarabine", 55.2), ("cyclophosphamide", 920.0)],
        [("fludarabine", 55.2), ("cyclophosphamide", 920.0)],
        [("fludarabine", 55.2)],
        [("fludarabine", 55.2)],
    ]
    assert sched.unplanned_course_days == ()


def test_ld_schedule_without_weight_leaves_doses_blank():
    data = plan_input("yescarta", "lbcl", patient=PatientInfo("Test Testsson", PNR))
    sched = M.ld_schedule(data)
    assert sched.bsa is None
    assert all(x.dose_mg is None for d in sched.days for x in d.doses)
    assert [x.drug for x in sched.days[0].doses] == ["cyclophosphamide", "fludarabine"]


def test_ld_schedule_tecartus_b_all_cyclophosphamide_only_on_the_last_day():
    data = plan_input("tecartus", "b-all", region="US")
    sched = M.ld_schedule(data)
    assert [[x.drug for x in d.doses] for d in sched.days] == [
        ["fludarabine"],
        ["fludarabine"],
        ["fludarabine", "cyclophosphamide"],
    ]
    assert sched.days[-1].doses[1].dose_mg == round(900 * 1.84, 1)


def test_ld_schedule_unknown_regimen():
    sched = M.ld_schedule(plan_input("aucatzyl", "b-all"))
    assert sched.regimen is None and sched.drugs == ()
    assert sched.days  # the planned days are still listed


# -- infuse by ---------------------------------------------------------------------------


def test_infuse_by_30_minute_product_thawed_at_10_is_10_30():
    data = doc_input(kymriah())
    by = M.infuse_by(data, thaw_of(data)[1])
    assert by.limit_minutes == 30 and by.counts_from == "thaw_start"
    assert by.infuse_by == datetime(2027, 1, 11, 10, 30, tzinfo=TZ)
    assert not by.actual


def test_infuse_by_counts_from_the_recorded_thaw_when_there_is_one():
    events = [dict(e) for e in EVENTS]
    events[4] = {"kind": "thaw", "start": "2027-01-11T10:00", "actual_start": "2027-01-11T10:07"}
    data = doc_input(kymriah(events))
    by = M.infuse_by(data, thaw_of(data)[1])
    assert by.actual and by.infuse_by == datetime(2027, 1, 11, 10, 37, tzinfo=TZ)


def test_infuse_by_breyanzi_counts_from_removal_from_storage():
    doc = {
        "product": "breyanzi",
        "indication": "lbcl",
        "events": [
            {"kind": "thaw", "start": "2027-03-02T09:00"},
            {"kind": "infusion", "start": "2027-03-02T09:20", "end": "2027-03-02T09:50"},
        ],
    }
    data = doc_input(doc)
    by = M.infuse_by(data, thaw_of(data)[1])
    assert by.counts_from == "removal_from_storage"
    assert by.infuse_by == datetime(2027, 3, 2, 11, 0, tzinfo=TZ)


def test_infuse_by_is_real_minutes_across_the_autumn_clock_change():
    # Clocks go back at 03:00 on 2026-10-25: 01:30 CEST + 180 real minutes is 03:30 CET,
    # not the 04:30 that wall-clock arithmetic would give.
    doc = {
        "product": "yescarta",
        "indication": "lbcl",
        "events": [
            {"kind": "thaw", "start": "2026-10-25T01:30"},
            {"kind": "infusion", "start": "2026-10-25T01:45+02:00", "end": "2026-10-25T02:15+01:00"},
        ],
    }
    data = doc_input(doc)
    by = M.infuse_by(data, thaw_of(data)[1])
    assert by.infuse_by.astimezone(TZ).strftime("%H:%M %z") == "03:30 +0100"


def test_infuse_by_unknown_limit():
    data = plan_input("aucatzyl", "b-all")
    for _inf, thaw in M.infusion_thaws(data.pathway):
        by = M.infuse_by(data, thaw)
        assert by.infuse_by is None and by.limit_minutes is None


def test_split_dose_pairs_each_infusion_with_its_own_thaw():
    data = plan_input("aucatzyl", "b-all")
    pairs = M.infusion_thaws(data.pathway)
    assert len(pairs) == 2
    assert [thaw.first_day(TZ) for _inf, thaw in pairs] == [inf.first_day(TZ) for inf, _thaw in pairs]


# -- premedication, monitoring, discharge -------------------------------------------------


def test_premedication_window_before_the_planned_infusion_start():
    data = doc_input(kymriah())
    inf, _ = thaw_of(data)
    start, end = M.premedication_window(data, inf)
    assert (start.strftime("%H:%M"), end.strftime("%H:%M")) == ("09:10", "09:40")  # 60 to 30 min before 10:10


def test_premedication_window_unknown_for_aucatzyl():
    data = plan_input("aucatzyl", "b-all")
    inf = data.pathway.first("infusion")
    assert M.premedication_window(data, inf) is None


@pytest.mark.parametrize(
    "product, indication, last",
    [
        ("kymriah", "b-all", 14),  # label period unknown: day +14
        ("yescarta", "lbcl", 14),  # label 10 days: still day +14
        ("carvykti", "mm", 14),  # label 14 days
    ],
)
def test_monitoring_days_run_from_day_0_to_at_least_14(product, indication, last):
    data = plan_input(product, indication)
    days = M.monitoring_days(data)
    d0 = data.pathway.infusion_day()
    assert days[0] == (d0, 0)
    assert days[-1] == (d0 + timedelta(days=last), last)
    assert [n for _d, n in days] == list(range(last + 1))


def test_monitoring_days_follow_a_longer_planned_monitoring_event():
    events = EVENTS + [{"kind": "monitoring", "start": "2027-01-11", "end": "2027-01-31"}]
    days = M.monitoring_days(doc_input(kymriah(events)))
    assert days[-1] == (date(2027, 1, 31), 20)


def test_discharge_dates_from_the_label_and_from_the_centre_assumption():
    yes = plan_input("yescarta", "lbcl")
    d0 = yes.pathway.infusion_day()
    assert M.stay_near_centre(yes) == M.Period(28, "label", d0 + timedelta(days=28))
    assert M.no_driving(yes) == M.Period(56, "label", d0 + timedelta(days=56))
    kym = plan_input("kymriah", "b-all")
    d0 = kym.pathway.infusion_day()
    assert M.no_driving(kym) == M.Period(56, "assumption", d0 + timedelta(days=56))
    assert M.daily_monitoring(kym) == M.Period(None, None, None)  # no assumption: unknown


def test_ld_window_from_the_last_ld_day():
    data = doc_input(kymriah())
    assert M.ld_window(data) == (date(2027, 1, 11), date(2027, 1, 22), date(2027, 1, 8))


# -- requirements and input ------------------------------------------------------------------


def test_require_refuses_an_unknown_kind():
    with pytest.raises(ChecklistError, match="unknown checklist 'bedside'; known: pre-apheresis"):
        M.require("bedside", doc_input(kymriah()).pathway)


@pytest.mark.parametrize(
    "kind, missing",
    [
        ("pre-apheresis", "apheresis"),
        ("product-receipt", "product_receipt"),
        ("pre-lymphodepletion", "lymphodepletion"),
        ("pre-infusion", "infusion"),
        ("monitoring", "infusion"),
        ("discharge", "infusion"),
    ],
)
def test_require_names_the_missing_event(kind, missing):
    events = [e for e in EVENTS if e["kind"] != missing]
    with pytest.raises(ChecklistError, match=f"no {missing} event, which the {kind} checklist needs"):
        M.require(kind, doc_input(kymriah(events)).pathway)


def test_pre_infusion_requires_a_planned_thaw_with_a_time():
    no_thaw = [e for e in EVENTS if e["kind"] != "thaw"]
    with pytest.raises(ChecklistError, match="no planned thaw for infusion"):
        M.require("pre-infusion", doc_input(kymriah(no_thaw)).pathway)
    dated = [dict(e) for e in EVENTS]
    dated[4] = {"kind": "thaw", "start": "2027-01-11"}
    dated[5] = {"kind": "infusion", "start": "2027-01-11"}
    err = pytest.raises(ChecklistError, M.require, "pre-infusion", doc_input(kymriah(dated)).pathway)
    assert "2027-01-11 has no time of day" in str(err.value)
    assert "saknar klockslag" in err.value.message("sv")


def test_every_kind_passes_for_a_planned_pathway():
    data = plan_input()
    for kind in KINDS:
        M.require(kind, data.pathway)


def test_patient_identifiers_display_as_staff_write_them():
    assert PATIENT.id_kind == "personnummer"
    assert PATIENT.display_identifier == "19121212-1212"
    assert RESERVE.id_kind == "reserve"
    assert RESERVE.display_identifier == RESERVE.identifier
    other = PatientInfo("X", "UK-NHS-123")
    assert other.id_kind is None and other.display_identifier == "UK-NHS-123"


def test_input_refuses_a_naive_print_time_and_an_unknown_language():
    data = plan_input()
    with pytest.raises(ValueError, match="timezone-aware"):
        ChecklistInput(**{**data.__dict__, "printed_at": datetime(2026, 11, 22, 14, 3)})
    with pytest.raises(ValueError, match="unknown language 'de'"):
        ChecklistInput(**{**data.__dict__, "lang": "de"})


def test_input_takes_coi_and_version_from_the_pathway_and_the_app():
    from atmp_desktop import __version__

    data = plan_input()
    assert data.coi_id == COI and data.app_version == __version__ and data.printed_at == PRINTED
    assert data.findings == tuple(sorted(data.findings, key=lambda f: f.severity.rank))


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, pair in S.items():
        assert len(pair) == 2 and all(pair), key
        en, sv = (set(re.findall(r"{(\w+)", text)) for text in pair)
        assert en == sv, key
