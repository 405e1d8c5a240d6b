"""What every command module needs: the error and exit codes, the parser class, argument types and
shared options, the store plumbing, and the output helpers.

Exit codes: 0 success (no ``error`` finding), 1 an ``error`` finding, 2 bad
input or a refused file (one line on standard error), 3 an unexpected failure
(one line; the details go to the log). A command raises :class:`UserError`
for bad input; :func:`atmp_desktop.cli.main.run` turns it into the one line
and the exit code.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NoReturn, Sequence

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.catalogue import REGIONS
from atmp_desktop.domain.findings import Finding, has_error
from atmp_desktop.domain.messages import event_name
from atmp_desktop.domain.timeutil import TimeError

if TYPE_CHECKING:
    from atmp_desktop.domain.pathway import Pathway
    from atmp_desktop.services.core import Services

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

PROG = "atmp-desktop"


class UserError(Exception):
    """Bad input: reported as one line on standard error with exit code 2."""

    def __init__(self, message: str, code: int = EXIT_INPUT):
        super().__init__(message)
        self.code = code


class CliParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (a :class:`UserError`), not usage + message."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see '{self.prog} --help')")


def missing_action(parser: argparse.ArgumentParser) -> int:
    """For a command with actions (``audit``, ``users``) given none."""
    raise UserError(f"name an action (see '{parser.prog} --help')")


# -- argument types and shared options ---------------------------------------------------------


def date_arg(text: str):
    """``--apheresis 2026-12-01`` and the like: a calendar date."""
    try:
        return timeutil.parse_date(text)
    except TimeError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace("date: ", "")) from None


def region_arg(text: str) -> str:
    if text.upper() not in REGIONS:
        raise argparse.ArgumentTypeError(f"unknown region {text!r}; known: {', '.join(REGIONS)}")
    return text.upper()


def lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("en", "sv"), default="en", help="language of messages (default en)")


def user_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", metavar="NAME",
                   help="act as this user (default: ATMP_USER); password from ATMP_PASSWORD or the terminal")


DB_HELP = "the database file (default: ATMP_DB, else atmp.db in the per-user data folder)"


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db PATH`` on a subcommand; given there, it wins over the one before the command."""
    if any("--db" in a.option_strings for a in parser._actions):
        return
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def add_db_everywhere(sub: Any) -> None:
    """Put ``--db`` on every subcommand (and on theirs)."""
    for parser in {id(p): p for p in sub.choices.values()}.values():
        add_db_option(parser)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                add_db_everywhere(action)


# -- the store ------------------------------------------------------------------------------


def refusals(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Turn the store's and the services' refusals into one line and exit code 2."""

    @functools.wraps(fn)
    def wrapper(args: argparse.Namespace) -> int:
        from atmp_desktop.services.errors import REFUSALS
        from atmp_desktop.storage.errors import translate

        try:
            return fn(args)
        except REFUSALS as exc:
            raise UserError(str(exc)) from None
        except sqlite3.Error as exc:
            raise UserError(str(translate(exc, getattr(args, "db", None)))) from None

    return wrapper


def db_path(args: argparse.Namespace) -> Path:
    from atmp_desktop.settings import resolve_db_path

    return resolve_db_path(getattr(args, "db", None))


def open_services(args: argparse.Namespace, write: bool = False, create: bool = False) -> "Services":
    """Services over the store: only ``users add`` (and ``demo``) create a database; reading never
    writes to a read-only file."""
    from atmp_desktop.services.core import Services
    from atmp_desktop.storage.db import Store

    return Services(Store.open(db_path(args), create=create, write=write))


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    """The acting user's name and password (``--user``/``ATMP_USER``, ``ATMP_PASSWORD``/terminal)."""
    username = getattr(args, "user", None) or os.environ.get("ATMP_USER")
    if not username:
        raise UserError("this command changes data: name yourself with --user NAME (or ATMP_USER)")
    password = os.environ.get("ATMP_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise UserError("no password: set ATMP_PASSWORD or run the command in a terminal")
        password = getpass.getpass(f"Password for {username}: ")
    return username, password


def sign_in(args: argparse.Namespace, svc: "Services") -> None:
    username, password = credentials(args)
    svc.sign_in(username, password)


def read_document_text(path: str) -> str:
    """A pathway document's text from a file, or standard input for ``-``."""
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


# -- output ---------------------------------------------------------------------------------


def out_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def table(rows: Sequence[Sequence[str]]) -> None:
    """Columns padded to their widest cell, a rule under the first row (the heading)."""
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def print_findings(findings: Sequence[Finding], lang: str, with_pathway: bool = False) -> None:
    if not findings:
        print("No findings.")
        return
    for f in findings:
        where = f" [{event_name(f.event, lang)}]" if f.event else ""
        pid = f"pathway {f.params.get('_pathway')}: " if with_pathway and "_pathway" in f.params else ""
        print(f"{f.severity.value.upper():8} {f.code:22} {pid}{f.message(lang)}{where}")


def print_pathway(pathway: "Pathway", lang: str = "en") -> None:
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
    table(rows)


def report_findings(findings: Sequence[Finding], as_json: bool, lang: str, pathway_ids: Sequence[Any] | None = None) -> int:
    """Print *findings* (as JSON or lines); the exit code they mean (1 with an ``error``)."""
    if as_json:
        items = []
        for i, f in enumerate(findings):
            item = f.to_json(lang)
            if pathway_ids is not None:
                item["pathway"] = pathway_ids[i]
            items.append(item)
        out_json({"findings": items})
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
