"""Shared pieces for the checklist tests: synthetic patients, planned pathways, PDF read-back.

Patients are synthetic: 19121212-1212 is Skatteverket's well-known test
number, and the reserve id is built by the domain's own generator.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from atmp_desktop.domain.identifiers import make_reserve_id
from atmp_desktop.domain.pathway import Pathway, parse_document
from atmp_desktop.domain.planner import Planner, PlanRequest
from atmp_desktop.domain.timeutil import zone
from atmp_desktop.reports import ChecklistInput, PatientInfo, checklist_input

TZ = zone("Europe/Stockholm")
PRINTED = datetime(2026, 11, 22, 14, 3, tzinfo=TZ)
SITE = "Karolinska CAR-T, Huddinge"
PNR = "191212121212"
PATIENT = PatientInfo("Åsa Östlund-Ärlig", PNR, date(1912, 12, 12), weight_kg=72.5, height_cm=168)
RESERVE = PatientInfo("Jörgen Ångström", make_reserve_id(date(1981, 12, 18), 1), date(1981, 12, 18), 80, 180)
COI = "COI-2026-000123"


def plan_input(
    product: str = "kymriah",
    indication: str | None = "b-all",
    region: str = "EU",
    lang: str = "en",
    patient: PatientInfo = PATIENT,
    coi: str | None = COI,
    apheresis: date = date(2026, 12, 1),
) -> ChecklistInput:
    """A pathway planned forward from *apheresis* by the planner, with the planner's findings."""
    plan = Planner().plan(PlanRequest(product, indication, region, apheresis=apheresis))
    plan.pathway.coi_id = coi
    return checklist_input(
        plan.pathway,
        patient,
        site_name=SITE,
        pathway_id="P-2026-0042",
        findings=plan.findings,
        printed_at=PRINTED,
        lang=lang,
    )


def doc_input(doc: dict, lang: str = "en", patient: PatientInfo = PATIENT) -> ChecklistInput:
    """A checklist input from an ``atmp-pathway/1`` document, checked with the default calendar."""
    pathway: Pathway = parse_document({"format": "atmp-pathway/1", **doc})
    return checklist_input(pathway, patient, site_name=SITE, pathway_id="P-DOC-1", printed_at=PRINTED, lang=lang)


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (installers/setup.sh --test installs it)")
    return path


def write(tmp_path: Path, pdf: bytes, name: str = "checklist.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


def pdf_text(path: Path, page: int | None = None) -> str:
    """The PDF's text as pdftotext reads it, whitespace collapsed to single spaces."""
    args = [need("pdftotext")]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", out)


def page_count(path: Path) -> int:
    out = subprocess.run([need("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def barcodes(path: Path, tmp_path: Path, page: int = 1) -> set[str]:
    """Code 128 values decoded by zbarimg from *page* rendered at 200 dpi."""
    need("zbarimg")
    prefix = tmp_path / f"page{page}"
    subprocess.run(
        [need("pdftoppm"), "-r", "200", "-png", "-f", str(page), "-l", str(page), str(path), str(prefix)], check=True
    )
    png = sorted(tmp_path.glob(f"page{page}*.png"))[-1]
    out = subprocess.run(
        ["zbarimg", "--quiet", "-Sdisable", "-Scode128.enable", str(png)], capture_output=True, text=True
    ).stdout
    return {line.split(":", 1)[1] for line in out.splitlines() if line.startswith("CODE-128:")}
