"""Dialogs around one pathway: record actual times, cancel with a reason, replan, register a patient.

Each dialog does one service call when the user confirms; a refusal (wrong
role, a stale version, bad input) is shown inside the dialog in one line and
the dialog stays open with what was typed, so nothing is lost. On success the
dialog keeps the result (``saved``, ``created_patient``) and closes with
``accept()``; the caller reloads and calls ``ctx.notify_changed()``.

Dialogs are opened with ``open()`` by the views (never a nested event loop),
so tests can drive them like a user.
"""

from __future__ import annotations

import logging
import re
import weakref
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.findings import Finding
from atmp_desktop.domain.identifiers import IdentifierError, parse_patient_id
from atmp_desktop.domain.messages import STAGE_NAMES, event_name
from atmp_desktop.domain.pathway import Pathway
from atmp_desktop.domain.replan import Change, Proposal, ReplanError, propose
from atmp_desktop.domain.timeutil import TimeError, When
from atmp_desktop.services import ACTUAL_PERMISSION, REFUSALS, ConflictError, Permission, ValidationError
from atmp_desktop.storage.records import Patient, StoredPathway
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message
from atmp_desktop.ui.findings import FindingsList, message_icon
from atmp_desktop.ui.signin import role_name

log = logging.getLogger(__name__)

# -- small shared pieces ------------------------------------------------------------------------

_WHEN_SHAPE = re.compile(r"^\s*\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?\s*$")


class InputError(ValueError):
    """Something typed that cannot be used; the message is one translated line."""


def parse_user_when(text: str, tz, what: str) -> When:
    """A date (``2026-12-01``) or a local date and time (``2026-12-01 09:15``) typed by a user."""
    text = (text or "").strip()
    if not _WHEN_SHAPE.match(text):
        raise InputError(QCoreApplication.translate(
            "PathwayInput", "{0}: \"{1}\" is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM)"
        ).format(what, text))
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d:", text):
        text = text[:11] + "0" + text[11:]  # "9:15" is how people type it
    try:
        return timeutil.parse_when(text, tz, what)
    except TimeError as exc:
        raise InputError(refusal_message(exc)) from None  # in the UI language


def parse_user_date(text: str, what: str) -> date:
    text = (text or "").strip()
    try:
        return timeutil.parse_date(text, what)
    except TimeError:
        raise InputError(QCoreApplication.translate(
            "PathwayInput", "{0}: \"{1}\" is not a date (YYYY-MM-DD)").format(what, text)) from None


def when_text(value: When | None, tz) -> str:
    """How a date or moment is shown and edited: ISO date, 24-hour local time."""
    return "" if value is None else timeutil.format_human(value, tz)


def ordered(start: When, end: When | None, tz) -> bool:
    """True when *end* is not before *start* (days compared as local days)."""
    if end is None:
        return True
    if isinstance(start, datetime) and isinstance(end, datetime):
        return end >= start
    return timeutil.local_day(end, tz) >= timeutil.local_day(start, tz)


def user_name(services, username: str | None) -> str:
    """Who did something, in the UI language: "Display Name (role)" when the store knows the user.

    The role is translated (:func:`~atmp_desktop.ui.signin.role_name`); the
    username follows it when it is not just the role's English name:
    "Johan Ek (sjuksköterska, nurse2)", "Sara Berg (sjuksköterska)".
    """
    if not username:
        return ""
    try:
        user = services.users.get(username)
    except Exception:  # an unknown or imported name is shown as it is
        user = None
    if user is None:
        return username
    role = getattr(user, "role", None)
    if not role:
        return f"{user.display_name} ({username})"
    about = role_name(role) if username == role else f"{role_name(role)}, {username}"
    return f"{user.display_name} ({about})"


def conflict_text(services, exc: ConflictError, tz=None) -> str:
    """The conflict in the UI language: who saved the pathway, and when, after it was opened."""
    tz = tz or timeutil.zone(timeutil.DEFAULT_TIMEZONE)
    when = timeutil.format_human(exc.changed_at, tz) if exc.changed_at else "?"
    return QCoreApplication.translate(
        "PathwayInput",
        "Not saved: {0} changed this pathway at {1}, after you opened it (now version {2}). "
        "Your changes are kept here; reload to see theirs, then apply yours again.",
    ).format(user_name(services, exc.changed_by) or "?", when, exc.current_version if exc.current_version else "?")


