"""The Cell lab view: today's thaws with a live "infuse by" countdown, products expected, products in storage.

For pharmacists and cell-lab staff:

* **Today's thaws** — each thaw with the moment its limit counts from (thaw
  start; removal from frozen storage for Breyanzi), the "infuse by" time and
  a countdown that turns amber, then red, with an icon and words ("12 min
  left", "OVERDUE by 3 min"). A product whose label gives no limit says
  "limit unknown — confirm with the pharmacist"; nothing is made up.
* **Products expected** — planned receipts not yet recorded, with when.
* **In storage** — received products still to be thawed: the dry shipper's
  hold (a countdown until placed in storage), the warmest logged storage
  temperature against the label's limit, expiry and days left, the next thaw.

A pharmacist records receipt, placement in storage and thaw start here;
other roles see the same lists with the actions disabled (the services
refuse them anyway). Countdowns are recomputed every few seconds from
:attr:`CellLabView.now`, a callable tests replace; the timer runs only while
the view is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.catalogue import CatalogueError, ProductProfile
from atmp_desktop.domain.findings import Severity
from atmp_desktop.domain.messages import event_name
from atmp_desktop.domain.pathway import Event
from atmp_desktop.services import REFUSALS, Permission
from atmp_desktop.storage.records import StoredPathway
from atmp_desktop.ui.calendar_cells import icon as severity_icon
from atmp_desktop.ui.calendar_data import short_site_names
from atmp_desktop.ui.calendar_load import COUNTED_STAGES
from atmp_desktop.ui.celllab_data import (
    Countdown,
    Expiry,
    Hold,
    Temperature,
    expiry,
    in_storage,
    next_thaw,
    PreThaw,
    paired_infusion,
    pre_thaw,
    shipper_hold,
    storage_temperature,
    thaw_countdown,
)
from atmp_desktop.ui import celllab_words as words
from atmp_desktop.ui.celllab_dialogs import StorageDialog
from atmp_desktop.ui.celllab_receipt_dialog import ReceiptDialog
from atmp_desktop.ui.celllab_thaw_dialog import ThawDialog
from atmp_desktop.ui.celllab_words import clock_or_day as _clock_or_day
from atmp_desktop.ui.celllab_words import fmt as _fmt
from atmp_desktop.ui.celllab_models import (
    Column,
    PathwayRole,
    RowRole,
    RowsModel,
    SortRole,
)
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.view_base import View

#: How far back and ahead the view looks for expected products.
EXPECTED_BACK_DAYS, EXPECTED_AHEAD_DAYS = 14, 28
TICK_MS = 5000

_FAR = float("inf")


def _stamp(value: Any) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day).timestamp()
    return _FAR


@dataclass(frozen=True)
class Common:
    pathway_id: int
    patient: str
    identifier: str
    product: str
    site: str
    errors: int
    warnings: int
    tz: Any


@dataclass(frozen=True)
class ThawRow(Common):
    key: tuple = ()
    thaw: Event | None = None
    infusion: Event | None = None
    countdown: Countdown = Countdown("unknown")
    removal: bool = False


@dataclass(frozen=True)
class ExpectedRow(Common):
    key: tuple = ()
    label: str = "product_receipt"
    expected: Any = None
    days: int = 0
    overdue: bool = False


@dataclass(frozen=True)
class StorageRow(Common):
    key: tuple = ()
    received: Any = None
    hold: Hold = Hold("unknown")
    temperature: Temperature = Temperature("not_logged")
    expiry: Expiry = Expiry("missing")
    thaw: Event | None = None
    storage_label: str | None = None
    storage_done: bool = False
    pre: PreThaw = PreThaw("none")


class CellLabView(View):
    """Thaws, expected products and products in storage, with live countdowns."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *,
                 now: Callable[[], datetime] | None = None, tick_ms: int = TICK_MS):
        super().__init__(ctx, parent)
        svc = ctx.services
        #: The clock every countdown is read against; replace it to test the passing of time.
        self.now: Callable[[], datetime] = now or self._default_now
        self.site: str | None = ctx.site
        self._sites = {s.id: s for s in svc.sites.list()}
        self._site_names = short_site_names(self._sites.values())
        self._pathways: dict[int, StoredPathway] = {}
        self._profiles: dict[tuple, Any] = {}
        self._people: dict[int, tuple[str, str]] = {}
        self._expected_src: list[tuple[int, str]] = []
        self._thaw_src: list[tuple[int, str]] = []
        self._storage_src: list[int] = []
        self._dirty = True
        self._unfitted = True
        self.dialog: QDialog | None = None
        catalogue = svc.products.catalogue()
        self._product_names = {}
        for pid in catalogue.product_ids:
            try:
                self._product_names[pid] = catalogue.profile(pid).name
            except CatalogueError:
                self._product_names[pid] = pid
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.tick)
        self._build()
        ctx.pathwaysChanged.connect(self._data_changed)
        ctx.siteChanged.connect(self._ctx_site_changed)

    # -- the clock ---------------------------------------------------------------------------

    def _tz(self) -> ZoneInfo:
        site = self._sites.get(self.site) if self.site else None
        return timeutil.zone(site.timezone if site else timeutil.DEFAULT_TIMEZONE)

    def _default_now(self) -> datetime:
        """The wall clock; on the application's "today" when that is fixed (screenshots, demos)."""
        tz = self._tz()
        real = datetime.now(tz)
        today = self.ctx.today()
        if real.date() == today:
            return real
        try:
            return timeutil.localize(datetime.combine(today, real.time().replace(tzinfo=None, microsecond=0)), tz)
        except timeutil.TimeError:
            return real

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.site_box = QComboBox()
        self.site_box.addItem(self.tr("All sites"), None)
        for s in self._sites.values():
            self.site_box.addItem(s.name, s.id)
        self.site_box.setCurrentIndex(max(0, self.site_box.findData(self.site)))
        self.site_box.currentIndexChanged.connect(self._site_picked)
        site_label = QLabel(self.tr("&Site"))
        site_label.setBuddy(self.site_box)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.clock_label = QLabel()
        self.role_label = QLabel()
        self.role_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        bar = QHBoxLayout()
        bar.addWidget(site_label)
        bar.addWidget(self.site_box)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.clock_label)

        can = self._can_record()
        if not can:
            self.role_label.setText(self.tr(
                "Read only: recording receipt, storage and thaw times needs a pharmacist's sign-in."))
        self.role_label.setVisible(not can)

        self.thaw_model = RowsModel(self._thaw_columns(), self)
        self.expected_model = RowsModel(self._expected_columns(), self)
        self.storage_model = RowsModel(self._storage_columns(), self)
        self.thaw_table = self._table(self.thaw_model, "cellLabThaws")
        self.expected_table = self._table(self.expected_model, "cellLabExpected")
        self.storage_table = self._table(self.storage_model, "cellLabStorage")

        self.thaw_button = QPushButton(self.tr("Record thaw started…"))
        self.thaw_button.clicked.connect(lambda: self.record_thaw(self._selected(self.thaw_table)))
        self.receipt_button = QPushButton(self.tr("Record receipt…"))
        self.receipt_button.clicked.connect(lambda: self.record_receipt(self._selected(self.expected_table)))
        self.storage_button = QPushButton(self.tr("Record placed in storage…"))
        self.storage_button.clicked.connect(lambda: self.record_storage(self._selected(self.storage_table)))
        self.storage_thaw_button = QPushButton(self.tr("Record thaw started…"))
        self.storage_thaw_button.clicked.connect(lambda: self.record_thaw(self._selected(self.storage_table)))

        self.bedside_button = QPushButton(self.tr("Verify and record infusion…"))
        self.bedside_button.setObjectName("bedsideInfusion")
        self.bedside_button.clicked.connect(lambda: self.verify_infusion(self._selected(self.thaw_table)))
        self.thaw_title = QLabel(self.tr("Today's thaws"))
        sections = QSplitter(Qt.Orientation.Vertical)
        sections.addWidget(self._section(self.thaw_title, self.thaw_table,
                                         [self.thaw_button, self.bedside_button]))
        sections.addWidget(self._section(QLabel(self.tr("Products expected")), self.expected_table,
                                         [self.receipt_button]))
        sections.addWidget(self._section(QLabel(self.tr("In storage")), self.storage_table,
                                         [self.storage_button, self.storage_thaw_button]))
        sections.setChildrenCollapsible(False)
        sections.setStretchFactor(0, 2)
        sections.setStretchFactor(1, 2)
        sections.setStretchFactor(2, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.role_label)
        layout.addWidget(self.error_label)
        layout.addWidget(sections, 1)
        self._update_actions()

    def _section(self, title: QLabel, table: QTableView, buttons: list[QPushButton]) -> QWidget:
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        for b in buttons:
            head.addWidget(b)
        layout.addLayout(head)
        layout.addWidget(table)
        return box

    def _table(self, model: RowsModel, name: str) -> QTableView:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(SortRole)
        table = QTableView()
        table.setObjectName(name)
        table.setModel(proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setResizeContentsPrecision(200)
        table.activated.connect(self._open_index)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        table.setToolTip(self.tr("Double-click a row to open the pathway"))
        return table

    # -- columns -----------------------------------------------------------------------------------

    def _common_columns(self) -> list[Column]:
        """Patient, product and open findings: first in every list, so findings are never off screen."""
        return [
            Column(self.tr("Patient"), lambda r: r.patient, tooltip=lambda r: f"{r.patient}\n{r.identifier}"),
            Column(self.tr("Product"), lambda r: r.product if self.site else f"{r.product} · {r.site}"),
            words.findings_column(),
        ]

    def _thaw_columns(self) -> list[Column]:
        def thaw_text(r: ThawRow) -> str:
            t = r.thaw
            name = event_name(t.label, self.ctx.lang).capitalize()
            today = self.ctx.today()
            if t.happened:
                when = _clock_or_day(t.actual_start, r.tz, today)
                if r.removal:
                    return self.tr("{0}: removed from storage {1}").format(name, when)
                return self.tr("{0}: started {1}").format(name, when)
            return self.tr("{0}: planned {1}").format(name, _clock_or_day(t.start, r.tz, today))

        def by_text(r: ThawRow) -> str:
            c = r.countdown
            if c.infuse_by is None:
                return "—"
            return _clock_or_day(c.infuse_by, r.tz, self.ctx.today())

        def infusion_text(r: ThawRow) -> str:
            inf = r.infusion
            if inf is None:
                return self.tr("No infusion planned")
            today = self.ctx.today()
            if inf.actual_end is not None:
                return self.tr("ended {0}").format(_clock_or_day(inf.actual_end, r.tz, today))
            if inf.happened:
                return self.tr("started {0}").format(_clock_or_day(inf.actual_start, r.tz, today))
            return self.tr("planned {0}").format(_clock_or_day(inf.start, r.tz, today))

        return [
            *self._common_columns(),
            Column(self.tr("Thaw"), thaw_text, sort=lambda r: _stamp(r.thaw.when)),
            Column(self.tr("Infuse by"), by_text, sort=lambda r: _stamp(r.countdown.infuse_by)),
            Column(self.tr("Countdown"), lambda r: self.countdown_text(r.countdown),
                   icon=lambda r: words.countdown_icon(r.countdown),
                   background=lambda r: words.countdown_brush(r.countdown),
                   state=lambda r: r.countdown.state,
                   tooltip=lambda r: words.countdown_tooltip(r),
                   sort=lambda r: r.countdown.minutes_left if r.countdown.minutes_left is not None else _FAR),
            Column(self.tr("Infusion"), infusion_text),
        ]

    def _expected_columns(self) -> list[Column]:
        def when_text(r: ExpectedRow) -> str:
            if r.overdue:
                return self.tr("{0} days overdue — receipt not recorded").format(-r.days) if r.days < 0 \
                    else self.tr("Due today — receipt not recorded")
            if r.days == 0:
                return self.tr("Today")
            if r.days == 1:
                return self.tr("Tomorrow")
            return self.tr("In {0} days").format(r.days)

        return [
            *self._common_columns(),
            Column(self.tr("Expected"), lambda r: _fmt(r.expected, r.tz), sort=lambda r: _stamp(r.expected)),
            Column(self.tr("When"), when_text,
                   icon=lambda r: severity_icon(Severity.WARNING) if r.overdue else None,
                   background=lambda r: QBrush(words.AMBER) if r.overdue else None,
                   state=lambda r: "overdue" if r.overdue else "expected", sort=lambda r: float(r.days)),
        ]

    def _storage_columns(self) -> list[Column]:
        return [
            *self._common_columns(),
            Column(self.tr("Received"), lambda r: _fmt(r.received, r.tz), sort=lambda r: _stamp(r.received)),
            Column(self.tr("Storage (dry-shipper hold)"), lambda r: self.hold_text(r.hold, r.tz, r.received),
                   icon=lambda r: words.hold_icon(r.hold), state=lambda r: r.hold.state,
                   background=lambda r: words.hold_brush(r.hold),
                   sort=lambda r: r.hold.minutes_left if r.hold.minutes_left is not None else _FAR),
            Column(self.tr("Warmest storage temperature"), lambda r: self.temperature_text(r.temperature),
                   icon=lambda r: words.temperature_icon(r.temperature), state=lambda r: r.temperature.state,
                   background=lambda r: QBrush(words.RED) if r.temperature.state == "too_warm" else None,
                   sort=lambda r: r.temperature.warmest if r.temperature.warmest is not None else -_FAR),
            Column(self.tr("Expiry"), lambda r: self.expiry_text(r.expiry),
                   icon=lambda r: words.expiry_icon(r.expiry), state=lambda r: r.expiry.state,
                   background=lambda r: {"expired": QBrush(words.RED), "soon": QBrush(words.AMBER)}.get(r.expiry.state),
                   sort=lambda r: float(r.expiry.days_left) if r.expiry.days_left is not None else -_FAR),
            Column(self.tr("Next thaw"), lambda r: _fmt(r.thaw.start, r.tz) if r.thaw else "—",
                   sort=lambda r: _stamp(r.thaw.start) if r.thaw else _FAR),
            # What the patient has before the thaw (lymphodepletion, or a stem-cell product's busulfan days).
            Column(self.tr("Before the thaw"), lambda r: words.pre_thaw_text(r.pre, self.ctx.lang),
                   state=lambda r: r.pre.state,
                   tooltip=lambda r: self.tr("Thaw N days after: calendar days from the course's last day to the "
                                             "thaw, as the label's window counts them"),
                   sort=lambda r: _stamp(r.pre.first) if r.pre.first else _FAR),
        ]

    # -- words for states (never colour alone): ui/celllab_words.py ---------------------------------

    def countdown_text(self, c: Countdown) -> str:
        return words.countdown_text(c)

    def hold_text(self, h: Hold, tz, received: Any = None) -> str:
        return words.hold_text(h, tz, received)

    def temperature_text(self, t: Temperature) -> str:
        return words.temperature_text(t)

    def expiry_text(self, e: Expiry) -> str:
        return words.expiry_text(e)

    # -- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the lists again from the store, then recompute every countdown."""
        self.error_label.setVisible(False)
        try:
            self._load()
        except REFUSALS as exc:
            self.error_label.setText(self.tr("Could not read the cell lab lists: {0}").format(
                refusal_message(exc, self.ctx.lang)))
            self.error_label.setVisible(True)
            return
        self._dirty = False
        self.tick()

    def _load(self) -> None:
        svc = self.ctx.services
        today = self.ctx.today()
        site = self.site
        events = svc.pathways.events_between(today - timedelta(days=EXPECTED_BACK_DAYS),
                                             today + timedelta(days=EXPECTED_AHEAD_DAYS), site, stages=COUNTED_STAGES)
        people: dict[int, tuple[str, str]] = {}
        expected, thaws = [], []
        for e in events:
            if e.kind == "product_receipt" and e.actual_start is None:
                expected.append((e.pathway_id, e.label))
            elif e.kind == "thaw" and e.first_day <= today <= e.last_day:
                thaws.append((e.pathway_id, e.label))
            else:
                continue
            people[e.pathway_id] = (e.patient_name, e.identifier)
        storage = []
        for r in svc.pathways.rows(site, stages=["product_in_storage", "lymphodepletion", "infused"]):
            if r.stage == "infused" and not self._split_dose(r.product, r.region):
                continue  # infused with its only dose: nothing left in storage
            storage.append(r.id)
            people[r.id] = (r.patient_name, r.display_identifier)
        ids = {pid for pid, _ in expected} | {pid for pid, _ in thaws} | set(storage)
        self._pathways = {sp.id: sp for sp in svc.pathways.load_many(sorted(ids))}  # type: ignore[misc]
        self._people = people
        self._expected_src = expected
        self._thaw_src = thaws
        self._storage_src = [pid for pid in storage if pid in self._pathways
                             and in_storage(self._pathways[pid].pathway)]

    def _split_dose(self, product: str, region: str) -> bool:
        try:
            return self.ctx.services.products.profile(product, region).is_split_dose
        except (CatalogueError, *REFUSALS):
            return True  # when in doubt, look at the pathway itself

    def _profile(self, sp: StoredPathway) -> ProductProfile:
        key = (sp.pathway.product, sp.pathway.region, sp.profile_version)
        profile = self._profiles.get(key)
        if profile is None:
            profile = self._profiles[key] = self.ctx.services.pathways.profile_for(sp)
        return profile

    def _common(self, sp: StoredPathway) -> dict:
        name, ident = self._people.get(sp.id, ("", ""))  # type: ignore[arg-type]
        site = self._sites.get(sp.site)
        return dict(pathway_id=sp.id, patient=name, identifier=ident,
                    product=self._product_names.get(sp.product, sp.product),
                    site=self._site_names.get(sp.site, site.name if site else sp.site),
                    errors=sp.open_errors, warnings=sp.open_warnings, tz=sp.pathway.tz)

    # -- the clock ticks -----------------------------------------------------------------------------

    def tick(self) -> None:
        """Recompute every countdown against :attr:`now` (the timer calls this every few seconds)."""
        try:
            self._tick()
        except (*REFUSALS, CatalogueError) as exc:
            # A profile could not be read (the store went away, a damaged override): say so, keep the lists.
            self.error_label.setText(self.tr("Could not read the cell lab lists: {0}").format(
                refusal_message(exc, self.ctx.lang)))
            self.error_label.setVisible(True)

    def _tick(self) -> None:
        now = self.now()
        today = self.ctx.today()
        thaw_rows, expected_rows, storage_rows = [], [], []
        for pid, label in self._thaw_src:
            sp = self._pathways.get(pid)
            thaw = _by_label(sp, label) if sp else None
            if thaw is None:
                continue
            profile = self._profile(sp)
            rule = profile.rule("thaw_limit")
            thaw_rows.append(ThawRow(
                **self._common(sp), key=(pid, label), thaw=thaw, infusion=paired_infusion(sp.pathway, thaw),
                countdown=thaw_countdown(sp.pathway, thaw, profile, now),
                removal=rule.known and rule.value.get("counts_from") == "removal_from_storage",
            ))
        for pid, label in self._expected_src:
            sp = self._pathways.get(pid)
            receipt = _by_label(sp, label) if sp else None
            if receipt is None or receipt.happened:
                continue
            day = receipt.first_day(sp.pathway.tz)
            overdue = (receipt.start < now) if isinstance(receipt.start, datetime) else day < today
            expected_rows.append(ExpectedRow(
                **self._common(sp), key=(pid, label), label=label, expected=receipt.start,
                days=(day - today).days, overdue=overdue,
            ))
        for pid in self._storage_src:
            sp = self._pathways[pid]
            p = sp.pathway
            receipt = p.first("product_receipt")
            storage = p.first("storage")
            profile = self._profile(sp)
            storage_rows.append(StorageRow(
                **self._common(sp), key=(pid,), received=receipt.when if receipt else None,
                hold=shipper_hold(p, now), temperature=storage_temperature(p, profile), expiry=expiry(p, today),
                thaw=next_thaw(p), storage_label=storage.label if storage else None,
                storage_done=bool(storage and storage.happened), pre=pre_thaw(p, next_thaw(p), today),
            ))
        thaw_rows.sort(key=lambda r: _stamp(r.thaw.when))
        expected_rows.sort(key=lambda r: _stamp(r.expected))
        storage_rows.sort(key=lambda r: (_stamp(r.thaw.start) if r.thaw else _FAR, r.pathway_id))
        changed = [self.thaw_model.update(thaw_rows), self.expected_model.update(expected_rows),
                   self.storage_model.update(storage_rows)]
        self.thaw_title.setText(self.tr("Today's thaws ({0})").format(
            self.ctx.today().isoformat()))
        self.clock_label.setText(self.tr("Countdowns at {0} · updated every {1} s").format(
            f"{now.astimezone(self._tz()):%H:%M:%S}", max(1, self.timer.interval() // 1000)))
        # Fitting columns and rows reads every cell: only when the lists changed, not on every tick.
        for table, reset in zip((self.thaw_table, self.expected_table, self.storage_table), changed):
            if reset or self._unfitted:
                self._fit(table)
        self._unfitted = False
        self._update_actions()

    #: The widest a column grows to fit its text; longer text wraps onto a second line.
    MAX_COLUMN = 210
    #: Above this many rows the rows keep one height (fitting each costs a pass over every cell).
    FIT_ROWS = 300

    def _fit(self, table: QTableView) -> None:
        table.resizeColumnsToContents()  # samples at most the header's resizeContentsPrecision rows
        last = table.model().columnCount() - 1
        for c in range(last):
            if table.columnWidth(c) > self.MAX_COLUMN:
                table.setColumnWidth(c, self.MAX_COLUMN)
        rows = table.model().rowCount()
        minimum = table.verticalHeader().defaultSectionSize()
        if rows > self.FIT_ROWS:
            table.setWordWrap(False)  # long texts are elided; the tooltip holds them whole
            return
        table.setWordWrap(True)
        table.resizeRowsToContents()
        for r in range(rows):
            if table.rowHeight(r) < minimum:
                table.setRowHeight(r, minimum)

    # -- showing and hiding -----------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        else:
            self.tick()
        self.timer.start()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.timer.stop()
        super().hideEvent(event)

    def _data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def _ctx_site_changed(self) -> None:
        i = self.site_box.findData(self.ctx.site)
        if i >= 0:
            self.site_box.setCurrentIndex(i)

    def _site_picked(self, _i: int) -> None:
        self.site = self.site_box.currentData()
        self.refresh()

    def set_site(self, site: str | None) -> None:
        i = self.site_box.findData(site)
        if i >= 0:
            self.site_box.setCurrentIndex(i)

    # -- actions ----------------------------------------------------------------------------------------

    def _can_record(self) -> bool:
        session = self.ctx.services.session
        return session is not None and session.can(Permission.RECORD_CELL_LAB)

    @staticmethod
    def _selected(table: QTableView) -> Any:
        index = table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def _update_actions(self) -> None:
        can = self._can_record()
        thaw = self._selected(self.thaw_table)
        expected = self._selected(self.expected_table)
        stored = self._selected(self.storage_table)
        self.thaw_button.setEnabled(can and thaw is not None and not thaw.thaw.happened)
        self.receipt_button.setEnabled(can and expected is not None)
        self.storage_button.setEnabled(can and stored is not None and stored.storage_label is not None
                                       and not stored.storage_done)
        self.storage_thaw_button.setEnabled(can and stored is not None and stored.thaw is not None)
        session = self.ctx.services.session
        nurse = session is not None and session.can(Permission.RECORD_WARD)
        self.bedside_button.setEnabled(nurse and thaw is not None and thaw.infusion is not None)
        self.bedside_button.setToolTip("" if nurse else self.tr("Only a nurse may record the infusion"))
        why = "" if can else self.tr("Only a pharmacist may record this")
        for b in (self.thaw_button, self.receipt_button, self.storage_button, self.storage_thaw_button):
            b.setToolTip(why)

    def _open_index(self, index) -> None:
        pid = index.data(PathwayRole)
        if pid is not None:
            self.openPathway.emit(int(pid))

    def _fresh(self, pathway_id: int) -> StoredPathway | None:
        """The pathway as stored now (its version is what the save checks against)."""
        try:
            return self.ctx.services.pathways.get(pathway_id)
        except REFUSALS as exc:
            self.error_label.setText(refusal_message(exc, self.ctx.lang))
            self.error_label.setVisible(True)
            return None

    def _show_dialog(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def record_receipt(self, row: ExpectedRow | None) -> QDialog | None:
        if row is None:
            return None
        sp = self._fresh(row.pathway_id)
        if sp is None:
            return None
        return self._show_dialog(ReceiptDialog(self.ctx, sp, row.label, row.patient, row.product, self.now, self))

    def record_storage(self, row: StorageRow | None) -> QDialog | None:
        if row is None or row.storage_label is None:
            return None
        sp = self._fresh(row.pathway_id)
        if sp is None:
            return None
        limit = storage_temperature(sp.pathway, self._profile(sp)).limit
        return self._show_dialog(StorageDialog(self.ctx, sp, row.storage_label, row.patient, row.product,
                                               self.now, limit, self))

    def record_thaw(self, row: ThawRow | StorageRow | None) -> QDialog | None:
        if row is None or row.thaw is None:
            return None
        sp = self._fresh(row.pathway_id)
        if sp is None:
            return None
        return self._show_dialog(ThawDialog(self.ctx, sp, row.thaw.label, row.patient, row.product, self.now,
                                            self._profile(sp), self))

    def verify_infusion(self, row: ThawRow | None) -> QDialog | None:
        """The bedside dialog: scan wristband, COI label and bag, then record the infusion (issue 14)."""
        from atmp_desktop.ui.bedside_infusion_dialog import BedsideInfusionDialog

        sp = None if row is None or row.infusion is None else self._fresh(row.pathway_id)
        if sp is None:
            return None
        return self._show_dialog(BedsideInfusionDialog(self.ctx, sp, row.infusion.label, row.patient,  # type: ignore
                                                       row.product, self.now, self))


def _by_label(sp: StoredPathway | None, label: str) -> Event | None:
    if sp is None:
        return None
    return next((e for e in sp.pathway.events if e.label == label), None)
