"""The Products view: the catalogue's rules with their sources, local overrides, and the capacity editor.

Every rule of a product's profile (per region, EU by default) is listed with
its value ("unknown" where the label gives none), its confidence, its note and
its sources, resolved to their descriptions. An administrator overrides one
value at a time, always with a reason: the change is stored as the product's
next local version (``ProductService.save_override``), marked with the
confidence ``local`` and keeping the label's value beside it; pathways keep the
version they were planned with. Other roles see the same screens read-only.

The tabs are :mod:`atmp_desktop.ui.product_catalogue` (with
:mod:`atmp_desktop.ui.product_override_dialog` and
:mod:`atmp_desktop.ui.product_rules`) and the capacity editor
(:mod:`atmp_desktop.ui.resources_editor`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.product_catalogue import ProductCatalogue
from atmp_desktop.ui.resources_editor import ResourcesEditor
from atmp_desktop.ui.view_base import View


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


__all__ = ["ProductsView"]
