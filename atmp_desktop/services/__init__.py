"""The service layer: authenticated sessions and permissions over the local store.

The UI and the command line call these; they use ``domain`` and ``storage``.
Start with :func:`open_services` or ``Services(Store.open(path))``.
"""

from atmp_desktop.services.auth import ACTUAL_PERMISSION, ROLE_PERMISSIONS, Permission, Session
from atmp_desktop.services.backups import backup_if_due, backup_now, restore
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
