"""Local product profiles end to end (issue 13): a trial product defined from a protocol file is
stored, approved by a second person, planned, checked, saved and printed; a bad profile writes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from atmp_desktop.domain.pathway import Washout
from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.reports import render_checklist
from atmp_desktop.reports.stored import stored_checklist_input
from atmp_desktop.services.errors import PermissionDenied, ValidationError
from tests.storage.helpers import as_

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "trial-protocol-profile.json"


def doc() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def audit_count(svc) -> int:
    return svc.store.fetchone("SELECT COUNT(*) FROM audit")[0]


def test_a_trial_product_from_a_protocol_file_is_planned_checked_and_printed(svc, tmp_path):
    as_(svc, "pharmacist")
    saved = svc.products.add_local(EXAMPLE.read_text(encoding="utf-8"))
    assert (saved.version, saved.status) == (1, "pending")
    assert "trial-t01" not in svc.products.product_ids  # not planned with before approval
    with pytest.raises(ValidationError, match="two-person sign-off"):
        svc.products.approve("trial-t01", 1)
    as_(svc, "pharmacist2")
    approved = svc.products.approve("trial-t01", 1, "checked against protocol v3.0 §5-6")
    assert approved.approved_by == "pharmacist2"
    assert "trial-t01" in svc.products.product_ids
    entries = svc.store.dicts("SELECT action, username, reason FROM audit WHERE tbl = 'product_profiles'"
                              " ORDER BY id DESC LIMIT 2")
    assert [(e["action"], e["username"]) for e in entries] == [("update", "pharmacist2"), ("insert", "pharmacist")]

    as_(svc, "coordinator")
    plan = svc.pathways.propose(PlanRequest("trial-t01", apheresis=date(2026, 12, 7)), "huddinge")
    assert not plan.has_error, [f.message() for f in plan.findings if f.is_error]
    kinds = [e.kind for e in plan.pathway.events]
    assert kinds[0] == "marker_test" and "post_infusion_drug" in kinds
    pathway = plan.pathway
    apheresis = pathway.first("apheresis").first_day(pathway.tz)
    pathway.washouts = [Washout("systemic corticosteroids", apheresis - timedelta(days=2), "apheresis")]
    patient = svc.patients.list("huddinge")[0]
    sp = svc.pathways.create(patient.id, pathway, "huddinge")
    assert sp.profile_version == 1
    back = svc.pathways.get(sp.id)
    assert back.pathway.washouts == pathway.washouts
    assert back.pathway.first("marker_test").extra["markers"][0] == "HIV"
    codes = {f.code for f in svc.pathways.findings(back)}
    assert "WASHOUT" in codes  # 2 days after the last steroid dose; the protocol asks for 3

    # a new version (pending) does not change the stored pathway's version until replanned
    as_(svc, "admin")
    changed = doc()
    changed["product"]["regions"]["EU"]["thaw_limit"]["value"]["minutes"] = 45
    svc.products.add_local(changed, "protocol amendment 1")
    as_(svc, "pharmacist")
    svc.products.approve("trial-t01", 2, "amendment 1 checked")
    assert svc.products.current_version("trial-t01") == 2
    assert svc.pathways.get(sp.id).profile_version == 1
    assert svc.pathways.profile_for(svc.pathways.get(sp.id)).rule("thaw_limit").value["minutes"] == 60

    data = stored_checklist_input(svc, sp.id, lang="en")
    pdf = render_checklist("pre-apheresis", data, "en")
    assert pdf.startswith(b"%PDF")
    out = tmp_path / "pre-apheresis.pdf"
    out.write_bytes(pdf)
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Washout confirmation" in text and "HTLV" in text
    assert render_checklist("pre-infusion", stored_checklist_input(svc, sp.id, lang="sv"), "sv").startswith(b"%PDF")

    exported = svc.products.export_local("trial-t01", 1)
    assert exported["product"] == doc()["product"] and exported["sources"] == doc()["sources"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["product"]["regions"]["EU"]["indications"][0]["infusion_gap"]["value"].update(min=9),
     "greater than the maximum"),
    (lambda d: d["product"]["regions"]["EU"]["washouts"]["value"].append(
        {"drug": "x", "before": "lunch", "min_days": 1}), "unknown event kind 'lunch'"),
    (lambda d: d["product"]["regions"]["EU"]["thaw_limit"]["value"].update(minutes=0), "thaw limit of 0"),
])
def test_a_bad_profile_is_refused_and_nothing_is_written(svc, change, message):
    as_(svc, "pharmacist")
    bad = doc()
    change(bad)
    before = audit_count(svc)
    with pytest.raises(ValidationError, match=message):
        svc.products.add_local(bad)
    assert audit_count(svc) == before
    assert svc.store.fetchone("SELECT COUNT(*) FROM product_profiles WHERE product = 'trial-t01'")[0] == 0


def test_only_pharmacists_and_administrators_define_profiles(svc):
    as_(svc, "coordinator")
    with pytest.raises(PermissionDenied):
        svc.products.add_local(doc())


def test_casgevy_is_proposed_from_mobilisation_to_infusion(svc):
    as_(svc, "coordinator")
    plan = svc.pathways.propose(PlanRequest("casgevy", "scd", apheresis=date(2026, 12, 7), conditioning_days=4),
                                "huddinge")
    kinds = [e.kind for e in plan.pathway.events]
    assert kinds[:3] == ["mobilisation", "apheresis", "apheresis"] and "conditioning" in kinds
    assert not plan.has_error
