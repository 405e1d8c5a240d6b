"""Chain of identity by scanning (issue 14): what a scanned code is, and whether it matches the pathway.

Pure functions; the service (``services/identity.py``) looks up who else a
code belongs to and writes the audit trail. Facts: ``shared/reference/
identifiers.md`` and ``checklists.md`` section 6.

Three fields, as the checklists print them and the labels carry them:

``patient``
    the wristband (or the checklist's patient barcode): a personnummer,
    samordningsnummer or reserve id, check digit verified.
``coi``
    the chain-of-identity number on the cassette and the release certificate.
    When it is a DIN it is checked as one (below); otherwise compared as
    written, ignoring case and spaces.
``bag``
    the ISBT 128 DIN on the bag: the 13 characters with the keyboard-entry
    check character (ISO/IEC 7064 MOD 37-2) as printed eye-readable and on
    our checklists, or the barcode's data structure ``=`` + 13 characters + 2
    flag characters (type-3 flags ``60``–``96`` carry the check value and are
    checked too). "DIN" or "Aph ID" before the number (Abecma's label) is
    dropped.

:func:`mismatches` compares what was scanned with what the pathway expects
and names every difference (:class:`Mismatch`, with a stable code and a
message in English and Swedish). Any mismatch blocks the step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Mapping, Sequence

from atmp_desktop.domain.identifiers import IdentifierError, din_check_character, parse_patient_id, validate_din

FIELDS = ("patient", "coi", "bag")
STEPS = ("receipt", "thaw", "infusion")
#: What each step must scan (the others may be scanned and are then checked too).
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "receipt": ("coi", "bag"),
    "thaw": ("coi", "bag"),
    "infusion": ("patient", "coi", "bag"),
}
#: Steps whose checklist needs a second person (product-receipt and pre-infusion checklists).
TWO_PERSON_STEPS = frozenset({"receipt", "infusion"})
SOURCES = ("scanned", "typed")

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"
_ISBT_DIN = re.compile(r"^=([A-Z0-9]{13})([0-9A-Z*]{2})$")
_PREFIX = re.compile(r"^(DIN|APH\s*-?\s*ID)[\s:#-]*", re.IGNORECASE)


class ScanError(IdentifierError):
    """A scanned or typed code that is not valid for its field; the message says why, in one line."""


def _compact(text: str) -> str:
    return re.sub(r"[\s]", "", text).upper()


def parse_din(text: str) -> str:
    """A bag's DIN as ``13 characters + check character`` from either printed form (see the module)."""
    if not isinstance(text, str):
        raise ScanError(f"{text!r} is not an ISBT 128 DIN")
    raw = _compact(_PREFIX.sub("", text.strip()))
    m = _ISBT_DIN.match(raw)
    if m:
        din, flags = m.groups()
        check = din_check_character(din)
        if flags.isdigit() and 60 <= int(flags) <= 96 and int(flags) - 60 != _ALPHABET.index(check):
            raise ScanError(f"{text!r}: the DIN's flag characters do not match its check character")
        return din + check
    try:
        return validate_din(raw)
    except IdentifierError as exc:
        raise ScanError(str(exc)) from None


def normalise_coi(text: str) -> str:
    """A COI id as compared: a DIN in its 14-character form, anything else upper-case without spaces."""
    raw = _compact(_PREFIX.sub("", text.strip())) if isinstance(text, str) else ""
    if not raw:
        raise ScanError("the chain-of-identity number is empty")
    if raw.startswith("=") or (len(raw) == 14 and raw.isalnum() and not raw.isdigit()):
        return parse_din(raw)
    if not re.fullmatch(r"[A-Z0-9*./-]{3,40}", raw):
        raise ScanError(f"{text!r} is not a chain-of-identity number (3–40 letters, digits, . / - *)")
    return raw


