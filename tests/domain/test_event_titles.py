"""The names the views give the kinds beyond CAR-T (issue 13), and the stage of a conditioned product."""

from __future__ import annotations

import pytest

from atmp_desktop.domain.messages import event_title
from atmp_desktop.domain.stage_words import stage_name


@pytest.mark.parametrize(("label", "details", "en", "sv"), [
    ("post_infusion_drug#1", {"drug": "aldesleukin (IL-2)"}, "aldesleukin (IL-2) after infusion",
     "aldesleukin (IL-2) efter infusion"),
    ("conditioning", {"drug": "busulfan"}, "conditioning (busulfan)", "konditionering (busulfan)"),
    ("mobilisation#2", {"cycle": 2}, "mobilisation 2, cycle 2", "mobilisering 2, cykel 2"),
    ("apheresis#3", {"cycle": 2}, "apheresis 3, cycle 2", "aferes 3, cykel 2"),
    ("marker_test", {"markers": ["HIV", "HBV"]}, "marker tests (HIV, HBV)", "smittmarkörprover (HIV, HBV)"),
    ("thaw#2", None, "thaw 2", "upptining 2"),
    ("apheresis", {}, "apheresis", "aferes"),
])
def test_event_titles_carry_the_details_in_both_languages(label, details, en, sv):
    assert event_title(label, details, "en") == en
    assert event_title(label, details, "sv") == sv


def test_the_pre_infusion_stage_of_a_busulfan_product_reads_conditioning():
    assert stage_name("lymphodepletion", "en", "casgevy") == "conditioning running"
    assert stage_name("lymphodepletion", "sv", "Casgevy") == "konditionering pågår"
    assert stage_name("lymphodepletion", "en", "kymriah") == "lymphodepletion running"
    assert stage_name("lymphodepletion", "sv", "amtagvi") == "lymfodepletion pågår"  # TIL: lymphodepletion
    assert stage_name("infused", "en", "casgevy") == "infused and monitoring"
    assert stage_name(None, "en") == ""
