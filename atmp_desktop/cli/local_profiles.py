"""``products add FILE`` / ``products export PRODUCT`` / ``products approve PRODUCT VERSION`` (issue 13).

Local product profiles (trial and hospital-exemption products) in the
``atmp-local-profile/1`` format (``docs/examples/trial-protocol-profile.json``).
``add`` stores a new *pending* version; a second person ``approve``s it before
pathways are planned with it (two-person sign-off, audited).
"""

from __future__ import annotations

import argparse
import json

from atmp_desktop.cli.common import EXIT_OK, UserError, open_services, read_document_text, refusals, sign_in

ACTIONS = ("add", "export", "approve", "pending")


@refusals
def cmd_local(args: argparse.Namespace) -> int:
    action, rest = args.action, list(args.arguments or ())
    if action == "add":
        if len(rest) != 1:
            raise UserError("usage: atmp-desktop products add FILE [--reason TEXT] --user NAME")
        text = read_document_text(rest[0])
        svc = open_services(args, write=True)
        with svc.store:
            sign_in(args, svc)
            saved = svc.products.add_local(text, args.reason)
        print(f"Stored {saved.product} version {saved.version}, pending: a second person approves it with "
              f"'atmp-desktop products approve {saved.product} {saved.version} --user NAME'.")
        return EXIT_OK
    if action == "approve":
        if len(rest) != 2 or not rest[1].isdigit():
            raise UserError("usage: atmp-desktop products approve PRODUCT VERSION [--reason TEXT] --user NAME")
        svc = open_services(args, write=True)
        with svc.store:
            sign_in(args, svc)
            saved = svc.products.approve(rest[0], int(rest[1]), args.reason or "approved")
        print(f"Approved {saved.product} version {saved.version} (written by {saved.created_by}, "
              f"approved by {saved.approved_by}); new pathways are planned with it.")
        return EXIT_OK
    if action == "export":
        if len(rest) not in (1, 2) or (len(rest) == 2 and not rest[1].isdigit()):
            raise UserError("usage: atmp-desktop products export PRODUCT [VERSION] [--out FILE]")
        svc = open_services(args)
        with svc.store:
            doc = svc.products.export_local(rest[0], int(rest[1]) if len(rest) == 2 else None)
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        if args.out:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            print(text, end="")
        return EXIT_OK
    # pending
    svc = open_services(args)
    with svc.store:
        rows = svc.products.pending()
    for v in rows:
        print(f"{v.product} version {v.version}: written by {v.created_by} — {v.reason}")
    if not rows:
        print("No local profile is waiting for approval.")
    return EXIT_OK
