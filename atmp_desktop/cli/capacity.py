"""Capacity on the command line: ``plan --site/--earliest`` over the store, and ``replan``.

``plan … --apheresis DATE --earliest [--site ID]`` searches the earliest plan
that fits the label, the site's calendar and the store's capacity, and says
what pushed it later. The site is the one named with ``--site``; a store
with a single site needs none, but with several the command refuses to guess
(planning at the wrong centre would look plausible and be wrong). ``--site``
without ``--earliest`` plans the dates asked with the site's calendar and
habits and reports the ``CAPACITY`` findings the plan would cause.

``replan --pathway ID --event KIND --shift DAYS`` prints the proposal (each
event before and after, the findings that appear, disappear or remain)
without saving anything; with ``--apply --reason TEXT`` a coordinator
(``--user``/``ATMP_USER``, password from ``ATMP_PASSWORD`` or the terminal)
saves it as the pathway's next version, in one audited transaction.

Exit codes as everywhere: 0, 1 when the plan or the proposal carries an
``error`` finding, 2 bad input or a refusal (one line; nothing changed).
"""

from __future__ import annotations

import argparse
from typing import Any

from atmp_desktop.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    UserError,
    credentials,
    date_arg,
    lang_option,
    open_services,
    out_json,
    print_findings,
    print_pathway,
    refusals,
)


def register(sub: Any) -> None:
    """Add ``replan`` (``plan --earliest/--site`` are options of ``plan``, see :func:`cmd_plan_at_site`)."""
    from atmp_desktop.domain.replan import CHANGE_KINDS

    p = sub.add_parser(
        "replan",
        help="propose moving a stored pathway's event (saved only with --apply and a reason)",
        description="Propose the revised pathway when an event moves: what changes and which findings "
                    "appear or disappear. Nothing is saved unless --apply is given with a reason.",
    )
    p.add_argument("--pathway", metavar="ID", type=int, required=True)
    p.add_argument("--event", required=True, choices=CHANGE_KINDS,
                   help="what moved (manufacturing: the release; lymphodepletion: patient not fit; "
                        "remanufacture: a new run SHIFT days after the first ended)")
    p.add_argument("--shift", metavar="DAYS", type=int, required=True,
                   help="days later (negative: earlier)")
    p.add_argument("--apply", action="store_true", help="save the proposal (a coordinator; needs --reason)")
    p.add_argument("--reason", metavar="TEXT", help="why (kept in the audit trail; required with --apply)")
    p.add_argument("--suggestion", metavar="N", type=int,
                   help="with --apply: save suggestion N of the proposal instead (e.g. a repeat lymphodepletion)")
    p.add_argument("--expected-version", dest="expected_version", type=int, metavar="N",
                   help="refuse if the pathway is no longer at this version (default: the current one)")
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD",
                   help="the day a suggested repeat course may start from (default: today at the site)")
    p.add_argument("--user", metavar="NAME",
                   help="with --apply: act as this user (default: ATMP_USER); password from ATMP_PASSWORD "
                        "or the terminal")
    p.add_argument("--json", action="store_true", help="the proposal as JSON (with the revised pathway document)")
    lang_option(p)
    p.set_defaults(func=cmd_replan)


# -- plan at a site ------------------------------------------------------------------------


def _choose_site(svc, wanted: str | None) -> str:
    if wanted is not None:
        return svc.sites.get(wanted).id  # NotFound names the known sites
    sites = svc.sites.list()
    if not sites:
        raise UserError("the store has no sites yet; add one in the application first")
    if len(sites) > 1:
        raise UserError(
            f"the store has {len(sites)} sites ({', '.join(sorted(s.id for s in sites))}); name one with --site ID")
    return sites[0].id


