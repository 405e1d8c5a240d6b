"""The Today view: today's and tomorrow's events with their findings, as a user sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from atmp_desktop.ui.cells import FindingCodeRole, PathwayIdRole, RowKindRole
from atmp_desktop.ui.today_data import TODAY_KINDS
from atmp_desktop.ui.today_view import LISTED_STAGES, TodayView
from tests.ui.conftest import TODAY


@pytest.fixture
def view(ctx, qtbot):
    v = TodayView(ctx)
    qtbot.addWidget(v)
    v.resize(1200, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def listed(view) -> list[tuple]:
    """(day, pathway id, event label) of every event row."""
    model = view.model
    out = []
    for d in range(model.rowCount()):
        day = model.index(d, 0)
        for r in range(model.rowCount(day)):
            index = model.index(r, 0, day)
            out.append((model.days[d].day, index.data(PathwayIdRole), model.days[d].events[r].row.label))
    return out


def event_index(view, pathway_id: int, label: str | None = None) -> QModelIndex:
    model = view.model
    for d in range(model.rowCount()):
        day = model.index(d, 0)
        for r in range(model.rowCount(day)):
            index = model.index(r, 0, day)
            if index.data(PathwayIdRole) == pathway_id and label in (None, model.days[d].events[r].row.label):
                return index
    raise AssertionError(f"pathway {pathway_id} not listed")


def test_lists_todays_and_tomorrows_work_from_the_store(view, services):
    rows = services.pathways.events_between(TODAY, TODAY + timedelta(days=1), None, LISTED_STAGES)
    expected = sorted(
        (day, r.pathway_id, r.label)
        for r in rows if r.kind in TODAY_KINDS
        for day in (TODAY, TODAY + timedelta(days=1)) if r.first_day <= day <= r.last_day
    )
    assert expected, "the demo data has work today or tomorrow"
    assert sorted(listed(view)) == expected
    assert [n.day for n in view.model.days] == [TODAY, TODAY + timedelta(days=1)]
    assert "Today" in view.model.index(0, 0).data() and "Tomorrow" in view.model.index(1, 0).data()
    # monitoring and storage are ongoing states, not work on the day
    assert not {label.split("#")[0] for _, _, label in listed(view)} - set(TODAY_KINDS)


def test_each_event_shows_patient_product_time_and_day_number(view, services):
    view.load_all_details()
    rows = services.pathways.events_between(TODAY, TODAY, None, LISTED_STAGES)
    infusion = next(r for r in rows if r.kind == "infusion")
    index = event_index(view, infusion.pathway_id, infusion.label)
    cells = [index.siblingAtColumn(c).data() for c in range(view.model.columnCount())]
    time, day, event, patient, identifier, product = cells[:6]
    assert patient == infusion.patient_name
    assert identifier.replace("-", "") == infusion.identifier
    assert product.lower() == infusion.product
    assert event.startswith("infusion")
    assert day == "day 0"
    assert time == (infusion.actual_start or infusion.start).strftime("%H:%M")


def test_findings_are_listed_under_their_events_with_icon_and_word(view, services):
    assert view.details_pending()
    view.load_all_details()
    assert not view.details_pending()
    shown = {}
    model = view.model
    for d in range(model.rowCount()):
        day = model.index(d, 0)
        for r in range(model.rowCount(day)):
            ev = model.index(r, 0, day)
            for f in range(model.rowCount(ev)):
                child = model.index(f, 0, ev)
                assert child.data(RowKindRole) == "finding"
                assert child.data(Qt.ItemDataRole.DecorationRole) is not None
                text = child.data()
                assert text.startswith(("Error · ", "Warning · "))
                shown.setdefault(ev.data(PathwayIdRole), set()).add(child.data(FindingCodeRole))
    assert shown, "the demo has findings on today's or tomorrow's pathways"
    for pid, codes in shown.items():
        computed = {f.code for f in services.pathways.check(pid) if f.severity.value != "info"}
        assert codes == computed


def test_double_click_opens_the_pathway(view, qtbot):
    first = view.model.index(0, 0, view.model.index(0, 0))
    pid = first.data(PathwayIdRole)
    rect = view.tree.visualRect(first.siblingAtColumn(3))
    with qtbot.waitSignal(view.openPathway) as blocker:
        qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [pid]


def test_open_button_follows_the_selection(view, qtbot):
    assert not view.open_button.isEnabled()
    first = view.model.index(0, 0, view.model.index(0, 0))
    view.tree.setCurrentIndex(first)
    assert view.open_button.isEnabled()
    with qtbot.waitSignal(view.openPathway) as blocker:
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [first.data(PathwayIdRole)]


def test_site_filter_and_reload_on_change(view, ctx, services):
    everyone = {pid for _, pid, _ in listed(view)}
    site = services.pathways.get(next(iter(everyone))).site
    ctx.set_site(site)
    at_site = {pid for _, pid, _ in listed(view)}
    assert at_site and at_site < everyone or at_site == everyone
    assert all(services.pathways.get(pid).site == site for pid in at_site)
    ctx.set_site(None)
    assert {pid for _, pid, _ in listed(view)} == everyone


def test_a_cancelled_pathway_leaves_today_after_the_change_signal(view, ctx, services):
    pid = listed(view)[0][1]
    sp = services.pathways.get(pid)
    services.pathways.cancel(pid, sp.version, "patient unfit (test)")
    ctx.notify_changed()
    assert pid not in {p for _, p, _ in listed(view)}


def test_print_tomorrow_hands_the_day_and_site_to_the_checklists(view, ctx, qtbot, monkeypatch):
    import atmp_desktop.ui as ui_package

    calls = []
    fake = type("M", (), {"print_day": staticmethod(lambda c, day, site=None, parent=None: calls.append(
        (c, day, site, parent)))})
    monkeypatch.setitem(__import__("sys").modules, "atmp_desktop.ui.checklists", fake)
    monkeypatch.setattr(ui_package, "checklists", fake, raising=False)
    ctx.set_site("huddinge")
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert calls == [(ctx, TODAY + timedelta(days=1), "huddinge", view)]


def test_today_model_passes_the_model_tester(view, qtmodeltester):
    qtmodeltester.check(view.model, force_py=True)
    view.load_all_details()
    qtmodeltester.check(view.model, force_py=True)


def test_todays_column_titles_come_from_the_header_model_in_the_ui_language(ctx, qtbot, swedish):
    view = TodayView(ctx)
    qtbot.addWidget(view)
    header = view.tree.header()
    titles = [header.model().headerData(i, Qt.Orientation.Horizontal) for i in range(header.count())]
    assert header.count() == view.model.columnCount() == len(view.model.COLUMNS)
    assert titles == list(view.model.header_labels())
    assert titles[:4] == ["Tid", "Dag", "Händelse", "Patient"]
    # The model answers with the same titles (for anyone else who asks it), and nothing for rows.
    assert [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(header.count())] == titles
    assert view.model.headerData(0, Qt.Orientation.Vertical) is None


def test_each_severity_and_message_kind_has_an_icon_of_its_own(qapp):
    from atmp_desktop.domain.findings import Severity
    from atmp_desktop.ui.findings import message_icon, severity_icon

    icons = [severity_icon(s) for s in Severity] + [message_icon("success")]
    assert all(not icon.isNull() and not icon.pixmap(16, 16).isNull() for icon in icons)
    images = {bytes(icon.pixmap(16, 16).toImage().constBits()) for icon in icons}
    assert len(images) == len(icons)  # four different pictures, not one icon four times
    assert message_icon("error").cacheKey() == severity_icon(Severity.ERROR).cacheKey()  # made once, shared
