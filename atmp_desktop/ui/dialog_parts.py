"""Pieces the pathway dialogs share: the one-line message bar, a bold heading, the permission check.

Each dialog does one service call when the user confirms; a refusal (wrong
role, a stale version, bad input) is shown inside the dialog in one line (the
:class:`MessageBar`) and the dialog stays open with what was typed, so nothing
is lost. On success the dialog keeps the result (``saved``,
``created_patient``) and closes with ``accept()``; the caller reloads and
calls ``ctx.notify_changed()``.

Dialogs are opened with ``open()`` by the views (never a nested event loop),
so tests can drive them like a user.
"""

from __future__ import annotations

from typing import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from atmp_desktop.services import Permission
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.findings import message_icon


class MessageBar(QFrame):
    """One line of feedback with an icon and a word (never colour alone), and optional action buttons."""

    LEVELS = ("error", "warning", "info", "success")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons: list[QPushButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.icon)
        self._layout.addWidget(self.text, 1)
        close = QPushButton(self.tr("Dismiss"))
        close.setFlat(True)
        close.clicked.connect(self.clear)
        self._layout.addWidget(close)
        self.level: str | None = None
        self.hide()

    def show_message(self, level: str, text: str, actions: Sequence[tuple[str, Callable[[], None]]] = ()) -> None:
        self.level = level
        word = {
            "error": self.tr("Not done"),
            "warning": self.tr("Warning"),
            "info": self.tr("Note"),
            "success": self.tr("Done"),
        }[level]
        self.icon.setPixmap(message_icon(level).pixmap(20, 20))
        self.text.setText(f"<b>{word}:</b> {_escape(text)}")
        for b in self._buttons:
            self._layout.removeWidget(b)
            b.deleteLater()
        self._buttons = []
        for i, (label, callback) in enumerate(actions):
            b = QPushButton(label)
            b.clicked.connect(callback)
            self._layout.insertWidget(2 + i, b)
            self._buttons.append(b)
        self.show()

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def clear(self) -> None:
        self.level = None
        self.text.setText("")
        self.hide()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def can(ctx: UiContext, *perms: Permission) -> bool:
    session = ctx.services.session
    return bool(session is not None and session.can(*perms))


def heading(text: str) -> QLabel:
    label = QLabel(text)
    f = QFont(label.font())
    f.setBold(True)
    label.setFont(f)
    return label
