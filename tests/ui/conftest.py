"""Fixtures for GUI tests: a small demo database per test and a signed-in UI context."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from atmp_desktop.services import Services
from atmp_desktop.storage import Store

#: The day the demo data is built around; views see it as "today".
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _gui_marker(request):
    request.node.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from atmp_desktop.services.demo import create_demo_database

    path = tmp_path_factory.mktemp("demo") / "template.db"
    create_demo_database(path, patients=60, seed=1, today=TODAY)
    return path


@pytest.fixture
def demo_db(demo_template, tmp_path):
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def store(demo_db):
    s = Store.open(demo_db)
    yield s
    s.close()


def _signed_in(store, user):
    svc = Services(store)
    svc.sign_in(user, f"{user}-demo")
    return svc


@pytest.fixture
def services(store):
    """Services signed in as the demo coordinator."""
    return _signed_in(store, "coordinator")


@pytest.fixture
def signed_in(store):
    """Factory: services signed in as another demo user, e.g. signed_in("pharmacist")."""
    return lambda user: _signed_in(store, user)


@pytest.fixture
def ctx(services, qapp):
    from atmp_desktop.ui.context import UiContext

    return UiContext(services, lang="en", today=TODAY)


@pytest.fixture
def swedish():
    """The UI in Swedish for one test (Qt's translators installed), English again after it."""
    from atmp_desktop.ui import i18n

    assert i18n.install("sv"), "the Swedish translations load"
    yield
    i18n.install("en")
