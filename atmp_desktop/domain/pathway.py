"""A patient's pathway and its JSON interchange form, ``atmp-pathway/1``.

The document is also the referral format between sites, so reading it is
strict: an unknown field, kind, product, region or indication, an impossible
date, an end before its start or a local time that is skipped or repeated at a
daylight-saving change is refused with a :class:`DocumentError` naming what is
wrong, and nothing is guessed.

Each event has planned ``start``/``end`` and, once it happened, ``actual_start``
/``actual_end``; checks use the actual time where there is one.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Iterable, Mapping
from zoneinfo import ZoneInfo

from atmp_desktop.domain import timeutil
from atmp_desktop.domain.timeutil import TimeError, When

if TYPE_CHECKING:  # the catalogue is loaded on first use (start-up lists pathways without it)
    from atmp_desktop.domain.catalogue import Catalogue, ProductProfile

FORMAT = "atmp-pathway/1"

#: Event kinds in the order a pathway goes through them.
EVENT_KINDS = (
    "marker_test",
    "mobilisation",
    "apheresis",
    "manufacturing",
    "product_shipment",
    "product_receipt",
    "storage",
    "lymphodepletion",
    "conditioning",
    "thaw",
    "infusion",
    "post_infusion_drug",
    "monitoring",
    "follow_up",
)
#: The kinds added for products beyond CAR-T (issue 13): infectious-disease marker
#: tests, stem-cell mobilisation, myeloablative conditioning and drug courses after
#: infusion; see :mod:`atmp_desktop.domain.protocol`.
PROTOCOL_KINDS = ("marker_test", "mobilisation", "conditioning", "post_infusion_drug")
#: Event fields that carry a protocol detail: the markers a test covers, the drug
#: of a course, the mobilisation cycle, the CD34+ cells collected (× 10⁶/kg).
EVENT_DETAILS = ("markers", "drug", "cycle", "cd34_per_kg")

#: Stages of a pathway, in order, with the event kinds each stage requires.
STAGES = (
    "awaiting_apheresis",
    "in_manufacturing",
    "product_in_storage",
    "lymphodepletion",
    "infused",
    "completed",
    "cancelled",
)
STAGE_REQUIRES: Mapping[str, tuple[str, ...]] = {
    "awaiting_apheresis": (),
    "in_manufacturing": ("apheresis",),
    "product_in_storage": ("apheresis", "product_receipt", "storage"),
    "lymphodepletion": ("apheresis", "product_receipt", "storage", "lymphodepletion"),
    "infused": ("apheresis", "product_receipt", "storage", "thaw", "infusion"),
    "completed": ("apheresis", "product_receipt", "storage", "thaw", "infusion", "monitoring"),
    "cancelled": (),
}

_TOP_FIELDS = {
    "format", "product", "indication", "region", "timezone", "product_expiry",
    "tocilizumab_doses", "events", "ld_regimen", "stage", "coi_id",
    # carried by stored and exported pathways; plans printed with --json carry findings
    "id", "site", "patient", "status", "findings", "version", "profile_version", "note",
    "washouts",
}
_EVENT_FIELDS = {
    "kind", "start", "end", "actual_start", "actual_end", "shipper_hold_until",
    "max_temperature_c", "temperatures", "note", "recorded_by", "id", "site",
    "markers", "drug", "cycle", "cd34_per_kg",
}


#: The steps a washout can be required before.
WASHOUT_BEFORE = ("mobilisation", "apheresis", "lymphodepletion", "conditioning")


@dataclass(frozen=True)
class Washout:
    """A drug the patient had before the pathway: its last dose, and the step it must be washed out before.

    ``min_days`` is the pathway's own minimum (from the treating physician or a
    protocol); when it is None the product profile's washout rule for the drug
    applies.
    """

    drug: str
    last_dose: date
    before: str = "apheresis"
    min_days: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"drug": self.drug, "last_dose": self.last_dose.isoformat(), "before": self.before}
        if self.min_days is not None:
            out["min_days"] = self.min_days
        return out


class DocumentError(ValueError):
    """A pathway document that cannot be read; the message names what is wrong."""


@dataclass
class Event:
    """One step of a pathway: planned start/end and, once it happened, actual start/end."""

    kind: str
    start: When
    end: When | None = None
    actual_start: When | None = None
    actual_end: When | None = None
    shipper_hold_until: datetime | None = None
    max_temperature_c: float | None = None
    temperatures: list[tuple[datetime, float]] = field(default_factory=list)
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    label: str = ""
    _day_cache: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def when(self) -> When:
        """When it starts: the actual start if recorded, else the planned start."""
        return self.actual_start if self.actual_start is not None else self.start

    @property
    def until(self) -> When | None:
        """When it ends: the actual end if recorded, else the planned end (may be None)."""
        if self.actual_start is not None or self.actual_end is not None:
            return self.actual_end
        return self.end

    @property
    def happened(self) -> bool:
        return self.actual_start is not None

    def first_day(self, tz: ZoneInfo) -> date:
        when = self.when
        cached = self._day_cache
        # Checks ask for an event's local day many times; remember it for as
        # long as the event's effective start and the zone stay the same.
        if cached is not None and cached[0] is when and cached[1] is tz:
            return cached[2]
        day = when.astimezone(tz).date() if isinstance(when, datetime) else when
        self._day_cache = (when, tz, day)
        return day

    def last_day(self, tz: ZoneInfo) -> date:
        end = self.until
        return timeutil.local_day(end if end is not None else self.when, tz)

    def to_json(self, tz: ZoneInfo) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "start": timeutil.format_when(self.start, tz)}
        if self.end is not None:
            out["end"] = timeutil.format_when(self.end, tz)
        if self.actual_start is not None:
            out["actual_start"] = timeutil.format_when(self.actual_start, tz)
        if self.actual_end is not None:
            out["actual_end"] = timeutil.format_when(self.actual_end, tz)
        if self.shipper_hold_until is not None:
            out["shipper_hold_until"] = timeutil.format_when(self.shipper_hold_until, tz)
        if self.max_temperature_c is not None:
            out["max_temperature_c"] = self.max_temperature_c
        if self.temperatures:
            out["temperatures"] = [
                {"time": timeutil.format_when(t, tz), "celsius": c} for t, c in self.temperatures
            ]
        if self.note:
            out["note"] = self.note
        out.update(self.extra)
        return out


@dataclass
class Pathway:
    """One patient's course through one product."""

    product: str
    region: str = "EU"
    indication: str | None = None
    timezone: str = timeutil.DEFAULT_TIMEZONE
    product_expiry: date | None = None
    tocilizumab_doses: int | None = None
    ld_regimen: str | None = None
    stage: str | None = None
    coi_id: str | None = None
    events: list[Event] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    washouts: list[Washout] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.relabel()

    @property
    def tz(self) -> ZoneInfo:
        return timeutil.zone(self.timezone)

    def relabel(self) -> None:
        """Sort events by time and give each a label: ``infusion``, ``infusion#2``, …"""
        tz = self.tz
        order = {k: i for i, k in enumerate(EVENT_KINDS)}

        def key(e: Event) -> tuple:
            w = e.when
            return (e.first_day(tz), order[e.kind], w.timestamp() if isinstance(w, datetime) else 0.0)

        self.events.sort(key=key)
        counts: dict[str, int] = {}
        totals: dict[str, int] = {}
        for e in self.events:
            totals[e.kind] = totals.get(e.kind, 0) + 1
        for e in self.events:
            counts[e.kind] = counts.get(e.kind, 0) + 1
            e.label = e.kind if totals[e.kind] == 1 else f"{e.kind}#{counts[e.kind]}"

    def of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]

    def first(self, kind: str) -> Event | None:
        for e in self.events:
            if e.kind == kind:
                return e
        return None

    def last(self, kind: str) -> Event | None:
        found = None
        for e in self.events:
            if e.kind == kind:
                found = e
        return found

    def infusion_day(self) -> date | None:
        inf = self.first("infusion")
        return inf.first_day(self.tz) if inf else None

    def day_number(self, day: date) -> int | None:
        """The label's day number of *day*: infusion is day 0, LD days are negative."""
        d0 = self.infusion_day()
        return None if d0 is None else (day - d0).days

    def profile(self, catalogue: Catalogue | None = None) -> ProductProfile:
        from atmp_desktop.domain.catalogue import shipped_catalogue

        return (catalogue or shipped_catalogue()).profile(self.product, self.region)

    # -- the document ---------------------------------------------------------

    def to_document(self) -> dict[str, Any]:
        tz = self.tz
        doc: dict[str, Any] = {"format": FORMAT}
        for key in ("id", "site"):
            if key in self.extra:
                doc[key] = self.extra[key]
        doc["product"] = self.product
        if self.indication:
            doc["indication"] = self.indication
        doc["region"] = self.region
        doc["timezone"] = self.timezone
        if self.ld_regimen:
            doc["ld_regimen"] = self.ld_regimen
        if self.stage:
            doc["stage"] = self.stage
        if self.coi_id:
            doc["coi_id"] = self.coi_id
        if self.product_expiry:
            doc["product_expiry"] = self.product_expiry.isoformat()
        if self.tocilizumab_doses is not None:
            doc["tocilizumab_doses"] = self.tocilizumab_doses
        for key, value in self.extra.items():
            if key not in doc:
                doc[key] = value
        if self.washouts:
            doc["washouts"] = [w.to_json() for w in self.washouts]
        doc["events"] = [e.to_json(tz) for e in self.events]
        return doc

    @classmethod
    def from_document(cls, doc: Any, catalogue: Catalogue | None = None) -> "Pathway":
        return parse_document(doc, catalogue)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DocumentError(f"{what}: {value!r} is not a number")
    # JSON readers accept NaN and Infinity; a NaN temperature would compare as "not too warm".
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise DocumentError(f"{what}: {value!r} is not a finite number")
    return number


