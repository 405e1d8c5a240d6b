"""``check``: the findings of a pathway document (``--file``), of a stored pathway (``--pathway``)
or of every stored pathway (``--all``). Exit code 1 when any finding is an ``error``."""

from __future__ import annotations

import argparse
import os
from typing import Any

from atmp_desktop.cli.common import (
    UserError,
    lang_option,
    open_services,
    read_document_text,
    refusals,
    report_findings,
)
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.findings import sort_findings
from atmp_desktop.domain.pathway import DocumentError, Pathway, parse_document


def register(sub: Any) -> None:
    """Add ``check`` to the command line."""
    p = sub.add_parser("check", help="check a pathway document (or stored pathways) and print its findings")
    p.add_argument("--file", metavar="PATH", help="a pathway document; '-' reads standard input")
    p.add_argument("--pathway", metavar="ID", help="a stored pathway")
    p.add_argument("--all", action="store_true", help="every stored pathway")
    p.add_argument("--json", action="store_true")
    lang_option(p)
    p.set_defaults(func=cmd_check)


def load_document(path: str) -> Pathway:
    try:
        return parse_document(read_document_text(path))
    except DocumentError as exc:
        raise UserError(f"{'standard input' if path == '-' else path}: {exc}") from None


def cmd_check(args: argparse.Namespace) -> int:
    chosen = [x for x in (args.file, args.pathway, args.all or None) if x is not None]
    if len(chosen) != 1:
        raise UserError("give exactly one of --file PATH, --pathway ID or --all")
    if args.file is not None:
        pathway = load_document(args.file)
        return report_findings(check_pathway(pathway), args.json, args.lang)
    return check_stored(args)


@refusals
def check_stored(args: argparse.Namespace) -> int:
    """``check --pathway ID`` or ``check --all``: findings of stored pathways, as ``check --file``."""
    svc = open_services(args)
    with svc.store:
        if args.pathway is not None:
            try:
                pathway_id = int(args.pathway)
            except ValueError:
                raise UserError(f"--pathway: {args.pathway!r} is not a pathway id (a number)") from None
            found = svc.pathways.check(pathway_id) + svc.capacity.findings_for(pathway_id)
            return report_findings(sort_findings(found), args.json, args.lang)
        findings, ids = [], []
        # Both cores: a fresh command-line process has no threads, so forking is safe here.
        from atmp_desktop.services.pathways import PARALLEL_MIN, can_fork, collect_call, fork_call

        # With thousands of pathways the CAPACITY findings are counted meanwhile in a child
        # process of their own (the same findings; if the child fails, they are counted here).
        many = can_fork() and len(svc.pathways.repos.pathways.ids(None)) >= PARALLEL_MIN
        child = fork_call(svc, lambda other: other.capacity.findings_by_pathway()) if many else None
        checked = svc.pathways.findings_by_id(processes=min(2, os.cpu_count() or 1))
        capacity = collect_call(child)
        if capacity is None:
            capacity = svc.capacity.findings_by_pathway()
        for pathway_id, found in checked:
            extra = capacity.get(pathway_id)
            if extra:
                found = sort_findings(found + extra)
            findings += found
            ids += [pathway_id] * len(found)
    return report_findings(findings, args.json, args.lang, ids)
