"""Replanning: when an event moves, the revised pathway the planner's rules give, and what that changes.

A :class:`Change` names what moved and by how many days:

* ``apheresis`` — the collection moves (to an open apheresis day); manufacturing
  moves with it. With mobilisation cycles (a stem-cell product) every
  collection not yet made moves by the same number of days, to the first shift
  on which all of them fall on open apheresis days, so the cycles keep their
  order and the days between them; their mobilisation courses and a marker
  test not yet taken move with them.
* ``manufacturing`` — the manufacturer's release moves (a delay is positive).
* ``product_receipt`` — the shipment arrives on another cell-lab open day.
* ``lymphodepletion`` — the patient is not fit to start lymphodepletion.
* ``conditioning`` — the same for a product conditioned instead (busulfan):
  the course moves and the infusion keeps the label's gap after its last dose.
* ``infusion`` — the infusion moves (to a day the ward and the cell lab are
  open); a lymphodepletion or conditioning course not yet given moves with it,
  keeping its gap. Drug courses after infusion (IL-2 after a TIL product) move
  with the infusion, keeping their day numbers.
* ``remanufacture`` — the product is out of specification and made again: a
  new manufacturing run starts *shift* days after the first one ended.

What follows the moved event is placed by the planner's rules: the product is
received on a cell-lab open day (shipment days after release); lymphodepletion
starts the day after receipt at the earliest; the infusion lies the label's
nominal gap after the last lymphodepletion day, on a day the ward and the cell
lab are open. Later events move only as far as a rule forces them, never
earlier by themselves (shift them yourself to bring them forward).

What has happened (an event with an actual start) is never moved. When
lymphodepletion has already been given, the infusion still keeps the planner's
distance from the new receipt; if that puts it outside the label's window
after the course given, the proposal carries the ``LD_TO_INFUSION`` error and a
suggestion to repeat lymphodepletion, with the repeat course planned.
Myeloablative conditioning is not repeated: when a busulfan course already given
no longer fits the infusion, the proposal is refused (:attr:`Proposal.refusal`,
a ``CONDITIONING_TO_INFUSION`` error saying why) and cannot be applied.

Nothing is applied: :func:`propose` works on a copy and returns a
:class:`Proposal` (the revised pathway, the events before and after, and the
findings that appear, disappear or remain). The store applies a confirmed
proposal, with its reason, in one audited transaction.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any, TYPE_CHECKING

from atmp_desktop.domain import messages, timeutil
from atmp_desktop.domain.catalogue import ProductProfile
from atmp_desktop.domain.checks import check_pathway
from atmp_desktop.domain.findings import Finding, error, sort_findings
from atmp_desktop.domain.pathway import Event, Pathway
from atmp_desktop.domain.planner import Planner, PlanningError, PlanRequest
from atmp_desktop.domain.timeutil import TimeError, When

if TYPE_CHECKING:
    from atmp_desktop.domain.capacity import Load

#: The changes :func:`propose` understands (``--event`` on the command line).
CHANGE_KINDS = (
    "apheresis", "manufacturing", "product_receipt", "lymphodepletion", "conditioning", "infusion", "remanufacture",
)
#: The pre-infusion courses: lymphodepletion, or myeloablative conditioning in its place.
COURSE_KINDS = ("lymphodepletion", "conditioning")


class ReplanError(ValueError):
    """A change that cannot be proposed (the event is missing or has already happened…)."""


@dataclass(frozen=True)
class Change:
    """What moved: an event kind (or ``remanufacture``) and by how many days."""

    event: str
    shift_days: int
    reason: str | None = None

    def __post_init__(self) -> None:
        if self.event not in CHANGE_KINDS:
            raise ReplanError(f"unknown event {self.event!r} to move; known: {', '.join(CHANGE_KINDS)}")
        if isinstance(self.shift_days, bool) or not isinstance(self.shift_days, int):
            raise ReplanError(f"the shift must be a whole number of days, got {self.shift_days!r}")
        if self.event == "remanufacture":
            if self.shift_days < 0:
                raise ReplanError("a remanufacturing run cannot start before the first run ended")
        elif self.shift_days == 0:
            raise ReplanError("a shift of 0 days changes nothing")


@dataclass(frozen=True)
class EventChange:
    """One event before and after the change (``None`` where it did not exist)."""

    kind: str
    label_before: str | None
    label_after: str | None
    before: tuple[When, When | None] | None
    after: tuple[When, When | None] | None

    @property
    def status(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "unchanged" if self.before == self.after else "moved"

    def to_json(self, tz) -> dict[str, Any]:
        def span(s: tuple[When, When | None] | None) -> dict[str, str] | None:
            if s is None:
                return None
            out = {"start": timeutil.format_when(s[0], tz)}
            if s[1] is not None:
                out["end"] = timeutil.format_when(s[1], tz)
            return out

        return {
            "event": self.label_after or self.label_before, "kind": self.kind, "status": self.status,
            "before": span(self.before), "after": span(self.after),
        }


@dataclass
class Suggestion:
    """Advice that comes with a proposal, with the alternative pathway it describes."""

    key: str
    params: dict[str, Any]
    pathway: Pathway | None = None
    findings: list[Finding] = field(default_factory=list)

    def message(self, lang: str = "en") -> str:
        return messages.render(self.key, self.params, lang)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "message": self.message(lang)}
        if self.pathway is not None:
            out["pathway"] = self.pathway.to_document()
            out["findings"] = [f.to_json(lang) for f in self.findings]
        return out


def _identity(f: Finding) -> tuple:
    """Findings are the same across the change when code, message and event kind and period agree."""
    p = f.params
    period = p.get("day") or p.get("first") or p.get("week")
    kind = (f.event or "").partition("#")[0]
    return (f.code, f.key, kind, p.get("resource"), period)


@dataclass
class Proposal:
    """A revised pathway, not applied, with what changes and which findings appear or disappear."""

    original: Pathway
    pathway: Pathway
    change: Change
    events: list[EventChange]
    findings_before: list[Finding]
    findings_after: list[Finding]
    suggestions: list[Suggestion] = field(default_factory=list)
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    pathway_id: str | None = None
    description_params: dict[str, Any] = field(default_factory=dict)
    #: Why the proposal cannot be applied (conditioning given that no longer fits), else None.
    refusal: Finding | None = None

    @property
    def moved(self) -> list[EventChange]:
        return [e for e in self.events if e.status != "unchanged"]

    @property
    def appeared(self) -> list[Finding]:
        before = {_identity(f) for f in self.findings_before}
        return [f for f in self.findings_after if _identity(f) not in before]

    @property
    def disappeared(self) -> list[Finding]:
        after = {_identity(f) for f in self.findings_after}
        return [f for f in self.findings_before if _identity(f) not in after]

    @property
    def remaining(self) -> list[Finding]:
        before = {_identity(f) for f in self.findings_before}
        return [f for f in self.findings_after if _identity(f) in before]

    @property
    def has_error(self) -> bool:
        return any(f.is_error for f in self.findings_after)

    def description(self, lang: str = "en") -> str:
        return messages.render(f"replan.change.{self.change.event}", self.description_params, lang)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        tz = self.pathway.tz
        return {
            "pathway_id": self.pathway_id,
            "change": {
                "event": self.change.event, "shift_days": self.change.shift_days,
                "reason": self.change.reason, "description": self.description(lang),
            },
            "applied": False,
            "events": [e.to_json(tz) for e in self.events],
            "fields": {k: {"before": _plain(b), "after": _plain(a)} for k, (b, a) in self.fields.items()},
            "findings": {
                "appeared": [f.to_json(lang) for f in self.appeared],
                "disappeared": [f.to_json(lang) for f in self.disappeared],
                "remaining": [f.to_json(lang) for f in self.remaining],
            },
            "has_error": self.has_error,
            "refused": None if self.refusal is None else self.refusal.to_json(lang),
            "suggestions": [s.to_json(lang) for s in self.suggestions],
            "pathway": self.pathway.to_document(),
        }

    def text(self, lang: str = "en") -> str:
        """A readable side-by-side account for the command line."""
        t = messages.TEMPLATES.get(lang, messages.TEMPLATES["en"])
        tz = self.pathway.tz
        lines = [self.description(lang), "", t["replan.heading.events"]]

        def span(s: tuple[When, When | None] | None) -> str:
            if s is None:
                return "—"
            text = timeutil.format_human(s[0], tz)
            return text if s[1] is None else f"{text} – {timeutil.format_human(s[1], tz)}"

        width = max((len(messages.event_name(e.label_after or e.label_before or "", lang)) for e in self.events), default=10)
        for e in self.events:
            name = messages.event_name(e.label_after or e.label_before or e.kind, lang)
            if e.status == "unchanged":
                right = t["replan.unchanged"]
            elif e.status == "added":
                right = f"{span(e.after)}  ({t['replan.added']})"
            else:
                right = span(e.after)
            marker = " " if e.status == "unchanged" else "*"
            lines.append(f"{marker} {name:<{width}}  {span(e.before):<35}  →  {right}")
        for heading, found in (
            ("replan.heading.appeared", self.appeared),
            ("replan.heading.disappeared", self.disappeared),
            ("replan.heading.remaining", self.remaining),
        ):
            lines += ["", t[heading]]
            lines += [f"  {f.severity.value:<7}  {f.code:<22}  {f.message(lang)}" for f in found] or [
                f"  {t['replan.none']}"
            ]
        if self.suggestions:
            lines += ["", t["replan.heading.suggestions"]]
            lines += [f"  {s.message(lang)}" for s in self.suggestions]
        if self.refusal is not None:
            lines += ["", t["replan.heading.refused"], f"  {self.refusal.code}  {self.refusal.message(lang)}"]
        lines += ["", t["replan.not_applied"]]
        return "\n".join(lines)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# -- moving events ---------------------------------------------------------------


def _shift(value: When | None, days: int, tz) -> When | None:
    """*value* moved by whole days, keeping its local time of day."""
    if value is None or days == 0:
        return value
    if isinstance(value, datetime):
        local = value.astimezone(tz).replace(tzinfo=None) + timedelta(days=days)
        try:
            return timeutil.localize(local, tz)
        except TimeError:
            # The same wall-clock time does not exist (or exists twice) that day; keep the real interval.
            return timeutil.add_minutes(value, days * 1440, tz)
    return value + timedelta(days=days)


def _move(event: Event, days: int, tz) -> None:
    if days and not event.happened:
        event.start = _shift(event.start, days, tz)  # type: ignore[assignment]
        event.end = _shift(event.end, days, tz)
        if event.kind == "product_receipt" and event.shipper_hold_until is not None:
            event.shipper_hold_until = _shift(event.shipper_hold_until, days, tz)  # type: ignore[assignment]


def _day(value: When, tz) -> date:
    return timeutil.local_day(value, tz)


def _ld_last_day(ld: Event, tz) -> date:
    """The last day of a course: the actual end, else the planned end (a course under way runs as planned)."""
    end = ld.actual_end or ld.end or ld.actual_start or ld.start
    return _day(end, tz)


def _step(n: int) -> int:
    return 1 if n >= 0 else -1


class _Replanner:
    def __init__(self, pathway: Pathway, planner: Planner, profile: ProductProfile | None):
        self.original = pathway
        self.planner = planner
        self.calendar = planner.calendar
        tz = pathway.tz
        # The numbers the pathway was planned with where the label gives none: its conditioning
        # course's days (busulfan per the centre's protocol) and its mobilisation cycles.
        conditioning = pathway.first("conditioning")
        days = None
        if conditioning is not None:
            days = (_ld_last_day(conditioning, tz) - conditioning.first_day(tz)).days + 1
        request = PlanRequest(
            pathway.product, pathway.indication, pathway.region, ld_regimen=pathway.ld_regimen,
            timezone=pathway.timezone, conditioning_days=days,
            apheresis_cycles=max(1, len(pathway.of("mobilisation"))),
        )
        try:
            try:
                self.profile, self.rules = planner.rules_for(request, profile)
            except PlanningError:
                if request.apheresis_cycles == 1:
                    raise
                # mobilisation events on a profile without the rule: its numbers for one cycle
                self.profile, self.rules = planner.rules_for(replace(request, apheresis_cycles=1), profile)
        except PlanningError as exc:
            raise ReplanError(str(exc)) from None
        self.new = copy.deepcopy(pathway)
        self.source = {id(n): o for n, o in zip(self.new.events, pathway.events)}
        self.tz = self.new.tz
        self.fields: dict[str, tuple[Any, Any]] = {}
        self.description: dict[str, Any] = {}

    # -- the events of the revised pathway ----------------------------------

    def last(self, kind: str) -> Event | None:
        return self.new.last(kind)

    def infusions(self) -> list[Event]:
        return self.new.of("infusion")

    def course(self) -> Event | None:
        """The lymphodepletion (or conditioning) course the (first) infusion follows."""
        courses = [e for e in self.new.events if e.kind in COURSE_KINDS]
        inf = self.new.first("infusion")
        if inf is not None:
            d0 = inf.first_day(self.tz)
            courses = [c for c in courses if c.first_day(self.tz) <= d0] or courses
        return courses[-1] if courses else None

    def next_infusion_day(self, day: date, step: int = 1) -> date:
        for _ in range(self.planner.settings.search_days):
            if self.planner.infusion_ok(day):
                return day
            day += timedelta(days=step)
        raise ReplanError(f"no day with the ward and the cell lab open near {day}")

    def next_open(self, day: date, activity: str, step: int = 1) -> date:
        try:
            return self.calendar.next_open(day, activity, step=step, limit=self.planner.settings.search_days)
        except ValueError as exc:
            raise ReplanError(str(exc)) from None

    def refuse_if_happened(self, event: Event | None, what: str) -> None:
        if event is not None and event.happened:
            raise ReplanError(
                f"{what} already happened on {_day(event.when, self.tz)}; what has happened is not moved"
            )

    def require(self, kind: str) -> Event:
        event = self.last(kind)
        if event is None:
            raise ReplanError(f"the pathway has no {kind.replace('_', ' ')} event to move")
        return event

    # -- the changes ---------------------------------------------------------

    def apply(self, change: Change) -> None:
        n = change.shift_days
        self.description = {"shift": f"{n:+d}"}
        if any(i.happened for i in self.infusions()) and change.event != "infusion":
            raise ReplanError("the product has already been infused; nothing before it can move")
        getattr(self, f"_{change.event}")(n)
        self.new.relabel()

    def _apheresis(self, n: int) -> None:
        aph = self.require("apheresis")
        self.refuse_if_happened(aph, "apheresis")
        # Every collection still to come moves, cycle by cycle in order. Later: each cycle by the
        # smallest shift from the previous cycle's on that puts all its days on open apheresis days,
        # so the cycles keep their order and never come closer together. Earlier: all by one shift.
        todo = [a for a in self.new.of("apheresis") if not a.happened]
        groups: dict[Any, list[Event]] = {}
        for a in todo:
            groups.setdefault(a.extra.get("cycle"), []).append(a)
        shifts: dict[Any, int] = {}
        if n < 0:
            delta = self._open_shift([a.first_day(self.tz) for a in todo], n)
            shifts = {c: delta for c in groups}
        else:
            delta = n
            for c, events in groups.items():
                delta = shifts[c] = self._open_shift([a.first_day(self.tz) for a in events], delta)
        for c, events in groups.items():
            for a in events:
                _move(a, shifts[c], self.tz)
        for mob in self.new.of("mobilisation"):
            c = mob.extra.get("cycle")
            if c not in shifts:
                continue
            if not mob.happened:
                _move(mob, shifts[c], self.tz)
            elif mob.actual_end is None and mob.end is not None:
                mob.end = _shift(mob.end, shifts[c], self.tz)  # a course under way runs on to its new last collection
        first_shift = next(iter(shifts.values()))
        for test in self.new.of("marker_test"):
            if not test.happened:
                _move(test, first_shift, self.tz)  # planned samples keep their distance before the first collection
        delta = list(shifts.values())[-1]  # manufacturing follows the last collection
        new = aph.first_day(self.tz)
        mfg = self.new.first("manufacturing")
        if mfg is not None:
            _move(mfg, delta, self.tz)
            release = _day(mfg.end or mfg.start, self.tz)
        else:
            release = new + timedelta(days=self.rules.manufacturing_days)
        self._after_release(release)

    def _open_shift(self, days: list[date], n: int) -> int:
        """The first shift from *n* on (away from 0) that puts every day of *days* on an open apheresis day."""
        step, delta = _step(n), n
        for _ in range(self.planner.settings.search_days):
            if all(self.calendar.is_open(d + timedelta(days=delta), "apheresis") for d in days):
                return delta
            delta += step
        raise ReplanError(f"no open apheresis days for the {len(days)} collection(s) within "
                          f"{self.planner.settings.search_days} days")

    def _manufacturing(self, n: int) -> None:
        mfg = self.require("manufacturing")
        if mfg.actual_end is not None:
            raise ReplanError(
                f"manufacturing already ended on {_day(mfg.actual_end, self.tz)}; "
                "use remanufacture for a product out of specification"
            )
        if mfg.end is None:
            raise ReplanError("manufacturing has no planned end (release) to move")
        end = _shift(mfg.end, n, self.tz)
        if _day(end, self.tz) < _day(mfg.when, self.tz):  # type: ignore[arg-type]
            raise ReplanError(f"the release cannot move before manufacturing starts ({_day(mfg.when, self.tz)})")
        mfg.end = end
        self._after_release(_day(end, self.tz))  # type: ignore[arg-type]

    def _product_receipt(self, n: int) -> None:
        receipt = self.require("product_receipt")
        self.refuse_if_happened(receipt, "product receipt")
        old = receipt.first_day(self.tz)
        new = self.next_open(old + timedelta(days=n), "cell_lab", _step(n))
        shipment = self.last("product_shipment")
        if shipment is not None and new < shipment.first_day(self.tz):
            raise ReplanError(f"the product cannot arrive before it is shipped ({shipment.first_day(self.tz)})")
        self._receive(new)
        self._downstream(new)

    def _conditioning(self, n: int) -> None:
        self._lymphodepletion(n, "conditioning")

    def _lymphodepletion(self, n: int, kind: str = "lymphodepletion") -> None:
        ld = self.course()
        if ld is not None and ld.kind != kind and kind == "conditioning":
            raise ReplanError("the pathway has no conditioning event to move (its course is lymphodepletion)")
        if ld is None:
            raise ReplanError(f"the pathway has no {kind} event to move")
        what = "conditioning" if ld.kind == "conditioning" else "lymphodepletion"
        if ld.happened:
            if what == "conditioning":
                raise ReplanError(
                    f"conditioning already started on {_day(ld.when, self.tz)}; it is not moved "
                    "(myeloablative conditioning is not repeated)"
                )
            raise ReplanError(
                f"lymphodepletion already started on {_day(ld.when, self.tz)}; it is not moved "
                "(plan a repeat course instead)"
            )
        _move(ld, n, self.tz)
        inf = self.new.first("infusion")
        if inf is None:
            return
        old = inf.first_day(self.tz)
        lo = max(_ld_last_day(ld, self.tz) + timedelta(days=self.rules.gap_nominal), old)
        self._infuse(self.next_infusion_day(lo))

    def _infusion(self, n: int) -> None:
        inf = self.new.first("infusion")
        if inf is None:
            raise ReplanError("the pathway has no infusion event to move")
        self.refuse_if_happened(inf, "infusion")
        old = inf.first_day(self.tz)
        new = self.next_infusion_day(old + timedelta(days=n), _step(n))
        ld = self.course()
        if ld is not None and not ld.happened:
            # Not given yet: the course moves with the infusion and keeps its gap.
            _move(ld, (new - old).days, self.tz)
        self._infuse(new)

    def _remanufacture(self, n: int) -> None:
        first = self.require("manufacturing")
        ended = _day(first.until or first.end or first.when, self.tz)
        start = ended + timedelta(days=n)
        release = start + timedelta(days=self.rules.manufacturing_days)
        self.description = {"start": start.isoformat(), "shift": f"{n:+d}"}
        self.new.events.append(
            Event("manufacturing", start, release, note="remanufacture: first product out of specification")
        )
        self._after_release(release, remanufactured=True)
        if self.new.product_expiry is not None:
            # The expiry recorded is the first product's; the new one's is known when it arrives.
            self.fields["product_expiry"] = (self.new.product_expiry, None)
            self.new.product_expiry = None

    # -- what follows a release --------------------------------------------

    def _after_release(self, release: date, remanufactured: bool = False) -> None:
        receipt = self.last("product_receipt")
        if receipt is not None and receipt.happened and not remanufactured:
            raise ReplanError(
                f"the product was already received on {receipt.first_day(self.tz)}; a later release "
                "no longer moves it (use remanufacture for a product out of specification)"
            )
        try:
            arrival = self.planner.receipt_for_release(release)
        except ValueError as exc:
            raise ReplanError(str(exc)) from None
        shipment = self.last("product_shipment")
        arrived = receipt is not None and receipt.happened
        if shipment is None or shipment.happened or arrived:
            # A shipment that arrived is history, recorded or not: the new product gets its own.
            if shipment is not None or receipt is not None:
                self.new.events.append(Event("product_shipment", release, arrival))
        else:
            shipment.start, shipment.end = release, arrival
        self._receive(arrival)
        self._downstream(arrival)

    def _receive(self, arrival: date) -> None:
        """Receipt (and storage) on *arrival*: moved when planned, added when the old one happened."""
        receipt = self.last("product_receipt")
        storage = self.last("storage")
        s = self.planner.settings
        if receipt is not None and not receipt.happened:
            delta = (arrival - receipt.first_day(self.tz)).days
            _move(receipt, delta, self.tz)
            shipment = self.last("product_shipment")
            if shipment is not None and not shipment.happened and shipment.end is not None:
                shipment.end = _shift(shipment.end, (arrival - _day(shipment.end, self.tz)).days, self.tz)
            if storage is not None:
                _move(storage, delta, self.tz)
            return
        received = timeutil.at(arrival, s.receipt_time.hour, s.receipt_time.minute, self.tz)
        self.new.events.append(Event("product_receipt", received))
        self.new.events.append(Event("storage", timeutil.add_minutes(received, s.storage_after_minutes, self.tz)))

    def _downstream(self, arrival: date) -> None:
        """Lymphodepletion and infusion after a product arriving on *arrival*: moved only as far as needed."""
        r = self.rules
        inf = self.new.first("infusion")
        ld = self.course()
        earliest_ld = arrival + timedelta(days=1)
        if ld is not None and ld.happened:
            if inf is None:
                return
            length = (_ld_last_day(ld, self.tz) - ld.first_day(self.tz)).days + 1
            lo = max(
                earliest_ld + timedelta(days=length - 1 + r.gap_nominal),
                _ld_last_day(ld, self.tz) + timedelta(days=r.gap_nominal),
                inf.first_day(self.tz),
            )
            self._infuse(self.next_infusion_day(lo))
            return
        if ld is None:
            if inf is not None:
                lo = max(earliest_ld, inf.first_day(self.tz))
                self._infuse(self.next_infusion_day(lo))
            return
        start = ld.first_day(self.tz)
        length = (_ld_last_day(ld, self.tz) - start).days + 1
        if start >= earliest_ld:
            return  # nothing forces the course (or the infusion after it) to move
        if inf is None:
            _move(ld, (earliest_ld - start).days, self.tz)
            return
        lo = max(earliest_ld + timedelta(days=length - 1 + r.gap_nominal), inf.first_day(self.tz))
        infusion = self.next_infusion_day(lo)
        _move(ld, (infusion - timedelta(days=r.gap_nominal + length - 1) - start).days, self.tz)
        self._infuse(infusion)

    def _infuse(self, day: date) -> None:
        """Thaw, infusion, monitoring and follow-up of the first dose on *day* (and of a split dose's second)."""
        infusions = self.infusions()
        if not infusions:
            return
        first = infusions[0]
        delta = (day - first.first_day(self.tz)).days
        days = [day]
        split = self.profile.rule("split_dose")
        if len(infusions) > 1:
            second = infusions[1].first_day(self.tz) + timedelta(days=delta)
            if split.known:
                second = self.planner.second_dose_day(day, split.value)
            days.append(second)
        deltas = [(d - i.first_day(self.tz)).days for d, i in zip(days, infusions)]
        deltas += [delta] * (len(infusions) - len(deltas))
        thaws = self.new.of("thaw")
        for i, inf in enumerate(infusions):
            _move(inf, deltas[i], self.tz)
        for i, thaw in enumerate(thaws):
            _move(thaw, deltas[i] if len(thaws) == len(infusions) else delta, self.tz)
        if delta == 0:
            return
        for mon in self.new.of("monitoring"):
            _move(mon, delta, self.tz)
        for course in self.new.of("post_infusion_drug"):
            _move(course, delta, self.tz)  # IL-2 and the like keep their day numbers after infusion
        for fu in self.new.of("follow_up"):
            if fu.happened:
                continue
            old = fu.first_day(self.tz)
            target = self.next_open(old + timedelta(days=delta), "ward", _step(delta))
            _move(fu, (target - old).days, self.tz)

    # -- the repeat-lymphodepletion suggestion -------------------------------

    def repeat_course(self, today: date | None) -> tuple[Pathway, dict[str, Any]] | None:
        """The revised pathway with a repeat course, when the course given no longer fits the infusion."""
        ld, inf = self.course(), self.new.first("infusion")
        if ld is None or inf is None or not ld.happened or ld.kind != "lymphodepletion":
            return None
        r = self.rules
        length = (_ld_last_day(ld, self.tz) - ld.first_day(self.tz)).days + 1
        infusion = inf.first_day(self.tz)
        receipt = self.last("product_receipt")
        earliest = _ld_last_day(ld, self.tz) + timedelta(days=1)
        if receipt is not None:
            earliest = max(earliest, receipt.first_day(self.tz) + timedelta(days=1))
        if today is not None:
            earliest = max(earliest, today)
        start = infusion - timedelta(days=r.gap_nominal + length - 1)
        if start < earliest:
            start = earliest
            infusion = self.next_infusion_day(start + timedelta(days=length - 1 + r.gap_nominal))
            start = infusion - timedelta(days=r.gap_nominal + length - 1)
        alt = _Replanner(self.new, self.planner, self.profile)
        alt.new.events.append(
            Event("lymphodepletion", start, start + timedelta(days=length - 1), note="repeat lymphodepletion")
        )
        alt.new.relabel()
        alt._infuse(infusion)
        alt.new.relabel()
        params = dict(
            ld_first=ld.first_day(self.tz).isoformat(), ld_last=_ld_last_day(ld, self.tz).isoformat(),
            infusion=inf.first_day(self.tz).isoformat(),
            gap=(inf.first_day(self.tz) - _ld_last_day(ld, self.tz)).days,
            new_first=start.isoformat(), new_last=(start + timedelta(days=length - 1)).isoformat(),
            new_infusion=infusion.isoformat(), nominal=r.gap_nominal,
        )
        return alt.new, params

    # -- before and after ------------------------------------------------------

    def conditioning_refusal(self, after: list[Finding]) -> Finding | None:
        """A conditioning course given that the revised infusion no longer fits: the reason to refuse."""
        ld, inf = self.course(), self.new.first("infusion")
        if ld is None or inf is None or ld.kind != "conditioning" or not ld.happened:
            return None
        if not any(f.code == "CONDITIONING_TO_INFUSION" and f.is_error for f in after):
            return None
        spec = self.profile.rule("conditioning").value or {}
        last = _ld_last_day(ld, self.tz)
        infusion = inf.first_day(self.tz)
        return error(
            "CONDITIONING_TO_INFUSION", "replan.conditioning_given", inf.label,
            drug=ld.extra.get("drug") or spec.get("drug") or "conditioning", last_dose=last.isoformat(),
            infusion=infusion.isoformat(), gap=(infusion - last).days,
            min=spec.get("infusion_min_days"), max=spec.get("infusion_max_days"), product=self.profile.name,
        )

    def event_changes(self) -> list[EventChange]:
        out = []
        for e in self.new.events:
            old = self.source.get(id(e))
            if old is None:
                out.append(EventChange(e.kind, None, e.label, None, (e.start, e.end)))
            else:
                out.append(EventChange(e.kind, old.label, e.label, (old.start, old.end), (e.start, e.end)))
        return out


def propose(
    pathway: Pathway,
    change: Change,
    *,
    planner: Planner | None = None,
    profile: ProductProfile | None = None,
    load: "Load | None" = None,
    pathway_id: str | None = None,
    today: date | None = None,
) -> Proposal:
    """The revised pathway for *change*, with what changes; *pathway* itself is not touched.

    With *load* (the site's capacity, see :mod:`atmp_desktop.domain.capacity`)
    the findings before and after include ``CAPACITY``, as if the proposal
    replaced *pathway_id*'s current use. *today* keeps a suggested repeat
    lymphodepletion course from starting in the past.
    """
    planner = planner or Planner()
    r = _Replanner(pathway, planner, profile)
    r.apply(change)
    calendar = planner.calendar

    def findings(p: Pathway, replacing: bool) -> list[Finding]:
        found = check_pathway(p, profile=r.profile, calendar=calendar)
        if load is not None:
            pid = pathway_id if pathway_id is not None else "(proposal)"
            if replacing:
                found += load.findings_for(pid, p)
            elif pid in load:
                found += load.findings_for(pid)
            else:
                found += load.findings_for(pid, p)
        return sort_findings(found)

    before = findings(pathway, replacing=False)
    after = findings(r.new, replacing=True)
    suggestions = []
    refusal = r.conditioning_refusal(after)
    if any(f.code == "LD_TO_INFUSION" and f.key == "ld_to_infusion.too_late" for f in after):
        repeat = r.repeat_course(today)
        if repeat is not None:
            alt, params = repeat
            suggestions.append(Suggestion("replan.repeat_ld", params, alt, findings(alt, replacing=True)))
    return Proposal(
        original=pathway,
        pathway=r.new,
        change=change,
        events=r.event_changes(),
        findings_before=before,
        findings_after=after,
        suggestions=suggestions,
        fields=r.fields,
        pathway_id=pathway_id,
        description_params=r.description,
        refusal=refusal,
    )
