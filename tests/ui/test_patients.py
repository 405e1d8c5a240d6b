"""The Patients view: every pathway, sortable and filterable, driven as a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from atmp_desktop.ui.cells import PathwayIdRole
from atmp_desktop.services.csv_export import filter_pathways
from atmp_desktop.ui.cells import product_name
from atmp_desktop.ui.models import PathwayTableModel
from atmp_desktop.ui.patients_view import PatientsView


@pytest.fixture
def view(ctx, qtbot):
    v = PatientsView(ctx)
    qtbot.addWidget(v)
    v.resize(1300, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def shown_ids(view) -> list[int]:
    return [view.proxy.index(r, 0).data(PathwayIdRole) for r in range(view.proxy.rowCount())]


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_lists_the_active_pathways_by_default_and_all_on_request(view, services):
    rows = services.pathways.rows()
    active = {r.id for r in rows if r.stage not in ("completed", "cancelled")}
    assert set(shown_ids(view)) == active
    choose(view.stage, None)
    assert set(shown_ids(view)) == {r.id for r in rows}
    assert view.count.text() == f"Showing {len(rows)} of {len(rows)} pathways"


def test_filters_by_site_product_stage_and_findings(view, services):
    rows = services.pathways.rows()
    choose(view.stage, None)
    choose(view.site, "uppsala")
    assert set(shown_ids(view)) == {r.id for r in rows if r.site == "uppsala"}
    choose(view.product, "yescarta")
    assert set(shown_ids(view)) == {r.id for r in rows if r.site == "uppsala" and r.product == "yescarta"}
    choose(view.site, None)
    choose(view.product, None)
    choose(view.stage, "in_manufacturing")
    assert set(shown_ids(view)) == {r.id for r in rows if r.stage == "in_manufacturing"}
    choose(view.stage, None)
    choose(view.findings, "errors")
    with_errors = {r.id for r in rows if r.open_errors}
    assert with_errors and set(shown_ids(view)) == with_errors
    choose(view.findings, "none")
    assert set(shown_ids(view)) == {r.id for r in rows if not (r.open_errors or r.open_warnings)}
    qt_clear = view.clear
    qt_clear.click()
    assert len(shown_ids(view)) == len(rows)


def test_the_site_filter_follows_the_windows_site_selector(view, ctx, services):
    ctx.set_site("lund")
    assert view.site.currentData() == "lund"
    assert all(services.pathways.get(pid).site == "lund" for pid in shown_ids(view))
    choose(view.site, "huddinge")
    assert ctx.site == "huddinge"


def test_typing_filters_by_name_and_personnummer(view, qtbot, services):
    choose(view.stage, None)
    target = services.pathways.rows()[7]
    qtbot.keyClicks(view.search, target.family_name)
    assert target.id in shown_ids(view)
    assert all(services.pathways.get(pid).patient_id for pid in shown_ids(view))
    names = {view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())}
    assert all(target.family_name in n for n in names)
    view.search.clear()
    qtbot.keyClicks(view.search, target.display_identifier)  # with the hyphen
    assert target.id in shown_ids(view) and len(set(view.proxy.index(r, 1).data()
                                                      for r in range(view.proxy.rowCount()))) == 1
    view.search.clear()
    qtbot.keyClicks(view.search, target.identifier[2:])  # part of the number, no hyphen
    assert target.id in shown_ids(view)
    view.search.clear()
    qtbot.keyClicks(view.search, "no such patient anywhere")
    assert shown_ids(view) == []
    assert view.count.text().startswith("Showing 0 of")


def test_sorting_by_a_header_click(view, qtbot):
    choose(view.stage, None)
    header = view.table.horizontalHeader()
    findings_col = PathwayTableModel.COLUMNS.index("findings")
    x = header.sectionViewportPosition(findings_col) + header.sectionSize(findings_col) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    first_asc = view.model.shown_rows()[0]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    rows = view.model.shown_rows()
    keys = [(r.open_errors, r.open_warnings) for r in rows]
    assert keys == sorted(keys, reverse=True)
    assert (first_asc.open_errors, first_asc.open_warnings) == min(keys)
    # the first row shown is one with the most errors
    assert view.proxy.index(0, 0).data(PathwayIdRole) == rows[0].id


def test_sorting_keeps_the_selected_pathway_selected(view):
    choose(view.stage, None)
    pid = view.model.pathway_id(5)
    assert view.select_pathway(pid)
    view.table.sortByColumn(PathwayTableModel.COLUMNS.index("infusion"), Qt.SortOrder.DescendingOrder)
    assert view.selected_pathway() == pid


def test_double_click_opens_the_pathway(view, qtbot):
    index = view.proxy.index(2, 0)
    rect = view.table.visualRect(index)
    with qtbot.waitSignal(view.openPathway) as blocker:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [index.data(PathwayIdRole)]


def test_filter_to_one_patient_and_back(view, services):
    row = services.pathways.rows()[3]
    view.filter_to_patient(row.patient_id, row.patient_name)
    assert set(shown_ids(view)) == {r.id for r in services.pathways.rows(patient_id=row.patient_id)}
    assert view.only_patient.isVisibleTo(view) and row.patient_name in view.only_patient.text()
    view.only_patient.click()
    assert len(shown_ids(view)) > 1


def test_new_pathway_needs_the_planning_role(ctx, signed_in, qtbot):
    from atmp_desktop.ui.context import UiContext

    coordinator_view = PatientsView(ctx)
    qtbot.addWidget(coordinator_view)
    assert coordinator_view.new_button.isEnabled()
    nurse_ctx = UiContext(signed_in("nurse"), lang="en", today=ctx.today())
    nurse_view = PatientsView(nurse_ctx)
    qtbot.addWidget(nurse_view)
    assert not nurse_view.new_button.isEnabled()


def test_new_pathway_for_the_selected_patient(view, ctx, qtbot, monkeypatch):
    import sys

    seen = {}

    class FakeDialog:
        def __init__(self, c, patient_id=None, parent=None):
            seen["patient"] = patient_id
            self.created_pathway_id = 4242

        def exec(self):
            return 1

    fake = type("M", (), {"CreatePathwayDialog": FakeDialog})
    monkeypatch.setitem(sys.modules, "atmp_desktop.ui.create_pathway", fake)
    view.table.selectRow(0)
    patient = view.selected_patient()
    changed = []
    ctx.pathwaysChanged.connect(lambda: changed.append(1))
    monkeypatch.setattr(view, "refresh", lambda: None)
    with qtbot.waitSignal(view.openPathway) as blocker:
        qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    assert seen["patient"] == patient
    assert blocker.args == [4242] and changed


def test_models_pass_the_model_tester(view, qtmodeltester):
    qtmodeltester.check(view.model, force_py=True)
    assert view.proxy is view.model  # the name the list's model had when a proxy filtered it
    view.search.setText("a")
    qtmodeltester.check(view.model, force_py=True)


def test_model_alone(services, qapp, qtmodeltester):
    model = PathwayTableModel(services, "sv", {"lund": "Skåne Lund"})
    model.update(site="lund", findings="any")
    proxy = model
    qtmodeltester.check(proxy, force_py=True)
    stage_col = PathwayTableModel.COLUMNS.index("stage")
    assert {proxy.index(r, 2).data() for r in range(proxy.rowCount())} == {"Skåne Lund"}
    # stage names come from the domain in the UI language
    from atmp_desktop.domain.messages import STAGE_NAMES

    stages = {proxy.index(r, stage_col).data() for r in range(proxy.rowCount())}
    assert stages and stages <= set(STAGE_NAMES["sv"].values())


def test_typing_deleting_and_reloading_always_match_a_fresh_filter(view, qtbot, services, ctx):
    choose(view.stage, None)
    rows = services.pathways.rows()

    def expected(text: str) -> set[int]:  # the command line's rules (export patients-csv), on every row
        return {r.id for r in filter_pathways(services.pathways.rows(), stage=None, text=text,
                                              site_names=view.model.site_names,
                                              product_names={r.product: product_name(r.product) for r in rows})}

    name = rows[11].family_name
    for n in range(1, len(name) + 1):
        qtbot.keyClick(view.search, name[n - 1])
        assert set(shown_ids(view)) == expected(name[:n])
    for _ in range(len(name) - 1):
        qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
        assert set(shown_ids(view)) == expected(view.search.text())
    # a pathway cancelled elsewhere: the reload brings the new stage, the filter follows
    view.search.clear()
    choose(view.stage, "cancelled")
    before = set(shown_ids(view))
    target = next(r for r in rows if r.stage not in ("cancelled", "completed") and r.id not in before)
    services.pathways.cancel(target.id, target.version, "test: patient withdrew")
    ctx.notify_changed()
    assert target.id in shown_ids(view)


# -- issue 11: rows read a page at a time, keys of every pathway read after the first paint -------------


def visible_names(view) -> list[str]:
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]


def expected_rows(services, view, **criteria):
    rows = services.pathways.rows()
    shown = filter_pathways(rows, site_names=view.model.site_names,
                            product_names={r.product: product_name(r.product) for r in rows}, **criteria)
    return sorted(shown, key=lambda r: (r.family_name.casefold(), r.given_name.casefold(), r.id))


def test_the_first_screen_is_one_page_and_the_keys_follow_the_paint(ctx, services, qtbot, monkeypatch):
    monkeypatch.setattr("atmp_desktop.ui.models.PathwayTableModel.PAGE", 5)
    read: list[tuple[str, int]] = []
    list_page, rows_by_ids = services.pathways.list_page, services.pathways.rows_by_ids
    monkeypatch.setattr(services.pathways, "list_page",
                        lambda **kw: read.append(("page", kw.get("offset", 0))) or list_page(**kw))
    monkeypatch.setattr(services.pathways, "rows_by_ids",
                        lambda ids: read.append(("ids", len(ids))) or rows_by_ids(ids))
    view = PatientsView(ctx)
    qtbot.addWidget(view)
    assert not view.model.has_index  # nothing but a page (and two counts) read so far
    assert ("ids", 5) not in read and all(offset == 0 for kind, offset in read if kind == "page")
    view.resize(1300, 400)
    view.show()
    qtbot.waitUntil(lambda: view.model.has_index)  # read just after the first paint
    want = expected_rows(services, view, stage="active")
    assert view.model.rowCount() == len(want) > 20
    # only the pages on screen were read, not every row
    assert sum(n for kind, n in read if kind == "ids") + 5 < len(want)
    read.clear()
    view.table.scrollToBottom()
    qtbot.wait(50)
    assert read and all(n <= 5 for kind, n in read if kind == "ids")
    assert visible_names(view) == [r.patient_name for r in want]
    assert view.count.text() == f"Showing {len(want)} of {len(services.pathways.rows())} pathways"


def test_typing_a_name_like_a_user_before_and_after_the_keys_are_read(ctx, services, qtbot):
    target = sorted(services.pathways.rows(), key=lambda r: r.id)[9]
    for wait_for_keys in (False, True):
        view = PatientsView(ctx)
        qtbot.addWidget(view)
        view.show()
        if wait_for_keys:
            qtbot.waitUntil(lambda: view.model.has_index)
        view.search.setFocus()
        typed = ""
        for ch in target.family_name:
            qtbot.keyClick(view.search, ch)
            typed += ch
            want = expected_rows(services, view, stage="active", text=typed)
            assert visible_names(view) == [r.patient_name for r in want], typed
            assert [view.model.pathway_id(n) for n in range(view.model.rowCount())] == [r.id for r in want]
            assert view.count.text().startswith(f"Showing {len(want)} of")
        qtbot.keyClick(view.search, Qt.Key.Key_Backspace)
        assert len(visible_names(view)) == len(expected_rows(services, view, stage="active", text=typed[:-1]))
        qtbot.keyClicks(view.search, "x y z nobody")
        assert visible_names(view) == [] and view.count.text().startswith("Showing 0 of")


def test_findings_icons_and_the_selection_survive_a_sort(view, qtbot):
    choose(view.findings, "any")
    findings_col = PathwayTableModel.COLUMNS.index("findings")
    assert view.model.rowCount() > 2
    for r in range(view.model.rowCount()):
        index = view.model.index(r, findings_col)
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None
        assert ":" in index.data(Qt.ItemDataRole.ToolTipRole)
    pid = view.model.pathway_id(2)
    view.table.selectRow(2)
    view.table.sortByColumn(PathwayTableModel.COLUMNS.index("updated"), Qt.SortOrder.DescendingOrder)
    assert view.selected_pathway() == pid
    assert view.table.currentIndex().data(PathwayIdRole) == pid


def test_a_user_of_one_site_sees_only_its_pathways(store, qtbot, services):
    from atmp_desktop.services import Services
    from atmp_desktop.services.auth import Session
    from atmp_desktop.ui.context import UiContext

    lund = Services(store, Session("coordinator-lund", "coordinator", "coordinator", sites=frozenset({"lund"})))
    view = PatientsView(UiContext(lund, lang="en"))
    qtbot.addWidget(view)
    view.show()
    choose(view.stage, None)
    mine = [r for r in services.pathways.rows() if r.site == "lund"]
    assert sorted(shown_ids(view)) == sorted(r.id for r in mine)
    assert view.count.text() == f"Showing {len(mine)} of {len(mine)} pathways"
    qtbot.keyClicks(view.search, "a")
    assert set(shown_ids(view)) <= {r.id for r in mine}
