"""The Audit view: who changed what and why, newest first, and whether the hash chain is intact.

Filters: a patient (found by name or part of the personnummer, as you type),
a user, what was changed (pathways, patients, …) and a date range in local
days. Entries are read a page at a time ("Show more" reads the next page).
The selected entry's change is shown field by field (before → after); a
pathway's events are matched by their label (``thaw``, ``infusion#2``), so
moving one event shows as that event's changed times.

The chain is verified on a worker thread with its own store connection
(``audit verify`` reads every entry and row: about 2 s on a 10,000-pathway
database), so the view stays responsive.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from collections.abc import Iterable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.messages import event_name
from atmp_desktop.domain.timeutil import DEFAULT_TIMEZONE, zone
from atmp_desktop.services import REFUSALS
from atmp_desktop.storage.records import AuditEntry, VerifyReport
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import message_icon
from atmp_desktop.ui.view_base import View

PAGE_SIZE = 200
TABLES = ("pathways", "patients", "sign_offs", "product_profiles", "resources", "sites", "users", "store")
#: Bookkeeping that every change touches; the entry's own who/when already says it.
HIDDEN_FIELDS = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by",
                           "seq", "day_first", "day_last"})
_TZ = zone(DEFAULT_TIMEZONE)


# -- diffs (plain Python) ----------------------------------------------------------------


def _maybe_json(value: Any) -> Any:
    # Some columns hold JSON text (a site's calendar, a profile's raw entry, temperatures).
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def flatten(state: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """A row state as ``{path: scalar}``; events keyed by their label, other lists by position."""
    out: dict[tuple[str, ...], Any] = {}
    state = _maybe_json(state)
    if isinstance(state, dict):
        for key, value in state.items():
            if key in HIDDEN_FIELDS:
                continue
            if key == "events" and isinstance(value, list):
                for label, event in _labelled(value):
                    # The label already names the event's kind.
                    if isinstance(event, dict):
                        event = {k: v for k, v in event.items() if k != "kind"}
                    out.update(flatten(event, prefix + ("events", label)))
            else:
                out.update(flatten(value, prefix + (str(key),)))
    elif isinstance(state, list) and any(isinstance(v, (dict, list)) for v in state):
        for i, value in enumerate(state):
            out.update(flatten(value, prefix + (str(i + 1),)))
    else:
        out[prefix] = state
    return out


def _labelled(events: list[Any]) -> Iterable[tuple[str, Any]]:
    totals: dict[str, int] = {}
    for e in events:
        if isinstance(e, dict):
            totals[str(e.get("kind"))] = totals.get(str(e.get("kind")), 0) + 1
    seen: dict[str, int] = {}
    for e in events:
        kind = str(e.get("kind")) if isinstance(e, dict) else "?"
        seen[kind] = seen.get(kind, 0) + 1
        yield (kind if totals.get(kind, 1) == 1 else f"{kind}#{seen[kind]}"), e


@dataclass(frozen=True)
class Change:
    path: tuple[str, ...]
    before: Any
    after: Any


def diff(before: Any, after: Any) -> list[Change]:
    """The fields that differ between two row states (all of them for an insert or a delete)."""
    a, b = flatten(before) if before is not None else {}, flatten(after) if after is not None else {}
    changes = []
    for path in list(a) + [p for p in b if p not in a]:
        old, new = a.get(path), b.get(path)
        if old != new:
            changes.append(Change(path, old, new))
    if before is not None and after is not None:
        return changes
    return [c for c in changes if (c.after if before is None else c.before) is not None]


def value_text(value: Any) -> str:
    """A stored value as a person reads it: local times without seconds, lists joined."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        if len(value) >= 16 and value[4:5] == "-" and value[10:11] == "T":
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                return value
            if moment.tzinfo is not None:
                return moment.astimezone(_TZ).strftime("%Y-%m-%d %H:%M")
        return value
    if isinstance(value, list):
        return ", ".join(value_text(v) for v in value)
    return str(value)


