"""A site's capacity use for the pathway screens, counted once per site, and the site a new plan is for.

Counting a site's capacity the first time takes about a second on a large
store, so the Pathway view and the create-pathway dialog ask for it after they
have painted (:func:`capacity_counted`, :func:`count_capacity`) and show
``CAPACITY`` findings only once it is counted.
"""

from __future__ import annotations

import logging
import weakref
from typing import Any

from atmp_desktop.domain.findings import Finding
from atmp_desktop.domain.pathway import Pathway
from atmp_desktop.services import REFUSALS
from atmp_desktop.ui.context import UiContext

log = logging.getLogger(__name__)


#: One capacity service per Services object when the facade does not carry one (its cache is per instance).


def capacity_service(services) -> Any | None:
    """The window's capacity service, or None when it cannot start (planning goes on without it)."""
    try:
        return services.capacity
    except Exception:  # noqa: BLE001 - a capacity service that cannot start must not stop planning
        log.exception("capacity service unusable")
        return None


#: Sites whose capacity the service has counted once (later calls reuse and reconcile its cache).
_COUNTED: "weakref.WeakKeyDictionary[Any, set[str]]" = weakref.WeakKeyDictionary()


def capacity_counted(services, site: str) -> bool:
    """True when asking for *site*'s capacity is cheap now (it has been counted once)."""
    return site in _COUNTED.get(services, set())


def count_capacity(services, site: str) -> bool:
    """Count *site*'s capacity use once (about a second on a 10,000-pathway store); False without a service."""
    cap = capacity_service(services)
    if cap is None or not hasattr(cap, "load"):
        return False
    try:
        cap.load(site)
    except REFUSALS:
        return False
    _COUNTED.setdefault(services, set()).add(site)
    return True


def capacity_findings(services, site: str, pathway_id: int | None, pathway: Pathway) -> list[Finding]:
    """``CAPACITY`` findings of *pathway* (edited or new) as if it replaced *pathway_id*'s use.

    Empty until the site has been counted (:func:`count_capacity`): the first
    count is slow, so views ask for it after they have painted, not on every edit.
    """
    if not capacity_counted(services, site):
        return []
    cap = capacity_service(services)
    try:
        load = cap.load(site)  # type: ignore[union-attr]
        return load.findings_for("new" if pathway_id is None else str(pathway_id), pathway)
    except REFUSALS:
        return []


def site_load(services, site: str):
    """The site's capacity use (a ``domain.capacity.Load``), or None when the site has no resources."""
    cap = capacity_service(services)
    if cap is not None and hasattr(cap, "load"):
        load = cap.load(site)
        _COUNTED.setdefault(services, set()).add(site)
        return load
    from atmp_desktop.domain.capacity import Load

    resources = services.resources.list(site)
    if not resources:
        return None
    active = {str(sp.id): sp.pathway for sp in services.pathways.load_all(site=site) if sp.stage != "cancelled"}
    return Load.build(resources, active, services.sites.calendar(site), services.products.catalogue())


def default_site(ctx: UiContext) -> str | None:
    """The site chosen in the window, else the signed-in user's own site."""
    if ctx.site:
        return ctx.site
    session = ctx.services.session
    if session is None:
        return None
    try:
        user = ctx.services.users.get(session.username)
    except REFUSALS:
        return None
    return getattr(user, "site", None)
