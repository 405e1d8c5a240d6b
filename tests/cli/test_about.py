"""``atmp-desktop about``: version, build, catalogue and the bundled libraries' licences (issue 15)."""

from __future__ import annotations

import json

from atmp_desktop import __version__
from atmp_desktop.cli.main import run


def test_about_as_json_names_version_catalogue_and_licences(capsys):
    assert run(["about", "--json"]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["version"] == __version__
    assert facts["build"] is None  # a development checkout
    assert facts["catalogue"]["version"] == "2026-11-22.1" and facts["catalogue"]["years"] == [2017, 2025]
    assert len(facts["catalogue"]["sources"]) >= 57  # the seven CAR-T labels, and more since issue 13
    licences = {lib["name"]: lib["licence"] for lib in facts["libraries"]}
    assert "LGPL-3.0-only" in licences["PySide6_Essentials"] and licences["Python"] == "PSF-2.0"
    assert {"reportlab", "sqlite-utils", "python-dateutil", "tzdata"} <= set(licences)


def test_about_as_text(capsys):
    assert run(["about"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"ATMP Pathway Planner {__version__}\nbuild: development checkout")
    assert "catalogue: atmp-catalogue/1 version 2026-11-22.1" in out
