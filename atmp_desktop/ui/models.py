"""Item models for the Today and Patients views: thin adapters over the store's light rows.

No SQL and no rules here: rows come from ``svc.pathways.rows()`` /
``events_between()`` and findings from ``svc.pathways.findings()``; the models
only turn them into display text, icons and sort keys. Both are built for ten
thousand rows: display strings are made on demand, sorting is done once per
column in Python (not through Qt calling ``data()`` for every comparison), and
filtering reads the plain row objects directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Iterable, Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.messages import STAGE_NAMES, event_name
from atmp_desktop.ui.findings import finding_text, severity_icon, severity_word
from atmp_desktop.ui.today_data import TODAY_KINDS  # noqa: F401 - re-exported

#: Role that gives the pathway id of a row (both models).
PathwayIdRole = Qt.ItemDataRole.UserRole + 1
#: Role that gives the patient id of a row (both models).
PatientIdRole = Qt.ItemDataRole.UserRole + 2
#: Role that gives the finding code of a finding row (Today).
FindingCodeRole = Qt.ItemDataRole.UserRole + 3
#: Role that tells what a Today row is: "day", "event" or "finding".
RowKindRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex

# Looked up once: data() runs for every visible cell, and each PySide enum lookup costs.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole


@lru_cache(maxsize=None)
def product_name(product_id: str) -> str:
    """The brand name of a catalogue product ("kymriah" → "Kymriah")."""
    return _brand_names().get(product_id, product_id)


@lru_cache(maxsize=1)
def _brand_names() -> dict[str, str]:
    # Read from the shipped catalogue file itself: the first screen shows product names long
    # before anything needs the catalogue's rules, which take longer to load.
    import json

    from atmp_desktop.paths import resource_path

    with open(resource_path("products.json"), encoding="utf-8") as fh:
        products = json.load(fh).get("products", ())
    return {raw["id"]: str(raw.get("name") or raw["id"]) for raw in products if raw.get("id")}


def display_identifier(identifier: str) -> str:
    """``197403049906`` → ``19740304-9906``; other identifiers as they are."""
    if len(identifier) == 12 and identifier.isdigit():
        return f"{identifier[:8]}-{identifier[8:]}"
    return identifier


def counts_text(errors: int, warnings: int) -> str:
    """"2 errors · 1 warning" in the UI language; empty when there is nothing open."""
    parts = []
    if errors == 1:
        parts.append(QCoreApplication.translate("Models", "1 error"))
    elif errors:
        parts.append(QCoreApplication.translate("Models", "{0} errors").format(errors))
    if warnings == 1:
        parts.append(QCoreApplication.translate("Models", "1 warning"))
    elif warnings:
        parts.append(QCoreApplication.translate("Models", "{0} warnings").format(warnings))
    return " · ".join(parts)


def worst_severity(errors: int, warnings: int) -> Severity | None:
    if errors:
        return Severity.ERROR
    if warnings:
        return Severity.WARNING
    return None


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
            if role == _DISPLAY:
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self.text(r, column)
        if role == _DECORATION and self.COLUMNS[column] == "findings":
            worst = worst_severity(r.open_errors, r.open_warnings)
            return severity_icon(worst) if worst else None
        if role == _TOOLTIP and self.COLUMNS[column] == "findings":
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


# ======================================================================================
# Today: days → events → findings
# ======================================================================================


# The tree's nodes are plain objects (compared by identity, as the model looks them up), not
# dataclasses: there are a thousand of them, and making three dataclasses costs the start-up ~1 ms.


class _DayNode:
    __slots__ = ("day", "title", "events")

    def __init__(self, day: date, title: str):
        self.day = day
        self.title = title
        self.events: list[_EventNode] = []


class _EventNode:
    __slots__ = ("day", "row", "day_number", "findings")

    def __init__(self, day: _DayNode, row: Any, day_number: int | None = None):
        self.day = day
        self.row = row  # EventRow
        self.day_number = day_number
        self.findings: list[Finding] | None = None  # None: not loaded yet (counts from the cache are shown)


class _FindingNode:
    __slots__ = ("event", "finding")

    def __init__(self, event: _EventNode, finding: Finding):
        self.event = event
        self.finding = finding


class TodayModel(QAbstractItemModel):
    """A tree: one top row per day, its events under it, each event's open findings under the event.

    Events arrive with the store's cached finding counts; :meth:`set_findings`
    later adds the findings themselves as child rows (computed after the view
    is painted, so start-up does not wait for the checks).
    """

    COLUMNS = ("time", "day_number", "event", "patient", "identifier", "product", "site", "findings")

    def __init__(self, lang: str = "en", site_names: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.site_names = dict(site_names or {})
        self.days: list[_DayNode] = []
        self._by_pathway: dict[int, list[tuple[int, _EventNode]]] = {}
        # Children of events are _FindingNode objects; keep each node alive while the model shows it.
        self._finding_nodes: dict[int, list[_FindingNode]] = {}
        self._headers = (
            self.tr("Time"), self.tr("Day"), self.tr("Event"), self.tr("Patient"), self.tr("Personnummer"),
            self.tr("Product"), self.tr("Site"), self.tr("Open findings"),
        )

    # -- loading -----------------------------------------------------------------------

    def set_events(self, days: Sequence[tuple[date, str]], rows: Iterable[Any]) -> None:
        """Replace the contents: *days* (day, title) in order, *rows* the EventRows touching them."""
        self.beginResetModel()
        self.days = [_DayNode(d, title) for d, title in days]
        self._finding_nodes.clear()
        self._by_pathway: dict[int, list[tuple[int, _EventNode]]] = {}
        by_day = {node.day: node for node in self.days}
        for r in rows:
            if r.kind not in TODAY_KINDS:
                continue
            for node in self.days:
                # A multi-day event (lymphodepletion) is listed on every day it covers.
                if r.first_day <= node.day <= r.last_day:
                    number = getattr(r, "infusion_day", None)
                    ev = _EventNode(node, r, (node.day - number).days if isinstance(number, date) else None)
                    if r.kind == "infusion" and ev.day_number is None and r.label in ("infusion", "infusion#1"):
                        ev.day_number = (node.day - r.first_day).days
                    by_day[node.day].events.append(ev)
        for node in self.days:
            node.events.sort(key=_event_sort_key)
            for row, ev in enumerate(node.events):
                self._by_pathway.setdefault(ev.row.pathway_id, []).append((row, ev))
        self.endResetModel()

    def pathway_ids(self) -> list[int]:
        """The pathways listed, in the order they appear."""
        seen: dict[int, None] = {}
        for node in self.days:
            for ev in node.events:
                seen.setdefault(ev.row.pathway_id, None)
        return list(seen)

    def set_details(self, pathway_id: int, findings: Sequence[Finding], infusion_day: date | None) -> None:
        """The computed findings and the infusion day (for day numbers) of one pathway's listed events.

        Each finding goes under the event it concerns; one about the pathway
        as a whole, or about an event not listed here, goes under the
        pathway's first listed event. Notes (``info``) are left out.
        """
        entries = self._by_pathway.get(pathway_id, ())
        if not entries:
            return
        shown = [f for f in findings if f.severity is not Severity.INFO]
        labels = {ev.row.label for _, ev in entries}
        placed: set[str] = set()
        for n, (row, ev) in enumerate(entries):
            label = ev.row.label
            if label in placed:
                mine: list[Finding] = []  # a multi-day event: its findings are listed on its first day only
            else:
                placed.add(label)
                mine = [f for f in shown if f.event == label or (n == 0 and f.event not in labels)]
            parent = self.createIndex(row, 0, ev)
            if ev.findings:
                self.beginRemoveRows(parent, 0, len(ev.findings) - 1)
                ev.findings = []
                self._finding_nodes.pop(id(ev), None)
                self.endRemoveRows()
            if infusion_day is not None:
                ev.day_number = (ev.day.day - infusion_day).days
            if mine:
                self.beginInsertRows(parent, 0, len(mine) - 1)
                ev.findings = mine
                self._finding_nodes[id(ev)] = [_FindingNode(ev, f) for f in mine]
                self.endInsertRows()
            else:
                ev.findings = []
            self.dataChanged.emit(self.createIndex(row, 0, ev), self.createIndex(row, len(self.COLUMNS) - 1, ev))

    def event_count(self, day: date | None = None) -> int:
        return sum(len(n.events) for n in self.days if day is None or n.day == day)

    # -- Qt model interface -----------------------------------------------------------------

    # index(), hasChildren() and data() run once per row when the tree lays out its ~1,400 rows, and
    # per cell when it paints: kept short. flags() is Qt's own (selectable and enabled).

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:
        if row < 0 or column < 0 or column >= _COLUMN_COUNT:
            return QModelIndex()
        if not parent.isValid():
            days = self.days
            return self.createIndex(row, column, days[row]) if row < len(days) else QModelIndex()
        if parent.column() != 0:
            return QModelIndex()
        node = parent.internalPointer()
        kind = type(node)
        if kind is _DayNode:
            events = node.events
            return self.createIndex(row, column, events[row]) if row < len(events) else QModelIndex()
        if kind is _EventNode:
            kids = self._finding_nodes.get(id(node), ())
            return self.createIndex(row, column, kids[row]) if row < len(kids) else QModelIndex()
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = index.internalPointer()
        if isinstance(node, _EventNode):
            day = node.day
            return self.createIndex(self.days.index(day), 0, day)
        if isinstance(node, _FindingNode):
            ev = node.event
            return self.createIndex(ev.day.events.index(ev), 0, ev)
        return QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.days)
        if parent.column() != 0:
            return 0
        node = parent.internalPointer()
        if isinstance(node, _DayNode):
            return len(node.events)
        if isinstance(node, _EventNode):
            return len(self._finding_nodes.get(id(node), ()))
        return 0

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802 - Qt name
        # Qt's own asks rowCount() and columnCount(): two calls into Python per row instead of one.
        if not parent.isValid():
            return bool(self.days)
        if parent.column() != 0:
            return False
        node = parent.internalPointer()
        kind = type(node)
        if kind is _DayNode:
            return bool(node.events)
        if kind is _EventNode:
            return bool(self._finding_nodes.get(id(node)))
        return False

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return _COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            if 0 <= section < len(self._headers):
                return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _TODAY_ROLES or not index.isValid():
            return None  # the roles Qt asks for that this model leaves to the style (colours, alignment, …)
        node = index.internalPointer()
        kind = type(node)
        if kind is _EventNode:
            return self._event_data(node, index.column(), role)
        if kind is _DayNode:
            return self._day_data(node, index.column(), role)
        if kind is _FindingNode:
            return self._finding_data(node, index.column(), role)
        return None

    def _day_data(self, node: _DayNode, column: int, role: int) -> Any:
        if role == _DISPLAY and column == 0:
            n = len(node.events)
            if n == 0:
                events = self.tr("nothing planned")
            elif n == 1:
                events = self.tr("1 event")
            else:
                events = self.tr("{0} events").format(n)
            return f"{node.title} — {events}"
        if role == _FONT and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == RowKindRole:
            return "day"
        return None

    def _event_data(self, ev: _EventNode, column: int, role: int) -> Any:
        r = ev.row
        name = self.COLUMNS[column]
        if role == _DISPLAY:
            if name == "time":
                return _time_text(r, ev.day.day)
            if name == "day_number":
                return "" if ev.day_number is None else _day_number_text(ev.day_number)
            if name == "event":
                text = event_name(r.label, self.lang)
                if r.actual_start is not None:
                    text += " ✓"
                return text
            if name == "patient":
                return r.patient_name
            if name == "identifier":
                return display_identifier(r.identifier)
            if name == "product":
                return product_name(r.product)
            if name == "site":
                return self.site_names.get(r.site, r.site)
            if name == "findings":
                if ev.findings is not None:
                    e = sum(1 for f in ev.findings if f.severity is Severity.ERROR)
                    w = sum(1 for f in ev.findings if f.severity is Severity.WARNING)
                    return counts_text(e, w) or self.tr("none")
                return counts_text(r.open_errors, r.open_warnings) or self.tr("none")
        if role == _DECORATION and name == "findings":
            if ev.findings is not None:
                worst = min((f.severity for f in ev.findings), key=_severity_rank, default=None)
            else:
                worst = worst_severity(r.open_errors, r.open_warnings)
            return severity_icon(worst) if worst else None
        if role == _TOOLTIP:
            if name == "event" and r.actual_start is not None:
                return self.tr("Done: actual time recorded")
            if name == "day_number":
                return self.tr("Day number per the label: infusion is day 0")
        if role == PathwayIdRole:
            return r.pathway_id
        if role == PatientIdRole:
            return r.patient_id
        if role == RowKindRole:
            return "event"
        return None

    def _finding_data(self, node: _FindingNode, column: int, role: int) -> Any:
        f = node.finding
        if role == _DISPLAY and column == 0:
            return finding_text(f, self.lang)
        if role == _DECORATION and column == 0:
            return severity_icon(f.severity)
        if role == _TOOLTIP and column == 0:
            return finding_text(f, self.lang)
        if role == PathwayIdRole:
            return node.event.row.pathway_id
        if role == PatientIdRole:
            return node.event.row.patient_id
        if role == FindingCodeRole:
            return f.code
        if role == RowKindRole:
            return "finding"
        return None


_COLUMN_COUNT = len(TodayModel.COLUMNS)
#: The roles TodayModel answers (as plain ints: data() is asked for others too, per painted cell).
_TODAY_ROLES = frozenset(int(r) for r in (
    _DISPLAY, _DECORATION, _TOOLTIP, _FONT, PathwayIdRole, PatientIdRole, FindingCodeRole, RowKindRole))


def _severity_rank(s: Severity) -> int:
    return {Severity.ERROR: 0, Severity.WARNING: 1}.get(s, 2)


def _event_sort_key(ev: _EventNode) -> tuple:
    r = ev.row
    when = r.actual_start or r.start
    if isinstance(when, datetime) and ev.row.first_day == ev.day.day:
        return (0, when.timestamp(), r.patient_name)
    # All-day events (and later days of a multi-day one) first within the day.
    return (-1, 0.0, r.patient_name)


def _time_text(r: Any, day: date) -> str:
    when = r.actual_start or r.start
    if isinstance(when, datetime) and r.first_day == day:
        return when.strftime("%H:%M")  # the store hands it over in the pathway's own time zone
    return QCoreApplication.translate("Models", "all day")


def _day_number_text(n: int) -> str:
    sign = "+" if n > 0 else ("−" if n < 0 else "")
    return QCoreApplication.translate("Models", "day {0}").format(f"{sign}{abs(n)}")
