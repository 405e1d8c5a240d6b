"""A table model over plain row objects and a column spec, for the Cell lab's three lists.

``data()`` only looks up the column's function for the role; the rows are
recomputed by the view (they depend on "now") and swapped in with
:meth:`RowsModel.update`, which keeps the selection when the same pathways
are listed in the same order (every countdown tick).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

_INDEX = QModelIndex()

#: Role carrying the row's pathway id.
PathwayRole = Qt.ItemDataRole.UserRole
#: Role carrying the row object itself.
RowRole = Qt.ItemDataRole.UserRole + 1
#: Role carrying a column's state word ("ok", "soon", "overdue", …) for tests and styling.
StateRole = Qt.ItemDataRole.UserRole + 2
#: Role carrying a sortable value (for the sort proxy).
SortRole = Qt.ItemDataRole.UserRole + 3

Fn = Callable[[Any], Any]


@dataclass(frozen=True)
class Column:
    """One column: its header and, per role, a function of the row (None: nothing for that role)."""

    header: str
    text: Fn
    icon: Fn | None = None
    tooltip: Fn | None = None
    background: Fn | None = None
    state: Fn | None = None
    sort: Fn | None = None


class RowsModel(QAbstractTableModel):
    """Rows (each with a ``pathway_id`` and a ``key``) shown through a list of :class:`Column`."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def update(self, rows: Sequence[Any]) -> bool:
        """Show *rows*; same keys in the same order only refresh the cells (selection stays).

        Returns True when the rows themselves changed (the model was reset).
        """
        rows = list(rows)
        if [r.key for r in rows] == [r.key for r in self.rows]:
            self.rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1))
            return False
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()
        return True

    def row(self, index: QModelIndex) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        return self.rows[index.row()]

    def find(self, pathway_id: int) -> int:
        for i, r in enumerate(self.rows):
            if r.pathway_id == pathway_id:
                return i
        return -1

    def text(self, row: int, column: int) -> str:
        return self.data(self.index(row, column)) or ""

    def column_of(self, header: str) -> int:
        for i, c in enumerate(self.columns):
            if c.header == header:
                return i
        raise KeyError(header)

    # -- Qt overrides -------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row(index)
        if row is None or index.column() >= len(self.columns):
            return None
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return col.text(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return col.icon(row) if col.icon else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return col.tooltip(row) if col.tooltip else col.text(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            return col.background(row) if col.background else None
        if role == StateRole:
            return col.state(row) if col.state else None
        if role == SortRole:
            value = col.sort(row) if col.sort else col.text(row)
            return "" if value is None else value
        if role == PathwayRole:
            return row.pathway_id
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
