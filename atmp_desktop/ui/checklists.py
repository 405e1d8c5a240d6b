"""Checklists in the application (issue 5): preview, print, save and sign off one; print a day's batch.

Entry points (the other views call only these two):

* :func:`open_checklist` — a dialog for one pathway: pick the checklist and its
  language, preview the PDF (QtPdf), print it through the system's print
  dialog, save it, and mark it completed (sign-off, with a second person's own
  password where the checklist needs two people).
* :func:`print_day` — every checklist due on one day (for one ward/site, or
  all), printed in one job or saved into one folder, with a progress dialog
  whose Cancel stops after the checklist in hand.

Which checklists are due on a day (:func:`due_checklists`):

==================== =====================================================
pre-apheresis        the apheresis day
product-receipt      the day the product is received
pre-lymphodepletion  the first day of each lymphodepletion course
pre-infusion         each infusion day (a split dose: each part's day)
monitoring           the (first) infusion day, day 0
discharge            the day the patient leaves the ward: the last infusion
                     day plus the site's ward-bed inpatient days, or, where
                     the site sets none, plus the product's daily-monitoring
                     period (the same rule the capacity check counts beds by)
==================== =====================================================

Cancelled pathways are left out. The PDFs come from ``atmp_desktop.reports``
(the same bytes as ``atmp-desktop checklist``); printing draws each PDF page as
an image onto the printer (at most 300 dpi, which is sharp on paper and keeps
a page's image near 35 MB rather than 560 MB at 1200 dpi).
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.domain.pathway import STAGES
from atmp_desktop.reports import KINDS, ChecklistError, render_checklist, title
from atmp_desktop.reports.stored import stored_checklist_input
from atmp_desktop.services import REFUSALS, TWO_PERSON_CHECKLISTS, Services
from atmp_desktop.services.auth import ROLE_PERMISSIONS
from atmp_desktop.services.pathways import SIGN_OFF_PERMISSION
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import refusal_message, show_refusal

log = logging.getLogger(__name__)

#: The checklist a pathway most likely needs next, by its stage.
STAGE_KIND = {
    "awaiting_apheresis": "pre-apheresis",
    "in_manufacturing": "product-receipt",
    "product_in_storage": "pre-lymphodepletion",
    "lymphodepletion": "pre-infusion",
    "infused": "monitoring",
    "completed": "discharge",
}
#: Print resolution cap (dots per inch) for drawing PDF pages onto a printer.
MAX_PRINT_DPI = 300
_ACTIVE_STAGES = tuple(s for s in STAGES if s != "cancelled")
_LANG_NAMES = {"sv": "Svenska", "en": "English"}


# -- rendering and printing (no dialogs) -------------------------------------------------


def checklist_pdf(services: Services, pathway_id: int, kind: str, lang: str) -> bytes:
    """The checklist's PDF bytes; raises ``ChecklistError`` or a service refusal."""
    data = stored_checklist_input(services, pathway_id, lang=lang)
    return render_checklist(kind, data, lang)


