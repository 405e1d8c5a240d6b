"""The six checklists: what each prints, from the pathway, its product profile and its findings.

Content follows ``../shared/reference/checklists.md`` (section numbers in the
comments); product values come from the profile, and a value the label does not
give is printed as unknown ("not in the label – confirm with the pharmacist").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Callable

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.pathway import Event
from atmp_desktop.reports import layout as L
from atmp_desktop.reports import model as M
from atmp_desktop.reports.layout import FRAME_W, B, P
from atmp_desktop.reports.model import ChecklistInput
from atmp_desktop.reports.strings import (
    DELAY_REASONS,
    HANDLING,
    PER_BAG_LIMIT,
    REPEAT_LD,
    TEMPERATURE_TWICE_DAILY,
    TRACEABILITY_30Y,
    WEEKDAYS,
    S,
    drug_name,
    pick,
    t,
)

# -- formatting ---------------------------------------------------------------------


def day_text(day: date, lang: str) -> str:
    """``2027-01-04 (Mon)``: ISO date with the weekday, which is what staff plan by."""
    return f"{day.isoformat()} ({WEEKDAYS[lang][day.weekday()]})"


def when_text(value, data: ChecklistInput, lang: str) -> str:
    """A moment as ``2027-01-04 (Mon) 09:00`` in the pathway's time zone; a day as ``day_text``."""
    if isinstance(value, datetime):
        local = value.astimezone(data.tz)
        return f"{day_text(local.date(), lang)} {local:%H:%M}"
    return day_text(value, lang)


def clock(value: datetime, data: ChecklistInput) -> str:
    return timeutil.format_clock(value, data.tz)


def label_day(n: int | None) -> str:
    if n is None:
        return "–"
    return "0" if n == 0 else f"{n:+d}".replace("-", "−")


def number(value: float, lang: str) -> str:
    """1 decimal at most, with the language's decimal sign (Swedish uses a comma)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return text.replace(".", ",") if lang == "sv" else text


def bsa_text(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "sv" else text


def _dose_text(d, lang: str) -> str:
    if d.get("dose_mg_m2") is None and d.get("dose_mg_kg") is not None:
        return f"{number(d['dose_mg_kg'], lang)} mg/kg"
    return f"{number(d['dose_mg_m2'], lang)} mg/m²"


def regimen_name(regimen, lang: str) -> str:
    """The label's own wording in English; in Swedish, built from the drugs, doses and days."""
    if lang == "en":
        return regimen.name
    parts = [
        f"{drug_name(d['drug'], lang)} {_dose_text(d, lang)} × {t('days', lang, n=len(d['ld_days']))}"
        for d in regimen.drugs
    ]
    return " + ".join(parts)


def confidence(value: str, lang: str) -> str:
    return t(f"confidence.{value}", lang) if f"confidence.{value}" in S else value


def unknown(lang: str) -> str:
    return t("unknown_label", lang)


def _common_top(data: ChecklistInput, lang: str) -> list[Flowable]:
    return L.findings_boxes(data, lang)


# -- pre-apheresis (checklists.md section 1) ---------------------------------------------