def _event(raw: Any, index: int, tz: ZoneInfo) -> Event:
    if not isinstance(raw, Mapping):
        raise DocumentError(f"events[{index}]: each event must be an object")
    unknown = set(raw) - _EVENT_FIELDS
    if unknown:
        raise DocumentError(f"events[{index}]: unknown field {sorted(unknown)[0]!r}")
    kind = raw.get("kind")
    if kind not in EVENT_KINDS:
        raise DocumentError(
            f"events[{index}]: unknown event kind {kind!r}; known: {', '.join(EVENT_KINDS)}"
        )
    where = f"events[{index}] ({kind})"
    if raw.get("start") is None:
        raise DocumentError(f"{where}: 'start' is missing")

    def when(name: str) -> When | None:
        if raw.get(name) is None:
            return None
        return timeutil.parse_when(raw[name], tz, f"{where} {name}")

    start, end = when("start"), when("end")
    actual_start, actual_end = when("actual_start"), when("actual_end")
    # (the texts are stripped as they were read: a line break in a value must not split the message)
    _ordered(start, end, tz, f"{where}: end {_text(raw, 'end')} is before start {_text(raw, 'start')}")
    if actual_end is not None and actual_start is None:
        raise DocumentError(f"{where}: actual_end given without actual_start")
    _ordered(
        actual_start, actual_end, tz,
        f"{where}: actual_end {_text(raw, 'actual_end')} is before actual_start {_text(raw, 'actual_start')}",
    )
    hold = when("shipper_hold_until")
    if hold is not None and not isinstance(hold, datetime):
        raise DocumentError(f"{where}: shipper_hold_until needs a time, not only a date")
    max_temp = raw.get("max_temperature_c")
    temps = []
    if not isinstance(raw.get("temperatures") or [], list):
        raise DocumentError(f"{where}: 'temperatures' must be a list of {{'time', 'celsius'}}")
    for j, reading in enumerate(raw.get("temperatures") or []):
        if not isinstance(reading, Mapping) or "time" not in reading or "celsius" not in reading:
            raise DocumentError(f"{where} temperatures[{j}]: needs 'time' and 'celsius'")
        t = timeutil.parse_when(reading["time"], tz, f"{where} temperatures[{j}]")
        if not isinstance(t, datetime):
            raise DocumentError(f"{where} temperatures[{j}]: needs a time, not only a date")
        temps.append((t, _number(reading["celsius"], f"{where} temperatures[{j}] celsius")))
    note = raw.get("note")
    extra = {k: raw[k] for k in ("recorded_by", "id", "site") if k in raw}
    extra.update(_details(raw, where))
    return Event(
        kind=kind,
        start=start,  # type: ignore[arg-type]
        end=end,
        actual_start=actual_start,
        actual_end=actual_end,
        shipper_hold_until=hold,  # type: ignore[arg-type]
        max_temperature_c=None if max_temp is None else _number(max_temp, f"{where} max_temperature_c"),
        temperatures=temps,
        note=note if isinstance(note, str) else None,
        extra=extra,
    )


