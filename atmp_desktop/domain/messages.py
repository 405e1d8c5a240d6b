"""Clinician-readable finding messages in English and Swedish.

One template per finding key and language; :func:`render` fills in the
parameters, naming events in the reader's language. Dates are ISO
(2027-01-04) and times 24-hour, in both languages.
"""

from __future__ import annotations

from typing import Any, Mapping

EVENT_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "apheresis": "apheresis",
        "manufacturing": "manufacturing",
        "product_shipment": "product shipment",
        "product_receipt": "product receipt",
        "storage": "storage",
        "lymphodepletion": "lymphodepletion",
        "thaw": "thaw",
        "infusion": "infusion",
        "monitoring": "monitoring",
        "follow_up": "follow-up",
    },
    "sv": {
        "apheresis": "aferes",
        "manufacturing": "tillverkning",
        "product_shipment": "produkttransport",
        "product_receipt": "produktmottagning",
        "storage": "förvaring",
        "lymphodepletion": "lymfodepletion",
        "thaw": "upptining",
        "infusion": "infusion",
        "monitoring": "övervakning",
        "follow_up": "uppföljning",
    },
}

STAGE_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "awaiting_apheresis": "awaiting apheresis",
        "in_manufacturing": "in manufacturing",
        "product_in_storage": "product in storage",
        "lymphodepletion": "lymphodepletion running",
        "infused": "infused and monitoring",
        "completed": "completed",
        "cancelled": "cancelled",
    },
    "sv": {
        "awaiting_apheresis": "väntar på aferes",
        "in_manufacturing": "under tillverkning",
        "product_in_storage": "produkt i förvaring",
        "lymphodepletion": "lymfodepletion pågår",
        "infused": "infunderad, under övervakning",
        "completed": "avslutad",
        "cancelled": "avbruten",
    },
}

_ACTIVITY = {
    "en": {"apheresis": "apheresis unit", "cell_lab": "cell lab", "ward": "ward"},
    "sv": {"apheresis": "aferesenheten", "cell_lab": "cellaboratoriet", "ward": "avdelningen"},
}

# Parameters that hold an event label (``infusion`` or ``infusion#2``) or a kind.
_EVENT_PARAMS = ("later", "earlier", "thaw", "infusion", "missing", "by", "kind_label")

