"""Scanned codes and their match against a pathway (issue 14), with identifiers.md's test vectors."""

from __future__ import annotations

from datetime import date

import pytest

from atmp_desktop.domain.chain_of_identity import (
    Expectation,
    Owner,
    ScanError,
    mismatches,
    normalise_coi,
    parse_din,
    parse_field,
)


@pytest.mark.parametrize("text", ["G123417654321A", "g1234 17 654321 a", "=G12341765432170", "=G12341765432100",
                                  "DIN G123417654321A", "Aph ID: G123417654321A"])
def test_din_forms(text):
    assert parse_din(text) == "G123417654321A"  # ST-001 A.2 vector: check value 10 = 'A', type-3 flags 70


@pytest.mark.parametrize("text, words", [
    ("G123417654321B", "check character is wrong"),
    ("=G12341765432171", "flag characters do not match"),
    ("G12341765432", "14 characters"),
])
def test_bad_dins(text, words):
    with pytest.raises(ScanError, match=words):
        parse_din(text)


def test_fields():
    assert parse_field("patient", "19811218-9876") == "198112189876"
    with pytest.raises(ScanError, match="check digit"):
        parse_field("patient", "19811218-9875")
    assert normalise_coi("coi-123 45") == "COI-12345"
    assert parse_field("coi", "G123489654321Y") == "G123489654321Y"  # python-stdnum's documented vector


def _exp(**over) -> Expectation:
    base = dict(pathway_id=1, patient_id=10, patient_identifier="198112189876", patient_display="A B",
                coi_id="G123417654321A", stage="product_in_storage", step="infusion", event_label="infusion",
                product_expiry=date(2027, 1, 31), today=date(2027, 1, 4))
    base.update(over)
    return Expectation(**base)


def test_everything_matching_gives_no_mismatch():
    values = {"patient": "198112189876", "coi": "G123417654321A", "bag": "G123417654321A"}
    assert mismatches(_exp(), values, {}) == []


def test_each_kind_of_mismatch_is_named():
    bag = "G123489654321Y"
    codes = lambda exp, values, owners=None: [m.code for m in mismatches(exp, values, owners or {})]  # noqa: E731
    full = {"patient": "198112189876", "coi": "G123417654321A"}
    assert codes(_exp(), {**full, "bag": bag}, {"bag": [Owner(2, 11, "lymphodepletion")]}) == ["OTHER_PATIENT"]
    assert codes(_exp(), {**full, "bag": bag}, {"bag": [Owner(3, 10, "cancelled")]}) == ["OTHER_PATHWAY_CANCELLED"]
    assert codes(_exp(), {**full, "bag": bag}) == ["COI_MISMATCH"]
    assert codes(_exp(stage="cancelled"), {**full, "bag": "G123417654321A"}) == ["PATHWAY_CANCELLED"]
    assert codes(_exp(today=date(2027, 2, 1)), {**full, "bag": "G123417654321A"}) == ["PRODUCT_EXPIRED"]
    assert codes(_exp(already=("2027-01-04 09:12", "nurse")), {**full, "bag": "G123417654321A"}) == [
        "ALREADY_INFUSED"]
    assert codes(_exp(), {"coi": "G123417654321A"}) == ["MISSING", "MISSING"]
    # At the first receipt the two labels establish the COI id, so they must agree.
    assert codes(_exp(step="receipt", coi_id=None), {"coi": "G123417654321A", "bag": bag}) == ["LABELS_DISAGREE"]
    m = mismatches(_exp(), {**full, "bag": bag}, {"bag": [Owner(2, 11, "infused")]})[0]
    assert m.message("en") == "The bag DIN G123489654321Y belongs to another patient (pathway 2)"
    assert m.message("sv") == "Påsens DIN G123489654321Y tillhör en annan patient (vårdförlopp 2)"
