"""The service layer: authenticated sessions and permissions over the local store.

The UI and the command line call these; they use ``domain`` and ``storage``.
Start with :func:`open_services` or ``Services(Store.open(path))``.
"""

from typing import Any

from atmp_desktop.services.auth import ACTUAL_PERMISSION, ROLE_PERMISSIONS, Permission, Session
from atmp_desktop.services.core import Services, open_services
from atmp_desktop.services.errors import (
    REFUSALS,
    AuthenticationError,
    ConflictError,
    DuplicateError,
    NotFound,
    PermissionDenied,
    ServiceError,
    StoreError,
    ValidationError,
)
from atmp_desktop.services.pathways import CHECKLIST_KINDS, TWO_PERSON_CHECKLISTS, derive_stage

__all__ = [
    "ACTUAL_PERMISSION",
    "CHECKLIST_KINDS",
    "REFUSALS",
    "ROLE_PERMISSIONS",
    "TWO_PERSON_CHECKLISTS",
    "AuthenticationError",
    "ConflictError",
    "DuplicateError",
    "NotFound",
    "Permission",
    "PermissionDenied",
    "ServiceError",
    "Services",
    "Session",
    "StoreError",
    "ValidationError",
    "backup_if_due",
    "backup_now",
    "derive_stage",
    "open_services",
    "restore",
]

#: Loaded on first use (PEP 562): the window's start-up does not need them.
_LAZY = {"backup_if_due": "atmp_desktop.services.backups", "backup_now": "atmp_desktop.services.backups",
         "restore": "atmp_desktop.services.backups"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
