"""Where unexpected failures go: a log file in the per-user log folder, never a traceback on screen."""

from __future__ import annotations

import datetime as _dt
import traceback
from pathlib import Path

import platformdirs

from atmp_desktop.settings import APP_DIR_NAME


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def record_crash(exc: BaseException) -> str:
    """Append *exc*'s traceback to the crash log; return where it went (or why it could not)."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "errors.log"
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"--- {_dt.datetime.now(_dt.timezone.utc).isoformat()}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return str(path)
    except OSError as err:
        return f"log not written: {err}"
