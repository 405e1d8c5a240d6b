"""Errors in the window: refusals as a clear message, anything unexpected as a calm dialog.

Never a traceback on screen. The store and the services refuse with typed
errors whose ``str()`` is one line (``REFUSALS``); they are shown with a
translated heading chosen by their stable ``code``. Anything else is an
unexpected failure: its details go to the error log
(:func:`atmp_desktop.errors.record_crash`) and the dialog says where.

Every dialog goes through :func:`present`, which tests replace.
"""

from __future__ import annotations

import logging
import sys
import threading
from contextlib import contextmanager
from datetime import datetime
from types import TracebackType
from typing import Callable, Iterator

from PySide6.QtCore import QCoreApplication, QLocale, QObject
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

#: Dialog kinds for :func:`present`.
ERROR, WARNING, INFORMATION = "error", "warning", "information"


def present(parent: QWidget | None, kind: str, title: str, text: str, details: str | None = None) -> None:
    """Show a modal message. Tests monkeypatch this to record what would be shown."""
    from PySide6.QtWidgets import QMessageBox  # when first needed: its set-up is not free at start-up

    box = QMessageBox(parent)
    box.setIcon({ERROR: QMessageBox.Icon.Critical, WARNING: QMessageBox.Icon.Warning}.get(
        kind, QMessageBox.Icon.Information))
    box.setWindowTitle(title)
    box.setText(text)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


def refusal_title(exc: BaseException) -> str:
    """A short translated heading for a refusal, chosen by its stable code."""
    code = getattr(exc, "code", None) or exc.__class__.__name__
    titles = {
        "locked": QCoreApplication.translate("Errors", "The database is in use by another program"),
        "newer_schema": QCoreApplication.translate("Errors", "The database was written by a newer version"),
        "corrupt": QCoreApplication.translate("Errors", "The database is damaged"),
        "not_sqlite": QCoreApplication.translate("Errors", "This file is not a database"),
        "foreign": QCoreApplication.translate("Errors", "This database belongs to another program"),
        "read_only": QCoreApplication.translate("Errors", "The database is read-only"),
        "disk_full": QCoreApplication.translate("Errors", "The disk is full"),
        "missing": QCoreApplication.translate("Errors", "The database was not found"),
        "conflict": QCoreApplication.translate("Errors", "Someone else changed this first"),
        "not_found": QCoreApplication.translate("Errors", "Not found"),
        "duplicate": QCoreApplication.translate("Errors", "Already registered"),
        "authentication": QCoreApplication.translate("Errors", "Sign-in refused"),
        "permission": QCoreApplication.translate("Errors", "Not allowed for your role"),
        "invalid": QCoreApplication.translate("Errors", "Not accepted"),
    }
    return titles.get(code, QCoreApplication.translate("Errors", "Not done"))


def ui_language(parent: QObject | None = None) -> str:
    """The UI language ("sv" or "en"): the view's own context when *parent* has one, else the running locale.

    A view holds its :class:`~atmp_desktop.ui.context.UiContext` as ``ctx``;
    :func:`atmp_desktop.ui.i18n.install` sets the default locale to the UI
    language, which covers dialogs without a view (start-up, the exception hook).
    """
    obj = parent
    while isinstance(obj, QObject):
        lang = getattr(getattr(obj, "ctx", None), "lang", None)
        if isinstance(lang, str) and lang:
            return lang
        obj = obj.parent()
    return "sv" if QLocale().language() == QLocale.Language.Swedish else "en"


def refusal_message(exc: BaseException, lang: str | None = None, parent: QObject | None = None) -> str:
    """The refusal's own one-line explanation in the UI language (English when it has no translation)."""
    from atmp_desktop.services.messages import refusal_message as render

    return render(exc, lang or ui_language(parent))


def refusal_text(exc: BaseException, lang: str | None = None) -> str:
    """The heading and the service's own one-line explanation."""
    line = refusal_message(exc, lang).strip() or exc.__class__.__name__
    return f"{refusal_title(exc)}\n\n{line[:1].upper()}{line[1:]}"


