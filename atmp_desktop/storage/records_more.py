"""The store's records that the window's first screen does not need (see :mod:`atmp_desktop.storage.records`).

Import them from :mod:`atmp_desktop.storage.records`, as ever; they live here
so that opening the window does not spend the time to make them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from atmp_desktop.domain.pathway import Pathway


@dataclass(frozen=True)
class Patient:
    """A patient. ``identifier`` is the 12-digit personnummer/samordningsnummer or a reserve id."""

    id: int | None
    identifier: str
    id_kind: str
    given_name: str
    family_name: str
    birth_date: date
    treating_site: str
    sex: str | None = None
    weight_kg: float | None = None
    height_cm: float | None = None
    referring_site: str | None = None
    version: int = 0
    created_by: str = ""
    created_at: datetime | None = None
    updated_by: str = ""
    updated_at: datetime | None = None

    @property
    def display_identifier(self) -> str:
        """``YYYYMMDD-NNNN`` for a Swedish number; a reserve id as it is."""
        if self.id_kind == "reserve":
            return self.identifier
        return f"{self.identifier[:8]}-{self.identifier[8:]}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def sort_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    def to_document(self) -> dict[str, Any]:
        """The ``patient`` object of an exported pathway document."""
        return {
            "personnummer": self.identifier,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "birth_date": self.birth_date.isoformat(),
            "weight_kg": self.weight_kg,
            "height_cm": self.height_cm,
        }

    def with_changes(self, **changes: Any) -> "Patient":
        return replace(self, **changes)


@dataclass
class StoredPathway:
    """A pathway as stored: the domain ``Pathway`` plus who, where and which row version.

    ``version`` is the row version it was loaded at; saving it when someone
    else has saved the row since raises :class:`~atmp_desktop.storage.errors.ConflictError`.
    ``open_errors``/``open_warnings`` are the counts cached at the last save.
    Each event's ``extra["recorded_by"]`` names who recorded its actual times.
    """

    id: int | None
    patient_id: int
    site: str
    pathway: Pathway
    profile_version: int = 0
    version: int = 0
    cancel_reason: str | None = None
    created_by: str = ""
    created_at: datetime | None = None
    updated_by: str = ""
    updated_at: datetime | None = None
    open_errors: int = 0
    open_warnings: int = 0

    @property
    def stage(self) -> str | None:
        return self.pathway.stage

    @property
    def product(self) -> str:
        return self.pathway.product


@dataclass(frozen=True)
class PathwayRow:
    """One line of a pathway list: enough for a table view, no events loaded."""

    id: int
    patient_id: int
    identifier: str
    id_kind: str
    given_name: str
    family_name: str
    site: str
    product: str
    indication: str | None
    region: str
    stage: str
    open_errors: int
    open_warnings: int
    infusion_day: date | None
    version: int
    updated_by: str
    updated_at: datetime | None

    @property
    def patient_name(self) -> str:
        return f"{self.family_name}, {self.given_name}"

    @property
    def display_identifier(self) -> str:
        if self.id_kind == "reserve":
            return self.identifier
        return f"{self.identifier[:8]}-{self.identifier[8:]}"


@dataclass(frozen=True)
class ProfileVersion:
    """One local version of a product's catalogue entry (version 0 is the shipped catalogue)."""

    product: str
    version: int
    raw: dict[str, Any] | None
    reason: str
    created_by: str
    created_at: datetime | None
    #: ``override`` (a shipped product's) or ``local`` (a trial or hospital-exemption product; issue 13)
    kind: str = "override"
    #: ``approved`` or ``pending`` (a local version waits for a second person's approval)
    status: str = "approved"
    sources: dict[str, Any] | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None


@dataclass(frozen=True)
class SignOff:
    id: int
    pathway_id: int
    kind: str
    signed_by: str
    second_signer: str | None
    signed_at: datetime
    note: str | None = None


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    username: str
    table: str
    row_id: str
    patient_id: int | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    hash: str


@dataclass(frozen=True)
class AuditProblem:
    """Something ``audit verify`` found: an entry that does not match, or a row that does not."""

    message: str
    entry_id: int | None = None
    table: str | None = None
    row_id: str | None = None


@dataclass
class VerifyReport:
    entries: int = 0
    rows: int = 0
    problems: list[AuditProblem] = field(default_factory=list)
    #: The entry the incremental verify started after (None: every entry and row was checked).
    checkpoint: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_entry(self) -> int | None:
        ids = [p.entry_id for p in self.problems if p.entry_id is not None]
        return min(ids) if ids else None
