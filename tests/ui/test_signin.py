"""Signing in against the store's users, and the lock screen's dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from atmp_desktop.services import Services
from atmp_desktop.ui.signin import SignInDialog


@pytest.fixture
def anonymous(store) -> Services:
    return Services(store)


def open_dialog(qtbot, services, **kw) -> SignInDialog:
    dialog = SignInDialog(services, **kw)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_wrong_password_is_refused_and_says_so(anonymous, qtbot):
    dialog = open_dialog(qtbot, anonymous)
    qtbot.keyClicks(dialog.username, "coordinator")
    qtbot.keyClicks(dialog.password, "not-the-password")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.session is None and anonymous.session is None
    assert dialog.error_box.isVisible() and "wrong password" in dialog.error.text()
    assert dialog.password.text() == ""  # cleared for the next try
    assert dialog.attempts == 1


def test_unknown_user_is_refused_with_the_same_words(anonymous, qtbot):
    dialog = open_dialog(qtbot, anonymous)
    qtbot.keyClicks(dialog.username, "nobody")
    qtbot.keyClicks(dialog.password, "nobody-demo")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.session is None and "wrong password" in dialog.error.text()


def test_right_password_signs_in(anonymous, qtbot):
    dialog = open_dialog(qtbot, anonymous)
    qtbot.keyClicks(dialog.username, "pharmacist")
    qtbot.keyClicks(dialog.password, "pharmacist-demo")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.session is not None
    assert (dialog.session.username, dialog.session.role) == ("pharmacist", "pharmacist")


def test_empty_user_name_is_asked_for(anonymous, qtbot):
    dialog = open_dialog(qtbot, anonymous)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "user name" in dialog.error.text() and dialog.session is None


def test_the_lock_screen_cannot_be_dismissed(services, qtbot):
    dialog = open_dialog(qtbot, services, locked=services.session, idle_minutes=10)
    assert dialog.username.text() == "coordinator"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.password, "coordinator-demo")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.session.username == "coordinator"


def test_the_lock_screen_offers_another_user(services, qtbot):
    dialog = open_dialog(qtbot, services, locked=services.session)
    dialog.username.setText("nurse")
    assert dialog.ok.text() == "Sign in as nurse"
    qtbot.keyClicks(dialog.password, "nurse-demo")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.session.username == "nurse"
    # the dialog only reports who signed in: the window decides what follows
    assert services.session.username == "coordinator"
