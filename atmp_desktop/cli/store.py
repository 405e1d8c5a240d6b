"""Commands over the local store: pathways, patients, check --pathway/--all, export, import,
record, cancel, audit, backup, restore, demo, users, info.

Every command takes ``--db PATH`` (else ``ATMP_DB``, else the per-user data
folder). Commands that change data act as ``--user NAME`` (or ``ATMP_USER``)
with the password from ``ATMP_PASSWORD`` or asked on the terminal; a wrong
password or a missing permission exits 2 and changes nothing. Every refusal
of the store (locked, newer schema, damaged, read-only, disk full, a
conflicting edit) is one line on standard error and exit code 2.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from atmp_desktop.cli.common import (
    UserError,
    credentials,
    date_arg,
    db_path,
    missing_action,
    open_services,
    out_json,
    read_document_text,
    refusals,
    sign_in,
    table,
    user_option,
)


def register(sub: Any) -> None:
    """Add the store's commands to the command line."""
    from atmp_desktop.domain.pathway import STAGES

    p = sub.add_parser("pathways", help="list stored pathways (id, patient, product, stage, open findings)")
    p.add_argument("--site", metavar="ID", help="only this site")
    p.add_argument("--stage", choices=STAGES, help="only this stage")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_pathways)

    p = sub.add_parser("patients", help="list or find stored patients")
    p.add_argument("--find", metavar="TEXT", help="name or (part of the) personnummer")
    p.add_argument("--site", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_patients)

    p = sub.add_parser("export", help="print a stored pathway as a pathway document with its patient")
    p.add_argument("--pathway", metavar="ID", type=int, required=True)
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="store a pathway document (with its patient) as a new pathway")
    p.add_argument("file", metavar="FILE", help="a pathway document; '-' reads standard input")
    p.add_argument("--site", metavar="ID", help="the site it belongs to (default: the document's, if known here)")
    user_option(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("record", help="record the actual time of a pathway's event")
    p.add_argument("--pathway", metavar="ID", type=int, required=True)
    p.add_argument("--event", metavar="LABEL", required=True, help="thaw, infusion, infusion#2, …")
    p.add_argument("--start", metavar="TIME", required=True, help="YYYY-MM-DDTHH:MM (local time) or YYYY-MM-DD")
    p.add_argument("--end", metavar="TIME")
    p.add_argument("--cd34", metavar="N", type=float,
                   help="an apheresis of a stem-cell product: the CD34+ cells it collected, × 10⁶ per kg")
    p.add_argument("--expected-version", dest="expected_version", type=int, metavar="N",
                   help="refuse if the pathway is no longer at this version (default: the current one)")
    user_option(p)
    p.set_defaults(func=cmd_record)

    p = sub.add_parser("cancel", help="cancel a pathway, with a reason")
    p.add_argument("--pathway", metavar="ID", type=int, required=True)
    p.add_argument("--reason", required=True)
    p.add_argument("--expected-version", dest="expected_version", type=int, metavar="N",
                   help="refuse if the pathway is no longer at this version (default: the current one)")
    user_option(p)
    p.set_defaults(func=cmd_cancel)

    audit = sub.add_parser("audit", help="the audit trail: verify it, or list entries")
    asub = audit.add_subparsers(dest="audit_command", metavar="ACTION", parser_class=type(audit))
    p = asub.add_parser("verify", help="check the hash chain and the rows against it (exit 1 if not intact)")
    p.add_argument("--full", action="store_true",
                   help="check every entry and every row, not only what came after the last signed checkpoint")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit_verify)
    p = asub.add_parser("list", help="list audit entries, newest first")
    p.add_argument("--pathway", type=int, metavar="ID")
    p.add_argument("--patient", type=int, metavar="ID")
    p.add_argument("--by", metavar="USER", help="only entries by this user")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit_list)
    audit.set_defaults(func=lambda args: missing_action(audit))

    p = sub.add_parser("backup", help="back up the database (checked copy; rotating set beside it)")
    p.add_argument("--to", metavar="PATH", help="write this one copy to PATH instead")
    p.add_argument("--keep", type=int, default=14, help="how many backups the rotating set keeps (default 14)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="replace the database with a backup (checked first; the old file is kept)")
    p.add_argument("file", metavar="PATH")
    user_option(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("demo", help="fill a new database with synthetic demo data")
    p.add_argument("--patients", type=int, default=None, help="how many patients (default 60)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD", help="the day the demo ward lives in (default: today)")
    p.set_defaults(func=cmd_demo)

    users = sub.add_parser("users", help="list or add users")
    usub = users.add_subparsers(dest="users_command", metavar="ACTION", parser_class=type(users))
    p = usub.add_parser("list", help="list users and roles")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users_list)
    p = usub.add_parser("add", help="add a user (administrators; the first user needs no sign-in)")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("coordinator", "pharmacist", "nurse", "administrator"))
    p.add_argument("--display-name", dest="display_name")
    p.add_argument("--site", metavar="ID")
    p.add_argument("--sites", metavar="ID,ID", help="restrict the user to these sites' pathways (default: all sites)")
    user_option(p)
    p.set_defaults(func=cmd_users_add)
    users.set_defaults(func=lambda args: missing_action(users))

    p = sub.add_parser("info", help="where the database is, its schema version, counts and backups")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("migrate", help="copy an SQLite store into an empty PostgreSQL database (all or nothing)")
    p.add_argument("--from", dest="source", required=True, metavar="FILE.db", help="the SQLite store (only read)")
    p.add_argument("--to", dest="target", required=True, metavar="postgresql://USER@HOST/DBNAME",
                   help="an empty database on the server (the password from the URL, PGPASSWORD or ~/.pgpass)")
    p.set_defaults(func=cmd_migrate)


