"""The site calendar: Swedish holidays (computed here independently of the holidays package)."""

from __future__ import annotations

from datetime import date

import pytest

from atmp_desktop.domain.calendar import ACTIVITIES, STAFFED_EVENTS, ActivityHours, SiteCalendar
from tests.fixtures.holidays_se import swedish_closed_days

YEARS = (2026, 2027, 2028)
CLOSED = [(d, name) for y in YEARS for d, name in swedish_closed_days(y).items()]


@pytest.mark.parametrize("day, name", CLOSED, ids=[f"{d}-{n}" for d, n in CLOSED])
@pytest.mark.parametrize("activity", ACTIVITIES)
def test_swedish_holidays_are_closed_for_every_activity(day, name, activity):
    cal = SiteCalendar()
    assert not cal.is_open(day, activity)
    assert cal.closed_reason(day, activity)
    assert cal.closed_reason(day, activity, "sv")


def test_easter_2027_dates():
    cal = SiteCalendar()
    assert cal.closed_reason(date(2027, 3, 26), "ward") == "Good Friday"
    assert cal.closed_reason(date(2027, 3, 26), "ward", "sv") == "Långfredagen"
    assert cal.closed_reason(date(2027, 3, 29), "ward", "sv") == "Annandag påsk"
    assert cal.is_open(date(2027, 3, 25), "ward")  # Maundy Thursday is a working day
    assert cal.is_open(date(2027, 3, 30), "ward")


def test_national_day_on_a_weekday_and_the_eves():
    cal = SiteCalendar()
    assert cal.closed_reason(date(2028, 6, 6), "apheresis", "sv") == "Nationaldagen"  # a Tuesday
    assert cal.closed_reason(date(2026, 6, 19), "ward", "sv") == "Midsommarafton"  # a Friday
    assert cal.closed_reason(date(2026, 12, 24), "ward") == "Christmas Eve"  # a Thursday
    assert cal.closed_reason(date(2026, 12, 31), "ward", "sv") == "Nyårsafton"


@pytest.mark.parametrize("day", [date(2026, 6, 18), date(2026, 12, 23), date(2026, 12, 30), date(2027, 1, 4)])
def test_ordinary_weekdays_next_to_holidays_are_open(day):
    cal = SiteCalendar()
    for activity in ACTIVITIES:
        assert cal.is_open(day, activity)


def test_weekends_are_closed_by_default_and_weekdays_configurable():
    cal = SiteCalendar()
    assert cal.closed_reason(date(2027, 1, 16), "ward") == "Saturday"
    assert cal.closed_reason(date(2027, 1, 17), "ward", "sv") == "söndag"
    weekend_ward = SiteCalendar(activities={
        "apheresis": ActivityHours(), "cell_lab": ActivityHours(),
        "ward": ActivityHours(weekdays=frozenset(range(7))),
    })
    assert weekend_ward.is_open(date(2027, 1, 16), "ward")
    assert not weekend_ward.is_open(date(2027, 1, 16), "apheresis")
    # a public holiday stays closed even on a seven-day ward
    assert not weekend_ward.is_open(date(2026, 12, 25), "ward")


@pytest.mark.parametrize("eve, day", [
    ("christmas_eve", date(2026, 12, 24)),
    ("midsummer_eve", date(2026, 6, 19)),
    ("new_years_eve", date(2026, 12, 31)),
])
def test_each_default_closed_eve_can_be_opened_per_site(eve, day):
    assert not SiteCalendar().is_open(day, "ward")
    others = tuple(e for e in ("midsummer_eve", "christmas_eve", "new_years_eve") if e != eve)
    assert SiteCalendar(closed_eves=others).is_open(day, "ward")


def test_site_closed_and_open_dates_and_config_round_trip():
    cal = SiteCalendar(
        extra_closed={date(2027, 2, 3): "inventory"},
        extra_open=frozenset({date(2027, 2, 6)}),  # a Saturday opened
    )
    assert cal.closed_reason(date(2027, 2, 3), "cell_lab") == "inventory"
    assert cal.is_open(date(2027, 2, 6), "cell_lab")
    again = SiteCalendar.from_config(cal.to_config())
    assert again.to_config() == cal.to_config()
    assert again.closed_reason(date(2027, 2, 3), "cell_lab") == "inventory"
    assert SiteCalendar.from_config(None).to_config() == SiteCalendar().to_config()


def test_unknown_eve_and_activity_are_refused():
    with pytest.raises(ValueError):
        SiteCalendar(closed_eves=("easter_eve",))
    with pytest.raises(ValueError):
        SiteCalendar().is_open(date(2027, 1, 4), "pharmacy")


def test_next_open_skips_the_whole_christmas_break():
    cal = SiteCalendar()
    assert cal.next_open(date(2026, 12, 24), "cell_lab") == date(2026, 12, 28)
    assert cal.next_open(date(2026, 12, 31), "cell_lab") == date(2027, 1, 4)  # 1 Jan Fri, weekend
    assert cal.next_open(date(2026, 12, 27), "cell_lab", step=-1) == date(2026, 12, 23)


def test_staffed_events_are_the_four_the_issue_names():
    assert set(STAFFED_EVENTS) == {"apheresis", "product_receipt", "thaw", "infusion"}
