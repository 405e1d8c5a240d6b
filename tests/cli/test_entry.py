"""The way in: ``atmp-desktop`` with no command opens the window before the rest of the command line is
imported, and the window (``atmp_desktop.app``) never imports the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from atmp_desktop.cli.main import main, run
from atmp_desktop.settings import OpenWindow, window_db

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import sys
from {module} import main
code = main({argv!r})
print("exit", code)
print("loaded", " ".join(sorted(m for m in sys.modules if m.startswith("atmp_desktop.cli") or m == "argparse")))
"""


def probe(module: str, argv: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = ""  # no display: the window refuses at once, exit 2
    return subprocess.run([sys.executable, "-c", PROBE.format(module=module, argv=argv)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("argv", [[], ["--db", "some.db"], ["--db=some.db"]])
def test_no_command_opens_the_window_without_the_rest_of_the_command_line(argv):
    done = probe("atmp_desktop.cli", argv)
    assert "exit 2" in done.stdout, done.stderr
    assert done.stdout.split("loaded", 1)[1].split() == ["atmp_desktop.cli", "atmp_desktop.cli.main"]
    assert len(done.stderr.splitlines()) == 1 and "no display" in done.stderr


def test_the_window_alone_never_imports_the_command_line():
    done = probe("atmp_desktop.app", ["--db", "some.db"])
    assert "exit 2" in done.stdout and "no display" in done.stderr, done.stderr
    assert done.stdout.split("loaded", 1)[1].split() == []


@pytest.mark.parametrize("argv, expected", [
    ([], OpenWindow(None)),
    (["--db", "a.db"], OpenWindow("a.db")),
    (["--db=a.db"], OpenWindow("a.db")),
    (["--db="], OpenWindow("")),
    (["--db"], None),
    (["--db", "--help"], None),
    (["--help"], None),
    (["products"], None),
    (["--db", "a.db", "pathways"], None),
])
def test_which_command_lines_only_open_the_window(argv, expected):
    assert window_db(argv) == expected


def test_a_command_line_without_a_command_still_opens_the_window():
    # e.g. --db given twice: not the quick path, but still no command after parsing (the last --db wins)
    opened = []
    assert run(["--db", "a.db", "--db", "b.db"], window=lambda db: opened.append(db) or 0) == 0
    assert opened == ["b.db"]


def test_the_console_script_is_the_command_lines_main():
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "atmp-desktop"]
    assert script.value == "atmp_desktop.cli.main:main"
    assert script.load() is main


def test_bad_input_before_any_command_is_one_line(capsys):
    assert main(["--db"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "expected one argument" in err
