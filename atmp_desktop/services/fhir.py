"""FHIR R4 (JSON) for the patient record system (issue 14): export one pathway, import a Patient.

**Export** (:meth:`FhirService.export_pathway`): a ``Bundle`` of type
``collection`` with

* ``Patient`` — the personnummer as ``identifier`` with the Swedish system
  ``urn:oid:1.2.752.129.2.1.3.1`` (12 digits, ``YYYYMMDDNNNC``), a
  samordningsnummer with ``urn:oid:1.2.752.129.2.1.3.3``, our local reserve
  id with :data:`RESERVE_SYSTEM`; name, gender, birth date;
* ``CarePlan`` — the pathway: status, product, one ``activity`` per event with
  its planned period and its state (scheduled, completed, cancelled), and a
  reference to what happened;
* ``Procedure`` — each event with a recorded time (apheresis, receipt,
  storage, lymphodepletion, thaw, monitoring, …);
* ``MedicationAdministration`` — each recorded infusion of the product.

The resources are plain dictionaries; the tests validate them with
``fhir.resources`` (R4B models, which for these five resources are the R4
structure). The application does not need that package: see the README's
dependency table.

**Import** (:func:`read_patient` + :meth:`FhirService.import_patient`): a FHIR
``Patient`` (or a ``Bundle`` holding exactly one) becomes a new patient. It is
read strictly: not JSON, not FHIR, another resource type, no Swedish
identifier (or a wrong check digit), no name, a birth date or gender that is
not FHIR's, a birth date that disagrees with the personnummer — each is
refused with one line naming it, and nothing is written.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone
from typing import Any, Mapping

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.messages import STAGE_NAMES, event_name
from atmp_desktop.services.auth import Permission
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import DuplicateError, ValidationError
from atmp_desktop.services.messages import Phrase

PERSONNUMMER_SYSTEM = "urn:oid:1.2.752.129.2.1.3.1"
SAMORDNINGSNUMMER_SYSTEM = "urn:oid:1.2.752.129.2.1.3.3"
#: Our own reserve ids (``R`` + birth date + serial + Luhn digit) are local, not the national reserve id.
RESERVE_SYSTEM = "urn:atmp-desktop:reserve-id"
SYSTEM_OF_KIND = {"personnummer": PERSONNUMMER_SYSTEM, "samordningsnummer": SAMORDNINGSNUMMER_SYSTEM,
                  "reserve": RESERVE_SYSTEM}
KIND_OF_SYSTEM = {v: k for k, v in SYSTEM_OF_KIND.items()}
EVENT_SYSTEM = "urn:atmp-desktop:event-kind"
PATHWAY_SYSTEM = "urn:atmp-desktop:pathway"
PRODUCT_SYSTEM = "urn:atmp-desktop:product"
_GENDER = {"F": "female", "M": "male", "X": "other"}
_SEX = {"female": "F", "male": "M", "other": "X", "unknown": None}
#: The pathway's stage as a CarePlan status.
_CAREPLAN_STATUS = {"cancelled": "revoked", "completed": "completed"}
_NS = uuid.UUID("6f1f3e4e-2d8c-4c61-9a3e-6b0f6c0d9a14")  # our namespace for stable resource ids


class FhirError(ValidationError):
    """A FHIR file this application does not read; the message names what is wrong."""

    code = "fhir"


def _uuid(*parts: Any) -> str:
    return str(uuid.uuid5(_NS, "/".join(str(p) for p in parts)))


def _when(value: Any, tz) -> str | None:
    """A FHIR dateTime: a date, or a moment with its offset (seconds precision)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(tz).replace(microsecond=0).isoformat()
    return value.isoformat()


def _period(start: Any, end: Any, tz) -> dict[str, str]:
    out = {"start": _when(start, tz)}
    if end is not None:
        out["end"] = _when(end, tz)
    return out  # type: ignore[return-value]