def parse_field(field_name: str, text: str, today: date | None = None) -> str:
    """The value of a scan of *field_name*, validated; :class:`ScanError` (one line) if it is not one."""
    if field_name == "patient":
        try:
            return parse_patient_id(text, today).value
        except IdentifierError as exc:
            raise ScanError(str(exc)) from None
    if field_name == "coi":
        return normalise_coi(text)
    if field_name == "bag":
        return parse_din(text)
    raise ValueError(f"unknown scan field {field_name!r}")


# -- matching --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Owner:
    """A pathway a scanned code belongs to (found by the service)."""

    pathway_id: int
    patient_id: int
    stage: str


@dataclass(frozen=True)
class Expectation:
    """What the pathway expects at one step."""

    pathway_id: int
    patient_id: int
    patient_identifier: str
    patient_display: str
    coi_id: str | None
    stage: str
    step: str
    event_label: str
    product_expiry: date | None = None
    today: date | None = None
    #: The step's event was already recorded: ``(when as text, by whom)``.
    already: tuple[str, str] | None = None


_TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "INVALID": "{field}: {reason}",
        "MISSING": "{field} not scanned",
        "PATHWAY_CANCELLED": "pathway {pathway} is cancelled: nothing may be {done} for it",
        "PATIENT_MISMATCH": "the wristband is {got}, but this pathway is for {expected}: another patient",
        "COI_MISMATCH": "the {field} {got} is not this pathway's chain-of-identity number {expected}",
        "COI_UNKNOWN": "this pathway has no chain-of-identity number recorded yet: record the product receipt first",
        "OTHER_PATIENT": "the {field} {got} belongs to another patient (pathway {other})",
        "OTHER_PATHWAY_CANCELLED": "the {field} {got} belongs to cancelled pathway {other}",
        "LABELS_DISAGREE": "the cassette's COI {coi} and the bag's DIN {bag} do not agree",
        "ALREADY_INFUSED": "a bag was already infused for {event} ({when}, {by}): this would be a second bag",
        "ALREADY_THAWED": "{event} was already recorded ({when}, {by}): this would be a second bag",
        "PRODUCT_EXPIRED": "the product expired on {expiry}",
        "SECOND_PERSON": "{reason}",
    },
    "sv": {
        "INVALID": "{field}: {reason}",
        "MISSING": "{field} är inte skannad",
        "PATHWAY_CANCELLED": "vårdförlopp {pathway} är avbrutet: inget får {done_sv} för det",
        "PATIENT_MISMATCH": "armbandet är {got}, men vårdförloppet gäller {expected}: en annan patient",
        "COI_MISMATCH": "{field} {got} är inte vårdförloppets identitetskedjenummer {expected}",
        "COI_UNKNOWN": "vårdförloppet har inget identitetskedjenummer registrerat än: registrera produktmottagningen först",
        "OTHER_PATIENT": "{field} {got} tillhör en annan patient (vårdförlopp {other})",
        "OTHER_PATHWAY_CANCELLED": "{field} {got} tillhör det avbrutna vårdförloppet {other}",
        "LABELS_DISAGREE": "kassettens COI {coi} och påsens DIN {bag} stämmer inte överens",
        "ALREADY_INFUSED": "en påse är redan infunderad för {event} ({when}, {by}): detta skulle vara en andra påse",
        "ALREADY_THAWED": "{event} är redan registrerad ({when}, {by}): detta skulle vara en andra påse",
        "PRODUCT_EXPIRED": "produkten gick ut {expiry}",
        "SECOND_PERSON": "{reason}",
    },
}
FIELD_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {"patient": "patient wristband", "coi": "COI label", "bag": "bag DIN", "second": "second person"},
    "sv": {"patient": "patientarmband", "coi": "COI-etikett", "bag": "påsens DIN", "second": "andra person"},
}
_DONE = {"receipt": ("received", "tas emot"), "thaw": ("thawed", "tinas"), "infusion": ("infused", "infunderas")}


