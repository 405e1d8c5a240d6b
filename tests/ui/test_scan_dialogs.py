"""Chain of identity by scanning (issue 14): scanner input typed into the dialogs like a USB scanner does,
mismatches refused and audited, two-person verification, and the printed checklist's barcodes read back."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from atmp_desktop.domain.identifiers import make_din
from atmp_desktop.ui.bedside_infusion_dialog import BedsideInfusionDialog
from atmp_desktop.ui.celllab_thaw_dialog import ThawDialog
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.scan_field import ScanField, classify
from tests.ui.conftest import TODAY
from tests.ui.scanning import expected_labels, scan, scan_labels
from tests.ui.test_celllab import TZ, Clock, thaw_candidate


@pytest.fixture
def refusals(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    return shown


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def bedside(qtbot, services, sp, lang: str = "en", today: date | None = None) -> BedsideInfusionDialog:
    ctx = UiContext(services, lang=lang, today=today or TODAY)
    infusion = next(e for e in sp.pathway.events if e.kind == "infusion")
    patient = services.patients.get(sp.patient_id)
    start = infusion.start if not isinstance(infusion.start, date) or hasattr(infusion.start, "hour") else None
    dialog = BedsideInfusionDialog(ctx, services.pathways.get(sp.id), infusion.label, patient.full_name,
                                   sp.pathway.product, Clock(start))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def audit_of(services, pathway_id: int, action: str) -> list[dict]:
    return [json.loads(e.after) if isinstance(e.after, str) else e.after
            for e in services.audit.entries(pathway_id=pathway_id, newest_first=False) if e.action == action]


def candidate(services):
    sp, thaw, _ = thaw_candidate(services)
    assert sp.pathway.coi_id
    return sp, thaw


# -- the field ---------------------------------------------------------------------------------------


def test_scanner_speed_is_scanned_a_persons_pace_is_typed(qtbot):
    field = ScanField()
    qtbot.addWidget(field)
    got = []
    field.entered.connect(lambda text, source: got.append((text, source)))
    scan(qtbot, field, "S0001260000113")  # QTest's keyClicks: no delay between keys, as a scanner
    scan(qtbot, field, "S0001260000113", delay_ms=110)  # a quick typist
    field.setText("S0001260000113")  # pasted: no key presses for the characters
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert got == [("S0001260000113", "scanned"), ("S0001260000113", "typed"), ("S0001260000113", "typed")]
    assert classify([0.0, 0.01, 0.02], "abc") == "typed"  # too short to tell


def test_enter_in_the_scan_field_does_not_press_save(qtbot, signed_in, refusals):
    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    dialog = bedside(qtbot, nurse, sp)
    scan(qtbot, dialog.scan_panel.fields["patient"], expected_labels(nurse, sp.id)["patient"])
    assert dialog.isVisible() and not refusals
    assert dialog.focusWidget() is dialog.scan_panel.fields["coi"]  # on to the next label


# -- the bedside dialog --------------------------------------------------------------------------------


def test_bedside_verifies_and_records_with_a_second_nurse(qtbot, signed_in, refusals):
    nurse = signed_in("nurse")
    sp, thaw = candidate(nurse)
    dialog = bedside(qtbot, nurse, sp)
    scan_labels(qtbot, dialog, nurse, sp.id, second="nurse2")
    panel = dialog.scan_panel
    assert all(panel.matched(f) for f in ("patient", "coi", "bag"))
    assert "matches (scanned)" in panel.status["bag"].text()
    save(qtbot, dialog)
    assert not refusals and not dialog.isVisible()
    infusion = next(e for e in nurse.pathways.get(sp.id).pathway.events if e.label == dialog.label)
    assert infusion.happened and infusion.extra["recorded_by"] == "nurse"
    scans = audit_of(nurse, sp.id, "scan")
    assert [(s["field"], s["source"], s["result"]) for s in scans] == [
        ("patient", "scanned", "match"), ("coi", "scanned", "match"), ("bag", "scanned", "match")]
    (verified,) = audit_of(nurse, sp.id, "identity_verified")
    assert verified["second_person"] == "nurse2" and verified["step"] == "infusion"
    assert nurse.audit.verify().ok


def test_another_patients_bag_is_refused_and_nothing_is_recorded(qtbot, signed_in, refusals):
    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    other = next(r for r in nurse.pathways.rows() if r.patient_id != sp.patient_id
                 and nurse.pathways.get(r.id).pathway.coi_id and r.stage != "cancelled")
    other_din = nurse.pathways.get(other.id).pathway.coi_id
    dialog = bedside(qtbot, nurse, sp)
    scan_labels(qtbot, dialog, nurse, sp.id, fields=("patient", "coi"), second="nurse2")
    scan(qtbot, dialog.scan_panel.fields["bag"], other_din)
    status = dialog.scan_panel.status["bag"].text()
    assert f"belongs to another patient (pathway {other.id})" in status
    save(qtbot, dialog)
    assert dialog.isVisible() and refusals
    assert f"the bag DIN {other_din} belongs to another patient (pathway {other.id})" in refusals[-1]
    assert "Nothing was recorded" in refusals[-1]
    assert not next(e for e in nurse.pathways.get(sp.id).pathway.events if e.label == dialog.label).happened
    (refused,) = audit_of(nurse, sp.id, "identity_refused")
    assert [m["code"] for m in refused["mismatches"]] == ["OTHER_PATIENT"]
    assert not audit_of(nurse, sp.id, "identity_verified")


def test_the_wrong_wristband_is_refused_in_swedish(qtbot, signed_in, refusals, swedish):
    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    dialog = bedside(qtbot, nurse, sp, lang="sv")
    scan_labels(qtbot, dialog, nurse, sp.id, fields=("coi", "bag"), second="nurse2")
    scan(qtbot, dialog.scan_panel.fields["patient"], "198112189876")  # identifiers.md's test number
    save(qtbot, dialog)
    assert refusals and "armbandet är 19811218-9876" in refusals[-1] and "en annan patient" in refusals[-1]
    assert "Inget har registrerats" in refusals[-1]


def test_a_typed_din_with_a_wrong_check_character_is_caught_and_recorded_as_typed(qtbot, signed_in, refusals):
    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    din = sp.pathway.coi_id
    wrong = din[:13] + ("A" if din[13] != "A" else "B")
    dialog = bedside(qtbot, nurse, sp)
    scan(qtbot, dialog.scan_panel.fields["bag"], wrong, delay_ms=90)
    assert "check character is wrong" in dialog.scan_panel.status["bag"].text()
    assert not dialog.scan_panel.matched("bag")
    (entry,) = audit_of(nurse, sp.id, "scan")
    assert (entry["source"], entry["result"]) == ("typed", "invalid")


def test_without_the_second_person_nothing_is_recorded(qtbot, signed_in, refusals):
    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    dialog = bedside(qtbot, nurse, sp)
    scan_labels(qtbot, dialog, nurse, sp.id)
    save(qtbot, dialog)
    assert "a second person must confirm" in refusals[-1]
    qtbot.keyClicks(dialog.scan_panel.second_user, "nurse2")
    qtbot.keyClicks(dialog.scan_panel.second_password, "wrong-password")
    save(qtbot, dialog)
    assert "user name or password is wrong" in refusals[-1]
    qtbot.keyClicks(dialog.scan_panel.second_user, "")
    dialog.scan_panel.second_user.setText("pharmacist")  # not a nurse: may not confirm an infusion
    dialog.scan_panel.second_password.setText("pharmacist-demo")
    save(qtbot, dialog)
    assert "may not confirm" in refusals[-1]
    assert not next(e for e in nurse.pathways.get(sp.id).pathway.events if e.label == dialog.label).happened
    assert len(audit_of(nurse, sp.id, "identity_refused")) == 3


def test_a_cancelled_pathway_is_blocked(qtbot, signed_in, refusals):
    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    coordinator = signed_in("coordinator")
    coordinator.pathways.cancel(sp.id, coordinator.pathways.get(sp.id).version, "patient too ill")
    nurse.sign_in("nurse", "nurse-demo")
    dialog = bedside(qtbot, nurse, sp)
    assert dialog.scan_panel.blocked.isVisibleTo(dialog)
    assert f"Pathway {sp.id} is cancelled: nothing may be infused" in dialog.scan_panel.blocked.text()
    scan_labels(qtbot, dialog, nurse, sp.id, second="nurse2")
    save(qtbot, dialog)
    assert refusals and "cancelled" in refusals[-1]


def test_an_expired_product_and_a_second_bag_are_refused(qtbot, signed_in, refusals):
    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    pharmacist = signed_in("pharmacist")
    fresh = pharmacist.pathways.get(sp.id)
    receipt = fresh.pathway.first("product_receipt")
    pharmacist.pathways.record_actual(sp.id, fresh.version, receipt.label, receipt.actual_start,
                                      receipt.actual_end, product_expiry=TODAY - timedelta(days=1))
    nurse.sign_in("nurse", "nurse-demo")
    dialog = bedside(qtbot, nurse, sp)
    assert "expired on" in dialog.scan_panel.blocked.text()
    scan_labels(qtbot, dialog, nurse, sp.id, second="nurse2")
    save(qtbot, dialog)
    assert "the product expired on" in refusals[-1]

    # A pathway whose infusion is recorded: scanning a bag for it again is a second bag.
    done = next(r for r in nurse.pathways.rows() if r.stage in ("infused", "completed")
                and nurse.pathways.get(r.id).pathway.coi_id)
    sp2 = nurse.pathways.get(done.id)
    dialog = bedside(qtbot, nurse, sp2, today=sp2.pathway.first("infusion").first_day(TZ))
    scan_labels(qtbot, dialog, nurse, sp2.id, second="nurse2")
    save(qtbot, dialog)
    assert "a bag was already infused" in refusals[-1] and "second bag" in refusals[-1]


def test_thaw_dialog_refuses_a_bag_of_another_pathway(qtbot, signed_in, refusals):
    pharmacist = signed_in("pharmacist")
    sp, thaw = candidate(pharmacist)
    ctx = UiContext(pharmacist, lang="en", today=thaw.first_day(TZ))
    profile = pharmacist.pathways.profile_for(sp)
    dialog = ThawDialog(ctx, sp, thaw.label, "patient", sp.pathway.product, Clock(thaw.start), profile)
    qtbot.addWidget(dialog)
    dialog.show()
    scan(qtbot, dialog.scan_panel.fields["coi"], sp.pathway.coi_id)
    scan(qtbot, dialog.scan_panel.fields["bag"], make_din("Z9999", 26, 1))  # nobody's
    save(qtbot, dialog)
    assert "is not this pathway's chain-of-identity number" in refusals[-1]
    assert not next(e for e in pharmacist.pathways.get(sp.id).pathway.events if e.label == thaw.label).happened


# -- print → scan round trip ------------------------------------------------------------------------------


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="needs poppler and zbar")
def test_the_printed_checklist_barcodes_verify_in_the_bedside_dialog(qtbot, signed_in, refusals, tmp_path):
    from atmp_desktop.reports import render_checklist
    from atmp_desktop.reports.stored import stored_checklist_input

    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    pdf = tmp_path / "pre-infusion.pdf"
    pdf.write_bytes(render_checklist("pre-infusion", stored_checklist_input(nurse, sp.id, lang="en"), "en"))
    subprocess.run(["pdftoppm", "-png", "-r", "300", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    (png,) = tmp_path.glob("page*.png")
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Scode128.enable", str(png)],
                         capture_output=True, text=True, check=True).stdout.split()
    labels = expected_labels(nurse, sp.id)
    assert sorted(out) == sorted([labels["patient"], labels["coi"]])  # the two printed barcodes, decoded
    patient_code = next(c for c in out if c == labels["patient"])
    coi_code = next(c for c in out if c != patient_code)
    dialog = bedside(qtbot, nurse, sp)
    panel = dialog.scan_panel
    for field, code in (("patient", patient_code), ("coi", coi_code), ("bag", coi_code)):
        scan(qtbot, panel.fields[field], code)
        assert panel.matched(field), panel.status[field].text()
    qtbot.keyClicks(panel.second_user, "nurse2")
    qtbot.keyClicks(panel.second_password, "nurse2-demo")
    save(qtbot, dialog)
    assert not refusals and not dialog.isVisible()
    assert next(e for e in nurse.pathways.get(sp.id).pathway.events if e.label == dialog.label).happened


def test_the_audit_view_lists_scans_and_refusals_in_words(qtbot, signed_in, refusals):
    from atmp_desktop.ui.audit_view import AuditView

    nurse = signed_in("nurse")
    sp, _ = candidate(nurse)
    dialog = bedside(qtbot, nurse, sp)
    scan(qtbot, dialog.scan_panel.fields["patient"], "198112189876")
    save(qtbot, dialog)
    view = AuditView(UiContext(nurse, lang="en", today=TODAY))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitUntil(lambda: view.chain_state in ("ok", "broken", "failed"), timeout=20000)
    view.wait_for_chain()
    assert view.chain_state == "ok"  # scan entries keep the chain intact
    actions = [view.model.index(r, 2).data() for r in range(3)]
    assert actions == ["chain of identity refused", "label scanned", actions[2]]
