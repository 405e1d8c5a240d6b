"""File ▸ Import and export (issue 14): the menu, and CSV of what the Patients and Calendar views show."""

from __future__ import annotations

import csv
import io
import json

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from atmp_desktop.services.csv_export import filter_pathways
from atmp_desktop.ui import errors as ui_errors
from atmp_desktop.ui import export_actions
from atmp_desktop.ui.main_window import MainWindow
from atmp_desktop.ui.settings_dialog import Preferences


@pytest.fixture
def shown(monkeypatch):
    said = []
    monkeypatch.setattr(ui_errors, "present", lambda parent, kind, title, text, details=None:
                        said.append((kind, title, text)))
    return said


@pytest.fixture
def window(ctx, qtbot, tmp_path, shown):
    state = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)
    w = MainWindow(ctx, Preferences(language="en"), state=state, save_preferences=lambda p: None)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _read_csv(path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_menu_has_the_actions(window):
    (menu,) = [m for m in window.menuBar().findChildren(export_actions.QMenu) if m.objectName() == "interopMenu"]
    names = [a.objectName() for a in menu.actions() if a.objectName()]
    assert names == ["exportIcs", "exportFhir", "exportPatientsCsv", "exportWeekCsv", "importFhir"]


def test_patients_csv_is_the_list_as_filtered_and_sorted(window, tmp_path, qtbot):
    window.show_view("patients")
    view = window.view("patients")
    qtbot.keyClicks(view.search, "kymriah")
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    out = export_actions.export_patients_csv(window, tmp_path / "p.csv")
    lines = _read_csv(out)
    assert lines[0][:2] == ["Patient", "Personnummer"]
    shown_names = [view.proxy.index(i, 0).data() for i in range(view.proxy.rowCount())]
    assert [r[0] for r in lines[1:]] == shown_names and shown_names
    assert all(r[3] == "Kymriah" for r in lines[1:])
    # The command line's filter gives the same pathways for the same criteria.
    svc = window.ctx.services
    same = filter_pathways(svc.pathways.rows(), site=window.ctx.site, stage="active", text="kymriah",
                           product_names={"kymriah": "Kymriah"})
    assert sorted(int(r[-1]) for r in lines[1:]) == sorted(r.id for r in same)


def test_week_csv_lists_what_the_week_grid_shows(window, tmp_path):
    window.show_view("calendar")
    view = window.view("calendar")
    out = export_actions.export_week_csv(window, tmp_path / "w.csv")
    lines = _read_csv(out)
    grid = sum(len(v) for v in view.week_model.entries.values())
    assert len(lines) - 1 == grid > 0
    assert {r[0] for r in lines[1:]} <= {d.isoformat() for d in view.week_model.days}


def test_swedish_csv_uses_semicolons(window, tmp_path):
    window.ctx.lang = "sv"
    out = export_actions.export_week_csv(window, tmp_path / "w.csv")
    assert out.read_bytes().decode("utf-8").splitlines()[0].startswith("\ufeffDatum;Tid;")


def test_ics_dialog_writes_a_calendar(window, tmp_path, qtbot):
    def press_save():
        dialog = window.ics_dialog
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, press_save)
    out = export_actions.export_ics(window, tmp_path / "s.ics")
    assert out is not None and out.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_fhir_export_needs_a_pathway_and_then_writes_one(window, tmp_path, shown):
    assert export_actions.export_fhir(window, tmp_path / "f.json") is None
    assert shown and "Select a pathway" in shown[-1][2]
    window.show_pathway(6)
    out = export_actions.export_fhir(window, tmp_path / "f.json")
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle"


def test_fhir_import_of_a_foreign_file_is_one_message_and_nothing_written(window, tmp_path, shown, monkeypatch):
    bad = tmp_path / "obs.json"
    bad.write_text('{"resourceType": "Observation"}', encoding="utf-8")
    before = window.ctx.services.audit.count()
    assert export_actions.import_fhir(window, bad) is None
    assert "Observation" in shown[-1][2]
    assert window.ctx.services.audit.count() == before
    good = tmp_path / "p.json"
    good.write_text(json.dumps({"resourceType": "Patient",
                                "identifier": [{"system": "urn:oid:1.2.752.129.2.1.3.1", "value": "198112189876"}],
                                "name": [{"family": "Testsson", "given": ["Tor"]}]}), encoding="utf-8")
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    patient = export_actions.import_fhir(window, good)
    assert patient is not None and patient.family_name == "Testsson"
    QApplication.processEvents()
