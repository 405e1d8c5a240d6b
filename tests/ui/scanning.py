"""Typing like a USB barcode scanner: the characters, then Enter (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.storage.helpers import PASSWORDS


def scan(qtbot, field, text: str, delay_ms: int = -1) -> None:
    """Type *text* into *field* and press Enter; ``delay_ms`` > 0 types at a person's pace."""
    field.setFocus()
    QTest.keyClicks(field, text, Qt.KeyboardModifier.NoModifier, delay_ms)
    QTest.keyClick(field, Qt.Key.Key_Return)


def expected_labels(services, pathway_id: int) -> dict[str, str]:
    """What the labels of *pathway_id* carry: the patient's number and the COI id (a DIN) on cassette and bag."""
    sp = services.pathways.get(pathway_id)
    patient = services.patients.get(sp.patient_id)
    return {"patient": patient.identifier, "coi": sp.pathway.coi_id, "bag": sp.pathway.coi_id}


def scan_labels(qtbot, dialog, services, pathway_id: int, fields=None, second: str | None = None) -> None:
    """Scan the labels the dialog's step needs (or *fields*), and sign in the *second* person if given."""
    panel = dialog.scan_panel
    values = expected_labels(services, pathway_id)
    from atmp_desktop.domain.chain_of_identity import REQUIRED

    for f in fields or REQUIRED[panel.step]:
        scan(qtbot, panel.fields[f], values[f])
    if second is not None:
        qtbot.keyClicks(panel.second_user, second)
        qtbot.keyClicks(panel.second_password, PASSWORDS[second])
