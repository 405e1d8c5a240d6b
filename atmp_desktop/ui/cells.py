"""What the item models put in a cell, shared by all of them and free of Qt's ``Qt`` namespace.

The item data roles are plain ints here (``tests/ui/test_startup.py``
checks them against Qt's): the first Python use of ``PySide6.QtCore.Qt``
makes PySide build all ~90 of its enum classes, some 14 ms, and the
start-up path (the main window and Today) is kept clear of it. The texts:
product brand names, personnummer with their hyphen, finding counts.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from atmp_desktop.domain.findings import Severity

# Qt.ItemDataRole values (Qt's documented, stable numbering).
DISPLAY_ROLE = 0
DECORATION_ROLE = 1
TOOLTIP_ROLE = 3
FONT_ROLE = 6
USER_ROLE = 0x0100

#: Role that gives the pathway id of a row (Patients and Today).
PathwayIdRole = USER_ROLE + 1
#: Role that gives the patient id of a row (Patients and Today).
PatientIdRole = USER_ROLE + 2
#: Role that gives the finding code of a finding row (Today).
FindingCodeRole = USER_ROLE + 3
#: Role that tells what a Today row is: "day", "event" or "finding".
RowKindRole = USER_ROLE + 4


def product_name(product_id: str) -> str:
    """The brand name of a catalogue product ("kymriah" → "Kymriah"); a local (trial) profile's own name
    once a catalogue holding it has been built."""
    name = _brand_names().get(product_id)
    if name is None:
        from atmp_desktop.domain.product_registry import PRODUCT_NAMES

        name = PRODUCT_NAMES.get(product_id, product_id)
    return name


@lru_cache(maxsize=1)
def _brand_names() -> dict[str, str]:
    # Read from the shipped catalogue file itself: the first screen shows product names long
    # before anything needs the catalogue's rules, which take longer to load.
    import json

    from atmp_desktop.paths import resource_path

    with open(resource_path("products.json"), encoding="utf-8") as fh:
        products = json.load(fh).get("products", ())
    return {raw["id"]: str(raw.get("name") or raw["id"]) for raw in products if raw.get("id")}


def display_identifier(identifier: str) -> str:
    """``197403049906`` → ``19740304-9906``; other identifiers as they are."""
    if len(identifier) == 12 and identifier.isdigit():
        return f"{identifier[:8]}-{identifier[8:]}"
    return identifier


def counts_text(errors: int, warnings: int) -> str:
    """"2 errors · 1 warning" in the UI language; empty when there is nothing open."""
    parts = []
    if errors == 1:
        parts.append(QCoreApplication.translate("Models", "1 error"))
    elif errors:
        parts.append(QCoreApplication.translate("Models", "{0} errors").format(errors))
    if warnings == 1:
        parts.append(QCoreApplication.translate("Models", "1 warning"))
    elif warnings:
        parts.append(QCoreApplication.translate("Models", "{0} warnings").format(warnings))
    return " · ".join(parts)


def worst_severity(errors: int, warnings: int) -> Severity | None:
    if errors:
        return Severity.ERROR
    if warnings:
        return Severity.WARNING
    return None
