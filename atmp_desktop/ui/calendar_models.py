"""Item models of the Calendar: the week grid, the month grid, one day's events, the load strip.

Thin adapters over :mod:`atmp_desktop.ui.calendar_data` entries and the
domain's :class:`~atmp_desktop.domain.capacity.Load`: ``data()`` only
switches on roles. Everything clinical is written out in words (findings,
closed days, over-capacity), colour only repeats it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping, Sequence

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QCoreApplication, QDate, QLocale, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from atmp_desktop.domain.capacity import Load, LoadCell, Pool
from atmp_desktop.domain.findings import Severity
from atmp_desktop.domain.messages import event_name
from atmp_desktop.ui.calendar_data import KIND_ORDER, Closure, Entry
from atmp_desktop.ui.findings import severity_icon

#: Role carrying the pathway id of an event cell (None for empty cells).
PathwayRole = Qt.ItemDataRole.UserRole
#: Role carrying the :class:`Entry` (event cells) or the ``date`` (month cells).
ItemRole = Qt.ItemDataRole.UserRole + 1
#: Role carrying True for a cell that is over capacity (load strip) or a closed day.
StateRole = Qt.ItemDataRole.UserRole + 2

_INDEX = QModelIndex()


def ui_locale(lang: str) -> QLocale:
    if lang == "sv":
        return QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _palette() -> QPalette:
    return QApplication.palette()


def closed_brush(full: bool) -> QBrush:
    """Shading for a closed day: darker when every unit is closed."""
    base = _palette().color(QPalette.ColorRole.Base)
    shade = 0.86 if full else 0.94
    return QBrush(QColor.fromRgbF(base.redF() * shade, base.greenF() * shade, base.blueF() * shade))


def over_brush() -> QBrush:
    return QBrush(QColor(255, 224, 178))  # a pale amber; the cell also says "over" in words


def unit_name(activity: str) -> str:
    return {
        "apheresis": QCoreApplication.translate("CalendarModels", "Apheresis"),
        "cell_lab": QCoreApplication.translate("CalendarModels", "Cell lab"),
        "ward": QCoreApplication.translate("CalendarModels", "Ward"),
    }.get(activity, activity)


def closure_text(c: Closure) -> str:
    """``Closed: Christmas Eve`` or ``Apheresis, cell lab closed: Saturday`` (with the site if it differs)."""
    if c.all_units:
        text = QCoreApplication.translate("CalendarModels", "Closed: {0}").format(c.reason)
    else:
        units = ", ".join(unit_name(a) for a in c.activities)
        units = units[:1].upper() + units[1:].lower() if units else units
        text = QCoreApplication.translate("CalendarModels", "{0} closed: {1}").format(units, c.reason)
    return f"{c.site}: {text}" if c.site else text


def findings_text(errors: int, warnings: int) -> str:
    parts = []
    if errors:
        parts.append(QCoreApplication.translate("CalendarModels", "Errors: {0}").format(errors))
    if warnings:
        parts.append(QCoreApplication.translate("CalendarModels", "Warnings: {0}").format(warnings))
    return ", ".join(parts)


# The shared severity icon (made once; views ask for it for every painted cell).
icon = severity_icon


def entry_icon(entry: Entry) -> QIcon | None:
    if entry.has_errors:
        return icon(Severity.ERROR)
    if entry.has_warnings:
        return icon(Severity.WARNING)
    return None


@dataclass(frozen=True)
class Names:
    """Display names the models need: products and sites by id, the UI language."""

    lang: str
    products: Mapping[str, str]
    sites: Mapping[str, str]
    show_site: bool = False

    def product(self, pid: str) -> str:
        return self.products.get(pid, pid)

    def site(self, sid: str) -> str:
        return self.sites.get(sid, sid)


def entry_title(entry: Entry, lang: str) -> str:
    """``Infusion``, ``Thaw 2``, with ``done`` once it happened."""
    name = event_name(entry.row.label, lang)
    name = name[:1].upper() + name[1:]
    if entry.done:
        name += " · " + QCoreApplication.translate("CalendarModels", "done")
    return name


def entry_lines(entry: Entry, names: Names) -> list[str]:
    """The lines of an event cell: event, time (or which day of it), patient, product (and site), findings."""
    when = entry.time_text
    if entry.days > 1:
        nth = QCoreApplication.translate("CalendarModels", "day {0} of {1}").format(entry.nth, entry.days)
        when = f"{nth} · {when}" if when else nth
    product = names.product(entry.row.product)
    if names.show_site:
        product += " · " + names.site(entry.row.site)
    when = when or QCoreApplication.translate("CalendarModels", "all day")
    lines = [entry_title(entry, names.lang), when, entry.row.patient_name, product]
    found = findings_text(entry.row.open_errors, entry.row.open_warnings)
    if found:
        lines.append(found)
    return lines


def entry_tooltip(entry: Entry, names: Names) -> str:
    lines = entry_lines(entry, names)
    lines.insert(2, entry.row.identifier[:8] + "-" + entry.row.identifier[8:] if len(entry.row.identifier) == 12
                 else entry.row.identifier)
    lines.append(QCoreApplication.translate("CalendarModels", "Pathway {0} · double-click to open it").format(
        entry.pathway_id))
    return "\n".join(lines)


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """Greedy word wrap of *text* to *width* pixels (a single long word is elided)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if line and metrics.horizontalAdvance(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return [metrics.elidedText(x, Qt.TextElideMode.ElideRight, width) for x in lines] or [text]


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
    """The events of one day, one line each, for the month view's day panel."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[Entry] = []
        self.names = Names("en", {}, {})

    def set_entries(self, entries: Sequence[Entry], names: Names) -> None:
        self.beginResetModel()
        self.items = list(entries)
        self.names = names
        self.endResetModel()

    def entry(self, index: QModelIndex) -> Entry | None:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        return self.items[index.row()]

    def rowCount(self, parent: QModelIndex = _INDEX) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
    """Six weeks by seven days; each cell sums up its day in words."""

    MAX_KIND_LINES = 3

    def __init__(self, parent=None):
        super().__init__(parent)
        self.days: list[date] = []
        self.month = 0
        self.entries: dict[date, list[Entry]] = {}
        self.closures: dict[date, list[Closure]] = {}
        self.closed: dict[date, str] = {}
        self.over: dict[date, DayLoad] = {}
        self.today: date | None = None
        self.names = Names("en", {}, {})

    def set_month(self, days: Sequence[date], month: int, entries: Mapping[date, list[Entry]],
                  closures: Mapping[date, list[Closure]], closed: Mapping[date, str], today: date,
                  names: Names) -> None:
        self.beginResetModel()
        self.days = list(days)
        self.month = month
        self.entries = dict(entries)
        self.closures = dict(closures)
        self.closed = dict(closed)
        self.today = today
        self.names = names
        self.over = {}
        self.endResetModel()

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
        entries = self.entries.get(day, [])
        errors = len({e.pathway_id for e in entries if e.has_errors})
        if errors:
            lines.append(QCoreApplication.translate("CalendarModels", "With errors: {0}").format(errors))
        over = self.over.get(day, DayLoad()).over
        if over:
            # Names and numbers are in the tooltip, the day panel and the strip: a cell has room for one line.
            lines.append(QCoreApplication.translate("CalendarModels", "⚠ Over capacity: {0}").format(len(over)))
        counts: dict[str, int] = {}
        for e in sorted(entries, key=lambda e: KIND_ORDER.get(e.row.kind, 99)):
            counts[e.row.kind] = counts.get(e.row.kind, 0) + 1
        kinds = [f"{event_name(k, self.names.lang).capitalize()} ×{n}" for k, n in counts.items()]
        if len(kinds) > self.MAX_KIND_LINES:
            more = len(kinds) - self.MAX_KIND_LINES + 1
            kinds = kinds[: self.MAX_KIND_LINES - 1] + [
                QCoreApplication.translate("CalendarModels", "+{0} more").format(more)]
        return lines + kinds

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
            entries = self.entries.get(day, [])
            counts: dict[str, int] = {}
            for e in sorted(entries, key=lambda e: KIND_ORDER.get(e.row.kind, 99)):
                counts[e.row.kind] = counts.get(e.row.kind, 0) + 1
            kinds = [f"{event_name(k, self.names.lang).capitalize()} ×{n}" for k, n in counts.items()]
            over = [QCoreApplication.translate("CalendarModels", "{0}: {1}/{2} over").format(*o)
                    for o in self.over.get(day, DayLoad()).over]
            errors = len({e.pathway_id for e in entries if e.has_errors})
            found = [QCoreApplication.translate("CalendarModels", "With errors: {0}").format(errors)] if errors else []
            return "\n".join([loc.toString(qdate(day), "dddd d MMMM yyyy"), *closed, *found, *over, *kinds])
        if role == Qt.ItemDataRole.DecorationRole and inside:
            if any(e.has_errors for e in self.entries.get(day, [])):
                return icon(Severity.ERROR)
            if self.over.get(day, DayLoad()).over:
                return icon(Severity.WARNING)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            state = self.closed.get(day)
            return closed_brush(state == "full") if state else None
        if role == Qt.ItemDataRole.ForegroundRole and not inside:
            return QBrush(_palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
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


def week_label(monday: date, lang: str) -> str:
    loc = ui_locale(lang)
    sunday = monday + timedelta(days=6)
    return QCoreApplication.translate("CalendarModels", "Week {0}").format(monday.isocalendar()[1]) + "\n" + \
        f"{loc.toString(qdate(monday), 'd MMM')} – {loc.toString(qdate(sunday), 'd MMM')}"
