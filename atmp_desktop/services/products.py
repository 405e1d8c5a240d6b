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
        self._local: list[str] | None = None

    @property
    def shipped(self) -> Catalogue:
        from atmp_desktop.domain.catalogue import shipped_catalogue

        return shipped_catalogue()

    @property
    def product_ids(self) -> list[str]:
        """The shipped products, then the local products that have an approved version."""
        latest = self._latest_versions()
        return self.shipped.product_ids + [p for p in self.local_products() if latest.get(p)]

    def local_products(self) -> list[str]:
        """Every locally defined product (trial, hospital exemption), approved or still pending."""
        if self._local is None:
            self._local = self.repos.profiles.local_products()
        return list(self._local)

    def is_local(self, product: str) -> bool:
        return product in self.local_products()

    def _latest_versions(self) -> dict[str, int]:
        if self._latest is None:
            self._latest = self.repos.profiles.latest_versions()
        return self._latest

    def current_version(self, product: str) -> int:
        """The version new pathways of *product* are planned with (0: the shipped catalogue)."""
        return self._latest_versions().get(product, 0)

    def versions(self, product: str) -> list[ProfileVersion]:
        """Local versions of *product*, oldest first (version 0, the shipped entry, is implied)."""
        self._known(product)
        return self.repos.profiles.versions(product)

    def raw(self, product: str, version: int | None = None) -> dict[str, Any]:
        """The catalogue entry of *product* at *version* (default: current), as an editable copy."""
        self._known(product)
        version = self.current_version(product) if version is None else version
        if self.is_local(product) and version == 0:
            raise NotFound(f"{product} has no approved version yet")
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
                if version == 0 and self.is_local(product):
                    raise ValidationError(f"{product} has no approved version yet: it cannot be planned with")
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
            for product in self.local_products():
                version = self.current_version(product)
                if version:
                    found = self.repos.profiles.get(product, version)
                    cat = cat.with_local(found.raw, found.sources or {})  # type: ignore[union-attr,arg-type]
            self._catalogue = cat
        return self._catalogue

    def _known(self, product: str) -> None:
        if product not in self.shipped.product_ids and not self.is_local(product):
            known = self.shipped.product_ids + self.local_products()
            raise NotFound(f"unknown product {product!r}; known: {', '.join(known)}")

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

    # -- local profiles (issue 13): trial and hospital-exemption products ---------------------

    def add_local(self, doc: Any, reason: str | None = None) -> ProfileVersion:
        """Store a local product profile (an ``atmp-local-profile/1`` document) as its next, *pending* version.

        Refused with one clear message, and nothing written, when the profile
        is incomplete or contradictory; it is planned with only once a second
        person has approved it (:meth:`approve`).
        """
        session = self._require(Permission.DEFINE_PROFILES,
                                action=Phrase("add or approve a local product profile", "action.define_profile"))
        from atmp_desktop.domain import local_profiles
        from atmp_desktop.domain.protocol import ProfileError

        if isinstance(doc, (str, bytes)):
            try:
                doc = local_profiles.read(doc)
            except ProfileError as exc:
                raise ValidationError(f"the profile is not valid: {exc}", key="profile.invalid",
                                      detail=str(exc)) from None
        try:
            local_profiles.validate(doc, self.shipped.product_ids, self.shipped.assumptions)
        except ProfileError as exc:
            raise ValidationError(f"the profile is not valid: {exc}", key="profile.invalid", detail=str(exc)) from None
        reason = (reason or doc.get("reason") or "").strip()
        if not reason:
            raise ValidationError("a new version of a local profile needs a reason", key="profile.needs_reason")
        product = doc["product"]["id"]
        with self.store.write():
            saved = self.repos.profiles.add(product, doc["product"], reason, session.username,
                                            kind="local", status="pending", sources=doc["sources"])
        self.invalidate()
        return saved

    def approve(self, product: str, version: int, reason: str = "approved") -> ProfileVersion:
        """Approve a pending local version: the second person of the two-person sign-off."""
        session = self._require(Permission.DEFINE_PROFILES,
                                action=Phrase("add or approve a local product profile", "action.define_profile"))
        found = self.repos.profiles.get(product, version)
        if found is None or found.kind != "local":
            raise NotFound(f"{product} has no local profile version {version}")
        if found.status == "approved":
            raise ValidationError(f"{product} version {version} is already approved (by {found.approved_by})",
                                  key="profile.already_approved", product=product, version=version,
                                  by=found.approved_by)
        if found.created_by == session.username:
            raise ValidationError(
                f"{product} version {version} was written by {session.username}; "
                "a second person must approve it (two-person sign-off)",
                key="profile.same_person", product=product, version=version, by=session.username)
        with self.store.write():
            saved = self.repos.profiles.approve(product, version, session.username, reason.strip() or "approved")
        self.invalidate()
        return saved

    def pending(self) -> list[ProfileVersion]:
        """Local versions waiting for their second person's approval."""
        return [v for v in self.repos.profiles.all() if v.kind == "local" and v.status == "pending"]

    def export_local(self, product: str, version: int | None = None) -> dict[str, Any]:
        """The ``atmp-local-profile/1`` document of a local product at *version* (default: the newest)."""
        from atmp_desktop.domain import local_profiles

        if not self.is_local(product):
            raise NotFound(f"{product!r} is not a local product profile")
        versions = self.repos.profiles.versions(product)
        chosen = versions[-1] if version is None else next((v for v in versions if v.version == version), None)
        if chosen is None:
            raise NotFound(f"{product} has no local profile version {version}")
        return local_profiles.document(chosen.raw or {}, chosen.sources or {}, chosen.reason)

    def invalidate(self) -> None:
        self._latest = None
        self._catalogue = None
        self._local = None
