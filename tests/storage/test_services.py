"""The service layer: patients, pathways, permissions per role, sign-offs, product overrides, sites."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.domain.resources import Resource
from atmp_desktop.services import (
    AuthenticationError,
    DuplicateError,
    NotFound,
    PermissionDenied,
    Services,
    ValidationError,
)
from atmp_desktop.storage import Store
from atmp_desktop.storage.audit import verify
from tests.storage.helpers import PASSWORDS, as_, file_hash, session


# -- signing in ------------------------------------------------------------------------------


def test_sign_in_checks_the_password(svc):
    assert svc.sign_in("nurse", PASSWORDS["nurse"]).role == "nurse"
    for name, pw in (("nurse", "wrong-password"), ("nobody", "whatever1"), ("nurse", "")):
        with pytest.raises(AuthenticationError, match="unknown user or wrong password"):
            svc.sign_in(name, pw)


def test_changes_need_a_signed_in_user(svc, demo_db):
    before = file_hash(demo_db)
    with pytest.raises(AuthenticationError, match="sign in"):
        svc.patients.create(identifier="198112189876", given_name="A", family_name="B", treating_site="lund")
    svc.close()
    assert file_hash(demo_db) == before


def test_a_deactivated_user_cannot_sign_in(svc):
    as_(svc, "admin")
    nurse = svc.users.get("nurse")
    svc.users.update(replace(nurse, active=False), reason="left the unit")
    with pytest.raises(AuthenticationError):
        svc.sign_in("nurse", PASSWORDS["nurse"])


def test_password_change_own_and_by_admin(svc):
    as_(svc, "nurse")
    with pytest.raises(AuthenticationError, match="old password"):
        svc.users.set_password("nurse", "new-secret-1", old_password="wrong")
    svc.users.set_password("nurse", "new-secret-1", old_password=PASSWORDS["nurse"])
    with pytest.raises(PermissionDenied):
        svc.users.set_password("pharmacist", "new-secret-2")
    assert svc.sign_in("nurse", "new-secret-1").username == "nurse"
    as_(svc, "admin")
    svc.users.set_password("nurse", "reset-by-admin")
    assert svc.sign_in("nurse", "reset-by-admin").username == "nurse"
    as_(svc, "admin")
    with pytest.raises(AuthenticationError, match="at least"):
        svc.users.set_password("nurse", "short")


# -- patients -----------------------------------------------------------------------------------


def test_register_a_patient_with_any_spelling_of_the_number(svc):
    as_(svc, "coordinator")
    p = svc.patients.create(identifier="811218-9876", given_name="Test", family_name="Testsson",
                            treating_site="lund", weight_kg=72, height_cm=180)
    assert (p.identifier, p.id_kind, p.birth_date, p.sex) == ("198112189876", "personnummer", date(1981, 12, 18), "M")
    assert p.weight_kg == 72.0 and p.version == 1 and p.created_by == "coordinator"
    assert svc.patients.by_identifier("19811218-9876").id == p.id
    assert [q.id for q in svc.patients.search("9876")] == [p.id]
    assert p.id in [q.id for q in svc.patients.search("testss")]
    with pytest.raises(DuplicateError, match="already registered"):
        svc.patients.create(identifier="198112189876", given_name="Other", family_name="Person",
                            treating_site="huddinge")
    assert verify(svc.store).ok


def test_samordningsnummer_and_reserve_ids(svc):
    as_(svc, "coordinator")
    s = svc.patients.create(identifier="811278-9873", given_name="A", family_name="B", treating_site="lund")
    assert (s.id_kind, s.birth_date) == ("samordningsnummer", date(1981, 12, 18))
    r1 = svc.patients.create(identifier=None, given_name="Ola", family_name="Nordmann", treating_site="lund",
                             birth_date=date(1970, 5, 6), referring_site="Oslo universitetssykehus")
    r2 = svc.patients.create(identifier="", given_name="Kari", family_name="Nordmann", treating_site="lund",
                             birth_date=date(1970, 5, 6))
    assert r1.id_kind == "reserve" and r1.identifier.startswith("R19700506")
    assert r1.identifier != r2.identifier
    with pytest.raises(ValidationError, match="birth date"):
        svc.patients.create(identifier=None, given_name="A", family_name="B", treating_site="lund")


@pytest.mark.parametrize("fields, words", [
    ({"identifier": "811218-9875"}, "check digit"),
    ({"identifier": "198112189876", "birth_date": date(1981, 12, 19)}, "does not match"),
    ({"given_name": " "}, "given name"),
    ({"treating_site": "mars"}, "unknown treating site"),
    ({"weight_kg": 0}, "weight_kg"),
    ({"height_cm": "tall"}, "not a number"),
    ({"sex": "Q"}, "sex"),
])
def test_invalid_patients_are_refused(svc, fields, words):
    as_(svc, "coordinator")
    base = {"identifier": "198112189876", "given_name": "A", "family_name": "B", "treating_site": "lund"}
    with pytest.raises(ValidationError, match=words):
        svc.patients.create(**{**base, **fields})


def test_who_may_change_a_patient(svc):
    as_(svc, "nurse")
    p = svc.patients.get(3)
    with pytest.raises(PermissionDenied, match="nurse .* may not register"):
        svc.patients.create(identifier="198112189876", given_name="A", family_name="B", treating_site="lund")
    heavier = svc.patients.update(p.with_changes(weight_kg=81.5))
    assert heavier.weight_kg == 81.5 and heavier.version == p.version + 1
    with pytest.raises(PermissionDenied, match="family_name"):
        svc.patients.update(heavier.with_changes(family_name="Changed"))
    as_(svc, "coordinator")
    renamed = svc.patients.update(heavier.with_changes(family_name="Changed"))
    assert renamed.family_name == "Changed"
    from atmp_desktop.services import ConflictError
    with pytest.raises(ConflictError):
        svc.patients.update(heavier.with_changes(given_name="Stale"))


# -- pathways and permissions ---------------------------------------------------------------------


def test_plan_create_and_list(svc):
    as_(svc, "coordinator")
    patient = svc.patients.create(identifier="198112189876", given_name="Test", family_name="Testsson",
                                  treating_site="uppsala")
    plan = svc.pathways.propose(PlanRequest("kymriah", "b-all", apheresis=date(2027, 1, 11)), "uppsala")
    sp = svc.pathways.create(patient.id, plan.pathway)
    assert sp.id is not None and sp.version == 1 and sp.site == "uppsala"
    assert sp.stage == "awaiting_apheresis" and sp.profile_version == 0
    assert (sp.open_errors, sp.open_warnings) == (0, 0)
    rows = svc.pathways.rows(site="uppsala")
    row = next(r for r in rows if r.id == sp.id)
    assert (row.product, row.patient_name, row.infusion_day) == (
        "kymriah", "Testsson, Test", plan.pathway.first("infusion").first_day(plan.pathway.tz))
    assert svc.pathways.findings(sp) == svc.pathways.check(sp.id)


@pytest.mark.parametrize("user, event, allowed", [
    ("pharmacist", "thaw", True),
    ("nurse", "thaw", False),
    ("coordinator", "thaw", False),
    ("admin", "thaw", False),
    ("nurse", "infusion", True),
    ("pharmacist", "infusion", False),
    ("pharmacist", "storage", True),
    ("nurse", "lymphodepletion", True),
    ("coordinator", "manufacturing", True),
])
def test_who_records_actual_times(svc, demo_db, user, event, allowed):
    as_(svc, user)
    sp = svc.pathways.get(4)  # lymphodepletion running
    e = sp.pathway.first(event)
    if allowed:
        saved = svc.pathways.record_actual(sp.id, sp.version, event, e.start, e.end)
        assert saved.pathway.first(event).actual_start == e.start
        assert saved.pathway.first(event).extra["recorded_by"] == user
        assert verify(svc.store).ok
    else:
        svc.close()
        before = file_hash(demo_db)
        svc.store = Store.open(demo_db)
        with pytest.raises(PermissionDenied, match=f"{user} .* may not"):
            svc.pathways.record_actual(sp.id, sp.version, event, e.start, e.end)
        svc.close()
        assert file_hash(demo_db) == before
        svc.store = Store.open(demo_db)


def test_recording_the_infusion_moves_the_stage_on(svc):
    as_(svc, "nurse")
    sp = svc.pathways.get(4)
    assert sp.stage == "lymphodepletion"
    inf = sp.pathway.first("infusion")
    saved = svc.pathways.record_actual(sp.id, sp.version, "infusion", inf.start, inf.end)
    assert saved.stage == "infused"


def test_moving_a_planned_event_needs_a_coordinator(svc):
    as_(svc, "nurse")
    sp = svc.pathways.get(1)
    sp.pathway.first("apheresis").start += timedelta(days=7)
    with pytest.raises(PermissionDenied, match="move the planned apheresis"):
        svc.pathways.save(sp)
    as_(svc, "coordinator")
    saved = svc.pathways.save(sp, reason="patient asked for a later date")
    assert saved.pathway.first("apheresis").start == sp.pathway.first("apheresis").start
    assert svc.audit.entries(pathway_id=1, limit=1)[0].reason == "patient asked for a later date"


def test_only_the_cell_lab_records_an_expiry_but_a_coordinator_may_clear_it(svc):
    as_(svc, "coordinator")
    sp = svc.pathways.get(1)
    sp.pathway.product_expiry = date(2031, 1, 31)
    with pytest.raises(PermissionDenied, match="record the product's expiry date"):
        svc.pathways.save(sp)
    as_(svc, "pharmacist")
    sp = svc.pathways.save(sp)
    assert sp.pathway.product_expiry == date(2031, 1, 31)
    as_(svc, "nurse")
    sp.pathway.product_expiry = None
    with pytest.raises(PermissionDenied, match="clear the product's expiry date"):
        svc.pathways.save(sp, reason="remanufacture")
    as_(svc, "coordinator")
    assert svc.pathways.save(sp, reason="remanufacture").pathway.product_expiry is None


def test_a_what_if_edit_shows_findings_before_saving(svc):
    as_(svc, "coordinator")
    sp = svc.pathways.get(1)
    assert not [f for f in svc.pathways.findings(sp) if f.is_error]
    inf = sp.pathway.first("infusion")
    inf.start += timedelta(days=30)
    inf.end += timedelta(days=30)
    sp.pathway.first("thaw").start += timedelta(days=30)
    codes = {f.code for f in svc.pathways.findings(sp) if f.is_error}
    assert "LD_TO_INFUSION" in codes
    assert svc.pathways.get(1).open_errors == 0  # nothing saved yet
    saved = svc.pathways.save(sp)
    assert saved.open_errors >= 1
    assert next(r for r in svc.pathways.rows() if r.id == 1).open_errors == saved.open_errors


def test_a_save_that_changes_nothing_writes_nothing(svc):
    as_(svc, "coordinator")
    before = svc.audit.count()
    sp = svc.pathways.get(1)
    again = svc.pathways.save(sp)
    assert again.version == sp.version and svc.audit.count() == before


def test_cancel_needs_a_coordinator_and_a_reason(svc):
    as_(svc, "nurse")
    sp = svc.pathways.get(1)
    with pytest.raises(PermissionDenied):
        svc.pathways.cancel(sp.id, sp.version, "no")
    as_(svc, "coordinator")
    with pytest.raises(ValidationError, match="reason"):
        svc.pathways.cancel(sp.id, sp.version, " ")
    done = svc.pathways.cancel(sp.id, sp.version, "patient declined")
    assert (done.stage, done.cancel_reason, done.open_errors) == ("cancelled", "patient declined", 0)


def test_an_invalid_pathway_is_not_saved(svc):
    as_(svc, "coordinator")
    sp = svc.pathways.get(1)
    inf = sp.pathway.first("infusion")
    inf.end = inf.start - timedelta(hours=1)
    with pytest.raises(ValidationError, match="before start"):
        svc.pathways.save(sp)
    sp = svc.pathways.get(1)
    sp.pathway.stage = "somewhere"
    with pytest.raises(ValidationError, match="unknown stage"):
        svc.pathways.save(sp)
    with pytest.raises(NotFound):
        svc.pathways.get(99999)


def test_export_and_import_round_trip(svc, tmp_path):
    from atmp_desktop.services.demo import create_demo_database

    doc = svc.pathways.export_document(5)
    assert doc["id"] == 5 and doc["patient"]["personnummer"]
    other = tmp_path / "other.db"
    create_demo_database(other, patients=3, seed=2)
    with Store.open(other) as store:
        dst = Services(store, session("coordinator"))
        imported = dst.pathways.import_document(doc)
        again = dst.pathways.export_document(imported.id)
        assert again["patient"] == doc["patient"]
        strip = lambda d: {k: v for k, v in d.items() if k not in ("id", "patient")}  # noqa: E731
        assert strip(again) == strip(doc)
        assert dst.audit.entries(pathway_id=imported.id)[0].reason == "imported (id 5 in the document)"
        # the same patient with another name is refused, and nothing is written
        count = store.repos.pathways.count()
        doc["patient"]["given_name"] = "Someone"
        with pytest.raises(ValidationError, match="registered here as"):
            dst.pathways.import_document(doc)
        assert store.repos.pathways.count() == count
        assert verify(store).ok


# -- checklist sign-offs (issue 5) -------------------------------------------------------------------


def test_sign_off_by_one_nurse(svc):
    as_(svc, "nurse")
    s = svc.sign_off_checklist(4, "pre-lymphodepletion", note="all done")
    assert (s.signed_by, s.second_signer, s.kind) == ("nurse", None, "pre-lymphodepletion")
    assert svc.pathways.sign_offs(4) == [s]
    entry = svc.audit.entries(table="sign_offs", limit=1)[0]
    assert entry.after["kind"] == "pre-lymphodepletion" and entry.username == "nurse"
    assert verify(svc.store).ok


def test_two_person_sign_off(svc):
    as_(svc, "nurse")
    with pytest.raises(ValidationError, match="second person"):
        svc.sign_off_checklist(4, "pre-infusion")
    with pytest.raises(AuthenticationError, match="second person"):
        svc.sign_off_checklist(4, "pre-infusion", second_user="nurse2", second_password="wrong")
    with pytest.raises(PermissionDenied, match="pharmacist .* may not confirm"):
        svc.sign_off_checklist(4, "pre-infusion", second_user="pharmacist",
                               second_password=PASSWORDS["pharmacist"])
    with pytest.raises(ValidationError, match="someone else"):
        svc.sign_off_checklist(4, "pre-infusion", second_user="nurse", second_password=PASSWORDS["nurse"])
    with pytest.raises(PermissionDenied, match="cannot sign for"):
        svc.sign_off_checklist(4, "pre-infusion", user="nurse2")
    s = svc.sign_off_checklist(4, "pre-infusion", user="nurse", second_user="nurse2",
                               second_password=PASSWORDS["nurse2"])
    assert s.second_signer == "nurse2"
    as_(svc, "nurse")
    with pytest.raises(PermissionDenied, match="only a pharmacist"):
        svc.sign_off_checklist(4, "product-receipt")
    as_(svc, "pharmacist")
    s = svc.sign_off_checklist(4, "product-receipt", second_user="pharmacist2",
                               second_password=PASSWORDS["pharmacist2"])
    assert s.signed_by == "pharmacist"
    with pytest.raises(ValidationError, match="unknown checklist"):
        svc.sign_off_checklist(4, "lunch")


# -- product profiles, sites, resources (administrators) ---------------------------------------------


def test_a_local_override_is_versioned_and_old_pathways_keep_their_version(svc):
    as_(svc, "coordinator")
    with pytest.raises(PermissionDenied, match="only an administrator"):
        svc.products.save_override(svc.products.raw("yescarta"), "x")
    before = {r.id: (r.open_errors, r.open_warnings) for r in svc.pathways.rows()}
    as_(svc, "admin")
    raw = svc.products.raw("yescarta")
    raw["regions"]["EU"]["storage_max_c"]["value"] = -170
    raw["regions"]["EU"]["storage_max_c"]["confidence"] = "local"
    with pytest.raises(ValidationError, match="reason"):
        svc.products.save_override(raw, " ")
    v = svc.products.save_override(raw, "our freezers alarm at -170")
    assert (v.version, v.created_by) == (1, "admin")
    assert svc.products.current_version("yescarta") == 1
    assert svc.products.profile("yescarta").value("storage_max_c") == -170
    assert svc.products.profile("yescarta", version=0).value("storage_max_c") == -150
    old = svc.pathways.get(1)
    assert old.profile_version == 0  # planned before the override: checked against version 0
    assert svc.pathways.profile_for(old).value("storage_max_c") == -150
    assert {r.id: (r.open_errors, r.open_warnings) for r in svc.pathways.rows()} == before
    back = svc.products.revert_to_shipped("yescarta", "back to the label")
    assert back.version == 2 and svc.products.profile("yescarta").value("storage_max_c") == -150
    broken = svc.products.raw("yescarta")
    del broken["regions"]["EU"]["indications"]
    with pytest.raises(ValidationError, match="not valid"):
        svc.products.save_override(broken, "oops")
    assert verify(svc.store).ok


def test_a_calendar_change_recounts_the_sites_findings(svc):
    as_(svc, "admin")
    site = svc.sites.get("huddinge")
    rows = [r for r in svc.pathways.rows(site="huddinge") if r.stage == "awaiting_apheresis"]
    sp = svc.pathways.get(rows[0].id)
    day = sp.pathway.first("apheresis").first_day(sp.pathway.tz)
    cal = replace(site.calendar, extra_closed={day: "Verksamhetsdag"})
    svc.sites.save(replace(site, calendar=cal), reason="staff day")
    assert svc.pathways.get(sp.id).open_warnings == rows[0].open_warnings + 1
    assert "NON_WORKING_DAY" in {f.code for f in svc.pathways.check(sp.id)}
    as_(svc, "coordinator")
    with pytest.raises(PermissionDenied):
        svc.sites.save(site)


def test_resources_are_for_administrators(svc):
    as_(svc, "coordinator")
    chair = svc.resources.get("lund-apheresis")
    with pytest.raises(PermissionDenied, match="only an administrator"):
        svc.resources.save(replace(chair, capacity=3))
    as_(svc, "admin")
    svc.resources.save(replace(chair, capacity=3), reason="third chair")
    assert svc.resources.get("lund-apheresis").capacity == 3
    svc.resources.save(Resource("lund-extra", "lund", "thaw_slot", "Evening thaws", 1))
    svc.resources.delete("lund-extra", reason="not staffed")
    with pytest.raises(NotFound):
        svc.resources.get("lund-extra")
    with pytest.raises(ValidationError, match="unknown site"):
        svc.resources.save(Resource("x", "mars", "thaw_slot", "X", 1))
    assert verify(svc.store).ok


def test_a_repeat_course_is_added_by_a_coordinator_without_touching_what_was_recorded(svc):
    """Labels are not identities: the given course becomes 'lymphodepletion#1' when a second is added."""
    from atmp_desktop.domain.pathway import Event

    as_(svc, "coordinator")
    sp = svc.pathways.get(4)  # lymphodepletion running, its start recorded by the nurse
    given = sp.pathway.first("lymphodepletion")
    assert given.happened and given.extra["recorded_by"] == "nurse"
    day = given.last_day(sp.pathway.tz) + timedelta(days=10)
    sp.pathway.events.append(Event("lymphodepletion", day, day + timedelta(days=2)))
    saved = svc.pathways.save(sp, reason="repeat lymphodepletion")
    courses = saved.pathway.of("lymphodepletion")
    assert [e.label for e in courses] == ["lymphodepletion#1", "lymphodepletion#2"]
    assert courses[0].actual_start == given.actual_start and courses[0].extra["recorded_by"] == "nurse"
    # erasing what a nurse recorded is not the coordinator's to do
    sp = svc.pathways.get(4)
    sp.pathway.events.remove(sp.pathway.first("lymphodepletion"))
    with pytest.raises(PermissionDenied, match="record the actual time of the lymphodepletion#1"):
        svc.pathways.save(sp)
    as_(svc, "nurse")
    sp = svc.pathways.get(4)
    second = sp.pathway.of("lymphodepletion")[1]
    done = svc.pathways.record_actual(sp.id, sp.version, "lymphodepletion#2", second.start)
    assert done.pathway.of("lymphodepletion")[1].extra["recorded_by"] == "nurse"
    assert verify(svc.store).ok