def pre_apheresis(data: ChecklistInput, lang: str) -> list[Flowable]:
    pw, profile = data.pathway, data.profile
    aph = pw.first("apheresis")
    assert aph is not None  # model.require checked it
    ld = pw.first("lymphodepletion")
    story = _common_top(data, lang)

    material = profile.apheresis_material
    mat_text = (
        t(f"aph.material.{material.value}", lang) if material.value in ("cryopreserved", "fresh") else unknown(lang)
    )
    story += L.section(
        t("aph.planned", lang),
        L.fields(
            [
                (t("aph.when_actual" if aph.happened else "aph.when", lang), when_text(aph.when, data, lang)),
                (t("aph.site", lang), data.site_name),
                (t("aph.material", lang), mat_text),
                (t("aph.ld_start", lang), day_text(ld.first_day(data.tz), lang) if ld else t("not_planned", lang)),
                (t("aph.collected_by", lang), None),
            ]
        ),
    )
    story += L.section(
        t("aph.identity", lang),
        L.checks([t("aph.identity.check", lang), t("aph.identity.order", lang)], lang),
    )

    # 1.1 and 1.2: infection screening, with space for the results.
    tests = ["HBV", "HCV", "HIV"]
    cmv = profile.product_id == "abecma" and profile.region == "US"
    if cmv:
        tests.append("CMV")
    rows = [[name, "", "", ""] for name in tests]
    story += L.section(
        t("aph.screening", lang),
        L.note(t("aph.screening.note", lang, extra=t("aph.screening.cmv", lang) if cmv else "")),
        Spacer(0, 1 * mm),
        L.grid(
            [t("test", lang), t("date_taken", lang), t("result", lang), t("sign", lang)],
            rows,
            [30 * mm, 40 * mm, FRAME_W - 30 * mm - 40 * mm - L.SIGN_W, L.SIGN_W],
        ),
    )
    story += _protocol_pre_apheresis(data, lang)
    # 1.3 and 1.7
    story += L.section(
        t("aph.history", lang),
        L.questions([(t("aph.pregnancy", lang), "yes_no_na"), t("aph.hsct", lang), t("aph.gvhd", lang)], lang),
    )

    # 1.4 to 1.6: a paediatric B-ALL guideline, for Kymriah B-ALL only.
    guideline = profile.product_id == "kymriah" and (pw.indication or profile.default_indication) == "b-all"
    counts = L.fields(
        [
            (t("aph.alc", lang), None),
            (t("aph.cd3", lang), None),
            (t("aph.wbc", lang), None),
            (t("aph.blasts", lang), None),
        ],
        label_w=48 * mm,
        cols=2,
    )
    story += L.section(
        t("aph.counts", lang),
        L.note(t("aph.counts.guide" if guideline else "aph.counts.none", lang)),
        Spacer(0, 1 * mm),
        counts,
    )
    if guideline and isinstance(aph.when, datetime):
        steroid_by = timeutil.add_minutes(aph.when, -72 * 60, data.tz)
        chemo_by = aph.first_day(data.tz) - timedelta(days=14)
        story += L.section(
            t("aph.washout", lang),
            L.checks(
                [
                    P(t("aph.washout.steroids", lang, when=when_text(steroid_by, data, lang))),
                    P(t("aph.washout.chemo", lang, day=day_text(chemo_by, lang))),
                    P(t("aph.washout.immuno", lang)),
                    P(t("aph.washout.hsct", lang)),
                ],
                lang,
            ),
            L.note(t("aph.washout.source", lang)),
        )
    else:
        story += L.section(
            t("aph.washout", lang),
            L.note(t("aph.washout.none", lang)),
            Spacer(0, 1 * mm),
            L.fields([(t("aph.last_steroid", lang), None), (t("aph.last_chemo", lang), None)]),
        )

    # 1.9 and 1.10: irradiated blood products; no live vaccines before LD.
    blood: list = []
    flu = M.uses_fludarabine(data)
    if flu is not False:
        d0 = pw.infusion_day()
        end = day_text(d0 + timedelta(days=90), lang) if d0 else t("aph.irradiated.no_inf", lang)
        blood.append(
            t(
                "aph.irradiated",
                lang,
                start=day_text(aph.first_day(data.tz) - timedelta(days=7), lang),
                end=end,
                cond=t("aph.irradiated.cond" if flu else "aph.irradiated.if", lang),
            )
        )
    if ld is not None:
        blood.append(t("aph.vaccines", lang, day=day_text(ld.first_day(data.tz) - timedelta(days=42), lang)))
    else:
        blood.append(t("aph.vaccines.noday", lang))
    story += L.section(t("aph.blood", lang), L.checks(blood, lang))
    if profile.product_id == "kymriah":
        story += [Spacer(0, 2 * mm), L.note(t("aph.kymriah_cryo", lang))]

    story += L.section(
        t("aph.sign", lang),
        L.signatures([t("aph.sign.nurse", lang), t("aph.sign.doctor", lang)], lang),
    )
    return story


