"""Live updates in the window on a shared PostgreSQL store (issue 12).

A real window is open on a real throwaway server; a second client (its own
connection, so its own backend process, as another workstation has) saves.
The window's open view shows the other client's change within a second —
unless the view holds unsaved edits: those are kept, and the status bar says
that someone else saved. No mocks: the notice travels through LISTEN/NOTIFY.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt

from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from atmp_desktop.ui.cells import PathwayIdRole
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.main_window import MainWindow
from atmp_desktop.ui.settings_dialog import Preferences
from tests.storage.helpers import session
from tests.ui.conftest import TODAY
from tests.ui.test_unsaved_edits import IN_STORAGE, LD_GIVEN, open_and_drag_infusion

@pytest.fixture
def shared(pg_demo):
    """A fresh demo database on the test server (its DbUrl), shared by the window and the other client."""
    return pg_demo


@pytest.fixture
def window(shared, qtbot, tmp_path, qapp, monkeypatch):
    from atmp_desktop.ui import errors as ui_errors

    said = []
    monkeypatch.setattr(ui_errors, "present", lambda parent, kind, title, text, details=None:
                        said.append((kind, title, text)))
    services = Services(Store.open(shared))
    services.sign_in("coordinator", "coordinator-demo")
    ctx = UiContext(services, lang="en", today=TODAY)
    w = MainWindow(ctx, Preferences(language="en"),
                   state=QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat),
                   save_preferences=lambda prefs: None)
    w.said = said
    # Not qtbot.addWidget: pytest-qt would close the window before this fixture's
    # teardown, and a view left with unsaved edits would ask Save/Discard/Cancel.
    w.show()
    qtbot.waitExposed(w)
    assert w.live.listening
    yield w
    view = w._views.get("pathway")
    if view is not None and view.dirty:
        view.revert()
    w.close()
    w.deleteLater()
    services.close()


@pytest.fixture
def other_client(shared):
    """Another workstation: another connection to the same database, a coordinator signed in."""
    svc = Services(Store.open(shared), session("coordinator"))
    yield svc
    svc.close()


def move_infusion(svc: Services, pathway_id: int, days: int) -> int:
    """The other client moves the pathway's planned infusion by *days*; returns the saved version."""
    sp = svc.pathways.get(pathway_id)
    infusion = sp.pathway.first("infusion")
    infusion.start = infusion.start + timedelta(days=days)
    if infusion.end is not None:
        infusion.end = infusion.end + timedelta(days=days)
    return svc.pathways.save(sp, "infusion moved on another workstation").version


def test_the_open_pathway_shows_another_clients_save_within_a_second(window, other_client, qtbot):
    window.show_pathway(IN_STORAGE)
    view = window.view("pathway")
    before = view.stored.version
    planned = view.stored.pathway.first("infusion").start
    qtbot.wait(200)  # the window's listener is connected
    new_version = move_infusion(other_client, IN_STORAGE, days=1)
    assert new_version == before + 1
    t0 = time.perf_counter()
    qtbot.waitUntil(lambda: view.stored.version == new_version, timeout=1000)
    assert time.perf_counter() - t0 < 1.0
    assert view.stored.pathway.first("infusion").start == planned + timedelta(days=1)
    assert not view.dirty
    assert window.said == []


def test_a_view_with_unsaved_edits_keeps_them_and_says_someone_saved(window, other_client, qtbot):
    view = open_and_drag_infusion(qtbot, window, days=1)
    edited = view.work.pathway.first("infusion").start
    version = view.stored.version
    qtbot.wait(200)
    move_infusion(other_client, LD_GIVEN, days=1)  # another pathway, saved elsewhere
    qtbot.waitUntil(lambda: "Someone else saved" in window.statusBar().currentMessage(), timeout=1000)
    # nothing was reloaded under the user's hands: the edit and the version it is based on are kept
    assert view.dirty
    assert view.work.pathway.first("infusion").start == edited
    assert view.stored.version == version
    assert window.said == []
    view.revert()
    assert not view.dirty


def test_the_patients_list_shows_another_clients_cancellation(window, other_client, qtbot):
    window.show_view("patients")
    view = window.view("patients")
    _, patient = other_client.pathways.with_patient(LD_GIVEN)
    qtbot.keyClicks(view.search, patient.family_name)

    def stage_shown() -> str | None:
        """The Stage cell of the pathway's row as the list shows it (None: no such row)."""
        model = view.table.model()
        stage = next(c for c in range(model.columnCount())
                     if model.headerData(c, Qt.Orientation.Horizontal) == "Stage")
        for r in range(model.rowCount()):
            if model.index(r, 0).data(PathwayIdRole) == LD_GIVEN:
                return model.index(r, stage).data()
        return None

    qtbot.waitUntil(lambda: stage_shown() is not None, timeout=2000)
    assert stage_shown() != "cancelled"
    qtbot.wait(200)
    sp = other_client.pathways.get(LD_GIVEN)
    other_client.pathways.cancel(LD_GIVEN, sp.version, "patient withdrew consent")
    t0 = time.perf_counter()
    # the list shows open pathways by default: the cancelled one leaves it
    qtbot.waitUntil(lambda: stage_shown() is None, timeout=1000)
    assert time.perf_counter() - t0 < 1.0
    view.stage.setCurrentIndex(view.stage.findText("All stages"))
    assert stage_shown() == "cancelled"
    assert window.said == []
