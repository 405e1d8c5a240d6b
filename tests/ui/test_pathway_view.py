"""The Pathway view driven like a user: what-if moves, save, conflicts, record, cancel, replan, permissions."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox

from atmp_desktop.services import PermissionDenied, Services
from atmp_desktop.storage import Store
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.pathway_event_table import EventTableModel
from atmp_desktop.ui.pathway_view import PathwayView

from .conftest import TODAY

#: Demo pathways (seed 1, today 2026-11-23) used below.
IN_STORAGE = 3  # Kymriah, Uppsala: product received today; LD 25-27 Nov, infusion 30 Nov planned
LD_GIVEN = 50  # Carvykti, Uppsala: LD given 19-21 Nov; thaw and infusion planned 24 Nov


@pytest.fixture
def yes(monkeypatch):
    """Answer Yes to "save with errors?" (a modal question would block the test)."""
    asked = []

    def question(*args, **kwargs):
        asked.append(args[2] if len(args) > 2 else "")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def make_view(qtbot, ctx, pathway_id=None):
    view = PathwayView(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 850)
    view.show()
    qtbot.waitExposed(view)
    if pathway_id is not None:
        view.show_pathway(pathway_id)
    return view


def drag(qtbot, view, label, days):
    """Drag the planned bar of *label* sideways by *days* in the timeline."""
    t = view.editor.timeline
    rect = t.planned_rect(label)
    view.editor.area.ensureVisible(rect.center().x(), rect.center().y(), 250, 40)
    start = rect.center()
    end = start + QPoint(days * t.DAY_W, 0)
    qtbot.mousePress(t, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(t, end)
    qtbot.mouseRelease(t, Qt.MouseButton.LeftButton, pos=end)


def edit_cell(qtbot, view, label, column, text):
    """Double-click a cell of the event table, type, press Enter."""
    table = view.editor.table
    model = view.editor.model
    index = model.index(model.row_of(label), column)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, "double-click opens the cell editor"
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_header_table_timeline_and_findings_are_shown(qtbot, ctx, services, qtmodeltester):
    view = make_view(qtbot, ctx, LD_GIVEN)
    sp, patient = services.pathways.with_patient(LD_GIVEN)
    h = view.header
    assert h.name.text() == patient.full_name
    assert h.identifier.text() == patient.display_identifier
    assert "Carvykti" in h.values["product"].text()
    assert h.values["stage"].text() == "lymphodepletion running"
    assert h.values["coi"].text() == sp.pathway.coi_id
    assert h.values["expiry"].text() == sp.pathway.product_expiry.isoformat()
    model = view.editor.model
    qtmodeltester.check(model)
    assert model.rowCount() == len(sp.pathway.events)
    row = model.row_of("lymphodepletion")
    assert model.index(row, EventTableModel.ACTUAL_START).data() == "2026-11-19"
    assert model.index(row, EventTableModel.RECORDED_BY).data() == "Sara Berg (nurse)"
    assert model.index(model.row_of("infusion"), EventTableModel.DAY).data() == "0"
    # the label checks and the site's capacity (issue 6), as the capacity service counts it
    from atmp_desktop.services.capacity import CapacityService

    expected = services.pathways.findings(sp) + CapacityService(services).findings_for(LD_GIVEN)
    # capacity is counted just after the view has painted
    qtbot.waitUntil(lambda: "CAPACITY" in view.editor.findings_list.codes())
    assert sorted(view.editor.findings_list.codes()) == sorted(f.code for f in expected)
    assert "CAPACITY" in view.editor.findings_list.codes()
    assert not view.dirty and not view.save_button.isEnabled()


def test_the_sites_capacity_is_counted_on_a_worker_thread_and_handed_to_the_window(qtbot, ctx, services, monkeypatch):
    """The first pathway of a site: its capacity is counted on a thread of its own, the window's
    capacity service takes that count over (checking it against the store, not counting again)."""
    import threading

    from atmp_desktop.domain.capacity import Load

    threads = []
    add_days = Load.add_days

    def counted_where(self, *args):
        threads.append(threading.current_thread())
        return add_days(self, *args)

    monkeypatch.setattr(Load, "add_days", counted_where)
    view = make_view(qtbot, ctx, LD_GIVEN)
    qtbot.waitUntil(lambda: "CAPACITY" in view.editor.findings_list.codes())
    assert threads and all(t is not threading.main_thread() for t in threads)
    cap = ctx.services.capacity
    assert cap.stats.builds == 0 and cap.stats.reconciles >= 1 and cap.stats.reloaded == 0
    assert view.status.text() != "Counting the site's capacity…"


def test_drag_infusion_out_of_the_ld_window_shows_the_finding_before_saving(qtbot, ctx, services, yes):
    view = make_view(qtbot, ctx, IN_STORAGE)
    assert "LD_TO_INFUSION" not in view.editor.codes()
    drag(qtbot, view, "infusion", 14)
    # what-if: the finding is there, marked new, and nothing is saved yet
    assert "LD_TO_INFUSION" in view.editor.new_codes()
    new_items = [view.editor.findings_list.item(i) for i in range(view.editor.findings_list.count())]
    assert any(i.text().startswith("NEW · Error · LD_TO_INFUSION") for i in new_items)
    assert view.dirty and view.save_button.isEnabled()
    stored = services.pathways.get(IN_STORAGE)
    assert stored.pathway.first("infusion").first_day(stored.pathway.tz) == date(2026, 11, 30)
    # the thaw went with its infusion
    tz = view.work.pathway.tz
    assert view.work.pathway.first("thaw").first_day(tz) == date(2026, 12, 14)
    # the table follows after the drag
    qtbot.waitUntil(lambda: view.editor.model.index(
        view.editor.model.row_of("infusion"), EventTableModel.PLANNED_START).data() == "2026-12-14 10:15")

    qtbot.keyClicks(view.reason, "patient needs time to recover from an infection")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert yes, "saving a new error asks first"
    saved = services.pathways.get(IN_STORAGE)
    assert saved.version == stored.version + 1
    assert saved.pathway.first("infusion").first_day(tz) == date(2026, 12, 14)
    assert saved.open_errors >= 1
    entry = services.audit.entries(pathway_id=IN_STORAGE, limit=1)[0]
    assert entry.reason == "patient needs time to recover from an infection"
    assert not view.dirty and view.editor.new_codes() == []
    assert "LD_TO_INFUSION" in view.editor.codes()
    assert view.bar.level == "success"


def test_declining_the_error_question_saves_nothing(qtbot, ctx, services, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    view = make_view(qtbot, ctx, IN_STORAGE)
    before = services.pathways.get(IN_STORAGE).version
    view.move_event("infusion", 14)
    assert view.save() is False
    assert services.pathways.get(IN_STORAGE).version == before
    assert view.dirty


def test_edit_a_time_in_the_table_recomputes_findings(qtbot, ctx, services, yes):
    view = make_view(qtbot, ctx, IN_STORAGE)
    edit_cell(qtbot, view, "infusion", EventTableModel.PLANNED_START, "2026-12-18 09:30")
    inf = view.work.pathway.first("infusion")
    tz = view.work.pathway.tz
    assert inf.start == datetime(2026, 12, 18, 9, 30, tzinfo=tz)
    assert inf.end == datetime(2026, 12, 18, 9, 40, tzinfo=tz), "the end keeps the infusion's length"
    assert "LD_TO_INFUSION" in view.editor.new_codes()
    assert view.dirty
    # Revert throws the edit away
    qtbot.mouseClick(view.revert_button, Qt.MouseButton.LeftButton)
    assert not view.dirty and "LD_TO_INFUSION" not in view.editor.codes()


def test_end_before_start_is_refused_with_a_message_and_changes_nothing(qtbot, ctx):
    view = make_view(qtbot, ctx, IN_STORAGE)
    edit_cell(qtbot, view, "lymphodepletion", EventTableModel.PLANNED_END, "2026-11-20")
    assert view.bar.level == "error"
    assert "before its start" in view.bar.message()
    assert not view.dirty
    edit_cell(qtbot, view, "lymphodepletion", EventTableModel.PLANNED_START, "next tuesday")
    assert "is not a date" in view.bar.message()
    assert not view.dirty


def test_happened_events_are_not_editable(qtbot, ctx):
    view = make_view(qtbot, ctx, IN_STORAGE)
    model = view.editor.model
    receipt = model.index(model.row_of("product_receipt"), EventTableModel.PLANNED_START)
    assert not model.flags(receipt) & Qt.ItemFlag.ItemIsEditable
    assert view.editor.move("product_receipt", 2) is False
    assert "already happened" in view.bar.message()


def test_a_conflicting_save_names_the_other_user_and_keeps_the_edits(qtbot, ctx, services, demo_db, yes):
    view = make_view(qtbot, ctx, IN_STORAGE)
    view.move_event("infusion", 14)
    # Meanwhile the pharmacist, in another program on the same file, logs a storage temperature.
    other = Store.open(demo_db)
    try:
        pharm = Services(other)
        pharm.sign_in("pharmacist", "pharmacist-demo")
        sp = pharm.pathways.get(IN_STORAGE)
        storage = sp.pathway.first("storage")
        pharm.pathways.record_actual(IN_STORAGE, sp.version, "storage", storage.actual_start, max_temperature_c=-180)
    finally:
        other.close()
    theirs = services.pathways.get(IN_STORAGE)
    assert view.save() is False
    assert view.bar.level == "error"
    assert "Omar Haddad (pharmacist)" in view.bar.message()
    assert f"version {theirs.version}" in view.bar.message()
    # nothing was overwritten, nothing is lost
    assert services.pathways.get(IN_STORAGE).version == theirs.version
    assert services.pathways.get(IN_STORAGE).pathway.first("storage").max_temperature_c == -180
    assert view.dirty
    assert view.work.pathway.first("infusion").first_day(view.work.pathway.tz) == date(2026, 12, 14)
    # Reload shows their version
    reload_button = view.bar.buttons()[0]
    qtbot.mouseClick(reload_button, Qt.MouseButton.LeftButton)
    assert not view.dirty
    assert view.stored.version == theirs.version


def test_record_an_actual_thaw_as_pharmacist(qtbot, signed_in):
    ctx = UiContext(signed_in("pharmacist"), lang="en", today=TODAY)
    view = make_view(qtbot, ctx, LD_GIVEN)
    assert not view.editor.editable, "a pharmacist does not move planned events"
    assert not view.cancel_button.isEnabled() and not view.replan_button.isEnabled()
    assert view.record_button.isEnabled()
    changed = []
    ctx.pathwaysChanged.connect(lambda: changed.append(1))
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    dlg = view.dialog
    labels = [dlg.event.itemData(i) for i in range(dlg.event.count())]
    assert "thaw" in labels and "infusion" not in labels and "lymphodepletion" not in labels
    dlg.event.setCurrentIndex(dlg.event.findData("thaw"))
    dlg.start.clear()
    qtbot.keyClicks(dlg.start, "2026-11-24 10:04")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    sp = ctx.services.pathways.get(LD_GIVEN)
    thaw = sp.pathway.first("thaw")
    assert thaw.actual_start == datetime(2026, 11, 24, 10, 4, tzinfo=sp.pathway.tz)
    assert thaw.extra["recorded_by"] == "pharmacist"
    assert changed
    model = view.editor.model
    assert model.index(model.row_of("thaw"), EventTableModel.ACTUAL_START).data() == "2026-11-24 10:04"
    assert model.index(model.row_of("thaw"), EventTableModel.RECORDED_BY).data() == "Omar Haddad (pharmacist)"


def test_record_refuses_bad_input_inside_the_dialog(qtbot, signed_in):
    ctx = UiContext(signed_in("pharmacist"), lang="en", today=TODAY)
    view = make_view(qtbot, ctx, LD_GIVEN)
    version = ctx.services.pathways.get(LD_GIVEN).version
    dlg = view.record_actual("thaw")
    dlg.start.setText("24/11 kl 10")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.bar.level == "error"
    assert ctx.services.pathways.get(LD_GIVEN).version == version


def test_a_nurse_cannot_cancel(qtbot, signed_in):
    nurse = signed_in("nurse")
    ctx = UiContext(nurse, lang="en", today=TODAY)
    view = make_view(qtbot, ctx, IN_STORAGE)
    assert not view.cancel_button.isEnabled()
    assert "coordinator" in view.cancel_button.toolTip()
    assert view.record_button.isEnabled()
    sp = nurse.pathways.get(IN_STORAGE)
    with pytest.raises(PermissionDenied):
        nurse.pathways.cancel(IN_STORAGE, sp.version, "no reason to")
    # Even a dialog opened some other way is refused by the service, with the message shown.
    from atmp_desktop.ui.pathway_cancel_dialog import CancelPathwayDialog

    dlg = CancelPathwayDialog(ctx, sp)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.reason, "trying anyway")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert dlg.bar.level == "error" and "may not" in dlg.bar.message()
    assert nurse.pathways.get(IN_STORAGE).stage == "product_in_storage"


def test_cancel_with_a_reason(qtbot, ctx, services):
    view = make_view(qtbot, ctx, IN_STORAGE)
    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    dlg = view.dialog
    assert not dlg.ok.isEnabled(), "no reason, no cancel"
    qtbot.keyClicks(dlg.reason, "Patient declined further treatment")
    assert dlg.ok.isEnabled()
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    sp = services.pathways.get(IN_STORAGE)
    assert sp.stage == "cancelled" and sp.cancel_reason == "Patient declined further treatment"
    assert services.audit.entries(pathway_id=IN_STORAGE, limit=1)[0].reason == "Patient declined further treatment"
    assert view.header.cancelled.isVisible() and "declined" in view.header.cancelled.text()
    assert not view.cancel_button.isEnabled() and not view.editor.editable


def test_replan_shows_ld_to_infusion_and_applies_only_with_a_reason(qtbot, ctx, services):
    view = make_view(qtbot, ctx, LD_GIVEN)
    before = services.pathways.get(LD_GIVEN)
    qtbot.mouseClick(view.replan_button, Qt.MouseButton.LeftButton)
    dlg = view.dialog
    dlg.change.setCurrentIndex(dlg.change.findData("infusion"))
    dlg.days.setValue(7)
    assert "LD_TO_INFUSION" in dlg.appeared.codes()
    statuses = {dlg.table.item(r, 0).text(): dlg.table.item(r, 3).text() for r in range(dlg.table.rowCount())}
    assert statuses["infusion"] == "moved +7 d" and statuses["lymphodepletion"] == "unchanged"
    assert "repeating lymphodepletion" in dlg.suggestion.text()
    assert not dlg.apply.isEnabled(), "nothing is applied without a reason"
    assert services.pathways.get(LD_GIVEN).version == before.version
    qtbot.keyClicks(dlg.reason, "patient has a fever; infusion postponed a week")
    qtbot.mouseClick(dlg.apply, Qt.MouseButton.LeftButton)
    sp = services.pathways.get(LD_GIVEN)
    assert sp.version == before.version + 1
    assert sp.pathway.first("infusion").first_day(sp.pathway.tz) == date(2026, 12, 1)
    entry = services.audit.entries(pathway_id=LD_GIVEN, limit=1)[0]
    assert entry.reason.startswith("patient has a fever; infusion postponed a week")
    assert entry.username == "coordinator"
    assert "LD_TO_INFUSION" in view.editor.codes()


def test_replan_presets(qtbot, ctx, services):
    view = make_view(qtbot, ctx, LD_GIVEN)
    dlg = view.replan()
    dlg.set_change("remanufacture", 0)
    assert "LD_TO_INFUSION" in dlg.appeared.codes()
    added = [dlg.table.item(r, 0).text() for r in range(dlg.table.rowCount()) if dlg.table.item(r, 3).text() == "added"]
    assert "manufacturing 2" in added
    # LD has been given: postponing it is not possible, said in words
    dlg.set_change("lymphodepletion", 3)
    assert dlg.proposal is None and "already started" in dlg.bar.message()
    assert not dlg.apply.isEnabled()
    dlg.set_change("infusion", 7)
    dlg.use_suggestion.setChecked(True)
    assert "LD_TO_INFUSION" not in dlg.appeared.codes()
    pathway, _ = dlg.chosen()
    assert len(pathway.of("lymphodepletion")) == 2


def test_refresh_keeps_unsaved_edits_and_reloads_otherwise(qtbot, ctx, services, signed_in):
    view = make_view(qtbot, ctx, LD_GIVEN)
    nurse = signed_in("nurse")
    sp = nurse.pathways.get(LD_GIVEN)
    inf_note = nurse.pathways.record_actual(LD_GIVEN, sp.version, "lymphodepletion",
                                            sp.pathway.first("lymphodepletion").actual_start,
                                            sp.pathway.first("lymphodepletion").actual_end, note="given as planned")
    ctx.notify_changed()
    assert view.stored.version == inf_note.version
    view.move_event("infusion", 1)
    version = view.stored.version
    ctx.notify_changed()
    assert view.dirty and view.stored.version == version


def test_swedish_view_uses_swedish_names(qtbot, services):
    ctx = UiContext(services, lang="sv", today=TODAY)
    view = make_view(qtbot, ctx, LD_GIVEN)
    assert view.header.values["stage"].text() == "lymfodepletion pågår"
    model = view.editor.model
    assert model.index(model.row_of("thaw"), 0).data() == "upptining"


def test_checklists_menu_opens_the_checklist_of_this_pathway(qtbot, ctx, monkeypatch):
    import atmp_desktop.ui.checklists as checklists

    calls = []
    monkeypatch.setattr(checklists, "open_checklist", lambda *a: calls.append(a))
    view = make_view(qtbot, ctx, LD_GIVEN)
    menu = view.checklist_button.menu()
    action = next(a for a in menu.actions() if a.data() == "pre-infusion")
    assert action.text() == "Pre-infusion"
    action.trigger()
    assert calls == [(ctx, LD_GIVEN, "pre-infusion", view)]


def test_the_real_checklist_dialog_opens(qtbot, ctx):
    view = make_view(qtbot, ctx, LD_GIVEN)
    view.open_checklist("pre-infusion")
    from atmp_desktop.ui.checklist_dialog import ChecklistDialog

    dialogs = [w for w in view.findChildren(ChecklistDialog)]
    assert dialogs and dialogs[0].isVisible()
    for d in dialogs:
        d.close()
