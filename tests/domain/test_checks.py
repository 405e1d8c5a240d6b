"""Every finding code, for every product and region, at its boundaries.

Exactly at a limit passes; one minute, one day or 0.1 °C past fails. The
limits come from the reference (``tests/fixtures/reference.py``); documents
are built with ``tests.fixtures.documents.build`` and changed one thing at a time.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.checks import CHECKS, check_pathway
from atmp_desktop.domain.findings import CODES, Finding
from atmp_desktop.domain.pathway import parse_document
from tests.fixtures import documents as docs
from tests.fixtures import reference as ref
from tests.fixtures.documents import INFUSION_DAY, build, event

PRODUCT_REGIONS = ref.product_regions()
PR_IDS = [f"{p}-{r}" for p, r in PRODUCT_REGIONS]
KNOWN_WINDOWS = [k for k, w in ref.LD_WINDOWS.items() if w is not None]
UNKNOWN_WINDOWS = [k for k, w in ref.LD_WINDOWS.items() if w is None]


def findings(doc: dict, calendar: SiteCalendar | None = None) -> list[Finding]:
    found = check_pathway(parse_document(doc), calendar=calendar)
    for f in found:  # every finding must render in both languages
        assert f.message("en") and f.message("sv")
    return found


def of(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.code == code]


def errors(found: list[Finding], code: str | None = None) -> list[Finding]:
    return [f for f in found if f.severity.value == "error" and (code is None or f.code == code)]


def warnings(found: list[Finding], code: str) -> list[Finding]:
    return [f for f in found if f.severity.value == "warning" and f.code == code]


def clock(hhmm: str, minutes: int) -> str:
    h, m = map(int, hhmm.split(":"))
    total = h * 60 + m + minutes
    assert 0 <= total < 24 * 60
    return f"{total // 60:02d}:{total % 60:02d}"


def test_issue_codes_are_all_known_and_checked():
    issue_codes = {
        "SEQUENCE", "LD_TO_INFUSION", "THAW_TO_INFUSION", "PRODUCT_NOT_AVAILABLE", "PRODUCT_EXPIRED",
        "SHIPPER_HOLD", "STORAGE_TEMPERATURE", "NON_WORKING_DAY", "TOCILIZUMAB", "MISSING_EVENT",
    }
    assert issue_codes <= set(CODES)
    assert {"SPLIT_DOSE_INTERVAL", "INDICATION_ASSUMED"} <= set(CODES)
    assert len(CHECKS) >= 12


@pytest.mark.parametrize("key", sorted(ref.LD_WINDOWS), ids=lambda k: "-".join(k))
def test_baseline_document_has_no_error(key):
    product, region, indication = key
    assert errors(findings(build(product, region, indication))) == []


def test_issue_example_checks_without_errors():
    found = findings(docs.issue_example())
    assert errors(found) == [], [f.message() for f in found]


# -- LD_TO_INFUSION ------------------------------------------------------------------


@pytest.mark.parametrize("key", KNOWN_WINDOWS, ids=lambda k: "-".join(k))
def test_ld_to_infusion_lower_bound(key):
    product, region, indication = key
    lo, _ = ref.LD_WINDOWS[key].calendar()
    assert of(findings(build(product, region, indication, gap=lo)), "LD_TO_INFUSION") == []
    too_early = findings(build(product, region, indication, gap=lo - 1))
    assert [f.key for f in errors(too_early, "LD_TO_INFUSION")] == ["ld_to_infusion.too_early"]
    assert errors(too_early, "LD_TO_INFUSION")[0].event == "infusion"


@pytest.mark.parametrize("key", KNOWN_WINDOWS, ids=lambda k: "-".join(k))
def test_ld_to_infusion_upper_bound(key):
    product, region, indication = key
    lo, hi = ref.LD_WINDOWS[key].calendar()
    if hi is None:
        # no upper limit in the label found: later than day 0 is a warning, never silence
        assert of(findings(build(product, region, indication, gap=lo)), "LD_TO_INFUSION") == []
        for gap in (lo + 1, 20):
            late = findings(build(product, region, indication, gap=gap))
            assert errors(late, "LD_TO_INFUSION") == []
            assert [f.key for f in warnings(late, "LD_TO_INFUSION")] == ["ld_to_infusion.no_upper"]
        return
    assert of(findings(build(product, region, indication, gap=hi)), "LD_TO_INFUSION") == []
    too_late = findings(build(product, region, indication, gap=hi + 1))
    assert [f.key for f in errors(too_late, "LD_TO_INFUSION")] == ["ld_to_infusion.too_late"]


@pytest.mark.parametrize("region", ref.REGIONS)
@pytest.mark.parametrize(
    "days_after_last_ld, ok", [(2, False), (3, True), (5, True), (6, True), (7, False)]
)
def test_kymriah_fl_window_is_last_ld_day_plus_3_to_6(region, days_after_last_ld, ok):
    """Label 'FL 2-6 days' read both ways: +2 fails (only 1 rest day), +6 passes, +7 fails."""
    found = findings(build("kymriah", region, "fl", gap=days_after_last_ld))
    assert (errors(found, "LD_TO_INFUSION") == []) is ok


@pytest.mark.parametrize("region", ref.REGIONS)
def test_abecma_window_counts_rest_days(region):
    """'2 days after completion, up to 9': LD ends Fri 7 March 2025 -> Mon 10 to Mon 17 March."""
    def doc(infusion_day: date) -> dict:
        d = build("abecma", region, "mm")
        event(d, "lymphodepletion").update(start="2025-03-05", end="2025-03-07")
        event(d, "apheresis")["start"] = "2025-01-07T08:00"
        event(d, "product_receipt").update(start="2025-02-17T10:00", shipper_hold_until="2025-02-20T10:00")
        event(d, "storage")["start"] = "2025-02-17T10:30"
        event(d, "thaw").update(start=f"{infusion_day}T09:00", end=f"{infusion_day}T09:04")
        event(d, "infusion").update(start=f"{infusion_day}T09:05", end=f"{infusion_day}T09:15")
        return d

    assert errors(findings(doc(date(2025, 3, 9))), "LD_TO_INFUSION")  # Sun 9 March: too early
    assert not errors(findings(doc(date(2025, 3, 10))), "LD_TO_INFUSION")
    assert not errors(findings(doc(date(2025, 3, 17))), "LD_TO_INFUSION")
    assert errors(findings(doc(date(2025, 3, 18))), "LD_TO_INFUSION")


@pytest.mark.parametrize("key", UNKNOWN_WINDOWS, ids=lambda k: "-".join(k))
@pytest.mark.parametrize("gap", [1, 3, 30])
def test_unknown_ld_window_is_a_warning_not_silence(key, gap):
    product, region, indication = key
    found = findings(build(product, region, indication, gap=gap))
    assert errors(found, "LD_TO_INFUSION") == []
    assert [f.key for f in warnings(found, "LD_TO_INFUSION")] == ["ld_to_infusion.unknown"]


def test_ld_window_uses_the_last_ld_day_of_a_repeated_course():
    doc = build("kymriah", "EU", "fl", gap=3)
    # an earlier course 20 days before infusion, then the real one: the gap counts from the later
    doc["events"].append({"kind": "lymphodepletion", "start": "2026-12-21", "end": "2026-12-23"})
    assert errors(findings(doc), "LD_TO_INFUSION") == []


@pytest.mark.parametrize("key", KNOWN_WINDOWS, ids=lambda k: "-".join(k))
def test_ld_course_under_way_keeps_its_planned_length(key):
    """An LD with an actual start but no actual end yet still ends on its planned last day."""
    product, region, indication = key
    lo, _ = ref.LD_WINDOWS[key].calendar()
    doc = build(product, region, indication, gap=lo - 1)
    ld = event(doc, "lymphodepletion")
    ld["actual_start"] = ld["start"]
    assert [f.key for f in errors(findings(doc), "LD_TO_INFUSION")] == ["ld_to_infusion.too_early"]
    # started a day late: the course ends a day later than planned
    doc = build(product, region, indication, gap=lo)
    ld = event(doc, "lymphodepletion")
    ld["actual_start"] = (date.fromisoformat(ld["start"]) + timedelta(days=1)).isoformat()
    assert [f.key for f in errors(findings(doc), "LD_TO_INFUSION")] == ["ld_to_infusion.too_early"]
    # once its actual end is recorded, that end counts
    ld["actual_end"] = (date.fromisoformat(ld["end"]) - timedelta(days=1)).isoformat()
    ld["actual_start"] = ld["start"]
    assert errors(findings(doc), "LD_TO_INFUSION") == []


# -- THAW_TO_INFUSION ----------------------------------------------------------------

THAW_KNOWN = [(p, r) for p, r in PRODUCT_REGIONS if ref.THAW_LIMITS[p] is not None]


@pytest.mark.parametrize("product, region", THAW_KNOWN, ids=lambda x: str(x))
def test_thaw_limit_to_the_minute_counted_from_thaw_start(product, region):
    limit = ref.THAW_LIMITS[product].minutes
    # the thaw takes 20 minutes; the limit still counts from its START
    at_limit = build(product, region, thaw="09:00", thaw_end="09:20", infusion_start="09:21",
                     infusion_end=clock("09:00", limit))
    assert errors(findings(at_limit), "THAW_TO_INFUSION") == []
    late = build(product, region, thaw="09:00", thaw_end="09:20", infusion_start="09:21",
                 infusion_end=clock("09:00", limit + 1))
    found = errors(findings(late), "THAW_TO_INFUSION")
    assert [f.key for f in found] == ["thaw.too_late"]
    assert found[0].params["minutes"] == limit + 1
    assert found[0].event == "infusion"


@pytest.mark.parametrize("end, ok", [("09:30", True), ("09:31", False)])
def test_kymriah_thaw_0900_infusion_end_0930_passes_0931_fails(end, ok):
    doc = build("kymriah", thaw="09:00", thaw_end=None, infusion_start="09:10", infusion_end=end)
    assert (errors(findings(doc), "THAW_TO_INFUSION") == []) is ok


@pytest.mark.parametrize("region", ref.REGIONS)
@pytest.mark.parametrize("end, ok", [("10:00", True), ("10:01", False)])
def test_abecma_one_hour_counts_from_thaw_start_not_thaw_end(region, end, ok):
    # thaw 09:00-09:25; counting from the thaw end would wrongly allow until 10:25
    doc = build("abecma", region, thaw="09:00", thaw_end="09:25", infusion_start="09:30", infusion_end=end)
    assert (errors(findings(doc), "THAW_TO_INFUSION") == []) is ok


@pytest.mark.parametrize("region", ref.REGIONS)
@pytest.mark.parametrize("end, ok", [("11:00", True), ("11:01", False)])
def test_breyanzi_two_hours_from_removal_from_storage(region, end, ok):
    doc = build("breyanzi", region, thaw="09:00", thaw_end="09:15", infusion_start="09:20", infusion_end=end)
    assert (errors(findings(doc), "THAW_TO_INFUSION") == []) is ok


@pytest.mark.parametrize("region", ref.REGIONS)
def test_tecartus_start_within_30_minutes_of_complete_thaw_is_a_warning(region):
    ok = build("tecartus", region, thaw="09:00", thaw_end="09:10", infusion_start="09:40", infusion_end="10:10")
    assert of(findings(ok), "THAW_TO_INFUSION") == []
    slow = build("tecartus", region, thaw="09:00", thaw_end="09:10", infusion_start="09:41", infusion_end="10:10")
    found = of(findings(slow), "THAW_TO_INFUSION")
    assert [(f.severity.value, f.key) for f in found] == [("warning", "thaw.start_window")]


@pytest.mark.parametrize("product, region", THAW_KNOWN, ids=lambda x: str(x))
def test_thaw_without_planned_infusion_end(product, region):
    limit = ref.THAW_LIMITS[product].minutes
    open_end = build(product, region, infusion_end=None)
    assert [(f.severity.value, f.key) for f in of(findings(open_end), "THAW_TO_INFUSION")] == [
        ("warning", "thaw.no_end")
    ]
    started_late = build(product, region, thaw="08:00", thaw_end=None,
                         infusion_start=clock("08:00", limit + 1), infusion_end=None)
    assert [f.key for f in errors(findings(started_late), "THAW_TO_INFUSION")] == ["thaw.start_too_late"]


@pytest.mark.parametrize("product, region", THAW_KNOWN, ids=lambda x: str(x))
def test_actual_times_are_checked_over_planned_ones(product, region):
    limit = ref.THAW_LIMITS[product].minutes
    doc = build(product, region)
    thaw = event(doc, "thaw")
    # planned 09:00, actually thawed 1 minute too early for the (planned) infusion end
    thaw["actual_start"] = f"{INFUSION_DAY}T{clock('09:15', -limit - 1)}"
    assert [f.key for f in errors(findings(doc), "THAW_TO_INFUSION")] == ["thaw.too_late"]


@pytest.mark.parametrize("product, region", THAW_KNOWN, ids=lambda x: str(x))
def test_thaw_with_dates_only_cannot_be_checked(product, region):
    doc = build(product, region)
    event(doc, "thaw").update(start=INFUSION_DAY.isoformat(), end=INFUSION_DAY.isoformat())
    event(doc, "infusion").update(start=INFUSION_DAY.isoformat(), end=INFUSION_DAY.isoformat())
    found = of(findings(doc), "THAW_TO_INFUSION")
    assert found and {f.severity.value for f in found} == {"warning"}


@pytest.mark.parametrize("region", ref.REGIONS)
@pytest.mark.parametrize("end", ["09:15", "23:00"])
def test_unknown_thaw_limit_is_a_warning_not_silence(region, end):
    found = of(findings(build("aucatzyl", region, infusion_end=end)), "THAW_TO_INFUSION")
    assert [(f.severity.value, f.key) for f in found] == [("warning", "thaw.unknown")]


@pytest.mark.parametrize("region", ref.REGIONS)
def test_each_split_dose_thaw_is_paired_with_its_own_infusion(region):
    # two bags/doses on different days: each thaw is measured to the infusion that follows it
    doc = build("carvykti", region)
    doc["events"] += [
        {"kind": "thaw", "start": "2027-01-14T09:00"},
        {"kind": "infusion", "start": "2027-01-14T09:05", "end": "2027-01-14T11:30"},
    ]
    assert errors(findings(doc), "THAW_TO_INFUSION") == []
    event(doc, "infusion", 2)["end"] = "2027-01-14T11:31"
    assert len(errors(findings(doc), "THAW_TO_INFUSION")) == 1


# -- PRODUCT_NOT_AVAILABLE ---------------------------------------------------------


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_ld_must_start_after_the_receipt_day(product, region):
    doc = build(product, region)
    ld = event(doc, "lymphodepletion")
    receipt = event(doc, "product_receipt")

    def with_receipt(day: date) -> list[Finding]:
        receipt["start"] = f"{day}T10:00"
        receipt["shipper_hold_until"] = f"{day}T12:00"
        event(doc, "storage")["start"] = f"{day}T10:30"
        return of(findings(doc), "PRODUCT_NOT_AVAILABLE")

    ld_start = date.fromisoformat(ld["start"])
    assert with_receipt(ld_start - timedelta(days=1)) == []
    same_day = with_receipt(ld_start)
    assert [(f.severity.value, f.key) for f in same_day] == [("warning", "available.same_day")]
    after = with_receipt(ld_start + timedelta(days=1))
    assert [(f.severity.value, f.key) for f in after] == [("error", "available.before")]


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_timed_ld_before_a_timed_receipt_on_the_same_day_is_an_error(product, region):
    doc = build(product, region)
    ld = event(doc, "lymphodepletion")
    day = ld["start"]
    event(doc, "product_receipt").update(start=f"{day}T10:00", shipper_hold_until=f"{day}T12:00")
    event(doc, "storage")["start"] = f"{day}T10:30"
    ld["start"] = f"{day}T10:00"  # same minute: the product is there
    assert errors(findings(doc), "PRODUCT_NOT_AVAILABLE") == []
    ld["start"] = f"{day}T09:59"
    assert [f.key for f in errors(findings(doc), "PRODUCT_NOT_AVAILABLE")] == ["available.before"]


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_ld_without_any_receipt(product, region):
    found = findings(build(product, region, drop=("product_receipt", "storage")))
    assert [f.key for f in errors(found, "PRODUCT_NOT_AVAILABLE")] == ["available.no_receipt"]


# -- PRODUCT_EXPIRED -----------------------------------------------------------------


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_infusion_on_the_expiry_day_passes_the_day_after_fails(product, region):
    # (for Aucatzyl the second dose is the last infusion)
    last = INFUSION_DAY + timedelta(days=9 if product == "aucatzyl" else 0)
    assert of(findings(build(product, region, expiry=last.isoformat())), "PRODUCT_EXPIRED") == []
    found = findings(build(product, region, expiry=(last - timedelta(days=1)).isoformat()))
    expired = errors(found, "PRODUCT_EXPIRED")
    assert [f.key for f in expired] == ["expiry.after"]
    assert expired[0].params["days"] == 1


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_received_product_without_expiry_is_a_warning(product, region):
    doc = build(product, region, expiry=None)
    event(doc, "product_receipt")["actual_start"] = event(doc, "product_receipt")["start"]
    assert [f.key for f in warnings(findings(doc), "PRODUCT_EXPIRED")] == ["expiry.unknown"]


# -- SHIPPER_HOLD --------------------------------------------------------------------


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_storage_exactly_at_the_end_of_the_shipper_hold_passes(product, region):
    doc = build(product, region)
    receipt = event(doc, "product_receipt")
    receipt["shipper_hold_until"] = "2026-12-14T12:00"
    event(doc, "storage")["start"] = "2026-12-14T12:00"
    assert of(findings(doc), "SHIPPER_HOLD") == []
    event(doc, "storage")["start"] = "2026-12-14T12:01"
    late = errors(findings(doc), "SHIPPER_HOLD")
    assert [f.key for f in late] == ["hold.expired"]
    assert late[0].params["minutes"] == 1 and late[0].event == "storage"


def test_shipper_hold_compares_real_time_across_offsets():
    doc = build("kymriah")
    event(doc, "product_receipt")["shipper_hold_until"] = "2026-12-14T11:00Z"  # 12:00 in Stockholm
    event(doc, "storage")["start"] = "2026-12-14T12:00+01:00"
    assert of(findings(doc), "SHIPPER_HOLD") == []
    event(doc, "storage")["start"] = "2026-12-14T12:01"
    assert errors(findings(doc), "SHIPPER_HOLD")


def test_received_product_without_hold_time_or_storage_is_a_warning():
    doc = build("kymriah")
    receipt = event(doc, "product_receipt")
    del receipt["shipper_hold_until"]
    receipt["actual_start"] = receipt["start"]
    assert [f.key for f in warnings(findings(doc), "SHIPPER_HOLD")] == ["hold.unknown"]


# -- STORAGE_TEMPERATURE -------------------------------------------------------------

STORAGE_KNOWN = [(p, r) for p, r in PRODUCT_REGIONS if ref.STORAGE_MAX_C[p] is not None]


@pytest.mark.parametrize("product, region", STORAGE_KNOWN, ids=lambda x: str(x))
@pytest.mark.parametrize("how", ["max_temperature_c", "temperatures"])
def test_storage_at_the_maximum_passes_a_tenth_warmer_fails(product, region, how):
    limit = ref.STORAGE_MAX_C[product]

    def doc(celsius: float) -> dict:
        d = build(product, region)
        storage = event(d, "storage")
        if how == "max_temperature_c":
            storage["max_temperature_c"] = celsius
        else:
            del storage["max_temperature_c"]
            storage["temperatures"] = [
                {"time": "2026-12-15T08:00", "celsius": limit - 30},
                {"time": "2026-12-16T08:00", "celsius": celsius},
            ]
        return d

    assert of(findings(doc(limit)), "STORAGE_TEMPERATURE") == []
    warm = errors(findings(doc(round(limit + 0.1, 1))), "STORAGE_TEMPERATURE")
    assert [f.key for f in warm] == ["storage.too_warm"]
    assert warm[0].event == "storage"


@pytest.mark.parametrize("region", ref.REGIONS)
def test_unknown_storage_limit_with_readings_is_a_warning(region):
    doc = build("aucatzyl", region)
    event(doc, "storage")["max_temperature_c"] = -50
    found = of(findings(doc), "STORAGE_TEMPERATURE")
    assert [(f.severity.value, f.key) for f in found] == [("warning", "storage.unknown")]


# -- TOCILIZUMAB ---------------------------------------------------------------------

TOCI_KNOWN = [(p, r) for p, r in PRODUCT_REGIONS if ref.TOCILIZUMAB[(p, r)] is not None]
TOCI_UNKNOWN = [(p, r) for p, r in PRODUCT_REGIONS if ref.TOCILIZUMAB[(p, r)] is None]


@pytest.mark.parametrize("product, region", TOCI_KNOWN, ids=lambda x: str(x))
def test_tocilizumab_exactly_the_required_number_passes(product, region):
    required = ref.TOCILIZUMAB[(product, region)]
    assert of(findings(build(product, region, tocilizumab=required)), "TOCILIZUMAB") == []
    too_few = errors(findings(build(product, region, tocilizumab=required - 1)), "TOCILIZUMAB")
    assert [f.key for f in too_few] == ["tocilizumab.too_few"]
    not_recorded = findings(build(product, region, tocilizumab=None))
    assert [f.key for f in warnings(not_recorded, "TOCILIZUMAB")] == ["tocilizumab.not_recorded"]


@pytest.mark.parametrize("product, region", TOCI_UNKNOWN, ids=lambda x: str(x))
@pytest.mark.parametrize("doses", [None, 0, 1, 4])
def test_unknown_tocilizumab_requirement_is_a_warning(product, region, doses):
    found = of(findings(build(product, region, tocilizumab=doses)), "TOCILIZUMAB")
    assert [f.severity.value for f in found] == ["warning"]


# -- NON_WORKING_DAY -----------------------------------------------------------------

SATURDAY = date(2027, 1, 16)
GOOD_FRIDAY_2027 = date(2027, 3, 26)


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
@pytest.mark.parametrize("kind", ["apheresis", "product_receipt", "thaw", "infusion"])
def test_staffed_event_on_a_closed_day_is_a_warning(product, region, kind):
    if kind in ("thaw", "infusion"):
        # move the whole infusion day so that nothing else changes
        doc = build(product, region, infusion_day=SATURDAY)
    else:
        doc = build(product, region)
        if kind == "apheresis":
            event(doc, kind)["start"] = "2026-11-14T08:00"  # a Saturday
        else:
            event(doc, kind)["start"] = "2026-12-08T10:00"  # Tuesday, but closed by the site below
    calendar = SiteCalendar(extra_closed={date(2026, 12, 8): "staff training"})
    found = findings(doc, calendar)
    closed = of(found, "NON_WORKING_DAY")
    assert kind in {f.event.split("#")[0] for f in closed}
    assert all(f.severity.value == "warning" for f in closed)
    assert errors(found) == []


def test_non_staffed_events_on_closed_days_are_not_reported():
    doc = build("kymriah", "EU", "b-all")
    # LD runs over the weekend Sat 9 - Sun 10 January 2027 in the baseline
    assert event(doc, "lymphodepletion")["end"] == "2027-01-10"
    assert of(findings(doc), "NON_WORKING_DAY") == []


def test_closed_day_message_names_the_holiday_in_each_language():
    doc = build("kymriah", infusion_day=GOOD_FRIDAY_2027 + timedelta(days=3))  # Easter Monday
    found = [f for f in of(findings(doc), "NON_WORKING_DAY") if f.event == "infusion"]
    assert "Easter Monday" in found[0].message("en")
    assert "Annandag påsk" in found[0].message("sv")


def test_site_can_open_a_closed_eve():
    doc = build("kymriah", infusion_day=date(2026, 12, 24), gap=3)  # Thursday, Christmas Eve
    assert of(findings(doc), "NON_WORKING_DAY")
    opened = SiteCalendar(closed_eves=("midsummer_eve", "new_years_eve"))
    assert of(findings(doc, opened), "NON_WORKING_DAY") == []


# -- SEQUENCE ------------------------------------------------------------------------


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_infusion_before_apheresis_is_out_of_sequence(product, region):
    doc = build(product, region)
    event(doc, "apheresis")["start"] = "2027-02-01T08:00"
    assert errors(findings(doc), "SEQUENCE")


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_thaw_at_infusion_start_passes_one_minute_after_fails(product, region):
    doc = build(product, region, thaw="09:05", thaw_end=None, infusion_start="09:05")
    assert of(findings(doc), "SEQUENCE") == []
    doc = build(product, region, thaw="09:06", thaw_end=None, infusion_start="09:05")
    found = errors(findings(doc), "SEQUENCE")
    assert found and {f.event.split("#")[0] for f in found} <= {"thaw", "infusion"}


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_receipt_before_apheresis_is_out_of_sequence(product, region):
    doc = build(product, region)
    event(doc, "apheresis")["start"] = "2026-12-15T08:00"
    found = errors(findings(doc), "SEQUENCE")
    assert [f.event for f in found] == ["product_receipt"]


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_lymphodepletion_after_the_infusion_is_out_of_sequence(product, region):
    doc = build(product, region)
    event(doc, "lymphodepletion").update(start="2027-01-25", end="2027-01-27")
    assert errors(findings(doc)), "LD after infusion must not pass"
    assert errors(findings(doc), "SEQUENCE")


# -- MISSING_EVENT -------------------------------------------------------------------


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
@pytest.mark.parametrize("dropped", ["apheresis", "product_receipt", "thaw"])
def test_event_needed_by_a_later_step_is_missing(product, region, dropped):
    found = errors(findings(build(product, region, drop=(dropped,))), "MISSING_EVENT")
    assert any(f.params["missing"] == dropped for f in found)


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_missing_lymphodepletion(product, region):
    found = of(findings(build(product, region, drop=("lymphodepletion",))), "MISSING_EVENT")
    if product == "kymriah":
        # the label allows omitting LD when WBC <= 1 x 10^9/L within a week before infusion
        assert [(f.severity.value, f.key) for f in found] == [("warning", "missing.ld_omitted")]
    else:
        assert [(f.severity.value, f.params.get("missing")) for f in found] == [("error", "lymphodepletion")]


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_stage_requires_its_events(product, region):
    doc = build(product, region, stage="completed")
    found = errors(findings(doc), "MISSING_EVENT")
    assert [(f.key, f.params["missing"]) for f in found] == [("missing.stage", "monitoring")]
    doc["events"].append({"kind": "monitoring", "start": "2027-01-13", "end": "2027-01-27"})
    assert of(findings(doc), "MISSING_EVENT") == []
    ok = build(product, region, stage="product_in_storage", drop=("lymphodepletion", "thaw", "infusion"))
    assert of(findings(ok), "MISSING_EVENT") == []


@pytest.mark.parametrize("region", ref.REGIONS)
def test_aucatzyl_with_one_infusion_warns_of_the_missing_second_dose(region):
    found = of(findings(build("aucatzyl", region, second_dose_day=None)), "MISSING_EVENT")
    assert [(f.severity.value, f.key) for f in found] == [("warning", "missing.second_dose")]


# -- SPLIT_DOSE_INTERVAL -------------------------------------------------------------


@pytest.mark.parametrize("region", ref.REGIONS)
@pytest.mark.parametrize(
    "label_day, expected",
    [
        (7, "error"),  # Day 10 - 2 = Day 8 is the earliest
        (8, None),
        (10, None),
        (12, None),  # Day 10 + 2
        (13, "warning"),  # only when postponed for CRS grade 2
        (21, "warning"),  # ... up to Day 21
        (22, "error"),
    ],
)
def test_aucatzyl_second_dose_day_10_plus_minus_2(region, label_day, expected):
    first = date(2027, 1, 4)  # a Monday; label Day 1
    second = first + timedelta(days=label_day - 1)
    doc = build("aucatzyl", region, infusion_day=first, second_dose_day=second)
    found = of(findings(doc), "SPLIT_DOSE_INTERVAL")
    assert [f.severity.value for f in found] == ([] if expected is None else [expected])
    if found:
        assert found[0].event == "infusion#2"


@pytest.mark.parametrize("product", [p for p in ref.PRODUCTS if p != "aucatzyl"])
def test_two_infusions_of_a_single_dose_product_are_not_a_split_dose(product):
    doc = build(product)
    doc["events"] += [
        {"kind": "thaw", "start": "2027-01-13T10:00"},
        {"kind": "infusion", "start": "2027-01-13T10:05", "end": "2027-01-13T10:10"},
    ]
    assert of(findings(doc), "SPLIT_DOSE_INTERVAL") == []


# -- INDICATION_ASSUMED --------------------------------------------------------------


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_missing_indication_is_assumed_only_when_there_are_several(product, region):
    found = of(findings(build(product, region, indication=None)), "INDICATION_ASSUMED")
    if len(ref.INDICATIONS[product]) > 1:
        assert [f.severity.value for f in found] == ["warning"]
        assert found[0].params["indication"] == ref.INDICATIONS[product][0]
    else:
        assert found == []
    named = build(product, region, indication=ref.INDICATIONS[product][0])
    assert of(findings(named), "INDICATION_ASSUMED") == []


# -- all codes, all products: nothing silent ---------------------------------------


@pytest.mark.parametrize("product, region", PRODUCT_REGIONS, ids=PR_IDS)
def test_findings_are_json_ready_with_code_severity_message_event(product, region):
    doc = build(product, region, tocilizumab=0, expiry="2026-12-01")
    found = findings(doc)
    assert found
    for f in found:
        item = f.to_json("sv")
        assert set(item) == {"code", "severity", "message", "event"}
        assert item["code"] in CODES and item["severity"] in ("error", "warning", "info")
    # errors first
    ranks = [f.severity.rank for f in found]
    assert ranks == sorted(ranks)
