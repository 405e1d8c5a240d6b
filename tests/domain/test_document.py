"""The ``atmp-pathway/1`` document: strict reading, one clear message per problem, lossless writing."""

from __future__ import annotations

import copy
import json
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.pathway import DocumentError, parse_document
from tests.fixtures import documents as docs
from tests.fixtures.documents import build, event


def changed(path: str, value) -> dict:
    """The issue's example with one field set (``events.3.end`` style paths); ``...`` deletes it."""
    doc = copy.deepcopy(docs.issue_example())
    *parents, last = path.split(".")
    target = doc
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    key = int(last) if last.isdigit() else last
    if value is ...:
        del target[key]
    else:
        target[key] = value
    return doc


BAD = [
    ("format", "atmp-pathway/2", "format"),
    ("product", "zolgensma", "unknown product 'zolgensma'"),
    ("product", ..., "'product' is missing"),
    ("product", 7, "'product'"),
    ("region", "UK", "unknown region 'UK'"),
    ("indication", "mm", "unknown indication 'mm'"),
    ("timezone", "Mars/Olympus", "unknown time zone"),
    ("timezone", 1, "timezone"),
    ("product_expiry", "2027-02-30", "not a real calendar date"),
    ("tocilizumab_doses", -1, "tocilizumab_doses"),
    ("tocilizumab_doses", "one", "tocilizumab_doses"),
    ("stage", "finished", "unknown stage"),
    ("ld_regimen", "r-chop", "unknown lymphodepletion regimen"),
    ("colour", "blue", "unknown field 'colour'"),
    ("events", {}, "'events' must be a list"),
    ("events.0.kind", "surgery", "unknown event kind 'surgery'"),
    ("events.0.start", "2026-02-30T08:00", "not a real calendar date"),
    ("events.0.start", None, "'start' is missing"),
    ("events.0.start", "yesterday", "is not a date"),
    ("events.0.colour", "blue", "unknown field 'colour'"),
    ("events.3.end", "2026-12-27", "before start"),
    ("events.5.end", "2027-01-04T09:11", "before start"),
    ("events.1.shipper_hold_until", "2026-12-28", "needs a time"),
    ("events.2.max_temperature_c", "cold", "not a number"),
    ("events.2.max_temperature_c", float("nan"), "not a finite number"),
    ("events.2.temperatures", 5, "'temperatures' must be a list"),
    ("events.2.temperatures", [{"time": "2026-12-22T10:00"}], "needs 'time' and 'celsius'"),
    ("events.2.temperatures", [{"time": "2026-12-22", "celsius": -170}], "needs a time"),
    ("events.4.start", "2027-03-28T02:30", "does not exist"),
    ("events.4.start", "2026-10-25T02:30", "happens twice"),
    ("events.4.actual_end", "2027-01-04T09:10", "actual_end given without actual_start"),
]


@pytest.mark.parametrize("path, value, message", BAD, ids=[f"{p}={v!r}" for p, v, _ in BAD])
def test_bad_documents_are_refused_with_a_clear_message(path, value, message):
    with pytest.raises(DocumentError, match=None) as info:
        parse_document(changed(path, value))
    text = str(info.value)
    assert message in text
    assert "\n" not in text and "Traceback" not in text


@pytest.mark.parametrize("text, message", [
    ("{bad json", "not valid JSON"),
    ("", "not valid JSON"),
    ("[]", "must be a JSON object"),
    ('"atmp-pathway/1"', "must be a JSON object"),
])
def test_bad_json_text_is_refused(text, message):
    with pytest.raises(DocumentError, match=message):
        parse_document(text)


def test_issue_example_reads_and_round_trips():
    pathway = parse_document(docs.issue_example())
    assert pathway.product == "kymriah" and pathway.indication == "b-all" and pathway.region == "EU"
    thaw = pathway.first("thaw")
    assert isinstance(thaw.start, datetime) and thaw.start.utcoffset().total_seconds() == 3600
    out = pathway.to_document()
    assert out["events"][4]["start"] == "2027-01-04T09:00+01:00"
    again = parse_document(json.loads(json.dumps(out)))
    assert again.to_document() == out
    assert [f.to_json() for f in check_pathway(again)] == [f.to_json() for f in check_pathway(pathway)]


def test_explicit_offsets_are_taken_as_written():
    doc = docs.issue_example()
    doc["events"][4]["start"] = "2027-01-04T08:00Z"  # 09:00 in Stockholm
    pathway = parse_document(doc)
    assert pathway.first("thaw").start.astimezone(pathway.tz).hour == 9


def test_case_of_product_and_region_is_normalised():
    doc = docs.issue_example()
    doc.update(product="Kymriah", region="eu", indication="B-ALL")
    pathway = parse_document(doc)
    assert (pathway.product, pathway.region, pathway.indication) == ("kymriah", "EU", "b-all")


def test_events_are_sorted_and_numbered():
    doc = build("aucatzyl")
    doc["events"].reverse()
    pathway = parse_document(doc)
    assert [e.label for e in pathway.events if e.kind in ("thaw", "infusion")] == [
        "thaw#1", "infusion#1", "thaw#2", "infusion#2",
    ]


def test_actual_times_survive_the_round_trip():
    doc = build("kymriah")
    event(doc, "thaw").update(actual_start="2027-01-13T09:02", actual_end="2027-01-13T09:06")
    event(doc, "storage")["temperatures"] = [{"time": "2026-12-15T08:00", "celsius": -185.5}]
    event(doc, "storage")["note"] = "LN2 vapour phase"
    pathway = parse_document(doc)
    again = parse_document(pathway.to_document())
    assert again.to_document() == pathway.to_document()
    assert again.first("thaw").when.minute == 2
    assert again.first("storage").temperatures[0][1] == -185.5


# -- no input reaches the user as a traceback ------------------------------------------

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True), st.text(max_size=20),
    st.sampled_from([
        "2026-12-01", "2026-12-01T08:00", "2026-10-25T02:30", "2027-03-28T02:30", "2026-12-01T08:00+05:00",
        "9999-12-31T23:59", "0001-01-01T00:00", "2999-12-31T23:59-12:00", "1900-01-01T00:00+14:00",
        "Europe/Stockholm", "kymriah", "aucatzyl", "US", "b-all", "thaw", "infusion", "completed",
    ]),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["time", "celsius", "kind", "start", "x"]), inner, max_size=3),
    ),
    max_leaves=6,
)
_TOP = ["format", "product", "indication", "region", "timezone", "product_expiry", "tocilizumab_doses",
        "events", "ld_regimen", "stage", "coi_id", "patient", "findings", "colour"]
_EVENT = ["kind", "start", "end", "actual_start", "actual_end", "shipper_hold_until", "max_temperature_c",
          "temperatures", "note", "colour"]


@st.composite
def _mutated_documents(draw) -> dict:
    doc = build(draw(st.sampled_from(["kymriah", "aucatzyl", "abecma", "yescarta"])))
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            doc[draw(st.sampled_from(_TOP))] = draw(_VALUES)
        elif isinstance(doc.get("events"), list) and doc["events"]:
            target = doc["events"][draw(st.integers(0, len(doc["events"]) - 1))]
            if isinstance(target, dict):
                target[draw(st.sampled_from(_EVENT))] = draw(_VALUES)
    return doc


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated_documents())
def test_any_document_is_either_refused_cleanly_or_checked(doc):
    try:
        pathway = parse_document(json.loads(json.dumps(doc)))
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for f in check_pathway(pathway):
        assert f.message("en") and f.message("sv")
    assert parse_document(pathway.to_document()).to_document() == pathway.to_document()