TEMPLATES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "sequence.order": "{earlier} ({earlier_when}) is planned before {later} ({later_when}); it must come after it.",
        "sequence.thaw_after_infusion": "Thaw at {thaw_when} starts after {infusion} began ({infusion_when}); thaw before infusing.",
        "ld_to_infusion.too_early": "Infusion on {infusion} is {gap} calendar days after the last lymphodepletion day ({ld_end}); {product} allows {min} to {max} ({wording}).",
        "ld_to_infusion.too_late": "Infusion on {infusion} is {gap} calendar days after the last lymphodepletion day ({ld_end}); {product} allows at most {max} ({wording}). Consider repeating lymphodepletion.",
        "ld_to_infusion.no_upper": "Infusion on {infusion} is {gap} calendar days after lymphodepletion ended ({ld_end}), later than the label's day 0 ({nominal} days); the label found gives no upper limit: confirm with the pharmacist.",
        "ld_to_infusion.unknown": "The allowed gap between lymphodepletion and infusion is not known for {product} ({indication}); the planned gap of {gap} days was not checked.",
        "thaw.too_late": "Infusion ends {end_when}, {minutes} min after thaw ({thaw_when}); {product} must be infused within {limit} min, by {infuse_by}.",
        "thaw.start_too_late": "Infusion starts {minutes} min after thaw ({thaw_when}); {product} must be fully infused within {limit} min, by {infuse_by}.",
        "thaw.no_end": "End of infusion is not planned; {product} must be fully infused by {infuse_by} ({limit} min after thaw at {thaw_when}).",
        "thaw.no_times": "Thaw and infusion times are needed to check the thaw limit; only dates are given.",
        "thaw.unknown": "The thaw-to-infusion limit is not known for {product}; the thaw time was not checked.",
        "thaw.start_window": "Infusion starts {minutes} min after complete thaw; {product} should start within {limit} min (Swiss text).",
        "available.no_receipt": "Lymphodepletion is planned but no product receipt is recorded; confirm the product is on site before starting.",
        "available.before": "Lymphodepletion starts {ld_start}, before the product is received ({received}).",
        "available.same_day": "Lymphodepletion starts {ld_start}, the day the product arrives ({received}); confirm receipt before the first dose.",
        "expiry.after": "Infusion on {infusion} is after the product's expiry date {expiry} ({days} days).",
        "expiry.unknown": "The product has been received but its expiry date is not recorded.",
        "hold.expired": "Product placed in storage at {stored}, {minutes} min after the dry shipper's hold time ended ({hold}).",
        "hold.unknown": "The product has been received but the dry shipper's hold time is not recorded.",
        "hold.no_time": "Storage has no time; the dry shipper's hold time ({hold}) could not be checked.",
        "storage.too_warm": "Storage temperature reached {celsius} °C {when}; the product must stay at or below {limit} °C.",
        "storage.unknown": "The storage temperature limit is not known for {product}; logged temperatures were not checked.",
        "closed_day": "{kind_label} on {day}: the {activity} is closed ({reason}).",
        "tocilizumab.too_few": "{doses} tocilizumab dose(s) on hand; {product} ({region}) requires at least {required} before infusion.",
        "tocilizumab.not_recorded": "Tocilizumab doses on hand are not recorded; at least {required} required before infusion.",
        "tocilizumab.unknown": "The number of tocilizumab doses the {region} label requires for {product} is not known; follow the centre's routine ({doses} on hand).",
        "tocilizumab.unknown_none": "The number of tocilizumab doses the {region} label requires for {product} is not known; follow the centre's routine.",
        "missing.needed_by": "No {missing} is recorded, but {by} needs it.",
        "missing.stage": "No {missing} is recorded, but the pathway's stage ({stage}) needs it.",
        "missing.ld_omitted": "No lymphodepletion before infusion; {product} allows omitting it only if WBC ≤ 1 × 10⁹/L within 1 week before infusion.",
        "missing.second_dose": "{product} is a split dose, but only one infusion is planned.",
        "split.outside": "Second dose {offset} days after the first (label Day {label_day}); {product} gives it on Day {label_lo}–{label_hi}.",
        "split.postponed": "Second dose on label Day {label_day}, later than Day {label_hi}; allowed up to Day {postpone} only when postponed for CRS grade 2.",
        "indication.assumed": "Indication not given; {product} was checked as {indication} (known: {known}).",
        "assumed": "{what} is not given by the label for {product}; planned with the centre's assumption of {value}.",
        "planner.requested_closed": "The requested {kind_label} day {day} is a closed day for the {activity} ({reason}); kept as requested.",
        # capacity (domain.capacity)
        "capacity.over_day": "{resource}: {used} booked on {day} for a capacity of {capacity} (pathways {pathways}).",
        "capacity.over_days": "{resource}: up to {used} booked from {first} to {last} for a capacity of {capacity} (pathways {pathways}).",
        "capacity.over_week": "{resource}: {used} manufacturing starts booked in week {week} of {year} ({monday} to {sunday}) for a capacity of {capacity} (pathways {pathways}).",
        "capacity.closed": "{resource}: {used} booked on {day}, when the {activity} is closed ({reason}) and has no capacity (pathways {pathways}).",
        "earliest.delayed": "Earliest feasible plan: apheresis {apheresis}, infusion {infusion} (asked from {asked}): {reasons_en}.",
        "earliest.closed": "{activity} closed on {days} ({reasons})",
        "earliest.no_chair": "no apheresis chair on {days}",
        "earliest.mfg_full": "{product} manufacturing slot week {weeks} full",
        "earliest.no_thaw": "no thaw slot on {days}",
        "earliest.no_bed": "no ward bed on {days}",
        "earliest.label": "no plan free of label-rule errors with apheresis on {days}",
        "earliest.more_days": "{items} (and {n} more days)",
        "earliest.more_weeks": "{items} (and {n} more weeks)",
        # replanning (domain.replan)
        "replan.change.apheresis": "Apheresis moved by {shift} day(s)",
        "replan.change.manufacturing": "Manufacturing release moved by {shift} day(s)",
        "replan.change.product_receipt": "Product receipt moved by {shift} day(s)",
        "replan.change.lymphodepletion": "Lymphodepletion moved by {shift} day(s) (patient not fit)",
        "replan.change.infusion": "Infusion moved by {shift} day(s)",
        "replan.change.remanufacture": "Product out of specification and remanufactured: new manufacturing run from {start}",
        "replan.repeat_ld": "Lymphodepletion was given {ld_first} to {ld_last}; the new infusion day {infusion} is {gap} days after it. Consider repeating lymphodepletion {new_first} to {new_last} and infusing on {new_infusion}, {nominal} days after the last dose, if the treating physician agrees.",
        "replan.heading.events": "What changes",
        "replan.heading.appeared": "Findings that appear",
        "replan.heading.disappeared": "Findings that disappear",
        "replan.heading.remaining": "Findings that remain",
        "replan.heading.suggestions": "Suggestions",
        "replan.heading.refused": "Cannot be applied",
        "replan.change.conditioning": "Conditioning moved by {shift} day(s) (patient not fit)",
        "replan.conditioning_given": "{drug} conditioning was given (last dose {last_dose}); infusion on {infusion} would be {gap} days after it, outside the {min} to {max} days {product} allows. Myeloablative conditioning is not repeated, so this plan cannot be applied: agree the next step with the treating physician and the manufacturer.",
        "replan.added": "added",
        "replan.unchanged": "unchanged",
        "replan.none": "none",
        "replan.not_applied": "Proposal only: nothing is saved until the coordinator confirms it with a reason.",
    },
    "sv": {
        "sequence.order": "{earlier} ({earlier_when}) är planerad före {later} ({later_when}); den måste komma efter.",
        "sequence.thaw_after_infusion": "Upptining kl. {thaw_when} börjar efter att {infusion} startat ({infusion_when}); tina före infusion.",
        "ld_to_infusion.too_early": "Infusion {infusion} är {gap} kalenderdagar efter sista lymfodepletionsdagen ({ld_end}); {product} tillåter {min} till {max} ({wording}).",
        "ld_to_infusion.too_late": "Infusion {infusion} är {gap} kalenderdagar efter sista lymfodepletionsdagen ({ld_end}); {product} tillåter högst {max} ({wording}). Överväg att upprepa lymfodepletionen.",
        "ld_to_infusion.no_upper": "Infusion {infusion} är {gap} kalenderdagar efter avslutad lymfodepletion ({ld_end}), senare än märkningens dag 0 ({nominal} dagar); ingen övre gräns har hittats: stäm av med farmaceut.",
        "ld_to_infusion.unknown": "Tillåtet intervall mellan lymfodepletion och infusion är inte känt för {product} ({indication}); planerade {gap} dagar har inte kontrollerats.",
        "thaw.too_late": "Infusionen slutar {end_when}, {minutes} min efter upptining ({thaw_when}); {product} ska vara infunderad inom {limit} min, senast kl. {infuse_by}.",
        "thaw.start_too_late": "Infusionen börjar {minutes} min efter upptining ({thaw_when}); {product} ska vara helt infunderad inom {limit} min, senast kl. {infuse_by}.",
        "thaw.no_end": "Infusionens slut är inte planerat; {product} ska vara helt infunderad senast kl. {infuse_by} ({limit} min efter upptining {thaw_when}).",
        "thaw.no_times": "Tider för upptining och infusion behövs för att kontrollera tidsgränsen; bara datum är angivna.",
        "thaw.unknown": "Tidsgränsen från upptining till infusion är inte känd för {product}; upptiningstiden har inte kontrollerats.",
        "thaw.start_window": "Infusionen börjar {minutes} min efter fullständig upptining; {product} bör starta inom {limit} min (schweizisk text).",
        "available.no_receipt": "Lymfodepletion är planerad men ingen produktmottagning är registrerad; bekräfta att produkten finns på plats före start.",
        "available.before": "Lymfodepletionen börjar {ld_start}, innan produkten har tagits emot ({received}).",
        "available.same_day": "Lymfodepletionen börjar {ld_start}, samma dag som produkten anländer ({received}); bekräfta mottagningen före första dosen.",
        "expiry.after": "Infusion {infusion} är efter produktens utgångsdatum {expiry} ({days} dagar).",
        "expiry.unknown": "Produkten har tagits emot men utgångsdatum är inte registrerat.",
        "hold.expired": "Produkten placerades i förvaring {stored}, {minutes} min efter att transportbehållarens hålltid gick ut ({hold}).",
        "hold.unknown": "Produkten har tagits emot men transportbehållarens hålltid är inte registrerad.",
        "hold.no_time": "Förvaringen saknar klockslag; transportbehållarens hålltid ({hold}) kunde inte kontrolleras.",
        "storage.too_warm": "Förvaringstemperaturen nådde {celsius} °C {when}; produkten ska hållas vid högst {limit} °C.",
        "storage.unknown": "Högsta förvaringstemperatur är inte känd för {product}; loggade temperaturer har inte kontrollerats.",
        "closed_day": "{kind_label} {day}: {activity} är stängd ({reason_sv}).",
        "tocilizumab.too_few": "{doses} dos(er) tocilizumab finns; {product} ({region}) kräver minst {required} före infusion.",
        "tocilizumab.not_recorded": "Antal doser tocilizumab är inte registrerat; minst {required} krävs före infusion.",
        "tocilizumab.unknown": "Antal doser tocilizumab som {region}-märkningen kräver för {product} är inte känt; följ klinikens rutin ({doses} finns).",
        "tocilizumab.unknown_none": "Antal doser tocilizumab som {region}-märkningen kräver för {product} är inte känt; följ klinikens rutin.",
        "missing.needed_by": "Ingen {missing} är registrerad, men {by} kräver den.",
        "missing.stage": "Ingen {missing} är registrerad, men vårdförloppets steg ({stage}) kräver den.",
        "missing.ld_omitted": "Ingen lymfodepletion före infusion; {product} tillåter att den utelämnas endast om LPK ≤ 1 × 10⁹/l inom 1 vecka före infusion.",
        "missing.second_dose": "{product} ges som delad dos, men bara en infusion är planerad.",
        "split.outside": "Andra dosen {offset} dagar efter den första (märkningens dag {label_day}); {product} ges dag {label_lo}–{label_hi}.",
        "split.postponed": "Andra dosen på märkningens dag {label_day}, senare än dag {label_hi}; tillåtet till dag {postpone} endast vid uppskjutning för CRS grad 2.",
        "indication.assumed": "Indikation saknas; {product} kontrollerades som {indication} (kända: {known}).",
        "assumed": "{what} anges inte i märkningen för {product}; planerat med klinikens antagande {value}.",
        "planner.requested_closed": "Önskad dag för {kind_label}, {day}, är stängd för {activity} ({reason_sv}); behålls enligt önskemål.",
        # kapacitet (domain.capacity)
        "capacity.over_day": "{resource}: {used} bokade {day}, kapacitet {capacity} (vårdförlopp {pathways}).",
        "capacity.over_days": "{resource}: upp till {used} bokade {first} till {last}, kapacitet {capacity} (vårdförlopp {pathways}).",
        "capacity.over_week": "{resource}: {used} tillverkningsstarter bokade vecka {week} {year} ({monday} till {sunday}), kapacitet {capacity} (vårdförlopp {pathways}).",
        "capacity.closed": "{resource}: {used} bokade {day}, då {activity} är stängd ({reason_sv}) och saknar kapacitet (vårdförlopp {pathways}).",
        "earliest.delayed": "Tidigaste genomförbara plan: aferes {apheresis}, infusion {infusion} (önskat från {asked}): {reasons_sv}.",
        "earliest.closed": "{activity} stängd {days} ({reasons})",
        "earliest.no_chair": "ingen ledig aferesplats {days}",
        "earliest.mfg_full": "tillverkningsplatserna för {product} vecka {weeks} fullbokade",
        "earliest.no_thaw": "ingen ledig upptiningstid {days}",
        "earliest.no_bed": "ingen ledig vårdplats {days}",
        "earliest.label": "ingen plan utan fel mot märkningens regler med aferes {days}",
        "earliest.more_days": "{items} (och {n} dagar till)",
        "earliest.more_weeks": "{items} (och {n} veckor till)",
        # omplanering (domain.replan)
        "replan.change.apheresis": "Aferesen flyttad {shift} dag(ar)",
        "replan.change.manufacturing": "Tillverkningens frisläppning flyttad {shift} dag(ar)",
        "replan.change.product_receipt": "Produktmottagningen flyttad {shift} dag(ar)",
        "replan.change.lymphodepletion": "Lymfodepletionen flyttad {shift} dag(ar) (patienten inte i skick)",
        "replan.change.infusion": "Infusionen flyttad {shift} dag(ar)",
        "replan.change.remanufacture": "Produkten uppfyllde inte specifikationen och tillverkas om: ny tillverkning från {start}",
        "replan.repeat_ld": "Lymfodepletion gavs {ld_first} till {ld_last}; den nya infusionsdagen {infusion} är {gap} dagar därefter. Överväg att upprepa lymfodepletionen {new_first} till {new_last} och infundera {new_infusion}, {nominal} dagar efter sista dosen, om behandlande läkare samtycker.",
        "replan.heading.events": "Vad som ändras",
        "replan.heading.appeared": "Fynd som tillkommer",
        "replan.heading.disappeared": "Fynd som försvinner",
        "replan.heading.remaining": "Fynd som kvarstår",
        "replan.heading.suggestions": "Förslag",
        "replan.heading.refused": "Kan inte tillämpas",
        "replan.change.conditioning": "Konditioneringen flyttad {shift} dag(ar) (patienten inte i skick)",
        "replan.conditioning_given": "Konditionering med {drug} har getts (sista dos {last_dose}); infusion {infusion} skulle bli {gap} dagar därefter, utanför de {min} till {max} dagar som {product} tillåter. Myeloablativ konditionering upprepas inte, så planen kan inte tillämpas: kom överens om nästa steg med behandlande läkare och tillverkaren.",
        "replan.added": "tillagd",
        "replan.unchanged": "oförändrad",
        "replan.none": "inga",
        "replan.not_applied": "Endast förslag: inget sparas förrän koordinatorn bekräftar det med en anledning.",
    },
}