# -- reading commands ------------------------------------------------------------------------


@refusals
def cmd_pathways(args: argparse.Namespace) -> int:
    svc = open_services(args)
    with svc.store:
        rows = svc.pathways.rows(site=args.site, stages=[args.stage] if args.stage else None)
    if args.json:
        out_json({"pathways": [
            {"id": r.id, "patient_id": r.patient_id, "personnummer": r.identifier,
             "patient": f"{r.given_name} {r.family_name}", "site": r.site, "product": r.product,
             "indication": r.indication, "stage": r.stage, "open_errors": r.open_errors,
             "open_warnings": r.open_warnings, "infusion_day": r.infusion_day, "version": r.version}
            for r in rows]})
        return 0
    if not rows:
        print("No pathways.")
        return 0
    lines = [("id", "patient", "personnummer", "site", "product", "stage", "errors", "warnings")]
    lines += [(str(r.id), r.patient_name, r.display_identifier, r.site, r.product, r.stage,
               str(r.open_errors), str(r.open_warnings)) for r in rows]
    table(lines)
    return 0


@refusals
def cmd_patients(args: argparse.Namespace) -> int:
    svc = open_services(args)
    with svc.store:
        found = svc.patients.search(args.find) if args.find else svc.patients.list(args.site)
        if args.find and args.site:
            found = [p for p in found if p.treating_site == args.site]
    if args.json:
        out_json({"patients": [{"id": p.id, "personnummer": p.identifier, "id_kind": p.id_kind,
                                "given_name": p.given_name, "family_name": p.family_name,
                                "birth_date": p.birth_date.isoformat(), "sex": p.sex, "weight_kg": p.weight_kg,
                                "height_cm": p.height_cm, "treating_site": p.treating_site,
                                "referring_site": p.referring_site} for p in found]})
        return 0
    if not found:
        print("No patients.")
        return 0
    table([("id", "name", "personnummer", "born", "site")] + [
        (str(p.id), p.sort_name, p.display_identifier, p.birth_date.isoformat(), p.treating_site) for p in found])
    return 0


@refusals
def cmd_export(args: argparse.Namespace) -> int:
    svc = open_services(args)
    with svc.store:
        doc = svc.pathways.export_document(args.pathway)
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


