"""Property tests: random and malformed input never crashes the document import or the parsers.

* ``atmp-desktop import`` fed random text, random bytes, random JSON, document-shaped
  JSON and truncated or mutated valid documents: it either imports (exit 0, one pathway
  more) or exits 2 with exactly one line on standard error, no traceback, and the
  database's contents (a digest of its SQL dump) unchanged.
* :func:`~atmp_desktop.domain.pathway.parse_document` raises only ``DocumentError``;
  the identifier parsers only ``IdentifierError``.

The command runs in-process (``atmp_desktop.cli.main``) on a two-patient demo store
built once for the module, whose users' passwords are hashed with a cheap scrypt cost
so that signing in takes no time.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from atmp_desktop.cli import main
from atmp_desktop.domain import identifiers
from atmp_desktop.domain.identifiers import IdentifierError
from atmp_desktop.domain.pathway import (
    _EVENT_FIELDS,
    _TOP_FIELDS,
    EVENT_KINDS,
    FORMAT,
    STAGES,
    DocumentError,
    parse_document,
)
from tests.fixtures import documents as docs

TODAY = date(2026, 11, 23)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAST = settings(max_examples=300, deadline=None)


# -- strategies -------------------------------------------------------------------------------

json_scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
                | st.floats() | st.text(max_size=24))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=16,
)
times = st.sampled_from([
    "2026-12-01", "2026-12-01T08:00", "2026-12-01 08:00:30", "2026-12-01T08:00+01:00", "2026-12-01T07:00Z",
    "2026-03-29T02:30", "2026-10-25T02:30", "2026-02-30", "2026-12-01T24:00", "2026-12-01T08:00+25:00",
    "0001-01-01", "9999-12-31T23:59", "1900-01-01T00:00+14:00", "２０２６-１２-０１", "2026-12-01T08:00\n",
]) | st.text(max_size=25) | json_scalars
zones = st.sampled_from(["Europe/Stockholm", "UTC", "Europe", "America", "Etc", "", "zone.tab", "tzdata.zi",
                         "../Europe/Stockholm", "/etc/localtime", "Europe/Stockholm\0", "posixrules",
                         "Europe//Stockholm", "a" * 300]) | st.text(max_size=30) | json_scalars
event_like = st.fixed_dictionaries(
    {"kind": st.sampled_from(EVENT_KINDS) | json_scalars, "start": times},
    optional={"end": times, "actual_start": times, "actual_end": times, "shipper_hold_until": times,
              "max_temperature_c": json_scalars, "note": json_values, "recorded_by": json_values,
              "id": json_values, "site": json_values,
              "temperatures": st.lists(st.fixed_dictionaries({"time": times, "celsius": json_scalars})) | json_values},
)
patient_like = st.fixed_dictionaries({}, optional={
    "personnummer": st.sampled_from(["198112189876", "811218-9876", "19811218-9875", "R198112180017", ""])
    | json_scalars,
    "given_name": json_scalars, "family_name": json_scalars, "birth_date": times, "weight_kg": json_scalars,
    "height_cm": json_scalars, "sex": st.sampled_from(["M", "F", "X"]) | json_scalars, "referring_site": json_values,
})
document_like = st.fixed_dictionaries(
    {"format": st.just(FORMAT) | json_scalars,
     "product": st.sampled_from(["kymriah", "yescarta", "abecma", "aucatzyl", "zolgensma"]) | json_scalars,
     "events": st.lists(event_like, max_size=5) | json_values},
    optional={"indication": st.sampled_from(["b-all", "dlbcl", "mm"]) | json_scalars,
              "region": st.sampled_from(["EU", "us", "UK"]) | json_scalars, "timezone": zones,
              "product_expiry": times, "tocilizumab_doses": json_scalars, "ld_regimen": json_values,
              "stage": st.sampled_from(STAGES) | json_scalars, "coi_id": json_values, "site": json_values,
              "patient": patient_like | json_values, "id": json_values, "status": json_values,
              "note": json_values, "findings": json_values, "version": json_values},
)
hostile = json_values | times | zones  # what a mutation puts in a place
field_names = st.sampled_from(sorted(_TOP_FIELDS | _EVENT_FIELDS | {"celsius", "time", "personnummer"}))


def _paths(value: Any, at: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (as a path of keys and indexes)."""
    out = [at]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, at + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, at + (i,))
    return out