ASSUMPTION_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "manufacturing_days": "Manufacturing time",
        "lymphodepletion_days": "The lymphodepletion schedule",
        "infusion_gap_days": "The gap between lymphodepletion and infusion",
        "infusion_minutes": "The infusion time",
        "monitoring_daily_days": "The daily-monitoring period",
        "stay_near_centre_days": "The stay-near-centre period",
        "no_driving_days": "The no-driving period",
    },
    "sv": {
        "manufacturing_days": "Tillverkningstiden",
        "lymphodepletion_days": "Lymfodepletionsschemat",
        "infusion_gap_days": "Intervallet mellan lymfodepletion och infusion",
        "infusion_minutes": "Infusionstiden",
        "monitoring_daily_days": "Perioden med daglig övervakning",
        "stay_near_centre_days": "Perioden nära kliniken",
        "no_driving_days": "Perioden utan bilkörning",
    },
}

#: Month names for plain-language dates ("3 and 4 December", "3 och 4 december").
MONTH_NAMES: Mapping[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december"),
}

#: The word that joins the last two items of a list.
AND: Mapping[str, str] = {"en": "and", "sv": "och"}

#: The staffed units by calendar activity, as messages name them.
ACTIVITY_NAMES = _ACTIVITY



def event_name(label: str, lang: str = "en") -> str:
    """``infusion#2`` → ``infusion 2`` (``infusion 2`` in Swedish too), names translated."""
    names = EVENT_NAMES.get(lang, EVENT_NAMES["en"])
    kind, _, n = str(label).partition("#")
    name = names.get(kind, kind)
    return f"{name} {n}" if n else name


