"""The capacity editor (issue 6): each site's resources and their capacity per day or per week.

Apheresis chairs (collections per day), ward beds (CAR-T admissions per day,
with the inpatient days after infusion), cell-lab thaw slots (thaws per day)
and manufacturing slots (starts per ISO week, per product). An administrator
adds, changes and removes them, each change with a reason that goes into the
audit trail; every other role sees them read-only.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.resources import KIND_PERIOD, RESOURCE_KINDS, Resource
from atmp_desktop.services import REFUSALS
from atmp_desktop.services.auth import Permission
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message

_ID_PART = {"apheresis_chair": "apheresis", "ward_bed": "ward", "thaw_slot": "thaw", "manufacturing_slot": "mfg"}
_KIND_ORDER = {k: i for i, k in enumerate(RESOURCE_KINDS)}


class ResourceWords(QObject):
    """Resource kinds and periods in the UI language."""

    def kind(self, kind: str) -> str:
        return {
            "apheresis_chair": self.tr("Apheresis chairs"),
            "ward_bed": self.tr("Ward beds (CAR-T)"),
            "thaw_slot": self.tr("Cell-lab thaw slots"),
            "manufacturing_slot": self.tr("Manufacturing slots"),
        }.get(kind, kind)

    def unit(self, kind: str) -> str:
        return {
            "apheresis_chair": self.tr("collections per day"),
            "ward_bed": self.tr("patients per day"),
            "thaw_slot": self.tr("thaws per day"),
            "manufacturing_slot": self.tr("starts per week"),
        }.get(kind, "")

    def period(self, period: str) -> str:
        return {"day": self.tr("day"), "week": self.tr("week")}.get(period, period)


class ResourceTableModel(QAbstractTableModel):
    """The resources of one site, one per row (read-only; changes go through the dialog)."""

    COLUMNS = ("kind", "name", "capacity", "period", "product", "inpatient_days")

    def __init__(self, product_names: dict[str, str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[Resource] = []
        self.words = ResourceWords(self)
        self.product_names = product_names or {}

    def set_resources(self, resources: list[Resource]) -> None:
        self.beginResetModel()
        self.rows = sorted(resources, key=lambda r: (_KIND_ORDER.get(r.kind, 9), r.product or "", r.name, r.id))
        self.endResetModel()

    def resource(self, row: int) -> Resource:
        return self.rows[row]

    def row_of(self, resource_id: str) -> int:
        for i, r in enumerate(self.rows):
            if r.id == resource_id:
                return i
        return -1

    # -- Qt overrides ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("Kind"), self.tr("Name"), self.tr("Capacity"), self.tr("Per"), self.tr("Product"),
                self.tr("Inpatient days"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "kind":
                return self.words.kind(r.kind)
            if column == "name":
                return r.name
            if column == "capacity":
                return str(r.capacity)
            if column == "period":
                return self.words.period(r.period)
            if column == "product":
                return self.product_names.get(r.product, r.product) if r.product else "–"
            if column == "inpatient_days":
                if r.kind != "ward_bed":
                    return "–"
                return str(r.inpatient_days) if r.inpatient_days is not None else self.tr("label's monitoring")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.id}: {r.capacity} {self.words.unit(r.kind)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("capacity", "inpatient_days"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


class ReasonDialog(QDialog):
    """Ask for the reason of a change (the services refuse a change without one)."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(text)
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.error = QLabel()
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(QLabel(self.tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("A reason is needed."))
            return
        self.accept()

    def text(self) -> str:
        return self.reason.text().strip()


class ResourceDialog(QDialog):
    """Add or change one resource, with a reason."""

    saved = Signal(str)

    def __init__(self, ctx: UiContext, site: str, resource: Resource | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.site = site
        self.original = resource
        self.words = ResourceWords(self)
        self.setWindowTitle(self.tr("Change a resource") if resource else self.tr("Add a resource"))
        svc = ctx.services

        self.kind_box = QComboBox()
        for kind in RESOURCE_KINDS:
            self.kind_box.addItem(self.words.kind(kind), kind)
        self.name_edit = QLineEdit()
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 999)
        self.unit = QLabel()
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.capacity)
        cap_row.addWidget(self.unit, 1)
        self.product_box = QComboBox()
        for product in svc.products.product_ids:
            try:
                name = svc.products.profile(product).name
            except REFUSALS:
                name = product
            self.product_box.addItem(name, product)
        self.stay_set = QCheckBox(self.tr("Set inpatient days"))
        self.stay = QSpinBox()
        self.stay.setRange(0, 90)
        self.stay.setValue(14)
        self.stay.setSuffix(self.tr(" days after infusion"))
        stay_row = QHBoxLayout()
        stay_row.addWidget(self.stay_set)
        stay_row.addWidget(self.stay, 1)
        self.stay_hint = QLabel(self.tr("Not set: the bed is counted for the product's daily-monitoring period."))
        self.stay_hint.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("why the capacity changes (required)"))
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00000;")

        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind_box)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Capacity:"), cap_row)
        self.product_label = QLabel(self.tr("Product:"))
        form.addRow(self.product_label, self.product_box)
        self.stay_label = QLabel(self.tr("Inpatient days:"))
        form.addRow(self.stay_label, stay_row)
        form.addRow("", self.stay_hint)
        form.addRow(self.tr("Reason:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if resource is not None:
            self.kind_box.setCurrentIndex(RESOURCE_KINDS.index(resource.kind))
            self.kind_box.setEnabled(False)  # another kind is another resource: remove and add
            self.name_edit.setText(resource.name)
            self.capacity.setValue(resource.capacity)
            if resource.product:
                self.product_box.setCurrentIndex(max(0, self.product_box.findData(resource.product)))
            self.product_box.setEnabled(False)
            self.stay_set.setChecked(resource.inpatient_days is not None)
            if resource.inpatient_days is not None:
                self.stay.setValue(resource.inpatient_days)
        self.kind_box.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.stay_set.toggled.connect(lambda _c: self._kind_changed())
        self.product_box.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self.resize(520, self.sizeHint().height())

    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    def _kind_changed(self) -> None:
        kind = self.kind
        self.unit.setText(self.words.unit(kind))
        mfg, ward = kind == "manufacturing_slot", kind == "ward_bed"
        for w in (self.product_label, self.product_box):
            w.setVisible(mfg)
        for w in (self.stay_label, self.stay_set, self.stay):
            w.setVisible(ward)
        self.stay_hint.setVisible(ward and not self.stay_set.isChecked())
        self.stay.setEnabled(self.stay_set.isChecked())
        if self.original is None and not self.name_edit.isModified():
            name = self.words.kind(kind)
            if mfg:
                name = self.tr("{0}, {1}").format(name, self.product_box.currentText())
            self.name_edit.setText(name)

    def resource(self) -> Resource:
        """The resource the fields describe; ``ValueError`` with a clear message if they cannot."""
        kind = self.kind
        name = self.name_edit.text().strip()
        if not name:
            raise ValueError(self.tr("Give the resource a name."))
        product = self.product_box.currentData() if kind == "manufacturing_slot" else None
        stay = self.stay.value() if kind == "ward_bed" and self.stay_set.isChecked() else None
        resource_id = self.original.id if self.original else self._new_id(kind, product)
        return Resource(id=resource_id, site=self.site, kind=kind, name=name, capacity=self.capacity.value(),
                        period=KIND_PERIOD[kind], product=product, inpatient_days=stay)

    def _new_id(self, kind: str, product: str | None) -> str:
        base = "-".join(p for p in (self.site, _ID_PART[kind], product) if p)
        base = re.sub(r"[^a-z0-9-]+", "-", base.lower())
        taken = {r.id for r in self.ctx.services.resources.list()}
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def save(self) -> bool:
        self.error.clear()
        reason = self.reason.text().strip()
        try:
            resource = self.resource()
        except ValueError as exc:
            self.error.setText(str(exc))
            return False
        if not reason:
            self.error.setText(self.tr("Give a reason for the change; it goes into the audit trail."))
            return False
        if resource == self.original:
            self.error.setText(self.tr("Nothing was changed."))
            return False
        try:
            self.ctx.services.resources.save(resource, reason)
        except REFUSALS as exc:
            self.error.setText(refusal_message(exc, self.ctx.lang))
            return False
        self.saved.emit(resource.id)
        self.accept()
        return True


class ResourcesEditor(QWidget):
    """Resources per site; administrators add, change and remove them."""

    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.svc = ctx.services
        self.dialog: QDialog | None = None
        self.can_edit = bool(self.svc.session and self.svc.session.can(Permission.MANAGE_RESOURCES))

        self.site_box = QComboBox()
        self.site_box.setObjectName("site")
        self._fill_sites()
        names = {}
        for product in self.svc.products.product_ids:
            try:
                names[product] = self.svc.products.profile(product).name
            except REFUSALS:
                names[product] = product
        self.model = ResourceTableModel(names, self)
        self.table = QTableView()
        self.table.setObjectName("resources")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Change…"))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        explain = QLabel(self.tr("Capacity per day (apheresis chairs, ward beds, thaw slots; none on days the unit "
                                 "is closed) or per ISO week (manufacturing slots, per product). Several resources "
                                 "of one kind at a site add up."))
        explain.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Site:")))
        top.addWidget(self.site_box)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        if not self.can_edit:
            self.message.setText(self.tr("Read-only: only an administrator can change resources and capacity."))
        self.site_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.remove_button.clicked.connect(lambda: self.ask_remove())
        self.refresh()

    def _fill_sites(self) -> None:
        self.site_box.blockSignals(True)
        keep = self.site_box.currentData() or self.ctx.site
        self.site_box.clear()
        for site in self.svc.sites.list():
            self.site_box.addItem(site.name, site.id)
        index = self.site_box.findData(keep)
        self.site_box.setCurrentIndex(index if index >= 0 else 0)
        self.site_box.blockSignals(False)

    @property
    def site(self) -> str | None:
        return self.site_box.currentData()

    def select_site(self, site: str) -> None:
        self.site_box.setCurrentIndex(self.site_box.findData(site))

    def refresh(self) -> None:
        keep = self.selected()
        try:
            resources = self.svc.resources.list(self.site) if self.site else []
        except REFUSALS as exc:
            resources = []
            self.message.setText(refusal_message(exc, self.ctx.lang))
        self.model.set_resources(resources)
        if keep is not None:
            self.select(keep.id)
        self._update_buttons()

    def selected(self) -> Resource | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.resource(rows[0].row()) if rows else None

    def select(self, resource_id: str) -> bool:
        row = self.model.row_of(resource_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.add_button.setEnabled(self.can_edit and self.site is not None)
        self.edit_button.setEnabled(self.can_edit and chosen)
        self.remove_button.setEnabled(self.can_edit and chosen)

    def _open(self, dialog: ResourceDialog) -> ResourceDialog:
        dialog.saved.connect(self._saved)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add(self) -> ResourceDialog | None:
        if not self.add_button.isEnabled() or self.site is None:
            return None
        return self._open(ResourceDialog(self.ctx, self.site, None, self))

    def edit_selected(self) -> ResourceDialog | None:
        resource = self.selected()
        if resource is None or not self.can_edit:
            return None
        return self._open(ResourceDialog(self.ctx, resource.site, resource, self))

    def ask_remove(self) -> QDialog | None:
        resource = self.selected()
        if resource is None or not self.can_edit:
            return None
        dialog = ReasonDialog(self.tr("Remove a resource"),
                              self.tr("Remove {0} ({1} {2})? Plans are no longer checked against it.").format(
                                  resource.name, resource.capacity, self.model.words.unit(resource.kind)), self)
        dialog.accepted.connect(lambda: self.remove(resource.id, dialog.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def remove(self, resource_id: str, reason: str) -> bool:
        try:
            self.svc.resources.delete(resource_id, reason)
        except REFUSALS as exc:
            self.message.setText(refusal_message(exc, self.ctx.lang))
            return False
        self.message.setText(self.tr("Removed {0}.").format(resource_id))
        self.refresh()
        self.changed.emit()
        self.ctx.notify_changed()
        return True

    def _saved(self, resource_id: str) -> None:
        self.message.setText(self.tr("Saved {0}.").format(resource_id))
        self.refresh()
        self.select(resource_id)
        self.changed.emit()
        self.ctx.notify_changed()
