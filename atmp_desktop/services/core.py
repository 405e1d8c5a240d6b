"""The services facade: one object per signed-in window (or command), over one open store."""

from __future__ import annotations

import os
from pathlib import Path

from atmp_desktop.services.audit import AuditService
from atmp_desktop.services.auth import Session
from atmp_desktop.services.pathways import PathwayService
from atmp_desktop.services.patients import PatientService
from atmp_desktop.services.products import ProductService
from atmp_desktop.services.resources import ResourceService
from atmp_desktop.services.sites import SiteService
from atmp_desktop.services.users import UserService
from atmp_desktop.storage.db import Store


class Services:
    """Every service over one store, acting for one session (None: read-only use).

    Example::

        store = Store.open(path)                 # refusals: StoreError subclasses
        svc = Services(store)
        svc.sign_in("coordinator", password)     # AuthenticationError if wrong
        rows = svc.pathways.rows(site="huddinge")
    """

    def __init__(self, store: Store, session: Session | None = None):
        self.store = store
        self.session = session
        self.sites = SiteService(self)
        self.users = UserService(self)
        self.products = ProductService(self)
        self.patients = PatientService(self)
        self.pathways = PathwayService(self)
        self.resources = ResourceService(self)
        self.audit = AuditService(self)
        self._capacity = None

    @property
    def capacity(self):
        """The capacity service (load, earliest feasible plan, replanning), made on first use.

        One per ``Services`` so that every view of a window shares its counted load.
        """
        if self._capacity is None:
            from atmp_desktop.services.capacity import CapacityService  # heavier imports, kept off start-up

            self._capacity = CapacityService(self)
        return self._capacity

    def sign_in(self, username: str, password: str) -> Session:
        self.session = self.users.authenticate(username, password)
        return self.session

    def sign_out(self) -> None:
        self.session = None

    def refresh(self) -> None:
        """Forget cached sites and profiles (after another window or process changed them)."""
        self.sites.invalidate()
        self.products.invalidate()

    def sign_off_checklist(self, pathway_id: int, kind: str, user: str | None = None,
                           second_user: str | None = None, second_password: str | None = None,
                           note: str | None = None):
        """Shorthand for :meth:`PathwayService.sign_off_checklist`."""
        return self.pathways.sign_off_checklist(pathway_id, kind, user, second_user, second_password, note)

    def close(self) -> None:
        self.store.close()


def open_services(path: str | os.PathLike[str], username: str | None = None, password: str | None = None,
                  **open_args) -> Services:
    """Open the store at *path* and, with a username, sign in (closing the store if that fails)."""
    store = Store.open(Path(path), **open_args)
    try:
        svc = Services(store)
        if username is not None:
            svc.sign_in(username, password or "")
        return svc
    except BaseException:
        store.close()
        raise
