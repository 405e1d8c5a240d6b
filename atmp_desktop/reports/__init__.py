"""PDF checklists for the bedside, the cell lab and the patient: reportlab only, no Qt.

``render_checklist(kind, data, lang)`` turns a :class:`ChecklistInput` (the
pathway, its product profile, its open findings and the patient) into the bytes
of an A4 PDF. Build the input with :func:`checklist_input` from domain objects,
or for a stored pathway with :func:`atmp_desktop.reports.stored.stored_checklist_input`.
"""

from __future__ import annotations

from atmp_desktop.reports.model import (
    KINDS,
    LANGS,
    ChecklistError,
    ChecklistInput,
    PatientInfo,
    checklist_input,
    require,
)

__all__ = [
    "KINDS",
    "LANGS",
    "ChecklistError",
    "ChecklistInput",
    "PatientInfo",
    "checklist_input",
    "render_checklist",
    "title",
    "warm_up",
]


def title(kind: str, lang: str = "en") -> str:
    """The checklist's title in *lang*."""
    from atmp_desktop.reports.strings import t

    if kind not in KINDS:
        raise ChecklistError("unknown_kind", kind=kind, known=", ".join(KINDS))
    return t(f"title.{kind}", lang)


def render_checklist(kind: str, data: ChecklistInput, lang: str | None = None) -> bytes:
    """The PDF of checklist *kind* for *data*, in *lang* (default: the input's language).

    Raises :class:`ChecklistError` for an unknown kind or a pathway that lacks
    what the checklist needs (no apheresis for ``pre-apheresis``, no planned
    thaw with a time for ``pre-infusion``, …).
    """
    from atmp_desktop.reports.checklists import RENDERERS
    from atmp_desktop.reports.layout import build_pdf

    lang = lang or data.lang
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGS)}")
    require(kind, data.pathway)
    story = RENDERERS[kind](data, lang)
    return build_pdf(data, title(kind, lang), lang, story)


def warm_up() -> None:
    """Import reportlab and load the fonts now (about 0.3 s once per process), not at the first print.

    The application can call this from a background thread at start-up.
    """
    from atmp_desktop.reports import checklists  # noqa: F401 - the import is the point
    from atmp_desktop.reports.layout import styles

    styles()
