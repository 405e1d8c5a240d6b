"""Patient and product identifiers: personnummer, samordningsnummer, reserve ids, ISBT 128 DIN.

Pure functions, no storage. Facts and sources: ``shared/reference/identifiers.md``.

* A Swedish **personnummer** is checked with python-stdnum (check digit, real
  date, 10- and 12-digit forms, ``-``/``+`` separators) and stored as 12 digits.
* A **samordningsnummer** (coordination number) has 60 added to the day;
  python-stdnum 2.2 rejects it, so its Luhn digit is checked with
  ``stdnum.luhn`` and its date after subtracting 60.
* A patient with neither (a referral from abroad) gets a local **reserve id**,
  ``R`` + birth date + a 3-digit serial + a Luhn digit, e.g. ``R198112180017``:
  it cannot be mistaken for a personnummer (it starts with a letter) and a
  mistyped digit is caught.
* An ISBT 128 **DIN** (13 characters) carries a keyboard-entry check character,
  ISO/IEC 7064 MOD 37-2 (``stdnum.iso7064.mod_37_2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import SimpleNamespace

ID_KINDS = ("personnummer", "samordningsnummer", "reserve")

_PNR_RE = re.compile(r"^(\d{2})?(\d{6})([-+])?(\d{4})$")
_RESERVE_RE = re.compile(r"^R(\d{8})(\d{3})(\d)$")
_DIN_RE = re.compile(r"^[A-Z0-9]{13}$")


@lru_cache(maxsize=None)
def _stdnum() -> SimpleNamespace:
    """The parts of python-stdnum used here, imported on first use.

    Not importing it with this module keeps it off the application's start-up
    (the first screen needs no identifier checks); cached, so that a call costs
    no import statement (which PySide6's import hook makes slow).
    """
    from stdnum import luhn
    from stdnum.exceptions import ValidationError
    from stdnum.iso7064 import mod_37_2
    from stdnum.se import personnummer

    return SimpleNamespace(luhn=luhn, ValidationError=ValidationError, mod_37_2=mod_37_2, personnummer=personnummer)


class IdentifierError(ValueError):
    """An identifier that is not valid; the message says why, in one line."""


@dataclass(frozen=True)
class PatientId:
    """A validated patient identifier in its stored form.

    ``value`` is 12 digits (``YYYYMMDDNNNC``) for a personnummer or
    samordningsnummer, or a reserve id (``R…``).
    """

    value: str
    kind: str
    birth_date: date | None
    sex: str | None = None

    @property
    def display(self) -> str:
        """How people write it: ``19811218-9876``; a reserve id as it is."""
        if self.kind == "reserve":
            return self.value
        return f"{self.value[:8]}-{self.value[8:]}"


def _century(yy: int, plus: bool, today: date) -> int:
    # python-stdnum's rule: the most recent century that does not put the year
    # after this one; '+' (aged 100 or more) goes back one century more.
    century = today.year // 100
    if yy > today.year % 100:
        century -= 1
    if plus:
        century -= 1
    return century


def parse_personnummer(text: str, today: date | None = None) -> PatientId:
    """Validate a personnummer or samordningsnummer and return its 12-digit form.

    Accepts ``YYMMDD-NNNC``, ``YYMMDD+NNNC``, ``YYMMDDNNNC``, ``YYYYMMDD-NNNC``
    and ``YYYYMMDDNNNC``. For the 10-digit forms the century comes from the
    separator and *today* (default: the real today), as python-stdnum does.
    """
    if not isinstance(text, str):
        raise IdentifierError(f"{text!r} is not a personnummer")
    today = today or date.today()
    raw = text.strip().replace(" ", "")
    m = _PNR_RE.match(raw)
    if not m:
        raise IdentifierError(
            f"{text!r} is not a personnummer: write YYYYMMDD-NNNN (or YYMMDD-NNNN)"
        )
    stdnum = _stdnum()
    century_digits, yymmdd, sep, tail = m.groups()
    ten = yymmdd + tail
    if not stdnum.luhn.is_valid(ten):
        raise IdentifierError(f"{text!r} is not a valid personnummer: the check digit is wrong")
    day = int(yymmdd[4:6])
    kind = "samordningsnummer" if day > 60 else "personnummer"
    if century_digits is not None:
        year = int(century_digits + yymmdd[:2])
    else:
        year = _century(int(yymmdd[:2]), sep == "+", today) * 100 + int(yymmdd[:2])
    month = int(yymmdd[2:4])
    try:
        birth = date(year, month, day - 60 if kind == "samordningsnummer" else day)
    except ValueError:
        raise IdentifierError(f"{text!r} is not a valid {kind}: {yymmdd} is not a real date") from None
    if kind == "personnummer":
        # python-stdnum is the reference for the ordinary number; it must agree.
        try:
            stdnum.personnummer.validate(f"{year:04d}{yymmdd[2:]}-{tail}")
        except stdnum.ValidationError as exc:
            raise IdentifierError(f"{text!r} is not a valid personnummer ({exc})") from None
    if birth > today:
        raise IdentifierError(f"{text!r}: the birth date {birth.isoformat()} is in the future")
    sex = "M" if int(tail[2]) % 2 else "F"
    return PatientId(f"{year:04d}{yymmdd[2:]}{tail}", kind, birth, sex)


def make_personnummer(birth: date, serial: int, coordination: bool = False) -> str:
    """The 12-digit number for *birth* and a 3-digit birth *serial* (for test data)."""
    if not 0 <= serial <= 999:
        raise ValueError("serial must be 0-999")
    day = birth.day + (60 if coordination else 0)
    nine = f"{birth:%y%m}{day:02d}{serial:03d}"
    return f"{birth.year:04d}{nine[2:]}{_stdnum().luhn.calc_check_digit(nine)}"


def make_reserve_id(birth: date, serial: int) -> str:
    """A local reserve id for a patient without a Swedish number."""
    if not 0 <= serial <= 999:
        raise ValueError("reserve serial must be 0-999")
    body = f"{birth:%Y%m%d}{serial:03d}"
    return f"R{body}{_stdnum().luhn.calc_check_digit(body)}"


def parse_reserve_id(text: str) -> PatientId:
    if not isinstance(text, str):
        raise IdentifierError(f"{text!r} is not a reserve id")
    raw = text.strip().replace(" ", "").replace("-", "").upper()
    m = _RESERVE_RE.match(raw)
    if not m:
        raise IdentifierError(f"{text!r} is not a reserve id (R + YYYYMMDD + 4 digits)")
    if not _stdnum().luhn.is_valid(m.group(1) + m.group(2) + m.group(3)):
        raise IdentifierError(f"{text!r} is not a valid reserve id: the check digit is wrong")
    try:
        birth = date(int(m.group(1)[:4]), int(m.group(1)[4:6]), int(m.group(1)[6:]))
    except ValueError:
        raise IdentifierError(f"{text!r} is not a valid reserve id: {m.group(1)} is not a real date") from None
    return PatientId(raw, "reserve", birth)


def is_reserve_id(text: str) -> bool:
    return isinstance(text, str) and text.strip().upper().startswith("R")


def parse_patient_id(text: str, today: date | None = None) -> PatientId:
    """A personnummer, samordningsnummer or reserve id, validated and normalised."""
    if is_reserve_id(text):
        return parse_reserve_id(text)
    return parse_personnummer(text, today)


def digits_of(text: str) -> str:
    """Only the digits of *text* (for searching by a partly typed number)."""
    return "".join(ch for ch in text if ch.isdigit())


# -- ISBT 128 donation identification number ---------------------------------


def din_check_character(din: str) -> str:
    """The keyboard-entry check character of a 13-character DIN (ISO 7064 MOD 37-2)."""
    if not isinstance(din, str):
        raise IdentifierError(f"{din!r} is not an ISBT 128 DIN")
    compact = din.strip().replace(" ", "").upper()
    if not _DIN_RE.match(compact):
        raise IdentifierError(f"{din!r} is not an ISBT 128 DIN: 13 letters or digits expected")
    return _stdnum().mod_37_2.calc_check_digit(compact)


def validate_din(text: str) -> str:
    """A DIN with its check character (14 characters, spaces allowed); returns it compact."""
    if not isinstance(text, str):
        raise IdentifierError(f"{text!r} is not an ISBT 128 DIN")
    compact = text.strip().replace(" ", "").upper()
    if len(compact) != 14 or not _DIN_RE.match(compact[:13]):
        raise IdentifierError(f"{text!r} is not an ISBT 128 DIN with its check character (14 characters)")
    if din_check_character(compact[:13]) != compact[13]:
        raise IdentifierError(f"{text!r}: the DIN check character is wrong")
    return compact


def make_din(facility: str, year: int, sequence: int) -> str:
    """A DIN with its check character: facility (5 characters) + 2-digit year + 6-digit sequence."""
    body = f"{facility.upper()}{year % 100:02d}{sequence:06d}"
    return body + din_check_character(body)
