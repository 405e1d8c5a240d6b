"""Fixtures for the store's tests: real SQLite files in temporary folders, and real PostgreSQL databases."""

from __future__ import annotations

import pytest

from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from tests.storage.helpers import demo_store, drop


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "atmp.db"


@pytest.fixture
def demo_db(backend, tmp_path_factory, tmp_path):
    """A fresh copy of the 60-patient demo database (today = 2026-11-23, seed 1), on each back end."""
    target = demo_store(backend, tmp_path_factory, tmp_path)
    yield target
    drop(target)


@pytest.fixture
def svc(demo_db):
    """Services over a fresh demo copy, signed in as nobody (see ``helpers.as_``)."""
    s = Services(Store.open(demo_db))
    yield s
    s.close()