def load_pdf(document: QPdfDocument, pdf: bytes) -> QBuffer:
    """Load *pdf* into *document*; keep the returned buffer alive as long as the document uses it."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return buffer


def _page_image(document: QPdfDocument, page: int, dpi: float) -> QImage:
    points = document.pagePointSize(page)
    size = QSize(max(1, round(points.width() * dpi / 72)), max(1, round(points.height() * dpi / 72)))
    rendered = document.render(page, size)
    # QPdfDocument renders onto a transparent background: put it on paper white.
    page_image = QImage(size, QImage.Format.Format_RGB32)
    page_image.fill(QColor("white"))
    p = QPainter(page_image)
    try:
        p.drawImage(QPointF(0, 0), rendered)
    finally:
        p.end()
    return page_image


class PdfPrintJob:
    """Draws PDF documents onto one printer in one print job, page after page.

    ``add(pdf)`` prints one document's pages; ``finish()`` ends the job (what
    was added is printed); ``abort()`` throws the job away.
    """

    def __init__(self, printer: QPrinter):
        self.printer = printer
        self.pages = 0
        self.documents = 0
        self._painter: QPainter | None = None

    def add(self, pdf: bytes) -> int:
        document = QPdfDocument()
        buffer = load_pdf(document, pdf)
        try:
            pages = document.pageCount()
            if document.status() != QPdfDocument.Status.Ready or pages < 1:
                raise ValueError("the checklist PDF could not be read for printing")
            for page in range(pages):
                self._page(document, page)
        finally:
            document.close()
            buffer.close()
        self.documents += 1
        return pages

    def _page(self, document: QPdfDocument, page: int) -> None:
        if self._painter is None:
            # Our PDFs carry their own margins: paint on the whole sheet, at true size.
            self.printer.setFullPage(True)
            self._painter = QPainter()
            if not self._painter.begin(self.printer):
                self._painter = None
                raise OSError("the printer could not be started")
        else:
            self.printer.newPage()
        dpi = min(self.printer.resolution(), MAX_PRINT_DPI)
        image = _page_image(document, page, dpi)
        target = self.printer.paperRect(QPrinter.Unit.DevicePixel)
        scale = min(target.width() / image.width(), target.height() / image.height())
        w, h = image.width() * scale, image.height() * scale
        rect = QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2, w, h)
        self._painter.drawImage(rect, image)
        self.pages += 1

    def finish(self) -> None:
        if self._painter is not None:
            painter, self._painter = self._painter, None
            painter.end()

    def abort(self) -> None:
        if self._painter is not None:
            self.printer.abort()
            self.finish()


def print_pdfs(printer: QPrinter, pdfs: Iterable[bytes]) -> int:
    """Print every PDF in *pdfs* in one job; the number of pages printed."""
    job = PdfPrintJob(printer)
    try:
        for pdf in pdfs:
            job.add(pdf)
    finally:
        job.finish()
    return job.pages


def write_file(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename, so a reader never sees half a PDF."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


# -- which checklists are due on a day -----------------------------------------------------


@dataclass(frozen=True)
class DueChecklist:
    """One checklist due on a day, for one pathway."""

    pathway_id: int
    kind: str
    patient_name: str
    identifier: str
    site: str
    product: str

    @property
    def display_identifier(self) -> str:
        ident = self.identifier
        return f"{ident[:8]}-{ident[8:]}" if len(ident) == 12 and ident.isdigit() else ident

    def file_name(self, day: date) -> str:
        return f"{day.isoformat()}_pathway-{self.pathway_id:04d}_{self.kind}.pdf"


def due_checklists(services: Services, day: date, site: str | None = None) -> list[DueChecklist]:
    """Every checklist due on *day* (see the module's table), in pathway-need order, then by patient."""
    stays = _ward_stays(services)
    # Discharge looks back from the day by the longest stay a ward could keep a patient.
    lookback = max([*stays.values(), _longest_monitoring(services)])
    rows = services.pathways.events_between(day - timedelta(days=lookback), day, site=site, stages=_ACTIVE_STAGES)
    found: dict[tuple[int, str], DueChecklist] = {}
    infusions: dict[int, list] = {}

    def add(row, kind: str) -> None:
        found.setdefault((row.pathway_id, kind), DueChecklist(
            row.pathway_id, kind, row.patient_name, row.identifier, row.site, row.product))

    for row in rows:
        if row.kind == "infusion":
            infusions.setdefault(row.pathway_id, []).append(row)
        if row.first_day != day:
            continue
        if row.kind == "apheresis":
            add(row, "pre-apheresis")
        elif row.kind == "product_receipt":
            add(row, "product-receipt")
        elif row.kind == "lymphodepletion":
            add(row, "pre-lymphodepletion")
        elif row.kind == "infusion":
            add(row, "pre-infusion")
            if row.label in ("infusion", "infusion#1"):
                add(row, "monitoring")

    for pathway_id, inf_rows in infusions.items():
        last = max(r.last_day for r in inf_rows)
        site_id = inf_rows[0].site
        stay = stays.get(site_id)
        if stay is None:
            stay = _monitoring_days(services, pathway_id)
        if stay is not None and last + timedelta(days=stay) == day:
            add(inf_rows[0], "discharge")

    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(found.values(), key=lambda d: (order[d.kind], d.patient_name, d.pathway_id))


def _ward_stays(services: Services) -> dict[str, int]:
    stays: dict[str, int] = {}
    for r in services.resources.list():
        if r.kind == "ward_bed" and r.inpatient_days is not None:
            stays[r.site] = max(stays.get(r.site, 0), r.inpatient_days)
    return stays


def _longest_monitoring(services: Services) -> int:
    """The longest daily-monitoring period of any product (label or centre assumption), in days."""
    longest = 0
    products = services.products
    for product in products.product_ids:
        for region in ("EU", "US"):
            try:
                days = products.profile(product, region).planning_value("monitoring_daily_days")[0]
                longest = max(longest, int(days))
            except (*REFUSALS, KeyError, TypeError, ValueError):
                continue
    return longest or 28


def _monitoring_days(services: Services, pathway_id: int) -> int | None:
    try:
        sp = services.pathways.get(pathway_id)
        profile = services.pathways.profile_for(sp)
        return int(profile.planning_value("monitoring_daily_days")[0])
    except (*REFUSALS, KeyError, TypeError, ValueError):
        return None


# -- the one-pathway dialog ------------------------------------------------------------


def _refusal_text(exc: Exception, lang: str) -> str:
    """A checklist's or a service's refusal in *lang* (no widget is touched: workers call this too)."""
    if isinstance(exc, ChecklistError):
        return exc.message(lang)
    return refusal_message(exc, lang)


class ChecklistDialog(QDialog):
    """Preview, print, save and sign off one pathway's checklists."""

    signedOff = Signal(int, str)

    def __init__(self, ctx: UiContext, pathway_id: int, kind: str | None = None, parent: QWidget | None = None):
        # Read first: an unknown pathway raises NotFound before any window exists (the caller shows it).
        sp, patient = ctx.services.pathways.with_patient(int(pathway_id))
        super().__init__(parent)
        self.ctx = ctx
        self.svc: Services = ctx.services
        self.pathway_id = int(pathway_id)
        self.pdf: bytes | None = None
        self.error: str | None = None
        self._buffer: QBuffer | None = None
        self.stored = sp
        self.patient = patient
        self.setWindowTitle(self.tr("Checklists – {0}").format(patient.full_name))
        self.resize(1000, 780)

        self.kind_box = QComboBox()
        for k in KINDS:
            self.kind_box.addItem(title(k, ctx.lang), k)
        self.lang_box = QComboBox()
        for code in ("sv", "en"):
            self.lang_box.addItem(_LANG_NAMES[code], code)
        self.lang_box.setCurrentIndex(self.lang_box.findData(ctx.lang if ctx.lang in _LANG_NAMES else "sv"))
        kind = kind or STAGE_KIND.get(sp.stage or "", "pre-apheresis")
        if kind in KINDS:
            self.kind_box.setCurrentIndex(KINDS.index(kind))

        header = QLabel(self.tr("{0} · {1} · {2} · pathway {3}").format(
            patient.full_name, patient.display_identifier, self.svc.products.profile(sp.product, sp.pathway.region).name
            if sp.product in self.svc.products.product_ids else sp.product, sp.id))
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Checklist:")))
        choose.addWidget(self.kind_box, 1)
        choose.addSpacing(12)
        choose.addWidget(QLabel(self.tr("Language:")))
        choose.addWidget(self.lang_box)

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setObjectName("checklistMessage")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)

        side = self._sign_off_panel()
        split = QSplitter()
        split.addWidget(self.stack)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.print_button.clicked.connect(lambda: self.print_checklist())
        self.save_button.clicked.connect(lambda: self.save_as())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.status = QLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(choose)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.kind_box.currentIndexChanged.connect(self._render)
        self.lang_box.currentIndexChanged.connect(self._render)
        self._render()
        self._show_sign_offs()

    # -- preview -------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    @property
    def lang(self) -> str:
        return self.lang_box.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_box.setCurrentIndex(KINDS.index(kind))

    def set_lang(self, lang: str) -> None:
        self.lang_box.setCurrentIndex(self.lang_box.findData(lang))

    def _render(self) -> None:
        self.status.clear()
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer = None
        try:
            self.pdf = checklist_pdf(self.svc, self.pathway_id, self.kind, self.lang)
            self.error = None
        except (ChecklistError, *REFUSALS) as exc:
            self.pdf = None
            self.error = _refusal_text(exc, self.ctx.lang)
        except Exception:  # a bug in a report must not take the window down
            log.exception("rendering checklist %s of pathway %s", self.kind, self.pathway_id)
            self.pdf = None
            self.error = self.tr("The checklist could not be made; the details are in the log file.")
        if self.pdf is not None:
            self._buffer = load_pdf(self.document, self.pdf)
            self.stack.setCurrentWidget(self.view)
        else:
            self.message.setText(self.tr("This checklist cannot be made for this pathway:\n{0}").format(self.error))
            self.stack.setCurrentWidget(self.message)
        self.print_button.setEnabled(self.pdf is not None)
        self.save_button.setEnabled(self.pdf is not None)
        self._update_sign_off_controls()

    # -- print and save ----------------------------------------------------------------

    def print_checklist(self, printer: QPrinter | None = None) -> bool:
        """Print the previewed checklist; without *printer*, through the system's print dialog."""
        if self.pdf is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(f"{self.kind} {self.pathway_id}")
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        try:
            pages = print_pdfs(printer, [self.pdf])
        except (OSError, ValueError) as exc:
            self.status.setText(self.tr("Not printed: {0}").format(exc))
            return False
        self.status.setText(self.tr("Sent {0} page(s) to the printer.").format(pages))
        return True

    def save_as(self, path: str | os.PathLike[str] | None = None) -> Path | None:
        """Save the PDF; without *path*, ask for a file name."""
        if self.pdf is None:
            return None
        if path is None:
            suggested = str(Path.home() / f"{self.kind}-{self.pathway_id}.pdf")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save checklist"), suggested,
                                                    self.tr("PDF files (*.pdf)"))
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        try:
            write_file(target, self.pdf)
        except OSError as exc:
            self.status.setText(self.tr("Not saved: {0}").format(exc.strerror or exc))
            return None
        self.status.setText(self.tr("Saved {0}").format(target))
        return target

    # -- sign-off ------------------------------------------------------------------

    def _sign_off_panel(self) -> QWidget:
        box = QGroupBox(self.tr("Sign-off"))
        self.sign_offs = QListWidget()
        self.sign_offs.setWordWrap(True)
        self.sign_offs.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sign_hint = QLabel()
        self.sign_hint.setWordWrap(True)
        self.second_user = QComboBox()
        self.second_user.setEditable(True)
        self.second_password = QLineEdit()
        self.second_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLineEdit()
        self.sign_button = QPushButton(self.tr("Mark completed"))
        self.sign_button.clicked.connect(lambda: self.sign_off())
        self.sign_message = QLabel()
        self.sign_message.setWordWrap(True)
        form = QFormLayout()
        # The panel is narrow: labels above their fields, so nothing is squeezed.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.second_label = QLabel(self.tr("Second person:"))
        form.addRow(self.second_label, self.second_user)
        form.addRow(self.tr("Their password:"), self.second_password)
        form.addRow(self.tr("Note:"), self.note)
        box.setMinimumWidth(320)
        layout = QVBoxLayout(box)
        layout.addWidget(QLabel(self.tr("Signed so far:")))
        layout.addWidget(self.sign_offs, 1)
        layout.addWidget(self.sign_hint)
        layout.addLayout(form)
        layout.addWidget(self.sign_button)
        layout.addWidget(self.sign_message)
        layout.addStretch(0)
        self._users = {u.username: u for u in self.svc.users.list()}
        return box

    def _update_sign_off_controls(self) -> None:
        kind = self.kind
        session = self.svc.session
        perm = SIGN_OFF_PERMISSION[kind]
        two = kind in TWO_PERSON_CHECKLISTS
        me = session.username if session else None
        current = self.second_user.currentText()
        self.second_user.clear()
        self.second_user.addItem("")
        for name, user in sorted(self._users.items()):
            if name != me and user.active and perm in ROLE_PERMISSIONS.get(user.role, ()):
                self.second_user.addItem(f"{user.display_name} ({name})", name)
        self.second_user.setEditText(current)
        self.second_label.setText(self.tr("Second person (required):") if two else
                                  self.tr("Second person (optional):"))
        cancelled = self.stored.stage == "cancelled"
        allowed = session is not None and session.can(perm)
        if cancelled:
            hint = self.tr("This pathway is cancelled; its checklists cannot be signed off.")
        elif not allowed:
            hint = self.tr("Your role may not sign off this checklist.")
        elif two:
            hint = self.tr("Two people sign this checklist: you, and a second person who confirms with "
                           "their own password.")
        else:
            hint = self.tr("You sign this checklist as {0}.").format(session.display_name)
        self.sign_hint.setText(hint)
        ok = allowed and not cancelled and self.pdf is not None
        for w in (self.second_user, self.second_password, self.note, self.sign_button):
            w.setEnabled(ok)

    def _who(self, username: str | None) -> str:
        if not username:
            return ""
        user = self._users.get(username)
        return f"{user.display_name} ({username})" if user and user.display_name != username else username

    def _show_sign_offs(self) -> None:
        self.sign_offs.clear()
        try:
            done = self.svc.pathways.sign_offs(self.pathway_id)
        except REFUSALS as exc:
            self.sign_offs.addItem(refusal_message(exc, self.ctx.lang))
            return
        tz = self.stored.pathway.tz
        for s in done:
            when = s.signed_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
            if s.second_signer:
                text = self.tr("{0}: {1} and {2}, {3}").format(
                    title(s.kind, self.ctx.lang), self._who(s.signed_by), self._who(s.second_signer), when)
            else:
                text = self.tr("{0}: {1}, {2}").format(title(s.kind, self.ctx.lang), self._who(s.signed_by), when)
            if s.note:
                text += f" – {s.note}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.kind)
            self.sign_offs.addItem(item)
        if not done:
            self.sign_offs.addItem(self.tr("No checklist of this pathway is signed off yet."))

    def second_person(self) -> str | None:
        """The second signer's user name: a chosen entry, or the name typed."""
        text = self.second_user.currentText().strip()
        if not text:
            return None
        index = self.second_user.findText(text)
        return (self.second_user.itemData(index) if index >= 0 else None) or text

    def set_second_person(self, username: str) -> None:
        index = self.second_user.findData(username)
        if index >= 0:
            self.second_user.setCurrentIndex(index)
        else:
            self.second_user.setEditText(username)

    def sign_off(self) -> bool:
        """Sign off the chosen checklist as the signed-in user (and the second person given)."""
        second = self.second_person()
        password = self.second_password.text()
        note = self.note.text().strip() or None
        try:
            signed = self.svc.pathways.sign_off_checklist(
                self.pathway_id, self.kind, second_user=second, second_password=password or None, note=note)
        except REFUSALS as exc:
            self.sign_message.setText(self.tr("Not signed: {0}").format(refusal_message(exc, self.ctx.lang)))
            self.second_password.clear()
            return False
        finally:
            self.second_password.clear()
        self.sign_message.setText(self.tr("Signed off: {0}.").format(title(signed.kind, self.ctx.lang)))
        self.note.clear()
        self.second_user.setCurrentIndex(0)
        self._show_sign_offs()
        self.signedOff.emit(self.pathway_id, signed.kind)
        return True


