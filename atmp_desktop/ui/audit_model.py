"""The Audit view's table: one audit entry per row, newest first, and the words for its tables and fields."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from atmp_desktop.domain.messages import event_name
from atmp_desktop.storage.records import AuditEntry
from atmp_desktop.ui.audit_diff import AUDIT_TZ, diff
from atmp_desktop.ui.findings import message_icon


class AuditWords(QObject):
    def action(self, action: str) -> str:
        return {"insert": self.tr("created"), "update": self.tr("changed"), "delete": self.tr("removed"),
                "restore": self.tr("restored from a backup"), "scan": self.tr("label scanned"),
                "identity_verified": self.tr("chain of identity verified"),
                "identity_refused": self.tr("chain of identity refused")}.get(action, action)

    def table(self, table: str) -> str:
        return {
            "pathways": self.tr("Pathway"), "patients": self.tr("Patient"), "sign_offs": self.tr("Checklist sign-off"),
            "product_profiles": self.tr("Product profile"), "resources": self.tr("Resource"), "sites": self.tr("Site"),
            "users": self.tr("User"), "store": self.tr("Database"),
        }.get(table, table)

    def field(self, name: str) -> str:
        """A stored column's name for people (unknown ones as written, underscores as spaces)."""
        words = {
            "planned_start": self.tr("planned start"), "planned_end": self.tr("planned end"),
            "actual_start": self.tr("actual start"), "actual_end": self.tr("actual end"),
            "recorded_by": self.tr("recorded by"), "shipper_hold_until": self.tr("dry shipper holds until"),
            "max_temperature_c": self.tr("highest temperature (°C)"), "temperatures": self.tr("temperatures"),
            "note": self.tr("note"), "stage": self.tr("stage"), "coi_id": self.tr("chain-of-identity number"),
            "cancel_reason": self.tr("reason for cancelling"), "indication": self.tr("indication"),
            "region": self.tr("region"), "product": self.tr("product"), "timezone": self.tr("time zone"),
            "product_expiry": self.tr("product expiry"), "tocilizumab_doses": self.tr("tocilizumab doses"),
            "ld_regimen": self.tr("LD regimen"), "site": self.tr("site"), "patient_id": self.tr("patient"),
            "profile_version": self.tr("product profile version"), "given_name": self.tr("given name"),
            "family_name": self.tr("family name"), "identifier": self.tr("personnummer"),
            "birth_date": self.tr("birth date"), "weight_kg": self.tr("weight (kg)"),
            "height_cm": self.tr("height (cm)"), "sex": self.tr("sex"), "treating_site": self.tr("treating site"),
            "referring_site": self.tr("referring site"), "capacity": self.tr("capacity"), "name": self.tr("name"),
            "kind": self.tr("kind"), "inpatient_days": self.tr("inpatient days"), "period": self.tr("per"),
            "signed_by": self.tr("signed by"), "second_signer": self.tr("second person"),
            "signed_at": self.tr("signed at"), "pathway_id": self.tr("pathway"), "role": self.tr("role"),
            "display_name": self.tr("display name"), "active": self.tr("active"),
            "credentials": self.tr("password (digest)"), "raw": self.tr("profile"), "reason": self.tr("reason"),
        }
        return words.get(name) or name.replace("_", " ")

    def tables(self, table: str) -> str:
        return {
            "pathways": self.tr("Pathways"), "patients": self.tr("Patients"),
            "sign_offs": self.tr("Checklist sign-offs"), "product_profiles": self.tr("Product profiles"),
            "resources": self.tr("Resources and capacity"), "sites": self.tr("Sites"), "users": self.tr("Users"),
            "store": self.tr("Database restores"),
        }.get(table, table)


class AuditTableModel(QAbstractTableModel):
    """Audit entries, one per row, newest first (as read)."""

    COLUMNS = ("at", "user", "action", "what", "patient", "reason", "fields")

    def __init__(self, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.lang = lang
        self.entries: list[AuditEntry] = []
        self.patients: dict[int, str] = {}
        self.bad_entry: int | None = None
        self.words = AuditWords(self)
        self._fields: dict[int, str] = {}

    def set_entries(self, entries: list[AuditEntry], patients: dict[int, str]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.patients = patients
        self._fields = {}
        self.endResetModel()

    def set_bad_entry(self, entry_id: int | None) -> None:
        self.bad_entry = entry_id
        if self.entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, 0))

    def entry(self, row: int) -> AuditEntry:
        return self.entries[row]

    def row_of(self, entry_id: int) -> int:
        for i, e in enumerate(self.entries):
            if e.id == entry_id:
                return i
        return -1

    def what(self, e: AuditEntry) -> str:
        return f"{self.words.table(e.table)} {e.row_id}" if e.row_id not in ("", "-") else self.words.table(e.table)

    def fields(self, e: AuditEntry) -> str:
        """The changed fields' names, short (the details pane shows before and after)."""
        text = self._fields.get(e.id)
        if text is None:
            if e.action == "update":
                names: list[str] = []
                for c in diff(e.before, e.after):
                    name = path_text(c.path, self.lang, self.words)
                    if name not in names:
                        names.append(name)
                text = ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
            else:
                text = ""
            self._fields[e.id] = text
        return text

    # -- Qt overrides ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("When"), self.tr("User"), self.tr("Action"), self.tr("What"), self.tr("Patient"),
                self.tr("Reason"), self.tr("Changed fields"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "at":
                text = e.at.astimezone(AUDIT_TZ).strftime("%Y-%m-%d %H:%M:%S")
                if e.id == self.bad_entry:
                    text += " – " + self.tr("check failed")
                return text
            if column == "user":
                return e.username
            if column == "action":
                return self.words.action(e.action)
            if column == "what":
                return self.what(e)
            if column == "patient":
                return self.patients.get(e.patient_id, str(e.patient_id)) if e.patient_id is not None else ""
            if column == "reason":
                return e.reason or ""
            if column == "fields":
                return self.fields(e)
        if role == Qt.ItemDataRole.DecorationRole and column == "at" and e.id == self.bad_entry:
            return message_icon("error")
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None


def path_text(path: tuple[str, ...], lang: str, words: AuditWords | None = None) -> str:
    """``thaw › actual start``: a field's path for people (an event by its name in *lang*)."""
    parts = []
    after_events = False
    for part in path:
        if after_events:
            parts.append(event_name(part, lang))
            after_events = False
        elif part == "events":
            after_events = True
        else:
            parts.append(words.field(part) if words is not None else part.replace("_", " "))
    return " › ".join(parts)
