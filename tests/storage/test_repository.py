"""Pathways to rows and back: what is loaded is what was saved, in the form the domain builds."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from atmp_desktop.domain.pathway import Pathway, parse_document
from atmp_desktop.domain.planner import PlanRequest, Planner
from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from atmp_desktop.storage.pathways import _stored_pathway
from tests.storage.helpers import session


def test_loaded_pathways_equal_the_domains_own_construction(demo_db):
    """The fast loader skips Pathway.__post_init__; order and labels must still be what relabel gives."""
    with Store.open(demo_db) as store:
        for sp in Services(store).pathways.load_all():
            p = sp.pathway
            rebuilt = parse_document(p.to_document())
            assert [(e.label, e.kind) for e in p.events] == [(e.label, e.kind) for e in rebuilt.events]
            assert rebuilt.to_document() == p.to_document()
            fresh = Pathway(product=p.product, region=p.region, events=list(p.events))
            assert [e.label for e in fresh.events] == [e.label for e in p.events]


def test_a_split_dose_pathway_keeps_its_numbered_labels(demo_db):
    with Store.open(demo_db) as store:
        split = [sp for sp in Services(store).pathways.load_all() if sp.product == "aucatzyl"]
    assert split
    labels = [e.label for e in split[0].pathway.events]
    assert "infusion#1" in labels and "infusion#2" in labels and "thaw#2" in labels


def test_times_come_back_in_the_pathways_zone_and_mean_the_same_moment(demo_db):
    svc = Services(Store.open(demo_db), session("coordinator"))
    try:
        patient = svc.patients.create(identifier="198112189876", given_name="A", family_name="B",
                                      treating_site="lund")
        plan = Planner().plan(PlanRequest("abecma", apheresis=date(2027, 3, 22)))  # DST change on 28 March
        thaw = plan.pathway.first("thaw")
        thaw.start = datetime(2027, 3, 28, 0, 30, tzinfo=timezone.utc)  # 01:30 CET, the night clocks go forward
        sp = svc.pathways.create(patient.id, plan.pathway)
        loaded = svc.pathways.get(sp.id).pathway.first("thaw")
        assert loaded.start == thaw.start
        assert loaded.start.tzinfo is ZoneInfo("Europe/Stockholm")
        assert (loaded.start + timedelta(days=1)).hour == 1  # wall-clock arithmetic stays local
        row = svc.store.fetchone("SELECT planned_start FROM events WHERE pathway_id = ? AND kind = 'thaw'", [sp.id])
        assert row[0] == "2027-03-28T01:30:00+01:00"
    finally:
        svc.close()


def test_new_pathway_fields_get_their_defaults():
    p = _stored_pathway(product="kymriah", events=[], extra={})
    for f in fields(Pathway):
        assert hasattr(p, f.name), f.name
