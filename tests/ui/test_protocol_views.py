"""Today, Calendar, Cell lab, Pathway and Patients views with the kinds beyond CAR-T (issue 13):
a Casgevy pathway in busulfan conditioning and a trial product infused today with its IL-2 course."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from atmp_desktop.domain import timeutil
from atmp_desktop.ui.calendar_cells import entry_title
from atmp_desktop.ui.calendar_view import CalendarView
from atmp_desktop.ui.cells import FindingCodeRole, PathwayIdRole
from atmp_desktop.ui.celllab_view import CellLabView
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.patients_view import PatientsView
from atmp_desktop.ui.pathway_event_table import EventTableModel
from atmp_desktop.ui.pathway_view import PathwayView
from atmp_desktop.ui.today_view import TodayView
from tests.ui.conftest import TODAY
from tests.ui.protocol_pathways import casgevy_in_conditioning, trial_on_infusion_day

TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def casgevy(store):
    return casgevy_in_conditioning(store)


@pytest.fixture
def trial(store):
    return trial_on_infusion_day(store)


def show(qtbot, widget, w=1300, h=850):
    qtbot.addWidget(widget)
    widget.resize(w, h)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def today_rows(view, pathway_id: int) -> dict[date, list[str]]:
    """Each day's event texts (the Event column) of one pathway, as the Today view shows them."""
    model = view.model
    out: dict[date, list[str]] = {}
    col = model.COLUMNS.index("event")
    for d in range(model.rowCount()):
        day = model.index(d, 0)
        for r in range(model.rowCount(day)):
            index = model.index(r, 0, day)
            if index.data(PathwayIdRole) == pathway_id:
                out.setdefault(model.days[d].day, []).append(index.siblingAtColumn(col).data())
    return out


def today_codes(view, pathway_id: int) -> set[str]:
    model = view.model
    codes = set()
    for d in range(model.rowCount()):
        day = model.index(d, 0)
        for r in range(model.rowCount(day)):
            ev = model.index(r, 0, day)
            if ev.data(PathwayIdRole) == pathway_id:
                codes |= {model.index(f, 0, ev).data(FindingCodeRole) for f in range(model.rowCount(ev))}
    return codes


# -- Today ------------------------------------------------------------------------------------------


def test_today_lists_a_busulfan_course_under_way_on_each_of_its_days(qtbot, ctx, casgevy):
    view = show(qtbot, TodayView(ctx))
    rows = today_rows(view, casgevy)
    # day 1 was recorded on 21 November with no end yet: the course still shows today and tomorrow
    assert rows[TODAY] == ["conditioning (busulfan) · day 3 of 4 ✓"]
    assert rows[TOMORROW] == ["conditioning (busulfan) · day 4 of 4 ✓"]
    today_line, tomorrow_line = view.summary.text().splitlines()[:2]
    assert re.search(r"conditioning \d+", today_line) and re.search(r"conditioning \d+", tomorrow_line)


def test_today_lists_the_trial_infusion_and_each_il2_day_with_the_washout_finding(qtbot, ctx, trial):
    view = show(qtbot, TodayView(ctx))
    view.load_all_details()
    rows = today_rows(view, trial)
    assert "IL-2 (aldesleukin) after infusion · day 1 of 3" in rows[TODAY]
    assert any(text.startswith("infusion") for text in rows[TODAY])
    assert rows[TOMORROW] == ["IL-2 (aldesleukin) after infusion · day 2 of 3"]
    # the washout concerns lymphodepletion (not listed today): it is shown under the pathway's first row
    assert "WASHOUT" in today_codes(view, trial)


def test_today_speaks_swedish_for_the_new_kinds(qtbot, services, casgevy, trial, swedish):
    view = show(qtbot, TodayView(UiContext(services, lang="sv", today=TODAY)))
    assert today_rows(view, casgevy)[TODAY] == ["konditionering (busulfan) · dag 3 av 4 ✓"]
    assert today_rows(view, trial)[TOMORROW] == ["IL-2 (aldesleukin) efter infusion · dag 2 av 3"]


