"""Schema migrations: from an empty file, from the previous schema version, and refusing newer ones."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlite_utils import Database

from atmp_desktop.domain.planner import PlanRequest, Planner
from atmp_desktop.services import Services
from atmp_desktop.storage import NewerSchema, Store, schema
from atmp_desktop.storage.audit import verify
from atmp_desktop.storage.backup import list_backups
from atmp_desktop.storage.records import Patient, Site, StoredPathway
from atmp_desktop.domain.calendar import SiteCalendar
from tests.storage.helpers import file_hash, session


def tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_migration_names_match_the_registered_migrations():
    pending = [m.name for m in schema.migrations.pending(Database(memory=True))]
    assert tuple(pending) == schema.MIGRATION_NAMES
    assert schema.SCHEMA_VERSION == len(pending)


def test_a_new_file_gets_every_migration_in_wal_mode(db_path):
    with Store.open(db_path) as store:
        assert store.schema_version == schema.SCHEMA_VERSION
        assert store.fetchone("PRAGMA journal_mode")[0] == "wal"
        assert store.fetchone("PRAGMA foreign_keys")[0] == 1
        applied = [r[0] for r in store.fetchall("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == list(schema.MIGRATION_NAMES)
    assert {"sites", "users", "patients", "product_profiles", "pathways", "events", "resources", "audit",
            "sign_offs"} <= tables(db_path)


def test_an_empty_zero_byte_file_is_initialised(db_path):
    db_path.write_bytes(b"")
    with Store.open(db_path) as store:
        assert store.schema_version == schema.SCHEMA_VERSION


def test_opening_again_applies_nothing_and_changes_nothing(db_path):
    Store.open(db_path).close()
    before = file_hash(db_path)
    with Store.open(db_path) as store:
        assert store.migrate() == []
    assert file_hash(db_path) == before


def _build_version_1(path) -> None:
    """A store at schema version 1 with data in it, as the previous release wrote it."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    store = Store(conn, path, read_only=False)
    with store.write():
        schema.migrations.apply(store.db, stop_before="0002_sign_offs")
        conn.execute("PRAGMA user_version = 1")
        repos = store.repos
        repos.sites.save(Site("huddinge", "Karolinska Huddinge", "Europe/Stockholm", SiteCalendar()), "setup")
        patient = repos.patients.insert(Patient(
            None, "198112189876", "personnummer", "Test", "Testsson", date(1981, 12, 18), "huddinge"), "setup")
        plan = Planner().plan(PlanRequest("kymriah", "b-all", apheresis=date(2026, 12, 1)))
        # the pathway as version 1 wrote it: without the columns migration 0005 adds
        from atmp_desktop.storage.pathways import event_rows, pathway_row

        sp = StoredPathway(1, patient.id, "huddinge", plan.pathway, created_by="setup",  # type: ignore[arg-type]
                           updated_by="setup")
        row = {k: v for k, v in pathway_row(sp).items() if k != "washouts"}
        row["created_at"] = row["updated_at"] = "2026-11-01T10:00:00Z"
        conn.execute(f"INSERT INTO pathways ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))
        events = event_rows(1, plan.pathway)
        for e in events:
            e.pop("details")
            conn.execute(f"INSERT INTO events ({', '.join(e)}) VALUES ({', '.join('?' for _ in e)})", list(e.values()))
        from atmp_desktop.storage.audit import row_state

        repos.pathways.audit.record("setup", "pathways", "1", "insert", None, row_state("pathways", row, events),
                                    None, patient.id)
    store.close()


def test_a_version_1_file_is_migrated_with_its_data_and_a_backup_first(db_path):
    _build_version_1(db_path)
    assert "sign_offs" not in tables(db_path)
    with Store.open(db_path) as store:
        assert store.schema_version == schema.SCHEMA_VERSION
        svc = Services(store, session("nurse"))
        sp = svc.pathways.get(1)
        assert sp.product == "kymriah" and len(sp.pathway.events) == 10
        assert svc.patients.get(sp.patient_id).identifier == "198112189876"
        # the new table works
        svc.pathways.sign_off_checklist(1, "pre-apheresis")
        assert verify(store).ok
    kept = list_backups(db_path)
    assert [b.tag for b in kept] == [f"before-schema-{schema.SCHEMA_VERSION}"]
    with sqlite3.connect(kept[0].path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT COUNT(*) FROM pathways").fetchone()[0] == 1


def test_a_file_from_a_newer_version_is_refused_unchanged(db_path):
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    before = file_hash(db_path)
    with pytest.raises(NewerSchema, match="newer version"):
        Store.open(db_path)
    assert file_hash(db_path) == before


def test_an_unknown_migration_name_means_a_newer_version(db_path):
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('atmp', '0099_future', '2030-01-01')")
    before = file_hash(db_path)
    with pytest.raises(NewerSchema):
        Store.open(db_path)
    assert file_hash(db_path) == before
