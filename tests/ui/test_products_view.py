"""The Products view: every product's rules with sources; administrators override a value with a reason."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.services.errors import PermissionDenied
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.product_override_dialog import OverrideDialog
from atmp_desktop.ui.products_view import ProductsView
from tests.ui.conftest import TODAY

FL_GAP = ("fl", "infusion_gap")


def _ctx(signed_in, user: str) -> UiContext:
    return UiContext(signed_in(user), lang="en", today=TODAY)


def _view(qtbot, ctx: UiContext) -> ProductsView:
    view = ProductsView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    return view


def _type(qtbot, edit, text: str) -> None:
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest types ASCII only; a pasted "−" (U+2212) is what a user would do
        edit.insert(text)


def _open_fl_gap(qtbot, view: ProductsView) -> OverrideDialog:
    cat = view.catalogue
    cat.select_product("kymriah")
    cat.select_region("EU")
    assert cat.select_rule(FL_GAP)
    assert cat.edit_button.isEnabled()
    qtbot.mouseClick(cat.edit_button, Qt.MouseButton.LeftButton)
    dialog = cat.dialog
    assert isinstance(dialog, OverrideDialog) and dialog.isVisible()
    return dialog


def _save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def test_lists_seven_products_with_rules_values_and_sources(qtbot, ctx):
    view = _view(qtbot, ctx)
    cat = view.catalogue
    # the seven CAR-T products, then the other ATMPs of issue 13
    assert cat.products.count() == 9
    names = [cat.products.item(i).text().split("\n")[0] for i in range(9)]
    assert names == ["Kymriah", "Yescarta", "Tecartus", "Breyanzi", "Abecma", "Carvykti", "Aucatzyl", "Casgevy",
                     "Amtagvi"]
    sources = ctx.services.products.catalogue().sources
    for row in range(9):
        cat.products.setCurrentRow(row)
        product = cat.product
        for region in ("EU", "US"):
            cat.select_region(region)
            assert cat.profile is not None and cat.profile.region == region
            rows = [item for item in cat._items()]
            # Product rules plus LD regimen and infusion gap for each indication.
            assert len(rows) >= 10 + 2 * len(cat.profile.indications), product
            for item in rows:
                key = tuple(item.data(0, cat.KEY_ROLE))
                rule = cat.rule_for(key)
                assert item.text(1) == ("unknown" if rule.value is None else item.text(1))
                cat.tree.setCurrentItem(item)
                details = cat.details.toPlainText()
                for source_key in rule.sources:
                    assert source_key in details
                    described = str(sources[source_key]["source"]).split(" ")[0]
                    assert described in details, (product, region, key, source_key)


def test_unknown_values_say_unknown_and_the_gap_shows_the_label_wording(qtbot, ctx):
    view = _view(qtbot, ctx)
    cat = view.catalogue
    cat.select_product("kymriah")
    row = cat.rule_row((None, "monitoring_daily_days"))
    assert row[1] == "unknown" and row[2] == "not found"
    assert cat.select_rule(FL_GAP)
    assert cat.rule_row(FL_GAP)[1] == "3–6 calendar days (planned 3)"
    details = cat.details.toPlainText()
    assert "2 to 6 days after completion of lymphodepleting chemotherapy" in details
    assert "both readings" in details and "S-KYM-RX" in details
    assert cat.select_rule((None, "thaw_limit"))
    assert "30 min, counted from the start of thaw" in cat.details.toPlainText()
    cat.select_product("breyanzi")
    assert "removal from frozen storage" in cat.rule_row((None, "thaw_limit"))[1]


def test_admin_overrides_kymriah_fl_max_gap_and_new_plans_use_it(qtbot, signed_in):
    ctx = _ctx(signed_in, "admin")
    svc = ctx.services
    view = _view(qtbot, ctx)
    dialog = _open_fl_gap(qtbot, view)
    _type(qtbot, dialog.inputs[("max",)], "4")
    qtbot.keyClicks(dialog.reason, "Centre protocol: infuse within 4 days")
    with qtbot.waitSignal(ctx.pathwaysChanged):
        _save(qtbot, dialog)
    assert not dialog.isVisible()

    cat = view.catalogue
    versions = svc.products.versions("kymriah")
    assert [v.version for v in versions] == [1]
    assert versions[0].reason == "Centre protocol: infuse within 4 days" and versions[0].created_by == "admin"
    assert cat.version_box.itemData(0) == 1 and "(current)" in cat.version_box.itemText(0)
    assert "Centre protocol" in cat.version_box.itemText(0)
    assert cat.rule_row(FL_GAP)[1:3] == ["3–4 calendar days (planned 3)", "local override"]
    assert "local version 1" in cat.products.item(0).text()
    details = cat.details.toPlainText()
    assert "3–6 calendar days" in details  # the label's value stays visible beside the local one

    # The old version is still there to read, and cannot be edited.
    cat.version_box.setCurrentIndex(cat.version_box.findData(0))
    assert cat.rule_row(FL_GAP)[1] == "3–6 calendar days (planned 3)"
    assert not cat.edit_button.isEnabled()

    # New plans use the override; a pathway planned with version 0 keeps its rules.
    profile = svc.products.profile("kymriah", "EU")
    assert profile.version == 1 and profile.indication("fl").infusion_gap.value["max"] == 4
    plan = svc.pathways.propose(PlanRequest("kymriah", "fl", "EU", apheresis=date(2026, 12, 7)), "huddinge")
    assert plan.profile.version == 1
    pathway = plan.pathway
    ld_end = pathway.last("lymphodepletion").last_day(pathway.tz)
    shift = timedelta(days=5 - (pathway.first("infusion").first_day(pathway.tz) - ld_end).days)
    for kind in ("thaw", "infusion"):  # infusion 5 calendar days after the last LD day
        event = pathway.first(kind)
        event.start = event.start + shift
        if event.end is not None:
            event.end = event.end + shift
    pathway.relabel()
    assert (pathway.first("infusion").first_day(pathway.tz) - ld_end).days == 5
    with_override = {f.code for f in check_pathway(pathway, profile=profile)}
    with_label = {f.code for f in check_pathway(pathway, profile=svc.products.profile("kymriah", "EU", 0))}
    assert "LD_TO_INFUSION" in with_override
    assert "LD_TO_INFUSION" not in with_label

    # The change is in the audit trail with its reason.
    entry = svc.audit.entries(table="product_profiles", limit=1)[0]
    assert entry.username == "admin" and entry.reason == "Centre protocol: infuse within 4 days"


def test_admin_goes_back_to_the_labels_values(qtbot, signed_in, monkeypatch):
    ctx = _ctx(signed_in, "admin")
    view = _view(qtbot, ctx)
    dialog = _open_fl_gap(qtbot, view)
    _type(qtbot, dialog.inputs[("max",)], "5")
    qtbot.keyClicks(dialog.reason, "trial")
    _save(qtbot, dialog)
    cat = view.catalogue
    assert cat.revert_button.isEnabled()
    qtbot.mouseClick(cat.revert_button, Qt.MouseButton.LeftButton)
    ask = cat.dialog
    ok = ask.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert ask.isVisible() and "reason" in ask.error.text().lower()  # no reason, no change
    qtbot.keyClicks(ask.reason, "trial over")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert [v.version for v in ctx.services.products.versions("kymriah")] == [1, 2]
    assert ctx.services.products.profile("kymriah", "EU").indication("fl").infusion_gap.value["max"] == 6
    assert cat.rule_row(FL_GAP)[1:3] == ["3–6 calendar days (planned 3)", "derived"]
    assert "back to the label" in cat.version_box.itemText(0)


@pytest.mark.parametrize(
    ("fields", "reason", "message"),
    [
        ({("max",): "six"}, "r", "'six' is not a whole number"),
        ({("max",): "2"}, "r", "shortest gap (3) is longer than the longest (2)"),
        ({("min",): "-1"}, "r", "too small"),
        ({("nominal",): "9"}, "r", "planned gap (9) must lie within"),
        ({("max",): "5"}, "", "Give a reason"),
        ({}, "r", "unchanged"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_and_changes_nothing(qtbot, signed_in, fields, reason, message):
    ctx = _ctx(signed_in, "admin")
    view = _view(qtbot, ctx)
    dialog = _open_fl_gap(qtbot, view)
    for path, text in fields.items():
        _type(qtbot, dialog.inputs[path], text)
    qtbot.keyClicks(dialog.reason, reason)
    _save(qtbot, dialog)
    assert dialog.isVisible()
    assert message in dialog.error.text()
    assert ctx.services.products.versions("kymriah") == []
    assert view.catalogue.rule_row(FL_GAP)[1] == "3–6 calendar days (planned 3)"


def test_other_value_shapes_validate_and_save(qtbot, signed_in):
    ctx = _ctx(signed_in, "admin")
    view = _view(qtbot, ctx)
    cat = view.catalogue
    cat.select_product("yescarta")
    assert cat.select_rule((None, "storage_max_c"))
    dialog = cat.edit_selected()
    _type(qtbot, dialog.inputs[()], "minus 150")
    qtbot.keyClicks(dialog.reason, "r")
    assert not dialog.save() and "not a whole number" in dialog.error.text()
    _type(qtbot, dialog.inputs[()], "−160")
    assert dialog.save()
    assert ctx.services.products.profile("yescarta").value("storage_max_c") == -160
    assert cat.rule_row((None, "storage_max_c"))[1] == "at or below −160 °C"

    assert cat.select_rule((None, "premedication"))
    dialog = cat.edit_selected()
    _type(qtbot, dialog.inputs[("minutes_before_min",)], "90")
    _type(qtbot, dialog.inputs[("minutes_before_max",)], "30")
    qtbot.keyClicks(dialog.reason, "r")
    assert not dialog.save() and "more than 'at most'" in dialog.error.text()

    assert cat.select_rule(("lbcl", "lymphodepletion"))
    dialog = cat.edit_selected()
    days = next(p for p in dialog.inputs if p[-1] == "ld_days")
    _type(qtbot, dialog.inputs[days], "1, x")
    qtbot.keyClicks(dialog.reason, "r")
    assert not dialog.save() and "list of day numbers" in dialog.error.text()
    assert [v.version for v in ctx.services.products.versions("yescarta")] == [1]


def test_a_nurse_sees_it_read_only_and_the_service_refuses(qtbot, signed_in):
    ctx = _ctx(signed_in, "nurse")
    view = _view(qtbot, ctx)
    cat = view.catalogue
    cat.select_product("kymriah")
    assert cat.select_rule(FL_GAP)
    assert not cat.edit_button.isEnabled()
    assert not cat.revert_button.isEnabled()
    assert "only an administrator" in cat.access.text()
    assert cat.edit_selected() is None
    raw = ctx.services.products.raw("kymriah")
    with pytest.raises(PermissionDenied):
        ctx.services.products.save_override(raw, "not allowed")
    assert ctx.services.products.versions("kymriah") == []
    # The capacity tab is read-only too.
    assert not view.capacity.add_button.isEnabled()


def test_switching_region_shows_the_us_label(qtbot, ctx):
    view = _view(qtbot, ctx)
    cat = view.catalogue
    cat.select_product("yescarta")
    cat.select_region("US")
    assert "US" in cat.label_text.text()
    assert cat.profile.region == "US"


def test_in_swedish(qtbot, signed_in):
    from atmp_desktop.ui import i18n

    assert i18n.install("sv")
    try:
        view = _view(qtbot, UiContext(signed_in("nurse"), lang="sv", today=TODAY))
        assert view.tabs.tabText(0) == "Produkter" and view.tabs.tabText(1) == "Kapacitet"
        cat = view.catalogue
        cat.select_product("kymriah")
        assert cat.rule_row(FL_GAP)[:3] == ["Sista LD-dagen till infusion", "3–6 kalenderdagar (planerat 3)", "härlett"]
        assert cat.rule_row((None, "monitoring_daily_days"))[1:3] == ["okänt", "inte funnet"]
        assert "Indikation: Follikulärt lymfom" in [cat.tree.topLevelItem(i).text(0)
                                                   for i in range(cat.tree.topLevelItemCount())]
        assert "bara en administratör" in cat.access.text()
    finally:
        i18n.install("en")