@st.composite
def one_field_changed(draw, base: dict[str, Any]) -> dict[str, Any]:
    """*base* with one top-level field (known or not) set to a hostile value: reaches the checks after the first."""
    doc = copy.deepcopy(base)
    doc[draw(st.sampled_from(sorted(_TOP_FIELDS)) | st.text(max_size=8))] = draw(hostile)
    return doc


@st.composite
def patient_changed(draw, base: dict[str, Any]) -> dict[str, Any]:
    """*base* with one of its patient's fields (known or not) set or removed: reaches the import's patient checks."""
    doc = copy.deepcopy(base)
    name = draw(st.sampled_from(["personnummer", "given_name", "family_name", "birth_date", "weight_kg",
                                 "height_cm", "sex", "referring_site"]) | st.text(max_size=8))
    if draw(st.booleans()):
        doc["patient"][name] = draw(hostile | patient_like)
    else:
        doc["patient"].pop(name, None)
    return doc


@st.composite
def mutated(draw, base: dict[str, Any]) -> dict[str, Any]:
    """*base* with one to three places replaced, removed, or given an extra field."""
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        places = [p for p in _paths(doc) if p]
        if not places:
            break
        path = draw(st.sampled_from(places))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(hostile)
        elif action == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(field_names | st.text(max_size=8))] = draw(hostile)
        else:
            parent.append(draw(json_values | event_like))
    return doc


# -- the store ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_template(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    """A two-patient demo store (cheap password hashes) and a pathway document exported from it."""
    from atmp_desktop.services import Services, auth
    from atmp_desktop.services.demo import create_demo_database
    from atmp_desktop.storage import Store

    path = tmp_path_factory.mktemp("properties") / "template.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "SCRYPT_PARAMS", {"n": 2**4, "r": 8, "p": 1, "dklen": 32})
        create_demo_database(path, patients=2, seed=5, today=TODAY)
    with Store.open(path) as store:
        svc = Services(store)
        first = svc.pathways.rows()[0]
        doc = svc.pathways.export_document(first.id)
    return path, doc


@pytest.fixture(scope="module")
def store(store_template, tmp_path_factory) -> Path:
    """The store the import tests write to (put back to the template after a successful import)."""
    path = tmp_path_factory.mktemp("properties-store") / "atmp.db"
    shutil.copyfile(store_template[0], path)
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Where documents given as bytes are written."""
    return tmp_path_factory.mktemp("documents")


def contents(path: Path) -> str:
    """A digest of everything the database holds (its SQL dump), whatever the file's pages look like."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def pathway_count(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("select count(*) from pathways").fetchone()[0]
    finally:
        con.close()


