"""``atmp-desktop checklist``: print a stored pathway's checklist to a PDF file.

Exit codes follow the command line's: 0 written, no open error; 1 written,
with open ``error`` findings (printed in the box at the top); 2 nothing written
(unknown pathway or kind, a pathway that lacks what the checklist needs, a
store that cannot be opened, a file that cannot be written), one line on
standard error.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from atmp_desktop.cli.common import EXIT_FINDINGS, EXIT_OK, UserError, db_path, lang_option
from atmp_desktop.reports import KINDS, ChecklistError, render_checklist


def register(sub: Any) -> None:
    """Add the ``checklist`` command to the command line."""
    p = sub.add_parser("checklist", help="print a checklist of a stored pathway to a PDF file")
    p.add_argument("--pathway", required=True, metavar="ID", help="the stored pathway's id")
    p.add_argument("--kind", required=True, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF (replaced if it exists)")
    lang_option(p)
    p.set_defaults(func=cmd_checklist)


def cmd_checklist(args: argparse.Namespace) -> int:
    from atmp_desktop.reports.stored import stored_checklist_input
    from atmp_desktop.services import REFUSALS, Services
    from atmp_desktop.storage import Store

    if args.kind not in KINDS:
        raise UserError(ChecklistError("unknown_kind", kind=args.kind, known=", ".join(KINDS)).message(args.lang))
    try:
        pathway_id = int(args.pathway)
    except ValueError:
        raise UserError(f"--pathway: {args.pathway!r} is not a pathway id (a whole number)") from None
    out = Path(args.out).expanduser()
    if out.is_dir():
        raise UserError(f"cannot write {out}: it is a folder")
    if not out.parent.is_dir():
        raise UserError(f"cannot write {out}: the folder {out.parent} does not exist")

    try:
        store = Store.open(db_path(args), create=False, write=False)
    except REFUSALS as exc:
        raise UserError(str(exc)) from None
    try:
        data = stored_checklist_input(Services(store), pathway_id, lang=args.lang)
        pdf = render_checklist(args.kind, data, args.lang)
    except ChecklistError as exc:
        raise UserError(f"pathway {pathway_id}: {exc.message(args.lang)}") from None
    except REFUSALS as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()

    _write_atomically(out, pdf, UserError)
    errors = len(data.errors)
    note = f"; {errors} open error(s) printed at the top" if errors else ""
    print(f"wrote {out} ({args.kind}, pathway {pathway_id}, {data.patient.display_identifier}){note}")
    return EXIT_FINDINGS if errors else EXIT_OK


def _write_atomically(path: Path, data: bytes, error: type[Exception]) -> None:
    """Write to a temporary file beside *path*, then rename: a reader never sees half a PDF."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        raise error(f"cannot write {path}: {exc.strerror or exc}") from None