def _protocol_pre_apheresis(data: ChecklistInput, lang: str) -> list[Flowable]:
    """Issue 13: the protocol's marker tests, the washout confirmation and the mobilisation day sheet."""
    from atmp_desktop.domain.messages import event_name

    pw, profile = data.pathway, data.profile
    aph = pw.first("apheresis")
    assert aph is not None
    story: list[Flowable] = []
    markers = profile.rule("marker_tests")
    if markers.known:
        within = markers.value.get("within_days")
        note = (t("aph.markers.window", lang, days=within,
                  first=day_text(aph.first_day(data.tz) - timedelta(days=within), lang))
                if within is not None else t("aph.markers.nowindow", lang))
        rows = [[name, "", "", ""] for name in markers.value["markers"]]
        story += L.section(
            t("aph.markers", lang), L.note(note), Spacer(0, 1 * mm),
            L.grid([t("test", lang), t("date_taken", lang), t("result", lang), t("sign", lang)], rows,
                   [30 * mm, 40 * mm, FRAME_W - 30 * mm - 40 * mm - L.SIGN_W, L.SIGN_W]),
        )
    washouts = profile.rule("washouts")
    items: list = []
    for w in pw.washouts:
        step = pw.first(w.before)
        if step is None:
            continue
        items.append(P(t("aph.protocol_washout.given", lang, drug=w.drug, last=day_text(w.last_dose, lang),
                         days=(step.first_day(data.tz) - w.last_dose).days, step=event_name(w.before, lang))))
    recorded = {(w.drug.casefold(), w.before) for w in pw.washouts}
    for r in (washouts.value if washouts.known else ()):
        step = pw.first(r["before"])
        if step is None or (str(r["drug"]).casefold(), r["before"]) in recorded:
            continue
        by = step.first_day(data.tz) - timedelta(days=int(r["min_days"]))
        items.append(P(t("aph.protocol_washout.rule", lang, drug=r["drug"], days=r["min_days"],
                         step=event_name(r["before"], lang), by=day_text(by, lang))))
    if items:
        story += L.section(
            t("aph.protocol_washout", lang), L.checks(items, lang),
            L.note(t("aph.protocol_washout.source", lang, source=", ".join(washouts.sources) or "—")),
        )
    mob = profile.rule("mobilisation")
    if mob.known and pw.of("mobilisation"):
        collect = {a.first_day(data.tz) for a in pw.of("apheresis")}
        rows = []
        for course in pw.of("mobilisation"):
            day = course.first_day(data.tz)
            while day <= course.last_day(data.tz):
                key = "mob.collect" if day in collect else "mob.mobilise"
                rows.append([day_text(day, lang), t(key, lang, cycle=course.extra.get("cycle", 1)), "", ""])
                day += timedelta(days=1)
        notes = [L.note(t("mob.agents", lang, agents=mob.value.get("agents") or unknown(lang)))]
        if mob.value.get("target_cd34_per_kg") is not None:
            notes.append(L.note(t("mob.target", lang, target=mob.value["target_cd34_per_kg"])))
        story += L.section(
            t("mob.sheet", lang), *notes, Spacer(0, 1 * mm),
            L.grid([t("mob.day", lang), t("mob.what", lang), t("mob.given", lang), t("sign", lang)], rows,
                   [32 * mm, FRAME_W - 32 * mm - 40 * mm - L.SIGN_W, 40 * mm, L.SIGN_W]),
        )
    return story


# -- product receipt (checklists.md section 4) ---------------------------------------------


def product_receipt(data: ChecklistInput, lang: str) -> list[Flowable]:
    pw, profile = data.pathway, data.profile
    rec = pw.first("product_receipt")
    assert rec is not None
    story = _common_top(data, lang)
    limit = profile.value("storage_max_c")
    shelf = profile.value("shelf_life_months")
    hold = rec.shipper_hold_until
    rows = [
        (t("rec.actual" if rec.happened else "rec.planned", lang), when_text(rec.when, data, lang)),
        (t("rec.hold", lang), when_text(hold, data, lang))
        if hold
        else (t("rec.hold", lang) + "\n" + t("rec.hold.unknown", lang), None),
        (t("rec.storage_max", lang), f"{_minus(limit)} °C" if limit is not None else P(unknown(lang), "cellbold")),
        (
            t("rec.shelf_life", lang),
            t("rec.months", lang, n=shelf) if shelf is not None else P(unknown(lang), "cellbold"),
        ),
        (t("rec.expiry", lang), pw.product_expiry.isoformat() if pw.product_expiry else None),
    ]
    story += L.section(t("rec.expected", lang), L.fields(rows))

    # The expected COI is printed beside the label; the box is left to copy what the cassette says.
    coi_label = t("rec.coi_id", lang)
    if data.coi_id:
        coi_label += "\n" + t("rec.coi_expected", lang, coi=data.coi_id)
    coi_table = L.fields(
        [
            (coi_label, None),
            (t("rec.order", lang), None),
            (t("rec.din_bag", lang), None),
            (t("rec.din_cassette", lang), None),
            (t("rec.bags", lang), None),
        ]
    )
    story += L.section(
        t("rec.coi", lang),
        coi_table,
        Spacer(0, 1.5 * mm),
        L.questions([t("rec.cert", lang)], lang),
    )

    inspection = [t("rec.alarm", lang), t("rec.seal", lang), t("rec.condition", lang), t("rec.cracks", lang)]
    story += L.section(t("rec.inspection", lang), L.questions(inspection, lang))
    extra = []
    if profile.product_id == "kymriah":
        extra.append(t("rec.kymriah_dewar", lang))
    if profile.product_id == "abecma":
        extra.append(t("rec.abecma_rfic", lang))
    if extra:
        story += [Spacer(0, 1.5 * mm), L.checks(extra, lang)]

    stored_hint = (
        t("rec.stored_before", lang, hold=when_text(hold, data, lang)) if hold else t("rec.stored_before_hold", lang)
    )
    temp_hint = t("rec.storage_limit", lang, limit=_minus(limit)) if limit is not None else unknown(lang)
    story += L.section(
        t("rec.times", lang),
        L.grid(
            ["", t("rec.col.value", lang), t("rec.col.limit", lang)],
            [
                [P(t("rec.time_received", lang), "cell"), "", ""],
                [P(t("rec.time_stored", lang), "cell"), "", P(stored_hint, "cell")],
                [P(t("rec.storage_temp", lang), "cell"), "", P(temp_hint, "cell")],
                [P(t("rec.location", lang), "cell"), "", ""],
            ],
            [62 * mm, 55 * mm, FRAME_W - 117 * mm],
        ),
        Spacer(0, 1.5 * mm),
        L.checks(
            [
                t("rec.store_anyway", lang, limit=_minus(limit)) if limit is not None else t("rec.store_unknown", lang),
            ]
            + ([t("rec.traceability", lang)] if profile.product_id in TRACEABILITY_30Y else []),
            lang,
        ),
    )
    story += L.section(
        t("rec.sign", lang),
        L.signatures([t("rec.sign.confirmer", lang), t("rec.sign.verifier", lang)], lang),
        Spacer(0, 1.5 * mm),
        L.note(t("rec.source", lang)),
    )
    return story


