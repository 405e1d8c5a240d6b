"""Casgevy from the GUI: the conditioning days (and apheresis cycles) a user types, passed to the planner."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from atmp_desktop.domain.planner import PlanRequest

from .test_create_pathway import find_patient, open_dialog


def _type_number(qtbot, spin, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    QTest.keyClick(spin.lineEdit(), Qt.Key.Key_Delete)
    qtbot.keyClicks(spin.lineEdit(), str(value))
    QTest.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


def test_a_car_t_product_asks_for_neither(qtbot, ctx):
    dlg = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dlg.product, "Yescarta")
    assert not dlg.conditioning_days.isVisible() and not dlg.cycles.isVisible()
    assert dlg.request().conditioning_days is None and dlg.request().apheresis_cycles == 1


def test_casgevy_is_planned_from_mobilisation_to_infusion_with_typed_conditioning_days(qtbot, ctx, services):
    dlg = open_dialog(qtbot, ctx)
    find_patient(qtbot, dlg, "Danielss", "Ebba")
    qtbot.keyClicks(dlg.product, "Casgevy")
    assert dlg.product.currentData() == "casgevy"
    dlg.set_date(date(2026, 12, 7))
    # the EU label gives no number of busulfan days: the box asks for the centre's protocol's
    assert dlg.conditioning_days.isVisible() and dlg.cycles.isVisible()
    assert dlg.conditioning_label.text() == "Conditioning days"
    _type_number(qtbot, dlg.conditioning_days, 4)
    assert dlg.plan is not None, dlg.bar.text() if hasattr(dlg.bar, "text") else ""
    p = dlg.work
    kinds = [e.kind for e in p.events]
    assert "mobilisation" in kinds and "conditioning" in kinds and "lymphodepletion" not in kinds
    conditioning = p.first("conditioning")
    assert (conditioning.last_day(p.tz) - conditioning.first_day(p.tz)).days + 1 == 4
    # the same plan as the CLI's `plan --conditioning-days 4`
    cli = services.pathways.propose(PlanRequest("casgevy", dlg.indication.currentData(), "EU",
                                                apheresis=date(2026, 12, 7), conditioning_days=4),
                                    dlg.site.currentData())
    assert [(e.kind, e.first_day(p.tz)) for e in cli.pathway.events] == [(e.kind, e.first_day(p.tz))
                                                                         for e in p.events]
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    assert dlg.created_pathway_id is not None
    stored = services.pathways.get(dlg.created_pathway_id).pathway
    assert stored.first("conditioning") is not None and stored.first("infusion") is not None


def test_casgevy_us_plans_two_apheresis_cycles(qtbot, ctx):
    dlg = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dlg.product, "Casgevy")
    dlg.region.setCurrentIndex(dlg.region.findData("US"))
    dlg.set_date(date(2026, 12, 7))
    _type_number(qtbot, dlg.conditioning_days, 4)
    _type_number(qtbot, dlg.cycles, 2)
    assert dlg.request().apheresis_cycles == 2
    assert dlg.plan is not None
    assert len(dlg.work.of("mobilisation")) == 2


def test_the_boxes_speak_swedish(qtbot, ctx, swedish):
    dlg = open_dialog(qtbot, ctx)
    qtbot.keyClicks(dlg.product, "Casgevy")
    assert dlg.conditioning_label.text() == "Konditioneringsdagar"
    assert dlg.cycles_label.text() == "Aferescykler"


def test_earliest_feasible_casgevy_needs_a_chair_on_both_collection_days(qtbot, ctx, services, signed_in):
    from dataclasses import replace

    admin = signed_in("admin")
    chairs = admin.resources.get("huddinge-apheresis")
    admin.resources.save(replace(chairs, capacity=1), "test: one chair")
    other = services.pathways.propose(PlanRequest("yescarta", "lbcl", apheresis=date(2027, 3, 3)), "huddinge")
    patient = services.patients.list("huddinge")[0]
    services.pathways.create(patient.id, other.pathway, "huddinge", "test: takes the chair on 3 March")

    dlg = open_dialog(qtbot, ctx)
    find_patient(qtbot, dlg, "Danielss", "Ebba")
    dlg.site.setCurrentIndex(dlg.site.findData("huddinge"))
    qtbot.keyClicks(dlg.product, "Casgevy")
    dlg.set_date(date(2027, 3, 2))
    # typed and left with Tab (Return would press the dialog's Create button)
    dlg.conditioning_days.setFocus()
    dlg.conditioning_days.selectAll()
    qtbot.keyClicks(dlg.conditioning_days.lineEdit(), "4")
    QTest.keyClick(dlg.conditioning_days.lineEdit(), Qt.Key.Key_Tab)
    assert dlg.created_pathway_id is None
    qtbot.mouseClick(dlg.earliest, Qt.MouseButton.LeftButton)
    assert dlg.earliest.isChecked() and dlg.plan is not None
    p = dlg.work
    # Tuesday 2 March is free but Wednesday 3 March, the second collection day, is not
    assert [e.first_day(p.tz) for e in p.of("apheresis")] == [date(2027, 3, 4), date(2027, 3, 5)]
    assert p.first("mobilisation") is not None and p.first("conditioning") is not None
    assert "no apheresis chair on 3 March" in dlg.explain.text()
