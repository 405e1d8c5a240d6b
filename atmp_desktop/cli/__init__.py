"""The command line: ``atmp-desktop`` (also ``python -m atmp_desktop``); with no command it opens the window.

    main.py      the entry point: opens the window, or builds the parser from the
                 command modules below and runs the command given
    common.py    what every command module needs: UserError and the exit codes,
                 the parser class, argument types and options, the store, output
    plan.py      products, plan
    check.py     check (a document, a stored pathway, every stored pathway)
    store.py     pathways, patients, export, import, record, cancel, audit,
                 backup, restore, demo, users, info
    capacity.py  plan --earliest/--site, replan
    reports.py   checklist (PDF)

Imports point one way: this file and nothing else imports ``main``; ``main``
imports the command modules; they import ``common`` (``plan`` also reaches
``capacity`` for ``plan --site``). Once the package is imported,
``atmp_desktop.cli.main`` names the function; the module is reached with
``from atmp_desktop.cli.main import run``.
"""

from atmp_desktop.cli.main import main

__all__ = ["main"]