def _minus(value) -> str:
    """Temperatures with a real minus sign: −120, not -120."""
    return str(value).replace("-", "−")


# -- pre-lymphodepletion (checklists.md section 2) ---------------------------------------


def pre_lymphodepletion(data: ChecklistInput, lang: str) -> list[Flowable]:
    pw, profile = data.pathway, data.profile
    story = _common_top(data, lang)
    pid = profile.product_id
    rec = pw.first("product_receipt")
    if rec is None:
        status = t("ld.no_receipt", lang)
    elif rec.happened:
        status = t("ld.received_at", lang, when=when_text(rec.when, data, lang))
    else:
        status = t("ld.receipt_planned", lang, when=when_text(rec.when, data, lang))
    story += L.section(
        t("ld.available", lang),
        P(status, "bold"),
        Spacer(0, 1.5 * mm),
        L.checks([t("ld.available.check", lang)], lang),
    )

    sched = M.ld_schedule(data)
    pat = data.patient
    bsa_rows = [
        (t("ld.weight", lang), number(pat.weight_kg, lang) if pat.weight_kg else None),
        (t("ld.height", lang), number(pat.height_cm, lang) if pat.height_cm else None),
        (
            t("ld.bsa_value", lang),
            t(
                "ld.formula_worked",
                lang,
                h=number(pat.height_cm, lang),
                w=number(pat.weight_kg, lang),
                bsa=bsa_text(sched.bsa, lang),
            )
            if sched.bsa is not None
            else None,
        ),
    ]
    bsa_parts: list[Flowable] = [L.fields(bsa_rows, cols=1), Spacer(0, 1 * mm), L.note(t("ld.formula", lang))]
    if sched.bsa is None:
        bsa_parts.append(P(t("ld.no_bsa", lang), "bold"))
    bsa_parts += [Spacer(0, 1.5 * mm), L.checks([t("ld.recheck", lang)], lang)]
    story += L.section(t("ld.bsa", lang), *bsa_parts)

    # The regimen, with each drug's dose for this patient.
    if sched.regimen is None:
        story += L.section(t("ld.regimen", lang), P(t("ld.regimen_unknown", lang), "bold"))
    else:
        rule = profile.indication(pw.indication).lymphodepletion
        rows = []
        for drug, mg_m2, mg, on in sched.drugs:
            rows.append(
                [
                    P(drug_name(drug, lang), "cellbold"),
                    f"{number(mg_m2, lang)} {'mg/kg' if isinstance(mg_m2, M.PerKg) else 'mg/m²'}",
                    P(f"{number(mg, lang)} mg" if mg is not None else "______ mg", "cellbold"),
                    ", ".join(str(i) for i in on),
                ]
            )
        parts: list[Flowable] = [P(B(regimen_name(sched.regimen, lang)), "body", markup=True)]
        if lang != "en":
            parts.append(L.note(t("label_text", lang, text=sched.regimen.name)))
        parts += [
            L.note(
                t("source", lang, sources=", ".join(rule.sources) or "–") + " · " + confidence(rule.confidence, lang)
            ),
            Spacer(0, 1.5 * mm),
            L.grid(
                [t("ld.drug", lang), t("ld.dose_label", lang), t("ld.dose_patient", lang), t("ld.course_days", lang)],
                rows,
                [50 * mm, 40 * mm, 50 * mm, FRAME_W - 140 * mm],
                row_h=None,
            ),
        ]
        if sched.other_regimens:
            parts += [
                Spacer(0, 1 * mm),
                L.note(
                    t("ld.also_allowed", lang, names="; ".join(regimen_name(r, lang) for r in sched.other_regimens))
                ),
            ]
        story += L.section(t("ld.regimen", lang), *parts)

    # One row per planned LD day, with its label day number and what is given.
    rows = []
    for d in sched.days:
        if d.doses:
            given = "; ".join(
                f"{drug_name(x.drug, lang)} {number(x.dose_mg, lang) + ' mg' if x.dose_mg is not None else '______ mg'}"
                for x in d.doses
            )
        else:
            given = t("ld.nothing", lang) if sched.regimen is not None else unknown(lang)
        rows.append(
            [day_text(d.day, lang), P(B(label_day(d.label_day)), "cell", markup=True), P(given, "cell"), "", ""]
        )
    day_parts: list[Flowable] = [
        KeepTogether(
            [
                L.grid(
                    [t("date", lang), t("day", lang), t("ld.doses", lang), t("ld.given", lang), t("sign", lang)],
                    rows,
                    [36 * mm, 14 * mm, FRAME_W - 36 * mm - 14 * mm - 26 * mm - L.SIGN_W, 26 * mm, L.SIGN_W],
                    row_h=12 * mm,
                ),
                L.note(t("ld.day_numbers", lang)),
            ]
        )
    ]
    if sched.unplanned_course_days:
        day_parts.append(P(t("ld.unplanned", lang, days=", ".join(map(str, sched.unplanned_course_days))), "bold"))
    story += L.section(t("ld.days", lang), *day_parts)

    # Day 0 and the label's window.
    d0 = pw.infusion_day()
    gap = profile.indication(pw.indication).infusion_gap
    window = M.ld_window(data)
    if window is None:
        window_text = t("ld.window_unknown", lang)
    else:
        lo, hi, _end = window
        wording = gap.extra.get("label_wording", "")
        window_text = (
            t("ld.window_value", lang, lo=day_text(lo, lang), hi=day_text(hi, lang), wording=wording)
            if hi
            else t("ld.window_open", lang, lo=day_text(lo, lang), wording=wording)
        )
    story += L.section(
        t("ld.infusion", lang),
        L.fields(
            [
                (t("ld.day0", lang), day_text(d0, lang) if d0 else t("not_planned", lang)),
                (t("ld.window", lang), P(window_text, "cell")),
            ]
        ),
    )

    # Before the first dose: vaccines, blood products and the product's own items.
    items = []
    ld = pw.first("lymphodepletion")
    if ld is not None:
        items.append(t("ld.vaccines", lang, day=day_text(ld.first_day(data.tz) - timedelta(days=42), lang)))
    if M.uses_fludarabine(data):
        items.append(t("ld.irradiated", lang))
    if pid in ("breyanzi", "abecma", "carvykti"):
        items.append(t("ld.renal", lang))
    if pid == "kymriah":
        items.append(t("ld.kymriah_omit", lang))
    if pid == "carvykti":
        items.append(t("ld.carvykti_delay", lang))
    if pid == "aucatzyl" and ld is not None:
        items.append(t("ld.aucatzyl_blasts", lang, day=day_text(ld.first_day(data.tz) - timedelta(days=7), lang)))
    story += L.section(t("ld.delay", lang), L.checks(items, lang))
    story += L.section(
        t("ld.sign", lang),
        L.signatures([t("ld.sign.doctor", lang), t("ld.sign.pharmacist", lang)], lang),
    )
    return story