@refusals
def cmd_plan_at_site(args: argparse.Namespace) -> int:
    """``plan --earliest`` / ``plan --site``: plan with a stored site's calendar and capacity."""
    from atmp_desktop.domain.findings import sort_findings
    from atmp_desktop.domain.planner import PlanRequest
    from atmp_desktop.services.capacity import CapacityService

    if args.earliest and args.apheresis is None:
        raise UserError("--earliest searches forward from the earliest apheresis date: give --apheresis, "
                        "not --infusion")
    request = PlanRequest(
        product=args.product, indication=args.indication, region=args.region,
        apheresis=args.apheresis, infusion=args.infusion, ld_regimen=args.ld_regimen,
        # products beyond CAR-T: as plan without --site (busulfan days, mobilisation cycles)
        apheresis_cycles=getattr(args, "apheresis_cycles", 1) or 1,
        conditioning_days=getattr(args, "conditioning_days", None),
    )
    svc = open_services(args)
    with svc.store:
        site_id = _choose_site(svc, args.site)
        site = svc.sites.get(site_id)
        capacity = CapacityService(svc)
        earliest = None
        if args.earliest:
            earliest = capacity.earliest(request, site_id, args.lang)
            plan = earliest.plan
            over: list = []
        else:
            plan, over = capacity.plan_at(request, site_id)
            plan.findings = sort_findings([*plan.findings, *over])
    if args.json:
        doc = plan.to_document(args.lang)
        # "site" is part of the document format, so the output still reads back with check --file.
        doc["site"] = site_id
        out_json(doc)
        return EXIT_FINDINGS if plan.has_error else EXIT_OK
    p = plan.profile
    ind = p.indication(plan.pathway.indication)
    print(f"{p.name} ({p.generic}) — {ind.name(args.lang)} — region {p.region}")
    if earliest is not None:
        print(f"Site {site.name} ({site_id}): earliest feasible plan from {earliest.asked}: "
              f"apheresis {earliest.apheresis}, infusion {earliest.infusion}.")
        if earliest.delayed:
            print(f"Later than asked: {earliest.explanation}.")
        else:
            print("Nothing pushed it later: the label, the calendar and capacity allow it as asked.")
    else:
        print(f"Site {site.name} ({site_id}): planned with the site's calendar; capacity checked, not searched "
              f"(add --earliest to search). {len(over)} capacity finding(s).")
    print_pathway(plan.pathway, args.lang)
    print(f"Stay near the centre until {plan.stay_near_centre_until}; no driving until {plan.no_driving_until}.")
    print()
    print_findings(plan.findings, args.lang)
    return EXIT_FINDINGS if plan.has_error else EXIT_OK


# -- replan --------------------------------------------------------------------------------


@refusals
def cmd_replan(args: argparse.Namespace) -> int:
    from atmp_desktop.domain import messages
    from atmp_desktop.services.capacity import CapacityService, change

    if args.apply and not (args.reason and args.reason.strip()):
        raise UserError("--apply needs --reason TEXT (it goes into the audit trail); nothing was changed")
    if not args.apply and (args.suggestion is not None or args.expected_version is not None):
        raise UserError("--suggestion and --expected-version are for --apply; without it nothing is saved")
    if args.suggestion is not None and args.suggestion < 1:
        raise UserError("--suggestion counts from 1")
    what = change(args.event, args.shift, args.reason.strip() if args.reason else None)
    svc = open_services(args, write=args.apply)
    with svc.store:
        if args.apply:
            username, password = credentials(args)
            svc.sign_in(username, password)
        capacity = CapacityService(svc)
        current = svc.pathways.get(args.pathway)
        proposal = capacity.propose_replan(current.id, what, args.today)  # type: ignore[arg-type]
        saved = None
        if args.apply:
            index = None if args.suggestion is None else args.suggestion - 1
            expected = current.version if args.expected_version is None else args.expected_version
            saved = capacity.apply_replan(current.id, proposal, expected, args.reason, suggestion=index)  # type: ignore[arg-type]
    chosen_errors = proposal.has_error
    if saved is not None and args.suggestion is not None:
        chosen_errors = any(f.is_error for f in proposal.suggestions[args.suggestion - 1].findings)
    code = EXIT_FINDINGS if chosen_errors else EXIT_OK
    if args.json:
        out = proposal.to_json(args.lang)
        out["pathway_id"] = current.id
        out["version"] = current.version
        out["applied"] = saved is not None
        if saved is not None:
            out["applied_version"] = saved.version
            out["applied_suggestion"] = args.suggestion
        out_json(out)
        return code
    print(f"Pathway {current.id} ({current.product}, site {current.site}, version {current.version})")
    text = proposal.text(args.lang)
    if saved is not None:
        t = messages.TEMPLATES.get(args.lang, messages.TEMPLATES["en"])
        text = text.removesuffix(t["replan.not_applied"]).rstrip()
        which = "the proposal" if args.suggestion is None else f"suggestion {args.suggestion}"
        text += (f"\n\nApplied {which}: pathway {saved.id} is now version {saved.version}; "
                 f"the reason is kept in the audit trail.")
    print(text)
    return code
