"""The capacity editor: administrators change each site's resources with a reason; others read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from atmp_desktop.domain.resources import Resource
from atmp_desktop.services.errors import PermissionDenied
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.resources_editor import ResourceDialog, ResourcesEditor, ResourceTableModel
from tests.ui.conftest import TODAY


def _editor(qtbot, signed_in, user: str) -> ResourcesEditor:
    editor = ResourcesEditor(UiContext(signed_in(user), lang="en", today=TODAY))
    qtbot.addWidget(editor)
    editor.resize(1000, 600)
    editor.show()
    return editor


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _save_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def _set_spin(qtbot, spin, value: int) -> None:
    spin.selectAll()
    QTest.keyClick(spin.lineEdit(), Qt.Key.Key_Delete)
    qtbot.keyClicks(spin.lineEdit(), str(value))


def test_lists_each_sites_resources(qtbot, signed_in):
    editor = _editor(qtbot, signed_in, "coordinator")
    editor.select_site("huddinge")
    model = editor.model
    kinds = {model.resource(r).kind for r in range(model.rowCount())}
    assert kinds == {"apheresis_chair", "ward_bed", "thaw_slot", "manufacturing_slot"}
    assert all(model.resource(r).site == "huddinge" for r in range(model.rowCount()))
    row = model.row_of("huddinge-ward")
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    assert texts[0] == "Ward beds (CAR-T)" and texts[3] == "day" and texts[5] == "14"
    mfg = model.row_of("huddinge-mfg-kymriah")
    assert model.index(mfg, 3).data() == "week" and model.index(mfg, 4).data() == "Kymriah"


def test_admin_saves_a_new_capacity(qtbot, signed_in):
    editor = _editor(qtbot, signed_in, "admin")
    svc = editor.svc
    editor.select_site("huddinge")
    before = svc.resources.get("huddinge-apheresis").capacity
    assert editor.select("huddinge-apheresis")
    _click(qtbot, editor.edit_button)
    dialog = editor.dialog
    assert isinstance(dialog, ResourceDialog) and dialog.isVisible()
    assert not dialog.kind_box.isEnabled()
    _set_spin(qtbot, dialog.capacity, before + 1)
    _click(qtbot, _save_button(dialog))
    assert dialog.isVisible() and "reason" in dialog.error.text()  # no reason: nothing saved
    assert svc.resources.get("huddinge-apheresis").capacity == before
    qtbot.keyClicks(dialog.reason, "a third nurse on Tuesdays")
    with qtbot.waitSignal(editor.ctx.pathwaysChanged):
        _click(qtbot, _save_button(dialog))
    assert not dialog.isVisible()
    assert svc.resources.get("huddinge-apheresis").capacity == before + 1
    row = editor.model.row_of("huddinge-apheresis")
    assert editor.model.index(row, 2).data() == str(before + 1)
    entry = svc.audit.entries(table="resources", row_id="huddinge-apheresis", limit=1)[0]
    assert entry.action == "update" and entry.username == "admin"
    assert entry.reason == "a third nurse on Tuesdays"
    assert entry.before["capacity"] == before and entry.after["capacity"] == before + 1


def test_admin_adds_a_manufacturing_slot_and_a_ward_stay(qtbot, signed_in):
    editor = _editor(qtbot, signed_in, "admin")
    svc = editor.svc
    editor.select_site("uppsala")
    _click(qtbot, editor.add_button)
    dialog = editor.dialog
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("manufacturing_slot"))
    assert dialog.product_box.isVisible() and not dialog.stay.isVisible()
    dialog.product_box.setCurrentIndex(dialog.product_box.findData("breyanzi"))
    _set_spin(qtbot, dialog.capacity, 2)
    qtbot.keyClicks(dialog.reason, "extra allocation from BMS")
    _click(qtbot, _save_button(dialog))
    added = [r for r in svc.resources.list("uppsala") if r.id == "uppsala-mfg-breyanzi-2"]
    assert added == [Resource("uppsala-mfg-breyanzi-2", "uppsala", "manufacturing_slot",
                              "Manufacturing slots, Breyanzi", 2, "week", "breyanzi", None)]
    assert editor.selected().id == "uppsala-mfg-breyanzi-2"

    assert editor.select("uppsala-ward")
    dialog = editor.edit_selected()
    assert dialog.stay_set.isChecked() and dialog.stay.value() == 10
    dialog.stay_set.setChecked(False)
    qtbot.keyClicks(dialog.reason, "count beds by the label's monitoring period")
    assert dialog.save()
    assert svc.resources.get("uppsala-ward").inpatient_days is None


def test_admin_removes_a_resource_with_a_reason(qtbot, signed_in):
    editor = _editor(qtbot, signed_in, "admin")
    editor.select_site("lund")
    assert editor.select("lund-thaw")
    _click(qtbot, editor.remove_button)
    ask = editor.dialog
    qtbot.keyClicks(ask.reason, "thaws move to the central lab")
    _click(qtbot, ask.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))
    assert "lund-thaw" not in {r.id for r in editor.svc.resources.list("lund")}
    assert editor.model.row_of("lund-thaw") == -1
    entry = editor.svc.audit.entries(table="resources", row_id="lund-thaw", limit=1)[0]
    assert entry.action == "delete" and entry.reason == "thaws move to the central lab"


def test_non_administrators_read_only_and_the_service_refuses(qtbot, signed_in):
    editor = _editor(qtbot, signed_in, "coordinator")
    assert editor.select("huddinge-thaw") or editor.select(editor.model.resource(0).id)
    for button in (editor.add_button, editor.edit_button, editor.remove_button):
        assert not button.isEnabled()
    assert "only an administrator" in editor.message.text()
    assert editor.edit_selected() is None and editor.add() is None
    resource = editor.svc.resources.get("huddinge-thaw")
    with pytest.raises(PermissionDenied):
        editor.svc.resources.save(Resource(**{**resource.__dict__, "capacity": 9}), "no")
    assert editor.svc.resources.get("huddinge-thaw").capacity == resource.capacity


def test_resource_model_passes_qtmodeltester(qtmodeltester, services):
    model = ResourceTableModel({"kymriah": "Kymriah"})
    model.set_resources(services.resources.list())
    qtmodeltester.check(model)
    model.set_resources([])
    qtmodeltester.check(model)