_open_dialogs: set[QDialog] = set()


def _keep(dialog: QDialog) -> None:
    # A dialog without a parent would be garbage-collected as soon as we return.
    _open_dialogs.add(dialog)
    dialog.finished.connect(lambda _=0, d=dialog: _open_dialogs.discard(d))


def open_checklist(ctx: UiContext, pathway_id: int, kind: str | None = None,
                   parent: QWidget | None = None) -> ChecklistDialog | None:
    """Open the checklist dialog of *pathway_id* (window-modal, not blocking) and return it.

    An unknown pathway is shown as a message and returns None.
    """
    try:
        dialog = ChecklistDialog(ctx, pathway_id, kind, parent)
    except REFUSALS as exc:
        show_refusal(parent, exc)
        return None
    _keep(dialog)
    dialog.open()
    return dialog


# -- a day's checklists ---------------------------------------------------------------------


class _RenderWorker(QThread):
    """Renders the batch's PDFs off the UI thread, over its own store connection."""

    rendered = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self, db_path: Path, session, items: Sequence[DueChecklist], lang: str, ui_lang: str,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = db_path
        self.session = session
        self.items = list(items)
        self.lang = lang
        self.ui_lang = ui_lang
        self._stop = False

    def stop(self) -> None:
        self._stop = True

    def run(self) -> None:
        from atmp_desktop.storage import Store

        try:
            store = Store.open(self.db_path, create=False, write=False)
        except REFUSALS as exc:
            for i in range(len(self.items)):
                self.failed.emit(i, _refusal_text(exc, self.ui_lang))
            return
        try:
            services = Services(store, self.session)
            for i, item in enumerate(self.items):
                if self._stop:
                    return
                try:
                    self.rendered.emit(i, checklist_pdf(services, item.pathway_id, item.kind, self.lang))
                except (ChecklistError, *REFUSALS) as exc:
                    self.failed.emit(i, _refusal_text(exc, self.ui_lang))
                except Exception as exc:  # one bad checklist must not stop the batch
                    log.exception("rendering %s of pathway %s", item.kind, item.pathway_id)
                    self.failed.emit(i, str(exc) or type(exc).__name__)
        finally:
            store.close()


