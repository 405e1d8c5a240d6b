"""Findings: what every check says, in one shape for the UI, the CLI, the PDFs and the tests.

A finding has a stable upper-case ``code`` (never renamed once released), a
``severity`` and a message built from a template in the reader's language.
Templates live in :mod:`atmp_desktop.domain.messages`; a finding keeps the
template key and its parameters so that the same finding can be shown in
Swedish in the application and in English on the command line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Iterable

from atmp_desktop.domain import messages
from atmp_desktop.domain.protocol_messages import CODES as _PROTOCOL_CODES


class Severity(str, Enum):
    """How serious a finding is. ``error`` breaks a label rule."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


#: The stable finding codes and what each one means. Codes are never renamed.
CODES: dict[str, str] = {
    "SEQUENCE": "Events out of order",
    "LD_TO_INFUSION": "Infusion day outside the allowed gap after lymphodepletion",
    "THAW_TO_INFUSION": "Infusion not completed within the product's limit after thaw",
    "PRODUCT_NOT_AVAILABLE": "Lymphodepletion starts before the product is received",
    "PRODUCT_EXPIRED": "Infusion after the product's expiry",
    "SHIPPER_HOLD": "Product moved to storage after the dry shipper's hold time ended",
    "STORAGE_TEMPERATURE": "Storage temperature above the product's maximum",
    "NON_WORKING_DAY": "Staffed event on a closed day",
    "TOCILIZUMAB": "Fewer tocilizumab doses available than the label requires",
    "MISSING_EVENT": "An event the pathway's stage requires is missing",
    "SPLIT_DOSE_INTERVAL": "Second part of a split dose outside the label's interval",
    "INDICATION_ASSUMED": "Indication not given; the product's default indication was used",
    "RULE_ASSUMED": "A value the label does not give was replaced by a centre assumption",
    "CAPACITY": "Planned use of an apheresis chair, ward bed, thaw slot or manufacturing slot above its capacity",
    "PLAN_DELAYED": "The earliest feasible plan is later than asked; says what pushed it later",
    **_PROTOCOL_CODES,
}


@dataclass(frozen=True)
class Finding:
    """One thing a check found about a pathway."""

    code: str
    severity: Severity
    key: str
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    event: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}")
        if self.key not in messages.TEMPLATES["en"]:
            raise ValueError(f"no message template {self.key!r}")

    def message(self, lang: str = "en") -> str:
        return messages.render(self.key, self.params, lang)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "event": self.event,
        }


def error(code: str, key: str, event: str | None = None, **params: Any) -> Finding:
    return Finding(code, Severity.ERROR, key, params, event)


def warning(code: str, key: str, event: str | None = None, **params: Any) -> Finding:
    return Finding(code, Severity.WARNING, key, params, event)


def info(code: str, key: str, event: str | None = None, **params: Any) -> Finding:
    return Finding(code, Severity.INFO, key, params, event)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings, then information; stable within a severity."""
    return sorted(findings, key=lambda f: f.severity.rank)


def has_error(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)
