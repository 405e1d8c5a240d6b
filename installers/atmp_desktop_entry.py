"""The frozen application's entry point (PyInstaller runs this file; see installers/atmp-desktop.spec).

The same as the ``atmp-desktop`` console script: no command opens the window,
a command runs on the command line. A Windows GUI executable has no console,
so ``sys.stdout``/``sys.stderr`` are None there: they go to the null device
(unexpected errors still reach the error log in the per-user log folder).
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - for the whole run

from atmp_desktop.cli.main import main  # noqa: E402 - after the streams exist

raise SystemExit(main())