# -- Calendar ---------------------------------------------------------------------------------------


def test_calendar_week_shows_each_busulfan_and_il2_day(qtbot, ctx, casgevy, trial):
    view = show(qtbot, CalendarView(ctx), 1400, 900)
    entries = view.week_model.entries
    mine = {(d, e.nth, e.days, entry_title(e, "en")) for d in entries for e in entries[d]
            if e.pathway_id == casgevy and e.row.kind == "conditioning"}
    assert mine == {(date(2026, 11, 23), 3, 4, "Conditioning (busulfan) · done"),
                    (date(2026, 11, 24), 4, 4, "Conditioning (busulfan) · done")}
    il2 = sorted((d, entry_title(e, "en")) for d in entries for e in entries[d]
                 if e.pathway_id == trial and e.row.kind == "post_infusion_drug")
    assert il2 == [(date(2026, 11, 23) + timedelta(days=i), "IL-2 (aldesleukin) after infusion") for i in range(3)]
    assert view.week_model.find(casgevy, "conditioning").isValid()


# -- Cell lab ---------------------------------------------------------------------------------------


def test_cell_lab_says_what_comes_before_the_thaw(qtbot, services, casgevy, trial):
    ctx = UiContext(services, lang="en", today=TODAY)
    now = timeutil.localize(datetime(2026, 11, 23, 10, 0), timeutil.zone("Europe/Stockholm"))
    view = show(qtbot, CellLabView(ctx, now=lambda: now), 1400, 900)
    model = view.storage_model
    col = model.column_of("Before the thaw")

    def text(pid):
        return model.text(model.find(pid), col)

    assert text(casgevy) == "Conditioning (busulfan): day 3 of 4 today · thaw 3 days after"
    assert text(trial) == "Lymphodepletion: given, last day 2026-11-21 · thaw 2 days after"
    assert model.text(model.find(casgevy), model.column_of("Next thaw")).startswith("2026-11-27")


# -- Pathway view -----------------------------------------------------------------------------------


def test_pathway_view_names_the_new_events_and_shows_conditioning_and_washouts(qtbot, ctx, casgevy, trial):
    view = show(qtbot, PathwayView(ctx))
    view.show_pathway(casgevy)
    assert view.header.values["stage"].text() == "conditioning running"
    model = view.editor.model
    names = [model.index(r, EventTableModel.EVENT).data() for r in range(model.rowCount())]
    assert "✓ mobilisation, cycle 1" in names
    assert "✓ apheresis 1, cycle 1" in names and "✓ apheresis 2, cycle 1" in names
    assert "✓ conditioning (busulfan)" in names
    assert not view.header.washouts.isVisible()

    view.show_pathway(trial)
    assert view.header.values["stage"].text() == "lymphodepletion running"
    names = [model.index(r, EventTableModel.EVENT).data() for r in range(model.rowCount())]
    assert "✓ marker tests (HIV, HBV, HCV, syphilis, HTLV)" in names
    assert "IL-2 (aldesleukin) after infusion" in names
    assert view.header.washouts.isVisible()
    assert view.header.washouts.text() == (
        "Washouts: bridging chemotherapy last dose 2026-11-10 (before lymphodepletion)")
    qtbot.waitUntil(lambda: "WASHOUT" in view.editor.findings_list.codes())


