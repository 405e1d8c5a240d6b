"""Render the application icon (resources/icons/atmp-desktop.svg) to PNGs and a Windows .ico.

    python installers/make_icons.py OUT_DIR

writes OUT_DIR/atmp-desktop-<N>.png for N in 16 … 256 (the Linux package's
hicolor icons beside the scalable SVG) and OUT_DIR/atmp-desktop.ico (the
Windows executable and its Start-menu entry). Uses Qt's own SVG renderer, so
it needs no other tool; runs without a display (offscreen).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "atmp-desktop.svg"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QIcon

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs one
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    icon = QIcon(str(SVG))
    if icon.isNull():
        print(f"make_icons: cannot read {SVG} (Qt's SVG icon engine missing?)", file=sys.stderr)
        return 1
    for size in SIZES:
        if not icon.pixmap(size, size).save(str(out / f"atmp-desktop-{size}.png"), "PNG"):
            print(f"make_icons: cannot write the {size} px icon", file=sys.stderr)
            return 1
    # Qt's ICO writer stores the largest image; Windows scales it for the smaller sizes it shows.
    if not icon.pixmap(256, 256).toImage().save(str(out / "atmp-desktop.ico"), "ICO"):
        print("make_icons: cannot write atmp-desktop.ico", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
