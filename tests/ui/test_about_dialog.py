"""Help → About (issue 15): opened from the menu like a user; version, build, catalogue, licences; Swedish."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from atmp_desktop import __version__, about
from atmp_desktop.paths import resource_path
from atmp_desktop.ui.about_dialog import AboutDialog
from atmp_desktop.ui.main_window import MainWindow
from atmp_desktop.ui.settings_dialog import Preferences


@pytest.fixture
def window(ctx, qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from atmp_desktop.ui import i18n

    state = QSettings(str(tmp_path / "ui-state.ini"), QSettings.Format.IniFormat)
    w = MainWindow(ctx, Preferences(language="en"), state=state, save_preferences=lambda prefs: None)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    i18n.install("en")


def open_about_from_the_menu(window, qtbot, help_title: str = "Help") -> AboutDialog:
    """Click Help in the menu bar, then the About entry in the menu that drops down."""
    bar = window.menuBar()
    help_action = next(a for a in bar.actions() if a.text().replace("&", "") == help_title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(help_action).center())
    menu = help_action.menu()
    qtbot.waitUntil(menu.isVisible)
    entry = next(a for a in menu.actions() if a.objectName() == "about")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None and window.findChild(AboutDialog).isVisible())
    return window.findChild(AboutDialog)


def column(table, c: int) -> list[str]:
    return [table.item(r, c).text() for r in range(table.rowCount())]


def test_help_about_shows_version_build_catalogue_and_licences(window, qtbot):
    dialog = open_about_from_the_menu(window, qtbot)
    assert dialog.windowTitle() == "About ATMP Pathway Planner"
    assert dialog.version_label.text() == __version__
    assert dialog.build_label.text() == "development checkout (not a packaged build)"
    catalogue = json.loads(resource_path("products.json").read_text(encoding="utf-8"))
    text = dialog.catalogue_label.text()
    assert f"version {catalogue['version']}, transcribed {catalogue['transcribed']}" in text
    assert f"{len(catalogue['products'])} products, {len(catalogue['sources'])} sources" in text
    assert dialog.dates_label.text().startswith("dated 2017–2025; ")
    # every source of the catalogue, with the dates its entry names
    sources = dialog.sources_table
    assert column(sources, 0) == list(catalogue["sources"])
    assert column(sources, 2)[column(sources, 0).index("S-KYM-RX")] == "EU 2018, EU 2024"
    # the libraries, read from their installed metadata: Qt's licence, not a list typed in
    libraries = dict(zip(column(dialog.libraries_table, 0), column(dialog.libraries_table, 2)))
    assert "LGPL-3.0-only" in libraries["PySide6_Essentials"]
    assert libraries["Python"] == "PSF-2.0"
    assert {"reportlab", "sqlite-utils", "holidays", "platformdirs"} <= set(libraries)
    assert not {"pytest", "hypothesis", "pyinstaller"} & {n.lower() for n in libraries}  # tools, not bundled
    # Copy puts all of it on the clipboard; Close closes
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"ATMP Pathway Planner {__version__}\n") and "S-KYM-RX" in copied
    assert "PySide6_Essentials" in copied
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None or not window.findChild(AboutDialog).isVisible())


def test_about_in_swedish(window, qtbot):
    window.apply_preferences(Preferences(language="sv"))
    dialog = open_about_from_the_menu(window, qtbot, help_title="Hjälp")
    assert dialog.windowTitle() == "Om ATMP Pathway Planner"
    assert dialog.build_label.text() == "utvecklingskopia (inte ett paketerat bygge)"
    assert dialog.catalogue_label.text().startswith("version 2026-11-22.1, transkriberad 2026-11-22; 9 produkter")
    assert dialog.dates_label.text().startswith("daterade 2017–2025; ")
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Program", "Katalogens källor", "Bibliotek och licenser"]
    headers = [dialog.libraries_table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["Bibliotek", "Version", "Licens"]
    assert dialog.findChild(type(dialog.copy_button), "aboutCopy").text() == "Kopiera"


def test_a_frozen_build_shows_its_build_date_and_commit(qtbot, monkeypatch, tmp_path):
    (tmp_path / about.BUILD_INFO_FILE).write_text(json.dumps(
        {"version": __version__, "built": "2026-12-07T06:22:00Z", "commit": "2af51f4c0ffe"}), encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.build_label.text() == "built 2026-12-07 06:22:00 UTC, commit 2af51f4c0ffe"
    assert dialog.program_folder() == Path(sys.executable).resolve().parent


def test_a_frozen_build_without_its_build_file_says_so_without_failing(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.build_label.text() == "built ?"
