"""Property tests: any product, region, indication and date over two years plans without an error.

Each property runs 200 examples (deadline off: the first plan of a product
loads its rules). Together with the deterministic sweeps in test_planner.py
this holds the planner to its promises.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atmp_desktop.domain.calendar import STAFFED_EVENTS
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.pathway import parse_document
from atmp_desktop.domain.planner import PlanRequest, Planner
from tests.fixtures import reference as ref

PLANNER = Planner()
START, END = date(2026, 1, 1), date(2027, 12, 31)
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def requests(draw) -> PlanRequest:
    product = draw(st.sampled_from(ref.PRODUCTS))
    region = draw(st.sampled_from(ref.REGIONS))
    indication = draw(st.sampled_from([None, *ref.INDICATIONS[product]]))
    day = draw(st.dates(min_value=START, max_value=END))
    if draw(st.booleans()):
        return PlanRequest(product, indication, region, apheresis=day)
    return PlanRequest(product, indication, region, infusion=day)


@PROPERTY
@given(requests())
def test_every_plan_has_no_error_finding(request):
    plan = PLANNER.plan(request)
    assert not plan.has_error, [f.message() for f in plan.findings if f.is_error]


@PROPERTY
@given(requests())
def test_staffed_events_fall_on_open_days_except_the_requested_date(request):
    plan = PLANNER.plan(request)
    tz = plan.pathway.tz
    requested = request.apheresis or request.infusion
    kept_kinds = {"apheresis"} if request.apheresis else {"infusion", "thaw"}
    for e in plan.pathway.events:
        activity = STAFFED_EVENTS.get(e.kind)
        if activity is None:
            continue
        day = e.first_day(tz)
        if day == requested and e.kind in kept_kinds:
            continue
        assert PLANNER.calendar.is_open(day, activity), (e.label, day)


@PROPERTY
@given(requests())
def test_plan_keeps_the_request_and_the_label_window(request):
    plan = PLANNER.plan(request)
    p = plan.pathway
    tz = p.tz
    if request.apheresis:
        assert p.first("apheresis").first_day(tz) == request.apheresis
    else:
        assert p.first("infusion").first_day(tz) == request.infusion
    receipt = p.first("product_receipt").first_day(tz)
    ld = p.first("lymphodepletion")
    assert ld.first_day(tz) > receipt
    window = ref.LD_WINDOWS[(request.product, request.region, request.indication or ref.INDICATIONS[request.product][0])]
    gap = (p.first("infusion").first_day(tz) - ld.last_day(tz)).days
    if window is not None:
        lo, hi = window.calendar()
        assert gap == lo  # the nominal gap; the planner never needs to stretch it
        assert hi is None or gap <= hi
    if request.product == "aucatzyl":
        infusions = p.of("infusion")
        assert len(infusions) == 2
        offset = (infusions[1].first_day(tz) - infusions[0].first_day(tz)).days
        assert 7 <= offset <= 11


@PROPERTY
@given(requests())
def test_plan_document_round_trips_to_the_same_findings(request):
    plan = PLANNER.plan(request)
    again = check_pathway(parse_document(plan.to_document()))
    assert [f.to_json() for f in again] == [f.to_json() for f in plan.findings if f.code != "RULE_ASSUMED"]


@settings(max_examples=200, deadline=None)
@given(
    product=st.sampled_from(ref.PRODUCTS),
    region=st.sampled_from(ref.REGIONS),
    gap=st.integers(min_value=-3, max_value=25),
)
def test_ld_window_check_agrees_with_the_reference(product, region, gap):
    """For any gap, LD_TO_INFUSION is an error exactly when the reference window excludes it."""
    from tests.fixtures.documents import build

    indication = ref.INDICATIONS[product][0]
    doc = build(product, region, indication, gap=gap)
    everything = check_pathway(parse_document(doc))
    found = [f for f in everything if f.code == "LD_TO_INFUSION"]
    window = ref.LD_WINDOWS[(product, region, indication)]
    is_error = any(f.severity.value == "error" for f in found)
    ld_days = ref.LD_COURSE_DAYS.get((product, indication)) or 3
    if gap < -(ld_days - 1):
        # the whole LD course after the infusion: out of sequence, whatever the window
        assert any(f.code == "SEQUENCE" and f.is_error for f in everything)
        return
    if window is None:
        assert [f.severity.value for f in found] == ["warning"]
        return
    lo, hi = window.calendar()
    assert is_error == (gap < lo or (hi is not None and gap > hi))
    if not is_error and gap > lo and hi is None:
        assert [f.severity.value for f in found] == ["warning"]
