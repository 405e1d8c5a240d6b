"""A :class:`ChecklistInput` for a stored pathway, through the services' public, read-only API.

The findings come from the product profile version the pathway was planned
with and its site's calendar (``PathwayService.findings``), so the PDF shows
the same open errors as the application. Reading needs no signed-in user.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from atmp_desktop.reports.model import ChecklistError, ChecklistInput, PatientInfo, checklist_input

if TYPE_CHECKING:
    from atmp_desktop.services import Services


def stored_checklist_input(
    services: "Services",
    pathway_id: int,
    lang: str = "en",
    printed_at: datetime | None = None,
    site_phone: str | None = None,
) -> ChecklistInput:
    """Everything a checklist of stored pathway *pathway_id* prints.

    Raises the services' ``NotFound`` for an unknown pathway (or its patient or
    site) and :class:`ChecklistError` for a cancelled one.
    """
    sp, patient = services.pathways.with_patient(pathway_id)
    if sp.pathway.stage == "cancelled":
        raise ChecklistError("cancelled", pathway=sp.id, reason=sp.cancel_reason or "–")
    site = services.sites.get(sp.site)
    info = PatientInfo(
        name=patient.full_name,
        identifier=patient.identifier,
        birth_date=patient.birth_date,
        weight_kg=patient.weight_kg,
        height_cm=patient.height_cm,
    )
    return checklist_input(
        sp.pathway,
        info,
        site_name=site.name,
        pathway_id=str(sp.id),
        profile=services.pathways.profile_for(sp),
        findings=services.pathways.findings(sp),
        printed_at=printed_at or datetime.now(timezone.utc).astimezone(sp.pathway.tz),
        lang=lang,
        site_phone=site_phone,
    )
