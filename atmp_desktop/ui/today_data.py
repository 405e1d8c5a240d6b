"""What the Today view lists, without Qt: the event kinds and stages, and reading them early.

The start-up begins reading today's and tomorrow's events (on a worker
thread, see :meth:`~atmp_desktop.storage.pathways.PathwayRepository.read_early`)
before Qt has loaded; the Today view's first :meth:`refresh
<atmp_desktop.ui.today_view.TodayView.refresh>` then finds them read.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from atmp_desktop.domain.pathway import STAGES

#: The event kinds the Today view lists (what staff do or receive on the day).
TODAY_KINDS = (
    "marker_test", "mobilisation", "apheresis", "product_receipt", "lymphodepletion", "conditioning", "thaw",
    "infusion", "post_infusion_drug",
)
#: Cancelled pathways are not on anyone's day.
LISTED_STAGES = tuple(s for s in STAGES if s != "cancelled")


def today_and_tomorrow(today: date) -> tuple[date, date]:
    return today, today + timedelta(days=1)


def read_today_early(store: Any, today: date, site: str | None, after: Any = None) -> None:
    """Start reading what Today will list for *today* at *site* (None: all sites), once the thread *after* is done."""
    first, last = today_and_tomorrow(today)
    store.repos.pathways.read_early(first, last, site, LISTED_STAGES, TODAY_KINDS, after=after)
