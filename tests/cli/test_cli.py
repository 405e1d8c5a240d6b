"""The command line: exit codes, one-line errors, JSON shapes, and the plan -> check round trip.

Most runs are in-process (``atmp_desktop.cli.main``) with capsys; two run the
real ``python -m atmp_desktop`` in a subprocess.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from atmp_desktop.cli import main
from tests.fixtures import documents as docs
from tests.fixtures import reference as ref
from tests.fixtures.documents import build

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, doc, name: str = "pathway.json") -> str:
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
    return str(path)


def assert_one_line_error(code: int, out: str, err: str, *needles: str) -> None:
    assert code == 2, (code, out, err)
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert err.endswith("\n")
    assert lines[0].startswith("atmp-desktop: ")
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])


# -- bad input: exit 2, one line --------------------------------------------------------


BAD_DOCUMENTS = [
    ("malformed-json", '{"format": "atmp-pathway/1", "product": ', "not valid JSON"),
    ("empty-file", "", "not valid JSON"),
    ("not-an-object", "[1, 2]", "JSON object"),
    ("unknown-product", dict(product="zolgensma"), "unknown product 'zolgensma'"),
    ("unknown-region", dict(region="UK"), "unknown region 'UK'"),
    ("unknown-indication", dict(indication="mm"), "unknown indication 'mm'"),
    ("unknown-field", dict(colour="blue"), "unknown field 'colour'"),
    ("bad-timezone", dict(timezone="Mars/Olympus"), "unknown time zone"),
    ("timezone-not-text", dict(timezone=1), "timezone"),
    ("impossible-expiry", dict(product_expiry="2026-02-30"), "2026-02-30"),
]


@pytest.mark.parametrize("name, change, message", BAD_DOCUMENTS, ids=[b[0] for b in BAD_DOCUMENTS])
def test_bad_document_exits_2_with_one_line(tmp_path, capsys, name, change, message):
    if isinstance(change, str):
        text = change
    else:
        doc = docs.issue_example()
        doc.update(change)
        text = json.dumps(doc)
    path = write(tmp_path, text)
    code, out, err = run(capsys, "check", "--file", path)
    assert_one_line_error(code, out, err, message)
    assert path in err  # names the file


BAD_EVENTS = [
    ("unknown-kind", 0, {"kind": "surgery"}, "unknown event kind 'surgery'"),
    ("impossible-date", 0, {"start": "2026-02-30T08:00"}, "2026-02-30"),
    ("end-before-start", 3, {"end": "2026-12-27"}, "before start"),
    ("infusion-end-before-start", 5, {"end": "2027-01-04T09:11"}, "before start"),
    ("unknown-event-field", 1, {"temperature": -150}, "unknown field 'temperature'"),
    ("start-null", 0, {"start": None}, "'start' is missing"),
    ("nan-temperature", 2, {"max_temperature_c": float("nan")}, "not a finite number"),
    ("temperatures-not-list", 2, {"temperatures": 3}, "must be a list"),
    ("year-1", 4, {"start": "0001-01-01T00:00"}, "outside the years"),
    ("year-9999", 5, {"end": "9999-12-31T23:59-05:00"}, "outside the years"),
    ("skipped-hour", 4, {"start": "2027-03-28T02:30"}, "does not exist"),
    ("repeated-hour", 4, {"start": "2026-10-25T02:30"}, "happens twice"),
]


@pytest.mark.parametrize("name, index, change, message", BAD_EVENTS, ids=[b[0] for b in BAD_EVENTS])
def test_bad_event_exits_2_with_one_line(tmp_path, capsys, name, index, change, message):
    doc = docs.issue_example()
    doc["events"][index].update(change)
    code, out, err = run(capsys, "check", "--file", write(tmp_path, json.dumps(doc)))
    assert_one_line_error(code, out, err, message, f"events[{index}]")


def test_dst_refusals_say_what_to_do(tmp_path, capsys):
    doc = docs.issue_example()
    doc["events"][4]["start"] = "2026-10-25T02:30"
    code, out, err = run(capsys, "check", "--file", write(tmp_path, doc))
    assert_one_line_error(code, out, err, "2026-10-25 02:30", "+02:00", "+01:00")


def test_missing_file_and_folder(tmp_path, capsys):
    code, out, err = run(capsys, "check", "--file", str(tmp_path / "nope.json"))
    assert_one_line_error(code, out, err, "nope.json", "no such file")
    code, out, err = run(capsys, "check", "--file", str(tmp_path))
    assert_one_line_error(code, out, err, "folder")


def test_not_utf8_file(tmp_path, capsys):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"note": "Ö"}'.encode("latin-1"))
    code, out, err = run(capsys, "check", "--file", str(path))
    assert_one_line_error(code, out, err, "UTF-8")


def test_bad_document_on_stdin(capsys, monkeypatch):
    code, out, err = run(capsys, "check", "--file", "-", stdin="{oops", monkeypatch=monkeypatch)
    assert_one_line_error(code, out, err, "standard input", "not valid JSON")


BAD_ARGS = [
    (["plan", "--product", "zolgensma", "--apheresis", "2026-12-01"], "unknown product 'zolgensma'"),
    (["plan", "--product", "kymriah", "--apheresis", "2026-02-30"], "2026-02-30"),
    (["plan", "--product", "kymriah", "--apheresis", "1.12.2026"], "YYYY-MM-DD"),
    (["plan", "--product", "kymriah", "--infusion", "2027-13-01"], "2027-13-01"),
    (["plan", "--product", "kymriah", "--apheresis", "2026-12-01", "--region", "UK"], "unknown region 'UK'"),
    (["plan", "--product", "kymriah", "--indication", "mm", "--apheresis", "2026-12-01"], "unknown indication"),
    (["plan", "--product", "kymriah", "--ld-regimen", "r-chop", "--apheresis", "2026-12-01"], "r-chop"),
    (["plan", "--product", "kymriah"], "--apheresis"),
    (["plan", "--product", "kymriah", "--apheresis", "2026-12-01", "--infusion", "2027-01-11"], "not allowed"),
    (["plan", "--product", "kymriah", "--apheresis", "9999-12-01"], "9999-12-01"),
    (["products", "--region", "UK"], "unknown region 'UK'"),
    (["check"], "--file"),
    (["frobnicate"], "frobnicate"),
    (["plan", "--product", "kymriah", "--apheresis", "2026-12-01", "--lang", "fi"], "fi"),
]


@pytest.mark.parametrize("argv, message", BAD_ARGS, ids=[" ".join(a[0][:1] + a[0][-1:]) for a in BAD_ARGS])
def test_bad_arguments_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert_one_line_error(code, out, err, message)


# -- check: exit codes and JSON ---------------------------------------------------------------


def test_issue_example_checks_clean(tmp_path, capsys):
    path = write(tmp_path, docs.issue_example())
    code, out, err = run(capsys, "check", "--file", path)
    assert (code, err) == (0, "")
    assert out.strip() == "No findings."


def test_check_exit_0_with_warnings_only(tmp_path, capsys):
    doc = docs.issue_example()
    del doc["tocilizumab_doses"]  # a warning: not recorded
    code, out, err = run(capsys, "check", "--file", write(tmp_path, doc))
    assert code == 0 and err == ""
    assert "WARNING" in out and "TOCILIZUMAB" in out and "ERROR" not in out


def test_check_exit_1_with_an_error_finding(tmp_path, capsys):
    doc = docs.issue_example()
    doc["events"][5]["end"] = "2027-01-04T09:31"  # Kymriah: 31 min after thaw
    code, out, err = run(capsys, "check", "--file", write(tmp_path, doc))
    assert code == 1 and err == ""
    assert "THAW_TO_INFUSION" in out and "31 min" in out


def test_check_json_shape(tmp_path, capsys):
    doc = docs.issue_example()
    doc["events"][5]["end"] = "2027-01-04T09:31"
    doc["tocilizumab_doses"] = 0
    code, out, _ = run(capsys, "check", "--file", write(tmp_path, doc), "--json")
    assert code == 1
    data = json.loads(out)
    assert set(data) == {"findings"}
    assert data["findings"]
    for item in data["findings"]:
        assert set(item) == {"code", "severity", "message", "event"}
    assert {"code": "THAW_TO_INFUSION", "severity": "error", "event": "infusion"} in [
        {k: f[k] for k in ("code", "severity", "event")} for f in data["findings"]
    ]
    assert {f["code"] for f in data["findings"]} >= {"THAW_TO_INFUSION", "TOCILIZUMAB"}


def test_check_json_clean_document_has_empty_findings(tmp_path, capsys):
    code, out, _ = run(capsys, "check", "--file", write(tmp_path, docs.issue_example()), "--json")
    assert code == 0 and json.loads(out) == {"findings": []}


def test_check_in_swedish(tmp_path, capsys):
    doc = docs.issue_example()
    doc["events"][5]["end"] = "2027-01-04T09:31"
    code, out, _ = run(capsys, "check", "--file", write(tmp_path, doc), "--json", "--lang", "sv")
    assert code == 1
    message = json.loads(out)["findings"][0]["message"]
    assert "efter upptining" in message


def test_check_reads_stdin(capsys, monkeypatch):
    code, out, err = run(capsys, "check", "--file", "-", "--json",
                         stdin=json.dumps(docs.issue_example()), monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"findings": []}


@pytest.mark.parametrize("product, region", ref.product_regions())
def test_documents_of_every_product_check_by_exit_code(tmp_path, capsys, product, region):
    assert run(capsys, "check", "--file", write(tmp_path, build(product, region)))[0] == 0
    late = build(product, region, gap=18)  # past every upper limit in the reference (14)
    code, out, _ = run(capsys, "check", "--file", write(tmp_path, late), "--json")
    window = ref.LD_WINDOWS[(product, region, docs.default_indication(product, region))]
    expect_error = window is not None and window.high is not None
    assert code == (1 if expect_error else 0)
    codes = {f["code"]: f["severity"] for f in json.loads(out)["findings"]}
    assert codes["LD_TO_INFUSION"] == ("error" if expect_error else "warning")


# -- plan ------------------------------------------------------------------------------


@pytest.mark.parametrize("product, region", ref.product_regions())
@pytest.mark.parametrize("direction, day", [("--apheresis", "2026-12-01"), ("--infusion", "2027-01-13")])
def test_plan_json_rechecks_to_the_same_findings(capsys, monkeypatch, product, region, direction, day):
    code, out, err = run(capsys, "plan", "--product", product, "--region", region, direction, day, "--json")
    assert (code, err) == (0, "")
    plan = json.loads(out)
    assert plan["format"] == "atmp-pathway/1" and plan["product"] == product and plan["region"] == region
    code2, out2, err2 = run(capsys, "check", "--file", "-", "--json", stdin=out, monkeypatch=monkeypatch)
    assert (code2, err2) == (0, "")
    rechecked = json.loads(out2)["findings"]
    # RULE_ASSUMED is about how the plan was made; the document alone cannot know it
    assert rechecked == [f for f in plan["findings"] if f["code"] != "RULE_ASSUMED"]


def test_plan_backward_hits_the_date_and_prints_a_table(capsys):
    code, out, err = run(capsys, "plan", "--product", "yescarta", "--infusion", "2027-01-11", "--region", "US")
    assert (code, err) == (0, "")
    assert "Yescarta" in out and "region US" in out
    infusion_rows = [line for line in out.splitlines() if line.rstrip().endswith(" infusion")]
    assert infusion_rows and "2027-01-11" in infusion_rows[0]
    assert "Stay near the centre until 2027-01-25" in out  # US: 2 weeks


def test_plan_on_a_holiday_is_kept_and_reported(capsys):
    code, out, err = run(capsys, "plan", "--product", "kymriah", "--indication", "fl",
                         "--apheresis", "2026-12-24", "--json")
    assert code == 0 and err == ""
    plan = json.loads(out)
    assert plan["events"][0]["start"].startswith("2026-12-24")
    closed = [f for f in plan["findings"] if f["code"] == "NON_WORKING_DAY"]
    assert [(f["severity"], f["event"]) for f in closed] == [("warning", "apheresis")]


def test_plan_in_swedish(capsys):
    code, out, _ = run(capsys, "plan", "--product", "kymriah", "--apheresis", "2026-12-24", "--lang", "sv")
    assert code == 0
    assert "Julafton" in out and "aferes" in out


# -- products ----------------------------------------------------------------------------


@pytest.mark.parametrize("region", ref.REGIONS)
def test_products_json_lists_all_seven_with_sources(capsys, region):
    code, out, err = run(capsys, "products", "--region", region, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["region"] == region
    products = {p["id"]: p for p in data["products"]}
    assert set(products) == set(ref.PRODUCTS) | {"casgevy", "amtagvi"}  # issue 13 added other ATMPs
    for pid, p in products.items():
        assert p["region"] == region
        for name, rule in p["rules"].items():
            assert set(rule) >= {"value", "source", "confidence"}
            if rule["value"] is not None:
                assert rule["source"], f"{pid}.{name} has no source"
        for ind in p["indications"]:
            assert "source" in ind["infusion_gap"] and "confidence" in ind["infusion_gap"]
    assert products["kymriah"]["rules"]["thaw_limit"]["value"]["minutes"] == 30
    assert products["aucatzyl"]["rules"]["thaw_limit"]["value"] is None


def test_products_table(capsys):
    code, out, _ = run(capsys, "products")
    assert code == 0
    for name in ("Kymriah", "Yescarta", "Tecartus", "Breyanzi", "Abecma", "Carvykti", "Aucatzyl"):
        assert name in out
    assert "unknown" in out  # Aucatzyl's values


# -- the real program ----------------------------------------------------------------------


def _subprocess(args: list[str], stdin: str | None, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [sys.executable, "-m", "atmp_desktop", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )


def test_subprocess_plan_piped_into_check(tmp_path):
    plan = _subprocess(["plan", "--product", "abecma", "--infusion", "2027-01-13", "--json"], None, tmp_path)
    assert plan.returncode == 0, plan.stderr
    assert plan.stderr == ""
    check = _subprocess(["check", "--file", "-", "--json"], plan.stdout, tmp_path)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["findings"] == [
        f for f in json.loads(plan.stdout)["findings"] if f["code"] != "RULE_ASSUMED"
    ]


def test_subprocess_bad_input_is_one_line_without_traceback(tmp_path):
    result = _subprocess(["check", "--file", "-"], "{not json", tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "not valid JSON" in result.stderr
    result = _subprocess(["plan", "--product", "kymriah", "--apheresis", "2026-02-30"], None, tmp_path)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "2026-02-30" in result.stderr
