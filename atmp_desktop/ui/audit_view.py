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

The change itself is worked out in :mod:`atmp_desktop.ui.audit_diff`, the
table's model is :mod:`atmp_desktop.ui.audit_model`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QThread, QTimer, Signal
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

from atmp_desktop.services import REFUSALS
from atmp_desktop.storage.records import AuditEntry, VerifyReport
from atmp_desktop.ui.audit_diff import AUDIT_TZ, diff, value_text
from atmp_desktop.ui.audit_model import AuditTableModel, AuditWords, path_text
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import message_icon
from atmp_desktop.ui.view_base import View


PAGE_SIZE = 200
TABLES = ("pathways", "patients", "sign_offs", "product_profiles", "resources", "sites", "users", "store")


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
            return datetime.combine(date(q.year(), q.month(), q.day()) + timedelta(days=plus), time(0), AUDIT_TZ)

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
        when = e.at.astimezone(AUDIT_TZ).strftime("%Y-%m-%d %H:%M:%S")
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