# -- the table model ------------------------------------------------------------------------


class AuditWords(QObject):
    def action(self, action: str) -> str:
        return {"insert": self.tr("created"), "update": self.tr("changed"), "delete": self.tr("removed"),
                "restore": self.tr("restored from a backup")}.get(action, action)

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
                text = e.at.astimezone(_TZ).strftime("%Y-%m-%d %H:%M:%S")
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


# -- chain verification off the UI thread ------------------------------------------------


class _VerifyWorker(QThread):
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, db_path: Path, lang: str = "en"):
        super().__init__()
        self.db_path = db_path
        self.lang = lang  # refusals are said in the UI language (no widget is touched here)

    def run(self) -> None:
        from atmp_desktop.services import Services
        from atmp_desktop.storage import Store

        try:
            store = Store.open(self.db_path, create=False, write=False)
        except REFUSALS as exc:
            self.failed.emit(refusal_message(exc, self.lang))
            return
        try:
            self.done.emit(Services(store).audit.verify())
        except REFUSALS as exc:
            self.failed.emit(refusal_message(exc, self.lang))
        except Exception as exc:  # the view must say the check failed, not hang on "checking"
            self.failed.emit(str(exc) or type(exc).__name__)
        finally:
            store.close()


_workers: set[QThread] = set()
_quit_hooked = False


def _wait_for_workers() -> None:
    # A QThread destroyed while it runs aborts the process: let a running check end before Qt goes.
    for worker in list(_workers):
        worker.wait(30000)


def _hook_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(_wait_for_workers)
        _quit_hooked = True


# -- the view ------------------------------------------------------------------------------


