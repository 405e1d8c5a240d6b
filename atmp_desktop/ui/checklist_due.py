"""Which checklists are due on a day, for one ward/site or all (plain Python, no Qt).

==================== =====================================================
pre-apheresis        the apheresis day
product-receipt      the day the product is received
pre-lymphodepletion  the first day of each lymphodepletion course
pre-infusion         each infusion day (a split dose: each part's day)
monitoring           the (first) infusion day, day 0
discharge            the day the patient leaves the ward: the last infusion
                     day plus the site's ward-bed inpatient days, or, where
                     the site sets none, plus the product's daily-monitoring
                     period (the same rule the capacity check counts beds by)
==================== =====================================================

Cancelled pathways are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from atmp_desktop.domain.pathway import STAGES
from atmp_desktop.reports import KINDS
from atmp_desktop.services import REFUSALS, Services


_ACTIVE_STAGES = tuple(s for s in STAGES if s != "cancelled")


@dataclass(frozen=True)
class DueChecklist:
    """One checklist due on a day, for one pathway."""

    pathway_id: int
    kind: str
    patient_name: str
    identifier: str
    site: str
    product: str

    @property
    def display_identifier(self) -> str:
        ident = self.identifier
        return f"{ident[:8]}-{ident[8:]}" if len(ident) == 12 and ident.isdigit() else ident

    def file_name(self, day: date) -> str:
        return f"{day.isoformat()}_pathway-{self.pathway_id:04d}_{self.kind}.pdf"


def due_checklists(services: Services, day: date, site: str | None = None) -> list[DueChecklist]:
    """Every checklist due on *day* (see the module's table), in pathway-need order, then by patient."""
    stays = _ward_stays(services)
    # Discharge looks back from the day by the longest stay a ward could keep a patient.
    lookback = max([*stays.values(), _longest_monitoring(services)])
    rows = services.pathways.events_between(day - timedelta(days=lookback), day, site=site, stages=_ACTIVE_STAGES)
    found: dict[tuple[int, str], DueChecklist] = {}
    infusions: dict[int, list] = {}

    def add(row, kind: str) -> None:
        found.setdefault((row.pathway_id, kind), DueChecklist(
            row.pathway_id, kind, row.patient_name, row.identifier, row.site, row.product))

    for row in rows:
        if row.kind == "infusion":
            infusions.setdefault(row.pathway_id, []).append(row)
        if row.first_day != day:
            continue
        if row.kind == "apheresis":
            add(row, "pre-apheresis")
        elif row.kind == "product_receipt":
            add(row, "product-receipt")
        elif row.kind == "lymphodepletion":
            add(row, "pre-lymphodepletion")
        elif row.kind == "infusion":
            add(row, "pre-infusion")
            if row.label in ("infusion", "infusion#1"):
                add(row, "monitoring")

    for pathway_id, inf_rows in infusions.items():
        last = max(r.last_day for r in inf_rows)
        site_id = inf_rows[0].site
        stay = stays.get(site_id)
        if stay is None:
            stay = _monitoring_days(services, pathway_id)
        if stay is not None and last + timedelta(days=stay) == day:
            add(inf_rows[0], "discharge")

    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(found.values(), key=lambda d: (order[d.kind], d.patient_name, d.pathway_id))


def _ward_stays(services: Services) -> dict[str, int]:
    stays: dict[str, int] = {}
    for r in services.resources.list():
        if r.kind == "ward_bed" and r.inpatient_days is not None:
            stays[r.site] = max(stays.get(r.site, 0), r.inpatient_days)
    return stays


def _longest_monitoring(services: Services) -> int:
    """The longest daily-monitoring period of any product (label or centre assumption), in days."""
    longest = 0
    products = services.products
    for product in products.product_ids:
        for region in ("EU", "US"):
            try:
                days = products.profile(product, region).planning_value("monitoring_daily_days")[0]
                longest = max(longest, int(days))
            except (*REFUSALS, KeyError, TypeError, ValueError):
                continue
    return longest or 28


def _monitoring_days(services: Services, pathway_id: int) -> int | None:
    try:
        sp = services.pathways.get(pathway_id)
        profile = services.pathways.profile_for(sp)
        return int(profile.planning_value("monitoring_daily_days")[0])
    except (*REFUSALS, KeyError, TypeError, ValueError):
        return None
