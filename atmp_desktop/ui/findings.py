"""Findings in the UI: severity icon plus a word, never colour alone.

The icons are the application's own (``resources/icons/severity-*.svg``):
they differ in shape as well as colour (a disc with a cross, a triangle with
an exclamation mark, a disc with an "i"), look the same on every platform and
style, and loading them does not need the ``QStyle`` class, which costs the
start-up some 5 ms in PySide.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.messages import event_name
from atmp_desktop.paths import resource_path
from atmp_desktop.ui.cells import USER_ROLE

_ICON_FILES = {
    Severity.ERROR: "severity-error.svg",
    Severity.WARNING: "severity-warning.svg",
    Severity.INFO: "severity-info.svg",
}
# Message kinds (message bars, products, audit, sign-in) → icon file: the three severities and "done".
_MESSAGE_ICON_FILES = {"error": "severity-error.svg", "warning": "severity-warning.svg",
                       "info": "severity-info.svg", "success": "status-ok.svg"}
_icons: dict[str, QIcon] = {}


def _icon(filename: str) -> QIcon:
    icon = _icons.get(filename)
    if icon is None:
        icon = _icons[filename] = QIcon(str(resource_path("icons", filename)))
    return icon


def severity_icon(severity: Severity) -> QIcon:
    return _icon(_ICON_FILES[severity])


def message_icon(kind: str) -> QIcon:
    """The icon of a message bar: "error", "warning", "info" or "success"."""
    return _icon(_MESSAGE_ICON_FILES[kind])


def severity_word(severity: Severity) -> str:
    return {
        Severity.ERROR: QCoreApplication.translate("Findings", "Error"),
        Severity.WARNING: QCoreApplication.translate("Findings", "Warning"),
        Severity.INFO: QCoreApplication.translate("Findings", "Note"),
    }[severity]


def finding_text(finding: Finding, lang: str, with_event: bool = True) -> str:
    where = f" [{event_name(finding.event, lang)}]" if with_event and finding.event else ""
    return f"{severity_word(finding.severity)} · {finding.code}: {finding.message(lang)}{where}"


def finding_item(finding: Finding, lang: str) -> QListWidgetItem:
    text = finding_text(finding, lang)
    item = QListWidgetItem(severity_icon(finding.severity), text)
    item.setData(USER_ROLE, finding.code)
    item.setData(USER_ROLE + 1, finding.event)
    item.setToolTip(text)
    return item


class FindingsList(QListWidget):
    """A list of findings, errors first; an empty list says so in words."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)

    def set_findings(self, findings: Iterable[Finding]) -> None:
        self.clear()
        findings = list(findings)
        for f in findings:
            self.addItem(finding_item(f, self.lang))
        if not findings:
            self.addItem(QListWidgetItem(QCoreApplication.translate("Findings", "No findings.")))

    def codes(self) -> list[str]:
        return [c for i in range(self.count()) if (c := self.item(i).data(USER_ROLE))]
