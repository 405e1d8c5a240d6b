"""Unsaved what-if edits in the Pathway view are never lost silently.

A language switch, F5, opening another pathway, signing out and closing the
window all ask the one question of the Pathway view: "The pathway of <patient>
has unsaved changes" with Save… / Discard / Cancel. The tests drive the real
window like a user and answer the real message box by clicking its buttons.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from atmp_desktop.ui import errors as ui_errors
from atmp_desktop.ui import i18n
from atmp_desktop.ui.main_window import MainWindow
from atmp_desktop.ui.settings_dialog import Preferences

#: Kymriah, Uppsala (demo seed 1): LD 25-27 Nov, infusion planned 30 Nov 2026.
IN_STORAGE = 3
#: Carvykti, Uppsala: another pathway to open.
LD_GIVEN = 50

Button = QMessageBox.StandardButton
SAVE, DISCARD, CANCEL = "Save…", "Discard", "Cancel"


class Boxes:
    """Answers the message boxes the window shows, by clicking the button a user would click.

    ``expect(button)`` queues an answer (a button's text, or a standard button); every box shown is recorded as
    ``(title, text, informative text, button texts)``. A box nobody expected is
    cancelled (so a test can never hang on it) and recorded too.
    """

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.answers: list[str | Button] = []
        self.seen: list[tuple[str, str, str, list[str]]] = []
        self.timer = QTimer()
        self.timer.setInterval(15)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def expect(self, *buttons: str | Button) -> "Boxes":
        self.answers.extend(buttons)
        return self

    def _poll(self) -> None:
        for box in QApplication.topLevelWidgets():
            if not (isinstance(box, QMessageBox) and box.isVisible()) or getattr(box, "_answered", False):
                continue
            box._answered = True
            self.seen.append((box.windowTitle(), box.text(), box.informativeText(),
                              [b.text() for b in box.buttons()]))
            wanted = self.answers.pop(0) if self.answers else None
            if isinstance(wanted, str):
                button = next((b for b in box.buttons() if b.text() == wanted), None)
            else:
                button = box.button(wanted) if wanted is not None else None
            if button is None:
                box.reject()
            else:
                self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            return

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def boxes(qtbot):
    b = Boxes(qtbot)
    yield b
    b.stop()


@pytest.fixture
def said(monkeypatch):
    """Error dialogs the window would show (none are expected here)."""
    out = []
    monkeypatch.setattr(ui_errors, "present", lambda parent, kind, title, text, details=None:
                        out.append((kind, title, text)))
    return out


@pytest.fixture
def window(ctx, qtbot, tmp_path, said, boxes):
    saved: list[Preferences] = []
    w = MainWindow(ctx, Preferences(language="en"),
                   state=QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat),
                   save_preferences=saved.append)
    w.saved_prefs = saved
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    view = w._views.get("pathway")
    if view is not None and getattr(view, "dirty", False):
        view.revert()  # so closing the window at the end of the test asks nothing
    i18n.install("en")


def open_and_drag_infusion(qtbot, window, days=1):
    """Open IN_STORAGE in the Pathway view and drag its infusion bar *days* to the right."""
    window.show_pathway(IN_STORAGE)
    view = window.view("pathway")
    assert window.current_key() == "pathway" and view.stored.id == IN_STORAGE
    t = view.editor.timeline
    rect = t.planned_rect("infusion")
    view.editor.area.ensureVisible(rect.center().x(), rect.center().y(), 250, 40)
    start = rect.center()
    end = start + QPoint(days * t.DAY_W, 0)
    qtbot.mousePress(t, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(t, end)
    qtbot.mouseRelease(t, Qt.MouseButton.LeftButton, pos=end)
    assert view.dirty and view.save_button.isEnabled()
    return view


def infusion_day(sp) -> date:
    return sp.pathway.first("infusion").first_day(sp.pathway.tz)


def choose_swedish_in_settings(qtbot, window, lang="sv"):
    """File › Settings…, pick Svenska (or *lang*), click OK."""
    window.act_settings.trigger()
    dialog = window._settings_dialog
    qtbot.waitExposed(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def assert_asked_about_the_pathway(boxes, services):
    _, patient = services.pathways.with_patient(IN_STORAGE)
    assert boxes.seen, "the window asked before losing the edits"
    title, text, _info, buttons = boxes.seen[0]
    assert text == f"The pathway of {patient.full_name} has unsaved changes."
    assert sorted(buttons) == sorted(["Save…", "Discard", "Cancel"])


# -- language switch ---------------------------------------------------------------------------------------


def test_language_switch_with_unsaved_edits_asks_and_cancel_keeps_edit_and_language(
        window, qtbot, services, boxes):
    before = services.pathways.get(IN_STORAGE)
    view = open_and_drag_infusion(qtbot, window, 1)
    moved = infusion_day(view.work)
    assert moved == date(2026, 12, 1)

    boxes.expect(CANCEL)
    choose_swedish_in_settings(qtbot, window)
    assert_asked_about_the_pathway(boxes, services)
    assert len(boxes.seen) == 1
    # the language stayed, the same view object still holds the edit
    assert window.ctx.lang == "en"
    assert window.nav.item(0).text() == "Today"
    assert window.saved_prefs[-1].language == "en"
    assert window.current_key() == "pathway" and window.view("pathway") is view
    assert view.dirty and infusion_day(view.work) == moved
    assert services.pathways.get(IN_STORAGE).version == before.version


def test_language_switch_discard_switches_and_drops_the_edit(window, qtbot, services, boxes):
    before = services.pathways.get(IN_STORAGE)
    open_and_drag_infusion(qtbot, window, 1)
    boxes.expect(DISCARD)
    choose_swedish_in_settings(qtbot, window)
    assert_asked_about_the_pathway(boxes, services)
    assert window.ctx.lang == "sv"
    assert window.nav.item(0).text() == "Idag"
    assert window.saved_prefs[-1].language == "sv"
    # the rebuilt Pathway view shows the same pathway, as stored
    view = window.view("pathway")
    assert window.current_key() == "pathway" and view.stored.id == IN_STORAGE
    assert not view.dirty
    assert infusion_day(view.work) == infusion_day(before) == date(2026, 11, 30)
    assert services.pathways.get(IN_STORAGE).version == before.version


def test_language_switch_save_saves_through_the_normal_save(window, qtbot, services, boxes):
    before = services.pathways.get(IN_STORAGE)
    view = open_and_drag_infusion(qtbot, window, 1)
    qtbot.keyClicks(view.reason, "ward bed free one day later")
    # Save… may be followed by the normal save's own question about new errors: answer Yes to it.
    boxes.expect(SAVE, Button.Yes)
    choose_swedish_in_settings(qtbot, window)
    assert_asked_about_the_pathway(boxes, services)
    saved = services.pathways.get(IN_STORAGE)
    assert saved.version == before.version + 1
    assert infusion_day(saved) == date(2026, 12, 1)
    assert services.audit.entries(pathway_id=IN_STORAGE, limit=1)[0].reason == "ward bed free one day later"
    assert window.ctx.lang == "sv" and window.nav.item(0).text() == "Idag"
    view = window.view("pathway")
    assert view.stored.id == IN_STORAGE and view.stored.version == saved.version and not view.dirty


def test_the_question_is_asked_in_swedish_in_the_swedish_ui(window, qtbot, services, boxes):
    window.set_language("sv")  # nothing unsaved yet: switches without a question
    assert boxes.seen == [] and window.nav.item(0).text() == "Idag"
    view = open_and_drag_infusion(qtbot, window, 1)
    boxes.expect("Avbryt")
    choose_swedish_in_settings(qtbot, window, "en")
    _, patient = services.pathways.with_patient(IN_STORAGE)
    title, text, info, buttons = boxes.seen[0]
    assert title == "Osparade ändringar"
    assert text == f"Vårdförloppet för {patient.full_name} har osparade ändringar."
    assert sorted(buttons) == sorted(["Spara…", "Kasta", "Avbryt"])
    assert window.ctx.lang == "sv" and view.dirty


# -- closing, F5, another pathway, sign-out ------------------------------------------------------------------


def test_closing_the_window_with_unsaved_edits_asks(window, qtbot, services, boxes):
    before = services.pathways.get(IN_STORAGE)
    view = open_and_drag_infusion(qtbot, window, 1)
    boxes.expect(CANCEL)
    window.act_quit.trigger()  # File › Quit (Ctrl+Q) closes the window
    assert_asked_about_the_pathway(boxes, services)
    assert window.isVisible() and view.dirty, "Cancel keeps the window open with the edits"

    boxes.expect(DISCARD)
    window.close()
    assert len(boxes.seen) == 2
    assert not window.isVisible()
    assert services.pathways.get(IN_STORAGE).version == before.version


def test_closing_the_window_save_saves_then_closes(window, qtbot, services, boxes):
    before = services.pathways.get(IN_STORAGE)
    open_and_drag_infusion(qtbot, window, 1)
    window.show_view("today")  # the edits are in a view that is not on screen
    boxes.expect(SAVE, Button.Yes)
    window.close()
    assert_asked_about_the_pathway(boxes, services)
    assert not window.isVisible()
    assert services.pathways.get(IN_STORAGE).version == before.version + 1


def test_f5_with_unsaved_edits_asks_and_discard_reloads(window, qtbot, services, boxes):
    view = open_and_drag_infusion(qtbot, window, 1)
    boxes.expect(CANCEL)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert_asked_about_the_pathway(boxes, services)
    assert view.dirty and infusion_day(view.work) == date(2026, 12, 1)

    boxes.expect(DISCARD)
    window.activateWindow()  # the focus comes back from the closed message box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert len(boxes.seen) == 2
    assert not view.dirty and infusion_day(view.work) == date(2026, 11, 30)


def test_f5_without_edits_asks_nothing(window, qtbot, boxes):
    window.show_pathway(IN_STORAGE)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert boxes.seen == []


def test_opening_another_pathway_with_unsaved_edits_asks(window, qtbot, services, boxes):
    view = open_and_drag_infusion(qtbot, window, 1)
    boxes.expect(CANCEL)
    window.show_pathway(LD_GIVEN)
    assert_asked_about_the_pathway(boxes, services)
    assert view.stored.id == IN_STORAGE and view.dirty
    assert window.shown_pathway() == IN_STORAGE

    boxes.expect(DISCARD)
    window.show_pathway(LD_GIVEN)
    assert view.stored.id == LD_GIVEN and not view.dirty
    assert services.pathways.get(IN_STORAGE).pathway.first("infusion").first_day(
        view.work.pathway.tz) == date(2026, 11, 30)


def test_sign_out_with_unsaved_edits_asks(window, qtbot, services, boxes):
    view = open_and_drag_infusion(qtbot, window, 1)
    window.show_view("calendar")
    boxes.expect(CANCEL)
    window.act_sign_out.trigger()
    assert_asked_about_the_pathway(boxes, services)
    assert window.current_key() == "pathway", "the window shows the pathway it asks about"
    assert not window.is_locked and window.ctx.services.session is not None
    assert view.dirty

    boxes.expect(DISCARD)
    window.act_sign_out.trigger()
    assert window.is_locked and window.ctx.services.session is None
    window.gate.locked = None
    window.gate.close()
