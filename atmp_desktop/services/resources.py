"""Resources and their capacity per site (administrators change them; issue 6 plans with them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from atmp_desktop.services.auth import Permission
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import NotFound, ValidationError
from atmp_desktop.services.messages import Phrase

if TYPE_CHECKING:
    from atmp_desktop.domain.resources import Resource


class ResourceService(Service):
    def list(self, site: str | None = None) -> list[Resource]:
        return self.repos.resources.list(site)

    def get(self, resource_id: str) -> Resource:
        found = self.repos.resources.get(resource_id)
        if found is None:
            raise NotFound(f"there is no resource {resource_id!r}")
        return found

    def save(self, resource: Resource, reason: str | None = None) -> Resource:
        """Add or change a resource (administrators)."""
        session = self._require(Permission.MANAGE_RESOURCES, action=Phrase("change resources or capacity", "action.change_resources"))
        if not self.services.sites.exists(resource.site):
            raise ValidationError(f"unknown site {resource.site!r}", key="site.unknown", site=resource.site)
        if resource.product is not None and resource.product not in self.services.products.product_ids:
            raise ValidationError(f"unknown product {resource.product!r}")
        with self.store.write():
            return self.repos.resources.save(resource, session.username, reason)

    def delete(self, resource_id: str, reason: str | None = None) -> None:
        session = self._require(Permission.MANAGE_RESOURCES, action=Phrase("remove a resource", "action.remove_resource"))
        with self.store.write():
            self.repos.resources.delete(resource_id, session.username, reason)
