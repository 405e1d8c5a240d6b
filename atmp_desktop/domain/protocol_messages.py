"""Finding codes, messages (English and Swedish) and event names of the protocol rules (issue 13).

Kept apart from :mod:`atmp_desktop.domain.protocol` so that ``findings`` and
``messages`` can take them in without importing the checks.
"""

from __future__ import annotations

#: The finding codes of :mod:`atmp_desktop.domain.protocol` and what each means (part of findings.CODES).
CODES: dict[str, str] = {
    "MOBILISATION": "Apheresis outside a mobilisation course, or a course longer or shorter than the label's",
    "APHERESIS_CYCLES": "More collection days in a cycle than the label's, or cycles too close together",
    "CELL_DOSE_TARGET": "The cells collected so far are below the target dose for manufacturing",
    "CONDITIONING_TO_INFUSION": "Infusion day outside the allowed gap after the last conditioning dose",
    "WASHOUT": "A drug's last dose is too close to the step it must be washed out before",
    "MARKER_TEST_WINDOW": "Infectious-disease marker tests missing or outside their window before apheresis",
    "POST_INFUSION_COURSE": "A drug course after infusion is missing or outside its label days",
}

EVENT_NAMES = {
    "en": {
        "marker_test": "marker tests",
        "mobilisation": "mobilisation",
        "conditioning": "conditioning",
        "post_infusion_drug": "post-infusion drug",
    },
    "sv": {
        "marker_test": "smittmarkörprover",
        "mobilisation": "mobilisering",
        "conditioning": "konditionering",
        "post_infusion_drug": "läkemedel efter infusion",
    },
}

#: How :func:`~atmp_desktop.domain.messages.event_title` names an event with its details.
TITLE_WORDS = {
    "en": {"after_infusion": "{drug} after infusion", "cycle": "{name}, cycle {cycle}"},
    "sv": {"after_infusion": "{drug} efter infusion", "cycle": "{name}, cykel {cycle}"},
}

