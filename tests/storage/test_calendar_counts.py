"""The Calendar's month from the store (issue 11): counts per day and a day's page agree with the view's rules.

Runs on both back ends (``svc`` over ``demo_db``). What the month grid and
its day panel show used to be worked out from every event row of the month
(``events_between`` and ``day_entries``); now the store counts
(``event_spans``) and pages (``day_events``). Both must give exactly what the
rows gave: the same counts per day and kind, the same pathways with errors,
the same entries in the same order.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from atmp_desktop.services import Services
from atmp_desktop.services.auth import Session
from atmp_desktop.ui.calendar_data import KIND_ORDER, LONG_KINDS, day_entries, day_summaries
from atmp_desktop.ui.calendar_load import COUNTED_STAGES
from tests.storage.helpers import session

FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
KINDS = tuple(sorted(KIND_ORDER, key=KIND_ORDER.__getitem__))


def from_rows(svc, site, ongoing, first=FIRST, last=LAST):
    rows = svc.pathways.events_between(first, last, site, stages=COUNTED_STAGES)
    return day_entries(rows, first, last, ongoing)


def page(svc, day, site=None, ongoing=False, limit=10_000, offset=0):
    return svc.pathways.day_events(day, site, COUNTED_STAGES, long_kinds=LONG_KINDS, show_ongoing=ongoing,
                                   kind_order=KINDS, limit=limit, offset=offset)


@pytest.mark.parametrize("site", [None, "huddinge"])
@pytest.mark.parametrize("ongoing", [False, True])
def test_day_counts_are_those_of_the_rows(svc, site, ongoing):
    entries = from_rows(svc, site, ongoing)
    spans, with_errors = svc.pathways.event_spans(FIRST, LAST, site, stages=COUNTED_STAGES)
    summaries = day_summaries(spans, with_errors, FIRST, LAST, ongoing)
    assert set(summaries) == set(entries)
    busy = 0
    for day, items in entries.items():
        s = summaries[day]
        kinds: dict[str, int] = {}
        for e in sorted(items, key=lambda e: KIND_ORDER.get(e.row.kind, 99)):
            kinds[e.row.kind] = kinds.get(e.row.kind, 0) + 1
        assert s.listed == len(items), day
        assert s.kinds == tuple(kinds.items()), day
        assert s.error_pathways == len({e.pathway_id for e in items if e.has_errors}), day
        busy += bool(items)
    assert busy > 10
    assert any(s.error_pathways for s in summaries.values())  # the demo has pathways with open errors


@pytest.mark.parametrize("site", [None, "lund"])
@pytest.mark.parametrize("ongoing", [False, True])
def test_a_days_page_is_the_days_entries_in_order(svc, site, ongoing):
    entries = from_rows(svc, site, ongoing)
    checked = 0
    for day in (FIRST + timedelta(days=i) for i in range(30)):
        want = [e.row for e in entries[day]]
        got = page(svc, day, site, ongoing)
        assert got == want, day
        checked += len(want)
        if len(want) > 3:  # pages from an offset: the same order, cut
            assert page(svc, day, site, ongoing, limit=2, offset=1) == want[1:3]
            assert page(svc, day, site, ongoing, limit=5, offset=len(want) - 2) == want[-2:]
    assert checked > 30


def test_a_users_site_scope_limits_counts_and_pages(svc):
    lund = Services(svc.store, Session("coordinator-lund", "coordinator", "coordinator", sites=frozenset({"lund"})))
    spans, with_errors = lund.pathways.event_spans(FIRST, LAST, stages=COUNTED_STAGES)
    lund_spans, lund_errors = svc.pathways.event_spans(FIRST, LAST, "lund", stages=COUNTED_STAGES)
    assert sorted(spans) == sorted(lund_spans) and sorted(with_errors) == sorted(lund_errors)
    all_spans, _ = svc.pathways.event_spans(FIRST, LAST, stages=COUNTED_STAGES)
    assert sum(n for *_, n in spans) < sum(n for *_, n in all_spans)
    day = max(from_rows(svc, "lund", False).items(), key=lambda kv: len(kv[1]))[0]
    assert {r.site for r in page(lund, day)} == {"lund"}
    assert page(lund, day) == page(svc, day, "lund")


@pytest.mark.parametrize("stages", [COUNTED_STAGES, ("infused",), ("cancelled",), ("cancelled", "infused")])
def test_the_counts_keep_the_stages_asked_for_and_leave_out_the_others(svc, stages):
    # Many stages are looked up as the pathways *not* in them (the shorter list), few as those in them.
    coordinator = Services(svc.store, session("coordinator"))
    early = ["awaiting_apheresis", "in_manufacturing", "product_in_storage"]
    active = sorted({r.pathway_id for r in svc.pathways.events_between(FIRST, LAST, stages=early)})
    for pid in active[:3]:  # a few more cancelled pathways with events this month (the demo has one)
        sp = coordinator.pathways.get(pid)
        coordinator.pathways.cancel(sp.id, sp.version, "test: patient withdrew")
    every = svc.pathways.events_between(FIRST, LAST)
    cancelled = {r.pathway_id for r in every if r.stage == "cancelled"}
    assert len(cancelled) >= 3 and "infused" in {r.stage for r in every}  # so that leaving some out is tested
    want: dict[tuple, int] = {}
    for r in every:
        if r.stage in stages:
            key = (r.first_day, r.last_day, r.kind)
            want[key] = want.get(key, 0) + 1
    spans, with_errors = svc.pathways.event_spans(FIRST, LAST, stages=stages)
    assert {(a, b, kind): n for a, b, kind, n in spans} == want
    assert sorted(with_errors) == sorted((r.first_day, r.last_day, r.kind, r.pathway_id) for r in every
                                         if r.stage in stages and r.open_errors)
    day = max(want, key=want.get)[0]
    assert {r.stage for r in page(svc, day)} <= set(COUNTED_STAGES)
    assert all(r.stage in stages for r in svc.pathways.day_events(day, None, stages, limit=10_000))
