"""Errors of the service layer: one clear line each, with a stable ``code``.

:data:`REFUSALS` is everything a caller shows the user as a refusal (the
command line exits 2 on any of them, the application shows a dialog); the
store's own refusals (locked, newer schema, conflict, …) are re-exported.
"""

from __future__ import annotations

from atmp_desktop.storage.errors import (  # noqa: F401 - re-exported for callers
    ConflictError,
    CorruptDatabase,
    DatabaseLocked,
    DiskFull,
    DuplicateError,
    ForeignDatabase,
    MissingDatabase,
    NewerSchema,
    NotADatabase,
    NotFound,
    ReadOnlyDatabase,
    StoreError,
)


class ServiceError(Exception):
    """Base of the service layer's refusals.

    ``str()`` is the English one-line text. Raised with a ``key`` (and
    ``params``), :meth:`message` also says it in Swedish
    (:mod:`atmp_desktop.services.messages`); without one, or without a
    Swedish template, it falls back to the English text.
    """

    code = "service"

    def __init__(self, text: str = "", /, *, key: str | None = None, **params: object):
        super().__init__(text)
        self.key = key
        self.params = params

    def message(self, lang: str = "en") -> str:
        from atmp_desktop.services.messages import refusal_message

        return refusal_message(self, lang)


class AuthenticationError(ServiceError):
    """Unknown user, wrong password or a deactivated account (never says which)."""

    code = "authentication"


class PermissionDenied(ServiceError):
    """The signed-in user's role may not do this."""

    code = "permission"


class ValidationError(ServiceError):
    """Input that cannot be stored as given (an invalid personnummer, an unknown site, …)."""

    code = "invalid"


#: Every error a caller should show as a refusal, not as a crash.
REFUSALS: tuple[type[Exception], ...] = (ServiceError, StoreError)
