"""Users, roles, permissions and passwords.

Passwords are hashed with scrypt (memory-hard; ``hashlib.scrypt``), a random
16-byte salt per user, and the parameters stored beside the hash so they can
be raised later without invalidating old hashes. A password is never stored,
logged or put in an audit entry.

Roles and what they may do (enforced by the services, not only hidden in a UI):

=================  ===========================================================
coordinator        plan, replan, cancel and import pathways; register and edit
                   patients; record manufacturing/shipment/follow-up actuals
pharmacist         product receipt, storage and thaw (actual times, shipper
                   hold, storage temperatures, expiry); cell-lab checklists
nurse              apheresis, lymphodepletion, infusion and monitoring actuals;
                   ward checklists; weight and height
administrator      product profile overrides, users, sites, resources and
                   capacity, restoring a backup
=================  ===========================================================
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping

from atmp_desktop.services.errors import AuthenticationError, PermissionDenied
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage.records import ROLES

#: Default scrypt cost: about 80 ms and 16 MiB on the development machine.
SCRYPT_PARAMS: Mapping[str, int] = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
MIN_PASSWORD_LENGTH = 8


class Permission(str, Enum):
    PLAN = "plan"
    EDIT_PATIENTS = "edit_patients"
    RECORD_MEASUREMENTS = "record_measurements"
    RECORD_LOGISTICS = "record_logistics"
    RECORD_CELL_LAB = "record_cell_lab"
    RECORD_WARD = "record_ward"
    EDIT_PROFILES = "edit_profiles"
    #: create and approve local product profiles (trial and hospital-exemption products; issue 13)
    DEFINE_PROFILES = "define_profiles"
    MANAGE_USERS = "manage_users"
    MANAGE_SITES = "manage_sites"
    MANAGE_RESOURCES = "manage_resources"
    RESTORE = "restore"


P = Permission
ROLE_PERMISSIONS: Mapping[str, frozenset[Permission]] = {
    "coordinator": frozenset({P.PLAN, P.EDIT_PATIENTS, P.RECORD_MEASUREMENTS, P.RECORD_LOGISTICS}),
    "pharmacist": frozenset({P.RECORD_CELL_LAB, P.DEFINE_PROFILES}),
    "nurse": frozenset({P.RECORD_WARD, P.RECORD_MEASUREMENTS}),
    "administrator": frozenset({P.EDIT_PROFILES, P.DEFINE_PROFILES, P.MANAGE_USERS, P.MANAGE_SITES, P.MANAGE_RESOURCES, P.RESTORE}),
}

#: Who records the actual times of each event kind.
ACTUAL_PERMISSION: Mapping[str, Permission] = {
    "apheresis": P.RECORD_WARD,
    "manufacturing": P.RECORD_LOGISTICS,
    "product_shipment": P.RECORD_LOGISTICS,
    "product_receipt": P.RECORD_CELL_LAB,
    "storage": P.RECORD_CELL_LAB,
    "lymphodepletion": P.RECORD_WARD,
    "thaw": P.RECORD_CELL_LAB,
    "infusion": P.RECORD_WARD,
    "monitoring": P.RECORD_WARD,
    "follow_up": P.RECORD_LOGISTICS,
    "marker_test": P.RECORD_WARD,
    "mobilisation": P.RECORD_WARD,
    "conditioning": P.RECORD_WARD,
    "post_infusion_drug": P.RECORD_WARD,
}

#: The role each permission belongs to, for messages ("only a pharmacist may …").
_OWNER = {perm: role for role, perms in ROLE_PERMISSIONS.items() for perm in perms}
_ARTICLE = {"coordinator": "a coordinator", "pharmacist": "a pharmacist", "nurse": "a nurse",
            "administrator": "an administrator"}


def roles_that_may(*any_of: Permission) -> list[str]:
    return sorted({role for role, perms in ROLE_PERMISSIONS.items() if perms & set(any_of)})


def who_may(*any_of: Permission) -> str:
    return " or ".join(_ARTICLE[r] for r in roles_that_may(*any_of)) or "nobody"


@dataclass(frozen=True)
class Session:
    """A signed-in user. ``system`` sessions (demo data, migrations) are not people."""

    username: str
    display_name: str
    role: str
    system: bool = False
    #: The only sites this user may see and change (None: every site); see :meth:`may_see_site`.
    sites: frozenset[str] | None = None

    def may_see_site(self, site: str | None) -> bool:
        return self.sites is None or self.system or site in self.sites

    def require_site(self, *sites: str | None) -> None:
        """Refuse unless every one of *sites* is among this user's (a referral needs both ends)."""
        for site in sites:
            if not self.may_see_site(site):
                mine = ", ".join(sorted(self.sites or ()))
                raise PermissionDenied(
                    f"{self.username} works at {mine} only and may not see or change {site}'s pathways; "
                    "nothing was changed", key="site.out_of_scope", site=site, sites=mine)

    @property
    def permissions(self) -> frozenset[Permission]:
        if self.system:
            return frozenset(Permission)
        return ROLE_PERMISSIONS.get(self.role, frozenset())

    def can(self, *any_of: Permission) -> bool:
        return bool(self.permissions & set(any_of))

    def require(self, *any_of: Permission, action: str) -> None:
        """Raise :class:`PermissionDenied` unless the user holds one of *any_of*."""
        if not self.can(*any_of):
            raise PermissionDenied(
                f"{self.username} ({self.role}) may not {action}: only {who_may(*any_of)} may; nothing was changed",
                key="permission.denied" if isinstance(action, Phrase) else None, username=self.username, role=self.role, action=action,
                roles=tuple(roles_that_may(*any_of)),
            )

    @classmethod
    def system_session(cls, name: str = "system") -> "Session":
        return cls(name, name, "administrator", system=True)


def hash_password(password: str, params: Mapping[str, int] | None = None) -> tuple[str, str, dict[str, Any]]:
    """``(hash hex, salt hex, params)`` for storing *password*."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthenticationError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters",
                                  key="auth.password_too_short", length=MIN_PASSWORD_LENGTH)
    p = dict(params or SCRYPT_PARAMS)
    salt = os.urandom(16)
    digest = _scrypt(password, salt, p)
    return digest.hex(), salt.hex(), {"alg": "scrypt", **p}


def _scrypt(password: str, salt: bytes, p: Mapping[str, Any]) -> bytes:
    n, r, par, dklen = int(p["n"]), int(p["r"]), int(p["p"]), int(p["dklen"])
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=par, dklen=dklen,
                          maxmem=256 * r * n + 1024 * 1024 * 8)


def verify_password(password: str, credentials: tuple[str, str, Mapping[str, Any]] | None) -> bool:
    """True when *password* matches; also spends the hashing time for an unknown user."""
    if credentials is None:
        _scrypt(password, b"\0" * 16, SCRYPT_PARAMS)  # same time for unknown users: names stay private
        return False
    digest_hex, salt_hex, params = credentials
    if params.get("alg", "scrypt") != "scrypt":
        return False
    try:
        digest = _scrypt(password, bytes.fromhex(salt_hex), params)
    except (ValueError, KeyError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; known: {', '.join(ROLES)}")
    return role