_batches: set[DayBatch] = set()
_quit_hooked = False


def _stop_batches() -> None:
    # A QThread destroyed while it runs aborts the process: stop running batches before Qt goes.
    for batch in list(_batches):
        batch.cancel()
        batch.wait()


def _hook_quit() -> None:
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(_stop_batches)
        _quit_hooked = True


class DayBatch(QObject):
    """Renders a day's checklists on a worker thread and prints or saves them in order, on this thread.

    ``mode`` is ``"print"`` (one print job on ``printer``) or ``"folder"`` (one
    PDF per checklist in ``folder``). ``itemDone(index)`` follows each checklist
    printed or saved, ``itemFailed(index, message)`` one that could not be
    made; ``finished()`` comes once, after the last or after :meth:`cancel`.
    """

    itemDone = Signal(int)
    itemFailed = Signal(int, str)
    finished = Signal()

    def __init__(self, ctx: UiContext, day: date, items: Sequence[DueChecklist], lang: str, *,
                 printer: QPrinter | None = None, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        if (printer is None) == (folder is None):
            raise ValueError("a batch either prints or saves into a folder")
        self.ctx = ctx
        self.day = day
        self.items = list(items)
        self.lang = lang
        self.printer = printer
        self.folder = folder
        self.done: list[int] = []
        self.failures: dict[int, str] = {}
        self.saved: list[Path] = []
        self.cancelled = False
        self.is_finished = False
        self._pending: dict[int, bytes | str] = {}
        self._next = 0
        self._draining = False
        self._job = PdfPrintJob(printer) if printer is not None else None
        svc = ctx.services
        self._worker = _RenderWorker(svc.store.path, svc.session, self.items, lang, ctx.lang, self)
        self._worker.rendered.connect(self._on_rendered)
        self._worker.failed.connect(self._on_failed)

    @property
    def mode(self) -> str:
        return "print" if self.printer is not None else "folder"

    def start(self) -> None:
        if not self.items:
            self._finish()
            return
        _batches.add(self)
        self._worker.finished.connect(lambda: _batches.discard(self))
        _hook_quit()
        self._worker.start()

    def cancel(self) -> None:
        """Stop after the checklist in hand; what was already printed or saved stays."""
        if self.is_finished:
            return
        self.cancelled = True
        self._worker.stop()
        self._finish()

    def _on_rendered(self, index: int, pdf: bytes) -> None:
        self._pending[index] = pdf
        self._drain()

    def _on_failed(self, index: int, message: str) -> None:
        self._pending[index] = message
        self._drain()

    def _drain(self) -> None:
        # QProgressDialog.setValue (a slot of itemDone) processes events, which can deliver the next
        # result while this loop is still on the previous one: the outer loop takes it, in order.
        if self._draining:
            return
        self._draining = True
        try:
            self._drain_pending()
        finally:
            self._draining = False

    def _drain_pending(self) -> None:
        # Results arrive in order from one worker, but keep the output in the list's order regardless.
        while not self.is_finished and self._next in self._pending:
            index = self._next
            self._next += 1
            result = self._pending.pop(index)
            if isinstance(result, str):
                self.failures[index] = result
                self.itemFailed.emit(index, result)
            else:
                try:
                    self._output(index, result)
                except (OSError, ValueError) as exc:
                    self.failures[index] = str(getattr(exc, "strerror", None) or exc)
                    self.itemFailed.emit(index, self.failures[index])
                else:
                    self.done.append(index)
                    self.itemDone.emit(index)
            if self._next >= len(self.items):
                self._finish()

    def _output(self, index: int, pdf: bytes) -> None:
        if self._job is not None:
            self._job.add(pdf)
        else:
            assert self.folder is not None
            target = self.folder / self.items[index].file_name(self.day)
            write_file(target, pdf)
            self.saved.append(target)

    def _finish(self) -> None:
        if self.is_finished:
            return
        self.is_finished = True
        if self._job is not None:
            self._job.finish()
        self.finished.emit()

    def wait(self, ms: int = 30000) -> bool:
        """Wait for the worker thread to end (it stops soon after a cancel)."""
        return self._worker.wait(ms)


class DayChecklistsDialog(QDialog):
    """The day's checklists for a ward: the list, the language, then Print… or Save to folder…."""

    def __init__(self, ctx: UiContext, day: date, site: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.day = day
        self.site = site
        self.batch: DayBatch | None = None
        self.progress: QProgressDialog | None = None
        svc = ctx.services
        self.items = due_checklists(svc, day, site)
        where = self._site_name(site)
        self.setWindowTitle(self.tr("Checklists for {0}").format(day.isoformat()))
        self.resize(900, 520)

        heading = QLabel(self.tr("{0} checklist(s) due on {1} – {2}").format(len(self.items), day.isoformat(), where))
        self.list = QListWidget()
        for item in self.items:
            text = self.tr("{0} – {1}, {2} (pathway {3}, {4})").format(
                title(item.kind, ctx.lang), item.patient_name, item.display_identifier, item.pathway_id,
                self._product_name(item.product))
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, (item.pathway_id, item.kind))
            self.list.addItem(row)
        if not self.items:
            self.list.addItem(self.tr("No checklists are due on this day."))
        self.lang_box = QComboBox()
        for code in ("sv", "en"):
            self.lang_box.addItem(_LANG_NAMES[code], code)
        self.lang_box.setCurrentIndex(self.lang_box.findData(ctx.lang if ctx.lang in _LANG_NAMES else "sv"))
        lang_row = QHBoxLayout()
        lang_row.addWidget(QLabel(self.tr("Language:")))
        lang_row.addWidget(self.lang_box)
        lang_row.addStretch(1)
        self.result = QLabel()
        self.result.setWordWrap(True)

        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save to folder…"))
        self.print_button.setEnabled(bool(self.items))
        self.save_button.setEnabled(bool(self.items))
        self.print_button.clicked.connect(lambda: self.start_print())
        self.save_button.clicked.connect(lambda: self.start_save())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(lang_row)
        layout.addWidget(self.result)
        layout.addWidget(buttons)

    def _site_name(self, site: str | None) -> str:
        if site is None:
            return self.tr("all sites")
        try:
            return self.ctx.services.sites.get(site).name
        except REFUSALS:
            return site

    def _product_name(self, product: str) -> str:
        try:
            return self.ctx.services.products.profile(product).name
        except REFUSALS:
            return product

    @property
    def lang(self) -> str:
        return self.lang_box.currentData()

    def start_print(self, printer: QPrinter | None = None) -> DayBatch | None:
        """Print every checklist in one job; without *printer*, through the system's print dialog."""
        if not self.items or self.batch is not None and not self.batch.is_finished:
            return None
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.tr("Checklists {0}").format(self.day.isoformat()))
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return None
        return self._start(DayBatch(self.ctx, self.day, self.items, self.lang, printer=printer, parent=self))

    def start_save(self, folder: str | os.PathLike[str] | None = None) -> DayBatch | None:
        """Save every checklist as its own PDF into *folder* (asked for when not given)."""
        if not self.items or self.batch is not None and not self.batch.is_finished:
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Save the checklists into"), str(Path.home()))
            if not folder:
                return None
        target = Path(folder)
        if not target.is_dir():
            self.result.setText(self.tr("Not saved: {0} is not a folder.").format(target))
            return None
        return self._start(DayBatch(self.ctx, self.day, self.items, self.lang, folder=target, parent=self))

    def _start(self, batch: DayBatch) -> DayBatch:
        self.batch = batch
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self.result.clear()
        label = self.tr("Printing checklists…") if batch.mode == "print" else self.tr("Saving checklists…")
        progress = QProgressDialog(label, self.tr("Cancel"), 0, len(batch.items), self)
        progress.setWindowTitle(self.windowTitle())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        progress.canceled.connect(batch.cancel)
        self.progress = progress

        def step(index: int, *_: object) -> None:
            if not batch.is_finished:
                progress.setValue(len(batch.done) + len(batch.failures))
                item = batch.items[min(index + 1, len(batch.items) - 1)]
                progress.setLabelText(self.tr("{0} of {1}: {2}").format(
                    min(index + 2, len(batch.items)), len(batch.items), item.patient_name))

        batch.itemDone.connect(step)
        batch.itemFailed.connect(step)
        batch.finished.connect(self._finished)
        batch.start()
        return batch

    def _finished(self) -> None:
        batch = self.batch
        assert batch is not None
        if self.progress is not None:
            self.progress.canceled.disconnect(batch.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        total = len(batch.items)
        done = len(batch.done)
        if batch.mode == "print":
            text = self.tr("{0} of {1} checklist(s) printed.").format(done, total)
        else:
            text = self.tr("{0} of {1} checklist(s) saved in {2}.").format(done, total, batch.folder)
        if batch.cancelled:
            text += " " + self.tr("Cancelled: the rest were not printed or saved.")
        if batch.failures:
            lines = [self.tr("{0}, pathway {1}: {2}").format(title(batch.items[i].kind, self.ctx.lang),
                                                             batch.items[i].pathway_id, message)
                     for i, message in sorted(batch.failures.items())]
            text += "\n" + self.tr("Not made:") + "\n" + "\n".join(lines)
        self.result.setText(text)
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def done(self, result: int) -> None:  # noqa: D102 - closing also stops a running batch
        if self.batch is not None and not self.batch.is_finished:
            self.batch.cancel()
        if self.batch is not None:
            self.batch.wait()
        super().done(result)


def print_day(ctx: UiContext, day: date, site: str | None = None,
              parent: QWidget | None = None) -> DayChecklistsDialog:
    """Open the dialog that prints or saves every checklist due on *day* (site None: the context's site)."""
    dialog = DayChecklistsDialog(ctx, day, site if site is not None else ctx.site, parent)
    _keep(dialog)
    dialog.open()
    return dialog
