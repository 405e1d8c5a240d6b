"""What the Calendar's cells say and how they look: the roles, texts, icons and brushes its models share.

Everything clinical is written out in words (findings, closed days,
over-capacity), colour only repeats it. Texts are translated under the
``CalendarModels`` context.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Mapping

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from atmp_desktop.domain.findings import Severity
from atmp_desktop.domain.messages import event_title
from atmp_desktop.ui.calendar_data import Closure, Entry
from atmp_desktop.ui.findings import severity_icon


#: Role carrying the pathway id of an event cell (None for empty cells).
PathwayRole = Qt.ItemDataRole.UserRole
#: Role carrying the :class:`Entry` (event cells) or the ``date`` (month cells).
ItemRole = Qt.ItemDataRole.UserRole + 1
#: Role carrying True for a cell that is over capacity (load strip) or a closed day.
StateRole = Qt.ItemDataRole.UserRole + 2


def ui_locale(lang: str) -> QLocale:
    if lang == "sv":
        return QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def palette() -> QPalette:
    return QApplication.palette()


def closed_brush(full: bool) -> QBrush:
    """Shading for a closed day: darker when every unit is closed."""
    base = palette().color(QPalette.ColorRole.Base)
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
    """``Infusion``, ``Thaw 2``, ``Conditioning (busulfan)``, with ``done`` once it happened."""
    name = event_title(entry.row.label, getattr(entry.row, "details", None), lang)
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


def week_label(monday: date, lang: str) -> str:
    loc = ui_locale(lang)
    sunday = monday + timedelta(days=6)
    return QCoreApplication.translate("CalendarModels", "Week {0}").format(monday.isocalendar()[1]) + "\n" + \
        f"{loc.toString(qdate(monday), 'd MMM')} – {loc.toString(qdate(sunday), 'd MMM')}"
