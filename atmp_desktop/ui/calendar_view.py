"""The Calendar: a week and a month of every pathway's events per site, closed days, and the load.

* Week: one column per day, each event with its time, patient, product and
  open findings (icon and words); double-click (or Enter) opens the pathway.
* Month: one cell per day summing the day up (counted in the store: the
  cost does not grow with the events); a day panel lists the selected day's
  events a page at a time (the last line says how many more, "+K more";
  scrolling on reads them); double-clicking a day shows its week.
* Closed days are shaded *and* named ("Closed: Christmas Eve").
* Below both, the load strip (issue 6): booked / capacity for each resource
  per day (per ISO week for manufacturing slots, and per week in the month
  view), over-capacity written out as "3/2 ⚠ over".

Events come from ``events_between`` (light rows, cached per range until the
store changes); the load is counted off the GUI thread (see
:mod:`atmp_desktop.ui.calendar_load`), so switching weeks stays quick on
the 10,000-pathway demo database.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.calendar import holidays_loaded
from atmp_desktop.domain.catalogue import CatalogueError
from atmp_desktop.services import REFUSALS
from atmp_desktop.storage.records import EventRow
from atmp_desktop.ui.calendar_cells import (
    Names,
    PathwayRole,
    closure_text,
    qdate,
    ui_locale,
    week_label,
)
from atmp_desktop.ui.calendar_data import (
    EMPTY_DAY,
    KIND_ORDER,
    LONG_KINDS,
    Entry,
    closures,
    day_summaries,
    day_entries,
    fully_closed,
    month_grid,
    month_last,
    partly_closed,
    short_site_names,
    week_days,
)
from atmp_desktop.ui.calendar_load import COUNTED_STAGES, LoadSource
from atmp_desktop.ui.calendar_load_strip import (
    LoadStripModel,
    day_cell,
    over_by_day,
    pool_label,
    strip_rows,
)
from atmp_desktop.ui.calendar_models import (
    DayEventsModel,
    DayLoad,
    MonthModel,
    WeekEventsModel,
)
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.view_base import View

_EVENT_CACHE = 16
#: At the latest this long after being asked for, the work waiting for the next paint is done anyway.
_AFTER_PAINT_LATEST_MS = 250
#: The kinds in the order a day lists them (the store sorts a day's page by it).
_KIND_SEQUENCE = tuple(sorted(KIND_ORDER, key=KIND_ORDER.__getitem__))


class CalendarView(View):
    """Week and month calendar of all pathways' events with the resource load strip."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, background_load: bool = True):
        super().__init__(ctx, parent)
        svc = ctx.services
        self.mode = "week"
        self.anchor: date = ctx.today()
        self.site: str | None = ctx.site
        self._rows_cache: dict[tuple, list[EventRow]] = {}
        self._spans_cache: dict[tuple, tuple] = {}
        self._dirty = True
        self._selected_day: date | None = None
        self._defer_day = False
        self._closures_pending = False  # the days are shown without closures until the holidays are read
        # What waits for the next paint of the shown page (see _after_paint), in order, once each.
        self._after_paint_work: list = []
        self._after_paint_timer = QTimer(self)
        self._after_paint_timer.setSingleShot(True)
        self._after_paint_timer.timeout.connect(self._run_after_paint)
        self._range: tuple[date, date] = (self.anchor, self.anchor)
        self.loads = LoadSource(svc, background=background_load, parent=self, lang=ctx.lang)
        self.loads.ready.connect(self._update_strip)
        self.loads.failed.connect(lambda _msg: self._update_strip())

        self._sites = {s.id: s for s in svc.sites.list()}
        self._site_names = short_site_names(self._sites.values())
        catalogue = svc.products.catalogue()
        products = {}
        for pid in catalogue.product_ids:
            try:
                products[pid] = catalogue.profile(pid).name
            except CatalogueError:
                products[pid] = pid
        self._product_names = products

        self._build()
        ctx.pathwaysChanged.connect(self._data_changed)
        ctx.siteChanged.connect(self._ctx_site_changed)

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        self.site_box = QComboBox()
        self.site_box.addItem(self.tr("All sites"), None)
        for s in self._sites.values():
            self.site_box.addItem(s.name, s.id)
        self.site_box.setCurrentIndex(max(0, self.site_box.findData(self.site)))
        self.site_box.currentIndexChanged.connect(self._site_picked)
        site_label = QLabel(self.tr("&Site"))
        site_label.setBuddy(self.site_box)

        self.week_button = QToolButton()
        self.week_button.setText(self.tr("&Week"))
        self.month_button = QToolButton()
        self.month_button.setText(self.tr("&Month"))
        self.modes = QButtonGroup(self)
        for b in (self.week_button, self.month_button):
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.modes.addButton(b)
        self.week_button.setChecked(True)
        self.week_button.clicked.connect(lambda: self.set_mode("week"))
        self.month_button.clicked.connect(lambda: self.set_mode("month"))

        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.prev_button.setToolTip(self.tr("Previous week or month (Ctrl+Page Up)"))
        self.next_button.setToolTip(self.tr("Next week or month (Ctrl+Page Down)"))
        self.today_button.setToolTip(self.tr("Back to today (Ctrl+T)"))
        self.prev_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.today_button.clicked.connect(self.go_today)
        for keys, slot in (("Ctrl+PgUp", self.go_previous), ("Ctrl+PgDown", self.go_next), ("Ctrl+T", self.go_today)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)

        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setToolTip(self.tr("Go to a date"))
        self.date_edit.setDate(qdate(self.anchor))
        self.date_edit.dateChanged.connect(self._date_picked)

        self.ongoing = QCheckBox(self.tr("Show manufacturing, shipment and monitoring on every day"))
        self.ongoing.setToolTip(self.tr("Otherwise these long events are listed on their first and last day only"))
        self.ongoing.toggled.connect(lambda _on: self._show())

        bar = QHBoxLayout()
        bar.addWidget(site_label)
        bar.addWidget(self.site_box)
        bar.addSpacing(12)
        bar.addWidget(self.week_button)
        bar.addWidget(self.month_button)
        bar.addSpacing(12)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.date_edit)
        bar.addStretch(1)
        bar.addWidget(self.ongoing)

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        # The week in numbers, and what the marks mean (one line each, under the title).
        self.summary = QLabel()
        self.summary.setObjectName("calendarSummary")
        self.summary.setWordWrap(True)
        self.legend = QLabel(self.tr(
            "An error or warning icon marks a pathway with open findings; the cell says how many. "
            "Shaded days: a unit is closed; the day's header says which and why."))
        self.legend.setWordWrap(True)

        # Week page.
        self.week_model = WeekEventsModel(self)
        self.week_table = QTableView()
        self.week_table.setObjectName("calendarWeek")
        self.week_table.setModel(self.week_model)
        # One line per fact, elided rather than wrapped, so every event cell keeps its shape.
        self.week_table.setWordWrap(False)
        self.week_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.week_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.week_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.week_table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.week_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.week_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        line = self.week_table.fontMetrics().lineSpacing()
        self.week_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.week_table.verticalHeader().setDefaultSectionSize(line * 5 + 10)
        self.week_table.verticalHeader().setVisible(False)
        self.week_table.activated.connect(self._open_index)
        self.week_table.horizontalHeader().sectionResized.connect(self._wrap_headers)
        self.week_table.setToolTip(self.tr("Double-click an event, or select it and press Enter, to open its pathway"))

        # Month page.
        self.month_model = MonthModel(self)
        self.month_table = QTableView()
        self.month_table.setObjectName("calendarMonth")
        self.month_table.setModel(self.month_model)
        self.month_table.setWordWrap(True)
        self.month_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.month_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month_table.selectionModel().currentChanged.connect(self._month_current)
        self.month_table.doubleClicked.connect(self._month_open_week)
        self.month_table.setToolTip(self.tr("Select a day to list its events; double-click to show its week"))

        self.day_title = QLabel()
        self.day_title.setWordWrap(True)
        bold = QFont(self.day_title.font())
        bold.setBold(True)
        self.day_title.setFont(bold)
        self.day_model = DayEventsModel(self)
        self.day_list = QListView()
        self.day_list.setObjectName("calendarDay")
        self.day_list.setModel(self.day_model)
        self.day_list.setWordWrap(True)
        self.day_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.day_list.activated.connect(self._day_activated)
        self.day_load = QLabel()
        self.day_load.setWordWrap(True)
        self.day_load.setTextFormat(Qt.TextFormat.PlainText)
        self.day_load.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        load_scroll = QScrollArea()
        load_scroll.setWidgetResizable(True)
        load_scroll.setWidget(self.day_load)
        day_split = QSplitter(Qt.Orientation.Vertical)
        day_split.addWidget(self.day_list)
        day_split.addWidget(load_scroll)
        day_split.setStretchFactor(0, 2)
        day_split.setStretchFactor(1, 1)
        day_panel = QWidget()
        dl = QVBoxLayout(day_panel)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.day_title)
        dl.addWidget(day_split, 1)
        month_page = QSplitter(Qt.Orientation.Horizontal)
        month_page.addWidget(self.month_table)
        month_page.addWidget(day_panel)
        month_page.setStretchFactor(0, 3)
        month_page.setStretchFactor(1, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.week_table)
        self.pages.addWidget(month_page)
        for table in (self.week_table, self.month_table):
            table.viewport().installEventFilter(self)

        # Load strip.
        self.strip_model = LoadStripModel(self)
        self.strip_table = QTableView()
        self.strip_table.setObjectName("loadStrip")
        self.strip_table.setModel(self.strip_model)
        self.strip_table.setWordWrap(False)
        self.strip_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.strip_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.strip_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.strip_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.strip_table.verticalHeader().setDefaultSectionSize(self.strip_table.fontMetrics().lineSpacing() + 10)
        strip_box = QWidget()
        sl = QVBoxLayout(strip_box)
        sl.setContentsMargins(0, 4, 0, 0)
        strip_title = QLabel(self.tr("Resource load (booked / capacity)"))
        strip_title.setFont(bold)
        sl.addWidget(strip_title)
        sl.addWidget(self.strip_table)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.pages)
        split.addWidget(strip_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend)
        layout.addWidget(self.error_label)
        layout.addWidget(split, 1)

    def _wrap_headers(self, *_args) -> None:
        header = self.week_table.horizontalHeader()
        if self.week_model.columnCount():
            width = header.sectionSize(0) - 2 * self.style().pixelMetric(self.style().PixelMetric.PM_HeaderMargin) - 4
            self.week_model.set_header_width(max(40, width), header.fontMetrics())

    # -- public navigation ---------------------------------------------------------------

    def set_mode(self, mode: str) -> None:
        if mode not in ("week", "month"):
            raise ValueError(mode)
        self.mode = mode
        (self.week_button if mode == "week" else self.month_button).setChecked(True)
        self.pages.setCurrentIndex(0 if mode == "week" else 1)
        self._show()

    def set_date(self, day: date) -> None:
        self.anchor = day
        self._show()

    def set_site(self, site: str | None) -> None:
        """Show one site (an id) or all sites (None) in this calendar only."""
        i = self.site_box.findData(site)
        if i >= 0:
            self.site_box.setCurrentIndex(i)

    def go_previous(self) -> None:
        self._step(-1)

    def go_next(self) -> None:
        self._step(1)

    def go_today(self) -> None:
        self.set_date(self.ctx.today())

    def _step(self, n: int) -> None:
        if self.mode == "week":
            self.set_date(self.anchor + timedelta(days=7 * n))
        else:
            first = self.anchor.replace(day=1)
            month = first.month - 1 + n
            self.set_date(first.replace(year=first.year + month // 12, month=month % 12 + 1))

    # -- refresh ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload what changed in the store since the last look (nothing, if nothing changed)."""
        try:
            if self.loads.check_stamp():
                self._rows_cache.clear()
                self._spans_cache.clear()
                # An administrator may have changed a site's calendar (cheap: the services cache sites).
                self._sites = {s.id: s for s in self.ctx.services.sites.list()}
                self._site_names = short_site_names(self._sites.values())
        except REFUSALS as exc:
            self._show_error(refusal_message(exc, self.ctx.lang))
            return
        self._dirty = False
        self._show()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def _data_changed(self) -> None:
        self._rows_cache.clear()
        self._spans_cache.clear()
        self.loads.invalidate()
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def _ctx_site_changed(self) -> None:
        self.set_site(self.ctx.site)

    def _site_picked(self, _i: int) -> None:
        self.site = self.site_box.currentData()
        self._show()

    def _date_picked(self, qd: QDate) -> None:
        day = date(qd.year(), qd.month(), qd.day())
        if day != self.anchor:
            self.set_date(day)

    # -- showing ---------------------------------------------------------------------------

    def _names(self) -> Names:
        return Names(self.ctx.lang, self._product_names, self._site_names,
                     show_site=self.site is None)

    def _shown_sites(self) -> list[str]:
        return [self.site] if self.site else list(self._sites)

    def _calendars(self) -> dict[str, object]:
        return {self._site_names[s]: self._sites[s].calendar for s in self._shown_sites() if s in self._sites}

    def _rows(self, first: date, last: date) -> list[EventRow]:
        key = (self.site, first, last)
        rows = self._rows_cache.get(key)
        if rows is None:
            rows = self.ctx.services.pathways.events_between(first, last, self.site, stages=COUNTED_STAGES)
            if len(self._rows_cache) >= _EVENT_CACHE:
                self._rows_cache.pop(next(iter(self._rows_cache)))
            self._rows_cache[key] = rows
        return rows

    def _spans(self, first: date, last: date) -> tuple:
        """The store's counts of the events touching *first*…*last* (``event_spans``), cached like the rows."""
        key = (self.site, first, last)
        spans = self._spans_cache.get(key)
        if spans is None:
            spans = self.ctx.services.pathways.event_spans(first, last, self.site, stages=COUNTED_STAGES)
            if len(self._spans_cache) >= _EVENT_CACHE:
                self._spans_cache.pop(next(iter(self._spans_cache)))
            self._spans_cache[key] = spans
        return spans

    def _day_page(self, day: date, offset: int, limit: int) -> list[Entry]:
        """*limit* of *day*'s entries from *offset*, in the order the day lists them (read from the store)."""
        try:
            rows = self.ctx.services.pathways.day_events(
                day, self.site, COUNTED_STAGES, long_kinds=LONG_KINDS, show_ongoing=self.ongoing.isChecked(),
                kind_order=_KIND_SEQUENCE, limit=limit, offset=offset)
        except REFUSALS as exc:
            self._show_error(refusal_message(exc, self.ctx.lang))
            return []
        out = []
        for row in rows:
            start = row.first_day
            end = row.last_day if row.last_day > start else start
            out.append(Entry(row, day, (day - start).days + 1, (end - start).days + 1))
        return out

    def _show_error(self, message: str) -> None:
        self.error_label.setText(self.tr("Could not read the calendar: {0}").format(message))
        self.error_label.setVisible(True)

    def _day_states(self, days: list[date]) -> tuple[dict, dict]:
        """The closures and closed states of *days*; none yet, if the holidays are not read in this process.

        Reading them first (the ``holidays`` package: a fifth of a second) would keep the
        first Calendar of a session from painting: the days are then shown first and
        their closures right after the paint (:meth:`_show_closures`).
        """
        if not holidays_loaded() and self.isVisible():
            self._closures_pending = True
            self._after_paint("closures", self._show_closures)
            return {}, {}
        self._closures_pending = False
        return self._read_day_states(days)

    def _read_day_states(self, days: list[date]) -> tuple[dict, dict]:
        cals = self._calendars()
        lang = self.ctx.lang
        clos = {d: closures(cals, d, lang) for d in days}  # type: ignore[arg-type]
        closed = {}
        for d in days:
            if fully_closed(cals, d):  # type: ignore[arg-type]
                closed[d] = "full"
            elif partly_closed(cals, d):  # type: ignore[arg-type]
                closed[d] = "part"
        return clos, closed

    def _show(self) -> None:
        if self._dirty and not self.isVisible():
            return  # shown when the view is: showEvent() refreshes, and shows what was asked for then
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(qdate(self.anchor))
        self.date_edit.blockSignals(False)
        self.error_label.setVisible(False)
        loc = ui_locale(self.ctx.lang)
        try:
            if self.mode == "week":
                days = week_days(self.anchor)
                first, last = days[0], days[-1]
                rows = self._rows(first, last)
                entries = day_entries(rows, first, last, self.ongoing.isChecked())
                clos, closed = self._day_states(days)
                self.week_model.set_week(days, entries, clos, closed, self.ctx.today(), self._names())
                self.summary.setText(self._week_summary(entries, closed))
                self.title.setText(self.tr("Week {0} · {1} – {2}").format(
                    first.isocalendar()[1], loc.toString(qdate(first), "d MMMM"),
                    loc.toString(qdate(last), "d MMMM yyyy")))
                self._range = (first, last)
            else:
                grid = month_grid(self.anchor)
                month_first, month_end = self.anchor.replace(day=1), month_last(self.anchor)
                # Only the month itself is counted: the grid's days of the neighbouring months stay empty.
                spans, with_errors = self._spans(month_first, month_end)
                summaries = day_summaries(spans, with_errors, month_first, month_end, self.ongoing.isChecked())
                clos, closed = self._day_states(grid)
                self.month_model.set_month(grid, self.anchor.month, summaries, clos, closed, self.ctx.today(),
                                           self._names())
                self.title.setText(loc.toString(qdate(month_first), "MMMM yyyy").capitalize())
                self._range = (grid[0], grid[-1])
                self._select_day(self.anchor if self.anchor.month == month_first.month else month_first,
                                 defer=True)
        except REFUSALS as exc:
            self._show_error(refusal_message(exc, self.ctx.lang))
            return
        self._update_strip()

    def _show_closures(self) -> None:
        """The closures of the days shown, when they were left for after the paint (see :meth:`_day_states`)."""
        if not self._closures_pending:
            return
        self._closures_pending = False
        try:
            if self.mode == "week":
                clos, closed = self._read_day_states(self.week_model.days)
                self.week_model.set_closures(clos, closed)
                self.summary.setText(self._week_summary(self.week_model.entries, closed))
            else:
                clos, closed = self._read_day_states(self.month_model.days)
                self.month_model.set_closures(clos, closed)
                if self._selected_day is not None:
                    self.day_title.setText(self._day_title(self._selected_day))
        except REFUSALS as exc:
            self._show_error(refusal_message(exc, self.ctx.lang))

    # -- after the paint ------------------------------------------------------------------------

    def _after_paint(self, key: str, work) -> None:
        """Do *work* just after the shown days next paint (the latest of each *key*, in the order first asked).

        The closures (the first time), the month's day panel and the load's count
        wait for it, in that order, so that the grid is up first (and the count,
        on a worker thread, does not slow down the others). A hidden view paints nothing: its
        work is done at the next turn of the event loop. At the latest it is done
        :data:`_AFTER_PAINT_LATEST_MS` after being asked for, paint or not.
        """
        keys = [k for k, _w in self._after_paint_work]
        if key in keys:
            self._after_paint_work[keys.index(key)] = (key, work)
        else:
            self._after_paint_work.append((key, work))
        if not self.isVisible():
            self._after_paint_timer.start(0)
        elif not self._after_paint_timer.isActive():
            self._after_paint_timer.start(_AFTER_PAINT_LATEST_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if (self._after_paint_work and event.type() == QEvent.Type.Paint
                and watched in (self.week_table.viewport(), self.month_table.viewport())):
            self._after_paint_timer.start(0)  # once this paint is done
        return super().eventFilter(watched, event)

    def _run_after_paint(self) -> None:
        self._after_paint_timer.stop()
        work, self._after_paint_work = self._after_paint_work, []
        for _key, job in work:
            job()

    def _week_summary(self, entries: dict, closed: dict) -> str:
        listed = 0
        pathways: set[int] = set()
        errors: set[int] = set()
        warnings: set[int] = set()
        for items in entries.values():
            listed += len(items)
            for e in items:
                row = e.row
                pathways.add(row.pathway_id)
                if row.open_errors:
                    errors.add(row.pathway_id)
                elif row.open_warnings:
                    warnings.add(row.pathway_id)
        parts = [
            self.tr("Events listed: {0}").format(listed),
            self.tr("Pathways: {0}").format(len(pathways)),
            self.tr("With errors: {0}").format(len(errors)),
            self.tr("With warnings only: {0}").format(len(warnings)),
            self.tr("Days with a unit closed: {0}").format(len(closed)),
        ]
        return " · ".join(parts)

    def _select_day(self, day: date, defer: bool = False) -> None:
        self._selected_day = None
        self._defer_day = defer
        index = self.month_model.index_of(day)
        if index.isValid():
            self.month_table.setCurrentIndex(index)  # shows the day (currentChanged), if it was not current
        self._defer_day = False
        if self._selected_day != day:
            self._show_day(day, defer)

    def _show_day(self, day: date, defer: bool = False) -> None:
        """The day panel for *day*; with *defer*, its events are read just after the month has painted."""
        self._selected_day = day
        self.day_title.setText(self._day_title(day))
        if defer:
            self.day_model.set_entries([], self._names())
            self._after_paint("day", lambda: self._fill_day(day))
        else:
            self._fill_day(day)
        self._show_day_load()

    def _day_title(self, day: date) -> str:
        loc = ui_locale(self.ctx.lang)
        lines = [loc.toString(qdate(day), "dddd d MMMM yyyy").capitalize()]
        lines += [closure_text(c) for c in self.month_model.closures.get(day, [])]
        return "\n".join(lines)

    def _fill_day(self, day: date) -> None:
        if self._selected_day != day or self.mode != "month":
            return  # another day (or the week) was shown meanwhile
        listed = self.month_model.summaries.get(day, EMPTY_DAY).listed
        self.day_model.set_day(listed, lambda offset, limit: self._day_page(day, offset, limit), self._names())

    def _show_day_load(self) -> None:
        day = self._selected_day
        if day is None or self.mode != "month":
            return
        sites = self._shown_sites()
        if not all(self.loads.cached(s) for s in sites):
            self.day_load.setText(self.tr("Resource load: being counted…"))
            return
        lines = [self.tr("Resource load on this day:")]
        for s in sites:
            load = self.loads.get(s)
            if load is None:
                continue
            prefix = f"{self._site_names[s]} · " if self.site is None else ""
            for lrow in load.strip(day, day, self.ctx.lang):
                if lrow.pool.period != "day":
                    continue
                cell = day_cell(lrow.cells[0])
                lines.append(f"{prefix}{pool_label(lrow.pool, self._product_names)}: {cell.text}")
        self.day_load.setText("\n".join(lines))

    # -- the load strip --------------------------------------------------------------------------

    def _strip_columns(self) -> list[str]:
        first, last = self._range
        if self.mode == "week":
            loc = ui_locale(self.ctx.lang)
            return [loc.toString(qdate(first + timedelta(days=i)), "ddd d MMM") for i in range(7)]
        return [week_label(first + timedelta(days=7 * i), self.ctx.lang) for i in range(((last - first).days + 1) // 7)]

    def _update_strip(self) -> None:
        sites = self._shown_sites()
        columns = self._strip_columns()
        self.strip_table.clearSpans()
        if not all(self.loads.cached(s) for s in sites):
            if self.loads.error:
                msg = self.tr("The resource load could not be counted: {0}").format(self.loads.error)
            else:
                msg = self.tr("Counting the resource load…")
            self.strip_model.set_message(columns, msg)
            if self.mode == "month":
                self._show_day_load()
            # Counted after the paint: the count (on a worker thread) would slow the paint down.
            self._after_paint("load", self._request_loads)
            return
        first, last = self._range
        periods = "day" if self.mode == "week" else "week"
        rows = []
        over: dict[date, list] = {}
        for s in sites:
            load = self.loads.get(s)
            if load is None:
                continue
            label = self._site_names[s] if self.site is None else None
            rows += strip_rows(load, first, last, periods, self.ctx.lang, self._product_names, label)
            if self.mode == "month":
                for d, items in over_by_day(load, first, last, self.ctx.lang, self._product_names, label).items():
                    over.setdefault(d, []).extend(items)
        if not rows:
            self.strip_model.set_message(columns, self.tr("No resources are set up for this site."))
        else:
            self.strip_model.set_rows(columns, rows)
            for r, row in enumerate(rows):
                if row.span and len(columns) > 1:
                    self.strip_table.setSpan(r, 0, 1, len(columns))
        if self.mode == "month":
            self.month_model.set_over({d: DayLoad(tuple(v)) for d, v in over.items()})
            self._show_day_load()

    def _request_loads(self) -> None:
        sites = self._shown_sites()
        try:
            self.loads.request(sites)
        except REFUSALS as exc:
            self.strip_model.set_message(self._strip_columns(), self.tr(
                "The resource load could not be counted: {0}").format(refusal_message(exc, self.ctx.lang)))
            return
        if all(self.loads.cached(s) for s in sites):
            self._update_strip()  # counted at once (no worker thread)

    # -- opening pathways -------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        pid = index.data(PathwayRole)
        if pid is not None:
            self.openPathway.emit(int(pid))

    def _day_activated(self, index: QModelIndex) -> None:
        if self.day_model.is_more(index):
            self.day_model.fetchMore()
        else:
            self._open_index(index)

    def _month_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        day = self.month_model.day(current)
        if day is not None:
            self._show_day(day, self._defer_day)

    def _month_open_week(self, index: QModelIndex) -> None:
        day = self.month_model.day(index)
        if day is not None:
            self.anchor = day
            self.set_mode("week")
