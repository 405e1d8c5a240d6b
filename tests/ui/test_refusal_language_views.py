"""Refusals shown inside the views (message bars and labels) are in the UI language.

Each test signs in, switches the UI to Swedish and does what a user would do
until the service or the store refuses; the Swedish text of the refusal must
then be on screen, not the English one.
"""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMessageBox

from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from atmp_desktop.storage.errors import translate
from atmp_desktop.ui import calendar_load
from atmp_desktop.ui.celllab_thaw_dialog import ThawDialog
from atmp_desktop.ui.celllab_view import CellLabView
from atmp_desktop.ui.checklists import open_checklist
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.new_patient_dialog import NewPatientDialog
from atmp_desktop.ui.pathway_view import PathwayView

from .conftest import TODAY
from .scanning import scan_labels
from .test_celllab import TZ, Clock, save, thaw_candidate

IN_STORAGE = 3  # Kymriah, Uppsala: product received today; infusion 30 Nov planned


@pytest.fixture
def warnings_shown(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: said.append(a[2]))
    return said


def swedish_ctx(services) -> UiContext:
    return UiContext(services, lang="sv", today=TODAY)


# -- the pathway view ------------------------------------------------------------------------------


def test_a_save_while_another_program_writes_is_refused_in_swedish(qtbot, demo_db, swedish, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    store = Store.open(demo_db, busy_timeout=0.2)  # give up on the lock quickly
    try:
        services = Services(store)
        services.sign_in("coordinator", "coordinator-demo")
        view = PathwayView(swedish_ctx(services))
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        view.show_pathway(IN_STORAGE)
        assert view.move_event("infusion", 1)
        holder = sqlite3.connect(str(demo_db), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program is writing
        try:
            qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert view.bar.level == "error"
        shown = view.bar.message()
        assert ("är låst av ett annat program eller fönster som skriver i den; inget har ändrats. "
                "Försök igen om en stund") in shown
        assert "is locked by" not in shown and "nothing was changed" not in shown
        assert view.dirty  # the edit is kept for another try
        view.revert()
        view.close()
    finally:
        store.close()


# -- the cell lab ----------------------------------------------------------------------------------


def cell_lab(qtbot, services, day, clock) -> CellLabView:
    view = CellLabView(UiContext(services, lang="sv", today=day), now=clock)  # the lists of the thaw's day
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def thaw_row(view, pathway_id):
    model = view.thaw_model
    return model.row(model.index(model.find(pathway_id), 0))


def test_a_coordinator_recording_a_thaw_in_the_cell_lab_is_refused_in_swedish(
        qtbot, signed_in, swedish, warnings_shown):
    coordinator = signed_in("coordinator")
    sp, thaw, _ = thaw_candidate(coordinator)
    view = cell_lab(qtbot, coordinator, thaw.first_day(TZ), Clock(thaw.start))
    assert not view.thaw_button.isEnabled()  # only a pharmacist records the thaw…
    dialog = view.record_thaw(thaw_row(view, sp.id))  # …but reached another way, the service refuses
    assert isinstance(dialog, ThawDialog)
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.message.isVisible()
    text = dialog.message.text()
    assert text.startswith("coordinator (koordinator) får inte registrera den faktiska tiden för ")
    assert text.endswith("bara en farmaceut får göra det; inget har ändrats")
    assert "may not" not in text
    assert warnings_shown == [text]
    assert not next(e for e in coordinator.pathways.get(sp.id).pathway.events if e.label == thaw.label).happened


def test_a_cell_lab_save_conflict_is_said_in_swedish(qtbot, signed_in, swedish, warnings_shown):
    pharmacist = signed_in("pharmacist")
    sp, thaw, _ = thaw_candidate(pharmacist)
    view = cell_lab(qtbot, pharmacist, thaw.first_day(TZ), Clock(thaw.start))
    dialog = view.record_thaw(thaw_row(view, sp.id))
    dialog.started.set_value(thaw.start + timedelta(minutes=7))
    scan_labels(qtbot, dialog, pharmacist, sp.id)
    other = signed_in("pharmacist2")  # saves the same pathway meanwhile
    fresh = other.pathways.get(sp.id)
    storage = fresh.pathway.first("storage")
    other.pathways.record_actual(sp.id, fresh.version, storage.label, storage.actual_start,
                                 temperatures=list(storage.temperatures) + [(thaw.start, -180.0)])
    save(qtbot, dialog)
    assert dialog.isVisible()
    text = dialog.message.text()
    assert f"vårdförlopp {sp.id} ändrades av pharmacist2" in text
    assert "dina ändringar sparades inte" in text
    assert "was changed by" not in text
    save(qtbot, dialog)  # the entries were kept: the second save goes through
    assert not dialog.isVisible()


# -- checklists ------------------------------------------------------------------------------------


def test_a_wrong_second_password_at_sign_off_is_refused_in_swedish(qtbot, signed_in, swedish):
    ctx = swedish_ctx(signed_in("nurse"))
    rows = ctx.services.pathways.events_between(TODAY, TODAY + timedelta(days=14), stages=(
        "product_in_storage", "lymphodepletion", "infused"))
    pathway_id = next(r.pathway_id for r in rows if r.kind == "infusion")
    dialog = open_checklist(ctx, pathway_id, "pre-infusion")
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=10000)

    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert "checklistan ”före infusion” måste bekräftas av en andra person" in dialog.sign_message.text()

    dialog.set_second_person("nurse2")
    qtbot.keyClicks(dialog.second_password, "not-the-password")
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    text = dialog.sign_message.text()
    assert "den andra personens användarnamn eller lösenord är fel; inget har signerats" in text
    assert "password is wrong" not in text
    assert ctx.services.pathways.sign_offs(pathway_id) == []


# -- registering a patient -------------------------------------------------------------------------


def test_registering_a_patient_twice_is_refused_in_swedish(qtbot, services, swedish):
    known = next(p for p in services.patients.list() if p.id_kind == "personnummer")
    new = NewPatientDialog(swedish_ctx(services))
    qtbot.addWidget(new)
    new.show()
    qtbot.keyClicks(new.identifier, known.display_identifier)
    qtbot.keyClicks(new.given, "Testa")
    qtbot.keyClicks(new.family, "Testsson")
    qtbot.mouseClick(new.ok, Qt.MouseButton.LeftButton)
    assert new.isVisible() and new.bar.level == "error"
    text = new.bar.message()
    assert f"en patient med {known.display_identifier} är redan registrerad (patient {known.id}," in text
    assert "inget har sparats" in text and "already registered" not in text
    assert new.created_patient is None


def test_a_mistyped_personnummer_is_explained_in_swedish(qtbot, services, swedish):
    new = NewPatientDialog(swedish_ctx(services))
    qtbot.addWidget(new)
    new.show()
    qtbot.keyClicks(new.identifier, "19121212-1213")  # the test number 19121212-1212 with a wrong check digit
    assert "kontrollsiffran är fel" in new.id_status.text()
    assert "check digit" not in new.id_status.text()
    qtbot.keyClicks(new.given, "Testa")
    qtbot.keyClicks(new.family, "Testsson")
    qtbot.mouseClick(new.ok, Qt.MouseButton.LeftButton)
    assert new.isVisible() and new.bar.level == "error"
    assert "'19121212-1213' är inte ett giltigt personnummer: kontrollsiffran är fel" in new.bar.message()
    assert new.created_patient is None


# -- the calendar's load strip (counted on a worker thread) ---------------------------------------


def test_the_load_counter_says_a_refusal_in_the_ui_language(qtbot, services, monkeypatch):
    def locked(*_a, **_k):
        raise translate(sqlite3.OperationalError("database is locked"), None)

    monkeypatch.setattr(calendar_load, "build_loads", locked)
    site = services.sites.list()[0].id
    source = calendar_load.LoadSource(services, lang="sv")
    with qtbot.waitSignal(source.failed, timeout=10000) as failed:
        source.request([site])
    assert failed.args[0].startswith("databasen är låst av ett annat program")
    assert source.error == failed.args[0]
    source.wait()
