"""FHIR R4 export and Patient import (issue 14), validated with fhir.resources."""

from __future__ import annotations

import json

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle

from atmp_desktop.cli.main import run
from atmp_desktop.domain.identifiers import make_personnummer
from atmp_desktop.services.errors import DuplicateError, PermissionDenied
from atmp_desktop.services.fhir import PERSONNUMMER_SYSTEM, FhirError, FhirService, read_patient
from tests.storage.helpers import PASSWORDS, as_, file_hash

NEW_PNR = "198112189876"  # identifiers.md's worked example (test number)


def _validate(bundle: dict) -> Bundle:
    """The Bundle and each resource in it against the FHIR models (a wrong field or type raises)."""
    parsed = Bundle.model_validate(bundle)
    for entry in bundle["entry"]:
        res = entry["resource"]
        get_fhir_model_class(res["resourceType"]).model_validate(res)
    return parsed


def _resources(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.mark.parametrize("pathway_id", [6, 7, 13])  # completed, cancelled, product in storage
def test_export_is_valid_fhir_with_the_swedish_identifier(svc, pathway_id):
    bundle = FhirService(svc).export_pathway(pathway_id)
    _validate(bundle)
    sp, patient = svc.pathways.with_patient(pathway_id)
    (pat,) = _resources(bundle, "Patient")
    assert pat["identifier"][0] == {"use": "official", "system": PERSONNUMMER_SYSTEM, "value": patient.identifier}
    (plan,) = _resources(bundle, "CarePlan")
    assert len(plan["activity"]) == len(sp.pathway.events)
    assert plan["subject"]["reference"] == f"urn:uuid:{pat['id']}"
    happened = [e for e in sp.pathway.events if e.happened]
    done = _resources(bundle, "Procedure") + _resources(bundle, "MedicationAdministration")
    assert len(done) == len(happened)
    if sp.pathway.stage == "cancelled":
        assert plan["status"] == "revoked"
        assert {a["detail"]["status"] for a in plan["activity"]} <= {"completed", "cancelled"}


def test_export_of_an_infused_pathway_has_the_medication_administration(svc):
    bundle = FhirService(svc).export_pathway(6)
    (admin,) = _resources(bundle, "MedicationAdministration")
    assert admin["status"] == "completed"
    assert admin["medicationCodeableConcept"]["text"] == "Kymriah"
    start = admin.get("effectivePeriod", {}).get("start") or admin["effectiveDateTime"]
    assert start[-6:] in ("+01:00", "+02:00")  # a moment with its offset, never a floating time
    # A reference in the CarePlan for each recorded event.
    (plan,) = _resources(bundle, "CarePlan")
    refs = {r["reference"] for a in plan["activity"] for r in a.get("outcomeReference", [])}
    assert f"urn:uuid:{admin['id']}" in refs


def test_cli_export(demo_db, tmp_path, capsys):
    out = tmp_path / "p6.json"
    assert run(["export-fhir", "--db", str(demo_db), "--pathway", "6", "--out", str(out)]) == 0
    _validate(json.loads(out.read_text(encoding="utf-8")))
    assert run(["export-fhir", "--db", str(demo_db), "--pathway", "9999"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def _patient(**over) -> dict:
    res = {"resourceType": "Patient",
           "identifier": [{"system": PERSONNUMMER_SYSTEM, "value": NEW_PNR}],
           "name": [{"use": "official", "family": "Testsson", "given": ["Tor", "Erik"]}],
           "birthDate": "1981-12-18", "gender": "male"}
    res.update(over)
    return res


def test_import_registers_a_new_patient_and_round_trips(svc):
    as_(svc, "coordinator")
    patient = FhirService(svc).import_patient(json.dumps(_patient()), "huddinge")
    assert (patient.identifier, patient.given_name, patient.family_name, patient.sex) == (
        NEW_PNR, "Tor Erik", "Testsson", "M")
    entry = svc.audit.entries(table="patients", row_id=patient.id)
    assert entry and entry[0].action == "insert"
    # Our own export reads back as the same patient (a Bundle with one Patient).
    pid = svc.pathways.rows()[0].id
    bundle = FhirService(svc).export_pathway(pid)
    again = read_patient(json.dumps(bundle))
    assert again["identifier"] == svc.pathways.with_patient(pid)[1].identifier
    with pytest.raises(DuplicateError):
        FhirService(svc).import_patient(json.dumps(_patient()), "huddinge")


def test_import_needs_a_coordinator(svc):
    as_(svc, "nurse")
    with pytest.raises(PermissionDenied):
        FhirService(svc).import_patient(json.dumps(_patient()), "huddinge")


@pytest.mark.parametrize("text, words", [
    ("this is not json", "not valid JSON"),
    ('{"hello": "world"}', "no resourceType"),
    ('{"resourceType": "Observation", "status": "final"}', "Observation"),
    (json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []}), "0 Patient"),
    (json.dumps(_patient(identifier=[{"system": "urn:oid:2.16.578.1.12.4.1.4.1", "value": "01010112345"}])),
     "without a Swedish personnummer"),
    (json.dumps(_patient(identifier=[{"system": PERSONNUMMER_SYSTEM, "value": "198112189875"}])), "check digit"),
    (json.dumps(_patient(identifier=[{"system": PERSONNUMMER_SYSTEM,
                                      "value": make_personnummer(__import__("datetime").date(1981, 12, 18), 987,
                                                                 coordination=True)}])), "samordningsnummer"),
    (json.dumps(_patient(name=[{"family": "Testsson"}])), "given name"),
    (json.dumps(_patient(birthDate="1981-12-19")), "does not match"),
    (json.dumps(_patient(birthDate="18 Dec 1981")), "not a full date"),
    (json.dumps(_patient(gender="m")), "gender"),
])
def test_malformed_or_foreign_files_are_refused(text, words):
    with pytest.raises(FhirError) as caught:
        read_patient(text)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cli_import_refuses_in_one_line_and_writes_nothing(demo_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ATMP_PASSWORD", PASSWORDS["coordinator"])
    bad = tmp_path / "obs.json"
    bad.write_text('{"resourceType": "Observation"}', encoding="utf-8")
    garbage = tmp_path / "x.json"
    garbage.write_bytes(b"\xff\xfe not text")
    before = file_hash(demo_db)
    for path in (bad, garbage, tmp_path / "missing.json"):
        assert run(["import-fhir", str(path), "--db", str(demo_db), "--user", "coordinator"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("atmp-desktop: ")
    dup = tmp_path / "dup.json"
    from atmp_desktop.services import Services
    from atmp_desktop.storage import Store

    with Store.open(demo_db, write=False) as store:
        known = Services(store).pathways.with_patient(1)[1]
    dup.write_text(json.dumps(_patient(identifier=[{"system": PERSONNUMMER_SYSTEM, "value": known.identifier}],
                                       birthDate=known.birth_date.isoformat())), encoding="utf-8")
    assert run(["import-fhir", str(dup), "--db", str(demo_db), "--user", "coordinator"]) == 2
    assert "already registered" in capsys.readouterr().err
    assert file_hash(demo_db) == before
    good = tmp_path / "new.json"
    good.write_text(json.dumps(_patient()), encoding="utf-8")
    assert run(["import-fhir", str(good), "--db", str(demo_db), "--user", "coordinator"]) == 0
    assert "Tor Erik Testsson" in capsys.readouterr().out
