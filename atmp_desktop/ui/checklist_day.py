"""A day's checklists: the list for one ward (or all), printed in one job or saved into one folder.

The PDFs are made on a worker thread over its own store connection and
printed or saved in order on the UI thread, with a progress dialog whose
Cancel stops after the checklist in hand. Opened through
:func:`atmp_desktop.ui.checklists.print_day`.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.reports import ChecklistError, title
from atmp_desktop.services import REFUSALS, Services
from atmp_desktop.ui.checklist_due import DueChecklist, due_checklists
from atmp_desktop.ui.checklist_printing import LANG_NAMES, PdfPrintJob, checklist_pdf, checklist_refusal_text, write_file
from atmp_desktop.ui.context import UiContext

log = logging.getLogger(__name__)


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
                self.failed.emit(i, checklist_refusal_text(exc, self.ui_lang))
            return
        try:
            services = Services(store, self.session)
            for i, item in enumerate(self.items):
                if self._stop:
                    return
                try:
                    self.rendered.emit(i, checklist_pdf(services, item.pathway_id, item.kind, self.lang))
                except (ChecklistError, *REFUSALS) as exc:
                    self.failed.emit(i, checklist_refusal_text(exc, self.ui_lang))
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
            self.lang_box.addItem(LANG_NAMES[code], code)
        self.lang_box.setCurrentIndex(self.lang_box.findData(ctx.lang if ctx.lang in LANG_NAMES else "sv"))
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
