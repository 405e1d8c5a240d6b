"""The resource load behind the Calendar's load strip, counted off the GUI thread and cached.

Counting a site's load means reading every one of its pathways (about a
second per site on the 10,000-pathway demo database), so it is done once per
change of the data, on a worker thread with its own connection to the store
(a sqlite3 connection belongs to the thread that opened it), and kept until
the store changes. Switching weeks then only reads the cached counters. The
worker keeps its connection between counts, so after a save the capacity
service re-reads only the pathways that changed.

The capacity service (``atmp_desktop.services.capacity``, issue 6) is used
when it is there, so the strip counts exactly what ``CAPACITY`` findings
count; otherwise the load is built here from the same domain code.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from atmp_desktop.domain.capacity import Load
from atmp_desktop.domain.pathway import STAGES
from atmp_desktop.services import REFUSALS, Services
from atmp_desktop.ui.errors import refusal_message

log = logging.getLogger(__name__)

#: Every stage but cancelled: a cancelled pathway uses no capacity.
COUNTED_STAGES = tuple(s for s in STAGES if s != "cancelled")


def data_stamp(services: Services) -> int:
    """A number that changes whenever anything in the store changes (every change is audited)."""
    return services.audit.count()


def build_loads(services: Services, sites: list[str]) -> dict[str, Load | None]:
    """The load of each site (None for a site without resources), as ``CAPACITY`` findings count it."""
    capacity = _capacity_service(services)
    out: dict[str, Load | None] = {}
    for site in sites:
        resources = services.resources.list(site)
        if not resources:
            out[site] = None
            continue
        if capacity is not None:
            out[site] = capacity.load(site)
            continue
        pathways = services.pathways.load_all(site=site, stages=COUNTED_STAGES)
        out[site] = Load.build(
            resources, {str(sp.id): sp.pathway for sp in pathways},
            services.sites.calendar(site), services.products.catalogue(),
        )
    return out


def _capacity_service(services: Services) -> Any:
    try:
        return services.capacity
    except Exception:  # noqa: BLE001 - the calendar counts the load itself then
        log.exception("capacity service unusable; counting the load in the calendar")
        return None


class _WorkerState:
    """The worker's connection and services, kept from one count to the next.

    The capacity service then only re-reads the pathways saved since the last
    count (see its "Cache" notes) instead of every pathway of the site. Only
    the pool's one thread uses it; a connection made on another thread is
    dropped and made again (a sqlite3 connection belongs to its thread).
    """

    def __init__(self) -> None:
        self.key: tuple[str, int] | None = None
        self.store = None
        self.services: Services | None = None

    def get(self, path, session) -> Services:
        from atmp_desktop.storage import Store

        key = (str(path), threading.get_ident())
        if self.services is None or self.key != key:
            self.forget()
            self.store = Store.open(path, create=False, write=False)
            self.services, self.key = Services(self.store, session), key
        self.services.session = session
        return self.services

    def forget(self) -> None:
        store, self.store, self.services, self.key = self.store, None, None, None
        if store is not None:
            try:
                store.close()
            except Exception:  # noqa: BLE001 - a broken connection is dropped either way
                pass


class _Signals(QObject):
    done = Signal(int, object)  # generation, {site: Load | None}
    failed = Signal(int, str)


class _Job(QRunnable):
    """Counts the loads on a pool thread with a read-only connection of its own."""

    def __init__(self, path, session, sites: list[str], generation: int, signals: _Signals, state: _WorkerState,
                 lang: str = "en"):
        super().__init__()
        self.path, self.session, self.sites = path, session, sites
        self.generation, self.signals, self.state = generation, signals, state
        self.lang = lang  # a refusal is said in the UI language, worked out here (no widget is touched)

    def run(self) -> None:
        try:
            services = self.state.get(self.path, self.session)
        except REFUSALS as exc:
            self._emit(self.signals.failed, refusal_message(exc, self.lang))
            return
        try:
            loads = build_loads(services, self.sites)
        except REFUSALS as exc:
            self.state.forget()
            self._emit(self.signals.failed, refusal_message(exc, self.lang))
        except Exception as exc:  # noqa: BLE001 - never a traceback in the window; the log has it
            log.exception("counting the resource load failed")
            self.state.forget()
            self._emit(self.signals.failed, f"{type(exc).__name__}: {exc}")
        else:
            self._emit(self.signals.done, loads)

    def _emit(self, signal, payload) -> None:
        try:
            signal.emit(self.generation, payload)
        except RuntimeError:
            pass  # the view was closed while counting: nobody is waiting for the result


class LoadSource(QObject):
    """Per-site loads for the views, counted in the background and cached until the store changes.

    ``request(sites)`` starts counting what is not cached; ``ready`` is
    emitted when loads counted in the background arrive, ``failed`` with a
    one-line message (a refusal's in *lang*, the UI language). With
    ``background=False`` what is missing is counted at once on the calling
    thread, before ``request`` returns.
    """

    ready = Signal()
    failed = Signal(str)

    def __init__(self, services: Services, background: bool = True, parent: QObject | None = None,
                 lang: str = "en"):
        super().__init__(parent)
        self.services = services
        self.background = background
        self.lang = lang
        self._loads: dict[str, Load | None] = {}
        self._stamp: int | None = None
        self._generation = 0
        self._pending: set[str] = set()
        self.error: str | None = None
        # The pool is made first so that it is destroyed first: its destructor waits
        # for a running count, which still needs the signals object to report to.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._pool.setExpiryTimeout(-1)  # one long-lived thread, which keeps its connection
        self._worker = _WorkerState()
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._signals.failed.connect(self._failed)

    # -- cache ---------------------------------------------------------------------

    def check_stamp(self) -> bool:
        """Forget every load if the store changed since they were counted; True if it did."""
        stamp = data_stamp(self.services)
        if stamp != self._stamp:
            self._stamp = stamp
            self.invalidate()
            return True
        return False

    def invalidate(self) -> None:
        self._loads.clear()
        self._pending.clear()
        self._generation += 1
        self.error = None

    def cached(self, site: str) -> bool:
        return site in self._loads

    def get(self, site: str) -> Load | None:
        return self._loads.get(site)

    def busy(self) -> bool:
        return bool(self._pending)

    def request(self, sites: list[str]) -> None:
        """Make sure the loads of *sites* are counted (or being counted)."""
        missing = [s for s in sites if s not in self._loads and s not in self._pending]
        if not missing:
            return
        if not self.background:
            # Counted at once: the caller reads the result on return, so no ``ready`` is emitted.
            try:
                self._loads.update(build_loads(self.services, missing))
            except REFUSALS as exc:
                self._failed(self._generation, refusal_message(exc, self.lang))
            return
        self._pending.update(missing)
        job = _Job(self.services.store.path, self.services.session, missing, self._generation, self._signals,
                   self._worker, self.lang)
        self._pool.start(job)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the background counting is done (for scripts and benchmarks)."""
        return self._pool.waitForDone(msecs)

    # -- results -------------------------------------------------------------------

    def _done(self, generation: int, loads: dict) -> None:
        if generation != self._generation:
            return  # counted before the data changed: a newer count follows
        self._loads.update(loads)
        self._pending.difference_update(loads)
        self.ready.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._pending.clear()
        self.error = message
        self.failed.emit(message)

