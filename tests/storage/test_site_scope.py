"""Site scoping (issue 12): a user restricted to some sites sees and changes only their pathways.

Runs on both back ends (``demo_db``). The demo has three sites: huddinge, uppsala and lund.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from atmp_desktop.services import Services
from atmp_desktop.services.auth import Session
from atmp_desktop.services.errors import PermissionDenied, ValidationError
from atmp_desktop.storage import Store
from atmp_desktop.storage.audit import verify
from tests.storage.helpers import file_hash, session


def scoped(store, role: str, *sites: str) -> Services:
    return Services(store, Session(f"{role}-{'-'.join(sites)}", role, role, sites=frozenset(sites)))


def test_a_scoped_user_sees_only_their_sites(demo_db):
    with Store.open(demo_db) as store:
        everyone = Services(store, session("coordinator"))
        all_rows = everyone.pathways.rows()
        assert {r.site for r in all_rows} == {"huddinge", "uppsala", "lund"}
        lund = scoped(store, "coordinator", "lund")
        rows = lund.pathways.rows()
        assert rows and {r.site for r in rows} == {"lund"}
        assert len(rows) == sum(1 for r in all_rows if r.site == "lund")
        events = lund.pathways.events_between(date(2026, 11, 1), date(2026, 12, 31))
        assert events and {e.site for e in events} == {"lund"}
        assert {pid for pid, _ in lund.pathways.findings_by_id()} == {r.id for r in rows if r.stage != "cancelled"}
        assert {p.treating_site for p in lund.patients.list()} <= {"lund"} | {
            p.treating_site for p in lund.patients.list() if p.referring_site == "lund"}
        other = next(r for r in all_rows if r.site == "uppsala")
        with pytest.raises(PermissionDenied) as refused:
            lund.pathways.get(other.id)
        assert "may not see or change uppsala" in str(refused.value)
        with pytest.raises(PermissionDenied):
            lund.pathways.rows(site="uppsala")


def test_a_change_outside_the_scope_is_refused_and_nothing_is_written(demo_db):
    with Store.open(demo_db) as store:
        everyone = Services(store, session("coordinator"))
        sp = next(everyone.pathways.get(r.id) for r in everyone.pathways.rows()
                  if r.site == "uppsala" and r.stage == "in_manufacturing")
    before = file_hash(demo_db)
    with Store.open(demo_db) as store:
        lund = scoped(store, "coordinator", "lund")
        moved = replace(sp, site="lund")  # "refer" it to Lund without being a coordinator of Uppsala
        with pytest.raises(PermissionDenied):
            lund.pathways.save(moved, "referral")
        with pytest.raises(PermissionDenied):
            lund.pathways.cancel(sp.id, sp.version, "not mine")
    assert file_hash(demo_db) == before


def test_a_coordinator_of_both_sites_refers_a_patient(demo_db):
    with Store.open(demo_db) as store:
        everyone = Services(store, session("coordinator"))
        sp = next(everyone.pathways.get(r.id) for r in everyone.pathways.rows()
                  if r.site == "uppsala" and r.stage == "in_manufacturing")
        both = scoped(store, "coordinator", "uppsala", "lund")
        saved = both.pathways.save(replace(sp, site="lund"), "referred to Lund")
        assert saved.site == "lund"
        lund_only = scoped(store, "coordinator", "lund")
        assert lund_only.pathways.get(sp.id).site == "lund"
        assert verify(store).ok


def test_users_are_scoped_when_added_and_the_scope_comes_with_sign_in(demo_db):
    with Store.open(demo_db) as store:
        admin = Services(store, session("admin"))
        with pytest.raises(ValidationError):
            admin.users.add("kim", "Kim", "coordinator", "kim-password-1", sites=["nowhere"])
        user = admin.users.add("kim", "Kim", "coordinator", "kim-password-1", sites=["lund", "uppsala"])
        assert user.sites == ("lund", "uppsala")
        svc = Services(store)
        signed = svc.sign_in("kim", "kim-password-1")
        assert signed.sites == frozenset({"lund", "uppsala"})
        assert {r.site for r in svc.pathways.rows()} == {"lund", "uppsala"}
        assert admin.users.get("coordinator").sites is None  # unrestricted users stay so
        assert verify(store).ok
