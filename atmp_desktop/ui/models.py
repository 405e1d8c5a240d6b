"""The Patients view's table model: pathway rows read a page at a time, for 100,000 pathways (issue 11).

Today's tree model is in :mod:`atmp_desktop.ui.today_model`, and the roles and
cell texts both use are in :mod:`atmp_desktop.ui.cells`. No SQL and no rules
here: what is shown and in which order is worked out by
:class:`~atmp_desktop.services.pathway_list.PathwayIndex` (plain columns of
every pathway's filter and sort keys, read just after the first paint) or,
before that, by ``svc.pathways.list_page()`` in SQL (the index is read on a
worker thread over a connection of its own, so the window answers meanwhile); the model holds the
answer as a list of pathway ids and reads the rows themselves
(``svc.pathways.rows_by_ids()``) a page of :attr:`PathwayTableModel.PAGE` at
a time, when the view first asks for a cell of that page. Qt asks only for
the rows on screen (the view's rows have a fixed height), so a screenful
costs one page whatever the number of pathways. Display strings are made on
demand.

The model does its own filtering and sorting (there is no proxy): the view
passes criteria with :meth:`PathwayTableModel.update` and Qt's header clicks
arrive in :meth:`PathwayTableModel.sort`. A row's pathway id is
``index.data(PathwayIdRole)`` or :meth:`PathwayTableModel.pathway_id`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from atmp_desktop.domain.stage_words import stage_name
from atmp_desktop.services.pathway_list import (
    ACTIVE,
    CLOSED_STAGES,
    COLUMNS,
    PathwayFilter,
    PathwayIndex,
    sql_answers,
)
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

__all__ = ("ACTIVE", "CLOSED_STAGES", "PathwayFilter", "PathwayTableModel")

_Index = QModelIndex | QPersistentModelIndex


class PathwayTableModel(QAbstractTableModel):
    """The pathways the criteria show, as a table sortable on every column; see the module docstring.

    *services* is the signed-in user's ``Services`` (their site scope applies
    to every read).
    """

    COLUMNS = COLUMNS
    # Rows read from the store at a time.
    PAGE = 200
    # Pages kept in memory (scrolling back is free; a long scroll does not keep every row).
    KEEP_PAGES = 60

    def __init__(self, services: Any, lang: str = "en", site_names: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.lang = lang
        self.site_names = dict(site_names or {})
        self.criteria = PathwayFilter()
        self._headers = (
            self.tr("Patient"), self.tr("Personnummer"), self.tr("Site"), self.tr("Product"),
            self.tr("Indication"), self.tr("Stage"), self.tr("Infusion (day 0)"), self.tr("Open findings"),
            self.tr("Last changed"),
        )
        self._column, self._descending = 0, False
        self.index_: PathwayIndex | None = None  # read by ensure_index()
        self._reading: Any = None  # the worker of start_index(), while it reads
        self._ids: list[int] | None = None  # what is shown, in order (None: the SQL pages below)
        self._count = 0  # rows shown
        self._total = 0  # pathways the user may see
        self._pages: dict[int, list[Any]] = {}  # page number → rows (PathwayRow; None for one gone since)
        #: Called after the criteria or the order changed what is shown (the view updates its count).
        self.on_shown: Callable[[], None] | None = None

    # -- reading ----------------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many pathways the user may see (the "of N" of "Showing n of N")."""
        return self._total

    @property
    def has_index(self) -> bool:
        return self.index_ is not None

    @property
    def reading_index(self) -> bool:
        """Whether a worker is reading the keys (see :meth:`start_index`)."""
        return self._reading is not None

    def _new_index(self, keys: list[tuple], column: str, descending: bool) -> PathwayIndex:
        # Plain Python (it runs on the worker of start_index() too): no Qt, no store.
        products = {k[3] for k in keys}
        index = PathwayIndex(keys, self.site_names, {p: product_name(p) for p in products},
                             infusion_days=self.services.pathways.infusion_days)
        if column != "infusion":  # (that one reads every infusion day: on request only)
            index.order(column, descending)  # now, not at the first keystroke
        return index

    def start_index(self) -> bool:
        """Start reading the keys of every pathway on a worker thread (just after the first paint).

        False when there is no worker to read them: they were then read here
        and now. :meth:`take_index` takes them once read.
        """
        if self.index_ is not None or self._reading is not None:
            return True
        column, descending = COLUMNS[self._column], self._descending
        reading = self.services.pathways.list_keys_in_background(
            lambda keys: self._new_index(keys, column, descending))
        if reading is None:
            self.ensure_index()
            return False
        self._reading = reading
        return True

    def take_index(self) -> bool:
        """Whether the keys are here (taken from the worker of :meth:`start_index` if it is done)."""
        if self.index_ is None and self._reading is not None and self._reading.done():
            self.ensure_index()
        return self.index_ is not None

    def ensure_index(self) -> PathwayIndex:
        """The filter and sort keys of every pathway: the worker's (waited for), or read now."""
        if self.index_ is None:
            reading, self._reading = self._reading, None
            index = reading.result(self.services.store) if reading is not None else None
            if index is None:  # no worker, or it failed, or someone saved meanwhile
                index = self._new_index(self.services.pathways.list_keys(), COLUMNS[self._column], self._descending)
            self.index_ = index
            self._total = len(index)
        return self.index_

    def reload(self) -> None:
        """Read the store again (another save, F5): the keys are read again before they are next needed."""
        self.index_ = None
        self._reading = None  # a read under way answers for the store as it was: dropped
        self._work_out()

    def _work_out(self) -> None:
        """What the criteria show, in the current order: from the index, or from SQL until there is one."""
        self.beginResetModel()
        self._pages.clear()
        column = COLUMNS[self._column]
        c = self.criteria
        if self.index_ is None and sql_answers(c, column, self._descending):
            self._ids = None
            svc = self.services.pathways
            self._count, first = svc.list_page(
                site=c.site, stage=c.stage, product=c.product, findings=c.findings, patient_id=c.patient_id,
                descending=self._descending, limit=self.PAGE)
            self._pages[0] = first
            no_filter = (c.site, c.stage, c.product, c.findings, c.patient_id) == (None,) * 5
            self._total = self._count if no_filter else svc.list_page(limit=0)[0]  # (a count only)
        else:
            self._ids = self.ensure_index().ids_for(c, column, self._descending)
            self._count = len(self._ids)
        self.endResetModel()
        if self.on_shown is not None:
            self.on_shown()

    def _page(self, number: int) -> list[Any]:
        rows = self._pages.get(number)
        if rows is None:
            if len(self._pages) >= self.KEEP_PAGES:
                self._pages.clear()
            start = number * self.PAGE
            if self._ids is None:
                c = self.criteria
                _, rows = self.services.pathways.list_page(
                    site=c.site, stage=c.stage, product=c.product, findings=c.findings, patient_id=c.patient_id,
                    descending=self._descending, limit=self.PAGE, offset=start)
            else:
                wanted = self._ids[start:start + self.PAGE]
                found = self.services.pathways.rows_by_ids(wanted)
                rows = [found.get(i) for i in wanted]
            self._pages[number] = rows
        return rows

    def row_of(self, row: int) -> Any:
        """The ``PathwayRow`` shown in *row* (read with its page if it was not); None past the end."""
        if not 0 <= row < self._count:
            return None
        rows = self._page(row // self.PAGE)
        offset = row % self.PAGE
        return rows[offset] if offset < len(rows) else None

    def pathway_id(self, row: int) -> int | None:
        """The pathway id shown in *row* (without reading the row, once the index is there)."""
        if self._ids is not None:
            return self._ids[row] if 0 <= row < self._count else None
        r = self.row_of(row)
        return None if r is None else r.id

    def shown_ids(self) -> list[int]:
        """Every shown pathway's id, in display order."""
        if self._ids is None:
            self.ensure_index()
            self._work_out()
        return list(self._ids or [])

    def shown_rows(self) -> list[Any]:
        """Every shown row, in display order (the CSV export of the list as shown)."""
        ids = self.shown_ids()
        found: dict[int, Any] = {}
        for i in range(0, len(ids), 5000):
            found.update(self.services.pathways.rows_by_ids(ids[i:i + 5000]))
        return [found[i] for i in ids if i in found]

    def row_for(self, pathway_id: int) -> int | None:
        """The row showing *pathway_id*, or None when it is not shown."""
        if self._ids is None:
            for number, rows in self._pages.items():
                for n, r in enumerate(rows):
                    if r is not None and r.id == pathway_id:
                        return number * self.PAGE + n
            if self._count <= self.PAGE:
                return None
            self.ensure_index()
            self._work_out()
        try:
            return self._ids.index(pathway_id)  # type: ignore[union-attr]
        except ValueError:
            return None

    # -- criteria and order -------------------------------------------------------------------

    def set_criteria(self, criteria: PathwayFilter) -> None:
        self.criteria = criteria
        self._work_out()

    def update(self, **changes: Any) -> None:
        """Change some criteria (``site=``, ``product=``, ``stage=``, ``findings=``, ``text=``, ``patient_id=``)."""
        self.set_criteria(replace(self.criteria, **changes))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._column, self._descending) and (self._ids is not None or self._pages):
            return
        # The same rows in another order: a layout change, so that the selection stays on its pathway.
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [self.pathway_id(i.row()) for i in before]
        self._column, self._descending = column, descending
        self._pages.clear()
        name = COLUMNS[column]
        if self.index_ is None and not before and sql_answers(self.criteria, name, descending):
            self._ids = None
        else:  # (with a selection to keep: the index finds its new row at once)
            self._ids = self.ensure_index().ids_for(self.criteria, name, descending)
            self._count = len(self._ids)
        if before:
            after = []
            for i, pid in zip(before, held, strict=True):
                row = None if pid is None else self.row_for(pid)
                after.append(QModelIndex() if row is None else self.index(row, i.column()))
            self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        if self.on_shown is not None:
            self.on_shown()

    # -- text ------------------------------------------------------------------------------

    def text(self, r: Any, column: int) -> str:
        name = COLUMNS[column]
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
            return stage_name(r.stage, self.lang, r.product)  # busulfan conditioning reads as such
        if name == "infusion":
            return r.infusion_day.isoformat() if r.infusion_day else ""
        if name == "findings":
            return counts_text(r.open_errors, r.open_warnings) or "—"
        if name == "updated":
            return _local_minute(r.updated_at)
        return ""

    # -- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt name
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt name
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            if role == DISPLAY_ROLE:
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == PathwayIdRole:
            return self.pathway_id(index.row())
        if role not in (DISPLAY_ROLE, DECORATION_ROLE, TOOLTIP_ROLE, PatientIdRole):
            return None
        r = self.row_of(index.row())
        if r is None:
            return None
        column = index.column()
        if role == DISPLAY_ROLE:
            return self.text(r, column)
        if role == PatientIdRole:
            return r.patient_id
        if COLUMNS[column] != "findings":
            return None
        worst = worst_severity(r.open_errors, r.open_warnings)
        if role == DECORATION_ROLE:
            return severity_icon(worst) if worst else None
        return f"{severity_word(worst)}: {self.text(r, column)}" if worst else None


def _local_minute(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")
