"""The Products view: the catalogue's rules with their sources, local overrides, and the capacity editor.

Every rule of a product's profile (per region, EU by default) is listed with
its value ("unknown" where the label gives none), its confidence, its note and
its sources, resolved to their descriptions. An administrator overrides one
value at a time, always with a reason: the change is stored as the product's
next local version (``ProductService.save_override``), marked with the
confidence ``local`` and keeping the label's value beside it; pathways keep the
version they were planned with. Other roles see the same screens read-only.

The second tab holds the capacity editor (:mod:`atmp_desktop.ui.resources_editor`).
"""

from __future__ import annotations

import copy
import html
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.catalogue import REGIONS, ProductProfile, Rule
from atmp_desktop.domain.timeutil import DEFAULT_TIMEZONE, zone
from atmp_desktop.services import REFUSALS
from atmp_desktop.services.auth import Permission
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import message_icon
from atmp_desktop.ui.resources_editor import ReasonDialog, ResourcesEditor
from atmp_desktop.ui.view_base import View

#: Where a rule lives: (indication id or None, rule name). ``apheresis_material`` is product-wide.
RuleKey = tuple[str | None, str]

PRODUCT_RULES = (
    "thaw_limit", "infusion_start_limit", "storage_max_c", "shelf_life_months", "manufacturing_days",
    "tocilizumab_doses", "premedication", "infusion_minutes", "monitoring_daily_days",
    "stay_near_centre_days", "no_driving_days", "split_dose",
)
INDICATION_RULES = ("lymphodepletion", "infusion_gap")
#: Rules whose value is one whole number.
SCALAR_RULES = {
    "storage_max_c": -273, "shelf_life_months": 0, "manufacturing_days": 0, "tocilizumab_doses": 0,
    "infusion_minutes": 1, "monitoring_daily_days": 0, "stay_near_centre_days": 0, "no_driving_days": 0,
}
COUNTS_FROM = ("thaw_start", "removal_from_storage", "thaw_end")
APHERESIS_MATERIALS = ("fresh", "cryopreserved")


def _local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(zone(DEFAULT_TIMEZONE)).strftime("%Y-%m-%d %H:%M")


