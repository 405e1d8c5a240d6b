"""The Patients list on a big store (issue 11): SQL pages and the key index agree with the list's rules.

Runs on both back ends (``svc`` over ``demo_db``). The rules are those of
``csv_export.filter_pathways`` (the command line's export), the order that of
the list's columns (case-folded names, ties by pathway id).
"""

from __future__ import annotations

from datetime import date

import pytest

from atmp_desktop.services import Services
from atmp_desktop.services.auth import Session
from atmp_desktop.services.csv_export import filter_pathways
from atmp_desktop.services.pathway_list import ACTIVE, COLUMNS, STAGE_ORDER, PathwayFilter, PathwayIndex

SITE_NAMES = {"huddinge": "Karolinska Huddinge", "uppsala": "Akademiska Uppsala", "lund": "Skåne Lund"}
PRODUCT_NAMES = {"kymriah": "Kymriah", "yescarta": "Yescarta", "breyanzi": "Breyanzi", "abecma": "Abecma",
                 "carvykti": "Carvykti", "tecartus": "Tecartus"}

CRITERIA = [
    PathwayFilter(),
    PathwayFilter(stage=ACTIVE),
    PathwayFilter(site="uppsala", stage=ACTIVE),
    PathwayFilter(product="yescarta"),
    PathwayFilter(stage="in_manufacturing"),
    PathwayFilter(findings="errors"),
    PathwayFilter(findings="any", site="lund"),
    PathwayFilter(findings="none"),
]


def patient_key(r):
    return (r.family_name.casefold(), r.given_name.casefold())


def expected(rows, c: PathwayFilter):
    shown = filter_pathways(rows, site=c.site, product=c.product, stage=c.stage, findings=c.findings, text=c.text,
                            site_names=SITE_NAMES, product_names=PRODUCT_NAMES)
    return [r for r in shown if c.patient_id is None or r.patient_id == c.patient_id]


def index_of(svc) -> PathwayIndex:
    return PathwayIndex(svc.pathways.list_keys(), SITE_NAMES, PRODUCT_NAMES, svc.pathways.infusion_days)


@pytest.mark.parametrize("descending", [False, True])
def test_sql_pages_are_the_lists_rows_in_patient_order(svc, descending):
    rows = sorted(svc.pathways.rows(), key=lambda r: r.id)
    assert any(r.family_name[0] in "ÅÄÖ" for r in rows)  # the order of non-ASCII names is part of the test
    for c in CRITERIA + [PathwayFilter(patient_id=rows[3].patient_id)]:
        want = sorted(expected(rows, c), key=patient_key, reverse=descending)
        total, first = svc.pathways.list_page(site=c.site, stage=c.stage, product=c.product, findings=c.findings,
                                              patient_id=c.patient_id, descending=descending, limit=7)
        assert total == len(want), c
        assert [r.id for r in first] == [r.id for r in want[:7]], c
        paged = list(first)
        while len(paged) < total:
            paged += svc.pathways.list_page(site=c.site, stage=c.stage, product=c.product, findings=c.findings,
                                            patient_id=c.patient_id, descending=descending, limit=7,
                                            offset=len(paged))[1]
        assert paged == want, c  # the same rows (every field), in the same order
    assert svc.pathways.list_page(limit=0) == (len(rows), [])


def test_the_index_filters_as_the_list_always_did(svc):
    rows = sorted(svc.pathways.rows(), key=lambda r: r.id)
    index = index_of(svc)
    assert len(index) == len(rows) and index.ids == [r.id for r in rows]
    target = rows[11]
    texts = ["", target.family_name[:2], target.family_name, target.given_name + " " + target.family_name,
             target.display_identifier, target.identifier[2:], "yescarta uppsala", "Skåne", str(target.id),
             "no such patient anywhere", target.family_name.upper()]
    for c in CRITERIA:
        for text in texts:
            criteria = PathwayFilter(**{**c.__dict__, "text": text})
            want = sorted(expected(rows, criteria), key=patient_key)
            assert index.ids_for(criteria) == [r.id for r in want], criteria


