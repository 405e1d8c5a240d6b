"""The main window's patient search: name or personnummer as you type, the matches in a popup.

Part of the main window's start-up path: Qt classes and plain-int roles only,
no ``Qt`` namespace.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from atmp_desktop.ui.cells import USER_ROLE
from atmp_desktop.ui.context import UiContext
from atmp_desktop.ui.errors import reporting


class PatientSearch(QLineEdit):
    """Find a patient by name or personnummer as you type; :attr:`patientChosen` gives the patient id."""

    patientChosen = Signal(int, str)
    #: Enter pressed without choosing from the list: the text, and how many patients match.
    searchSubmitted = Signal(str, int)

    MIN_CHARS = 2
    LIMIT = 20

    def __init__(self, ctx: UiContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("patientSearch")
        self.setPlaceholderText(self.tr("Find patient: name or personnummer (Ctrl+F)"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)
        self.results = QStandardItemModel(self)
        self.completer_ = QCompleter(self.results, self)
        # The store does the matching (names and any part of the number, in any case), so the popup shows all
        # it found: the completer never filters or completes a prefix itself.
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(12)
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self._chosen)
        self.textEdited.connect(self.lookup)
        self.returnPressed.connect(self._submitted)

    def lookup(self, text: str) -> int:
        """Search the store and show the matches in the popup; returns how many were found."""
        text = text.strip()
        self.results.clear()
        if len(text) < self.MIN_CHARS:
            self.completer_.popup().hide()
            return 0
        with reporting(self.window()):
            patients = self.ctx.services.patients.search(text, self.LIMIT)
            for p in patients:
                item = QStandardItem(f"{p.full_name}  ·  {p.display_identifier}")
                item.setData(p.id, USER_ROLE)
                item.setData(p.sort_name, USER_ROLE + 1)
                item.setToolTip(p.display_identifier)
                self.results.appendRow(item)
        if self.results.rowCount():
            self.completer_.complete()
        else:
            self.completer_.popup().hide()
        return self.results.rowCount()

    def _chosen(self, index: QModelIndex) -> None:
        pid = index.data(USER_ROLE)
        if pid is not None:
            label = index.data(USER_ROLE + 1) or index.data()
            QTimer.singleShot(0, self.clear)  # the completer writes the choice in first
            self.patientChosen.emit(int(pid), str(label))

    def choose_row(self, row: int) -> None:
        """Pick the *row*-th match (keyboard users do this with the arrow keys and Enter)."""
        self._chosen(self.results.index(row, 0))

    def _submitted(self) -> None:
        if self.completer_.popup().isVisible() and self.completer_.popup().currentIndex().isValid():
            return  # the completer handles Enter on a highlighted match
        text = self.text().strip()
        if not text:
            return
        found = self.results.rowCount() if self.results.rowCount() else self.lookup(text)
        if found == 1:
            self.choose_row(0)
        else:
            self.completer_.popup().hide()
            self.searchSubmitted.emit(text, found)