# -- pre-infusion (checklists.md section 3 and 6) -------------------------------------------


def pre_infusion(data: ChecklistInput, lang: str) -> list[Flowable]:
    pairs = M.infusion_thaws(data.pathway)
    story = _common_top(data, lang)
    for n, (inf, thaw) in enumerate(pairs, start=1):
        assert thaw is not None  # model.require checked it
        if n > 1:
            story.append(PageBreak())
        story += _one_infusion(data, lang, inf, thaw, n, len(pairs))
    return story


def _one_infusion(data: ChecklistInput, lang: str, inf: Event, thaw: Event, n: int, total: int) -> list[Flowable]:
    profile, pw = data.profile, data.pathway
    pid = profile.product_id
    story: list[Flowable] = []
    if total > 1:
        story += [P(B(t("inf.dose", lang, n=n, total=total)), "heading", markup=True), Spacer(0, 2 * mm)]

    # The times: planned thaw (or removal from storage), the limit and "infuse by".
    by = M.infuse_by(data, thaw)
    counts_from = by.counts_from or "thaw_start"
    if counts_from == "removal_from_storage":
        start_label = t("inf.removal_actual" if thaw.happened else "inf.removal_planned", lang)
    else:
        start_label = t("inf.thaw_actual" if thaw.happened else "inf.thaw_planned", lang)
    rows = [(start_label, when_text(thaw.when, data, lang))]
    if counts_from == "thaw_end":
        rows.append(
            (
                t("inf.thaw_end", lang),
                when_text(thaw.until, data, lang) if thaw.until else P(t("inf.no_thaw_end", lang), "cell"),
            )
        )
    rows.append(
        (
            t("inf.limit", lang),
            t(f"inf.limit.{by.counts_from}", lang, n=by.limit_minutes)
            if by.limit_minutes is not None
            else P(unknown(lang), "cellbold"),
        )
    )
    inf_text = when_text(inf.when, data, lang)
    if isinstance(inf.until, datetime):
        inf_text += f" – {clock(inf.until, data)}"
    rows.append((t("inf.infusion_actual" if inf.happened else "inf.infusion_planned", lang), inf_text))
    story += L.section(t("inf.timing", lang), L.fields(rows))
    story.append(Spacer(0, 2.5 * mm))
    if by.infuse_by is not None:
        value = clock(by.infuse_by, data)
        local = by.infuse_by.astimezone(data.tz)
        story.append(
            L.key_box(
                t("inf.infuse_by", lang),
                value,
                day_text(local.date(), lang),
                t("inf.infuse_by_note", lang, origin=t(f"inf.origin.{counts_from}", lang)),
            )
        )
    else:
        story.append(L.key_box(t("inf.infuse_by", lang), "?", unknown(lang)))
    start_rule = profile.rule("infusion_start_limit")
    extra_rows: list = [(t("inf.new_infuse_by", lang), None)]
    story += [Spacer(0, 2 * mm), L.fields(extra_rows)]
    if start_rule.known:
        src = ", ".join(start_rule.sources) or "–"
        story += [
            Spacer(0, 1.5 * mm),
            L.checks([t("inf.start_limit", lang, n=start_rule.value["minutes"], source=src)], lang),
        ]

    # Before thaw: reasons to delay, the LD window, tocilizumab, premedication.
    items: list = []
    reasons = DELAY_REASONS.get(pid)
    if reasons:
        listed, src = reasons
        text = t("inf.delay", lang) + "<br/>" + "<br/>".join(f"– {pick(r, lang)}" for r in listed)
        items.append(
            P(
                text + f'<br/><font size="8.5" color="#555555">{t("source", lang, sources=pick(src, lang))}</font>',
                markup=True,
            )
        )
    else:
        items.append(t("inf.delay.unknown", lang))
    window = M.ld_window(data)
    if window is not None and n == 1:
        lo, hi, end = window
        gap = profile.indication(pw.indication).infusion_gap.value
        allowed = (
            t("inf.window.allowed", lang, lo=gap["min"], hi=gap["max"])
            if gap["max"] is not None
            else t("inf.window.open", lang, lo=gap["min"])
        )
        day = inf.first_day(data.tz)
        text = t(
            "inf.window",
            lang,
            ld_end=day_text(end, lang),
            day=day_text(day, lang),
            gap=(day - end).days,
            allowed=allowed,
        )
        if pid in REPEAT_LD:
            text += " " + t("inf.repeat_ld", lang, text=pick(REPEAT_LD[pid], lang))
        items.append(text)
    elif n == 1:
        items.append(t("inf.window.unknown", lang))
    toc = profile.rule("tocilizumab_doses")
    toc_text = (
        t("inf.tocilizumab", lang, n=toc.value, region=profile.region)
        if toc.known
        else t("inf.tocilizumab.unknown", lang, region=profile.region)
    )
    if pw.tocilizumab_doses is not None:
        toc_text += " " + t("inf.tocilizumab.recorded", lang, n=pw.tocilizumab_doses)
    items.append(toc_text)
    story += L.section(
        t("inf.before", lang),
        L.checks(items, lang),
        Spacer(0, 1.5 * mm),
        L.fields([(t("inf.tocilizumab.count", lang), None)]),
    )

    premed = profile.rule("premedication")
    premed_parts: list[Flowable] = []
    if premed.known:
        premed_parts.append(P(t("label_text", lang, text=premed.value["text"])))
        window_pm = M.premedication_window(data, inf)
        if window_pm is not None:
            premed_parts.append(
                P(
                    B(
                        t(
                            "inf.premed.window",
                            lang,
                            start=clock(window_pm[0], data),
                            end=clock(window_pm[1], data),
                            lo=premed.value["minutes_before_min"],
                            hi=premed.value["minutes_before_max"],
                            inf=clock(inf.when, data),
                        )
                    ),
                    "body",
                    markup=True,
                )
            )
        else:
            premed_parts.append(P(t("inf.premed.nowindow", lang), "bold"))
    else:
        premed_parts.append(P(t("inf.premed.unknown", lang), "bold"))
    premed_parts += [Spacer(0, 1.5 * mm), L.fields([(t("inf.premed.given", lang), None)])]
    story += L.section(t("inf.premed", lang), *premed_parts)

    # Section 6: the two-person chain-of-identity check.
    coi = t("inf.coi.expected", lang, coi=data.coi_id) if data.coi_id else ""
    story += L.section(
        t("inf.coi", lang),
        L.checks(
            [
                t("inf.coi.patient", lang),
                t("inf.coi.ids", lang, coi=coi),
                t("inf.coi.count", lang),
                t("inf.coi.integrity", lang),
            ],
            lang,
        ),
        Spacer(0, 1.5 * mm),
        L.alert(t("inf.coi.stop", lang)),
    )
    handling = HANDLING.get(pid)
    if handling:
        story += L.section(t("inf.handling", lang), L.checks([pick(h, lang) for h in handling], lang))

    # Actual times, one row per bag.
    first_col = "inf.col.removal" if counts_from == "removal_from_storage" else "inf.col.thaw_start"
    bag_w = 16 * mm
    col = (FRAME_W - bag_w - L.SIGN_W) / 4
    bag_parts: list[Flowable] = [
        L.grid(
            [
                t("inf.bag", lang),
                t(first_col, lang),
                t("inf.col.thaw_end", lang),
                t("inf.col.infusion_start", lang),
                t("inf.col.infusion_end", lang),
                t("sign", lang),
            ],
            [[str(i), "", "", "", "", ""] for i in range(1, 4)],
            [bag_w, col, col, col, col, L.SIGN_W],
        )
    ]
    if pid in PER_BAG_LIMIT:
        bag_parts += [
            Spacer(0, 1 * mm),
            P(B(t("inf.per_bag", lang, origin=t(f"inf.origin.{counts_from}", lang))), "body", markup=True),
        ]
    story += L.section(t("inf.record", lang), *bag_parts)
    story += L.section(
        t("inf.vitals", lang),
        L.fields(
            [
                (t("mon.temp", lang), None),
                (t("mon.bp", lang), None),
                (t("mon.pulse", lang), None),
                (t("mon.spo2", lang), None),
            ],
            label_w=30 * mm,
            cols=2,
        ),
    )
    story += L.section(
        t("inf.sign", lang),
        L.signatures([t("inf.sign.first", lang), t("inf.sign.second", lang)], lang),
    )
    return story