TEMPLATES = {
    "en": {
        "mobilisation.missing": "{product} needs stem-cell mobilisation before apheresis, but no mobilisation course is planned.",
        "mobilisation.outside": "Apheresis on {day} is not inside a mobilisation course; {product} collects only during mobilisation.",
        "mobilisation.length": "Mobilisation course of {days} days; {product} gives {min} to {max} days.",
        "cycles.too_many_days": "{days} collection days in one mobilisation cycle; {product} gives {allowed}.",
        "cycles.too_close": "The next mobilisation cycle starts {days} days after the last collection ({last}); {product} needs at least {min} days between cycles.",
        "cycles.interval_unknown": "The next mobilisation cycle starts {days} days after the previous one; the interval {product} needs between cycles is not known: confirm with the treating physician.",
        "dose.not_recorded": "Every apheresis is recorded but not all collected CD34+ cell counts are; the target dose could not be checked.",
        "dose.below_target": "{total} × 10⁶ CD34+ cells/kg collected; {product} recommends at least {target} × 10⁶/kg for manufacturing: plan another mobilisation and apheresis cycle.",
        "conditioning.missing": "No {drug} conditioning is planned before the infusion of {product}.",
        "conditioning.too_early": "Infusion on {infusion} is {gap} days after the last {drug} dose ({last_dose}); {product} allows {min} to {max} days.",
        "conditioning.too_late": "Infusion on {infusion} is {gap} days after the last {drug} dose ({last_dose}); {product} allows at most {max} days.",
        "conditioning.unknown": "The allowed days between the last {drug} dose and infusion are not fully known for {product} ({min} to {max}); the planned {gap} days were not fully checked.",
        "washout.too_close": "Last dose of {drug} on {last_dose}, {days} days before {kind_label} ({day}); at least {min} days are needed.",
        "washout.unknown": "Last dose of {drug} on {last_dose}, {days} days before {kind_label} ({day}); no washout period is known for it: confirm with the treating physician.",
        "marker.missing": "No {markers} test is recorded before apheresis on {apheresis}.",
        "marker.too_old": "{marker} sample taken {day}, {days} days before apheresis ({apheresis}); it must be taken within {within} days before.",
        "marker.after": "{marker} sample taken {day}, after apheresis ({apheresis}); it must be taken before.",
        "marker.window_unknown": "How many days before apheresis the marker samples may be taken is not known for {product}; follow the centre's routine.",
        "course.missing": "{drug} after infusion is not planned.",
        "course.too_early": "{drug} planned from day {first}; the course runs on days {lo} to {hi}.",
        "course.too_late": "{drug} planned until day {last}; the course runs on days {lo} to {hi}.",
        "conditioning.before_receipt": "Conditioning starts {ld_start}, before the product is received ({received}).",
    },
    "sv": {
        "mobilisation.missing": "{product} kräver stamcellsmobilisering före aferes, men ingen mobilisering är planerad.",
        "mobilisation.outside": "Aferes {day} ligger inte inom en mobiliseringsperiod; {product} samlas bara under mobilisering.",
        "mobilisation.length": "Mobiliseringsperiod på {days} dagar; {product} anger {min} till {max} dagar.",
        "cycles.too_many_days": "{days} skördedagar i en mobiliseringscykel; {product} anger {allowed}.",
        "cycles.too_close": "Nästa mobiliseringscykel börjar {days} dagar efter senaste skörd ({last}); {product} kräver minst {min} dagar mellan cyklerna.",
        "cycles.interval_unknown": "Nästa mobiliseringscykel börjar {days} dagar efter den förra; intervallet {product} kräver mellan cykler är inte känt: stäm av med behandlande läkare.",
        "dose.not_recorded": "Alla afereser är registrerade men inte alla skördade CD34+-celler; måldosen kunde inte kontrolleras.",
        "dose.below_target": "{total} × 10⁶ CD34+-celler/kg skördade; {product} rekommenderar minst {target} × 10⁶/kg för tillverkning: planera ytterligare en mobiliserings- och aferescykel.",
        "conditioning.missing": "Ingen konditionering med {drug} är planerad före infusionen av {product}.",
        "conditioning.too_early": "Infusion {infusion} är {gap} dagar efter sista dosen {drug} ({last_dose}); {product} tillåter {min} till {max} dagar.",
        "conditioning.too_late": "Infusion {infusion} är {gap} dagar efter sista dosen {drug} ({last_dose}); {product} tillåter högst {max} dagar.",
        "conditioning.unknown": "Tillåtna dagar mellan sista dosen {drug} och infusion är inte helt kända för {product} ({min} till {max}); planerade {gap} dagar är inte helt kontrollerade.",
        "washout.too_close": "Sista dos {drug} {last_dose}, {days} dagar före {kind_label} ({day}); minst {min} dagar krävs.",
        "washout.unknown": "Sista dos {drug} {last_dose}, {days} dagar före {kind_label} ({day}); ingen utsättningstid är känd: stäm av med behandlande läkare.",
        "marker.missing": "Inget prov för {markers} är registrerat före aferes {apheresis}.",
        "marker.too_old": "Prov för {marker} taget {day}, {days} dagar före aferes ({apheresis}); det ska tas inom {within} dagar före.",
        "marker.after": "Prov för {marker} taget {day}, efter aferes ({apheresis}); det ska tas före.",
        "marker.window_unknown": "Hur många dagar före aferes smittmarkörproverna får tas är inte känt för {product}; följ centrets rutin.",
        "course.missing": "{drug} efter infusion är inte planerad.",
        "course.too_early": "{drug} planerad från dag {first}; kuren ges dag {lo} till {hi}.",
        "course.too_late": "{drug} planerad till dag {last}; kuren ges dag {lo} till {hi}.",
        "conditioning.before_receipt": "Konditioneringen börjar {ld_start}, innan produkten har tagits emot ({received}).",
    },
}
