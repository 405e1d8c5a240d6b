"""A finding made in the Pathway view (drag, save) is seen in the Today view and the Calendar view."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt

from atmp_desktop.ui.calendar_view import CalendarView
from atmp_desktop.ui.cells import FindingCodeRole, PathwayIdRole
from atmp_desktop.ui.today_view import TodayView

from .test_pathway_view import IN_STORAGE, drag, make_view, yes  # noqa: F401 - yes is a fixture


def today_codes(view: TodayView, pathway_id: int) -> set[str]:
    """The finding codes the Today tree shows under *pathway_id*'s events."""
    view.load_all_details()
    model = view.tree.model()
    codes = set()
    for d in range(model.rowCount()):
        day = model.index(d, 0)
        for e in range(model.rowCount(day)):
            event = model.index(e, 0, day)
            if event.data(PathwayIdRole) != pathway_id:
                continue
            for f in range(model.rowCount(event)):
                codes.add(model.index(f, 0, event).data(FindingCodeRole))
    return codes


def calendar_text(view: CalendarView, pathway_id: int, kind: str) -> str:
    index = view.week_model.find(pathway_id, kind)
    return view.week_model.data(index) if index.isValid() else ""


def test_drag_save_and_see_the_finding_in_today_and_calendar(qtbot, ctx, services, yes):  # noqa: F811
    today = TodayView(ctx)
    qtbot.addWidget(today)
    today.show()  # a hidden Today view computes no findings
    qtbot.waitExposed(today)
    calendar = CalendarView(ctx)
    qtbot.addWidget(calendar)
    calendar.resize(1300, 800)
    calendar.show()
    # The product arrives today (a Today item); the infusion is planned on 30 November.
    assert IN_STORAGE in today.model.pathway_ids()
    assert "LD_TO_INFUSION" not in today_codes(today, IN_STORAGE)
    calendar.set_date(date(2026, 12, 14))
    assert calendar_text(calendar, IN_STORAGE, "infusion") == ""

    view = make_view(qtbot, ctx, IN_STORAGE)
    drag(qtbot, view, "infusion", 14)
    assert "LD_TO_INFUSION" in view.editor.new_codes()
    # before saving, the other views still show the stored pathway
    assert "LD_TO_INFUSION" not in today_codes(today, IN_STORAGE)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert not view.dirty

    # Today reloads on the change signal and lists the new finding under the pathway's items.
    assert "LD_TO_INFUSION" in today_codes(today, IN_STORAGE)
    # The Calendar's week of 14 December now shows the infusion there, with its error in words.
    qtbot.waitUntil(lambda: "Errors: 1" in calendar_text(calendar, IN_STORAGE, "infusion"), timeout=5000)
    index: QModelIndex = calendar.week_model.find(IN_STORAGE, "infusion")
    assert calendar.week_model.days[index.column()] == date(2026, 12, 14)
    assert calendar.week_model.data(index, Qt.ItemDataRole.DecorationRole) is not None
