"""A nurse records the CD34+ cells each apheresis of a stem-cell product collected (issue 13).

Casgevy's label sets a target dose over all collections (CELL_DOSE_TARGET);
until every collection's count is recorded the check can only warn that it is
missing. The counts are typed into the "Record what happened" dialog.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from atmp_desktop.services.errors import ValidationError
from atmp_desktop.ui.context import UiContext
from tests.ui.conftest import TODAY
from tests.ui.protocol_pathways import casgevy_in_conditioning
from tests.ui.test_pathway_view import make_view


def dose_findings(services, pid: int) -> list[str]:
    return [f.message() for f in services.pathways.findings(services.pathways.get(pid)) if f.code == "CELL_DOSE_TARGET"]


def event(sp, label: str):
    return next(e for e in sp.pathway.events if e.label == label)


def record_cd34(qtbot, view, label: str, typed: str):
    dlg = view.record_actual(label)
    assert dlg.cd34.isVisible(), "a collection of a stem-cell product asks for its CD34+ cells"
    dlg.cd34.clear()
    qtbot.keyClicks(dlg.cd34, typed)
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    return dlg


def test_a_nurse_records_each_collections_cd34_cells_and_the_dose_is_checked(qtbot, store, signed_in):
    pid = casgevy_in_conditioning(store)
    nurse = signed_in("nurse")
    ctx = UiContext(nurse, lang="en", today=TODAY)
    view = make_view(qtbot, ctx, pid)
    assert "not all collected CD34+ cell counts" in dose_findings(nurse, pid)[0]

    dlg = record_cd34(qtbot, view, "apheresis#1", "9,5")  # a decimal comma, as typed in Sweden
    assert not dlg.isVisible()
    assert event(nurse.pathways.get(pid), "apheresis#1").extra["cd34_per_kg"] == 9.5
    assert "not all collected" in dose_findings(nurse, pid)[0], "the second collection is still missing"

    dlg = view.record_actual("apheresis#2")
    assert "the other collections gave 9.5" in dlg._cd34_hint.text() and "Target 20" in dlg._cd34_hint.text()
    dlg.reject()
    record_cd34(qtbot, view, "apheresis#2", "8")
    assert dose_findings(nurse, pid) == [
        "17.5 × 10⁶ CD34+ cells/kg collected; Casgevy recommends at least 20 × 10⁶/kg "
        "for manufacturing: plan another mobilisation and apheresis cycle."]

    record_cd34(qtbot, view, "apheresis#2", "11.2")
    assert dose_findings(nurse, pid) == []
    assert event(view.stored, "apheresis#2").extra["cd34_per_kg"] == 11.2


def test_a_count_that_is_not_a_number_is_refused_in_the_dialog(qtbot, store, signed_in):
    pid = casgevy_in_conditioning(store)
    nurse = signed_in("nurse")
    view = make_view(qtbot, UiContext(nurse, lang="en", today=TODAY), pid)
    version = nurse.pathways.get(pid).version
    for typed, said in (("many", "is not a number"), ("-2", "cannot be negative")):
        dlg = record_cd34(qtbot, view, "apheresis#1", typed)
        assert dlg.isVisible() and dlg.bar.level == "error" and said in dlg.bar.message()
        dlg.reject()
    assert nurse.pathways.get(pid).version == version


def test_only_a_stem_cell_products_collections_ask_for_cd34_cells(qtbot, signed_in):
    from tests.ui.test_unsaved_edits import IN_STORAGE

    nurse = signed_in("nurse")
    view = make_view(qtbot, UiContext(nurse, lang="en", today=TODAY), IN_STORAGE)  # a CAR-T product
    dlg = view.record_actual("apheresis")
    assert not dlg.cd34.isVisible()
    dlg.reject()


def test_the_service_refuses_a_count_on_another_event_or_below_zero(store, signed_in):
    pid = casgevy_in_conditioning(store)
    nurse = signed_in("nurse")
    sp = nurse.pathways.get(pid)
    conditioning = sp.pathway.first("conditioning")
    with pytest.raises(ValidationError, match="recorded for an apheresis"):
        nurse.pathways.record_actual(pid, sp.version, "conditioning", conditioning.actual_start, cd34_per_kg=3.0)
    apheresis = event(sp, "apheresis#1")
    with pytest.raises(ValidationError) as refused:
        nurse.pathways.record_actual(pid, sp.version, "apheresis#1", apheresis.actual_start, cd34_per_kg=-1)
    assert refused.value.message("sv") == "CD34+-celler per kg kan inte vara -1"
    assert nurse.pathways.get(pid).version == sp.version
