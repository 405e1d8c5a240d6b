"""Every refusal of point 8: one clear line, exit code 2, and the file byte-for-byte unchanged.

Each case runs a command that would write (``import``) and, where it makes a
difference, one that only reads, on a real file in a temporary folder.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.services import Services
from atmp_desktop.storage import DiskFull, Store, db as store_db
from tests.storage.helpers import PASSWORDS, file_hash, session


def cli(capsys, *argv):
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def document(demo_db, tmp_path):
    """A valid document for a new patient, exported from the demo store and given a new personnummer."""
    with Store.open(demo_db) as store:
        doc = Services(store).pathways.export_document(1)
    doc["patient"]["personnummer"] = "198112189876"
    doc["patient"]["birth_date"] = "1981-12-18"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def as_coordinator(monkeypatch):
    monkeypatch.setenv("ATMP_USER", "coordinator")
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS["coordinator"])


def assert_refused(code, err, *words):
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for w in words:
        assert w in lines[0], lines[0]


def test_not_sqlite(tmp_path, capsys, document, as_coordinator):
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 20, encoding="utf-8")
    before = file_hash(path)
    for argv in (["import", str(document)], ["pathways"], ["audit", "verify"]):
        code, _, err = cli(capsys, *argv, "--db", str(path))
        assert_refused(code, err, "not an SQLite database")
    assert file_hash(path) == before


def test_someone_elses_sqlite_database(tmp_path, capsys, document, as_coordinator):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = file_hash(path)
    code, _, err = cli(capsys, "import", str(document), "--db", str(path))
    assert_refused(code, err, "not an ATMP Pathway Planner store")
    assert file_hash(path) == before


@pytest.mark.sqlite_only("damaged pages of the file")
def test_corrupt_schema_page(demo_db, capsys, document, as_coordinator):
    data = bytearray(demo_db.read_bytes())
    data[100:1100] = b"\xff" * 1000  # the first page's b-tree, which holds the schema
    demo_db.write_bytes(bytes(data))
    before = file_hash(demo_db)
    for argv in (["import", str(document)], ["pathways"], ["check", "--all"]):
        code, _, err = cli(capsys, *argv, "--db", str(demo_db))
        assert_refused(code, err, "damaged")
    assert file_hash(demo_db) == before


@pytest.mark.sqlite_only("damaged pages of the file")
def test_corrupt_data_pages(demo_db, capsys, document, as_coordinator):
    page = 4096
    data = bytearray(demo_db.read_bytes())
    for n in range(3, len(data) // page, 2):  # every other page after the schema: tables and indexes
        data[n * page:n * page + 8] = b"\x7f" * 8
    demo_db.write_bytes(bytes(data))
    before = file_hash(demo_db)
    for argv in (["import", str(document)], ["check", "--all"], ["audit", "verify"]):
        code, _, err = cli(capsys, *argv, "--db", str(demo_db))
        assert_refused(code, err, "damaged")
    assert file_hash(demo_db) == before


@pytest.mark.sqlite_only("PRAGMA user_version of the file (the server's counterpart: tests/storage/test_postgresql.py)")
def test_newer_schema(demo_db, capsys, document, as_coordinator):
    with sqlite3.connect(demo_db) as conn:
        conn.execute("PRAGMA user_version = 9")
    before = file_hash(demo_db)
    for argv in (["import", str(document)], ["pathways"], ["backup"]):
        code, _, err = cli(capsys, *argv, "--db", str(demo_db))
        assert_refused(code, err, "newer version", "Update the application")
    assert file_hash(demo_db) == before


@pytest.mark.sqlite_only("file permissions")
def test_read_only_file(demo_db, capsys, document, as_coordinator):
    before = file_hash(demo_db)
    os.chmod(demo_db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        code, _, err = cli(capsys, "import", str(document), "--db", str(demo_db))
        assert_refused(code, err, "read-only")
        # reading a read-only store works, and leaves it as it was
        code, out, _ = cli(capsys, "pathways", "--db", str(demo_db))
        assert code == 0 and "yescarta" in out
    finally:
        os.chmod(demo_db, stat.S_IRUSR | stat.S_IWUSR)
    assert file_hash(demo_db) == before


@pytest.mark.sqlite_only("SQLite's file lock (the server's: tests/storage/test_postgresql.py)")
def test_locked_by_another_process(demo_db, capsys, document, as_coordinator, monkeypatch):
    monkeypatch.setattr(store_db, "DEFAULT_BUSY_TIMEOUT", 0.2)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys, time
            conn = sqlite3.connect({str(demo_db)!r}, isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = file_hash(demo_db)
        with Store.open(demo_db) as store:
            count = store.repos.pathways.count()
        code, _, err = cli(capsys, "import", str(document), "--db", str(demo_db))
        assert_refused(code, err, "locked by another program")
        assert file_hash(demo_db) == before
    finally:
        holder.kill()
        holder.wait()
    with Store.open(demo_db) as store:
        assert store.repos.pathways.count() == count


@pytest.mark.sqlite_only("a full disk under the file")
def test_disk_full_leaves_nothing_partial(demo_db, capsys, document, as_coordinator, monkeypatch):
    """A full disk, simulated with SQLite's own page limit: the import fails whole."""
    real_open = Store.open.__func__

    def full_disk_open(cls, *args, **kwargs):
        store = real_open(cls, *args, **kwargs)
        pages = store.fetchone("PRAGMA page_count")[0]
        store.execute(f"PRAGMA max_page_count = {pages}")
        return store

    with Store.open(demo_db) as store:
        counts = (store.repos.pathways.count(), len(store.repos.patients.list()), store.repos.audit.count())
    before = file_hash(demo_db)
    monkeypatch.setattr(Store, "open", classmethod(full_disk_open))
    code, _, err = cli(capsys, "import", str(document), "--db", str(demo_db))
    assert_refused(code, err, "disk", "full", "nothing was saved")
    monkeypatch.undo()
    assert file_hash(demo_db) == before
    with Store.open(demo_db) as store:
        assert (store.repos.pathways.count(), len(store.repos.patients.list()), store.repos.audit.count()) == counts


@pytest.mark.sqlite_only("a full disk under the file")
def test_disk_full_through_the_services(demo_db):
    with Store.open(demo_db) as store:
        svc = Services(store, session("nurse"))
        sp = svc.pathways.get(4)
        store.execute(f"PRAGMA max_page_count = {store.fetchone('PRAGMA page_count')[0]}")
        with pytest.raises(DiskFull, match="full"):
            for _ in range(200):  # audit entries grow the file page by page
                svc.pathways.sign_off_checklist(sp.id, "pre-lymphodepletion", note="x" * 3000)
        assert store.conn.in_transaction is False
