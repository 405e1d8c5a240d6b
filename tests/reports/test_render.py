"""The PDFs read back: the right patient, product, dates and computed times on every page,
Swedish text intact, fonts embedded, and barcodes that decode to the patient identifier."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from atmp_desktop import __version__
from atmp_desktop.reports import KINDS, LANGS, ChecklistError, render_checklist
from atmp_desktop.reports import model as M
from tests.reports.helpers import (
    COI,
    PATIENT,
    RESERVE,
    barcodes,
    doc_input,
    need,
    page_count,
    pdf_text,
    plan_input,
    write,
)
from tests.reports.test_model import EVENTS, kymriah

TITLES = {
    "en": {
        "pre-apheresis": "Before apheresis",
        "product-receipt": "Product receipt – cell lab",
        "pre-lymphodepletion": "Before lymphodepletion",
        "pre-infusion": "Before infusion – bedside record, day 0",
        "monitoring": "Daily monitoring after infusion",
        "discharge": "Going home after CAR-T treatment",
    },
    "sv": {
        "pre-apheresis": "Före aferes",
        "product-receipt": "Produktmottagning – cellaboratoriet",
        "pre-lymphodepletion": "Före lymfodepletion",
        "pre-infusion": "Före infusion – kontroll vid patienten, dag 0",
        "monitoring": "Daglig övervakning efter infusion",
        "discharge": "Hemgång efter CAR-T-behandling",
    },
}
PAGE = {"en": "Page {n} of {total}", "sv": "Sida {n} av {total}"}
PRINTED_TEXT = {
    "en": "Printed 2026-11-22 14:03 (Europe/Stockholm)",
    "sv": "Utskriven 2026-11-22 14:03 (Europe/Stockholm)",
}


def expected(kind: str, lang: str, data) -> list[str]:
    """Dates and computed values each kind must print, from the pathway itself."""
    pw, tz = data.pathway, data.tz
    d0 = pw.infusion_day()
    sv = lang == "sv"
    if kind == "pre-apheresis":
        aph = pw.first("apheresis").when.astimezone(tz)
        ld = pw.first("lymphodepletion").first_day(tz)
        return [
            f"{aph:%Y-%m-%d}",
            f"{aph:%H:%M}",
            (ld - timedelta(days=42)).isoformat(),
            (aph.date() - timedelta(days=7)).isoformat(),
            (d0 + timedelta(days=90)).isoformat(),
        ]
    if kind == "product-receipt":
        rec = pw.first("product_receipt").when.astimezone(tz)
        return [f"{rec:%Y-%m-%d}", f"{rec:%H:%M}", "−120 °C", "9 månader" if sv else "9 months", COI]
    if kind == "pre-lymphodepletion":
        sched = M.ld_schedule(data)
        days = [d.day.isoformat() for d in sched.days]
        mg = ["55,2 mg", "920 mg"] if sv else ["55.2 mg", "920 mg"]
        bsa = "√(168 × 72,5 / 3600) = 1,84 m²" if sv else "√(168 × 72.5 / 3600) = 1.84 m²"
        return days + mg + [bsa, "Mosteller", "−6", "−3", d0.isoformat()]
    if kind == "pre-infusion":
        thaw = pw.first("thaw").when.astimezone(tz)
        by = M.infuse_by(data, pw.first("thaw")).infuse_by.astimezone(tz)
        return [
            f"{thaw:%H:%M}",
            f"{by:%H:%M}",
            "INFUNDERA SENAST" if sv else "INFUSE BY",
            COI,
            "STOPPREGEL" if sv else "STOP RULE",
        ]
    if kind == "monitoring":
        return [d0.isoformat(), (d0 + timedelta(days=14)).isoformat(), "+14", "ICE"]
    if kind == "discharge":
        return [d0.isoformat(), (d0 + timedelta(days=28)).isoformat(), (d0 + timedelta(days=56)).isoformat(), "112"]
    raise AssertionError(kind)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_in_both_languages(kind, lang, tmp_path):
    data = plan_input("kymriah", "b-all", lang=lang)
    path = write(tmp_path, render_checklist(kind, data, lang))
    pages = page_count(path)
    text = pdf_text(path)
    assert TITLES[lang][kind] in text
    for value in expected(kind, lang, data):
        assert value in text, value
    # Every page carries who, what, which pathway, page x of y, when printed and which version.
    for n in range(1, pages + 1):
        page = pdf_text(path, n)
        for value in (
            "Åsa Östlund-Ärlig",
            "19121212-1212",
            "Kymriah",
            "P-2026-0042",
            COI,
            PAGE[lang].format(n=n, total=pages),
            PRINTED_TEXT[lang],
            f"ATMP Pathway Planner {__version__}",
        ):
            assert value in page, (n, value)


@pytest.mark.parametrize("kind", KINDS)
def test_fonts_are_embedded(kind, tmp_path):
    path = write(tmp_path, render_checklist(kind, plan_input(lang="sv")))
    out = subprocess.run([need("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert {r.split()[0].split("+")[-1] for r in rows} == {"DejaVuSans", "DejaVuSans-Bold"}
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", row


def test_swedish_text_survives(tmp_path):
    text = pdf_text(write(tmp_path, render_checklist("discharge", plan_input(lang="sv"))))
    for phrase in (
        "Hemgång efter CAR-T-behandling",
        "Stanna nära",
        "Kör inte bil",
        "Tecken att vara uppmärksam på",
        "Åsa Östlund-Ärlig",
        "Förvirring",
        "Född 1912-12-12",
    ):
        assert phrase in text, phrase


def test_thirty_minute_product_thawed_at_ten_says_ten_thirty(tmp_path):
    for lang, label in (("en", "INFUSE BY 10:30"), ("sv", "INFUNDERA SENAST 10:30")):
        text = pdf_text(write(tmp_path, render_checklist("pre-infusion", doc_input(kymriah(), lang=lang))))
        assert label in text
        assert "10:00" in text  # the planned thaw
        assert ("30 min from the start of thaw" if lang == "en" else "30 min från start av upptining") in text


def test_breyanzi_counts_from_removal_from_frozen_storage(tmp_path):
    doc = {
        "product": "breyanzi",
        "indication": "lbcl",
        "events": [
            {"kind": "thaw", "start": "2027-03-02T09:00"},
            {"kind": "infusion", "start": "2027-03-02T09:20", "end": "2027-03-02T09:50"},
        ],
    }
    text = pdf_text(write(tmp_path, render_checklist("pre-infusion", doc_input(doc))))
    assert "Removal from frozen storage, planned 2027-03-02 (Tue) 09:00" in text
    assert "120 min from removal from frozen storage" in text
    assert "INFUSE BY 11:00" in text


def test_premedication_window_is_printed(tmp_path):
    text = pdf_text(write(tmp_path, render_checklist("pre-infusion", doc_input(kymriah()))))
    assert "Give between 09:10 and 09:40" in text


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_label_values_are_printed_as_unknown(lang, tmp_path):
    data = plan_input("aucatzyl", "b-all", lang=lang)
    phrase = {
        "en": "not in the label – confirm with the pharmacist",
        "sv": "finns inte i märkningen – stäm av med farmaceut",
    }[lang]
    for kind in ("pre-infusion", "product-receipt", "pre-lymphodepletion", "monitoring"):
        text = pdf_text(write(tmp_path, render_checklist(kind, data), f"{kind}.pdf"))
        assert phrase in text, kind
    text = pdf_text(write(tmp_path, render_checklist("pre-infusion", data)))
    assert ("Dose 2 of 2" if lang == "en" else "Dos 2 av 2") in text  # the split dose gets its own record


def test_centre_assumption_is_marked_on_the_discharge_sheet(tmp_path):
    text = pdf_text(write(tmp_path, render_checklist("discharge", plan_input("kymriah", "b-all"))))
    assert "your centre's rule; the product information gives no period" in text


def test_open_errors_are_printed_in_a_box_and_flagged_on_every_page(tmp_path):
    events = [dict(e) for e in EVENTS]
    events[5] = {"kind": "infusion", "start": "2027-01-11T10:25", "end": "2027-01-11T10:45"}  # ends 45 min after thaw
    data = doc_input(kymriah(events))
    assert [f.code for f in data.errors] == ["THAW_TO_INFUSION"]
    path = write(tmp_path, render_checklist("pre-infusion", data))
    first = pdf_text(path, 1)
    assert "OPEN ERRORS" in first
    assert "THAW_TO_INFUSION" in first and data.errors[0].message("en") in first
    for n in range(1, page_count(path) + 1):
        assert "1 OPEN ERROR(S) – SEE PAGE 1" in pdf_text(path, n)
    sv = pdf_text(write(tmp_path, render_checklist("pre-infusion", data, "sv"), "sv.pdf"), 1)
    assert "ÖPPNA FEL" in sv and data.errors[0].message("sv") in sv


def test_warnings_are_listed(tmp_path):
    data = plan_input("kymriah", None)  # no indication: INDICATION_ASSUMED, and assumptions
    text = pdf_text(write(tmp_path, render_checklist("monitoring", data)))
    assert "Warnings – check each one" in text
    for f in data.warnings:
        assert f.code in text


def test_barcodes_decode_to_the_patient_and_coi_on_every_page(tmp_path):
    path = write(tmp_path, render_checklist("pre-infusion", plan_input()))
    for n in range(1, page_count(path) + 1):
        assert barcodes(path, tmp_path, n) == {PATIENT.identifier, COI}


def test_barcode_of_a_reserve_id_and_no_coi(tmp_path):
    path = write(tmp_path, render_checklist("discharge", plan_input(patient=RESERVE, coi=None, lang="sv")))
    assert barcodes(path, tmp_path) == {RESERVE.identifier}
    text = pdf_text(path, 1)
    assert f"Reservnummer {RESERVE.identifier}" in text and "COI ej registrerat" in text


def test_a_very_long_name_is_shrunk_or_cut_not_spilled(tmp_path):
    from atmp_desktop.reports import PatientInfo

    long = PatientInfo("Maria-Josefina Andersson-Östergren von Ärlebäck af Åkerhielm " * 3, PATIENT.identifier)
    path = write(tmp_path, render_checklist("monitoring", plan_input(patient=long)))
    text = pdf_text(path, 1)
    assert "Maria-Josefina Andersson-Östergren" in text and "…" in text


def test_missing_thaw_is_a_checklist_error():
    no_thaw = [e for e in EVENTS if e["kind"] != "thaw"]
    with pytest.raises(ChecklistError, match="no planned thaw"):
        render_checklist("pre-infusion", doc_input(kymriah(no_thaw)))


def test_output_is_deterministic():
    data = plan_input()
    assert render_checklist("pre-infusion", data) == render_checklist("pre-infusion", data)


def test_reports_never_import_qt():
    code = (
        "import sys; from tests.reports.helpers import plan_input; from atmp_desktop.reports import render_checklist;"
        "render_checklist('pre-infusion', plan_input());"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]; assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