class AuditView(View):
    """The audit trail with filters, the selected entry's changes, and the chain status."""

    chainChecked = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.svc = ctx.services
        self.limit = PAGE_SIZE
        self.has_more = False
        self.report: VerifyReport | None = None
        self.chain_state = "idle"  # idle | checking | ok | broken | failed
        self._worker: _VerifyWorker | None = None
        self._patient_ids: list[int] = []
        self.words = AuditWords(self)

        # Filters.
        self.patient_edit = QLineEdit()
        self.patient_edit.setObjectName("patientSearch")
        self.patient_edit.setPlaceholderText(self.tr("name or personnummer"))
        self.patient_edit.setClearButtonEnabled(True)
        self.patient_box = QComboBox()
        self.patient_box.setObjectName("patient")
        self.patient_box.setMinimumWidth(260)
        self.patient_box.addItem(self.tr("All patients"), None)
        self.user_box = QComboBox()
        self.user_box.setObjectName("user")
        self.user_box.addItem(self.tr("All users"), None)
        try:
            users = self.svc.users.list()
        except REFUSALS:
            users = []
        for u in users:
            self.user_box.addItem(f"{u.username} ({u.display_name})", u.username)
        self.table_box = QComboBox()
        self.table_box.setObjectName("table")
        self.table_box.addItem(self.tr("Everything"), None)
        for t in TABLES:
            self.table_box.addItem(self.words.tables(t), t)
        today = QDate(ctx.today().year, ctx.today().month, ctx.today().day)
        self.from_check = QCheckBox(self.tr("From"))
        self.from_date = QDateEdit(today.addDays(-30))
        self.to_check = QCheckBox(self.tr("to"))
        self.to_date = QDateEdit(today)
        for d in (self.from_date, self.to_date):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setEnabled(False)
        self.clear_button = QPushButton(self.tr("Clear filters"))

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Patient:")), 0, 0)
        grid.addWidget(self.patient_edit, 0, 1)
        grid.addWidget(self.patient_box, 0, 2)
        grid.addWidget(QLabel(self.tr("User:")), 0, 3)
        grid.addWidget(self.user_box, 0, 4)
        grid.addWidget(QLabel(self.tr("What:")), 1, 0)
        grid.addWidget(self.table_box, 1, 1)
        dates = QHBoxLayout()
        dates.addWidget(self.from_check)
        dates.addWidget(self.from_date)
        dates.addWidget(self.to_check)
        dates.addWidget(self.to_date)
        dates.addStretch(1)
        grid.addLayout(dates, 1, 2)
        grid.addWidget(self.clear_button, 1, 4)
        grid.setColumnStretch(2, 1)

        # Chain status.
        self.chain_icon = QLabel()
        self.chain_text = QLabel()
        self.chain_text.setObjectName("chainStatus")
        self.chain_text.setWordWrap(True)
        self.chain_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verify_button = QPushButton(self.tr("Verify again"))
        chain = QHBoxLayout()
        chain.addWidget(self.chain_icon)
        chain.addWidget(self.chain_text, 1)
        chain.addWidget(self.verify_button)

        # Entries and details.
        self.model = AuditTableModel(ctx.lang, self)
        self.table = QTableView()
        self.table.setObjectName("entries")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 100, 90, 150, 190, 220)):
            self.table.setColumnWidth(column, width)
        self.more_button = QPushButton(self.tr("Show more"))
        self.count_label = QLabel()
        more = QHBoxLayout()
        more.addWidget(self.count_label, 1)
        more.addWidget(self.more_button)

        self.detail_title = QLabel()
        self.detail_title.setObjectName("entryTitle")
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changes = QTreeWidget()
        self.changes.setObjectName("changes")
        self.changes.setColumnCount(3)
        self.changes.setHeaderLabels([self.tr("Field"), self.tr("Before"), self.tr("After")])
        self.changes.setRootIsDecorated(False)
        self.changes.setAlternatingRowColors(True)
        self.changes.setWordWrap(True)
        self.changes.setColumnWidth(0, 260)
        self.changes.setColumnWidth(1, 260)
        details = QWidget()
        dl = QVBoxLayout(details)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.detail_title)
        dl.addWidget(self.changes, 1)

        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table, 1)
        tl.addLayout(more)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(chain)
        layout.addWidget(split, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.search_patients)
        self.patient_edit.textEdited.connect(lambda _t: self._search_timer.start())
        self.patient_edit.textChanged.connect(lambda t: self.search_patients() if not t else None)
        self.patient_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.user_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.table_box.currentIndexChanged.connect(lambda _i: self.reload())
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _c: self.reload())
            edit.dateChanged.connect(lambda _d: self.reload())
        self.clear_button.clicked.connect(self.clear_filters)
        self.more_button.clicked.connect(self.show_more)
        self.verify_button.clicked.connect(self.verify)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_entry(cur.row()))
        self._stale = True
        ctx.pathwaysChanged.connect(self._changed)
        # Entries now (one indexed page is cheap); the chain check waits until the view is shown,
        # so that start-up does not pay for it.
        self.reload()

    def _changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale or self.chain_state == "idle":
            self.refresh()

    # -- filters ------------------------------------------------------------------------

    def search_patients(self) -> None:
        """Fill the patient list with the patients matching the search text; the first is chosen."""
        self._search_timer.stop()
        text = self.patient_edit.text().strip()
        self.patient_box.blockSignals(True)
        self.patient_box.clear()
        if not text:
            self.patient_box.addItem(self.tr("All patients"), None)
        else:
            try:
                found = self.svc.patients.search(text, limit=50)
            except REFUSALS:
                found = []
            for p in found:
                self.patient_box.addItem(f"{p.sort_name} · {p.display_identifier}", p.id)
            if not found:
                self.patient_box.addItem(self.tr("No patient matches"), -1)
        self.patient_box.setCurrentIndex(0)
        self.patient_box.blockSignals(False)
        self.reload()

    def set_user(self, username: str | None) -> None:
        index = self.user_box.findData(username)
        if index < 0 and username:
            self.user_box.addItem(username, username)
            index = self.user_box.count() - 1
        self.user_box.setCurrentIndex(max(index, 0))

    def set_table(self, table: str | None) -> None:
        self.table_box.setCurrentIndex(max(self.table_box.findData(table), 0))

    def set_dates(self, first: date | None, last: date | None) -> None:
        for check, edit, day in ((self.from_check, self.from_date, first), (self.to_check, self.to_date, last)):
            check.blockSignals(True)
            edit.blockSignals(True)
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
            check.setChecked(day is not None)
            edit.setEnabled(day is not None)
            check.blockSignals(False)
            edit.blockSignals(False)
        self.reload()

    def clear_filters(self) -> None:
        for w in (self.patient_box, self.user_box, self.table_box, self.from_check, self.to_check):
            w.blockSignals(True)
        self.patient_edit.clear()
        self.patient_box.clear()
        self.patient_box.addItem(self.tr("All patients"), None)
        self.user_box.setCurrentIndex(0)
        self.table_box.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        for w in (self.patient_box, self.user_box, self.table_box, self.from_check, self.to_check):
            w.blockSignals(False)
        self.reload()

    def _filters(self) -> dict[str, Any]:
        def local_midnight(q: QDate, plus: int = 0) -> datetime:
            return datetime.combine(date(q.year(), q.month(), q.day()) + timedelta(days=plus), time(0), _TZ)

        return {
            "patient_id": self.patient_box.currentData(),
            "username": self.user_box.currentData(),
            "table": self.table_box.currentData(),
            # Local days: from midnight of the first to midnight after the last, in the centre's zone.
            "since": local_midnight(self.from_date.date()) if self.from_check.isChecked() else None,
            "until": local_midnight(self.to_date.date(), 1) if self.to_check.isChecked() else None,
        }

    # -- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        self.reload(keep_limit=True)
        if self.chain_state != "checking":
            self.verify()

    def reload(self, keep_limit: bool = False) -> None:
        """Read the first page (or, with *keep_limit*, as many entries as shown) for the filters."""
        if not keep_limit:
            self.limit = PAGE_SIZE
        keep = self.selected_entry()
        filters = self._filters()
        try:
            if filters["patient_id"] == -1:  # searched, and nobody matched
                entries = []
            else:
                entries = self.svc.audit.entries(limit=self.limit + 1, **filters)
        except REFUSALS as exc:
            entries = []
            self.count_label.setText(refusal_message(exc, self.ctx.lang))
        self.has_more = len(entries) > self.limit
        entries = entries[:self.limit]
        ids = {e.patient_id for e in entries if e.patient_id is not None}
        try:
            people = self.svc.patients.get_many(ids) if ids else {}
        except REFUSALS:
            people = {}
        names = {pid: f"{p.sort_name} ({p.display_identifier})" for pid, p in people.items()}
        self.model.set_entries(entries, names)
        self.model.set_bad_entry(self.report.first_bad_entry if self.report else None)
        self.more_button.setEnabled(self.has_more)
        if self.has_more:
            self.count_label.setText(self.tr("Showing the newest {0} entries.").format(len(entries)))
        else:
            self.count_label.setText(self.tr("{0} entries.").format(len(entries)))
        row = self.model.row_of(keep.id) if keep is not None else -1
        if row < 0 and entries:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_entry(row)

    def show_more(self) -> None:
        self.limit += PAGE_SIZE
        self.reload(keep_limit=True)

    def selected_entry(self) -> AuditEntry | None:
        index = self.table.currentIndex()
        return self.model.entry(index.row()) if index.isValid() and index.row() < len(self.model.entries) else None

    def _show_entry(self, row: int) -> None:
        self.changes.clear()
        if row < 0 or row >= len(self.model.entries):
            self.detail_title.setText(self.tr("No entry chosen."))
            return
        e = self.model.entry(row)
        when = e.at.astimezone(_TZ).strftime("%Y-%m-%d %H:%M:%S")
        title = self.tr("Entry {0}: {1} {2} by {3} at {4}").format(
            e.id, self.model.what(e), self.words.action(e.action), e.username, when)
        if e.patient_id is not None and e.patient_id in self.model.patients:
            title += " · " + self.model.patients[e.patient_id]
        title += "\n" + self.tr("Reason: {0}").format(e.reason or self.tr("none given"))
        if e.id == self.model.bad_entry:
            title += "\n" + self.tr("The audit check failed here: see the status line above.")
        self.detail_title.setText(title)
        for change in diff(e.before, e.after):
            item = QTreeWidgetItem([path_text(change.path, self.ctx.lang, self.words), value_text(change.before),
                                    value_text(change.after)])
            for c in range(3):
                item.setToolTip(c, item.text(c))
            self.changes.addTopLevelItem(item)
        if self.changes.topLevelItemCount() == 0:
            self.changes.addTopLevelItem(QTreeWidgetItem([self.tr("(no field changed)"), "", ""]))

    def change_rows(self) -> list[tuple[str, str, str]]:
        """The details pane's rows (field, before, after)."""
        return [tuple(self.changes.topLevelItem(i).text(c) for c in range(3))  # type: ignore[misc]
                for i in range(self.changes.topLevelItemCount())]

    # -- the chain ----------------------------------------------------------------------

    def verify(self) -> None:
        """Check the audit chain on a worker thread; the status line says how it went."""
        if self.chain_state == "checking":
            return
        self.chain_state = "checking"
        self.verify_button.setEnabled(False)
        self._set_chain("info", self.tr("Checking the audit chain…"))
        worker = _VerifyWorker(self.svc.store.path, self.ctx.lang)
        worker.done.connect(self._verified)
        worker.failed.connect(self._verify_failed)
        worker.finished.connect(lambda w=worker: _workers.discard(w))
        worker.finished.connect(worker.deleteLater)
        _workers.add(worker)
        _hook_quit()
        self._worker = worker
        worker.start()

    def wait_for_chain(self, ms: int = 30000) -> bool:
        """Block until the running check ends (tests, and closing the window)."""
        worker = self._worker
        return True if worker is None else worker.wait(ms)

    def _set_chain(self, kind: str, text: str) -> None:
        """The chain's state as an icon (``message_icon`` kind) and words."""
        size = self.fontMetrics().height() + 4
        self.chain_icon.setPixmap(message_icon(kind).pixmap(size, size))
        self.chain_text.setText(text)

    def _verified(self, report: VerifyReport) -> None:
        self._worker = None
        self.report = report
        self.verify_button.setEnabled(True)
        if report.ok:
            self.chain_state = "ok"
            text = self.tr("Chain intact ({0} entries, {1} rows checked).").format(report.entries, report.rows)
            self._set_chain("success", text)
        else:
            self.chain_state = "broken"
            first = report.problems[0]
            bad = report.first_bad_entry
            # The store's sentence says what is wrong; the lead says whether the chain itself broke
            # (an entry changed, added or removed) or a row no longer matches its last entry.
            if bad is not None and first.entry_id == bad and first.message.startswith("audit entry"):
                lead = self.tr("Chain broken at entry {0}.").format(bad)
            else:
                lead = self.tr("The data does not match the audit trail.")
            more = len(report.problems) - 1
            text = f"{lead} {first.message}"
            if more:
                text += " " + self.tr("({0} more problem(s).)").format(more)
            self._set_chain("error", text)
        self.model.set_bad_entry(report.first_bad_entry)
        self.chainChecked.emit()

    def _verify_failed(self, message: str) -> None:
        self._worker = None
        self.chain_state = "failed"
        self.verify_button.setEnabled(True)
        self._set_chain("warning",
                        self.tr("The audit chain could not be checked: {0}").format(message))
        self.chainChecked.emit()
