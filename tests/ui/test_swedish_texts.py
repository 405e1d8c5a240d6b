"""Swedish texts that were once left in English: an empty day in Today, a time typed in a skipped hour."""

from __future__ import annotations

from datetime import date

import pytest

from PySide6.QtCore import QModelIndex

from atmp_desktop.ui.today_model import TodayModel


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


def test_a_time_in_the_skipped_hour_is_refused_in_swedish(qtbot, swedish):
    from atmp_desktop.domain import timeutil
    from atmp_desktop.ui.pathway_input import InputError, parse_user_when

    with pytest.raises(InputError) as refused:
        parse_user_when("2027-03-28 2:30", timeutil.zone("Europe/Stockholm"), "upptining")
    assert str(refused.value) == "upptining: 2027-03-28 02:30 finns inte i Europe/Stockholm (klockan ställs fram " \
                                 "den timmen)"