def conflict_text(exc: BaseException) -> str:
    """For a ConflictError: who changed it and when; the user's edits are kept."""
    who = getattr(exc, "changed_by", None) or QCoreApplication.translate("Errors", "another user")
    at = getattr(exc, "changed_at", None)
    when = at.astimezone().strftime("%Y-%m-%d %H:%M") if isinstance(at, datetime) else "?"
    return QCoreApplication.translate(
        "Errors", "{0} saved a change at {1}. Nothing of yours was overwritten and your edits are still here: "
                  "reload to see their version.").format(who, when)


def show_refusal(parent: QWidget | None, exc: BaseException, lang: str | None = None) -> None:
    """A refusal as a warning: a translated heading and the refusal's text in the UI language."""
    if getattr(exc, "code", None) == "conflict":
        text = conflict_text(exc)
    else:
        text = refusal_message(exc, lang, parent)
    text = text[:1].upper() + text[1:]
    present(parent, WARNING, refusal_title(exc), f"{refusal_title(exc)}\n\n{text}")


def show_unexpected(parent: QWidget | None, exc: BaseException) -> str:
    """Log *exc* and tell the user calmly; returns where the details went."""
    from atmp_desktop.errors import record_crash

    where = record_crash(exc)
    present(
        parent, ERROR, QCoreApplication.translate("Errors", "Something went wrong"),
        QCoreApplication.translate("Errors",
                                   "The last action could not be completed. Everything saved before it is safe."),
        QCoreApplication.translate("Errors", "Details were written to {0}").format(where),
    )
    return where


def show_error(parent: QWidget | None, text: str, title: str | None = None) -> None:
    present(parent, WARNING, title or QCoreApplication.translate("Errors", "Not done"), text)


def is_refusal(exc: BaseException) -> bool:
    from atmp_desktop.services import REFUSALS

    return isinstance(exc, REFUSALS)


@contextmanager
def reporting(parent: QWidget | None) -> Iterator[None]:
    """Run a user action; a refusal becomes a message (anything else reaches the exception hook)."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - sorted below
        if is_refusal(exc):
            show_refusal(parent, exc)
        else:
            raise


class ExceptionHook:
    """``sys.excepthook`` for the running application: a dialog, never a traceback.

    Exceptions raised inside Qt slots end up here. A refusal that a view did
    not catch is still shown as a refusal; anything else is logged and
    reported calmly. Re-entrant failures (an error while showing the error)
    only go to the log.
    """

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None):
        self._parent = parent
        self._busy = False
        self._previous = sys.excepthook

    def install(self) -> "ExceptionHook":
        sys.excepthook = self
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        sys.excepthook = self._previous
        threading.excepthook = threading.__excepthook__

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            app = QApplication.instance()
            if app is not None:
                app.quit()
            return
        if self._busy:
            from atmp_desktop.errors import record_crash

            record_crash(exc)
            return
        self._busy = True
        try:
            parent = self._parent()
            if is_refusal(exc):
                show_refusal(parent, exc)
            else:
                show_unexpected(parent, exc)
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            log.exception("could not show an error dialog")
        finally:
            self._busy = False

    @staticmethod
    def _thread_hook(args: threading.ExceptHookArgs) -> None:
        # A worker thread cannot open dialogs; its failure goes to the log file.
        from atmp_desktop.errors import record_crash

        if args.exc_value is not None:
            record_crash(args.exc_value)


# -- start-up texts (atmp_desktop/app.py shows them; kept here so the translation tools find them) ----------


def startup_failed(where: str) -> tuple[str, str]:
    """Title and text when the application could not start for an unexpected reason."""
    return (QCoreApplication.translate("Startup", "Something went wrong"),
            QCoreApplication.translate("Startup", "The application could not start. Your data was not changed.\n\n"
                                                  "Details were written to {0}").format(where))


def refused_at_startup(exc: BaseException) -> tuple[str, str]:
    """Title and text when the store refuses the database file at start-up."""
    line = refusal_message(exc)
    return (refusal_title(exc), f"{line[:1].upper()}{line[1:]}\n\n" + QCoreApplication.translate(
        "Startup", "The application did not open the file and did not change it."))


def backup_made(name: str) -> str:
    return QCoreApplication.translate("Startup", "Backup made: {0}").format(name)


def backup_failed(exc: BaseException, where: str) -> str:
    return QCoreApplication.translate("Startup", "The start-up backup failed: {0} (details: {1})").format(
        refusal_message(exc), where)
