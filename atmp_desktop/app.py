"""Composition root: find the database, open it, sign in, show the main window.

``atmp-desktop`` with no command hands over to :func:`start` here (see
:mod:`atmp_desktop.cli.main`); ``python -m atmp_desktop.app [--db PATH]``
starts here directly. This module never imports the command line. In order:

1. no display → one line on standard error, exit 2;
2. the database: ``--db`` / ``ATMP_DB`` / the per-user data folder; the first
   start creates it with demo data (so a fresh machine shows a living ward);
3. a refusal by the store (locked, newer version, damaged, read-only, not a
   database) → a clear dialog and one line on standard error, exit 2, the file
   untouched;
4. sign in (the dialog; or ``ATMP_USER``/``ATMP_PASSWORD`` for tests,
   screenshots and the start-up benchmark — the password is still checked);
5. the main window on Today; the start-up backup, when one is due, runs on a
   worker thread with its own connection a few seconds later;
6. from then on any unexpected error shows a calm dialog and goes to the
   error log, never a traceback.

Environment hooks (testing and documentation only): ``ATMP_TODAY`` fixes
today; ``ATMP_LANG`` the language; ``ATMP_QUIT_AFTER_TODAY`` prints
``today_shown <epoch seconds>`` once Today is painted and quits (start-up
benchmark); ``ATMP_SCREENSHOT_DIR`` walks through every view, saves a PNG of
each and quits (``docs/make_screenshots.py``).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Sequence

from atmp_desktop import APP_NAME, __version__

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REFUSED, EXIT_INTERNAL = 0, 2, 3
#: The start-up backup waits this long after the window shows, so it never slows the first screen.
BACKUP_DELAY_MS = 8000


def has_display() -> bool:
    """True where Qt can open a window (a display, Wayland, or an explicit platform plugin)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _stderr(message: str) -> None:
    sys.stderr.write(f"atmp-desktop: {message}\n")


def _fixed_today() -> date | None:
    text = os.environ.get("ATMP_TODAY")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        _stderr(f"ATMP_TODAY={text!r} is not a date (YYYY-MM-DD); using today")
        return None


