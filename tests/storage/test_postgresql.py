"""What only the shared store has: a server that can be down, refuse a password, be killed mid-save;
several clients writing at once; live change notices; the copy of an SQLite store into it.

Every test runs against a real throwaway PostgreSQL server (no mocks). The rest of the store's
suite runs on both back ends through the ``backend`` fixture.
"""

from __future__ import annotations

import multiprocessing
import threading
import time

import psycopg
import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.services import Services
from atmp_desktop.settings import DbUrl
from atmp_desktop.storage import Store, StoreError, pg
from atmp_desktop.storage.audit import AuditTrail, verify
from atmp_desktop.storage.errors import (
    AuthenticationFailed,
    ConnectionLost,
    DatabaseLocked,
    ForeignDatabase,
    NewerSchema,
    ServerUnreachable,
)
from tests import pgserver
from tests.conftest import drop_pg_database, new_pg_database, require_pg
from tests.storage.helpers import demo_copy, file_hash, session, store_state


def cli(capsys, *argv):
    code = run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# -- refusals before anything is opened --------------------------------------------------------------


def test_an_unreachable_server_is_one_line_and_no_hang(capsys):
    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    url = f"postgresql://atmp@127.0.0.1:{port}/atmp"
    started = time.monotonic()
    with pytest.raises(ServerUnreachable) as refused:
        Store.open(url)
    assert time.monotonic() - started < pg.CONNECT_TIMEOUT + 2
    assert "cannot be reached" in str(refused.value)
    code, out, err = cli(capsys, "pathways", "--db", url)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "cannot be reached" in err


def test_a_wrong_password_is_refused_without_showing_it(pg_demo, capsys):
    parts = pg_demo.url.split("@", 1)
    url = parts[0] + ":not-the-password@" + parts[1]
    with pytest.raises(AuthenticationFailed):
        Store.open(url)
    code, _, err = cli(capsys, "pathways", "--db", url)
    assert code == 2 and "refused the user name or password" in err and "not-the-password" not in err


def test_another_programs_database_is_refused_and_left_alone(capsys):
    require_pg()
    url = new_pg_database()
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE invoices (id int PRIMARY KEY, total numeric)")
            conn.execute("INSERT INTO invoices VALUES (1, 99.5)")
        before = store_state(DbUrl(url))
        with pytest.raises(ForeignDatabase):
            Store.open(url)
        code, _, err = cli(capsys, "pathways", "--db", url)
        assert code == 2 and "another program" in err
        assert store_state(DbUrl(url)) == before
    finally:
        drop_pg_database(url)


def test_a_newer_schema_is_refused_before_anything_is_written(pg_demo, capsys):
    with psycopg.connect(pg_demo.url, autocommit=True) as conn:
        conn.execute("INSERT INTO atmp_migrations VALUES ('atmp', '9999_from_the_future', 'x', 9999)")
    before = store_state(pg_demo)
    with pytest.raises(NewerSchema):
        Store.open(pg_demo)
    code, _, err = cli(capsys, "check", "--all", "--db", pg_demo)
    assert code == 2 and "newer version" in err
    assert store_state(pg_demo) == before


def test_an_empty_database_gets_the_schema_and_demo_data(capsys):
    require_pg()
    url = new_pg_database()
    try:
        code, out, _ = cli(capsys, "demo", "--db", url, "--patients", "12", "--today", "2026-11-23")
        assert code == 0 and "12 patients" in out
        code, out, _ = cli(capsys, "info", "--json", "--db", url)
        assert code == 0 and '"backend": "postgresql"' in out
        code, out, _ = cli(capsys, "audit", "verify", "--db", url)
        assert code == 0, out
    finally:
        drop_pg_database(url)


# -- several clients ----------------------------------------------------------------------------------


def _client(url: str, username: str, pathway_ids: list[int], saves: int, out) -> None:  # noqa: ANN001
    """One client process: *saves* saves spread over *pathway_ids*, retrying a refused stale version."""
    from atmp_desktop.services import ConflictError

    svc = Services(Store.open(DbUrl(url)), session(username))
    done = conflicts = 0
    try:
        while done < saves:
            sp = svc.pathways.get(pathway_ids[done % len(pathway_ids)])
            sp.pathway.extra["note"] = f"{username} {done}"
            try:
                svc.pathways.save(sp, f"save {done}")
                done += 1
            except ConflictError:
                conflicts += 1  # the other client saved in between: reload and do it again
    finally:
        svc.close()
    out.put((username, done, conflicts))


