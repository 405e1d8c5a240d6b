"""Regenerate the checklist previews in ``docs/checklists/`` (PNG, every page, both languages).

Run: .venv/bin/python bench/make_checklist_previews.py [--dpi 70] [--out docs/checklists]

The pathway is a synthetic Kymriah B-ALL patient planned forward from an
apheresis on 2026-12-01 (test personnummer 19121212-1212), printed at a fixed
time so that the images only change when the layout does. One extra preview
shows a pre-infusion record with an open error (infusion ending after the thaw
limit). Needs pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402  (Pillow comes with reportlab)

from atmp_desktop.domain import timeutil  # noqa: E402
from atmp_desktop.domain.planner import PlanRequest, Planner  # noqa: E402
from atmp_desktop.reports import KINDS, LANGS, PatientInfo, checklist_input, render_checklist  # noqa: E402

PATIENT = PatientInfo("Åsa Östlund-Ärlig", "191212121212", date(1912, 12, 12), weight_kg=72.5, height_cm=168)
PRINTED = datetime(2026, 11, 22, 14, 3, tzinfo=timeutil.zone("Europe/Stockholm"))


def inputs(lang: str):
    plan = Planner().plan(PlanRequest("kymriah", "b-all", apheresis=date(2026, 12, 1)))
    plan.pathway.coi_id = "COI-2026-000123"
    plan.pathway.tocilizumab_doses = 1
    ok = checklist_input(
        plan.pathway,
        PATIENT,
        site_name="Karolinska CAR-T, Huddinge",
        pathway_id="P-2026-0042",
        findings=plan.findings,
        printed_at=PRINTED,
        lang=lang,
        site_phone="08-123 456 78",
    )
    # The same pathway with the infusion moved 25 minutes later: it now ends after the 30-min limit.
    late = Planner().plan(PlanRequest("kymriah", "b-all", apheresis=date(2026, 12, 1))).pathway
    late.coi_id = ok.coi_id
    inf = late.first("infusion")
    inf.start += timedelta(minutes=25)
    inf.end += timedelta(minutes=25)
    bad = checklist_input(
        late, PATIENT, site_name=ok.site_name, pathway_id=ok.pathway_id, printed_at=PRINTED, lang=lang
    )
    return ok, bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "checklists")
    args = parser.parse_args()
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        sys.exit("pdftoppm not found: install poppler-utils")
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        for lang in LANGS:
            ok, bad = inputs(lang)
            jobs = [(kind, ok, kind) for kind in KINDS] + [("pre-infusion", bad, "pre-infusion-error")]
            for kind, data, name in jobs:
                pdf = Path(tmp) / f"{name}-{lang}.pdf"
                pdf.write_bytes(render_checklist(kind, data, lang))
                # pdftoppm numbers pages itself: name-lang-1.png, -2.png, …
                subprocess.run(
                    [pdftoppm, "-png", "-r", str(args.dpi), str(pdf), str(args.out / f"{name}-{lang}")], check=True
                )
    for png in sorted(args.out.glob("*.png")):
        shrink(png)
        print(f"{png.relative_to(ROOT)}  {png.stat().st_size // 1024} KB")


def shrink(png: Path) -> None:
    """A 32-colour palette keeps the text crisp and the repository small (a third of the size)."""
    with Image.open(png) as im:
        small = im.convert("RGB").quantize(colors=32, method=Image.Quantize.MEDIANCUT)
    small.save(png, optimize=True)


if __name__ == "__main__":
    main()
