"""The Audit view: filters, readable before/after, paging, and the chain status (intact or broken)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from atmp_desktop.domain.timeutil import DEFAULT_TIMEZONE, parse_when, zone
from atmp_desktop.ui import audit_view
from atmp_desktop.ui.audit_diff import diff, flatten, value_text
from atmp_desktop.ui.audit_model import AuditTableModel, path_text
from atmp_desktop.ui.audit_view import AuditView


def _thawed(signed_in) -> int:
    """A pharmacist records a thaw; returns the pathway's id."""
    svc = signed_in("pharmacist")
    row = next(r for r in svc.pathways.rows() if r.stage == "lymphodepletion")
    sp = svc.pathways.get(row.id)
    thaw = sp.pathway.first("thaw")
    svc.pathways.record_actual(row.id, sp.version, thaw.label, thaw.start + timedelta(minutes=7),
                               reason="thawed in the cell lab")
    return row.id


def _view(qtbot, ctx) -> AuditView:
    view = AuditView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    return view


def _shown(qtbot, view: AuditView) -> AuditView:
    view.show()
    qtbot.waitUntil(lambda: view.chain_state in ("ok", "broken", "failed"), timeout=20000)
    view.wait_for_chain()
    return view


def test_newest_first_with_the_chain_intact(qtbot, ctx):
    view = _shown(qtbot, _view(qtbot, ctx))
    assert view.chain_state == "ok"
    count = ctx.services.audit.count()
    assert view.chain_text.text().startswith(f"Chain intact ({count} entries")
    ids = [e.id for e in view.model.entries]
    assert ids == sorted(ids, reverse=True) and ids[0] == count
    assert view.count_label.text() == f"{count} entries."


def test_filter_by_user_shows_only_their_changes_with_a_readable_diff(qtbot, ctx, signed_in):
    pathway_id = _thawed(signed_in)
    view = _view(qtbot, ctx)
    index = view.user_box.findData("pharmacist")
    assert index > 0
    view.user_box.setCurrentIndex(index)
    assert [e.username for e in view.model.entries] == ["pharmacist"]
    entry = view.selected_entry()
    assert entry.table == "pathways" and entry.row_id == str(pathway_id)
    assert "Reason: thawed in the cell lab" in view.detail_title.text()
    rows = view.change_rows()
    field, before, after = next(r for r in rows if r[0] == "thaw › actual start")
    sp = ctx.services.pathways.get(pathway_id)
    assert before == "–"
    assert after == sp.pathway.first("thaw").actual_start.astimezone(sp.pathway.tz).strftime("%Y-%m-%d %H:%M")
    assert ("thaw › recorded by", "–", "pharmacist") in rows
    changed = view.model.index(0, AuditTableModel.COLUMNS.index("fields")).data()
    assert "thaw › actual start" in changed
    # Back to everyone.
    view.user_box.setCurrentIndex(0)
    assert {e.username for e in view.model.entries} >= {"pharmacist", "demo"}


def test_filter_by_patient_found_by_typing(qtbot, ctx, signed_in):
    pathway_id = _thawed(signed_in)
    sp, patient = ctx.services.pathways.with_patient(pathway_id)
    view = _view(qtbot, ctx)
    qtbot.keyClicks(view.patient_edit, patient.identifier[:8] + patient.identifier[8:])
    qtbot.waitUntil(lambda: view.patient_box.currentData() == patient.id, timeout=3000)
    entries = view.model.entries
    assert entries and {e.patient_id for e in entries} == {patient.id}
    assert {(e.table, e.action) for e in entries} >= {("patients", "insert"), ("pathways", "insert"),
                                                      ("pathways", "update")}
    assert patient.family_name in view.model.index(0, AuditTableModel.COLUMNS.index("patient")).data()
    # A name nobody has shows nothing, and says so.
    view.patient_edit.clear()
    qtbot.keyClicks(view.patient_edit, "Nobodyhasthisname")
    qtbot.waitUntil(lambda: view.patient_box.currentData() == -1, timeout=3000)
    assert view.model.rowCount() == 0


def test_filter_by_table_and_local_dates(qtbot, ctx, signed_in):
    _thawed(signed_in)
    view = _view(qtbot, ctx)
    view.set_table("sites")
    assert {e.table for e in view.model.entries} == {"sites"} and len(view.model.entries) == 3
    view.set_table(None)
    today = datetime.now(zone(DEFAULT_TIMEZONE)).date()
    view.set_dates(today, today)
    assert view.model.rowCount() == ctx.services.audit.count()
    view.set_dates(today + timedelta(days=1), None)
    assert view.model.rowCount() == 0
    view.set_dates(None, today - timedelta(days=1))
    assert view.model.rowCount() == 0
    view.clear_filters()
    assert view.model.rowCount() == ctx.services.audit.count()