class RuleText(QObject):
    """Words for rules, values, confidences and conventions in the UI language."""

    def rule_name(self, name: str) -> str:
        return {
            "thaw_limit": self.tr("Thaw to end of infusion"),
            "infusion_start_limit": self.tr("Thaw to start of infusion"),
            "storage_max_c": self.tr("Storage temperature (highest)"),
            "shelf_life_months": self.tr("Shelf life"),
            "manufacturing_days": self.tr("Manufacturing time"),
            "tocilizumab_doses": self.tr("Tocilizumab on hand"),
            "premedication": self.tr("Premedication"),
            "infusion_minutes": self.tr("Infusion time"),
            "monitoring_daily_days": self.tr("Daily monitoring"),
            "stay_near_centre_days": self.tr("Stay near the centre"),
            "no_driving_days": self.tr("No driving"),
            "split_dose": self.tr("Split dose"),
            "lymphodepletion": self.tr("Lymphodepletion regimen"),
            "infusion_gap": self.tr("Last LD day to infusion"),
            "apheresis_material": self.tr("Apheresis material"),
        }.get(name, name)

    def confidence(self, value: str) -> str:
        return {
            "confirmed": self.tr("confirmed"),
            "secondary": self.tr("secondary source"),
            "derived": self.tr("derived"),
            "not_found": self.tr("not found"),
            "not_applicable": self.tr("not applicable"),
            "local": self.tr("local override"),
        }.get(value, value)

    def counts_from(self, value: str | None) -> str:
        return {
            "thaw_start": self.tr("the start of thaw"),
            "removal_from_storage": self.tr("removal from frozen storage"),
            "thaw_end": self.tr("the end of thaw"),
        }.get(value or "", value or self.tr("unknown"))

    def convention(self, value: str | None) -> str:
        return {
            "rest_days": self.tr("rest days between (convention A: N days between = calendar N+1)"),
            "calendar_difference": self.tr("calendar difference (convention B: calendar N)"),
            "both_readings": self.tr("unknown convention: the window holds under both readings"),
            "label_day_numbers": self.tr("the label's day numbers (infusion = day 0)"),
        }.get(value or "", value or "")

    def material(self, value: str | None) -> str:
        return {"fresh": self.tr("fresh"), "cryopreserved": self.tr("cryopreserved")}.get(value or "", value or "")

    def unknown(self) -> str:
        return self.tr("unknown")

    def value(self, name: str, value: Any) -> str:
        """One line for a rule's value; "unknown" for a value the label does not give."""
        if value is None:
            return self.unknown()
        try:
            return self._value(name, value)
        except (KeyError, TypeError, ValueError, AttributeError):
            return str(value)

    def _num(self, value: Any) -> str:
        return self.unknown() if value is None else str(value)

    def _value(self, name: str, v: Any) -> str:
        if name in ("thaw_limit", "infusion_start_limit"):
            return self.tr("{0} min, counted from {1}").format(self._num(v.get("minutes")),
                                                               self.counts_from(v.get("counts_from")))
        if name == "storage_max_c":
            return self.tr("at or below {0} °C").format(str(v).replace("-", "−"))
        if name == "shelf_life_months":
            return self.tr("{0} months").format(v)
        if name == "manufacturing_days":
            return self.tr("{0} days").format(v)
        if name == "tocilizumab_doses":
            return self.tr("{0} dose(s) before infusion").format(v)
        if name == "infusion_minutes":
            return self.tr("{0} min").format(v)
        if name in ("monitoring_daily_days", "stay_near_centre_days", "no_driving_days"):
            return self.tr("{0} days after infusion").format(v)
        if name == "premedication":
            lo, hi = v.get("minutes_before_min"), v.get("minutes_before_max")
            text = v.get("text") or ""
            if lo is None and hi is None:
                return self.tr("{0}; timing unknown").format(text)
            return self.tr("{0}; {1}–{2} min before infusion").format(text, self._num(lo), self._num(hi))
        if name == "split_dose":
            return self.tr("second part {0} days after the first (± {1}); at most {2} days after").format(
                self._num(v.get("second_dose_offset_days")), self._num(v.get("tolerance_days")),
                self._num(v.get("postpone_max_offset_days")))
        if name == "infusion_gap":
            lo, hi, nominal = v.get("min"), v.get("max"), v.get("nominal")
            if hi is None:
                return self.tr("at least {0} calendar days, no upper limit found (planned {1})").format(
                    self._num(lo), self._num(nominal))
            return self.tr("{0}–{1} calendar days (planned {2})").format(self._num(lo), hi, self._num(nominal))
        if name == "lymphodepletion":
            return self.tr(" or ").join(r["name"] for r in v["regimens"])
        if name == "apheresis_material":
            return self.material(v)
        return str(v)


# -- the override dialog ----------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One editable number or text inside a rule's value."""

    path: tuple[Any, ...]
    label: str
    kind: str = "int"  # int | number | text | choice | days
    required: bool = False
    minimum: float | None = None
    choices: tuple[str, ...] = ()


class BadValue(ValueError):
    """A value the user typed that cannot be stored; the message says which and why."""


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        if value is None:
            return None
        value = value[key]
    return value


