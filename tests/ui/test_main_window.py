"""The main window: navigation, patient search, opening pathways, language, idle lock, remembered state."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from atmp_desktop.ui import errors as ui_errors
from atmp_desktop.ui import i18n
from atmp_desktop.ui.cells import PathwayIdRole
from atmp_desktop.ui.main_window import VIEW_KEYS, MainWindow, ViewPlaceholder
from atmp_desktop.ui.settings_dialog import Preferences


@pytest.fixture
def shown(monkeypatch):
    """Messages the window would show, instead of modal boxes."""
    said = []
    monkeypatch.setattr(ui_errors, "present", lambda parent, kind, title, text, details=None:
                        said.append((kind, title, text, details)))
    return said


@pytest.fixture
def state(tmp_path):
    return QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(ctx, qtbot, state, shown):
    saved = []

    def make(prefs: Preferences | None = None, c=None) -> MainWindow:
        w = MainWindow(c or ctx, prefs or Preferences(language="en"), state=state, save_preferences=saved.append)
        w.saved_prefs = saved
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        return w

    yield make
    i18n.install("en")


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def test_navigation_lists_the_seven_views_in_order(window):
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["Today", "Patients", "Pathway", "Calendar", "Cell lab", "Products", "Audit"]
    assert window.current_key() == "today"
    # only Today was built at start-up
    assert [k for k in VIEW_KEYS if window.has_view(k)] == ["today"]


def test_user_and_role_are_always_visible(window):
    assert "coordinator" in window.user_label.text()
    assert window.ctx.services.session.display_name in window.status_user.text()


def test_keyboard_shortcuts_switch_views(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "patients" and window.nav.currentRow() == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "today"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()


def test_clicking_the_navigation_shows_the_view(window, qtbot):
    item = window.nav.item(VIEW_KEYS.index("patients"))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    assert window.current_key() == "patients"
    assert window.stack.currentWidget() is window.view("patients")


def test_every_view_opens_as_a_real_view(window, shown):
    for key in VIEW_KEYS:
        widget = window.show_view(key)
        assert not isinstance(widget, ViewPlaceholder), key
    assert not shown


def test_find_a_patient_by_typing_and_open_their_newest_pathway(window, qtbot, services):
    row = next(r for r in services.pathways.rows() if r.family_name.startswith("Daniel"))
    qtbot.keyClicks(window.search, "Daniel")
    popup = window.search.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    results = window.search.results
    found = [results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(results.rowCount())]
    assert row.patient_id in found
    names = [window.search.results.item(i).text() for i in range(window.search.results.rowCount())]
    assert all("Daniel" in n for n in names)
    # arrow down to the patient and press Enter, as a keyboard user would
    for _ in range(found.index(row.patient_id) + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    newest = max(r.id for r in services.pathways.rows(patient_id=row.patient_id))
    qtbot.waitUntil(lambda: window.current_key() == "pathway")
    assert window.shown_pathway() == newest
    assert window.selected_pathway() == newest


def test_find_by_personnummer_with_enter(window, qtbot, services):
    row = services.pathways.rows()[4]
    qtbot.keyClicks(window.search, row.identifier[:8] + "-" + row.identifier[8:])
    window.search.completer_.popup().hide()
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_key() == "pathway")
    assert window.shown_pathway() == max(r.id for r in services.pathways.rows(patient_id=row.patient_id))


def test_a_search_with_many_matches_filters_the_patients_list(window, qtbot):
    qtbot.keyClicks(window.search, "ss")  # common in Swedish surnames
    window.search.completer_.popup().hide()
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert window.current_key() == "patients"
    patients = window.view("patients")
    assert patients.search.text() == "ss"
    assert patients.proxy.rowCount() > 1


def test_open_a_pathway_from_today(window, qtbot):
    today = window.view("today")
    first = today.model.index(0, 0, today.model.index(0, 0))
    pid = first.data(PathwayIdRole)
    rect = today.tree.visualRect(first.siblingAtColumn(3))
    qtbot.mouseClick(today.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(today.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key() == "pathway"
    assert window.shown_pathway() == pid


def test_open_a_pathway_from_patients(window, qtbot):
    patients = window.show_view("patients")
    index = patients.proxy.index(3, 0)
    pid = index.data(PathwayIdRole)
    rect = patients.table.visualRect(index)
    qtbot.mouseClick(patients.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(patients.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key() == "pathway" and window.shown_pathway() == pid


def test_site_selector_sets_the_site_for_every_view(window, ctx):
    window.site_box.setCurrentIndex(window.site_box.findData("uppsala"))
    assert ctx.site == "uppsala"
    patients = window.show_view("patients")
    assert patients.site.currentData() == "uppsala"
    patients.site.setCurrentIndex(patients.site.findData("lund"))
    assert window.site_box.currentData() == "lund"


def test_switch_to_swedish_rebuilds_the_window_in_swedish(window, qtbot):
    window.show_view("patients")
    window.apply_preferences(Preferences(language="sv"))
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels[:2] == ["Idag", "Patienter"]
    assert window.current_key() == "patients"
    patients = window.view("patients")
    headers = [patients.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Patient", "Personnummer", "Enhet"]
    assert window.ctx.lang == "sv"
    assert "koordinator" in window.user_label.text()
    today = window.show_view("today")
    assert today.title.text().startswith("Idag, ")
    assert window.saved_prefs[-1].language == "sv"
    # and back
    window.apply_preferences(Preferences(language="en"))
    assert window.nav.item(0).text() == "Today"


def test_idle_time_locks_the_window_and_the_password_unlocks_it(window, qtbot):
    window.show_view("patients")
    window.idle.set_timeout(80)
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)
    # the data is hidden, the navigation and actions are off
    assert window.stack.currentWidget() is window.lock_page
    assert not window.nav.isEnabled() and not window.act_new.isEnabled()
    gate = window.gate
    assert gate.isVisible() and gate.locked.username == "coordinator"
    qtbot.keyClicks(gate.password, "wrong-password")
    qtbot.keyClick(gate.password, Qt.Key.Key_Return)
    assert window.is_locked and gate.error_box.isVisible()
    window.idle.set_timeout(60_000)
    qtbot.keyClicks(gate.password, "coordinator-demo")
    with qtbot.waitSignal(window.unlocked):
        qtbot.keyClick(gate.password, Qt.Key.Key_Return)
    assert not window.is_locked
    assert window.stack.currentWidget() is window.view("patients")
    assert window.nav.isEnabled() and window.act_new.isEnabled()


def test_lock_then_sign_in_as_someone_else(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    gate = window.gate
    gate.username.setText("nurse")
    qtbot.keyClicks(gate.password, "nurse-demo")
    with qtbot.waitSignal(window.userChanged):
        qtbot.mouseClick(gate.ok, Qt.MouseButton.LeftButton)
    assert window.ctx.services.session.username == "nurse"
    assert "nurse" in window.user_label.text()
    assert not window.act_new.isEnabled()  # a nurse does not plan pathways


def test_lock_covers_open_dialogs(window, qtbot):
    from PySide6.QtWidgets import QDialog

    dialog = QDialog(window)
    dialog.show()
    window.lock()
    assert any(c.parentWidget() is dialog and c.isVisible() for c in window._curtains)
    qtbot.keyClicks(window.gate.password, "coordinator-demo")
    qtbot.mouseClick(window.gate.ok, Qt.MouseButton.LeftButton)
    assert not window._curtains and dialog.isVisible()


def test_sign_out_asks_who_is_next(window, qtbot):
    window.sign_out()
    assert window.ctx.services.session is None and window.is_locked
    assert "Not signed in" in window.user_label.text()
    gate = window.gate
    gate.username.setText("pharmacist")
    qtbot.keyClicks(gate.password, "pharmacist-demo")
    qtbot.mouseClick(gate.ok, Qt.MouseButton.LeftButton)
    assert window.ctx.services.session.username == "pharmacist" and not window.is_locked


def test_window_size_and_last_view_are_remembered(make_window, qtbot):
    first = make_window()
    first.resize(777, 555)  # within the offscreen screen (800 x 600), which Qt keeps a window inside
    first.show_view("calendar")
    first.close()
    second = make_window()
    assert second.current_key() == "calendar"
    assert (second.width(), second.height()) == (777, 555)


def test_the_last_pathway_is_reopened(make_window, services):
    first = make_window()
    pid = services.pathways.rows()[2].id
    first.show_pathway(pid)
    first.close()
    second = make_window()
    assert second.current_key() == "pathway" and second.shown_pathway() == pid


def test_settings_change_the_idle_time_and_default_site(window, ctx):
    window.apply_preferences(Preferences(language="en", idle_lock_minutes=3, default_site="lund"))
    assert window.idle.timeout() == 3 * 60_000
    assert ctx.site == "lund"
    assert window.saved_prefs[-1].idle_lock_minutes == 3


def test_a_view_that_cannot_be_imported_shows_a_neutral_page(window, monkeypatch):
    import importlib

    real = importlib.import_module

    def fake(name, *a, **kw):
        if name == "atmp_desktop.ui.audit_view":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, *a, **kw)

    monkeypatch.setattr(importlib, "import_module", fake)
    widget = window.show_view("audit")
    assert isinstance(widget, ViewPlaceholder)


def test_a_view_that_fails_shows_a_calm_error_and_a_page(window, monkeypatch, shown):
    import atmp_desktop.ui.products_view as products

    def broken(*a, **kw):
        raise RuntimeError("boom")

    monkeypatch.setattr(products, "ProductsView", broken)
    widget = window.show_view("products")
    assert isinstance(widget, ViewPlaceholder)
    kind, title, text, details = shown[-1]
    assert title == "Something went wrong" and "errors.log" in details
    assert "Traceback" not in text + details


def test_new_pathway_shortcut_opens_the_planner(window, qtbot, monkeypatch):
    seen = {}

    class FakeDialog:
        def __init__(self, c, patient_id=None, parent=None):
            seen["patient"] = patient_id
            self.created_pathway_id = None

        def exec(self):
            seen["shown"] = True
            return 0

    monkeypatch.setitem(sys.modules, "atmp_desktop.ui.create_pathway",
                        type("M", (), {"CreatePathwayDialog": FakeDialog}))
    patients = window.show_view("patients")
    patients.table.selectRow(0)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"patient": patients.selected_patient(), "shown": True}


def test_print_shortcut_opens_the_checklist_of_the_selected_pathway(window, qtbot, monkeypatch, shown):
    calls = []
    monkeypatch.setitem(sys.modules, "atmp_desktop.ui.checklists", type("M", (), {
        "open_checklist": staticmethod(lambda c, pid, kind=None, parent=None: calls.append(pid))}))
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert calls == [] and "Select a pathway first" in shown[-1][2]
    today = window.view("today")
    first = today.model.index(0, 0, today.model.index(0, 0))
    today.tree.setCurrentIndex(first)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert calls == [first.data(PathwayIdRole)]


def test_f5_reloads_the_current_view(window, qtbot, monkeypatch):
    today = window.view("today")
    calls = []
    monkeypatch.setattr(today, "refresh", lambda: calls.append(1))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert calls == [1]


def test_a_refusal_inside_an_action_is_a_message_not_a_crash(window, shown, monkeypatch):
    from atmp_desktop.services import PermissionDenied

    def refuse(*a, **kw):
        raise PermissionDenied("nurse (nurse) may not plan a pathway: only a coordinator may; nothing was changed")

    monkeypatch.setattr(window.ctx.services.pathways, "rows", refuse)
    window.open_patient(1, "Test")
    kind, title, text, _ = shown[-1]
    assert title == "Not allowed for your role" and "nothing was changed" in text
    assert QApplication.activeModalWidget() is None


def test_print_shortcuts_open_the_real_checklist_dialogs(window, qtbot):
    from PySide6.QtWidgets import QDialog

    today = window.view("today")
    first = today.model.index(0, 0, today.model.index(0, 0))
    today.tree.setCurrentIndex(first)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert dialogs, "Ctrl+P opens the checklist dialog"
    for d in dialogs:
        d.reject()
    qtbot.mouseClick(today.print_button, Qt.MouseButton.LeftButton)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    assert dialogs, "Print tomorrow's checklists opens the day's batch dialog"
    for d in dialogs:
        d.reject()


def test_the_settings_dialog_switches_language_and_idle_time(window, qtbot):
    window.open_settings()
    dialog = window._settings_dialog
    qtbot.waitExposed(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("sv"))
    dialog.idle.clear()
    qtbot.keyClicks(dialog.idle, "5")
    dialog.site.setCurrentIndex(dialog.site.findData("uppsala"))
    dialog.accept()
    assert window.nav.item(0).text() == "Idag"
    assert window.idle.timeout() == 5 * 60_000
    assert window.ctx.site == "uppsala"
    assert window.saved_prefs[-1] == Preferences(language="sv", idle_lock_minutes=5, default_site="uppsala")


def test_preferences_survive_a_round_trip_and_a_damaged_file(tmp_path):
    path = tmp_path / "preferences.json"
    Preferences(language="en", idle_lock_minutes=15, default_site="lund").save(path)
    assert Preferences.load(path) == Preferences(language="en", idle_lock_minutes=15, default_site="lund")
    path.write_text("{not json")
    assert Preferences.load(path) == Preferences()
    path.write_text('{"language": "fi", "idle_lock_minutes": 100000, "default_site": 3}')
    assert Preferences.load(path) == Preferences(idle_lock_minutes=240)
