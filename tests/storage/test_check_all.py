"""check --all: the same findings on one core or two, and when a helper process fails.

The parallel path is what checks pathways whose findings are not kept yet
(``_checked_by_id``); kept findings are tested in ``test_finding_cache.py``.
"""

from __future__ import annotations

import sys

import pytest

from atmp_desktop.services import Services
from atmp_desktop.services import pathways as pathway_service
from atmp_desktop.storage import Store

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parallel path forks (Linux)")


def one_core(svc):
    return [(sp.id, f) for sp, f in svc.pathways.check_all()]


@linux_only
def test_two_processes_give_the_same_findings_in_the_same_order(demo_db, monkeypatch):
    monkeypatch.setattr(pathway_service, "PARALLEL_MIN", 10)
    with Store.open(demo_db) as store:
        svc = Services(store)
        expected = one_core(svc)
        assert svc.pathways._checked_by_id(processes=2) == expected
        assert svc.pathways._checked_by_id(processes=3) == expected
        assert svc.pathways.findings_by_id(processes=2) == expected  # nothing kept yet: checked on two cores
        assert svc.pathways.findings_by_id(processes=2) == expected  # kept now
        assert [pid for pid, _ in expected] == sorted(pid for pid, _ in expected)
        assert svc.pathways._checked_by_id(site="lund", processes=2) == [
            (sp.id, f) for sp, f in svc.pathways.check_all(site="lund")]


@linux_only
def test_a_failing_helper_process_changes_nothing_in_the_answer(demo_db, monkeypatch):
    monkeypatch.setattr(pathway_service, "PARALLEL_MIN", 10)

    class Broken:
        HIGHEST_PROTOCOL = 5

        @staticmethod
        def dumps(*args, **kwargs):
            raise RuntimeError("the child fails before it answers")

    with Store.open(demo_db) as store:
        svc = Services(store)
        expected = one_core(svc)
        monkeypatch.setattr(pathway_service, "pickle", Broken)
        assert svc.pathways._checked_by_id(processes=2) == expected
        monkeypatch.setattr(pathway_service, "_fork_part", lambda *args: None)
        assert svc.pathways._checked_by_id(processes=2) == expected


def forget_kept_findings(path) -> None:
    """Empty the kept findings, so the next check works everything out again."""
    with Store.open(path) as store, store.write():
        store.execute("DELETE FROM finding_cache")
        store.execute("DELETE FROM capacity_cache")


def _check_all_cli(capsys, path) -> str:
    from atmp_desktop.cli.main import run

    forget_kept_findings(path)
    assert run(["check", "--db", str(path), "--all", "--json"]) in (0, 1)
    return capsys.readouterr().out


@linux_only
def test_check_all_counts_capacity_in_a_child_with_the_same_answer(demo_db, monkeypatch, capsys):
    expected = _check_all_cli(capsys, demo_db)  # 60 pathways: one process
    assert '"CAPACITY"' in expected  # the demo ward is over capacity somewhere
    monkeypatch.setattr(pathway_service, "PARALLEL_MIN", 10)
    forked = []
    real_fork_call = pathway_service.fork_call
    monkeypatch.setattr(pathway_service, "fork_call", lambda *a: forked.append(a) or real_fork_call(*a))
    assert _check_all_cli(capsys, demo_db) == expected
    assert len(forked) == 2  # the capacity child and the second half of the checks

    class Broken:
        HIGHEST_PROTOCOL = 5

        @staticmethod
        def dumps(*args, **kwargs):
            raise RuntimeError("the children fail before they answer")

    monkeypatch.setattr(pathway_service, "pickle", Broken)
    assert _check_all_cli(capsys, demo_db) == expected
