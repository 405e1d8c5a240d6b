"""Refusals in Swedish: the service layer's refusals carry a key, str() stays the English text."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from atmp_desktop.services import (
    AuthenticationError,
    ConflictError,
    NotFound,
    PermissionDenied,
    Services,
    ValidationError,
)
from atmp_desktop.services.messages import Phrase, refusal_message
from atmp_desktop.services.pathways import required_permissions
from atmp_desktop.storage import Store
from atmp_desktop.storage.errors import translate
from tests.storage.helpers import PASSWORDS, as_, session

IN_STORAGE = 3  # Kymriah, Uppsala: product received; infusion planned


def moved(sp, label, days=1):
    e = sp.pathway.first(label)
    e.start = e.start + timedelta(days=days)
    if e.end is not None:
        e.end = e.end + timedelta(days=days)
    return sp


def test_a_nurse_moving_the_planned_infusion_is_refused_in_swedish_and_english(svc):
    as_(svc, "nurse")
    sp = moved(svc.pathways.get(IN_STORAGE), "infusion")
    with pytest.raises(PermissionDenied) as caught:
        svc.pathways.save(sp)
    exc = caught.value
    assert str(exc) == ("nurse (nurse) may not move the planned infusion: only a coordinator may; "
                        "nothing was changed")
    assert exc.message("en") == str(exc)
    assert exc.message("sv") == ("nurse (sjuksköterska) får inte flytta den planerade tiden för infusionen: "
                                 "bara en koordinator får göra det; inget har ändrats")
    assert refusal_message(exc, "sv") == exc.message("sv")


def test_a_pharmacist_may_not_record_the_infusion_in_swedish(svc):
    as_(svc, "pharmacist")
    sp = svc.pathways.get(IN_STORAGE)
    with pytest.raises(PermissionDenied) as caught:
        svc.pathways.record_actual(IN_STORAGE, sp.version, "infusion", sp.pathway.first("infusion").start)
    assert "may not record the actual time of the infusion" in str(caught.value)
    assert caught.value.message("sv").startswith(
        "pharmacist (farmaceut) får inte registrera den faktiska tiden för infusionen: bara en sjuksköterska")


def test_the_whats_of_a_save_are_phrases_that_stay_english_strings(svc):
    old = svc.pathways.get(IN_STORAGE)
    new = moved(svc.pathways.get(IN_STORAGE), "infusion")
    new.pathway.product_expiry = (old.pathway.product_expiry or new.pathway.first("infusion").start.date()) \
        + timedelta(days=3)
    new.pathway.relabel()
    whats = [what for _, what in required_permissions(old, new)]
    assert "move the planned infusion" in whats
    assert "record the product's expiry date" in whats
    assert all(isinstance(w, Phrase) for w in whats)
    by_text = {w: w.message("sv") for w in whats}
    assert by_text["move the planned infusion"] == "flytta den planerade tiden för infusionen"
    assert by_text["record the product's expiry date"] == "registrera produktens utgångsdatum"


@pytest.mark.parametrize("label, english, swedish", [
    ("apheresis", "move the planned apheresis", "flytta den planerade tiden för aferesen"),
    ("lymphodepletion", "move the planned lymphodepletion", "flytta den planerade tiden för lymfodepletionen"),
    ("thaw", "move the planned thaw", "flytta den planerade tiden för upptiningen"),
    ("infusion#2", "move the planned infusion#2", "flytta den planerade tiden för infusion 2"),
])
def test_event_names_are_swedish_in_the_what(label, english, swedish):
    phrase = Phrase(f"move the planned {label}", "action.move_planned", event=label)
    assert phrase == english
    assert phrase.message("sv") == swedish


def test_wrong_password_and_deactivated_user_in_swedish(svc):
    with pytest.raises(AuthenticationError) as caught:
        svc.sign_in("nurse", "wrong-password")
    assert str(caught.value) == "unknown user or wrong password; nothing was changed"
    assert caught.value.message("sv") == "okänd användare eller fel lösenord; inget har ändrats"
    as_(svc, "admin")
    svc.users.update(replace(svc.users.get("nurse"), active=False), reason="left the unit")
    svc.session = None
    with pytest.raises(AuthenticationError) as caught:
        svc.sign_in("nurse", PASSWORDS["nurse"])
    assert caught.value.message("sv") == "okänd användare eller fel lösenord; inget har ändrats"


def test_not_signed_in_in_swedish(svc):
    with pytest.raises(AuthenticationError) as caught:
        svc.patients.create(identifier="198112189876", given_name="A", family_name="B", treating_site="lund")
    assert str(caught.value) == "sign in to register a patient"
    assert caught.value.message("sv") == "logga in för att registrera en patient"


@pytest.mark.parametrize("identifier, english, swedish", [
    ("198112189875", "is not a valid personnummer: the check digit is wrong",
     "'198112189875' är inte ett giltigt personnummer: kontrollsiffran är fel"),
    ("hello", "is not a personnummer",
     "'hello' är inte ett personnummer: skriv ÅÅÅÅMMDD-NNNN (eller ÅÅMMDD-NNNN)"),
])
def test_an_invalid_personnummer_in_swedish(svc, identifier, english, swedish):
    as_(svc, "coordinator")
    with pytest.raises(ValidationError) as caught:
        svc.patients.create(identifier=identifier, given_name="A", family_name="B", treating_site="lund")
    assert english in str(caught.value)
    assert caught.value.message("sv") == swedish


def test_other_patient_validation_in_swedish(svc):
    as_(svc, "coordinator")
    with pytest.raises(ValidationError) as caught:
        svc.patients.create(identifier="198112189876", given_name=" ", family_name="B", treating_site="lund")
    assert str(caught.value) == "a patient needs a given name and a family name"
    assert caught.value.message("sv") == "en patient måste ha förnamn och efternamn"
    with pytest.raises(ValidationError) as caught:
        svc.patients.create(identifier="198112189876", given_name="A", family_name="B", treating_site="mars")
    assert caught.value.message("sv") == "okänd behandlande enhet 'mars'"
    with pytest.raises(ValidationError) as caught:
        svc.patients.create(identifier="198112189876", given_name="A", family_name="B", treating_site="lund",
                            weight_kg=900)
    assert str(caught.value) == "weight_kg: 900 is outside 1–400"
    assert caught.value.message("sv") == "vikt (kg): 900 ligger utanför 1–400"


def test_a_nurse_changing_a_patients_name_in_swedish(svc):
    as_(svc, "nurse")
    p = svc.patients.get(1)
    with pytest.raises(PermissionDenied) as caught:
        svc.patients.update(replace(p, given_name=p.given_name + "x"))
    assert "may not change a patient's given_name" in str(caught.value)
    assert "får inte ändra patientens förnamn: bara en koordinator" in caught.value.message("sv")


def test_cancel_without_reason_in_swedish(svc):
    as_(svc, "coordinator")
    sp = svc.pathways.get(IN_STORAGE)
    with pytest.raises(ValidationError) as caught:
        svc.pathways.cancel(IN_STORAGE, sp.version, "  ")
    assert str(caught.value) == "cancelling a pathway needs a reason"
    assert caught.value.message("sv") == "ett vårdförlopp kan bara avbrytas med en angiven orsak"


def test_a_conflict_in_swedish(svc, demo_db):
    as_(svc, "coordinator")
    stale = moved(svc.pathways.get(IN_STORAGE), "infusion")
    other = Services(Store.open(demo_db))
    try:
        other.session = session("coordinator")
        other.pathways.save(moved(other.pathways.get(IN_STORAGE), "infusion", 2))
    finally:
        other.close()
    with pytest.raises(ConflictError) as caught:
        svc.pathways.save(stale)
    exc = caught.value
    assert str(exc).startswith(f"pathway {IN_STORAGE} was changed by coordinator at ")
    assert refusal_message(exc, "sv").startswith(f"vårdförlopp {IN_STORAGE} ändrades av coordinator ")
    assert "dina ändringar sparades inte" in refusal_message(exc, "sv")


def test_not_found_and_checklist_refusals_in_swedish(svc):
    as_(svc, "nurse")
    with pytest.raises(NotFound) as caught:
        svc.pathways.get(99999)
    assert str(caught.value) == "there is no pathway 99999"
    assert refusal_message(caught.value, "sv") == "det finns inget vårdförlopp 99999"
    with pytest.raises(ValidationError) as caught:
        svc.pathways.sign_off_checklist(IN_STORAGE, "pre-infusion")
    assert caught.value.message("sv") == "checklistan ”före infusion” måste bekräftas av en andra person"
    as_(svc, "pharmacist")
    with pytest.raises(PermissionDenied) as caught:
        svc.pathways.sign_off_checklist(IN_STORAGE, "pre-infusion")
    assert str(caught.value).startswith("pharmacist (pharmacist) may not sign off the pre-infusion checklist")
    assert caught.value.message("sv").startswith(
        "pharmacist (farmaceut) får inte signera checklistan ”före infusion”: bara en sjuksköterska")


@pytest.mark.parametrize("sqlite_text, english_start, swedish_start", [
    ("database is locked", "/x/atmp.db is locked by another program", "/x/atmp.db är låst av ett annat program"),
    ("attempt to write a readonly database", "/x/atmp.db is read-only", "/x/atmp.db är skrivskyddad"),
    ("database disk image is malformed", "/x/atmp.db is damaged", "/x/atmp.db är skadad"),
    ("database or disk is full", "the disk holding /x/atmp.db is full", "disken där /x/atmp.db ligger är full"),
])
def test_store_refusals_in_swedish(sqlite_text, english_start, swedish_start):
    exc = translate(sqlite3.OperationalError(sqlite_text), "/x/atmp.db")
    assert str(exc).startswith(english_start)
    assert refusal_message(exc, "sv").startswith(swedish_start)
    assert refusal_message(exc, "en") == str(exc)


def test_a_store_refusal_without_a_path_says_databasen():
    exc = translate(sqlite3.OperationalError("database is locked"), None)
    assert str(exc).startswith("the database is locked")
    assert refusal_message(exc, "sv").startswith("databasen är låst")


def test_refusals_without_a_swedish_text_fall_back_to_english():
    plain = ValidationError("something only said in English")
    assert plain.message("sv") == "something only said in English"
    unknown = ValidationError("english", key="no.such.key", x=1)
    assert unknown.message("sv") == "english"
    # a permission refusal whose "what" is a plain string is not half translated
    with pytest.raises(PermissionDenied) as caught:
        session("nurse").require(*[], action="do something new")
    assert caught.value.message("sv") == str(caught.value)


def test_identifier_errors_from_the_domain_are_said_in_swedish():
    from atmp_desktop.domain.identifiers import IdentifierError, parse_patient_id, validate_din
    from atmp_desktop.services.messages import refusal_message

    for bad, words in (("19121212-1213", "kontrollsiffran är fel"),
                       ("12345", "är inte ett personnummer")):
        try:
            parse_patient_id(bad)
        except IdentifierError as exc:
            assert words in refusal_message(exc, "sv")
            assert refusal_message(exc, "en") == str(exc)
        else:
            raise AssertionError(f"{bad} accepted")
    for bad, words in (("ABC", "med kontrolltecken (14 tecken)"),):
        try:
            validate_din(bad)
        except IdentifierError as exc:
            assert words in refusal_message(exc, "sv")
        else:
            raise AssertionError(f"{bad} accepted")


def test_time_errors_from_the_domain_are_said_in_swedish():
    from atmp_desktop.domain import timeutil
    from atmp_desktop.services.messages import refusal_message

    tz = timeutil.zone("Europe/Stockholm")
    cases = (
        ("2027-03-28T02:30", "starttid: 2027-03-28 02:30 finns inte i Europe/Stockholm (klockan ställs fram den timmen)"),
        ("2026-10-25T02:30", "starttid: 2026-10-25 02:30 inträffar två gånger i Europe/Stockholm (klockan ställs "
                             "tillbaka den timmen); skriv den med sin UTC-förskjutning, +02:00 eller +01:00"),
        ("2026-12-01T25:00", "starttid: 2026-12-01T25:00 är inte ett verkligt klockslag"),
        ("2026-02-30", "starttid: 2026-02-30 är inte ett verkligt datum"),
    )
    for text, swedish in cases:
        try:
            timeutil.parse_when(text, tz, "starttid")
        except timeutil.TimeError as exc:
            assert refusal_message(exc, "sv") == swedish
            assert refusal_message(exc, "en") == str(exc)
        else:
            raise AssertionError(f"{text} accepted")
