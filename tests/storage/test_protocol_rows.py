"""The store's event rows and replanning with the kinds beyond CAR-T (issue 13), on both back ends:
a course under way is listed through its planned last day, rows carry their protocol details, and a
busulfan window missed refuses the replanning proposal with nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from atmp_desktop.domain.replan import Change
from atmp_desktop.services.capacity import CapacityService
from atmp_desktop.services.errors import ValidationError
from tests.storage.helpers import TODAY, as_
from tests.storage.test_capacity_service import dump_hash
from tests.ui.protocol_pathways import casgevy_in_conditioning, trial_on_infusion_day


def rows_of(svc, pid, first, last=None):
    return {r.label: r for r in svc.pathways.events_between(first, last or first) if r.pathway_id == pid}


def test_a_busulfan_course_under_way_is_listed_through_its_planned_last_day(svc):
    pid = casgevy_in_conditioning(svc.store)
    as_(svc, "coordinator")
    row = rows_of(svc, pid, date(2026, 11, 24))["conditioning"]  # day 4 of 4, not recorded yet
    assert (row.first_day, row.last_day) == (date(2026, 11, 21), date(2026, 11, 24))
    assert row.actual_start is not None and row.actual_end is None
    assert dict(row.details) == {"drug": "busulfan"}
    assert "conditioning" not in rows_of(svc, pid, date(2026, 11, 25))  # one day after: not listed

    # the course stopped after two days: recorded, it is listed no longer
    as_(svc, "nurse")
    sp = svc.pathways.get(pid)
    cond = sp.pathway.first("conditioning")
    svc.pathways.record_actual(pid, sp.version, "conditioning", cond.actual_start, date(2026, 11, 22))
    as_(svc, "coordinator")
    assert "conditioning" in rows_of(svc, pid, date(2026, 11, 22))
    assert "conditioning" not in rows_of(svc, pid, TODAY)


def test_rows_carry_cycles_markers_and_drugs(svc):
    casgevy = casgevy_in_conditioning(svc.store)
    trial = trial_on_infusion_day(svc.store)
    as_(svc, "coordinator")
    may = rows_of(svc, casgevy, date(2026, 5, 19), date(2026, 5, 20))
    assert dict(may["mobilisation"].details) == {"cycle": 1}
    assert dict(may["apheresis#2"].details) == {"cycle": 1}
    rows = rows_of(svc, trial, date(2026, 10, 19), TODAY)
    assert list(rows["marker_test"].details["markers"]) == ["HIV", "HBV", "HCV", "syphilis", "HTLV"]
    assert rows["apheresis"].details is None  # a CAR-T style event has none
    il2 = rows_of(svc, trial, date(2026, 11, 25))["post_infusion_drug"]
    assert dict(il2.details) == {"drug": "IL-2 (aldesleukin)"} and il2.last_day == date(2026, 11, 25)


@pytest.mark.parametrize(("shift", "refused"), [(4, False), (5, True)])
def test_replanning_past_the_busulfan_window_is_refused_and_writes_nothing(svc, demo_db, shift, refused):
    pid = casgevy_in_conditioning(svc.store)
    as_(svc, "coordinator")
    capacity = CapacityService(svc)
    sp = svc.pathways.get(pid)
    proposal = capacity.propose_replan(pid, Change("infusion", shift), TODAY)
    # last busulfan dose 24 November: 1 December is 7 days after (allowed), 2 December 8 (not)
    assert proposal.pathway.infusion_day() == date(2026, 12, shift - 3)
    assert (proposal.refusal is not None) is refused
    if refused:
        before = dump_hash(demo_db, derived=False)
        with pytest.raises(ValidationError, match="cannot be applied") as caught:
            capacity.apply_replan(pid, proposal, sp.version, "ward full")
        assert caught.value.key == "replan.refused"
        assert "upprepas inte" in caught.value.message("sv")
        assert dump_hash(demo_db, derived=False) == before
        assert svc.pathways.get(pid).version == sp.version
    else:
        saved = capacity.apply_replan(pid, proposal, sp.version, "ward full")
        assert saved.version == sp.version + 1
        assert saved.pathway.infusion_day() == date(2026, 12, 1)