#: The stage filter's words where one stage covers two courses (Patients view).
STAGE_FILTER_NAMES = {
    "en": {"lymphodepletion": "lymphodepletion or conditioning running"},
    "sv": {"lymphodepletion": "lymfodepletion eller konditionering pågår"},
}

#: The stage words of a conditioned product's pre-infusion stage (the stage id stays ``lymphodepletion``);
#: see :func:`atmp_desktop.domain.stage_words.stage_name`.
CONDITIONING_STAGE = {"en": "conditioning running", "sv": "konditionering pågår"}


def event_title(label: str, details: Mapping[str, Any] | None = None, lang: str = "en") -> str:
    """An event's name with its protocol details: ``aldesleukin (IL-2) after infusion``,
    ``conditioning (busulfan)``, ``mobilisation, cycle 2``, ``marker tests (HIV-1/2, HBV)``.

    Without details it is :func:`event_name`.
    """
    name = event_name(label, lang)
    if not details:
        return name
    from atmp_desktop.domain import protocol_messages as pm

    words = pm.TITLE_WORDS.get(lang, pm.TITLE_WORDS["en"])
    kind = str(label).partition("#")[0]
    drug, cycle, markers = details.get("drug"), details.get("cycle"), details.get("markers")
    if kind == "post_infusion_drug" and drug:
        return words["after_infusion"].format(drug=drug)
    if drug:
        name = f"{name} ({drug})"
    if markers:
        name = f"{name} ({', '.join(str(m) for m in markers)})"
    if cycle is not None and kind in ("mobilisation", "apheresis"):
        name = words["cycle"].format(name=name, cycle=cycle)
    return name