def test_typing_and_deleting_letter_by_letter_narrows_and_widens_correctly(svc):
    rows = sorted(svc.pathways.rows(), key=lambda r: r.id)
    index = index_of(svc)
    name = rows[5].given_name + " " + rows[5].family_name
    typed = [name[:n] for n in range(1, len(name) + 1)] + [name[:n] for n in range(len(name) - 1, -1, -1)]
    for text in typed:
        c = PathwayFilter(stage=ACTIVE, text=text)
        assert index.ids_for(c) == [r.id for r in sorted(expected(rows, c), key=patient_key)], text
    # a filter changed in between is never taken for a narrower one
    assert index.ids_for(PathwayFilter(stage=ACTIVE, text="a")) != index.ids_for(PathwayFilter(stage="cancelled",
                                                                                               text="an"))
    assert index.ids_for(PathwayFilter(stage="cancelled", text="an")) == [
        r.id for r in sorted(expected(rows, PathwayFilter(stage="cancelled", text="an")), key=patient_key)]


def old_sort_key(r, column):  # the sort keys of the list before issue 11 (PathwayTableModel.sort_key)
    if column == "findings":
        return (r.open_errors, r.open_warnings)
    if column == "infusion":
        return r.infusion_day or date.max
    if column == "updated":
        return r.updated_at.timestamp() if r.updated_at else 0.0
    if column == "identifier":
        return r.identifier
    if column == "patient":
        return patient_key(r)
    if column == "stage":
        return STAGE_ORDER.get(r.stage, 99)
    if column == "site":
        return SITE_NAMES.get(r.site, r.site).casefold()
    if column == "product":
        return PRODUCT_NAMES.get(r.product, r.product).casefold()
    return (r.indication or "").casefold()


@pytest.mark.parametrize("column", COLUMNS)
def test_the_index_sorts_every_column_as_the_list_did(svc, column):
    rows = sorted(svc.pathways.rows(), key=lambda r: r.id)
    index = index_of(svc)
    for descending in (False, True):
        want = sorted(rows, key=lambda r: old_sort_key(r, column), reverse=descending)
        assert index.ids_for(PathwayFilter(), column, descending) == [r.id for r in want], (column, descending)
        c = PathwayFilter(stage=ACTIVE, text="a")
        want = sorted(expected(rows, c), key=lambda r: old_sort_key(r, column), reverse=descending)
        assert index.ids_for(c, column, descending) == [r.id for r in want], (column, descending)


def test_rows_by_id_are_the_list_rows(svc):
    rows = {r.id: r for r in svc.pathways.rows()}
    some = sorted(rows)[::5] + [10**9]
    assert svc.pathways.rows_by_ids(some) == {i: rows[i] for i in some if i in rows}
    assert svc.pathways.rows_by_ids([]) == {}
    days = svc.pathways.infusion_days()
    assert days == {i: r.infusion_day for i, r in rows.items() if r.infusion_day is not None}


def test_a_scoped_user_gets_only_their_sites(svc):
    everyone = svc.pathways.rows()
    lund = Services(svc.store, Session("coordinator-lund", "coordinator", "coordinator", sites=frozenset({"lund"})))
    mine = [r for r in everyone if r.site == "lund"]
    assert mine and len(mine) < len(everyone)
    assert {k[0] for k in lund.pathways.list_keys()} == {r.id for r in mine}
    total, page = lund.pathways.list_page(limit=1000)
    assert total == len(mine) and {r.id for r in page} == {r.id for r in mine}
    assert set(lund.pathways.rows_by_ids([r.id for r in everyone])) == {r.id for r in mine}
    assert set(lund.pathways.infusion_days()) == {r.id for r in mine if r.infusion_day is not None}
    assert set(lund.pathways.infusion_days()) < set(svc.pathways.infusion_days())
    from atmp_desktop.services.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        lund.pathways.list_page(site="uppsala")


def test_the_keys_read_on_a_worker_are_those_read_here_and_dropped_after_a_save(svc):
    reading = svc.pathways.list_keys_in_background(len)
    assert reading.result(svc.store) == len(svc.pathways.list_keys())
    reading = svc.pathways.list_keys_in_background(lambda keys: keys)
    assert reading.result(svc.store) == svc.pathways.list_keys()
    reading = svc.pathways.list_keys_in_background(lambda keys: keys)
    while not reading.done():
        pass
    row = svc.pathways.rows()[0]
    with svc.store.write():
        svc.store.repos.pathways.set_counts(row.id, row.open_errors + 1, row.open_warnings)
    assert reading.result(svc.store) is None  # the store changed since: read again
