"""Checklists in the application: preview (QtPdf), save, print, sign off; a day's batch with Cancel."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from atmp_desktop.reports import title
from atmp_desktop.ui import checklist_dialog, checklists
from atmp_desktop.ui.checklist_dialog import ChecklistDialog
from atmp_desktop.ui.checklist_due import due_checklists
from atmp_desktop.ui.checklist_printing import checklist_pdf
from atmp_desktop.ui.checklists import open_checklist, print_day
from atmp_desktop.ui.context import UiContext
from tests.ui.conftest import TODAY


def _ctx(signed_in, user: str, lang: str = "en") -> UiContext:
    return UiContext(signed_in(user), lang=lang, today=TODAY)


def _infusion_pathway(services) -> int:
    """A pathway with an infusion in the coming fortnight (not cancelled)."""
    rows = services.pathways.events_between(TODAY, TODAY + timedelta(days=14), stages=(
        "product_in_storage", "lymphodepletion", "infused"))
    return next(r.pathway_id for r in rows if r.kind == "infusion")


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _dialog(qtbot, ctx, pathway_id: int, kind: str | None = "pre-infusion") -> ChecklistDialog:
    dialog = open_checklist(ctx, pathway_id, kind)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    return dialog


def test_previews_a_pre_infusion_checklist(qtbot, signed_in):
    ctx = _ctx(signed_in, "nurse")
    pathway_id = _infusion_pathway(ctx.services)
    sp, patient = ctx.services.pathways.with_patient(pathway_id)
    dialog = _dialog(qtbot, ctx, pathway_id)
    assert dialog.isVisible()
    assert dialog.kind == "pre-infusion" and dialog.lang == "en"
    assert dialog.document.pageCount() >= 1
    text = dialog.document.getAllText(0).text()
    assert patient.family_name in text and "INFUSE BY" in text
    assert dialog.stack.currentWidget() is dialog.view
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()

    # Swedish, chosen like a user would.
    dialog.lang_box.setCurrentIndex(dialog.lang_box.findData("sv"))
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    assert "INFUNDERA SENAST" in dialog.document.getAllText(0).text()


def test_default_kind_follows_the_stage_and_languages_default_to_the_ui(qtbot, signed_in):
    ctx = _ctx(signed_in, "nurse", lang="sv")
    row = next(r for r in ctx.services.pathways.rows() if r.stage == "awaiting_apheresis")
    dialog = _dialog(qtbot, ctx, row.id, kind=None)
    assert dialog.kind == "pre-apheresis" and dialog.lang == "sv"
    assert dialog.kind_box.currentText() == title("pre-apheresis", "sv")


def test_saves_the_pdf(qtbot, signed_in, tmp_path, monkeypatch):
    ctx = _ctx(signed_in, "nurse")
    dialog = _dialog(qtbot, ctx, _infusion_pathway(ctx.services))
    target = tmp_path / "pre-infusion.pdf"
    monkeypatch.setattr(checklist_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    data = target.read_bytes()
    assert data == dialog.pdf and data.startswith(b"%PDF")
    assert len(PdfReader(target).pages) == dialog.document.pageCount()
    assert "Saved" in dialog.status.text()
    # An unwritable place: a message, and nothing else happens.
    assert dialog.save_as(tmp_path / "no-such-folder" / "x.pdf") is None
    assert "Not saved" in dialog.status.text()


def test_prints_through_an_injected_printer(qtbot, signed_in, tmp_path):
    ctx = _ctx(signed_in, "nurse")
    dialog = _dialog(qtbot, ctx, _infusion_pathway(ctx.services))
    out = tmp_path / "printed.pdf"
    assert dialog.print_checklist(_pdf_printer(out))
    assert len(PdfReader(out).pages) == dialog.document.pageCount()
    assert "page(s)" in dialog.status.text()


def test_two_person_sign_off_refuses_a_wrong_password_then_signs_and_audits(qtbot, signed_in):
    ctx = _ctx(signed_in, "nurse")
    svc = ctx.services
    pathway_id = _infusion_pathway(svc)
    dialog = _dialog(qtbot, ctx, pathway_id)
    assert dialog.sign_button.isEnabled()
    assert "(required)" in dialog.second_label.text()
    names = [dialog.second_user.itemData(i) for i in range(dialog.second_user.count())]
    assert "nurse2" in names and "nurse" not in names and "pharmacist" not in names

    # Without a second person.
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert "needs a second person" in dialog.sign_message.text()
    # A wrong password.
    dialog.set_second_person("nurse2")
    qtbot.keyClicks(dialog.second_password, "not-the-password")
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert "password is wrong" in dialog.sign_message.text()
    assert dialog.second_password.text() == ""
    assert svc.pathways.sign_offs(pathway_id) == []
    # The right one.
    dialog.set_second_person("nurse2")
    qtbot.keyClicks(dialog.second_password, "nurse2-demo")
    qtbot.keyClicks(dialog.note, "wristband checked against bag")
    with qtbot.waitSignal(dialog.signedOff):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    signed = svc.pathways.sign_offs(pathway_id)
    assert [(s.kind, s.signed_by, s.second_signer, s.note) for s in signed] == [
        ("pre-infusion", "nurse", "nurse2", "wristband checked against bag")]
    shown = dialog.sign_offs.item(0).text()
    assert "nurse2" in shown and "nurse)" in shown and "wristband" in shown
    entry = svc.audit.entries(table="sign_offs", limit=1)[0]
    assert entry.username == "nurse" and entry.action == "insert"
    assert entry.after["second_signer"] == "nurse2" and entry.after["pathway_id"] == pathway_id


def test_roles_that_may_not_sign_see_the_controls_disabled(qtbot, signed_in):
    ctx = _ctx(signed_in, "coordinator")
    dialog = _dialog(qtbot, ctx, _infusion_pathway(ctx.services))
    assert not dialog.sign_button.isEnabled()
    assert "may not sign" in dialog.sign_hint.text()
    # A pharmacist signs the product-receipt checklist (cell lab), not the bedside one.
    ctx = _ctx(signed_in, "pharmacist")
    dialog = _dialog(qtbot, ctx, _infusion_pathway(ctx.services))
    assert not dialog.sign_button.isEnabled()
    dialog.set_kind("product-receipt")
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=10000)
    assert dialog.sign_button.isEnabled()


def test_a_cancelled_pathway_says_why_no_checklist(qtbot, signed_in):
    ctx = _ctx(signed_in, "nurse")
    row = next(r for r in ctx.services.pathways.rows() if r.stage == "cancelled")
    dialog = open_checklist(ctx, row.id, "pre-infusion")
    qtbot.addWidget(dialog)
    assert dialog.pdf is None
    assert dialog.stack.currentWidget() is dialog.message
    assert "cancelled" in dialog.message.text()
    assert not dialog.print_button.isEnabled() and not dialog.sign_button.isEnabled()


def test_an_unknown_pathway_is_a_message_not_a_dialog(qtbot, ctx, monkeypatch):
    shown = []
    monkeypatch.setattr(checklists, "show_refusal", lambda parent, exc: shown.append(str(exc)))
    assert open_checklist(ctx, 999999) is None
    assert shown and "999999" in shown[0]


# -- a day's checklists ----------------------------------------------------------------------


def test_due_checklists_follow_the_days_events(services):
    due = due_checklists(services, TODAY)
    events = [e for e in services.pathways.events_between(TODAY, TODAY) if e.first_day == TODAY
              and e.stage != "cancelled"]
    expected = set()
    for e in events:
        kind = {"apheresis": "pre-apheresis", "product_receipt": "product-receipt",
                "lymphodepletion": "pre-lymphodepletion", "infusion": "pre-infusion"}.get(e.kind)
        if kind:
            expected.add((e.pathway_id, kind))
        if e.kind == "infusion" and e.label in ("infusion", "infusion#1"):
            expected.add((e.pathway_id, "monitoring"))
    assert expected <= {(d.pathway_id, d.kind) for d in due}
    assert {d.kind for d in due} - {k for _, k in expected} <= {"discharge"}
    assert len(due) >= 2
    # Discharge: the last infusion day plus the site's ward-bed inpatient days.
    stays = {r.site: r.inpatient_days for r in services.resources.list() if r.kind == "ward_bed"}
    infusion = next(e for e in services.pathways.events_between(TODAY - timedelta(days=30), TODAY)
                    if e.kind == "infusion" and e.stage != "cancelled")
    day = infusion.last_day + timedelta(days=stays[infusion.site])
    assert (infusion.pathway_id, "discharge") in {(d.pathway_id, d.kind) for d in due_checklists(services, day)}


def _day_dialog(qtbot, ctx):
    dialog = print_day(ctx, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and len(dialog.items) >= 2
    return dialog


def test_print_day_prints_every_checklist_in_one_job(qtbot, signed_in, tmp_path):
    ctx = _ctx(signed_in, "nurse")
    dialog = _day_dialog(qtbot, ctx)
    assert dialog.list.count() == len(dialog.items)
    out = tmp_path / "day.pdf"
    batch = dialog.start_print(_pdf_printer(out))
    assert dialog.progress is not None and dialog.progress.maximum() == len(dialog.items)
    qtbot.waitUntil(lambda: batch.is_finished, timeout=60000)
    batch.wait()
    assert batch.done == list(range(len(dialog.items))) and not batch.failures and not batch.cancelled
    pages = len(PdfReader(out).pages)
    assert pages == batch._job.pages >= len(dialog.items)
    assert dialog.result.text().startswith(f"{len(dialog.items)} of {len(dialog.items)} checklist(s) printed")
    assert dialog.progress is None


def test_print_day_cancel_after_the_first_stops(qtbot, signed_in, tmp_path):
    ctx = _ctx(signed_in, "nurse")
    dialog = _day_dialog(qtbot, ctx)
    first = dialog.items[0]
    expected_pages = len(PdfReader(io.BytesIO(
        checklist_pdf(ctx.services, first.pathway_id, first.kind, dialog.lang))).pages)
    out = tmp_path / "day.pdf"
    batch = dialog.start_print(_pdf_printer(out))
    progress = dialog.progress
    cancel = progress.findChild(QPushButton)

    def after(index: int) -> None:
        if index == 0:
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)

    batch.itemDone.connect(after)
    qtbot.waitUntil(lambda: batch.is_finished, timeout=60000)
    assert batch.wait(30000)
    assert batch.cancelled and batch.done == [0]
    assert len(PdfReader(out).pages) == expected_pages
    assert "1 of" in dialog.result.text() and "Cancelled" in dialog.result.text()
    assert dialog.print_button.isEnabled()


def test_print_day_saves_into_a_folder(qtbot, signed_in, tmp_path):
    ctx = _ctx(signed_in, "nurse")
    dialog = _day_dialog(qtbot, ctx)
    batch = dialog.start_save(tmp_path)
    qtbot.waitUntil(lambda: batch.is_finished, timeout=60000)
    batch.wait()
    files = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert files == sorted(item.file_name(TODAY) for item in dialog.items)
    for path in tmp_path.glob("*.pdf"):
        assert len(PdfReader(path).pages) >= 1
    assert "saved in" in dialog.result.text()
    assert dialog.start_save(tmp_path / "missing") is None and "not a folder" in dialog.result.text()


def test_print_day_on_a_day_without_checklists(qtbot, ctx):
    quiet = next(TODAY + timedelta(days=n) for n in range(60, 400) if not due_checklists(
        ctx.services, TODAY + timedelta(days=n)))
    dialog = print_day(ctx, quiet)
    qtbot.addWidget(dialog)
    assert dialog.items == [] and not dialog.print_button.isEnabled()
    assert dialog.start_print(_pdf_printer("unused.pdf")) is None


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_print_day_site_filter(qtbot, signed_in, lang):
    ctx = _ctx(signed_in, "nurse", lang)
    everything = due_checklists(ctx.services, TODAY)
    site = everything[0].site
    ctx.set_site(site)
    dialog = print_day(ctx, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.items == [d for d in everything if d.site == site]
    assert dialog.lang == lang
