"""Item models for the Patients view: thin adapters over the store's light rows.

Today's tree model is in :mod:`atmp_desktop.ui.today_model`, and the roles and
cell texts both use are in :mod:`atmp_desktop.ui.cells`. No SQL and no rules:
rows come from ``svc.pathways.rows()`` and findings from
``svc.pathways.findings()``; the models only turn them into display text,
icons and sort keys. They are built for ten thousand rows: display strings are
made on demand, sorting is done once per column in Python (not through Qt
calling ``data()`` for every comparison), and filtering reads the plain row
objects directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from atmp_desktop.domain.messages import STAGE_NAMES
from atmp_desktop.domain.stage_words import stage_name
from atmp_desktop.ui.cells import (
    DECORATION_ROLE,
    DISPLAY_ROLE,
    TOOLTIP_ROLE,
    PathwayIdRole,
    PatientIdRole,
    counts_text,
    product_name,
    worst_severity,
)
from atmp_desktop.ui.findings import severity_icon, severity_word

_Index = QModelIndex | QPersistentModelIndex


# ======================================================================================
# Patients: one row per pathway
# ======================================================================================


class PathwayTableModel(QAbstractTableModel):
    """Pathway rows (``PathwayRow``) as a table; sortable on every column."""

    COLUMNS = ("patient", "identifier", "site", "product", "indication", "stage", "infusion", "findings", "updated")

    def __init__(self, lang: str = "en", site_names: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.site_names = dict(site_names or {})
        self.rows: list[Any] = []
        self._stage_names = STAGE_NAMES.get(lang, STAGE_NAMES["en"])
        self._headers = (
            self.tr("Patient"), self.tr("Personnummer"), self.tr("Site"), self.tr("Product"),
            self.tr("Indication"), self.tr("Stage"), self.tr("Infusion (day 0)"), self.tr("Open findings"),
            self.tr("Last changed"),
        )
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    # -- loading -----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        column, order = self._sort
        if column >= 0:
            self._sort_in_place(column, order)
        self.endResetModel()

    def row_of(self, row: int) -> Any:
        return self.rows[row]

    # -- text ------------------------------------------------------------------------------

    def text(self, r: Any, column: int) -> str:
        name = self.COLUMNS[column]
        if name == "patient":
            return r.patient_name
        if name == "identifier":
            return r.display_identifier
        if name == "site":
            return self.site_names.get(r.site, r.site)
        if name == "product":
            return product_name(r.product)
        if name == "indication":
            return r.indication or ""
        if name == "stage":
            if r.stage == "lymphodepletion":  # busulfan conditioning reads as such, not as CAR-T lymphodepletion
                return stage_name(r.stage, self.lang, r.product)
            return self._stage_names.get(r.stage, r.stage)
        if name == "infusion":
            return r.infusion_day.isoformat() if r.infusion_day else ""
        if name == "findings":
            return counts_text(r.open_errors, r.open_warnings) or "—"
        if name == "updated":
            return _local_minute(r.updated_at)
        return ""

    def sort_key(self, r: Any, column: int) -> Any:
        name = self.COLUMNS[column]
        if name == "findings":
            return (r.open_errors, r.open_warnings)
        if name == "infusion":
            return r.infusion_day or date.max
        if name == "updated":
            return r.updated_at.timestamp() if r.updated_at else 0.0
        if name == "identifier":
            return r.identifier
        if name == "patient":
            return (r.family_name.casefold(), r.given_name.casefold())
        if name == "stage":
            return _STAGE_ORDER.get(r.stage, 99)
        return self.text(r, column).casefold()

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == DISPLAY_ROLE:
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == DISPLAY_ROLE:
            return self.text(r, column)
        if role == DECORATION_ROLE and self.COLUMNS[column] == "findings":
            worst = worst_severity(r.open_errors, r.open_warnings)
            return severity_icon(worst) if worst else None
        if role == TOOLTIP_ROLE and self.COLUMNS[column] == "findings":
            worst = worst_severity(r.open_errors, r.open_warnings)
            return f"{severity_word(worst)}: {self.text(r, column)}" if worst else None
        if role == PathwayIdRole:
            return r.id
        if role == PatientIdRole:
            return r.patient_id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [self.rows[i.row()] for i in before]
        self._sort = (column, order)
        self._sort_in_place(column, order)
        if before:
            position = {id(r): n for n, r in enumerate(self.rows)}
            self.changePersistentIndexList(
                before, [self.index(position[id(r)], i.column()) for i, r in zip(before, held, strict=True)])
        self.layoutChanged.emit()

    def _sort_in_place(self, column: int, order: Qt.SortOrder) -> None:
        # Python's sort is stable: ties keep pathway-id order, so the list never jumps.
        self.rows.sort(key=lambda r: self.sort_key(r, column), reverse=order == Qt.SortOrder.DescendingOrder)


_STAGE_ORDER = {s: n for n, s in enumerate(
    ("awaiting_apheresis", "in_manufacturing", "product_in_storage", "lymphodepletion", "infused", "completed",
     "cancelled"))}


def _local_minute(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


#: The stage filter value that means "not completed and not cancelled".
ACTIVE = "active"
CLOSED_STAGES = frozenset({"completed", "cancelled"})


@dataclass
class PathwayFilter:
    """What the Patients list shows; empty fields mean "any"."""

    site: str | None = None
    product: str | None = None
    stage: str | None = None
    #: None any, "errors" at least one open error, "any" at least one open error or warning, "none" no findings
    findings: str | None = None
    text: str = ""
    patient_id: int | None = None


class PathwayFilterProxy(QSortFilterProxyModel):
    """Filters :class:`PathwayTableModel` rows by site, product, stage, findings and text.

    Built for ten thousand rows and filtering as you type: when the criteria
    change, the matching pathway ids are worked out once in a plain Python
    loop (typing more letters only re-checks the rows that matched before),
    and ``filterAcceptsRow`` — called by Qt once per row — is a set lookup.
    Sorting is handed to the source model, which sorts its Python rows once
    (Qt's own proxy sort would call ``data()`` twice per comparison: seconds
    on ten thousand rows).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.criteria = PathwayFilter()
        self._src: PathwayTableModel | None = None
        self._haystack: dict[int, str] = {}
        self._ids: set[int] | None = None  # None: every row matches
        self._for_rows: list[Any] | None = None  # the row list self._ids was worked out for

    def set_criteria(self, criteria: PathwayFilter) -> None:
        new_api = hasattr(self, "beginFilterChange")  # Qt 6.9+; invalidateRowsFilter() before
        if new_api:
            self.beginFilterChange()
        old, self.criteria = self.criteria, criteria
        narrower = (self._ids is not None and self._src is not None and self._for_rows is self._src.rows
                    and criteria.text.casefold().startswith(old.text.casefold())
                    and {**old.__dict__, "text": ""} == {**criteria.__dict__, "text": ""})
        self._work_out(only=self._ids if narrower else None)
        if new_api:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def update(self, **changes: Any) -> None:
        values = {**self.criteria.__dict__, **changes}
        self.set_criteria(PathwayFilter(**values))

    def setSourceModel(self, model) -> None:  # noqa: N802 - Qt name
        self._haystack.clear()
        self._src = model
        self._for_rows = None
        super().setSourceModel(model)
        model.modelReset.connect(self._haystack.clear)

    def _text_of(self, r: Any) -> str:
        found = self._haystack.get(r.id)
        if found is None:
            site_names = self._src.site_names if self._src is not None else {}
            # Searchable text: names, the personnummer (digits only, so "19811218-9876" finds it
            # once the hyphen is dropped from the needle), product, site and the pathway id.
            found = " ".join((r.given_name, r.family_name, r.identifier, product_name(r.product), r.product,
                              site_names.get(r.site, r.site), r.indication or "", str(r.id))).casefold()
            self._haystack[r.id] = found
        return found

    def _work_out(self, only: set[int] | None = None) -> None:
        """The ids of the matching pathways (*only*: look among these, the earlier matches)."""
        rows = self._src.rows if self._src is not None else []
        self._for_rows = rows
        c = self.criteria
        needles = [w for w in c.text.casefold().replace("-", "").split() if w]
        if not (c.site or c.product or c.stage or c.patient_id is not None or c.findings or needles):
            self._ids = None
            return
        text_of = self._text_of
        ids = set()
        for r in rows:
            if only is not None and r.id not in only:
                continue
            if c.site and r.site != c.site:
                continue
            if c.product and r.product != c.product:
                continue
            if c.stage == ACTIVE:
                if r.stage in CLOSED_STAGES:
                    continue
            elif c.stage and r.stage != c.stage:
                continue
            if c.patient_id is not None and r.patient_id != c.patient_id:
                continue
            if c.findings == "errors" and not r.open_errors:
                continue
            if c.findings == "any" and not (r.open_errors or r.open_warnings):
                continue
            if c.findings == "none" and (r.open_errors or r.open_warnings):
                continue
            if needles:
                hay = text_of(r)
                if not all(n in hay for n in needles):
                    continue
            ids.add(r.id)
        self._ids = ids

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802 - Qt name
        src = self._src
        if src is None:
            return False
        rows = src.rows
        if rows is not self._for_rows:  # the source was reloaded: work the matches out again
            self._work_out()
        if source_row >= len(rows):
            return False
        return self._ids is None or rows[source_row].id in self._ids

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._src is not None:
            self._src.sort(column, order)
