"""Roles are shown in the UI language wherever the Pathway view names who did something."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from atmp_desktop.services import Services
from atmp_desktop.storage import Store
from atmp_desktop.ui import i18n
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.pathway_event_table import EventTableModel
from atmp_desktop.ui.pathway_input import user_name
from atmp_desktop.ui.pathway_view import PathwayView

from .conftest import TODAY

IN_STORAGE = 3  # Kymriah, Uppsala: product received today; infusion 30 Nov planned
LD_GIVEN = 50  # Carvykti, Uppsala: LD given 19-21 Nov by the nurse; thaw and infusion planned 24 Nov

ENGLISH_ROLES = ("coordinator", "pharmacist", "nurse", "administrator")


@pytest.fixture
def swedish():
    assert i18n.install("sv"), "the Swedish translations load"
    yield
    i18n.install("en")


def make_view(qtbot, ctx, pathway_id):
    view = PathwayView(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 850)
    view.show()
    qtbot.waitExposed(view)
    view.show_pathway(pathway_id)
    return view


def recorded_by(view, label):
    model = view.editor.model
    return model.index(model.row_of(label), EventTableModel.RECORDED_BY).data()


def test_who_recorded_shows_the_role_in_swedish(qtbot, services, swedish):
    view = make_view(qtbot, UiContext(services, lang="sv", today=TODAY), LD_GIVEN)
    assert recorded_by(view, "lymphodepletion") == "Sara Berg (sjuksköterska)"
    model = view.editor.model
    shown = [model.index(r, EventTableModel.RECORDED_BY).data() for r in range(model.rowCount())]
    assert not any(f"({role})" in text for text in shown for role in ENGLISH_ROLES), shown


def test_a_pharmacist_records_a_thaw_in_swedish_and_is_named_farmaceut(qtbot, signed_in, swedish):
    ctx = UiContext(signed_in("pharmacist"), lang="sv", today=TODAY)
    view = make_view(qtbot, ctx, LD_GIVEN)
    qtbot.mouseClick(view.record_button, Qt.MouseButton.LeftButton)
    dlg = view.dialog
    dlg.event.setCurrentIndex(dlg.event.findData("thaw"))
    dlg.start.clear()
    qtbot.keyClicks(dlg.start, "2026-11-24 10:04")
    qtbot.mouseClick(dlg.ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert recorded_by(view, "thaw") == "Omar Haddad (farmaceut)"
    # the header's "last change" line names the pharmacist with the Swedish role too
    assert "Omar Haddad (farmaceut)" in view.header.values["version"].text()
    assert "pharmacist" not in view.header.values["version"].text()


def test_a_conflict_names_the_other_user_with_a_swedish_role(qtbot, services, demo_db, swedish, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    view = make_view(qtbot, UiContext(services, lang="sv", today=TODAY), IN_STORAGE)
    view.move_event("infusion", 1)
    other = Store.open(demo_db)
    try:
        pharm = Services(other)
        pharm.sign_in("pharmacist", "pharmacist-demo")
        sp = pharm.pathways.get(IN_STORAGE)
        storage = sp.pathway.first("storage")
        pharm.pathways.record_actual(IN_STORAGE, sp.version, "storage", storage.actual_start, max_temperature_c=-180)
    finally:
        other.close()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.bar.level == "error"
    assert "Omar Haddad (farmaceut)" in view.bar.message()
    assert "(pharmacist)" not in view.bar.message()
    view.revert()


def test_roles_stay_english_in_the_english_ui_and_usernames_are_kept(qtbot, services):
    view = make_view(qtbot, UiContext(services, lang="en", today=TODAY), LD_GIVEN)
    assert recorded_by(view, "lymphodepletion") == "Sara Berg (nurse)"
    # a username that is not just the role's name stays visible beside the role
    assert user_name(services, "nurse2") == "Johan Ek (nurse, nurse2)"
    assert user_name(services, "no-such-user") == "no-such-user"


def test_a_username_beside_a_swedish_role(services, swedish):
    assert user_name(services, "nurse2") == "Johan Ek (sjuksköterska, nurse2)"
    assert user_name(services, "admin") == "Erik Holm (administratör, admin)"
