"""The audit trail: every change writes a chained entry; 'audit verify' finds changes made outside the app."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.services import Services
from atmp_desktop.storage import Store, StoreError
from atmp_desktop.storage.audit import verify
from tests.storage.helpers import session, shell




def verify_cli(capsys, path):
    code = run(["audit", "verify", "--db", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_demo_trail_is_intact(demo_db, capsys):
    code, out, _ = verify_cli(capsys, demo_db)
    assert code == 0
    assert "intact" in out


def test_every_change_writes_one_entry_in_the_same_transaction(demo_db):
    with Store.open(demo_db) as store:
        svc = Services(store, session("pharmacist"))
        before = svc.audit.count()
        sp = svc.pathways.get(4)
        storage = sp.pathway.first("storage")
        svc.pathways.record_actual(sp.id, sp.version, "storage", storage.when, note="checked twice")
        entries = svc.audit.entries(pathway_id=4, limit=1)
        assert svc.audit.count() == before + 1
        e = entries[0]
        assert (e.username, e.table, e.row_id, e.action) == ("pharmacist", "pathways", "4", "update")
        assert e.before["version"] + 1 == e.after["version"]
        assert [ev["note"] for ev in e.after["events"] if ev["kind"] == "storage"] == ["checked twice"]
        assert e.patient_id == sp.patient_id
        assert verify(store).ok


def test_an_audit_row_changed_with_the_sqlite3_shell_is_found(demo_db, capsys):
    shell(demo_db, "DROP TRIGGER audit_no_update; UPDATE audit SET username = 'someone' WHERE id = 42;")
    code, out, _ = verify_cli(capsys, demo_db)
    assert code == 1
    assert out.splitlines()[0].startswith("Audit trail NOT intact: audit entry 42 ")
    assert "changed outside the application" in out


def test_a_deleted_audit_row_breaks_the_chain(demo_db, capsys):
    shell(demo_db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 7;")
    code, out, _ = verify_cli(capsys, demo_db)
    assert code == 1
    assert "audit entry 8 does not follow the entry before it" in out.splitlines()[0]


def test_a_clinical_row_changed_with_the_shell_is_found(demo_db, capsys):
    with Store.open(demo_db) as store:
        last = store.repos.audit.entries(table="pathways", row_id="12", limit=1)[0].id
    shell(demo_db, "UPDATE events SET planned_start = '2026-12-09' WHERE pathway_id = 12 AND kind = 'lymphodepletion';")
    code, out, _ = verify_cli(capsys, demo_db)
    assert code == 1
    assert f"row 12 of pathways does not match audit entry {last}" in out


@pytest.mark.parametrize("sql, words", [
    ("UPDATE patients SET weight_kg = 99.5 WHERE id = 3", "row 3 of patients does not match"),
    ("DELETE FROM resources WHERE id = 'lund-thaw'", "row lund-thaw of resources is missing"),
    ("INSERT INTO sites (id, name, timezone, calendar, updated_by, updated_at) "
     "VALUES ('x', 'X', 'Europe/Stockholm', '{}', 'me', 'now')", "row x of sites has no audit entry"),
    ("UPDATE users SET role = 'administrator' WHERE username = 'nurse'", "row nurse of users does not match"),
    ("UPDATE users SET password_hash = 'abc' WHERE username = 'nurse'", "row nurse of users does not match"),
])
def test_other_tables_changed_outside_are_found(demo_db, capsys, sql, words):
    shell(demo_db, sql)
    code, out, _ = verify_cli(capsys, demo_db)
    assert code == 1
    assert words in out


def test_the_json_report_names_the_first_bad_entry(demo_db, capsys):
    shell(demo_db, "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'edited' WHERE id = 30;")
    code = run(["audit", "verify", "--json", "--db", str(demo_db)])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["ok"] is False and report["first_bad_entry"] == 30


def test_the_application_cannot_change_or_delete_audit_rows(demo_db):
    with Store.open(demo_db) as store:
        for sql in ("UPDATE audit SET reason = 'x' WHERE id = 1", "DELETE FROM audit WHERE id = 1"):
            with pytest.raises(StoreError, match="audit trail cannot be changed"):
                with store.write():
                    store.execute(sql)
        assert verify(store).ok


def test_passwords_never_reach_the_audit_trail(demo_db):
    with Store.open(demo_db) as store:
        text = " ".join(r[0] or "" for r in store.fetchall("SELECT after FROM audit WHERE tbl = 'users'"))
        hashes = [r[0] for r in store.fetchall("SELECT password_hash FROM users")]
    assert "nurse-demo" not in text
    assert not any(h in text for h in hashes)
    assert "credentials" in text


def test_entries_filter_by_patient_user_and_day(demo_db):
    with Store.open(demo_db) as store:
        svc = Services(store, session("coordinator"))
        sp = svc.pathways.get(2)
        svc.pathways.cancel(sp.id, sp.version, "patient moved to another region")
        mine = svc.audit.entries(username="coordinator")
        assert [e.action for e in mine] == ["update"]
        by_patient = svc.audit.entries(patient_id=sp.patient_id, newest_first=False)
        assert [e.table for e in by_patient] == ["patients", "pathways", "pathways"]
        day = mine[0].at.date()
        assert svc.audit.entries(since=day, until=day, username="coordinator") == mine
        assert svc.audit.entries(since=day + timedelta(days=1), username="coordinator") == []