# ================================================================================ entry point


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m atmp_desktop.app [--db PATH]``: the window alone (the commands are ``atmp-desktop``'s)."""
    from atmp_desktop.settings import window_db

    window = window_db(sys.argv[1:] if argv is None else argv)
    if window is None:
        _stderr("python -m atmp_desktop.app takes only --db PATH; "
                "for commands run atmp-desktop (or python -m atmp_desktop) --help")
        return EXIT_REFUSED
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return start(window.db)


# ================================================================================== start-up


@dataclass
class Started:
    """What :func:`open_application` built: the pieces :func:`start` runs and later closes."""

    app: Any
    window: Any
    store: Any
    services: Any
    backup: "StartupBackup"
    hook: Any = None


def start(db: str | os.PathLike[str] | None = None, *, inform: Callable[[str, str], None] | None = None,
          sign_in: Callable[[Any, Path], Any] | None = None) -> int:
    """Run the application; returns the exit code (0, 2 refused, 3 unexpected failure)."""
    if not has_display():
        _stderr("no display found (DISPLAY is not set); the window cannot open here. "
                "Run it on a desktop, or use the command line: atmp-desktop --help")
        return EXIT_REFUSED
    collector = PausedCollector()
    try:
        try:
            started = open_application(db, inform=inform, sign_in=sign_in)
        except SystemExit as done:
            return int(done.code or 0)
        if isinstance(started, int):
            return started
        from atmp_desktop.ui.main_thread_gc import collect_on_main_thread, stop_main_thread_collection

        # Once resumed, collection runs on the GUI thread only (never in a reading worker's thread).
        ours: list[bool] = []
        collector.then = lambda: ours.append(collect_on_main_thread(started.app))
        collector.resume_after_first_paint(started.window)
        try:
            return started.app.exec()
        finally:
            close_application(started)
            collector.then = None
            if any(ours):
                stop_main_thread_collection()
    finally:
        collector.resume()


class PausedCollector:
    """Python's cyclic garbage collector, paused from start-up until the window is first painted.

    Building the first screen makes a few hundred thousand objects (Qt's enums
    and classes, the store's rows) and nearly none of them is garbage, yet the
    collector would walk them over and over on the way (some 70 collections,
    about 8 ms). Collection resumes :attr:`AFTER_PAINT_MS` after the window was
    first painted (at the latest after :attr:`LATEST_MS`), with one collection
    then: nothing is lost, only postponed.
    """

    AFTER_PAINT_MS = 100
    LATEST_MS = 3000

    def __init__(self) -> None:
        self._paused = gc.isenabled()
        #: What resuming does instead of turning the automatic collector back on (the window:
        #: :func:`atmp_desktop.ui.main_thread_gc.collect_on_main_thread`).
        self.then: Callable[[], None] | None = None
        if self._paused:
            gc.disable()

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            gc.enable()
            if self.then is not None:
                self.then()

    def resume_after_first_paint(self, window: Any) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        resume, after = self.resume, self.AFTER_PAINT_MS

        class FirstPaint(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 - Qt name
                if event.type() == QEvent.Type.Paint:
                    watched.removeEventFilter(self)
                    QTimer.singleShot(after, resume)
                return False

        self._first_paint = FirstPaint(window)
        window.installEventFilter(self._first_paint)
        QTimer.singleShot(self.LATEST_MS, resume)


def open_application(db: str | os.PathLike[str] | None = None, *, inform: Callable[[str, str], None] | None = None,
                     sign_in: Callable[[Any, Path], Any] | None = None) -> "Started | int":
    """Everything up to the shown main window, without running the event loop (tests call this).

    Returns an exit code instead when the store refuses the file (2), nobody
    signs in (0) or something unexpected fails (3).
    """
    # The Qt-free layers first: PySide6 inspects each module imported after it (its __feature__
    # import hook), which costs about a tenth of the start-up when the store and domain come later.
    import atmp_desktop.services  # noqa: F401 - imports the store and the domain too
    from atmp_desktop.paths import resource_path
    from atmp_desktop.settings import resolve_db_path

    path = resolve_db_path(db)
    # An existing file is opened (and migrated, if it must be) now; a refusal is shown once Qt is up.
    opened: Any = None
    if path.exists():
        from atmp_desktop.storage import Store

        try:
            opened = Store.open(path)
        except Exception as exc:  # noqa: BLE001 - reported below, with a dialog
            opened = exc
    from atmp_desktop.preferences import Preferences

    prefs = Preferences.load().with_environment()
    today = _fixed_today()
    early: EnvironmentSignIn | None = None
    if opened is not None and not isinstance(opened, Exception):
        # Both go on on worker threads while Qt loads: checking the password, reading Today's rows.
        early = EnvironmentSignIn.start_if_wanted(opened)
        _read_today_early(opened, prefs, today, after=early.thread if early else None)

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    # Qt 6 scales for high-DPI screens by itself, and passes fractional factors (125 %, 150 %) through
    # unrounded by default (Qt.HighDpiScaleFactorRoundingPolicy.PassThrough; a test checks it).
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("atmp-desktop")
    app.setDesktopFileName("atmp-desktop")
    icon = resource_path("icons", "atmp-desktop.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))

    from atmp_desktop.ui import i18n

    i18n.install(prefs.language)
    say = inform or _dialog
    try:
        if isinstance(opened, Exception):
            raise opened
        return _open(app, path, prefs, say, sign_in, opened, early, today)
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user
        from atmp_desktop.errors import record_crash
        from atmp_desktop.services import REFUSALS

        if opened is not None and not isinstance(opened, Exception):
            opened.close()  # closing twice is harmless; leaving it open is not
        if isinstance(exc, REFUSALS):
            _refused(say, exc)
            return EXIT_REFUSED
        where = record_crash(exc)
        _stderr(f"unexpected error: {exc.__class__.__name__}: {exc} (details: {where})")
        from atmp_desktop.ui.errors import startup_failed

        say(*startup_failed(where))
        return EXIT_INTERNAL


def _read_today_early(store: Any, prefs: Any, today: date | None, after: threading.Thread | None = None) -> None:
    """Start reading what Today lists (the view the window opens on) on a worker thread.

    The Today view takes the rows if they answer its question (day, site) and
    the store has not changed since; otherwise it reads them as always.
    """
    try:
        from atmp_desktop.ui.today_data import read_today_early

        site = prefs.default_site
        if site and store.repos.sites.get(site) is None:
            site = None  # as the window does: an unknown default site means all sites
        read_today_early(store, today or date.today(), site or None, after)
    except Exception:  # noqa: BLE001 - only a head start; the view reads the rows itself
        log.debug("today's rows not read early", exc_info=True)


def _open(app: Any, path: Path, prefs: Any, say: Callable[[str, str], None],
          sign_in: Callable[[Any, Path], Any] | None, store: Any = None,
          early: "EnvironmentSignIn | None" = None, today: date | None = None) -> "Started | int":
    from PySide6.QtWidgets import QApplication

    from atmp_desktop.services import Services

    if store is None:
        from PySide6.QtCore import Qt

        # The first start: building the demo ward takes a moment; say so rather than look frozen.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from atmp_desktop.services.demo import ensure_database  # the demo generator: first start only

            store = ensure_database(path, today=today)
        finally:
            QApplication.restoreOverrideCursor()
    try:
        svc = Services(store)
        session = (early.session(svc) if early else _environment_session(svc)) or (sign_in or _ask_sign_in)(svc, path)
        if session is None:
            store.close()
            return EXIT_OK
        svc.session = session

        from atmp_desktop.ui.context import UiContext
        from atmp_desktop.ui.errors import ExceptionHook
        from atmp_desktop.ui.main_window import MainWindow

        ctx = UiContext(svc, lang=prefs.language, today=today)
        if prefs.default_site and svc.sites.exists(prefs.default_site):
            ctx.set_site(prefs.default_site)
        window = MainWindow(ctx, prefs, db_path=path)
        hook = ExceptionHook(lambda: QApplication.activeWindow() or window).install()
        _hooks(app, window)
        window.show()
        backup = StartupBackup(path)
        if not os.environ.get("ATMP_QUIT_AFTER_TODAY") and not os.environ.get("ATMP_SCREENSHOT_DIR"):
            backup.schedule(window, BACKUP_DELAY_MS)
        return Started(app, window, store, svc, backup, hook)
    except BaseException:
        store.close()
        raise


def close_application(started: Started) -> None:
    """After the event loop: let a running backup finish, then close the store."""
    started.backup.cancel()
    started.backup.wait()
    started.store.close()
    if started.hook is not None:
        started.hook.uninstall()


def _environment_session(svc: Any) -> Any:
    """Sign in from ``ATMP_USER``/``ATMP_PASSWORD`` when both are set (testing, screenshots, benchmarks)."""
    user, password = os.environ.get("ATMP_USER"), os.environ.get("ATMP_PASSWORD")
    if not (user and password):
        return None
    from atmp_desktop.services import AuthenticationError

    try:
        return svc.users.authenticate(user, password)
    except AuthenticationError:
        _stderr(f"ATMP_USER/ATMP_PASSWORD: sign-in as {user!r} refused; asking instead")
        return None


class EnvironmentSignIn:
    """``ATMP_USER``/``ATMP_PASSWORD`` checked on a worker thread while Qt starts.

    The user is read from the store at once, on the calling thread; checking
    the password is deliberately slow (scrypt, tens of milliseconds) and runs outside
    Python's global lock, so the worker does only that and it overlaps with
    loading Qt. Anything unusual (the user cannot be read) is left to the
    ordinary, synchronous path.
    """

    def __init__(self, check: Callable[[], Any], refusal: type[BaseException]):
        self._check = check
        self._refusal = refusal
        self._session: Any = None
        self._refused = False
        self.thread = threading.Thread(target=self._run, name="sign-in", daemon=True)

    @classmethod
    def start_if_wanted(cls, store: Any) -> "EnvironmentSignIn | None":
        user, password = os.environ.get("ATMP_USER"), os.environ.get("ATMP_PASSWORD")
        if not (user and password):
            return None
        from atmp_desktop.services import AuthenticationError, Services

        try:
            check = Services(store).users.prepare_authentication(user, password)
        except Exception:  # noqa: BLE001 - the synchronous path reads the user again and reports properly
            log.debug("early sign-in not possible", exc_info=True)
            return None
        early = cls(check, AuthenticationError)
        early.thread.start()
        return early

    def _run(self) -> None:
        try:
            self._session = self._check()
        except self._refusal:
            self._refused = True
        except Exception:  # noqa: BLE001 - the main thread signs in again and reports properly
            log.debug("early sign-in not possible", exc_info=True)

    def session(self, svc: Any) -> Any:
        """The session, once the worker is done (or from the synchronous path if it could not tell)."""
        self.thread.join()
        if self._session is not None:
            return self._session
        if self._refused:
            _stderr(f"ATMP_USER/ATMP_PASSWORD: sign-in as {os.environ.get('ATMP_USER')!r} refused; asking instead")
            return None
        return _environment_session(svc)


def _ask_sign_in(svc: Any, path: Path) -> Any:
    from atmp_desktop.preferences import ui_state
    from atmp_desktop.ui.signin import SignInDialog

    state = ui_state()
    dialog = SignInDialog(svc, str(state.value("signin/last_user", "") or ""), where=str(path))
    if not dialog.exec() or dialog.session is None:
        return None
    state.setValue("signin/last_user", dialog.session.username)
    return dialog.session


# ================================================================================ refusals


def _refused(say: Callable[[str, str], None], exc: BaseException) -> None:
    from atmp_desktop.ui.errors import refused_at_startup

    _stderr(str(exc))
    say(*refused_at_startup(exc))


def _dialog(title: str, text: str) -> None:
    from atmp_desktop.ui.errors import ERROR, present

    present(None, ERROR, title, text)


# ============================================================================ start-up backup


class StartupBackup:
    """The daily backup, made on a worker thread with its own connection (``backup_if_due``)."""

    def __init__(self, path: Path):
        self.path = path
        self.thread: threading.Thread | None = None
        self.result: Path | None = None
        self.error: BaseException | None = None

    def schedule(self, window: Any, delay_ms: int) -> None:
        """Start after *delay_ms*, unless the window closes first."""
        from PySide6.QtCore import QTimer

        self._timer = QTimer(window)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.start(window))
        self._timer.start(delay_ms)

    def cancel(self) -> None:
        """Do not start any more (a backup already running is left to finish)."""
        timer = getattr(self, "_timer", None)
        if timer is not None:
            try:
                timer.stop()
            except RuntimeError:  # the window, and its timer, are gone already
                pass

    def start(self, window: Any = None) -> None:
        if self.thread is not None:
            return
        from PySide6.QtCore import QObject, Signal

        class _Relay(QObject):
            done = Signal(str)

        relay = _Relay()
        if window is not None:
            relay.done.connect(lambda text: window.statusBar().showMessage(text, 10000))
        self._relay = relay  # kept alive until the thread reports
        self.thread = threading.Thread(target=self._run, args=(relay,), name="startup-backup", daemon=True)
        self.thread.start()

    def _run(self, relay: Any) -> None:
        from atmp_desktop.services import backup_if_due
        from atmp_desktop.storage import Store
        from atmp_desktop.ui.errors import backup_failed, backup_made

        try:
            with Store.open(self.path) as store:
                self.result = backup_if_due(store)
            if self.result is not None:
                relay.done.emit(backup_made(self.result.name))
        except Exception as exc:  # noqa: BLE001 - a failed backup is reported, never fatal
            self.error = exc
            from atmp_desktop.errors import record_crash

            where = record_crash(exc)
            relay.done.emit(backup_failed(exc, where))

    def wait(self, timeout: float = 60.0) -> None:
        if self.thread is not None:
            self.thread.join(timeout)


# ================================================================================ hooks


def _hooks(app: Any, window: Any) -> None:
    """The benchmark's and the screenshot script's environment hooks."""
    if os.environ.get("ATMP_QUIT_AFTER_TODAY"):
        import time

        today = window.view("today")

        def shown() -> None:
            sys.stdout.write(f"today_shown {time.time():.6f} events {today.model.event_count()}\n")
            sys.stdout.flush()
            app.exit(0)

        today.firstPainted.connect(shown)
    folder = os.environ.get("ATMP_SCREENSHOT_DIR")
    if folder:
        from atmp_desktop.ui.screenshot_tour import ScreenshotTour

        window._tour = ScreenshotTour(window, Path(folder))
        window._tour.start()


if __name__ == "__main__":
    raise SystemExit(main())
