"""The main window: navigation, patient search, site selector, shortcuts, idle lock, settings.

Views are created when first shown (their modules are imported then too), so
start-up only pays for Today. A language switch rebuilds the window's texts
and every view. The window knows nothing about SQL or rules: it calls the
services through the shared :class:`~atmp_desktop.ui.context.UiContext`.

Its pieces: the patient search (:mod:`atmp_desktop.ui.patient_search`) and
the idle lock's watch (:mod:`atmp_desktop.ui.idle_watch`), both on the
start-up path; the screenshot tour (:mod:`atmp_desktop.ui.screenshot_tour`),
which is not.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QStatusBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop import APP_NAME, __version__
from atmp_desktop.preferences import Preferences, ui_state
from atmp_desktop.services import Permission, Session
from atmp_desktop.ui import i18n
from atmp_desktop.ui.cells import USER_ROLE
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import reporting, show_error, show_unexpected
from atmp_desktop.ui.i18n import role_name
from atmp_desktop.ui.idle_watch import IdleWatcher
from atmp_desktop.ui.patient_search import PatientSearch

if TYPE_CHECKING:
    # The sign-in dialog is imported when the window locks or signs out: not needed to open it.
    from atmp_desktop.ui.signin import Curtain, SignInDialog

log = logging.getLogger(__name__)

#: The views, in navigation order: (key, module, class). The names are the shared contract.
VIEWS: tuple[tuple[str, str, str], ...] = (
    ("today", "atmp_desktop.ui.today_view", "TodayView"),
    ("patients", "atmp_desktop.ui.patients_view", "PatientsView"),
    ("pathway", "atmp_desktop.ui.pathway_view", "PathwayView"),
    ("calendar", "atmp_desktop.ui.calendar_view", "CalendarView"),
    ("celllab", "atmp_desktop.ui.celllab_view", "CellLabView"),
    ("products", "atmp_desktop.ui.products_view", "ProductsView"),
    ("audit", "atmp_desktop.ui.audit_view", "AuditView"),
)
VIEW_KEYS = tuple(key for key, _, _ in VIEWS)


def view_titles() -> dict[str, str]:
    """The navigation labels in the UI language."""
    return {
        "today": QCoreApplication.translate("MainWindow", "Today"),
        "patients": QCoreApplication.translate("MainWindow", "Patients"),
        "pathway": QCoreApplication.translate("MainWindow", "Pathway"),
        "calendar": QCoreApplication.translate("MainWindow", "Calendar"),
        "celllab": QCoreApplication.translate("MainWindow", "Cell lab"),
        "products": QCoreApplication.translate("MainWindow", "Products"),
        "audit": QCoreApplication.translate("MainWindow", "Audit"),
    }


class ViewPlaceholder(QWidget):
    """Stands in for a view whose module is not part of this build (yet), or failed to open."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        body = QLabel(text)
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(1)

    def refresh(self) -> None:
        pass


