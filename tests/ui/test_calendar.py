"""The Calendar view, driven like a user: weeks and months of the demo database, closed days,
opening a pathway, and the resource load strip with an over-capacity day."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from atmp_desktop.domain.capacity import Load
from atmp_desktop.services import StoreError
from atmp_desktop.ui.calendar_cells import ItemRole, Names, PathwayRole, StateRole
from atmp_desktop.ui.calendar_data import LONG_KINDS, closures, day_entries, week_days
from atmp_desktop.ui.calendar_load import COUNTED_STAGES, LoadSource
from atmp_desktop.ui.calendar_load_strip import LoadStripModel, StripCell, StripRow
from atmp_desktop.ui.calendar_models import DayEventsModel, MonthModel, WeekEventsModel
from atmp_desktop.ui.calendar_view import CalendarView
from atmp_desktop.ui.context import UiContext
from tests.ui.conftest import TODAY

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def view(ctx, qtbot):
    v = CalendarView(ctx)
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    qtbot.waitExposed(v)
    return v


def wait_strip(qtbot, view):
    qtbot.waitUntil(lambda: view.strip_model.message is None and bool(view.strip_model.rows), timeout=20000)


def double_click(qtbot, view, pos):
    """A real double-click: press and release, then the double-click event (as a mouse sends them)."""
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


# -- the week ---------------------------------------------------------------------------


def test_week_lists_the_demo_events_of_todays_week(view, services):
    days = week_days(TODAY)
    assert view.week_model.days == days
    assert "Week 48" in view.title.text()
    expected = [r for r in services.pathways.events_between(days[0], days[-1], stages=COUNTED_STAGES)]
    assert expected, "the demo database has events this week"
    listed = {(e.pathway_id, e.row.label, e.day) for d in days for e in view.week_model.entries[d]}
    for row in expected:
        if row.kind in LONG_KINDS:
            continue  # listed on their first and last day only
        for i in range((min(row.last_day, days[-1]) - max(row.first_day, days[0])).days + 1):
            assert (row.pathway_id, row.label, max(row.first_day, days[0]) + timedelta(days=i)) in listed
    # Cancelled pathways use nothing and are not listed.
    cancelled = {r.id for r in services.pathways.rows(stages=["cancelled"])}
    assert not {pid for pid, _, _ in listed} & cancelled


def test_week_cell_shows_patient_product_event_time_and_findings_in_words(view):
    model = view.week_model
    found = None
    for c, d in enumerate(model.days):
        for r, e in enumerate(model.entries[d]):
            if e.row.kind == "thaw":
                found = model.index(r, c), e
                break
        if found:
            break
    assert found, "a thaw this week in the demo data"
    index, entry = found
    text = model.data(index)
    assert entry.row.patient_name in text
    assert "Thaw" in text
    assert re.search(r"\d\d:\d\d", text)
    assert model.data(index, PathwayRole) == entry.pathway_id
    # Open findings: an icon AND the counts in words.
    flagged = [(model.index(r, c), e) for c, d in enumerate(model.days) for r, e in enumerate(model.entries[d])
               if e.row.open_errors]
    assert flagged, "the demo data has pathways with errors this week"
    index, entry = flagged[0]
    assert f"Errors: {entry.row.open_errors}" in model.data(index)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    quiet = [(model.index(r, c), e) for c, d in enumerate(model.days) for r, e in enumerate(model.entries[d])
             if not e.row.open_errors and not e.row.open_warnings]
    if quiet:
        assert model.data(quiet[0][0], Qt.ItemDataRole.DecorationRole) is None
        assert "Errors" not in model.data(quiet[0][0])


def test_double_clicking_an_event_opens_its_pathway(view, qtbot):
    model = view.week_model
    index = next(model.index(r, c) for c, d in enumerate(model.days) for r in range(len(model.entries[d])))
    pid = model.data(index, PathwayRole)
    table = view.week_table
    table.scrollTo(index)
    rect = table.visualRect(index)
    with qtbot.waitSignal(view.openPathway, timeout=2000) as blocker:
        double_click(qtbot, table, rect.center())
    assert blocker.args == [pid]


def test_enter_on_a_selected_event_opens_it_too(view, qtbot):
    model = view.week_model
    index = next(model.index(r, c) for c, d in enumerate(model.days) for r in range(len(model.entries[d])))
    view.week_table.setFocus()
    view.week_table.setCurrentIndex(index)
    with qtbot.waitSignal(view.openPathway, timeout=2000) as blocker:
        qtbot.keyClick(view.week_table, Qt.Key.Key_Return)
    assert blocker.args == [model.data(index, PathwayRole)]


def test_christmas_is_shaded_and_labelled(view, qtbot):
    view.set_site("huddinge")
    view.date_edit.setDate(view.date_edit.date().addDays((date(2026, 12, 23) - TODAY).days))
    model = view.week_model
    assert model.days[0] == date(2026, 12, 21)
    # Header lines are wrapped to the column width: read them as one line.
    headers = [" ".join(model.headerData(c, Qt.Orientation.Horizontal).split()) for c in range(7)]
    assert "Closed: Christmas Eve" in headers[3]
    assert "Closed: Christmas Day" in headers[4]
    assert "Closed: Second Day of Christmas" in headers[5]
    assert "Closed: Sunday" in headers[6]
    assert "Closed" not in headers[0]  # Monday 21 December is an ordinary working day
    for c in (3, 4, 5):
        assert model.data(model.index(0, c), Qt.ItemDataRole.BackgroundRole) is not None
        assert model.headerData(c, Qt.Orientation.Horizontal, StateRole) == "full"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    # The load strip says "closed" on the apheresis chairs those days, in words.
    wait_strip(qtbot, view)
    strip = view.strip_model
    chairs = strip.row_of("Apheresis chairs")
    assert [strip.data(strip.index(chairs, c)) for c in (3, 4, 5)] == ["closed"] * 3
    assert "Christmas Day" in strip.data(strip.index(chairs, 4), Qt.ItemDataRole.ToolTipRole)


def test_christmas_in_swedish(services, qapp, qtbot):
    ctx = UiContext(services, lang="sv", today=date(2026, 12, 22))
    v = CalendarView(ctx)
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    qtbot.waitExposed(v)
    headers = [" ".join(v.week_model.headerData(c, Qt.Orientation.Horizontal).split()) for c in range(7)]
    assert "Julafton" in headers[3] and "Juldagen" in headers[4] and "Annandag jul" in headers[5]


def test_navigation_previous_next_today(view, qtbot):
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.week_model.days[0] == date(2026, 11, 30)
    assert "Week 49" in view.title.text()
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert view.week_model.days[0] == date(2026, 11, 16)
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert view.week_model.days[0] == date(2026, 11, 23)
    assert "today" in view.week_model.headerData(0, Qt.Orientation.Horizontal)


def test_keyboard_shortcuts_move_between_weeks(view, qtbot):
    view.activateWindow()
    view.week_table.setFocus()
    qtbot.waitUntil(view.week_table.hasFocus)
    qtbot.keyClick(view.week_table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.week_model.days[0] == date(2026, 11, 30)
    qtbot.keyClick(view.week_table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert view.week_model.days[0] == date(2026, 11, 23)
    qtbot.keyClick(view.week_table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.week_model.days[0] == date(2026, 11, 16)


def test_site_selector_limits_events_and_strip_to_one_site(view, qtbot):
    view.site_box.setCurrentIndex(view.site_box.findData("uppsala"))
    entries = [e for d in view.week_model.days for e in view.week_model.entries[d]]
    assert entries and {e.row.site for e in entries} == {"uppsala"}
    wait_strip(qtbot, view)
    labels = [r.label for r in view.strip_model.rows]
    assert "Apheresis chairs" in labels and "Ward beds" in labels
    assert not any("Huddinge" in label for label in labels)
    view.set_site(None)
    wait_strip(qtbot, view)
    labels = [r.label for r in view.strip_model.rows]
    assert "Huddinge · Ward beds" in labels and "Lund · Thaw slots" in labels


def test_site_follows_the_main_windows_site(view, ctx):
    ctx.set_site("lund")
    assert view.site == "lund"
    assert {e.row.site for d in view.week_model.days for e in view.week_model.entries[d]} <= {"lund"}


# -- the load strip ----------------------------------------------------------------------


def _domain_load(services, site):
    pathways = services.pathways.load_all(site=site, stages=COUNTED_STAGES)
    return Load.build(services.resources.list(site), {str(sp.id): sp.pathway for sp in pathways},
                      services.sites.calendar(site), services.products.catalogue())


def test_load_strip_shows_booked_over_capacity_per_day_and_week(view, qtbot, services):
    view.set_site("huddinge")
    wait_strip(qtbot, view)
    load = _domain_load(services, "huddinge")
    strip = view.strip_model
    beds = strip.row_of("Ward beds")
    for c, day in enumerate(view.week_model.days):
        used, cap = load.used("ward_bed", day), load.capacity("ward_bed", day)
        assert strip.data(strip.index(beds, c)) == f"{used}/{cap}"
    kym = strip.row_of("Manufacturing slots · Kymriah")
    text = strip.data(strip.index(kym, 0))
    assert text == f"week 48: {load.used('manufacturing_slot', TODAY, 'kymriah')}/2"
    assert view.strip_table.columnSpan(kym, 0) == 7
    saturday = strip.row_of("Apheresis chairs")
    assert strip.data(strip.index(saturday, 5)) == "closed"


def test_an_over_capacity_day_is_marked_in_words(view, qtbot, signed_in, ctx):
    view.set_site("huddinge")
    wait_strip(qtbot, view)
    admin = signed_in("admin")
    beds = admin.resources.get("huddinge-ward")
    admin.resources.save(replace(beds, capacity=1), reason="test: one bed left")
    view.refresh()  # the store changed: the load is counted again
    wait_strip(qtbot, view)
    strip = view.strip_model
    row = strip.row_of("Ward beds")
    texts = [strip.data(strip.index(row, c)) for c in range(7)]
    over = [t for t in texts if "⚠ over" in t]
    assert over, texts
    c = texts.index(over[0])
    assert re.fullmatch(r"\d+/1 ⚠ over", over[0])
    assert strip.data(strip.index(row, c), StateRole) == "over"
    assert strip.data(strip.index(row, c), Qt.ItemDataRole.DecorationRole) is not None
    assert "Pathways:" in strip.data(strip.index(row, c), Qt.ItemDataRole.ToolTipRole)


def test_the_load_is_not_counted_again_when_nothing_changed(view, qtbot, monkeypatch):
    wait_strip(qtbot, view)
    calls = []
    import atmp_desktop.ui.calendar_load as cl

    real = cl.build_loads
    monkeypatch.setattr(cl, "build_loads", lambda *a, **k: calls.append(a) or real(*a, **k))
    view.go_next()
    view.go_previous()
    view.refresh()
    wait_strip(qtbot, view)
    assert calls == []


def test_a_saved_change_refreshes_the_calendar(view, qtbot, services, ctx):
    entries = [e for d in view.week_model.days for e in view.week_model.entries[d]]
    victim = next(e for e in entries if e.row.stage != "completed")
    sp = services.pathways.get(victim.pathway_id)
    services.pathways.cancel(sp.id, sp.version, "test: patient unfit")
    ctx.notify_changed()
    entries = [e for d in view.week_model.days for e in view.week_model.entries[d]]
    assert victim.pathway_id not in {e.pathway_id for e in entries}


def test_after_a_save_the_worker_recounts_with_the_same_connection(view, qtbot, services, ctx):
    view.set_site("huddinge")
    wait_strip(qtbot, view)
    worker = view.loads._worker.services
    assert worker is not None and worker is not services  # its own connection, on its own thread
    capacity = getattr(worker, "capacity", None)
    builds = capacity.stats.builds if capacity is not None and hasattr(capacity, "stats") else None
    row = services.pathways.rows(site="huddinge", stages=["awaiting_apheresis"])[0]
    sp = services.pathways.get(row.id)
    services.pathways.cancel(sp.id, sp.version, "test: unfit")
    ctx.notify_changed()
    wait_strip(qtbot, view)
    assert view.loads._worker.services is worker
    if builds is not None:  # only the saved pathway was read again, not the whole site
        assert capacity.stats.builds == builds and capacity.stats.reconciles >= 1


def test_a_refusal_is_shown_as_a_message_not_a_traceback(view, monkeypatch):
    def locked(*_a, **_k):
        raise StoreError("the database is locked by another program; try again in a moment")

    monkeypatch.setattr(view.ctx.services.pathways, "events_between", locked)
    view.go_next()
    assert view.error_label.isVisibleTo(view)
    assert "locked" in view.error_label.text()


def test_load_counted_without_a_worker_thread(ctx, qtbot):
    source = LoadSource(ctx.services, background=False)
    source.request(["huddinge", "uppsala"])
    assert source.cached("huddinge") and source.get("uppsala") is not None
    assert not source.busy()


# -- the month ---------------------------------------------------------------------------


def test_month_view_navigation_and_closed_days(view, qtbot):
    qtbot.mouseClick(view.month_button, Qt.MouseButton.LeftButton)
    assert view.mode == "month" and view.title.text() == "November 2026"
    model = view.month_model
    assert model.rowCount() == 6 and model.columnCount() == 7
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.title.text() == "December 2026"
    eve = model.index_of(date(2026, 12, 24))
    assert "Closed: Christmas Eve" in model.data(eve)
    assert model.data(eve, Qt.ItemDataRole.BackgroundRole) is not None
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.prev_button, Qt.MouseButton.LeftButton)
    assert view.title.text() == "October 2026"
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert view.title.text() == "November 2026"
    assert "today" in model.data(model.index_of(TODAY))


def test_month_day_panel_lists_the_day_and_opens_a_pathway(view, qtbot):
    view.set_mode("month")
    model = view.month_model
    index = model.index_of(date(2026, 11, 25))
    rect = view.month_table.visualRect(index)
    qtbot.mouseClick(view.month_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "25" in view.day_title.text()
    day = view.day_model
    listed = day_entries(view.ctx.services.pathways.events_between(
        date(2026, 11, 25), date(2026, 11, 25), stages=COUNTED_STAGES), date(2026, 11, 25), date(2026, 11, 25))
    assert day.rowCount() == len(listed[date(2026, 11, 25)]) == model.summaries[date(2026, 11, 25)].listed > 0
    assert [e.row for e in day.items] == [e.row for e in listed[date(2026, 11, 25)]]
    first = day.index(0, 0)
    with qtbot.waitSignal(view.openPathway, timeout=2000) as blocker:
        r = view.day_list.visualRect(first)
        double_click(qtbot, view.day_list, r.center())
    assert blocker.args == [day.data(first, PathwayRole)]
    wait_strip(qtbot, view)
    assert "Resource load on this day" in view.day_load.text()


def test_double_clicking_a_month_day_shows_its_week(view, qtbot):
    view.set_mode("month")
    index = view.month_model.index_of(date(2026, 11, 11))
    rect = view.month_table.visualRect(index)
    double_click(qtbot, view.month_table, rect.center())
    assert view.mode == "week"
    assert view.week_model.days[0] == date(2026, 11, 9)


def test_month_strip_is_per_week_and_marks_over_capacity(view, qtbot, signed_in):
    view.set_site("huddinge")
    admin = signed_in("admin")
    beds = admin.resources.get("huddinge-ward")
    admin.resources.save(replace(beds, capacity=1), reason="test")
    view.set_mode("month")
    view.refresh()
    wait_strip(qtbot, view)
    strip = view.strip_model
    assert strip.columnCount() == 6 and strip.columns[0].startswith("Week 44")
    row = strip.row_of("Ward beds")
    texts = [strip.data(strip.index(row, c)) for c in range(6)]
    assert any(re.fullmatch(r"max \d+/1 ⚠ over", t) for t in texts), texts
    marked = [d for d, o in view.month_model.over.items() if o.over]
    assert marked
    assert "⚠ Over capacity" in view.month_model.data(view.month_model.index_of(marked[0]))


# -- what waits until the days have painted (issue 11) ---------------------------------------


def header_texts(model):
    return [" ".join(model.headerData(c, Qt.Orientation.Horizontal).split()) for c in range(7)]


def test_the_month_paints_first_then_lists_the_day_and_counts_the_load(ctx, qtbot):
    v = CalendarView(ctx)
    qtbot.addWidget(v)
    v.set_mode("month")
    v.resize(1400, 900)
    v.show()  # the month is read and laid out now; the day's events and the load wait for its paint
    assert v.month_model.summaries[TODAY].listed > 0
    assert v.day_model.rowCount() == 0 and "23" in v.day_title.text()
    assert not v.loads.busy() and not v.loads.cached("huddinge")
    assert v.strip_model.message == "Counting the resource load…"
    qtbot.waitUntil(lambda: v.day_model.rowCount() == v.month_model.summaries[TODAY].listed, timeout=5000)
    wait_strip(qtbot, v)
    assert "Resource load on this day" in v.day_load.text()


def test_closed_days_follow_the_first_paint_while_the_holidays_are_not_read(view, qtbot, monkeypatch):
    import atmp_desktop.ui.calendar_view as cv

    monkeypatch.setattr(cv, "holidays_loaded", lambda: False)  # as in a process that has not read them yet
    view.set_date(date(2026, 12, 23))
    model = view.week_model
    assert model.days[0] == date(2026, 12, 21) and model.entries  # the week's events at once
    assert not any("Closed" in h for h in header_texts(model))  # its closed days just after the paint
    qtbot.waitUntil(lambda: "Closed: Christmas Eve" in header_texts(model)[3], timeout=5000)
    assert "Closed: Sunday" in header_texts(model)[6] and "Closed" not in header_texts(model)[0]
    assert model.headerData(3, Qt.Orientation.Horizontal, StateRole) == "full"
    assert model.data(model.index(0, 3), Qt.ItemDataRole.BackgroundRole) is not None
    assert "Days with a unit closed: 4" in view.summary.text()  # Thursday 24th to Sunday 27th

    qtbot.mouseClick(view.month_button, Qt.MouseButton.LeftButton)
    view.set_date(date(2026, 12, 24))  # December, the 24th selected
    month = view.month_model
    eve = month.index_of(date(2026, 12, 24))
    assert "Closed" not in month.data(eve) and "Christmas" not in view.day_title.text()
    qtbot.waitUntil(lambda: "Closed: Christmas Eve" in month.data(eve), timeout=5000)
    assert month.data(eve, Qt.ItemDataRole.BackgroundRole) is not None
    assert "Closed: Christmas Eve" in view.day_title.text()


def test_closed_days_at_once_once_the_holidays_are_read(view):
    from atmp_desktop.domain.calendar import holidays_loaded

    assert holidays_loaded()  # the demo database's findings read them
    view.set_date(date(2026, 12, 23))
    assert "Closed: Christmas Eve" in header_texts(view.week_model)[3]


def test_models_with_closed_days_set_later_pass_the_model_tester(view, qtbot, qtmodeltester):
    for mode in ("month", "week"):
        view.set_mode(mode)
        model = view.month_model if mode == "month" else view.week_model
        closures, closed = model.closures, model.closed
        model.set_closures({}, {})
        qtmodeltester.check(model)
        model.set_closures(closures, closed)
        qtmodeltester.check(model)
    week = view.week_model
    assert week.closed == closed


# -- models ------------------------------------------------------------------------------


def test_models_pass_the_model_tester(view, qtbot, qtmodeltester):
    wait_strip(qtbot, view)
    qtmodeltester.check(view.week_model)
    qtmodeltester.check(view.strip_model)
    view.set_mode("month")
    wait_strip(qtbot, view)
    qtmodeltester.check(view.month_model)
    qtmodeltester.check(view.day_model)
    qtmodeltester.check(view.strip_model)


def test_empty_and_message_models_pass_the_model_tester(qtmodeltester, qapp):
    for model in (WeekEventsModel(), MonthModel(), DayEventsModel(), LoadStripModel()):
        qtmodeltester.check(model)
    strip = LoadStripModel()
    strip.set_message(["Mon", "Tue"], "Counting the resource load…")
    qtmodeltester.check(strip)
    assert strip.data(strip.index(0, 0)) == "Counting the resource load…"
    strip.set_rows(["Mon", "Tue"], [StripRow("Chairs", "", (StripCell("1/2", ""), None), span=False)])
    qtmodeltester.check(strip)
    assert strip.data(strip.index(0, 1)) is None


# -- the plain data rules -------------------------------------------------------------------


def test_long_events_are_listed_on_their_first_and_last_day_unless_asked(services):
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    rows = services.pathways.events_between(first, last, stages=COUNTED_STAGES)
    mfg = next(r for r in rows if r.kind == "manufacturing")
    mfg = replace(mfg, first_day=date(2026, 11, 3), last_day=date(2026, 11, 20))
    short = day_entries([mfg], first, last)
    assert [d for d, es in short.items() if es] == [mfg.first_day, mfg.last_day]
    assert short[mfg.first_day][0].nth == 1
    full = day_entries([mfg], first, last, show_ongoing=True)
    assert len([d for d, es in full.items() if es]) == (mfg.last_day - mfg.first_day).days + 1


def test_closures_merge_sites_closed_alike_and_name_sites_that_differ(services):
    cals = {s.name: s.calendar for s in services.sites.list()}
    christmas = closures(cals, date(2026, 12, 24))
    assert len(christmas) == 1 and christmas[0].site is None and christmas[0].all_units
    assert christmas[0].reason == "Christmas Eve"
    friday = closures(cals, date(2026, 11, 27))  # Uppsala's apheresis unit works Monday to Thursday
    assert [(c.site, c.activities) for c in friday] == [("Akademiska Uppsala", ("apheresis",))]
    assert closures(cals, date(2026, 11, 25)) == []


def test_names_and_site_shown_only_with_all_sites(view):
    assert view._names().show_site is True
    shown = [e for d in view.week_model.days for e in view.week_model.entries[d]]
    index = view.week_model.find(shown[0].pathway_id, shown[0].row.kind)
    assert {"huddinge": "Huddinge", "uppsala": "Uppsala", "lund": "Lund"}[shown[0].row.site] in \
        view.week_model.data(index)
    view.set_site("lund")
    assert isinstance(view._names(), Names) and view._names().show_site is False
    entry = next(e for d in view.week_model.days for e in view.week_model.entries[d])
    text = view.week_model.data(view.week_model.find(entry.pathway_id, entry.row.kind))
    assert "· Lund" not in text
    assert view.week_model.data(view.week_model.find(entry.pathway_id), ItemRole) is not None


# -- a day with more events than the panel reads at once (issue 11) -------------------------


def busiest_day(view):
    month = view.month_model.summaries
    return max((d for d in month if d.month == 11), key=lambda d: month[d].listed)


def test_a_busy_day_shows_a_page_and_how_many_more_then_all_of_them(view, qtbot, monkeypatch):
    monkeypatch.setattr(DayEventsModel, "PAGE", 3)
    qtbot.mouseClick(view.month_button, Qt.MouseButton.LeftButton)
    day = busiest_day(view)
    want = [e.row for e in day_entries(view.ctx.services.pathways.events_between(day, day, stages=COUNTED_STAGES),
                                       day, day)[day]]
    assert len(want) > 2 * 3 + 1
    # the month cell counts every event of the day, per kind
    kinds: dict[str, int] = {}
    for row in want:
        kinds[row.kind] = kinds.get(row.kind, 0) + 1
    assert view.month_model.summaries[day].listed == len(want)
    assert dict(view.month_model.summaries[day].kinds) == kinds
    rect = view.month_table.visualRect(view.month_model.index_of(day))
    qtbot.mouseClick(view.month_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    model = view.day_model
    assert model.rowCount() == 4
    assert [e.row for e in model.items] == want[:3]
    more = model.index(3, 0)
    assert model.data(more) == f"+{len(want) - 3} more"
    assert model.data(more, PathwayRole) is None
    # double-clicking "+K more" reads the next page (and opens no pathway)
    opened = []
    view.openPathway.connect(opened.append)
    double_click(qtbot, view.day_list, view.day_list.visualRect(more).center())
    assert [e.row for e in model.items] == want[:6] and opened == []
    assert model.data(model.index(6, 0)) == f"+{len(want) - 6} more"
    # scrolling to the end reads the rest, page by page, until the day is listed whole
    for _ in range(len(want)):
        if not model.more:
            break
        view.day_list.scrollToBottom()
        qtbot.wait(5)
    assert model.more == 0 and model.rowCount() == len(want)
    assert [e.row for e in model.items] == want
    first = model.index(0, 0)
    with qtbot.waitSignal(view.openPathway, timeout=2000) as blocker:
        double_click(qtbot, view.day_list, view.day_list.visualRect(first).center())
    assert blocker.args == [want[0].pathway_id]


def test_the_more_line_in_swedish(qtbot, swedish):
    model = DayEventsModel()
    rows = [object()] * 5  # only the "+K more" line is read here
    model.PAGE = 2
    model.set_day(5, lambda offset, limit: rows[offset:offset + limit], Names("sv", {}, {}))
    assert model.data(model.index(2, 0)) == "+3 till"


def test_a_paged_day_passes_the_model_tester(view, qtbot, qtmodeltester, monkeypatch):
    monkeypatch.setattr(DayEventsModel, "PAGE", 2)
    view.set_mode("month")
    view.month_table.setCurrentIndex(view.month_model.index_of(busiest_day(view)))
    assert view.day_model.more > 0
    qtmodeltester.check(view.day_model)
    while view.day_model.more:
        view.day_model.fetchMore()
    qtmodeltester.check(view.day_model)
