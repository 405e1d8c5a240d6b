"""The store's commands: pathways, patients, check --pathway/--all, export, import, record, cancel,
users, info, and where the database is (--db, ATMP_DB, the per-user data folder)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.services import Services
from atmp_desktop.storage import SCHEMA_VERSION, Store
from tests.storage.helpers import demo_store, drop, PASSWORDS, file_hash


@pytest.fixture
def demo_db(backend, tmp_path_factory, tmp_path):
    target = demo_store(backend, tmp_path_factory, tmp_path)
    yield target
    drop(target)


def cli(capsys, *argv, monkeypatch=None, stdin=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def act_as(monkeypatch, user: str, password: str | None = None) -> None:
    monkeypatch.setenv("ATMP_USER", user)
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS.get(user, "") if password is None else password)


def pathway_ids(path: Path) -> tuple[int, int]:
    """A pathway with an open error and one without (from the cached counts)."""
    with Store.open(path) as store:
        rows = Services(store).pathways.rows()
    with_error = next(r.id for r in rows if r.open_errors and r.stage != "cancelled")
    clean = next(r.id for r in rows if not r.open_errors and r.stage != "cancelled")
    return with_error, clean


# -- where the database is -----------------------------------------------------------------


def test_db_goes_before_or_after_the_command_and_from_the_environment(demo_db, capsys, monkeypatch, tmp_path):
    for argv in (["--db", str(demo_db), "pathways"], ["pathways", "--db", str(demo_db)]):
        code, out, _ = cli(capsys, *argv)
        assert code == 0 and "yescarta" in out
    monkeypatch.setenv("ATMP_DB", str(demo_db))
    code, out, _ = cli(capsys, "pathways", "--json")
    assert code == 0 and len(json.loads(out)["pathways"]) == 60
    # the one after the command wins
    code, _, err = cli(capsys, "--db", str(demo_db), "pathways", "--db", str(tmp_path / "elsewhere" / "none.db"))
    assert code == 2 and "there is no database" in err


def test_the_default_database_is_in_the_per_user_data_folder(tmp_path, capsys):
    import os

    code, out, _ = cli(capsys, "demo", "--patients", "4", "--today", "2026-11-23")
    expected = Path(os.environ["XDG_DATA_HOME"]) / "atmp-desktop" / "atmp.db"
    assert code == 0 and str(expected) in out and expected.exists()
    code, out, _ = cli(capsys, "info", "--json")
    assert json.loads(out)["database"] == str(expected)


def test_a_missing_database_is_refused_and_nothing_is_created(tmp_path, capsys, monkeypatch):
    missing = tmp_path / "nothing-here.db"
    doc = tmp_path / "doc.json"
    doc.write_text("{}")
    act_as(monkeypatch, "coordinator")
    for argv in (["pathways"], ["check", "--all"], ["export", "--pathway", "1"], ["audit", "verify"],
                 ["backup"], ["import", str(doc)], ["cancel", "--pathway", "1", "--reason", "x"]):
        code, _, err = cli(capsys, *argv, "--db", str(missing))
        assert code == 2 and "there is no database" in err
    assert not missing.exists()


# -- listing and checking ---------------------------------------------------------------------


def test_pathways_list_and_filters(demo_db, capsys):
    code, out, _ = cli(capsys, "pathways", "--db", str(demo_db))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["id", "patient", "personnummer", "site", "product", "stage",
                                              "errors", "warnings"]
    assert len(lines) == 62
    code, out, _ = cli(capsys, "pathways", "--site", "lund", "--stage", "completed", "--json", "--db", str(demo_db))
    rows = json.loads(out)["pathways"]
    assert rows and {(r["site"], r["stage"]) for r in rows} == {("lund", "completed")}
    assert set(rows[0]) >= {"id", "patient", "personnummer", "product", "stage", "open_errors"}


def test_patients_find(demo_db, capsys):
    with Store.open(demo_db) as store:
        p = Services(store).patients.get(5)
    code, out, _ = cli(capsys, "patients", "--find", p.identifier[2:8], "--json", "--db", str(demo_db))
    assert code == 0 and p.id in [q["id"] for q in json.loads(out)["patients"]]


def test_check_one_stored_pathway_has_the_exit_codes_of_check_file(demo_db, capsys, tmp_path):
    with_error, clean = pathway_ids(demo_db)
    code, out, _ = cli(capsys, "check", "--pathway", str(with_error), "--db", str(demo_db))
    assert code == 1 and "ERROR" in out
    code, out, _ = cli(capsys, "check", "--pathway", str(clean), "--json", "--db", str(demo_db))
    assert code == 0 and all(f["severity"] != "error" for f in json.loads(out)["findings"])
    # the exported document checks the same way as the stored pathway
    doc = tmp_path / "p.json"
    assert cli(capsys, "export", "--pathway", str(with_error), "--out", str(doc), "--db", str(demo_db))[0] == 0
    stored = cli(capsys, "check", "--pathway", str(with_error), "--json", "--db", str(demo_db))
    from_file = cli(capsys, "check", "--file", str(doc), "--json")
    assert stored[:2] == from_file[:2]


def test_check_all_names_each_findings_pathway(demo_db, capsys):
    code, out, _ = cli(capsys, "check", "--all", "--json", "--db", str(demo_db))
    findings = json.loads(out)["findings"]
    assert code == 1
    assert findings and all(isinstance(f["pathway"], int) for f in findings)
    with_error, _ = pathway_ids(demo_db)
    assert any(f["pathway"] == with_error and f["severity"] == "error" for f in findings)
    code, out, _ = cli(capsys, "check", "--all", "--lang", "sv", "--db", str(demo_db))
    assert code == 1 and f"pathway {with_error}:" in out


@pytest.mark.parametrize("argv, words", [
    (["check", "--pathway", "9999"], "there is no pathway 9999"),
    (["check", "--pathway", "abc"], "not a pathway id"),
    (["check", "--pathway", "1", "--all"], "exactly one"),
    (["export", "--pathway", "9999"], "there is no pathway 9999"),
    (["audit"], "name an action"),
])
def test_bad_requests_exit_2_with_one_line(demo_db, capsys, argv, words):
    code, _, err = cli(capsys, *argv, "--db", str(demo_db))
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1


# -- export and import ------------------------------------------------------------------------


def test_export_carries_id_site_and_patient(demo_db, capsys):
    code, out, _ = cli(capsys, "export", "--pathway", "3", "--db", str(demo_db))
    doc = json.loads(out)
    assert code == 0 and doc["format"] == "atmp-pathway/1" and doc["id"] == 3 and doc["site"]
    assert set(doc["patient"]) == {"personnummer", "given_name", "family_name", "birth_date", "weight_kg",
                                   "height_cm"}


def test_import_into_another_store(demo_db, capsys, tmp_path, monkeypatch):
    doc = tmp_path / "p.json"
    cli(capsys, "export", "--pathway", "5", "--out", str(doc), "--db", str(demo_db))
    other = tmp_path / "other.db"
    assert cli(capsys, "demo", "--patients", "2", "--seed", "5", "--db", str(other))[0] == 0
    act_as(monkeypatch, "coordinator")
    code, out, _ = cli(capsys, "import", str(doc), "--db", str(other))
    assert code == 0 and "Imported as pathway 3" in out
    code, out, _ = cli(capsys, "export", "--pathway", "3", "--db", str(other))
    again = json.loads(out)
    original = json.loads(doc.read_text())
    assert again["patient"] == original["patient"] and again["events"] == original["events"]


@pytest.mark.parametrize("change, words", [
    (lambda d: d["events"].append({"kind": "teleport", "start": "2027-01-01"}), "unknown event kind"),
    (lambda d: d["events"][0].update(start="2027-02-30T08:00"), "not a real calendar date"),
    (lambda d: d.pop("patient"), "'patient' is missing"),
    (lambda d: d["patient"].update(personnummer="19811218-9875"), "check digit"),
    (lambda d: d.update(site="mars"), "not a site of this store"),
])
def test_an_invalid_document_is_refused_whole(demo_db, capsys, tmp_path, monkeypatch, change, words):
    code, out, _ = cli(capsys, "export", "--pathway", "5", "--db", str(demo_db))
    doc = json.loads(out)
    doc["patient"].update(personnummer="198112189876", birth_date="1981-12-18")
    change(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    act_as(monkeypatch, "coordinator")
    with Store.open(demo_db):
        pass
    before = file_hash(demo_db)
    code, _, err = cli(capsys, "import", str(path), "--db", str(demo_db))
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    assert file_hash(demo_db) == before


def test_import_from_standard_input(demo_db, capsys, monkeypatch):
    code, out, _ = cli(capsys, "export", "--pathway", "5", "--db", str(demo_db))
    doc = json.loads(out)
    doc["patient"].update(personnummer="811218-9876", birth_date="1981-12-18")
    act_as(monkeypatch, "coordinator")
    code, out, _ = cli(capsys, "import", "-", "--db", str(demo_db), monkeypatch=monkeypatch, stdin=json.dumps(doc))
    assert code == 0 and "Imported as pathway 61" in out


# -- who may change what -------------------------------------------------------------------------


@pytest.mark.parametrize("user, password, words", [
    ("coordinator", "wrong-password", "wrong password"),
    ("nobody", "whatever1", "wrong password"),
    ("nurse", None, "only a coordinator may"),
    ("admin", None, "only a coordinator may"),
])
def test_wrong_password_or_role_changes_nothing(demo_db, capsys, monkeypatch, tmp_path, user, password, words):
    doc = tmp_path / "p.json"
    cli(capsys, "export", "--pathway", "5", "--out", str(doc), "--db", str(demo_db))
    data = json.loads(doc.read_text())
    data["patient"].update(personnummer="198112189876", birth_date="1981-12-18")
    doc.write_text(json.dumps(data))
    act_as(monkeypatch, user, password)
    before = file_hash(demo_db)
    for argv in (["import", str(doc)], ["cancel", "--pathway", "1", "--reason", "test"]):
        code, _, err = cli(capsys, *argv, "--db", str(demo_db))
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    assert file_hash(demo_db) == before


def test_no_user_or_no_password(demo_db, capsys, monkeypatch):
    code, _, err = cli(capsys, "cancel", "--pathway", "1", "--reason", "x", "--db", str(demo_db))
    assert code == 2 and "--user NAME" in err
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = cli(capsys, "cancel", "--pathway", "1", "--reason", "x", "--user", "coordinator",
                       "--db", str(demo_db))
    assert code == 2 and "ATMP_PASSWORD" in err


def test_record_and_cancel(demo_db, capsys, monkeypatch):
    with Store.open(demo_db) as store:
        sp = Services(store).pathways.get(4)
    thaw = sp.pathway.first("thaw").start.strftime("%Y-%m-%dT%H:%M")
    act_as(monkeypatch, "nurse")
    before = file_hash(demo_db)
    code, _, err = cli(capsys, "record", "--pathway", "4", "--event", "thaw", "--start", thaw, "--db", str(demo_db))
    assert code == 2 and "only a pharmacist may" in err
    assert file_hash(demo_db) == before
    act_as(monkeypatch, "pharmacist")
    code, out, _ = cli(capsys, "record", "--pathway", "4", "--event", "thaw", "--start", thaw, "--db", str(demo_db))
    assert code == 0 and f"now version {sp.version + 1}" in out
    act_as(monkeypatch, "coordinator")
    code, _, err = cli(capsys, "cancel", "--pathway", "4", "--reason", "unfit", "--expected-version",
                       str(sp.version), "--db", str(demo_db))
    assert code == 2 and "was changed by pharmacist at" in err
    code, out, _ = cli(capsys, "cancel", "--pathway", "4", "--reason", "unfit", "--db", str(demo_db))
    assert code == 0 and "cancelled" in out
    code, out, _ = cli(capsys, "audit", "list", "--pathway", "4", "--json", "--db", str(demo_db))
    entries = json.loads(out)["entries"]
    assert [(e["user"], e["action"]) for e in entries[:2]] == [("coordinator", "update"), ("pharmacist", "update")]
    assert entries[0]["reason"] == "unfit"
    assert cli(capsys, "audit", "verify", "--db", str(demo_db))[0] == 0


def test_users_first_one_without_sign_in_then_administrators(tmp_path, capsys, monkeypatch):
    path = tmp_path / "new.db"
    monkeypatch.setenv("ATMP_NEW_PASSWORD", "first-admin-pw")
    code, out, _ = cli(capsys, "users", "add", "boss", "--role", "administrator", "--db", str(path))
    assert code == 0 and "Added boss (administrator)" in out
    monkeypatch.setenv("ATMP_NEW_PASSWORD", "nurse-password")
    code, _, err = cli(capsys, "users", "add", "nina", "--role", "nurse", "--db", str(path))
    assert code == 2 and "--user NAME" in err
    act_as(monkeypatch, "boss", "first-admin-pw")
    code, out, _ = cli(capsys, "users", "add", "nina", "--role", "nurse", "--display-name", "Nina Å",
                       "--db", str(path))
    assert code == 0
    code, out, _ = cli(capsys, "users", "list", "--json", "--db", str(path))
    assert [(u["username"], u["role"]) for u in json.loads(out)["users"]] == [
        ("boss", "administrator"), ("nina", "nurse")]
    act_as(monkeypatch, "nina", "nurse-password")
    monkeypatch.setenv("ATMP_NEW_PASSWORD", "another-pw")
    code, _, err = cli(capsys, "users", "add", "eve", "--role", "administrator", "--db", str(path))
    assert code == 2 and "only an administrator" in err


def test_info(demo_db, capsys):
    code, out, _ = cli(capsys, "info", "--json", "--db", str(demo_db))
    info = json.loads(out)
    assert code == 0 and info["pathways"] == 60 and info["schema_version"] == SCHEMA_VERSION and info["sites"] == 3


def test_record_the_cd34_cells_of_a_collection(demo_db, capsys, monkeypatch):
    from tests.ui.protocol_pathways import casgevy_in_conditioning

    with Store.open(demo_db) as store:
        pid = casgevy_in_conditioning(store)
        sp = Services(store).pathways.get(pid)
    collected = next(e for e in sp.pathway.events if e.label == "apheresis#1").actual_start.strftime("%Y-%m-%dT%H:%M")
    act_as(monkeypatch, "nurse")
    before = file_hash(demo_db)
    code, _, err = cli(capsys, "record", "--pathway", str(pid), "--event", "apheresis#1", "--start", collected,
                       "--cd34", "-3", "--db", str(demo_db))
    assert code == 2 and err.strip().splitlines() == ["atmp-desktop: CD34+ cells per kg cannot be -3"]
    code, _, err = cli(capsys, "record", "--pathway", str(pid), "--event", "apheresis#1", "--start", collected,
                       "--cd34", "lots", "--db", str(demo_db))
    assert code == 2 and "invalid float value" in err
    assert file_hash(demo_db) == before
    code, out, _ = cli(capsys, "record", "--pathway", str(pid), "--event", "apheresis#1", "--start", collected,
                       "--cd34", "12.5", "--db", str(demo_db))
    assert code == 0 and f"now version {sp.version + 1}" in out
    with Store.open(demo_db) as store:
        got = Services(store).pathways.get(pid)
    assert next(e for e in got.pathway.events if e.label == "apheresis#1").extra["cd34_per_kg"] == 12.5
