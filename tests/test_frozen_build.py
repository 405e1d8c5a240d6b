"""The frozen application (issue 15): build it with installers/build.sh and smoke-test what was built.

Slow (a build, about a minute and a half on the 2-core machine with the
packages): skipped by a plain ``pytest -q``; run it with

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -m slow -s tests/test_frozen_build.py

(``-s`` prints the figures; ``ATMP_SLOW=1`` instead of ``-m slow`` runs it in
the full suite). Set ``ATMP_FROZEN_PACKAGE=1`` to build the tarball and .deb
too. The build goes to ``dist/atmp-desktop/`` (git ignores it) and the
figures to ``build/frozen-smoke.json``.

What it checks, on the frozen program alone (no Python, no virtual environment):
``--version``; ``plan --json`` gives exactly what the source tree gives;
a checklist PDF in Swedish (reportlab, its barcodes, the embedded DejaVu
fonts); the window starts offscreen on a fresh demo database in fresh per-user
folders, signs in and paints Today, in English and Swedish; the database is
created in the per-user data folder and nothing is written into the program's
folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from atmp_desktop import __version__

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "dist" / "atmp-desktop"
PROGRAM = FROZEN / ("atmp-desktop.exe" if sys.platform == "win32" else "atmp-desktop")
PLAN = ["plan", "--product", "kymriah", "--indication", "b-all", "--apheresis", "2026-12-01", "--json"]

pytestmark = pytest.mark.slow


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def built():
    """Build once for the module; the figures go to build/frozen-smoke.json."""
    package = os.environ.get("ATMP_FROZEN_PACKAGE") == "1"
    t0 = time.perf_counter()
    done = subprocess.run(["bash", str(ROOT / "installers" / "build.sh")] + ([] if package else ["--no-package"]),
                          cwd=ROOT, capture_output=True, text=True, timeout=1800)
    seconds = time.perf_counter() - t0
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    size = sum(p.stat().st_size for p in FROZEN.rglob("*") if p.is_file() and not p.is_symlink())
    figures = {"build_seconds": round(seconds, 1), "size_mb": round(size / 2**20, 1),
               "files": sum(1 for p in FROZEN.rglob("*") if p.is_file()), "packaged": package}
    out = ROOT / "build" / "frozen-smoke.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print(f"\nfrozen build: {figures}")
    return figures


@pytest.fixture
def user_env(tmp_path):
    """A fresh home and per-user folders, as for a new user on the machine; no Python paths."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "ATMP_", "XDG_"))}
    env.update({"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data"),
                "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"),
                "XDG_CACHE_HOME": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen",
                "PATH": "/usr/bin:/bin"})
    (tmp_path / "home").mkdir()
    return env


def run(argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(PROGRAM), *argv], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_the_frozen_program_says_its_version(built, user_env, tmp_path):
    done = run(["--version"], user_env, tmp_path)
    assert (done.returncode, done.stdout.strip()) == (0, f"atmp-desktop {__version__}")
    assert (FROZEN / "_internal" / "build-info.json").exists()


def test_about_lists_the_build_and_every_bundled_library(built, user_env, tmp_path):
    done = run(["about", "--json"], user_env, tmp_path)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["build"]["version"] == __version__ and facts["build"]["built"].endswith("Z")
    assert facts["program_folder"] == str(FROZEN.resolve())
    names = {lib["name"].lower().replace("_", "-") for lib in facts["libraries"]}
    assert {"python", "pyside6-essentials", "pyside6-pdf", "shiboken6", "reportlab", "sqlite-utils", "holidays",
            "python-dateutil", "python-stdnum", "tzdata", "platformdirs", "pillow"} <= names
    assert not {"pip", "pytest", "pyinstaller", "hypothesis"} & names  # not in the bundle, not listed


def test_plan_from_the_frozen_program_is_the_source_trees_plan(built, user_env, tmp_path):
    frozen = run(PLAN, user_env, tmp_path)
    assert frozen.returncode == 0, frozen.stderr
    source = subprocess.run([sys.executable, "-m", "atmp_desktop", *PLAN], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert json.loads(frozen.stdout) == json.loads(source.stdout)
    bad = run(["plan", "--product", "nosuch", "--apheresis", "2026-12-01"], user_env, tmp_path)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "Traceback" not in bad.stderr


def test_the_window_starts_on_a_fresh_demo_database_and_paints_today(built, user_env, tmp_path):
    before = _snapshot(FROZEN)
    env = dict(user_env, ATMP_USER="coordinator", ATMP_PASSWORD="coordinator-demo", ATMP_QUIT_AFTER_TODAY="1")
    for lang in ("en", "sv"):
        done = run([], dict(env, ATMP_LANG=lang), tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("today_shown "), (done.stdout, done.stderr)
    db = tmp_path / "data" / "atmp-desktop" / "atmp.db"
    assert db.exists(), "the first start creates the demo database in the per-user data folder"
    assert _snapshot(FROZEN) == before, "nothing is written into the program's folder"
    if shutil.which("pdftotext"):
        pdf = tmp_path / "checklist.pdf"
        done = run(["checklist", "--pathway", "1", "--kind", "pre-infusion", "--out", str(pdf), "--lang", "sv",
                    "--db", str(db)], user_env, tmp_path)
        assert done.returncode == 0, done.stderr
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Före infusion" in text
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        assert "DejaVuSans" in fonts


def test_the_deb_installs_into_opt_with_a_menu_entry_and_the_xcb_libraries(built):
    if not built["packaged"]:
        pytest.skip("the packages are built with ATMP_FROZEN_PACKAGE=1")
    debs = sorted((ROOT / "dist").glob(f"atmp-desktop_{__version__}_*.deb"))
    assert debs, "installers/build.sh made no .deb"
    info = subprocess.run(["dpkg-deb", "--field", str(debs[-1]), "Package", "Version", "Depends"],
                          capture_output=True, text=True, check=True).stdout
    assert f"Version: {__version__}" in info
    depends = info.split("Depends:", 1)[1]
    for needed in ("libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0", "libfontconfig1", "libegl1",
                   "fonts-dejavu-core"):
        assert needed in depends
    listing = subprocess.run(["dpkg-deb", "--contents", str(debs[-1])], capture_output=True, text=True,
                             check=True).stdout
    assert "./usr/bin/atmp-desktop -> /opt/atmp-desktop/atmp-desktop" in listing
    for path in ("./opt/atmp-desktop/atmp-desktop", "./usr/share/applications/atmp-desktop.desktop",
                 "./usr/share/icons/hicolor/scalable/apps/atmp-desktop.svg",
                 "./usr/share/icons/hicolor/256x256/apps/atmp-desktop.png"):
        assert path in listing
    assert list((ROOT / "dist").glob(f"atmp-desktop-{__version__}-linux-*.tar.gz"))
