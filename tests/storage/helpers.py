"""Shared helpers for the store's tests (also used by tests/cli/test_store_*.py)."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

from atmp_desktop.services import Services
from atmp_desktop.services.auth import Session
from atmp_desktop.services.demo import create_demo_database
from atmp_desktop.storage import Store

TODAY = date(2026, 11, 23)  # a Monday
PASSWORDS = {"coordinator": "coordinator-demo", "pharmacist": "pharmacist-demo", "nurse": "nurse-demo",
             "admin": "admin-demo", "nurse2": "nurse2-demo", "pharmacist2": "pharmacist2-demo"}
ROLES = {"coordinator": "coordinator", "pharmacist": "pharmacist", "nurse": "nurse", "admin": "administrator",
         "nurse2": "nurse", "pharmacist2": "pharmacist"}

_templates: dict[tuple, Path] = {}


def demo_template(factory, patients: int = 60, seed: int = 1) -> Path:
    """A demo database built once per test session (copy it before changing it)."""
    key = (str(factory.getbasetemp()), patients, seed)
    if key not in _templates:
        path = factory.mktemp("demo-template") / "template.db"
        create_demo_database(path, patients=patients, seed=seed, today=TODAY)
        _templates[key] = path
    return _templates[key]


def demo_copy(factory, folder: Path, name: str = "atmp.db", patients: int = 60) -> Path:
    target = folder / name
    shutil.copyfile(demo_template(factory, patients), target)
    return target


def file_hash(path) -> str:
    """A digest of the store: the file's bytes, or (a DbUrl) every row of every table on the server."""
    from atmp_desktop.settings import DbUrl

    if isinstance(path, DbUrl):
        return store_state(path)
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def session(username: str) -> Session:
    """A session for a demo user without spending scrypt time (tests of the services, not of sign-in)."""
    return Session(username, username, ROLES[username])


def as_(svc: Services, username: str) -> Services:
    """*svc* acting as the demo user *username* (no scrypt; see :func:`session`)."""
    svc.session = session(username)
    return svc


def services(path: Path, username: str | None = None, **open_args) -> Services:
    store = Store.open(path, **open_args)
    return Services(store, session(username) if username else None)


_pg_templates: dict[tuple, str] = {}


def pg_demo_template(patients: int = 60, seed: int = 1) -> str:
    """A demo database on the test server, built once per session (clone it with CREATE DATABASE ... TEMPLATE)."""
    from tests.conftest import new_pg_database

    key = (patients, seed)
    if key not in _pg_templates:
        url = new_pg_database()
        create_demo_database(url, patients=patients, seed=seed, today=TODAY)
        _pg_templates[key] = url.rsplit("/", 1)[1]
    return _pg_templates[key]


def demo_store(backend: str, factory, folder: Path, name: str = "atmp.db", patients: int = 60):
    """A fresh demo store on *backend*: a file path, or a DbUrl of a new database (drop it with :func:`drop`)."""
    if backend == "sqlite":
        return demo_copy(factory, folder, name, patients)
    from atmp_desktop.settings import DbUrl
    from tests.conftest import new_pg_database

    return DbUrl(new_pg_database(template=pg_demo_template(patients)))


def drop(target) -> None:
    from atmp_desktop.settings import DbUrl
    from tests.conftest import drop_pg_database

    if isinstance(target, DbUrl):
        drop_pg_database(target.url)


def store_state(target, skip: tuple[str, ...] = ()) -> str:
    """A digest of everything in the store: the file's bytes, or every row of every table (but *skip*) on a server."""
    from atmp_desktop.settings import DbUrl

    if not isinstance(target, DbUrl):
        return file_hash(target)
    import psycopg


    h = hashlib.sha256()
    with psycopg.connect(target.url, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            " ORDER BY table_name").fetchall()]
        for t in tables:
            if t in skip:
                continue
            h.update(t.encode())
            for row in sorted(repr(r) for r in conn.execute(f"SELECT * FROM {t}").fetchall()):
                h.update(row.encode())
    return h.hexdigest()


def shell(target, sql: str) -> str:
    """Run *sql* as someone with the database's own shell would: ``sqlite3`` on a file, ``psql`` on a server.

    The tests that tamper with a store go through this, so that they tamper with both back ends.
    On PostgreSQL, SQLite's ``DROP TRIGGER name`` names its table (the audit trail's triggers).
    """
    import re
    import subprocess

    from atmp_desktop.settings import DbUrl

    if not isinstance(target, DbUrl):
        return subprocess.run(["sqlite3", str(target), sql], check=True, capture_output=True, text=True).stdout
    sql = re.sub(r"DROP TRIGGER (audit_\w+)\s*;", r"DROP TRIGGER \1 ON audit;", sql)
    sql = re.sub(r"CREATE TRIGGER (\w+) BEFORE (\w+) ON audit\s+BEGIN SELECT RAISE\(ABORT, ('[^']*')\); END",
                 r"CREATE TRIGGER \1 BEFORE \2 ON audit FOR EACH ROW EXECUTE FUNCTION atmp_forbid_change(\3)", sql)
    return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", target.url, "-c", sql],
                          check=True, capture_output=True, text=True).stdout