def restore(store: Path, template: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    shutil.copyfile(template, store)


@contextlib.contextmanager
def acting_as_coordinator():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATMP_PASSWORD", "coordinator-demo")
        mp.delenv("ATMP_USER", raising=False)
        yield


def run_import(store: Path, data: str | bytes, folder: Path) -> tuple[int, str, str]:
    """``atmp-desktop import`` in-process: text through standard input, bytes through a file."""
    argv = ["import", "--db", str(store), "--user", "coordinator"]
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    if isinstance(data, bytes):
        file = folder / "document.json"
        file.write_bytes(data)
        argv.append(str(file))
    else:
        sys.stdin = io.StringIO(data)
        argv.append("-")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = stdin
    return code, out.getvalue(), err.getvalue()


def assert_refused_or_imported(store: Path, template: Path, data: str | bytes, folder: Path) -> None:
    before, count = contents(store), pathway_count(store)
    code, out, err = run_import(store, data, folder)
    if currently_in_test_context():  # what happened, for --hypothesis-show-statistics
        event("imported" if code == 0 else f"exit {code}: {err[len('atmp-desktop: '):][:30]}")
    assert "Traceback" not in err + out
    if code == 0:  # a mutation that is still a valid document: imported as one new pathway
        assert err == "" and out.startswith("Imported as pathway ")
        assert pathway_count(store) == count + 1
        restore(store, template)
        return
    assert code == 2, (code, out, err)
    assert out == ""
    assert err.endswith("\n") and len(err.splitlines()) == 1, err
    assert err.startswith("atmp-desktop: ")
    assert contents(store) == before


# -- the import command ---------------------------------------------------------------------


def test_the_exported_document_imports_and_the_store_is_put_back(store_template, store, folder):
    # The baseline the mutations start from is valid, and the helpers see the import.
    template, doc = store_template
    with acting_as_coordinator():
        before = pathway_count(store)
        code, out, err = run_import(store, json.dumps(doc), folder)
        assert (code, err) == (0, "") and out.startswith("Imported as pathway ")
        assert pathway_count(store) == before + 1
        restore(store, template)
        assert pathway_count(store) == before


FOUND = [  # what the properties below found once: each exited 3 or wrote two lines
    ("a time-zone folder", lambda d: d.update(timezone="Europe")),
    ("a time-zone name too long", lambda d: d.update(timezone="x" * 300)),
    ("a line break in a time", lambda d: d["events"][-1].update(end="2026-12-01T08:00\n")),
    ("a line break in a name", lambda d: d["patient"].update(given_name="Anna\nMaria")),
]


@pytest.mark.parametrize("change", [f for _, f in FOUND], ids=[n for n, _ in FOUND])
def test_import_refuses_what_the_properties_found_in_one_line(store_template, store, folder, change):
    template, doc = store_template
    doc = copy.deepcopy(doc)
    change(doc)
    with acting_as_coordinator():
        assert_refused_or_imported(store, template, json.dumps(doc), folder)
        assert_refused_or_imported(store, template, json.dumps(doc).encode(), folder)


@PROPERTY
@given(text=st.text(max_size=200))
@example(text="")
@example(text="{}")
@example(text="null")
@example(text='{"format": "atmp-pathway/1"')
def test_import_of_random_text_is_refused_in_one_line(store_template, store, folder, text):
    with acting_as_coordinator():
        assert_refused_or_imported(store, store_template[0], text, folder)


@PROPERTY
@given(data=st.binary(max_size=200))
@example(data=b"\xff\xfe{\x00}\x00")
@example(data=b'{"format": "atmp-pathway/1", "product": "\xe9"}')
def test_import_of_random_bytes_is_refused_in_one_line(store_template, store, folder, data):
    with acting_as_coordinator():
        assert_refused_or_imported(store, store_template[0], data, folder)


@PROPERTY
@given(value=json_values | document_like)
def test_import_of_random_json_is_refused_in_one_line(store_template, store, folder, value):
    with acting_as_coordinator():
        assert_refused_or_imported(store, store_template[0], json.dumps(value), folder)


@PROPERTY
@given(data=st.data())
def test_import_of_a_mutated_or_truncated_document_imports_or_is_refused(store_template, store, folder,
                                                                        data):
    template, doc = store_template
    text = json.dumps(data.draw(mutated(doc) | one_field_changed(doc) | patient_changed(doc)))
    if data.draw(st.booleans()):
        text = text[: data.draw(st.integers(0, len(text)))]
    with acting_as_coordinator():
        assert_refused_or_imported(store, template, text, folder)


# -- the document parser ----------------------------------------------------------------------


def parses_or_refuses(doc: Any) -> None:
    try:
        parse_document(doc)
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)


@FAST
@given(text=st.text(max_size=200) | st.binary(max_size=200))
@example(text=b"\xff\xfe\x00")
@example(text=b"\xff")
def test_the_parser_refuses_random_text_and_bytes_with_a_document_error(text):
    parses_or_refuses(text)


@FAST
@given(value=json_values | document_like)
def test_the_parser_refuses_random_json_with_a_document_error(value):
    parses_or_refuses(value)
    parses_or_refuses(json.dumps(value))


@FAST
@given(data=st.data())
def test_the_parser_reads_or_refuses_mutated_and_truncated_documents(data):
    base = data.draw(st.sampled_from([docs.issue_example(), docs.build("aucatzyl"), docs.build("abecma")]))
    doc = data.draw(mutated(base) | one_field_changed(base))
    parses_or_refuses(doc)
    text = json.dumps(doc)
    parses_or_refuses(text[: data.draw(st.integers(0, len(text)))])


