"""``atmp-desktop`` (also ``python -m atmp_desktop``): the entry point of the program.

With no command (or only ``--db PATH``) it opens the application: :func:`main`
hands over to :func:`atmp_desktop.app.start` before anything else of the
command line is imported, so the window starts as quickly as with
``python -m atmp_desktop.app``. Otherwise it builds the parser from the
command modules (each adds its commands with ``register(sub)``) and runs the
command given.

Exit codes: 0 success (no ``error`` finding), 1 an ``error`` finding, 2 bad
input or a refused file (one line on standard error), 3 an unexpected failure
(one line; the details go to the log). Never a traceback.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Callable, Sequence

from atmp_desktop.settings import window_db

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)

EXIT_OK, EXIT_INPUT, EXIT_INTERNAL = 0, 2, 3  # as in atmp_desktop.cli.common, which the window need not import


def main(argv: Sequence[str] | None = None) -> int:
    """The console script's entry point: the window, or the command named in *argv* (default ``sys.argv``)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    window = window_db(sys.argv[1:] if argv is None else argv)
    if window is not None:
        return _guarded(lambda: open_window(window.db))
    return run(argv)


def run(argv: Sequence[str] | None = None, window: Callable[[str | None], int] | None = None) -> int:
    """Parse *argv* and run its command (with none, *window* opens the window; by default the application)."""
    return _guarded(lambda: _run(argv, window or open_window))


def open_window(db: str | None) -> int:
    from atmp_desktop.app import start

    return start(db)


def build_parser() -> "argparse.ArgumentParser":
    # Imported here, not above: opening the window needs none of them.
    from atmp_desktop import APP_NAME, __version__
    from atmp_desktop.cli import about, capacity, check, interop, plan, reports, store
    from atmp_desktop.cli.common import PROG, CliParser, add_db_everywhere

    parser = CliParser(
        prog=PROG,
        description=f"{APP_NAME}: plan and check CAR-T pathways. With no command, opens the application.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: ATMP_DB, else the per-user data folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)
    for commands in (plan, check, store, reports, capacity, interop, about):  # the order --help lists them in
        commands.register(sub)
    # Last, so that every subcommand (also those registered above) takes --db PATH.
    add_db_everywhere(sub)
    return parser


def _run(argv: Sequence[str] | None, window: Callable[[str | None], int]) -> int:
    from atmp_desktop.cli.common import UserError

    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            return window(args.db)
        return args.func(args)
    except UserError as exc:
        _say(str(exc))
        return exc.code


def _guarded(work: Callable[[], int]) -> int:
    """*work*'s exit code; whatever it raises becomes one line on standard error and an exit code."""
    try:
        return work()
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - no traceback reaches a user
        log.debug("unexpected failure", exc_info=True)
        from atmp_desktop.errors import record_crash

        where = record_crash(exc)
        _say(f"unexpected error: {exc.__class__.__name__}: {exc} (details: {where})")
        return EXIT_INTERNAL


#: What str.splitlines() breaks a line at: shown escaped, so that an error is always one line.
_LINE_BREAKS = {ord(ch): repr(ch)[1:-1] for ch in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def _say(message: str) -> None:
    sys.stderr.write(f"atmp-desktop: {message.translate(_LINE_BREAKS)}\n")