@refusals
def cmd_audit_verify(args: argparse.Namespace) -> int:
    svc = open_services(args)
    with svc.store:
        report = svc.audit.verify(full=args.full)
    since = "" if report.checkpoint is None else f" (entries after {report.checkpoint}, the last signed checkpoint; --full checks all)"
    if args.json:
        out_json({"ok": report.ok, "entries": report.entries, "rows": report.rows, "checkpoint": report.checkpoint,
                  "first_bad_entry": report.first_bad_entry,
                  "problems": [{"message": p.message, "entry": p.entry_id, "table": p.table, "row": p.row_id}
                               for p in report.problems]})
    elif report.ok:
        if report.checkpoint is None:
            print(f"Audit trail intact: {report.entries} entries; {report.rows} rows match their last entry.")
        else:
            print(f"Audit trail intact: {report.entries} entries, {report.rows} rows{since}.")
    else:
        first = report.problems[0]
        print(f"Audit trail NOT intact{since}: {first.message}.")
        for p in report.problems[1:20]:
            print(f"  also: {p.message}")
        if len(report.problems) > 20:
            print(f"  … and {len(report.problems) - 20} more")
    return 0 if report.ok else 1


@refusals
def cmd_audit_list(args: argparse.Namespace) -> int:
    svc = open_services(args)
    with svc.store:
        entries = svc.audit.entries(pathway_id=args.pathway, patient_id=args.patient, username=args.by,
                                    limit=args.limit)
    if args.json:
        out_json({"entries": [{"id": e.id, "at": e.at.isoformat(), "user": e.username, "table": e.table,
                               "row": e.row_id, "action": e.action, "reason": e.reason} for e in entries]})
        return 0
    table([("id", "at (UTC)", "user", "action", "table", "row", "reason")] + [
        (str(e.id), e.at.strftime("%Y-%m-%d %H:%M:%S"), e.username, e.action, e.table, e.row_id, e.reason or "")
        for e in entries])
    return 0


@refusals
def cmd_info(args: argparse.Namespace) -> int:
    from atmp_desktop.storage.backup import list_backups

    path = db_path(args)
    svc = open_services(args)
    with svc.store as store:
        info = {
            "database": str(path), "backend": store.backend, "schema_version": store.schema_version,
            "sites": len(svc.sites.list()), "users": len(svc.users.list()),
            "patients": len(svc.patients.list()), "pathways": store.repos.pathways.count(),
            "audit_entries": svc.audit.count(),
        }
    backups = list_backups(path) if store.backend == "sqlite" else []  # a server's backups are pg_dump's
    info["backups"] = len(backups)
    info["last_backup"] = backups[-1].created.isoformat() if backups else None
    if args.json:
        out_json(info)
    else:
        for k, v in info.items():
            print(f"{k:15} {v}")
    return 0


# -- commands that change data ------------------------------------------------------------------


@refusals
def cmd_import(args: argparse.Namespace) -> int:
    text = read_document_text(args.file)
    svc = open_services(args, write=True)
    with svc.store:
        sign_in(args, svc)
        sp = svc.pathways.import_document(text, site=args.site)
    print(f"Imported as pathway {sp.id} (patient {sp.patient_id}, site {sp.site}, stage {sp.stage}); "
          f"{sp.open_errors} open error(s), {sp.open_warnings} warning(s).")
    return 0


@refusals
def cmd_record(args: argparse.Namespace) -> int:
    from atmp_desktop.domain import timeutil

    svc = open_services(args, write=True)
    with svc.store:
        sign_in(args, svc)
        sp = svc.pathways.get(args.pathway)
        tz = sp.pathway.tz
        try:
            start = timeutil.parse_when(args.start, tz, "--start")
            end = None if args.end is None else timeutil.parse_when(args.end, tz, "--end")
        except timeutil.TimeError as exc:
            raise UserError(str(exc)) from None
        saved = svc.pathways.record_actual(
            sp.id, sp.version if args.expected_version is None else args.expected_version, args.event, start, end,  # type: ignore[arg-type]
            cd34_per_kg=args.cd34)
    print(f"Recorded {args.event} on pathway {saved.id} (now version {saved.version}, stage {saved.stage}); "
          f"{saved.open_errors} open error(s).")
    return 0


