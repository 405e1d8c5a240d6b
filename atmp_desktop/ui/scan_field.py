"""A text field for a barcode scanner, which also takes typing (issue 14).

A USB barcode scanner is a keyboard: it types the code's characters and then
Enter. The field emits :attr:`ScanField.entered` with the text and how it
came in, ``scanned`` or ``typed``.

How the two are told apart — honestly, a heuristic: the time between key
presses. A scanner sends its characters a few milliseconds apart; a person
needs 80–300 ms per key. The entry counts as **scanned** only when every
character arrived as a key press (no paste, no backspace or cursor editing),
there are at least :data:`MIN_CHARACTERS` of them, the median gap is at most
:data:`SCANNER_MEDIAN_MS` and no gap is longer than :data:`SCANNER_MAX_GAP_MS`.
Anything else is **typed**. A scanner set to send slowly is recorded as
typed, which is the safe side: the code is validated the same way either
way, only the audit trail says "typed". Nothing in the key events proves a
scanner was used (there is no device id in them); a centre that needs that
would configure its scanners with a prefix character and check for it here.
"""

from __future__ import annotations

import time
from statistics import median

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

MIN_CHARACTERS = 6
SCANNER_MEDIAN_MS = 35.0
SCANNER_MAX_GAP_MS = 120.0


def classify(times: list[float], text: str) -> str:
    """``scanned`` or ``typed`` for *text* whose characters were keyed at *times* (seconds)."""
    if len(text) < MIN_CHARACTERS or len(times) != len(text):
        return "typed"
    gaps = [(b - a) * 1000.0 for a, b in zip(times, times[1:])]
    if not gaps or median(gaps) > SCANNER_MEDIAN_MS or max(gaps) > SCANNER_MAX_GAP_MS:
        return "typed"
    return "scanned"


class ScanField(QLineEdit):
    """Emits ``entered(text, source)`` on Enter; Enter does not reach the dialog's default button."""

    entered = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._times: list[float] = []
        self._keyed = True  # False once the text changed other than by typing a character at the end
        self.last_source = ""
        self._done = False  # the text shown was entered: the next character starts a new scan
        self.textEdited.connect(self._edited)

    def _edited(self, text: str) -> None:
        if not text:
            self._times.clear()
            self._keyed = True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.finish()
            return
        char = event.text()
        if char and char.isprintable() and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            if self._done:
                self.reset()
            if self.cursorPosition() != len(self.text()) or self.hasSelectedText():
                self._keyed = False
            self._times.append(time.monotonic())
        elif key not in (Qt.Key.Key_Shift, Qt.Key.Key_CapsLock):
            self._keyed = False
            self._done = False  # backspace, arrows, paste (Ctrl+V): typed by a person
        super().keyPressEvent(event)

    def finish(self, source: str | None = None) -> None:
        """Emit what is in the field (on Save, for text not yet entered, with *source* ``typed``)."""
        text = self.text().strip()
        if not text:
            return
        if source is None:
            source = classify(self._times, self.text()) if self._keyed else "typed"
        self.last_source = source
        self._times.clear()
        self._keyed = True
        self._done = True
        self.entered.emit(text, source)

    def reset(self) -> None:
        self.clear()
        self._times.clear()
        self._keyed = True
        self._done = False

    @property
    def pending(self) -> bool:
        """Text in the field that was not entered (no Enter yet)."""
        return bool(self.text().strip()) and not self._done