def test_replan_dialog_offers_conditioning_for_casgevy_and_refuses_a_busulfan_window_missed(qtbot, ctx, casgevy):
    view = show(qtbot, PathwayView(ctx))
    view.show_pathway(casgevy)
    dlg = view.replan()
    keys = [dlg.change.itemData(i) for i in range(dlg.change.count())]
    assert "conditioning" in keys and "lymphodepletion" not in keys
    assert dlg.change.itemText(keys.index("apheresis")) == "Mobilisation and apheresis cycles moved"
    # busulfan is under way (last dose 24 November): infusion on 1 December is 7 days after, still allowed
    dlg.set_change("infusion", 4)
    assert dlg.proposal is not None and dlg.proposal.refusal is None
    qtbot.keyClicks(dlg.reason, "ward full on the 27th")
    assert dlg.apply.isEnabled()
    # … 2 December is 8 days after: refused, in words, and Apply stays off
    dlg.set_change("infusion", 5)
    assert dlg.proposal.refusal is not None
    assert "CONDITIONING_TO_INFUSION" in dlg.appeared.codes()
    assert "cannot be applied" in dlg.bar.message() and "not repeated" in dlg.bar.message()
    assert not dlg.apply.isEnabled()


# -- Patients ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "words"), [("en", "conditioning running"), ("sv", "konditionering pågår")])
def test_patients_list_reads_conditioning_for_busulfan_and_lymphodepletion_for_car_t(
        qtbot, services, casgevy, trial, lang, words):
    view = show(qtbot, PatientsView(UiContext(services, lang=lang, today=TODAY)))
    col = view.model.COLUMNS.index("stage")

    def stage(pid):
        for r in range(view.proxy.rowCount()):
            if view.proxy.index(r, 0).data(PathwayIdRole) == pid:
                return view.proxy.index(r, col).data(Qt.ItemDataRole.DisplayRole)
        raise AssertionError(pid)

    assert stage(casgevy) == words
    assert stage(trial) == ("lymphodepletion running" if lang == "en" else "lymfodepletion pågår")


def test_cell_lab_and_pathway_header_speak_swedish(qtbot, services, casgevy, trial, swedish):
    ctx = UiContext(services, lang="sv", today=TODAY)
    now = timeutil.localize(datetime(2026, 11, 23, 10, 0), timeutil.zone("Europe/Stockholm"))
    lab = show(qtbot, CellLabView(ctx, now=lambda: now), 1400, 900)
    model = lab.storage_model
    col = model.column_of("Före upptining")
    assert model.text(model.find(casgevy), col) == (
        "Konditionering (busulfan): dag 3 av 4 i dag · upptining 3 dagar efter")
    view = show(qtbot, PathwayView(ctx))
    view.show_pathway(trial)
    assert view.header.washouts.text() == "Utsättning: bridging chemotherapy sista dos 2026-11-10 (före lymfodepletion)"
    view.show_pathway(casgevy)
    assert view.header.values["stage"].text() == "konditionering pågår"


def test_the_stage_filter_names_both_courses_and_keeps_casgevy_in_it(qtbot, services, casgevy, trial):
    view = show(qtbot, PatientsView(UiContext(services, lang="en", today=TODAY)))
    index = view.stage.findData("lymphodepletion")
    assert view.stage.itemText(index) == "lymphodepletion or conditioning running"
    view.stage.setCurrentIndex(index)
    shown = {view.proxy.index(r, 0).data(PathwayIdRole) for r in range(view.proxy.rowCount())}
    assert {casgevy, trial} <= shown


def test_calendar_names_the_marker_tests_and_each_collection_with_its_cycle(services, casgevy, trial):
    from atmp_desktop.ui.calendar_data import day_entries

    october = day_entries(services.pathways.events_between(date(2026, 10, 19), date(2026, 10, 19)),
                          date(2026, 10, 19), date(2026, 10, 19))
    titles = {entry_title(e, "en") for e in october[date(2026, 10, 19)] if e.pathway_id == trial}
    assert titles == {"Marker tests (HIV, HBV, HCV, syphilis, HTLV) · done"}
    may = day_entries(services.pathways.events_between(date(2026, 5, 19), date(2026, 5, 20)),
                      date(2026, 5, 19), date(2026, 5, 20))
    assert sorted(entry_title(e, "sv") for d in may for e in may[d] if e.pathway_id == casgevy) == [
        "Aferes 1, cykel 1 · done", "Aferes 2, cykel 1 · done", "Mobilisering, cykel 1 · done",
        "Mobilisering, cykel 1 · done"]
