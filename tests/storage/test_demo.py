"""Demo data: synthetic, deterministic, every stage and product, problems to act on, first start."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.domain.identifiers import parse_patient_id
from atmp_desktop.domain.pathway import STAGES
from atmp_desktop.services import Services
from atmp_desktop.services.demo import DEMO_USERS, create_demo_database, ensure_database
from atmp_desktop.storage import Store
from atmp_desktop.storage.audit import verify
from tests.storage.helpers import TODAY


def test_the_demo_ward_is_alive(demo_db):
    with Store.open(demo_db) as store:
        svc = Services(store)
        rows = svc.pathways.rows()
        assert len(rows) == 60
        assert {s.name for s in svc.sites.list()} == {"Karolinska Huddinge", "Akademiska Uppsala", "Skåne Lund"}
        assert set(Counter(r.stage for r in rows)) == set(STAGES)
        # the demo ward treats the seven CAR-T products (issue 13 added other ATMPs to the catalogue)
        assert {r.product for r in rows} == set(svc.products.product_ids) - {"casgevy", "amtagvi"}
        assert {u.role for u in svc.users.list()} == {"coordinator", "pharmacist", "nurse", "administrator"}
        kinds = {r.kind for r in svc.resources.list()}
        assert kinds == {"apheresis_chair", "ward_bed", "thaw_slot", "manufacturing_slot"}
        errors = Counter(f.code for sp, fs in svc.pathways.check_all() for f in fs if f.is_error)
        for code in ("LD_TO_INFUSION", "STORAGE_TEMPERATURE", "SHIPPER_HOLD", "TOCILIZUMAB"):
            assert errors[code] >= 1, code
        warnings = Counter(f.key for sp, fs in svc.pathways.check_all() for f in fs)
        assert warnings["expiry.unknown"] >= 1
        assert verify(store).ok


def test_today_falls_in_each_pathways_stage(demo_db):
    with Store.open(demo_db) as store:
        for sp in Services(store).pathways.load_all():
            p, tz = sp.pathway, sp.pathway.tz
            day = lambda kind: p.first(kind).first_day(tz)  # noqa: E731
            if sp.stage == "awaiting_apheresis":
                assert day("apheresis") >= TODAY and not p.first("apheresis").happened
            elif sp.stage == "in_manufacturing":
                assert p.first("apheresis").happened and not p.first("product_receipt").happened
            elif sp.stage == "product_in_storage":
                assert p.first("storage").happened and day("lymphodepletion") > TODAY
            elif sp.stage == "lymphodepletion":
                assert p.first("lymphodepletion").happened and day("infusion") > TODAY
            elif sp.stage == "infused":
                assert p.first("infusion").happened and not sp.pathway.first("monitoring").actual_end
            elif sp.stage == "completed":
                assert p.first("monitoring").actual_end is not None
            else:
                assert sp.stage == "cancelled" and sp.cancel_reason


def test_only_valid_synthetic_identifiers(demo_db):
    with Store.open(demo_db) as store:
        patients = Services(store).patients.list()
    kinds = Counter()
    for p in patients:
        pid = parse_patient_id(p.identifier, TODAY)
        assert (pid.value, pid.birth_date) == (p.identifier, p.birth_date)
        kinds[pid.kind] += 1
        if pid.kind != "reserve":
            assert 900 <= int(p.identifier[8:11]) <= 999  # the synthetic birth-number series
            assert pid.sex == p.sex
    assert kinds["personnummer"] > 50


def test_the_same_seed_and_day_give_the_same_data(tmp_path):
    docs = []
    for name in ("a.db", "b.db"):
        create_demo_database(tmp_path / name, patients=25, seed=7, today=date(2027, 3, 1))
        with Store.open(tmp_path / name) as store:
            svc = Services(store)
            docs.append([svc.pathways.export_document(r.id) for r in svc.pathways.rows()])
    assert docs[0] == docs[1]
    create_demo_database(tmp_path / "c.db", patients=25, seed=8, today=date(2027, 3, 1))
    with Store.open(tmp_path / "c.db") as store:
        svc = Services(store)
        assert [svc.pathways.export_document(r.id) for r in svc.pathways.rows()] != docs[0]


def test_first_start_creates_the_database_with_demo_data(tmp_path, monkeypatch):
    path = tmp_path / "data" / "atmp.db"
    monkeypatch.setenv("ATMP_DB", str(path))
    with ensure_database(patients=10, today=TODAY) as store:
        assert store.repos.pathways.count() == 10
    assert not list(path.parent.glob("*.building*"))
    with ensure_database(patients=99) as store:  # there is one now: opened, not refilled
        assert store.repos.pathways.count() == 10


def test_demo_command_refuses_a_database_with_data(demo_db, capsys):
    code = run(["demo", "--db", str(demo_db)])
    err = capsys.readouterr().err
    assert code == 2 and "already holds data" in err


def test_demo_command(tmp_path, capsys):
    path = tmp_path / "new.db"
    code = run(["demo", "--patients", "12", "--seed", "3", "--today", "2026-12-01", "--db", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "12 patients" in out and "today is 2026-12-01" in out
    for username, _, _, _, password in DEMO_USERS:
        assert f"{username} / {password}" in out


@pytest.mark.parametrize("n", [0, -3])
def test_demo_needs_patients(tmp_path, capsys, n):
    assert run(["demo", "--patients", str(n), "--db", str(tmp_path / "x.db")]) == 2
