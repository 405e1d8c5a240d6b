"""Chain of identity by scanning (issue 14): check each scan, verify a step, record it, audit all of it.

The dialogs (cell-lab receipt and thaw, bedside infusion) call this service:

1. :meth:`IdentityService.check_scan` for every scan (or typed entry) as it
   comes in: parsed, compared with the pathway, and written to the audit
   trail as a ``scan`` entry (field, value, ``scanned`` or ``typed``, result).
2. :meth:`IdentityService.verify` when the user saves: every required field,
   the pathway's state (cancelled, product expired, the bag already infused)
   and, where the step's checklist needs one, the second person's password.
   A refusal is written to the audit trail (``identity_refused``, naming each
   mismatch) and raised as :class:`IdentityRefused`; nothing is recorded.
3. :meth:`IdentityService.record`: the ``identity_verified`` entry and the
   recorded time in one transaction.

Every entry is on the pathway's row (``pathways``, its id), so the Audit
view's pathway filter shows them beside the pathway's changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable, Mapping, Sequence

from atmp_desktop.domain import chain_of_identity as coi
from atmp_desktop.domain import timeutil
from atmp_desktop.services.auth import Permission, Session, verify_password
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import ValidationError
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage.identity import pathways_with_coi
from atmp_desktop.storage.records import StoredPathway

STEP_EVENT = {"receipt": "product_receipt", "thaw": "thaw", "infusion": "infusion"}
STEP_PERMISSION = {"receipt": Permission.RECORD_CELL_LAB, "thaw": Permission.RECORD_CELL_LAB,
                   "infusion": Permission.RECORD_WARD}


def _action(label: str) -> Phrase:
    """What the user tried, as the pathway service says it (and in Swedish)."""
    return Phrase(f"record the actual time of the {label}", "action.record_actual", event=label)


class IdentityRefused(ValidationError):
    """The chain of identity does not match; ``mismatches`` names each difference. Nothing was recorded."""

    code = "identity"

    def __init__(self, mismatches: Sequence[coi.Mismatch]):
        self.mismatches = list(mismatches)
        en = "; ".join(m.message("en", capital=False) for m in self.mismatches)
        sv = "; ".join(m.message("sv", capital=False) for m in self.mismatches)
        super().__init__(f"chain of identity not confirmed: {en}. Nothing was recorded",
                         key="identity.refused", sv=f"identitetskedjan är inte bekräftad: {sv}. Inget har registrerats")


@dataclass(frozen=True)
class Scan:
    """One scan (or typed entry) of one field."""

    field: str
    text: str
    source: str = "scanned"  # or "typed"


@dataclass
class Verified:
    """A step whose identity matched; :meth:`IdentityService.record` records it."""

    pathway_id: int
    patient_id: int
    step: str
    label: str
    values: dict[str, str]
    sources: dict[str, str]
    second_person: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class IdentityService(Service):
    # -- what the pathway expects ---------------------------------------------------------------

    def expectation(self, sp: StoredPathway, step: str, label: str, today: date | None = None) -> coi.Expectation:
        if step not in coi.STEPS:
            raise ValueError(f"unknown step {step!r}")
        patient = self.services.patients.get(sp.patient_id)
        p = sp.pathway
        event = next((e for e in p.events if e.label == label), None)
        already = None
        if event is not None and event.happened:
            already = (timeutil.format_human(event.actual_start, p.tz), str(event.extra.get("recorded_by") or "?"))
        return coi.Expectation(
            pathway_id=sp.id, patient_id=sp.patient_id, patient_identifier=patient.identifier,  # type: ignore[arg-type]
            patient_display=f"{patient.full_name} {patient.display_identifier}", coi_id=p.coi_id,
            stage=p.stage or "", step=step, event_label=label, product_expiry=p.product_expiry,
            today=today or datetime.now(p.tz).date(), already=already,
        )

    def step_problems(self, sp: StoredPathway, step: str, label: str, today: date | None = None) -> list[coi.Mismatch]:
        """What blocks the step whatever is scanned: a cancelled pathway, an expired product, already recorded."""
        exp = self.expectation(sp, step, label, today)
        return [m for m in coi.mismatches(exp, {}, {}) if m.code != "MISSING"]

    def _owners(self, values: Mapping[str, str]) -> dict[str, list[coi.Owner]]:
        found = pathways_with_coi(self.store, [v for f, v in values.items() if f in ("coi", "bag")])
        return {f: [coi.Owner(*row) for row in found.get(v, [])] for f, v in values.items() if f in ("coi", "bag")}

    # -- one scan -----------------------------------------------------------------------------------

    def check_scan(self, sp: StoredPathway, step: str, label: str, scan: Scan,
                   today: date | None = None) -> tuple[str | None, list[coi.Mismatch]]:
        """``(value, mismatches of this field)`` for one scan; audited (``scan``) whatever the result."""
        session = self._session()
        exp = self.expectation(sp, step, label, today)
        value, errors = None, {}
        try:
            value = coi.parse_field(scan.field, scan.text, exp.today)
        except coi.ScanError as exc:
            errors[scan.field] = {"en": str(exc), "sv": _sv(exc)}
        found = coi.mismatches(exp, {} if value is None else {scan.field: value},
                               self._owners({scan.field: value} if value else {}),
                               {k: v for k, v in errors.items()})  # type: ignore[arg-type]
        mine = [m for m in found if m.field == scan.field and m.code != "MISSING"]
        result = "invalid" if errors else ("mismatch" if mine else "match")
        self._audit(session, sp, "scan", {
            "step": step, "event": label, "field": scan.field, "value": value or scan.text.strip()[:80],
            "source": scan.source if scan.source in coi.SOURCES else "typed", "result": result,
            "codes": [m.code for m in mine]})
        return value, mine

    # -- the whole step ------------------------------------------------------------------------------

    def verify(self, sp: StoredPathway, step: str, label: str, scans: Sequence[Scan], *,
               second_user: str | None = None, second_password: str | None = None,
               today: date | None = None) -> Verified:
        """All of the step's checks; :class:`IdentityRefused` (audited) if anything does not match."""
        session = self._require(STEP_PERMISSION[step], action=_action(label))
        sp = self.services.pathways.get(sp.id)  # type: ignore[arg-type]  # as stored now, not as the dialog read it
        exp = self.expectation(sp, step, label, today)
        latest = {s.field: s for s in scans}  # the last scan of each field counts
        values: dict[str, str] = {}
        errors: dict[str, object] = {}
        for f, s in latest.items():
            try:
                values[f] = coi.parse_field(f, s.text, exp.today)
            except coi.ScanError as exc:
                errors[f] = {"en": str(exc), "sv": _sv(exc)}
        found = coi.mismatches(exp, values, self._owners(values), errors)  # type: ignore[arg-type]
        second = None
        if step in coi.TWO_PERSON_STEPS:
            second, problem = self._second_person(session, step, second_user, second_password)
            if problem is not None:
                found.append(problem)
        sources = {f: (s.source if s.source in coi.SOURCES else "typed") for f, s in latest.items()}
        if found:
            with self.store.write():
                self._audit(session, sp, "identity_refused", {
                    "step": step, "event": label, "values": values, "sources": sources,
                    "second_person": second_user or None,
                    "mismatches": [{"code": m.code, "field": m.field, "message": m.message("en")} for m in found]})
            raise IdentityRefused(found)
        return Verified(sp.id, sp.patient_id, step, label, values, sources, second)  # type: ignore[arg-type]

    def record(self, verified: Verified, do_record: Callable[[], StoredPathway]) -> StoredPathway:
        """The ``identity_verified`` audit entry and *do_record* (the recorded time) in one transaction."""
        session = self._require(STEP_PERMISSION[verified.step], action=_action(verified.label))
        with self.store.write():
            saved = do_record()
            self._audit(session, saved, "identity_verified", {
                "step": verified.step, "event": verified.label, "values": verified.values,
                "sources": verified.sources, "second_person": verified.second_person})
        return saved

    # -- helpers --------------------------------------------------------------------------------------

    def _session(self) -> Session:
        if self.services.session is None:
            from atmp_desktop.services.errors import AuthenticationError

            raise AuthenticationError("sign in to scan", key=None)
        return self.services.session

    def _second_person(self, session: Session, step: str, user: str | None, password: str | None
                       ) -> tuple[str | None, coi.Mismatch | None]:
        """The second person's name, or the reason they do not count (as a mismatch)."""
        def problem(en: str, sv: str) -> tuple[None, coi.Mismatch]:
            return None, coi.Mismatch("SECOND_PERSON", "second", {"reason": {"en": en, "sv": sv}})

        if not user:
            return problem("a second person must confirm this step with their own password",
                           "en andra person måste bekräfta steget med sitt eget lösenord")
        if user == session.username:
            return problem("the second person must be someone else", "den andra personen måste vara någon annan")
        record = self.repos.users.get(user)
        creds = self.repos.users.credentials(user) if record and record.active else None
        if not verify_password(password or "", creds) or record is None:
            return problem("the second person's user name or password is wrong",
                           "den andra personens användarnamn eller lösenord är fel")
        if not Session(record.username, record.display_name, record.role).can(STEP_PERMISSION[step]):
            return problem(f"{record.username} ({record.role}) may not confirm this step",
                           f"{record.username} får inte bekräfta det här steget")
        return record.username, None

    def _audit(self, session: Session, sp: StoredPathway, action: str, after: dict) -> None:
        with self.store.write():
            self.repos.audit.record(session.username, "pathways", str(sp.id), action, None, after,
                                    "chain of identity", sp.patient_id)


def _sv(exc: Exception) -> str:
    from atmp_desktop.services.messages import refusal_message

    return refusal_message(exc, "sv")
