"""Checklists of stored pathways: the input built through the services, and
``atmp-desktop checklist`` (a PDF written, or exit 2 with one line and nothing written)."""

from __future__ import annotations

from datetime import date

import pytest

from atmp_desktop.cli.main import run
from atmp_desktop.domain.calendar import SiteCalendar
from atmp_desktop.domain.planner import PlanRequest
from atmp_desktop.reports import KINDS, ChecklistError
from atmp_desktop.reports.stored import stored_checklist_input
from atmp_desktop.services import NotFound, Services
from atmp_desktop.storage import Store
from atmp_desktop.storage.records import Site
from tests.reports.helpers import COI, PNR, barcodes, page_count, pdf_text

SITE_NAME = "Karolinska CAR-T, Huddinge"


@pytest.fixture
def store_path(tmp_path):
    """A store with one site, one synthetic patient and two pathways: 1 planned in full, 2 without a thaw."""
    path = tmp_path / "atmp.db"
    store = Store.open(path)
    try:
        svc = Services(store)
        svc.users.add("admin", "Admin", "administrator", "admin-password-1")
        svc.sign_in("admin", "admin-password-1")
        svc.sites.save(Site("huddinge", SITE_NAME, "Europe/Stockholm", SiteCalendar()))
        svc.users.add("coord", "Coordinator", "coordinator", "coord-password-1")
        svc.sign_in("coord", "coord-password-1")
        patient = svc.patients.create(
            identifier=PNR,
            given_name="Åsa",
            family_name="Östlund-Ärlig",
            treating_site="huddinge",
            weight_kg=72.5,
            height_cm=168,
        )
        plan = svc.pathways.propose(PlanRequest("kymriah", "b-all", apheresis=date(2026, 12, 1)), "huddinge")
        plan.pathway.coi_id = COI
        assert svc.pathways.create(patient.id, plan.pathway).id == 1
        bare = svc.pathways.propose(PlanRequest("yescarta", "lbcl", apheresis=date(2026, 12, 2)), "huddinge").pathway
        bare.events = [e for e in bare.events if e.kind != "thaw"]
        assert svc.pathways.create(patient.id, bare).id == 2
    finally:
        store.close()
    return path


def test_input_from_the_store(store_path):
    with Store.open(store_path) as store:
        svc = Services(store)
        data = stored_checklist_input(svc, 1, lang="sv")
        sp = svc.pathways.get(1)
        assert data.patient.name == "Åsa Östlund-Ärlig" and data.patient.identifier == PNR
        assert (data.patient.weight_kg, data.patient.height_cm) == (72.5, 168)
        assert data.site_name == SITE_NAME and data.pathway_id == "1" and data.coi_id == COI
        assert data.profile == svc.pathways.profile_for(sp)
        assert list(data.findings) == svc.pathways.findings(sp)
        assert data.lang == "sv" and data.printed_at.tzinfo is not None
        with pytest.raises(NotFound):
            stored_checklist_input(svc, 99)


def test_cancelled_pathway_is_refused(store_path):
    with Store.open(store_path) as store:
        svc = Services(store)
        svc.sign_in("coord", "coord-password-1")
        svc.pathways.cancel(1, svc.pathways.get(1).version, "patient withdrew")
        with pytest.raises(ChecklistError, match="pathway 1 is cancelled"):
            stored_checklist_input(svc, 1)


@pytest.mark.parametrize("kind", KINDS)
def test_cli_writes_every_kind(kind, store_path, tmp_path, capsys):
    out = tmp_path / f"{kind}.pdf"
    code = run(
        ["--db", str(store_path), "checklist", "--pathway", "1", "--kind", kind, "--lang", "sv", "--out", str(out)]
    )
    assert code == 0, capsys.readouterr().err
    assert f"wrote {out} ({kind}, pathway 1, 19121212-1212)" in capsys.readouterr().out
    text = pdf_text(out)
    assert "Åsa Östlund-Ärlig" in text and "Kymriah" in text and f"Sida 1 av {page_count(out)}" in text


def test_cli_pdf_barcodes(store_path, tmp_path):
    out = tmp_path / "pre-infusion.pdf"
    assert (
        run(["--db", str(store_path), "checklist", "--pathway", "1", "--kind", "pre-infusion", "--out", str(out)]) == 0
    )
    assert barcodes(out, tmp_path) == {PNR, COI}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--pathway", "99", "--kind", "discharge"], "there is no pathway 99"),
        (["--pathway", "one", "--kind", "discharge"], "--pathway: 'one' is not a pathway id"),
        (["--pathway", "1", "--kind", "bedside"], "unknown checklist 'bedside'; known: pre-apheresis"),
        (["--pathway", "2", "--kind", "pre-infusion"], "pathway 2: the pathway has no planned thaw for infusion"),
    ],
)
def test_cli_refuses_with_one_line_and_writes_nothing(args, message, store_path, tmp_path, capsys):
    out = tmp_path / "out.pdf"
    code = run(["--db", str(store_path), "checklist", *args, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_cli_refuses_a_missing_store_and_folder(store_path, tmp_path, capsys):
    assert (
        run(
            [
                "--db",
                str(tmp_path / "none.db"),
                "checklist",
                "--pathway",
                "1",
                "--kind",
                "discharge",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    assert "there is no database" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
    assert (
        run(
            [
                "--db",
                str(store_path),
                "checklist",
                "--pathway",
                "1",
                "--kind",
                "discharge",
                "--out",
                str(tmp_path / "missing" / "x.pdf"),
            ]
        )
        == 2
    )
    assert "does not exist" in capsys.readouterr().err


def test_cli_exit_1_when_open_errors_are_printed(store_path, tmp_path, capsys):
    with Store.open(store_path) as store:
        svc = Services(store)
        svc.sign_in("coord", "coord-password-1")
        sp = svc.pathways.get(1)
        inf = sp.pathway.first("infusion")
        inf.start = inf.start.replace(hour=11)  # hours after the 30-minute thaw limit
        inf.end = inf.end.replace(hour=11)
        svc.pathways.save(sp, "test: infusion moved past the thaw limit")
    out = tmp_path / "late.pdf"
    code = run(["--db", str(store_path), "checklist", "--pathway", "1", "--kind", "pre-infusion", "--out", str(out)])
    assert code == 1
    assert "open error(s) printed at the top" in capsys.readouterr().out
    assert "OPEN ERRORS" in pdf_text(out, 1)


def test_every_kind_of_every_demo_pathway_prints_or_says_why(tmp_path):
    """Demo pathways in every stage, with recorded times and planted problems: no crash, ever."""
    from atmp_desktop.services.demo import create_demo_database
    from atmp_desktop.reports import render_checklist

    path = tmp_path / "demo.db"
    create_demo_database(path, patients=14, seed=3, today=date(2026, 11, 23))
    printed = 0
    with Store.open(path) as store:
        svc = Services(store)
        for row in svc.pathways.rows():
            if row.stage == "cancelled":
                with pytest.raises(ChecklistError, match="is cancelled"):
                    stored_checklist_input(svc, row.id)
                continue
            data = stored_checklist_input(svc, row.id, lang="sv")
            for kind in KINDS:
                try:
                    pdf = render_checklist(kind, data)
                except ChecklistError as exc:
                    assert exc.key in ("missing_event", "no_thaw", "thaw_no_time"), exc
                    continue
                assert pdf.startswith(b"%PDF-")
                printed += 1
    assert printed >= 14 * len(KINDS) // 2
