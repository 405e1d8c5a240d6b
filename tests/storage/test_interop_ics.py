"""ICS export (issue 14): read back with icalendar, local times across a clock change, stable UIDs."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from atmp_desktop.cli.main import run
from atmp_desktop.services.errors import NotFound, ValidationError
from atmp_desktop.services.ics import IcsEvent, IcsService, build_calendar, event_uid, initials
from atmp_desktop.storage.records import EventRow
from tests.storage.helpers import as_, file_hash

STHLM = ZoneInfo("Europe/Stockholm")


def _row(pid: int, label: str, start, end=None, stage: str = "product_in_storage") -> EventRow:
    first = start.astimezone(STHLM).date() if isinstance(start, datetime) else start
    last = end.astimezone(STHLM).date() if isinstance(end, datetime) else (end or first)
    return EventRow(pid, 1, "Berg, Anna Maria", "198112189876", "huddinge", "kymriah", stage,
                    label.partition("#")[0], label, start, end, None, None, first, last, 0, 0)


def _parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def _vevents(cal: Calendar) -> dict[str, object]:
    return {str(ev["uid"]): ev for ev in cal.walk("VEVENT")}


def test_times_keep_local_clock_across_both_daylight_saving_changes():
    # Last Sunday of October 2026 (25th) and of March 2027 (28th): 09:00 local on both sides.
    moments = {
        "thaw": datetime(2026, 10, 23, 9, 0, tzinfo=STHLM),        # CEST, UTC+2
        "infusion": datetime(2026, 10, 26, 9, 0, tzinfo=STHLM),    # CET, UTC+1
        "thaw#2": datetime(2027, 3, 26, 9, 0, tzinfo=STHLM),       # CET, UTC+1
        "infusion#2": datetime(2027, 3, 29, 9, 0, tzinfo=STHLM),   # CEST, UTC+2
    }
    events = [IcsEvent(_row(7, label, t, t + timedelta(minutes=30)), "Anna Maria", "Berg", 3, None)
              for label, t in moments.items()]
    data = build_calendar(events, STHLM, stamp=datetime(2026, 10, 1, tzinfo=timezone.utc))
    cal = _parse(data)
    got = _vevents(cal)
    utc_hours = {"thaw": 7, "infusion": 8, "thaw#2": 8, "infusion#2": 7}
    for label, when in moments.items():
        ev = got[event_uid(7, label, "huddinge")]
        start = ev["dtstart"].dt
        assert ev["dtstart"].params["TZID"] == "Europe/Stockholm"
        assert (start.hour, start.minute) == (9, 0)
        assert start.astimezone(timezone.utc).hour == utc_hours[label]
        assert ev["dtend"].dt - start == timedelta(minutes=30)
    # The file's own VTIMEZONE (not only the zone's name) gives the same offsets: what Outlook uses.
    (vtz,) = cal.walk("VTIMEZONE")
    assert str(vtz["tzid"]) == "Europe/Stockholm"
    own = vtz.to_tz()
    for label, when in moments.items():
        naive = when.replace(tzinfo=None)
        assert naive.replace(tzinfo=own).utcoffset() == when.utcoffset(), label


def test_day_events_are_dates_and_the_title_has_initials_not_the_personnummer():
    row = _row(9, "lymphodepletion", date(2026, 11, 25), date(2026, 11, 27))
    data = build_calendar([IcsEvent(row, "Anna Maria", "Berg", 1, None)], STHLM)
    ev = next(iter(_vevents(_parse(data)).values()))
    assert ev["dtstart"].dt == date(2026, 11, 25)
    assert ev["dtend"].dt == date(2026, 11, 28)  # exclusive end: the day after the last day
    assert "A.M.B." in str(ev["summary"]) and "pathway 9" in str(ev["summary"])
    text = data.decode("utf-8")
    assert "198112189876" not in text and "811218" not in text and "Berg" not in text
    full = build_calendar([IcsEvent(row, "Anna Maria", "Berg", 1, None)], STHLM, full_name=True, lang="sv")
    assert "Anna Maria Berg" in str(next(iter(_vevents(_parse(full)).values()))["summary"])
    assert "198112189876" not in full.decode("utf-8")


def test_initials():
    assert initials("Anna-Karin", "Öberg") == "A.K.Ö."
    assert initials("", "") == "?"


def test_reexport_keeps_uids_and_raises_sequence(svc):
    ics = IcsService(svc)
    first, last = date(2026, 11, 23), date(2026, 12, 27)
    before, n = ics.export("huddinge", first, last)
    assert n > 10
    cal1 = _vevents(_parse(before))
    assert len(cal1) == n  # one VEVENT per event, UIDs unique
    # Someone records a time on one pathway: the same UIDs, that pathway's SEQUENCE goes up.
    ev = next(e for e in cal1.values() if "thaw" in str(e["categories"].cats))
    pid = int(str(ev["uid"]).split("-")[1])
    sp = svc.pathways.get(pid)
    as_(svc, "pharmacist")
    receipt = sp.pathway.first("product_receipt")
    if not receipt.happened:
        svc.pathways.record_actual(pid, sp.version, "product_receipt", receipt.start)
    else:
        svc.pathways.record_actual(pid, sp.version, "storage", sp.pathway.first("storage").when, note="re-read")
    after, _ = ics.export("huddinge", first, last)
    cal2 = _vevents(_parse(after))
    assert set(cal2) == set(cal1)
    assert int(cal2[str(ev["uid"])]["sequence"]) == int(ev["sequence"]) + 1


def test_cancelled_pathway_events_are_marked_cancelled(svc):
    ics = IcsService(svc)
    data, _ = ics.export("huddinge", date(2026, 11, 23), date(2026, 12, 27))
    ev = next(iter(_vevents(_parse(data)).values()))
    pid = int(str(ev["uid"]).split("-")[1])
    as_(svc, "coordinator")
    sp = svc.pathways.get(pid)
    svc.pathways.cancel(pid, sp.version, "patient withdrew")
    again = _vevents(_parse(ics.export("huddinge", date(2026, 11, 23), date(2026, 12, 27))[0]))
    assert str(again[str(ev["uid"])]["status"]) == "CANCELLED"


def test_refusals(svc):
    ics = IcsService(svc)
    with pytest.raises(NotFound):
        ics.export("nowhere", date(2026, 11, 23), date(2026, 11, 30))
    with pytest.raises(ValidationError):
        ics.export("huddinge", date(2026, 11, 30), date(2026, 11, 23))


def test_cli_writes_the_file_and_refuses_in_one_line(demo_db, tmp_path, capsys):
    out = tmp_path / "huddinge.ics"
    code = run(["export-ics", "--db", str(demo_db), "--site", "huddinge", "--from", "2026-11-23",
                "--to", "2026-12-06", "--out", str(out)])
    assert code == 0
    assert "wrote" in capsys.readouterr().out
    cal = _parse(out.read_bytes())
    assert cal.walk("VEVENT")
    db_before = file_hash(demo_db)
    assert run(["export-ics", "--db", str(demo_db), "--site", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere" in err
    assert run(["export-ics", "--db", str(demo_db), "--site", "huddinge", "--from", "2026-13-01"]) == 2
    assert file_hash(demo_db) == db_before