@refusals
def cmd_cancel(args: argparse.Namespace) -> int:
    svc = open_services(args, write=True)
    with svc.store:
        sign_in(args, svc)
        sp = svc.pathways.get(args.pathway)
        saved = svc.pathways.cancel(sp.id, sp.version if args.expected_version is None else args.expected_version,  # type: ignore[arg-type]
                                    args.reason)
    print(f"Pathway {saved.id} cancelled (version {saved.version}).")
    return 0


@refusals
def cmd_backup(args: argparse.Namespace) -> int:
    from atmp_desktop.services.backups import backup_now
    from atmp_desktop.storage.db import Store

    with Store.open(db_path(args), create=False, write=False) as store:
        made = backup_now(store, args.to, keep=args.keep)
    print(f"Backup written and checked: {made}")
    return 0


@refusals
def cmd_restore(args: argparse.Namespace) -> int:
    from atmp_desktop.services.backups import restore

    username, password = credentials(args)
    result = restore(db_path(args), Path(args.file), username, password)
    kept = f"; the replaced file is kept as {result.kept}" if result.kept else ""
    print(f"Restored {result.restored.path} ({result.restored.pathways} pathways, "
          f"{result.restored.patients} patients) into {db_path(args)}{kept}.")
    return 0


@refusals
def cmd_demo(args: argparse.Namespace) -> int:
    from atmp_desktop.services.demo import DEFAULT_PATIENTS, DEMO_USERS, create_demo_database

    path = db_path(args)
    patients = DEFAULT_PATIENTS if args.patients is None else args.patients
    summary = create_demo_database(path, patients, args.seed, args.today)
    stages = ", ".join(f"{k} {v}" for k, v in sorted(summary.stages.items()))
    print(f"Demo data in {path}: {summary.patients} patients, {summary.pathways} pathways ({stages}); "
          f"today is {summary.today}.")
    print("Users (demo only): " + ", ".join(f"{u} / {pw} ({role})" for u, _, role, _, pw in DEMO_USERS))
    return 0


@refusals
def cmd_users_list(args: argparse.Namespace) -> int:
    svc = open_services(args)
    with svc.store:
        users = svc.users.list()
    if args.json:
        out_json({"users": [{"username": u.username, "display_name": u.display_name, "role": u.role, "site": u.site,
                             "active": u.active} for u in users]})
        return 0
    table([("user", "name", "role", "site", "active")] + [
        (u.username, u.display_name, u.role, u.site or "", "yes" if u.active else "no") for u in users])
    return 0


@refusals
def cmd_users_add(args: argparse.Namespace) -> int:
    svc = open_services(args, write=True, create=True)
    with svc.store:
        if svc.users.list():
            sign_in(args, svc)
        password = os.environ.get("ATMP_NEW_PASSWORD")
        if password is None:
            if not sys.stdin.isatty():
                raise UserError("no password for the new user: set ATMP_NEW_PASSWORD or run in a terminal")
            password = getpass.getpass(f"New password for {args.name}: ")
            if getpass.getpass("Again: ") != password:
                raise UserError("the two passwords differ; nothing was changed")
        scope = None if args.sites is None else [s for s in args.sites.split(",")]
        user = svc.users.add(args.name, args.display_name or args.name, args.role, password, args.site, scope)
    print(f"Added {user.username} ({user.role}).")
    return 0


@refusals
def cmd_migrate(args: argparse.Namespace) -> int:
    from atmp_desktop.settings import DbUrl, is_db_url
    from atmp_desktop.storage.transfer import copy_store

    if not is_db_url(args.target):
        raise UserError(f"--to must be a postgresql:// URL, not {args.target!r}; nothing was copied")
    if is_db_url(args.source):
        raise UserError("--from must be an SQLite store file; nothing was copied")
    source = Path(args.source).expanduser()
    if not source.exists():
        raise UserError(f"there is no database at {source}; nothing was copied")
    target = DbUrl(args.target)
    report = copy_store(source, target.url)
    print(f"Copied {source} into {target}: {report.total} rows "
          f"({', '.join(f'{t} {n}' for t, n in report.rows.items() if n)}); "
          f"audit trail verified on arrival ({report.audit_entries} entries).")
    return 0
