"""The Patients list's rules on a big store (issue 11): what it shows, in which order, without every row.

A centre network reaches 100,000 pathways. Building a row object for each
one, and a Qt proxy filtering them, took seconds; so the list is kept as
plain columns instead:

* :class:`PathwayIndex` holds, for every pathway the user may see, only what
  the list filters and sorts by (``PathwayService.list_keys()``: no events,
  no row objects), as parallel Python lists. Filtering is a list
  comprehension over them (typing another letter only looks again at the
  rows that matched the letters before), sorting is one ``sorted()`` per
  column and direction, kept. It answers with pathway ids in display order;
  the rows themselves are read a page at a time
  (``PathwayService.rows_by_ids()``), for what is on screen.
* Before the index is read (it is read just after the first paint), the
  first screenful comes straight from SQL: ``PathwayService.list_page()``
  counts and pages the default order (patient name) with the structured
  filters; see :func:`sql_answers`.

The rules are those of :func:`atmp_desktop.services.csv_export.filter_pathways`
(the command line's ``export patients-csv``), which the tests hold it to. No
Qt here: ``ui/models.py`` is the table model over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Mapping, Sequence

from atmp_desktop.services.csv_export import ACTIVE, CLOSED_STAGES

__all__ = ("ACTIVE", "CLOSED_STAGES", "COLUMNS", "PathwayFilter", "PathwayIndex", "needles_of", "sql_answers")

#: The list's columns, in order (the table model's too).
COLUMNS = ("patient", "identifier", "site", "product", "indication", "stage", "infusion", "findings", "updated")

STAGE_ORDER = {s: n for n, s in enumerate(
    ("awaiting_apheresis", "in_manufacturing", "product_in_storage", "lymphodepletion", "infused", "completed",
     "cancelled"))}


@dataclass(frozen=True)
class PathwayFilter:
    """What the Patients list shows; empty fields mean "any"."""

    site: str | None = None
    product: str | None = None
    #: a stage, ``ACTIVE`` (neither completed nor cancelled) or None (any)
    stage: str | None = None
    #: None any, "errors" at least one open error, "any" at least one open error or warning, "none" no findings
    findings: str | None = None
    text: str = ""
    patient_id: int | None = None

    def narrows(self, before: "PathwayFilter") -> bool:
        """True when everything this shows was shown under *before* (more letters typed, nothing else)."""
        return (self.text.casefold().startswith(before.text.casefold())
                and (self.site, self.product, self.stage, self.findings, self.patient_id)
                == (before.site, before.product, before.stage, before.findings, before.patient_id))


def needles_of(text: str) -> list[str]:
    """The words a text filter looks for: case-folded, hyphens dropped (``19811218-9876`` finds the number)."""
    return [w for w in text.casefold().replace("-", "").split() if w]


def sql_answers(criteria: PathwayFilter, column: str, descending: bool) -> bool:
    """Whether ``PathwayService.list_page()`` can page this without the index: no text, ordered by patient."""
    del descending  # either direction
    return column == "patient" and not needles_of(criteria.text)


class PathwayIndex:
    """The filter and sort keys of every pathway the user may see; see the module docstring.

    *keys* are ``PathwayService.list_keys()`` tuples, ordered by id;
    *site_names* and *product_names* the names the list shows (searched and
    sorted by, as the user reads them); *infusion_days* is asked once, the
    first time the list is sorted by infusion day.
    """

    def __init__(self, keys: Sequence[tuple], site_names: Mapping[str, str] | None = None,
                 product_names: Mapping[str, str] | None = None,
                 infusion_days: Callable[[], Mapping[int, date]] | None = None):
        self.site_names = dict(site_names or {})
        self.product_names = dict(product_names or {})
        self._infusion_days = infusion_days
        if keys:
            columns = [list(c) for c in zip(*keys)]
        else:
            columns = [[] for _ in range(12)]
        (ids, patient_ids, sites, products, stages, errors, warnings, family, given, identifiers, indications,
         updated) = columns

        def shared(values: list[Any]) -> list[Any]:  # one object per distinct value (a few hundred names)
            one = {v: v for v in set(values)}
            return [one[v] for v in values]

        self.ids: list[int] = ids
        self.patient_ids: list[int] = patient_ids
        self.sites: list[str] = shared(sites)
        self.products: list[str] = shared(products)
        self.stages: list[str] = shared(stages)
        self.errors: list[int] = errors
        self.warnings: list[int] = warnings
        self.family: list[str] = shared(family)
        self.given: list[str] = shared(given)
        self.identifiers: list[str] = identifiers
        self.indications: list[str | None] = shared(indications)
        self.updated: list[str] = [u or "" for u in updated]
        sn = {s: self.site_names.get(s, s) for s in set(sites)}
        pn = {p: f"{self.product_names.get(p, p)} {p}" for p in set(products)}
        # What the text filter searches: names, the personnummer, product (name and id), site name,
        # indication and pathway id, as the list always searched.
        self.hay: list[str] = [
            f"{g} {f} {i} {pn[p]} {sn[s]} {ind or ''} {pid}".casefold()
            for pid, s, p, f, g, i, ind in zip(ids, sites, products, family, given, identifiers, indications)]
        self._orders: dict[tuple[str, bool], list[int]] = {}
        self._last: tuple[PathwayFilter, str, bool, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    # -- order -------------------------------------------------------------------------------

    def _keys(self, column: str) -> list[Any]:
        n = range(len(self.ids))
        if column == "patient":
            folded = {v: v.casefold() for v in {*self.family, *self.given}}  # (names repeat: fold each once)
            return [f"{folded[f]}\x00{folded[g]}" for f, g in zip(self.family, self.given)]
        if column == "identifier":
            return self.identifiers
        if column == "site":
            names = {s: self.site_names.get(s, s).casefold() for s in set(self.sites)}
            return [names[s] for s in self.sites]
        if column == "product":
            names = {p: self.product_names.get(p, p).casefold() for p in set(self.products)}
            return [names[p] for p in self.products]
        if column == "indication":
            names = {i: (i or "").casefold() for i in set(self.indications)}
            return [names[i] for i in self.indications]
        if column == "stage":
            return [STAGE_ORDER.get(s, 99) for s in self.stages]
        if column == "infusion":
            days = self._infusion_days() if self._infusion_days is not None else {}
            never = date.max.toordinal()
            return [days[i].toordinal() if i in days else never for i in self.ids]
        if column == "findings":
            e, w = self.errors, self.warnings
            return [(e[k], w[k]) for k in n]
        if column == "updated":
            return self.updated  # UTC ISO text sorts as time does
        raise ValueError(f"no column {column!r}")

    def order(self, column: str, descending: bool = False) -> list[int]:
        """Every position in display order for *column* (ties in pathway-id order, either direction)."""
        found = self._orders.get((column, descending))
        if found is None:
            keys = self._keys(column)
            # sorted() is stable and keeps ties in their first order even with reverse=True
            found = self._orders[(column, descending)] = sorted(range(len(self.ids)), key=keys.__getitem__,
                                                                reverse=descending)
        return found

    # -- filter --------------------------------------------------------------------------------

    def positions(self, c: PathwayFilter, column: str = "patient", descending: bool = False) -> list[int]:
        """The positions (into the columns) of the pathways *c* shows, in display order."""
        last = self._last
        if last is not None and last[1] == column and last[2] == descending and c.narrows(last[0]):
            shown = last[3]
            old = needles_of(last[0].text)
            needles = [n for n in needles_of(c.text) if n not in old]
        else:
            shown = self.order(column, descending)
            if c.site:
                v, s = self.sites, c.site
                shown = [k for k in shown if v[k] == s]
            if c.product:
                v, p = self.products, c.product
                shown = [k for k in shown if v[k] == p]
            if c.stage == ACTIVE:
                v = self.stages
                shown = [k for k in shown if v[k] not in CLOSED_STAGES]
            elif c.stage:
                v, st = self.stages, c.stage
                shown = [k for k in shown if v[k] == st]
            if c.patient_id is not None:
                v, pid = self.patient_ids, c.patient_id
                shown = [k for k in shown if v[k] == pid]
            e, w = self.errors, self.warnings
            if c.findings == "errors":
                shown = [k for k in shown if e[k]]
            elif c.findings == "any":
                shown = [k for k in shown if e[k] or w[k]]
            elif c.findings == "none":
                shown = [k for k in shown if not (e[k] or w[k])]
            needles = needles_of(c.text)
        hay = self.hay
        for n in needles:
            shown = [k for k in shown if n in hay[k]]
        self._last = (c, column, descending, shown)
        return shown

    def ids_for(self, c: PathwayFilter, column: str = "patient", descending: bool = False) -> list[int]:
        """The ids of the pathways *c* shows, in display order."""
        ids = self.ids
        return [ids[k] for k in self.positions(c, column, descending)]
