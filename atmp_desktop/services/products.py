"""Product profiles: the shipped catalogue (version 0) and local overrides (versions 1, 2, …).

An administrator overrides a product's catalogue entry with a reason; each
override is a new version, never edited. A pathway remembers the version it
was planned with, and its findings always come from that version, so a
later override does not silently change an existing plan's checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from atmp_desktop.services.auth import Permission
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import NotFound, ValidationError
from atmp_desktop.services.messages import Phrase

if TYPE_CHECKING:  # the catalogue is loaded on first use
    from atmp_desktop.domain.catalogue import Catalogue, ProductProfile
    from atmp_desktop.storage.records import ProfileVersion


class ProductService(Service):
    def __init__(self, services):
        super().__init__(services)
        self._latest: dict[str, int] | None = None
        self._raw: dict[tuple[str, int], dict[str, Any] | None] = {}
        self._profiles: dict[tuple[str, str, int], ProductProfile] = {}
        self._catalogue: Catalogue | None = None

    @property
    def shipped(self) -> Catalogue:
        from atmp_desktop.domain.catalogue import shipped_catalogue

        return shipped_catalogue()

    @property
    def product_ids(self) -> list[str]:
        return self.shipped.product_ids

    def current_version(self, product: str) -> int:
        """The version new pathways of *product* are planned with (0: the shipped catalogue)."""
        if self._latest is None:
            self._latest = self.repos.profiles.latest_versions()
        return self._latest.get(product, 0)

    def versions(self, product: str) -> list[ProfileVersion]:
        """Local versions of *product*, oldest first (version 0, the shipped entry, is implied)."""
        self._known(product)
        return self.repos.profiles.versions(product)

    def raw(self, product: str, version: int | None = None) -> dict[str, Any]:
        """The catalogue entry of *product* at *version* (default: current), as an editable copy."""
        self._known(product)
        version = self.current_version(product) if version is None else version
        entry = self._raw_entry(product, version)
        return self.shipped.raw_product(product) if entry is None else dict(entry)

    def _raw_entry(self, product: str, version: int) -> dict[str, Any] | None:
        if version == 0:
            return None
        key = (product, version)
        if key not in self._raw:
            found = self.repos.profiles.get(product, version)
            if found is None:
                raise NotFound(f"{product} has no local profile version {version}")
            self._raw[key] = found.raw
        return self._raw[key]

    def profile(self, product: str, region: str = "EU", version: int | None = None) -> ProductProfile:
        """The profile of *product* for *region* at *version* (default: current)."""
        version = self.current_version(product) if version is None else version
        key = (product, region, version)
        hit = self._profiles.get(key)
        if hit is None:
            from atmp_desktop.domain.catalogue import CatalogueError, profile_from_raw

            try:
                entry = self._raw_entry(product, version)
                if entry is None and version == 0:
                    hit = self.shipped.profile(product, region)
                else:
                    raw = self.shipped.raw_product(product) if entry is None else entry
                    hit = profile_from_raw(raw, region, self.shipped.assumptions, version)
            except CatalogueError as exc:
                raise ValidationError(str(exc)) from None
            self._profiles[key] = hit
        return hit

    def catalogue(self) -> Catalogue:
        """The catalogue with every current override applied (for the planner)."""
        if self._catalogue is None:
            cat = self.shipped
            for product in cat.product_ids:
                version = self.current_version(product)
                entry = self._raw_entry(product, version) if version else None
                if entry is not None:
                    cat = cat.with_product(entry)
            self._catalogue = cat
        return self._catalogue

    def _known(self, product: str) -> None:
        if product not in self.shipped.product_ids:
            raise NotFound(f"unknown product {product!r}; known: {', '.join(self.shipped.product_ids)}")

    # -- changing (administrators) -------------------------------------------------------

    def save_override(self, raw: dict[str, Any], reason: str) -> ProfileVersion:
        """Store *raw* (a full catalogue entry) as the product's next version."""
        session = self._require(Permission.EDIT_PROFILES, action=Phrase("change a product profile", "action.change_profile"))
        if not reason or not reason.strip():
            raise ValidationError("a local override needs a reason")
        product = raw.get("id") if isinstance(raw, dict) else None
        if not isinstance(product, str):
            raise ValidationError("the profile has no product 'id'")
        self._known(product)
        from atmp_desktop.domain.catalogue import REGIONS, CatalogueError, profile_from_raw

        try:
            for region in raw.get("regions", {}):
                if region not in REGIONS:
                    raise CatalogueError(f"unknown region {region!r}")
                profile_from_raw(raw, region, self.shipped.assumptions, 1)
            self.shipped.with_product(raw).profile(product)
        except (CatalogueError, KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"the changed profile of {product} is not valid: {exc}") from None
        with self.store.write():
            saved = self.repos.profiles.add(product, raw, reason.strip(), session.username)
        self.invalidate()
        return saved

    def revert_to_shipped(self, product: str, reason: str) -> ProfileVersion:
        """A new version that is the shipped catalogue entry again."""
        session = self._require(Permission.EDIT_PROFILES, action=Phrase("change a product profile", "action.change_profile"))
        self._known(product)
        if not reason or not reason.strip():
            raise ValidationError("going back to the shipped profile needs a reason")
        with self.store.write():
            saved = self.repos.profiles.add(product, None, reason.strip(), session.username)
        self.invalidate()
        return saved

    def invalidate(self) -> None:
        self._latest = None
        self._catalogue = None
