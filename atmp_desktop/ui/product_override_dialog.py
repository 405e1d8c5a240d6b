"""Override one value of a product's profile, with a reason: saved as the product's next local version.

The change is marked with the confidence ``local`` and keeps the label's value
beside it; pathways keep the version they were planned with.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.services import REFUSALS
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.product_rules import APHERESIS_MATERIALS, COUNTS_FROM, SCALAR_RULES, RuleKey, RuleText


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
                    if "dose_mg_m2" in drug:  # (a per-kg dose is kept as it is)
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
