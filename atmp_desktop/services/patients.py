"""Patients: registered by a coordinator with a personnummer, samordningsnummer or reserve id."""

from __future__ import annotations

import builtins
from datetime import date
from typing import TYPE_CHECKING, Any

from atmp_desktop.services.auth import Permission
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import DuplicateError, NotFound, ValidationError
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage import records
from atmp_desktop.storage.records import SEXES

if TYPE_CHECKING:
    from atmp_desktop.storage.records import Patient
    from atmp_desktop.domain.identifiers import PatientId

_MEASUREMENTS = ("weight_kg", "height_cm")


def _measure(value: Any, what: str, lo: float, hi: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"{what}: {value!r} is not a number", key="patient.not_a_number",
                              field=what, value=value)
    if not lo <= value <= hi:
        raise ValidationError(f"{what}: {value} is outside {lo:g}–{hi:g}", key="patient.out_of_range",
                              field=what, value=value, lo=f"{lo:g}", hi=f"{hi:g}")
    return float(value)


class PatientService(Service):
    # -- reading ---------------------------------------------------------------------

    def get(self, patient_id: int) -> Patient:
        found = self.repos.patients.get(patient_id)
        if found is None:
            raise NotFound(f"there is no patient {patient_id}", key="patient.not_found", patient_id=patient_id)
        return found

    def get_many(self, ids: list[int] | None = None) -> dict[int, Patient]:
        return self.repos.patients.get_many(ids)

    def by_identifier(self, text: str) -> Patient | None:
        """The patient with this personnummer/samordningsnummer/reserve id (any accepted spelling)."""
        from atmp_desktop.domain.identifiers import IdentifierError, parse_patient_id

        try:
            pid = parse_patient_id(text)
        except IdentifierError as exc:
            raise ValidationError(str(exc), key="identifier", text=str(exc)) from None
        return self.repos.patients.by_identifier(pid.value)

    def list(self, site: str | None = None) -> list[Patient]:
        session = self.services.session
        if session is not None and session.sites is not None and not session.system:
            if site is not None:
                session.require_site(site)
            return [p for p in self.repos.patients.list(site)
                    if p.treating_site in session.sites or p.referring_site in session.sites]
        return self.repos.patients.list(site)

    def search(self, text: str, limit: int = 50) -> builtins.list[Patient]:
        """As-you-type search by name or (part of) the personnummer."""
        return self.repos.patients.search(text, limit)

    # -- changing -----------------------------------------------------------------------

    def _identifier(self, identifier: str | None, birth_date: date | None) -> PatientId:
        from atmp_desktop.domain.identifiers import IdentifierError, PatientId, make_reserve_id, parse_patient_id

        if identifier is None or not str(identifier).strip():
            if birth_date is None:
                raise ValidationError("a patient without a Swedish number needs a birth date (for the reserve id)",
                                      key="patient.needs_birth_date")
            serial = self.repos.patients.next_reserve_serial(birth_date)
            return PatientId(make_reserve_id(birth_date, serial), "reserve", birth_date)
        try:
            pid = parse_patient_id(identifier)
        except IdentifierError as exc:
            raise ValidationError(str(exc), key="identifier", text=str(exc)) from None
        if birth_date is not None and pid.birth_date is not None and birth_date != pid.birth_date:
            raise ValidationError(
                f"birth date {birth_date.isoformat()} does not match {pid.display} ({pid.birth_date.isoformat()})",
                key="patient.birth_date_mismatch", birth_date=birth_date.isoformat(), identifier=pid.display,
                id_birth_date=pid.birth_date.isoformat())
        return pid

    def build(
        self,
        *,
        identifier: str | None,
        given_name: str,
        family_name: str,
        treating_site: str,
        birth_date: date | None = None,
        sex: str | None = None,
        weight_kg: float | None = None,
        height_cm: float | None = None,
        referring_site: str | None = None,
    ) -> Patient:
        """A validated, unsaved patient (``id`` None); :meth:`create` stores it."""
        pid = self._identifier(identifier, birth_date)
        given, family = (given_name or "").strip(), (family_name or "").strip()
        if not given or not family:
            raise ValidationError("a patient needs a given name and a family name", key="patient.needs_names")
        if not self.services.sites.exists(treating_site):
            raise ValidationError(f"unknown treating site {treating_site!r}", key="patient.unknown_site",
                                  site=treating_site)
        if sex is not None and sex not in SEXES:
            raise ValidationError(f"sex must be one of {', '.join(SEXES)}")
        birth = pid.birth_date or birth_date
        assert birth is not None
        return records.Patient(
            id=None, identifier=pid.value, id_kind=pid.kind, given_name=given, family_name=family,
            birth_date=birth, treating_site=treating_site, sex=sex or pid.sex,
            weight_kg=_measure(weight_kg, "weight_kg", 1, 400), height_cm=_measure(height_cm, "height_cm", 30, 250),
            referring_site=(referring_site or None),
        )

    def create(self, reason: str | None = None, **fields: Any) -> Patient:
        """Register a patient (coordinators). A duplicate personnummer is refused."""
        session = self._require(Permission.EDIT_PATIENTS, action=Phrase("register a patient", "action.register_patient"))
        patient = self.build(**fields)
        with self.store.write():
            existing = self.repos.patients.by_identifier(patient.identifier)
            if existing is not None:
                raise DuplicateError(
                    f"a patient with {patient.display_identifier} is already registered "
                    f"(patient {existing.id}, {existing.full_name}); nothing was saved",
                    key="patient.duplicate", identifier=patient.display_identifier, patient_id=existing.id,
                    name=existing.full_name)
            return self.repos.patients.insert(patient, session.username, reason)

    def update(self, patient: Patient, reason: str | None = None) -> Patient:
        """Save changes to *patient* (its ``version`` must still be current).

        Coordinators may change anything; nurses only weight and height.
        """
        session = self._require(
            Permission.EDIT_PATIENTS, Permission.RECORD_MEASUREMENTS, action=Phrase("change a patient", "action.change_patient"))
        if patient.id is None:
            raise NotFound("this patient has not been registered yet", key="patient.not_registered")
        current = self.get(patient.id)
        changed = {
            f for f in ("identifier", "given_name", "family_name", "birth_date", "sex", "weight_kg", "height_cm",
                        "referring_site", "treating_site")
            if getattr(current, f) != getattr(patient, f)
        }
        if changed - set(_MEASUREMENTS):
            session.require(Permission.EDIT_PATIENTS, action=Phrase(
                f"change a patient's {', '.join(sorted(changed))}", "action.change_patient_fields",
                fields=tuple(sorted(changed))))
        checked = self.build(
            identifier=patient.identifier, given_name=patient.given_name, family_name=patient.family_name,
            treating_site=patient.treating_site, birth_date=patient.birth_date, sex=patient.sex,
            weight_kg=patient.weight_kg, height_cm=patient.height_cm, referring_site=patient.referring_site,
        )
        merged = patient.with_changes(
            identifier=checked.identifier, id_kind=checked.id_kind, weight_kg=checked.weight_kg,
            height_cm=checked.height_cm, given_name=checked.given_name, family_name=checked.family_name)
        with self.store.write():
            return self.repos.patients.update(merged, session.username, reason)
