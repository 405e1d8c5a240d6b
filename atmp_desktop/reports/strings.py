"""Every word the checklists print, in English and Swedish, side by side.

``S[key] = (english, swedish)``; :func:`t` picks one and fills in ``{name}``
parameters. Product-specific items (reasons to delay, handling) are keyed by
product id, also as ``(english, swedish)`` pairs, each with the source keys of
``../shared/reference/checklists.md`` (``products.md`` source key). Text that
comes from the catalogue itself (the premedication wording, rule notes) is in
English only and is printed as the label's text.

Dates are ISO (2027-01-04) and times 24-hour in both languages.
"""

from __future__ import annotations

from typing import Any, Mapping

S: Mapping[str, tuple[str, str]] = {
    # -- page chrome -------------------------------------------------------------
    "page": ("Page {n} of {total}", "Sida {n} av {total}"),
    "printed": ("Printed {when} ({tz})", "Utskriven {when} ({tz})"),
    "disclaimer": (
        "Planning support. Product values come from the label, with sources; a pharmacist must confirm them against the current SmPC.",
        "Planeringsstöd. Produktuppgifterna kommer från märkningen, med källor; en farmaceut ska stämma av dem mot gällande produktresumé.",
    ),
    "personnummer": ("Personnummer", "Personnummer"),
    "samordningsnummer": ("Coordination number", "Samordningsnummer"),
    "reserve_id": ("Reserve number", "Reservnummer"),
    "born": ("Born", "Född"),
    "product": ("Product", "Produkt"),
    "pathway": ("Pathway", "Vårdförlopp"),
    "coi": ("Chain of identity (COI)", "Identitetskedja (COI)"),
    "coi_short": ("COI", "COI"),
    "coi_none": ("COI not recorded", "COI ej registrerat"),
    "patient_barcode": ("Patient", "Patient"),
    "no_barcode": ("(no barcode: characters outside Code 128)", "(ingen streckkod: tecken utanför Code 128)"),
    "errors_badge": ("{n} OPEN ERROR(S) – SEE PAGE 1", "{n} ÖPPNA FEL – SE SIDA 1"),
    "region": ("region {region}", "region {region}"),
    # -- findings ----------------------------------------------------------------
    "errors_title": (
        "OPEN ERRORS – the plan breaks a label rule. Resolve before you go on.",
        "ÖPPNA FEL – planen bryter mot en regel i märkningen. Åtgärda innan du går vidare.",
    ),
    "warnings_title": ("Warnings – check each one", "Varningar – kontrollera var och en"),
    # -- common words ------------------------------------------------------------
    "unknown_label": (
        "not in the label – confirm with the pharmacist",
        "finns inte i märkningen – stäm av med farmaceut",
    ),
    "not_recorded": ("not recorded", "inte registrerat"),
    "not_planned": ("not planned", "inte planerad"),
    "assumed_note": (
        "centre's assumption – the label gives no value; confirm with the pharmacist",
        "klinikens antagande – märkningen anger inget värde; stäm av med farmaceut",
    ),
    "planned": ("planned", "planerad"),
    "recorded": ("recorded", "registrerad"),
    "name": ("Name", "Namn"),
    "signature": ("Signature", "Signatur"),
    "date_time": ("Date and time", "Datum och tid"),
    "sign": ("Sign.", "Sign."),
    # Options are separated by "|" and printed as tick boxes: ☐ Yes   ☐ No
    "yes_no": ("Yes|No", "Ja|Nej"),
    "yes_no_na": ("Yes|No|N/A", "Ja|Nej|Ej aktuellt"),
    "result": ("Result", "Resultat"),
    "date_taken": ("Date taken", "Provdatum"),
    "test": ("Test", "Prov"),
    "day": ("Day", "Dag"),
    "date": ("Date", "Datum"),
    "time": ("Time", "Tid"),
    "label_text": ("Label: {text}", "Märkningens text (engelska): {text}"),
    "source": ("Source: {sources}", "Källa: {sources}"),
    "minutes": ("{n} min", "{n} min"),
    "days": ("{n} days", "{n} dagar"),
    "dose_count": ("{n} dose(s)", "{n} dos(er)"),
    "confidence.confirmed": ("confirmed in the label", "bekräftat i märkningen"),
    "confidence.secondary": ("secondary source", "sekundär källa"),
    "confidence.derived": ("derived from the label", "härlett från märkningen"),
    "confidence.not_found": ("not found", "inte funnet"),
    "confidence.local": ("local override", "lokal ändring"),
    # -- titles ------------------------------------------------------------------
    "title.pre-apheresis": ("Before apheresis", "Före aferes"),
    "title.product-receipt": ("Product receipt – cell lab", "Produktmottagning – cellaboratoriet"),
    "title.pre-lymphodepletion": ("Before lymphodepletion", "Före lymfodepletion"),
    "title.pre-infusion": ("Before infusion – bedside record, day 0", "Före infusion – kontroll vid patienten, dag 0"),
    "title.monitoring": ("Daily monitoring after infusion", "Daglig övervakning efter infusion"),
    "title.discharge": ("Going home after CAR-T treatment", "Hemgång efter CAR-T-behandling"),
    # -- errors (ChecklistError) -------------------------------------------------
    "error.unknown_kind": ("unknown checklist {kind!r}; known: {known}", "okänd checklista {kind!r}; kända: {known}"),
    "error.missing_event": (
        "the pathway has no {event} event, which the {kind} checklist needs",
        "vårdförloppet saknar händelsen {event}, som checklistan {kind} behöver",
    ),
    "error.cancelled": (
        "pathway {pathway} is cancelled ({reason}); its checklists are not printed",
        "vårdförlopp {pathway} är avbrutet ({reason}); dess checklistor skrivs inte ut",
    ),
    "error.no_thaw": (
        "the pathway has no planned thaw for {infusion}; the pre-infusion checklist needs one to compute the infuse-by time",
        "vårdförloppet saknar planerad upptining för {infusion}; checklistan före infusion behöver den för att räkna ut senaste infusionstid",
    ),
    "error.thaw_no_time": (
        "the planned thaw on {day} has no time of day; the pre-infusion checklist needs one to compute the infuse-by time",
        "den planerade upptiningen {day} saknar klockslag; checklistan före infusion behöver det för att räkna ut senaste infusionstid",
    ),
    # -- pre-apheresis -----------------------------------------------------------
    "aph.planned": ("Planned collection", "Planerad insamling"),
    "aph.when": ("Apheresis, planned", "Aferes, planerad"),
    "aph.when_actual": ("Apheresis, recorded", "Aferes, registrerad"),
    "aph.site": ("Site", "Enhet"),
    "aph.collected_by": ("Who collects (name)", "Vem samlar in (namn)"),
    "aph.material": ("Apheresis material", "Aferesmaterial"),
    "aph.material.cryopreserved": ("cryopreserved", "kryokonserverat"),
    "aph.material.fresh": ("fresh", "färskt"),
    "aph.ld_start": ("Lymphodepletion, planned start", "Lymfodepletion, planerad start"),
    "aph.identity": ("Identity", "Identitet"),
    "aph.identity.check": (
        "Patient identity checked against two identifiers (name and personnummer) on the wristband.",
        "Patientens identitet kontrollerad mot två identiteter (namn och personnummer) på ID-bandet.",
    ),
    "aph.identity.order": (
        "Name and personnummer match the manufacturer's order and the collection labels.",
        "Namn och personnummer stämmer med tillverkarens beställning och insamlingsetiketterna.",
    ),
    "aph.screening": ("Infection screening before collection", "Smittscreening före insamling"),
    "aph.screening.note": (
        "HBV, HCV and HIV before collection (EU package leaflets). {extra}",
        "HBV, HCV och hiv före insamling (EU:s bipacksedlar). {extra}",
    ),
    "aph.screening.cmv": ("CMV as well (Abecma, US label).", "Även CMV (Abecma, amerikansk märkning)."),
    "aph.pregnancy": (
        "Pregnancy test in women of child-bearing potential (EU package leaflets).",
        "Graviditetstest för kvinnor i fertil ålder (EU:s bipacksedlar).",
    ),
    "aph.history": ("History", "Anamnes"),
    "aph.hsct": (
        "Stem-cell transplant in the last 4 months? (EU package leaflets)",
        "Stamcellstransplantation under de senaste 4 månaderna? (EU:s bipacksedlar)",
    ),
    "aph.gvhd": ("Graft-versus-host disease (GVHD) now?", "Transplantat-mot-värd-sjukdom (GVHD) nu?"),
    "aph.counts": ("Blood counts on the day", "Blodvärden på dagen"),
    "aph.alc": ("Lymphocytes (ALC), /µL", "Lymfocyter (ALC), /µL"),
    "aph.cd3": ("CD3+ cells, /µL", "CD3+-celler, /µL"),
    "aph.wbc": ("WBC, × 10⁹/L", "LPK, × 10⁹/L"),
    "aph.blasts": ("Circulating blasts, %", "Blaster i blod, %"),
    "aph.counts.guide": (
        "Guideline for CD19 CAR-T in paediatric B-ALL (not label): ALC > 300/µL or CD3+ 100–200/µL; avoid collecting when WBC > 20–40 × 10⁹/L with > 50–80 % blasts.",
        "Riktlinje för CD19 CAR-T vid B-ALL hos barn (inte märkning): ALC > 300/µL eller CD3+ 100–200/µL; undvik insamling vid LPK > 20–40 × 10⁹/L med > 50–80 % blaster.",
    ),
    "aph.counts.none": (
        "The reference has no lymphocyte threshold for this product: use the centre's and the manufacturer's apheresis manual.",
        "Referensen anger ingen lymfocytgräns för denna produkt: använd klinikens och tillverkarens aferesmanual.",
    ),
    "aph.washout": ("Washout before collection", "Uppehåll före insamling"),
    # issue 13: protocol rules on the pre-apheresis checklist
    "aph.protocol_washout": ("Washout confirmation", "Bekräftelse av utsättning"),
    "aph.protocol_washout.rule": ("{drug}: last dose at least {days} days before {step}, on or before {by}",
                                  "{drug}: sista dos minst {days} dagar före {step}, senast {by}"),
    "aph.protocol_washout.given": ("{drug}: last dose {last} ({days} days before {step}) — confirmed",
                                   "{drug}: sista dos {last} ({days} dagar före {step}) — bekräftat"),
    "aph.protocol_washout.source": ("From the product profile (source {source}) and the pathway's recorded last doses.",
                                    "Från produktprofilen (källa {source}) och vägens registrerade sista doser."),
    "aph.markers": ("Infectious-disease markers", "Smittmarkörer"),
    "aph.markers.window": ("Samples within {days} days before apheresis: on or after {first}.",
                           "Prover inom {days} dagar före aferes: tidigast {first}."),
    "aph.markers.nowindow": ("The profile gives no window; follow the centre's routine.",
                             "Profilen anger inget tidsfönster; följ centrets rutin."),
    "mob.sheet": ("Mobilisation day sheet", "Mobiliseringsschema"),
    "mob.agents": ("Mobilisation: {agents}", "Mobilisering: {agents}"),
    "mob.day": ("Day", "Dag"),
    "mob.what": ("What", "Vad"),
    "mob.given": ("Given / collected (time)", "Givet / skördat (tid)"),
    "mob.mobilise": ("Mobilisation, cycle {cycle}", "Mobilisering, cykel {cycle}"),
    "mob.collect": ("Mobilisation and apheresis, cycle {cycle}; CD34+ × 10⁶/kg: ______",
                    "Mobilisering och aferes, cykel {cycle}; CD34+ × 10⁶/kg: ______"),
    "mob.target": ("Collection target: at least {target} × 10⁶ CD34+ cells/kg in total.",
                   "Skördemål: minst {target} × 10⁶ CD34+-celler/kg totalt."),
    "aph.washout.steroids": (
        "Corticosteroids: last dose at least 72 h before – no later than {when}.",
        "Kortikosteroider: sista dos minst 72 h före – senast {when}.",
    ),
    "aph.washout.chemo": (
        "Cytotoxic chemotherapy: last dose at least 2 weeks before – no later than {day}.",
        "Cytostatika: sista dos minst 2 veckor före – senast {day}.",
    ),
    "aph.washout.immuno": (
        "Immunotherapy: some need longer (e.g. pembrolizumab 6 weeks – 3 months).",
        "Immunterapi: vissa kräver längre tid (t.ex. pembrolizumab 6 veckor – 3 månader).",
    ),
    "aph.washout.hsct": (
        "After allogeneic HSCT: apheresis ≥ 100–120 days after HSCT, immunosuppression stopped ≥ 4 weeks before, no GVHD.",
        "Efter allogen HSCT: aferes ≥ 100–120 dagar efter HSCT, immunsuppression avslutad ≥ 4 veckor före, ingen GVHD.",
    ),
    "aph.washout.source": (
        "Paediatric B-ALL guideline (S-ASH-HIT), not label.",
        "Riktlinje för B-ALL hos barn (S-ASH-HIT), inte märkning.",
    ),
    "aph.washout.none": (
        "The reference has no washout periods for this product: follow the centre's procedure. Record the last doses:",
        "Referensen anger inga uppehållstider för denna produkt: följ klinikens rutin. Notera sista doser:",
    ),
    "aph.last_steroid": ("Last corticosteroid dose", "Sista dos kortikosteroid"),
    "aph.last_chemo": ("Last chemotherapy dose", "Sista dos cytostatika"),
    "aph.blood": ("Blood products and vaccines", "Blodprodukter och vaccin"),
    "aph.irradiated": (
        "Irradiated blood products from {start} (7 days before apheresis) until at least {end} (90 days after infusion){cond}.",
        "Bestrålade blodprodukter från {start} (7 dagar före aferes) till minst {end} (90 dagar efter infusion){cond}.",
    ),
    "aph.irradiated.cond": (" – lymphodepletion with fludarabine", " – lymfodepletion med fludarabin"),
    "aph.irradiated.if": (" – if lymphodepletion contains fludarabine", " – om lymfodepletionen innehåller fludarabin"),
    "aph.irradiated.no_inf": ("90 days after infusion", "90 dagar efter infusion"),
    "aph.vaccines": (
        "No live vaccines in the 6 weeks before lymphodepletion: none from {day}.",
        "Inga levande vaccin de 6 veckorna före lymfodepletion: inga från {day}.",
    ),
    "aph.vaccines.noday": (
        "No live vaccines in the 6 weeks before lymphodepletion (start not planned yet).",
        "Inga levande vaccin de 6 veckorna före lymfodepletion (start ännu inte planerad).",
    ),
    "aph.kymriah_cryo": (
        "Kymriah: cryopreserved apheresis can be collected ahead of the order and used for up to 30 months (S-CRYO-ASH, secondary).",
        "Kymriah: kryokonserverat aferesmaterial kan samlas in före beställning och användas i upp till 30 månader (S-CRYO-ASH, sekundär källa).",
    ),
    "aph.sign": ("Checked before collection", "Kontrollerat före insamling"),
    "aph.sign.nurse": ("Apheresis nurse", "Aferessjuksköterska"),
    "aph.sign.doctor": ("Responsible doctor", "Ansvarig läkare"),
    # -- product receipt ---------------------------------------------------------
    "rec.expected": ("Expected shipment", "Förväntad leverans"),
    "rec.planned": ("Receipt, planned", "Mottagning, planerad"),
    "rec.actual": ("Receipt, recorded", "Mottagning, registrerad"),
    "rec.hold": ("Dry shipper hold time ends", "Transportbehållarens hålltid slutar"),
    "rec.hold.unknown": ("(not recorded – ask the courier)", "(inte registrerad – fråga transportören)"),
    "rec.storage_max": ("Store at or below", "Förvaras vid högst"),
    "rec.shelf_life": ("Shelf life", "Hållbarhet"),
    "rec.months": ("{n} months", "{n} månader"),
    "rec.expiry": ("Expiry date (from the bag)", "Utgångsdatum (från påsen)"),
    "rec.coi": ("Chain of identity and shipment data", "Identitetskedja och leveransuppgifter"),
    "rec.coi_id": ("COI ID on the cassette label", "COI-id på kassettetiketten"),
    "rec.coi_expected": ("expected: {coi}", "förväntat: {coi}"),
    "rec.order": ("Order ID / air waybill", "Order-id / fraktsedel"),
    "rec.din_bag": ("DIN on the cryopreservation bag", "DIN på fryspåsen"),
    "rec.din_cassette": ("DIN on the cassette", "DIN på kassetten"),
    "rec.bags": ("Number of bags (vials)", "Antal påsar (flaskor)"),
    "rec.cert": ("Release certificate (RfIC) received", "Frisläppningscertifikat (RfIC) mottaget"),
    "rec.inspection": ("Shipper and product inspection", "Kontroll av behållare och produkt"),
    "rec.alarm": (
        "Was a temperature out-of-range alarm received? If yes, contact the manufacturer.",
        "Har ett temperaturlarm (utanför intervall) tagits emot? Om ja, kontakta tillverkaren.",
    ),
    "rec.seal": (
        "Was the tamper-evident seal in place on the cassette rack?",
        "Satt förseglingen kvar på kassettstället?",
    ),
    "rec.condition": (
        "Is each bag and cassette in the expected condition (no cassette damage, label adhered)?",
        "Är varje påse och kassett i förväntat skick (ingen skada på kassetten, etiketten sitter fast)?",
    ),
    "rec.cracks": (
        "Is each bag free from cracks, openings or other visible damage?",
        "Är varje påse fri från sprickor, öppningar eller annan synlig skada?",
    ),
    "rec.kymriah_dewar": ("Kymriah ships in an LN₂ dewar (S-KYM-GH).", "Kymriah levereras i en LN₂-dewar (S-KYM-GH)."),
    "rec.abecma_rfic": (
        "Abecma: the RfIC is inside the lid of the dry vapour shipper.",
        "Abecma: RfIC ligger i locket på transportbehållaren.",
    ),
    "rec.times": ("Times and storage", "Tider och förvaring"),
    "rec.col.value": ("Time / reading", "Tid / avläsning"),
    "rec.col.limit": ("Limit", "Gräns"),
    "rec.time_received": ("Time received", "Mottagen klockan"),
    "rec.time_stored": ("Time placed in storage", "Placerad i förvaring klockan"),
    "rec.stored_before": ("before {hold}", "före {hold}"),
    "rec.stored_before_hold": ("before the dry shipper's hold time ends", "innan transportbehållarens hålltid slutar"),
    "rec.storage_temp": ("Storage temperature read, °C", "Avläst förvaringstemperatur, °C"),
    "rec.storage_limit": ("must be ≤ {limit} °C", "ska vara ≤ {limit} °C"),
    "rec.location": ("Storage location (tank, rack, position)", "Förvaringsplats (tank, ställ, position)"),
    "rec.store_anyway": (
        "Place the cassette in storage at ≤ {limit} °C (vapour phase of liquid nitrogen) even if there are issues with the shipment.",
        "Placera kassetten i förvaring vid ≤ {limit} °C (gasfas av flytande kväve) även om det finns problem med leveransen.",
    ),
    "rec.store_unknown": (
        "Storage temperature limit: not in the label – confirm with the pharmacist before storing.",
        "Högsta förvaringstemperatur: finns inte i märkningen – stäm av med farmaceut före förvaring.",
    ),
    "rec.traceability": (
        "EU traceability: keep the product name, batch number and patient name for 30 years after expiry.",
        "EU-spårbarhet: spara produktnamn, tillverkningssatsnummer och patientens namn i 30 år efter utgångsdatum.",
    ),
    "rec.sign": ("Double signature", "Dubbelsignatur"),
    "rec.sign.confirmer": ("Received by (confirmer)", "Mottagen av (bekräftare)"),
    "rec.sign.verifier": ("Checked by (verifier)", "Kontrollerad av (granskare)"),
    "rec.source": (
        "Items after the vendor receipt checklist in S-V2V (unofficial) and the product labels.",
        "Punkterna följer leverantörens mottagningschecklista i S-V2V (inofficiell) och produktmärkningarna.",
    ),
    # -- pre-lymphodepletion -----------------------------------------------------
    "ld.available": ("Product available", "Produkten finns"),
    "ld.available.check": (
        "Product confirmed available (released, or on site) before the first lymphodepletion dose.",
        "Produkten bekräftad tillgänglig (frisläppt eller på plats) före första dosen lymfodepletion.",
    ),
    "ld.received_at": ("Received {when} (recorded).", "Mottagen {when} (registrerad)."),
    "ld.receipt_planned": (
        "Receipt planned {when} – not yet recorded as received.",
        "Mottagning planerad {when} – ännu inte registrerad som mottagen.",
    ),
    "ld.no_receipt": (
        "No product receipt is planned or recorded.",
        "Ingen produktmottagning är planerad eller registrerad.",
    ),
    "ld.bsa": ("Body surface area", "Kroppsyta"),
    "ld.weight": ("Weight, kg", "Vikt, kg"),
    "ld.height": ("Height, cm", "Längd, cm"),
    "ld.bsa_value": ("Body surface area, m²", "Kroppsyta, m²"),
    "ld.formula": (
        "Mosteller: BSA (m²) = √(height cm × weight kg / 3600), rounded to 0.01 m². Doses = mg/m² × BSA, rounded to 0.1 mg.",
        "Mosteller: kroppsyta (m²) = √(längd cm × vikt kg / 3600), avrundat till 0,01 m². Dos = mg/m² × kroppsyta, avrundat till 0,1 mg.",
    ),
    "ld.formula_worked": ("√({h} × {w} / 3600) = {bsa} m²", "√({h} × {w} / 3600) = {bsa} m²"),
    "ld.no_bsa": (
        "Weight or height not recorded: measure both, compute the BSA and write the doses by hand.",
        "Vikt eller längd saknas: mät båda, räkna ut kroppsytan och skriv doserna för hand.",
    ),
    "ld.recheck": (
        "Weight and height checked today; doses re-computed if they changed.",
        "Vikt och längd kontrollerade i dag; doserna omräknade om de ändrats.",
    ),
    "ld.renal": (
        "Adjust doses for renal impairment per the fludarabine and cyclophosphamide SmPCs (the product label refers to them).",
        "Justera doserna vid nedsatt njurfunktion enligt produktresuméerna för fludarabin och cyklofosfamid (produktens märkning hänvisar dit).",
    ),
    "ld.regimen": ("Regimen", "Regim"),
    "ld.regimen_unknown": (
        "Lymphodepletion regimen: not in the label – confirm drugs, doses and days with the pharmacist.",
        "Lymfodepletionsregim: finns inte i märkningen – stäm av läkemedel, doser och dagar med farmaceut.",
    ),
    "ld.also_allowed": ("The label also allows: {names}.", "Märkningen tillåter även: {names}."),
    "ld.drug": ("Drug", "Läkemedel"),
    "ld.dose_label": ("Label dose", "Dos enligt märkning"),
    "ld.dose_patient": ("Dose for this patient", "Dos för patienten"),
    "ld.course_days": ("LD days", "LD-dagar"),
    "ld.days": ("Planned days", "Planerade dagar"),
    "ld.day_numbers": (
        "Day numbers as in the label: the infusion day is day 0, lymphodepletion days are negative.",
        "Dagnummer som i märkningen: infusionsdagen är dag 0, lymfodepletionsdagarna är negativa.",
    ),
    "ld.doses": ("Drugs and doses", "Läkemedel och doser"),
    "ld.given": ("Given at", "Givet kl."),
    "ld.nothing": ("no drug this day", "inget läkemedel denna dag"),
    "ld.unplanned": (
        "The regimen has LD day(s) {days} outside the planned lymphodepletion days: check the plan.",
        "Regimen har LD-dag(ar) {days} utanför de planerade lymfodepletionsdagarna: kontrollera planen.",
    ),
    "ld.infusion": ("Infusion", "Infusion"),
    "ld.day0": ("Infusion (day 0), planned", "Infusion (dag 0), planerad"),
    "ld.window": ("Allowed infusion days", "Tillåtna infusionsdagar"),
    "ld.window_value": ("{lo} to {hi} (label: {wording})", "{lo} till {hi} (märkningen: {wording})"),
    "ld.window_open": (
        "from {lo}, no upper limit found (label: {wording})",
        "från {lo}, ingen övre gräns hittad (märkningen: {wording})",
    ),
    "ld.window_unknown": (
        "not in the label – confirm with the pharmacist",
        "finns inte i märkningen – stäm av med farmaceut",
    ),
    "ld.delay": ("Before the first dose", "Före första dosen"),
    "ld.vaccines": (
        "No live vaccines in the last 6 weeks (since {day}).",
        "Inga levande vaccin de senaste 6 veckorna (sedan {day}).",
    ),
    "ld.irradiated": (
        "Irradiated blood products ordered (fludarabine), until at least 90 days after infusion.",
        "Bestrålade blodprodukter beställda (fludarabin), till minst 90 dagar efter infusion.",
    ),
    "ld.kymriah_omit": (
        "Kymriah: LD may be omitted if WBC ≤ 1 × 10⁹/L within 1 week before infusion (S-KYM-CA, S-KYM-RX).",
        "Kymriah: LD kan utelämnas om LPK ≤ 1 × 10⁹/L inom 1 vecka före infusion (S-KYM-CA, S-KYM-RX).",
    ),
    "ld.carvykti_delay": (
        "Carvykti: delay LD for serious adverse reactions from bridging therapy (clinically significant active infection, cardiac or pulmonary toxicity) or active GVHD after prior allo-SCT (S-CAR-DC).",
        "Carvykti: skjut upp LD vid allvarliga biverkningar av bryggbehandling (kliniskt betydande aktiv infektion, hjärt- eller lungtoxicitet) eller aktiv GVHD efter tidigare allo-SCT (S-CAR-DC).",
    ),
    "ld.aucatzyl_blasts": (
        "Aucatzyl: bone-marrow blast % from a sample taken on or after {day} (≤ 7 days before LD starts) chooses the dose regimen (S-AUC-DC, US).",
        "Aucatzyl: blastandel i benmärg från prov taget {day} eller senare (≤ 7 dagar före LD-start) avgör dosregimen (S-AUC-DC, USA).",
    ),
    "ld.sign": ("Prescribed and checked", "Ordinerat och kontrollerat"),
    "ld.sign.doctor": ("Prescribing doctor", "Ordinerande läkare"),
    "ld.sign.pharmacist": ("Pharmacist", "Farmaceut"),
    # -- pre-infusion ------------------------------------------------------------
    "inf.dose": ("Dose {n} of {total}", "Dos {n} av {total}"),
    "inf.timing": ("Thaw and infusion times", "Tider för upptining och infusion"),
    "inf.thaw_planned": ("Thaw start, planned", "Upptining start, planerad"),
    "inf.thaw_actual": ("Thaw start, recorded", "Upptining start, registrerad"),
    "inf.removal_planned": ("Removal from frozen storage, planned", "Uttag ur frysförvaring, planerat"),
    "inf.removal_actual": ("Removal from frozen storage, recorded", "Uttag ur frysförvaring, registrerat"),
    "inf.thaw_end": ("Thaw complete", "Upptining klar"),
    "inf.limit": ("Thaw limit", "Tidsgräns efter upptining"),
    "inf.limit.thaw_start": (
        "{n} min from the start of thaw to the end of infusion",
        "{n} min från start av upptining till avslutad infusion",
    ),
    "inf.limit.removal_from_storage": (
        "{n} min from removal from frozen storage to the end of infusion",
        "{n} min från uttag ur frysförvaring till avslutad infusion",
    ),
    "inf.limit.thaw_end": (
        "{n} min from complete thaw to the end of infusion",
        "{n} min från avslutad upptining till avslutad infusion",
    ),
    "inf.infuse_by": ("INFUSE BY", "INFUNDERA SENAST"),
    "inf.infuse_by_note": (
        "End of infusion at the latest. If the actual {origin} is later than planned, the limit moves with it: write the new time below.",
        "Infusionen ska vara avslutad senast då. Om faktisk {origin} blir senare än planerat flyttas gränsen: skriv den nya tiden nedan.",
    ),
    "inf.origin.thaw_start": ("thaw start", "upptiningsstart"),
    "inf.origin.removal_from_storage": ("removal from storage", "tidpunkt för uttag"),
    "inf.origin.thaw_end": ("end of thaw", "avslutad upptining"),
    "inf.no_thaw_end": (
        "thaw end not planned – count from the recorded thaw end",
        "upptiningens slut inte planerat – räkna från registrerat slut",
    ),
    "inf.start_limit": (
        "Start the infusion within {n} min of complete thaw ({source}).",
        "Starta infusionen inom {n} min efter avslutad upptining ({source}).",
    ),
    "inf.infusion_planned": ("Infusion, planned", "Infusion, planerad"),
    "inf.infusion_actual": ("Infusion, recorded", "Infusion, registrerad"),
    "inf.new_infuse_by": ("New infuse-by time if thaw moved", "Ny senaste tid om upptiningen flyttats"),
    "inf.before": ("Before thaw", "Före upptining"),
    "inf.delay": ("No reason to delay infusion is present:", "Inget skäl att skjuta upp infusionen föreligger:"),
    "inf.delay.unknown": (
        "Reasons to delay: not found for this product – use the centre's criteria and ask the pharmacist.",
        "Skäl att skjuta upp: inte funna för denna produkt – använd klinikens kriterier och fråga farmaceut.",
    ),
    "inf.window": (
        "Infusion day inside the label's window after lymphodepletion: last LD day {ld_end}, infusion {day} = {gap} calendar days; allowed {allowed}.",
        "Infusionsdagen inom märkningens intervall efter lymfodepletion: sista LD-dag {ld_end}, infusion {day} = {gap} kalenderdagar; tillåtet {allowed}.",
    ),
    "inf.window.allowed": ("{lo}–{hi}", "{lo}–{hi}"),
    "inf.window.open": ("from {lo}", "från {lo}"),
    "inf.window.unknown": (
        "Infusion window after lymphodepletion: not in the label – confirm with the pharmacist.",
        "Intervall mellan lymfodepletion och infusion: finns inte i märkningen – stäm av med farmaceut.",
    ),
    "inf.repeat_ld": ("Repeat LD if {text}.", "Upprepa LD om {text}."),
    "inf.tocilizumab": (
        "Tocilizumab on hand for this patient before thaw: at least {n} dose(s) ({region} label), and emergency equipment.",
        "Tocilizumab tillgängligt för patienten före upptining: minst {n} dos(er) ({region}-märkningen), och akututrustning.",
    ),
    "inf.tocilizumab.unknown": (
        "Tocilizumab doses the {region} label requires: not in the label – follow the centre's routine; emergency equipment ready.",
        "Doser tocilizumab som {region}-märkningen kräver: finns inte i märkningen – följ klinikens rutin; akututrustning redo.",
    ),
    "inf.tocilizumab.recorded": ("Recorded on hand: {n}.", "Registrerat tillgängligt: {n}."),
    "inf.tocilizumab.count": ("Tocilizumab doses counted now", "Doser tocilizumab räknade nu"),
    "inf.premed": ("Premedication", "Premedicinering"),
    "inf.premed.window": (
        "Give between {start} and {end} ({lo}–{hi} min before the planned infusion start {inf}).",
        "Ges mellan {start} och {end} ({lo}–{hi} min före planerad infusionsstart {inf}).",
    ),
    "inf.premed.nowindow": (
        "Time window: not in the label – confirm with the pharmacist.",
        "Tidsfönster: finns inte i märkningen – stäm av med farmaceut.",
    ),
    "inf.premed.given": ("Premedication given at", "Premedicinering given kl."),
    "inf.premed.unknown": (
        "Premedication: not in the label – confirm with the pharmacist.",
        "Premedicinering: finns inte i märkningen – stäm av med farmaceut.",
    ),
    "inf.coi": (
        "Chain of identity – two people check together",
        "Identitetskedja – två personer kontrollerar tillsammans",
    ),
    "inf.coi.patient": (
        "Patient's wristband (name, personnummer) matches every infusion bag label, the cassette label and the release certificate (RfIC).",
        "Patientens ID-band (namn, personnummer) stämmer med varje infusionspåses etikett, kassettetiketten och frisläppningscertifikatet (RfIC).",
    ),
    "inf.coi.ids": (
        "COI ID / DIN / Aph ID is the same on the bag(s), the cassette and the certificate{coi}.",
        "COI-id / DIN / Aph-id är detsamma på påse(ar), kassett och certifikat{coi}.",
    ),
    "inf.coi.expected": (": {coi}", ": {coi}"),
    "inf.coi.count": (
        "Number of bags (vials) matches the RfIC or batch certificate: ______",
        "Antal påsar (flaskor) stämmer med RfIC eller batchcertifikat: ______",
    ),
    "inf.coi.integrity": (
        "Each bag is free from cracks, breaches or other damage.",
        "Varje påse är fri från sprickor, skador eller läckage.",
    ),
    "inf.coi.stop": (
        "STOP RULE: if anything does not match, do not remove the bag from the cassette, and do not thaw or infuse.",
        "STOPPREGEL: om något inte stämmer, ta inte ut påsen ur kassetten, och tina eller infundera inte.",
    ),
    "inf.handling": ("Product handling", "Hantering av produkten"),
    "inf.record": ("Actual times", "Faktiska tider"),
    "inf.bag": ("Bag", "Påse"),
    "inf.col.thaw_start": ("Thaw start", "Upptining start"),
    "inf.col.removal": ("Removed from storage", "Uttagen ur förvaring"),
    "inf.col.thaw_end": ("Thaw complete", "Upptining klar"),
    "inf.col.infusion_start": ("Infusion start", "Infusion start"),
    "inf.col.infusion_end": ("Infusion end", "Infusion slut"),
    "inf.per_bag": (
        "The limit applies to each bag from its own {origin}.",
        "Gränsen gäller varje påse från dess egen {origin}.",
    ),
    "inf.vitals": ("Vital signs before infusion", "Vitalparametrar före infusion"),
    "inf.sign": ("Two-person check", "Kontroll av två personer"),
    "inf.sign.first": ("Nurse 1 (gives the infusion)", "Sjuksköterska 1 (ger infusionen)"),
    "inf.sign.second": ("Nurse 2 / doctor (verifies)", "Sjuksköterska 2 / läkare (kontrollerar)"),
    # -- monitoring --------------------------------------------------------------
    "mon.summary": ("Monitoring period", "Övervakningsperiod"),
    "mon.day0": ("Infusion (day 0)", "Infusion (dag 0)"),
    "mon.label_period": ("Daily monitoring (label)", "Daglig övervakning (märkning)"),
    "mon.label_value": ("at least {n} days, to {until}", "minst {n} dagar, till {until}"),
    "mon.stay_near": ("Stay near the centre until", "Stanna nära kliniken till"),
    "mon.sheet": ("One row per day, day 0 to day +{last}", "En rad per dag, dag 0 till dag +{last}"),
    "mon.temp": ("Temp °C", "Temp °C"),
    "mon.bp": ("BP", "BT"),
    "mon.pulse": ("Pulse", "Puls"),
    "mon.spo2": ("SpO₂ %", "SpO₂ %"),
    "mon.crs": ("CRS grade", "CRS grad"),
    "mon.ice": ("ICE 0–10", "ICE 0–10"),
    "mon.icans": ("ICANS grade", "ICANS grad"),
    "mon.ice_title": ("ICE score (10 points; ASTCT consensus)", "ICE-poäng (10 poäng; ASTCT-konsensus)"),
    "mon.ice.orientation": ("Orientation: year, month, city, hospital", "Orientering: år, månad, stad, sjukhus"),
    "mon.ice.naming": (
        "Naming: 3 objects (e.g. point to clock, pen, button)",
        "Benämning: 3 föremål (t.ex. peka på klocka, penna, knapp)",
    ),
    "mon.ice.commands": ("Following simple commands", "Följer enkla uppmaningar"),
    "mon.ice.writing": ("Writing a standard sentence", "Skriver en standardmening"),
    "mon.ice.attention": (
        "Attention: count backwards from 100 by 10",
        "Uppmärksamhet: räkna baklänges från 100 i steg om 10",
    ),
    "mon.points": ("{n} p", "{n} p"),
    "mon.grading": (
        "Grade CRS and ICANS with the ASTCT consensus grading (Lee et al. 2019) and the centre's procedure; call the doctor for any CRS or ICANS.",
        "Gradera CRS och ICANS enligt ASTCT-konsensus (Lee m.fl. 2019) och klinikens rutin; kontakta läkare vid all CRS eller ICANS.",
    ),
    # -- discharge ---------------------------------------------------------------
    "dis.treatment": ("Your treatment", "Din behandling"),
    "dis.received": ("You were given {product} on {day}.", "Du fick {product} den {day}."),
    "dis.important": ("Important dates", "Viktiga datum"),
    "dis.stay_near": ("Stay near {site} until", "Stanna nära {site} till och med"),
    "dis.stay_near.plain": (
        "You must be able to get back to the hospital quickly.",
        "Du måste snabbt kunna ta dig tillbaka till sjukhuset.",
    ),
    "dis.no_driving": ("Do not drive until", "Kör inte bil till och med"),
    "dis.no_driving.plain": (
        "Do not drive or use heavy machines: the treatment can affect how alert you are.",
        "Kör inte bil och använd inte tunga maskiner: behandlingen kan påverka din vakenhet.",
    ),
    "dis.ask": ("Ask your care team – write the date here:", "Fråga ditt vårdteam – skriv datumet här:"),
    "dis.centre_rule": (
        "(your centre's rule; the product information gives no period)",
        "(klinikens regel; produktinformationen anger ingen period)",
    ),
    "dis.call": ("Whom to call", "Vem du ringer"),
    "dis.call.site": ("{site}", "{site}"),
    "dis.call.phone": ("Phone", "Telefon"),
    "dis.call.when": (
        "Call at once, day or night, if you notice any of the signs below. Do not wait until your next visit.",
        "Ring genast, dygnet runt, om du märker något av tecknen nedan. Vänta inte till nästa besök.",
    ),
    "dis.call.emergency": (
        "If you cannot reach us, or it is serious, call 112.",
        "Om du inte når oss, eller om det är allvarligt, ring 112.",
    ),
    "dis.signs": ("Signs to watch for", "Tecken att vara uppmärksam på"),
    "dis.sign.fever": (
        "Fever of 38 °C or higher, chills or shivering",
        "Feber 38 °C eller högre, frossa eller skakningar",
    ),
    "dis.sign.dizzy": (
        "Dizziness, light-headedness or fainting (low blood pressure)",
        "Yrsel, svimningskänsla eller svimning (lågt blodtryck)",
    ),
    "dis.sign.breath": (
        "Shortness of breath, fast or irregular heartbeat",
        "Andfåddhet, snabba eller oregelbundna hjärtslag",
    ),
    "dis.sign.confusion": (
        "Confusion, difficulty speaking, writing or understanding, unusual drowsiness",
        "Förvirring, svårt att tala, skriva eller förstå, ovanlig dåsighet",
    ),
    "dis.sign.shaking": ("Shaking, weakness, fits (seizures)", "Darrningar, svaghet, krampanfall"),
    "dis.sign.infection": (
        "Signs of infection, severe diarrhoea, nausea or vomiting",
        "Tecken på infektion, svår diarré, illamående eller kräkningar",
    ),
    "dis.signs.source": (
        "From the EU package leaflets of CAR-T medicines; your care team may add more.",
        "Från EU:s bipacksedlar för CAR-T-läkemedel; ditt vårdteam kan lägga till fler.",
    ),
    "dis.remember": ("Also remember", "Kom också ihåg"),
    "dis.card": (
        "Always carry your patient card and show it to any doctor or nurse you see.",
        "Bär alltid ditt patientkort och visa det för alla läkare och sjuksköterskor du träffar.",
    ),
    "dis.donate": ("Do not donate blood, organs, tissues or cells.", "Ge inte blod, organ, vävnader eller celler."),
    "dis.daily": (
        "Come back for check-ups every day for at least {n} days after the infusion (until {until}).",
        "Kom tillbaka för kontroll varje dag i minst {n} dagar efter infusionen (till {until}).",
    ),
    "dis.temperature": (
        "Take your temperature twice a day for 3–4 weeks.",
        "Ta tempen två gånger om dagen i 3–4 veckor.",
    ),
    "dis.hiv": (
        "Some HIV tests can give a false positive result after this treatment: tell the laboratory.",
        "Vissa hivtester kan ge falskt positivt svar efter denna behandling: berätta det för laboratoriet.",
    ),
    "dis.long_term": (
        "Your health will be followed for many years (up to 15 years), including checks for new cancers.",
        "Din hälsa följs i många år (upp till 15 år), bland annat med kontroller för nya cancerformer.",
    ),
    "dis.follow_up": ("Next visit: {day}", "Nästa besök: {day}"),
    "dis.follow_up.none": ("Next visit: ______________________", "Nästa besök: ______________________"),
    "dis.sign": ("Information given", "Information given"),
    "dis.sign.nurse": ("Nurse", "Sjuksköterska"),
    "dis.sign.patient": ("Patient (I have received this information)", "Patient (jag har fått denna information)"),
}

