"""The pathway timeline widget: geometry, day numbers, closed days, today, and moving events by whole days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.planner import PlanRequest, Planner
from atmp_desktop.ui.timeline import MIN_DAYS_AFTER_INFUSION, TimelineArea

TODAY = date(2026, 11, 23)


@pytest.fixture
def plan():
    return Planner().plan(PlanRequest("yescarta", apheresis=date(2026, 11, 16)))


@pytest.fixture
def area(qtbot, plan):
    a = TimelineArea("en")
    qtbot.addWidget(a)
    a.resize(1200, 500)
    a.timeline.set_pathway(plan.pathway, SiteCalendar(), TODAY, plan.findings, editable=True)
    a.show()
    qtbot.waitExposed(a)
    return a


def _visible(area, label):
    """Scroll so that the planned bar of *label* is in view; return its centre."""
    rect = area.timeline.planned_rect(label)
    area.ensureVisible(rect.center().x(), rect.center().y(), 300, 40)
    return rect.center()


def test_range_runs_from_apheresis_to_past_monitoring_with_label_day_numbers(area, plan):
    t = area.timeline
    p = plan.pathway
    d0 = p.infusion_day()
    assert t.first_day == p.first("apheresis").first_day(p.tz) - timedelta(days=1)
    assert t.last_day >= d0 + timedelta(days=MIN_DAYS_AFTER_INFUSION)
    assert t._day_number_text(d0) == "0"
    assert t._day_number_text(d0 - timedelta(days=5)) == "-5"
    assert t._day_number_text(d0 + timedelta(days=28)) == "+28"
    # one row per event, in pathway order
    assert [t.label_at(QPoint(t.NAME_W + 5, t.row_top(i) + 5)) for i in range(len(p.events))] == [
        e.label for e in p.events]


def test_tooltip_names_closed_days_today_and_event_times(area, plan):
    t = area.timeline
    row = t.row_of("infusion")
    y = t.row_top(row) + 5
    saturday = date(2026, 12, 26)  # Boxing Day and a Saturday
    text = t.tooltip_for(QPoint(t.day_center(saturday), y))
    assert "Closed:" in text
    assert "Planned:" in text and "infusion" in text
    assert "Today" in t.tooltip_for(QPoint(t.day_center(TODAY), t.row_top(0) + 5))


def test_drag_moves_by_whole_days_and_emits_once(area, qtbot):
    t = area.timeline
    start = _visible(area, "infusion")
    moved = []
    t.eventMoved.connect(lambda label, days: moved.append((label, days)))
    end = start + QPoint(3 * t.DAY_W + 4, 0)  # a little over three days: still three
    qtbot.mousePress(t, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(t, end)
    assert t._drag_days == 3
    qtbot.mouseRelease(t, Qt.MouseButton.LeftButton, pos=end)
    assert moved == [("infusion", 3)]
    assert t.selected() == "infusion"


def test_small_drag_or_escape_moves_nothing(area, qtbot):
    t = area.timeline
    start = _visible(area, "lymphodepletion")
    moved = []
    t.eventMoved.connect(lambda label, days: moved.append((label, days)))
    qtbot.mousePress(t, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(t, Qt.MouseButton.LeftButton, pos=start + QPoint(t.DAY_W // 3, 0))
    qtbot.mousePress(t, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(t, start + QPoint(5 * t.DAY_W, 0))
    qtbot.keyClick(t, Qt.Key.Key_Escape)
    qtbot.mouseRelease(t, Qt.MouseButton.LeftButton, pos=start + QPoint(5 * t.DAY_W, 0))
    assert moved == []


def test_keyboard_moves_the_selected_event(area, qtbot):
    t = area.timeline
    moved = []
    t.eventMoved.connect(lambda label, days: moved.append((label, days)))
    t.select("thaw")
    qtbot.keyClick(t, Qt.Key.Key_Down)
    assert t.selected() == "infusion"
    qtbot.keyClick(t, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(t, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert moved == [("infusion", 1), ("infusion", -1)]


def test_happened_events_and_read_only_timelines_do_not_move(area, plan, qtbot):
    t = area.timeline
    plan.pathway.first("apheresis").actual_start = plan.pathway.first("apheresis").start
    t.set_pathway(plan.pathway, SiteCalendar(), TODAY, [], editable=True)
    assert not t.movable("apheresis") and t.movable("infusion")
    t.set_editable(False)
    moved = []
    t.eventMoved.connect(lambda label, days: moved.append((label, days)))
    start = _visible(area, "infusion")
    qtbot.mousePress(t, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseRelease(t, Qt.MouseButton.LeftButton, pos=start + QPoint(4 * t.DAY_W, 0))
    assert moved == []


def test_paints_legibly(area):
    image = area.grab().toImage()
    assert image.width() > 500
    # Something is drawn in more than one tone (bars, text, hatching), not a blank widget.
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5


def test_empty_timeline_says_so(qtbot):
    a = TimelineArea("sv")
    qtbot.addWidget(a)
    a.timeline.set_pathway(None)
    assert a.timeline.label_at(QPoint(200, 100)) is None
    a.grab()


def test_repainting_many_times_does_not_exhaust_none(area):
    """PySide6 6.12.0 drops a reference to None per void call; the timeline paints with hundreds of them."""
    import sys

    from atmp_desktop.ui import timeline

    for _ in range(40):
        area.timeline.repaint()
    if timeline.NONE_GUARD:
        assert sys.getrefcount(None) > 1 << 50
    assert sys.getrefcount(None) > 1000
