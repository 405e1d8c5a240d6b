"""The PySide6 user interface: the only package that imports Qt."""

import sys


def _pin_none() -> bool:
    """Work around a PySide6 6.12 bug: every ``QCoreApplication.processEvents()``
    (and ``QTest.qWait``) call drops one reference to ``None``; after a few
    thousand calls CPython 3.11 deallocates ``None`` and the process dies
    ("Fatal Python error: none_dealloc"). Giving ``None`` a huge reference count
    makes it as immortal as it is on Python 3.12+, where the bug is harmless.

    The same bug drops a reference to ``True`` or ``False`` on every
    ``Signal.emit()`` ("Fatal Python error: bool_dealloc"): Today on a
    100,000-pathway store emits ``dataChanged`` once per pathway whose details
    it fills in, thousands of times in a second (issue 11). Both are pinned too.
    """
    if sys.implementation.name == "cpython" and sys.version_info < (3, 12):
        import ctypes

        for obj in (None, True, False):
            if sys.getrefcount(obj) < 1 << 40:
                # ob_refcnt is the first field of every CPython object.
                ctypes.c_ssize_t.from_address(id(obj)).value = 1 << 60
        return True
    return False


#: True where None had to be pinned (CPython before 3.12).
PINNED_NONE = _pin_none()