def build_bundle(sp, patient, product_name: str, lang: str = "en", stamp: datetime | None = None) -> dict[str, Any]:
    """The Bundle for the stored pathway *sp* of *patient* (see the module docstring)."""
    p = sp.pathway
    tz = p.tz
    base = f"{sp.site}/{sp.id}"
    patient_id = _uuid("patient", patient.identifier)
    careplan_id = _uuid("careplan", base)
    patient_ref = {"reference": f"urn:uuid:{patient_id}", "display": patient.full_name}
    fhir_patient: dict[str, Any] = {
        "resourceType": "Patient",
        "id": patient_id,
        "identifier": [{"use": "official", "system": SYSTEM_OF_KIND[patient.id_kind], "value": patient.identifier}],
        "name": [{"use": "official", "family": patient.family_name, "given": patient.given_name.split()}],
        "birthDate": patient.birth_date.isoformat(),
    }
    if patient.sex in _GENDER:
        fhir_patient["gender"] = _GENDER[patient.sex]
    entries: list[dict[str, Any]] = [{"fullUrl": f"urn:uuid:{patient_id}", "resource": fhir_patient}]
    product = {"coding": [{"system": PRODUCT_SYSTEM, "code": p.product, "display": product_name}],
               "text": product_name}
    activities = []
    for e in p.events:
        what = event_name(e.label, lang)
        code = {"coding": [{"system": EVENT_SYSTEM, "code": e.kind, "display": event_name(e.kind, "en")}],
                "text": what}
        outcome = None
        if e.happened:
            rid = _uuid("event", base, e.label)
            performed = _period(e.actual_start, e.actual_end, tz) if e.actual_end is not None else None
            if e.kind == "infusion":
                res: dict[str, Any] = {
                    "resourceType": "MedicationAdministration", "id": rid, "status": "completed",
                    "medicationCodeableConcept": product, "subject": patient_ref,
                }
                if performed:
                    res["effectivePeriod"] = performed
                else:
                    res["effectiveDateTime"] = _when(e.actual_start, tz)
                res["note"] = [{"text": f"{what} ({p.product})"}]
            else:
                res = {"resourceType": "Procedure", "id": rid, "status": "completed", "code": code,
                       "subject": patient_ref}
                if performed:
                    res["performedPeriod"] = performed
                else:
                    res["performedDateTime"] = _when(e.actual_start, tz)
            if e.extra.get("recorded_by"):
                res["note"] = res.get("note", []) + [{"text": f"recorded by {e.extra['recorded_by']}"}]
            if e.note:
                res["note"] = res.get("note", []) + [{"text": e.note}]
            entries.append({"fullUrl": f"urn:uuid:{rid}", "resource": res})
            outcome = {"reference": f"urn:uuid:{rid}"}
        status = ("completed" if e.happened else "cancelled" if p.stage == "cancelled" else "scheduled")
        activity: dict[str, Any] = {"detail": {
            "code": code, "status": status,
            "scheduledPeriod": _period(e.start, e.end, tz),
            "description": f"{what} · planned {timeutil.format_human(e.start, tz)}",
        }}
        if e.kind == "infusion":
            activity["detail"]["productCodeableConcept"] = product
        if outcome is not None:
            activity["outcomeReference"] = [outcome]
        activities.append(activity)
    stage = STAGE_NAMES.get(lang, STAGE_NAMES["en"]).get(p.stage or "", p.stage or "")
    careplan: dict[str, Any] = {
        "resourceType": "CarePlan", "id": careplan_id,
        "identifier": [{"system": PATHWAY_SYSTEM, "value": base}],
        "status": _CAREPLAN_STATUS.get(p.stage or "", "active"), "intent": "plan",
        "title": f"{product_name} · pathway {sp.id}",
        "description": f"{product_name} ({p.region}{', ' + p.indication if p.indication else ''}); stage: {stage}",
        "subject": patient_ref,
        "activity": activities,
    }
    if p.events:
        careplan["period"] = {"start": _when(p.events[0].start, tz)}
    if p.coi_id:
        careplan["identifier"].append({"system": "urn:atmp-desktop:coi", "value": p.coi_id})
    entries.insert(1, {"fullUrl": f"urn:uuid:{careplan_id}", "resource": careplan})
    bundle: dict[str, Any] = {
        "resourceType": "Bundle", "id": _uuid("bundle", base, sp.version), "type": "collection",
        "timestamp": (stamp or datetime.now(timezone.utc)).astimezone(tz).replace(microsecond=0).isoformat(),
        "entry": entries,
    }
    return bundle


# -- import ------------------------------------------------------------------------------------


