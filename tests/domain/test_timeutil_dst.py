"""Daylight-saving changes in Europe/Stockholm: real minutes, and refused ambiguous local times.

2027-03-28: clocks go 02:00 -> 03:00 (02:xx does not exist).
2026-10-25: clocks go 03:00 -> 02:00 (02:xx happens twice: +02:00, then +01:00).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.pathway import DocumentError, parse_document
from atmp_desktop.domain.timeutil import TimeError

TZ = timeutil.zone("Europe/Stockholm")


def thaw_doc(product: str, day: str, thaw: str, start: str, end: str) -> dict:
    """Thaw and infusion on *day* (times as written, with or without offset); LD 3 days before."""
    ld_end = date.fromisoformat(day).toordinal() - 3
    ld_end_s = date.fromordinal(ld_end).isoformat()
    ld_start_s = date.fromordinal(ld_end - 2).isoformat()
    return {
        "format": "atmp-pathway/1",
        "product": product,
        "indication": {"kymriah": "b-all", "abecma": "mm"}[product],
        "tocilizumab_doses": 2,
        "product_expiry": "2027-12-31",
        "events": [
            {"kind": "apheresis", "start": "2026-08-04T08:00"},
            {"kind": "product_receipt", "start": "2026-09-15T10:00", "shipper_hold_until": "2026-09-18T10:00"},
            {"kind": "storage", "start": "2026-09-15T10:30"},
            {"kind": "lymphodepletion", "start": ld_start_s, "end": ld_end_s},
            {"kind": "thaw", "start": f"{day}T{thaw}"},
            {"kind": "infusion", "start": f"{day}T{start}", "end": f"{day}T{end}"},
        ],
    }


def thaw_findings(doc: dict):
    return [f for f in check_pathway(parse_document(doc)) if f.code == "THAW_TO_INFUSION"]


# -- March: the hour that does not exist ------------------------------------------


def test_march_thaw_0150_to_0315_is_25_real_minutes_and_passes_kymriah():
    doc = thaw_doc("kymriah", "2027-03-28", "01:50", "03:05", "03:15")
    assert thaw_findings(doc) == []  # wall clock says 85 min; the patient waited 25
    pathway = parse_document(doc)
    thaw, inf = pathway.first("thaw"), pathway.first("infusion")
    assert timeutil.minutes_between(thaw.when, inf.until) == 25


@pytest.mark.parametrize("end, ok", [("03:20", True), ("03:21", False)])
def test_march_boundary_is_30_real_minutes(end, ok):
    found = thaw_findings(thaw_doc("kymriah", "2027-03-28", "01:50", "03:05", end))
    assert (not [f for f in found if f.severity.value == "error"]) is ok
    if not ok:
        assert found[0].params["minutes"] == 31


@pytest.mark.parametrize("text", ["2027-03-28T02:00", "2027-03-28T02:30", "2027-03-28T02:59"])
def test_a_local_time_in_the_skipped_hour_is_refused(text):
    with pytest.raises(TimeError, match="does not exist"):
        timeutil.parse_when(text, TZ)
    doc = thaw_doc("kymriah", "2027-03-28", "01:50", "03:05", "03:15")
    doc["events"][4]["start"] = text
    with pytest.raises(DocumentError, match="does not exist"):
        parse_document(doc)


def test_a_skipped_hour_time_with_an_explicit_offset_is_taken_as_written():
    # 02:30+01:00 is a real instant (01:30 UTC), shown locally as 03:30+02:00
    moment = timeutil.parse_when("2027-03-28T02:30+01:00", TZ)
    assert moment.astimezone(timezone.utc) == datetime(2027, 3, 28, 1, 30, tzinfo=timezone.utc)
    assert timeutil.format_when(moment, TZ) == "2027-03-28T03:30+02:00"


# -- October: the hour that happens twice ------------------------------------------


def test_october_40_wall_clock_minutes_can_be_100_real_minutes():
    # 02:20 summer time -> 03:00 winter time: 40 min on the wall clock, 100 real minutes
    doc = thaw_doc("abecma", "2026-10-25", "02:20+02:00", "02:30+02:00", "03:00+01:00")
    found = thaw_findings(doc)
    assert [(f.severity.value, f.key) for f in found] == [("error", "thaw.too_late")]
    assert found[0].params["minutes"] == 100
    assert "100 min" in found[0].message("en") and "100 min" in found[0].message("sv")


@pytest.mark.parametrize("end, ok", [("02:20+01:00", True), ("02:21+01:00", False)])
def test_october_repeated_hour_with_offsets_is_measured_in_real_minutes(end, ok):
    # thaw 02:50 summer time; the infusion ends in the repeated 02:xx of winter time.
    # 02:50+02:00 -> 02:20+01:00 is 30 real minutes though the wall clock runs backwards.
    doc = thaw_doc("kymriah", "2026-10-25", "02:50+02:00", "02:55+02:00", end)
    errors = [f for f in thaw_findings(doc) if f.severity.value == "error"]
    assert (errors == []) is ok


@pytest.mark.parametrize("text", ["2026-10-25T02:00", "2026-10-25T02:30", "2026-10-25T02:59"])
def test_an_ambiguous_local_time_without_offset_is_refused(text):
    with pytest.raises(TimeError, match="happens twice") as info:
        timeutil.parse_when(text, TZ)
    assert "+02:00" in str(info.value) and "+01:00" in str(info.value)
    doc = thaw_doc("kymriah", "2026-10-25", "01:50", "03:05", "03:15")
    doc["events"][4]["start"] = text
    with pytest.raises(DocumentError, match="happens twice"):
        parse_document(doc)


@pytest.mark.parametrize("text", ["2026-10-25T01:59", "2026-10-25T03:00", "2027-03-28T01:59", "2027-03-28T03:00"])
def test_times_next_to_the_change_are_accepted(text):
    assert isinstance(timeutil.parse_when(text, TZ), datetime)


def test_document_output_carries_offsets_and_reads_back_to_the_same_instants():
    doc = thaw_doc("abecma", "2026-10-25", "02:20+02:00", "02:30+02:00", "02:10+01:00")
    pathway = parse_document(doc)
    out = pathway.to_document()
    thaw = next(e for e in out["events"] if e["kind"] == "thaw")
    inf = next(e for e in out["events"] if e["kind"] == "infusion")
    assert thaw["start"] == "2026-10-25T02:20+02:00"
    assert inf["end"] == "2026-10-25T02:10+01:00"
    again = parse_document(out)
    assert [(e.kind, e.start, e.end) for e in again.events] == [(e.kind, e.start, e.end) for e in pathway.events]


def test_end_before_start_is_judged_by_real_time():
    doc = thaw_doc("kymriah", "2026-10-25", "02:50+02:00", "02:55+02:00", "02:10+01:00")
    # 02:10+01:00 is 01:10 UTC, after 02:55+02:00 (00:55 UTC): accepted
    parse_document(doc)
    doc["events"][5]["end"] = "2026-10-25T02:54+02:00"
    with pytest.raises(DocumentError, match="before start"):
        parse_document(doc)


# -- the helpers themselves ----------------------------------------------------------


def test_minutes_between_uses_utc_not_the_wall_clock():
    a = timeutil.localize(datetime(2027, 3, 28, 1, 50), TZ)
    b = timeutil.localize(datetime(2027, 3, 28, 3, 15), TZ)
    assert b - a != b.astimezone(timezone.utc) - a.astimezone(timezone.utc)  # Python's same-zone trap
    assert timeutil.minutes_between(a, b) == 25
    with pytest.raises(TypeError):
        timeutil.minutes_between(datetime(2027, 1, 1), b)


def test_add_minutes_crosses_the_change_in_real_time():
    a = timeutil.parse_when("2026-10-25T02:20+02:00", TZ)
    later = timeutil.add_minutes(a, 60, TZ)
    assert timeutil.format_when(later, TZ) == "2026-10-25T02:20+01:00"


@pytest.mark.parametrize(
    "bad", ["2026-02-30", "2026-13-01", "2026-00-10", "26-01-01", "2026-1-1", "tomorrow", "0001-01-01", "9999-12-31"]
)
def test_impossible_or_malformed_dates_are_refused(bad):
    with pytest.raises(TimeError):
        timeutil.parse_date(bad)
    with pytest.raises(TimeError):
        timeutil.parse_when(bad, TZ)


@pytest.mark.parametrize("bad", ["2026-12-01T24:00", "2026-12-01T10:60", "2026-12-01T10:00+24:00", "2026-02-29T10:00"])
def test_impossible_times_are_refused(bad):
    with pytest.raises(TimeError):
        timeutil.parse_when(bad, TZ)
