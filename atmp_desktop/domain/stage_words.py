"""A pathway's stage in words, as the lists and the Pathway header show it.

One stage id, ``lymphodepletion``, holds the course before infusion: CAR-T
lymphodepletion, or myeloablative conditioning (busulfan) for a product
conditioned instead (Casgevy); the latter reads "conditioning running".
"""

from __future__ import annotations

from atmp_desktop.domain import product_registry
from atmp_desktop.domain.messages import CONDITIONING_STAGE, STAGE_NAMES

_catalogue_read = False


def stage_name(stage: str | None, lang: str = "en", product: str | None = None) -> str:
    """The words of *stage*; the ``lymphodepletion`` stage of a conditioned product reads "conditioning running"."""
    global _catalogue_read
    if stage == "lymphodepletion" and product:
        if not _catalogue_read:
            _catalogue_read = True
            from atmp_desktop.domain.catalogue import shipped_catalogue

            shipped_catalogue()  # registers its conditioned products (local profiles register when built)
        if product.lower() in product_registry.CONDITIONED_PRODUCTS:
            return CONDITIONING_STAGE.get(lang, CONDITIONING_STAGE["en"])
    return STAGE_NAMES.get(lang, STAGE_NAMES["en"]).get(stage or "", stage or "")
