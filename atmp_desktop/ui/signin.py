"""Signing in, and unlocking a window that locked itself after idle time.

One dialog does both. At start-up it asks for a user name and password; as
the lock screen it names the signed-in user and asks for their password again
(or another user's, which then takes over the window). The password is
checked by the services (scrypt hashes in the store); the dialog never
decides who may do what.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop import APP_NAME
from atmp_desktop.paths import resource_path
from atmp_desktop.services import AuthenticationError, Services, Session
from atmp_desktop.ui.findings import message_icon
from atmp_desktop.ui.i18n import role_name  # noqa: F401 - re-exported (the role in the UI language)


def _icon(name: str) -> QIcon:
    """An icon shipped in resources/icons (SVG: sharp at any screen scale)."""
    path = resource_path("icons", name)
    if path.exists():
        return QIcon(str(path))
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)


class SignInDialog(QDialog):
    """User name and password → :attr:`session` (the dialog is accepted only with a valid one).

    With *locked* (the session of the user who was signed in), it is the lock
    screen: it cannot be dismissed, only unlocked by a correct password.
    """

    def __init__(self, services: Services, username: str = "", parent: QWidget | None = None, *,
                 locked: Session | None = None, idle_minutes: int | None = None, where: str | None = None):
        super().__init__(parent)
        self.services = services
        self.locked = locked
        self.session: Session | None = None
        self.attempts = 0
        self.setObjectName("SignInDialog")
        self.setWindowTitle(self.tr("Locked") if locked else self.tr("Sign in — {0}").format(APP_NAME))
        self.setMinimumWidth(420)

        icon = QLabel()
        size = round(self.fontMetrics().height() * 3.2)
        icon.setPixmap(_icon("locked.svg" if locked else "atmp-desktop.svg").pixmap(size, size))
        heading = QLabel(self.tr("The window is locked") if locked else APP_NAME)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        if locked:
            why = (self.tr("Locked after {0} minutes without activity. ").format(idle_minutes)
                   if idle_minutes else "")
            intro = why + self.tr("{0} ({1}) was signed in. Enter the password to continue, or sign in as "
                                  "someone else.").format(locked.display_name, role_name(locked.role))
        else:
            intro = self.tr("Sign in with your user name and password.")
        explain = QLabel(intro)
        explain.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(heading)
        words.addWidget(explain)
        if where:
            db = QLabel(self.tr("Database: {0}").format(where))
            db.setWordWrap(True)
            db.setEnabled(False)  # greyed: context, not something to act on
            words.addWidget(db)
        top.addLayout(words, 1)

        self.username = QLineEdit(locked.username if locked else username)
        self.username.setObjectName("username")
        self.username.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)

        # A refusal is shown with a warning icon and words, not colour alone.
        self.error_box = QWidget()
        warn = QLabel()
        side = self.fontMetrics().height()
        warn.setPixmap(message_icon("warning").pixmap(side, side))
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        row = QHBoxLayout(self.error_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(warn, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.error, 1)
        self.error_box.setVisible(False)

        buttons = QDialogButtonBox()
        self.ok = QPushButton(self.tr("Unlock") if locked else self.tr("Sign in"))
        self.ok.setObjectName("signIn")
        self.ok.setDefault(True)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.clicked.connect(self.try_sign_in)
        if not locked:
            quit_button = buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
            quit_button.clicked.connect(self.reject)
        self.username.textChanged.connect(self._username_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.error_box)
        layout.addWidget(buttons)

        (self.password if self.username.text() else self.username).setFocus()

    def _username_changed(self, text: str) -> None:
        if self.locked:
            same = text.strip() == self.locked.username
            self.ok.setText(self.tr("Unlock") if same else self.tr("Sign in as {0}").format(text.strip() or "…"))

    def try_sign_in(self) -> bool:
        """Check the password; accept the dialog on success, say why not otherwise."""
        user = self.username.text().strip()
        if not user:
            self._refuse(self.tr("Enter your user name."))
            self.username.setFocus()
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            session = self.services.users.authenticate(user, self.password.text())
        except AuthenticationError:
            self.attempts += 1
            self._refuse(self.tr("Unknown user or wrong password. Check both and try again."))
            self.password.clear()
            self.password.setFocus()
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.session = session
        self.password.clear()
        self.accept()
        return True

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error_box.setVisible(True)

    # The lock screen cannot be dismissed: only a correct password closes it.
    def reject(self) -> None:
        if not self.locked:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        if self.locked and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
        else:
            super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if self.locked and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)


class Curtain(QWidget):
    """An opaque cover over another window's contents while the application is locked."""

    def __init__(self, target: QWidget):
        super().__init__(target)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        label = QLabel(self.tr("Locked"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        target.installEventFilter(self)
        self.setGeometry(target.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if event.type() == QEvent.Type.Resize and watched is self.parent():
            self.setGeometry(watched.rect())
            self.raise_()
        return False