def test_pages_with_show_more(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(audit_view, "PAGE_SIZE", 50)
    view = _view(qtbot, ctx)
    total = ctx.services.audit.count()
    assert total > 100
    assert view.model.rowCount() == 50 and view.more_button.isEnabled()
    assert "newest 50" in view.count_label.text()
    qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 100
    while view.more_button.isEnabled():
        qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == total
    assert [e.id for e in view.model.entries] == list(range(total, 0, -1))


def _shell(path, sql: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.executescript(sql)
        con.commit()
    finally:
        con.close()


def test_a_tampered_entry_shows_the_chain_broken(qtbot, ctx, demo_db):
    _shell(demo_db, "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'edited' WHERE id = 30;")
    view = _shown(qtbot, _view(qtbot, ctx))
    assert view.chain_state == "broken"
    assert view.chain_text.text().startswith("Chain broken at entry 30.")
    assert "changed outside the application" in view.chain_text.text()
    assert view.report.first_bad_entry == 30
    row = view.model.row_of(30)
    assert "check failed" in view.model.index(row, 0).data()
    assert view.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    view.table.selectRow(row)
    assert "audit check failed here" in view.detail_title.text()


def test_a_row_changed_with_sqlite_shows_the_chain_broken(qtbot, ctx, demo_db):
    _shell(demo_db, "UPDATE patients SET given_name = 'Changed' WHERE id = 3;")
    view = _shown(qtbot, _view(qtbot, ctx))
    assert view.chain_state == "broken"
    text = view.chain_text.text()
    assert text.startswith("The data does not match the audit trail.") and "row 3 of patients" in text
    assert not view.report.ok


def test_verify_again_after_a_change(qtbot, ctx, signed_in):
    view = _shown(qtbot, _view(qtbot, ctx))
    count = ctx.services.audit.count()
    _thawed(signed_in)
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.chain_state == "ok" and f"({count + 1} entries" in view.chain_text.text(),
                    timeout=20000)
    view.wait_for_chain()


def test_audit_model_passes_qtmodeltester(qtmodeltester, services):
    model = AuditTableModel("en")
    entries = services.audit.entries(limit=40)
    model.set_entries(entries, {e.patient_id: "Someone" for e in entries if e.patient_id is not None})
    model.set_bad_entry(entries[3].id)
    qtmodeltester.check(model)
    model.set_entries([], {})
    qtmodeltester.check(model)


def test_diff_matches_events_by_label_and_hides_bookkeeping():
    tz = zone(DEFAULT_TIMEZONE)
    before = {"version": 1, "updated_at": "x", "stage": "lymphodepletion", "events": [
        {"kind": "infusion", "seq": 0, "planned_start": "2026-11-24T09:15:00+01:00"},
        {"kind": "infusion", "seq": 1, "planned_start": "2026-12-03T09:15:00+01:00"},
    ]}
    after = {"version": 2, "updated_at": "y", "stage": "infused", "events": [
        {"kind": "infusion", "seq": 0, "planned_start": "2026-11-24T09:15:00+01:00",
         "actual_start": "2026-11-24T09:20:00+01:00"},
        {"kind": "infusion", "seq": 1, "planned_start": "2026-12-04T09:15:00+01:00"},
    ]}
    changes = {path_text(c.path, "en"): (value_text(c.before), value_text(c.after)) for c in diff(before, after)}
    assert changes == {
        "stage": ("lymphodepletion", "infused"),
        "infusion 1 › actual start": ("–", "2026-11-24 09:20"),
        "infusion 2 › planned start": ("2026-12-03 09:15", "2026-12-04 09:15"),
    }
    assert flatten({"calendar": '{"country": "SE", "extra_open": []}'}) == {
        ("calendar", "country"): "SE", ("calendar", "extra_open"): []}
    assert value_text("2026-11-22T04:28:25.986787+00:00") == "2026-11-22 05:28"
    assert value_text(parse_when("2026-07-01T10:00", tz).isoformat()) == "2026-07-01 10:00"


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_event_paths_in_the_ui_language(lang):
    assert path_text(("events", "thaw", "actual_start"), lang).endswith("actual start")
