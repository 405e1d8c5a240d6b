"""The main window's menus, their actions and shortcuts, and the commands behind them that open dialogs.

:func:`build_menus` makes the window's actions (``window.act_*``,
``window.view_actions``) and its File, View and Help menus (again after a
language switch); :class:`WindowCommands` is the part of
:class:`~atmp_desktop.ui.main_window.MainWindow` those commands live in
(new pathway, printing, settings, shortcuts, About). Texts are translated in
the ``MainWindow`` context, as before they moved here.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from atmp_desktop import APP_NAME
from atmp_desktop.services import Permission
from atmp_desktop.ui.errors import reporting, show_error
from atmp_desktop.ui.window_views import VIEW_KEYS, view_titles


def build_menus(window: Any) -> None:
    """The window's actions and menus (the old ones are removed by the caller first)."""
    titles = view_titles()

    def action(text: str, slot: Callable[[], Any], shortcut: Any = None, name: str = "") -> QAction:
        a = QAction(text, window)
        if shortcut is not None:
            # A standard key gets every binding the platform has for it. (setShortcuts, not
            # setShortcut: resolving the latter's overloads makes PySide build the Qt namespace.)
            a.setShortcuts(shortcut if isinstance(shortcut, QKeySequence.StandardKey) else [QKeySequence(shortcut)])
        if name:
            a.setObjectName(name)
        a.triggered.connect(lambda _checked=False: slot())
        window.addAction(a)
        return a

    window.view_actions: dict[str, QAction] = {}
    for n, key in enumerate(VIEW_KEYS, start=1):
        window.view_actions[key] = action(titles[key], lambda k=key: window.show_view(k), f"Ctrl+{n}", f"view_{key}")
    # (QCoreApplication.translate spelled out: lupdate finds the texts under the context they always had)
    translate = QCoreApplication.translate
    window.act_find = action(translate("MainWindow", "Find patient"), window.focus_search,
                             QKeySequence.StandardKey.Find, "find")
    window.act_new = action(translate("MainWindow", "New pathway…"), window.new_pathway,
                            QKeySequence.StandardKey.New, "newPathway")
    window.act_print = action(translate("MainWindow", "Print checklist…"), window.print_checklist,
                              QKeySequence.StandardKey.Print, "printChecklist")
    window.act_print_day = action(translate("MainWindow", "Print tomorrow's checklists…"), window.print_tomorrow,
                                  None, "printDay")
    # F5 on every platform
    window.act_refresh = action(translate("MainWindow", "Refresh"), window.refresh, "F5", "refresh")
    window.act_lock = action(translate("MainWindow", "Lock"), window.lock, "Ctrl+L", "lock")
    window.act_settings = action(translate("MainWindow", "Settings…"), window.open_settings, "Ctrl+,", "settings")
    window.act_sign_out = action(translate("MainWindow", "Sign out"), window.sign_out, None, "signOut")
    window.act_quit = action(translate("MainWindow", "Quit"), window.close, QKeySequence.StandardKey.Quit, "quit")
    window.act_shortcuts = action(translate("MainWindow", "Keyboard shortcuts"), window.show_shortcuts, "F1",
                                  "shortcuts")
    window.act_about = action(translate("MainWindow", "About {0}").format(APP_NAME), window.show_about, None, "about")

    file_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&File"))
    for a in (window.act_new, window.act_print, window.act_print_day, None, window.act_settings, None, window.act_lock,
              window.act_sign_out, None, window.act_quit):
        file_menu.addSeparator() if a is None else file_menu.addAction(a)
    from atmp_desktop.ui.export_actions import add_menu as add_interop_menu  # issue 14

    file_menu.insertMenu(window.act_settings, add_interop_menu(window, file_menu))
    view_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
    for key in VIEW_KEYS:
        view_menu.addAction(window.view_actions[key])
    view_menu.addSeparator()
    view_menu.addAction(window.act_find)
    view_menu.addAction(window.act_refresh)
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(window.act_shortcuts)
    help_menu.addAction(window.act_about)


class WindowCommands:
    """The main window's commands that open a dialog (a part of ``MainWindow``; ``self`` is the window)."""

    def new_pathway(self) -> None:
        session = self.ctx.services.session
        if not (session and session.can(Permission.PLAN)):
            show_error(self, QCoreApplication.translate("MainWindow", "Only a coordinator may plan pathways."))
            return
        try:
            from atmp_desktop.ui.create_pathway import CreatePathwayDialog
        except ImportError:
            show_error(self, QCoreApplication.translate(
                "MainWindow", "Planning a new pathway is not available in this build."))
            return
        with reporting(self):
            dialog = CreatePathwayDialog(self.ctx, self.selected_patient(), self)
            if dialog.exec() and getattr(dialog, "created_pathway_id", None):
                self.ctx.notify_changed()
                self.show_pathway(int(dialog.created_pathway_id))

    def print_checklist(self) -> None:
        pid = self.selected_pathway()
        if pid is None:
            show_error(self, QCoreApplication.translate(
                "MainWindow", "Select a pathway first (in Today, Patients or the Pathway view)."))
            return
        try:
            from atmp_desktop.ui.checklists import open_checklist
        except ImportError:
            show_error(self, QCoreApplication.translate(
                "MainWindow", "Printing checklists is not available in this build."))
            return
        with reporting(self):
            open_checklist(self.ctx, pid, None, self)

    def print_tomorrow(self) -> None:
        from datetime import timedelta

        try:
            from atmp_desktop.ui.checklists import print_day
        except ImportError:
            show_error(self, QCoreApplication.translate(
                "MainWindow", "Printing checklists is not available in this build."))
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

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        titles = view_titles()
        lines = [f"Ctrl+{n}\t{titles[k]}" for n, k in enumerate(VIEW_KEYS, start=1)]
        lines += [
            "Ctrl+F\t" + QCoreApplication.translate("MainWindow", "Find patient"),
            "Ctrl+N\t" + QCoreApplication.translate("MainWindow", "New pathway…"),
            "Ctrl+P\t" + QCoreApplication.translate("MainWindow", "Print checklist…"),
            "F5\t" + QCoreApplication.translate("MainWindow", "Refresh"),
            "Ctrl+L\t" + QCoreApplication.translate("MainWindow", "Lock"),
            "Ctrl+,\t" + QCoreApplication.translate("MainWindow", "Settings…"),
        ]
        box = QMessageBox(QMessageBox.Icon.Information,
                          QCoreApplication.translate("MainWindow", "Keyboard shortcuts"), "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.open()

    def show_about(self) -> None:
        from atmp_desktop.ui.about_dialog import AboutDialog  # Help → About (issue 15)

        AboutDialog(self, database=str(self.db_path)).open()
