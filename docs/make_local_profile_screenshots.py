"""Screenshots of the Products view with a local profile waiting for approval (issue 13) for docs/screenshots/.

    .venv/bin/python docs/make_local_profile_screenshots.py [--out docs/screenshots] [--lang en sv]

Builds the 60-patient demo database around 2026-11-23 in a temporary folder,
adds the example trial profile (``docs/examples/trial-protocol-profile.json``)
as the demo pharmacist, then shows the Products view to the demo
administrator (the second person, who may approve it) and saves
``products-local-pending-<lang>.png``.

Runs itself under ``xvfb-run`` (the real xcb platform) when there is no display.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
EXAMPLE = ROOT / "docs" / "examples" / "trial-protocol-profile.json"


def _relaunch(argv: list[str]) -> int:
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        sys.stderr.write("make_local_profile_screenshots: needs xvfb-run (apt-get install xvfb) or a display\n")
        return 2
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT), ATMP_LOCAL_SHOTS_CHILD="1")
    return subprocess.run([xvfb, "-a", "-s", "-screen 0 1400x900x24", sys.executable, __file__, *argv],
                          env=env, cwd=ROOT).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "sv"], choices=["en", "sv"])
    args = parser.parse_args()
    if not os.environ.get("ATMP_LOCAL_SHOTS_CHILD") and not os.environ.get("DISPLAY"):
        return _relaunch(sys.argv[1:])
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from atmp_desktop.services import Services
    from atmp_desktop.services.demo import create_demo_database
    from atmp_desktop.storage import Store
    from atmp_desktop.ui import i18n
    from atmp_desktop.ui.context import UiContext
    from atmp_desktop.ui.products_view import ProductsView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="atmp-local-shots-"))
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        db = work / "demo.db"
        create_demo_database(db, patients=60, seed=1, today=TODAY)

        def services(user: str) -> Services:
            svc = Services(Store.open(db))
            svc.sign_in(user, f"{user}-demo")
            return svc

        services("pharmacist").products.add_local(EXAMPLE.read_bytes())
        for lang in args.lang:
            i18n.install(lang)
            view = ProductsView(UiContext(services("admin"), lang=lang, today=TODAY))
            view.resize(1360, 860)
            view.catalogue.select_product("trial-t01")
            view.catalogue.select_rule((None, "thaw_limit"))
            view.show()
            for _ in range(5):
                app.processEvents()
            name = args.out / f"products-local-pending-{lang}.png"
            view.grab().save(str(name))
            print("wrote", name)
            view.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