def _details(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """The protocol details of an event (see :data:`EVENT_DETAILS`), checked for their type."""
    out: dict[str, Any] = {}
    markers = raw.get("markers")
    if markers is not None:
        if not isinstance(markers, list) or not markers or not all(isinstance(m, str) and m.strip() for m in markers):
            raise DocumentError(f"{where}: 'markers' must be a list of marker names such as ['HIV', 'HBV']")
        out["markers"] = [m.strip() for m in markers]
    drug = raw.get("drug")
    if drug is not None:
        if not isinstance(drug, str) or not drug.strip():
            raise DocumentError(f"{where}: 'drug' must be a drug name")
        out["drug"] = drug.strip()
    cycle = raw.get("cycle")
    if cycle is not None:
        if isinstance(cycle, bool) or not isinstance(cycle, int) or cycle < 1:
            raise DocumentError(f"{where}: 'cycle' must be a whole number from 1")
        out["cycle"] = cycle
    dose = raw.get("cd34_per_kg")
    if dose is not None:
        value = _number(dose, f"{where} cd34_per_kg")
        if value < 0:
            raise DocumentError(f"{where}: cd34_per_kg cannot be negative")
        out["cd34_per_kg"] = value
    return out


def _washouts(raw: Any) -> list["Washout"]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise DocumentError("'washouts' must be a list of {'drug', 'last_dose', 'before'}")
    out = []
    for i, item in enumerate(raw):
        where = f"washouts[{i}]"
        if not isinstance(item, Mapping):
            raise DocumentError(f"{where}: each washout must be an object")
        unknown = set(item) - {"drug", "last_dose", "before", "min_days"}
        if unknown:
            raise DocumentError(f"{where}: unknown field {sorted(unknown)[0]!r}")
        drug = item.get("drug")
        if not isinstance(drug, str) or not drug.strip():
            raise DocumentError(f"{where}: 'drug' must be a drug name")
        if item.get("last_dose") is None:
            raise DocumentError(f"{where}: 'last_dose' is missing")
        last = timeutil.parse_date(item["last_dose"], f"{where} last_dose")
        before = item.get("before", "apheresis")
        if before not in WASHOUT_BEFORE:
            raise DocumentError(f"{where}: 'before' must be one of {', '.join(WASHOUT_BEFORE)}, got {before!r}")
        min_days = item.get("min_days")
        if min_days is not None and (isinstance(min_days, bool) or not isinstance(min_days, int) or min_days < 1):
            raise DocumentError(f"{where}: 'min_days' must be a whole number of days from 1")
        out.append(Washout(drug.strip(), last, before, min_days))
    return out


def _text(raw: Mapping[str, Any], name: str) -> str:
    return str(raw.get(name)).strip()


def _ordered(start: When | None, end: When | None, tz: ZoneInfo, message: str) -> None:
    if start is None or end is None:
        return
    if isinstance(start, datetime) and isinstance(end, datetime):
        if end < start:
            raise DocumentError(message)
    elif timeutil.local_day(end, tz) < timeutil.local_day(start, tz):
        raise DocumentError(message)


def parse_document(doc: Any, catalogue: Catalogue | None = None) -> Pathway:
    """Read an ``atmp-pathway/1`` document (a dict or JSON text) into a :class:`Pathway`."""
    from atmp_desktop.domain.catalogue import REGIONS, CatalogueError, shipped_catalogue

    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(doc)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
        except UnicodeDecodeError as exc:  # bytes: json reads UTF-8, -16 or -32
            raise DocumentError(
                f"not valid JSON: not {exc.encoding.upper()} text ({exc.reason} at byte {exc.start})") from None
    if not isinstance(doc, Mapping):
        raise DocumentError("a pathway document must be a JSON object")
    if doc.get("format") != FORMAT:
        raise DocumentError(f"'format' must be {FORMAT!r}, got {doc.get('format')!r}")
    unknown = set(doc) - _TOP_FIELDS
    if unknown:
        raise DocumentError(f"unknown field {sorted(unknown)[0]!r}")
    catalogue = catalogue or shipped_catalogue()
    product = doc.get("product")
    if product is None:
        raise DocumentError("'product' is missing")
    if not isinstance(product, str):
        raise DocumentError(f"'product' must be a product id as text, got {product!r}")
    region = doc.get("region", "EU")
    if not isinstance(region, str) or region.upper() not in REGIONS:
        raise DocumentError(f"unknown region {region!r}; known: {', '.join(REGIONS)}")
    region = region.upper()
    try:
        profile = catalogue.profile(product, region)
        indication = doc.get("indication")
        if indication is not None:
            if not isinstance(indication, str):
                raise DocumentError("'indication' must be text")
            indication = profile.indication(indication).id
        regimen = doc.get("ld_regimen")
        if regimen is not None:
            profile.indication(indication).regimen(regimen)
    except CatalogueError as exc:
        raise DocumentError(str(exc)) from None
    tzname = doc.get("timezone", timeutil.DEFAULT_TIMEZONE)
    if not isinstance(tzname, str):
        raise DocumentError(f"timezone: {tzname!r} is not a time-zone name such as 'Europe/Stockholm'")
    try:
        tz = timeutil.zone(tzname)
        expiry = doc.get("product_expiry")
        expiry_date = None if expiry is None else timeutil.parse_date(expiry, "product_expiry")
        events_raw = doc.get("events")
        if not isinstance(events_raw, list):
            raise DocumentError("'events' must be a list")
        events = [_event(raw, i, tz) for i, raw in enumerate(events_raw)]
    except TimeError as exc:
        raise DocumentError(str(exc)) from None
    doses = doc.get("tocilizumab_doses")
    if doses is not None and (isinstance(doses, bool) or not isinstance(doses, int) or doses < 0):
        raise DocumentError(f"tocilizumab_doses: {doses!r} is not a whole number of doses")
    stage = doc.get("stage")
    if stage is not None and stage not in STAGES:
        raise DocumentError(f"unknown stage {stage!r}; known: {', '.join(STAGES)}")
    extra = {k: doc[k] for k in ("id", "site", "patient", "status", "note") if k in doc}
    try:
        washouts = _washouts(doc.get("washouts"))
    except TimeError as exc:
        raise DocumentError(str(exc)) from None
    return Pathway(
        product=profile.product_id,
        region=region,
        indication=indication,
        timezone=tzname,
        product_expiry=expiry_date,
        tocilizumab_doses=doses,
        ld_regimen=regimen,
        stage=stage,
        coi_id=doc.get("coi_id"),
        events=events,
        extra=extra,
        washouts=washouts,
    )


def events_by_kind(events: Iterable[Event]) -> dict[str, list[Event]]:
    out: dict[str, list[Event]] = {}
    for e in events:
        out.setdefault(e.kind, []).append(e)
    return out
