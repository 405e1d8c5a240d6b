"""Plan a pathway: pick a product and a date, see the planner's proposal and its findings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.catalogue import REGIONS, shipped_catalogue
from atmp_desktop.domain.messages import event_name
from atmp_desktop.domain.planner import Plan, PlanningError, PlanRequest, Planner
from atmp_desktop.ui.findings import finding_item

class PlanView(QWidget):
    """The planner's proposal for a product and a date, recomputed as the inputs change."""

    def __init__(self, planner: Planner | None = None, lang: str = "en", parent: QWidget | None = None):
        super().__init__(parent)
        self.planner = planner or Planner()
        self.lang = lang
        self.plan: Plan | None = None
        self.catalogue = shipped_catalogue()

        self.product = QComboBox()
        for pid in self.catalogue.product_ids:
            p = self.catalogue.profile(pid)
            self.product.addItem(f"{p.name} ({p.generic})", pid)
        self.region = QComboBox()
        for r in REGIONS:
            self.region.addItem(r, r)
        self.indication = QComboBox()
        self.by_apheresis = QRadioButton(self.tr("Apheresis on"))
        self.by_infusion = QRadioButton(self.tr("Infusion on"))
        self.by_apheresis.setChecked(True)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.day.setDate(QDate(today.year, today.month, today.day))

        form = QFormLayout()
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Indication"), self.indication)
        form.addRow(self.tr("Region (label)"), self.region)
        mode = QHBoxLayout()
        mode.addWidget(self.by_apheresis)
        mode.addWidget(self.by_infusion)
        mode.addWidget(self.day)
        mode.addStretch(1)
        form.addRow(self.tr("Plan from"), mode)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Day"), self.tr("Date"), self.tr("Time"), self.tr("Event")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.findings)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)

        self.product.currentIndexChanged.connect(self._product_changed)
        self.region.currentIndexChanged.connect(self._product_changed)
        self.indication.currentIndexChanged.connect(self.replan)
        self.by_apheresis.toggled.connect(self.replan)
        self.day.dateChanged.connect(self.replan)
        self._product_changed()

    def _product_changed(self) -> None:
        profile = self.catalogue.profile(self.product.currentData(), self.region.currentData())
        self.indication.blockSignals(True)
        self.indication.clear()
        for ind in profile.indications.values():
            self.indication.addItem(ind.name(self.lang), ind.id)
        self.indication.blockSignals(False)
        self.replan()

    def request(self) -> PlanRequest:
        qd = self.day.date()
        day = date(qd.year(), qd.month(), qd.day())
        return PlanRequest(
            product=self.product.currentData(),
            indication=self.indication.currentData(),
            region=self.region.currentData(),
            apheresis=day if self.by_apheresis.isChecked() else None,
            infusion=None if self.by_apheresis.isChecked() else day,
        )

    def replan(self) -> None:
        try:
            self.plan = self.planner.plan(self.request())
        except PlanningError as exc:
            self.plan = None
            self.summary.setText(str(exc))
            self.table.setRowCount(0)
            self.findings.clear()
            return
        pathway = self.plan.pathway
        tz = pathway.tz
        self.table.setRowCount(len(pathway.events))
        for row, e in enumerate(pathway.events):
            day = e.first_day(tz)
            n = pathway.day_number(day)
            cells = [
                "" if n is None else (f"{n:+d}" if n else "0"),
                day.isoformat(),
                timeutil.format_clock(e.when, tz) if timeutil.is_moment(e.when) else "",
                event_name(e.label, self.lang),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.summary.setText(
            self.tr("Infusion (day 0) {0}. Stay near the centre until {1}; no driving until {2}.").format(
                pathway.infusion_day(), self.plan.stay_near_centre_until, self.plan.no_driving_until
            )
        )
        self.findings.clear()
        for f in self.plan.findings:
            self.findings.addItem(finding_item(f, self.lang))