def _set(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    target = value
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return value


class OverrideDialog(QDialog):
    """Change one value of a product's profile, with a reason; saves a new local version."""

    saved = Signal(int)

    def __init__(self, ctx: UiContext, product: str, region: str, key: RuleKey, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.product = product
        self.region = region
        self.key = key
        self.words = RuleText(self)
        self.raw = ctx.services.products.raw(product)
        self.rule_raw = self._rule_raw(self.raw)
        if self.rule_raw is None:
            raise BadValue(self.tr("This rule does not apply to the product and cannot be overridden."))
        self.old_value = copy.deepcopy(self.rule_raw.get("value"))
        self.specs = self._specs()
        if not self.specs:
            raise BadValue(self.tr("This rule has no value that can be changed here."))
        name = self.words.rule_name(key[1])
        self.setWindowTitle(self.tr("Override: {0}").format(name))

        intro = QLabel(self.tr("{0} ({1}), {2}{3}. Label value: {4}").format(
            self.raw.get("name", product), region, name,
            f" – {self._indication_name()}" if key[0] else "", self.words.value(key[1], self._label_value())))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.inputs: dict[tuple[Any, ...], QWidget] = {}
        for spec in self.specs:
            current = _get(self.old_value, spec.path)
            if spec.kind == "choice":
                box = QComboBox()
                for choice in spec.choices:
                    box.addItem(self.words.counts_from(choice) if spec.path[-1:] == ("counts_from",)
                                else self.words.material(choice), choice)
                if current in spec.choices:
                    box.setCurrentIndex(spec.choices.index(current))
                widget: QWidget = box
            else:
                edit = QLineEdit()
                if spec.kind == "days":
                    edit.setText(", ".join(str(d) for d in current or ()))
                elif current is not None:
                    edit.setText(str(current))
                if not spec.required:
                    edit.setPlaceholderText(self.tr("blank = unknown"))
                widget = edit
            widget.setObjectName("field:" + "/".join(str(p) for p in spec.path))
            self.inputs[spec.path] = widget
            form.addRow(spec.label + ":", widget)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("why the centre uses another value (required)"))
        form.addRow(self.tr("Reason:"), self.reason)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #a00000;")
        warning = QLabel(self.tr("A local value replaces the label's for new plans. A pharmacist must confirm it "
                                 "against the current SmPC."))
        warning.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(warning)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    def _rule_raw(self, raw: dict[str, Any]) -> dict[str, Any] | None:
        indication, name = self.key
        if name == "apheresis_material":
            return raw.get(name)
        region = raw["regions"][self.region]
        if indication is None:
            return region.get(name)
        for ind in region["indications"]:
            if ind["id"] == indication:
                return ind.get(name)
        return None

    def _indication_name(self) -> str:
        for ind in self.raw["regions"][self.region]["indications"]:
            if ind["id"] == self.key[0]:
                names = ind.get("name") or {}
                return names.get(self.ctx.lang) or names.get("en") or ind["id"]
        return str(self.key[0])

    def _label_value(self) -> Any:
        if self.rule_raw.get("confidence") == "local" and "label_value" in self.rule_raw:
            return self.rule_raw["label_value"]
        return self.old_value

    def _specs(self) -> list[FieldSpec]:
        name = self.key[1]
        v = self.old_value
        if name in SCALAR_RULES:
            unit = {"storage_max_c": "°C", "shelf_life_months": self.tr("months"),
                    "infusion_minutes": self.tr("minutes")}.get(name, self.tr("days"))
            return [FieldSpec((), self.tr("Value ({0})").format(unit), minimum=SCALAR_RULES[name])]
        if name in ("thaw_limit", "infusion_start_limit"):
            return [FieldSpec(("minutes",), self.tr("Minutes"), minimum=1),
                    FieldSpec(("counts_from",), self.tr("Counted from"), "choice", choices=COUNTS_FROM)]
        if name == "infusion_gap":
            return [FieldSpec(("min",), self.tr("Shortest gap (calendar days)"), minimum=0),
                    FieldSpec(("max",), self.tr("Longest gap (calendar days)"), minimum=0),
                    FieldSpec(("nominal",), self.tr("Planned gap (calendar days)"), minimum=0)]
        if name == "premedication":
            return [FieldSpec(("text",), self.tr("What to give"), "text"),
                    FieldSpec(("minutes_before_min",), self.tr("At least (minutes before)"), minimum=0),
                    FieldSpec(("minutes_before_max",), self.tr("At most (minutes before)"), minimum=0)]
        if name == "split_dose":
            return [FieldSpec(("second_dose_offset_days",), self.tr("Second part after (days)"), minimum=1),
                    FieldSpec(("tolerance_days",), self.tr("Tolerance (± days)"), minimum=0),
                    FieldSpec(("postpone_max_offset_days",), self.tr("Latest second part (days after)"), minimum=1)]
        if name == "apheresis_material":
            return [FieldSpec((), self.tr("Material"), "choice", choices=APHERESIS_MATERIALS)]
        if name == "lymphodepletion" and v:
            specs = []
            for r, regimen in enumerate(v["regimens"]):
                for d, drug in enumerate(regimen["drugs"]):
                    what = f"{regimen['id']}: {drug['drug']}"
                    specs.append(FieldSpec(("regimens", r, "drugs", d, "dose_mg_m2"),
                                           self.tr("{0}, dose (mg/m²)").format(what), "number", True, 0.000001))
                    specs.append(FieldSpec(("regimens", r, "drugs", d, "ld_days"),
                                           self.tr("{0}, LD days (1, 2, …)").format(what), "days", True))
            return specs
        return []

    # -- reading the fields --------------------------------------------------------------

    def _parse(self, spec: FieldSpec) -> Any:
        widget = self.inputs[spec.path]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        text = widget.text().strip()
        if not text:
            if spec.required:
                raise BadValue(self.tr("{0}: a value is needed.").format(spec.label))
            return None
        if spec.kind == "text":
            return text
        if spec.kind == "days":
            try:
                days = [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
            except ValueError:
                raise BadValue(self.tr("{0}: '{1}' is not a list of day numbers such as 1, 2, 3.").format(
                    spec.label, text)) from None
            if not days or min(days) < 1 or len(set(days)) != len(days):
                raise BadValue(self.tr("{0}: give each LD day once, counting from 1.").format(spec.label))
            return sorted(days)
        cleaned = text.replace("−", "-").replace(" ", "")
        try:
            if spec.kind == "number":
                number: float | int = float(cleaned.replace(",", "."))
                if number == int(number):
                    number = int(number)
            else:
                number = int(cleaned)
        except ValueError:
            if spec.kind == "number":
                raise BadValue(self.tr("{0}: '{1}' is not a number.").format(spec.label, text)) from None
            raise BadValue(self.tr("{0}: '{1}' is not a whole number.").format(spec.label, text)) from None
        if spec.minimum is not None and number < spec.minimum:
            raise BadValue(self.tr("{0}: {1} is too small (at least {2}).").format(
                spec.label, number, spec.minimum if spec.minimum >= 0 else int(spec.minimum)))
        return number

    def new_value(self) -> Any:
        """The value the fields describe; raises :class:`BadValue` with a clear message."""
        name = self.key[1]
        parsed = {spec.path: self._parse(spec) for spec in self.specs}
        if name in SCALAR_RULES or name == "apheresis_material":
            return parsed[()]
        primary = {"thaw_limit": ("minutes",), "infusion_start_limit": ("minutes",), "infusion_gap": ("min",),
                   "premedication": ("text",), "split_dose": ("second_dose_offset_days",)}.get(name)
        if primary is not None and parsed[primary] is None:
            return None  # the whole rule becomes unknown
        value = copy.deepcopy(self.old_value) if isinstance(self.old_value, dict) else {}
        for path, new in parsed.items():
            _set(value, path, new)
        self._check_together(name, value)
        return value

    def _check_together(self, name: str, v: dict[str, Any]) -> None:
        if name == "infusion_gap":
            lo, hi = v.get("min"), v.get("max")
            if v.get("nominal") is None:
                v["nominal"] = lo
            if hi is not None and lo > hi:
                raise BadValue(self.tr("The shortest gap ({0}) is longer than the longest ({1}).").format(lo, hi))
            if v["nominal"] < lo or (hi is not None and v["nominal"] > hi):
                raise BadValue(self.tr("The planned gap ({0}) must lie within the shortest and longest gap.").format(
                    v["nominal"]))
        elif name == "premedication":
            lo, hi = v.get("minutes_before_min"), v.get("minutes_before_max")
            if lo is not None and hi is not None and lo > hi:
                raise BadValue(self.tr("'At least' ({0} min) is more than 'at most' ({1} min).").format(lo, hi))
        elif name == "split_dose":
            offset, tolerance, latest = (v.get("second_dose_offset_days"), v.get("tolerance_days"),
                                         v.get("postpone_max_offset_days"))
            if tolerance is not None and offset is not None and tolerance >= offset:
                raise BadValue(self.tr("The tolerance must be smaller than the days to the second part."))
            if latest is not None and offset is not None and latest < offset:
                raise BadValue(self.tr("The latest second part ({0}) comes before the planned one ({1}).").format(
                    latest, offset))

    def save(self) -> bool:
        """Validate and store the override; a bad value or a refusal shows a message and changes nothing."""
        self.error.clear()
        try:
            value = self.new_value()
        except BadValue as exc:
            self.error.setText(str(exc))
            return False
        reason = self.reason.text().strip()
        if not reason:
            self.error.setText(self.tr("Give a reason for the change; it goes into the audit trail."))
            return False
        if value == self.old_value:
            self.error.setText(self.tr("The value is unchanged; nothing to save."))
            return False
        raw = copy.deepcopy(self.raw)
        rule = self._rule_raw(raw)
        assert rule is not None
        if rule.get("confidence") != "local":
            # Keep what the label says beside the local value, for the screen and the checklists' readers.
            rule["label_value"] = copy.deepcopy(rule.get("value"))
            rule["label_confidence"] = rule.get("confidence")
        rule["value"] = value
        rule["confidence"] = "local"
        rule["local_reason"] = reason
        rule["local_by"] = self.ctx.services.session.username if self.ctx.services.session else ""
        try:
            saved = self.ctx.services.products.save_override(raw, reason)
        except REFUSALS as exc:
            self.error.setText(refusal_message(exc, self.ctx.lang))
            return False
        self.saved.emit(saved.version)
        self.accept()
        return True


# -- the catalogue panel ----------------------------------------------------------------


class ProductCatalogue(QWidget):
    """Products, regions and versions; the rules tree and the selected rule's details."""

    KEY_ROLE = Qt.ItemDataRole.UserRole

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.svc = ctx.services
        self.words = RuleText(self)
        self.profile: ProductProfile | None = None
        self.dialog: QDialog | None = None

        self.products = QListWidget()
        self.products.setObjectName("products")
        self.products.setMinimumWidth(220)
        self.products.setWordWrap(True)
        self.products.setSpacing(2)
        self.products.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.region_box = QComboBox()
        for region in REGIONS:
            self.region_box.addItem(region, region)
        self.version_box = QComboBox()
        self.version_box.setMinimumWidth(320)
        self.label_text = QLabel()
        self.label_text.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Region:")))
        top.addWidget(self.region_box)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Version:")))
        top.addWidget(self.version_box, 1)

        self.tree = QTreeWidget()
        self.tree.setObjectName("rules")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Rule"), self.tr("Value"), self.tr("Confidence"), self.tr("Sources")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(2, 140)
        self.tree.setColumnWidth(3, 150)
        self.details = QTextBrowser()
        self.details.setObjectName("details")
        self.details.setOpenExternalLinks(True)

        self.edit_button = QPushButton(self.tr("Override value…"))
        self.revert_button = QPushButton(self.tr("Back to the label's values…"))
        self.access = QLabel()
        self.access.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.access, 1)
        disclaimer = QLabel(self.tr("Planning support only: a pharmacist confirms each value against the current "
                                    "SmPC before clinical use."))
        disclaimer.setWordWrap(True)

        right = QWidget()
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(0, 0, 0, 0)
        rlayout.addLayout(top)
        rlayout.addWidget(self.label_text)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.addWidget(self.tree)
        inner.addWidget(self.details)
        inner.setStretchFactor(0, 3)
        inner.setStretchFactor(1, 2)
        rlayout.addWidget(inner, 1)
        rlayout.addLayout(buttons)
        rlayout.addWidget(disclaimer)
        split = QSplitter()
        split.addWidget(self.products)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

        self.can_edit = bool(self.svc.session and self.svc.session.can(Permission.EDIT_PROFILES))
        if not self.can_edit:
            self.access.setText(self.tr("Read-only: only an administrator can override product values."))

        self.products.currentRowChanged.connect(lambda _row: self._product_changed())
        self.region_box.currentIndexChanged.connect(lambda _i: self._show_profile())
        self.version_box.currentIndexChanged.connect(lambda _i: self._show_profile())
        self.tree.currentItemChanged.connect(lambda *_: self._show_details())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.revert_button.clicked.connect(lambda: self.ask_revert())
        self.reload()

    # -- loading ----------------------------------------------------------------------

    @property
    def product(self) -> str | None:
        item = self.products.currentItem()
        return item.data(self.KEY_ROLE) if item else None

    @property
    def region(self) -> str:
        return self.region_box.currentData()

    @property
    def version(self) -> int | None:
        return self.version_box.currentData()

    def reload(self) -> None:
        """Reload the product list (keeping the selection)."""
        keep = self.product
        self.products.blockSignals(True)
        self.products.clear()
        for product in self.svc.products.product_ids:
            try:
                profile = self.svc.products.profile(product, "EU")
                version = self.svc.products.current_version(product)
            except REFUSALS as exc:
                item = QListWidgetItem(f"{product}: {refusal_message(exc, self.ctx.lang)}")
            else:
                text = f"{profile.name}\n{profile.generic}"
                if version:
                    text += "\n" + self.tr("local version {0}").format(version)
                item = QListWidgetItem(text)
                item.setToolTip(f"{profile.name} ({profile.generic}), {profile.manufacturer}")
            item.setData(self.KEY_ROLE, product)
            self.products.addItem(item)
        self.products.blockSignals(False)
        ids = self.svc.products.product_ids
        self.products.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._product_changed()

    def select_product(self, product: str) -> None:
        self.products.setCurrentRow(self.svc.products.product_ids.index(product))

    def select_region(self, region: str) -> None:
        self.region_box.setCurrentIndex(self.region_box.findData(region))

    def _product_changed(self) -> None:
        product = self.product
        if product is None:
            return
        self.version_box.blockSignals(True)
        self.version_box.clear()
        try:
            current = self.svc.products.current_version(product)
            versions = self.svc.products.versions(product)
        except REFUSALS as exc:
            current, versions = 0, []
            self.details.setPlainText(refusal_message(exc, self.ctx.lang))
        entries = [(0, self.tr("0 – shipped catalogue"), self.tr("the catalogue shipped with the application"))]
        for v in versions:
            what = self.tr("back to the label's values") if v.raw is None else self.tr("local override")
            entries.append((v.version, self.tr("{0} – {1}, {2}, {3}: {4}").format(
                v.version, what, _local_time(v.created_at), v.created_by, v.reason), v.reason))
        for number, text, tip in reversed(entries):
            if number == current:
                text = self.tr("{0} (current)").format(text)
            self.version_box.addItem(text, number)
            self.version_box.setItemData(self.version_box.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.version_box.setCurrentIndex(0)
        self.version_box.blockSignals(False)
        self._show_profile()

    def _show_profile(self) -> None:
        product, version = self.product, self.version
        if product is None or version is None:
            return
        keep = self.selected_key()
        self.tree.clear()
        try:
            profile = self.svc.products.profile(product, self.region, version)
        except REFUSALS as exc:
            self.profile = None
            self.label_text.setText(refusal_message(exc, self.ctx.lang))
            self._update_buttons()
            return
        self.profile = profile
        self.label_text.setText(self.tr("{0} ({1}), {2} – {3}").format(profile.name, profile.generic,
                                                                       profile.region, profile.label))
        general = QTreeWidgetItem([self.tr("Product")])
        self.tree.addTopLevelItem(general)
        general.setFirstColumnSpanned(True)
        self._rule_item(general, (None, "apheresis_material"), profile.apheresis_material)
        for name in PRODUCT_RULES:
            if name in profile.rules:
                self._rule_item(general, (None, name), profile.rules[name])
        for ind in profile.indications.values():
            top = QTreeWidgetItem([self.tr("Indication: {0}").format(ind.name(self.ctx.lang))])
            top.setToolTip(0, ind.name(self.ctx.lang))
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            self._rule_item(top, (ind.id, "lymphodepletion"), ind.lymphodepletion)
            self._rule_item(top, (ind.id, "infusion_gap"), ind.infusion_gap)
        self.tree.expandAll()
        if keep is not None and self.select_rule(keep):
            pass
        else:
            self.tree.setCurrentItem(general.child(0))
        self._update_buttons()

    def _rule_item(self, parent: QTreeWidgetItem, key: RuleKey, rule: Rule) -> QTreeWidgetItem:
        value = self.words.value(rule.name, rule.value)
        item = QTreeWidgetItem([self.words.rule_name(rule.name), value, self.words.confidence(rule.confidence),
                                ", ".join(rule.sources) or "–"])
        item.setData(0, self.KEY_ROLE, key)
        item.setToolTip(1, value)
        if rule.note:
            item.setToolTip(0, rule.note)
        if rule.confidence == "not_found" or rule.value is None and rule.confidence != "not_applicable":
            item.setIcon(2, message_icon("warning"))
        elif rule.confidence == "local":
            item.setIcon(2, message_icon("info"))
        parent.addChild(item)
        return item

    def _items(self):
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                yield top.child(j)

    def selected_key(self) -> RuleKey | None:
        item = self.tree.currentItem()
        key = item.data(0, self.KEY_ROLE) if item else None
        return tuple(key) if key else None  # type: ignore[return-value]

    def select_rule(self, key: RuleKey) -> bool:
        for item in self._items():
            if tuple(item.data(0, self.KEY_ROLE)) == tuple(key):
                self.tree.setCurrentItem(item)
                return True
        return False

    def rule_for(self, key: RuleKey) -> Rule | None:
        profile = self.profile
        if profile is None:
            return None
        indication, name = key
        if name == "apheresis_material":
            return profile.apheresis_material
        if indication is None:
            return profile.rules.get(name)
        ind = profile.indications.get(indication)
        return getattr(ind, name) if ind else None

    def rule_row(self, key: RuleKey) -> list[str]:
        """The texts shown for a rule (for tests and screen readers)."""
        for item in self._items():
            if tuple(item.data(0, self.KEY_ROLE)) == tuple(key):
                return [item.text(c) for c in range(4)]
        return []

    # -- details ----------------------------------------------------------------------

    def _show_details(self) -> None:
        key = self.selected_key()
        rule = self.rule_for(key) if key else None
        self._update_buttons()
        if rule is None:
            self.details.clear()
            return
        self.details.setHtml(self.details_html(key, rule))

    def details_html(self, key: RuleKey, rule: Rule) -> str:
        e = html.escape
        words = self.words
        rows: list[tuple[str, str]] = [
            (self.tr("Value"), e(words.value(rule.name, rule.value))),
            (self.tr("Confidence"), e(words.confidence(rule.confidence))),
        ]
        extra = dict(rule.extra)
        if rule.confidence == "local":
            rows.append((self.tr("Label value"), e(words.value(rule.name, extra.get("label_value")))))
            rows.append((self.tr("Label confidence"), e(words.confidence(extra.get("label_confidence") or ""))))
            rows.append((self.tr("Reason for the local value"), e(str(extra.get("local_reason") or ""))))
        if rule.note:
            rows.append((self.tr("Note"), e(rule.note)))
        if extra.get("label_wording"):
            rows.append((self.tr("Label wording"), e(str(extra["label_wording"]))))
        if extra.get("label_days"):
            rows.append((self.tr("Label's own numbers"), e(", ".join(str(d) for d in extra["label_days"]))))
        if extra.get("convention"):
            rows.append((self.tr("Convention"), e(words.convention(extra["convention"]))))
        if extra.get("derivation"):
            rows.append((self.tr("How it was derived"), e(str(extra["derivation"]))))
        if rule.name in ("thaw_limit", "infusion_start_limit") and isinstance(rule.value, dict):
            rows.append((self.tr("Counted from"), e(words.counts_from(rule.value.get("counts_from")))))
        if rule.name == "lymphodepletion" and isinstance(rule.value, dict):
            lines = []
            for regimen in rule.value.get("regimens", ()):
                drugs = "; ".join(self.tr("{0} {1} mg/m² on LD day {2}").format(
                    d["drug"], d["dose_mg_m2"], ", ".join(str(x) for x in d["ld_days"])) for d in regimen["drugs"])
                lines.append(f"<b>{e(regimen['name'])}</b><br>{e(drugs)}")
            rows.append((self.tr("Regimens"), "<br>".join(lines)))
            if extra.get("omittable"):
                rows.append((self.tr("May be omitted"), e(self.tr("yes, as the note says"))))
        sources = self.svc.products.catalogue().sources
        if rule.sources:
            items = []
            for key_ in rule.sources:
                src = sources.get(key_)
                if src is None:
                    items.append(f"<li><b>{e(key_)}</b>: {e(self.tr('(not described in the catalogue)'))}</li>")
                    continue
                text = _linked(str(src.get("source", "")))
                meta = ", ".join(e(str(src[k])) for k in ("region", "kind") if src.get(k))
                items.append(f"<li><b>{e(key_)}</b>: {text}" + (f" <i>({meta})</i>" if meta else "") + "</li>")
            source_html = "<ul style='margin-left:0'>" + "".join(items) + "</ul>"
        else:
            source_html = e(self.tr("none: the value was not found in any source"))
        rows.append((self.tr("Sources"), source_html))
        where = ""
        if key[0] and self.profile is not None and key[0] in self.profile.indications:
            where = f" – {e(self.profile.indications[key[0]].name(self.ctx.lang))}"
        title = e(words.rule_name(rule.name)) + where
        body = "".join(f"<tr><td valign='top' style='padding-right:12px'><b>{label}</b></td><td>{value}</td></tr>"
                       for label, value in rows)
        return f"<h3>{title}</h3><table>{body}</table>"

    # -- editing ----------------------------------------------------------------------

    def _editable(self) -> bool:
        key = self.selected_key()
        if not self.can_edit or key is None or self.product is None or self.profile is None:
            return False
        if self.version != self.svc.products.current_version(self.product):
            return False
        rule = self.rule_for(key)
        return rule is not None and rule.confidence != "not_applicable" and not (
            key[1] == "lymphodepletion" and rule.value is None)

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self._editable())
        self.revert_button.setEnabled(self.can_edit and self.product is not None
                                      and self.svc.products.current_version(self.product) > 0)
        if self.can_edit:
            current = self.product is not None and self.version == self.svc.products.current_version(self.product)
            self.access.setText("" if current else self.tr("An older version is shown; choose the current one to "
                                                           "override a value."))

    def edit_selected(self) -> OverrideDialog | None:
        """Open the override dialog for the selected rule (administrators, current version)."""
        key = self.selected_key()
        if not self._editable() or key is None or self.product is None:
            return None
        try:
            dialog = OverrideDialog(self.ctx, self.product, self.region, key, self)
        except (BadValue, *REFUSALS) as exc:
            self.access.setText(refusal_message(exc, self.ctx.lang))  # a BadValue says itself
            return None
        dialog.saved.connect(lambda _v: self._after_change(key))
        self.dialog = dialog
        dialog.open()
        return dialog

    def ask_revert(self) -> ReasonDialog | None:
        if self.product is None or not self.revert_button.isEnabled():
            return None
        dialog = ReasonDialog(self.tr("Back to the label's values"),
                              self.tr("{0}: new plans use the shipped catalogue's values again. Existing pathways "
                                      "keep the version they were planned with.").format(self.product), self)
        dialog.accepted.connect(lambda: self.revert(dialog.text()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def revert(self, reason: str) -> bool:
        product = self.product
        if product is None:
            return False
        try:
            self.svc.products.revert_to_shipped(product, reason)
        except REFUSALS as exc:
            self.access.setText(refusal_message(exc, self.ctx.lang))
            return False
        self._after_change(self.selected_key())
        return True

    def _after_change(self, key: RuleKey | None) -> None:
        self.reload()
        if key is not None:
            self.select_rule(key)
        self.ctx.notify_changed()


def _linked(text: str) -> str:
    """Escape *text* and make its web addresses clickable."""
    out = []
    for word in text.split(" "):
        if word.startswith(("http://", "https://")):
            url = word.rstrip(").,;")
            rest = word[len(url):]
            out.append(f"<a href='{html.escape(url, quote=True)}'>{html.escape(url)}</a>{html.escape(rest)}")
        else:
            out.append(html.escape(word))
    return " ".join(out)


class ProductsView(View):
    """Products (the catalogue and local overrides) and Capacity (resources per site)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.tabs = QTabWidget()
        self.catalogue = ProductCatalogue(ctx)
        self.capacity = ResourcesEditor(ctx)
        self.tabs.addTab(self.catalogue, self.tr("Products"))
        self.tabs.addTab(self.capacity, self.tr("Capacity"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def refresh(self) -> None:
        # Another window may have changed profiles or resources: forget the cached copies first.
        self.ctx.services.products.invalidate()
        self.catalogue.reload()
        self.capacity.refresh()


__all__ = ["ProductsView", "ProductCatalogue", "OverrideDialog", "ReasonDialog", "RuleText", "BadValue"]
