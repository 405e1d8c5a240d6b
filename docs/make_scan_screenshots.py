"""Screenshots of the chain-of-identity scan dialogs (issue 14) for docs/screenshots/.

    .venv/bin/python docs/make_scan_screenshots.py [--out docs/screenshots] [--lang en sv]

Builds the 60-patient demo database around 2026-11-23 in a temporary folder,
opens the bedside "verify and record infusion" dialog, the cell lab's thaw
and receipt dialogs on demo pathways, types each label into its scan field
as a USB scanner does (the characters, then Enter) and saves:

* ``scan-bedside-<lang>.png``: wristband, COI label and bag matched, second nurse signing;
* ``scan-bedside-refused-<lang>.png``: another patient's bag scanned, refused by name;
* ``scan-thaw-<lang>.png`` and ``scan-receipt-<lang>.png``.

Runs itself under ``xvfb-run`` (the real xcb platform) when there is no display.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)


def _relaunch(argv: list[str]) -> int:
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        sys.stderr.write("make_scan_screenshots: needs xvfb-run (apt-get install xvfb) or a display\n")
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT), ATMP_SCAN_SHOTS_CHILD="1")
    return subprocess.run([xvfb, "-a", "-s", "-screen 0 1400x900x24", sys.executable, __file__, *argv],
                          env=env, cwd=ROOT).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "sv"], choices=["en", "sv"])
    args = parser.parse_args()
    if not os.environ.get("ATMP_SCAN_SHOTS_CHILD") and not os.environ.get("DISPLAY"):
        return _relaunch(sys.argv[1:])
    sys.path.insert(0, str(ROOT))

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from atmp_desktop.services import Services
    from atmp_desktop.services.demo import create_demo_database
    from atmp_desktop.storage import Store
    from atmp_desktop.ui import i18n
    from atmp_desktop.ui.bedside_infusion_dialog import BedsideInfusionDialog
    from atmp_desktop.ui.celllab_receipt_dialog import ReceiptDialog
    from atmp_desktop.ui.celllab_thaw_dialog import ThawDialog
    from atmp_desktop.ui.context import UiContext

    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="atmp-scan-shots-"))
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        db = work / "demo.db"
        create_demo_database(db, patients=60, seed=1, today=TODAY)

        def services(user: str) -> Services:
            svc = Services(Store.open(db))
            svc.sign_in(user, f"{user}-demo")
            return svc

        def scan(field, text: str) -> None:
            field.setFocus()
            QTest.keyClicks(field, text)
            QTest.keyClick(field, Qt.Key.Key_Return)

        def shot(dialog, name: str) -> None:
            dialog.adjustSize()
            dialog.resize(max(dialog.width(), 860), dialog.height())
            dialog.show()
            for _ in range(5):
                app.processEvents()
            dialog.grab().save(str(args.out / name))
            print("wrote", args.out / name)
            dialog.close()

        for lang in args.lang:
            i18n.install(lang)
            nurse = services("nurse")
            candidates = [sp for sp in nurse.pathways.load_all(stages=["lymphodepletion", "product_in_storage"])
                          if sp.pathway.coi_id and sp.pathway.first("thaw") is not None
                          and not sp.pathway.first("thaw").happened]
            sp = candidates[0]
            patient = nurse.patients.get(sp.patient_id)
            infusion = sp.pathway.first("infusion")
            thaw = sp.pathway.first("thaw")
            start = infusion.start if isinstance(infusion.start, datetime) else thaw.start
            ctx = UiContext(nurse, lang=lang, today=TODAY)
            product = nurse.pathways.profile_for(sp).name
            dialog = BedsideInfusionDialog(ctx, sp, infusion.label, patient.full_name, product, lambda: start)
            panel = dialog.scan_panel
            for f, v in (("patient", patient.identifier), ("coi", sp.pathway.coi_id), ("bag", sp.pathway.coi_id)):
                scan(panel.fields[f], v)
            panel.second_user.setText("nurse2")
            panel.second_password.setText("nurse2-demo")
            shot(dialog, f"scan-bedside-{lang}.png")

            other = next(o for o in candidates[1:] if o.patient_id != sp.patient_id)
            dialog = BedsideInfusionDialog(ctx, sp, infusion.label, patient.full_name, product, lambda: start)
            panel = dialog.scan_panel
            scan(panel.fields["patient"], patient.identifier)
            scan(panel.fields["coi"], sp.pathway.coi_id)
            scan(panel.fields["bag"], other.pathway.coi_id)
            shot(dialog, f"scan-bedside-refused-{lang}.png")

            pharmacist = services("pharmacist")
            ctx = UiContext(pharmacist, lang=lang, today=TODAY)
            dialog = ThawDialog(ctx, sp, thaw.label, patient.full_name, product, lambda: thaw.start,
                                pharmacist.pathways.profile_for(sp))
            scan(dialog.scan_panel.fields["coi"], sp.pathway.coi_id)
            scan(dialog.scan_panel.fields["bag"], sp.pathway.coi_id)
            shot(dialog, f"scan-thaw-{lang}.png")

            expected = next(r for r in pharmacist.pathways.events_between(TODAY, TODAY + timedelta(days=28))
                            if r.kind == "product_receipt" and r.actual_start is None and r.stage != "cancelled")
            rsp = pharmacist.pathways.get(expected.pathway_id)
            rpatient = pharmacist.patients.get(rsp.patient_id)
            dialog = ReceiptDialog(ctx, rsp, expected.label, rpatient.full_name,
                                   pharmacist.pathways.profile_for(rsp).name, lambda: expected.start)
            code = rsp.pathway.coi_id or "S0001260000113"
            scan(dialog.scan_panel.fields["coi"], code)
            scan(dialog.scan_panel.fields["bag"], code)
            dialog.scan_panel.second_user.setText("pharmacist2")
            shot(dialog, f"scan-receipt-{lang}.png")
            for svc in (nurse, pharmacist):
                svc.close()
        i18n.install("en")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
