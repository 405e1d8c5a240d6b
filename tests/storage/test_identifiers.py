"""Personnummer, samordningsnummer, reserve ids and ISBT 128 DIN check characters.

Only synthetic test numbers: the worked examples of shared/reference/identifiers.md
and numbers made here with a valid Luhn digit.
"""

from datetime import date

import pytest
from stdnum import luhn

from atmp_desktop.domain.identifiers import (
    IdentifierError,
    din_check_character,
    make_din,
    make_personnummer,
    make_reserve_id,
    parse_patient_id,
    parse_personnummer,
    validate_din,
)

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("text", [
    "198112189876", "19811218-9876", "811218-9876", "8112189876", " 811218 - 9876 ", "19811218 9876",
])
def test_personnummer_forms_normalise_to_twelve_digits(text):
    pid = parse_personnummer(text, TODAY)
    assert pid.value == "198112189876"
    assert pid.kind == "personnummer"
    assert pid.birth_date == date(1981, 12, 18)
    assert pid.sex == "M"
    assert pid.display == "19811218-9876"


def test_plus_separator_means_a_hundred_years_more():
    assert parse_personnummer("811218+9876", TODAY).birth_date == date(1881, 12, 18)


def test_ten_digit_century_follows_today_as_stdnum_does():
    number = make_personnummer(date(2025, 3, 4), 982)  # a child born last year
    ten = number[2:8] + "-" + number[8:]
    assert parse_personnummer(ten, TODAY).birth_date == date(2025, 3, 4)
    # seen from 2024, a birth year '25 can only be 1925
    assert parse_personnummer(ten, date(2024, 6, 1)).birth_date == date(1925, 3, 4)


def test_samordningsnummer_is_accepted_with_its_real_birth_date():
    pid = parse_personnummer("811278-9873", TODAY)
    assert pid.kind == "samordningsnummer"
    assert pid.value == "198112789873"
    assert pid.birth_date == date(1981, 12, 18)


@pytest.mark.parametrize("text, why", [
    ("811218-9875", "check digit"),
    ("19811218-9875", "check digit"),
    ("811218-987", "not a personnummer"),
    ("abc", "not a personnummer"),
    ("", "not a personnummer"),
])
def test_invalid_numbers_are_refused_with_a_reason(text, why):
    with pytest.raises(IdentifierError, match=why):
        parse_personnummer(text, TODAY)


def test_impossible_dates_are_refused_even_with_a_valid_luhn_digit():
    nine = "810230987"  # 30 February
    number = f"19{nine}{luhn.calc_check_digit(nine)}"
    with pytest.raises(IdentifierError, match="not a real date"):
        parse_personnummer(number, TODAY)
    nine = "811292987"  # samordningsnummer day 92 - 60 = 32
    with pytest.raises(IdentifierError, match="not a real date"):
        parse_personnummer(f"19{nine}{luhn.calc_check_digit(nine)}", TODAY)


def test_birth_dates_in_the_future_are_refused():
    number = make_personnummer(date(2027, 1, 5), 981)
    with pytest.raises(IdentifierError, match="future"):
        parse_personnummer(number, TODAY)


def test_made_numbers_are_valid_and_round_trip():
    for serial in (900, 955, 999):
        number = make_personnummer(date(1950, 7, 31), serial)
        assert parse_personnummer(number, TODAY).value == number
        coordination = make_personnummer(date(1950, 7, 31), serial, coordination=True)
        assert parse_personnummer(coordination, TODAY).kind == "samordningsnummer"


def test_reserve_ids_carry_a_check_digit():
    rid = make_reserve_id(date(1970, 5, 6), 17)
    assert rid.startswith("R19700506017")
    pid = parse_patient_id(rid)
    assert (pid.kind, pid.birth_date, pid.display) == ("reserve", date(1970, 5, 6), rid)
    assert parse_patient_id(rid.lower()).value == rid
    broken = rid[:-1] + str((int(rid[-1]) + 1) % 10)
    with pytest.raises(IdentifierError, match="check digit"):
        parse_patient_id(broken)


def test_din_check_character_matches_the_iccbba_and_stdnum_vectors():
    assert din_check_character("G123417654321") == "A"
    assert din_check_character("G123489654321") == "Y"
    assert validate_din("G1234 17 654321 A") == "G123417654321A"
    with pytest.raises(IdentifierError, match="check character"):
        validate_din("G123417654321B")
    with pytest.raises(IdentifierError):
        din_check_character("G12341765432")


def test_make_din_appends_its_check_character():
    din = make_din("S0001", 2026, 42)
    assert din[:13] == "S000126000042"
    assert validate_din(din) == din
