"""The PySide6 reference leaks on None (processEvents) and on bools (Signal.emit) must not kill the process."""

import sys

import atmp_desktop.ui  # noqa: F401 - pins None on import


def test_many_process_events_calls_do_not_free_none(qapp):
    for _ in range(5000):
        qapp.processEvents()
    assert sys.getrefcount(None) > 1_000_000


def test_many_signal_emits_do_not_free_a_bool(qapp):
    from PySide6.QtCore import QAbstractTableModel, QModelIndex

    class Model(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt name
            return 2

        def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt name
            return 2

        def data(self, index, role=0):
            return None

    model = Model()
    for _ in range(20_000):  # Today fills in details this often on a 100,000-pathway store
        model.dataChanged.emit(model.index(0, 0), model.index(1, 1))
    assert sys.getrefcount(True) > 1_000_000 and sys.getrefcount(False) > 1_000_000
