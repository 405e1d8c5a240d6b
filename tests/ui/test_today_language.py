"""Today in Swedish: every text of the list, including a day with nothing planned, is translated."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex

from atmp_desktop.ui.models import TodayModel


def test_a_day_with_nothing_planned_says_so_in_swedish(qtbot, swedish):
    model = TodayModel("sv")
    model.set_events([(date(2026, 12, 5), "Idag, lördag 5 december 2026"),
                      (date(2026, 12, 6), "Imorgon, söndag 6 december 2026")], [])
    texts = [model.index(row, 0, QModelIndex()).data() for row in range(model.rowCount())]
    assert texts == ["Idag, lördag 5 december 2026 — inget planerat",
                     "Imorgon, söndag 6 december 2026 — inget planerat"]


def test_a_day_with_nothing_planned_says_so_in_english(qtbot):
    model = TodayModel("en")
    model.set_events([(date(2026, 12, 5), "Today, Saturday 5 December 2026")], [])
    assert model.index(0, 0, QModelIndex()).data() == "Today, Saturday 5 December 2026 — nothing planned"
