# Run-time hook of the frozen application, in place of PyInstaller's pyi_rth_pyside6
# (installers/atmp-desktop.spec swaps it in). It does what that hook does for a
# PySide6 installed from PyPI wheels -- Qt's plugin folder, and on Windows the
# bundle's folder on PATH -- but without importing PySide6.QtCore at start:
# PyInstaller's hook imports it only to register a qt.conf, which the PySide6
# wheels register themselves when QtCore is first imported. Importing Qt first
# would make every later import pay PySide6's import hook (about 0.04 s of the
# window's start-up) and the command line load Qt for nothing.


def _pyi_rthook():
    import os
    import sys

    if sys.platform.startswith("win"):
        qt = os.path.join(sys._MEIPASS, "PySide6")
        os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
    else:
        qt = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")


_pyi_rthook()
del _pyi_rthook
