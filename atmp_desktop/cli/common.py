"""The headless command line: ``atmp-desktop`` (also ``python -m atmp_desktop``).

With no command it opens the application. Exit codes: 0 success (no ``error``
finding), 1 an ``error`` finding, 2 bad input or a refused file (one line on
standard error), 3 an unexpected failure (one line; the details go to the log).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any, Callable, NoReturn, Sequence

from atmp_desktop import APP_NAME, __version__
from atmp_desktop.domain import timeutil
from atmp_desktop.domain.catalogue import REGIONS, CatalogueError, ProductProfile, shipped_catalogue
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.findings import Finding, has_error
from atmp_desktop.domain.messages import event_name
from atmp_desktop.domain.pathway import DocumentError, Pathway, parse_document
from atmp_desktop.domain.planner import PlanningError, PlanRequest, Planner
from atmp_desktop.domain.timeutil import TimeError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class UserError(Exception):
    """Bad input: reported as one line on standard error with exit code 2."""

    def __init__(self, message: str, code: int = EXIT_INPUT):
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not usage + message
        raise UserError(f"{message} (see '{self.prog} --help')")


def _date(text: str):
    try:
        return timeutil.parse_date(text)
    except TimeError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace("date: ", "")) from None


def _region(text: str) -> str:
    if text.upper() not in REGIONS:
        raise argparse.ArgumentTypeError(f"unknown region {text!r}; known: {', '.join(REGIONS)}")
    return text.upper()


def _out(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


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
    cat = shipped_catalogue()
    profiles = [cat.profile(pid, args.region) for pid in cat.product_ids]
    if args.json:
        _out({"region": args.region, "products": [profile_json(p) for p in profiles]})
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
    _table(rows)
    return EXIT_OK


def _table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# -- plan -------------------------------------------------------------------------


def print_findings(findings: Sequence[Finding], lang: str, with_pathway: bool = False) -> None:
    if not findings:
        print("No findings.")
        return
    for f in findings:
        where = f" [{event_name(f.event, lang)}]" if f.event else ""
        pid = f"pathway {f.params.get('_pathway')}: " if with_pathway and "_pathway" in f.params else ""
        print(f"{f.severity.value.upper():8} {f.code:22} {pid}{f.message(lang)}{where}")


def print_pathway(pathway: Pathway, lang: str = "en") -> None:
    tz = pathway.tz
    rows = [("day", "date", "time", "until", "event")]
    for e in pathway.events:
        day = e.first_day(tz)
        number = pathway.day_number(day)
        when = e.when
        until = e.until
        rows.append((
            "" if number is None else f"{number:+d}" if number else "0",
            day.isoformat(),
            timeutil.format_clock(when, tz) if timeutil.is_moment(when) else "",
            "" if until is None else timeutil.format_human(until, tz),
            event_name(e.label, lang),
        ))
    _table(rows)


def cmd_plan(args: argparse.Namespace) -> int:
    if args.earliest or args.site is not None:
        from atmp_desktop import cli_capacity

        return cli_capacity.cmd_plan_at_site(args)  # the store's site calendar and capacity
    request = PlanRequest(
        product=args.product,
        indication=args.indication,
        region=args.region,
        apheresis=args.apheresis,
        infusion=args.infusion,
        ld_regimen=args.ld_regimen,
    )
    try:
        plan = Planner().plan(request)
    except (PlanningError, CatalogueError) as exc:
        raise UserError(str(exc)) from None
    if args.json:
        _out(plan.to_document(args.lang))
    else:
        p = plan.profile
        ind = p.indication(plan.pathway.indication)
        print(f"{p.name} ({p.generic}) — {ind.name(args.lang)} — region {p.region}")
        print_pathway(plan.pathway, args.lang)
        print(f"Stay near the centre until {plan.stay_near_centre_until}; no driving until {plan.no_driving_until}.")
        print()
        print_findings(plan.findings, args.lang)
    return EXIT_FINDINGS if plan.has_error else EXIT_OK


# -- check ------------------------------------------------------------------------


def read_document_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise UserError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"cannot read {path}: it is a folder") from None
    except PermissionError:
        raise UserError(f"cannot read {path}: permission denied") from None
    except UnicodeDecodeError:
        raise UserError(f"cannot read {path}: not UTF-8 text") from None


def load_document(path: str) -> Pathway:
    try:
        return parse_document(read_document_text(path))
    except DocumentError as exc:
        raise UserError(f"{'standard input' if path == '-' else path}: {exc}") from None


def report_findings(findings: Sequence[Finding], as_json: bool, lang: str, pathway_ids: Sequence[Any] | None = None) -> int:
    if as_json:
        items = []
        for i, f in enumerate(findings):
            item = f.to_json(lang)
            if pathway_ids is not None:
                item["pathway"] = pathway_ids[i]
            items.append(item)
        _out({"findings": items})
    else:
        if pathway_ids is None:
            print_findings(findings, lang)
        elif not findings:
            print("No findings.")
        else:
            for f, pid in zip(findings, pathway_ids):
                where = f" [{event_name(f.event, lang)}]" if f.event else ""
                print(f"{f.severity.value.upper():8} {f.code:22} pathway {pid}: {f.message(lang)}{where}")
    return EXIT_FINDINGS if has_error(findings) else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    chosen = [x for x in (args.file, args.pathway, args.all or None) if x is not None]
    if len(chosen) != 1:
        raise UserError("give exactly one of --file PATH, --pathway ID or --all")
    if args.file is not None:
        pathway = load_document(args.file)
        return report_findings(check_pathway(pathway), args.json, args.lang)
    from atmp_desktop import cli_store

    return cli_store.check_stored(args)


# -- the parser -------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="atmp-desktop",
        description=f"{APP_NAME}: plan and check CAR-T pathways. With no command, opens the application.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: ATMP_DB, else the per-user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def lang(p: argparse.ArgumentParser) -> None:
        p.add_argument("--lang", choices=("en", "sv"), default="en", help="language of messages (default en)")

    p = sub.add_parser("products", help="list the product catalogue and its rules")
    p.add_argument("--region", type=_region, default="EU", help="EU (default) or US")
    p.add_argument("--json", action="store_true", help="every rule with its source and confidence, as JSON")
    p.set_defaults(func=cmd_products)

    p = sub.add_parser("plan", help="plan a pathway from an apheresis date or a target infusion date")
    p.add_argument("--product", required=True)
    p.add_argument("--indication")
    p.add_argument("--region", type=_region, default="EU")
    p.add_argument("--ld-regimen", dest="ld_regimen", help="lymphodepletion regimen id (default: the label's first)")
    when = p.add_mutually_exclusive_group(required=True)
    when.add_argument("--apheresis", type=_date, metavar="YYYY-MM-DD", help="fixed apheresis date (plan forward)")
    when.add_argument("--infusion", type=_date, metavar="YYYY-MM-DD", help="target infusion date (plan backward)")
    p.add_argument("--earliest", action="store_true",
                   help="the earliest plan from --apheresis that fits the label, the site's calendar and the "
                        "store's capacity, saying what pushed it later")
    p.add_argument("--site", metavar="ID",
                   help="plan at this stored site (its calendar and capacity); needed with --earliest when "
                        "the store has several sites")
    p.add_argument("--json", action="store_true", help="print the pathway document with its findings")
    lang(p)
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("check", help="check a pathway document (or stored pathways) and print its findings")
    p.add_argument("--file", metavar="PATH", help="a pathway document; '-' reads standard input")
    p.add_argument("--pathway", metavar="ID", help="a stored pathway")
    p.add_argument("--all", action="store_true", help="every stored pathway")
    p.add_argument("--json", action="store_true")
    lang(p)
    p.set_defaults(func=cmd_check)

    from atmp_desktop import cli_capacity, cli_reports, cli_store

    cli_store.register(sub, lang)
    cli_reports.register(sub, lang)
    cli_capacity.register(sub, lang)
    # Last, so that every subcommand (also those registered above) takes --db PATH.
    cli_store.add_db_everywhere(sub)
    return parser


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def run(argv: Sequence[str] | None = None, launch_gui: Callable[[argparse.Namespace], int] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            if launch_gui is None:
                from atmp_desktop.app import launch as launch_gui
            return launch_gui(args)
        return args.func(args)
    except UserError as exc:
        sys.stderr.write(f"atmp-desktop: {exc}\n")
        return exc.code
    except KeyboardInterrupt:
        sys.stderr.write("atmp-desktop: interrupted\n")
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user
        log.debug("unexpected failure", exc_info=True)
        from atmp_desktop.errors import record_crash

        where = record_crash(exc)
        sys.stderr.write(f"atmp-desktop: unexpected error: {exc.__class__.__name__}: {exc} (details: {where})\n")
        return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    _configure_logging()
    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