def refusal_text(services, exc: BaseException, tz=None, lang: str | None = None) -> str:
    """A refusal in the UI language *lang*: a conflict says who saved first; any other, its own line."""
    if isinstance(exc, ConflictError):
        return conflict_text(services, exc, tz)
    return refusal_message(exc, lang)


class MessageBar(QFrame):
    """One line of feedback with an icon and a word (never colour alone), and optional action buttons."""

    LEVELS = ("error", "warning", "info", "success")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons: list[QPushButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.icon)
        self._layout.addWidget(self.text, 1)
        close = QPushButton(self.tr("Dismiss"))
        close.setFlat(True)
        close.clicked.connect(self.clear)
        self._layout.addWidget(close)
        self.level: str | None = None
        self.hide()

    def show_message(self, level: str, text: str, actions: Sequence[tuple[str, Callable[[], None]]] = ()) -> None:
        self.level = level
        word = {
            "error": self.tr("Not done"),
            "warning": self.tr("Warning"),
            "info": self.tr("Note"),
            "success": self.tr("Done"),
        }[level]
        self.icon.setPixmap(message_icon(level).pixmap(20, 20))
        self.text.setText(f"<b>{word}:</b> {_escape(text)}")
        for b in self._buttons:
            self._layout.removeWidget(b)
            b.deleteLater()
        self._buttons = []
        for i, (label, callback) in enumerate(actions):
            b = QPushButton(label)
            b.clicked.connect(callback)
            self._layout.insertWidget(2 + i, b)
            self._buttons.append(b)
        self.show()

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def clear(self) -> None:
        self.level = None
        self.text.setText("")
        self.hide()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


#: One capacity service per Services object when the facade does not carry one (its cache is per instance).


def capacity_service(services) -> Any | None:
    """The window's capacity service, or None when it cannot start (planning goes on without it)."""
    try:
        return services.capacity
    except Exception:  # noqa: BLE001 - a capacity service that cannot start must not stop planning
        log.exception("capacity service unusable")
        return None


#: Sites whose capacity the service has counted once (later calls reuse and reconcile its cache).
_COUNTED: "weakref.WeakKeyDictionary[Any, set[str]]" = weakref.WeakKeyDictionary()


def capacity_counted(services, site: str) -> bool:
    """True when asking for *site*'s capacity is cheap now (it has been counted once)."""
    return site in _COUNTED.get(services, set())


def count_capacity(services, site: str) -> bool:
    """Count *site*'s capacity use once (about a second on a 10,000-pathway store); False without a service."""
    cap = capacity_service(services)
    if cap is None or not hasattr(cap, "load"):
        return False
    try:
        cap.load(site)
    except REFUSALS:
        return False
    _COUNTED.setdefault(services, set()).add(site)
    return True


def capacity_findings(services, site: str, pathway_id: int | None, pathway: Pathway) -> list[Finding]:
    """``CAPACITY`` findings of *pathway* (edited or new) as if it replaced *pathway_id*'s use.

    Empty until the site has been counted (:func:`count_capacity`): the first
    count is slow, so views ask for it after they have painted, not on every edit.
    """
    if not capacity_counted(services, site):
        return []
    cap = capacity_service(services)
    try:
        load = cap.load(site)  # type: ignore[union-attr]
        return load.findings_for("new" if pathway_id is None else str(pathway_id), pathway)
    except REFUSALS:
        return []


def site_load(services, site: str):
    """The site's capacity use (a ``domain.capacity.Load``), or None when the site has no resources."""
    cap = capacity_service(services)
    if cap is not None and hasattr(cap, "load"):
        load = cap.load(site)
        _COUNTED.setdefault(services, set()).add(site)
        return load
    from atmp_desktop.domain.capacity import Load

    resources = services.resources.list(site)
    if not resources:
        return None
    active = {str(sp.id): sp.pathway for sp in services.pathways.load_all(site=site) if sp.stage != "cancelled"}
    return Load.build(resources, active, services.sites.calendar(site), services.products.catalogue())


