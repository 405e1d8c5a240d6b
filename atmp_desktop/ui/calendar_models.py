"""Item models of the Calendar: the week grid, the month grid, one day's events.

Thin adapters over :mod:`atmp_desktop.ui.calendar_data` entries: ``data()``
only switches on roles; what a cell says is in
:mod:`atmp_desktop.ui.calendar_cells`. The load strip's model is in
:mod:`atmp_desktop.ui.calendar_load_strip`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping, Sequence

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPalette

from atmp_desktop.domain.findings import Severity
from atmp_desktop.domain.messages import event_name
from atmp_desktop.ui.calendar_cells import (
    ItemRole,
    Names,
    PathwayRole,
    StateRole,
    closed_brush,
    closure_text,
    entry_icon,
    entry_lines,
    entry_tooltip,
    icon,
    palette,
    qdate,
    ui_locale,
    wrap_text,
)
from atmp_desktop.ui.calendar_data import EMPTY_DAY, Closure, DaySummary, Entry


_INDEX = QModelIndex()


# -- the week ---------------------------------------------------------------------


class WeekEventsModel(QAbstractTableModel):
    """Seven day columns; row *i* of a column is that day's *i*-th event.

    Closed days are shaded in every cell of their column and named in the
    column header; empty cells below a day's events carry only the shading.
    """

    MIN_ROWS = 4

    def __init__(self, parent=None):
        super().__init__(parent)
        self.days: list[date] = []
        self.entries: dict[date, list[Entry]] = {}
        self.closures: dict[date, list[Closure]] = {}
        self.closed: dict[date, str] = {}  # day -> "full" | "part"
        self.today: date | None = None
        self.names = Names("en", {}, {})
        self.header_width = 0
        self.header_metrics: QFontMetrics | None = None

    def set_week(self, days: Sequence[date], entries: Mapping[date, list[Entry]],
                 closures: Mapping[date, list[Closure]], closed: Mapping[date, str],
                 today: date, names: Names) -> None:
        self.beginResetModel()
        self.days = list(days)
        self.entries = {d: list(entries.get(d, ())) for d in self.days}
        self.closures = dict(closures)
        self.closed = dict(closed)
        self.today = today
        self.names = names
        self.endResetModel()

    def set_closures(self, closures: Mapping[date, list[Closure]], closed: Mapping[date, str]) -> None:
        """The week's closed days, when they come after its events (the holidays read after the first paint)."""
        self.closures = dict(closures)
        self.closed = dict(closed)
        if self.days:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.days) - 1)
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.days) - 1))

    def entry(self, index: QModelIndex) -> Entry | None:
        if not index.isValid() or index.column() >= len(self.days):
            return None
        items = self.entries.get(self.days[index.column()], [])
        return items[index.row()] if index.row() < len(items) else None

    def find(self, pathway_id: int, kind: str | None = None) -> QModelIndex:
        """The first cell showing *pathway_id* (and event *kind*), for tests and keyboard jumps."""
        for c, d in enumerate(self.days):
            for r, e in enumerate(self.entries.get(d, [])):
                if e.pathway_id == pathway_id and (kind is None or e.row.kind == kind):
                    return self.index(r, c)
        return QModelIndex()

    def set_header_width(self, width: int, metrics: QFontMetrics) -> None:
        """Wrap the day headers' closure lines to *width* pixels (headers do not wrap by themselves)."""
        if width != self.header_width:
            self.header_width, self.header_metrics = width, metrics
            if self.days:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.days) - 1)

    def day_header(self, day: date, wrap: bool = True) -> str:
        loc = ui_locale(self.names.lang)
        lines = [loc.toString(qdate(day), "ddd d MMM")]
        if day == self.today:
            lines[0] += " · " + QCoreApplication.translate("CalendarModels", "today")
        for c in self.closures.get(day, []):
            text = closure_text(c)
            if wrap and self.header_metrics is not None and self.header_width > 0:
                lines += wrap_text(text, self.header_metrics, self.header_width)
            else:
                lines.append(text)
        return "\n".join(lines)

    # -- Qt overrides -------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = _INDEX) -> int:
        if parent.isValid():
            return 0
        if not self.days:
            return 0
        return max(self.MIN_ROWS, max((len(v) for v in self.entries.values()), default=0))

    def columnCount(self, parent: QModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self.days)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(self.days):
            return None
        day = self.days[index.column()]
        entry = self.entry(index)
        if role == Qt.ItemDataRole.BackgroundRole:
            state = self.closed.get(day)
            return closed_brush(state == "full") if state else None
        if entry is None:
            if role == Qt.ItemDataRole.ToolTipRole and self.closures.get(day):
                return "\n".join(closure_text(c) for c in self.closures[day])
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return "\n".join(entry_lines(entry, self.names))
        if role == Qt.ItemDataRole.DecorationRole:
            return entry_icon(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry_tooltip(entry, self.names)
        if role == PathwayRole:
            return entry.pathway_id
        if role == ItemRole:
            return entry
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if section < 0 or section >= len(self.days):
            return None
        day = self.days[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.day_header(day)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.day_header(day, wrap=False)
        if role == Qt.ItemDataRole.FontRole and day == self.today:
            font = QFont()
            font.setBold(True)
            return font
        if role == StateRole:
            return self.closed.get(day)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if self.entry(index) is None:
            return Qt.ItemFlag.NoItemFlags if not index.isValid() else Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- one day as a list (month view's side panel) --------------------------------------


class DayEventsModel(QAbstractListModel):
    """The events of one day, one line each, for the month view's day panel.

    A busy day lists thousands, so they are read a page at a time
    (:meth:`set_day`): the first page, then more as the list is scrolled to
    its end (``fetchMore``) or its last line, "+K more", is activated.
    """

    PAGE = 100

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Entry] = []
        self.total = 0
        self._more_shown = 0  # the "+K more" line's K, updated (dataChanged) once new rows are in
        self._fetching = False  # a view (or the model tester) may ask for more while rows go in
        self._fetch: Callable[[int, int], Sequence[Entry]] | None = None
        self.names = Names("en", {}, {})

    def set_entries(self, entries: Sequence[Entry], names: Names) -> None:
        """Every entry of the day at once (nothing more to read)."""
        self.beginResetModel()
        self.items = list(entries)
        self.total = len(self.items)
        self._more_shown = 0
        self._fetch = None
        self.names = names
        self.endResetModel()

    def set_day(self, total: int, fetch: Callable[[int, int], Sequence[Entry]], names: Names) -> None:
        """A day of *total* entries, read with ``fetch(offset, limit)``; the first page is read now."""
        self.beginResetModel()
        self.names = names
        self._fetch = fetch
        self.items = list(fetch(0, self.PAGE)) if total else []
        self.total = total if len(self.items) >= min(total, self.PAGE) else len(self.items)
        self._more_shown = self.more
        self.endResetModel()

    @property
    def more(self) -> int:
        """How many entries of the day are not read yet (the "+K more" line)."""
        return max(0, self.total - len(self.items))

    def is_more(self, index: QModelIndex) -> bool:
        return index.isValid() and self.more > 0 and index.row() == len(self.items)

    def entry(self, index: QModelIndex) -> Entry | None:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        return self.items[index.row()]

    def canFetchMore(self, parent: QModelIndex = _INDEX) -> bool:  # noqa: N802 - Qt override
        return not parent.isValid() and self._fetch is not None and self.more > 0 and not self._fetching

    def fetchMore(self, parent: QModelIndex = _INDEX) -> None:  # noqa: N802 - Qt override
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        try:
            self._fetch_page()
        finally:
            self._fetching = False

    def _fetch_page(self) -> None:
        have = len(self.items)
        new = list(self._fetch(have, self.PAGE))  # type: ignore[misc]
        if len(new) < min(self.PAGE, self.more):  # the store changed meanwhile: list what there is
            self.total = have + len(new)
        rows_after = have + len(new) + (1 if self.total > have + len(new) else 0)
        added = rows_after - (have + 1)
        if added > 0:
            self.beginInsertRows(QModelIndex(), have, have + added - 1)
            self.items += new
            self.endInsertRows()
        elif added < 0:
            self.beginRemoveRows(QModelIndex(), have, have)
            self.items += new
            self.endRemoveRows()
        else:
            self.items += new
        self._more_shown = self.more
        last = self.rowCount() - 1
        if have <= last:
            self.dataChanged.emit(self.index(have), self.index(last))

    def rowCount(self, parent: QModelIndex = _INDEX) -> int:
        if parent.isValid():
            return 0
        return len(self.items) + (1 if self.more else 0)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.is_more(index):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return QCoreApplication.translate("CalendarModels", "+{0} more").format(self._more_shown)
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "CalendarModels", "Scroll down, or double-click here, to list more; "
                    "double-click the day to show its week")
            return None
        entry = self.entry(index)
        if entry is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            lines = entry_lines(entry, self.names)
            return " · ".join(lines)
        if role == Qt.ItemDataRole.DecorationRole:
            return entry_icon(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry_tooltip(entry, self.names)
        if role == PathwayRole:
            return entry.pathway_id
        if role == ItemRole:
            return entry
        return None


# -- the month ------------------------------------------------------------------------


@dataclass(frozen=True)
class DayLoad:
    """Over-capacity resources of one day, for the month grid: (resource label, used, capacity)."""

    over: tuple[tuple[str, int, int], ...] = ()


class MonthModel(QAbstractTableModel):
    """Six weeks by seven days; each cell sums up its day in words.

    From the day's counts (:class:`~atmp_desktop.ui.calendar_data.DaySummary`),
    not its events: a cell says as much whether the day lists ten or ten thousand.
    """

    MAX_KIND_LINES = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.days: list[date] = []
        self.month = 0
        self.summaries: dict[date, DaySummary] = {}
        self.closures: dict[date, list[Closure]] = {}
        self.closed: dict[date, str] = {}
        self.over: dict[date, DayLoad] = {}
        self.today: date | None = None
        self.names = Names("en", {}, {})

    def set_month(self, days: Sequence[date], month: int, summaries: Mapping[date, DaySummary],
                  closures: Mapping[date, list[Closure]], closed: Mapping[date, str], today: date,
                  names: Names) -> None:
        self.beginResetModel()
        self.days = list(days)
        self.month = month
        self.summaries = dict(summaries)
        self.closures = dict(closures)
        self.closed = dict(closed)
        self.today = today
        self.names = names
        self.over = {}
        self.endResetModel()

    def set_closures(self, closures: Mapping[date, list[Closure]], closed: Mapping[date, str]) -> None:
        """The month's closed days, when they come after its counts (the holidays read after the first paint)."""
        self.closures = dict(closures)
        self.closed = dict(closed)
        if self.days:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 6))

    def set_over(self, over: Mapping[date, DayLoad]) -> None:
        """Over-capacity marks per day (they arrive later than the events: the load is counted apart)."""
        self.over = dict(over)
        if self.days:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 6))

    def day(self, index: QModelIndex) -> date | None:
        if not index.isValid():
            return None
        i = index.row() * 7 + index.column()
        return self.days[i] if 0 <= i < len(self.days) else None

    def index_of(self, day: date) -> QModelIndex:
        if day in self.days:
            i = self.days.index(day)
            return self.index(i // 7, i % 7)
        return QModelIndex()

    def in_month(self, day: date) -> bool:
        return day.month == self.month

    def summary(self, day: date) -> list[str]:
        """The lines of a day cell below its date: closed units, findings, events per kind, over-capacity."""
        closed = self.closures.get(day, [])
        if len(closed) == 1 and closed[0].site is None:
            lines = [closure_text(closed[0])]
        elif closed:
            # Sites or units closed differently: the tooltip and the day panel name each.
            lines = [QCoreApplication.translate("CalendarModels", "Closed") if self.closed.get(day) == "full"
                     else QCoreApplication.translate("CalendarModels", "Partly closed")]
        else:
            lines = []
        day_sum = self.summaries.get(day, EMPTY_DAY)
        errors = day_sum.error_pathways
        if errors:
            lines.append(QCoreApplication.translate("CalendarModels", "With errors: {0}").format(errors))
        over = self.over.get(day, DayLoad()).over
        if over:
            # Names and numbers are in the tooltip, the day panel and the strip: a cell has room for one line.
            lines.append(QCoreApplication.translate("CalendarModels", "⚠ Over capacity: {0}").format(len(over)))
        kinds = self.kind_lines(day)
        if len(kinds) > self.MAX_KIND_LINES:
            more = len(kinds) - self.MAX_KIND_LINES + 1
            kinds = kinds[: self.MAX_KIND_LINES - 1] + [
                QCoreApplication.translate("CalendarModels", "+{0} more").format(more)]
        return lines + kinds

    def kind_lines(self, day: date) -> list[str]:
        """``Infusion ×12`` for each kind of event on *day*, in the calendar's order of kinds."""
        return [f"{event_name(k, self.names.lang).capitalize()} ×{n}"
                for k, n in self.summaries.get(day, EMPTY_DAY).kinds]

    # -- Qt overrides -------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self.days) // 7

    def columnCount(self, parent: QModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() or not self.days else 7

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        day = self.day(index)
        if day is None:
            return None
        inside = self.in_month(day)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            head = str(day.day)
            if day == self.today:
                head += " · " + QCoreApplication.translate("CalendarModels", "today")
            if not inside:
                return head
            return "\n".join([head, *self.summary(day)])
        if role == Qt.ItemDataRole.ToolTipRole:
            loc = ui_locale(self.names.lang)
            closed = [closure_text(c) for c in self.closures.get(day, [])]
            kinds = self.kind_lines(day)
            over = [QCoreApplication.translate("CalendarModels", "{0}: {1}/{2} over").format(*o)
                    for o in self.over.get(day, DayLoad()).over]
            errors = self.summaries.get(day, EMPTY_DAY).error_pathways
            found = [QCoreApplication.translate("CalendarModels", "With errors: {0}").format(errors)] if errors else []
            return "\n".join([loc.toString(qdate(day), "dddd d MMMM yyyy"), *closed, *found, *over, *kinds])
        if role == Qt.ItemDataRole.DecorationRole and inside:
            if self.summaries.get(day, EMPTY_DAY).error_pathways:
                return icon(Severity.ERROR)
            if self.over.get(day, DayLoad()).over:
                return icon(Severity.WARNING)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            state = self.closed.get(day)
            return closed_brush(state == "full") if state else None
        if role == Qt.ItemDataRole.ForegroundRole and not inside:
            return QBrush(palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.FontRole and day == self.today:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == ItemRole:
            return day
        if role == StateRole:
            return self.closed.get(day)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < 7 and self.days:
                return ui_locale(self.names.lang).toString(qdate(self.days[section]), "dddd")
            return None
        if 0 <= section < self.rowCount():
            monday = self.days[section * 7]
            return QCoreApplication.translate("CalendarModels", "Week {0}").format(monday.isocalendar()[1])
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if self.day(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
