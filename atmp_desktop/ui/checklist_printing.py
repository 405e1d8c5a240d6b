"""A checklist's PDF, and printing and saving PDFs (no dialogs).

The PDFs come from ``atmp_desktop.reports`` (the same bytes as
``atmp-desktop checklist``); printing draws each PDF page as an image onto the
printer (at most 300 dpi, which is sharp on paper and keeps a page's image near
35 MB rather than 560 MB at 1200 dpi).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from collections.abc import Iterable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from atmp_desktop.reports import ChecklistError, render_checklist
from atmp_desktop.reports.stored import stored_checklist_input
from atmp_desktop.services import Services
from atmp_desktop.ui.errors import refusal_message


#: Print resolution cap (dots per inch) for drawing PDF pages onto a printer.
MAX_PRINT_DPI = 300
#: The languages a checklist can be made in, by their own names.
LANG_NAMES = {"sv": "Svenska", "en": "English"}


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


def checklist_refusal_text(exc: Exception, lang: str) -> str:
    """A checklist's or a service's refusal in *lang* (no widget is touched: workers call this too)."""
    if isinstance(exc, ChecklistError):
        return exc.message(lang)
    return refusal_message(exc, lang)