WEEKDAYS: Mapping[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
}

DRUGS: Mapping[str, tuple[str, str]] = {
    "fludarabine": ("Fludarabine", "Fludarabin"),
    "cyclophosphamide": ("Cyclophosphamide", "Cyklofosfamid"),
    "bendamustine": ("Bendamustine", "Bendamustin"),
}

#: Checklists.md table 3a: reasons to delay infusion, per product (each a list of items).
DELAY_REASONS: Mapping[str, tuple[tuple[tuple[str, str], ...], tuple[str, str]]] = {
    "kymriah": (
        (
            ("Active infection or inflammatory disorder", "Aktiv infektion eller inflammatorisk sjukdom"),
            (
                "Unresolved serious adverse reactions from lymphodepletion",
                "Kvarstående allvarliga biverkningar av lymfodepletionen",
            ),
        ),
        ("S-KYM-CA (US; the list is cut off in the source)", "S-KYM-CA (USA; listan är avskuren i källan)"),
    ),
    "yescarta": (
        (("Active infection or inflammatory disorder", "Aktiv infektion eller inflammatorisk sjukdom"),),
        ("S-YES-PIL (EU)", "S-YES-PIL (EU)"),
    ),
    "tecartus": (
        (
            (
                "Unresolved serious adverse reactions (pulmonary, cardiac, hypotension), including from earlier chemotherapy",
                "Kvarstående allvarliga biverkningar (lungor, hjärta, lågt blodtryck), även av tidigare cytostatika",
            ),
            (
                "Active uncontrolled infection or inflammatory disease",
                "Aktiv okontrollerad infektion eller inflammatorisk sjukdom",
            ),
            ("Active graft-versus-host disease (GVHD)", "Aktiv transplantat-mot-värd-sjukdom (GVHD)"),
        ),
        ("S-TEC-MHRA (MHRA)", "S-TEC-MHRA (MHRA)"),
    ),
    "breyanzi": (
        (
            (
                "Unresolved serious adverse events (pulmonary, cardiac, hypotension), including after earlier chemotherapy",
                "Kvarstående allvarliga biverkningar (lungor, hjärta, lågt blodtryck), även efter tidigare cytostatika",
            ),
            (
                "Active uncontrolled infection or inflammatory disorder",
                "Aktiv okontrollerad infektion eller inflammatorisk sjukdom",
            ),
            ("Active graft-versus-host disease (GVHD)", "Aktiv transplantat-mot-värd-sjukdom (GVHD)"),
        ),
        ("S-BRY-RX (EU 2022), S-BRY-MED (US)", "S-BRY-RX (EU 2022), S-BRY-MED (USA)"),
    ),
    "abecma": (
        (
            (
                "Unresolved serious adverse events (pulmonary, cardiac, hypotension)",
                "Kvarstående allvarliga biverkningar (lungor, hjärta, lågt blodtryck)",
            ),
            ("Active infection or inflammatory disorder", "Aktiv infektion eller inflammatorisk sjukdom"),
        ),
        (
            "S-ABE-DC (US: infusion may be delayed up to 7 days for these reasons)",
            "S-ABE-DC (USA: infusionen får skjutas upp högst 7 dagar av dessa skäl)",
        ),
    ),
    "carvykti": (
        (
            (
                "Clinically significant active infection or inflammatory disorder",
                "Kliniskt betydande aktiv infektion eller inflammatorisk sjukdom",
            ),
            (
                "Grade ≥ 3 non-haematological LD toxicity (except grade 3 nausea, vomiting, diarrhoea or constipation) until grade ≤ 1",
                "Icke-hematologisk LD-toxicitet grad ≥ 3 (utom illamående, kräkning, diarré eller förstoppning grad 3) tills grad ≤ 1",
            ),
            ("Active graft-versus-host disease (GVHD)", "Aktiv transplantat-mot-värd-sjukdom (GVHD)"),
        ),
        ("S-CAR-BCB (EU 2025)", "S-CAR-BCB (EU 2025)"),
    ),
}

