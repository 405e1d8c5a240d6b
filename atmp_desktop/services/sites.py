"""Sites: their calendars and planning settings (administrators change them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from atmp_desktop.services.auth import Permission
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import NotFound, ValidationError
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage.records import Site

if TYPE_CHECKING:
    from atmp_desktop.domain.calendar import SiteCalendar
    from atmp_desktop.domain.planner import Planner


class SiteService(Service):
    """Sites, cached for the life of the services (one calendar object per site keeps its day cache)."""

    def __init__(self, services):
        super().__init__(services)
        self._sites: dict[str, Site] | None = None

    def _all(self) -> dict[str, Site]:
        if self._sites is None:
            self._sites = {s.id: s for s in self.repos.sites.list()}
        return self._sites

    def list(self) -> list[Site]:
        return sorted(self._all().values(), key=lambda s: s.name)

    def get(self, site_id: str) -> Site:
        site = self._all().get(site_id)
        if site is None:
            known = ", ".join(sorted(self._all())) or "none yet"
            raise NotFound(f"there is no site {site_id!r}; known: {known}")
        return site

    def exists(self, site_id: str) -> bool:
        return site_id in self._all()

    def calendar(self, site_id: str) -> SiteCalendar:
        return self.get(site_id).calendar

    def planner(self, site_id: str) -> Planner:
        """A planner with the site's calendar and habits and the current product profiles."""
        from atmp_desktop.domain.planner import Planner

        site = self.get(site_id)
        return Planner(site.calendar, site.plan_settings(), self.services.products.catalogue())

    def save(self, site: Site, reason: str | None = None) -> Site:
        """Create or change a site (administrators); findings of its pathways are recounted."""
        session = self._require(Permission.MANAGE_SITES, action=Phrase("change a site", "action.change_site"))
        if not site.id or not site.name:
            raise ValidationError("a site needs an id and a name")
        with self.store.write():
            saved = self.repos.sites.save(site, session.username, reason)
            self._sites = None
            self.services.pathways.recount(site=site.id)
        return saved

    def invalidate(self) -> None:
        self._sites = None
