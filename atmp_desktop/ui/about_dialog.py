"""Help → About: the version and build, the product catalogue with its sources' dates, the bundled libraries.

What it shows comes from :mod:`atmp_desktop.about` (no Qt there): the build
date baked into a frozen build, or "development checkout"; the catalogue's
version, transcription date and digest, and each source with the dates its
entry names; every library the application runs on with its version and
licence, read from the installed metadata when the dialog opens. *Copy*
puts all of it on the clipboard as plain text, for a support ticket.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop import APP_NAME, about
from atmp_desktop.paths import resource_path


def _label(text: str, selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _table(name: str, headers: list[str], rows: list[tuple[str, ...]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


class AboutDialog(QDialog):
    """The About box: three tabs (the application, the catalogue's sources, the libraries)."""

    def __init__(self, parent: QWidget | None = None, database: str | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About {0}").format(APP_NAME))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.version = about.application_version()
        self.build = about.build_info()
        self.catalogue = about.catalogue_info()
        self.libraries = about.bundled_libraries()

        # -- the application --------------------------------------------------------------------
        icon = QLabel()
        icon.setPixmap(QIcon(str(resource_path("icons", "atmp-desktop.svg"))).pixmap(48, 48))
        title = QLabel(f"<b>{APP_NAME}</b>")
        title.setObjectName("aboutTitle")
        head = QHBoxLayout()
        head.addWidget(icon)
        head.addWidget(title, 1)

        self.version_label = _label(self.version)
        self.version_label.setObjectName("aboutVersion")
        self.build_label = _label(self.build_text())
        self.build_label.setObjectName("aboutBuild")
        c = self.catalogue
        self.catalogue_label = _label(self.tr("version {0}, transcribed {1}; {2} products, {3} sources; "
                                              "digest {4}").format(c.version or "?", c.transcribed or "?",
                                                                   c.products, len(c.sources), c.digest))
        self.catalogue_label.setObjectName("aboutCatalogue")
        self.dates_label = _label(self.source_dates_text())
        self.dates_label.setObjectName("aboutSourceDates")
        form = QFormLayout()
        form.addRow(self.tr("Version"), self.version_label)
        form.addRow(self.tr("Build"), self.build_label)
        form.addRow(self.tr("Product catalogue"), self.catalogue_label)
        form.addRow(self.tr("Sources' dates"), self.dates_label)
        form.addRow(self.tr("Program folder"), _label(str(self.program_folder())))
        if database:
            form.addRow(self.tr("Database"), _label(database))
        notice = _label(self.tr("Planning support for ATMP (CAR-T) pathways. Every product value comes from the "
                                "label with its source; a pharmacist must confirm each value against the current "
                                "SmPC before clinical use."), selectable=False)
        notice.setObjectName("aboutNotice")
        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.addLayout(head)
        first_layout.addLayout(form)
        first_layout.addWidget(notice)
        first_layout.addStretch(1)

        # -- the catalogue's sources and the libraries ---------------------------------------------
        self.sources_table = _table("aboutSources", [self.tr("Source"), self.tr("Kind"), self.tr("Region and date")],
                                    [(s.id, s.kind, s.dates) for s in c.sources])
        self.libraries_table = _table("aboutLibraries", [self.tr("Library"), self.tr("Version"), self.tr("Licence")],
                                      [(lib.name, lib.version, lib.licence) for lib in self.libraries])
        libraries = QWidget()
        libraries_layout = QVBoxLayout(libraries)
        libraries_layout.setContentsMargins(0, 0, 0, 0)
        libraries_layout.addWidget(_label(self.tr("The libraries this copy of the program runs on, with their "
                                                  "licences, as installed with it. Qt is used under the LGPL "
                                                  "3.0; its licence texts are in each library's folder."),
                                          selectable=False))
        libraries_layout.addWidget(self.libraries_table)

        self.tabs = QTabWidget()
        self.tabs.addTab(first, self.tr("Program"))
        self.tabs.addTab(self.sources_table, self.tr("Catalogue sources"))
        self.tabs.addTab(libraries, self.tr("Libraries and licences"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("aboutCopy")
        self.copy_button.setToolTip(self.tr("Copy everything shown here as text (for a support request)."))
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(720, 520)

    # ----------------------------------------------------------------------------------- texts

    def build_text(self) -> str:
        if self.build is None:
            return self.tr("development checkout (not a packaged build)")
        built = str(self.build.get("built", "")).replace("T", " ").replace("Z", " UTC")
        commit = self.build.get("commit")
        text = self.tr("built {0}").format(built or "?")
        return text + (self.tr(", commit {0}").format(commit) if commit else "")

    def source_dates_text(self) -> str:
        years = self.catalogue.years
        undated = self.catalogue.undated
        if years is None:
            return self.tr("none of the sources is dated")
        span = str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"
        return self.tr("dated {0}; {1} of {2} sources undated (see Catalogue sources)").format(
            span, undated, len(self.catalogue.sources))

    @staticmethod
    def program_folder() -> Path:
        if about.frozen():
            return Path(sys.executable).resolve().parent
        return resource_path().parent

    def as_text(self) -> str:
        """Everything the dialog shows, as plain text."""
        c = self.catalogue
        lines = [f"{APP_NAME} {self.version}", f"{self.tr('Build')}: {self.build_text()}",
                 f"{self.tr('Product catalogue')}: {self.catalogue_label.text()}",
                 self.tr("Sources' dates") + ": " + self.dates_label.text(),
                 f"{self.tr('Program folder')}: {self.program_folder()}", "",
                 self.tr("Catalogue sources") + ":"]
        lines += [f"  {s.id}\t{s.kind}\t{s.dates}" for s in c.sources]
        lines += ["", self.tr("Libraries and licences") + ":"]
        lines += [f"  {lib.name} {lib.version}\t{lib.licence}" for lib in self.libraries]
        return "\n".join(lines) + "\n"

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.as_text())
