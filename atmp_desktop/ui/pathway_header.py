"""The Pathway view's header: who and what (patient, identifier, product, indication, site, stage, COI, expiry)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.messages import event_name
from atmp_desktop.services import REFUSALS
from atmp_desktop.storage.records import Patient, StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.pathway_input import stage_text, user_name


class PathwayHeader(QWidget):
    """Who and what: patient, identifier, product, indication, region, site, stage, COI, expiry, tocilizumab."""

    FIELDS = ("product", "indication", "region", "site", "stage", "coi", "expiry", "tocilizumab", "version")

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.name = QLabel()
        f = QFont(self.name.font())
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.name.setFont(f)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identifier = QLabel()
        fi = QFont(self.identifier.font())
        fi.setPointSizeF(fi.pointSizeF() * 1.15)
        self.identifier.setFont(fi)
        self.identifier.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.cancelled = QLabel()
        self.cancelled.setWordWrap(True)
        self.cancelled.hide()
        titles = {
            "product": self.tr("Product"), "indication": self.tr("Indication"), "region": self.tr("Region"),
            "site": self.tr("Site"), "stage": self.tr("Stage"), "coi": self.tr("Chain of identity"),
            "expiry": self.tr("Product expiry"), "tocilizumab": self.tr("Tocilizumab doses"),
            "version": self.tr("Last change"),
        }
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for i, key in enumerate(self.FIELDS):
            r, c = divmod(i, 3)
            t = QLabel(titles[key] + ":")
            t.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            v = QLabel()
            v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(t, r, 2 * c)
            grid.addWidget(v, r, 2 * c + 1)
            self.values[key] = v
        for c in (1, 3, 5):
            grid.setColumnStretch(c, 1)
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addSpacing(16)
        top.addWidget(self.identifier)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.cancelled)
        layout.addLayout(grid)
        #: The drugs recorded as stopped before a step (issue 13), whose WASHOUT findings are in the list.
        self.washouts = QLabel()
        self.washouts.setObjectName("pathwayWashouts")
        self.washouts.setWordWrap(True)
        self.washouts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.washouts.hide()
        layout.addWidget(self.washouts)

    def washouts_text(self, p: Any) -> str:
        """``Washouts: dexamethasone last dose 2027-02-20 (before apheresis, at least 14 days)``."""
        items = []
        for w in p.washouts:
            step = event_name(w.before, self.lang)
            if w.min_days is not None:
                where = self.tr("before {0}, at least {1} days").format(step, w.min_days)
            else:
                where = self.tr("before {0}").format(step)
            items.append(self.tr("{0} last dose {1} ({2})").format(w.drug, w.last_dose.isoformat(), where))
        return self.tr("Washouts: {0}").format("; ".join(items)) if items else ""

    def show_pathway(self, ctx: UiContext, sp: StoredPathway, patient: Patient, required_doses: Any = None) -> None:
        svc = ctx.services
        p = sp.pathway
        self.name.setText(patient.full_name)
        self.identifier.setText(patient.display_identifier)
        try:
            profile = svc.pathways.profile_for(sp)
            product = f"{profile.name} ({profile.generic})"
            indication = profile.indication(p.indication).name(self.lang)
            if p.indication is None:
                indication += " " + self.tr("(default)")
        except Exception:  # an unknown local profile version must not hide the rest of the header
            product, indication = p.product, p.indication or ""
        try:
            site = svc.sites.get(sp.site).name
        except REFUSALS:
            site = sp.site
        v = self.values
        v["product"].setText(product)
        v["indication"].setText(indication)
        v["region"].setText(p.region)
        v["site"].setText(site)
        v["stage"].setText(stage_text(p.stage, self.lang, p.product))
        v["coi"].setText(p.coi_id or self.tr("not recorded"))
        v["expiry"].setText(p.product_expiry.isoformat() if p.product_expiry else self.tr("not recorded"))
        doses = self.tr("not recorded") if p.tocilizumab_doses is None else str(p.tocilizumab_doses)
        if required_doses is not None:
            doses += " " + self.tr("(label requires {0})").format(required_doses)
        v["tocilizumab"].setText(doses)
        when = timeutil.format_human(sp.updated_at, p.tz) if sp.updated_at else ""
        v["version"].setText(self.tr("version {0}, {1}, {2}").format(sp.version, user_name(svc, sp.updated_by), when))
        self.washouts.setText(self.washouts_text(p))
        self.washouts.setVisible(bool(p.washouts))
        if p.stage == "cancelled":
            self.cancelled.setText("⊘ " + self.tr("Cancelled: {0}").format(sp.cancel_reason or ""))
            self.cancelled.show()
        else:
            self.cancelled.hide()
