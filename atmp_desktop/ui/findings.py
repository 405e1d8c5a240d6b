"""Findings in the UI: severity icon plus a word, never colour alone."""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QStyle, QWidget

from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.messages import event_name

_ICON = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def severity_icon(severity: Severity) -> QIcon:
    return QApplication.style().standardIcon(_ICON[severity])


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
    item.setData(Qt.ItemDataRole.UserRole, finding.code)
    item.setData(Qt.ItemDataRole.UserRole + 1, finding.event)
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
        return [c for i in range(self.count()) if (c := self.item(i).data(Qt.ItemDataRole.UserRole))]
