"""A site's capacity use for the pathway screens, counted once per site, and the site a new plan is for.

Counting a site's capacity the first time takes about a second on a large
store, so the Pathway view and the create-pathway dialog ask for it after they
have painted (:func:`capacity_counted`, :func:`count_capacity`) and show
``CAPACITY`` findings only once it is counted.
"""

from __future__ import annotations

import logging
import threading
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


class CapacityCount:
    """*site*'s capacity counted on a worker thread, over a read-only connection and services of its own.

    The window goes on answering meanwhile (on the 100,000-pathway bench store
    the busiest site takes about a second). Ask :meth:`done` (from a timer),
    then call :meth:`finish` on the window's thread: it hands the count to the
    window's capacity service, which checks it against the store as after any
    change (see ``CapacityService.adopt``). A count that failed on the worker
    is made again there, on the window's own connection, where a refusal
    reaches the caller as usual (:func:`count_capacity`).
    """

    def __init__(self, services, site: str):
        self.services, self.site = services, site
        self._counted: Any = None
        path, session = services.store.path, services.session
        self._thread = threading.Thread(target=self._run, args=(path, session), name="capacity-count", daemon=True)
        self._thread.start()

    def _run(self, path, session) -> None:
        from atmp_desktop.services import Services
        from atmp_desktop.services.capacity import CapacityService
        from atmp_desktop.storage import Store

        try:
            store = Store.open(path, create=False, write=False)
        except Exception:  # noqa: BLE001 - finish() counts on the window's connection then
            log.debug("capacity count: no connection of its own", exc_info=True)
            return
        try:
            self._counted = CapacityService(Services(store, session)).take(self.site)
        except Exception:  # noqa: BLE001 - the same: counted again where a refusal can be shown
            log.debug("capacity count on the worker failed", exc_info=True)
        finally:
            store.close()

    def done(self) -> bool:
        return not self._thread.is_alive()

    def finish(self) -> bool:
        """Give the count to the window's capacity service (waiting for it); False when there is no service."""
        self._thread.join()
        cap = capacity_service(self.services)
        if self._counted is None or cap is None or not hasattr(cap, "adopt"):
            return count_capacity(self.services, self.site)
        cap.adopt(self.site, self._counted)
        self._counted = None
        return count_capacity(self.services, self.site)  # now only checks it against the store


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
