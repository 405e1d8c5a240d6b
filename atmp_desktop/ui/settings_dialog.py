"""The Settings dialog: language, idle lock and default site.

The preferences themselves (:class:`Preferences`, :func:`ui_state`) live in
:mod:`atmp_desktop.preferences`, which does not import Qt; they are
re-exported here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from atmp_desktop.preferences import (  # noqa: F401 - re-exported: the preferences used to live here
    APP_DIR_NAME,
    LANGUAGES,
    MAX_IDLE_MINUTES,
    MIN_IDLE_MINUTES,
    PREFERENCE_FIELDS,
    SCHEMA_VERSION,
    Preferences,
    config_dir,
    ui_state,
)


class SettingsDialog(QDialog):
    """Language, idle-lock minutes and the default site; the database and log locations for reference."""

    def __init__(self, prefs: Preferences, sites: Sequence[tuple[str, str]], parent: QWidget | None = None,
                 database: str | None = None, log_folder: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._prefs = prefs

        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))

        self.idle = QSpinBox()
        self.idle.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle.setValue(prefs.idle_lock_minutes)
        self.idle.setSuffix(self.tr(" min"))
        self.idle.setToolTip(self.tr("The window locks after this many minutes without keyboard or mouse use."))

        self.site = QComboBox()
        self.site.addItem(self.tr("All sites"), None)
        for site_id, name in sites:
            self.site.addItem(name, site_id)
        self.site.setCurrentIndex(max(0, self.site.findData(prefs.default_site)))

        form = QFormLayout()
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Lock the window after"), self.idle)
        form.addRow(self.tr("Default site"), self.site)
        if database:
            where = QLabel(database)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            where.setWordWrap(True)
            form.addRow(self.tr("Database"), where)
        if log_folder:
            logs = QLabel(log_folder)
            logs.setWordWrap(True)
            form.addRow(self.tr("Error log"), logs)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def preferences(self) -> Preferences:
        """The preferences as the dialog now shows them."""
        return replace(
            self._prefs,
            language=self.language.currentData(),
            idle_lock_minutes=self.idle.value(),
            default_site=self.site.currentData(),
        )
