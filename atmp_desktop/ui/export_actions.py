"""File ▸ Import and export (issue 14): the schedule as .ics, a pathway as FHIR, a FHIR Patient in, CSV.

The main window calls :func:`add_menu` once per build of its menus; each
action imports what it needs when it runs, so the menu costs start-up nothing
but a few ``QAction`` objects. The work itself is the services' (the same
code the command line runs): ``services/ics.py``, ``services/fhir.py``,
``services/csv_export.py``. CSV exports what the view shows: the Patients
list's rows in its order with its filters, the Calendar's week (in the month
view, the selected day's week) with its site and "every day" setting.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from atmp_desktop.ui.errors import reporting, show_error


def ask_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> Path | None:
    """Where to save (None: the user cancelled); tests replace this function."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), pattern)
    return Path(name) if name else None


def ask_open_path(parent: QWidget, title: str, pattern: str) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), pattern)
    return Path(name) if name else None


def _write(parent: QWidget, path: Path, data: bytes) -> bool:

    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        show_error(parent, QCoreApplication.translate("Export", "Could not write {0}: {1}").format(
            path, exc.strerror or exc))
        return False
    return True


def add_menu(window: Any, file_menu: QMenu) -> QMenu:
    """The submenu for *file_menu*, not yet placed (the window has ``ctx`` and ``selected_pathway()``)."""
    menu = QMenu(QCoreApplication.translate("Export", "Import and export"), file_menu)
    menu.setObjectName("interopMenu")
    for text, name, slot in (
        (QCoreApplication.translate("Export", "Schedule as calendar file (.ics)…"), "exportIcs",
         lambda: export_ics(window)),
        (QCoreApplication.translate("Export", "Pathway as FHIR bundle…"), "exportFhir", lambda: export_fhir(window)),
        (QCoreApplication.translate("Export", "Patients list as CSV…"), "exportPatientsCsv",
         lambda: export_patients_csv(window)),
        (QCoreApplication.translate("Export", "Calendar week as CSV…"), "exportWeekCsv",
         lambda: export_week_csv(window)),
        (None, "", None),
        (QCoreApplication.translate("Export", "New patient from FHIR file…"), "importFhir",
         lambda: import_fhir(window)),
    ):
        if text is None:
            menu.addSeparator()
            continue
        a = QAction(text, window)
        a.setObjectName(name)
        a.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(a)
    return menu


# -- ICS -------------------------------------------------------------------------------------------


