"""Kept findings (issue 11): what has not changed is not checked again, and what changed always is."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from atmp_desktop.domain import checks
from atmp_desktop.domain.findings import Finding, Severity, warning
from atmp_desktop.services import Services
from atmp_desktop.services import finding_stamps
from atmp_desktop.storage import Store
from atmp_desktop.storage.finding_cache import decode, decode_by_pathway, encode, encode_by_pathway
from tests.storage.helpers import as_

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def counted(monkeypatch):
    """How many pathways the domain checks were run on (the real checks, counted)."""
    calls = []
    real = checks.check_pathway

    def counting(pathway, **kwargs):
        calls.append(pathway)
        return real(pathway, **kwargs)

    monkeypatch.setattr(checks, "check_pathway", counting)
    return calls


def fresh(svc: Services) -> list[tuple[int, list[Finding]]]:
    """Every pathway checked afresh, nothing kept used (one core)."""
    return [(sp.id, f) for sp, f in svc.pathways.check_all()]


def test_a_second_check_of_everything_checks_nothing_and_answers_the_same(svc, counted):
    first = svc.pathways.findings_by_id()
    assert len(counted) == len(first) > 50
    counted.clear()
    again = svc.pathways.findings_by_id()
    assert counted == [] and again == first == fresh(svc)
    # A new process (a fresh Services over a new connection) uses them too.
    with Store.open(svc.store.path) as store:
        counted.clear()
        assert Services(store).pathways.findings_by_id() == first and counted == []


def test_a_save_makes_only_that_pathways_findings_stale(svc, counted):
    svc.pathways.findings_by_id()
    as_(svc, "coordinator")
    row = next(r for r in svc.pathways.rows() if r.stage == "awaiting_apheresis")
    sp = svc.pathways.get(row.id)
    apheresis = sp.pathway.first("apheresis")
    later = timedelta(days=1)
    sp.pathway.events[sp.pathway.events.index(apheresis)] = replace(
        apheresis, start=apheresis.start + later, end=None if apheresis.end is None else apheresis.end + later,
        _day_cache=None)
    counted.clear()
    svc.pathways.save(sp, "test: apheresis a day later")
    saved_checks = len(counted)  # the save works out the new findings (and keeps them)
    counted.clear()
    assert svc.pathways.findings_by_id() == fresh(svc)
    assert saved_checks >= 1
    counted.clear()
    svc.pathways.findings_by_id()
    assert counted == []


def test_a_calendar_change_makes_the_sites_findings_stale(svc, counted):
    svc.pathways.findings_by_id()
    as_(svc, "admin")
    site = svc.sites.get("huddinge")
    sp = svc.pathways.get(next(r.id for r in svc.pathways.rows(site="huddinge") if r.stage == "awaiting_apheresis"))
    day = sp.pathway.first("apheresis").first_day(sp.pathway.tz)
    svc.sites.save(replace(site, calendar=replace(site.calendar, extra_closed={day: "Verksamhetsdag"})), "staff day")
    with Store.open(svc.store.path) as store:  # another process, after the change
        other = Services(store)
        found = dict(other.pathways.findings_by_id())
        assert "NON_WORKING_DAY" in {f.code for f in found[sp.id]}
        assert list(found.items()) == fresh(other)


def test_a_product_profile_change_makes_its_pathways_findings_stale(svc, counted, monkeypatch):
    svc.pathways.findings_by_id()
    first_profile = svc.products.profile
    calls = []

    def changed_profile(product, region="EU", version=None):
        calls.append(product)
        profile = first_profile(product, region, version)
        return replace(profile, name=profile.name + " (changed)") if product == "kymriah" else profile

    monkeypatch.setattr(svc.products, "profile", changed_profile)
    counted.clear()
    svc.pathways.findings_by_id()
    kymriah = [r.id for r in svc.pathways.rows() if r.product == "kymriah" and r.stage != "cancelled"]
    assert kymriah and {p.product for p in counted} == {"kymriah"} and len(counted) == len(kymriah)


def test_new_rules_make_every_kept_finding_stale(svc, counted, monkeypatch):
    first = svc.pathways.findings_by_id()
    monkeypatch.setattr(finding_stamps, "rules_revision", lambda capacity=False: "a later version's rules")
    with Store.open(svc.store.path) as store:
        counted.clear()
        assert Services(store).pathways.findings_by_id() == first
        assert len(counted) == len(first)


def test_a_damaged_kept_row_is_checked_again_not_an_error(svc, counted):
    first = svc.pathways.findings_by_id()
    with svc.store.write():
        svc.store.execute("UPDATE finding_cache SET findings = '[[\"NO_SUCH_CODE\"' WHERE pathway_id = ?",
                          [first[0][0]])
    counted.clear()
    assert svc.pathways.findings_by_id() == first and len(counted) == 1
    assert svc.pathways.check(first[0][0]) == first[0][1]


def test_one_pathways_check_uses_and_fills_what_is_kept(svc, counted):
    pid = svc.pathways.rows()[0].id
    found = svc.pathways.check(pid)
    assert len(counted) == 1
    counted.clear()
    assert svc.pathways.check(pid) == found and counted == []


def test_findings_of_loaded_pathways_use_what_is_kept(svc, counted):
    loaded = svc.pathways.load_many([r.id for r in svc.pathways.rows()][:10])
    first = svc.pathways.saved_findings(loaded)
    assert len(counted) == 10 and first == {sp.id: svc.pathways.findings(sp) for sp in loaded}
    counted.clear()
    assert svc.pathways.saved_findings(svc.pathways.load_many(first)) == first and counted == []


@pytest.mark.sqlite_only("file permissions")
def test_a_read_only_file_is_checked_and_nothing_is_written(demo_db, counted):
    os.chmod(demo_db, stat.S_IRUSR)
    try:
        before = demo_db.read_bytes()
        with Store.open(demo_db, write=False) as store:
            assert store.read_only
            svc = Services(store)
            first = svc.pathways.findings_by_id()
            counted.clear()
            assert svc.pathways.findings_by_id() == first and len(counted) == len(first)  # nothing kept
            assert svc.capacity.findings_by_pathway()
        assert demo_db.read_bytes() == before
    finally:
        os.chmod(demo_db, stat.S_IRUSR | stat.S_IWUSR)


def test_capacity_findings_are_kept_until_an_active_pathway_changes(svc, monkeypatch):
    first = svc.capacity.findings_by_pathway()
    counts = []
    real = svc.capacity._findings_by_pathway
    monkeypatch.setattr(svc.capacity, "_findings_by_pathway", lambda *a: counts.append(1) or real(*a))
    assert svc.capacity.findings_by_pathway() == first and counts == []
    as_(svc, "coordinator")
    row = next(r for r in svc.pathways.rows() if r.stage == "awaiting_apheresis")
    svc.pathways.cancel(row.id, row.version, "test: patient withdrew")
    svc.capacity.invalidate()
    after = svc.capacity.findings_by_pathway()
    assert counts == [1] and row.id not in after  # only the site of the cancelled pathway was counted again
    with Store.open(svc.store.path) as store:
        other = Services(store).capacity
        assert other.findings_by_pathway() == after
        assert other.findings_by_pathway("lund") == {
            pid: f for pid, f in after.items() if svc.pathways.get(pid).site == "lund"}


def test_findings_keep_their_parameters_types():
    when = datetime(2026, 3, 29, 3, 30, tzinfo=STOCKHOLM)
    findings = [
        warning("THAW_TO_INFUSION", "thaw.unknown", "thaw", product="Kymriah"),
        Finding("PRODUCT_EXPIRED", Severity.ERROR, "expiry.unknown", {"day": date(2026, 12, 24), "at": when,
                                                                       "ids": ("1", "2"), "nested": {"n": [1, (2, 3)]}}, "infusion"),
    ]
    back = decode(encode(findings))
    assert back == findings and back[1].params["at"].utcoffset() == timedelta(hours=2)
    shared = findings[0]
    by_pathway = {1: [shared], 2: [shared, findings[1]], 3: []}
    assert decode_by_pathway(encode_by_pathway(by_pathway)) == by_pathway