def test_two_clients_saving_at_once_lose_nothing_and_never_fork_the_chain(pg_demo):
    with Store.open(pg_demo) as store:
        entries_before = int(store.fetchone("SELECT COUNT(*) FROM audit")[0])
        ids = [r[0] for r in store.fetchall("SELECT id FROM pathways WHERE stage NOT IN ('cancelled', 'completed')"
                                            " ORDER BY id LIMIT 4")]
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    saves = 40
    # both clients share two of their pathways, so that their saves really collide
    clients = [ctx.Process(target=_client, args=(pg_demo.url, "coordinator", ids[:3], saves, out)),
               ctx.Process(target=_client, args=(pg_demo.url, "pharmacist", ids[1:], saves, out))]
    for c in clients:
        c.start()
    for c in clients:
        c.join(120)
        assert c.exitcode == 0
    results = {out.get(timeout=5)[0]: None for _ in clients}
    assert set(results) == {"coordinator", "pharmacist"}
    with Store.open(pg_demo) as store:
        report = verify(store, full=True)
        assert report.ok, report.problems[:3]
        rows = store.fetchall("SELECT id, prev_hash, hash FROM audit ORDER BY id")
        new = [r for r in rows if r[0] > entries_before]
        # every save is one entry, none lost, no gaps, each links to the one before it
        assert len(new) == 2 * saves
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        assert all(b[1] == a[2] for a, b in zip(rows, rows[1:]))
        reasons = {r[0] for r in store.fetchall("SELECT reason FROM audit WHERE id > ?", [entries_before])}
        assert reasons == {f"save {n}" for n in range(saves)}


def test_a_write_held_by_another_client_is_refused_as_busy_not_a_hang(pg_demo, monkeypatch):
    monkeypatch.setattr(pg, "WRITE_LOCK_TIMEOUT", 0.5)
    holder = Store.open(pg_demo)
    waiting = Services(Store.open(pg_demo), session("coordinator"))
    try:
        before = store_state(pg_demo)
        with holder.write():
            sp = waiting.pathways.get(4)
            sp.pathway.extra["note"] = "blocked"
            started = time.monotonic()
            with pytest.raises(DatabaseLocked) as refused:
                waiting.pathways.save(sp, "while the other holds the lock")
            assert time.monotonic() - started < 5
            assert "busy with another client's save" in str(refused.value)
        assert store_state(pg_demo) == before
    finally:
        holder.close()
        waiting.close()


def test_another_clients_save_is_announced_within_a_second(pg_demo):
    heard = threading.Event()
    with Store.open(pg_demo) as mine:
        listener = pg.ChangeListener(pg_demo.url, heard.set, own_pid=mine.backend_pid)
        try:
            time.sleep(0.5)  # the listener is connected and listening
            svc = Services(mine, session("coordinator"))
            sp = svc.pathways.get(4)
            sp.pathway.extra["note"] = "my own save"
            svc.pathways.save(sp)
            assert not heard.wait(1.0)  # its own saves are not news to a window
            with Store.open(pg_demo) as theirs:
                other = Services(theirs, session("pharmacist"))
                sp = other.pathways.get(5)
                sp.pathway.extra["note"] = "someone else's save"
                started = time.monotonic()
                other.pathways.save(sp)
            assert heard.wait(1.0)
            assert time.monotonic() - started < 1.0
        finally:
            listener.stop()


# -- a server killed mid-save -------------------------------------------------------------------------


_TABLES = ("sites", "users", "patients", "product_profiles", "pathways", "events", "resources", "audit", "sign_offs",
           "audit_checkpoints", "atmp_migrations", "finding_cache", "capacity_cache")


@pytest.fixture
def own_server():
    """A server of this test's own, which it may kill (the shared one stays up for the others)."""
    import shutil
    import tempfile
    from pathlib import Path

    require_pg()
    folder = Path(tempfile.mkdtemp(prefix="atmp-pg-kill-"))  # not under pytest's folder: the server's user reads it
    url = pgserver.start(folder)
    yield folder, url
    pgserver.stop(folder, mode="immediate")
    shutil.rmtree(folder, ignore_errors=True)