def export_ics(window: Any, path: Path | None = None) -> Path | None:
    """Ask site, days and whether to name patients in full; write the .ics file."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel

    from atmp_desktop.services.ics import IcsService, default_range

    ctx = window.ctx
    dialog = QDialog(window)
    dialog.setObjectName("icsExportDialog")
    dialog.setWindowTitle(QCoreApplication.translate("Export", "Export the schedule as a calendar file"))
    form = QFormLayout(dialog)
    site = QComboBox()
    for s in ctx.services.sites.list():
        site.addItem(s.name, s.id)
    site.setCurrentIndex(max(0, site.findData(ctx.site)))
    first, last = default_range(ctx.today())
    edits = []
    for d in (first, last):
        e = QDateEdit(QDate(d.year, d.month, d.day))
        e.setDisplayFormat("yyyy-MM-dd")
        e.setCalendarPopup(True)
        edits.append(e)
    full = QCheckBox(
        QCoreApplication.translate("Export", "Full names in the titles (only for the ward's own calendar)"))
    form.addRow(QCoreApplication.translate("Export", "Site"), site)
    form.addRow(QCoreApplication.translate("Export", "From"), edits[0])
    form.addRow(QCoreApplication.translate("Export", "To"), edits[1])
    form.addRow("", full)
    note = QLabel(QCoreApplication.translate("Export", 
        "Titles name patients by initials and pathway id; the personnummer is never written. "
                     "Importing a newer file updates the same entries."))
    note.setWordWrap(True)
    form.addRow(note)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    window.ics_dialog = dialog  # for tests
    if not dialog.exec():
        return None
    d0, d1 = (date(e.date().year(), e.date().month(), e.date().day()) for e in edits)
    with reporting(window):
        data, _ = IcsService(ctx.services).export(site.currentData(), d0, d1, lang=ctx.lang,
                                                  full_name=full.isChecked())
        path = path or ask_save_path(window, QCoreApplication.translate("Export", "Save calendar file"),
                                     f"atmp-{site.currentData()}.ics",
                                     QCoreApplication.translate("Export", "Calendar files (*.ics)"))
        if path is not None and _write(window, path, data):
            return path
    return None


# -- FHIR --------------------------------------------------------------------------------------------


def export_fhir(window: Any, path: Path | None = None) -> Path | None:

    from atmp_desktop.services.fhir import FhirService

    pid = window.selected_pathway()
    if pid is None:
        show_error(window, QCoreApplication.translate("Export", "Select a pathway first (in Today, Patients or "
                                                                "the Pathway view)."))
        return None
    with reporting(window):
        bundle = FhirService(window.ctx.services).export_pathway(pid, lang=window.ctx.lang)
        path = path or ask_save_path(window, QCoreApplication.translate("Export", "Save FHIR bundle"),
                                     f"pathway-{pid}-fhir.json",
                                     QCoreApplication.translate("Export", "FHIR JSON (*.json)"))
        data = (json.dumps(bundle, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        if path is not None and _write(window, path, data):
            return path
    return None


def import_fhir(window: Any, path: Path | None = None) -> Any:
    """Register a new patient from a FHIR Patient file at the window's site; the patient, or None."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from atmp_desktop.services.fhir import FhirService

    ctx = window.ctx
    site = ctx.site or next((s.id for s in ctx.services.sites.list()), None)
    path = path or ask_open_path(window, QCoreApplication.translate("Export", "Open a FHIR Patient"),
                                 QCoreApplication.translate("Export", "FHIR JSON (*.json)"))
    if path is None or site is None:
        return None
    try:
        text = path.read_bytes()
    except OSError as exc:
        show_error(window, QCoreApplication.translate("Export", "Could not read {0}: {1}").format(
            path, exc.strerror or exc))
        return None
    with reporting(window):
        patient = FhirService(ctx.services).import_patient(text, site)
        ctx.notify_changed()
        QMessageBox.information(window, QCoreApplication.translate("Export", "Patient registered"),
                                QCoreApplication.translate("Export", "{0}, {1}, registered at {2}.").format(
            patient.full_name, patient.display_identifier, ctx.services.sites.get(site).name))
        return patient
    return None


# -- CSV ---------------------------------------------------------------------------------------------


def _delimiter(lang: str) -> str:
    return ";" if lang == "sv" else ","  # what a spreadsheet in that language expects


def export_patients_csv(window: Any, path: Path | None = None) -> Path | None:

    from atmp_desktop.services.csv_export import patients_table, to_csv
    from atmp_desktop.ui.cells import product_name

    view = window.view("patients")
    shown = view.model.shown_rows()  # every row the list shows, in its order (read now, not only those on screen)
    header, lines = patients_table(shown, window.ctx.lang, view.model.site_names,
                                   {r.product: product_name(r.product) for r in shown})
    path = path or ask_save_path(window, QCoreApplication.translate("Export", "Save the Patients list"),
                                 "patients.csv", QCoreApplication.translate("Export", "CSV files (*.csv)"))
    if path is not None and _write(window, path, to_csv(header, lines, _delimiter(window.ctx.lang))):
        return path
    return None


def export_week_csv(window: Any, path: Path | None = None) -> Path | None:

    from atmp_desktop.services.csv_export import to_csv, week_table
    from atmp_desktop.ui.calendar_data import day_entries, week_days

    view = window.view("calendar")
    if view.mode == "week" and view.week_model.days:
        entries = view.week_model.entries
        first = view.week_model.days[0]
    else:  # the month view: the week of the selected day, as the week view would list it
        days = week_days(view._selected_day or view.anchor)
        first = days[0]
        entries = day_entries(view._rows(days[0], days[-1]), days[0], days[-1], view.ongoing.isChecked())
    header, lines = week_table(entries, window.ctx.lang, view._site_names, view._product_names)
    week = first.isocalendar()
    path = path or ask_save_path(window, QCoreApplication.translate("Export", "Save the Calendar week"),
                                 f"calendar-{week[0]}-W{week[1]:02d}.csv",
                                 QCoreApplication.translate("Export", "CSV files (*.csv)"))
    if path is not None and _write(window, path, to_csv(header, lines, _delimiter(window.ctx.lang))):
        return path
    return None


__all__ = ("add_menu", "export_ics", "export_fhir", "import_fhir", "export_patients_csv", "export_week_csv")
