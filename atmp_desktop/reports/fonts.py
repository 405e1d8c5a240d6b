"""The checklists' fonts: DejaVu Sans shipped in ``resources/fonts`` and embedded in every PDF.

The PDF base fonts (Helvetica…) are not embedded and cover Latin-1 only, so a
printer could substitute them; DejaVu covers å ä ö, µ, ≤, ≥, −, ² and ⁹ alike.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from atmp_desktop.paths import resource_path

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_lock = threading.Lock()
_registered = False


class FontError(RuntimeError):
    """A shipped font file is missing or unreadable (a broken installation)."""


def register_fonts() -> None:
    """Register the fonts with reportlab once per process (cheap after the first call)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            path = resource_path("fonts", filename)
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as exc:  # reportlab raises TTFError, IOError, …
                raise FontError(f"cannot load the checklist font {path}: {exc}") from None
        # <b> in a Paragraph picks the bold face through this family mapping.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, REGULAR)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True
