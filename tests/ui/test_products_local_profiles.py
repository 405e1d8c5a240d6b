"""Local product profiles in the Products view, driven like a user: add from a file, the pending marker, approve.

The two-person sign-off: the pharmacist who adds a trial profile cannot approve
it (the refusal is one dialog, in the UI language); an administrator can, and
new plans then use it. A bad profile is refused in one dialog and nothing is saved.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit

from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.ui import errors as ui_errors
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.products_view import ProductsView
from atmp_desktop.ui.resources_editor import ReasonDialog
from tests.ui.conftest import TODAY

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "trial-protocol-profile.json"


@pytest.fixture
def shown(monkeypatch):
    seen: list[tuple[str, str, str]] = []
    monkeypatch.setattr(ui_errors, "present", lambda parent, kind, title, text, details=None:
                        seen.append((kind, title, text)))
    return seen


def _view(qtbot, services, lang="en") -> ProductsView:
    view = ProductsView(UiContext(services, lang=lang, today=TODAY))
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


def _add_from_file(qtbot, view: ProductsView, path: Path) -> None:
    """Click "Add local profile…", type the file's path in the file dialog and press Enter."""
    local = view.catalogue.local
    assert local.add_button.isEnabled()
    qtbot.mouseClick(local.add_button, Qt.MouseButton.LeftButton)
    dialog = local.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.setDirectory(str(path.parent))  # the user goes to the folder, types the name and clicks Open
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    qtbot.keyClicks(name, path.name)
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Open), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _approve(qtbot, view: ProductsView, reason: str) -> ReasonDialog:
    local = view.catalogue.local
    qtbot.mouseClick(local.approve_button, Qt.MouseButton.LeftButton)
    dialog = local.dialog
    assert isinstance(dialog, ReasonDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.reason, reason)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return dialog


def _bad_profile(tmp_path: Path) -> Path:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    bad = copy.deepcopy(doc)
    bad["product"]["regions"]["EU"]["indications"][0]["infusion_gap"]["value"] = {"min": 8, "max": 7, "nominal": 8}
    path = tmp_path / "bad-profile.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    return path


def test_pharmacist_adds_a_trial_profile_that_waits_and_a_second_person_approves_it(qtbot, signed_in, shown):
    pharmacist = signed_in("pharmacist")
    view = _view(qtbot, pharmacist)
    cat = view.catalogue
    assert not cat.local.approve_button.isEnabled()  # nothing waits yet
    _add_from_file(qtbot, view, EXAMPLE)
    assert shown == []
    pending = pharmacist.products.pending()
    assert [(v.product, v.version, v.created_by) for v in pending] == [("trial-t01", 1, "pharmacist")]

    # the product is listed with its marker and its rules, but not yet planned with
    assert cat.product == "trial-t01"
    row = cat.product_ids().index("trial-t01")
    text = cat.products.item(row).text()
    assert "ATMP-T01 (trial)" in text and "not yet approved" in text and "version 1 waits for approval" in text
    assert "pending approval" in cat.version_box.currentText()
    assert cat.rule_row((None, "thaw_limit"))[1].startswith("60 min")
    assert "Waiting for a second person's approval: trial-t01 version 1" in cat.local.pending_text.text()
    assert "trial-t01 version 1 saved" in cat.local.status.text()
    assert "trial-t01" not in pharmacist.products.product_ids
    assert not cat.edit_button.isEnabled()  # a local profile changes by a new file, never by an override

    # the same person cannot approve: the refusal is one dialog, nothing approved
    assert cat.local.approve_button.isEnabled()
    _approve(qtbot, view, "checked against protocol v3.0")
    assert len(shown) == 1
    kind, title, message = shown[0]
    assert title == "Not accepted" and "a second person must approve it (two-person sign-off)" in message
    assert pharmacist.products.pending()[0].status == "pending"

    # the administrator, a second person, approves it in their own window
    admin = signed_in("admin")
    other = _view(qtbot, admin)
    other.catalogue.select_product("trial-t01")
    assert other.catalogue.local.approve_button.isEnabled()
    with qtbot.waitSignal(other.ctx.pathwaysChanged):
        _approve(qtbot, other, "second check against protocol v3.0")
    assert len(shown) == 1
    assert admin.products.pending() == []
    version = admin.products.versions("trial-t01")[0]
    assert version.status == "approved" and version.approved_by == "admin"
    row = other.catalogue.product_ids().index("trial-t01")
    assert "local profile, version 1" in other.catalogue.products.item(row).text()
    assert "approved by admin" in other.catalogue.version_box.currentText()
    assert "approved: new plans use it" in other.catalogue.local.status.text()
    assert not other.catalogue.local.approve_button.isEnabled()
    plan = admin.pathways.propose(PlanRequest("trial-t01", "solid-tumour", "EU", apheresis=date(2026, 12, 7)),
                                  "huddinge")
    assert plan.profile.version == 1


def test_a_bad_profile_is_refused_in_one_dialog_and_nothing_is_saved(qtbot, signed_in, shown, tmp_path):
    admin = signed_in("admin")
    view = _view(qtbot, admin)
    before = admin.products.repos.profiles.all()
    _add_from_file(qtbot, view, _bad_profile(tmp_path))
    assert len(shown) == 1
    kind, title, message = shown[0]
    assert title == "Not accepted"
    assert "the minimum (8 days) is greater than the maximum (7 days)" in message
    assert admin.products.repos.profiles.all() == before
    assert "trial-t01" not in view.catalogue.product_ids()


def test_a_bad_profile_is_refused_in_swedish(qtbot, signed_in, shown, tmp_path, swedish):
    admin = signed_in("admin")
    view = _view(qtbot, admin, lang="sv")
    assert view.catalogue.local.add_button.text() == "Lägg till lokal profil…"
    _add_from_file(qtbot, view, _bad_profile(tmp_path))
    assert len(shown) == 1
    kind, title, message = shown[0]
    assert title == "Inte godtaget"
    assert "profilen är inte giltig" in message.lower()
    assert "minimum (8 dagar) är större än maximum (7 dagar)" in message
    assert admin.products.pending() == []


def test_the_same_person_refusal_in_swedish(qtbot, signed_in, shown, swedish):
    admin = signed_in("admin")
    view = _view(qtbot, admin, lang="sv")
    _add_from_file(qtbot, view, EXAMPLE)
    assert "väntar på godkännande" in view.catalogue.products.currentItem().text()
    _approve(qtbot, view, "kontrollerad")
    assert len(shown) == 1
    assert "en andra person måste godkänna den (tvåpersonskontroll)" in shown[0][2]


@pytest.mark.parametrize("user", ["coordinator", "nurse"])
def test_only_those_who_define_profiles_have_the_actions(qtbot, signed_in, user):
    view = _view(qtbot, signed_in(user))
    local = view.catalogue.local
    assert not local.add_button.isEnabled() and not local.approve_button.isEnabled()
    assert "pharmacist or an administrator" in local.add_button.toolTip()
