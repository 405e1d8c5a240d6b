"""The schedule and the record where people already look (issue 14).

``export-ics``
    a site's events as an iCalendar file (Outlook, phones); stable UIDs, so a
    newer export updates the entries; initials and pathway id, never the
    personnummer (``--full-name`` for a ward's own calendar).
``export-fhir`` / ``import-fhir``
    one pathway as a FHIR R4 Bundle (Patient, CarePlan, Procedure,
    MedicationAdministration); a FHIR Patient registered as a new patient.
``export-csv``
    the Patients list or a Calendar week as CSV, with the views' filters.

Bad input (an unknown site or pathway, a malformed or foreign file, a file
that cannot be written): one line on standard error, exit 2, nothing written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from atmp_desktop.cli.common import (
    EXIT_OK,
    UserError,
    date_arg,
    lang_option,
    open_services,
    refusals,
    user_option,
)


def register(sub: Any) -> None:
    """Add ``export-ics``, ``export-fhir``, ``import-fhir`` and ``export-csv``."""
    p = sub.add_parser("export-ics", help="a site's schedule as an iCalendar (.ics) file")
    p.add_argument("--site", required=True, metavar="ID", help="the site whose events to export")
    p.add_argument("--from", dest="first", type=date_arg, metavar="YYYY-MM-DD",
                   help="first day (default: this week's Monday)")
    p.add_argument("--to", dest="last", type=date_arg, metavar="YYYY-MM-DD",
                   help="last day (default: five weeks from the first)")
    p.add_argument("--full-name", action="store_true",
                   help="put the patient's full name in each title (default: initials and pathway id)")
    p.add_argument("--out", metavar="FILE.ics", help="where to write it (default: standard output)")
    lang_option(p)
    p.set_defaults(func=cmd_export_ics)

    p = sub.add_parser("export-fhir", help="one pathway as a FHIR R4 Bundle (Patient, CarePlan, Procedure, ...)")
    p.add_argument("--pathway", required=True, type=int, metavar="ID", help="the stored pathway's id")
    p.add_argument("--out", metavar="FILE.json", help="where to write it (default: standard output)")
    lang_option(p)
    p.set_defaults(func=cmd_export_fhir)

    p = sub.add_parser("import-fhir", help="register a new patient from a FHIR Patient (JSON)")
    p.add_argument("file", metavar="FILE", help="a FHIR Patient, or a Bundle with one Patient ('-': standard input)")
    p.add_argument("--site", metavar="ID", help="the treating site (default: the user's site, or the only one)")
    p.add_argument("--reason", metavar="TEXT", help="why, for the audit trail")
    user_option(p)
    p.set_defaults(func=cmd_import_fhir)

    p = sub.add_parser("export-csv", help="the Patients list or a Calendar week as CSV, filtered as in the views")
    what = p.add_subparsers(dest="what", metavar="WHAT", parser_class=type(p))
    pp = what.add_parser("patients", help="the Patients list (default: active pathways of every site)")
    pp.add_argument("--site", metavar="ID", help="only this site")
    pp.add_argument("--product", metavar="ID", help="only this product (e.g. kymriah)")
    pp.add_argument("--stage", metavar="STAGE", default="active",
                    help="a stage, 'active' (default: not completed or cancelled) or 'all'")
    pp.add_argument("--findings", choices=("errors", "any", "none"),
                    help="with open errors; with errors or warnings; without findings")
    pp.add_argument("--find", metavar="TEXT", default="", help="name, personnummer, product, site, id")
    pc = what.add_parser("calendar", help="one Calendar week (Monday to Sunday), as the week grid lists it")
    pc.add_argument("--week", required=True, type=date_arg, metavar="YYYY-MM-DD", help="any day of the week")
    pc.add_argument("--site", metavar="ID", help="only this site (default: every site)")
    pc.add_argument("--every-day", action="store_true",
                    help="list manufacturing, shipment and monitoring on every day, not only the first and last")
    for q in (pp, pc):
        q.add_argument("--out", metavar="FILE.csv", help="where to write it (default: standard output)")
        q.add_argument("--delimiter", choices=(",", ";"), default=",", help="the column separator (default ,)")
        lang_option(q)
        q.set_defaults(func=cmd_export_csv)
    p.set_defaults(func=lambda a: _missing(p))


def _today() -> date:
    raw = os.environ.get("ATMP_TODAY")
    if raw:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise UserError(f"ATMP_TODAY={raw!r} is not a date (YYYY-MM-DD)") from None
    return date.today()


def _check_out(path: str | None) -> Path | None:
    if path is None or path == "-":
        return None
    out = Path(path).expanduser()
    if out.is_dir():
        raise UserError(f"cannot write {out}: it is a folder")
    if not out.parent.is_dir():
        raise UserError(f"cannot write {out}: the folder {out.parent} does not exist")
    return out


def write_out(out: Path | None, data: bytes) -> None:
    """*data* to standard output, or to *out* through a temporary file and a rename (never half a file)."""
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None


@refusals
def cmd_export_ics(args: argparse.Namespace) -> int:
    from atmp_desktop.services.ics import IcsService, parse_range

    out = _check_out(args.out)
    first, last = parse_range(args.first, args.last, _today())
    svc = open_services(args)
    with svc.store:
        data, count = IcsService(svc).export(args.site, first, last, lang=args.lang, full_name=args.full_name)
    write_out(out, data)
    if out is not None:
        print(f"wrote {out} ({count} events of {args.site}, {first.isoformat()} to {last.isoformat()})")
    return EXIT_OK


@refusals
def cmd_export_fhir(args: argparse.Namespace) -> int:
    import json

    from atmp_desktop.services.fhir import FhirService

    out = _check_out(args.out)
    svc = open_services(args)
    with svc.store:
        bundle = FhirService(svc).export_pathway(args.pathway, lang=args.lang)
    write_out(out, (json.dumps(bundle, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    if out is not None:
        print(f"wrote {out} (FHIR Bundle of pathway {args.pathway}, {len(bundle['entry'])} resources)")
    return EXIT_OK


@refusals
def cmd_import_fhir(args: argparse.Namespace) -> int:
    from atmp_desktop.cli.common import read_document_text, sign_in
    from atmp_desktop.services.fhir import read_patient

    text = read_document_text(args.file)
    read_patient(text)  # a malformed or foreign file is refused before the store is opened for writing
    svc = open_services(args, write=True)
    with svc.store:
        sign_in(args, svc)
        site = args.site or _default_site(svc)
        from atmp_desktop.services.fhir import FhirService

        patient = FhirService(svc).import_patient(text, site, args.reason)
    print(f"registered patient {patient.id}: {patient.full_name}, {patient.display_identifier} at {site}")
    return EXIT_OK


def _missing(parser: argparse.ArgumentParser) -> int:
    from atmp_desktop.cli.common import missing_action

    return missing_action(parser)


@refusals
def cmd_export_csv(args: argparse.Namespace) -> int:
    from atmp_desktop.domain.pathway import STAGES
    from atmp_desktop.services import csv_export

    out = _check_out(args.out)
    svc = open_services(args)
    with svc.store:
        sites = {s.id: s for s in svc.sites.list()}
        if args.site is not None and args.site not in sites:
            raise UserError(f"unknown site {args.site!r}; known: {', '.join(sorted(sites))}")
        catalogue = svc.products.catalogue()
        products = {pid: catalogue.profile(pid).name for pid in catalogue.product_ids}
        if args.what == "patients":
            stage = None if args.stage == "all" else args.stage
            if stage not in (None, csv_export.ACTIVE, *STAGES):
                raise UserError(f"unknown stage {args.stage!r}; known: active, all, {', '.join(STAGES)}")
            if args.product is not None and args.product not in products:
                raise UserError(f"unknown product {args.product!r}; known: {', '.join(sorted(products))}")
            site_names = {k: v.name for k, v in sites.items()}
            rows = csv_export.filter_pathways(
                svc.pathways.rows(), site=args.site, product=args.product, stage=stage, findings=args.findings,
                text=args.find, site_names=site_names, product_names=products)
            header, lines = csv_export.patients_table(rows, args.lang, site_names, products)
        else:
            from datetime import timedelta

            from atmp_desktop.ui.calendar_data import day_entries, short_site_names  # Qt-free

            first = args.week - timedelta(days=args.week.weekday())
            last = first + timedelta(days=6)
            shown = tuple(s for s in STAGES if s != "cancelled")  # as the Calendar: no cancelled pathways
            rows = svc.pathways.events_between(first, last, args.site, stages=shown)
            entries = day_entries(rows, first, last, args.every_day)
            header, lines = csv_export.week_table(entries, args.lang, short_site_names(sites.values()), products)
    write_out(out, csv_export.to_csv(header, lines, args.delimiter))
    if out is not None:
        print(f"wrote {out} ({len(lines)} lines)")
    return EXIT_OK


def _default_site(svc) -> str:
    sites = [s.id for s in svc.sites.list()]
    if len(sites) == 1:
        return sites[0]
    user = svc.users.get(svc.session.username) if svc.session else None
    if user is not None and user.site:
        return user.site
    raise UserError(f"name the treating site with --site (one of: {', '.join(sites)})")