def _load(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except UnicodeDecodeError:
        raise FhirError("not a FHIR file: not UTF-8 text") from None
    except ValueError as exc:
        raise FhirError(f"not a FHIR file: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def _patient_of(doc: Any) -> Mapping[str, Any]:
    if not isinstance(doc, Mapping) or not isinstance(doc.get("resourceType"), str):
        raise FhirError("not a FHIR file: no resourceType")
    kind = doc["resourceType"]
    if kind == "Patient":
        return doc
    if kind == "Bundle":
        entries = doc.get("entry")
        if not isinstance(entries, list):
            raise FhirError("FHIR Bundle without entries: no Patient to import")
        found = [e.get("resource") for e in entries if isinstance(e, Mapping) and isinstance(e.get("resource"), Mapping)
                 and e["resource"].get("resourceType") == "Patient"]
        if len(found) != 1:
            raise FhirError(f"FHIR Bundle with {len(found)} Patient resources: exactly one can be imported")
        return found[0]
    raise FhirError(f"FHIR {kind} resource: only a Patient (or a Bundle with one) can be imported")


def read_patient(text: str | bytes) -> dict[str, Any]:
    """The fields of a new patient from a FHIR Patient: ``identifier``, names, ``birth_date``, ``sex``.

    Refuses with :class:`FhirError` (one line) whatever this application cannot read exactly.
    """
    from atmp_desktop.domain.identifiers import IdentifierError, parse_patient_id

    res = _patient_of(_load(text))
    ids = res.get("identifier")
    if not isinstance(ids, list):
        raise FhirError("FHIR Patient without identifier: a personnummer, samordningsnummer or reserve id is needed")
    ours = [i for i in ids if isinstance(i, Mapping) and i.get("system") in KIND_OF_SYSTEM]
    if not ours:
        systems = ", ".join(sorted({str(i.get("system")) for i in ids if isinstance(i, Mapping)})) or "none"
        raise FhirError(f"FHIR Patient without a Swedish personnummer or samordningsnummer "
                        f"(system {PERSONNUMMER_SYSTEM}); its identifier systems: {systems}")
    ident = ours[0]
    value = ident.get("value")
    if not isinstance(value, str):
        raise FhirError("FHIR Patient identifier without a value")
    try:
        pid = parse_patient_id(value)
    except IdentifierError as exc:
        raise FhirError(f"FHIR Patient identifier: {exc}") from None
    want = KIND_OF_SYSTEM[ident["system"]]
    if pid.kind != want:
        raise FhirError(f"FHIR Patient identifier {value!r} is a {pid.kind}, but its system says {want}")
    names = res.get("name")
    if not isinstance(names, list) or not names or not all(isinstance(n, Mapping) for n in names):
        raise FhirError("FHIR Patient without a name")
    name = next((n for n in names if n.get("use") == "official"), names[0])
    family = name.get("family")
    given = name.get("given")
    if not isinstance(family, str) or not family.strip():
        raise FhirError("FHIR Patient name without a family name")
    if not isinstance(given, list) or not given or not all(isinstance(g, str) for g in given):
        raise FhirError("FHIR Patient name without a given name")
    birth = res.get("birthDate")
    birth_date = None
    if birth is not None:
        if not isinstance(birth, str) or len(birth) != 10:
            raise FhirError(f"FHIR Patient birthDate {birth!r} is not a full date (YYYY-MM-DD)")
        try:
            birth_date = date.fromisoformat(birth)
        except ValueError:
            raise FhirError(f"FHIR Patient birthDate {birth!r} is not a date") from None
        if pid.birth_date is not None and birth_date != pid.birth_date:
            raise FhirError(f"FHIR Patient birthDate {birth} does not match the identifier's "
                            f"{pid.birth_date.isoformat()}")
    gender = res.get("gender")
    if gender is not None and gender not in _SEX:
        raise FhirError(f"FHIR Patient gender {gender!r} is not one of male, female, other, unknown")
    return {"identifier": pid.value, "given_name": " ".join(g.strip() for g in given if g.strip()),
            "family_name": family.strip(), "birth_date": birth_date or pid.birth_date,
            "sex": _SEX.get(gender) if gender else None}


class FhirService(Service):
    def export_pathway(self, pathway_id: int, lang: str = "en", stamp: datetime | None = None) -> dict[str, Any]:
        sp, patient = self.services.pathways.with_patient(pathway_id)
        name = self.services.pathways.profile_for(sp).name
        return build_bundle(sp, patient, name, lang, stamp)

    def import_patient(self, text: str | bytes, site: str, reason: str | None = None):
        """Register the FHIR Patient in *text* as a new patient at *site* (coordinators); all or nothing."""
        self._require(Permission.EDIT_PATIENTS, action=Phrase("register a patient", "action.register_patient"))
        fields = read_patient(text)
        existing = self.repos.patients.by_identifier(fields["identifier"])
        if existing is not None:
            raise DuplicateError(
                f"a patient with {existing.display_identifier} is already registered (patient {existing.id}, "
                f"{existing.full_name}); nothing was imported",
                key="patient.duplicate", identifier=existing.display_identifier, patient_id=existing.id,
                name=existing.full_name)
        return self.services.patients.create(reason or "imported from a FHIR Patient", treating_site=site, **fields)
