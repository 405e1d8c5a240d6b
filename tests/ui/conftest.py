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


@pytest.fixture(autouse=True, scope="session")
def _collect_on_the_gui_thread(qapp):
    """As in the application: Python's collector runs on the GUI thread only, never in a worker's."""
    from atmp_desktop.ui.main_thread_gc import collect_on_main_thread, stop_main_thread_collection

    collect_on_main_thread(qapp)
    yield
    stop_main_thread_collection()


@pytest.fixture
def automatic_gc():
    """Python's own automatic collector for one test (the tests of the start-up pause)."""
    from atmp_desktop.ui.main_thread_gc import collect_on_main_thread, stop_main_thread_collection

    from PySide6.QtWidgets import QApplication

    stop_main_thread_collection()
    yield
    collect_on_main_thread(QApplication.instance())


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
