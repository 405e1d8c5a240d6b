"""``products`` and ``plan``: the product catalogue and planning from its rules, no store needed.

``plan --earliest`` and ``plan --site`` plan with a stored site's calendar and
capacity instead; they are in :mod:`atmp_desktop.cli.capacity`.
"""

from __future__ import annotations

import argparse
from typing import Any

from atmp_desktop.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    UserError,
    date_arg,
    lang_option,
    out_json,
    print_findings,
    print_pathway,
    region_arg,
    table,
    user_option,
)
from atmp_desktop.domain.catalogue import CatalogueError, ProductProfile, shipped_catalogue
from atmp_desktop.domain.planner import PlanningError, PlanRequest, Planner


def register(sub: Any) -> None:
    """Add ``products`` and ``plan`` to the command line."""
    p = sub.add_parser("products", help="list the product catalogue and its rules; add, approve or export "
                                         "a local product profile")
    p.add_argument("action", nargs="?", choices=("add", "export", "approve", "pending"),
                   help="add FILE (a local profile, pending until approved), approve PRODUCT VERSION "
                        "(the second person), export PRODUCT [VERSION], pending (waiting for approval)")
    p.add_argument("arguments", nargs="*", metavar="ARG")
    p.add_argument("--reason", help="why this version (add) or the approval's note (approve)")
    p.add_argument("--out", metavar="FILE", help="export: write to FILE instead of standard output")
    p.add_argument("--region", type=region_arg, default="EU", help="EU (default) or US")
    p.add_argument("--json", action="store_true", help="every rule with its source and confidence, as JSON")
    user_option(p)
    p.set_defaults(func=cmd_products)

    p = sub.add_parser("plan", help="plan a pathway from an apheresis date or a target infusion date")
    p.add_argument("--product", required=True)
    p.add_argument("--indication")
    p.add_argument("--region", type=region_arg, default="EU")
    p.add_argument("--ld-regimen", dest="ld_regimen", help="lymphodepletion regimen id (default: the label's first)")
    p.add_argument("--conditioning-days", dest="conditioning_days", type=int, metavar="N",
                   help="conditioning days from the centre's protocol, for a product whose label gives none")
    p.add_argument("--cycles", dest="apheresis_cycles", type=int, default=1, metavar="N",
                   help="mobilisation and apheresis cycles (products with mobilisation)")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--apheresis", type=date_arg, metavar="YYYY-MM-DD", help="fixed apheresis date (plan forward)")
    when.add_argument("--infusion", type=date_arg, metavar="YYYY-MM-DD", help="target infusion date (plan backward)")
    p.add_argument("--earliest", action="store_true",
                   help="the earliest plan from --apheresis that fits the label, the site's calendar and the "
                        "store's capacity, saying what pushed it later")
    p.add_argument("--site", metavar="ID",
                   help="plan at this stored site (its calendar and capacity); needed with --earliest when "
                        "the store has several sites")
    p.add_argument("--json", action="store_true", help="print the pathway document with its findings")
    lang_option(p)
    p.set_defaults(func=cmd_plan)


# -- products ---------------------------------------------------------------------


def _rule_json(rule) -> dict[str, Any]:
    out = {"value": rule.value, "source": list(rule.sources), "confidence": rule.confidence}
    if rule.note:
        out["note"] = rule.note
    out.update(rule.extra)
    return out


def profile_json(p: ProductProfile) -> dict[str, Any]:
    return {
        "id": p.product_id,
        "name": p.name,
        "generic": p.generic,
        "manufacturer": p.manufacturer,
        "region": p.region,
        "label": p.label,
        "default_indication": p.default_indication,
        "indications": [
            {
                "id": ind.id,
                "name": ind.name("en"),
                "lymphodepletion": _rule_json(ind.lymphodepletion),
                "infusion_gap": _rule_json(ind.infusion_gap),
            }
            for ind in p.indications.values()
        ],
        "rules": {name: _rule_json(rule) for name, rule in p.rules.items()},
    }


def _show(value: Any, unit: str = "") -> str:
    return "unknown" if value is None else f"{value}{unit}"


def cmd_products(args: argparse.Namespace) -> int:
    if args.action:
        from atmp_desktop.cli.local_profiles import cmd_local

        return cmd_local(args)
    cat = shipped_catalogue()
    profiles = [cat.profile(pid, args.region) for pid in cat.product_ids]
    if args.json:
        out_json({"region": args.region, "products": [profile_json(p) for p in profiles]})
        return EXIT_OK
    rows = [("product", "indication", "LD → infusion (calendar days)", "thaw limit", "storage", "tocilizumab")]
    for p in profiles:
        thaw = p.rule("thaw_limit").value
        for ind in p.indications.values():
            gap = ind.infusion_gap.value
            gap_text = "unknown" if gap is None else f"{gap['min']}–{gap['max'] if gap['max'] is not None else '?'}"
            rows.append((
                p.name, ind.id, gap_text,
                "unknown" if thaw is None else f"{thaw['minutes']} min",
                "unknown" if p.value("storage_max_c") is None else f"≤ {p.value('storage_max_c')} °C",
                _show(p.value("tocilizumab_doses"), " dose(s)"),
            ))
    print(f"Product rules, region {args.region} (sources: atmp-desktop products --json)")
    table(rows)
    return EXIT_OK


# -- plan -------------------------------------------------------------------------


def cmd_plan(args: argparse.Namespace) -> int:
    if args.earliest or args.site is not None:
        from atmp_desktop.cli.capacity import cmd_plan_at_site

        return cmd_plan_at_site(args)  # the store's site calendar and capacity
    request = PlanRequest(
        product=args.product,
        indication=args.indication,
        region=args.region,
        apheresis=args.apheresis,
        infusion=args.infusion,
        ld_regimen=args.ld_regimen,
        conditioning_days=args.conditioning_days,
        apheresis_cycles=args.apheresis_cycles,
    )
    try:
        plan = Planner().plan(request)
    except (PlanningError, CatalogueError) as exc:
        raise UserError(str(exc)) from None
    if args.json:
        out_json(plan.to_document(args.lang))
    else:
        p = plan.profile
        ind = p.indication(plan.pathway.indication)
        print(f"{p.name} ({p.generic}) — {ind.name(args.lang)} — region {p.region}")
        print_pathway(plan.pathway, args.lang)
        print(f"Stay near the centre until {plan.stay_near_centre_until}; no driving until {plan.no_driving_until}.")
        print()
        print_findings(plan.findings, args.lang)
    return EXIT_FINDINGS if plan.has_error else EXIT_OK
