"""The main window's lock and sign-in: idle lock, Ctrl+L, sign out, and who is let in again.

:class:`WindowLock` is the part of :class:`~atmp_desktop.ui.main_window.MainWindow`
that hides every patient's data behind the sign-in dialog (other open
windows are covered, not closed) and hands the window to the same user again,
or rebuilt to another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from atmp_desktop.services import Session
    from atmp_desktop.ui.signin import SignInDialog


class WindowLock:
    """Locking and signing in (a part of ``MainWindow``; ``self`` is the window)."""

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