#: When to repeat LD if infusion is delayed (checklists.md 3.2), per product.
REPEAT_LD: Mapping[str, tuple[str, str]] = {
    "yescarta": (
        "infusion is delayed more than 2 weeks after LD (S-YES-PIL)",
        "infusionen försenas mer än 2 veckor efter LD (S-YES-PIL)",
    ),
    "tecartus": (
        "infusion is delayed more than 2 weeks after LD (S-TEC-MHRA)",
        "infusionen försenas mer än 2 veckor efter LD (S-TEC-MHRA)",
    ),
    "carvykti": (
        "dosing is delayed more than 14 days (consider; S-CAR-DC)",
        "doseringen försenas mer än 14 dagar (överväg; S-CAR-DC)",
    ),
    "kymriah": (
        "the delay is more than 4 weeks and WBC > 1000/µL (EU 2018; S-KYM-RX)",
        "förseningen är mer än 4 veckor och LPK > 1000/µL (EU 2018; S-KYM-RX)",
    ),
    "abecma": ("more than 4 weeks have passed (CH; S-ABE-CH)", "mer än 4 veckor har gått (CH; S-ABE-CH)"),
}

#: Checklists.md 3.5, 3.7, 3.9–3.13: product handling at the bedside.
HANDLING: Mapping[str, tuple[tuple[str, str], ...]] = {
    "kymriah": (
        (
            "Thaw one bag at a time; do not thaw the next bag until the previous one is infused.",
            "Tina en påse i taget; tina inte nästa påse förrän den föregående är infunderad.",
        ),
        (
            "No leukocyte-depleting filter. Do not wash the cells.",
            "Inget leukocytreducerande filter. Tvätta inte cellerna.",
        ),
        (
            "Infuse at 10–20 mL/min (EU: IV push allowed if the volume is ≤ 20 mL).",
            "Infundera 10–20 mL/min (EU: iv-injektion tillåten om volymen är ≤ 20 mL).",
        ),
    ),
    "yescarta": (("Infuse the bag over about 30 min.", "Infundera påsen under cirka 30 min."),),
    "tecartus": (
        (
            "No leukocyte-depleting filter. Do not irradiate the product.",
            "Inget leukocytreducerande filter. Bestråla inte produkten.",
        ),
        ("Infuse the bag in ≤ 30 min.", "Infundera påsen på ≤ 30 min."),
    ),
    "breyanzi": (
        (
            "Give the CD8 component first, then CD4, each at about 0.5 mL/min; flush with saline before and after.",
            "Ge CD8-komponenten först, sedan CD4, var och en cirka 0,5 mL/min; spola med NaCl före och efter.",
        ),
        (
            "No leukocyte-depleting filter. Check the number of vials of each component.",
            "Inget leukocytreducerande filter. Kontrollera antalet flaskor av varje komponent.",
        ),
    ),
    "abecma": (
        (
            "Thaw one bag at a time; do not start the next thaw until the previous infusion is complete.",
            "Tina en påse i taget; börja inte nästa upptining förrän föregående infusion är klar.",
        ),
        (
            "Check the number of bags against the RfIC. About 30 min per bag.",
            "Kontrollera antalet påsar mot RfIC. Cirka 30 min per påse.",
        ),
    ),
    "carvykti": (
        (
            "No leukocyte-depleting filter, but use a standard blood filter (170–260 µm).",
            "Inget leukocytreducerande filter, men använd ett vanligt blodfilter (170–260 µm).",
        ),
        ("One bag, usually infused in under 60 min.", "En påse, infunderas vanligen på under 60 min."),
    ),
    "aucatzyl": (("No leukocyte-depleting filter.", "Inget leukocytreducerande filter."),),
}

#: Products whose thaw limit counts per bag (the label says so).
PER_BAG_LIMIT = frozenset({"abecma"})

#: Products whose EU SmPC asks to keep traceability data for 30 years (checklists.md 4.11).
TRACEABILITY_30Y = frozenset({"breyanzi", "yescarta"})

#: Checklists.md 5.4: temperature twice a day for 3–4 weeks (EU PIL).
TEMPERATURE_TWICE_DAILY = frozenset({"yescarta"})


def lang_index(lang: str) -> int:
    return 1 if lang == "sv" else 0


def t(key: str, lang: str = "en", **params: Any) -> str:
    """The text for *key* in *lang* (``en`` or ``sv``) with *params* filled in."""
    text = S[key][lang_index(lang)]
    return text.format(**params) if params else text


def pick(pair: tuple[str, str], lang: str) -> str:
    """One language of an ``(english, swedish)`` pair."""
    return pair[lang_index(lang)]


def drug_name(drug: str, lang: str) -> str:
    pair = DRUGS.get(drug)
    return pick(pair, lang) if pair else drug
