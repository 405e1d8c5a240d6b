"""Backups (online backup API, checked, rotating) and restore (checked first, old file kept)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.services import Services, backup_if_due
from atmp_desktop.services.backups import backup_now
from atmp_desktop.storage import Store
from atmp_desktop.storage import backup as storage_backup
from atmp_desktop.storage.audit import verify
from atmp_desktop.storage.backup import backup_folder, list_backups
from tests.storage.helpers import PASSWORDS, file_hash, session

pytestmark = pytest.mark.sqlite_only("backups copy the file; a server's are pg_dump's")


def cli(capsys, *argv):
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def integrity(path) -> str:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def test_backup_command_writes_a_checked_self_contained_copy(demo_db, capsys):
    code, out, _ = cli(capsys, "backup", "--db", str(demo_db))
    assert code == 0
    [made] = list_backups(demo_db)
    assert str(made.path) in out and made.tag is None
    assert made.path.parent == demo_db.parent / "backups"
    assert integrity(made.path) == "ok"
    with sqlite3.connect(made.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT COUNT(*) FROM pathways").fetchone()[0] == 60
    assert not list(made.path.parent.glob("*.partial"))


def test_backup_to_a_path_refuses_to_overwrite(demo_db, tmp_path, capsys):
    target = tmp_path / "copy.db"
    assert cli(capsys, "backup", "--to", str(target), "--db", str(demo_db))[0] == 0
    before = file_hash(target)
    code, _, err = cli(capsys, "backup", "--to", str(target), "--db", str(demo_db))
    assert code == 2 and "already exists" in err
    assert file_hash(target) == before


def test_the_rotating_set_keeps_the_newest(demo_db):
    with Store.open(demo_db) as store:
        start = datetime(2026, 11, 1, 6, 0, tzinfo=timezone.utc)
        for day in range(6):
            storage_backup.backup_to_folder(store, now=start + timedelta(days=day))
        storage_backup.backup_to_folder(store, tag="replaced", now=start)
        storage_backup.rotate(demo_db, keep=3)
    kept = list_backups(demo_db)
    assert [b.created.day for b in kept if b.tag is None] == [4, 5, 6]
    assert [b.tag for b in kept if b.tag] == ["replaced"]  # tagged copies are never rotated away


def test_backup_if_due_makes_one_a_day(demo_db):
    with Store.open(demo_db) as store:
        first = backup_if_due(store)
        assert first is not None
        assert backup_if_due(store) is None
        later = storage_backup.backup_if_due(store, now=datetime.now(timezone.utc) + timedelta(days=1, minutes=1))
        assert later is not None
    assert len(list_backups(demo_db)) == 2


def test_restore_replaces_the_data_and_keeps_the_old_file(demo_db, capsys, monkeypatch):
    with Store.open(demo_db) as store:
        saved = backup_now(store)
        svc = Services(store, session("coordinator"))
        sp = svc.pathways.get(1)
        svc.pathways.cancel(sp.id, sp.version, "by mistake")
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS["admin"])
    code, out, _ = cli(capsys, "restore", str(saved), "--user", "admin", "--db", str(demo_db))
    assert code == 0, out
    kept = [b for b in list_backups(demo_db) if b.tag == "replaced"]
    assert len(kept) == 1 and "kept as" in out
    with Store.open(demo_db) as store:
        svc = Services(store)
        assert svc.pathways.get(1).stage != "cancelled"
        assert svc.audit.entries(limit=1)[0].action == "restore"
        assert verify(store).ok
    with sqlite3.connect(kept[0].path) as conn:
        assert conn.execute("SELECT stage FROM pathways WHERE id = 1").fetchone()[0] == "cancelled"


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_text("not a database"), "not an SQLite database"),
    (lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(), "not an ATMP Pathway Planner"),
])
def test_restore_refuses_a_bad_candidate_and_changes_nothing(demo_db, tmp_path, capsys, monkeypatch, make, words):
    candidate = tmp_path / "candidate.db"
    make(candidate)
    before = file_hash(demo_db)
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS["admin"])
    code, _, err = cli(capsys, "restore", str(candidate), "--user", "admin", "--db", str(demo_db))
    assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    assert file_hash(demo_db) == before
    assert list_backups(demo_db) == []


def test_restore_refuses_a_newer_or_damaged_backup(demo_db, tmp_path, capsys, monkeypatch):
    with Store.open(demo_db) as store:
        newer = backup_now(store, tmp_path / "newer.db")
        damaged = backup_now(store, tmp_path / "damaged.db")
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    data = bytearray(damaged.read_bytes())
    for n in range(3, len(data) // 4096, 2):
        data[n * 4096:n * 4096 + 8] = b"\x7f" * 8
    damaged.write_bytes(bytes(data))
    before = file_hash(demo_db)
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS["admin"])
    for candidate, words in ((newer, "newer version"), (damaged, "damaged")):
        code, _, err = cli(capsys, "restore", str(candidate), "--user", "admin", "--db", str(demo_db))
        assert code == 2 and words in err
    assert file_hash(demo_db) == before


def test_restore_needs_an_administrator(demo_db, capsys, monkeypatch):
    with Store.open(demo_db) as store:
        saved = backup_now(store)
    before = file_hash(demo_db)
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS["nurse"])
    code, _, err = cli(capsys, "restore", str(saved), "--user", "nurse", "--db", str(demo_db))
    assert code == 2 and "only an administrator" in err
    monkeypatch.setenv("ATMP_PASSWORD", "wrong-password")
    code, _, err = cli(capsys, "restore", str(saved), "--user", "admin", "--db", str(demo_db))
    assert code == 2 and "wrong password" in err
    assert file_hash(demo_db) == before


def test_restore_over_a_damaged_database_moves_it_aside(demo_db, capsys, monkeypatch):
    with Store.open(demo_db) as store:
        saved = backup_now(store)
    demo_db.write_bytes(b"garbage" * 1000)
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS["admin"])
    code, out, err = cli(capsys, "restore", str(saved), "--user", "admin", "--db", str(demo_db))
    assert code == 0, err
    [kept] = [b for b in list_backups(demo_db) if b.tag == "replaced"]
    assert kept.path.read_bytes() == b"garbage" * 1000
    with Store.open(demo_db) as store:
        assert store.repos.pathways.count() == 60 and verify(store).ok
    assert backup_folder(demo_db).is_dir()
