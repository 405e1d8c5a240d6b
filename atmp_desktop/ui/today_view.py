"""Today: what happens today and tomorrow across the site, each item with its open findings.

The start screen. Apheresis, product receipts, lymphodepletion days, thaws
and infusions of today and tomorrow, with the patient, product, time and the
label's day number. The list comes from one light query
(``events_between``) with the store's cached finding counts, so it shows at
once; the findings themselves (and the day numbers) are then computed a few
pathways at a time while the window stays responsive.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.messages import event_name
from atmp_desktop.ui.cells import PathwayIdRole, RowKindRole
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.today_data import LISTED_STAGES, TODAY_KINDS, today_and_tomorrow
from atmp_desktop.ui.today_model import TodayModel
from atmp_desktop.ui.view_base import View

#: Pathways whose findings are computed per turn of the event loop.
DETAIL_CHUNK = 25
#: The findings start this long after the list first shows (the window settles first).
AFTER_PAINT_MS = 50


class TodayView(View):
    """Today and tomorrow, as a tree: day → event → its open findings."""

    #: Emitted once the list has been painted for the first time (start-up benchmark, screenshots).
    firstPainted = Signal()
    #: Emitted when every listed pathway's findings are loaded.
    detailsLoaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._site_names = {s.id: s.name for s in ctx.services.sites.list()}
        self._generation = 0
        self._pending: list[int] = []
        self._painted = False

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel()
        self.summary.setObjectName("todaySummary")
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("todayStatus")

        self.open_button = QPushButton(self.tr("Open pathway"))
        self.open_button.setObjectName("openPathway")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = QPushButton(self.tr("Print tomorrow's checklists…"))
        self.print_button.setObjectName("printTomorrow")
        self.print_button.clicked.connect(self.print_tomorrow)

        self.model = TodayModel(ctx.lang, self._site_names, self)
        self.tree = QTreeView()
        self.tree.setObjectName("todayTree")
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.doubleClicked.connect(self._activated)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        # The column titles never change while the view lives (a language switch rebuilds it), so the
        # header reads them from a small model of its own, in C++. Painting a header from the Python
        # model would call headerData() per section and role, and PySide hands it the orientation as a
        # Qt enum: that first use of the Qt namespace builds all its ~90 enum classes (~14 ms of start-up).
        self.header_titles = QStandardItemModel(0, len(self.model.COLUMNS), self)
        self.header_titles.setHorizontalHeaderLabels(list(self.model.header_labels()))
        header = self.tree.header()
        header.setModel(self.header_titles)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.model.rowsInserted.connect(self._rows_inserted)
        self.model.modelReset.connect(self._model_reset)
        # The viewport is looked up as the tree's child: the first viewport() call costs PySide some 8 ms
        # at start-up (it loads every widget class it has not loaded yet to find the type).
        self._viewport = self.tree.findChild(QWidget, "qt_scrollarea_viewport") or self.tree.viewport()
        self._viewport.installEventFilter(self)

        top = QHBoxLayout()
        words = QVBoxLayout()
        words.addWidget(self.title)
        words.addWidget(self.summary)
        top.addLayout(words, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        actions = QVBoxLayout()  # the buttons at the top, beside the title (a stretch below them)
        actions.addLayout(buttons)
        actions.addStretch(1)
        top.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._load_some_details)

        ctx.pathwaysChanged.connect(self.refresh)
        ctx.siteChanged.connect(self.refresh)
        self.refresh()

    # -- loading -----------------------------------------------------------------------------

    def days(self) -> tuple[date, date]:
        return today_and_tomorrow(self.ctx.today())

    def refresh(self) -> None:
        """Reload today's and tomorrow's events; their findings follow a few pathways at a time."""
        today, tomorrow = self.days()
        locale = QLocale()
        self.title.setText(self.tr("Today, {0}").format(_long_date(locale, today)))
        # Only the kinds Today lists: the others would be read and then left out by the model.
        rows = self.ctx.services.pathways.events_between(today, tomorrow, self.ctx.site, LISTED_STAGES,
                                                         kinds=TODAY_KINDS)
        self.model.set_events(
            [(today, self.tr("Today, {0}").format(_long_date(locale, today))),
             (tomorrow, self.tr("Tomorrow, {0}").format(_long_date(locale, tomorrow)))],
            rows,
        )
        self.summary.setText(self._summary_text(today, tomorrow))
        self._generation += 1
        self._pending = self.model.pathway_ids()
        self.status.setText(self.tr("Checking {0} pathways…").format(len(self._pending)) if self._pending else "")
        # The findings are computed once the list has been painted, so it shows without waiting for them.
        if self._painted:
            self._timer.start(0)

    def _summary_text(self, today: date, tomorrow: date) -> str:
        lines = []
        for day, word in ((today, self.tr("Today")), (tomorrow, self.tr("Tomorrow"))):
            counts = Counter(ev.row.kind for node in self.model.days if node.day == day for ev in node.events)
            parts = [f"{event_name(kind, self.ctx.lang)} {counts[kind]}" for kind in TODAY_KINDS if counts[kind]]
            lines.append(f"{word}: " + (" · ".join(parts) if parts else self.tr("nothing planned")))
        site = self._site_names.get(self.ctx.site or "", self.tr("all sites"))
        return "\n".join(lines) + "\n" + self.tr("Showing: {0}").format(site)

    def _load_some_details(self) -> None:
        if not self.isVisible():
            return  # carried on by showEvent: a hidden view does no work
        generation = self._generation
        chunk, self._pending = self._pending[:DETAIL_CHUNK], self._pending[DETAIL_CHUNK:]
        if not chunk:
            return
        svc = self.ctx.services.pathways
        loaded = svc.load_many(chunk)
        found = svc.saved_findings([sp for sp in loaded if sp.pathway.stage != "cancelled"])  # kept where current
        for sp in loaded:
            if generation != self._generation:
                return
            self.model.set_details(sp.id, found.get(sp.id, []), sp.pathway.infusion_day())  # type: ignore[arg-type]
        if self._pending:
            self._timer.start(0)
        else:
            self.status.setText("")
            self.detailsLoaded.emit()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().showEvent(event)
        if self._pending and self._painted:
            self._timer.start(AFTER_PAINT_MS)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt name
        self._timer.stop()
        super().hideEvent(event)

    def details_pending(self) -> bool:
        return bool(self._pending)

    def load_all_details(self) -> None:
        """Compute every pending pathway's findings now (tests, screenshots)."""
        self._timer.stop()
        while self._pending and self.isVisible():
            self._load_some_details()

    # -- tree cosmetics -----------------------------------------------------------------------

    def _model_reset(self) -> None:
        # Expanded first, spanned after: while any row is spanned, laying out the tree asks the model
        # for every row's index once more (a call into Python for each of a thousand rows).
        self.tree.expandToDepth(0)
        for d in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(d, QModelIndex(), True)
        for column, width in enumerate((118, 70, 300, 190, 130, 130, 170)):
            self.tree.setColumnWidth(column, width)

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid() and parent.data(RowKindRole) == "event":
            for row in range(first, last + 1):
                self.tree.setFirstColumnSpanned(row, parent, True)
            self.tree.expand(parent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if not self._painted and event.type() == QEvent.Type.Paint and watched is self._viewport:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)
            self._timer.start(AFTER_PAINT_MS)
        return False

    # -- actions -----------------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.open_button.setEnabled(current.isValid() and current.data(PathwayIdRole) is not None)

    def _activated(self, index: QModelIndex) -> None:
        pid = index.data(PathwayIdRole)
        if pid is not None:
            self.openPathway.emit(int(pid))

    def open_selected(self) -> None:
        self._activated(self.tree.currentIndex())

    def selected_pathway(self) -> int | None:
        pid = self.tree.currentIndex().data(PathwayIdRole)
        return None if pid is None else int(pid)

    def print_tomorrow(self) -> None:
        from atmp_desktop.ui.errors import reporting, show_error

        try:
            from atmp_desktop.ui.checklists import print_day
        except ImportError:
            show_error(self, self.tr("Printing checklists is not available in this build."))
            return
        with reporting(self):
            print_day(self.ctx, self.days()[1], self.ctx.site, self)


def _long_date(locale: QLocale, day: date) -> str:
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
