"""The Products view's catalogue tab: products, regions and versions, the rules tree, one rule's details.

Every rule is listed with its value ("unknown" where the label gives none),
its confidence, its note and its sources, resolved to their descriptions. An
administrator overrides one value at a time
(:class:`~atmp_desktop.ui.product_override_dialog.OverrideDialog`) or goes
back to the label's values, always with a reason; other roles see it read-only.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
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
from atmp_desktop.ui.product_local import LocalProfileActions
from atmp_desktop.ui.product_override_dialog import BadValue, OverrideDialog
from atmp_desktop.ui.product_rules import PRODUCT_RULES, RuleKey, RuleText
from atmp_desktop.ui.resources_editor import ReasonDialog


def _local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(zone(DEFAULT_TIMEZONE)).strftime("%Y-%m-%d %H:%M")


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
        self.local = LocalProfileActions(ctx, lambda: self.product, self._local_changed)
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
        rlayout.addWidget(self.local)
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

    def product_ids(self) -> list[str]:
        """The products listed: those that can be planned with, then local ones still waiting for approval."""
        ids = self.svc.products.product_ids
        return ids + [p for p in self.svc.products.local_products() if p not in ids]

    def reload(self) -> None:
        """Reload the product list (keeping the selection)."""
        keep = self.product
        self.products.blockSignals(True)
        self.products.clear()
        pending = {}
        for v in self.local.pending():
            pending.setdefault(v.product, v)
        for product in self.product_ids():
            try:
                version = self.svc.products.current_version(product)
                waiting = pending.get(product)
                shown = version or (waiting.version if waiting else None)
                profile = self.svc.products.profile(product, "EU", shown)
            except REFUSALS as exc:
                item = QListWidgetItem(f"{product}: {refusal_message(exc, self.ctx.lang)}")
            else:
                text = f"{profile.name}\n{profile.generic}"
                if self.svc.products.is_local(product):
                    text += "\n" + (self.tr("local profile, version {0}").format(version) if version
                                    else self.tr("local profile, not yet approved"))
                elif version:
                    text += "\n" + self.tr("local version {0}").format(version)
                if waiting:
                    text += "\n" + self.tr("version {0} waits for approval").format(waiting.version)
                item = QListWidgetItem(text)
                item.setToolTip(f"{profile.name} ({profile.generic}), {profile.manufacturer}")
                if waiting:
                    item.setIcon(message_icon("warning"))
            item.setData(self.KEY_ROLE, product)
            self.products.addItem(item)
        self.products.blockSignals(False)
        ids = self.product_ids()
        self.products.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._product_changed()

    def select_product(self, product: str) -> None:
        self.products.setCurrentRow(self.product_ids().index(product))

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
        local = self.svc.products.is_local(product)
        entries = [] if local else [
            (0, self.tr("0 – shipped catalogue"), self.tr("the catalogue shipped with the application"))]
        for v in versions:
            what = self.tr("back to the label's values") if v.raw is None else self.tr("local override")
            if v.kind == "local":
                what = self.tr("local profile") if v.status != "pending" else self.tr("local profile, pending "
                                                                                        "approval")
            entries.append((v.version, self.tr("{0} – {1}, {2}, {3}: {4}").format(
                v.version, what, _local_time(v.created_at), v.created_by, v.reason), v.reason))
            if v.kind == "local" and v.approved_by:
                entries[-1] = (v.version, self.tr("{0}; approved by {1}").format(entries[-1][1], v.approved_by),
                               v.reason)
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
        local = self.product is not None and self.svc.products.is_local(self.product)
        item = QTreeWidgetItem([self.words.rule_name(rule.name), value,
                                self.words.confidence(rule.confidence, local),
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
        local = self.product is not None and self.svc.products.is_local(self.product)
        rows: list[tuple[str, str]] = [
            (self.tr("Value"), e(words.value(rule.name, rule.value))),
            (self.tr("Confidence"), e(words.confidence(rule.confidence, local))),
        ]
        extra = dict(rule.extra)
        if rule.confidence == "local" and not local:
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
                drugs = "; ".join(
                    self.tr("{0} {1} mg/m² on LD day {2}").format(
                        d["drug"], d["dose_mg_m2"], ", ".join(str(x) for x in d["ld_days"]))
                    if "dose_mg_m2" in d else  # a per-kg dose (issue 13: lifileucel's cyclophosphamide)
                    f"{d['drug']} {d.get('dose_mg_kg')} mg/kg, LD {', '.join(str(x) for x in d['ld_days'])}"
                    for d in regimen["drugs"])
                lines.append(f"<b>{e(regimen['name'])}</b><br>{e(drugs)}")
            rows.append((self.tr("Regimens"), "<br>".join(lines)))
            if extra.get("omittable"):
                rows.append((self.tr("May be omitted"), e(self.tr("yes, as the note says"))))
        sources = self.svc.products.catalogue().sources
        if local and self.product is not None and self.version:
            # a local profile's sources are its own (a pending version's are not in the catalogue yet)
            found = next((v for v in self.svc.products.versions(self.product) if v.version == self.version), None)
            sources = {**sources, **((found.sources or {}) if found else {})}
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
        if self.svc.products.is_local(self.product):
            return False  # a local profile changes by a new file (Add local profile…), approved by a second person
        if self.version != self.svc.products.current_version(self.product):
            return False
        rule = self.rule_for(key)
        return rule is not None and rule.confidence != "not_applicable" and not (
            key[1] == "lymphodepletion" and rule.value is None)

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self._editable())
        self.revert_button.setEnabled(self.can_edit and self.product is not None
                                      and not self.svc.products.is_local(self.product)
                                      and self.svc.products.current_version(self.product) > 0)
        self.local.update_state()
        if self.can_edit and self.product is not None and self.svc.products.is_local(self.product):
            self.access.setText(self.tr("A local profile changes by a new file (Add local profile…), approved by a "
                                        "second person."))
        elif self.can_edit:
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

    def _local_changed(self, product: str) -> None:
        """A local profile was added or approved: show it."""
        self.svc.products.invalidate()
        self.reload()
        if product in self.product_ids():
            self.select_product(product)
        self.ctx.notify_changed()

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
