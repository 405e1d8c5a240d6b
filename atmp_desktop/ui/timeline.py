"""The pathway timeline: one row per event over the days from apheresis to the end of monitoring.

Days are columns labelled with the date and the label's day number (infusion
= day 0). Each event row shows the planned span as an outline and what
happened as a filled bar inside it, with the times as text; days the event's
unit is closed are hatched, today is a marked line. Nothing is said by
colour alone: the legend names each mark, closed days carry their reason as
a tooltip, and events with findings carry the severity icon.

A planned event that has not happened can be dragged by whole days (or moved
with Alt+Left/Right when its row is selected); the widget only reports
``eventMoved(label, days)`` — the view decides what that changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable

from PySide6.QtCore import QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QScrollArea, QToolTip, QWidget

from atmp_desktop.ui import PINNED_NONE
from atmp_desktop.domain import timeutil
from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.findings import Finding, Severity
from atmp_desktop.domain.messages import event_title
from atmp_desktop.domain.pathway import Event, Pathway
from atmp_desktop.ui.findings import severity_icon, severity_word

# The PySide6 6.12 reference leak on None is guarded once for the whole UI in
# atmp_desktop/ui/__init__.py; painting calls hundreds of Qt methods per frame.
NONE_GUARD = PINNED_NONE

#: The calendar activity whose closed days matter for each event kind (None: not staffed by us).
KIND_ACTIVITY = {
    "apheresis": "apheresis",
    "manufacturing": None,
    "product_shipment": None,
    "product_receipt": "cell_lab",
    "storage": "cell_lab",
    "lymphodepletion": "ward",
    "conditioning": "ward",
    "marker_test": None,
    "mobilisation": None,
    "post_infusion_drug": "ward",
    "thaw": "cell_lab",
    "infusion": "ward",
    "monitoring": "ward",
    "follow_up": "ward",
}

#: Days shown after the infusion at least (the labels' monitoring and stay-near periods).
MIN_DAYS_AFTER_INFUSION = 28

_PLANNED = QColor("#2b5797")
_ACTUAL = QColor("#2b5797")
_CLOSED = QColor("#d9d9d9")
_TODAY = QColor("#a33a2c")
_GRID = QColor("#e4e4e4")
_GHOST = QColor("#6b6b6b")


@dataclass(frozen=True)
class Span:
    """Inclusive local days of one bar."""

    first: date
    last: date


def planned_span(e: Event, tz) -> Span:
    first = timeutil.local_day(e.start, tz)
    last = timeutil.local_day(e.end, tz) if e.end is not None else first
    return Span(first, max(first, last))


def actual_span(e: Event, tz, today: date) -> tuple[Span, bool] | None:
    """The span that happened, and whether it is still going on (no actual end yet)."""
    if e.actual_start is None:
        return None
    first = timeutil.local_day(e.actual_start, tz)
    if e.actual_end is not None:
        return Span(first, max(first, timeutil.local_day(e.actual_end, tz))), False
    if e.end is not None and timeutil.local_day(e.end, tz) > first:
        # Started, not finished (manufacturing, monitoring): filled up to today.
        return Span(first, max(first, min(today, timeutil.local_day(e.end, tz)))), True
    return Span(first, first), False


class TimelineWidget(QWidget):
    """The painted timeline; put it in a :class:`TimelineArea` to scroll it with the names kept in view."""

    eventMoved = Signal(str, int)
    eventSelected = Signal(str)

    NAME_W = 210
    DAY_W = 30
    ROW_H = 28
    HEAD_ROW_H = 18
    HEAD_H = 3 * HEAD_ROW_H + 4
    LEGEND_H = 28

    def __init__(self, lang: str = "en", parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.pathway: Pathway | None = None
        self.calendar: SiteCalendar | None = None
        self.today = date.today()
        self.editable = False
        self._findings: dict[str, Severity] = {}
        self._events: list[Event] = []
        self._first = self._last = self.today
        self._selected: str | None = None
        self._drag: tuple[str, int] | None = None  # label, press x
        self._drag_days = 0
        self._locale = QLocale(QLocale.Language.Swedish if lang == "sv" else QLocale.Language.English)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Pathway timeline"))

    # -- data -----------------------------------------------------------------------

    def set_pathway(
        self,
        pathway: Pathway | None,
        calendar: SiteCalendar | None = None,
        today: date | None = None,
        findings: Iterable[Finding] = (),
        editable: bool = False,
    ) -> None:
        self.pathway = pathway
        self.calendar = calendar
        if today is not None:
            self.today = today
        self.editable = editable
        self._findings = {}
        for f in findings:
            if f.event:
                now = self._findings.get(f.event)
                if now is None or f.severity.rank < now.rank:
                    self._findings[f.event] = f.severity
        self._events = list(pathway.events) if pathway is not None else []
        if self._selected not in {e.label for e in self._events}:
            self._selected = None
        self._drag = None
        self._drag_days = 0
        self._compute_range()
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.update()

    def _compute_range(self) -> None:
        p = self.pathway
        if p is None or not self._events:
            self._first = self._last = self.today
            return
        tz = p.tz
        firsts, lasts = [], []
        for e in self._events:
            ps = planned_span(e, tz)
            firsts.append(ps.first)
            lasts.append(ps.last)
            a = actual_span(e, tz, self.today)
            if a is not None:
                firsts.append(a[0].first)
                lasts.append(a[0].last)
        last = max(lasts)
        d0 = p.infusion_day()
        if d0 is not None:
            last = max(last, d0 + timedelta(days=MIN_DAYS_AFTER_INFUSION))
        # A day of margin each side so that the first and last bars can be dragged.
        self._first = min(firsts) - timedelta(days=1)
        self._last = last + timedelta(days=1)

    # -- geometry (public: tests and the view use it) ---------------------------------

    @property
    def first_day(self) -> date:
        return self._first

    @property
    def last_day(self) -> date:
        return self._last

    def day_count(self) -> int:
        return (self._last - self._first).days + 1

    def day_left(self, day: date) -> int:
        return self.NAME_W + (day - self._first).days * self.DAY_W

    def day_center(self, day: date) -> int:
        return self.day_left(day) + self.DAY_W // 2

    def day_at(self, x: int) -> date | None:
        if x < self.NAME_W:
            return None
        d = self._first + timedelta(days=(x - self.NAME_W) // self.DAY_W)
        return d if d <= self._last else None

    def row_of(self, label: str) -> int | None:
        for i, e in enumerate(self._events):
            if e.label == label:
                return i
        return None

    def row_top(self, row: int) -> int:
        return self.HEAD_H + row * self.ROW_H

    def planned_rect(self, label: str) -> QRect:
        """Where the planned bar of *label* is drawn (empty when there is no such event)."""
        row = self.row_of(label)
        if row is None or self.pathway is None:
            return QRect()
        span = planned_span(self._events[row], self.pathway.tz)
        return self._bar(span, row)

    def _bar(self, span: Span, row: int, inset: int = 4) -> QRect:
        left = self.day_left(span.first) + 2
        right = self.day_left(span.last) + self.DAY_W - 2
        return QRect(left, self.row_top(row) + inset, right - left, self.ROW_H - 2 * inset)

    def label_at(self, pos: QPoint) -> str | None:
        if pos.y() < self.HEAD_H:
            return None
        row = (pos.y() - self.HEAD_H) // self.ROW_H
        return self._events[row].label if 0 <= row < len(self._events) else None

    def movable(self, label: str) -> bool:
        row = self.row_of(label)
        return self.editable and row is not None and not self._events[row].happened

    def selected(self) -> str | None:
        return self._selected

    def select(self, label: str | None) -> None:
        if label != self._selected:
            self._selected = label
            self.update()
            if label is not None:
                self.eventSelected.emit(label)

    def sizeHint(self) -> QSize:
        return QSize(
            self.NAME_W + self.day_count() * self.DAY_W + 1,
            self.HEAD_H + max(1, len(self._events)) * self.ROW_H + self.LEGEND_H,
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # -- text -------------------------------------------------------------------------------

    def _day_number_text(self, day: date) -> str:
        n = self.pathway.day_number(day) if self.pathway is not None else None
        if n is None:
            return ""
        return f"{n:+d}" if n else "0"

    def _closed(self, day: date, activity: str | None) -> str | None:
        if self.calendar is None or activity is None:
            return None
        if self.calendar.is_open(day, activity):
            return None
        return self.calendar.closed_reason(day, activity, self.lang) or self.tr("closed")

    def _time_text(self, e: Event) -> str:
        tz = self.pathway.tz  # type: ignore[union-attr]
        parts = []
        if isinstance(e.start, datetime):
            parts.append(self.tr("planned {0}").format(timeutil.format_clock(e.start, tz)))
        if e.actual_start is not None:
            if isinstance(e.actual_start, datetime):
                parts.append(self.tr("actual {0}").format(timeutil.format_clock(e.actual_start, tz)))
            else:
                parts.append(self.tr("done"))
        return " · ".join(parts)

    def tooltip_for(self, pos: QPoint) -> str:
        if self.pathway is None:
            return ""
        day = self.day_at(pos.x())
        label = self.label_at(pos)
        tz = self.pathway.tz
        lines = []
        if label is not None:
            e = self._events[self.row_of(label)]  # type: ignore[index]
            lines.append(event_title(e.label, e.extra, self.lang))
            planned = timeutil.format_human(e.start, tz)
            if e.end is not None:
                planned += " – " + timeutil.format_human(e.end, tz)
            lines.append(self.tr("Planned: {0}").format(planned))
            if e.actual_start is not None:
                actual = timeutil.format_human(e.actual_start, tz)
                if e.actual_end is not None:
                    actual += " – " + timeutil.format_human(e.actual_end, tz)
                lines.append(self.tr("Actual: {0}").format(actual))
            sev = self._findings.get(e.label)
            if sev is not None:
                lines.append(self.tr("{0}: see the findings list").format(severity_word(sev)))
            if self.movable(label):
                lines.append(self.tr("Drag to move by whole days"))
        if day is not None:
            dn = self._day_number_text(day)
            head = f"{day.isoformat()} {self._locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat)}"
            if dn:
                head += " · " + self.tr("day {0}").format(dn)
            lines.append(head)
            row = self.row_of(label) if label is not None else None
            activity = KIND_ACTIVITY.get(self._events[row].kind) if row is not None else "ward"
            reason = self._closed(day, activity)
            if reason:
                lines.append(self.tr("Closed: {0}").format(reason))
            if day == self.today:
                lines.append(self.tr("Today"))
        return "\n".join(lines)

    # -- painting --------------------------------------------------------------------------

    def _name_column_left(self) -> int:
        """Where the event names are drawn: kept at the visible left edge when scrolled."""
        return max(0, self.visibleRegion().boundingRect().left())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, p: QPainter) -> None:
        pal = self.palette()
        p.fillRect(self.rect(), pal.base())
        if self.pathway is None or not self._events:
            p.setPen(pal.text().color())
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No events to show."))
            return
        tz = self.pathway.tz
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1.5))
        bold_small = QFont(small)
        bold_small.setBold(True)
        n_days = self.day_count()
        rows_bottom = self.row_top(len(self._events))
        days = [self._first + timedelta(days=i) for i in range(n_days)]

        # Closed days per row, hatched (the pattern, not only the tone, says "closed").
        hatch = QBrush(_CLOSED, Qt.BrushStyle.BDiagPattern)
        for row, e in enumerate(self._events):
            activity = KIND_ACTIVITY.get(e.kind)
            if activity is None:
                continue
            for d in days:
                if self._closed(d, activity):
                    p.fillRect(QRect(self.day_left(d), self.row_top(row), self.DAY_W, self.ROW_H), hatch)

        # Grid, header and day numbers.
        p.setFont(small)
        fm = QFontMetrics(small)
        for d in days:
            x = self.day_left(d)
            closed = self._closed(d, "ward")
            head = QRect(x, self.HEAD_ROW_H, self.DAY_W, self.HEAD_ROW_H)
            if closed:
                p.fillRect(QRect(x, self.HEAD_ROW_H, self.DAY_W, 2 * self.HEAD_ROW_H), QColor("#efefef"))
            p.setPen(_GRID)
            p.drawLine(x, self.HEAD_ROW_H, x, rows_bottom)
            if d.day == 1:  # the month of the first visible day is named in the names column
                p.setPen(pal.text().color())
                p.setFont(bold_small)
                month = f"{self._locale.standaloneMonthName(d.month)} {d.year}"
                p.drawText(QRect(x + 3, 0, 12 * self.DAY_W, self.HEAD_ROW_H),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, month)
                p.setPen(QPen(pal.text().color(), 1))
                p.drawLine(x, 2, x, self.HEAD_ROW_H)
                p.setFont(small)
            if d == self.today:
                pill = head.adjusted(3, 1, -3, -1)
                p.setBrush(_TODAY)
                p.setPen(Qt.PenStyle.NoPen)
                p.drawRoundedRect(pill, 4, 4)
                p.setPen(QColor("white"))
                p.setFont(bold_small)
                p.drawText(head, Qt.AlignmentFlag.AlignCenter, str(d.day))
                p.setFont(small)
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.setPen(pal.text().color() if not closed else pal.placeholderText().color())
                p.drawText(head, Qt.AlignmentFlag.AlignCenter, str(d.day))
            dn = self._day_number_text(d)
            if dn:
                p.setPen(pal.text().color())
                p.setFont(bold_small if dn == "0" else small)
                p.drawText(QRect(x, 2 * self.HEAD_ROW_H, self.DAY_W, self.HEAD_ROW_H),
                           Qt.AlignmentFlag.AlignCenter, dn)
                p.setFont(small)
        p.setPen(pal.mid().color())
        p.drawLine(self.NAME_W, self.HEAD_H - 2, self.width(), self.HEAD_H - 2)

        # Rows.
        font = self.font()
        for row, e in enumerate(self._events):
            top = self.row_top(row)
            p.setPen(_GRID)
            p.drawLine(self.NAME_W, top + self.ROW_H, self.width(), top + self.ROW_H)
            if e.label == self._selected:
                sel = QColor(pal.highlight().color())
                sel.setAlpha(40)
                p.fillRect(QRect(self.NAME_W, top, self.width() - self.NAME_W, self.ROW_H), sel)
            planned = self._bar(planned_span(e, tz), row)
            p.setBrush(pal.base())
            p.setPen(QPen(_PLANNED, 2))
            p.drawRect(planned)
            actual = actual_span(e, tz, self.today)
            if actual is not None:
                span, ongoing = actual
                bar = self._bar(span, row, inset=9)
                p.fillRect(bar, _ACTUAL)
                if ongoing:
                    # An open end: the step has started and not finished.
                    p.setPen(QPen(_ACTUAL, 2, Qt.PenStyle.DotLine))
                    p.drawLine(bar.right(), bar.center().y(), planned.right(), bar.center().y())
            text = self._time_text(e)
            if text:
                p.setFont(small)
                p.setPen(pal.text().color())
                w = fm.horizontalAdvance(text) + 6
                if planned.right() + w < self.width():
                    r = QRect(planned.right() + 6, top, w, self.ROW_H)
                else:
                    r = QRect(planned.left() - w - 4, top, w, self.ROW_H)
                p.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

        # What a drag would do.
        if self._drag is not None and self._drag_days:
            row = self.row_of(self._drag[0])
            if row is not None:
                span = planned_span(self._events[row], tz)
                moved = Span(span.first + timedelta(days=self._drag_days), span.last + timedelta(days=self._drag_days))
                ghost = self._bar(moved, row)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.setPen(QPen(_GHOST, 2, Qt.PenStyle.DashLine))
                p.drawRect(ghost)
                p.setPen(pal.text().color())
                p.setFont(bold_small)
                tip = self.tr("{0:+d} d → {1}").format(self._drag_days, moved.first.isoformat())
                p.drawText(QRect(ghost.right() + 6, self.row_top(row), 200, self.ROW_H),
                           Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tip)

        # Today: a line through every row.
        if self._first <= self.today <= self._last:
            x = self.day_center(self.today)
            p.setPen(QPen(_TODAY, 2))
            p.drawLine(x, self.HEAD_H - 2, x, rows_bottom)

        # The names column, kept in view.
        left = self._name_column_left()
        p.fillRect(QRect(left, 0, self.NAME_W, rows_bottom + 1), pal.window())
        p.setPen(pal.mid().color())
        p.drawLine(left + self.NAME_W - 1, 0, left + self.NAME_W - 1, rows_bottom)
        # The month of the first visible day, which may have scrolled out of view with its label.
        first_visible = self.day_at(left + self.NAME_W) or self._first
        p.setFont(bold_small)
        p.setPen(pal.text().color())
        p.drawText(QRect(left + 6, 0, self.NAME_W - 10, self.HEAD_ROW_H),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   f"{self._locale.standaloneMonthName(first_visible.month)} {first_visible.year}")
        p.setFont(small)
        p.drawText(QRect(left + 6, self.HEAD_ROW_H, self.NAME_W - 10, self.HEAD_ROW_H),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.tr("date"))
        p.drawText(QRect(left + 6, 2 * self.HEAD_ROW_H, self.NAME_W - 10, self.HEAD_ROW_H),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.tr("label day"))
        name_fm = QFontMetrics(font)
        for row, e in enumerate(self._events):
            top = self.row_top(row)
            if e.label == self._selected:
                p.fillRect(QRect(left, top, self.NAME_W - 1, self.ROW_H), pal.highlight())
                p.setPen(pal.highlightedText().color())
            else:
                p.setPen(pal.text().color())
            x = left + 6
            sev = self._findings.get(e.label)
            if sev is not None:
                severity_icon(sev).paint(p, QRect(x, top + (self.ROW_H - 16) // 2, 16, 16))
            x += 20
            name = event_title(e.label, e.extra, self.lang)
            if e.happened:
                name = "✓ " + name
            p.setFont(font)
            p.drawText(QRect(x, top, self.NAME_W - x + left - 4, self.ROW_H),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       name_fm.elidedText(name, Qt.TextElideMode.ElideRight, self.NAME_W - x + left - 6))

        self._paint_legend(p, left, rows_bottom, small)

    def _paint_legend(self, p: QPainter, left: int, top: int, font: QFont) -> None:
        pal = self.palette()
        p.fillRect(QRect(left, top + 1, self.width() - left, self.LEGEND_H), pal.window())
        p.setFont(font)
        fm = QFontMetrics(font)
        y = top + 6
        h = self.LEGEND_H - 12
        x = left + 8
        items = [
            ("planned", self.tr("planned")),
            ("actual", self.tr("happened")),
            ("closed", self.tr("unit closed")),
            ("today", self.tr("today")),
        ]
        if self.editable:
            items.append(("drag", self.tr("drag a planned bar to move it by days")))
        for kind, text in items:
            box = QRect(x, y, 22, h)
            if kind == "planned":
                p.setPen(QPen(_PLANNED, 2))
                p.setBrush(pal.base())
                p.drawRect(box)
            elif kind == "actual":
                p.fillRect(box.adjusted(0, 4, 0, -4), _ACTUAL)
            elif kind == "closed":
                p.fillRect(box, QBrush(_CLOSED, Qt.BrushStyle.BDiagPattern))
                p.setPen(pal.mid().color())
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(box)
            elif kind == "today":
                p.setPen(QPen(_TODAY, 2))
                p.drawLine(box.center().x(), box.top(), box.center().x(), box.bottom())
            else:
                box = QRect(x, y, 0, h)
            p.setPen(pal.text().color())
            x = box.right() + 6
            w = fm.horizontalAdvance(text)
            p.drawText(QRect(x, top, w + 2, self.LEGEND_H), Qt.AlignmentFlag.AlignVCenter, text)
            x += w + 18

    # -- interaction --------------------------------------------------------------------------

    def event(self, ev) -> bool:  # noqa: A003 - Qt override
        if ev.type() == ev.Type.ToolTip:
            text = self.tooltip_for(ev.pos())
            if text:
                QToolTip.showText(ev.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(ev)

    def mousePressEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if ev.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(ev)
        pos = ev.position().toPoint()
        label = self.label_at(pos)
        self.select(label)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if label is not None and self.movable(label) and self.planned_rect(label).adjusted(-3, 0, 3, 0).contains(pos):
            self._drag = (label, pos.x())
            self._drag_days = 0
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        ev.accept()

    def mouseMoveEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 - Qt override
        pos = ev.position().toPoint()
        if self._drag is not None:
            # Round to the nearest whole day: a drag moves an event by days, never hours.
            days = round((pos.x() - self._drag[1]) / self.DAY_W)
            if days != self._drag_days:
                self._drag_days = days
                self.update()
            return
        label = self.label_at(pos)
        over = label is not None and self.movable(label) and self.planned_rect(label).adjusted(-3, 0, 3, 0).contains(pos)
        self.setCursor(Qt.CursorShape.OpenHandCursor if over else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, ev: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._drag is None:
            return super().mouseReleaseEvent(ev)
        label, x0 = self._drag
        days = round((ev.position().toPoint().x() - x0) / self.DAY_W)
        self._drag = None
        self._drag_days = 0
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.update()
        if days:
            self.eventMoved.emit(label, days)

    def keyPressEvent(self, ev: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = ev.key()
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self._drag = None
            self._drag_days = 0
            self.setCursor(Qt.CursorShape.ArrowCursor)
            self.update()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._events:
            row = self.row_of(self._selected) if self._selected else None
            if row is None:
                row = 0
            else:
                row = max(0, min(len(self._events) - 1, row + (1 if key == Qt.Key.Key_Down else -1)))
            self.select(self._events[row].label)
            return
        if (key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and ev.modifiers() & Qt.KeyboardModifier.AltModifier
                and self._selected and self.movable(self._selected)):
            self.eventMoved.emit(self._selected, 1 if key == Qt.Key.Key_Right else -1)
            return
        super().keyPressEvent(ev)


class TimelineArea(QScrollArea):
    """A :class:`TimelineWidget` that scrolls sideways; the event names stay in view."""

    def __init__(self, lang: str = "en", parent: QWidget | None = None):
        super().__init__(parent)
        self.timeline = TimelineWidget(lang)
        self.setWidget(self.timeline)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # The names column is painted at the visible left edge, so it must repaint on scroll.
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.timeline.update())

    def scroll_to_day(self, day: date, fraction: float = 0.3) -> None:
        """Show *day* (e.g. today) a *fraction* into the visible days, so some of the past stays in view."""
        t = self.timeline
        if not (t.first_day <= day <= t.last_day):
            return
        visible_days = max(1, (self.viewport().width() - t.NAME_W) // t.DAY_W)
        x = t.day_left(day) - t.NAME_W - int(visible_days * fraction) * t.DAY_W
        self.horizontalScrollBar().setValue(max(0, x))

    def sizeHint(self) -> QSize:
        hint = self.timeline.sizeHint()
        return QSize(min(hint.width(), 900), hint.height() + self.horizontalScrollBar().sizeHint().height() + 4)

