"""The product catalogue against the reference's label facts, and the README against the data.

The expected numbers come from ``tests/fixtures/reference.py`` (transcribed
from ``shared/reference/products.md``), not from ``resources/products.json``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from atmp_desktop.domain.catalogue import CatalogueError, shipped_catalogue
from tests.fixtures import reference as ref

README = Path(__file__).resolve().parents[2] / "README.md"
CAT = shipped_catalogue()
WINDOW_KEYS = sorted(ref.LD_WINDOWS)


def test_catalogue_has_the_seven_products_in_both_regions():
    # the seven CAR-T products of the reference, and the other ATMPs of issue 13
    assert sorted(CAT.product_ids) == sorted(ref.PRODUCTS + ("casgevy", "amtagvi"))
    for product, region in ref.product_regions():
        assert CAT.profile(product, region).region == region
    # EU is the default region (Sweden follows the EU SmPC).
    assert CAT.profile("kymriah").region == "EU"


@pytest.mark.parametrize("product", ref.PRODUCTS)
@pytest.mark.parametrize("region", ref.REGIONS)
def test_indications_match_the_reference(product, region):
    assert set(CAT.profile(product, region).indications) == set(ref.INDICATIONS[product])


@pytest.mark.parametrize("key", WINDOW_KEYS, ids=lambda k: "-".join(k))
def test_infusion_window_label_numbers_and_convention_match_the_reference(key):
    product, region, indication = key
    rule = CAT.profile(product, region).indication(indication).infusion_gap
    expected = ref.LD_WINDOWS[key]
    if expected is None:
        assert rule.value is None
        assert rule.confidence == "not_found"
        return
    assert rule.value is not None, f"{key}: the reference has a window"
    assert tuple(rule.extra["label_days"]) == (expected.low, expected.high)
    assert rule.extra["convention"] == expected.convention
    lo, hi = expected.calendar()
    assert (rule.value["min"], rule.value["max"]) == (lo, hi)
    assert rule.extra.get("label_wording")
    assert rule.sources, "a known window carries its source"


@pytest.mark.parametrize("key", WINDOW_KEYS, ids=lambda k: "-".join(k))
def test_catalogue_min_max_follow_from_label_days_and_convention(key):
    """Internal consistency: min/max are derived from label_days by the stated convention."""
    product, region, indication = key
    rule = CAT.profile(product, region).indication(indication).infusion_gap
    if rule.value is None:
        return
    low, high = rule.extra["label_days"]
    derived = ref.LabelWindow(low, high, rule.extra["convention"]).calendar()
    assert (rule.value["min"], rule.value["max"]) == derived
    assert rule.value["min"] <= rule.value["nominal"]
    if rule.value["max"] is not None:
        assert rule.value["nominal"] <= rule.value["max"]


def test_section_3_worked_example_conventions():
    """Reference section 3: LD ends Fri 7 March 2025; the two readings differ by one day."""
    from datetime import date, timedelta

    last_ld = date(2025, 3, 7)
    abecma_a = ref.LabelWindow(2, 9, "rest_days").calendar()
    tecartus_b = ref.LabelWindow(3, 14, "calendar_difference").calendar()
    assert last_ld + timedelta(days=abecma_a[0]) == date(2025, 3, 10)  # Mon 10 March
    assert last_ld + timedelta(days=abecma_a[1]) == date(2025, 3, 17)  # Mon 17 March
    assert last_ld + timedelta(days=tecartus_b[0]) == date(2025, 3, 10)
    assert last_ld + timedelta(days=tecartus_b[1]) == date(2025, 3, 21)  # Fri 21 March


@pytest.mark.parametrize("product", ref.PRODUCTS)
@pytest.mark.parametrize("region", ref.REGIONS)
def test_thaw_limit_matches_the_reference(product, region):
    rule = CAT.profile(product, region).rule("thaw_limit")
    expected = ref.THAW_LIMITS[product]
    if expected is None:
        assert rule.value is None and rule.confidence == "not_found"
        return
    assert rule.value["minutes"] == expected.minutes
    assert rule.value["counts_from"] == expected.counts_from


@pytest.mark.parametrize("product", ref.PRODUCTS)
@pytest.mark.parametrize("region", ref.REGIONS)
def test_storage_maximum_matches_the_reference(product, region):
    assert CAT.profile(product, region).value("storage_max_c") == ref.STORAGE_MAX_C[product]


@pytest.mark.parametrize("product", ref.PRODUCTS)
@pytest.mark.parametrize("region", ref.REGIONS)
def test_tocilizumab_requirement_matches_the_reference(product, region):
    assert CAT.profile(product, region).value("tocilizumab_doses") == ref.TOCILIZUMAB[(product, region)]


@pytest.mark.parametrize("product", ref.PRODUCTS)
@pytest.mark.parametrize("region", ref.REGIONS)
def test_stay_near_centre_matches_the_reference(product, region):
    assert CAT.profile(product, region).value("stay_near_centre_days") == ref.STAY_NEAR_DAYS[(product, region)]


@pytest.mark.parametrize("region", ref.REGIONS)
def test_aucatzyl_split_dose_is_day_1_and_day_10_plus_minus_2(region):
    spec = CAT.profile("aucatzyl", region).value("split_dose")
    assert spec["second_dose_offset_days"] == ref.AUCATZYL_SECOND_DOSE_DAY - 1
    assert spec["tolerance_days"] == ref.AUCATZYL_TOLERANCE_DAYS
    assert spec["postpone_max_offset_days"] == ref.AUCATZYL_POSTPONE_MAX_DAY - 1
    for product in ref.PRODUCTS:
        if product != "aucatzyl":
            assert not CAT.profile(product, region).is_split_dose


@pytest.mark.parametrize("product", ref.PRODUCTS)
@pytest.mark.parametrize("region", ref.REGIONS)
def test_lymphodepletion_course_length_matches_the_reference(product, region):
    profile = CAT.profile(product, region)
    for indication in profile.indications:
        expected = ref.LD_COURSE_DAYS.get((product, indication))
        regimen = profile.indication(indication).regimen()
        if (product, region, indication) == ("tecartus", "US", "b-all"):
            # fludarabine days -4, -3, -2 with cyclophosphamide on day -2: a 3-day course
            assert regimen is not None and regimen.days == 3
        elif expected is None:
            assert regimen is None
        else:
            assert regimen is not None and regimen.days == expected


@pytest.mark.parametrize("product", ref.PRODUCTS)
@pytest.mark.parametrize("region", ref.REGIONS)
def test_every_value_has_resolvable_sources_and_a_matching_confidence(product, region):
    profile = CAT.profile(product, region)
    rules = list(profile.rules.values())
    for ind in profile.indications.values():
        rules += [ind.lymphodepletion, ind.infusion_gap]
    for rule in rules:
        for key in rule.sources:
            assert key in CAT.sources, f"{product}/{region} {rule.name}: unknown source {key}"
        if rule.value is None:
            assert rule.confidence in ("not_found", "not_applicable"), rule.name
        else:
            assert rule.confidence not in ("not_found", "not_applicable"), rule.name
            assert rule.sources, f"{product}/{region} {rule.name}: a known value needs a source"


def test_unknown_product_region_and_indication_are_refused():
    with pytest.raises(CatalogueError, match="unknown product"):
        CAT.profile("zolgensma")
    with pytest.raises(CatalogueError, match="unknown region"):
        CAT.profile("kymriah", "JP")
    with pytest.raises(CatalogueError, match="unknown indication"):
        CAT.profile("kymriah").indication("mm")


# -- the README table against the data ------------------------------------------------

_CONVENTIONS = {
    "label day numbers": "label_day_numbers",
    "calendar difference (B)": "calendar_difference",
    "rest days (A)": "rest_days",
    "unknown → both readings": "both_readings",
    "—": None,
}


def _readme_gap_rows() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Product rules and how days are counted", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        if not line.startswith("| ") or line.startswith("| product") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4:
            rows.append(cells)
    return rows


def test_readme_gap_table_lists_every_product():
    named = {row[0].split()[0].lower() for row in _readme_gap_rows()}
    assert named == set(ref.PRODUCTS)


@pytest.mark.parametrize("row", _readme_gap_rows(), ids=lambda r: r[0])
def test_readme_gap_table_matches_the_catalogue(row):
    name, wording, convention, gap = row
    product, *qualifier = name.split()
    product = product.lower()
    windows = {}  # (region, indication) -> rule
    for region in ref.REGIONS:
        profile = CAT.profile(product, region)
        for ind_id, ind in profile.indications.items():
            if qualifier and ind_id != qualifier[0].lower():
                continue
            windows[(region, ind_id)] = ind.infusion_gap
    eu = [r for (region, _), r in windows.items() if region == "EU"]
    # the convention named in the README is the one every EU window records
    assert {r.extra.get("convention") for r in eu} == {_CONVENTIONS[convention]}
    if gap.startswith("unknown"):
        assert all(r.value is None for r in windows.values())
        return
    ranges = {tuple(map(int, m)) for m in re.findall(r"(\d+)–(\d+)", gap)}
    finite = {
        (region, (r.value["min"], r.value["max"]))
        for (region, _), r in windows.items()
        if r.value is not None and r.value["max"] is not None
    }
    # nothing in the README that the data does not hold ...
    assert ranges <= {w for _, w in finite}
    # ... and every EU window (what Sweden uses) is in the README
    assert {w for region, w in finite if region == "EU"} <= ranges
    # open-ended windows are written "US n (later: warning)"
    for m in re.findall(r"US (\d+) \(later: warning\)", gap):
        assert any(
            r.value and r.value["max"] is None and r.value["min"] == int(m)
            for (region, _), r in windows.items()
            if region == "US"
        )
    # the label's own numbers quoted in the wording column are the stored label_days
    label_days = {tuple(r.extra["label_days"]) for r in windows.values() if r.value is not None}
    quoted = re.findall(r"(\d+)–(\d+)", wording) + re.findall(r"(\d+) to (?:max )?(\d+)", wording)
    for pair in quoted:
        assert tuple(map(int, pair)) in label_days, f"README quotes {pair} for {product}"