@FAST
@given(zone=zones, value=times, field=st.sampled_from(["start", "end", "actual_start", "actual_end",
                                                       "shipper_hold_until"]))
@example(zone="Europe", value="2026-12-01", field="end")  # found: IsADirectoryError from zoneinfo
@example(zone="a" * 300, value="2026-12-01", field="end")  # found: OSError, file name too long
@example(zone=None, value="2026-12-01T08:00\n", field="end")  # found: a message of two lines
@example(zone=None, value=" 2026-02-30\n", field="start")
def test_the_parser_refuses_bad_time_zones_and_times_with_a_document_error(zone, value, field):
    doc = docs.issue_example()
    parses_or_refuses(dict(doc, timezone=zone))
    changed = copy.deepcopy(doc)
    changed["events"][-1][field] = value
    parses_or_refuses(changed)
    parses_or_refuses(dict(doc, product_expiry=value))


# -- identifiers ---------------------------------------------------------------------------------

personnummer_like = (st.from_regex(r"\A(19|20)?[0-9]{6}[-+ ]?[0-9]{4}\Z") | st.from_regex(r"\A\d{6,8}[-+]?\d{4}\Z")
                     | st.from_regex(r"\A[Rr][0-9 -]{10,14}\Z") | st.text(max_size=20))


@FAST
@given(text=personnummer_like)
@example(text="19811218-9876")
@example(text="811218+9876")
@example(text="R198112180017")
@example(text="000000-0000")
@example(text="19811278-9873")
def test_the_patient_id_parser_gives_twelve_digits_or_an_identifier_error(text):
    for parse in (identifiers.parse_personnummer, identifiers.parse_patient_id):
        try:
            found = parse(text, today=TODAY)
        except IdentifierError as exc:
            assert str(exc) and "\n" not in str(exc)
            continue
        if found.kind == "reserve":
            assert found.value.startswith("R") and found.value[1:].isascii() and found.value[1:].isdigit()
        else:
            assert len(found.value) == 12 and found.value.isascii() and found.value.isdigit()
            assert found.birth_date is not None and found.birth_date <= TODAY


@FAST
@given(value=json_scalars | st.lists(st.integers(), max_size=2))
def test_the_patient_id_parser_refuses_what_is_not_text(value):
    if isinstance(value, str):
        return
    with pytest.raises(IdentifierError):
        identifiers.parse_patient_id(value, today=TODAY)  # type: ignore[arg-type]


din_like = st.from_regex(r"\A[A-Z0-9 ]{12,16}\Z") | st.from_regex(r"\A[A-Za-z0-9*]{14}\Z") | st.text(max_size=20)


@FAST
@given(text=din_like)
def test_the_din_parser_gives_a_compact_din_or_an_identifier_error(text):
    try:
        compact = identifiers.validate_din(text)
    except IdentifierError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert len(compact) == 14 and compact.isascii()
        assert identifiers.din_check_character(compact[:13]) == compact[13]
    try:
        check = identifiers.din_check_character(text)
    except IdentifierError:
        pass
    else:
        assert len(check) == 1


@FAST
@given(value=json_scalars | st.lists(st.integers(), max_size=2))
def test_the_din_parser_refuses_what_is_not_text(value):
    if isinstance(value, str):
        return
    for parse in (identifiers.validate_din, identifiers.din_check_character):
        with pytest.raises(IdentifierError):
            parse(value)  # type: ignore[arg-type]


@FAST
@given(facility=st.from_regex(r"\A[A-Z][0-9]{4}\Z"), year=st.integers(0, 99), sequence=st.integers(0, 999_999),
       position=st.integers(0, 13), replacement=st.sampled_from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"))
def test_any_one_mistyped_character_of_a_din_is_caught(facility, year, sequence, position, replacement):
    din = identifiers.make_din(facility, year, sequence)
    assert identifiers.validate_din(din) == din
    typo = din[:position] + replacement + din[position + 1:]
    if typo == din:
        return
    with pytest.raises(IdentifierError):
        identifiers.validate_din(typo)