def _add_protocol_messages() -> None:
    # The protocol rules' templates and event names (issue 13) live in their own module.
    from atmp_desktop.domain import protocol_messages as pm

    for lang in ("en", "sv"):
        TEMPLATES[lang].update(pm.TEMPLATES[lang])  # type: ignore[attr-defined]
        EVENT_NAMES[lang].update(pm.EVENT_NAMES[lang])  # type: ignore[attr-defined]


_add_protocol_messages()


def render(key: str, params: Mapping[str, Any], lang: str = "en") -> str:
    templates = TEMPLATES.get(lang, TEMPLATES["en"])
    values = dict(params)
    for p in _EVENT_PARAMS:
        if p in values and isinstance(values[p], str):
            values[p] = event_name(values[p], lang)
    if "activity" in values:
        values["activity"] = _ACTIVITY.get(lang, _ACTIVITY["en"]).get(values["activity"], values["activity"])
    if "stage" in values:
        values["stage"] = STAGE_NAMES.get(lang, STAGE_NAMES["en"]).get(values["stage"], values["stage"])
    if "what" in values:
        values["what"] = ASSUMPTION_NAMES.get(lang, ASSUMPTION_NAMES["en"]).get(values["what"], values["what"])
    text = templates[key].format(**values)
    return text[:1].upper() + text[1:]
