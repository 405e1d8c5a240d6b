"""The Calendar's load strip: each resource pool's booked capacity per day or week, over-capacity in words.

Thin adapters over the domain's :class:`~atmp_desktop.domain.capacity.Load`:
:func:`strip_rows` makes the rows, :class:`LoadStripModel` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from atmp_desktop.domain.capacity import Load, LoadCell, Pool
from atmp_desktop.domain.findings import Severity
from atmp_desktop.ui.calendar_cells import StateRole, closed_brush, icon, over_brush, qdate, ui_locale


_INDEX = QModelIndex()


# -- the load strip ---------------------------------------------------------------------


@dataclass(frozen=True)
class StripCell:
    text: str
    tooltip: str
    over: bool = False
    closed: bool = False


@dataclass(frozen=True)
class StripRow:
    label: str
    tooltip: str
    cells: tuple[StripCell | None, ...]
    span: bool = False  # one value for the whole row (a weekly pool in the week view)


def pool_label(pool: Pool, product_names: Mapping[str, str]) -> str:
    if pool.kind == "apheresis_chair":
        return QCoreApplication.translate("CalendarModels", "Apheresis chairs")
    if pool.kind == "ward_bed":
        return QCoreApplication.translate("CalendarModels", "Ward beds")
    if pool.kind == "thaw_slot":
        return QCoreApplication.translate("CalendarModels", "Thaw slots")
    product = product_names.get(pool.product or "", pool.product or "")
    return QCoreApplication.translate("CalendarModels", "Manufacturing slots · {0}").format(product)


def _used_text(used: int, capacity: int) -> str:
    return f"{used}/{capacity}"


def day_cell(cell: LoadCell, pathways: Sequence[str] = ()) -> StripCell:
    """``2/3``; ``3/2 ⚠ over``; ``closed`` (capacity 0 on a closed day, nothing booked)."""
    who = QCoreApplication.translate("CalendarModels", "Pathways: {0}").format(", ".join(pathways)) if pathways else ""
    if cell.closed_reason and cell.capacity == 0:
        reason = QCoreApplication.translate("CalendarModels", "Closed: {0}").format(cell.closed_reason)
        if cell.used:
            text = QCoreApplication.translate("CalendarModels", "{0} ⚠ over (closed)").format(_used_text(cell.used, 0))
            return StripCell(text, "\n".join(p for p in (reason, text, who) if p), over=True, closed=True)
        return StripCell(QCoreApplication.translate("CalendarModels", "closed"), reason, closed=True)
    if cell.over:
        text = QCoreApplication.translate("CalendarModels", "{0} ⚠ over").format(_used_text(cell.used, cell.capacity))
        return StripCell(text, "\n".join(p for p in (text, who) if p), over=True)
    text = _used_text(cell.used, cell.capacity)
    return StripCell(text, "\n".join(p for p in (QCoreApplication.translate("CalendarModels", "Booked {0} of {1}").format(cell.used, cell.capacity), who) if p))


def week_cell(cell: LoadCell, pathways: Sequence[str] = ()) -> StripCell:
    """A weekly pool: ``week 48: 1/2`` (``⚠ over`` when booked above the week's capacity)."""
    week = cell.start.isocalendar()[1]
    base = QCoreApplication.translate("CalendarModels", "week {0}: {1}").format(week, _used_text(cell.used, cell.capacity))
    who = QCoreApplication.translate("CalendarModels", "Pathways: {0}").format(", ".join(pathways)) if pathways else ""
    if cell.over:
        text = base + " " + QCoreApplication.translate("CalendarModels", "⚠ over")
        return StripCell(text, "\n".join(p for p in (text, who) if p), over=True)
    return StripCell(base, "\n".join(p for p in (base, who) if p))


def days_summary_cell(cells: Sequence[LoadCell], lang: str) -> StripCell:
    """A daily pool over a week (month view): the busiest day, and how many days are over."""
    open_cells = [c for c in cells if not (c.closed_reason and c.capacity == 0 and not c.used)]
    loc = ui_locale(lang)
    details = [f"{loc.toString(qdate(c.start), 'ddd d MMM')}: "
               f"{day_cell(c).text}" for c in cells]
    if not open_cells:
        return StripCell(QCoreApplication.translate("CalendarModels", "closed"), "\n".join(details), closed=True)
    busiest = max(open_cells, key=lambda c: (c.used - c.capacity, c.used))
    over = [c for c in cells if c.over]
    if over:
        text = QCoreApplication.translate("CalendarModels", "max {0} ⚠ over").format(
            _used_text(busiest.used, busiest.capacity))
        days = QCoreApplication.translate("CalendarModels", "Over capacity on {0} of these days").format(len(over))
        return StripCell(text, "\n".join([days, *details]), over=True)
    peak = max(open_cells, key=lambda c: c.used)
    text = QCoreApplication.translate("CalendarModels", "max {0}").format(_used_text(peak.used, peak.capacity))
    return StripCell(text, "\n".join(details))


def strip_rows(load: Load, first: date, last: date, periods: str, lang: str,
               product_names: Mapping[str, str], site_label: str | None = None) -> list[StripRow]:
    """Rows of the load strip for one site from *first* to *last*.

    *periods* is ``"day"`` (one column per day; weekly pools span the row) or
    ``"week"`` (one column per ISO week from *first*, a Monday).
    """
    rows = []
    for lrow in load.strip(first, last, lang):
        pool = lrow.pool
        label = pool_label(pool, product_names)
        if site_label:
            label = f"{site_label} · {label}"
        per_day = QCoreApplication.translate("CalendarModels", "{0} ({1}): {2} per day")
        per_week = QCoreApplication.translate("CalendarModels", "{0} ({1}): {2} per week")
        tip = "\n".join((per_day if r.period == "day" else per_week).format(r.name, r.id, r.capacity)
                        for r in pool.resources)

        def who(day: date) -> tuple[str, ...]:
            return load.pathways_on(pool.kind, day, pool.product)

        if pool.period == "week":
            cells = [week_cell(c, who(c.start)) for c in lrow.cells]
            if periods == "day":
                rows.append(StripRow(label, tip, (cells[0],) + (None,) * ((last - first).days), span=True))
            else:
                rows.append(StripRow(label, tip, tuple(cells)))
            continue
        if periods == "day":
            rows.append(StripRow(label, tip, tuple(day_cell(c, who(c.start) if c.over else ()) for c in lrow.cells)))
        else:
            weeks = [lrow.cells[i:i + 7] for i in range(0, len(lrow.cells), 7)]
            rows.append(StripRow(label, tip, tuple(days_summary_cell(w, lang) for w in weeks)))
    return rows


def over_by_day(load: Load, first: date, last: date, lang: str, product_names: Mapping[str, str],
                site_label: str | None = None) -> dict[date, list[tuple[str, int, int]]]:
    """Each day's over-capacity daily pools: (label, used, capacity)."""
    out: dict[date, list[tuple[str, int, int]]] = {}
    for lrow in load.strip(first, last, lang):
        if lrow.pool.period != "day":
            continue
        label = pool_label(lrow.pool, product_names)
        if site_label:
            label = f"{site_label} · {label}"
        for c in lrow.cells:
            if c.over:
                out.setdefault(c.start, []).append((label, c.used, c.capacity))
    return out


class LoadStripModel(QAbstractTableModel):
    """Rows: resources (pools) per site; columns: days (week view) or weeks (month view)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns: list[str] = []
        self.rows: list[StripRow] = []
        self.message: str | None = None

    def set_rows(self, columns: Sequence[str], rows: Sequence[StripRow]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = list(rows)
        self.message = None
        self.endResetModel()

    def set_message(self, columns: Sequence[str], message: str) -> None:
        """No counts to show (being counted, or none could be): one row that says so."""
        self.beginResetModel()
        self.columns = list(columns)
        self.rows = []
        self.message = message
        self.endResetModel()

    def cell(self, row: int, column: int) -> StripCell | None:
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows[row].cells):
            return self.rows[row].cells[column]
        return None

    def row_of(self, label: str) -> int:
        for i, r in enumerate(self.rows):
            if r.label == label:
                return i
        return -1

    # -- Qt overrides -------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = _INDEX) -> int:
        if parent.isValid():
            return 0
        return len(self.rows) if self.message is None else 1

    def columnCount(self, parent: QModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self.message is not None:
            if index.column() == 0 and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.message
            return None
        cell = self.cell(index.row(), index.column())
        if cell is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip
        if role == Qt.ItemDataRole.DecorationRole and cell.over:
            return icon(Severity.WARNING)
        if role == Qt.ItemDataRole.BackgroundRole:
            if cell.over:
                return over_brush()
            if cell.closed:
                return closed_brush(True)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == StateRole:
            return "over" if cell.over else ("closed" if cell.closed else None)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        if self.message is not None:
            return "" if section == 0 else None
        if 0 <= section < len(self.rows):
            row = self.rows[section]
            return row.label if role == Qt.ItemDataRole.DisplayRole else (row.tooltip or row.label)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
