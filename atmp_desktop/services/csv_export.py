"""CSV of the Patients list and of a Calendar week, as the views show them (issue 14).

The file is UTF-8 with a byte-order mark (so that Excel reads å, ä, ö right),
comma-separated (``;`` on request: the Swedish Excel default), one line per
row, a heading line in the reader's language. A cell that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``@``, or ``-`` not
followed by a digit) is written with a leading apostrophe.

* Patients: one line per pathway in the order and with the filters of the
  list (site, product, stage, findings, text); the application passes the
  rows its list shows, the command line filters with :func:`filter_pathways`,
  the same rules as the list.
* Calendar week: one line per event per day it is listed on, as in the week
  grid (long events on their first and last day unless every day is asked
  for); the caller passes the day → entries mapping it shows.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from typing import Any, Iterable, Mapping, Sequence

from atmp_desktop.domain.messages import STAGE_NAMES, event_name

ACTIVE = "active"  # the stage filter "not completed and not cancelled", as in the Patients list
CLOSED_STAGES = frozenset({"completed", "cancelled"})
FINDINGS_FILTERS = ("errors", "any", "none")

_HEAD = {
    "en": {
        "pathway": "Pathway", "patient": "Patient", "identifier": "Personnummer", "site": "Site",
        "product": "Product", "indication": "Indication", "stage": "Stage", "infusion": "Infusion (day 0)",
        "errors": "Open errors", "warnings": "Open warnings", "updated": "Last changed",
        "date": "Date", "time": "Time", "event": "Event", "day": "Day of event", "done": "Done",
        "yes": "yes", "no": "no", "all_day": "all day",
    },
    "sv": {
        "pathway": "Vårdförlopp", "patient": "Patient", "identifier": "Personnummer", "site": "Enhet",
        "product": "Produkt", "indication": "Indikation", "stage": "Skede", "infusion": "Infusion (dag 0)",
        "errors": "Öppna fel", "warnings": "Öppna varningar", "updated": "Senast ändrad",
        "date": "Datum", "time": "Tid", "event": "Händelse", "day": "Dag av händelsen", "done": "Utförd",
        "yes": "ja", "no": "nej", "all_day": "heldag",
    },
}


def _words(lang: str) -> Mapping[str, str]:
    return _HEAD.get(lang, _HEAD["en"])


def _safe(value: Any) -> str:
    text = "" if value is None else str(value)
    if text and (text[0] in "=+@\t\r" or (text[0] == "-" and not text[1:2].isdigit())):
        return "'" + text
    return text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], delimiter: str = ",") -> bytes:
    """The CSV file's bytes: BOM, heading, rows; CRLF line ends (RFC 4180)."""
    if delimiter not in (",", ";", "\t"):
        raise ValueError(f"delimiter {delimiter!r}: use ',', ';' or a tab")
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow([_safe(h) for h in header])
    for row in rows:
        w.writerow([_safe(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


# -- Patients ----------------------------------------------------------------------------------


def filter_pathways(rows: Iterable[Any], *, site: str | None = None, product: str | None = None,
                    stage: str | None = ACTIVE, findings: str | None = None, text: str = "",
                    site_names: Mapping[str, str] | None = None,
                    product_names: Mapping[str, str] | None = None) -> list[Any]:
    """The rows the Patients list shows for these filters (its rules; ``stage`` ``active`` by default)."""
    site_names = site_names or {}
    product_names = product_names or {}
    needles = [w for w in text.casefold().replace("-", "").split() if w]
    out = []
    for r in rows:
        if site and r.site != site:
            continue
        if product and r.product != product:
            continue
        if stage == ACTIVE:
            if r.stage in CLOSED_STAGES:
                continue
        elif stage and r.stage != stage:
            continue
        if findings == "errors" and not r.open_errors:
            continue
        if findings == "any" and not (r.open_errors or r.open_warnings):
            continue
        if findings == "none" and (r.open_errors or r.open_warnings):
            continue
        if needles:
            hay = " ".join((r.given_name, r.family_name, r.identifier, product_names.get(r.product, r.product),
                            r.product, site_names.get(r.site, r.site), r.indication or "", str(r.id))).casefold()
            if not all(n in hay for n in needles):
                continue
        out.append(r)
    return out


def _minute(value: datetime | None) -> str:
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


def patients_table(rows: Iterable[Any], lang: str = "en", site_names: Mapping[str, str] | None = None,
                   product_names: Mapping[str, str] | None = None) -> tuple[list[str], list[list[Any]]]:
    """Heading and lines for the Patients list's *rows* (``PathwayRow``), in their order."""
    w = _words(lang)
    stages = STAGE_NAMES.get(lang, STAGE_NAMES["en"])
    site_names = site_names or {}
    product_names = product_names or {}
    header = [w[k] for k in ("patient", "identifier", "site", "product", "indication", "stage", "infusion",
                             "errors", "warnings", "updated", "pathway")]
    lines = [[r.patient_name, r.display_identifier, site_names.get(r.site, r.site),
              product_names.get(r.product, r.product), r.indication or "", stages.get(r.stage, r.stage),
              r.infusion_day.isoformat() if r.infusion_day else "", r.open_errors, r.open_warnings,
              _minute(r.updated_at), r.id] for r in rows]
    return header, lines


# -- Calendar week ------------------------------------------------------------------------------


def week_table(entries: Mapping[date, Sequence[Any]], lang: str = "en", site_names: Mapping[str, str] | None = None,
               product_names: Mapping[str, str] | None = None) -> tuple[list[str], list[list[Any]]]:
    """Heading and lines for a week's day → entries (``ui.calendar_data.Entry``: row, nth, days, time_text)."""
    w = _words(lang)
    site_names = site_names or {}
    product_names = product_names or {}
    header = [w[k] for k in ("date", "time", "event", "day", "done", "patient", "product", "site", "errors",
                             "warnings", "pathway")]
    lines = []
    for day in sorted(entries):
        for e in entries[day]:
            r = e.row
            name = event_name(r.label, lang)
            lines.append([
                day.isoformat(), e.time_text or w["all_day"], name[:1].upper() + name[1:],
                f"{e.nth}/{e.days}" if e.days > 1 else "", w["yes"] if r.actual_start is not None else w["no"],
                r.patient_name, product_names.get(r.product, r.product), site_names.get(r.site, r.site),
                r.open_errors, r.open_warnings, r.pathway_id,
            ])
    return header, lines