def test_a_server_killed_mid_save_leaves_nothing_half_written(own_server, monkeypatch, capsys):
    folder, admin = own_server
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE ward")
    url = admin.rsplit("/", 1)[0] + "/ward"
    code, _, _ = cli(capsys, "demo", "--db", url, "--patients", "12", "--today", "2026-11-23")
    assert code == 0
    derived = ("finding_cache", "capacity_cache")  # findings kept by any read; not what a user saved
    before = {t: store_state(DbUrl(url), skip=tuple(x for x in _TABLES if x != t)) for t in _TABLES if t not in derived}

    svc = Services(Store.open(url), session("coordinator"))
    sp = svc.pathways.get(4)
    sp.pathway.extra["note"] = "written just before the server dies"
    record_many = AuditTrail.record_many

    def then_kill(self, entries):  # noqa: ANN001
        ids = record_many(self, entries)  # the row and its audit entry are written, not yet committed
        pgserver.stop(folder, mode="immediate")
        return ids

    monkeypatch.setattr(AuditTrail, "record_many", then_kill)
    with pytest.raises(ConnectionLost) as refused:
        svc.pathways.save(sp, "mid-save")
    assert "was lost" in str(refused.value) or "shut down" in str(refused.value)
    monkeypatch.setattr(AuditTrail, "record_many", record_many)
    svc.close()

    pgserver.wait_until_up(folder)
    after = {t: store_state(DbUrl(url), skip=tuple(x for x in _TABLES if x != t)) for t in _TABLES if t not in derived}
    assert after == before  # nothing of the save arrived
    with Store.open(url) as store:
        assert verify(store, full=True).ok
        again = Services(store, session("coordinator"))
        sp = again.pathways.get(4)
        sp.pathway.extra["note"] = "saved once the server is back"
        assert again.pathways.save(sp).version == sp.version + 1


# -- the copy of an SQLite store ----------------------------------------------------------------------


def test_migrate_copies_every_row_and_the_chain_verifies_on_arrival(tmp_path_factory, tmp_path, capsys):
    require_pg()
    source = demo_copy(tmp_path_factory, tmp_path)
    source_hash = file_hash(source)
    url = new_pg_database()
    try:
        code, out, err = cli(capsys, "migrate", "--from", source, "--to", url)
        assert code == 0, err
        assert "audit trail verified on arrival" in out
        with Store.open(source, write=False) as a, Store.open(url) as b:
            for table in ("patients", "pathways", "events", "audit", "users", "sites", "resources"):
                cols = "*" if table != "audit" else "id, hash"
                assert a.fetchall(f"SELECT {cols} FROM {table} ORDER BY 1") == \
                    b.fetchall(f"SELECT {cols} FROM {table} ORDER BY 1"), table
            # new rows get ids after the copied ones
            for table in ("patients", "pathways", "events", "sign_offs"):
                top = int(b.fetchone(f"SELECT coalesce(max(id), 0) FROM {table}")[0])
                assert int(b.execute_raw(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id'))").fetchone()[0]) \
                    == top + 1
        assert file_hash(source) == source_hash  # the source was only read
        # a second copy into the same (now full) database is refused and changes nothing
        before = store_state(DbUrl(url))
        code, _, err = cli(capsys, "migrate", "--from", source, "--to", url)
        assert code == 2 and "already holds data" in err
        assert store_state(DbUrl(url)) == before
    finally:
        drop_pg_database(url)


def test_a_copy_that_fails_half_way_leaves_the_target_empty(tmp_path_factory, tmp_path, monkeypatch):
    require_pg()
    from atmp_desktop.storage import transfer

    source = demo_copy(tmp_path_factory, tmp_path)
    url = new_pg_database()
    try:
        monkeypatch.setattr(transfer, "COPY_ORDER", transfer.COPY_ORDER[:4] + ("events", "pathways")
                            + transfer.COPY_ORDER[6:])  # events before their pathways: a foreign key fails
        with pytest.raises(StoreError):
            transfer.copy_store(source, url)
        with psycopg.connect(url, autocommit=True) as conn:
            for table in ("patients", "pathways", "events", "audit"):
                assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0
    finally:
        drop_pg_database(url)


def test_migrate_refuses_what_is_not_a_server_or_not_a_store(tmp_path, capsys):
    code, _, err = cli(capsys, "migrate", "--from", tmp_path / "none.db", "--to", tmp_path / "x.db")
    assert code == 2 and "postgresql:// URL" in err
    bad = tmp_path / "notes.db"
    bad.write_text("not a database at all, just some notes" * 10)
    code, _, err = cli(capsys, "migrate", "--from", bad, "--to", "postgresql://nobody@127.0.0.1:1/x")
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_a_malformed_server_url_is_one_line(capsys):
    code, out, err = cli(capsys, "pathways", "--db", "postgresql://nurse:secret@ward-db:notaport/atmp")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "secret" not in err
