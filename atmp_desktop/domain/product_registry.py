"""What every catalogue built so far says about its products, for the words of the lists (no imports).

Filled by each :class:`~atmp_desktop.domain.catalogue.Catalogue` as it is built
(the shipped one, and those with local trial profiles), so that the lists can
name a local product and say "conditioning running" for a busulfan product
without loading the catalogue's rules themselves.
"""

from __future__ import annotations

#: Products whose "lymphodepletion" stage is myeloablative conditioning (busulfan) instead.
CONDITIONED_PRODUCTS: set[str] = set()
#: Every product's name by id, local (trial) profiles included.
PRODUCT_NAMES: dict[str, str] = {}
