"""The create-pathway dialog driven like a user: find a patient, plan, adjust, save; and its refusals."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from atmp_desktop.domain.identifiers import make_personnummer
from atmp_desktop.ui.create_pathway import CreatePathwayDialog
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.new_patient_dialog import NewPatientDialog
from atmp_desktop.ui.pathway_event_table import EventTableModel

from .conftest import TODAY
from .test_pathway_view import edit_cell


def open_dialog(qtbot, ctx, patient_id=None) -> CreatePathwayDialog:
    dlg = CreatePathwayDialog(ctx, patient_id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def find_patient(qtbot, dlg, text, which):
    qtbot.keyClicks(dlg.search, text)
    qtbot.waitUntil(lambda: dlg.results.count() > 0 and dlg.results.item(0).data(Qt.ItemDataRole.UserRole))
    items = [dlg.results.item(i) for i in range(dlg.results.count())]
    item = next(i for i in items if which in i.text())
    rect = dlg.results.visualItemRect(item)
    qtbot.mouseClick(dlg.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return item


def test_create_a_pathway_from_the_planners_proposal(qtbot, ctx, services):
    dlg = open_dialog(qtbot, ctx)
    find_patient(qtbot, dlg, "Danielss", "Ebba")
    assert dlg.patient is not None and dlg.patient.given_name == "Ebba"
    assert dlg.site.currentData() == dlg.patient.treating_site
    qtbot.keyClicks(dlg.product, "Yescarta")
    assert dlg.product.currentData() == "yescarta"
    dlg.set_date(date(2026, 12, 7))
    # the proposal is there at once, with its timeline, events and findings
    assert dlg.plan is not None
    p = dlg.work
    tz = p.tz
    assert p.first("apheresis").first_day(tz) == date(2026, 12, 7)
    assert dlg.editor.model.rowCount() == len(p.events)
    assert dlg.editor.timeline.row_of("infusion") is not None
    assert "infusion (day 0)" in dlg.summary.text()
    before = len(services.pathways.rows(patient_id=dlg.patient.id))
    dlg.reason.setText("referral from Södersjukhuset")  # QTest types ASCII only
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert dlg.created_pathway_id is not None
    assert dlg.result() == dlg.DialogCode.Accepted
    sp = services.pathways.get(dlg.created_pathway_id)
    assert sp.patient_id == dlg.patient.id and sp.product == "yescarta" and sp.site == dlg.patient.treating_site
    assert sp.pathway.first("apheresis").first_day(tz) == date(2026, 12, 7)
    assert sp.stage == "awaiting_apheresis"
    assert len(services.pathways.rows(patient_id=dlg.patient.id)) == before + 1
    assert services.audit.entries(pathway_id=sp.id, limit=1)[0].reason == "referral from Södersjukhuset"


def test_plan_backwards_from_a_target_infusion_date(qtbot, ctx, services):
    dlg = open_dialog(qtbot, ctx, patient_id=1)
    assert dlg.patient.id == 1
    qtbot.mouseClick(dlg.by_infusion, Qt.MouseButton.LeftButton)
    assert not dlg.earliest.isEnabled()
    dlg.set_date(date(2027, 2, 3))
    assert dlg.work.infusion_day() == date(2027, 2, 3)


def test_adjust_before_saving_with_what_if_findings(qtbot, ctx, services, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Yes))
    dlg = open_dialog(qtbot, ctx, patient_id=1)
    qtbot.keyClicks(dlg.product, "Yescarta")
    dlg.set_date(date(2026, 12, 7))
    assert "LD_TO_INFUSION" not in dlg.editor.codes()
    assert dlg.editor.move("infusion", 14)
    assert "LD_TO_INFUSION" in dlg.editor.new_codes()
    assert dlg.create()
    assert asked, "a new error is confirmed before saving"
    sp = services.pathways.get(dlg.created_pathway_id)
    assert sp.open_errors >= 1


def test_events_out_of_order_are_refused_and_nothing_is_created(qtbot, ctx, services):
    dlg = open_dialog(qtbot, ctx, patient_id=1)
    qtbot.keyClicks(dlg.product, "Yescarta")
    dlg.set_date(date(2026, 12, 7))
    rows = len(services.pathways.rows())
    # an end before its start is refused at once
    edit_cell(qtbot, dlg, "lymphodepletion", EventTableModel.PLANNED_END, "2026-12-01")
    assert dlg.bar.level == "error" and "before its start" in dlg.bar.message()
    # an infusion before the apheresis is taken, but saving it is refused
    edit_cell(qtbot, dlg, "infusion", EventTableModel.PLANNED_START, "2026-12-01 09:00")
    assert "SEQUENCE" in dlg.editor.new_codes()
    assert dlg.create() is False
    assert "out of order" in dlg.bar.message()
    assert dlg.created_pathway_id is None
    assert len(services.pathways.rows()) == rows


def test_earliest_feasible_says_what_pushed_the_plan_later(qtbot, ctx):
    dlg = open_dialog(qtbot, ctx, patient_id=1)
    qtbot.keyClicks(dlg.product, "Yescarta")
    dlg.set_date(date(2026, 12, 5))  # a Saturday: the apheresis unit is closed
    qtbot.mouseClick(dlg.earliest, Qt.MouseButton.LeftButton)
    assert dlg.earliest.isChecked()
    aph = dlg.work.first("apheresis").first_day(dlg.work.tz)
    assert aph >= date(2026, 12, 7)
    assert dlg.explain.text().startswith("Why not earlier:")
    assert "closed on 5 and 6 December (Saturday, Sunday)" in dlg.explain.text()


def test_register_a_new_patient_with_a_valid_personnummer(qtbot, ctx, services):
    dlg = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dlg.new_patient_button, Qt.MouseButton.LeftButton)
    new = dlg.patient_dialog
    number = make_personnummer(date(1975, 3, 14), 987)  # synthetic: birth number 900-999
    qtbot.keyClicks(new.identifier, f"{number[:8]}-{number[8:]}")
    assert new.id_status.text().startswith("✓")
    assert new.birth.text() == "1975-03-14"
    qtbot.keyClicks(new.given, "Testa")
    qtbot.keyClicks(new.family, "Testsson")
    qtbot.keyClicks(new.weight, "71,5")
    qtbot.mouseClick(new.ok, Qt.MouseButton.LeftButton)
    assert new.created_patient is not None
    assert dlg.patient is not None and dlg.patient.identifier == number
    assert services.patients.by_identifier(number).weight_kg == 71.5


def test_an_invalid_personnummer_is_refused_clearly_and_nothing_is_saved(qtbot, ctx, services):
    new = NewPatientDialog(ctx)
    qtbot.addWidget(new)
    new.show()
    number = make_personnummer(date(1975, 3, 14), 987)
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    qtbot.keyClicks(new.identifier, wrong)
    assert "Not valid" in new.id_status.text()
    qtbot.keyClicks(new.given, "Testa")
    qtbot.keyClicks(new.family, "Testsson")
    qtbot.mouseClick(new.ok, Qt.MouseButton.LeftButton)
    assert new.isVisible() and new.bar.level == "error"
    assert "personnummer is not valid" in new.bar.message()
    assert new.created_patient is None
    assert services.patients.search("Testsson") == []


def test_a_patient_without_a_swedish_number_gets_a_reserve_id(qtbot, ctx, services):
    new = NewPatientDialog(ctx)
    qtbot.addWidget(new)
    new.show()
    qtbot.mouseClick(new.no_number, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(new.given, "Ana")
    qtbot.keyClicks(new.family, "Referida")
    qtbot.mouseClick(new.ok, Qt.MouseButton.LeftButton)
    assert "birth date" in new.bar.message() and new.created_patient is None
    qtbot.keyClicks(new.birth, "1980-02-29")
    qtbot.mouseClick(new.ok, Qt.MouseButton.LeftButton)
    assert new.created_patient is not None
    assert new.created_patient.identifier.startswith("R19800229")


@pytest.mark.parametrize("role", ["nurse", "pharmacist"])
def test_only_a_coordinator_creates(qtbot, signed_in, role):
    ctx = UiContext(signed_in(role), lang="en", today=TODAY)
    dlg = open_dialog(qtbot, ctx, patient_id=1)
    assert not dlg.create_button.isEnabled()
    assert not dlg.new_patient_button.isEnabled()
    assert dlg.create() is False or dlg.created_pathway_id is None
    assert dlg.bar.level == "error"