def default_site(ctx: UiContext) -> str | None:
    """The site chosen in the window, else the signed-in user's own site."""
    if ctx.site:
        return ctx.site
    session = ctx.services.session
    if session is None:
        return None
    try:
        user = ctx.services.users.get(session.username)
    except REFUSALS:
        return None
    return getattr(user, "site", None)


def _can(ctx: UiContext, *perms: Permission) -> bool:
    session = ctx.services.session
    return bool(session is not None and session.can(*perms))


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    f = QFont(label.font())
    f.setBold(True)
    label.setFont(f)
    return label


# -- record actual times --------------------------------------------------------------------------

_CELL_LAB_KINDS = ("product_receipt", "storage", "thaw")


class RecordActualDialog(QDialog):
    """Record when an event really happened, by the role that records it.

    Pharmacists record product receipt, storage and thaw (with the dry
    shipper's hold time, storage temperatures, the product's expiry and the
    chain-of-identity number); nurses apheresis, lymphodepletion, infusion and
    monitoring; coordinators manufacturing, shipment and follow-up.
    """

    def __init__(self, ctx: UiContext, sp: StoredPathway, label: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.sp = sp
        self.saved: StoredPathway | None = None
        self.tz = sp.pathway.tz
        self.setWindowTitle(self.tr("Record what happened"))
        session = ctx.services.session
        perms = session.permissions if session is not None else frozenset()
        self.events = [e for e in sp.pathway.events if ACTUAL_PERMISSION[e.kind] in perms]

        self.bar = MessageBar()
        self.event = QComboBox()
        for e in self.events:
            text = event_name(e.label, ctx.lang) + " · " + self.tr("planned {0}").format(when_text(e.start, self.tz))
            if e.happened:
                text += " · " + self.tr("recorded")
            self.event.addItem(text, e.label)
        self.start = QLineEdit()
        self.start.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.now = QPushButton(self.tr("Now"))
        self.now.clicked.connect(self._now)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start, 1)
        start_row.addWidget(self.now)
        self.end = QLineEdit()
        self.end.setPlaceholderText(self.tr("optional"))
        self.note = QLineEdit()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("optional, goes into the audit trail"))

        # The cell lab's extra records.
        self.hold = QLineEdit()
        self.hold.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.max_temp = QLineEdit()
        self.max_temp.setPlaceholderText(self.tr("e.g. -175"))
        self.reading_time = QLineEdit()
        self.reading_time.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.reading_c = QLineEdit()
        self.reading_c.setPlaceholderText("°C")
        reading_row = QHBoxLayout()
        reading_row.addWidget(self.reading_time, 2)
        reading_row.addWidget(self.reading_c, 1)
        self.readings = QLabel()
        self.expiry = QLineEdit(sp.pathway.product_expiry.isoformat() if sp.pathway.product_expiry else "")
        self.expiry.setPlaceholderText("YYYY-MM-DD")
        self.coi = QLineEdit(sp.pathway.coi_id or "")

        form = QFormLayout()
        form.addRow(self.tr("Event"), self.event)
        form.addRow(self.tr("Actual start"), start_row)
        form.addRow(self.tr("Actual end"), self.end)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Reason"), self.reason)
        self.cell_lab = QGroupBox(self.tr("Cell lab"))
        lab = QFormLayout(self.cell_lab)
        self._hold_label = QLabel(self.tr("Dry shipper hold until"))
        lab.addRow(self._hold_label, self.hold)
        self._max_label = QLabel(self.tr("Highest storage temperature (°C)"))
        lab.addRow(self._max_label, self.max_temp)
        self._reading_label = QLabel(self.tr("Add a temperature reading"))
        lab.addRow(self._reading_label, reading_row)
        lab.addRow("", self.readings)
        lab.addRow(self.tr("Product expiry"), self.expiry)
        lab.addRow(self.tr("Chain-of-identity number"), self.coi)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Record"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._record)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        if not self.events:
            layout.addWidget(QLabel(self.tr("Your role does not record the times of any event of this pathway.")))
            self.ok.setEnabled(False)
        layout.addLayout(form)
        layout.addWidget(self.cell_lab)
        layout.addWidget(self.buttons)

        self.event.currentIndexChanged.connect(self._event_changed)
        if label is not None:
            i = self.event.findData(label)
            if i >= 0:
                self.event.setCurrentIndex(i)
        elif self.events:
            first_open = next((i for i, e in enumerate(self.events) if not e.happened), 0)
            self.event.setCurrentIndex(first_open)
        self._event_changed()
        self.resize(560, self.sizeHint().height())

    def current_event(self):
        label = self.event.currentData()
        return next((e for e in self.events if e.label == label), None)

    def _event_changed(self) -> None:
        e = self.current_event()
        if e is None:
            self.cell_lab.setVisible(False)
            return
        self.start.setText(when_text(e.actual_start if e.actual_start is not None else e.start, self.tz))
        self.end.setText(when_text(e.actual_end, self.tz))
        self.note.setText(e.note or "")
        cell = e.kind in _CELL_LAB_KINDS
        self.cell_lab.setVisible(cell)
        for w in (self._hold_label, self.hold):
            w.setVisible(e.kind == "product_receipt")
        for w in (self._max_label, self.max_temp, self._reading_label, self.reading_time, self.reading_c, self.readings):
            w.setVisible(e.kind == "storage")
        self.hold.setText(when_text(e.shipper_hold_until, self.tz))
        self.max_temp.setText("" if e.max_temperature_c is None else f"{e.max_temperature_c:g}")
        self.readings.setText(self.tr("{0} readings logged").format(len(e.temperatures)))
        self.adjustSize()

    def _now(self) -> None:
        now = datetime.now(self.tz)
        self.start.setText(f"{now:%Y-%m-%d %H:%M}")

    def _number(self, text: str, what: str) -> float | None:
        text = text.strip().replace(",", ".").replace("−", "-")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise InputError(self.tr("{0}: \"{1}\" is not a number").format(what, text)) from None

    def _record(self) -> None:
        e = self.current_event()
        if e is None:
            return
        try:
            start = parse_user_when(self.start.text(), self.tz, self.tr("actual start"))
            end = parse_user_when(self.end.text(), self.tz, self.tr("actual end")) if self.end.text().strip() else None
            if not ordered(start, end, self.tz):
                raise InputError(self.tr("The actual end {0} is before the actual start {1}.").format(
                    when_text(end, self.tz), when_text(start, self.tz)))
            kwargs: dict[str, Any] = {}
            note = self.note.text().strip()
            if note != (e.note or ""):
                kwargs["note"] = note
            if e.kind in _CELL_LAB_KINDS:
                if e.kind == "product_receipt" and self.hold.text().strip():
                    hold = parse_user_when(self.hold.text(), self.tz, self.tr("dry shipper hold"))
                    if not isinstance(hold, datetime):
                        raise InputError(self.tr("The dry shipper hold needs a time as well as a date."))
                    kwargs["shipper_hold_until"] = hold
                if e.kind == "storage":
                    highest = self._number(self.max_temp.text(), self.tr("highest storage temperature"))
                    if highest is not None:
                        kwargs["max_temperature_c"] = highest
                    c = self._number(self.reading_c.text(), self.tr("temperature"))
                    if c is not None or self.reading_time.text().strip():
                        if c is None:
                            raise InputError(self.tr("A temperature reading needs the temperature in °C."))
                        t = parse_user_when(self.reading_time.text(), self.tz, self.tr("reading time"))
                        if not isinstance(t, datetime):
                            raise InputError(self.tr("A temperature reading needs a time as well as a date."))
                        kwargs["temperatures"] = [*e.temperatures, (t, c)]
                expiry = self.expiry.text().strip()
                if expiry:
                    day = parse_user_date(expiry, self.tr("product expiry"))
                    if day != self.sp.pathway.product_expiry:
                        kwargs["product_expiry"] = day
                coi = self.coi.text().strip()
                if coi and coi != (self.sp.pathway.coi_id or ""):
                    kwargs["coi_id"] = coi
        except InputError as exc:
            self.bar.show_message("error", str(exc))
            return
        try:
            self.saved = self.ctx.services.pathways.record_actual(
                self.sp.id, self.sp.version, e.label, start, end,
                reason=self.reason.text().strip() or None, **kwargs,
            )
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_text(self.ctx.services, exc, self.tz, self.ctx.lang))
            return
        self.accept()


