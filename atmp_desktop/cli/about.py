"""``atmp-desktop about``: what Help → About shows, on the command line (for IT and support).

The version, the build (date and commit of a packaged build, or "development
checkout"), the product catalogue's version and its sources' dates, and every
bundled library with its version and licence (read from the installed
metadata, as the dialog does). ``--json`` for a machine.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from atmp_desktop import APP_NAME, about
from atmp_desktop.cli.common import EXIT_OK
from atmp_desktop.paths import resource_path


def register(sub: Any) -> None:
    """Add the ``about`` command to the command line."""
    p = sub.add_parser("about", help="version, build, catalogue and the bundled libraries' licences")
    p.add_argument("--json", action="store_true", help="as JSON")
    p.set_defaults(func=cmd_about)


def facts() -> dict[str, Any]:
    c = about.catalogue_info()
    return {
        "name": APP_NAME,
        "version": about.application_version(),
        "build": about.build_info(),  # None: a development checkout
        "program_folder": str(Path(sys.executable).resolve().parent if about.frozen() else resource_path().parent),
        "catalogue": {"format": c.format, "version": c.version, "transcribed": c.transcribed, "digest": c.digest,
                      "products": c.products, "years": list(c.years) if c.years else None, "undated": c.undated,
                      "sources": [{"id": s.id, "kind": s.kind, "dates": s.dates} for s in c.sources]},
        "libraries": [{"name": lib.name, "version": lib.version, "licence": lib.licence}
                      for lib in about.bundled_libraries()],
    }


def cmd_about(args: argparse.Namespace) -> int:
    f = facts()
    if args.json:
        print(json.dumps(f, indent=1, ensure_ascii=False))
        return EXIT_OK
    build = f["build"]
    c = f["catalogue"]
    built = ("development checkout (not a packaged build)" if build is None
             else f"built {build.get('built', '?')}" + (f", commit {build['commit']}" if build.get("commit") else ""))
    years = f"{c['years'][0]}–{c['years'][1]}" if c["years"] else "none"
    print(f"{f['name']} {f['version']}\nbuild: {built}\nprogram: {f['program_folder']}\n"
          f"catalogue: {c['format']} version {c['version']}, transcribed {c['transcribed']}, {c['products']} products, "
          f"{len(c['sources'])} sources (dated {years}; {c['undated']} undated), digest {c['digest']}\nlibraries:")
    width = max(len(lib["name"]) + len(lib["version"]) for lib in f["libraries"]) + 1
    for lib in f["libraries"]:
        print(f"  {(lib['name'] + ' ' + lib['version']).ljust(width)}  {lib['licence']}")
    return EXIT_OK
