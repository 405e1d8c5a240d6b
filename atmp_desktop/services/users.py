"""Users: signing in, and administrators adding users, changing roles and passwords."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from atmp_desktop.services.auth import Permission, Session, check_role, hash_password, verify_password
from atmp_desktop.services.base import Service
from atmp_desktop.services.errors import AuthenticationError, NotFound, ValidationError
from atmp_desktop.services.messages import Phrase
from atmp_desktop.storage.records import User


class UserService(Service):
    def list(self) -> list[User]:
        return self.repos.users.list()

    def get(self, username: str) -> User:
        user = self.repos.users.get(username)
        if user is None:
            raise NotFound(f"there is no user called {username!r}", key="user.not_found", username=username)
        return user

    def authenticate(self, username: str, password: str) -> Session:
        """A session for *username* if *password* is right and the account active."""
        return self.prepare_authentication(username, password)()

    def prepare_authentication(self, username: str, password: str) -> Callable[[], Session]:
        """:meth:`authenticate` in two steps: the user is read from the store now, and the function returned
        checks the password and gives the session (or raises :class:`AuthenticationError`).

        Checking is the slow part (scrypt, on purpose) and no longer touches the store, so
        the start-up runs it on a worker thread while Qt loads.
        """
        user = self.repos.users.get(username or "")
        creds = self.repos.users.credentials(username) if user is not None and user.active else None

        def check() -> Session:
            if not verify_password(password or "", creds) or user is None:
                raise AuthenticationError("unknown user or wrong password; nothing was changed",
                                          key="auth.wrong_password")
            return Session(user.username, user.display_name, user.role,
                           sites=None if user.sites is None else frozenset(user.sites))

        return check

    def add(self, username: str, display_name: str, role: str, password: str, site: str | None = None,
            sites: Iterable[str] | None = None) -> User:
        """Add a user (administrators; or anyone when the store has no users yet)."""
        if self.repos.users.count() == 0 and self.session is None:
            by = "setup"
        else:
            by = self._require(Permission.MANAGE_USERS, action=Phrase("add a user", "action.add_user")).username
        username = (username or "").strip()
        if not username or any(ch.isspace() for ch in username):
            raise ValidationError("a user name is one word, without spaces", key="user.one_word")
        try:
            check_role(role)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        if site is not None and not self.services.sites.exists(site):
            raise ValidationError(f"unknown site {site!r}", key="site.unknown", site=site)
        scope = self._scope(sites)
        creds = hash_password(password)
        with self.store.write():
            return self.repos.users.add(
                User(username, (display_name or username).strip(), role, site, sites=scope), creds, by)

    def _scope(self, sites: Iterable[str] | None) -> tuple[str, ...] | None:
        if sites is None:
            return None
        scope = tuple(sorted({s.strip() for s in sites if s and s.strip()}))
        if not scope:
            raise ValidationError("a user restricted to sites needs at least one site", key="user.no_sites")
        for s in scope:
            if not self.services.sites.exists(s):
                raise ValidationError(f"unknown site {s!r}", key="site.unknown", site=s)
        return scope

    def update(self, user: User, reason: str | None = None) -> User:
        """Change a user's name, role, site or active flag (administrators)."""
        by = self._require(Permission.MANAGE_USERS, action=Phrase("change a user", "action.change_user")).username
        try:
            check_role(user.role)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None
        if user.sites is not None:
            user = replace(user, sites=self._scope(user.sites))
        with self.store.write():
            return self.repos.users.update(user, by, reason=reason)

    def set_password(self, username: str, new_password: str, old_password: str | None = None) -> None:
        """Change a password: one's own (with the old one) or anyone's (administrators)."""
        session = self.session
        if session is None:
            raise AuthenticationError("sign in to change a password", key="auth.sign_in_to",
                                      action=Phrase("change a password", "action.change_password"))
        user = self.get(username)
        if session.username == username and not session.can(Permission.MANAGE_USERS):
            if not verify_password(old_password or "", self.repos.users.credentials(username)):
                raise AuthenticationError("the old password is wrong; nothing was changed", key="auth.old_password_wrong")
        elif session.username != username:
            session.require(Permission.MANAGE_USERS, action=Phrase("change another user's password", "action.change_other_password"))
        creds = hash_password(new_password)
        with self.store.write():
            self.repos.users.update(user, session.username, credentials=creds, reason="password changed")
