"""``plan --earliest/--site`` and ``replan`` over a real demo store (issue 6)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.domain.pathway import parse_document
from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.services.capacity import CapacityService
from tests.storage.helpers import demo_store, drop, PASSWORDS, TODAY, file_hash, services
from tests.storage.test_capacity_service import (
    QUIET_MONDAY,
    create_planned,
    dump_hash,
    ld_started_pathway,
    set_capacity,
)


@pytest.fixture
def demo_db(backend, tmp_path_factory, tmp_path):
    target = demo_store(backend, tmp_path_factory, tmp_path)
    yield target
    drop(target)


def cli(capsys, *argv):
    code = run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def act_as(monkeypatch, user: str, password: str | None = None) -> None:
    monkeypatch.setenv("ATMP_USER", user)
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS[user] if password is None else password)


def one_line(err: str) -> str:
    assert err.startswith("atmp-desktop: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


def book(path, request: PlanRequest, site: str = "huddinge") -> int:
    """Store the earliest feasible plan for *request* (a coordinator, through the services)."""
    svc = services(path, "coordinator")
    try:
        return create_planned(svc, CapacityService(svc).earliest(request, site).pathway, site)
    finally:
        svc.close()


# -- plan --earliest ------------------------------------------------------------------------


def test_a_taken_single_chair_moves_the_plan_a_day_and_the_cli_says_why(capsys, demo_db):
    set_capacity(demo_db, "huddinge-apheresis", 1)
    book(demo_db, PlanRequest("yescarta", "lbcl", apheresis=QUIET_MONDAY))
    code, out, err = cli(capsys, "plan", "--db", demo_db, "--product", "yescarta", "--indication", "lbcl",
                         "--apheresis", QUIET_MONDAY, "--earliest", "--site", "huddinge")
    assert code == 0, err
    assert "Site Karolinska Huddinge (huddinge): earliest feasible plan from 2027-03-01: apheresis 2027-03-02" in out
    assert "Later than asked: no apheresis chair on 1 March." in out
    assert "PLAN_DELAYED" in out

    code, out, _ = cli(capsys, "plan", "--db", demo_db, "--product", "yescarta", "--indication", "lbcl",
                       "--apheresis", QUIET_MONDAY, "--earliest", "--site", "huddinge", "--lang", "sv")
    assert "ingen ledig aferesplats 1 mars" in out


def test_a_full_manufacturing_week_pushes_the_plan_to_the_next_week_and_the_cli_says_so(capsys, demo_db):
    set_capacity(demo_db, "huddinge-mfg-kymriah", 1)
    request = PlanRequest("kymriah", "b-all", apheresis=QUIET_MONDAY)
    book(demo_db, request)
    code, out, err = cli(capsys, "plan", "--db", demo_db, "--product", "kymriah", "--indication", "b-all",
                         "--apheresis", QUIET_MONDAY, "--earliest", "--site", "huddinge", "--json")
    assert code == 0, err
    doc = json.loads(out)
    pathway = parse_document(doc)  # the output is a pathway document: check --file reads it back
    week = pathway.first("manufacturing").first_day(pathway.tz).isocalendar()[1]
    taken = (QUIET_MONDAY + timedelta(days=1)).isocalendar()[1]
    assert week == taken + 1 and doc["site"] == "huddinge"
    (delayed,) = [f for f in doc["findings"] if f["code"] == "PLAN_DELAYED"]
    assert f"Kymriah manufacturing slot week {taken} full" in delayed["message"]

    code, out, _ = cli(capsys, "plan", "--db", demo_db, "--product", "kymriah", "--indication", "b-all",
                       "--apheresis", QUIET_MONDAY, "--earliest", "--site", "huddinge")
    assert f"Later than asked: Kymriah manufacturing slot week {taken} full." in out


def test_the_earliest_plan_over_christmas_follows_the_site_calendar(capsys, demo_db):
    code, out, err = cli(capsys, "plan", "--db", demo_db, "--product", "kymriah", "--indication", "b-all",
                         "--apheresis", "2026-12-24", "--earliest", "--site", "huddinge")
    assert code == 0, err
    assert "apheresis 2026-12-28" in out
    assert "apheresis unit closed on 24–27 December (Christmas Eve, Christmas Day, Second Day of Christmas" in out


def test_plan_at_a_site_without_earliest_keeps_the_date_and_reports_capacity(capsys, demo_db):
    set_capacity(demo_db, "huddinge-apheresis", 1)
    pid = book(demo_db, PlanRequest("abecma", apheresis=QUIET_MONDAY))
    code, out, err = cli(capsys, "plan", "--db", demo_db, "--product", "abecma", "--apheresis", QUIET_MONDAY,
                         "--site", "huddinge")
    assert code == 0, err
    assert "2027-03-01  08:00" in out
    assert (f"CAPACITY               Apheresis chairs: 2 booked on 2027-03-01 for a capacity of 1 "
            f"(pathways {pid}, new).") in out


def test_check_names_capacity_findings_like_the_pathway_view(capsys, demo_db):
    set_capacity(demo_db, "huddinge-apheresis", 1)
    first = book(demo_db, PlanRequest("abecma", apheresis=QUIET_MONDAY))
    svc = services(demo_db, "coordinator")
    try:  # a second patient on the same single chair, booked as asked (not the earliest plan)
        plan, _ = CapacityService(svc).plan_at(PlanRequest("abecma", apheresis=QUIET_MONDAY), "huddinge")
        second = create_planned(svc, plan.pathway, "huddinge")
    finally:
        svc.close()
    line = (f"Apheresis chairs: 2 booked on 2027-03-01 for a capacity of 1 "
            f"(pathways {first}, {second}). [apheresis]")
    code, out, err = cli(capsys, "check", "--db", demo_db, "--pathway", second)
    assert f"WARNING  CAPACITY               {line}" in out, out
    code, out, err = cli(capsys, "check", "--db", demo_db, "--all")
    for pid in (first, second):
        assert f"WARNING  CAPACITY               pathway {pid}: {line}" in out
    code, out, err = cli(capsys, "check", "--db", demo_db, "--all", "--json")
    found = [f for f in json.loads(out)["findings"] if f["code"] == "CAPACITY" and f["pathway"] in (first, second)]
    # the chair, and Abecma's one manufacturing slot that week, for each of the two
    assert sorted((f["pathway"], f["event"]) for f in found) == sorted(
        (pid, event) for pid in (first, second) for event in ("apheresis", "manufacturing"))
    assert all(f["severity"] == "warning" for f in found)


@pytest.mark.parametrize("argv, message", [
    (["--apheresis", "2027-03-01", "--earliest"],
     "the store has 3 sites (huddinge, lund, uppsala); name one with --site ID"),
    (["--apheresis", "2027-03-01", "--earliest", "--site", "malmo"],
     "there is no site 'malmo'; known: huddinge, lund, uppsala"),
    (["--infusion", "2027-03-01", "--earliest", "--site", "lund"], "give --apheresis, not --infusion"),
    (["--apheresis", "2027-03-01", "--earliest", "--site", "lund", "--indication", "mm"], "unknown indication"),
])
def test_plan_earliest_refuses_bad_input_in_one_line(capsys, demo_db, argv, message):
    state = dump_hash(demo_db)
    code, out, err = cli(capsys, "plan", "--db", demo_db, "--product", "kymriah", *argv)
    assert code == 2 and out == ""
    assert message in one_line(err)
    assert dump_hash(demo_db) == state


def test_plan_earliest_without_a_database_says_so(capsys, tmp_path):
    code, _, err = cli(capsys, "plan", "--db", tmp_path / "none.db", "--product", "kymriah",
                       "--apheresis", "2027-03-01", "--earliest")
    assert code == 2 and "there is no database at" in one_line(err)
    assert not (tmp_path / "none.db").exists()


# -- replan ---------------------------------------------------------------------------------


def test_replan_shows_ld_to_infusion_and_changes_nothing_until_apply(capsys, monkeypatch, demo_db):
    pid = ld_started_pathway(demo_db)
    state = (file_hash(demo_db), dump_hash(demo_db))

    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "manufacturing",
                         "--shift", 5, "--today", TODAY)
    assert code == 1, err  # the proposal carries an error finding
    assert "Manufacturing release moved by +5 day(s)" in out
    assert "* product receipt" in out and "* infusion" in out
    appeared = out.split("Findings that appear")[1].split("Findings that disappear")[0]
    assert "LD_TO_INFUSION" in appeared
    assert "Consider repeating lymphodepletion" in out
    assert out.rstrip().endswith("Proposal only: nothing is saved until the coordinator confirms it with a reason.")

    code, out, _ = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "manufacturing",
                       "--shift", 5, "--json")
    proposal = json.loads(out)
    assert proposal["applied"] is False and proposal["pathway_id"] == pid
    assert "LD_TO_INFUSION" in [f["code"] for f in proposal["findings"]["appeared"]]
    revised = parse_document(proposal["pathway"])
    assert (file_hash(demo_db), dump_hash(demo_db)) == state  # nothing changed by proposing

    act_as(monkeypatch, "coordinator")
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "manufacturing",
                         "--shift", 5, "--today", TODAY, "--apply", "--reason", "Manufacturer delayed release 5 days")
    assert code == 1, err  # applied; the error it brings is still open
    assert f"Applied the proposal: pathway {pid} is now version 4" in out
    assert "Proposal only" not in out
    assert dump_hash(demo_db) != state[1]

    code, out, _ = cli(capsys, "audit", "list", "--db", demo_db, "--pathway", pid, "--json")
    (latest, *_) = json.loads(out)["entries"]
    assert latest["user"] == "coordinator"
    assert latest["reason"].startswith("Manufacturer delayed release 5 days (replanned: Manufacturing release moved")

    code, out, _ = cli(capsys, "export", "--db", demo_db, "--pathway", pid)
    assert parse_document(json.loads(out)).infusion_day() == revised.infusion_day()
    code, out, _ = cli(capsys, "check", "--db", demo_db, "--pathway", pid)
    assert code == 1 and "LD_TO_INFUSION" in out


@pytest.mark.parametrize("user, password, extra, message", [
    ("nurse", None, ["--reason", "tired of waiting"], "only a coordinator may"),
    ("coordinator", "wrong-password", ["--reason", "x"], "unknown user or wrong password"),
    ("coordinator", None, [], "--apply needs --reason TEXT"),
    ("coordinator", None, ["--reason", " "], "--apply needs --reason TEXT"),
    ("coordinator", None, ["--reason", "x", "--expected-version", "1"], "was changed by nurse"),
    ("coordinator", None, ["--reason", "x", "--suggestion", "2"], "no suggestion 2"),
])
def test_replan_apply_refusals_change_nothing(capsys, monkeypatch, demo_db, user, password, extra, message):
    pid = ld_started_pathway(demo_db)
    state = (file_hash(demo_db), dump_hash(demo_db))
    act_as(monkeypatch, user, password)
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "manufacturing",
                         "--shift", 5, "--apply", *extra)
    assert code == 2 and out == ""
    assert message in one_line(err)
    assert (file_hash(demo_db), dump_hash(demo_db)) == state


@pytest.mark.parametrize("argv, message", [
    (["--event", "thaw", "--shift", "2"], "invalid choice: 'thaw'"),
    (["--event", "infusion", "--shift", "two"], "invalid int value: 'two'"),
    (["--event", "infusion", "--shift", "0"], "a shift of 0 days changes nothing"),
    (["--event", "manufacturing", "--shift", "3", "--suggestion", "1"], "are for --apply"),
])
def test_replan_refuses_bad_input_in_one_line(capsys, demo_db, argv, message):
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", "1", *argv)
    assert code == 2 and out == ""
    assert message in one_line(err)


def test_replan_of_an_unknown_cancelled_or_finished_pathway_is_refused(capsys, demo_db):
    svc = services(demo_db)
    rows = svc.pathways.rows()
    svc.close()
    cancelled = next(r.id for r in rows if r.stage == "cancelled")
    completed = next(r.id for r in rows if r.stage == "completed")
    for pid, message in ((99999, "there is no pathway 99999"), (cancelled, "is cancelled"),
                         (completed, "infusion already happened on")):
        code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "infusion",
                             "--shift", 2)
        assert code == 2 and message in one_line(err), (pid, err)


def test_replan_an_infusion_moved_onto_a_weekend_lands_on_an_open_day(capsys, demo_db):
    pid = book(demo_db, PlanRequest("yescarta", "lbcl", apheresis=QUIET_MONDAY))
    svc = services(demo_db)
    infusion = svc.pathways.get(pid).pathway.infusion_day()
    svc.close()
    shift = (5 - infusion.weekday()) % 7 or 7  # to the next Saturday
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "infusion",
                         "--shift", shift, "--json")
    assert code == 0, err
    moved = parse_document(json.loads(out)["pathway"]).infusion_day()
    assert moved == infusion + timedelta(days=shift + 2) and moved.weekday() == 0
    assert date.fromisoformat(json.loads(out)["events"][-1]["after"]["start"][:10]) >= moved


def test_replan_applies_the_repeat_lymphodepletion_suggestion(capsys, monkeypatch, demo_db):
    pid = ld_started_pathway(demo_db)
    act_as(monkeypatch, "coordinator")
    code, out, err = cli(capsys, "replan", "--db", demo_db, "--pathway", pid, "--event", "manufacturing",
                         "--shift", 5, "--today", TODAY, "--apply", "--suggestion", 1,
                         "--reason", "Release delayed; repeat lymphodepletion agreed with the physician")
    # Still 1: the first course was given before the product arrived (PRODUCT_NOT_AVAILABLE stays open).
    assert code == 1, err
    assert f"Applied suggestion 1: pathway {pid} is now version 4" in out
    code, out, _ = cli(capsys, "export", "--db", demo_db, "--pathway", pid)
    stored = parse_document(json.loads(out))
    assert [e.note for e in stored.of("lymphodepletion")] == [None, "repeat lymphodepletion"]
    code, out, _ = cli(capsys, "check", "--db", demo_db, "--pathway", pid)
    assert "LD_TO_INFUSION" not in out
    code, out, _ = cli(capsys, "audit", "list", "--db", demo_db, "--pathway", pid, "--json")
    reason = json.loads(out)["entries"][0]["reason"]
    assert reason.startswith("Release delayed; repeat lymphodepletion agreed with the physician (replanned:")
    assert "Consider repeating lymphodepletion" in reason
