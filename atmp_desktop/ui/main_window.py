"""The main window: navigation, patient search, site selector, shortcuts, idle lock, settings.

Views are created when first shown (their modules are imported then too), so
start-up only pays for Today. A language switch rebuilds the window's texts
and every view. The window knows nothing about SQL or rules: it calls the
services through the shared :class:`~atmp_desktop.ui.context.UiContext`.

Its pieces, one file each: the views' list and titles
(:mod:`atmp_desktop.ui.window_views`), the menus and the commands that open
dialogs (:mod:`atmp_desktop.ui.window_menus`), the lock and sign-in
(:mod:`atmp_desktop.ui.window_lock`), the patient search
(:mod:`atmp_desktop.ui.patient_search`) and the idle lock's watch
(:mod:`atmp_desktop.ui.idle_watch`), all on the start-up path; the
screenshot tour (:mod:`atmp_desktop.ui.screenshot_tour`), which is not. This
file keeps what the window shows and when: navigation, the toolbar and status
bar, showing a view or pathway, live updates from other clients
(``window.live``), unsaved edits, language and window state.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
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
    QWidget,
)

from atmp_desktop import APP_NAME, __version__
from atmp_desktop.preferences import Preferences, ui_state
from atmp_desktop.services import Permission
from atmp_desktop.ui import i18n
from atmp_desktop.ui.cells import USER_ROLE
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import reporting, show_error, show_unexpected
from atmp_desktop.ui.i18n import role_name
from atmp_desktop.ui.idle_watch import IdleWatcher
from atmp_desktop.ui.patient_search import PatientSearch
from atmp_desktop.ui.window_lock import WindowLock
from atmp_desktop.ui.window_menus import WindowCommands, build_menus
from atmp_desktop.ui.window_views import VIEW_KEYS, VIEWS, ViewPlaceholder, view_titles
from atmp_desktop.ui.window_views import has_unsaved_changes as _has_unsaved_changes

if TYPE_CHECKING:
    # The sign-in dialog is imported when the window locks or signs out: not needed to open it.
    from atmp_desktop.ui.signin import Curtain, SignInDialog

log = logging.getLogger(__name__)

__all__ = ("MainWindow", "VIEWS", "VIEW_KEYS", "ViewPlaceholder", "view_titles")


class MainWindow(WindowCommands, WindowLock, QMainWindow):
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

        build_menus(self)

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