# -- cancel ------------------------------------------------------------------------------------------


class CancelPathwayDialog(QDialog):
    """Cancel a pathway (coordinators); the reason is required and goes into the audit trail."""

    def __init__(self, ctx: UiContext, sp: StoredPathway, patient: Patient | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.sp = sp
        self.saved: StoredPathway | None = None
        self.setWindowTitle(self.tr("Cancel pathway"))
        self.bar = MessageBar()
        who = f"{patient.full_name} ({patient.display_identifier})" if patient is not None else ""
        intro = QLabel(self.tr("Cancel pathway {0} ({1}) of {2}? Its events stay in the record; "
                               "it no longer counts in lists, capacity or checklists.").format(
            sp.id, sp.product, who))
        intro.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why is the pathway cancelled? (required)"))
        self.reason.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox()
        self.keep = self.buttons.addButton(self.tr("Keep the pathway"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok = self.buttons.addButton(self.tr("Cancel the pathway"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.ok.setEnabled(False)
        self.ok.clicked.connect(self._cancel)
        self.keep.clicked.connect(self.reject)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(intro)
        layout.addWidget(_heading(self.tr("Reason")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(520, 300)

    def _cancel(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            self.bar.show_message("error", self.tr("A reason is required to cancel a pathway."))
            return
        try:
            self.saved = self.ctx.services.pathways.cancel(self.sp.id, self.sp.version, reason)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_text(self.ctx.services, exc, self.sp.pathway.tz, self.ctx.lang))
            return
        self.accept()


# -- replan -----------------------------------------------------------------------------------------


class ReplanDialog(QDialog):
    """What a delay does to the pathway: the proposal side by side, applied only with a reason.

    The proposal comes from :func:`atmp_desktop.domain.replan.propose` (through
    the capacity service when this build has one, so ``CAPACITY`` findings are
    included); nothing is saved until the coordinator applies it.
    """

    PRESETS = ("manufacturing", "lymphodepletion", "remanufacture", "infusion", "product_receipt", "apheresis")

    def __init__(self, ctx: UiContext, sp: StoredPathway, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.sp = sp
        self.tz = sp.pathway.tz
        self.saved: StoredPathway | None = None
        self.proposal: Proposal | None = None
        self._load = None
        self._load_ready = False
        self.setWindowTitle(self.tr("Replan pathway {0}").format(sp.id))
        names = {
            "manufacturing": self.tr("Manufacturing delayed"),
            "lymphodepletion": self.tr("Patient not fit for lymphodepletion (postpone it)"),
            "remanufacture": self.tr("Product out of specification: remanufactured"),
            "infusion": self.tr("Infusion postponed or brought forward"),
            "product_receipt": self.tr("Product delivery moved"),
            "apheresis": self.tr("Apheresis moved"),
        }
        self.bar = MessageBar()
        self.change = QComboBox()
        for key in self.PRESETS:
            self.change.addItem(names[key], key)
        self.days = QSpinBox()
        self.days.setRange(-60, 60)
        self.days.setValue(5)
        self.days_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.change, 1)
        row.addWidget(self.days_label)
        row.addWidget(self.days)

        self.description = QLabel()
        self.description.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Event"), self.tr("Before"), self.tr("After"), self.tr("Change")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.appeared = FindingsList(ctx.lang)
        self.disappeared = FindingsList(ctx.lang)
        self.remaining = FindingsList(ctx.lang)
        for lst in (self.appeared, self.disappeared, self.remaining):
            lst.setMinimumHeight(60)
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.use_suggestion = QCheckBox(self.tr("Apply the suggested repeat lymphodepletion as well"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why? (required; goes into the audit trail)"))
        note = QLabel(self.tr("Proposal only: nothing is saved until you apply it with a reason."))
        note.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply = self.buttons.addButton(self.tr("Apply the new plan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setEnabled(False)
        self.apply.clicked.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        if not _can(ctx, Permission.PLAN):
            self.apply.setToolTip(self.tr("Only a coordinator may replan a pathway."))

        left = QVBoxLayout()
        left.addWidget(_heading(self.tr("What changes")))
        left.addWidget(self.description)
        left.addWidget(self.table, 1)
        right = QVBoxLayout()
        right.addWidget(_heading(self.tr("Findings that appear")))
        right.addWidget(self.appeared, 2)
        right.addWidget(_heading(self.tr("Findings that disappear")))
        right.addWidget(self.disappeared, 1)
        right.addWidget(_heading(self.tr("Findings that remain")))
        right.addWidget(self.remaining, 1)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        form = QFormLayout()
        form.addRow(self.tr("What happened"), row)
        layout.addLayout(form)
        layout.addLayout(body, 1)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.use_suggestion)
        layout.addWidget(note)
        reason_row = QFormLayout()
        reason_row.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(reason_row)
        layout.addWidget(self.buttons)

        self.change.currentIndexChanged.connect(self._preset_changed)
        self.days.valueChanged.connect(self.recompute)
        self.reason.textChanged.connect(self._update_apply)
        self.use_suggestion.toggled.connect(self._show_findings)
        self.resize(1100, 680)
        self._preset_changed()

    # -- the proposal ------------------------------------------------------------------------

    def set_change(self, event: str, days: int) -> None:
        """Pick a preset and a number of days (as a user would)."""
        self.change.setCurrentIndex(self.change.findData(event))
        self.days.setValue(days)
        self.recompute()

    def _preset_changed(self) -> None:
        event = self.change.currentData()
        if event == "remanufacture":
            self.days.setRange(0, 60)
            self.days_label.setText(self.tr("new run starts days after the first ended"))
        else:
            self.days.setRange(-60, 60)
            self.days_label.setText(self.tr("by days (+ later, − earlier)"))
        self.recompute()

    def _site_load(self):
        if not self._load_ready:
            self._load_ready = True
            try:
                self._load = site_load(self.ctx.services, self.sp.site)
            except REFUSALS:
                self._load = None
        return self._load

    def recompute(self) -> None:
        self.proposal = None
        event, days = self.change.currentData(), self.days.value()
        # The first proposal at a site counts its capacity, which takes a moment.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            change = Change(event, days)
            cap = capacity_service(self.ctx.services)
            if cap is not None and hasattr(cap, "propose_replan"):
                self.proposal = cap.propose_replan(self.sp.id, change, self.ctx.today())
            else:
                svc = self.ctx.services
                self.proposal = propose(
                    self.sp.pathway, change, planner=svc.sites.planner(self.sp.site),
                    profile=svc.pathways.profile_for(self.sp), load=self._site_load(),
                    pathway_id=str(self.sp.id), today=self.ctx.today(),
                )
        except (ReplanError, ValidationError) as exc:
            self.bar.show_message("warning", self.tr("No proposal: {0}").format(refusal_message(exc, self.ctx.lang)))
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
        else:
            self.bar.clear()
        finally:
            QApplication.restoreOverrideCursor()
        self._show()

    def _show(self) -> None:
        p = self.proposal
        self.table.setRowCount(0)
        if p is None:
            self.description.setText("")
            self.suggestion.setText("")
            self.use_suggestion.setVisible(False)
            for lst in (self.appeared, self.disappeared, self.remaining):
                lst.clear()
            self._update_apply()
            return
        self.description.setText(p.description(self.ctx.lang))
        status_text = {
            "moved": self.tr("moved"), "added": self.tr("added"),
            "removed": self.tr("removed"), "unchanged": self.tr("unchanged"),
        }
        bold = QFont(self.table.font())
        bold.setBold(True)
        self.table.setRowCount(len(p.events))
        for row, ch in enumerate(p.events):
            before = self._span(ch.before)
            after = self._span(ch.after)
            status = status_text[ch.status]
            if ch.status == "moved" and ch.before and ch.after:
                delta = (timeutil.local_day(ch.after[0], self.tz) - timeutil.local_day(ch.before[0], self.tz)).days
                if delta:
                    status += " " + self.tr("{0:+d} d").format(delta)
            cells = [event_name(ch.label_after or ch.label_before or ch.kind, self.ctx.lang), before, after, status]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if ch.status != "unchanged":
                    item.setFont(bold)
                self.table.setItem(row, col, item)
        if p.suggestions:
            s = p.suggestions[0]
            self.suggestion.setText(self.tr("Suggestion: {0}").format(s.message(self.ctx.lang)))
            self.use_suggestion.setVisible(s.pathway is not None)
        else:
            self.suggestion.setText("")
            self.use_suggestion.setVisible(False)
            self.use_suggestion.setChecked(False)
        self._show_findings()

    def _span(self, span) -> str:
        return span_text(span, self.tz)

    def _suggestion(self) -> int | None:
        """The index of the suggestion to apply instead of the plain proposal, if ticked."""
        p = self.proposal
        if p is not None and self.use_suggestion.isChecked() and p.suggestions and p.suggestions[0].pathway is not None:
            return 0
        return None

    def chosen(self) -> tuple[Pathway, list[Finding]] | None:
        """The pathway that Apply would save, with its findings."""
        p = self.proposal
        if p is None:
            return None
        i = self._suggestion()
        if i is not None:
            s = p.suggestions[i]
            return s.pathway, s.findings  # type: ignore[return-value]
        return p.pathway, p.findings_after

    def _show_findings(self) -> None:
        p = self.proposal
        if p is None:
            return
        chosen = self.chosen()
        after = chosen[1] if chosen else p.findings_after
        if after is p.findings_after:
            appeared, disappeared, remaining = p.appeared, p.disappeared, p.remaining
        else:
            alt = replace(p, findings_after=after)
            appeared, disappeared, remaining = alt.appeared, alt.disappeared, alt.remaining
        self.appeared.set_findings(appeared)
        self.disappeared.set_findings(disappeared)
        self.remaining.set_findings(remaining)
        self._update_apply()

    def _update_apply(self) -> None:
        self.apply.setEnabled(
            self.proposal is not None and bool(self.reason.text().strip()) and _can(self.ctx, Permission.PLAN))

    def _apply(self) -> None:
        chosen = self.chosen()
        reason = self.reason.text().strip()
        if chosen is None or not reason:
            self.bar.show_message("error", self.tr("Give a reason to apply the new plan."))
            return
        pathway, _ = chosen
        svc = self.ctx.services
        try:
            cap = capacity_service(svc)
            if cap is not None and hasattr(cap, "apply_replan"):
                result = cap.apply_replan(self.sp.id, self.proposal, self.sp.version, reason,
                                          suggestion=self._suggestion())
                self.saved = result if isinstance(result, StoredPathway) else svc.pathways.get(self.sp.id)
            else:
                self.saved = svc.pathways.save(replace(self.sp, pathway=pathway), reason)
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_text(svc, exc, self.tz, self.ctx.lang))
            return
        self.accept()


# -- register a patient -------------------------------------------------------------------------


class NewPatientDialog(QDialog):
    """Register a patient (coordinators): personnummer checked as typed, or a reserve id without one."""

    def __init__(self, ctx: UiContext, site: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.created_patient: Patient | None = None
        self.setWindowTitle(self.tr("New patient"))
        self.bar = MessageBar()
        self.identifier = QLineEdit()
        self.identifier.setPlaceholderText(self.tr("YYYYMMDD-NNNN"))
        self.id_status = QLabel()
        self.id_status.setWordWrap(True)
        # Room for a two-line message, so that the dialog does not jump (or clip it) while typing.
        self.id_status.setMinimumHeight(2 * self.id_status.fontMetrics().lineSpacing() + 4)
        self.id_status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.no_number = QCheckBox(self.tr("No Swedish personnummer or samordningsnummer (give a reserve id)"))
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("YYYY-MM-DD")
        self.sex = QComboBox()
        for code, text in (("", self.tr("not given")), ("F", self.tr("female")), ("M", self.tr("male")),
                           ("X", self.tr("other"))):
            self.sex.addItem(text, code or None)
        self.weight = QLineEdit()
        self.weight.setPlaceholderText(self.tr("kg"))
        self.height = QLineEdit()
        self.height.setPlaceholderText(self.tr("cm"))
        self.site = QComboBox()
        for s in ctx.services.sites.list():
            self.site.addItem(s.name, s.id)
        want = site or default_site(ctx)
        if want and self.site.findData(want) >= 0:
            self.site.setCurrentIndex(self.site.findData(want))
        self.referring = QLineEdit()
        self.referring.setPlaceholderText(self.tr("optional"))

        form = QFormLayout()
        form.addRow(self.tr("Personnummer"), self.identifier)
        form.addRow("", self.id_status)
        form.addRow("", self.no_number)
        form.addRow(self.tr("Given name"), self.given)
        form.addRow(self.tr("Family name"), self.family)
        form.addRow(self.tr("Birth date"), self.birth)
        form.addRow(self.tr("Sex"), self.sex)
        form.addRow(self.tr("Weight"), self.weight)
        form.addRow(self.tr("Height"), self.height)
        form.addRow(self.tr("Treating site"), self.site)
        form.addRow(self.tr("Referring site"), self.referring)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Register patient"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        if not _can(ctx, Permission.EDIT_PATIENTS):
            self.ok.setEnabled(False)
            self.ok.setToolTip(self.tr("Only a coordinator may register patients."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.identifier.textChanged.connect(self._identifier_changed)
        self.no_number.toggled.connect(self._no_number)
        self.resize(520, self.sizeHint().height())

    def _no_number(self, on: bool) -> None:
        self.identifier.setEnabled(not on)
        if on:
            self.id_status.setText(self.tr("A reserve id is made from the birth date when the patient is registered."))
        else:
            self._identifier_changed(self.identifier.text())

    def _identifier_changed(self, text: str) -> None:
        digits = re.sub(r"\D", "", text)
        if len(digits) < 10:
            self.id_status.setText("")
            return
        try:
            pid = parse_patient_id(text.strip())
        except IdentifierError as exc:
            self.id_status.setText("⚠ " + self.tr("Not valid: {0}").format(refusal_message(exc, self.ctx.lang)))
            return
        born = pid.birth_date.isoformat() if pid.birth_date else ""
        self.id_status.setText("✓ " + self.tr("{0}, born {1}").format(pid.display, born))
        if pid.birth_date and not self.birth.text().strip():
            self.birth.setText(born)
        if pid.sex and self.sex.currentData() is None:
            self.sex.setCurrentIndex(self.sex.findData(pid.sex))

    def _measure(self, widget: QLineEdit, what: str) -> float | None:
        text = widget.text().strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise InputError(self.tr("{0}: \"{1}\" is not a number").format(what, text)) from None

    def _create(self) -> None:
        try:
            identifier = None
            if not self.no_number.isChecked():
                text = self.identifier.text().strip()
                if not text:
                    raise InputError(self.tr("Give the personnummer, or tick that the patient has none."))
                try:
                    identifier = parse_patient_id(text).value
                except IdentifierError as exc:
                    raise InputError(self.tr("The personnummer is not valid: {0}").format(
                        refusal_message(exc, self.ctx.lang))) from None
            birth = parse_user_date(self.birth.text(), self.tr("birth date")) if self.birth.text().strip() else None
            if self.no_number.isChecked() and birth is None:
                raise InputError(self.tr("A patient without a Swedish number needs a birth date (for the reserve id)."))
            if not self.given.text().strip() or not self.family.text().strip():
                raise InputError(self.tr("Give both the given name and the family name."))
            weight = self._measure(self.weight, self.tr("weight"))
            height = self._measure(self.height, self.tr("height"))
        except InputError as exc:
            self.bar.show_message("error", str(exc))
            return
        try:
            self.created_patient = self.ctx.services.patients.create(
                identifier=identifier, given_name=self.given.text().strip(), family_name=self.family.text().strip(),
                treating_site=self.site.currentData(), birth_date=birth, sex=self.sex.currentData(),
                weight_kg=weight, height_cm=height, referring_site=self.referring.text().strip() or None,
            )
        except REFUSALS as exc:
            self.bar.show_message("error", refusal_message(exc, self.ctx.lang))
            return
        self.accept()


def span_text(span: tuple[When, When | None] | None, tz) -> str:
    """``2026-12-15 10:15–11:15``, ``2026-11-19 – 2026-11-21``, or a dash for none."""
    if span is None:
        return "—"
    start, end = span
    text = when_text(start, tz)
    if end is None:
        return text
    if isinstance(start, datetime) and isinstance(end, datetime) and \
            timeutil.local_day(start, tz) == timeutil.local_day(end, tz):
        return f"{text}–{timeutil.format_clock(end, tz)}"
    return f"{text} – {when_text(end, tz)}"


def stage_text(stage: str | None, lang: str) -> str:
    return STAGE_NAMES.get(lang, STAGE_NAMES["en"]).get(stage or "", stage or "")
