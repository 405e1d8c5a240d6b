"""Patients: every pathway in one sortable, filterable list (site, product, stage, findings, text).

Backed by :class:`~atmp_desktop.ui.models.PathwayTableModel`, which reads the
rows a page at a time and filters and sorts itself (no proxy): the first
screenful comes from one SQL page, the filter and sort keys of every pathway
are read just after that first paint, so that typing filters at once on a
hundred thousand pathways (issue 11). ``view.model.pathway_id(row)`` (or
``index.data(PathwayIdRole)``) is the pathway of a visible row; ``view.proxy``
is the same model, under the name it had when a proxy did the filtering.
Double-click opens the pathway; "New pathway…" plans one for the selected
patient.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.messages import STAGE_FILTER_NAMES, STAGE_NAMES
from atmp_desktop.domain.pathway import STAGES
from atmp_desktop.services import Permission
from atmp_desktop.ui.cells import PathwayIdRole, PatientIdRole, product_name
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.models import ACTIVE, PathwayFilter, PathwayTableModel
from atmp_desktop.ui.view_base import View


class PatientsView(View):
    """The list of pathways with its filters."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        svc = ctx.services
        self._site_names = {s.id: s.name for s in svc.sites.list()}
        self._patient_label = ""

        # -- filters ----------------------------------------------------------------------
        self.search = QLineEdit()
        self.search.setObjectName("patientsFilter")
        self.search.setPlaceholderText(self.tr("Filter: name, personnummer, product…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.model.update(text=text) or self._update_count())

        self.site = QComboBox()
        self.site.setObjectName("siteFilter")
        self.site.addItem(self.tr("All sites"), None)
        for site_id, name in sorted(self._site_names.items(), key=lambda kv: kv[1]):
            self.site.addItem(name, site_id)
        self.site.setCurrentIndex(max(0, self.site.findData(ctx.site)))
        self.site.currentIndexChanged.connect(self._site_chosen)

        self.product = QComboBox()
        self.product.setObjectName("productFilter")
        self.product.addItem(self.tr("All products"), None)
        from atmp_desktop.domain.catalogue import shipped_catalogue

        for pid in shipped_catalogue().product_ids:
            self.product.addItem(product_name(pid), pid)
        self.product.currentIndexChanged.connect(
            lambda: self.model.update(product=self.product.currentData()) or self._update_count())

        stage_names = STAGE_NAMES.get(ctx.lang, STAGE_NAMES["en"])
        self.stage = QComboBox()
        self.stage.setObjectName("stageFilter")
        self.stage.addItem(self.tr("Active pathways"), ACTIVE)
        self.stage.addItem(self.tr("All stages"), None)
        for stage in STAGES:
            # the one stage holds CAR-T lymphodepletion and a stem-cell product's busulfan conditioning
            name = STAGE_FILTER_NAMES.get(ctx.lang, STAGE_FILTER_NAMES["en"]).get(stage) or stage_names.get(stage, stage)
            self.stage.addItem(name, stage)
        self.stage.currentIndexChanged.connect(
            lambda: self.model.update(stage=self.stage.currentData()) or self._update_count())

        self.findings = QComboBox()
        self.findings.setObjectName("findingsFilter")
        self.findings.addItem(self.tr("Any findings"), None)
        self.findings.addItem(self.tr("With open errors"), "errors")
        self.findings.addItem(self.tr("With errors or warnings"), "any")
        self.findings.addItem(self.tr("Without findings"), "none")
        self.findings.currentIndexChanged.connect(
            lambda: self.model.update(findings=self.findings.currentData()) or self._update_count())

        self.only_patient = QPushButton()
        self.only_patient.setObjectName("onlyPatient")
        self.only_patient.setVisible(False)
        self.only_patient.setToolTip(self.tr("Show every patient again"))
        self.only_patient.clicked.connect(lambda: self.filter_to_patient(None))

        self.clear = QPushButton(self.tr("Clear filters"))
        self.clear.setObjectName("clearFilters")
        self.clear.clicked.connect(self.clear_filters)

        # -- the table ----------------------------------------------------------------------
        self.model = PathwayTableModel(svc, ctx.lang, self._site_names, self)
        self.model.criteria = PathwayFilter(site=ctx.site, stage=ACTIVE)  # read by refresh() below
        self.proxy = self.model  # the name it had when a QSortFilterProxyModel filtered
        self._index_wanted = False  # read the keys of every pathway once the first rows are painted
        self._index_poll = QTimer(self)
        self._index_poll.setInterval(20)
        self._index_poll.timeout.connect(self._take_index)
        self.table = QTableView()
        self.table.setObjectName("patientsTable")
        self.table.setModel(self.model)
        self.table.viewport().installEventFilter(self)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: Qt would otherwise measure every one of ten thousand rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((175, 112, 145, 85, 65, 205, 110, 145)):
            self.table.setColumnWidth(column, width)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.count = QLabel()
        self.count.setObjectName("patientsCount")
        self.open_button = QPushButton(self.tr("Open pathway"))
        self.open_button.setObjectName("openPathway")
        self.open_button.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        self.new_button = QPushButton(self.tr("New pathway…"))
        self.new_button.setObjectName("newPathway")
        self.new_button.setToolTip(self.tr("Plan a new pathway for the selected patient (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_pathway)
        self._can_plan = bool(svc.session and svc.session.can(Permission.PLAN))
        if not self._can_plan:
            self.new_button.setToolTip(self.tr("Only a coordinator may plan pathways."))

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.site)
        filters.addWidget(self.product)
        filters.addWidget(self.stage)
        filters.addWidget(self.findings)
        filters.addWidget(self.only_patient)
        filters.addWidget(self.clear)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        ctx.pathwaysChanged.connect(self.refresh)
        ctx.siteChanged.connect(self._site_changed)
        self.refresh()

    # -- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list again, keeping the selected pathway selected."""
        keep = self.selected_pathway()
        self.model.reload()
        self._index_wanted = True
        self._update_count()
        if keep is not None:
            self.select_pathway(keep)
        self._current_changed(self.table.currentIndex(), QModelIndex())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if self._index_wanted and event.type() == QEvent.Type.Paint and watched is self.table.viewport():
            self._index_wanted = False
            QTimer.singleShot(0, self._read_index)  # after this paint: the first screenful is up
        return super().eventFilter(watched, event)

    def _read_index(self) -> None:
        if not self.model.has_index and self.isVisible():
            from atmp_desktop.ui.errors import reporting

            with reporting(self):
                if self.model.start_index():  # read on a worker: look for it now and then
                    self._index_poll.start()

    def _take_index(self) -> None:
        if not self.isVisible():  # (closed, or another view shown: the keys are taken when next needed)
            self._index_poll.stop()
            return
        from atmp_desktop.ui.errors import reporting

        with reporting(self):
            if self.model.take_index() or not self.model.reading_index:
                self._index_poll.stop()

    def shown_pathways(self) -> list[int]:
        """The ids of every pathway the list shows, in its order."""
        return self.model.shown_ids()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count.setText(self.tr("Showing {0} of {1} pathways").format(f"{shown:,}".replace(",", " "),
                                                                       f"{total:,}".replace(",", " ")))

    # -- filters -------------------------------------------------------------------------------

    def _site_chosen(self) -> None:
        site = self.site.currentData()
        self.model.update(site=site)
        self._update_count()
        self.ctx.set_site(site)

    def _site_changed(self) -> None:
        if self.site.currentData() != self.ctx.site:
            self.site.setCurrentIndex(max(0, self.site.findData(self.ctx.site)))

    def filter_to_patient(self, patient_id: int | None, label: str = "") -> None:
        """Show only this patient's pathways (None: everyone again)."""
        self.model.update(patient_id=patient_id)
        if patient_id is not None:
            # A patient asked for by name is shown whatever the other filters say.
            for combo in (self.site, self.product, self.stage, self.findings):
                combo.blockSignals(True)
            self.site.setCurrentIndex(0)
            self.product.setCurrentIndex(0)
            self.stage.setCurrentIndex(self.stage.findData(None))
            self.findings.setCurrentIndex(0)
            for combo in (self.site, self.product, self.stage, self.findings):
                combo.blockSignals(False)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.model.update(site=None, product=None, stage=None, findings=None, text="")
            self.only_patient.setText(self.tr("Only {0}  ✕").format(label or str(patient_id)))
        self.only_patient.setVisible(patient_id is not None)
        self._update_count()
        if self.model.rowCount():
            self.table.selectRow(0)

    def clear_filters(self) -> None:
        self.filter_to_patient(None)
        self.search.clear()
        self.product.setCurrentIndex(0)
        self.stage.setCurrentIndex(self.stage.findData(None))
        self.findings.setCurrentIndex(0)
        self.site.setCurrentIndex(0)

    # -- selection and actions --------------------------------------------------------------

    def selected_pathway(self) -> int | None:
        pid = self.table.currentIndex().data(PathwayIdRole)
        return None if pid is None else int(pid)

    def selected_patient(self) -> int | None:
        pid = self.table.currentIndex().data(PatientIdRole)
        return None if pid is None else int(pid)

    def select_pathway(self, pathway_id: int) -> bool:
        row = self.model.row_for(pathway_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        has = current.isValid()
        self.open_button.setEnabled(has)
        self.new_button.setEnabled(self._can_plan)

    def _activated(self, index: QModelIndex) -> None:
        pid = index.data(PathwayIdRole) if index.isValid() else None
        if pid is not None:
            self.openPathway.emit(int(pid))

    def new_pathway(self) -> None:
        """Plan a new pathway for the selected patient (or pick the patient in the dialog)."""
        from atmp_desktop.ui.errors import reporting, show_error

        try:
            from atmp_desktop.ui.create_pathway import CreatePathwayDialog
        except ImportError:
            show_error(self, self.tr("Planning a new pathway is not available in this build."))
            return
        with reporting(self):
            dialog = CreatePathwayDialog(self.ctx, self.selected_patient(), self)
            if dialog.exec() and getattr(dialog, "created_pathway_id", None):
                self.ctx.notify_changed()
                self.openPathway.emit(int(dialog.created_pathway_id))
