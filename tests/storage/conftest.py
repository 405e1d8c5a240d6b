"""Fixtures for the store's tests: real SQLite files in temporary folders."""

from __future__ import annotations

import pytest

from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from tests.storage.helpers import demo_copy


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "atmp.db"


@pytest.fixture
def demo_db(tmp_path_factory, tmp_path):
    """A fresh copy of the 60-patient demo database (today = 2026-11-23, seed 1)."""
    return demo_copy(tmp_path_factory, tmp_path)


@pytest.fixture
def svc(demo_db):
    """Services over a fresh demo copy, signed in as nobody (see ``helpers.as_``)."""
    s = Services(Store.open(demo_db))
    yield s
    s.close()
