"""``replan`` on Casgevy pathways (issue 13): mobilisation cycles moved onto open days, busulfan
conditioning postponed, and a busulfan window missed refused with nothing written, on both back ends."""

from __future__ import annotations

import json
from datetime import date

import pytest

from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.pathway import parse_document
from atmp_desktop.domain.planner import PlanRequest
from tests.cli.test_capacity_cli import act_as, book, cli, one_line
from tests.storage.helpers import TODAY, demo_store, drop, file_hash, services
from tests.storage.test_capacity_service import QUIET_MONDAY, dump_hash
from tests.ui.protocol_pathways import casgevy_in_conditioning


@pytest.fixture
def demo_db(backend, tmp_path_factory, tmp_path):
    target = demo_store(backend, tmp_path_factory, tmp_path)
    yield target
    drop(target)


def under_way(demo_db) -> int:
    svc = services(demo_db)
    try:
        return casgevy_in_conditioning(svc.store)
    finally:
        svc.close()


def test_replan_moves_casgevy_cycles_onto_open_apheresis_days(capsys, demo_db):
    pid = book(demo_db, PlanRequest("casgevy", "tdt", "US", apheresis=QUIET_MONDAY, conditioning_days=4,
                                    apheresis_cycles=2))
    state = (file_hash(demo_db), dump_hash(demo_db))
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "apheresis",
                         "--shift", 3, "--json")
    assert code == 0, err
    proposal = json.loads(out)
    revised = parse_document(proposal["pathway"])
    collections = [e.first_day(revised.tz) for e in revised.of("apheresis")]
    assert len(collections) == 4 and collections == sorted(collections)
    assert all(SiteCalendar().is_open(d, "apheresis") for d in collections)
    moved = {e["event"] for e in proposal["events"] if e["status"] == "moved"}
    assert {"mobilisation#1", "mobilisation#2", "apheresis#1", "apheresis#4", "conditioning", "infusion"} <= moved
    assert not proposal["has_error"] and proposal["refused"] is None
    assert (file_hash(demo_db), dump_hash(demo_db)) == state  # nothing saved by proposing

    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "conditioning",
                         "--shift", 2, "--lang", "sv")
    assert code == 0, err
    assert "Konditioneringen flyttad +2 dag(ar)" in out and "* konditionering" in out


def test_replan_of_casgevy_refuses_an_infusion_past_the_busulfan_window(capsys, monkeypatch, demo_db):
    pid = under_way(demo_db)
    state = (file_hash(demo_db), dump_hash(demo_db))
    # last busulfan dose 24 November; 1 December is day 7 after it: allowed
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "infusion",
                         "--shift", 4, "--today", TODAY)
    assert code == 0, err
    assert "Infusion moved by +4 day(s)" in out and "Cannot be applied" not in out
    # 2 December is day 8: the proposal carries the error and says it cannot be applied
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "infusion",
                         "--shift", 5, "--today", TODAY)
    assert code == 1, err
    appeared = out.split("Findings that appear")[1].split("Findings that disappear")[0]
    assert "CONDITIONING_TO_INFUSION" in appeared
    refused = out.split("Cannot be applied")[1]
    assert "busulfan conditioning was given (last dose 2026-11-24)" in refused.lower()
    assert "not repeated" in refused

    act_as(monkeypatch, "coordinator")
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "infusion",
                         "--shift", 5, "--today", TODAY, "--apply", "--reason", "ward full")
    assert code == 2 and out == ""
    assert "the proposal cannot be applied" in one_line(err)
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "infusion",
                         "--shift", 5, "--today", TODAY, "--lang", "sv")
    assert code == 1 and "Kan inte tillämpas" in out and "upprepas inte" in out
    assert (file_hash(demo_db), dump_hash(demo_db)) == state

    # the busulfan course has started: it is not moved, said in one line
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "conditioning",
                         "--shift", 1)
    assert code == 2 and "not repeated" in one_line(err)


def test_plan_earliest_includes_mobilisation_and_conditioning(capsys, demo_db):
    code, out, err = cli(capsys, "plan", "--db", demo_db, "--product", "casgevy", "--indication", "tdt",
                         "--apheresis", QUIET_MONDAY, "--earliest", "--site", "huddinge", "--conditioning-days", 4,
                         "--json")
    assert code == 0, err
    doc = json.loads(out)
    p = parse_document(doc.get("pathway", doc))
    kinds = [e.kind for e in p.events]
    assert kinds[:3] == ["mobilisation", "apheresis", "apheresis"] and "conditioning" in kinds
    assert p.first("apheresis").first_day(p.tz) >= date(2027, 3, 1)