# -- monitoring -----------------------------------------------------------------------


def monitoring(data: ChecklistInput, lang: str) -> list[Flowable]:
    story = _common_top(data, lang)
    d0 = data.pathway.infusion_day()
    label = M.daily_monitoring(data)
    near = M.stay_near_centre(data)
    rows = [
        (t("mon.day0", lang), day_text(d0, lang)),
        (
            t("mon.label_period", lang),
            t("mon.label_value", lang, n=label.days, until=day_text(label.until, lang))
            if label.days is not None
            else P(unknown(lang), "cellbold"),
        ),
        (t("mon.stay_near", lang), _period_cell(near, lang)),
    ]
    story += L.section(t("mon.summary", lang), L.fields(rows))

    days = M.monitoring_days(data)
    rows = []
    for day, n in days:
        rows.append(
            [P(B(label_day(n)), "cell", markup=True), P(day_text(day, lang), "cell"), "", "", "", "", "", "", "", ""]
        )
    widths = [12 * mm, 39 * mm, 16 * mm, 20 * mm, 14 * mm, 14 * mm, 16 * mm, 14 * mm, 17 * mm]
    widths.append(FRAME_W - sum(widths))
    story += L.section(
        t("mon.sheet", lang, last=days[-1][1]),
        L.grid(
            [
                t("day", lang),
                t("date", lang),
                t("mon.temp", lang),
                t("mon.bp", lang),
                t("mon.pulse", lang),
                t("mon.spo2", lang),
                t("mon.crs", lang),
                t("mon.ice", lang),
                t("mon.icans", lang),
                t("sign", lang),
            ],
            rows,
            widths,
            row_h=11 * mm,
        ),
    )
    ice = [
        ("mon.ice.orientation", 4),
        ("mon.ice.naming", 3),
        ("mon.ice.commands", 1),
        ("mon.ice.writing", 1),
        ("mon.ice.attention", 1),
    ]
    story += L.section(
        t("mon.ice_title", lang),
        L.grid(
            None,
            [[P(t(k, lang), "cell"), P(t("mon.points", lang, n=p), "cellbold")] for k, p in ice],
            [FRAME_W - 25 * mm, 25 * mm],
            row_h=None,
        ),
        Spacer(0, 1.5 * mm),
        L.note(t("mon.grading", lang)),
    )
    return story