class MainWindow(QMainWindow):
    """The application window for one signed-in user."""

    locked = Signal()
    unlocked = Signal()
    #: The signed-in user changed (sign in as someone else at the lock screen, or sign out and in).
    userChanged = Signal()
    viewChanged = Signal(str)

    def __init__(self, ctx: UiContext, prefs: Preferences | None = None, *, db_path: Path | str | None = None,
                 state: QSettings | None = None,
                 save_preferences: Callable[[Preferences], None] | None = None):
        super().__init__()
        self.ctx = ctx
        self.prefs = prefs or Preferences()
        from atmp_desktop.settings import DbUrl

        target = db_path if db_path else ctx.services.store.target
        self.db_path = target if isinstance(target, DbUrl) else Path(target)
        self.state = state if state is not None else ui_state()
        self._save_preferences = save_preferences or (lambda p: p.save())
        self._views: dict[str, QWidget] = {}
        self._current_key = "today"
        self._current_pathway: int | None = None
        self._last_patient: int | None = None
        self._curtains: list[Curtain] = []
        self.gate: SignInDialog | None = None
        self.is_locked = False

        self.setObjectName("MainWindow")
        self.setWindowTitle(f"{APP_NAME} {__version__}")
        self.setMinimumSize(760, 500)
        self.idle = IdleWatcher(self.prefs.idle_lock_minutes * 60_000, self)
        self.idle.idle.connect(self._on_idle)
        from atmp_desktop.ui.live_updates import LiveUpdates

        self.live = LiveUpdates(ctx.services.store, self)  # another client's saves, on a shared store
        self.live.changed.connect(self._changed_elsewhere)
        ctx.siteChanged.connect(self._site_changed)

        self._build()
        self._restore_state()

    # =============================================================================== building

    def _build(self) -> None:
        """Create menus, toolbar, navigation and status bar (again after a language switch)."""
        titles = view_titles()
        for old in self.actions():  # a rebuild must not leave two actions on one shortcut
            self.removeAction(old)
            old.deleteLater()
        self.menuBar().clear()
        for bar in self.findChildren(QToolBar):
            self.removeToolBar(bar)
            bar.deleteLater()

        def action(text: str, slot: Callable[[], Any], shortcut: Any = None, name: str = "") -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                # A standard key gets every binding the platform has for it. (setShortcuts, not
                # setShortcut: resolving the latter's overloads makes PySide build the Qt namespace.)
                a.setShortcuts(shortcut if isinstance(shortcut, QKeySequence.StandardKey) else [QKeySequence(shortcut)])
            if name:
                a.setObjectName(name)
            a.triggered.connect(lambda _checked=False: slot())
            self.addAction(a)
            return a

        self.view_actions: dict[str, QAction] = {}
        for n, key in enumerate(VIEW_KEYS, start=1):
            self.view_actions[key] = action(titles[key], lambda k=key: self.show_view(k), f"Ctrl+{n}", f"view_{key}")
        self.act_find = action(self.tr("Find patient"), self.focus_search, QKeySequence.StandardKey.Find, "find")
        self.act_new = action(self.tr("New pathway…"), self.new_pathway, QKeySequence.StandardKey.New, "newPathway")
        self.act_print = action(self.tr("Print checklist…"), self.print_checklist, QKeySequence.StandardKey.Print,
                                "printChecklist")
        self.act_print_day = action(self.tr("Print tomorrow's checklists…"), self.print_tomorrow, None, "printDay")
        self.act_refresh = action(self.tr("Refresh"), self.refresh, "F5", "refresh")  # F5 on every platform
        self.act_lock = action(self.tr("Lock"), self.lock, "Ctrl+L", "lock")
        self.act_settings = action(self.tr("Settings…"), self.open_settings, "Ctrl+,", "settings")
        self.act_sign_out = action(self.tr("Sign out"), self.sign_out, None, "signOut")
        self.act_quit = action(self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit, "quit")
        self.act_shortcuts = action(self.tr("Keyboard shortcuts"), self.show_shortcuts, "F1", "shortcuts")
        self.act_about = action(self.tr("About {0}").format(APP_NAME), self.show_about, None, "about")

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for a in (self.act_new, self.act_print, self.act_print_day, None, self.act_settings, None, self.act_lock,
                  self.act_sign_out, None, self.act_quit):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        from atmp_desktop.ui.export_actions import add_menu as add_interop_menu  # issue 14

        file_menu.insertMenu(self.act_settings, add_interop_menu(self, file_menu))
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for key in VIEW_KEYS:
            view_menu.addAction(self.view_actions[key])
        view_menu.addSeparator()
        view_menu.addAction(self.act_find)
        view_menu.addAction(self.act_refresh)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.act_shortcuts)
        help_menu.addAction(self.act_about)

        # -- toolbar: search, site, user ----------------------------------------------------------
        bar = QToolBar(self.tr("Main"))
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.search = PatientSearch(self.ctx, bar)
        self.search.patientChosen.connect(self.open_patient)
        self.search.searchSubmitted.connect(self._search_submitted)
        bar.addWidget(self.search)
        bar.addSeparator()
        site_label = QLabel(self.tr("Site") + " ")
        bar.addWidget(site_label)
        self.site_box = QComboBox(bar)
        self.site_box.setObjectName("siteSelector")
        self.site_box.addItem(self.tr("All sites"), None)
        for site in self.ctx.services.sites.list():
            self.site_box.addItem(site.name, site.id)
        self.site_box.setCurrentIndex(max(0, self.site_box.findData(self.ctx.site)))
        self.site_box.currentIndexChanged.connect(lambda: self.ctx.set_site(self.site_box.currentData()))
        bar.addWidget(self.site_box)
        bar.addSeparator()
        bar.addAction(self.act_new)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.user_label = QLabel(bar)
        self.user_label.setObjectName("userLabel")
        bar.addWidget(self.user_label)
        bar.addAction(self.act_lock)
        self.addToolBar(bar)  # at the top
        self.toolbar = bar

        # -- navigation and the views ---------------------------------------------------------------
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Views"))
        font = self.nav.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.nav.setFont(font)
        self.nav.setSpacing(2)
        for n, key in enumerate(VIEW_KEYS, start=1):
            item = QListWidgetItem(titles[key])
            item.setData(USER_ROLE, key)
            item.setToolTip(f"{titles[key]} (Ctrl+{n})")
            item.setSizeHint(item.sizeHint().expandedTo(self.nav.fontMetrics().size(0, "X") * 2.2))
            self.nav.addItem(item)
        width = max(self.nav.fontMetrics().horizontalAdvance(t) for t in titles.values()) + 48
        self.nav.setFixedWidth(max(150, width))
        self.nav.currentRowChanged.connect(self._nav_changed)

        self.stack = QStackedWidget()
        self.stack.setObjectName("views")
        self.lock_page = ViewPlaceholder(self.tr("Locked"), self.tr("The window is locked. Enter your password to "
                                                                     "continue."))
        self.stack.addWidget(self.lock_page)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(6, 6, 6, 6)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # -- status bar --------------------------------------------------------------------------------
        status = QStatusBar()
        self.setStatusBar(status)
        self.db_label = QLabel(self.tr("Database: {0}").format(self.db_path.name))
        self.db_label.setToolTip(str(self.db_path))
        self.status_user = QLabel()
        self.status_user.setObjectName("statusUser")
        status.addPermanentWidget(self.db_label)
        status.addPermanentWidget(self.status_user)
        self._update_user()

    def _update_user(self) -> None:
        session = self.ctx.services.session
        if session is None:
            text = self.tr("Not signed in")
        else:
            text = self.tr("Signed in: {0} · {1}").format(session.display_name, role_name(session.role))
        self.user_label.setText(text + "  ")
        self.status_user.setText(text)
        can_plan = bool(session and session.can(Permission.PLAN))
        self.act_new.setEnabled(can_plan)
        self.act_new.setToolTip(self.tr("Plan a new pathway (Ctrl+N)") if can_plan
                                else self.tr("Only a coordinator may plan pathways."))

    # ================================================================================= views

    def view(self, key: str) -> QWidget:
        """The view for *key*, created (and its module imported) on first use."""
        if key in self._views:
            return self._views[key]
        _, module_name, class_name = next(v for v in VIEWS if v[0] == key)
        title = view_titles()[key]
        try:
            module = importlib.import_module(module_name)
            cls = getattr(module, class_name)
            widget = cls(self.ctx, self.stack)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            widget = ViewPlaceholder(title, self.tr("Loading… This view is not part of this build yet."))
        except Exception as exc:  # noqa: BLE001 - a broken view must not take the window down
            where = show_unexpected(self, exc)
            widget = ViewPlaceholder(title, self.tr("This view could not be opened. Details were written to "
                                                    "{0}").format(where))
        open_signal = getattr(widget, "openPathway", None)
        if open_signal is not None:
            open_signal.connect(self.show_pathway)
        widget.setObjectName(f"view_{key}")
        self.stack.addWidget(widget)
        self._views[key] = widget
        return widget

    def has_view(self, key: str) -> bool:
        return key in self._views

    def current_key(self) -> str:
        return self._current_key

    def show_view(self, key: str, refresh: bool = True) -> QWidget:
        """Show the view *key* (reloading it from the store when it already existed)."""
        if self.is_locked:
            return self.stack.currentWidget()
        existed = key in self._views
        widget = self.view(key)
        if existed and refresh:
            with reporting(self):
                widget.refresh()
        self._current_key = key
        self.stack.setCurrentWidget(widget)
        row = VIEW_KEYS.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        self.viewChanged.emit(key)
        return widget

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(VIEW_KEYS):
            self.show_view(VIEW_KEYS[row])

    def show_pathway(self, pathway_id: int) -> None:
        """Open one pathway in the Pathway view."""
        widget = self.view("pathway")
        shower = getattr(widget, "show_pathway", None)
        if shower is None:
            show_error(self, self.tr("The Pathway view is not available in this build."))
            return
        with reporting(self):
            if shower(int(pathway_id)) is not False:
                self._current_pathway = int(pathway_id)
            self.show_view("pathway", refresh=False)

    def open_patient(self, patient_id: int, label: str = "") -> None:
        """A patient chosen in the search: their newest pathway, or the Patients list for them."""
        self._last_patient = patient_id
        with reporting(self):
            rows = self.ctx.services.pathways.rows(patient_id=patient_id)
            if rows and "pathway" in VIEW_KEYS and self._pathway_view_available():
                self.show_pathway(max(rows, key=lambda r: r.id).id)
                return
            patients = self.show_view("patients", refresh=False)
            if hasattr(patients, "filter_to_patient"):
                patients.filter_to_patient(patient_id, label)
            if not rows:
                self.statusBar().showMessage(
                    self.tr("{0} has no pathway yet. New pathway… (Ctrl+N) plans one.").format(label), 8000)

    def _pathway_view_available(self) -> bool:
        return hasattr(self.view("pathway"), "show_pathway")

    def _search_submitted(self, text: str, found: int) -> None:
        patients = self.show_view("patients")
        if hasattr(patients, "search"):
            patients.filter_to_patient(None)
            patients.search.setText(text)
        if not found:
            self.statusBar().showMessage(self.tr("No patient matches “{0}”.").format(text), 6000)

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        """F5: forget cached sites and profiles, reload the current view (asking first about its unsaved edits)."""
        if not self.confirm_unsaved([self._current_key]):
            return
        with reporting(self):
            self.ctx.services.refresh()
            widget = self._views.get(self._current_key)
            if widget is not None:
                widget.refresh()

    def _changed_elsewhere(self) -> None:
        """Another client saved: reload the view now, unless it holds unsaved edits (those are kept)."""
        widget = self._views.get(self._current_key)
        if self.is_locked or widget is None:
            return
        if _has_unsaved_changes(widget):
            self.statusBar().showMessage(
                self.tr("Someone else saved changes; press F5 to reload when your edits are saved."), 10000)
            return
        with reporting(self):
            self.ctx.services.refresh()
            widget.refresh()

    def _site_changed(self) -> None:
        if self.site_box.currentData() != self.ctx.site:
            self.site_box.blockSignals(True)
            self.site_box.setCurrentIndex(max(0, self.site_box.findData(self.ctx.site)))
            self.site_box.blockSignals(False)

    # ============================================================================== actions

    def selected_pathway(self) -> int | None:
        """The pathway the user is looking at: the Pathway view's, or the one selected in a list."""
        widget = self._views.get(self._current_key)
        if self._current_key != "pathway" and widget is not None:
            picked = getattr(widget, "selected_pathway", None)
            if callable(picked) and picked() is not None:
                return picked()
        if self._current_key == "pathway":
            return self.shown_pathway()
        return None

    def shown_pathway(self) -> int | None:
        """The pathway loaded in the Pathway view (it may have moved on by itself, e.g. after New pathway)."""
        stored = getattr(self._views.get("pathway"), "stored", None)
        if isinstance(getattr(stored, "id", None), int):
            return stored.id
        return self._current_pathway

    def selected_patient(self) -> int | None:
        widget = self._views.get(self._current_key)
        picked = getattr(widget, "selected_patient", None)
        if callable(picked) and picked() is not None:
            return picked()
        return self._last_patient

    def new_pathway(self) -> None:
        session = self.ctx.services.session
        if not (session and session.can(Permission.PLAN)):
            show_error(self, self.tr("Only a coordinator may plan pathways."))
            return
        try:
            from atmp_desktop.ui.create_pathway import CreatePathwayDialog
        except ImportError:
            show_error(self, self.tr("Planning a new pathway is not available in this build."))
            return
        with reporting(self):
            dialog = CreatePathwayDialog(self.ctx, self.selected_patient(), self)
            if dialog.exec() and getattr(dialog, "created_pathway_id", None):
                self.ctx.notify_changed()
                self.show_pathway(int(dialog.created_pathway_id))

    def print_checklist(self) -> None:
        pid = self.selected_pathway()
        if pid is None:
            show_error(self, self.tr("Select a pathway first (in Today, Patients or the Pathway view)."))
            return
        try:
            from atmp_desktop.ui.checklists import open_checklist
        except ImportError:
            show_error(self, self.tr("Printing checklists is not available in this build."))
            return
        with reporting(self):
            open_checklist(self.ctx, pid, None, self)

    def print_tomorrow(self) -> None:
        from datetime import timedelta

        try:
            from atmp_desktop.ui.checklists import print_day
        except ImportError:
            show_error(self, self.tr("Printing checklists is not available in this build."))
            return
        with reporting(self):
            print_day(self.ctx, self.ctx.today() + timedelta(days=1), self.ctx.site, self)

    def open_settings(self) -> None:
        from atmp_desktop.errors import log_dir
        from atmp_desktop.ui.settings_dialog import SettingsDialog

        sites = [(s.id, s.name) for s in self.ctx.services.sites.list()]
        dialog = SettingsDialog(self.prefs, sites, self, database=str(self.db_path), log_folder=str(log_dir()))
        dialog.accepted.connect(lambda: self.apply_preferences(dialog.preferences()))
        dialog.open()
        self._settings_dialog = dialog

    def apply_preferences(self, prefs: Preferences) -> None:
        """Use and save *prefs*: a new language rebuilds every view; a new idle time restarts the timer."""
        old = self.prefs
        if prefs.language != old.language and not self.confirm_unsaved():
            # Cancel keeps the unsaved edits, so the language stays; the other settings still apply.
            prefs = replace(prefs, language=old.language)
            self.statusBar().showMessage(self.tr("The language was not changed: there are unsaved changes."), 8000)
        self.prefs = prefs
        try:
            self._save_preferences(prefs)
        except OSError as exc:
            show_error(self, self.tr("The settings could not be saved: {0}").format(exc))
        self.idle.set_timeout(prefs.idle_lock_minutes * 60_000)
        if prefs.default_site != old.default_site:
            self.ctx.set_site(prefs.default_site)
        if prefs.language != old.language:
            self.set_language(prefs.language)

    def set_language(self, lang: str) -> bool:
        """Switch the UI language now: Qt's translators, the domain messages, every view.

        Rebuilding the views would lose unsaved edits, so those are asked about
        first; False when the user cancelled (nothing changed).
        """
        if lang != self.ctx.lang and not self.confirm_unsaved():
            return False
        i18n.install(lang)
        self.ctx.lang = lang
        self.prefs = replace(self.prefs, language=lang)
        self.rebuild()
        return True

    def confirm_unsaved(self, keys: Any = None) -> bool:
        """Before unsaved edits in the views *keys* (all views by default) would be lost: ask, view by view.

        A view with its own guard (``confirm_discard()``: Save… / Discard / Cancel,
        as the Pathway view has) is shown and asked; any other view with
        unsaved edits gets a Discard / Cancel question. True when the caller may
        go ahead, False when the user cancelled.
        """
        for key in list(self._views if keys is None else keys):
            widget = self._views.get(key)
            if widget is None or not _has_unsaved_changes(widget):
                continue
            guard = getattr(widget, "confirm_discard", None)
            if not self.is_locked:
                self.show_view(key, refresh=False)  # the user sees what they are asked about
            if callable(guard):
                if not guard():
                    return False
                continue
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"),
                self.tr("There are unsaved changes in: {0}. Discard them?").format(view_titles()[key]),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return False
        return True

    def rebuild(self) -> None:
        """Throw away every view and build the window again (language switch, another user)."""
        key, pathway = self._current_key, self.shown_pathway()
        for widget in self._views.values():
            self.stack.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._views.clear()
        self._build()
        if key == "pathway" and pathway is not None:
            self.show_pathway(pathway)
        else:
            self.show_view(key, refresh=False)

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        titles = view_titles()
        lines = [f"Ctrl+{n}\t{titles[k]}" for n, k in enumerate(VIEW_KEYS, start=1)]
        lines += [
            "Ctrl+F\t" + self.tr("Find patient"),
            "Ctrl+N\t" + self.tr("New pathway…"),
            "Ctrl+P\t" + self.tr("Print checklist…"),
            "F5\t" + self.tr("Refresh"),
            "Ctrl+L\t" + self.tr("Lock"),
            "Ctrl+,\t" + self.tr("Settings…"),
        ]
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Keyboard shortcuts"), "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    def show_about(self) -> None:
        from atmp_desktop.ui.about_dialog import AboutDialog  # Help → About (issue 15)

        AboutDialog(self, database=str(self.db_path)).open()

    # ======================================================================== lock, sign-in

    def lock(self) -> None:
        """Hide all patient data and ask for the password again (idle time, Ctrl+L)."""
        session = self.ctx.services.session
        if self.is_locked or session is None:
            return
        from atmp_desktop.ui.signin import SignInDialog

        self._open_gate(SignInDialog(self.ctx.services, session.username, self, locked=session,
                                     idle_minutes=self.prefs.idle_lock_minutes if self.idle_fired else None,
                                     where=str(self.db_path)))

    idle_fired = False

    def _on_idle(self) -> None:
        self.idle_fired = True
        try:
            self.lock()
        finally:
            self.idle_fired = False

    def sign_out(self) -> None:
        """End the session: the data is hidden and the sign-in dialog asks who is next."""
        if self.is_locked or not self.confirm_unsaved():
            return
        username = self.ctx.services.session.username if self.ctx.services.session else ""
        self.ctx.services.sign_out()
        self._update_user()
        from atmp_desktop.ui.signin import SignInDialog

        self._open_gate(SignInDialog(self.ctx.services, username, self, where=str(self.db_path)))

    def _open_gate(self, dialog: SignInDialog) -> None:
        from atmp_desktop.ui.signin import Curtain

        self.is_locked = True
        self.search.clear()  # a half-typed name is patient data too
        self.search.completer_.popup().hide()
        self.idle.pause()
        self.stack.setCurrentWidget(self.lock_page)
        self.nav.setEnabled(False)
        self.toolbar.setEnabled(False)
        self.menuBar().setEnabled(False)
        for action in self.actions():
            action.setEnabled(False)
        # Other windows (dialogs, previews) stay open, covered, so nobody's work is lost.
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget is not dialog and widget.isVisible() and widget.isWindow() \
                    and not widget.inherits("QMenu") and not isinstance(widget, Curtain):
                self._curtains.append(Curtain(widget))
        from PySide6.QtCore import Qt

        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(lambda: self._gate_passed(dialog.session))
        dialog.rejected.connect(self.close)
        self.gate = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.locked.emit()

    def _gate_passed(self, session: Session | None) -> None:
        if session is None:
            return
        svc = self.ctx.services
        previous = svc.session
        same = previous is not None and previous.username == session.username
        svc.session = session
        self.is_locked = False
        self.gate = None
        for curtain in self._curtains:
            target = curtain.parentWidget()
            curtain.deleteLater()
            # Another user takes over: the previous user's open dialogs are closed, not handed over.
            if not same and target is not None:
                target.close()
        self._curtains.clear()
        self.nav.setEnabled(True)
        self.toolbar.setEnabled(True)
        self.menuBar().setEnabled(True)
        for action in self.actions():
            action.setEnabled(True)
        self._update_user()
        if same:
            self.stack.setCurrentWidget(self._views.get(self._current_key) or self.view(self._current_key))
        else:
            svc.refresh()
            self.rebuild()
            self.userChanged.emit()
        self.idle.resume()
        self.unlocked.emit()

    # ========================================================================= state

    def _restore_state(self) -> None:
        geometry = self.state.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        window_state = self.state.value("window/state")
        if isinstance(window_state, QByteArray) and not window_state.isEmpty():
            self.restoreState(window_state)
        last = self.state.value("window/last_view", "today")
        last_pathway = self.state.value("window/last_pathway")
        key = last if last in VIEW_KEYS else "today"
        if key == "pathway" and not self._reopen_pathway(last_pathway):
            key = "today"
        if key != "pathway":
            self.show_view(key, refresh=False)

    def _reopen_pathway(self, pathway_id: Any) -> bool:
        """Show the pathway open at the last session's end, quietly giving up if it is gone."""
        try:
            pid = int(pathway_id)
            self.ctx.services.pathways.get(pid)
        except Exception:  # noqa: BLE001 - no id, or deleted since: start on Today instead
            return False
        if not self._pathway_view_available():
            return False
        self.show_pathway(pid)
        return True

    def save_state(self) -> None:
        self.state.setValue("window/geometry", self.saveGeometry())
        self.state.setValue("window/state", self.saveState())
        self.state.setValue("window/last_view", self._current_key)
        if self.shown_pathway() is not None:
            self.state.setValue("window/last_pathway", self.shown_pathway())
        self.state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        if not self.is_locked and not self.confirm_unsaved():
            event.ignore()
            return
        try:
            self.save_state()
        except Exception:  # noqa: BLE001 - never block closing on window-state bookkeeping
            log.warning("window state not saved", exc_info=True)
        self.idle.stop()
        self.live.stop()
        if self.gate is not None:
            self.gate.locked = None  # let the gate close with the window
            self.gate.close()
        super().closeEvent(event)


def _has_unsaved_changes(view: QWidget) -> bool:
    """A view's own word on unsaved edits (``dirty``, as the Pathway view has it, or ``has_unsaved_changes()``)."""
    probe = getattr(view, "has_unsaved_changes", None)
    if callable(probe):
        return bool(probe())
    return getattr(view, "dirty", False) is True
