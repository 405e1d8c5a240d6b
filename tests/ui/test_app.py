"""Start-up: refusals shown and the file untouched, sign-in paths, first start, crash hook, backup."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from atmp_desktop import app
from atmp_desktop.ui import errors as ui_errors
from atmp_desktop.ui import i18n
from tests.ui.conftest import TODAY


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def english(monkeypatch, qapp):
    monkeypatch.setenv("ATMP_LANG", "en")
    monkeypatch.setenv("ATMP_TODAY", TODAY.isoformat())
    yield
    i18n.install("en")


@pytest.fixture
def said():
    """What the start-up would have shown in a dialog: (title, text)."""
    return []


def opened(db, said, **kw):
    return app.open_application(db, inform=lambda title, text: said.append((title, text)), **kw)


@pytest.fixture
def close_later():
    started = []
    yield started.append
    for s in started:
        s.window.close()
        app.close_application(s)


# -- refusals ------------------------------------------------------------------------------------


def test_not_a_database_is_refused_and_left_alone(tmp_path, said, capsys):
    path = tmp_path / "notes.db"
    path.write_text("shopping list: milk, bread\n" * 20)
    before = digest(path)
    assert opened(path, said) == 2
    title, text = said[-1]
    assert title == "This file is not a database" and "not an SQLite database" in text
    assert "did not change it" in text
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("atmp-desktop: ") and "not an SQLite database" in err[0]
    assert digest(path) == before


def test_a_damaged_database_is_refused_and_left_alone(demo_db, said, capsys):
    data = bytearray(demo_db.read_bytes())
    data[100:1100] = b"\xff" * 1000  # the schema page
    demo_db.write_bytes(bytes(data))
    before = digest(demo_db)
    assert opened(demo_db, said) == 2
    assert said[-1][0] == "The database is damaged"
    assert "Traceback" not in capsys.readouterr().err
    assert digest(demo_db) == before


def test_a_newer_database_is_refused_and_left_alone(demo_db, said):
    with sqlite3.connect(demo_db) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = digest(demo_db)
    assert opened(demo_db, said) == 2
    title, text = said[-1]
    assert title == "The database was written by a newer version" and "newer version" in text
    assert digest(demo_db) == before


def test_a_read_only_database_is_refused_and_left_alone(demo_db, said):
    before = digest(demo_db)
    os.chmod(demo_db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        assert opened(demo_db, said) == 2
        assert said[-1][0] == "The database is read-only"
    finally:
        os.chmod(demo_db, stat.S_IRUSR | stat.S_IWUSR)
    assert digest(demo_db) == before


def test_a_database_locked_by_another_program_is_refused_and_left_alone(demo_db, said):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, time
        conn = sqlite3.connect({str(demo_db)!r}, isolation_level=None)
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("UPDATE users SET display_name = display_name WHERE 0")
        print("locked", flush=True)
        time.sleep(60)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = digest(demo_db)
        assert opened(demo_db, said) == 2
        title, text = said[-1]
        assert title == "The database is in use by another program" and "locked" in text
        assert digest(demo_db) == before
    finally:
        holder.kill()
        holder.wait()


def test_no_display_is_one_line_and_exit_2(monkeypatch, capsys):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert app.start() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no display" in err[0]


def test_an_unexpected_failure_is_logged_not_shown(demo_db, said, monkeypatch, capsys):
    import atmp_desktop.ui.main_window as main_window

    def boom(*a, **kw):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(main_window.MainWindow, "__init__", boom)
    monkeypatch.setenv("ATMP_USER", "coordinator")
    monkeypatch.setenv("ATMP_PASSWORD", "coordinator-demo")
    before = digest(demo_db)
    assert opened(demo_db, said) == 3
    title, text = said[-1]
    assert title == "Something went wrong" and "Details were written to" in text and "Traceback" not in text
    log = Path(text.rsplit(" ", 1)[-1])
    assert log.exists() and "disk on fire" in log.read_text()
    assert "disk on fire" in capsys.readouterr().err
    assert digest(demo_db) == before


# -- signing in -------------------------------------------------------------------------------------


def test_automatic_sign_in_from_the_environment_opens_today(demo_db, said, monkeypatch, close_later):
    monkeypatch.setenv("ATMP_USER", "nurse")
    monkeypatch.setenv("ATMP_PASSWORD", "nurse-demo")
    started = opened(demo_db, said, sign_in=lambda svc, path: pytest.fail("no dialog expected"))
    close_later(started)
    assert not said
    window = started.window
    assert window.isVisible() and window.current_key() == "today"
    assert started.services.session.username == "nurse"
    assert "nurse" in window.user_label.text()
    assert window.ctx.today() == TODAY


def test_a_wrong_environment_password_falls_back_to_the_dialog(demo_db, said, monkeypatch, capsys):
    monkeypatch.setenv("ATMP_USER", "nurse")
    monkeypatch.setenv("ATMP_PASSWORD", "guess")
    asked = []
    assert opened(demo_db, said, sign_in=lambda svc, path: asked.append(path)) == 0  # nobody signed in: quit
    assert asked == [demo_db]
    assert "refused" in capsys.readouterr().err


def test_the_sign_in_dialogs_session_is_used(demo_db, said, close_later):
    def sign_in(svc, path):
        return svc.users.authenticate("pharmacist", "pharmacist-demo")

    started = opened(demo_db, said, sign_in=sign_in)
    close_later(started)
    assert started.window.ctx.services.session.role == "pharmacist"


def test_first_start_creates_a_living_demo_ward(tmp_path, said, monkeypatch, close_later):
    monkeypatch.setenv("ATMP_USER", "coordinator")
    monkeypatch.setenv("ATMP_PASSWORD", "coordinator-demo")
    path = tmp_path / "new" / "atmp.db"
    started = opened(path, said)
    close_later(started)
    assert path.exists()
    today = started.window.view("today")
    assert today.model.event_count() > 0
    assert len(started.services.pathways.rows()) >= 50


def test_the_database_comes_from_atmp_db_when_not_given(demo_db, said, monkeypatch, close_later):
    monkeypatch.setenv("ATMP_DB", str(demo_db))
    monkeypatch.setenv("ATMP_USER", "coordinator")
    monkeypatch.setenv("ATMP_PASSWORD", "coordinator-demo")
    started = opened(None, said)
    close_later(started)
    assert Path(started.store.path) == demo_db


# -- entry point, crash hook, backup ------------------------------------------------------------------


def test_the_window_alone_takes_only_db_and_points_commands_to_the_command_line(capsys):
    assert app.main(["products"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1 and "atmp-desktop" in err


def test_the_exception_hook_shows_a_calm_dialog_and_logs(monkeypatch):
    shown = []
    monkeypatch.setattr(ui_errors, "present", lambda parent, kind, title, text, details=None:
                        shown.append((kind, title, text, details)))
    hook = ui_errors.ExceptionHook().install()
    try:
        try:
            raise ValueError("unexpected state")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        from atmp_desktop.services import ValidationError

        refusal = ValidationError("weight: 900 is outside 1–400")
        sys.excepthook(ValidationError, refusal, None)
    finally:
        hook.uninstall()
    (kind, title, text, details), (kind2, title2, text2, _) = shown
    assert (kind, title) == ("error", "Something went wrong")
    assert "Traceback" not in text + details and "unexpected state" not in text
    log = Path(details.split("written to ", 1)[1])
    assert "ValueError: unexpected state" in log.read_text()
    assert (kind2, title2) == ("warning", "Not accepted") and "outside" in text2


def test_the_start_up_backup_runs_on_a_worker_with_its_own_connection(demo_db):
    backup = app.StartupBackup(demo_db)
    backup.start(None)
    backup.wait()
    assert backup.error is None
    assert backup.result is not None and backup.result.exists()
    assert backup.result.parent == demo_db.parent / "backups"
    again = app.StartupBackup(demo_db)
    again.start(None)
    again.wait()
    assert again.result is None  # one a day is enough
