"""The Cell lab view, driven like a user: products expected and in storage on the demo database,
a live infuse-by countdown against an injected clock, and recording receipt, storage and thaw."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.catalogue import shipped_catalogue
from atmp_desktop.domain.pathway import Event, Pathway
from atmp_desktop.ui.calendar_load import COUNTED_STAGES
from atmp_desktop.ui.celllab_data import (
    CRITICAL_MIN,
    CRITICAL_SHARE,
    SOON_MIN,
    SOON_SHARE,
    format_minutes,
    in_storage,
    thaw_countdown,
)
from atmp_desktop.ui.celllab_dialogs import StorageDialog
from atmp_desktop.ui.celllab_receipt_dialog import ReceiptDialog
from atmp_desktop.ui.celllab_thaw_dialog import ThawDialog
from atmp_desktop.ui.celllab_models import PathwayRole, StateRole
from atmp_desktop.ui.celllab_view import CellLabView
from atmp_desktop.ui.context import UiContext
from tests.ui.conftest import TODAY
from tests.ui.scanning import scan_labels

TZ = timeutil.zone("Europe/Stockholm")


def at(text: str) -> datetime:
    return timeutil.parse_when(text, TZ)  # type: ignore[return-value]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def make_view(qtbot, services, today: date, clock: Clock, site: str | None = None, tick_ms: int = 5000):
    ctx = UiContext(services, lang="en", today=today)
    ctx.set_site(site)
    view = CellLabView(ctx, now=clock, tick_ms=tick_ms)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def rows(model):
    return [model.row(model.index(r, 0)) for r in range(model.rowCount())]


def text_of(model, pathway_id: int, header: str) -> str:
    return model.text(model.find(pathway_id), model.column_of(header))


def state_of(model, pathway_id: int, header: str):
    return model.data(model.index(model.find(pathway_id), model.column_of(header)), StateRole)


def select(qtbot, table, model, pathway_id: int) -> None:
    """Click the row of *pathway_id* (through the sort proxy) as a user would."""
    proxy = table.model()
    source = model.index(model.find(pathway_id), 0)
    index = proxy.mapFromSource(source)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    assert table.currentIndex().data(PathwayRole) == pathway_id


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def thaw_candidate(services):
    """A stored pathway with a planned thaw not yet started whose product has a known thaw limit."""
    for sp in services.pathways.load_all(stages=["lymphodepletion", "product_in_storage"]):
        thaw = sp.pathway.first("thaw")
        profile = services.pathways.profile_for(sp)
        if thaw is not None and not thaw.happened and profile.rule("thaw_limit").known:
            return sp, thaw, profile
    raise AssertionError("the demo database has a planned thaw")


# -- the lists ----------------------------------------------------------------------------


def test_lists_the_demo_products_expected_and_in_storage(qtbot, services):
    view = make_view(qtbot, services, TODAY, Clock(at("2026-11-23T12:00")))
    first, last = TODAY - timedelta(days=14), TODAY + timedelta(days=28)
    expected = {r.pathway_id for r in services.pathways.events_between(first, last, stages=COUNTED_STAGES)
                if r.kind == "product_receipt" and r.actual_start is None}
    assert expected and {r.pathway_id for r in rows(view.expected_model)} == expected
    stored = {sp.id for sp in services.pathways.load_all() if sp.stage != "cancelled" and in_storage(sp.pathway)}
    assert stored and {r.pathway_id for r in rows(view.storage_model)} == stored
    # Every stored product says how its storage went, in words.
    for r in rows(view.storage_model):
        assert text_of(view.storage_model, r.pathway_id, "Storage (dry-shipper hold)")
        assert text_of(view.storage_model, r.pathway_id, "Warmest storage temperature")


def test_in_storage_shows_expiry_days_left_and_a_missing_expiry(qtbot, services):
    view = make_view(qtbot, services, TODAY, Clock(at("2026-11-23T12:00")))
    model = view.storage_model
    for r in rows(model):
        sp = services.pathways.get(r.pathway_id)
        text = text_of(model, r.pathway_id, "Expiry")
        if sp.pathway.product_expiry is None:
            assert text == "Expiry not recorded"
            assert state_of(model, r.pathway_id, "Expiry") == "missing"
        else:
            days = (sp.pathway.product_expiry - TODAY).days
            assert text == f"{sp.pathway.product_expiry.isoformat()} · {days} days left"
    assert any(state_of(model, r.pathway_id, "Expiry") == "missing" for r in rows(model))


def test_a_product_stored_after_the_shipper_hold_is_flagged(qtbot, services):
    view = make_view(qtbot, services, TODAY, Clock(at("2026-11-23T12:00")))
    model = view.storage_model
    late = [r for r in rows(model) if r.hold.state == "late"]
    assert late, "the demo database has a late transfer from the dry shipper"
    row = late[0]
    assert "AFTER the hold ended" in text_of(model, row.pathway_id, "Storage (dry-shipper hold)")
    index = model.index(model.find(row.pathway_id), model.column_of("Storage (dry-shipper hold)"))
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None


def test_a_storage_temperature_above_the_limit_is_flagged(qtbot, services, signed_in):
    pharmacist = signed_in("pharmacist")
    stored = next(sp for sp in pharmacist.pathways.load_all(stages=["product_in_storage"])
                  if pharmacist.pathways.profile_for(sp).rule("storage_max_c").known
                  and sp.pathway.first("storage").happened)
    storage = stored.pathway.first("storage")
    limit = pharmacist.pathways.profile_for(stored).rule("storage_max_c").value
    readings = list(storage.temperatures) + [(at("2026-11-23T08:00"), float(limit + 15))]
    pharmacist.pathways.record_actual(stored.id, stored.version, storage.label, storage.actual_start,
                                      temperatures=readings)
    view = make_view(qtbot, services, TODAY, Clock(at("2026-11-23T12:00")))
    text = text_of(view.storage_model, stored.id, "Warmest storage temperature")
    assert "ABOVE the limit" in text and f"{limit + 15:g}".replace("-", "−") in text
    assert state_of(view.storage_model, stored.id, "Warmest storage temperature") == "too_warm"


def test_double_click_opens_the_pathway(qtbot, services):
    view = make_view(qtbot, services, TODAY, Clock(at("2026-11-23T12:00")))
    table, model = view.expected_table, view.expected_model
    pid = rows(model)[0].pathway_id
    index = table.model().mapFromSource(model.index(model.find(pid), 0))
    pos = table.visualRect(index).center()
    with qtbot.waitSignal(view.openPathway, timeout=2000) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [pid]


def test_models_pass_the_model_tester(qtbot, services, qtmodeltester):
    sp, thaw, _ = thaw_candidate(services)
    view = make_view(qtbot, services, thaw.first_day(TZ), Clock(thaw.start))
    for model in (view.thaw_model, view.expected_model, view.storage_model):
        qtmodeltester.check(model)
        assert model.rowCount() > 0
    for table in (view.thaw_table, view.expected_table, view.storage_table):
        qtmodeltester.check(table.model())


# -- the countdown ---------------------------------------------------------------------------


def test_infuse_by_countdown_turns_amber_red_then_overdue_as_time_passes(qtbot, services, signed_in):
    pharmacist = signed_in("pharmacist")
    sp, thaw, profile = thaw_candidate(pharmacist)
    limit = profile.rule("thaw_limit").value["minutes"]
    started = thaw.start
    pharmacist.pathways.record_actual(sp.id, sp.version, thaw.label, started)
    clock = Clock(started + timedelta(minutes=1))
    view = make_view(qtbot, services, thaw.first_day(TZ), clock)
    model = view.thaw_model
    infuse_by = timeutil.add_minutes(started, limit, TZ)
    assert text_of(model, sp.id, "Infuse by") == f"{infuse_by:%H:%M}"
    assert text_of(model, sp.id, "Countdown") == f"{format_minutes(limit - 1)} left"
    assert state_of(model, sp.id, "Countdown") == "ok"
    cell = model.index(model.find(sp.id), model.column_of("Countdown"))
    assert model.data(cell, Qt.ItemDataRole.DecorationRole) is None

    soon_at = max(SOON_MIN, limit * SOON_SHARE)  # 10 min for a 30-minute limit
    critical_at = max(CRITICAL_MIN, limit * CRITICAL_SHARE)  # 5 min for a 30-minute limit
    left = int(critical_at) + 2
    assert left < soon_at
    clock.now = infuse_by - timedelta(minutes=left)
    view.tick()
    assert state_of(model, sp.id, "Countdown") == "soon"
    assert text_of(model, sp.id, "Countdown") == f"{format_minutes(left)} left — limit near"
    assert model.data(cell, Qt.ItemDataRole.DecorationRole) is not None
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole) is not None

    clock.now = infuse_by - timedelta(minutes=critical_at - 0.5)
    view.tick()
    assert state_of(model, sp.id, "Countdown") == "critical"
    assert text_of(model, sp.id, "Countdown") == f"{format_minutes(int(critical_at - 1))} left — infuse now"

    clock.now = infuse_by + timedelta(minutes=3)
    view.tick()
    assert state_of(model, sp.id, "Countdown") == "overdue"
    assert text_of(model, sp.id, "Countdown") == "OVERDUE by 3 min"
    assert model.data(cell, Qt.ItemDataRole.DecorationRole) is not None


def test_the_timer_updates_the_countdown_and_stops_when_hidden(qtbot, services, signed_in):
    pharmacist = signed_in("pharmacist")
    sp, thaw, profile = thaw_candidate(pharmacist)
    pharmacist.pathways.record_actual(sp.id, sp.version, thaw.label, thaw.start)
    clock = Clock(thaw.start + timedelta(minutes=2))
    view = make_view(qtbot, services, thaw.first_day(TZ), clock, tick_ms=50)
    assert view.timer.isActive()
    before = text_of(view.thaw_model, sp.id, "Countdown")
    clock.now += timedelta(minutes=5)
    qtbot.waitUntil(lambda: text_of(view.thaw_model, sp.id, "Countdown") != before, timeout=3000)
    view.hide()
    assert not view.timer.isActive()
    view.show()
    assert view.timer.isActive()


def test_unknown_thaw_limit_says_so_and_shows_no_countdown(qtbot, services):
    aucatzyl = next(sp for sp in services.pathways.load_all(stages=["lymphodepletion", "product_in_storage"])
                    if sp.product == "aucatzyl" and sp.pathway.first("thaw") is not None)
    thaw = aucatzyl.pathway.first("thaw")
    view = make_view(qtbot, services, thaw.first_day(TZ), Clock(thaw.start + timedelta(minutes=10)))
    model = view.thaw_model
    assert text_of(model, aucatzyl.id, "Countdown") == "Limit unknown — confirm with the pharmacist"
    assert text_of(model, aucatzyl.id, "Infuse by") == "—"
    assert state_of(model, aucatzyl.id, "Countdown") == "unknown"


def test_countdown_counts_real_minutes_across_the_spring_daylight_saving_change():
    profile = shipped_catalogue().profile("kymriah")  # 30 min from the start of thaw
    thaw = Event("thaw", at("2027-03-28T01:50"), actual_start=at("2027-03-28T01:50"))
    infusion = Event("infusion", at("2027-03-28T03:05"))
    pathway = Pathway("kymriah", events=[thaw, infusion])
    c = thaw_countdown(pathway, thaw, profile, at("2027-03-28T03:10"))  # clocks went 02:00 -> 03:00
    assert c.infuse_by == at("2027-03-28T03:20")
    assert c.minutes_left == pytest.approx(10.0)
    assert c.state == "soon"


# -- recording ---------------------------------------------------------------------------------


def test_pharmacist_records_a_thaw(qtbot, signed_in):
    pharmacist = signed_in("pharmacist")
    sp, thaw, profile = thaw_candidate(pharmacist)
    limit = profile.rule("thaw_limit").value["minutes"]
    clock = Clock(thaw.start + timedelta(minutes=3))
    view = make_view(qtbot, pharmacist, thaw.first_day(TZ), clock)
    assert not view.role_label.isVisibleTo(view)
    select(qtbot, view.thaw_table, view.thaw_model, sp.id)
    assert view.thaw_button.isEnabled()
    qtbot.mouseClick(view.thaw_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, ThawDialog) and dialog.isVisible()
    expected_by = timeutil.add_minutes(clock.now.replace(second=0, microsecond=0), limit, TZ)
    assert f"{expected_by:%H:%M}" in dialog.infuse_by.text()
    scan_labels(qtbot, dialog, pharmacist, sp.id)
    save(qtbot, dialog)
    assert not dialog.isVisible()
    stored = pharmacist.pathways.get(sp.id).pathway
    recorded = next(e for e in stored.events if e.label == thaw.label)
    assert recorded.actual_start == clock.now.replace(second=0, microsecond=0)
    assert recorded.extra["recorded_by"] == "pharmacist"
    assert state_of(view.thaw_model, sp.id, "Countdown") == "ok"  # the list follows the save at once


def test_nurse_cannot_record_cell_lab_times(qtbot, signed_in, monkeypatch):
    nurse = signed_in("nurse")
    sp, thaw, _ = thaw_candidate(nurse)
    view = make_view(qtbot, nurse, thaw.first_day(TZ), Clock(thaw.start))
    assert view.role_label.isVisibleTo(view)
    select(qtbot, view.thaw_table, view.thaw_model, sp.id)
    for button in (view.thaw_button, view.receipt_button, view.storage_button, view.storage_thaw_button):
        assert not button.isEnabled()
        assert button.toolTip() == "Only a pharmacist may record this"
    # Even reached another way, the service refuses and the refusal is shown in words.
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    dialog = view.record_thaw(view.thaw_model.row(view.thaw_model.index(view.thaw_model.find(sp.id), 0)))
    save(qtbot, dialog)
    assert shown and "may not" in shown[0] and "nothing was changed" in shown[0]
    assert dialog.isVisible()
    assert not next(e for e in nurse.pathways.get(sp.id).pathway.events if e.label == thaw.label).happened


def test_receipt_then_storage_with_the_shipper_hold_counting_down(qtbot, signed_in):
    pharmacist = signed_in("pharmacist")
    rows_ = [r for r in pharmacist.pathways.events_between(TODAY, TODAY + timedelta(days=14), stages=COUNTED_STAGES)
             if r.kind == "product_receipt" and r.actual_start is None]
    target = rows_[0]
    day = target.first_day
    clock = Clock(timeutil.at(day, 10, 20, TZ))
    view = make_view(qtbot, pharmacist, day, clock)
    select(qtbot, view.expected_table, view.expected_model, target.pathway_id)
    qtbot.mouseClick(view.receipt_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, ReceiptDialog)
    assert not dialog.hold_on.isChecked() and not dialog.hold.isEnabled()  # never guessed
    qtbot.mouseClick(dialog.hold_on, Qt.MouseButton.LeftButton)
    assert dialog.hold.isEnabled()
    dialog.hold.set_value(clock.now + timedelta(hours=3))
    qtbot.mouseClick(dialog.expiry_on, Qt.MouseButton.LeftButton)
    dialog.expiry.setDate(dialog.expiry.date().addMonths(6))
    scan_labels(qtbot, dialog, pharmacist, target.pathway_id, second="pharmacist2")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert view.expected_model.find(target.pathway_id) == -1
    model = view.storage_model
    assert model.find(target.pathway_id) >= 0
    hold = "Storage (dry-shipper hold)"
    assert text_of(model, target.pathway_id, hold).startswith("Not in storage yet · shipper hold ends in 3 h 00 min")
    assert state_of(model, target.pathway_id, hold) == "waiting"
    clock.now += timedelta(hours=2)
    view.tick()
    assert state_of(model, target.pathway_id, hold) == "soon"
    clock.now += timedelta(hours=1, minutes=10)
    view.tick()
    assert state_of(model, target.pathway_id, hold) == "overdue"
    assert "ENDED 10 min ago — place in storage now" in text_of(model, target.pathway_id, hold)

    select(qtbot, view.storage_table, model, target.pathway_id)
    qtbot.mouseClick(view.storage_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert isinstance(dialog, StorageDialog)
    qtbot.keyClicks(dialog.temperature, "-185")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert state_of(model, target.pathway_id, hold) == "late"
    assert "−185 °C" in text_of(model, target.pathway_id, "Warmest storage temperature")
    stored = pharmacist.pathways.get(target.pathway_id)
    assert stored.stage == "product_in_storage"
    assert stored.pathway.product_expiry == date(day.year, day.month, day.day) + relativedelta(months=6)
    assert stored.pathway.first("product_receipt").shipper_hold_until == timeutil.at(day, 13, 20, TZ)
    assert stored.pathway.first("storage").temperatures[-1][1] == -185.0


def test_a_save_conflict_keeps_the_entries_and_the_second_save_works(qtbot, signed_in, monkeypatch):
    pharmacist = signed_in("pharmacist")
    sp, thaw, _ = thaw_candidate(pharmacist)
    view = make_view(qtbot, pharmacist, thaw.first_day(TZ), Clock(thaw.start))
    select(qtbot, view.thaw_table, view.thaw_model, sp.id)
    qtbot.mouseClick(view.thaw_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    dialog.started.set_value(thaw.start + timedelta(minutes=7))
    scan_labels(qtbot, dialog, pharmacist, sp.id)
    # Someone else saves the same pathway meanwhile.
    other = signed_in("pharmacist2")
    fresh = other.pathways.get(sp.id)
    storage = fresh.pathway.first("storage")
    other.pathways.record_actual(sp.id, fresh.version, storage.label, storage.actual_start,
                                 temperatures=list(storage.temperatures) + [(thaw.start, -180.0)])
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    save(qtbot, dialog)
    assert dialog.isVisible() and shown and "pharmacist2" in shown[0]
    assert dialog.started.value() == thaw.start + timedelta(minutes=7)
    save(qtbot, dialog)
    assert not dialog.isVisible()
    recorded = next(e for e in pharmacist.pathways.get(sp.id).pathway.events if e.label == thaw.label)
    assert recorded.actual_start == thaw.start + timedelta(minutes=7)
