"""CSV export from the command line (issue 14): filters as the Patients list, a Calendar week, safe cells."""

from __future__ import annotations

import csv
import io

from atmp_desktop.cli.main import run
from atmp_desktop.services.csv_export import to_csv


def _lines(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_patients_csv_with_filters(demo_db, tmp_path, capsys):
    out = tmp_path / "p.csv"
    assert run(["export-csv", "--db", str(demo_db), "patients", "--site", "huddinge", "--product", "kymriah",
                "--stage", "all", "--out", str(out)]) == 0
    lines = _lines(out.read_bytes().decode("utf-8"))
    assert lines[0][0] == "Patient" and len(lines) > 1
    assert {r[2] for r in lines[1:]} == {"Karolinska Huddinge"} and {r[3] for r in lines[1:]} == {"Kymriah"}
    capsys.readouterr()
    assert run(["export-csv", "--db", str(demo_db), "patients", "--findings", "errors"]) == 0
    rows = _lines(capsys.readouterr().out)
    assert all(int(r[7]) > 0 for r in rows[1:])


def test_calendar_week_csv(demo_db, capsys):
    assert run(["export-csv", "--db", str(demo_db), "calendar", "--week", "2026-11-25", "--lang", "sv",
                "--delimiter", ";"]) == 0
    text = capsys.readouterr().out
    lines = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert lines[0][:3] == ["Datum", "Tid", "Händelse"]
    assert {r[0] for r in lines[1:]} <= {f"2026-11-{d}" for d in range(23, 30)}


def test_refusals_are_one_line(demo_db, capsys):
    for argv in (["patients", "--site", "nowhere"], ["patients", "--stage", "later"], ["calendar"],
                 ["patients", "--product", "nothing"], []):
        assert run(["export-csv", "--db", str(demo_db), *argv]) == 2
        assert capsys.readouterr().err.count("\n") == 1


def test_cells_a_spreadsheet_would_run_are_defused():
    text = to_csv(["a"], [["=HYPERLINK(1)"], ["-5"], ["+1"], ["@x"], ["-x"]]).decode("utf-8")
    assert _lines(text)[1:] == [["'=HYPERLINK(1)"], ["-5"], ["'+1"], ["'@x"], ["'-x"]]
