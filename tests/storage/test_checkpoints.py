"""Signed audit checkpoints: 'audit verify' checks what came after the last one; '--full' checks everything."""

from __future__ import annotations

import pytest
import json
import stat

from atmp_desktop.cli.main import run
from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from atmp_desktop.storage import checkpoints
from atmp_desktop.storage.audit import verify
from tests.storage.helpers import session, shell




def verify_json(capsys, path, *extra: str) -> tuple[int, dict]:
    code = run(["audit", "verify", "--json", "--db", str(path), *extra])
    return code, json.loads(capsys.readouterr().out)


def a_change(path) -> int:
    """A pharmacist records a note through the application; returns the pathway id."""
    with Store.open(path) as store:
        svc = Services(store, session("pharmacist"))
        sp = svc.pathways.get(4)
        storage = sp.pathway.first("storage")
        svc.pathways.record_actual(sp.id, sp.version, "storage", storage.when, note="checked twice")
        return sp.id


def test_without_a_checkpoint_the_full_verify_runs_and_leaves_one(demo_db, capsys):
    code, report = verify_json(capsys, demo_db)
    assert code == 0 and report["checkpoint"] is None
    code, again = verify_json(capsys, demo_db)
    assert code == 0 and again["checkpoint"] is not None
    assert again["entries"] == report["entries"] and again["rows"] == report["rows"]
    assert stat.S_IMODE(checkpoints.key_path().stat().st_mode) == 0o600


def test_changes_through_the_application_verify_from_the_checkpoint(demo_db, capsys):
    verify_json(capsys, demo_db)
    _, first = verify_json(capsys, demo_db)
    a_change(demo_db)
    code, report = verify_json(capsys, demo_db)
    assert code == 0 and report["checkpoint"] == first["checkpoint"]
    assert report["entries"] == first["entries"] + 1
    code, full = verify_json(capsys, demo_db, "--full")
    assert code == 0 and full["checkpoint"] is None and full["entries"] == report["entries"]


def test_an_entry_after_the_checkpoint_changed_with_the_shell_is_found(demo_db, capsys):
    verify_json(capsys, demo_db)
    a_change(demo_db)
    last = int(shell(demo_db, "SELECT MAX(id) FROM audit"))
    shell(demo_db, f"DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'edited' WHERE id = {last};")
    code, report = verify_json(capsys, demo_db)
    assert code == 1 and report["checkpoint"] is not None and report["first_bad_entry"] == last
    assert any("protection trigger audit_no_update" in p["message"] for p in report["problems"])


def test_a_row_changed_after_the_checkpoint_is_found(demo_db, capsys):
    verify_json(capsys, demo_db)
    pid = a_change(demo_db)
    shell(demo_db, f"UPDATE events SET note = 'forged' WHERE pathway_id = {pid} AND kind = 'storage'")
    code, report = verify_json(capsys, demo_db)
    assert code == 1 and report["checkpoint"] is not None
    assert any(p["table"] == "pathways" and p["row"] == str(pid) for p in report["problems"])


def test_a_row_added_outside_the_application_is_found_by_the_counts(demo_db, capsys):
    verify_json(capsys, demo_db)
    shell(demo_db, "INSERT INTO sites (id, name, timezone, calendar, updated_by, updated_at)"
                   " SELECT 'ghost', 'Ghost', timezone, calendar, updated_by, updated_at FROM sites LIMIT 1")
    code, report = verify_json(capsys, demo_db)
    assert code == 1 and report["checkpoint"] is not None
    assert "sites has 4 rows, but the audit trail accounts for 3" in report["problems"][0]["message"]


def test_a_row_changed_in_place_before_the_checkpoint_needs_the_full_verify(demo_db, capsys):
    verify_json(capsys, demo_db)
    shell(demo_db, "UPDATE patients SET given_name = 'Changed' WHERE id = 7")
    code, report = verify_json(capsys, demo_db)
    assert code == 0 and report["checkpoint"] is not None  # what the incremental verify does not read
    code, full = verify_json(capsys, demo_db, "--full")
    assert code == 1 and any(p["table"] == "patients" and p["row"] == "7" for p in full["problems"])


def test_a_forged_checkpoint_is_a_problem(demo_db, capsys):
    verify_json(capsys, demo_db)
    a_change(demo_db)
    shell(demo_db, "UPDATE audit_checkpoints SET entry_id = entry_id + 1")
    code, report = verify_json(capsys, demo_db)
    assert code == 1 and "does not match its signature" in report["problems"][0]["message"]


def test_entries_rewritten_up_to_the_checkpoint_are_found(demo_db, capsys):
    verify_json(capsys, demo_db)
    head = shell(demo_db, "SELECT MAX(id) FROM audit").strip()
    shell(demo_db, f"DROP TRIGGER audit_no_update; UPDATE audit SET hash = 'x' || substr(hash, 2) WHERE id = {head};"
                   "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
                   " BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;")
    code, report = verify_json(capsys, demo_db)
    assert code == 1 and f"audit entry {head} is not what the checkpoint" in report["problems"][0]["message"]


def test_another_installations_checkpoint_is_passed_over(demo_db, capsys):
    verify_json(capsys, demo_db)
    checkpoints.key_path().unlink()  # another workstation: another key
    code, report = verify_json(capsys, demo_db)
    assert code == 0 and report["checkpoint"] is None  # the full verify ran
    with Store.open(demo_db) as store:
        key = checkpoints.signing_key()
        assert checkpoints.latest(store, key)[0] is not None  # and left one of this key's


@pytest.mark.sqlite_only("file permissions")
def test_a_read_only_store_is_verified_without_a_checkpoint(demo_db):
    demo_db.chmod(0o400)
    try:
        with Store.open(demo_db, write=False) as store:
            assert verify(store).ok and verify(store, full=False).checkpoint is None
    finally:
        demo_db.chmod(0o600)
