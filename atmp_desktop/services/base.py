"""What every service shares: the store, its repositories and the signed-in session."""

from __future__ import annotations

from typing import TYPE_CHECKING

from atmp_desktop.services.auth import Permission, Session
from atmp_desktop.services.errors import AuthenticationError
from atmp_desktop.services.messages import Phrase

if TYPE_CHECKING:
    from atmp_desktop.services.core import Services
    from atmp_desktop.storage.db import Store
    from atmp_desktop.storage.repositories import Repositories


class Service:
    """Base of the per-area services; reads need no session, changes do."""

    def __init__(self, services: "Services"):
        self.services = services

    @property
    def store(self) -> "Store":
        return self.services.store

    @property
    def repos(self) -> "Repositories":
        return self.services.store.repos

    @property
    def session(self) -> Session | None:
        return self.services.session

    def _require(self, *any_of: Permission, action: str) -> Session:
        """The signed-in session, if it holds one of *any_of*; else a typed refusal."""
        session = self.services.session
        if session is None:
            raise AuthenticationError(f"sign in to {action}", key="auth.sign_in_to" if isinstance(action, Phrase) else None,
                                      action=action)
        session.require(*any_of, action=action)
        return session