def _period_cell(period: M.Period, lang: str):
    if period.until is None:
        return P(unknown(lang), "cellbold")
    text = day_text(period.until, lang)
    if period.source == "assumption":
        return P(f"{B(text)}<br/>{t('assumed_note', lang)}", "cell", markup=True)
    return text


# -- discharge (checklists.md section 5) --------------------------------------------------


def discharge(data: ChecklistInput, lang: str) -> list[Flowable]:
    pw, profile = data.pathway, data.profile
    story = _common_top(data, lang)
    d0 = pw.infusion_day()
    story += L.section(
        t("dis.treatment", lang),
        P(t("dis.received", lang, product=f"{profile.name} ({profile.generic})", day=day_text(d0, lang)), "plain"),
    )

    near, drive = M.stay_near_centre(data), M.no_driving(data)
    story += L.section(
        t("dis.important", lang),
        _date_box(t("dis.stay_near", lang, site=data.site_name), near, t("dis.stay_near.plain", lang), lang),
        Spacer(0, 2 * mm),
        _date_box(t("dis.no_driving", lang), drive, t("dis.no_driving.plain", lang), lang),
    )

    phone = data.site_phone
    story += L.section(
        t("dis.call", lang),
        L.fields([(f"{t('dis.call.phone', lang)} – {data.site_name}", phone)], label_w=85 * mm),
        Spacer(0, 1.5 * mm),
        P(B(t("dis.call.when", lang)), "plain", markup=True),
        P(t("dis.call.emergency", lang), "plain"),
    )
    signs = [
        "dis.sign.fever",
        "dis.sign.dizzy",
        "dis.sign.breath",
        "dis.sign.confusion",
        "dis.sign.shaking",
        "dis.sign.infection",
    ]
    story += L.section(
        t("dis.signs", lang),
        *L.bullets([t(k, lang) for k in signs]),
        Spacer(0, 1 * mm),
        L.note(t("dis.signs.source", lang)),
    )

    remember = [t("dis.card", lang), t("dis.donate", lang)]
    daily = M.daily_monitoring(data)
    if daily.days is not None:
        remember.append(t("dis.daily", lang, n=daily.days, until=day_text(daily.until, lang)))
    if profile.product_id in TEMPERATURE_TWICE_DAILY:
        remember.append(t("dis.temperature", lang))
    remember += [t("dis.hiv", lang), t("dis.long_term", lang)]
    follow = pw.first("follow_up")
    remember.append(
        t("dis.follow_up", lang, day=day_text(follow.first_day(data.tz), lang))
        if follow
        else t("dis.follow_up.none", lang)
    )
    story += L.section(t("dis.remember", lang), *L.bullets(remember))
    story += L.section(
        t("dis.sign", lang),
        L.signatures([t("dis.sign.nurse", lang), t("dis.sign.patient", lang)], lang),
    )
    return story


def _date_box(label: str, period: M.Period, plain: str, lang: str) -> Flowable:
    if period.until is None:
        rows = [(label, None)]
        table = L.fields(rows, label_w=85 * mm)
        return KeepTogether([table, Spacer(0, 1 * mm), P(plain + " " + t("dis.ask", lang))])
    value = day_text(period.until, lang)
    cell = P(B(value), "plainbold", markup=True)
    if period.source == "assumption":
        cell = P(f'{B(value)}<br/><font size="9">{t("dis.centre_rule", lang)}</font>', "plainbold", markup=True)
    return KeepTogether([L.fields([(label, cell)], label_w=85 * mm), Spacer(0, 1 * mm), P(plain)])


RENDERERS: dict[str, Callable[[ChecklistInput, str], list[Flowable]]] = {
    "pre-apheresis": pre_apheresis,
    "product-receipt": product_receipt,
    "pre-lymphodepletion": pre_lymphodepletion,
    "pre-infusion": pre_infusion,
    "monitoring": monitoring,
    "discharge": discharge,
}
