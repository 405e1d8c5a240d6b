"""Fill resources/translations/atmp_sv.ts from the Swedish phrase books in resources/translations/sv/*.json.

Each JSON file maps a Qt translation context (the class name tr() was called
in) to {English source: Swedish translation}. Keeping the phrases in small
per-area files lets several people translate at once; the .ts file stays the
format Qt Linguist and lrelease read. Sources with no Swedish phrase are left
unfinished and listed, so a missing translation is visible.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "atmp_sv.ts"
BOOKS = ROOT / "resources" / "translations" / "sv"


def main() -> int:
    phrases: dict[str, dict[str, str]] = {}
    for book in sorted(BOOKS.glob("*.json")):
        for context, table in json.loads(book.read_text(encoding="utf-8")).items():
            phrases.setdefault(context, {}).update(table)
    tree = ET.parse(TS)
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            source = msg.findtext("source")
            tr = msg.find("translation")
            text = phrases.get(name, {}).get(source) or phrases.get("*", {}).get(source)
            if text:
                tr.text = text
                tr.attrib.pop("type", None)
            elif not (tr.text or "").strip():
                tr.set("type", "unfinished")
                missing.append(f"{name}: {source}")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    if missing:
        print(f"{len(missing)} source text(s) without Swedish:", *missing, sep="\n  ", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