@dataclass(frozen=True)
class Mismatch:
    """One thing that does not match; any mismatch blocks the step."""

    code: str
    field: str | None
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en", capital: bool = True) -> str:
        templates = _TEMPLATES.get(lang, _TEMPLATES["en"])
        names = FIELD_NAMES.get(lang, FIELD_NAMES["en"])
        values = {k: v.get(lang, v.get("en")) if isinstance(v, Mapping) else v for k, v in self.params.items()}
        values["field"] = names.get(self.field or "", self.field or "")
        step = self.params.get("step", "receipt")
        values.setdefault("done", _DONE.get(step, _DONE["receipt"])[0])
        values.setdefault("done_sv", _DONE.get(step, _DONE["receipt"])[1])
        if "event" in values and isinstance(values["event"], str):
            from atmp_desktop.domain.messages import event_name

            values["event"] = event_name(values["event"], lang)
        text = templates[self.code].format(**values)
        return text[:1].upper() + text[1:] if capital else text


def mismatches(exp: Expectation, values: Mapping[str, str], owners: Mapping[str, Sequence[Owner]],
               errors: Mapping[str, str] | None = None) -> list[Mismatch]:
    """Everything that does not match at *exp*'s step.

    *values*: the parsed value of each scanned field; *errors*: the fields
    whose scan was not valid (field → reason); *owners*: for the coi and bag
    values, every pathway that carries that COI id.
    """
    out: list[Mismatch] = []
    step = exp.step
    if exp.stage == "cancelled":
        out.append(Mismatch("PATHWAY_CANCELLED", None, {"pathway": exp.pathway_id, "step": step}))
    for f, reason in (errors or {}).items():
        out.append(Mismatch("INVALID", f, {"reason": reason}))
    for f in REQUIRED[step]:
        if f not in values and f not in (errors or {}):
            out.append(Mismatch("MISSING", f))
    patient = values.get("patient")
    if patient is not None and patient != exp.patient_identifier:
        got = f"{patient[:8]}-{patient[8:]}" if len(patient) == 12 and patient.isdigit() else patient
        out.append(Mismatch("PATIENT_MISMATCH", "patient", {"got": got, "expected": exp.patient_display}))
    expected_coi = exp.coi_id and _safe_coi(exp.coi_id)
    for f in ("coi", "bag"):
        v = values.get(f)
        if v is None:
            continue
        if expected_coi and v == expected_coi:
            continue
        others = [o for o in owners.get(f, ()) if o.pathway_id != exp.pathway_id]
        other_patient = [o for o in others if o.patient_id != exp.patient_id]
        cancelled = [o for o in others if o.stage == "cancelled"]
        if other_patient:
            out.append(Mismatch("OTHER_PATIENT", f, {"got": v, "other": other_patient[0].pathway_id}))
        elif cancelled:
            out.append(Mismatch("OTHER_PATHWAY_CANCELLED", f, {"got": v, "other": cancelled[0].pathway_id}))
        elif expected_coi:
            out.append(Mismatch("COI_MISMATCH", f, {"got": v, "expected": expected_coi}))
        elif step != "receipt":
            out.append(Mismatch("COI_UNKNOWN", f))
    if (not expected_coi and step == "receipt" and values.get("coi") and values.get("bag")
            and values["coi"] != values["bag"]):
        out.append(Mismatch("LABELS_DISAGREE", None, {"coi": values["coi"], "bag": values["bag"]}))
    if exp.already is not None and step in ("thaw", "infusion"):
        code = "ALREADY_INFUSED" if step == "infusion" else "ALREADY_THAWED"
        out.append(Mismatch(code, "bag", {"event": exp.event_label, "when": exp.already[0], "by": exp.already[1]}))
    if step in ("thaw", "infusion") and exp.product_expiry is not None and exp.today is not None \
            and exp.today > exp.product_expiry:
        out.append(Mismatch("PRODUCT_EXPIRED", None, {"expiry": exp.product_expiry.isoformat()}))
    return out


def _safe_coi(value: str) -> str:
    try:
        return normalise_coi(value)
    except ScanError:
        return _compact(value)
