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


def file_hash(path: Path) -> str:
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
